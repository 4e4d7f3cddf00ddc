// Klaster's service worker: the app keeps working offline after the first visit. It caches
// only the app's own files (same origin; the user's data never passes through fetch at all),
// network first, so an online visit always gets the current version; offline, the cached copy
// answers, and a navigation to any path of the site gets the cached page.
//
// On install it reads the site's index.html and caches every file it names (the hashed wasm and
// glue of the page, the stylesheet) plus the fixed names below, so the first visit is enough.
const CACHE = "klaster-app";
const FIXED = [
  "./",
  "index.html",
  "boot.js",
  "echarts.min.js",
  "klaster-worker_loader.js",
  "klaster-worker.js",
  "klaster-worker_bg.wasm",
  "manifest.webmanifest",
  "icon.svg",
];

function scoped(path) {
  return new URL(path, self.registration.scope).href;
}

async function precache() {
  const cache = await caches.open(CACHE);
  const index = await fetch(scoped("index.html"), { cache: "no-store" });
  const html = await index.clone().text();
  const named = [...html.matchAll(/(?:src|href|data-js|data-wasm)="([^"]+)"/g)]
    .map((m) => m[1])
    .filter((u) => !u.startsWith("data:"))
    .map((u) => new URL(u, index.url).href)
    .filter((u) => u.startsWith(self.registration.scope));
  const urls = [...new Set([...FIXED.map(scoped), ...named])];
  await Promise.all(
    urls.map(async (u) => {
      const res = await fetch(u, { cache: "no-store" });
      if (res.ok) await cache.put(u, res);
    }),
  );
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET" || !req.url.startsWith(self.registration.scope)) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        const res = await fetch(req);
        if (res.ok) await cache.put(req, res.clone());
        return res;
      } catch (offline) {
        const hit = await cache.match(req, { ignoreSearch: true });
        if (hit) return hit;
        if (req.mode === "navigate") {
          const page = await cache.match(scoped("index.html"));
          if (page) return page;
        }
        throw offline;
      }
    })(),
  );
});
