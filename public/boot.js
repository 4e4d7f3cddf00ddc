// Loads the app's WebAssembly. Trunk writes this tag with the hashed file names (Trunk.toml,
// pattern_script); a static file instead of Trunk's inline loader keeps the CSP free of
// 'unsafe-inline'.
(function () {
  var tag = document.currentScript;
  import(tag.dataset.js)
    .then(function (glue) {
      return glue.default({ module_or_path: tag.dataset.wasm });
    })
    .catch(function (err) {
      var p = document.createElement("p");
      p.className = "fatal";
      p.setAttribute("role", "alert");
      p.textContent = "Klaster could not start in this browser (" + err + "). It needs WebAssembly support.";
      document.body.appendChild(p);
    });
})();
