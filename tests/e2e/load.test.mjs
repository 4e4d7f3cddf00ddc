// End-to-end: the built app in headless Chromium, files uploaded through the real file input.
// Every test also asserts no console errors and no request to any other origin.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import {
  appSuite, upload, waitIdle, counts, columnTypes, assertChartDrawn,
  FIXTURES, SHARED_DATA, tempDir } from "./harness.mjs";

const session = appSuite();

const cases = [
  {
    file: "customers_comma.csv",
    rows: 12,
    cols: 9,
    delimiter: ",",
    types: { ID: "identifier", Income: "integer", Education: "categorical", Dt_Customer: "date", Response: "boolean" },
    firstRow: ["1826", "1970", "Graduation", "Divorced", "84835"],
  },
  {
    file: "bank_semicolon.csv",
    rows: 10,
    cols: 7,
    delimiter: ";",
    types: { age: "integer", job: "categorical", rate: "decimal", y: "boolean" },
    firstRow: ["58", "management", "married", "2143", "1.5"],
  },
  {
    file: "customers_tab.tsv",
    rows: 10,
    cols: 7,
    delimiter: "TAB",
    types: { Customer_ID: "identifier", Umur: "integer", Profesi: "categorical", NilaiBelanjaSetahun: "integer" },
    firstRow: ["CUST-001", "Budi Anggara", "Pria", "58", "Wiraswasta"],
  },
];

for (const c of cases) {
  test(`upload ${c.file}: counts, types, table and chart`, async () => {
    await session(`upload-${c.file}`, async (page) => {
      await upload(page, path.join(FIXTURES, c.file));
      await page.waitForSelector("#summary");
      assert.deepEqual(await counts(page), { rows: c.rows, cols: c.cols });
      assert.equal(await page.getAttribute("#dialect", "data-delimiter"), c.delimiter);
      assert.match(await page.textContent("#summary .file-name"), new RegExp(c.file.replace(".", "\\.")));
      const types = await columnTypes(page);
      assert.equal(Object.keys(types).length, c.cols);
      for (const [col, kind] of Object.entries(c.types)) assert.equal(types[col], kind, col);
      const first = await page.$$eval("#preview tbody tr:first-child td", (tds) => tds.map((td) => td.textContent));
      assert.deepEqual(first.slice(0, c.firstRow.length), c.firstRow);
      assert.equal(await page.$$eval("#preview tbody tr", (trs) => trs.length), Math.min(c.rows, 20));
      await assertChartDrawn(page);
    });
  });
}

test("try sample data: the generated customer table loads and charts", async () => {
  await session("sample", async (page) => {
    await page.click("#sample-button");
    await waitIdle(page);
    await page.waitForSelector("#summary");
    assert.deepEqual(await counts(page), { rows: 2240, cols: 29 });
    const types = await columnTypes(page);
    assert.equal(types.Income, "integer");
    assert.equal(types.Dt_Customer, "date");
    await assertChartDrawn(page);
    // Wide tables scroll inside their cards; the page itself never scrolls sideways.
    assert.deepEqual(await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]), [1366, 1366]);
    // The profile: computed summary, rates by attribute, correlations.
    const first = await page.textContent("#profile-summary li");
    assert.match(first, /^2,240 customers, \d+(\.\d)? % responded to the last campaign\.$/);
    await assertChartDrawn(page, "#target-chart");
    await assertChartDrawn(page, "#correlation-chart", [0xd5, 0x5e, 0x00], 500);
    // Another column through the picker: the worker answers with a new histogram.
    await page.selectOption("#chart-column", "MntWines");
    await waitIdle(page);
    await page.waitForFunction(() => document.querySelector(".chart-note")?.textContent.includes("MntWines"));
    await assertChartDrawn(page);
  });
});

