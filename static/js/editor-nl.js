// The rich-text editor names its toolbar buttons in English (its titles are
// fixed in django-prose-editor, not translatable). Give them Dutch names, for
// the tooltip and for screen readers.
(function () {
  "use strict";
  var names = {
    "bold": "Vet",
    "italic": "Cursief",
    "underline": "Onderstrepen",
    "strike": "Doorhalen",
    "unordered list": "Lijst met opsommingstekens",
    "ordered list": "Genummerde lijst",
    "blockquote": "Citaat",
    "horizontal rule": "Scheidingslijn",
    "insert link": "Link invoegen of wijzigen",
    "remove link": "Link weghalen",
    "paragraph": "Gewone tekst",
    "undo": "Ongedaan maken",
    "redo": "Opnieuw doen",
    "edit HTML": "HTML bewerken",
    "heading 1": "Kop 1",
    "heading 2": "Kop 2 (tussenkop)",
    "heading 3": "Kop 3 (kleine tussenkop)",
    "Toggle fullscreen": "Volledig scherm aan of uit"
  };
  function translate(root) {
    root.querySelectorAll(".prose-menubar__button").forEach(function (button) {
      var name = names[button.getAttribute("title")] || names[button.getAttribute("aria-label")];
      if (name) {
        button.setAttribute("title", name);
        button.setAttribute("aria-label", name);
      }
    });
  }
  function start() {
    translate(document);
    new MutationObserver(function () { translate(document); }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
