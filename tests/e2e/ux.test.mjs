// End-to-end: the guided flow's stepper (also by keyboard), the light and dark themes, the data
// table behind each chart, the CSP-violation detector, and recovery from a crashed worker.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { appSuite, serve, launch, openApp, waitIdle, screenshot, foreignRequests, upload, DIST, ARTIFACTS, FIXTURES } from "./harness.mjs";

const session = appSuite();

/** Each step's state in the stepper: { load: "open current", … }. */
async function steps(page) {
  return page.$$eval(".stepper a", (as) =>
    Object.fromEntries(as.map((a) => [a.dataset.step, a.parentElement.className.replace("step-item ", "")])),
  );
}

async function loadCustomerSample(page) {
  await page.click("#sample-button");
  await page.waitForSelector("#plan-best", { timeout: 120_000 });
  await waitIdle(page);
}

test("stepper: steps open as the flow advances; Enter on a step moves the focus to its heading", async () => {
  await session("ux-stepper", async (page) => {
    let s = await steps(page);
    assert.deepEqual(Object.keys(s), ["load", "profile", "prepare", "segment", "score", "plan", "export"]);
    assert.match(s.load, /open/);
    for (const later of ["profile", "segment", "plan", "export"]) assert.match(s[later], /waiting/, later);
    assert.equal(await page.getAttribute('.stepper a[data-step="segment"]', "aria-disabled"), "true");
    // A waiting step goes nowhere.
    await page.click('.stepper a[data-step="segment"]', { force: true });
    assert.equal(await page.evaluate(() => window.scrollY), 0);

    await loadCustomerSample(page);
    s = await steps(page);
    for (const step of Object.keys(s)) assert.match(s[step], /done/, `${step}: ${s[step]}`);
    await page.screenshot({ path: path.join(ARTIFACTS, "ux-stepper-window.png") });

    // Keyboard only: Tab reaches the stepper's links; Enter jumps and focuses the heading.
    await page.focus('.stepper a[data-step="score"]');
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.id === "score-title");
    await page.waitForFunction(() => document.querySelector(".stepper .current a")?.dataset.step === "score");
    assert.equal(await page.getAttribute('.stepper a[data-step="score"]', "aria-current"), "step");
    const top = await page.$eval("#score", (el) => el.getBoundingClientRect().top);
    assert.ok(top >= 0 && top < 200, `the Score step is at the top of the window (${top}px)`);
    // Scrolling by hand moves the marker too.
    await page.$eval("#segment", (el) => el.scrollIntoView());
    await page.waitForFunction(() => document.querySelector(".stepper .current a")?.dataset.step === "segment");
    await page.focus('.stepper a[data-step="export"]');
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.id === "export-title");
  });
});

test("dark theme: the toggle repaints page and charts, and is remembered after a reload", async () => {
  await session("ux-dark-theme", async (page) => {
    const ground = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const light = await ground();
    assert.equal(await page.getAttribute("#theme-toggle", "aria-pressed"), "false");
    await page.click("#theme-toggle");
    assert.equal(await page.getAttribute("html", "data-theme"), "dark");
    assert.equal(await page.getAttribute("#theme-toggle", "aria-pressed"), "true");
    assert.notEqual(await ground(), light);
    assert.equal(await ground(), "rgb(18, 22, 31)");

    await loadCustomerSample(page);
    await page.waitForFunction(() => document.querySelector("#elbow-chart canvas"));
    assert.equal(await page.getAttribute("#elbow-chart", "data-theme"), "dark");
    await screenshot(page, "ux-dark-theme-flow");

    await page.reload();
    await page.waitForSelector("#sample-button");
    assert.equal(await page.getAttribute("html", "data-theme"), "dark", "remembered");
    assert.equal(await page.getAttribute("#theme-toggle", "aria-pressed"), "true");
    // Back to light: the charts redraw in the light theme.
    await loadCustomerSample(page);
    await page.click("#theme-toggle");
    await page.waitForFunction(() => document.querySelector("#elbow-chart")?.dataset.theme === "light");
    assert.equal(await ground(), light);
  });
});

