// End-to-end: an accessibility audit of every step with axe-core (npm, test-only), the rules of
// WCAG 2.1 A and AA plus axe's best practices: names of controls and regions, headers of tables,
// colour contrast of text, keyboard access to scrolling regions, landmarks, ARIA use. Run on the
// empty page and after the whole flow on each sample, in English and in Bahasa Indonesia, in the
// light and the dark theme. Charts are canvases (axe cannot see into them); their text
// alternative, the data table under each chart, is opened and audited with the rest.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { appSuite, waitIdle, ROOT } from "./harness.mjs";

const session = appSuite();
const AXE = fs.readFileSync(path.join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

/** The page's violations, one line per rule with up to three of its elements. */
async function violations(page) {
  await page.$$eval("details", (ds) => ds.forEach((d) => (d.open = true)));
  await page.waitForTimeout(300);
  // Injected through the DevTools protocol, as a tool would; the page's CSP still holds for
  // everything the page itself runs.
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE);
  const found = await page.evaluate(
    (tags) => axe.run(document, { runOnly: { type: "tag", values: tags } }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) }))),
    TAGS,
  );
  return found.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length}× e.g. ${v.nodes.slice(0, 3).join(", ")}`);
}

async function audit(page, where) {
  const found = await violations(page);
  assert.deepEqual(found, [], `accessibility violations ${where}:\n${found.join("\n")}`);
}

async function setLang(page, code) {
  await page.selectOption("#lang-select", code);
  await page.waitForFunction((c) => document.documentElement.lang === c, code);
  await waitIdle(page);
}

test("accessibility audit (axe, WCAG 2.1 AA): every step of every sample, both languages, both themes", async () => {
  await session("a11y", async (page) => {
    await page.evaluate(() => localStorage.removeItem("klaster-lang"));
    await page.reload();
    await page.waitForSelector("#sample-button");
    // The audit finds what it should: an unnamed button is reported.
    await page.evaluate(() => {
      const b = document.createElement("button");
      b.id = "a11y-probe";
      document.body.append(b);
    });
    assert.ok((await violations(page)).some((v) => v.startsWith("button-name")), "axe reports an unnamed button");
    await page.evaluate(() => document.getElementById("a11y-probe").remove());
    await audit(page, "on the empty page");

    for (const sample of ["#sample-button", "#sample-bank", "#sample-list"]) {
      await page.click(sample);
      await page.waitForSelector("#plan-best, #score-note", { timeout: 120_000 });
      await waitIdle(page);
      await page.waitForTimeout(500);
      await audit(page, `after ${sample} (English)`);
      await setLang(page, "id");
      await audit(page, `after ${sample} (Indonesian)`);
      await setLang(page, "en");
    }
    // The dark theme: contrast of every text against its own ground.
    await page.click("#theme-toggle");
    await page.waitForTimeout(500);
    const dark = await page.evaluate(() => document.documentElement.dataset.theme ?? getComputedStyle(document.documentElement).colorScheme);
    assert.match(String(dark), /dark/);
    await audit(page, "in the dark theme");
    await setLang(page, "id");
    await audit(page, "in the dark theme (Indonesian)");
  });
});
