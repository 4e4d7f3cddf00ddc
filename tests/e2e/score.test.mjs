// End-to-end: Score and Plan on real files uploaded through the real UI — the shipped models'
// cards, the ranked list, the profit curve, training and opening models in the browser, and
// the ranked CSV. Every test also asserts no console errors and no request to another origin.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import {
  appSuite, upload, waitIdle, assertChartDrawn, downloaded, cells, SHARED_DATA, FIXTURES, tempDir } from "./harness.mjs";

const have = (f) => fs.existsSync(path.join(SHARED_DATA, f));
const session = appSuite();
const BLUE = [0x00, 0x72, 0xb2];
const GREEN = [0x00, 0x9e, 0x73];
const VERMILLION = [0xd5, 0x5e, 0x00];

async function waitPlan(page) {
  await page.waitForSelector("#best-cutoff", { timeout: 90_000 });
  await waitIdle(page);
}


test("bank-full.csv: the bank model's card, ranked calls with reasons, profit curve and ranked CSV", { skip: !have("bank-full.csv") && "../shared/data is not present" }, async () => {
  await session("score-bank-full", async (page) => {
    await upload(page, path.join(SHARED_DATA, "bank-full.csv"));
    await waitPlan(page);
    // The shipped bank model fits and scores every call.
    assert.equal(await page.getAttribute("#model-card", "data-model"), "bank");
    assert.equal(await page.getAttribute("#score-results", "data-rows"), "45211");
    const scoreMs = Number(await page.getAttribute("#score-results", "data-millis"));
    console.log(`scored 45,211 rows in ${scoreMs} ms`);
    const metrics = await page.$$eval("#card-metrics tr", (trs) => Object.fromEntries(trs.map((t) => [t.dataset.metric, t.querySelector("td").textContent])));
    assert.equal(metrics["ROC AUC"], "0.772");
    assert.equal(metrics["Base rate"], "11.7 %");
    const card = await page.textContent("#model-card");
    assert.match(card, /duration/, "the card says why duration is left out");
    assert.match(card, /May 2008 – November 2010/);
    // The file carries y: the model is evaluated on it.
    const auc = Number(await page.getAttribute("#evaluation", "data-auc"));
    assert.ok(auc > 0.75 && auc < 0.8, `AUC on the file ${auc}`);
    const ranked = await page.$$eval("#ranked-list tbody tr", (trs) => trs.map((t) => ({
      rank: Number(t.dataset.rank),
      score: parseFloat(t.querySelector(".score").textContent),
      reasons: [...t.querySelectorAll(".reasons li")].map((l) => l.textContent),
    })));
    assert.equal(ranked.length, 100);
    for (let i = 1; i < ranked.length; i++) assert.ok(ranked[i].score <= ranked[i - 1].score, "sorted by score");
    assert.equal(ranked[0].reasons.length, 3);
    assert.match(ranked[0].reasons[0], /poutcome = success raises the odds ×\d/);
    for (const id of ["#score-histogram", "#roc-chart", "#calibration-chart", "#odds-chart", "#profit-chart", "#gains-chart", "#lift-chart"]) {
      await assertChartDrawn(page, id, BLUE, 200);
    }
    await assertChartDrawn(page, "#roc-chart", GREEN, 100);
    await assertChartDrawn(page, "#odds-chart", VERMILLION, 200);

    // Plan: example economics (the bank file has none); the best cut-off is profitable.
    assert.equal(await page.inputValue("#cost"), "3");
    assert.equal(await page.inputValue("#revenue"), "11");
    const contacts = Number(await page.getAttribute("#best-cutoff", "data-contacts"));
    assert.ok(contacts > 1000 && contacts < 10000, `best contacts ${contacts}`);
    const gains = await page.$$eval("#gains-table tbody tr", (trs) => trs.map((t) => t.dataset.share));
    assert.deepEqual(gains, ["10", "20", "30", "50"]);
    // A dearer call: fewer calls pay.
    await page.fill("#cost", "6");
    await page.dispatchEvent("#cost", "change");
    await page.waitForFunction((c) => Number(document.querySelector("#best-cutoff")?.dataset.contacts) < c, contacts);
    // A nonsense revenue is refused with a message, the plan stays.
    await page.fill("#revenue", "0");
    await page.dispatchEvent("#revenue", "change");
    await page.waitForSelector("#plan-problem");
    assert.match(await page.textContent("#plan-problem"), /revenue per response must be a number above 0/);
    assert.ok(await page.$("#profit-chart canvas"));

    // The ranked list as CSV: every call, sorted, with segment and reasons.
    const csv = await downloaded(page, "#export-ranked");
    assert.equal(csv.name, "bank-full-ranked.csv");
    const lines = csv.text.trim().split("\n");
    assert.equal(lines[0], "rank,row,score,segment,reason_1,reason_2,reason_3");
    assert.equal(lines.length, 45_212);
    const first = cells(lines[1]);
    assert.equal(first[0], "1");
    assert.ok(Number(first[2]) > 0.9, `top score ${first[2]}`);
    assert.ok(first[3].length > 0, "segment name");
    assert.match(first[4], /raises the odds/);
    const last = cells(lines[45_211]);
    assert.ok(Number(last[2]) < 0.02);
    await page.locator("#score").screenshot({ path: path.join("tests/e2e/artifacts", "score-bank-step.png") });
    await page.locator("#plan").screenshot({ path: path.join("tests/e2e/artifacts", "plan-bank-step.png") });

    // The other shipped model cannot score calls, but its card can be read; then back.
    await page.selectOption("#model-select", "personality");
    await page.waitForSelector("#card-only-note");
    assert.match(await page.textContent("#card-only-note"), /cannot score this table: it needs Age, Income/);
    assert.equal(await page.getAttribute("#model-card", "data-model"), "personality");
    assert.equal(await page.$("#ranked-list"), null);
    await page.selectOption("#model-select", "bank");
    await page.waitForSelector("#ranked-list");
    assert.equal(await page.getAttribute("#model-card", "data-model"), "bank");

    // Training in the browser on all 45,211 calls (the defaults leave duration out).
    assert.equal(await page.inputValue("#train-target"), "y");
    assert.equal(await page.isChecked("#train-features li[data-feature=duration] input"), false);
    await page.click("#train-button");
    await page.waitForSelector("#trained-note", { timeout: 60_000 });
    await waitIdle(page);
    const trainedMs = Number((await page.textContent("#trained-note")).match(/(\d+) ms/)[1]);
    console.log(`trained on 45,211 calls in the browser in ${trainedMs} ms`);
    const trainedAuc = Number(await page.$eval("#card-metrics tr[data-metric='ROC AUC'] td", (td) => td.textContent));
    assert.ok(trainedAuc > 0.76, `held-out AUC ${trainedAuc}`);
  });
});