test("every chart has its data table: the elbow chart's lists each k's inertia", async () => {
  await session("ux-chart-tables", async (page) => {
    await loadCustomerSample(page);
    const sweep = JSON.parse(await page.getAttribute("#segment-results", "data-sweep"));
    // Built only when opened; opened by keyboard.
    assert.equal(await page.$("#elbow-chart-data table"), null);
    await page.focus("#elbow-chart-data summary");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#elbow-chart-data table");
    const rows = await page.$$eval("#elbow-chart-data tbody tr", (trs) =>
      trs.map((tr) => [...tr.children].map((c) => c.textContent)),
    );
    assert.equal(rows.length, sweep.length);
    for (const [row, p] of rows.map((r, i) => [r, sweep[i]])) {
      assert.equal(Number(row[0]), p.k);
      assert.ok(Math.abs(Number(row[1]) - p.cost) <= 0.05 + 1e-9 * p.cost, `k ${p.k}: ${row[1]} vs ${p.cost}`);
    }
    // Every chart on the page carries one.
    const charts = await page.$$eval(".chart-box", (boxes) => boxes.map((b) => !!b.querySelector("details.chart-data summary")));
    assert.ok(charts.length >= 10, `${charts.length} charts`);
    assert.ok(charts.every(Boolean));
    // A scatter of thousands of points lists its first rows and says so.
    await page.click("#scatter-chart-data summary");
    await page.waitForSelector("#scatter-chart-data table");
    assert.equal(await page.$$eval("#scatter-chart-data tbody tr", (t) => t.length), 200);
    assert.match(await page.textContent("#scatter-chart-data .note"), /The first 200 of [\d,]+ rows\./);
  });
});

test("CSP: the built page has no inline script, and a blocked one is reported as an error", async () => {
  const html = fs.readFileSync(path.join(DIST, "index.html"), "utf8");
  const inline = [...html.matchAll(/<script\b([^>]*)>/g)].filter((m) => !/\bsrc=/.test(m[1]));
  assert.deepEqual(inline, [], "every script is a file of this origin");
  // The detector every session relies on (harness.mjs) does fire: an injected inline script is
  // refused by the policy and shows up in the session's errors.
  const server = await serve();
  const browser = await launch();
  try {
    const app = await openApp(browser.context, server);
    await app.page.evaluate(() => {
      const s = document.createElement("script");
      s.textContent = "window.__injected = true";
      document.body.appendChild(s);
    });
    await app.page.waitForTimeout(200);
    assert.equal(await app.page.evaluate(() => window.__injected), undefined, "the inline script did not run");
    assert.ok(app.errors.some((e) => /CSP violation: script-src/.test(e)), app.errors.join("\n"));
  } finally {
    await browser.close();
    await server.close();
  }
});

