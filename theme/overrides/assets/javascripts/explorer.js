/* Recommendations explorer: progressive enhancement of a complete HTML table.
   Without JavaScript the whole table is there and the filter form stays hidden. With it, the form
   filters rows by cohort, topic, workshop, status, department and free text; the count is
   announced politely; the filters live in the URL's query string so that a view can be shared. */
(function () {
  "use strict";

  function fold(text) {
    return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
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
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-explorer]"), setup);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
