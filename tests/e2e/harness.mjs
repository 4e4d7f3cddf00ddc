// Shared e2e plumbing: a static server for dist/ on 127.0.0.1 and a Chromium page that records
// every request, console error and page error, so that each test can assert none escaped.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { before, after } from "node:test";
import { chromium } from "playwright-core";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DIST = process.env.KLASTER_DIST || path.join(ROOT, "dist");
export const FIXTURES = path.join(ROOT, "tests/fixtures");
export const SHARED_DATA = path.resolve(ROOT, "../shared/data");
export const ARTIFACTS = path.join(ROOT, "tests/e2e/artifacts");
/** The public URL the app is served under ("/" or e.g. "/klaster/"). */
export const BASE = process.env.KLASTER_BASE || "/";

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/**
 * Serves DIST under BASE on an ephemeral loopback port. A missing path is answered as GitHub
 * Pages does: with DIST/404.html (status 404) when the build has one.
 */
export async function serve() {
  const notFound = path.join(DIST, "404.html");
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    if (!url.pathname.startsWith(BASE)) {
      res.writeHead(404).end("not found");
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(BASE.length)) || "index.html";
    const file = path.join(DIST, rel);
    if (!file.startsWith(DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      if (fs.existsSync(notFound)) {
        res.writeHead(404, { "content-type": MIME[".html"] });
        fs.createReadStream(notFound).pipe(res);
      } else {
        res.writeHead(404).end("not found");
      }
      return;
    }
    res.writeHead(200, { "content-type": MIME[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const close = () => new Promise((r) => server.close(r));
  // Gone at once, open connections too: the browser is offline as far as this site goes.
  const stop = () => {
    const closed = close();
    server.closeAllConnections();
    return closed;
  };
  return { origin, url: origin + BASE, close, stop };
}

/**
 * All the files a test run writes (browser profiles, downloads, generated inputs) live under one
 * folder, deleted when the process exits: left behind, hundreds of runs filled the disk.
 */
const RUN_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "klaster-e2e-run-"));
process.on("exit", () => fs.rmSync(RUN_DIR, { recursive: true, force: true }));

/** A new empty folder for this run (deleted with the run's folder). */
export function tempDir(prefix) {
  return fs.mkdtempSync(path.join(RUN_DIR, `${prefix}-`));
}

/** Launches Debian's Chromium headless with a fresh profile and no background networking. */
export async function launch() {
  const userDataDir = tempDir("profile");
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1366, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the app and records what the page does. `requests` holds every URL the page (and its
 * worker) asked for; `errors` every console error, page error and CSP violation.
 */
export async function openApp(context, server) {
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  context.on("serviceworker", () => {});
  // Every CSP violation becomes a console error, so that it fails the session's check.
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || "inline"}`);
    });
  });
  await page.goto(server.url);
  await page.waitForSelector("#sample-button");
  return { page, requests, errors };
}

/** Asserts every request stayed on the app's origin (data: and blob: URLs never leave the tab). */
export function foreignRequests(requests, origin) {
  return requests.filter((u) => !(u.startsWith(origin + "/") || u.startsWith("data:") || u.startsWith("blob:")));
}

/** Uploads a file through the real file input and waits for the load to finish. */
export async function upload(page, file) {
  await page.setInputFiles("#file-input", file);
  await waitIdle(page);
}

/** Waits until no request is in flight in the page (no progress bar). */
export async function waitIdle(page) {
  await page.waitForFunction(() => !document.querySelector("#status"), null, { timeout: 60_000 });
}

/**
 * Pixels on the canvases inside `selector` close to `rgb` (default: the bar colour #0072B2),
 * so that gridlines and labels alone do not count as a drawn chart.
 */
export async function paintedPixels(page, selector, rgb = [0x00, 0x72, 0xb2]) {
  return page.evaluate(
    ([sel, [R, G, B]]) => {
      // ECharts may draw a series on its own layer: count over every canvas of the chart.
      let n = 0;
      for (const canvas of document.querySelectorAll(`${sel} canvas`)) {
        const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
        for (let i = 0; i < data.length; i += 4) {
          const close = Math.abs(data[i] - R) + Math.abs(data[i + 1] - G) + Math.abs(data[i + 2] - B) < 40;
          if (close && data[i + 3] > 200) n++;
        }
      }
      return n;
    },
    [selector, rgb],
  );
}

/** Counts of the summary card. */
export async function counts(page) {
  const rows = Number(await page.getAttribute("#row-count", "data-value"));
  const cols = Number(await page.getAttribute("#col-count", "data-value"));
  return { rows, cols };
}

/** Map column name → inferred type, from the columns table. */
export async function columnTypes(page) {
  return page.$$eval("#columns tbody tr[data-column]", (trs) =>
    Object.fromEntries(trs.map((tr) => [tr.dataset.column, tr.dataset.type])),
  );
}

export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Opens the app, runs `body(page)`, screenshots the page as `name`, then asserts the session
 * stayed clean: no console or page errors, no failed request, no request to another origin.
 */
export async function cleanSession(context, server, name, body) {
  const app = await openApp(context, server);
  try {
    await body(app.page);
  } finally {
    await screenshot(app.page, name);
  }
  assert.deepEqual(app.errors, [], "no console errors, page errors or failed requests");
  assert.deepEqual(foreignRequests(app.requests, server.origin), [], "no request left the origin");
  await app.page.close();
}

/**
 * Waits until the chart `id` has at least `min` pixels of `rgb` (default the bar blue): bars
 * animate in, and gridlines and labels alone never reach that area.
 */
export async function assertChartDrawn(page, id = "#load-chart", rgb = undefined, min = 1500) {
  await page.waitForSelector(`${id} canvas`);
  let painted = 0;
  for (let i = 0; i < 25 && painted < min; i++) {
    await page.waitForTimeout(150);
    painted = await paintedPixels(page, id, rgb);
  }
  assert.ok(painted >= min, `${id} has ${painted} pixels in the expected colour`);
}

/**
 * One server and one browser for a test file (started before its tests, closed after them);
 * returns `session(name, body)`, a clean session per test (see `cleanSession`).
 */
export function appSuite() {
  let server;
  let browser;
  before(async () => {
    server = await serve();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return (name, body) => cleanSession(browser.context, server, name, body);
}

/** Clicks `selector` and returns the file the page offers for download: its name, where it was
 * saved, its bytes and its text. */
export async function downloaded(page, selector) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  const file = path.join(tempDir("download"), download.suggestedFilename());
  await download.saveAs(file);
  const bytes = fs.readFileSync(file);
  return { name: download.suggestedFilename(), file, bytes, text: bytes.toString("utf8") };
}

/** Splits one CSV line (quoted cells may hold commas and doubled quotes). */
export function cells(line) {
  const out = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') quoted = false; else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { out.push(cur); cur = ""; } else cur += c;
  }
  out.push(cur);
  return out;
}
