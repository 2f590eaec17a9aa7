// Progressive enhancement: show how the answer is read while it is typed.
// Without JavaScript the "Show how it was read" button does the same on the server.
// The answer is read against the problem (f and its variable), by the checker's own reader.
(function () {
  "use strict";
  var input = document.getElementById("answer");
  var output = document.getElementById("preview");
  if (!input || !output) { return; }
  var f = document.getElementById("f");
  var wrt = document.getElementById("wrt");
  var timer = null;
  var latest = 0;
  function update() {
    var ticket = ++latest;
    var text = input.value;
    if (!text.trim()) { output.innerHTML = ""; return; }
    var query = "answer=" + encodeURIComponent(text) +
      "&f=" + encodeURIComponent(f ? f.value : "") +
      "&wrt=" + encodeURIComponent(wrt ? wrt.value : "");
    fetch("/preview?" + query, {credentials: "same-origin"})
      .then(function (r) { return r.text(); })
      .then(function (html) {
        // The server sends MathML it built, or an HTML-escaped message; a newer request wins.
        if (ticket === latest) { output.innerHTML = html; }
      })
      .catch(function () { if (ticket === latest) { output.textContent = ""; } });
  }
  [input, f, wrt].forEach(function (el) {
    if (!el) { return; }
    el.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, 300);
    });
  });
  update();
})();
