/* Sortable tables: progressive enhancement of <table data-sortable>.
   Without JavaScript the table is complete and in its editorial order. With it, each column
   header becomes a button; activating it sorts by the cells' data-sort value (else their text)
   and says so with aria-sort. A "print" link opens the browser's print dialog.
   Scroll areas (.dds-table-wrap, focusable so that a keyboard can scroll them): while a table is
   wider than its area, the area is a region named after the table's caption; when it fits, it
   is neither a region nor a tab stop. */
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

  var captions = 0;

  function name(wrap) {
    var table = wrap.querySelector("table");
    var caption = table && table.caption;
    if (caption) {
      if (!caption.id) caption.id = "dds-caption-" + (++captions);
      wrap.setAttribute("aria-labelledby", caption.id);
    } else if (table && table.getAttribute("aria-label")) {
      wrap.setAttribute("aria-label", table.getAttribute("aria-label"));
    }
  }

  function scrollArea(wrap) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      name(wrap);
    } else if (wrap !== document.activeElement) {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-labelledby");
      wrap.removeAttribute("aria-label");
    }
  }

  // A follow-up table stacked into cards on a phone (class dds-stack, display: block in the
  // stylesheet) keeps its table roles: some browsers drop them with the table display.
  function keepRoles(table) {
    table.setAttribute("role", "table");
    Array.prototype.forEach.call(table.querySelectorAll("thead, tbody, tfoot"), function (group) { group.setAttribute("role", "rowgroup"); });
    Array.prototype.forEach.call(table.rows, function (row) {
      row.setAttribute("role", "row");
      Array.prototype.forEach.call(row.cells, function (cell) {
        var head = cell.tagName === "TH";
        cell.setAttribute("role", !head ? "cell" : (cell.closest("thead") ? "columnheader" : "rowheader"));
      });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table.dds-stack"), keepRoles);
    var wraps = Array.prototype.slice.call(document.querySelectorAll(".dds-table-wrap"));
    wraps.forEach(scrollArea);
    if (typeof ResizeObserver !== "undefined") {
      // The area or its table changes size (a narrower window, rows filtered out): look again.
      var observer = new ResizeObserver(function (entries) {
        entries.forEach(function (e) { scrollArea(e.target.closest(".dds-table-wrap")); });
      });
      wraps.forEach(function (wrap) {
        observer.observe(wrap);
        if (wrap.querySelector("table")) observer.observe(wrap.querySelector("table"));
      });
    }
    Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), enhance);
    Array.prototype.forEach.call(document.querySelectorAll("a[data-print]"), function (link) {
      link.addEventListener("click", function (event) { event.preventDefault(); window.print(); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
