// End-to-end: the Export card. A generated customer file uploaded through the UI; the page's
// warehouse query is byte-for-byte the command line's and, run on DuckDB over the same CSV,
// gives the page's scores and segments; the segment summary, the segmentation file, another
// dialect, and a chart as PNG.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { appSuite, upload, waitIdle, downloaded, cells, tempDir } from "./harness.mjs";
import { runDuckDb } from "../sql/duckdb.mjs";

const session = appSuite();
const cli = process.env.KLASTER_CLI ?? path.resolve("target/release/klaster");
const klaster = (...args) => execFileSync(cli, args, { encoding: "utf8", maxBuffer: 1 << 28 });

/**
 * The same text with the same numbers, up to the last bits: WebAssembly and the native build
 * may round a mean differently in the 16th digit.
 */
function sameUpToRounding(got, want, what) {
  const number = /-?\d+(?:\.\d+)?(?:e-?\d+)?/g;
  assert.equal(got.replace(number, "#"), want.replace(number, "#"), `${what}: same text`);
  const [a, b] = [got.match(number) ?? [], want.match(number) ?? []];
  assert.equal(a.length, b.length);
  a.forEach((x, i) => {
    const [p, q] = [Number(x), Number(b[i])];
    assert.ok(Math.abs(p - q) <= 1e-12 * Math.max(1, Math.abs(q)), `${what}: ${x} vs ${b[i]}`);
  });
}


test("export: warehouse SQL = the CLI's and DuckDB = the page; summary, segmentation file, PNG", async () => {
  const dir = tempDir("export");
  const csv = path.join(dir, "customers.csv");
  fs.writeFileSync(csv, klaster("sample", "--rows", "3000"));
  await session("export", async (page) => {
    await upload(page, csv);
    await page.waitForSelector("#best-cutoff", { timeout: 90_000 });
    await waitIdle(page);
    await page.locator("#export").scrollIntoViewIfNeeded();

    // The DuckDB query, as the command line writes it for the same file and defaults.
    const sql = await downloaded(page, "#export-sql");
    assert.equal(sql.name, "customers-scoring-duckdb.sql");
    const segFile = path.join(dir, "segments.json");
    klaster("segment", csv, "--save", segFile, "--json");
    const cliSql = klaster("sql", "--segments", segFile, "--model", "personality");
    sameUpToRounding(sql.bytes.toString("utf8"), cliSql, "page query = CLI query");

    // Run on DuckDB over the same CSV: every score and segment as the page's ranked list.
    const rows = await runDuckDb(csv, ", delim = '\\t', dateformat = '%d-%m-%Y'", cliSql);
    assert.equal(rows.length, 3000);
    const ranked = (await downloaded(page, "#export-ranked")).bytes.toString("utf8").trim().split("\n");
    assert.equal(ranked.length, 3001);
    const header = cells(ranked[0]);
    const [iRow, iScore, iSeg] = ["row", "score", "segment"].map((h) => header.indexOf(h));
    let segmented = 0;
    for (const line of ranked.slice(1)) {
      const c = cells(line);
      const r = rows[Number(c[iRow]) - 1];
      // The ranked list rounds scores to 6 decimals.
      assert.ok(Math.abs(r.klaster_score - Number(c[iScore])) <= 5e-7 + 1e-12, `row ${c[iRow]}: ${r.klaster_score} vs ${c[iScore]}`);
      if (c[iSeg] !== "") {
        assert.equal(r.klaster_segment_name, c[iSeg], `row ${c[iRow]} segment`);
        segmented += 1;
      }
    }
    assert.ok(segmented > 2500, `${segmented} rows with a segment`);

    // Segment summary: one row per segment, sizes adding up to the rows segmented.
    const summary = (await downloaded(page, "#export-summary")).bytes.toString("utf8").trim().split("\n");
    const sHeader = cells(summary[0]);
    assert.deepEqual(sHeader.slice(0, 6), ["segment", "name", "customers", "share", "response_rate", "mean_score"]);
    const k = summary.length - 1;
    assert.equal(String(k), await page.getAttribute("#segment-results", "data-k") ?? String(k));
    const sizes = summary.slice(1).map((l) => Number(cells(l)[2]));
    assert.equal(sizes.reduce((a, b) => a + b, 0), segmented);
    for (const l of summary.slice(1)) {
      const score = Number(cells(l)[5]);
      assert.ok(score > 0 && score < 1, `mean score ${score}`);
    }

    // The segmentation file: what `klaster sql` reads.
    const seg = JSON.parse((await downloaded(page, "#export-segments")).bytes.toString("utf8"));
    assert.equal(seg.format, "klaster-segments");
    assert.equal(seg.segments.length, k);
    sameUpToRounding(JSON.stringify(seg.model), JSON.stringify(JSON.parse(fs.readFileSync(segFile, "utf8")).model), "segment model");

    // Another dialect and table.
    await page.selectOption("#sql-dialect", "bigquery");
    await page.fill("#sql-table", "shop.crm.customers");
    const bq = await downloaded(page, "#export-sql");
    assert.equal(bq.name, "customers-scoring-bigquery.sql");
    const bqText = bq.bytes.toString("utf8");
    assert.match(bqText, /SAFE_CAST\(`Income` AS FLOAT64\)/);
    assert.match(bqText, /FROM shop\.crm\.customers/);

    // A chart as PNG (its own button, the image ECharts draws).
    const chart = page.locator("#gains-chart").locator("..");
    await chart.scrollIntoViewIfNeeded();
    await chart.screenshot({ path: path.join("tests/e2e/artifacts", "chart-png-button.png") });
    const png = await downloaded(page, "#gains-chart + .chart-png");
    assert.equal(png.name, "gains-chart.png");
    assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(png.bytes.length > 5_000, `PNG of ${png.bytes.length} bytes`);
    await page.locator("#export").screenshot({ path: path.join("tests/e2e/artifacts", "export-card.png") });
  });
  fs.rmSync(dir, { recursive: true, force: true });
});
