// End-to-end: hostile content in a file renders as text everywhere — the column table, the
// preview, profile tables, segment cards, the model card and ranked list, chart labels and
// chart tooltips (ECharts renders tooltips as HTML) — and nothing in it runs. The file is
// generated here: markup in header names and cells, a formula-like cell, right-to-left marks,
// control characters, a very long cell.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { appSuite, waitIdle, ARTIFACTS } from "./harness.mjs";

const session = appSuite();

const IMG = `<img src=x onerror="window.__pwned='img'">`;
const SCRIPT = `<script>window.__pwned='script'</script>`;
const HOVER = `<b onmouseover="window.__pwned='hover'">bold</b>`;
const RTL = "\u202Eevil\u202C";
const FORMULA = "=HYPERLINK(\"http://example.invalid\",\"x\")";
const CTRL = "bell\u0007tab\u0001";

function hostileCsv(rows = 400) {
  const quote = (v) => `"${String(v).replaceAll('"', '""')}"`;
  const header = ["ID", `Plan ${IMG}`, "Income", `Visits ${SCRIPT}`, "Note", "Response"];
  const plans = [IMG, HOVER, RTL, FORMULA, CTRL];
  const lines = [header.map(quote).join(",")];
  for (let i = 0; i < rows; i++) {
    const plan = plans[i % plans.length];
    const income = 20000 + ((i * 7919) % 80000);
    const visits = (i * 13) % 21;
    const note = i === 3 ? "x".repeat(20_000) + SCRIPT : i % 7 === 0 ? HOVER : "ok";
    // A response that depends on the plan and income, so that a model can be trained.
    const response = (i % 5 === 0 && income > 50000) || i % 11 === 0 ? "yes" : "no";
    lines.push([i + 1, plan, income, visits, note, response].map(quote).join(","));
  }
  return lines.join("\n") + "\n";
}

/**
 * No bidi control character is obeyed anywhere on the page: every text node, title, ARIA label
 * and chart option shows them as marks ("[U+202E]"), so "\u202Eevil" reads "evil", not "live".
 */
async function assertNoBidiControls(page, where) {
  const found = await page.evaluate(() => {
    const bidi = /[\u202A-\u202E\u2066-\u2069]/;
    const hits = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (bidi.test(n.data)) hits.push(n.data.slice(0, 40));
    for (const el of document.querySelectorAll("[title],[aria-label],[placeholder]"))
      for (const a of ["title", "aria-label", "placeholder"])
        if (bidi.test(el.getAttribute(a) ?? "")) hits.push(`${a}: ${el.getAttribute(a).slice(0, 40)}`);
    for (const i of document.querySelectorAll("input, textarea"))
      if (bidi.test(i.value)) hits.push(`value of ${i.className || i.id}: ${i.value.slice(0, 40)}`);
    for (const c of document.querySelectorAll("[_echarts_instance_]")) {
      const option = JSON.stringify(echarts.getInstanceByDom(c)?.getOption() ?? {});
      if (bidi.test(option)) hits.push(`chart ${c.id}`);
    }
    return hits;
  });
  assert.deepEqual(found, [], where);
}

async function assertNothingRan(page, where) {
  const state = await page.evaluate(() => ({
    pwned: window.__pwned ?? null,
    imgs: [...document.querySelectorAll("img")].map((i) => i.getAttribute("src")),
    bold: document.querySelectorAll("b[onmouseover]").length,
    scripts: [...document.querySelectorAll("script")].filter((s) => s.textContent.includes("__pwned")).length,
  }));
  assert.deepEqual(state, { pwned: null, imgs: [], bold: 0, scripts: 0 }, where);
}