test("marketing_campaign.csv: economics from the file, per-segment plan, training, saving and opening models", { skip: !have("marketing_campaign.csv") && "../shared/data is not present" }, async () => {
  await session("score-marketing-campaign", async (page) => {
    await upload(page, path.join(SHARED_DATA, "marketing_campaign.csv"));
    await waitPlan(page);
    assert.equal(await page.getAttribute("#model-card", "data-model"), "personality");
    assert.equal(await page.inputValue("#cost"), "3");
    assert.equal(await page.inputValue("#revenue"), "11");
    assert.match(await page.textContent("#plan-economics"), /Prefilled from the file/);
    const segments = await page.$$eval("#segment-plan tbody tr", (trs) => trs.map((t) => t.textContent));
    assert.ok(segments.length >= 3 && segments.length <= 4, `${segments.length} segment rows`);
    assert.ok(segments.some((s) => /High value/.test(s)), segments.join(" | "));

    // Save the shipped model, then train our own on the same file.
    const saved = await downloaded(page, "#export-model");
    assert.equal(JSON.parse(saved.text).format, "klaster-logistic");
    await page.selectOption("#train-target", "Response");
    await page.click("#train-button");
    await page.waitForSelector("#trained-note", { timeout: 60_000 });
    await waitIdle(page);
    const trainedMs = Number((await page.textContent("#trained-note")).match(/(\d+) ms/)[1]);
    console.log(`trained on 2,205 rows in ${trainedMs} ms`);
    assert.equal(await page.getAttribute("#model-card", "data-model"), "custom-1");
    const auc = Number(await page.$eval("#card-metrics tr[data-metric='ROC AUC'] td", (td) => td.textContent));
    assert.ok(auc > 0.8, `held-out AUC of the trained model ${auc}`);
    const features = await page.$eval("#model-card", (c) => c.textContent);
    assert.doesNotMatch(features, /Features:[^\n]*Conversion_Rate/, "no leaking feature");

    // Opening the saved file: it becomes a choice of its own and scores the file.
    await page.setInputFiles("#import-model", saved.file);
    await page.waitForFunction(() => document.querySelector("#model-card")?.dataset.model === "personality (2)");
    await waitIdle(page);
    const options = await page.$$eval("#model-select option", (os) => os.map((o) => o.value));
    assert.ok(options.includes("custom-1") && options.includes("personality (2)"), options.join(", "));
    // A file that is not a model: a clear message, the scores stay.
    const junk = path.join(tempDir("junk"), "not-a-model.json");
    fs.writeFileSync(junk, '{"hello": "world"}');
    await page.setInputFiles("#import-model", junk);
    await page.waitForSelector("[role=alert], .error");
    assert.match(await page.textContent(".error"), /not a Klaster model file/);
    assert.ok(await page.$("#ranked-list"));
    await page.locator("#score").screenshot({ path: path.join("tests/e2e/artifacts", "score-marketing-step.png") });
  });
});

