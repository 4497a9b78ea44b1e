/* Search page: Pagefind's default UI inside the site's layout. The query comes from the header's
   search box (?q=…); filters come from the pages' data-pagefind-filter tags; a button switches the
   order between relevance and date. The bundle path is given by the page, so the site works under
   any base path (a GitHub project site included). */
(function () {
  "use strict";

  function start(container) {
    if (typeof PagefindUI === "undefined") return;
    var query = new URLSearchParams(location.search).get("q") || "";
    var byDate = new URLSearchParams(location.search).get("tri") === "date";
    // Absolute: Pagefind resolves a relative bundle path against its own script, not the page.
    var bundle = new URL(container.getAttribute("data-bundle"), location.href).pathname;
    var ui = new PagefindUI({
      element: "#" + container.id,
      bundlePath: bundle,
      showImages: false,
      showSubResults: true,
      sort: byDate ? { date: "desc" } : undefined,
      autofocus: !query
    });
    // Pagefind's UI lists the filters of its first search's answer, which counts only the filters
    // loaded by then: searching at once could leave some filter groups out until the next search.
    // Load them all first (the same module instance as the UI's), then search.
    if (query) {
      import(bundle + "pagefind.js")
        .then(function (pagefind) { return pagefind.filters(); })
        .catch(function () { /* the search below still runs, and shows what it can */ })
        .then(function () { ui.triggerSearch(query); });
    }

    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "dds-button";
    toggle.textContent = container.getAttribute(byDate ? "data-relevance-label" : "data-sort-label");
    toggle.addEventListener("click", function () {
      var params = new URLSearchParams(location.search);
      var input = container.querySelector("input");
      if (input && input.value) params.set("q", input.value);
      if (byDate) params.delete("tri"); else params.set("tri", "date");
      location.search = params.toString();
    });
    var wrap = document.createElement("p");
    wrap.appendChild(toggle);
    container.parentNode.insertBefore(wrap, container);
  }

  function init() {
    var container = document.getElementById("dds-search");
    if (container) start(container);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
