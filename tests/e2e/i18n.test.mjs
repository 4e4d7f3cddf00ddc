// End-to-end: English and Bahasa Indonesia. The whole flow on every sample in Indonesian with no
// English left on the page (text, titles, ARIA labels, chart data tables), numbers in the
// Indonesian format, a switch back and forth at any step that keeps the results, the choice
// remembered after a reload; and screenshots of every step in both languages and both themes.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { appSuite, waitIdle, ARTIFACTS } from "./harness.mjs";

const session = appSuite();

/**
 * Texts on the page that read as English: visible text, `title`, `aria-label` and `placeholder`,
 * with English function words that no Indonesian sentence uses. The data's own values (column
 * names, categories such as "married" or "Graduation") are not function words, so they pass.
 */
async function englishLeft(page) {
  return page.evaluate(() => {
    // Whole words only: a file name such as klaster-sample-customers.tsv is not a sentence.
    const words = /(?<![\w.-])(the|of|and|with|for|from|is|are|this|your|than|which|rows|columns|customers|segments|average|values|missing|file|download|chart|table|step|choose|click|show|shown)(?![\w.-])/i;
    const found = [];
    const where = (el) => {
      const owner = el.closest("[id]");
      return owner ? `#${owner.id}` : el.tagName;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest("script, style, noscript")) continue;
      // Text the file brought: previews, column names and category labels are data, not interface.
      if (el.closest("[data-user-text], .preview-table, .cell-data")) continue;
      const text = n.textContent.trim();
      if (text && words.test(text)) found.push(`${where(el)}: ${text.slice(0, 120)}`);
    }
    for (const el of document.querySelectorAll("[title], [aria-label], [placeholder]")) {
      for (const attr of ["title", "aria-label", "placeholder"]) {
        const v = el.getAttribute(attr);
        if (v && words.test(v)) found.push(`${where(el)} [${attr}]: ${v.slice(0, 120)}`);
      }
    }
    return found;
  });
}

/** Opens every chart's data table, so that its headers are checked too. */
async function openDataTables(page) {
  await page.$$eval("details.chart-data", (ds) => ds.forEach((d) => (d.open = true)));
  await page.waitForTimeout(300);
}

/** The page with no remembered language (the tests share one browser profile). */
async function english(page) {
  await page.evaluate(() => localStorage.removeItem("klaster-lang"));
  await page.reload();
  await page.waitForSelector("#sample-button");
  assert.equal(await page.getAttribute("html", "lang"), "en");
}

async function setLang(page, code) {
  await page.selectOption("#lang-select", code);
  await page.waitForFunction((c) => document.documentElement.lang === c, code);
  await page.waitForFunction(() => document.activeElement?.id === "lang-select");
}

async function loadSample(page, id) {
  await page.click(id);
  await page.waitForSelector("#plan-best, #score-note", { timeout: 120_000 });
  await waitIdle(page);
  await page.waitForTimeout(500);
}

/**
 * Numbers ECharts formats itself — tooltips, value labels, mark-line labels, the heatmap's scale
 * and cell labels — carry Indonesian marks (the bank sample's charts; the page is in Indonesian).
 */
async function chartNumbersAreIndonesian(page) {
  const chart = (id) => `echarts.getInstanceByDom(document.getElementById("${id}"))`;
  const got = await page.evaluate(`(() => {
    const call = (f, v) => (typeof f === "function" ? f(v) : "no formatter");
    const profit = ${chart("profit-chart")}.getOption();
    const response = ${chart("response-chart")}.getOption();
    const corr = ${chart("correlation-chart")}.getOption();
    return {
      bestCutOff: call(profit.series[0].markLine.label.formatter, { value: 15.1 }),
      overall: call(response.series[0].markLine.label.formatter, { value: 11.7 }),
      barLabel: call(response.series[0].label.formatter, { value: 1234.5 }),
      tooltip: call(response.tooltip[0].valueFormatter, 0.254),
      scale: call(corr.visualMap[0].formatter, -0.256),
      cell: call(corr.series[0].label.formatter, { value: [1, 2, -0.37] }),
    };
  })()`);
  assert.deepEqual(got, {
    bestCutOff: "15,1",
    overall: "11,7",
    barLabel: "1.234,5",
    tooltip: "0,254",
    scale: "-0,26",
    cell: "-0,37",
  });
  // And the tooltip a user sees: the response rate of the first segment, with a decimal comma.
  const tip = await page.evaluate(`(async () => {
    const el = document.getElementById("response-chart");
    const c = echarts.getInstanceByDom(el);
    c.dispatchAction({ type: "showTip", seriesIndex: 0, dataIndex: 0 });
    await new Promise((r) => setTimeout(r, 400));
    const text = [...el.querySelectorAll("div")].map((d) => d.textContent).join(" ");
    c.dispatchAction({ type: "hideTip" });
    return text;
  })()`);
  assert.match(tip, /\d,\d/, `tooltip "${tip}"`);
  assert.doesNotMatch(tip, /\d\.\d/, `tooltip "${tip}"`);
}

