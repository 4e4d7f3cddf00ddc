// End-to-end: the page never changes a user's data silently. Files generated here and uploaded
// through the real UI: an unterminated quote (a short file and one of 50,000 rows), Excel's
// `sep=;` first line, a date column mixing day-first and month-first values, the bank sample's
// call duration (known only after the call) and a table with no real segments.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appSuite, waitIdle, counts, columnTypes, screenshot } from "./harness.mjs";

const session = appSuite();

async function uploadText(page, name, text) {
  await page.setInputFiles("#file-input", { name, mimeType: "text/csv", buffer: Buffer.from(text) });
  await page.waitForSelector("#row-count");
  await waitIdle(page);
}

test("an unterminated quote is reported by line and swallows no row", async () => {
  await session("unterminated-quote", async (page) => {
    await uploadText(page, "short.csv", 'a,b\n1,"hello\n2,world\n3,ok\n');
    assert.deepEqual(await counts(page), { rows: 3, cols: 2 });
    assert.match(await page.textContent("#load-problems"), /line 2: a quote opened here is never closed/);
    const preview = await page.$$eval("#preview tbody tr", (trs) => trs.map((tr) => tr.lastElementChild.textContent));
    assert.deepEqual(preview, ['"hello', "world", "ok"]);

    // 50,000 rows, one unclosed quote at line 1,002 and properly quoted cells after it.
    const lines = ["id,name,amount"];
    for (let i = 0; i < 50_000; i++) {
      if (i === 1_000) lines.push(`${i},"Budi,${i}.5`);
      else if (i % 5_000 === 7) lines.push(`${i},"Sari, A",${i}.5`);
      else lines.push(`${i},Name${i},${i}.5`);
    }
    await uploadText(page, "long.csv", lines.join("\n") + "\n");
    assert.deepEqual(await counts(page), { rows: 50_000, cols: 3 });
    const problems = await page.textContent("#load-problems");
    assert.match(problems, /^1 problems? (was|were) found/);
    assert.match(problems, /line 1002: a quote opened here is never closed/);
    const types = await columnTypes(page);
    assert.equal(types.amount, "decimal");
    const amount = await page.$eval('#columns tr[data-column="amount"]', (tr) => tr.textContent);
    assert.doesNotMatch(amount, /unreadable/);
  });
});

test("Excel's sep= line names the delimiter and is not taken for the header", async () => {
  await session("excel-sep-line", async (page) => {
    await uploadText(page, "excel.csv", "sep=;\r\nname;amount;city\r\nAnn;1,5;Jakarta\r\nBob;2,5;Bandung\r\nCid;3,5;Medan\r\n");
    assert.deepEqual(await counts(page), { rows: 3, cols: 3 });
    assert.deepEqual(Object.keys(await columnTypes(page)), ["name", "amount", "city"]);
    assert.equal((await columnTypes(page)).amount, "decimal");
    assert.equal(await page.$("#load-problems"), null, "no problem to report");
    assert.equal(await page.getAttribute("#dialect", "data-delimiter"), ";");
  });
});

test("mixed date orders: the order chosen is explained, unreadable values shown, the original text one click away", async () => {
  await session("mixed-dates", async (page) => {
    const dates = ["04-09-2012", "2013-03-08", "8/21/13", "31/12/2013", "25/01/2014", "13/2/2014"];
    const lines = ["id,signup,amount"];
    for (let i = 0; i < 30; i++) lines.push(`${i + 1},${dates[i % dates.length]},${(i * 37) % 500}`);
    await uploadText(page, "dates.csv", lines.join("\n") + "\n");
    assert.equal((await columnTypes(page)).signup, "date");
    const note = await page.textContent('#columns tr[data-note-for="signup"] .date-reading');
    assert.match(note, /^Dates read as day\/month\/year: 15 can only be read that way/);
    assert.match(note, /5 can only be read the other way \(e\.g\. “8\/21\/13”\): left missing/);
    assert.match(note, /5 fit either order \(e\.g\. “04-09-2012”, read as 4 Sep 2012\)/);
    assert.match(await page.textContent('#columns tr[data-column="signup"] .unreadable'), /5 unreadable, e\.g\. “8\/21\/13”/);

    // As read: the unreadable cell is marked and its text is in the tooltip.
    const marked = await page.$$eval("#preview td.unreadable-cell", (tds) => tds.map((td) => td.title));
    assert.ok(marked.length >= 1 && marked.every((t) => t === "“8/21/13” could not be read"), JSON.stringify(marked));
    const firstRead = await page.$eval("#preview tbody tr td:nth-child(2)", (td) => [td.textContent, td.title]);
    assert.notEqual(firstRead[0], "04-09-2012");
    assert.equal(firstRead[1], "written “04-09-2012”");
    // As written: the file's own text.
    await page.check("#preview-as-written");
    const written = await page.$$eval("#preview tbody tr td:nth-child(2)", (tds) => tds.map((td) => td.textContent));
    assert.deepEqual(written.slice(0, 6), dates);
    await screenshot(page, "mixed-dates-as-written");
    await page.uncheck("#preview-as-written");
    assert.notEqual(await page.textContent("#preview tbody tr td:nth-child(2)"), "04-09-2012");
  });
});

test("the bank sample segments on what is known before the call, and weak segments say so", async () => {
  await session("honest-segments", async (page) => {
    await page.click("#sample-bank");
    await page.waitForSelector("#segment-results", { timeout: 120_000 });
    await waitIdle(page);
    const checked = await page.$$eval("#feature-picker li", (lis) =>
      lis.filter((li) => li.querySelector("input[type=checkbox]")?.checked).map((li) => li.dataset.feature));
    assert.ok(checked.length >= 3, checked.join(","));
    assert.ok(!checked.includes("duration"), `duration is not a default segment feature: ${checked}`);
    const actions = await page.textContent("#segment-cards");
    assert.doesNotMatch(actions, /duration/);

    // A table of noise: no segments to find, and the page says so with what to try.
    const lines = ["a,b,c,d,e,f"];
    let s = 7;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 100;
    for (let i = 0; i < 600; i++) lines.push(Array.from({ length: 6 }, () => rnd().toFixed(2)).join(","));
    await uploadText(page, "noise.csv", lines.join("\n") + "\n");
    await page.waitForSelector("#segment-caution", { timeout: 60_000 });
    const caution = await page.textContent("#segment-caution");
    assert.match(caution, /^Weak segments: the silhouette is 0\.\d\d, below 0\.25/);
    assert.match(caution, /Try .*fewer features/);
    // Columns a–f mean nothing we know: the segments are described, no action is invented.
    assert.equal(await page.$$eval("#segment-cards .segment-actions li", (lis) => lis.length), 0);
    assert.match(await page.textContent("#segment-cards .no-actions"), /^None: no column role says what sets them apart/);
    await screenshot(page, "weak-segments");
  });
});
