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

/** Opens the app at 1366 × 900 in the given theme and language. */
async function open(theme = "light", lang = "en") {
  const { page } = await openApp(browser.context, server);
  await page.evaluate(
    ([t, l]) => {
      localStorage.setItem("klaster-theme", t);
      localStorage.setItem("klaster-lang", l);
    },
    [theme, lang],
  );
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

/**
 * Loads `what` (a sample button's selector, or a file) in a page opened with `options`, waits
 * for `ready` and the end of the chain, then takes each `[section, name]` picture.
 */
async function pictures(what, ready, shots, options = []) {
  const page = await open(...options);
  if (what.startsWith("#")) await page.click(what);
  else await upload(page, what);
  await page.waitForSelector(ready, { timeout: 120_000 });
  await waitIdle(page);
  for (const [section, name] of shots) await shot(page, section, name);
  await page.close();
}

await pictures("#sample-button", "#plan-best", [["#load", "load-sample"]]);
await pictures("#sample-button", "#plan-best", [["#segment-results", "segment-sample-dark"]], ["dark"]);
await pictures("#sample-button", "#plan-best", [["#profile", "profile-sample-id"]], ["light", "id"]);
await pictures("#sample-bank", "#plan-best", [["#plan", "plan-bank-id-dark"]], ["dark", "id"]);

const bank = path.join(SHARED_DATA, "bank-full.csv");
if (fs.existsSync(bank)) {
  await pictures(bank, "#plan-best", [
    ["#profile", "profile-bank-full"],
    ["#score", "score-bank-full"],
    ["#plan", "plan-bank-full"],
  ]);
}
const marketing = path.join(SHARED_DATA, "marketing_campaign.csv");
if (fs.existsSync(marketing)) {
  await pictures(marketing, "#segment-results", [["#segment-cards", "segment-marketing"]]);
}
await pictures("#sample-list", "#segment-results", [["#segment-cards", "segment-dqlab"]]);

await browser.close();
await server.close();
