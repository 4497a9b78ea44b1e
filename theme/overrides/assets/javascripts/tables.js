/* Sortable tables: progressive enhancement of <table data-sortable>.
   Without JavaScript the table is complete and in its editorial order. With it, each column
   header becomes a button; activating it sorts by the cells' data-sort value (else their text)
   and says so with aria-sort. A "print" link opens the browser's print dialog. */
(function () {
  "use strict";

  function value(row, index) {
    var cell = row.children[index];
    if (!cell) return "";
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }

  function sortBy(table, index, button) {
    var header = button.parentNode;
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var collator = new Intl.Collator(document.documentElement.lang || "fr", { numeric: true, sensitivity: "base" });
    rows.sort(function (a, b) {
      var order = collator.compare(value(a, index), value(b, index));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function enhance(table) {
    if (!table.tHead || !table.tBodies.length || table.hasAttribute("data-sortable-ready")) return;
    table.setAttribute("data-sortable-ready", "");
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "dds-sort";
      while (cell.firstChild) button.appendChild(cell.firstChild);
      cell.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, button); });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), enhance);
    Array.prototype.forEach.call(document.querySelectorAll("a[data-print]"), function (link) {
      link.addEventListener("click", function (event) { event.preventDefault(); window.print(); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
