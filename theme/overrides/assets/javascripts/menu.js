/* The menu below 1,220 px: Material opens its drawer from a <label> that a keyboard cannot reach.
   This script shows a real button in its place (partials/header.html) that opens and closes the
   drawer, says whether it is open (aria-expanded), moves focus into the menu when it opens, and
   closes it on Escape (focus back on the button) or when focus leaves it. Inside the menu, the
   labels that open a section are announced as buttons, open with Enter (Material) or Space, and
   lead into the section they open.
   Closed, the drawer and its hidden sections take no focus: the stylesheet hides them
   (visibility), with or without this script.
   It also measures the header's first line (who publishes the site), which scrolls away while the
   header's bar stays (issue 24). */
(function () {
  "use strict";

  var NARROW = window.matchMedia("(max-width: 76.234375em)");

  function focusables(root) {
    return Array.prototype.filter.call(
      root.querySelectorAll("a[href], button, input:not([type=checkbox]):not([type=radio]), select, textarea, [tabindex]"),
      function (el) {
        if (el.tabIndex < 0 || el.disabled) return false;
        var box = el.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility === "visible";
      });
  }

  function setup() {
    var toggle = document.getElementById("__drawer");
    var button = document.querySelector(".dds-menu-button");
    var label = document.querySelector(".dds-menu-label");
    var menu = document.getElementById("dds-menu");
    var drawer = menu && menu.closest(".md-sidebar--primary");
    if (!toggle || !button || !drawer) return;
    drawer.id = drawer.id || "dds-drawer";
    button.setAttribute("aria-controls", drawer.id);
    button.hidden = false;
    if (label) label.hidden = true;

    function sync() {
      button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    }

    function set(open) {
      if (toggle.checked !== open) {
        toggle.checked = open;
        // Material listens to the checkbox (scroll lock, overlay): tell it, as a click would.
        toggle.dispatchEvent(new Event("change", { bubbles: true }));
      }
      sync();
    }

    button.addEventListener("click", function () {
      var open = !toggle.checked;
      set(open);
      if (open) {
        // Wait for the drawer to become visible (the stylesheet shows it when the box is ticked).
        // On to the menu's first item (the drawer's title is not a link).
        requestAnimationFrame(function () {
          var first = focusables(menu.querySelector(".md-nav__list") || drawer)[0];
          if (first) first.focus({ preventScroll: true });
        });
      }
    });
    toggle.addEventListener("change", sync);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked && NARROW.matches) {
        set(false);
        button.focus();
      }
    });
    // Tabbing out of the open menu closes it: what is behind the overlay takes focus, visibly.
    drawer.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (toggle.checked && NARROW.matches && next && !drawer.contains(next) && next !== button) set(false);
    });
    NARROW.addEventListener("change", function () { if (!NARROW.matches) set(false); });
    sync();

    // A section of the menu opens from a label (tabindex="0" in Material's markup): make it a
    // button for assistive technology and the keyboard, and say whether it is open.
    Array.prototype.forEach.call(drawer.querySelectorAll("label.md-nav__link[for][tabindex='0']"), function (opener) {
      var box = document.getElementById(opener.getAttribute("for"));
      if (!box) return;
      opener.setAttribute("role", "button");
      var state = function () { opener.setAttribute("aria-expanded", box.checked ? "true" : "false"); };
      state();
      box.addEventListener("change", state);
      opener.addEventListener("keydown", function (event) {
        // Material clicks a focused label on Enter; Space, a button's other key, does the same here.
        if (event.key === " ") {
          event.preventDefault();
          opener.click();
        }
        if (event.key !== "Enter" && event.key !== " ") return;
        // Opened: on to the section's first page (its title, before it, leads back). The section
        // becomes focusable once shown (after Material's own handler, and its slide).
        var tries = 0;
        setTimeout(function moveIn() {
          var first = box.checked && opener.parentNode.querySelector(":scope > .md-nav > .md-nav__list a[href], :scope > .md-nav > .md-nav__list [tabindex='0']");
          if (!first) return;
          first.focus({ preventScroll: true });
          if (document.activeElement !== first && tries++ < 10) setTimeout(moveIn, 50);
        }, 0);
      });
    });
    // Below 1,220 px, an open section's title (a label) takes the menu back to its first level:
    // reachable and operable from the keyboard too. Above, it is the section's heading.
    var titles = Array.prototype.filter.call(drawer.querySelectorAll(".md-nav .md-nav__title[for]"), function (title) {
      var box = document.getElementById(title.getAttribute("for"));
      if (!box || box === toggle) return false;
      title.addEventListener("keydown", function (event) {
        if (NARROW.matches && (event.key === "Enter" || event.key === " ")) {
          event.preventDefault();
          box.checked = false;
          box.dispatchEvent(new Event("change", { bubbles: true }));
          var opener = drawer.querySelector("label.md-nav__link[for='" + box.id + "']");
          if (opener) opener.focus();
        }
      });
      return true;
    });
    function backButtons() {
      titles.forEach(function (title) {
        if (NARROW.matches) {
          title.setAttribute("tabindex", "0");
          title.setAttribute("role", "button");
        } else {
          title.removeAttribute("tabindex");
          title.removeAttribute("role");
        }
      });
    }
    backButtons();
    NARROW.addEventListener("change", backButtons);
  }

  // The header's first line (who publishes the site, partials/header.html) scrolls away with the
  // page while the header's bar stays: the stylesheet stands the sticky header that far above the
  // page's top. Its height changes as it wraps (a phone, a zoom), so it is measured as it does.
  function identity() {
    var line = document.querySelector(".md-header > .dds-identity");
    if (!line) return;
    var header = line.parentNode;
    var measure = function () { header.style.setProperty("--dds-identity-height", line.offsetHeight + "px"); };
    measure();
    if (window.ResizeObserver) new ResizeObserver(measure).observe(line);
    else window.addEventListener("resize", measure);
  }

  function start() {
    identity();
    setup();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
