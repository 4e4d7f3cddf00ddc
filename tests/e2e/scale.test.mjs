// End-to-end at scale: a million generated customers (29 columns, ~100 MB, written by the
// engine's own generator through the CLI) uploaded through the real file input. The whole
// default flow must finish — load, profile, prepare, segment (the k sweep on a sample, the
// chosen k on every row), score — with the worker's memory under 1 GB, and the main thread
// must stay responsive: every task on it is recorded with the Long Tasks API.
//
// Times are printed, not asserted (they live in the benchmark table: scripts/bench.sh).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { appSuite, ROOT, tempDir } from "./harness.mjs";

const session = appSuite();
const ROWS = 1_000_000;
/** The longest main-thread task allowed during the run, from the upload to the last chart:
 * DESIGN §4's target. Measured 63–84 ms (charts drawn one per task, ECharts warmed up at idle,
 * the PCA scatter in large mode, the cards of a step mounted one per task). */
const LONGEST_TASK_MS = 100;
/** Runs of the flow allowed to meet it. This 2-core VM has noisy neighbours: the same build's
 * runs gave 63–98 ms on a quiet host and up to 380 ms (with the load itself 40 % slower) on a
 * busy one. A run over the bound is reported and the flow run again in a fresh page; every run
 * must be correct, and one must stay within the bound. */
const ATTEMPTS = 3;

function generated() {
  const cli = path.join(ROOT, "target/release/klaster");
  assert.ok(fs.existsSync(cli), "the release CLI is built first (scripts/test.sh builds it)");
  const file = path.join(tempDir("1m"), "customers_1m.tsv");
  const out = fs.openSync(file, "w");
  execFileSync(cli, ["sample", "--rows", String(ROWS), "--seed", "7"], { stdio: ["ignore", out, "inherit"] });
  fs.closeSync(out);
  return file;
}

test("a million rows: every step, memory under 1 GB, the main thread stays responsive", async () => {
  const file = generated();
  const longestPerRun = [];
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    longestPerRun.push(await run(file, attempt));
    if (longestPerRun.at(-1) <= LONGEST_TASK_MS) break;
    console.log(`run ${attempt}: longest main-thread task ${longestPerRun.at(-1)} ms, over ${LONGEST_TASK_MS} ms; running again`);
  }
  assert.ok(Math.min(...longestPerRun) <= LONGEST_TASK_MS, `longest main-thread task per run: ${longestPerRun.join(", ")} ms`);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

/** The whole flow on `file` in a fresh page; checks every step, returns the longest task. */
async function run(file, attempt) {
  let longest = Infinity;
  await session(`scale-1m-${attempt}`, async (page) => {
    await page.waitForSelector('main[data-ready="true"]');
    await page.evaluate(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push(Math.round(e.duration));
      }).observe({ type: "longtask" });
    });
    const started = Date.now();
    await page.setInputFiles("#file-input", file);
    await page.waitForSelector("#profile-summary li", { timeout: 120_000 });
    const loaded = Date.now() - started;
    assert.equal(await page.getAttribute("#row-count", "data-value"), String(ROWS));
    assert.equal(await page.$("#load-truncated"), null, "a million rows fit: nothing was cut");

    await page.waitForSelector("#segment-results", { timeout: 120_000 });
    const segmented = Date.now() - started;
    const used = Number(await page.getAttribute("#rows-after", "data-value"));
    assert.ok(used > 950_000, `rows after cleaning: ${used}`);
    // The sweep fitted a sample; the chosen k was fitted on every row.
    assert.equal(await page.getAttribute("#segment-results", "data-sweep-sample"), "50000");
    const note = await page.textContent("#segment-results");
    assert.match(note, /random sample of 50,000 of the [\d,]+ rows/);
    const sizes = await page.$$eval(".segment-card[data-size]", (cards) => cards.map((c) => Number(c.dataset.size)));
    assert.ok(sizes.length >= 2, `segment cards: ${sizes}`);

    await page.waitForSelector("#score-results", { timeout: 120_000 });
    const scored = Date.now() - started;
    await page.waitForSelector("main[data-wasm-memory]", { timeout: 60_000 });
    await page.waitForFunction(() => !document.querySelector("#status"), null, { timeout: 60_000 });
    // Let the last charts draw before reading the long tasks.
    await page.waitForTimeout(1_500);
    const memory = Number(await page.getAttribute("main", "data-wasm-memory"));
    const tasks = await page.evaluate(() => window.__longTasks);
    longest = Math.max(0, ...tasks);
    console.log(
      `1M rows: profile ${loaded} ms, segments ${segmented} ms, scores ${scored} ms; ` +
        `worker memory ${(memory / 2 ** 20).toFixed(0)} MiB; main-thread tasks > 50 ms: ${JSON.stringify(tasks)}`,
    );
    assert.ok(memory > 0 && memory <= 1024 ** 3, `worker memory ${memory} bytes`);
  });
  return longest;
}
