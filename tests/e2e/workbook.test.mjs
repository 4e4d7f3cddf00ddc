// End-to-end: an Excel workbook uploaded through the real UI — the sheet that holds the table is
// read (below its title block, dates as dates), the other sheets are offered, the flow runs to
// the segments, and the workbook reader is fetched only when a workbook arrives (not on the
// first visit). tests/fixtures/customers.xlsx is written by
// `cargo run -p klaster-engine --example workbook -- --rows 600 --out tests/fixtures/customers.xlsx`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { serve, launch, openApp, foreignRequests, screenshot, waitIdle, counts, columnTypes, FIXTURES } from "./harness.mjs";

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

const reader = (requests) => requests.filter((u) => /klaster-workbook/.test(u));

test("an .xlsx workbook: the data sheet below its title, other sheets offered, segments found", async () => {
  const { page, requests, errors } = await openApp(browser.context, server);
  try {
    await page.waitForSelector('main[data-ready="true"]');
    assert.deepEqual(reader(requests), [], "the workbook reader is not part of the first visit");

    await page.setInputFiles("#file-input", path.join(FIXTURES, "customers.xlsx"));
    await page.waitForSelector("#row-count");
    await waitIdle(page);
    assert.ok(reader(requests).length > 0, "the workbook reader was fetched for the workbook");
    assert.deepEqual(await counts(page), { rows: 600, cols: 29 });
    const said = await page.textContent("#dialect");
    assert.match(said, /^Sheet “Customers” of 2 \(Read me, Customers\), header on row 4\./);
    assert.match(said, /Skipped above the header: “Customer list — export of 1 March 2024”, “Source: CRM”\./);
    const types = await columnTypes(page);
    assert.equal(types.Dt_Customer, "date", "Excel date cells are dates");
    assert.equal(types.Income, "integer");
    assert.equal(types.Education, "categorical");
    const sheets = await page.$$eval("#sheet-picker option", (os) => os.map((o) => [o.value, o.selected]));
    assert.deepEqual(sheets, [["Read me", false], ["Customers", true]]);

    // The flow runs on to the segments, as for a CSV file.
    await page.waitForSelector("#segment-results", { timeout: 60_000 });
    await waitIdle(page);
    const sizes = await page.$$eval("#segment-cards .segment-card", (cards) => cards.map((c) => Number(c.dataset.size)));
    assert.ok(sizes.length >= 2, `segments: ${sizes}`);
    assert.ok(sizes.reduce((a, b) => a + b, 0) > 550, `segments hold the cleaned rows: ${sizes}`);
    await screenshot(page, "workbook-segments");

    // Another sheet: one that holds no table says so, and the loaded table stays.
    await page.selectOption("#sheet-picker", "Read me");
    await page.waitForSelector("#error");
    assert.match(await page.textContent("#error"), /The sheet "Read me" holds no table/);
    assert.deepEqual(await counts(page), { rows: 600, cols: 29 }, "a failed load keeps the session");
    await waitIdle(page);

    // In Indonesian the sheet is described in Indonesian.
    await page.selectOption("#lang-select", "id");
    assert.match(await page.textContent("#dialect"), /^Lembar “Customers” dari 2 \(Read me, Customers\), baris judul di baris 4\./);
    await page.selectOption("#lang-select", "en");
  } finally {
    await screenshot(page, "workbook");
  }
  assert.deepEqual(errors, [], "no console errors, page errors or failed requests");
  assert.deepEqual(foreignRequests(requests, server.origin), [], "no request left the origin");
  await page.close();
});
