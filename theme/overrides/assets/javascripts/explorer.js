/* Recommendations explorer: progressive enhancement of a complete HTML table.
   Without JavaScript the whole table is there and the filter form stays hidden. With it, the form
   filters rows by cohort, topic, workshop, status, department and free text; the count is
   announced politely; the filters live in the URL's query string so that a view can be shared.
   The rows shown download as CSV (components.html, data_links with a selection): the page fetches
   the whole CSV file of the open data (same origin) and keeps its header and the line of each row
   shown, in the table's order, as they are: the same columns, cells and bytes as the whole file. */
(function () {
  "use strict";

  function fold(text) {
    return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  // A CSV text's records, each with its line end (a quoted cell may hold line ends; "" is a quote).
  function records(text) {
    var out = [], start = 0, quoted = false;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c === 34) quoted = !quoted;
      else if (c === 10 && !quoted) { out.push(text.slice(start, i + 1)); start = i + 1; }
    }
    if (start < text.length) out.push(text.slice(start));
    return out;
  }

  // The cells of one CSV record, unquoted.
  function cells(record) {
    var out = [], cell = "", quoted = false;
    for (var i = 0; i < record.length; i++) {
      var ch = record.charAt(i);
      if (quoted) {
        if (ch !== '"') cell += ch;
        else if (record.charAt(i + 1) === '"') { cell += '"'; i += 1; }
        else quoted = false;
      } else if (ch === '"') quoted = true;
      else if (ch === ",") { out.push(cell); cell = ""; }
      else if (ch !== "\n" && ch !== "\r") cell += ch;
    }
    out.push(cell);
    return out;
  }

  function slug(value) {
    return fold(value).replace(/[^a-z0-9_]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
  }

  function offerSelection(box, table, fields) {
    var button = box.querySelector("button");
    var status = box.querySelector("[role=status]");
    var lines = null;
    function fileName() {
      var parts = [box.getAttribute("data-name") + "-selection"];
      fields.forEach(function (field) { if (field.value && slug(field.value)) parts.push(field.name, slug(field.value)); });
      return parts.join("-") + ".csv";
    }
    function download(all) {
      var header = all[0];
      var byId = Object.create(null), column = cells(header).indexOf("id");
      all.slice(1).forEach(function (line) { byId[cells(line)[column]] = line; });
      var chosen = [header];
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var line = byId[row.getAttribute("data-id")];
        if (!row.hidden && line) chosen.push(line);
      });
      var name = fileName();
      var url = URL.createObjectURL(new Blob(chosen, { type: "text/csv;charset=utf-8" }));
      var link = document.createElement("a");
      link.href = url;
      link.download = name;
      link.hidden = true;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      status.textContent = box.getAttribute("data-done").replace("{file}", name);
    }
    button.addEventListener("click", function () {
      status.textContent = "";
      if (lines) { download(lines); return; }
      fetch(box.getAttribute("data-csv"), { credentials: "same-origin" })
        .then(function (response) { if (!response.ok) throw new Error(response.status); return response.text(); })
        .then(function (text) { lines = records(text); download(lines); })
        .catch(function () { status.textContent = box.getAttribute("data-failed"); });
    });
    box.hidden = false;
  }

  function setup(form) {
    var table = document.getElementById(form.getAttribute("data-explorer"));
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = form.querySelector(".dds-explorer__count");
    var fields = Array.prototype.slice.call(form.elements).filter(function (el) { return el.name; });

    function apply(updateUrl) {
      var shown = 0;
      var query = fold(form.elements.q.value.trim());
      rows.forEach(function (row) {
        var visible = fields.every(function (field) {
          if (!field.value) return true;
          if (field.name === "q") return fold(row.textContent).indexOf(query) !== -1;
          return row.getAttribute("data-" + field.name) === field.value;
        });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      count.textContent = count.getAttribute("data-template").replace("{shown}", shown).replace("{total}", rows.length);
      if (updateUrl) {
        var params = new URLSearchParams();
        fields.forEach(function (field) { if (field.value) params.set(field.name, field.value); });
        var search = params.toString();
        history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
      }
    }

    var params = new URLSearchParams(location.search);
    fields.forEach(function (field) {
      if (params.has(field.name)) field.value = params.get(field.name);
      field.addEventListener(field.tagName === "SELECT" ? "change" : "input", function () { apply(true); });
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    form.hidden = false;
    apply(false);
    var selection = document.querySelector('[data-selection="' + table.id + '"]');
    if (selection && window.fetch && window.Blob && window.URL && URL.createObjectURL) offerSelection(selection, table, fields);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-explorer]"), setup);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
