// End-to-end: customer tables Klaster has never seen, uploaded through the real UI — a
// space-aligned text export whose values contain single spaces, and codes that must stay codes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appSuite, waitIdle, counts, columnTypes } from "./harness.mjs";

const session = appSuite();

async function uploadText(page, name, text) {
  await page.setInputFiles("#file-input", { name, mimeType: "text/plain", buffer: Buffer.from(text) });
  await page.waitForSelector("#row-count");
  await waitIdle(page);
}

test("a space-aligned export reads as columns, values with spaces kept whole", async () => {
  await session("space-aligned", async (page) => {
    const cities = ["New York", "Jakarta", "Kuala Lumpur", "Bandung", "Ho Chi Minh City"];
    const lines = ["cust_no  city               total_sales  orders"];
    for (let i = 0; i < 300; i++) {
      const id = String(i + 1).padStart(5, "0");
      const city = cities[i % cities.length].padEnd(17);
      const sales = ((i * 7919) % 5000 + 12.5).toFixed(2).padStart(11);
      const orders = String((i * 13) % 40 + 1).padStart(6);
      lines.push(`${id}    ${city}  ${sales}  ${orders}`);
    }
    await uploadText(page, "export.txt", lines.join("\n") + "\n");
    assert.deepEqual(await counts(page), { rows: 300, cols: 4 });
    assert.equal(await page.getAttribute("#dialect", "data-delimiter"), "spaces");
    assert.match(await page.textContent("#dialect"), /^space separated/);
    const types = await columnTypes(page);
    assert.deepEqual(Object.keys(types), ["cust_no", "city", "total_sales", "orders"]);
    assert.equal(types.cust_no, "identifier", "a code with leading zeros stays text");
    assert.equal(types.city, "categorical");
    assert.equal(types.total_sales, "decimal");
    assert.equal(types.orders, "integer");
    // Roles from the header words: a code, a place, money and a count.
    const roles = await page.$$eval("#columns tbody tr[data-column]", (trs) => trs.map((tr) => tr.dataset.role));
    assert.deepEqual(roles, ["id", "attribute", "spend", "purchases"]);
    const firstRow = await page.$$eval("#preview tbody tr:first-child td", (tds) => tds.map((td) => td.textContent));
    assert.deepEqual(firstRow, ["00001", "New York", "12.5", "1"]);
    const cityCell = await page.$eval("#preview tbody tr:nth-child(5) td:nth-child(2)", (td) => td.textContent);
    assert.equal(cityCell, "Ho Chi Minh City");
  });
});

test("customer numbers that repeat (one line per purchase) are codes, not amounts", async () => {
  await session("codes-stay-codes", async (page) => {
    const lines = ["customer_id,order_date,amount"];
    for (let i = 0; i < 400; i++) lines.push(`${1000 + (i % 90)},2024-03-${String((i % 28) + 1).padStart(2, "0")},${(i * 37) % 300 + 5}`);
    await uploadText(page, "log.csv", lines.join("\n") + "\n");
    const types = await columnTypes(page);
    assert.ok(["categorical", "text"].includes(types.customer_id), `customer_id read as ${types.customer_id}`);
    assert.equal(types.amount, "integer");
  });
});

test("planted extreme rows are listed as outliers, never a segment of their own", async () => {
  await session("planted-outliers", async (page) => {
    const lines = ["branch,sales,staff"];
    for (let i = 0; i < 600; i++) {
      const g = i % 3;
      const j = ((i * 7919) % 100) / 100;
      lines.push(`B${String(i).padStart(4, "0")},${(100 + g * 50 + j * 10).toFixed(2)},${(5 + g * 4 + j).toFixed(2)}`);
    }
    for (let j = 0; j < 4; j++) lines.push(`X${j},${5000 + j * 10},${90 + j}`);
    await uploadText(page, "branches.csv", lines.join("\n") + "\n");
    await page.waitForSelector("#segment-results", { timeout: 60_000 });
    await waitIdle(page);
    assert.equal(await page.getAttribute("#segment-outliers", "data-count"), "4");
    // The charts and the picker mark the k that was fitted; the note says how many segments remain.
    const fitted = await page.getAttribute("#segment-results", "data-k");
    assert.equal(await page.inputValue("#k-choice"), fitted);
    assert.match(await page.textContent("#segment-outliers"), new RegExp(`^At k = ${fitted},`));
    assert.match(await page.textContent("#segment-outliers"), /4 rows \(0\.7 %\) formed groups under 2 % of the rows.*Rows 601, 602, 603, 604\./);
    const sizes = await page.$$eval("#segment-cards .segment-card", (cards) => cards.map((c) => Number(c.dataset.size)));
    const total = sizes.reduce((a, b) => a + b, 0);
    assert.equal(total, 600, `segments hold every row but the outliers: ${sizes}`);
    assert.equal(sizes.length, 3, `the suggested k finds the three groups, the extreme rows apart: ${sizes}`);
    assert.ok(sizes.every((s) => s / total >= 0.02), `no segment under 2 %: ${sizes}`);
    // The minimum is shown and editable: at 0 % every group is a segment, however small.
    assert.equal(await page.inputValue("#min-share"), "2");
    await page.fill("#min-share", "0");
    await page.dispatchEvent("#min-share", "change");
    await page.click("#run-segments");
    await page.waitForFunction(() => !document.querySelector("#segment-outliers") && document.querySelector("#segment-results"), null, { timeout: 60_000 });
    await waitIdle(page);
    const small = await page.$$eval("#segment-cards .segment-card", (cards) => cards.map((c) => Number(c.dataset.size)));
    assert.ok(small.includes(4), `the four rows are a segment at 0 %: ${small}`);
  });
});

