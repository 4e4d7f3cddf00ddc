// Loads the app: ECharts and the app's WebAssembly, both from the folder this script came from
// (so the page also works under a sub-path such as GitHub Pages' /klaster/, and from any deep
// link that GitHub Pages answers with 404.html). Trunk writes this tag with the hashed file
// names (Trunk.toml, pattern_script); a static file instead of Trunk's inline loader keeps the
// CSP free of 'unsafe-inline'.
(function () {
  var tag = document.currentScript;
  // Installable (the manifest) and usable offline after the first visit (the service worker,
  // which caches the app's own files only). Both from this folder, like everything else.
  var manifest = document.createElement("link");
  manifest.rel = "manifest";
  manifest.href = new URL("manifest.webmanifest", tag.src).href;
  document.head.appendChild(manifest);
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(new URL("sw.js", tag.src).href).catch(function () {
      // Not available (e.g. a file:// page or a private window): the app works online as before.
    });
  }
  var charts = new Promise(function (resolve, reject) {
    var s = document.createElement("script");
    s.src = new URL("echarts.min.js", tag.src).href;
    s.onload = resolve;
    s.onerror = function () {
      reject(new Error("echarts.min.js did not load"));
    };
    document.head.appendChild(s);
  });
  // Downloaded side by side; the app starts once both are there (it draws with ECharts).
  Promise.all([charts, import(new URL(tag.dataset.js, tag.src).href)])
    .then(function (loaded) {
      return loaded[1].default({ module_or_path: new URL(tag.dataset.wasm, tag.src).href });
    })
    .catch(function (err) {
      var p = document.createElement("p");
      p.className = "fatal";
      p.setAttribute("role", "alert");
      p.textContent = "Klaster could not start in this browser (" + err + "). It needs WebAssembly support.";
      document.body.appendChild(p);
    });
})();
