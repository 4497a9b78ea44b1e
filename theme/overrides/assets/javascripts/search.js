/* Search: the search page, on Pagefind's search API (no Pagefind UI), and the language switch.

   The page (theme/templates/pages/search.html) is a plain GET form; its data block gives the
   page's words and, for each filter, its values by id and by label. Here:
   - the query and the filters live in the address (?q=…&status=in_progress&cohort=…&tri=date):
     a search can be shared, reloaded, and opened in the other language (the filters are named by
     id, which both languages share); the language links carry the address's query along, here
     and on the recommendations explorer;
   - results come first; the filters wait behind one button, and Pagefind's filter values (every
     topic's name on a large site) are downloaded when it is first opened, not with each search;
   - each result says what kind of page it is, and for a recommendation its status (the badge of
     the site, with its shape);
   - "3000" also finds "3 000" (a number written in groups is indexed as two words);
   - a search that finds nothing is tried again with the nearest words of the site's vocabulary
     (recherche/vocabulary.json, generator/site/search.py) — "homlessness" finds "homelessness" — and
     the page says so;
   - excerpts are built as text (never as HTML): only Pagefind's <mark> highlights are kept. */
(function () {
  "use strict";

  var PAGE = 10;

  function fold(text) {
    return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  /* Edit distance with transpositions (optimal string alignment); stops beyond `max`. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], row, i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      row = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prev2[j - 2] + 1);
        row.push(value);
        if (value < best) best = value;
      }
      if (best > max) return max + 1;
      prev2 = prev;
      prev = row;
    }
    return prev[b.length];
  }

  /* "3000 places" -> "3 000 places" (null when there is no number to group). */
  function grouped(query) {
    var changed = false;
    var out = query.replace(/(^|\s)(\d{4,})(?=\s|$)/g, function (all, space, digits) {
      changed = true;
      return space + digits.replace(/\B(?=(\d{3})+(?!\d))/g, " ");
    });
    return changed ? out : null;
  }

  /* The language links carry the address's query (a search, the explorer's filters) to the
     same page in the other language. */
  function keepQueryAcrossLanguages() {
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a.dds-lang__link[hreflang]");
      if (!link || !location.search || !document.querySelector("#dds-finder, form[data-explorer]")) return;
      var target = new URL(link.href, location.href);
      target.search = location.search;
      link.href = target.href;
    });
  }

  function excerpt(html) {
    /* Pagefind's excerpt: the page's text with "<" and ">" escaped, and <mark> around the words
       found. Rebuilt as text nodes and <mark> elements: nothing else of it can become markup. */
    var out = document.createElement("p");
    out.className = "dds-result__excerpt";
    html.split(/(<mark>|<\/mark>)/).reduce(function (inMark, part) {
      if (part === "<mark>") return true;
      if (part === "</mark>") return false;
      if (!part) return inMark;
      var text = document.createTextNode(part.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"));
      if (inMark) {
        var mark = document.createElement("mark");
        mark.appendChild(text);
        out.appendChild(mark);
      } else {
        out.appendChild(text);
      }
      return inMark;
    }, false);
    return out;
  }

  function start(form) {
    var data = JSON.parse(document.getElementById("dds-finder-data").textContent);
    var S = data.strings;
    var input = document.getElementById("dds-finder-q");
    var area = document.getElementById("dds-finder-results");
    var status = document.getElementById("dds-finder-status");
    var list = document.getElementById("dds-finder-list");
    var more = document.getElementById("dds-finder-more");
    var toggle = area.querySelector(".dds-finder__toggle");
    var panel = document.getElementById("dds-finder-filters");
    var order = document.getElementById("dds-finder-order");
    var filters = {};   // key -> {name, label: {id: label}, id: {label: id}}
    data.filters.forEach(function (f) {
      var entry = { key: f[0], name: f[1], label: {}, id: {}, order: [] };
      f[2].forEach(function (pair) { entry.label[pair[0]] = pair[1]; entry.id[pair[1]] = pair[0]; entry.order.push(pair[0]); });
      filters[f[0]] = entry;
    });
    var byName = {};
    Object.keys(filters).forEach(function (key) { byName[filters[key].name] = filters[key]; });

    var params = new URLSearchParams(location.search);
    var state = { q: (params.get("q") || "").trim(), sort: params.get("tri") === "date" ? "date" : "", chosen: {} };
    Object.keys(filters).forEach(function (key) {
      var values = params.getAll(key).filter(function (v) { return v; });
      if (values.length) state.chosen[key] = values;
    });
    input.value = state.q;
    order.value = state.sort;
    area.hidden = false;

    var pagefind = null, vocabulary = null, found = [], shown = 0, run = 0, filtersReady = null, totals = {};

    function writeUrl() {
      var next = new URLSearchParams();
      if (state.q) next.set("q", state.q);
      Object.keys(state.chosen).forEach(function (key) {
        state.chosen[key].forEach(function (id) { next.append(key, id); });
      });
      if (state.sort) next.set("tri", "date");
      var search = next.toString();
      history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
    }

    function pagefindFilters() {
      var out = {};
      Object.keys(state.chosen).forEach(function (key) {
        var f = filters[key];
        out[f.name] = { any: state.chosen[key].map(function (id) { return f.label[id] || id; }) };
      });
      return out;
    }

    function countChosen() {
      return Object.keys(state.chosen).reduce(function (n, key) { return n + state.chosen[key].length; }, 0);
    }

    function showToggle() {
      var n = countChosen();
      toggle.textContent = S.filters + (n ? " (" + n + ")" : "");
    }

    function buildFilters(available) {
      panel.textContent = "";
      Object.keys(filters).forEach(function (key) {
        var f = filters[key];
        var counts = available[f.name] || {};
        var ids = f.order.filter(function (id) { return counts[f.label[id]]; });
        Object.keys(counts).forEach(function (label) { if (!(label in f.id)) ids.push(label); });  // a label without an id
        if (!ids.length) return;
        var set = document.createElement("fieldset");
        set.className = "dds-finder__group";
        var legend = document.createElement("legend");
        legend.textContent = f.name;
        set.appendChild(legend);
        ids.forEach(function (id, index) {
          var label = f.label[id] || id;
          var row = document.createElement("div");
          row.className = "dds-finder__option";
          var box = document.createElement("input");
          box.type = "checkbox";
          box.id = "dds-f-" + key + "-" + index;
          box.name = key;
          box.value = id;
          box.checked = (state.chosen[key] || []).indexOf(id) !== -1;
          box.setAttribute("data-label", label);
          var text = document.createElement("label");
          text.htmlFor = box.id;
          text.appendChild(document.createTextNode(label + " "));
          var count = document.createElement("span");
          count.className = "dds-finder__count";
          count.setAttribute("data-count-for", label);
          text.appendChild(count);
          box.addEventListener("change", function () {
            var chosen = Array.prototype.filter.call(panel.querySelectorAll("input[name='" + key + "']"), function (b) { return b.checked; })
              .map(function (b) { return b.value; });
            if (chosen.length) state.chosen[key] = chosen; else delete state.chosen[key];
            search();
          });
          row.appendChild(box);
          row.appendChild(text);
          set.appendChild(row);
        });
        if (ids.length <= 8) {
          panel.appendChild(set);
          return;
        }
        // A long list (the topics of a large site) waits behind its name, open when in use.
        var more = document.createElement("details");
        more.className = "dds-finder__more-values";
        more.open = !!state.chosen[key];
        var summary = document.createElement("summary");
        summary.textContent = f.name + " (" + ids.length + ")";
        legend.className = "dds-visually-hidden";
        more.appendChild(summary);
        more.appendChild(set);
        panel.appendChild(more);
      });
      var reset = document.createElement("button");
      reset.type = "button";
      reset.className = "dds-finder__reset";
      reset.textContent = S.reset;
      reset.addEventListener("click", function () {
        state.chosen = {};
        Array.prototype.forEach.call(panel.querySelectorAll("input[type=checkbox]"), function (b) { b.checked = false; });
        search();
      });
      panel.appendChild(reset);
      showToggle();
    }

    function showCounts(counts) {
      Array.prototype.forEach.call(panel.querySelectorAll("fieldset"), function (set) {
        var f = byName[set.querySelector("legend").textContent] || {};
        var own = counts[f.name] || {};
        Array.prototype.forEach.call(set.querySelectorAll("[data-count-for]"), function (span) {
          var n = own[span.getAttribute("data-count-for")];
          span.textContent = "(" + (n || 0) + ")";
        });
      });
    }

    /* The filters' values and counts, from Pagefind, once: when the panel first opens (or when the
       address chooses filters). A search loads only the filters it uses; after this one, each search
       counts every value. The panel says it is busy meanwhile (browser tests wait for this). */
    function loadFilters() {
      if (!filtersReady) {
        panel.setAttribute("aria-busy", "true");
        filtersReady = pagefind.filters().then(function (available) {
          totals = available;
          buildFilters(available);
          return refreshCounts();
        }).then(function () { panel.setAttribute("aria-busy", "false"); });
      }
      return filtersReady;
    }

    /* The counts beside each value, for what is searched now (the totals when nothing is). */
    function refreshCounts() {
      var mine = run;
      if (!state.q && !countChosen()) {
        showCounts(totals);
        return Promise.resolve();
      }
      return find(state.q).then(function (result) { if (mine === run) showCounts(result.filters || {}); });
    }

    function openFilters(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      area.classList.toggle("dds-finder--filters-open", open);
      return open ? loadFilters() : Promise.resolve();
    }

    function loadVocabulary() {
      if (vocabulary) return Promise.resolve(vocabulary);
      return fetch(new URL("vocabulary.json", location.href).href)
        .then(function (response) { return response.ok ? response.json() : {}; })
        .catch(function () { return {}; })
        .then(function (words) {
          vocabulary = { folded: {}, list: [] };
          Object.keys(words).forEach(function (word) {
            var key = fold(word);
            if (!(key in vocabulary.folded) || words[word] > vocabulary.folded[key].n) vocabulary.folded[key] = { word: word, n: words[word] };
          });
          vocabulary.list = Object.keys(vocabulary.folded);
          return vocabulary;
        });
    }

    /* The words of `query` that Pagefind found nowhere: no highlighted word of the first results
       starts with it, or is it minus an ending (a stem). For a word it does not know, Pagefind
       highlights the longest indexed word that the typed one starts with ("C" for "cannicule"). */
    function unseen(query, loaded) {
      var marks = [];
      loaded.forEach(function (result) {
        (result.excerpt || "").replace(/<mark>([^<]*)<\/mark>/g, function (all, word) {
          marks.push(fold(word).replace(/[^a-z0-9]/g, ""));
          return all;
        });
      });
      return query.split(/\s+/).filter(function (word) {
        var key = fold(word);
        if (key.length < 4 || /[^a-z]/.test(key)) return false;
        return !marks.some(function (mark) {
          return mark.indexOf(key) === 0 || (key.indexOf(mark) === 0 && mark.length >= key.length - 1);
        });
      });
    }

    /* `query` with each of `words` that the vocabulary does not know replaced by its nearest word
       (1 edit for words up to 7 letters, 2 beyond; the most frequent on a tie); null if none. */
    function correct(query, words) {
      return loadVocabulary().then(function (v) {
        var changed = false;
        var out = query.split(/\s+/).map(function (word) {
          var key = fold(word);
          if (words.indexOf(word) === -1 || key in v.folded) return word;
          if (v.list.some(function (known) { return known.indexOf(key) === 0; })) return word;  // being typed
          var max = key.length > 7 ? 2 : 1, best = null, bestD = max + 1, bestN = -1;
          v.list.forEach(function (candidate) {
            var d = distance(key, candidate, max);
            var n = v.folded[candidate].n;
            if (d < bestD || (d === bestD && d <= max && n > bestN)) { best = candidate; bestD = d; bestN = n; }
          });
          if (best === null || bestD > max) return word;
          changed = true;
          return v.folded[best].word;
        }).join(" ");
        return changed ? out : null;
      });
    }

    function find(query) {
      var options = { filters: pagefindFilters() };
      if (state.sort === "date") options.sort = { date: "desc" };
      var alternative = query && grouped(query);
      var searches = [pagefind.search(query || null, options)];
      if (alternative) searches.push(pagefind.search(alternative, options));
      return Promise.all(searches).then(function (all) {
        var typed = all[0], inGroups = all[1];
        if (!inGroups) return typed;
        // Both spellings of the number, in one list. Which first? A number Pagefind does not know
        // as typed falls back on its first digits ("25000" on "25"): then the grouped spelling (the
        // way numbers are written, "25 000") comes first. A number it knows (a year) keeps its place.
        var numbers = query.match(/\d{4,}/g);
        var top = typed.results[0];
        return (top ? top.data() : Promise.resolve(null)).then(function (data) {
          var marks = ((data && data.excerpt) || "").match(/<mark>[^<]*<\/mark>/g) || [];
          var known = marks.some(function (m) { return numbers.indexOf(m.replace(/[^0-9]/g, "")) !== -1; });
          var seen = {}, merged = [];
          (known ? [typed, inGroups] : [inGroups, typed]).forEach(function (one) {
            one.results.forEach(function (r) { if (!seen[r.id]) { seen[r.id] = true; merged.push(r); } });
          });
          return { results: merged, filters: inGroups.results.length > typed.results.length ? inGroups.filters : typed.filters };
        });
      });
    }

    function search() {
      var mine = ++run;
      writeUrl();
      showToggle();
      list.textContent = "";
      more.hidden = true;
      if (!state.q && !countChosen()) {
        status.textContent = S.empty;
        found = [];
        area.setAttribute("aria-busy", "false");
        return Promise.resolve();
      }
      status.textContent = S.working;
      area.setAttribute("aria-busy", "true");
      var first, firstData;
      return find(state.q).then(function (result) {
        first = result;
        return load(result.results.slice(0, PAGE));
      }).then(function (loaded) {
        firstData = loaded;
        var words = state.q ? unseen(state.q, loaded) : [];
        if (mine !== run || !words.length) return null;
        return correct(state.q, words).then(function (better) {
          if (!better || mine !== run) return null;
          return find(better).then(function (second) {
            if (!second.results.length) return null;
            return load(second.results.slice(0, PAGE)).then(function (loaded2) {
              return { result: second, loaded: loaded2, used: better };
            });
          });
        });
      }).then(function (corrected) {
        if (mine !== run) return;
        var outcome = corrected || { result: first, loaded: firstData, used: null };
        found = outcome.result.results;
        shown = 0;
        showCounts(outcome.result.filters || {});
        var n = found.length;
        var message;
        if (outcome.used) message = fill(S.corrected, { typed: state.q, used: outcome.used }) + " "
          + fill(n === 1 ? S.one : S.many, { count: n, query: outcome.used });
        else if (!state.q) message = n ? fill(n === 1 ? S.one_filtered : S.many_filtered, { count: n }) : S.none_filtered;
        else message = fill(n === 0 ? S.none : n === 1 ? S.one : S.many, { count: n, query: state.q });
        status.textContent = message;
        show(outcome.loaded);
        area.setAttribute("aria-busy", "false");   // the page is ready (browser tests wait for this)
      });
    }

    function load(results) {
      return Promise.all(results.map(function (r) { return r.data(); }));
    }

    function item(result) {
      var li = document.createElement("li");
      li.className = "dds-result";
      var heading = document.createElement("h2");
      heading.className = "dds-result__title";
      var link = document.createElement("a");
      link.href = result.url;
      link.textContent = (result.meta && result.meta.title) || result.url;
      heading.appendChild(link);
      li.appendChild(heading);
      var meta = document.createElement("p");
      meta.className = "dds-result__meta";
      var type = result.meta && result.meta[filters.type.name];
      if (type) {
        var kind = document.createElement("span");
        kind.className = "dds-kind";
        kind.textContent = type;
        meta.appendChild(kind);
      }
      var label = result.meta && result.meta[filters.status.name];
      if (label) {
        var look = data.badges[label] || ["neutral", "ring-dashed"];
        var badge = document.createElement("span");
        badge.className = "dds-status dds-tone-" + look[0] + " dds-shape-" + look[1];
        var dot = document.createElement("span");
        dot.className = "dds-status__dot";
        dot.setAttribute("aria-hidden", "true");
        badge.appendChild(dot);
        badge.appendChild(document.createTextNode(label));
        var words = document.createElement("span");
        words.className = "dds-visually-hidden";
        words.textContent = filters.status.name + (data.lang === "fr" ? "\u00a0: " : ": ");
        meta.appendChild(words);
        meta.appendChild(badge);
      }
      var cohort = result.meta && result.meta[filters.cohort.name];
      if (cohort && (!type || type !== filters.type.label.cohorts)) {
        var where = document.createElement("span");
        where.className = "dds-result__cohort";
        where.textContent = cohort;
        meta.appendChild(where);
      }
      if (meta.childNodes.length) li.appendChild(meta);
      if (result.excerpt) li.appendChild(excerpt(result.excerpt));
      return li;
    }

    function show(loaded) {
      var firstNew = null;
      loaded.forEach(function (result) {
        var li = item(result);
        firstNew = firstNew || li;
        list.appendChild(li);
      });
      shown += loaded.length;
      more.hidden = shown >= found.length;
      return firstNew;
    }

    function showMore() {
      var mine = run;
      return load(found.slice(shown, shown + PAGE)).then(function (loaded) {
        return mine === run ? show(loaded) : null;
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      state.q = input.value.trim();
      search();
    });
    var typing = null;
    input.addEventListener("input", function () {
      clearTimeout(typing);
      // While the debounce waits, Pagefind fetches the part of the index the words need (as its
      // own debouncedSearch does): from three letters, when the chunks are those of the final word.
      var typed = input.value.trim();
      if (pagefind && typed.length >= 3) pagefind.preload(typed, { filters: pagefindFilters() }).catch(function () {});
      typing = setTimeout(function () {
        if (input.value.trim() === state.q) return;
        state.q = input.value.trim();
        search();
      }, 500);
    });
    order.addEventListener("change", function () {
      state.sort = order.value;
      search();
    });
    more.addEventListener("click", function () {
      showMore().then(function (firstNew) {
        // Keyboard users go on from the first new result rather than back to the top.
        var link = firstNew && firstNew.querySelector("a");
        if (link) link.focus();
      });
    });
    toggle.addEventListener("click", function () {
      openFilters(toggle.getAttribute("aria-expanded") !== "true").catch(failed);
    });

    function failed() {
      status.textContent = "";
      area.hidden = true;
      var message = document.getElementById("dds-finder-failed");
      if (message) message.hidden = false;
    }

    status.textContent = S.working;
    import(new URL(form.getAttribute("data-bundle") + "pagefind.js", location.href).href)
      .then(function (module) {
        pagefind = module;
        // A record's id found in its own page's `id` metadata puts that page first; a word found
        // after an elision in a title ranks as the title does (generator/site/search.py).
        return pagefind.options({ ranking: { metaWeights: { title: 5, title_variants: 5, id: 20, variants: 1 } } });
      })
      .then(function () {
        // Pagefind loads its WebAssembly and the language's metadata now, while the person types,
        // rather than on the first search (the slowest part of a first query on a large site).
        pagefind.init();
        // Filters chosen in the address are shown, ticked, from the start.
        return countChosen() ? openFilters(true) : null;
      })
      .then(search)
      .catch(failed);
  }

  function init() {
    keepQueryAcrossLanguages();
    var form = document.getElementById("dds-finder");
    if (form && document.getElementById("dds-finder-data")) start(form);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
