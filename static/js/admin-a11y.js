// Accessible names the admin's widgets do not give themselves: the rich-text
// editor's editable area and the search box of the autocomplete fields take
// the name of their field's label; a field edited right in a list is named
// after its column and its row ("volgorde, Fase 1").
(function () {
  "use strict";
  function labelText(id) {
    var label = id && document.querySelector('label[for="' + id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }
  function name() {
    document.querySelectorAll(".ProseMirror:not([aria-label])").forEach(function (area) {
      var wrapper = area.closest(".prose-editor");
      var field = wrapper && wrapper.querySelector("textarea");
      var text = field && labelText(field.id);
      if (text) { area.setAttribute("aria-label", text); }
    });
    document.querySelectorAll(".select2-search__field:not([aria-label])").forEach(function (search) {
      var container = search.closest(".select2-container");
      var select = container && container.previousElementSibling;
      var text = select && labelText(select.id);
      search.setAttribute("aria-label", text ? "Zoek bij " + text.toLowerCase() : "Zoeken");
    });
  }
  function nameListFields() {
    var table = document.getElementById("result_list");
    if (!table) { return; }
    var headers = table.querySelectorAll("thead th");
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var rowName = row.querySelector("th") ? row.querySelector("th").textContent.trim() : "";
      row.querySelectorAll("td input:not([type=hidden]):not([aria-label]), td select:not([aria-label])").forEach(function (field) {
        if (field.classList.contains("action-select")) { return; }
        var header = headers[field.closest("td").cellIndex];
        var column = header ? header.textContent.trim() : "";
        if (column) { field.setAttribute("aria-label", column + ", " + rowName); }
      });
    });
  }
  // Date and time of one field: "Begint om, datum" and "Begint om, tijd".
  function nameDateTimeParts() {
    document.querySelectorAll(".datetime input:not([type=hidden]):not([aria-label])").forEach(function (input) {
      var row = input.closest(".form-row, .fieldBox");
      var legend = row && row.querySelector("legend, label");
      var part = input.previousSibling;
      while (part && part.nodeType !== 3) { part = part.previousSibling; }
      var partName = part ? part.textContent.replace(/:\s*$/, "").trim().toLowerCase() : "";
      var fieldName = legend ? legend.textContent.replace(/:\s*$/, "").trim() : "";
      if (fieldName || partName) { input.setAttribute("aria-label", [fieldName, partName].filter(Boolean).join(", ")); }
    });
  }
  function start() {
    nameDateTimeParts();
    nameListFields();
    name();
    new MutationObserver(name).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
