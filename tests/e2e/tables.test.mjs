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
