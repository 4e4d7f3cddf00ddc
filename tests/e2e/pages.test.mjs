// End-to-end: the GitHub Pages build (scripts/build-pages.sh, served under /klaster/ by the test
// command's second e2e run). A deep link — any path under the site that is not a file — is
// answered with 404.html, as GitHub Pages does; the app must start from there and work, with
// every asset and the workers loaded from the site's folder, nothing from another origin.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { BASE, DIST, foreignRequests, launch, screenshot, serve, waitIdle } from "./harness.mjs";

const pagesBuild = fs.existsSync(path.join(DIST, "404.html"));

test("a deep link opens the app from 404.html and the whole flow works", { skip: !pagesBuild && "not a GitHub Pages build (no 404.html)" }, async () => {
  const server = await serve();
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const requests = [];
    const errors = [];
    const deep = `${server.url}segment/some/deep/link?from=bookmark`;
    page.on("request", (r) => requests.push(r.url()));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    page.on("response", (r) => {
      // The deep link itself is a 404 that carries the app (GitHub Pages' behaviour).
      if (r.status() >= 400 && r.url() !== deep) errors.push(`HTTP ${r.status()} ${r.url()}`);
    });
    const response = await page.goto(deep);
    assert.equal(response.status(), 404);
    await page.waitForSelector('main[data-ready="true"]', { timeout: 30_000 });
    await page.click("#sample-button");
    await page.waitForSelector("#segment-results", { timeout: 60_000 });
    await page.waitForSelector("#score-results", { timeout: 60_000 });
    await waitIdle(page);
    // Assets and workers came from the site's folder, not from the deep link's.
    const own = requests.filter((u) => u.startsWith(server.origin + "/"));
    assert.ok(own.some((u) => u.endsWith(`${BASE}klaster-worker_loader.js`)), own.join("\n"));
    assert.ok(own.some((u) => u.endsWith(`${BASE}echarts.min.js`)), own.join("\n"));
    assert.ok(!own.some((u) => u.includes("/some/deep/") && u !== deep), own.join("\n"));
    await screenshot(page, "pages-deep-link");
    // Chromium logs the deep link's own 404 once (any other failed response is in `errors` by URL).
    const documentLog = "console: Failed to load resource: the server responded with a status of 404 (Not Found)";
    assert.ok(errors.filter((e) => e === documentLog).length <= 1, errors.join("\n"));
    assert.deepEqual(errors.filter((e) => e !== documentLog), []);
    assert.deepEqual(foreignRequests(requests, server.origin), []);
  } finally {
    await browser.close();
    await server.close();
  }
});
