// Writes the README's screenshots (docs/screenshots/) from the built app (dist/) in headless
// Chromium, through the real UI: `node scripts/screenshots.mjs` after `trunk build --release`.
// The public files come from ../shared/data; the generated samples need nothing.
import fs from "node:fs";
import path from "node:path";
import { serve, launch, openApp, upload, waitIdle, ROOT, SHARED_DATA } from "../tests/e2e/harness.mjs";

const OUT = path.join(ROOT, "docs/screenshots");
fs.mkdirSync(OUT, { recursive: true });
const server = await serve();
const browser = await launch();

/** Opens the app at 1366 × 900 in the given theme. */
async function open(theme = "light") {
  const { page } = await openApp(browser.context, server);
  await page.evaluate((t) => localStorage.setItem("klaster-theme", t), theme);
  await page.reload();
  await page.waitForSelector("#sample-button");
  return page;
}

/** A picture of the window with `selector`'s section at its top (under the stepper). */
async function shot(page, selector, name) {
  await page.$eval(selector, (el) => el.scrollIntoView());
  await page.waitForTimeout(800);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  console.log("wrote", name);
}

let page = await open();
await page.click("#sample-button");
await page.waitForSelector("#plan-best", { timeout: 120_000 });
await waitIdle(page);
await shot(page, "#load", "load-sample");
await page.close();

page = await open("dark");
await page.click("#sample-button");
await page.waitForSelector("#plan-best", { timeout: 120_000 });
await waitIdle(page);
await shot(page, "#segment-results", "segment-sample-dark");
await page.close();

const bank = path.join(SHARED_DATA, "bank-full.csv");
if (fs.existsSync(bank)) {
  page = await open();
  await upload(page, bank);
  await page.waitForSelector("#plan-best", { timeout: 120_000 });
  await waitIdle(page);
  await shot(page, "#profile", "profile-bank-full");
  await shot(page, "#score", "score-bank-full");
  await shot(page, "#plan", "plan-bank-full");
  await page.close();
}
const marketing = path.join(SHARED_DATA, "marketing_campaign.csv");
if (fs.existsSync(marketing)) {
  page = await open();
  await upload(page, marketing);
  await page.waitForSelector("#segment-results", { timeout: 120_000 });
  await waitIdle(page);
  await shot(page, "#segment-cards", "segment-marketing");
  await page.close();
}
page = await open();
await page.click("#sample-list");
await page.waitForSelector("#segment-results", { timeout: 120_000 });
await waitIdle(page);
await shot(page, "#segment-cards", "segment-dqlab");
await page.close();

await browser.close();
await server.close();
