// End-to-end: Cancel stops the running step; the file and the choices stay loaded (the client
// restarts the worker and replays the session up to the cancelled step), and the step runs
// again on request.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { appSuite, waitIdle, SHARED_DATA } from "./harness.mjs";

const session = appSuite();
const bank = path.join(SHARED_DATA, "bank-full.csv");

test("Cancel during the segmentation keeps the file; segments run again on request", { skip: !fs.existsSync(bank) && "../shared/data is not present" }, async () => {
  await session("cancel-segmentation", async (page) => {
    // Not `upload`: it waits until the page is idle, i.e. until the whole chain has run.
    await page.setInputFiles("#file-input", bank);
    await page.waitForFunction(() => /Finding segments/.test(document.querySelector("#status")?.textContent ?? ""), null, { timeout: 60_000 });
    await page.click("#cancel-button");
    await page.waitForFunction(() => /Stopped before the Segment step/.test(document.querySelector("#notice")?.textContent ?? ""), null, { timeout: 60_000 });
    assert.equal(await page.$("#status"), null, "nothing runs any more");
    assert.equal(await page.$("#segment-results"), null, "the cancelled sweep did not finish");
    // The file is still loaded and prepared in the (new) worker.
    assert.equal(await page.textContent("#row-count"), "45,211");
    assert.ok(Number(await page.getAttribute("#rows-after", "data-value")) > 0);
    // Run it again: the whole chain follows.
    await page.click("#run-segments");
    await page.waitForSelector("#segment-results", { timeout: 120_000 });
    await page.waitForSelector("#score-results", { timeout: 60_000 });
    await waitIdle(page);
    assert.equal(await page.$("#notice"), null, "the notice went with the new run");
  });
});
