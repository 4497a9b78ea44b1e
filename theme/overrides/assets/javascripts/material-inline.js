/* Material for MkDocs 9.8.1's inline scripts, moved into a file so that the Content-Security-Policy
   (generator/engine/csp.py) allows no inline script at all: a <script> that reaches a page by any other
   way than this theme never runs. The code is Material's own (MIT licence), from
   partials/javascripts/{base,palette,content,announce,outdated,consent}.html; each part runs where
   Material's inline script ran, because each <script src> that loads this file says which part it
   wants (data-md-part) — a classic script without async or defer runs at that point of the page,
   as the inline one did. The one value Material wrote into its code (base_url, which differs with
   the page's depth) is read from the <script> element's data-md-scope attribute instead. */
(function () {
  var script = document.currentScript;
  var part = script && script.getAttribute("data-md-part");
  if (part === "base") {
    window.__md_scope = new URL(script.getAttribute("data-md-scope"), location);
    window.__md_hash = e => [...e].reduce(((e, _) => (e << 5) - e + _.charCodeAt(0)), 0);
    window.__md_get = (e, _ = localStorage, t = __md_scope) => JSON.parse(_.getItem(t.pathname + "." + e));
    window.__md_set = (e, _, t = localStorage, a = __md_scope) => { try { t.setItem(a.pathname + "." + e, JSON.stringify(_)) } catch (e) {} };
  } else if (part === "palette") {
    var palette = __md_get("__palette");
    if (palette && palette.color) {
      if ("(prefers-color-scheme)" === palette.color.media) {
        var media = matchMedia("(prefers-color-scheme: light)"),
            input = document.querySelector(media.matches ? "[data-md-color-media='(prefers-color-scheme: light)']" : "[data-md-color-media='(prefers-color-scheme: dark)']");
        palette.color.media = input.getAttribute("data-md-color-media"), palette.color.scheme = input.getAttribute("data-md-color-scheme"), palette.color.primary = input.getAttribute("data-md-color-primary"), palette.color.accent = input.getAttribute("data-md-color-accent");
      }
      for (var [key, value] of Object.entries(palette.color)) document.body.setAttribute("data-md-color-" + key, value);
    }
  } else if (part === "content-tabs") {
    var tabs = __md_get("__tabs");
    if (Array.isArray(tabs)) e: for (var set of document.querySelectorAll(".tabbed-set")) { var labels = set.querySelector(".tabbed-labels"); for (var tab of tabs) for (var label of labels.getElementsByTagName("label")) if (label.innerText.trim() === tab) { var checkbox = document.getElementById(label.htmlFor); checkbox.checked = !0; continue e } }
  } else if (part === "content") {
    var target = document.getElementById(location.hash.slice(1));
    target && target.name && (target.checked = target.name.startsWith("__tabbed_"));
  } else if (part === "announce") {
    var el = document.querySelector("[data-md-component=announce]");
    if (el) { var content = el.querySelector(".md-typeset"); __md_hash(content.innerHTML) === __md_get("__announce") && (el.hidden = !0) }
  } else if (part === "outdated") {
    var banner = document.querySelector("[data-md-component=outdated]"), base = new URL(script.getAttribute("data-md-scope"), location), outdated = __md_get("__outdated", sessionStorage, base);
    !0 === outdated && banner && (banner.hidden = !1);
  } else if (part === "consent") {
    var consent = __md_get("__consent");
    if (consent) for (var field of document.forms.consent.elements) field.name && (field.checked = consent[field.name] || !1);
    else "file:" !== location.protocol && setTimeout((function () { document.querySelector("[data-md-component=consent]").hidden = !1 }), 250);
    var form = document.forms.consent;
    for (var action of ["submit", "reset"]) form.addEventListener(action, (function (e) { if (e.preventDefault(), "reset" === e.type) for (var n of document.forms.consent.elements) n.name && (n.checked = !1); __md_set("__consent", Object.fromEntries(Array.from(new FormData(form).keys()).map((function (e) { return [e, !0] })))), location.hash = "", location.reload() }));
  }
})();
