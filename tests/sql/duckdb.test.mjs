// The warehouse scoring query, run for real: `klaster sql` writes the DuckDB query for a model
// and a segmentation, DuckDB (the npm package, used only here) runs it over the same CSV, and
// every row's score must match the engine's to 1e-9 and every segment exactly.
//
// Needs the release CLI (scripts/test.sh builds it; KLASTER_CLI overrides the path). The public
// datasets are used when ../shared/data is present; the generated cases always run.

import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runDuckDb } from './duckdb.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = process.env.KLASTER_CLI ?? join(root, 'target/release/klaster');
const data = resolve(root, '../shared/data');
const work = mkdtempSync(join(tmpdir(), 'klaster-sql-'));
test.after(() => rmSync(work, { recursive: true, force: true }));

function klaster(...args) {
  return execFileSync(cli, args, { maxBuffer: 1 << 30, encoding: 'utf8' });
}

/**
 * Segments and scores `csv` with the CLI, writes the query, runs it on DuckDB, compares.
 * Returns how many rows had a segment in both.
 */
async function check(name, csv, { read = '', model, segment = [] }) {
  const segFile = join(work, `${name}.segments.json`);
  const seg = JSON.parse(
    klaster('segment', csv, '--json', '--assignments', '--save', segFile, ...segment),
  );
  const args = ['sql', '--segments', segFile, '--table', 'customers'];
  if (model) args.push('--model', model);
  const sql = klaster(...args);
  writeFileSync(join(work, `${name}.sql`), sql);
  const rows = await runDuckDb(csv, read, sql);
  assert.equal(rows.length, seg.rows, `${name}: DuckDB read every row`);

  // Every derived column (Age, Total_Spent, Contacted_Before …) as the engine computes it.
  const derived = JSON.parse(klaster('derive', csv, '--json'));
  for (const [column, values] of Object.entries(derived)) {
    values.forEach((want, i) => {
      const got = rows[i][column];
      if (want === null || typeof want === 'string') {
        assert.equal(got, want, `${name}: ${column} of row ${i + 1}`);
      } else {
        assert.ok(Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want)),
          `${name}: ${column} of row ${i + 1}: ${got} ≠ ${want}`);
      }
    });
  }

  if (model) {
    const scored = JSON.parse(klaster('score', csv, '--model', model, '--json', '--rows'));
    let worst = 0;
    for (const s of scored.scores) {
      const got = rows[s.row - 1].klaster_score;
      assert.equal(typeof got, 'number', `${name}: row ${s.row} has a score`);
      worst = Math.max(worst, Math.abs(got - s.score));
    }
    assert.ok(worst <= 1e-9, `${name}: largest score difference ${worst}`);
  }

  let both = 0;
  for (const a of seg.assignments) {
    const got = rows[a.row - 1].klaster_segment;
    if (a.segment != null) {
      assert.equal(Number(got), a.segment + 1, `${name}: segment of row ${a.row}`);
      assert.equal(rows[a.row - 1].klaster_segment_name, a.name);
      both += 1;
    } else if (a.excluded === 'missing a feature') {
      assert.equal(got, null, `${name}: row ${a.row} lacks a feature, so no segment`);
    }
  }
  assert.ok(both >= seg.rows_used * 0.99, `${name}: ${both} of ${seg.rows_used} segmented rows`);
  return { both, sql, seg: JSON.parse(readFileSync(segFile, 'utf8')) };
}

test('bank-full.csv: bank model and default segments, DuckDB = engine', {
  skip: !existsSync(join(data, 'bank-full.csv')) && 'no ../shared/data',
}, async () => {
  const { both, sql } = await check('bank', join(data, 'bank-full.csv'), { model: 'bank' });
  assert.ok(both > 45_000);
  // yes/no columns arrive as BOOLEAN in DuckDB and are read as the engine reads yes/no.
  assert.match(sql, /'yes', 'true'/);
});