test("a table we have never seen gets segment names and actions from its columns' roles", async () => {
  await session("names-from-roles", async (page) => {
    const lines = ["cust_no,total_sales,orders,days_since_last_order,kota"];
    for (let i = 0; i < 600; i++) {
      const j = ((i * 7919) % 100) / 100;
      const [sales, orders, days] = [
        [5000 + 500 * j, 40 + 5 * j, 10 + 10 * j],
        [4800 + 500 * j, 38 + 5 * j, 300 + 30 * j],
        [300 + 100 * j, 3 + 2 * j, 60 + 40 * j],
      ][i % 3];
      lines.push(`C${String(i).padStart(5, "0")},${sales.toFixed(2)},${orders.toFixed(0)},${days.toFixed(0)},${["Jakarta", "Medan"][i % 2]}`);
    }
    await uploadText(page, "shop-customers.csv", lines.join("\n") + "\n");
    await page.waitForSelector("#segment-results", { timeout: 60_000 });
    await waitIdle(page);
    assert.equal(await page.getAttribute("#segment-results", "data-k"), "3");
    const cards = await page.$$eval("#segment-cards .segment-card", (cs) =>
      cs.map((c) => ({ name: c.querySelector(".segment-name").value, actions: [...c.querySelectorAll(".segment-actions li")].map((li) => li.textContent) })));
    assert.deepEqual(cards.map((c) => c.name).sort(), ["High value", "High value at risk", "Low value"]);
    const atRisk = cards.find((c) => c.name === "High value at risk");
    assert.match(atRisk.actions[0], /^Win them back first/);
    assert.ok(cards.every((c) => c.actions.length >= 2 && !c.actions.some((a) => /Tailor the offer/.test(a))));
  });
});

test("“What is one row?”: the guess is pre-selected, and the answer sets the nouns of every step", async () => {
  await session("row-kind", async (page) => {
    // One row per shop: a shop code that never repeats, no customer column.
    const lines = ["store_id,region,tsales,hoursw"];
    for (let i = 0; i < 300; i++) {
      const g = i % 3;
      const j = ((i * 7919) % 100) / 100;
      lines.push(`S${String(i + 1).padStart(3, "0")},${["North", "South", "East"][i % 3]},${(800 + g * 900 + j * 100).toFixed(0)},${(40 + g * 20 + j * 5).toFixed(0)}`);
    }
    await uploadText(page, "stores.csv", lines.join("\n") + "\n");
    assert.equal(await page.getAttribute("#row-kind", "data-row"), "shop");
    assert.equal(await page.isChecked('#row-kind input[value="shop"]'), true);
    assert.match(await page.textContent("#profile-summary li"), /^300 shops/);
    await page.waitForSelector("#segment-results", { timeout: 60_000 });
    await waitIdle(page);
    const sizes = async () => page.$$eval("#segment-cards .segment-size", (ps) => ps.map((p) => p.textContent));
    assert.ok((await sizes()).every((s) => / shops · /.test(s)), (await sizes()).join(" | "));
    assert.ok(!(await page.textContent("#segment-results")).includes("customers"), "no “customers” in the segment step");
    await page.screenshot({ path: "tests/e2e/artifacts/row-kind-shops.png", fullPage: false });

    // The user says one row is a customer: the profile and the segments speak of customers.
    await page.check('#row-kind input[value="customer"]');
    await page.waitForFunction(() => document.querySelector("#row-kind")?.dataset.row === "customer");
    await waitIdle(page);
    assert.match(await page.textContent("#profile-summary li"), /^300 customers/);
    await page.waitForSelector("#segment-results", { timeout: 60_000 });
    await waitIdle(page);
    assert.ok((await sizes()).every((s) => / customers · /.test(s)), (await sizes()).join(" | "));
    assert.match(await page.textContent("#assign-title"), /^Place a new customer$/);

    // In Indonesian, one row as a shop: “toko”.
    await page.check('#row-kind input[value="shop"]');
    await page.waitForFunction(() => document.querySelector("#row-kind")?.dataset.row === "shop");
    await waitIdle(page);
    await page.selectOption("#lang-select", "id");
    await page.waitForFunction(() => document.documentElement.lang === "id");
    await page.waitForSelector("#segment-results", { timeout: 60_000 });
    await waitIdle(page);
    assert.match(await page.textContent("#row-kind legend"), /Satu baris mewakili apa\?/);
    assert.match(await page.textContent("#profile-summary li"), /^300 toko/);
    assert.ok((await sizes()).every((s) => / toko · /.test(s)), (await sizes()).join(" | "));
    await page.selectOption("#lang-select", "en");
    await page.waitForFunction(() => document.documentElement.lang === "en");
  });
});

test("a purchase log is recognised as purchases, and no membership length is read from its dates", async () => {
  await session("row-kind-purchases", async (page) => {
    const lines = ["customer_id,order_date,amount"];
    for (let i = 0; i < 400; i++) lines.push(`C${String(i % 90).padStart(3, "0")},2024-03-${String((i % 28) + 1).padStart(2, "0")},${(i * 37) % 300 + 5}`);
    await uploadText(page, "log.csv", lines.join("\n") + "\n");
    assert.equal(await page.getAttribute("#row-kind", "data-row"), "purchase");
    assert.match(await page.textContent("#profile-summary li"), /^400 purchases/);
    assert.match(await page.textContent("#row-kind-note"), /segments and scores describe purchases, not customers/);
  });
});
