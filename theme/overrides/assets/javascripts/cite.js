/* A measure's page. "Cite this": the citation is plain text in the page; with JavaScript, a button
   copies it and the consultation date becomes the reader's own day, written in the page's language.
   The voted text ([data-fold]) is whole in the page; with JavaScript, a long one is folded after a
   few lines behind a real button (aria-expanded, aria-controls), which opens and closes it. */
(function () {
  "use strict";

  function fold(box) {
    var body = box.querySelector(".dds-fold__body");
    if (!body || !body.id) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "dds-fold__toggle";
    button.setAttribute("aria-controls", body.id);
    box.appendChild(button);

    function set(open) {
      box.classList.toggle("dds-fold--folded", !open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
      button.textContent = box.getAttribute(open ? "data-fold-less" : "data-fold-more");
    }
    function measure() {
      // Folds only a text that goes on well beyond the lines shown: a button for one more line helps no one.
      if (button.getAttribute("aria-expanded") === "true") return;
      box.classList.add("dds-fold--folded");
      var line = parseFloat(window.getComputedStyle(body).lineHeight) || 20;
      var folded = body.scrollHeight - body.clientHeight > 2 * line;
      box.classList.toggle("dds-fold--folded", folded);
      button.hidden = !folded;
    }
    button.addEventListener("click", function () {
      set(button.getAttribute("aria-expanded") !== "true");
    });
    // Tab never goes to a link out of sight: reaching one in the hidden part opens the text.
    body.addEventListener("focusin", function () {
      if (box.classList.contains("dds-fold--folded")) set(true);
    });
    set(false);
    measure();
    var pending = null;
    window.addEventListener("resize", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(measure, 100);
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-fold]"), fold);
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