/** Moves the mouse over a grid of points of the chart so that its tooltip shows. */
async function hoverChart(page, id) {
  const chart = await page.$(id);
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.boundingBox();
  let texts = [];
  for (const fx of [0.3, 0.5, 0.7, 0.9]) {
    for (const fy of [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) {
      await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
      await page.waitForTimeout(40);
      const t = await page.$$eval(`${id} div`, (divs) =>
        divs.filter((d) => d.style.position === "absolute" && d.style.display !== "none" && d.textContent)
          .map((d) => ({ text: d.textContent, html: d.innerHTML })));
      texts = texts.concat(t);
    }
  }
  return texts;
}

test("markup, formulas, RTL marks and control characters in a file render as text and never run", async () => {
  await session("hostile-content", async (page) => {
    page.on("dialog", (d) => {
      throw new Error(`a dialog opened: ${d.message()}`);
    });
    await page.setInputFiles("#file-input", {
      name: `<img src=x onerror=alert(1)>.csv`,
      mimeType: "text/csv",
      buffer: Buffer.from(hostileCsv()),
    });
    await page.waitForSelector("#profile-summary li");
    await waitIdle(page);
    await assertNothingRan(page, "after loading");

    // Header names and cells appear literally.
    const headers = await page.$$eval("#columns tbody th", (ths) => ths.map((t) => t.textContent));
    assert.ok(headers.includes(`Plan ${IMG}`), headers.join(" | "));
    assert.ok(headers.includes(`Visits ${SCRIPT}`), headers.join(" | "));
    const preview = await page.textContent("#preview");
    for (const v of [IMG, HOVER, FORMULA]) assert.ok(preview.includes(v), `preview shows ${v}`);
    // The right-to-left override is shown, not obeyed; the cell is isolated from its neighbours.
    assert.ok(preview.includes("[U+202E]evil[U+202C]"), "preview shows the override as a mark");
    await assertNoBidiControls(page, "after loading");
    const isolated = await page.$eval("#preview td", (td) => getComputedStyle(td).unicodeBidi);
    assert.equal(isolated, "isolate");
    assert.ok((await page.textContent("#categorical-stats")).includes(IMG), "profile table shows the markup");

    // The chart of the hostile column: its tooltip shows the markup as text.
    await page.selectOption("#chart-column", `Plan ${IMG}`);
    await page.waitForTimeout(600);
    const tips = await hoverChart(page, "#category-chart");
    assert.ok(tips.length > 0, "a tooltip showed");
    assert.ok(tips.some((t) => t.text.includes("<img") || t.text.includes("<b ")), JSON.stringify(tips.slice(0, 3)));
    for (const t of tips) assert.ok(!/<img|<b |<script/i.test(t.html.replaceAll("&lt;", "")), `tooltip markup is escaped: ${t.html}`);
    await assertNothingRan(page, "after hovering the column chart");

    // Train a model on the hostile file: the card, the odds chart and the ranked list.
    await page.waitForSelector("#train-button", { timeout: 60_000 });
    await page.selectOption("#train-target", "Response");
    await page.click("#train-button");
    await page.waitForSelector("#trained-note", { timeout: 60_000 });
    await waitIdle(page);
    const card = await page.textContent("#model-card");
    assert.ok(card.includes(`Plan ${IMG}`) || card.includes(IMG), "the model card names the hostile feature as text");
    const oddsTips = await hoverChart(page, "#odds-chart");
    assert.ok(oddsTips.length > 0, "the odds chart's tooltip showed");
    await (await page.$("#odds-chart")).screenshot({ path: path.join(ARTIFACTS, "hostile-odds-chart.png") });
    // A 20,000-character level is cut on the axis, so the bars still have room.
    assert.ok(oddsTips.every((t) => t.text.length < 200), oddsTips.map((t) => t.text.length).join(","));
    for (const t of oddsTips) assert.ok(!/<img|<b |<script/i.test(t.html.replaceAll("&lt;", "")), `odds tooltip escaped: ${t.html}`);
    await assertNothingRan(page, "after the model card");
    assert.ok((await page.textContent("#ranked-list")).length > 0);
    await assertNoBidiControls(page, "at the end");
    await assertNothingRan(page, "at the end");
  });
});
