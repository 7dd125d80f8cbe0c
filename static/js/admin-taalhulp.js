// Taalhulp while typing: every two seconds, if the text changed, ask the server for fresh advice.
// Without JavaScript the advice is shown after saving; this only makes it come sooner.
(function () {
  "use strict";
  document.querySelectorAll("[data-taalhulp-url]").forEach(function (panel) {
    var field = document.getElementById(panel.dataset.taalhulpField);
    var form = panel.closest("form");
    if (!field || !form) return;
    var token = form.querySelector("[name=csrfmiddlewaretoken]");
    var last = field.value;
    window.setInterval(function () {
      if (field.value === last) return;
      last = field.value;
      var body = new FormData();
      body.append("text", last);
      fetch(panel.dataset.taalhulpUrl, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token ? token.value : "" },
      })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) { if (html) panel.innerHTML = html; })
        .catch(function () { /* advice is a help, never in the way */ });
    }, 2000);
  });
})();
