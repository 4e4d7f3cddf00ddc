// End-to-end: Prepare and Segment on real files uploaded through the real UI. Every test also
// asserts no console errors and no request to any other origin.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import {
  appSuite, upload, waitIdle, assertChartDrawn, SHARED_DATA,
} from "./harness.mjs";

const haveShared = fs.existsSync(path.join(SHARED_DATA, "marketing_campaign.csv"));
const session = appSuite();
const assertPainted = (page, id, rgb, min = 300) => assertChartDrawn(page, id, rgb, min);

const BLUE = [0x00, 0x72, 0xb2];
const GREEN = [0x00, 0x9e, 0x73];

async function segments(page) {
  return page.$$eval("#segment-cards .segment-card", (cards) =>
    cards.map((c) => ({
      name: c.querySelector(".segment-name").value,
      actions: c.querySelectorAll(".segment-actions li").length,
      text: c.textContent,
    })),
  );
}

async function waitSegments(page) {
  await page.waitForSelector("#segment-results", { timeout: 60_000 });
  await waitIdle(page);
}

test("marketing_campaign.csv: features, cleaning, sweep charts and named LRFM segments", { skip: !haveShared && "../shared/data is not present" }, async () => {
  await session("segment-marketing-campaign", async (page) => {
    await upload(page, path.join(SHARED_DATA, "marketing_campaign.csv"));
    await waitSegments(page);
    // Prepare: derived features with formulas, cleaning with row counts.
    const features = await page.$$eval("#derived-features tbody tr", (trs) => trs.map((t) => t.dataset.feature));
    for (const f of ["Age", "Children", "Total_Spent", "Total_Purchases", "Total_Day_Membership", "Total_Accepted", "Conversion_Rate", "Conversion_Rate_Purchases", "Age_Group", "Income_Group"]) {
      assert.ok(features.includes(f), `derived ${f}: ${features}`);
    }
    assert.equal(await page.inputValue("#reference-date"), "2014-06-29");
    const rules = await page.$$eval("#cleaning-rules tbody tr", (trs) => trs.map((t) => [t.dataset.rule, Number(t.dataset.rows)]));
    assert.deepEqual(rules.find((r) => r[0] === "MissingIncome"), ["MissingIncome", 24]);
    assert.deepEqual(rules.find((r) => r[0] === "ImpossibleAges"), ["ImpossibleAges", 3]);
    const kept = Number(await page.getAttribute("#rows-after", "data-value"));
    assert.ok(kept > 2190 && kept < 2213, `rows kept ${kept}`);
    await assertPainted(page, "#conversion-corr-0", BLUE);
    await assertPainted(page, "#conversion-age-0", BLUE);

    // Segment: sweep charts, a suggested k of 3–4, named segments with actions.
    assert.equal(await page.getAttribute("#segment-results", "data-algorithm"), "K-Means");
    const k = Number(await page.getAttribute("#segment-results", "data-k"));
    assert.ok(k >= 3 && k <= 4, `suggested k ${k}`);
    assert.match(await page.textContent("#suggestion"), /elbow/);
    await assertPainted(page, "#elbow-chart", BLUE);
    await assertPainted(page, "#silhouette-chart", GREEN);
    const segs = await segments(page);
    assert.equal(segs.length, k);
    const names = segs.map((s) => s.name);
    assert.ok(names.includes("High value") && names.includes("Low value"), names.join(", "));
    for (const s of segs) assert.ok(s.actions >= 2 && s.actions <= 4, `${s.name}: ${s.actions} actions`);
    assert.ok(!(await page.textContent("#segment-profile")).includes("NaN"));
    await assertPainted(page, "#index-chart", BLUE);
    await assertPainted(page, "#scatter-chart", BLUE);
    await assertPainted(page, "#response-chart", BLUE);
    await assertPainted(page, "#segment-silhouette-chart", BLUE);

    // Rename a segment: the table header follows.
    await page.fill('[aria-label="Name of segment 1"]', "Champions");
    await page.press('[aria-label="Name of segment 1"]', "Tab");
    assert.match(await page.textContent("#segment-profile thead"), /Champions/);

    // Place a new customer typed into the form.
    await page.click("#assign-button");
    await page.waitForSelector("#assign-result");
    assert.match(await page.textContent("#assign-result"), /belongs to/);

    // Pick another k: the segments follow.
    await page.selectOption("#k-choice", "5");
    await page.waitForFunction(() => document.querySelector("#segment-results")?.dataset.k === "5", null, { timeout: 60_000 });
    await waitIdle(page);
    assert.equal((await segments(page)).length, 5);

    // A cleaning rule switched: counts and segments are recomputed.
    await page.check('[aria-label^="Drop rows that repeat"]');
    await page.waitForFunction((before) => Number(document.querySelector("#rows-after").dataset.value) < before, kept, { timeout: 60_000 });
    await waitSegments(page);
  });
});

