// Cold load: the bytes a first visit downloads (every file of dist/ but the workbook reader,
// which is fetched only when the first workbook arrives; gzipped as a static host serves them) and the time from navigation to an interactive page (the first paint, the file
// picker in the DOM, and the analysis worker started and warmed up: `main[data-ready]`), in a
// fresh browser profile each run (no HTTP or service-worker cache). Usage: node
// bench/cold_load.mjs [RUNS]
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { serve, launch, DIST } from "../tests/e2e/harness.mjs";

const runs = Number(process.argv[2] || 5);
let raw = 0;
let gz = 0;
let later = 0;
for (const f of fs.readdirSync(DIST)) {
  const p = path.join(DIST, f);
  if (!fs.statSync(p).isFile()) continue;
  const b = fs.readFileSync(p);
  const size = zlib.gzipSync(b, { level: 9 }).length;
  if (f.startsWith("klaster-workbook")) {
    later += size;
    continue;
  }
  raw += b.length;
  gz += size;
}
console.log(`assets: ${(raw / 1e6).toFixed(2)} MB raw, ${(gz / 1e6).toFixed(2)} MB gzipped`);
console.log(`workbook reader (fetched with the first workbook): ${(later / 1e3).toFixed(0)} KB gzipped`);

const server = await serve();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const paint = [];
const picker = [];
const ready = [];
for (let i = 0; i < runs; i++) {
  const browser = await launch();
  const page = await browser.context.newPage();
  await page.goto(server.url);
  await page.waitForSelector("#file-input", { state: "attached" });
  picker.push(await page.evaluate(() => performance.now()));
  await page.waitForSelector('main[data-ready="true"]', { timeout: 60_000 });
  ready.push(await page.evaluate(() => performance.now()));
  paint.push(
    await page.evaluate(
      () => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
    ),
  );
  await browser.close();
}
await server.close();
const ms = (xs) => `${Math.round(median(xs))} ms (${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))})`;
console.log(`first contentful paint: ${ms(paint)}`);
console.log(`file picker ready: ${ms(picker)}`);
console.log(`worker ready (time to interactive): ${ms(ready)}`);