test("bad input gets a clear message and a following valid upload works", async () => {
  const tmp = tempDir("bad");
  const png = path.join(tmp, "photo.csv");
  fs.writeFileSync(png, Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex"));
  const expectations = [
    [path.join(FIXTURES, "empty.csv"), /empty/i],
    [png, /PNG image/],
    [path.join(FIXTURES, "single_column.csv"), /Only one column/],
    [path.join(FIXTURES, "header_only.csv"), /only contains a header/],
  ];
  await session("bad-input", async (page) => {
    // Load something good first: a failed load must not lose it.
    await upload(page, path.join(FIXTURES, "bank_semicolon.csv"));
    for (const [file, message] of expectations) {
      await upload(page, file);
      const text = await page.textContent("#error");
      assert.match(text, message, path.basename(file));
      assert.deepEqual(await counts(page), { rows: 10, cols: 7 }, "previous data is kept");
    }
    await upload(page, path.join(FIXTURES, "customers_tab.tsv"));
    assert.equal(await page.$("#error"), null, "the message is cleared by a good load");
    assert.deepEqual(await counts(page), { rows: 10, cols: 7 });
    assert.equal(await page.textContent("#summary .file-name"), "customers_tab.tsv");
  });
});

test("types and roles can be changed and the profile follows", async () => {
  await session("overrides", async (page) => {
    await upload(page, path.join(FIXTURES, "bank_semicolon.csv"));
    assert.equal(await page.textContent("#profile-summary li"), "10 customers, 20 % have y = “yes”.");
    assert.ok(await page.$("#role-hint"), "an unrecognised table asks the user to check roles");
    // age as a category: re-read by the worker, shown in the categorical table.
    await page.selectOption('select[aria-label="Type of age"]', "categorical");
    await page.waitForSelector('#columns tr[data-column="age"][data-type="categorical"]');
    await page.waitForSelector('#categorical-stats tr[data-column="age"]');
    assert.equal(await page.$('#numeric-stats tr[data-column="age"]'), null);
    // A different outcome: "contacted" as the target.
    await page.selectOption('select[aria-label="Role of contacted"]', "target");
    await page.waitForFunction(() => document.querySelector("#profile-summary li")?.textContent.includes("contacted"));
    assert.equal(await page.textContent("#profile-summary li"), "10 customers, 50 % have contacted = “yes”.");
    assert.equal(await page.getAttribute('#columns tr[data-column="age"]', "data-type"), "categorical", "the type choice is kept");
  });
});

test("a damaged file loads with its problems listed by line", async () => {
  await session("damaged", async (page) => {
    await upload(page, path.join(FIXTURES, "damaged.csv"));
    assert.deepEqual(await counts(page), { rows: 40, cols: 4 });
    const text = await page.textContent("#load-problems");
    assert.match(text, /3 problems were found while reading/);
    assert.match(text, /line 3 has 3 values/);
    assert.match(text, /line 4 has 5 values/);
    assert.match(text, /line 5: a quote opened here is never closed/);
  });
});

const shared = (name) => path.join(SHARED_DATA, name);
const haveShared = fs.existsSync(shared("bank-full.csv")) && fs.existsSync(shared("marketing_campaign.csv"));

test("the public datasets load with the right counts", { skip: !haveShared && "../shared/data is not present" }, async () => {
  await session("bank-full", async (page) => {
    await upload(page, shared("bank-full.csv"));
    assert.deepEqual(await counts(page), { rows: 45211, cols: 17 });
    const types = await columnTypes(page);
    assert.equal(types.balance, "integer");
    assert.equal(types.job, "categorical");
    assert.equal(types.y, "boolean");
    await assertChartDrawn(page);
    // The Profile step answers the seed's questions, from the data.
    const summary = await page.$$eval("#profile-summary li", (lis) => lis.map((li) => li.textContent));
    assert.equal(summary[0], "45,211 calls, 11.7 % subscribed.");
    assert.ok(summary.some((s) => s.includes("“student” (28.7 %) and “retired” (22.8 %)")), summary.join("\n"));
    assert.ok(summary.some((s) => s.startsWith("After a successful previous campaign, 64.7 % subscribed")));
    assert.match(await page.textContent('#numeric-stats tr[data-column="pdays"]'), /36,954 × -1 = never contacted/);
    await assertChartDrawn(page, "#target-chart");
    await assertChartDrawn(page, "#correlation-chart", [0xd5, 0x5e, 0x00], 500);
    await page.selectOption("#target-column", "poutcome");
    await page.waitForFunction(() => document.querySelector("#target-table th")?.textContent === "poutcome");
    assert.match(await page.textContent("#target-table tbody tr:first-child"), /success.*64\.7 %/);
  });
  await session("marketing-campaign", async (page) => {
    await upload(page, shared("marketing_campaign.csv"));
    assert.deepEqual(await counts(page), { rows: 2240, cols: 29 });
    await assertChartDrawn(page);
  });
});