test('marketing_campaign.csv: personality model and LRFM segments (derived features)', {
  skip: !existsSync(join(data, 'marketing_campaign.csv')) && 'no ../shared/data',
}, async () => {
  const { sql } = await check('personality', join(data, 'marketing_campaign.csv'), {
    read: ", delim = '\\t', dateformat = '%d-%m-%Y'",
    model: 'personality',
  });
  // Age, Total_Spent, Total_Day_Membership … are recomputed in the query.
  for (const c of ['"Age"', '"Total_Spent"', '"Total_Day_Membership"', '"Income_Group"']) {
    assert.ok(sql.includes(` AS ${c}`), `${c} derived in SQL`);
  }
});

test('generated customers: K-Prototypes with a category, K-Means one-hot with log scaling', async () => {
  const csv = join(work, 'sample.csv');
  writeFileSync(csv, klaster('sample', '--rows', '3000'));
  const read = ", delim = '\\t', dateformat = '%d-%m-%Y'";
  const { seg } = await check('kprototypes', csv, {
    read,
    model: 'personality',
    segment: ['--features', 'Recency,Income_Group,Age_Group', '--algorithm', 'kprototypes', '--k', '4'],
  });
  // The categories decide between segments (not one mode everywhere).
  assert.ok(new Set(seg.model.modes).size > 2, `modes ${seg.model.modes}`);
  const { sql } = await check('onehot', csv, {
    read,
    segment: [
      '--features', 'Recency,Total_Spent,Marital_Status',
      '--algorithm', 'kmeans', '--scaling', 'log1p', '--k', '4',
    ],
  });
  assert.match(sql, /LN\(1e0 \+/);
});

test('generated bank calls: derived yes/no columns as model categories, sentinel codes', async () => {
  // The bank file's columns (so the schema is recognised and Contacted_Before derived).
  const lines = ['age;job;marital;education;default;balance;housing;loan;contact;day;month;'
    + 'duration;campaign;pdays;previous;poutcome;y'];
  const pick = (list, i) => list[i % list.length];
  for (let i = 0; i < 400; i += 1) {
    const contacted = i % 4 === 0;
    const outcome = contacted ? pick(['success', 'failure', 'other'], i >> 2) : 'unknown';
    const yes = outcome === 'success' || (i * 7) % 10 === 0;
    lines.push([
      20 + (i * 13) % 60, pick(['admin.', 'technician', 'services'], i),
      pick(['married', 'single'], i >> 1), pick(['primary', 'secondary', 'tertiary'], i >> 2),
      pick(['no', 'no', 'yes'], i), (i * 97) % 5000 - 300, pick(['yes', 'no'], i >> 3),
      pick(['no', 'yes'], i >> 2), pick(['cellular', 'unknown'], i), 1 + (i % 28),
      pick(['may', 'jun', 'jul'], i), 30 + (i * 53) % 900, 1 + (i % 6),
      contacted ? 1 + (i * 31) % 300 : -1, contacted ? 1 + (i % 5) : 0, outcome, yes ? 'yes' : 'no',
    ].join(';'));
  }
  const csv = join(work, 'calls.csv');
  writeFileSync(csv, lines.join('\n') + '\n');
  const modelFile = join(work, 'calls.model.json');
  klaster('train', csv, '--target', 'y', '--numeric', 'age,balance',
    '--categorical', 'Contacted_Before,Previous_Success,job', '--out', modelFile);
  const model = JSON.parse(readFileSync(modelFile, 'utf8'));
  const levels = model.features.find((f) => f.column === 'Contacted_Before').levels;
  assert.deepEqual(levels.map((l) => l.label).sort(), ['no', 'yes']);
  await check('calls', csv, {
    model: modelFile,
    segment: ['--features', 'balance,pdays,previous', '--k', '3'],
  });
});

test('awkward names and values: quotes, apostrophes, backslashes, missing tokens', async () => {
  // 240 rows, a planted signal, names and labels that need escaping in SQL.
  const lines = [`"Customer ""No""",Plan's tier,Spend \\ month,Visits,Region,Answered`];
  for (let i = 0; i < 240; i += 1) {
    const tier = ["Gold's", 'Basic\\Plus', 'Silver "S"'][i % 3];
    const spend = i % 17 === 0 ? 'NA' : String(20 + ((i * 37) % 200));
    const visits = 1 + ((i * 7) % 9);
    const region = i % 11 === 0 ? '' : ['North', "O'Hare", 'South'][i % 3 === 1 ? 1 : (i >> 1) % 3];
    const yes = (i * 13) % 5 === 0 || (Number(spend) > 180 && i % 2 === 0);
    lines.push(`${1000 + i},"${tier.replaceAll('"', '""')}",${spend},${visits},${region},${yes ? 'yes' : 'no'}`);
  }
  const csv = join(work, "awkward 'names'.csv");
  writeFileSync(csv, lines.join('\n') + '\n');
  const modelFile = join(work, 'awkward.model.json');
  klaster('train', csv, '--target', 'Answered', '--out', modelFile);
  const model = JSON.parse(readFileSync(modelFile, 'utf8'));
  assert.ok(model.features.length >= 3, 'the model uses the awkward columns');
  await check('awkward', csv, {
    model: modelFile,
    segment: [
      '--features', "Spend \\ month,Visits,Plan's tier",
      '--algorithm', 'kprototypes', '--k', '3', '--iqr', 'Visits',
    ],
  });
});

test('dates of birth and of the last purchase: Age and Days_Since_Last_Purchase in SQL', async () => {
  // Roles from the names (birth date, last purchase date); both become segment features.
  const lines = ['customer_id,date_of_birth,last_order_date,total_sales,orders'];
  const iso = (days) => new Date(days * 86400000).toISOString().slice(0, 10);
  for (let i = 0; i < 300; i += 1) {
    const birth = i % 23 === 0 ? '' : iso(-3000 + ((i * 2917) % 18000));
    const last = iso(19000 + ((i * 613) % 700));
    lines.push(`C${String(i + 1).padStart(4, '0')},${birth},${last},${(50 + (i * 37) % 900).toFixed(2)},${1 + (i * 7) % 30}`);
  }
  const csv = join(work, 'dates.csv');
  writeFileSync(csv, lines.join('\n') + '\n');
  const derived = JSON.parse(klaster('derive', csv, '--json'));
  assert.ok('Age' in derived && 'Days_Since_Last_Purchase' in derived, Object.keys(derived).join());
  const { sql, seg } = await check('dates', csv, {});
  assert.match(sql, /EXTRACT\(YEAR FROM/);
  const features = seg.features.map((f) => f.column);
  assert.ok(features.includes('Age') && features.includes('Days_Since_Last_Purchase'), features.join());
});

test('Spark SQL and BigQuery: the same query in their syntax', () => {
  const csv = join(work, 'dialects.csv');
  writeFileSync(csv, klaster('sample', '--rows', '400'));
  const seg = join(work, 'dialects.segments.json');
  klaster('segment', csv, '--json', '--save', seg);
  const duck = klaster('sql', '--segments', seg, '--model', 'personality');
  const spark = klaster('sql', '--segments', seg, '--model', 'personality', '--dialect', 'spark');
  const bq = klaster('sql', '--segments', seg, '--model', 'personality', '--dialect', 'bigquery',
    '--table', 'project.dataset.customers');
  for (const [name, sql] of [['spark', spark], ['bigquery', bq]]) {
    assert.doesNotMatch(sql, /TRY_CAST|date_diff|VARCHAR|"/, `${name}: no DuckDB syntax`);
    assert.equal(sql.split('(').length, sql.split(')').length, `${name}: balanced parentheses`);
    // The same steps, the same numbers.
    const numbers = (s) => s.match(/-?\d\.\d*e-?\d+/g).join(' ');
    assert.equal(numbers(sql), numbers(duck), `${name}: same constants as DuckDB's`);
  }
  assert.match(spark, /try_cast\(`Income` AS DOUBLE\)/);
  assert.match(spark, /datediff\(DATE '/);
  assert.match(bq, /SAFE_CAST\(`Income` AS FLOAT64\)/);
  assert.match(bq, /DATE_DIFF\(DATE '\d{4}-\d\d-\d\d', SAFE_CAST\(`Dt_Customer` AS DATE\), DAY\)/);
  assert.match(bq, /FROM project\.dataset\.customers/);
});