test("a crashed worker: the page says so, keeps the data, and the next step works", async () => {
  const server = await serve();
  const browser = await launch();
  try {
    const app = await openApp(browser.context, server);
    const page = app.page;
    await loadCustomerSample(page);
    const rows = await page.textContent("#row-count");
    const k = Number(await page.getAttribute("#segment-results", "data-k"));
    // The analysis worker throws an uncaught error, as a panic in its WebAssembly would.
    const worker = page.workers().find((w) => w.url().includes("klaster-worker_loader"));
    assert.ok(worker, page.workers().map((w) => w.url()).join(", "));
    await worker.evaluate(() => setTimeout(() => { throw new Error("simulated crash"); }, 0));
    await page.waitForFunction(() => /stopped unexpectedly/.test(document.querySelector(".error")?.textContent ?? ""));
    // Nothing on the page was lost; the new worker has the file again.
    assert.equal(await page.textContent("#row-count"), rows);
    assert.ok(await page.$("#segment-results"));
    await waitIdle(page);
    const other = k === 2 ? 3 : 2;
    await page.selectOption("#k-choice", String(other));
    await page.waitForFunction((want) => document.querySelector("#segment-results")?.dataset.k === String(want), other, { timeout: 60_000 });
    await waitIdle(page);
    await screenshot(page, "ux-after-crash");
    assert.deepEqual(foreignRequests(app.requests, server.origin), []);
    const unexpected = app.errors.filter((e) => !/simulated crash/.test(e));
    assert.deepEqual(unexpected, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("remember this session: off by default; a reload offers it back with its choices; forget deletes it", async () => {
  await session("ux-remember", async (page) => {
    const databases = () => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    assert.equal(await page.isChecked("#remember"), false, "off by default");
    assert.equal(await page.$("#restore-banner"), null);
    await loadCustomerSample(page);
    assert.deepEqual(await databases(), [], "nothing stored while it is off");

    await page.check("#remember");
    await page.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name === "klaster"));
    // A choice after the load: another number of segments.
    const k = Number(await page.getAttribute("#segment-results", "data-k"));
    const other = k === 2 ? 3 : 2;
    await page.selectOption("#k-choice", String(other));
    await page.waitForFunction((want) => document.querySelector("#segment-results")?.dataset.k === String(want), other, { timeout: 60_000 });
    await waitIdle(page);
    await page.waitForTimeout(300);

    await page.reload();
    await page.waitForSelector("#restore-banner");
    await page.screenshot({ path: path.join(ARTIFACTS, "ux-restore-banner.png") });
    assert.equal(await page.isChecked("#remember"), true);
    assert.match(await page.textContent("#restore-banner"), /klaster-sample-customers\.tsv, 2 steps, saved /);
    assert.equal(await page.$("#summary"), null, "nothing is loaded until the user asks");
    await page.click("#restore-session");
    await page.waitForFunction((want) => document.querySelector("#segment-results")?.dataset.k === String(want), other, { timeout: 60_000 });
    await waitIdle(page);
    assert.equal(await page.textContent("#row-count"), "2,240");

    await page.click("#forget");
    await page.waitForFunction(() => /Everything Klaster kept in this browser is deleted/.test(document.querySelector("#notice")?.textContent ?? ""));
    assert.deepEqual(await databases(), []);
    assert.equal(await page.isChecked("#remember"), false);
    assert.equal(await page.evaluate(() => localStorage.length), 0, "no preference left either");
    await page.reload();
    await page.waitForSelector("#sample-button");
    await page.waitForTimeout(300);
    assert.equal(await page.$("#restore-banner"), null);
  });
});

test("remember this session: an uploaded file comes back from the browser's storage", async () => {
  await session("ux-remember-file", async (page) => {
    await page.check("#remember");
    await upload(page, path.join(FIXTURES, "customers_comma.csv"));
    await page.waitForSelector("#summary");
    await waitIdle(page);
    await page.waitForTimeout(300);
    await page.reload();
    await page.waitForSelector("#restore-banner");
    assert.match(await page.textContent("#restore-banner"), /customers_comma\.csv, 1 step, saved /);
    await page.click("#restore-session");
    await page.waitForSelector("#summary");
    assert.match(await page.textContent("#summary .file-name"), /customers_comma\.csv/);
    assert.equal(await page.textContent("#row-count"), "12");
    await waitIdle(page);
    await page.click("#forget");
    await page.waitForFunction(() => !document.querySelector("#remember").checked);
  });
});

test("keyboard only: Tab reaches the sample, the number of segments and the export; focus is visible", async () => {
  await session("ux-keyboard", async (page) => {
    /** Presses Tab until `id` has the focus (at most `max` times); returns how many it took. */
    async function tabTo(id, max = 600) {
      for (let i = 1; i <= max; i++) {
        await page.keyboard.press("Tab");
        if (await page.evaluate((want) => document.activeElement?.id === want, id)) return i;
      }
      throw new Error(`Tab never reached #${id}`);
    }
    const outline = () => page.evaluate(() => {
      const s = getComputedStyle(document.activeElement);
      return s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
    });
    await tabTo("sample-button", 40);
    assert.ok(await outline(), "the focused sample button shows its focus");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#plan-best", { timeout: 120_000 });
    await waitIdle(page);

    const k = Number(await page.getAttribute("#segment-results", "data-k"));
    await tabTo("k-choice");
    assert.ok(await outline(), "the focused k picker shows its focus");
    await page.keyboard.press(k === 2 ? "ArrowDown" : "ArrowUp");
    await page.waitForFunction((old) => document.querySelector("#segment-results")?.dataset.k !== String(old), k, { timeout: 60_000 });
    await waitIdle(page);
    // The results are drawn anew; the picker keeps the focus.
    await page.waitForFunction(() => document.activeElement?.id === "k-choice");

    await tabTo("export-ranked");
    assert.ok(await outline(), "the focused export button shows its focus");
    const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    assert.match(download.suggestedFilename(), /ranked\.csv$/);
  });
});

test("a 768 px tablet: the whole flow fits the width (nothing scrolls sideways but wide tables in their boxes)", async () => {
  await session("ux-768", async (page) => {
    await page.setViewportSize({ width: 768, height: 1000 });
    await loadCustomerSample(page);
    await page.waitForTimeout(500);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 768, `the page is ${width} px wide`);
  });
});
