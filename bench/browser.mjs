// Load + type inference + profile of a file in headless Chromium, through the real UI: the built
// app on 127.0.0.1, the file uploaded through the file input. Prints the worker's own time
// (parse + infer + profile, excluding reading the File) and the wall time from upload to the
// rendered summary, as medians of several fresh page loads; then the worker's time for the
// automatic segmentation that follows (derive + clean + k sweep 2..10 with restarts + profiles).
// Usage: node bench/browser.mjs FILE [RUNS]
import { serve, launch, openApp } from "../tests/e2e/harness.mjs";

const file = process.argv[2];
const runs = Number(process.argv[3] || 7);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await serve();
const browser = await launch();
const worker = [];
const wall = [];
const segment = [];
for (let i = 0; i < runs + 1; i++) {
  const { page } = await openApp(browser.context, server);
  // Time the load, not the worker's start-up.
  await page.waitForSelector('main[data-ready="true"]');
  const t = Date.now();
  await page.setInputFiles("#file-input", file);
  await page.waitForSelector("#profile-summary li");
  const w = Date.now() - t;
  const m = Number(await page.getAttribute("#dialect", "data-millis"));
  await page.waitForSelector("#segment-results", { timeout: 120_000 });
  const s = Number(await page.getAttribute("#segment-results", "data-millis"));
  if (i > 0) {
    worker.push(m);
    wall.push(w);
    segment.push(s);
  }
  await page.close();
}
await browser.close();
await server.close();
console.log(`| Klaster in Chromium, worker: load+infer+profile | ${median(worker).toFixed(0)} ms (min ${Math.min(...worker).toFixed(0)}) |`);
console.log(`| Klaster in Chromium, upload to rendered profile | ${median(wall)} ms (min ${Math.min(...wall)}) |`);
console.log(`| Klaster in Chromium, worker: default segmentation (sweep 2..10, restarts, profiles) | ${median(segment).toFixed(0)} ms (min ${Math.min(...segment).toFixed(0)}) |`);
