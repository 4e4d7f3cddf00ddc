// The page's whole default flow on a large file in headless Chromium, through the real upload:
// times to the rendered profile, segments and scores, the worker's WebAssembly memory, every
// ECharts draw (init and setOption times) and every main-thread task over 50 ms (Long Tasks
// API), then a K-Prototypes segmentation through the page's controls. Usage: node
// bench/scale_browser.mjs FILE
import { serve, launch, openApp } from "../tests/e2e/harness.mjs";
const file = process.argv[2];
const server = await serve();
const browser = await launch();
await browser.context.addInitScript(() => {
  window.__msgs = [];
  const d = Object.getOwnPropertyDescriptor(Worker.prototype, "onmessage");
  Object.defineProperty(Worker.prototype, "onmessage", { set(h) { d.set.call(this, (e) => { const t = performance.now(); h(e); const kind = typeof e.data === "string" ? e.data.slice(2, 20) : "?"; window.__msgs.push([Math.round(t), Math.round(performance.now() - t), kind, typeof e.data === "string" ? e.data.length : 0]); }); }, get() { return d.get.call(this); } });
});
const { page } = await openApp(browser.context, server);
await page.waitForSelector('main[data-ready="true"]');
await page.evaluate(() => {
  window.__charts = [];
  const init = echarts.init;
  echarts.init = function (dom, ...rest) {
    const t = performance.now();
    const c = init.call(this, dom, ...rest);
    const dt = performance.now() - t;
    const set = c.setOption;
    c.setOption = function (...a) { const t = performance.now(); const r = set.apply(this, a); window.__charts.push([Math.round(t), Math.round(dt), Math.round(performance.now() - t), dom.id]); return r; };
    return c;
  };
});
await page.evaluate(() => { window.__long = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: "longtask", buffered: true }); });
const t = Date.now();
await page.setInputFiles("#file-input", file);
await page.waitForSelector("#profile-summary li", { timeout: 300_000 });
console.log("profile", Date.now() - t, await page.getAttribute("#dialect", "data-millis"));
await page.waitForSelector("#segment-results", { timeout: 600_000 });
console.log("segment", Date.now() - t, await page.getAttribute("#segment-results", "data-millis"), await page.getAttribute("#segment-results", "data-sweep-millis"));
await page.waitForSelector("#score-results", { timeout: 300_000 });
console.log("score", Date.now() - t, await page.getAttribute("#score-results", "data-millis"));
await page.waitForFunction(() => !document.querySelector("#status"), null, { timeout: 300_000 });
console.log("idle", Date.now() - t);
await page.waitForSelector("main[data-wasm-memory]"); console.log("memory", await page.getAttribute("main", "data-wasm-memory"));
console.log("messages > 20 ms", JSON.stringify(await page.evaluate(() => window.__msgs.filter((m) => m[1] > 20))));
console.log("charts (start, init ms, setOption ms, id)", JSON.stringify(await page.evaluate(() => window.__charts)));
console.log("long tasks", JSON.stringify(await page.evaluate(() => window.__long)));
// K-Prototypes: the same features with Education and Marital_Status added, through the page's
// own controls (the sweep k = 2..10 on the 50,000-row sample, then the chosen k on every row).
await page.check('[aria-label="Segment on Education"]');
await page.check('[aria-label="Segment on Marital_Status"]');
const tk = Date.now();
await page.click("#run-segments");
await page.waitForFunction(() => document.querySelector("#segment-results")?.dataset.algorithm === "K-Prototypes", null, { timeout: 600_000 });
console.log("kprototypes", Date.now() - tk, await page.getAttribute("#segment-results", "data-millis"), await page.getAttribute("#segment-results", "data-sweep-millis"));
await page.screenshot({ path: "/tmp/scale.png", fullPage: false });
await browser.close();
await server.close();
