// Load + type inference + profile of a file in headless Chromium, through the real UI: the built
// app on 127.0.0.1, the file uploaded through the file input. Prints the worker's own time
// (parse + infer + profile, excluding reading the File) and the wall time from upload to the
// rendered summary, as medians of several fresh page loads; then the worker's time for the
// automatic segmentation that follows (derive + clean + k sweep 2..10 with restarts + profiles),
// the scoring of every row that follows it, and training a model on the file from the page.
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
const scoring = [];
const training = [];
let helpers = 0;
const sweeps = [];
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
  helpers = Number(await page.getAttribute("#segment-results", "data-helpers"));
  const sw = Number(await page.getAttribute("#segment-results", "data-sweep-millis"));
  // Scoring follows the segmentation: its own time (every row through the model).
  await page.waitForSelector("#score-results", { timeout: 120_000 });
  const sc = Number(await page.getAttribute("#score-results", "data-millis"));
  let tr = null;
  if (await page.$("#train-button")) {
    await page.waitForFunction(() => !document.querySelector("#status"));
    await page.click("#train-button");
    await page.waitForSelector("#trained-note", { timeout: 120_000 });
    tr = Number((await page.textContent("#trained-note")).match(/(\d+) ms/)[1]);
  }
  if (i > 0) {
    worker.push(m);
    wall.push(w);
    segment.push(s);
    sweeps.push(sw);
    scoring.push(sc);
    if (tr !== null) training.push(tr);
  }
  await page.close();
}
await browser.close();
await server.close();
console.log(`| Klaster in Chromium, worker: load+infer+profile | ${median(worker).toFixed(0)} ms (min ${Math.min(...worker).toFixed(0)}) |`);
console.log(`| Klaster in Chromium, upload to rendered profile | ${median(wall)} ms (min ${Math.min(...wall)}) |`);
console.log(`| Klaster in Chromium, worker: default segmentation (sweep 2..10, restarts, profiles; ${helpers} helper worker(s)) | ${median(segment).toFixed(0)} ms (min ${Math.min(...segment).toFixed(0)}) |`);
console.log(`| Klaster in Chromium, worker: the k sweep alone (2..10, 10 restarts, sampled silhouettes; ${helpers} helper worker(s)) | ${median(sweeps).toFixed(0)} ms (min ${Math.min(...sweeps).toFixed(0)}) |`);
console.log(`| Klaster in Chromium, worker: score every row with the shipped model | ${median(scoring).toFixed(1)} ms (min ${Math.min(...scoring).toFixed(1)}) |`);
if (training.length) {
  console.log(`| Klaster in Chromium, worker: train on the file (holdout, 5-fold CV × 11 C, final fit) | ${median(training).toFixed(0)} ms (min ${Math.min(...training).toFixed(0)}) |`);
}
