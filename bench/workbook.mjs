// A workbook against the same table as CSV, in one run: the generated customers (29 columns) as
// .xlsx and as CSV (`cargo run --release -p klaster-engine --example workbook -- --rows N --out
// X.xlsx --csv X.csv`), each uploaded through the real UI in headless Chromium — the worker's
// time from the request to the loaded table (for the workbook: reading the File, starting the
// workbook reader on first use, converting the sheet, parsing and inferring) and the wall time
// from upload to the summary — and natively with `klaster inspect` (wall time, best of 3).
// Usage: node bench/workbook.mjs XLSX CSV [RUNS]
import { spawnSync } from "node:child_process";
import path from "node:path";
import { serve, launch, openApp, ROOT } from "../tests/e2e/harness.mjs";

const [xlsx, csv] = process.argv.slice(2, 4);
const runs = Number(process.argv[4] || 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await serve();
const browser = await launch();
const results = {};
for (const file of [csv, xlsx]) {
  const worker = [];
  const wall = [];
  for (let i = 0; i < runs; i++) {
    const { page } = await openApp(browser.context, server);
    await page.waitForSelector('main[data-ready="true"]');
    const t = Date.now();
    await page.setInputFiles("#file-input", file);
    await page.waitForSelector("#profile-summary li", { timeout: 120_000 });
    wall.push(Date.now() - t);
    worker.push(Number(await page.getAttribute("#dialect", "data-millis")));
    await page.close();
  }
  results[file] = { worker: median(worker), wall: median(wall) };
}
await browser.close();
await server.close();

const klaster = path.join(ROOT, "target/release/klaster");
const native = {};
for (const file of [csv, xlsx]) {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(klaster, ["inspect", file], { stdio: ["ignore", "ignore", "inherit"] });
    if (r.status !== 0) throw new Error(`klaster inspect ${file} failed`);
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
  }
  native[file] = best;
}
const row = (name, file) =>
  `| ${name} | ${Math.round(results[file].worker)} ms | ${Math.round(results[file].wall)} ms | ${Math.round(native[file])} ms |`;
console.log("| file | Chromium worker | Chromium upload → summary | native `klaster inspect` |");
console.log("|---|---|---|---|");
console.log(row(`CSV (${path.basename(csv)})`, csv));
console.log(row(`.xlsx (${path.basename(xlsx)})`, xlsx));
const ratio = (a, b) => (a / b).toFixed(2);
console.log(
  `workbook / CSV: worker ${ratio(results[xlsx].worker, results[csv].worker)}×, ` +
    `upload → summary ${ratio(results[xlsx].wall, results[csv].wall)}×, native ${ratio(native[xlsx], native[csv])}×`,
);
