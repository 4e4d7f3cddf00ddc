// End-to-end: files at the edges stay usable — 10,000 columns (lists are cut to the first 100,
// the column table finds others by name, the page never freezes for long) and a single 50 MB
// line (the preview shows its start, not 50 MB of text). Files generated here.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { appSuite, waitIdle, tempDir } from "./harness.mjs";

const session = appSuite();

/** Records main-thread tasks longer than 50 ms (Long Tasks API). */
async function watchLongTasks(page) {
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push(Math.round(e.duration)))).observe({ type: "longtask" });
  });
}

test("10,000 columns: lists cut with a note, columns found by name, no long freeze", async () => {
  const cols = 10_000;
  const lines = [Array.from({ length: cols }, (_, i) => `c${i}`).join(",")];
  for (let r = 0; r < 50; r++) lines.push(Array.from({ length: cols }, (_, i) => (r * i) % 97).join(","));
  await session("limits-wide", async (page) => {
    await watchLongTasks(page);
    await page.setInputFiles("#file-input", { name: "wide.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n") + "\n") });
    await page.waitForSelector("#profile-summary li", { timeout: 60_000 });
    await waitIdle(page);
    assert.equal(await page.textContent("#col-count"), "10,000");
    assert.equal(await page.$$eval("#columns tbody tr", (r) => r.length), 100);
    assert.match(await page.textContent("#columns"), /10,000 columns: the first 100 are listed/);
    assert.match(await page.textContent("#stats"), /Showing the first 100 of 10,000 numeric columns/);
    assert.equal(await page.$$eval("#preview thead th", (r) => r.length), 100);
    assert.ok((await page.$$eval("#feature-picker li", (r) => r.length)) <= 110);
    // Find the last column by name and change its type: the worker re-reads the file.
    await page.fill("#column-filter", "c9999");
    await page.waitForFunction(() => document.querySelectorAll("#columns tbody tr").length === 1);
    await page.selectOption('[aria-label="Type of c9999"]', "text");
    await page.waitForFunction(() => document.querySelector('#columns tr[data-column="c9999"]')?.dataset.type === "text", null, { timeout: 60_000 });
    const long = await page.evaluate(() => window.__long);
    // Before the lists were cut, one task took 25 s. Measured now: ~0.45 s, 0.27 s of it reading
    // the worker's 8 MB answer (the profile of 10,000 columns) on the page's thread; see the
    // README. The bound leaves room for a slow machine.
    console.log(`# 10,000 columns: longest main-thread task ${Math.max(0, ...long)} ms`);
    assert.ok(Math.max(0, ...long) < 1_500, `long tasks ${long}`);
  });
});

test("a single 50 MB line: the preview shows its start, the page stays responsive", async () => {
  const file = path.join(tempDir("limits"), "long-line.csv");
  fs.writeFileSync(file, "a,b\n" + "x".repeat(50 * 1024 * 1024) + ",1\n");
  try {
    await session("limits-long-line", async (page) => {
      await watchLongTasks(page);
      await page.setInputFiles("#file-input", file);
      await page.waitForSelector("#profile-summary li", { timeout: 60_000 });
      await waitIdle(page);
      assert.equal(await page.textContent("#row-count"), "1");
      const cell = await page.textContent("#preview tbody td");
      assert.equal(cell.length, 200);
      assert.ok(cell.endsWith("…"));
      const long = await page.evaluate(() => window.__long);
      assert.ok(Math.max(0, ...long) < 500, `long tasks ${long}`);
    });
  } finally {
    fs.rmSync(file, { force: true });
  }
});

test("beyond 40 million cells: the first rows are loaded, the page says how many and how to sample", async () => {
  // 1,200,000 rows × 40 columns = 48 M cells (85 MB): the page loads the first 1,000,000 rows.
  const cols = 40;
  const rows = 1_200_000;
  const file = path.join(tempDir("limits"), "too-many-cells.csv");
  const fd = fs.openSync(file, "w");
  try {
    fs.writeSync(fd, Array.from({ length: cols }, (_, i) => `v${i}`).join(",") + "\n");
    const block = [];
    for (let r = 0; r < rows; r++) {
      block.push(Array.from({ length: cols }, (_, c) => (r * 7 + c * 3) % 10).join(","));
      if (block.length === 50_000) { fs.writeSync(fd, block.join("\n") + "\n"); block.length = 0; }
    }
    if (block.length) fs.writeSync(fd, block.join("\n") + "\n");
    fs.closeSync(fd);
    await session("limits-too-many-cells", async (page) => {
      await page.setInputFiles("#file-input", file);
      // The progress line counts the rows as they are read.
      await page.waitForFunction(() => /Parsing rows: [\d,]+ read/.test(document.querySelector("#status")?.textContent ?? ""), null, { timeout: 60_000 });
      await page.waitForSelector("#load-truncated", { timeout: 120_000 });
      assert.equal(await page.getAttribute("#load-truncated", "data-rows"), "1000000");
      const text = await page.textContent("#load-truncated");
      assert.match(text, /its first 1,000,000 rows \(8\d % of the file\) were loaded/);
      assert.match(text, /random sample/);
      assert.match(text, /warehouse query/);
      assert.equal(await page.textContent("#row-count"), "1,000,000");
      // The page goes on with what it loaded: the Prepare step follows, with a progress line
      // until it is there (it used to be silent for a second or two).
      await page.waitForSelector("#profile-summary li", { timeout: 120_000 });
      await waitIdle(page);
      assert.ok(await page.$("#cleaning"), "the Prepare step is shown once the page is idle");
      assert.ok(await page.$("#no-categorical"), "an empty list says so");
    });
  } finally {
    fs.rmSync(file, { force: true });
  }
});
