/* Search: the search page, on Pagefind's search API (no Pagefind UI), and the language switch.

   The page (theme/templates/pages/search.html) is a plain GET form; its data block gives the page's
   words, for each filter its values by id and by label, the "see also" entries and the other
   language's search page. Here:
   - the query and the filters live in the address (?q=…&status=in_progress&cohort=…&tri=date):
     a search can be shared, reloaded, and opened in the other language (the filters are named by
     id, which both languages share); the language links carry the address's query along, here
     and on the recommendations explorer;
   - results come first; on a phone the filters wait behind one button, and Pagefind's filter values
     (every topic's name on a large site) are downloaded when it is first opened; from 60em they
     stand beside the results, downloaded once the first results are shown;
   - the query is read as the index is written (`words`): an elided article or pronoun dropped with
     either apostrophe ("l’hébergement", "l'hébergement": "hébergement"), and each word also tried in
     its other spellings (`spellings`): a ligature written out or not ("voeu", "vœu"), a number in
     groups ("3000", "3 000");
   - it answers only what it found: Pagefind matches a word it does not know on the longest indexed
     word that the typed one starts with ("abandonnée" on "à", "cannicule" on "C"), so a spelling is
     kept only when its first results contain each of its words (`absent`, after folding accents,
     ligatures and case); otherwise the nearest words of the site's vocabulary are tried
     (recherche/vocabulary.json, generator/site/search.py: "homlessness" finds "homelessness") and
     the page says so, or it says that nothing was found, which word no page contains, and offers the
     same search on the other language's site;
   - "see also": a query that names a status or an awaited follow-up in a reader's words
     ("abandonnée", "late") leads to the explorer filtered on that status, or to the page
     (search.html: statuses' labels and the catalogues' `synonyms_` messages);
   - each result says what kind of page it is, and for a recommendation its status (the badge of
     the site, with its shape);
   - excerpts are built as text (never as HTML): only Pagefind's <mark> highlights are kept;
   - the results' place is laid out before they arrive, so that they move nothing on screen. */