test("a file no model fits: a note, a train form, and a plan that says what it needs", async () => {
  await session("score-no-model", async (page) => {
    await upload(page, path.join(FIXTURES, "bank_semicolon.csv"));
    await page.waitForSelector("#score-note", { timeout: 60_000 });
    await waitIdle(page);
    assert.match(await page.textContent("#score-note"), /No shipped model fits this table/);
    assert.match(await page.textContent("#plan-note"), /needs scores/);
    // Ten rows are too few to train and test a model: the form says so, nothing breaks.
    assert.equal(await page.inputValue("#train-target"), "y");
    await page.click("#train-button");
    await page.waitForSelector(".error");
    assert.match(await page.textContent(".error"), /too few rows to train and test a model/);
    assert.ok(await page.$("#train-form"));
  });
});

test("marketing_campaign_data.csv (Indonesian variant): the personality model scores it like the original", { skip: !have("marketing_campaign_data.csv") && "../shared/data is not present" }, async () => {
  await session("score-indonesian", async (page) => {
    await upload(page, path.join(SHARED_DATA, "marketing_campaign_data.csv"));
    await waitPlan(page);
    assert.equal(await page.getAttribute("#model-card", "data-model"), "personality");
    assert.equal(await page.getAttribute("#score-results", "data-rows"), "2240");
    // Indonesian categories map to the model's: nothing is "never seen"; only the 24 missing
    // incomes are filled in.
    const filled = await page.textContent("#score-filled");
    assert.match(filled, /Income: 24 missing values took the training median/);
    assert.doesNotMatch(filled, /never saw/);
    // Money ÷ 1000: the same evaluation as on the original file (AUC 0.88 there).
    const auc = Number(await page.getAttribute("#evaluation", "data-auc"));
    assert.ok(auc > 0.85 && auc < 0.92, `AUC ${auc}`);
    const reasons = await page.$$eval("#ranked-list tbody tr:first-child .reasons li", (ls) => ls.map((l) => l.textContent).join(" | "));
    assert.doesNotMatch(reasons, /not seen in training/, reasons);
  });
});
