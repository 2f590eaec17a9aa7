// Progressive enhancement: show how the answer is read while it is typed.
// Without JavaScript the "Show how it was read" button does the same on the server.
// The answer is read against the problem (f and its variable), by the checker's own reader.
(function () {
  "use strict";
  var input = document.getElementById("answer");
  var output = document.getElementById("preview");
  if (!input || !output) { return; }
  var form = input.form;
  var timer = null;
  var latest = 0;
  function update() {
    var ticket = ++latest;
    var text = input.value;
    if (!text.trim()) { output.innerHTML = ""; return; }
    // The whole problem goes along: a derivative's f and variable, or a loss, its model,
    // penalty and parameter (the server reads only what it knows; never the XSRF token).
    var fields = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (name !== "_xsrf" && typeof value === "string") { fields.append(name, value); }
    });
    var query = fields.toString();
    fetch("/preview?" + query, {credentials: "same-origin"})
      .then(function (r) { return r.text(); })
      .then(function (html) {
        // The server sends MathML it built, or an HTML-escaped message; a newer request wins.
        if (ticket === latest) { output.innerHTML = html; }
      })
      .catch(function () { if (ticket === latest) { output.textContent = ""; } });
  }
  ["input", "change"].forEach(function (kind) {
    form.addEventListener(kind, function () {
      clearTimeout(timer);
      timer = setTimeout(update, 300);
    });
  });
  update();
})();