(function () {
  "use strict";

  var PAGE = 10;
  /* How many of a spelling's first results must show each of its words (see `absent`). */
  var CHECKED = 3;
  /* At most this many spellings of one query are searched. */
  var SPELLINGS = 4;

  /* Lower case, without accents, ligatures written out ("Œuvre" -> "oeuvre"): how words compare. */
  function fold(text) {
    return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/\u0153/g, "oe").replace(/\u00e6/g, "ae");
  }

  /* A word as it is compared: folded, its letters and digits only ("women’s" -> "womens"). */
  function key(word) {
    return fold(word).replace(/[^\p{L}\p{N}]+/gu, "");
  }

  /* French elisions, with either apostrophe (or the modifier letter): "l’", "d'", "qu’", "jusqu'"… */
  var ELISION = /^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['\u2019\u02bc](?=[\p{L}\p{N}])/iu;

  /* The words of a query as the index holds them: without the punctuation around them, nor an
     elided article or pronoun ("l’hébergement" -> "hébergement"; Pagefind would look for
     "lhébergement", which no page has). */
  function words(query) {
    return (query || "").split(/\s+/).map(function (word) {
      return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "").replace(ELISION, "");
    }).filter(function (word) { return key(word); });
  }

  /* A word's spellings that the index may hold: as typed; a ligature written out, or written as one
     ("vœu", "voeu"); a number of four digits or more in groups of three ("3000" -> "3 000", as the
     site writes it and Pagefind indexes it: two words). */
  function spellingsOf(word) {
    var out = [word];
    if (/[\u0153\u0152\u00e6\u00c6]/.test(word)) {
      out.push(word.replace(/\u0153/g, "oe").replace(/\u0152/g, "Oe").replace(/\u00e6/g, "ae").replace(/\u00c6/g, "Ae"));
    } else if (/oe|ae/i.test(word)) {
      out.push(word.replace(/oe/g, "\u0153").replace(/Oe/g, "\u0152").replace(/ae/g, "\u00e6").replace(/Ae/g, "\u00c6"));
    }
    if (/^\d{4,}$/.test(word)) out.push(word.replace(/\B(?=(\d{3})+(?!\d))/g, " "));
    return out;
  }

  /* The spellings of a query, as typed first (at most SPELLINGS). */
  function spellings(list) {
    var all = [[]];
    list.forEach(function (word) {
      var next = [];
      all.forEach(function (start) {
        spellingsOf(word).forEach(function (one) { if (next.length < SPELLINGS) next.push(start.concat([one])); });
      });
      all = next;
    });
    return all.map(function (one) { return one.join(" "); });
  }

  function startsWith(text, start) {
    return text.lastIndexOf(start, 0) === 0;
  }

  /* Whether a page's word (folded: `key`) is the query's word `k` (folded) as the index finds it:
     - a number, or a short word, begins the page's word (Pagefind finds a word by its beginning:
       "vélo" in "vélos", "2000" in "2000");
     - a page's word that is the query's beginning is the word without an ending ("logement" for
       "logements", "abandonné" for "abandonnées"), not when it lacks more than two letters: that is
       Pagefind's fallback on the longest indexed word the query starts with ("à" for "abandonnée",
       "heat" for "heatwve");
     - otherwise both begin alike and differ in an ending of three letters at most ("abandonnée",
       "abandonner"; "logements", "logement"), never down to four letters of a longer word. */
  function same(token, k) {
    if (/^\d+$/.test(k)) return startsWith(token, k);
    var base = k.length > 3 ? k.replace(/[sx]$/, "") : k;
    if (base.length <= 4) return startsWith(token, base);
    var common = 0;
    while (common < token.length && common < k.length && token[common] === k[common]) common++;
    if (common === token.length) return token.length >= k.length - 2;
    return common >= Math.max(5, base.length - 3);
  }

  /* The words Pagefind matched in one result: the page's words at the result's locations (its text
     split at spaces, as Pagefind counts words) and those of the metadata fields it matched (title,
     words after an elision, id…), folded (`key`), whole and split at their punctuation
     ("d’hébergement": "dhebergement", "d", "hebergement"), each with the word as the page writes it
     (lower case, without the punctuation around it). `result` is Pagefind's result, `data` its data. */
  function matched(result, data) {
    var words = data.ddsWords || (data.ddsWords = (data.content || "").split(/[\r\n\s]+/g));
    var raw = (result.words || []).map(function (at) { return words[at] || ""; });
    (result.matchedMetaFields || []).forEach(function (name) {
      if (name !== "image" && name !== "image_alt") raw = raw.concat(String((data.meta || {})[name] || "").split(/\s+/));
    });
    var out = Object.create(null);
    raw.forEach(function (one) {
      var written = one.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
      var whole = key(written);
      if (whole && !(whole in out)) out[whole] = written;
      fold(written).split(/[^\p{L}\p{N}]+/u).forEach(function (part) { if (part && !(part in out)) out[part] = part; });
    });
    return out;
  }

  /* The words of `list` that Pagefind did not find in `results` ([result, data] pairs, the first
     ones): for each word it either found it (then every result has it) or fell back on a shorter
     word, or on nothing. */
  function absent(list, results) {
    var all = results.map(function (pair) { return matched(pair[0], pair[1]); });
    return list.filter(function (word) {
      var k = key(word);
      return !all.some(function (words) { return Object.keys(words).some(function (token) { return same(token, k); }); });
    });
  }

  /* For each word of `list` that `results` have only as the beginning of longer words (Pagefind finds a
     word by its beginning: "homeless" finds "homelessness"), the words it found instead, as written
     (at most 5): [[word, "homelessness"], …]. A word of one more letter is the same word ("vacant",
     "vacants"). */
  function extended(list, results) {
    var all = results.map(function (pair) { return matched(pair[0], pair[1]); });
    var out = [];
    list.forEach(function (word) {
      var k = key(word), longer = {};
      var plain = all.some(function (words) {
        return Object.keys(words).some(function (token) {
          if (!same(token, k)) return false;
          if (token.length <= k.length + 1 || !startsWith(token, k)) return true;
          longer[words[token]] = true;
          return false;
        });
      });
      var found = Object.keys(longer);
      if (!plain && found.length) out.push([word, found.slice(0, 5).join(", ")]);
    });
    return out;
  }

  /* A "see also" word compared: folded, without a plural or a feminine ending ("abandonnées",
     "abandonné": "abandonn"). */
  function light(word) {
    return key(word).replace(/[sx]$/, "").replace(/e+$/, "");
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
    var suggestions = document.getElementById("dds-finder-suggest");
    /* From 60em the filters stand beside the results (the stylesheet's breakpoint). */
    var wide = window.matchMedia("(min-width: 60em)");
    var see = data.see.map(function (entry) {
      return { kind: entry[0], label: entry[1], href: entry[2], phrases: entry[3].map(function (phrase) {
        return words(phrase).map(light);
      }).filter(function (phrase) { return phrase.length; }) };
    });
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

    /* `list` (a query's words) with each of `unknown` that the vocabulary does not know replaced by
       its nearest word (1 edit for words up to 7 letters, 2 beyond; the most frequent on a tie), as
       one query; null if none is replaced. */
    function correct(list, unknown) {
      return loadVocabulary().then(function (v) {
        var changed = false;
        var out = list.map(function (word) {
          var folded = fold(word);
          if (unknown.indexOf(word) === -1 || folded in v.folded) return word;
          if (v.list.some(function (known) { return known.indexOf(folded) === 0; })) return word;  // being typed
          var max = folded.length > 7 ? 2 : 1, best = null, bestD = max + 1, bestN = -1;
          v.list.forEach(function (candidate) {
            var d = distance(folded, candidate, max);
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

    function searchOptions() {
      var options = { filters: pagefindFilters() };
      if (state.sort === "date") options.sort = { date: "desc" };
      return options;
    }

    /* A result that Pagefind found by a word of the page or of its metadata, other than the image it
       takes from the header (its "image" and "image_alt": the logo's, on every page, which it matches
       loosely: "logement" found every page by "logo", first when sorted by date). */
    function matchedSomething(result) {
      if ((result.words || []).length) return true;
      return (result.matchedMetaFields || []).some(function (name) { return name !== "image" && name !== "image_alt"; });
    }

    /* One spelling searched: Pagefind's results, and the words of the spelling that its first results
       do not contain (then Pagefind fell back on shorter words, or on nothing, for them). */
    function attempt(spelling, options) {
      return pagefind.search(spelling, options).then(function (result) {
        var found = result.results.filter(matchedSomething);
        return load(found.slice(0, CHECKED)).then(function (loaded) {
          var list = words(spelling);
          var first = loaded.map(function (data, index) { return [found[index], data]; });
          var missing = found.length ? absent(list, first) : [];
          return { results: found, filters: result.filters, missing: missing,
                   extended: missing.length ? [] : extended(list, first) };
        });
      });
    }

    /* What Pagefind finds for `query`: {results, filters, missing}. Filters alone when there are no
       words. Otherwise every spelling of the query (`spellings`) is searched, and only those whose
       results contain all their words are kept, merged by Pagefind's score (so "voeu" ranks the pages
       that write "vœu" as "vœu" does). Nothing is kept? Then no results, and `missing` lists the words
       that the typed spelling's results do not contain; of several words, those that are found
       nowhere even alone (none when each is found alone, but no page has them all). */
    function find(query) {
      var options = searchOptions();
      var list = words(query);
      if (!list.length) {
        return pagefind.search(null, options).then(function (result) {
          return { results: result.results, filters: result.filters, missing: [] };
        });
      }
      return Promise.all(spellings(list).map(function (one) { return attempt(one, options); })).then(function (tries) {
        var kept = tries.filter(function (one) { return one.results.length && !one.missing.length; });
        if (!kept.length) {
          var nothing = { results: [], filters: {}, missing: tries[0].missing };
          if (list.length < 2) return nothing;
          // Nothing has the words together: which of them does no page have, even alone?
          return Promise.all(list.map(find)).then(function (alone) {
            nothing.missing = list.filter(function (word, index) { return !alone[index].results.length; });
            return nothing;
          });
        }
        var best = {}, widest = kept[0];
        kept.forEach(function (one) {
          if (one.results.length > widest.results.length) widest = one;
          one.results.forEach(function (r) { if (!best[r.id] || r.score > best[r.id].score) best[r.id] = r; });
        });
        var merged = Object.keys(best).map(function (id) { return best[id]; });
        if (kept.length > 1) merged.sort(function (a, b) { return b.score - a.score; });
        else merged = kept[0].results;
        return { results: merged, filters: widest.filters, missing: [], extended: kept[0].extended };
      });
    }

    /* The "see also" entries that the query names: every word of one of an entry's phrases is in it. */
    function seeAlso(query) {
      var mine = words(query).map(light);
      return see.filter(function (entry) {
        return entry.phrases.some(function (phrase) {
          return phrase.every(function (word) { return mine.indexOf(word) !== -1; });
        });
      });
    }

    function paragraph(parts) {
      var p = document.createElement("p");
      parts.forEach(function (part) {
        if (typeof part === "string") { p.appendChild(document.createTextNode(part)); return; }
        var a = document.createElement("a");
        a.href = part.href;
        a.textContent = part.text;
        if (part.lang) { a.lang = part.lang; a.hreflang = part.lang; }
        p.appendChild(a);
      });
      return p;
    }

    /* Below the status: what else the query may mean on this site; when nothing is found, the query
       without the words no page contains, and the same query on the other language's site. */
    function suggest(query, nothing, missing) {
      suggestions.textContent = "";
      var entries = query ? seeAlso(query) : [];
      if (entries.length) {
        var parts = [S.see_also + " "];
        entries.forEach(function (entry, index) {
          if (index) parts.push(" · ");
          parts.push({ href: entry.href, text: entry.kind === "status" ? fill(S.see_status, { status: entry.label }) : entry.label });
        });
        suggestions.appendChild(paragraph(parts));
      }
      if (!query || !nothing) return;
      var rest = words(query).filter(function (word) { return missing.indexOf(word) === -1; });
      if (missing.length && rest.length) {
        var only = rest.join(" ");
        suggestions.appendChild(paragraph([{ href: "?q=" + encodeURIComponent(only), text: fill(S.only, { query: only }) }]));
      }
      var other = new URL(data.other.href, location.href);
      other.search = "?q=" + encodeURIComponent(query);
      suggestions.appendChild(paragraph([{ href: other.href, lang: data.other.lang, text: fill(S.other_language, { query: query }) }]));
    }

    function search() {
      var mine = ++run;
      writeUrl();
      showToggle();
      more.hidden = true;
      var typed = words(state.q);
      if (!typed.length && !countChosen()) {
        status.textContent = S.empty;
        list.textContent = "";
        suggestions.textContent = "";
        found = [];
        area.setAttribute("aria-busy", "false");
        return Promise.resolve();
      }
      status.textContent = S.working;
      area.setAttribute("aria-busy", "true");
      return find(state.q).then(function (outcome) {
        if (mine !== run || !typed.length || (outcome.results.length && !outcome.missing.length)) return { outcome: outcome };
        // Nothing found: the words no page has, or every word when Pagefind found nothing at all.
        var unknown = outcome.missing.length ? outcome.missing : typed;
        return correct(typed, unknown).then(function (better) {
          if (!better || mine !== run) return { outcome: outcome };
          return find(better).then(function (second) {
            return second.results.length ? { outcome: second, used: better } : { outcome: outcome };
          });
        });
      }).then(function (chosen) {
        if (mine !== run) return null;
        return load(chosen.outcome.results.slice(0, PAGE)).then(function (loaded) {
          if (mine !== run) return;
          var outcome = chosen.outcome;
          found = outcome.results;
          shown = 0;
          showCounts(outcome.filters || {});
          var n = found.length;
          var message;
          if (chosen.used) message = fill(S.corrected, { typed: state.q, used: chosen.used }) + " "
            + fill(n === 1 ? S.one : S.many, { count: n, query: chosen.used });
          else if (!typed.length) message = n ? fill(n === 1 ? S.one_filtered : S.many_filtered, { count: n }) : S.none_filtered;
          else if (n === 0 && outcome.missing.length) message = fill(S.none, { query: state.q }) + " "
            + fill(S.absent, { words: outcome.missing.join(" ") });
          else message = fill(n === 0 ? S.none : n === 1 ? S.one : S.many, { count: n, query: state.q });
          (outcome.extended || []).forEach(function (pair) {
            message += " " + fill(S.extended, { word: pair[0], words: pair[1] });
          });
          // One change on screen: the status, the suggestions and the results together. Nothing found
          // and no filter chosen: the filters, every value at (0), would only narrow nothing; they
          // stay in their place (nothing moves) but out of sight and out of the tab order.
          area.classList.toggle("dds-finder--nothing", n === 0 && !countChosen());
          status.textContent = message;
          suggest(state.q, n === 0, outcome.missing);
          list.textContent = "";
          show(loaded);
          area.setAttribute("aria-busy", "false");   // the page is ready (browser tests wait for this)
          if (wide.matches) loadFilters().catch(failed);
        });
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
        // after an elision in a title ranks as the title does (generator/site/search.py). The
        // header's logo, which Pagefind takes as every page's image, counts for nothing.
        return pagefind.options({ ranking: { metaWeights: { title: 5, title_variants: 5, id: 20, variants: 1,
                                                            image: 0, image_alt: 0 } } });
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
    // A window widened past 60em shows the filters beside the results: their values follow.
    wide.addEventListener("change", function () {
      if (wide.matches && pagefind && area.getAttribute("aria-busy") === "false") loadFilters().catch(failed);
    });
  }

  function init() {
    keepQueryAcrossLanguages();
    var form = document.getElementById("dds-finder");
    if (form && document.getElementById("dds-finder-data")) start(form);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