test("Bahasa Indonesia: the whole flow on every sample, with no English left and Indonesian numbers", async () => {
  await session("i18n-flow", async (page) => {
    await english(page);
    assert.ok((await englishLeft(page)).length >= 3, "the detector finds the English page's sentences");
    const englishTitle = await page.textContent("#load-title");
    await setLang(page, "id");
    assert.notEqual(await page.textContent("#load-title"), englishTitle);
    assert.deepEqual(await englishLeft(page), [], "English on the empty page");

    for (const sample of ["#sample-button", "#sample-bank", "#sample-list"]) {
      await loadSample(page, sample);
      await openDataTables(page);
      const left = await englishLeft(page);
      assert.deepEqual(left, [], `English left after ${sample}:\n${left.join("\n")}`);
      if (sample === "#sample-bank") await chartNumbersAreIndonesian(page);
    }
    // Value axes of the charts write their numbers with Indonesian marks too.
    const ticks = await page.evaluate(() => {
      const chart = echarts.getInstanceByDom(document.getElementById("elbow-chart"));
      const f = chart.getOption().yAxis[0].axisLabel.formatter;
      return typeof f === "function" ? [f(100000), f(0.25)] : null;
    });
    assert.deepEqual(ticks, ["100.000", "0,25"]);
    // Numbers: Indonesian thousands and decimal marks.
    const rows = await page.textContent("#row-count");
    assert.match(rows, /^\d{1,3}(\.\d{3})*$/, `row count "${rows}"`);
    const body = await page.textContent("body");
    assert.match(body, /\d,\d+ %/, "a percentage with a decimal comma");
    assert.doesNotMatch(body, /\d\.\d %/, "no percentage with a decimal point");
  });
});

test("language switch at any step keeps the results and the choice is remembered", async () => {
  await session("i18n-switch", async (page) => {
    await english(page);
    await loadSample(page, "#sample-button");
    const segments = await page.$$eval(".segment-card", (cs) => cs.length);
    assert.ok(segments >= 2);
    const k = await page.getAttribute("#suggestion", "data-k");
    const englishText = await page.textContent("#suggestion");

    await setLang(page, "id");
    await page.waitForSelector("#plan-best");
    assert.equal(await page.$$eval(".segment-card", (cs) => cs.length), segments, "segments kept");
    assert.equal(await page.getAttribute("#suggestion", "data-k"), k);
    const indonesian = await page.textContent("#suggestion");
    assert.notEqual(indonesian, englishText, "the engine's sentence is translated");
    await page.waitForFunction(() => document.querySelector("#elbow-chart canvas"));

    // A step after the switch runs in the new language: pick another k.
    const other = Number(k) === 4 ? 5 : 4;
    await page.selectOption("#k-choice", String(other));
    await page.waitForFunction((n) => document.querySelectorAll(".segment-card").length === n, other);
    await waitIdle(page);
    const left = await englishLeft(page);
    assert.deepEqual(left, [], `English after a new k:\n${left.join("\n")}`);

    await page.reload();
    await page.waitForSelector("#sample-button");
    assert.equal(await page.getAttribute("html", "lang"), "id", "remembered after a reload");
    assert.equal(await page.$eval("#lang-select", (s) => s.value), "id");

    await setLang(page, "en");
    assert.equal(await page.textContent("#load-title"), "Load your customer data");
  });
});

test("screenshots of every step in both languages and both themes", async () => {
  await session("i18n-screens", async (page) => {
    await english(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await loadSample(page, "#sample-button");
    for (const lang of ["en", "id"]) {
      await setLang(page, lang);
      for (const dark of [false, true]) {
        const pressed = (await page.getAttribute("#theme-toggle", "aria-pressed")) === "true";
        if (pressed !== dark) await page.click("#theme-toggle");
        await page.waitForTimeout(300);
        for (const step of ["load", "profile", "prepare", "segment", "score", "plan", "export"]) {
          const section = page.locator(`#${step}`);
          await section.scrollIntoViewIfNeeded();
          await page.waitForTimeout(150);
          await section.screenshot({ path: path.join(ARTIFACTS, `step-${step}-${lang}-${dark ? "dark" : "light"}.png`) });
        }
      }
    }
  });
});