test("customer_segments.txt: K-Prototypes on mixed data with tiered names", { skip: !haveShared && "../shared/data is not present" }, async () => {
  await session("segment-dqlab-kprototypes", async (page) => {
    await upload(page, path.join(SHARED_DATA, "customer_segments.txt"));
    await waitSegments(page);
    assert.equal(await page.getAttribute("#segment-results", "data-algorithm"), "K-Prototypes");
    const picked = await page.$$eval("#feature-picker li", (lis) =>
      lis.filter((li) => li.querySelector("input").checked).map((li) => li.dataset.feature));
    for (const f of ["Jenis Kelamin", "Umur", "Profesi", "Tipe Residen", "NilaiBelanjaSetahun"]) {
      assert.ok(picked.includes(f), `feature ${f} in ${picked}`);
    }
    assert.ok(Number(await page.inputValue("#gamma")) > 0, "gamma shown");
    // The seed's setup: k = 5.
    await page.selectOption("#k-choice", "5");
    await page.waitForFunction(() => document.querySelector("#segment-results")?.dataset.k === "5", null, { timeout: 60_000 });
    await waitIdle(page);
    const segs = await segments(page);
    assert.equal(segs.length, 5);
    assert.ok(segs.every((s) => /(Diamond|Gold|Silver) (Young|Senior) Member/.test(s.name)), segs.map((s) => s.name).join(", "));
    await assertPainted(page, "#elbow-chart", BLUE);
    assert.equal(await page.$("#response-chart"), null, "no response chart without a target");
    // The form offers the categories as choices.
    const options = await page.$$eval('#assign-form select[aria-label="Profesi"] option', (o) => o.map((x) => x.value));
    assert.ok(options.includes("Wiraswasta"), options.join(", "));
    await page.click("#assign-button");
    await page.waitForSelector("#assign-result");
  });
});

test("bank-full.csv: the sweep shared with helper workers equals the native engine's", { skip: !fs.existsSync(path.join(SHARED_DATA, "bank-full.csv")) && "../shared/data is not present" }, async () => {
  await session("segment-bank-parallel", async (page) => {
    await upload(page, path.join(SHARED_DATA, "bank-full.csv"));
    await waitSegments(page);
    // One helper per core beyond the first (at most 7), each given part of the ks.
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const helpers = Number(await page.getAttribute("#segment-results", "data-helpers"));
    assert.equal(helpers, Math.min(Math.max(cores - 1, 0), 7), `helpers on ${cores} cores`);
    // tests/fixtures/bank_sweep.json: the sequential native sweep (engine/tests/parallel_sweep.rs).
    const fixture = JSON.parse(fs.readFileSync(new URL("../fixtures/bank_sweep.json", import.meta.url)));
    const sweep = JSON.parse(await page.getAttribute("#segment-results", "data-sweep"));
    assert.equal(sweep.length, fixture.sweep.length);
    for (const [a, b] of sweep.map((p, i) => [p, fixture.sweep[i]])) {
      assert.equal(a.k, b.k);
      assert.deepEqual(a.sizes, b.sizes, `k ${a.k} sizes`);
      assert.ok(Math.abs(a.cost - b.cost) <= 1e-9 * b.cost, `k ${a.k}: cost ${a.cost} vs ${b.cost}`);
      assert.ok(Math.abs(a.silhouette - b.silhouette) < 1e-9, `k ${a.k}: silhouette ${a.silhouette} vs ${b.silhouette}`);
    }
    assert.equal(Number(await page.getAttribute("#segment-results", "data-k")), fixture.k);
  });
});

test("a table that cannot be segmented says why, without an error", async () => {
  await session("segment-unavailable", async (page) => {
    await page.setInputFiles("#file-input", {
      name: "two-rows.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("name,score\nann,1\nbob,1\n"),
    });
    await waitIdle(page);
    await page.waitForSelector("#segment-note");
    assert.match(await page.textContent("#segment-note"), /No segments yet/);
  });
});

// The one-click samples, one per kind of data (generated by the engine, no file needed): each
// is recognised as its kind and goes through the default flow.
test("one-click samples: bank calls are scored, the small mixed list is segmented with K-Prototypes", async () => {
  await session("samples-bank-and-list", async (page) => {
    await page.click("#sample-bank");
    await page.waitForSelector("#score-results", { timeout: 120_000 });
    await waitIdle(page);
    assert.equal(await page.getAttribute("#row-count", "data-value"), "45211");
    assert.match(await page.textContent("#profile-summary li"), /^45,211 calls, \d+(\.\d)? % subscribed\.$/);
    assert.match(await page.textContent("#summary"), /klaster-sample-bank-calls\.csv/);
    const segs = await segments(page);
    assert.ok(segs.length >= 2, `bank segments: ${segs.length}`);
    await assertPainted(page, "#roc-chart", BLUE);

    await page.click("#sample-list");
    await page.waitForFunction(() => document.querySelector("#row-count")?.dataset.value === "50", null, { timeout: 60_000 });
    await waitSegments(page);
    assert.equal(await page.getAttribute("#segment-results", "data-algorithm"), "K-Prototypes");
    assert.match(await page.textContent("#summary"), /klaster-sample-customer-list\.tsv/);
    const options = await page.$$eval('#assign-form select[aria-label="Profesi"] option', (o) => o.map((x) => x.value));
    assert.ok(options.includes("Wiraswasta"), options.join(", "));
  });
});
