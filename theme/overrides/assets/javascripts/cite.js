/* "Cite this": the citation is plain text in the page; with JavaScript, a button copies it and the
   consultation date becomes the reader's own day, written in the page's language. */
(function () {
  "use strict";

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-today]"), function (el) {
      var lang = el.getAttribute("data-today") === "en" ? "en-GB" : "fr-FR";
      var today = new Date().toLocaleDateString(lang, { day: "numeric", month: "long", year: "numeric" });
      // French writes the first of the month « 1er » (generator/site/i18n.py does the same).
      el.textContent = lang === "fr-FR" ? today.replace(/^1 /, "1er ") : today;
    });
    Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      var status = button.parentNode.querySelector(".dds-copy-status");
      if (!source || !navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(source.textContent.replace(/\s+/g, " ").trim()).then(function () {
          if (status) status.textContent = button.getAttribute("data-copied");
        });
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
