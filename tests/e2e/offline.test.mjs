// End-to-end: after one visit the app works offline (public/sw.js caches the app's own files),
// and it is installable (a manifest with an icon, from the app's folder).
import { test } from "node:test";
import assert from "node:assert/strict";
import { BASE, foreignRequests, launch, openApp, screenshot, serve, waitIdle } from "./harness.mjs";

test("after one visit the app loads and works with the server gone", async () => {
  const server = await serve();
  const browser = await launch();
  try {
    const { page, requests, errors } = await openApp(browser.context, server);
    await page.waitForSelector('main[data-ready="true"]');

    // Installable: the manifest and its icon come from the app's folder.
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector('link[rel="manifest"]');
      const m = await (await fetch(link.href)).json();
      const icon = await fetch(new URL(m.icons[0].src, link.href));
      return { href: link.href, name: m.short_name, display: m.display, icon: icon.ok && icon.headers.get("content-type") };
    });
    assert.equal(manifest.href, `${server.url}manifest.webmanifest`);
    assert.deepEqual([manifest.name, manifest.display, manifest.icon], ["Klaster", "standalone", "image/svg+xml"]);

    // The service worker has cached the app (both wasm files included) on this first visit.
    const cached = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      for (let i = 0; i < 150; i++) {
        const keys = (await (await caches.open("klaster-app")).keys()).map((r) => r.url);
        const both = keys.some((k) => k.endsWith("/klaster-worker_bg.wasm")) && keys.some((k) => /klaster-web-[0-9a-f]+_bg\.wasm$/.test(k));
        if (both && reg.active) return { scope: reg.scope, keys };
        await new Promise((r) => setTimeout(r, 100));
      }
      return null;
    });
    assert.ok(cached, "the app was cached");
    assert.equal(cached.scope, server.url);

    // Offline: the server is gone; a reload still opens the app, and the whole flow runs.
    await server.stop();
    const reachable = await page.evaluate(async (u) => {
      try {
        await fetch(`${u}not-cached-${Date.now()}`, { cache: "no-store" });
        return true;
      } catch {
        return false;
      }
    }, server.url);
    assert.equal(reachable, false, "the server is really gone");
    // That probe's failure is the only error so far (Chromium logs it); the reload starts clean.
    assert.ok(errors.every((e) => e.includes("net::ERR_FAILED")), errors.join("\n"));
    errors.length = 0;
    await page.reload();
    await page.waitForSelector('main[data-ready="true"]', { timeout: 30_000 });
    await page.click("#sample-button");
    await page.waitForSelector("#segment-results", { timeout: 60_000 });
    await page.waitForSelector("#score-results", { timeout: 60_000 });
    await waitIdle(page);
    await screenshot(page, "offline");
    assert.deepEqual(errors, []);
    assert.deepEqual(foreignRequests(requests, server.origin), []);
    assert.ok(requests.every((u) => !u.startsWith(server.origin) || u.startsWith(server.origin + BASE) || u === server.origin + "/"), "only the app's folder");
  } finally {
    await browser.close();
  }
});
