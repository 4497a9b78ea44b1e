"""Search: the header box sends the query to the search page, where search.js shows Pagefind's
results with filters and a date order; French searches French pages, English searches English
pages; the query and the filters live in the address and survive the language switch; each result
says its type and, for a recommendation, its status; excerpts keep labels apart from values."""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from generator.site.i18n import gettext, ngettext

from .conftest import AXE_JS, Served, goto, wait_search_results

pytestmark = pytest.mark.browser

META = re.compile(r'<meta [^>]*data-pagefind-(meta|sort)="([^"\[]+)\[content\]" content="([^"]*)">')


@cache
def page_meta(file: Path) -> dict[str, str]:
    """The Pagefind metadata written in a built page's <head> (keys are localized words)."""
    text = file.read_text(encoding="utf-8")
    return {key: html.unescape(value) for _, key, value in META.findall(text)}


def search(page, site: Served, lang: str, query: str, extra: str = "") -> None:
    """Open the search page with `query` (and `extra` parameters) in its address; wait for results."""
    goto(page, site.url(f"recherche/?q={quote(query)}{extra}", lang))
    wait_search_results(page)


def wait_ready(page) -> None:
    page.wait_for_selector("#dds-finder-results[aria-busy=false]")


def result_count(page) -> int:
    found = re.search(r"\d+", page.locator("#dds-finder-status").inner_text())
    return int(found.group()) if found else 0


def all_results(page) -> list[str]:
    """The address of every result, after showing them all ("show more" until it goes)."""
    more = page.locator("#dds-finder-more")
    while more.is_visible():
        shown = page.locator("#dds-finder-list li.dds-result").count()
        more.click()
        page.wait_for_function("n => document.querySelectorAll('#dds-finder-list li.dds-result').length > n", arg=shown)
    links = page.eval_on_selector_all("#dds-finder-list li.dds-result h2 a", "as => as.map(a => a.href.split('#')[0])")
    assert len(links) == result_count(page), (len(links), page.locator("#dds-finder-status").inner_text())
    return links


def check_languages(site: Served, lang: str, links: list[str]) -> None:
    english = site.base + "en/"
    for link in links:
        assert link.startswith(site.base), f"result outside the site: {link}"
        if lang == "en":
            assert link.startswith(english), f"an English search returned a French page: {link}"
        else:
            assert not link.startswith(english), f"a French search returned an English page: {link}"
        assert site.file(link).is_file(), f"result {link} points at no built page"


def open_filters(page) -> None:
    """Show the filters and wait until Pagefind's values are in the panel (search.js marks it
    aria-busy meanwhile): on a phone they open with their button, which downloads them; from 60em
    they stand beside the results, downloaded once the first results are shown."""
    toggle = page.locator(".dds-finder__toggle")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    page.wait_for_selector("#dds-finder-filters[aria-busy=false]")


def tick(page, key: str, value: str) -> None:
    """Tick the filter `key` = `value` (an id), opening the filters first, and wait."""
    open_filters(page)
    box = page.locator(f"#dds-finder-filters input[name='{key}'][value='{value}']")
    assert box.count() == 1, f"no filter {key}={value}: " + ", ".join(
        page.locator("#dds-finder-filters input").evaluate_all("els => els.map(e => e.name + '=' + e.value)"))
    box.check()
    wait_ready(page)


# --- the real site ---------------------------------------------------------------------------

REAL_REC = "ac2-sans-abrisme-03"


def _real_rec(site: Served):
    return next(r for r in site.model.recommendations if r.id == REAL_REC)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_real_search_finds_a_recommendation_by_id_title_and_topic(pages, served_real, lang) -> None:
    rec = _real_rec(served_real)
    title_words = " ".join(re.findall(r"[^\W\d_]{5,}", getattr(rec.record.title, lang))[:3])
    queries = [("id", REAL_REC), ("title", title_words), ("topic", getattr(rec.topic.record.title, lang))]
    target = served_real.url(f"recommandations/{REAL_REC}/", lang)
    page = pages.open(served_real)
    for what, query in queries:
        search(page, served_real, lang, query)
        links = all_results(page)
        assert target in links, f"searching the {what} {query!r} in {lang} does not find {target}; found {links}"
        check_languages(served_real, lang, links)
    assert page.watch.take() == []


#: The issue's own examples, on the real data: an elision with the typographic apostrophe, a
#: number typed without its space, a misspelling.
REAL_QUERIES = [("fr", "hébergement"), ("fr", "hebergement"), ("fr", "3000 places"), ("en", "3000 shelter places"),
                ("en", "homlessness")]


@pytest.mark.parametrize(("lang", "query"), REAL_QUERIES)
def test_real_search_finds_what_journalists_type(pages, served_real, lang, query) -> None:
    page = pages.open(served_real)
    search(page, served_real, lang, query)
    links = all_results(page)
    target = served_real.url(f"recommandations/{REAL_REC}/", lang)
    assert target in links[:3], f"{query!r} does not find {target} among the first results: {links[:5]}"
    if query == "homlessness":
        assert "homelessness" in page.locator("#dds-finder-status").inner_text()
    assert page.watch.take() == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_real_search_type_filter_narrows_results(pages, served_real, lang) -> None:
    rec = _real_rec(served_real)
    page = pages.open(served_real)
    search(page, served_real, lang, getattr(rec.topic.record.title, lang))
    before = all_results(page)
    key = gettext("filter_type", lang)
    wanted = gettext("recommendations", lang)
    kinds = {page_meta(served_real.file(link)).get(key) for link in before}
    assert len(kinds) > 1, f"the query should find more than one kind of page, found {kinds}: {before}"
    expected = [link for link in before if page_meta(served_real.file(link)).get(key) == wanted]
    tick(page, "type", "recommendations")
    assert "type=recommendations" in page.url
    after = all_results(page)
    assert 0 < len(after) < len(before)
    assert set(after) == set(expected)
    check_languages(served_real, lang, after)
    assert page.watch.take() == []


# --- the demo site: richer filters, the date order, the address -------------------------------

DEMO_QUERY = {"fr": "logement", "en": "housing"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_demo_search_status_and_cohort_filters(pages, served_demo, lang) -> None:
    site = served_demo
    page = pages.open(site)
    search(page, site, lang, DEMO_QUERY[lang])
    everything = all_results(page)
    check_languages(site, lang, everything)
    status_key, cohort_key = gettext("filter_status", lang), gettext("filter_cohort", lang)
    recs = [link for link in everything if page_meta(site.file(link)).get(status_key)]
    assert len(recs) >= 3, f"the demo query should find several recommendations: {everything}"
    label = page_meta(site.file(recs[0]))[status_key]
    status = next(s for s in site.model.statuses if (getattr(s.label, lang) or s.label.fr) == label)
    expected = {link for link in everything if page_meta(site.file(link)).get(status_key) == label}
    tick(page, "status", status.id)
    by_status = all_results(page)
    assert 0 < len(by_status) < len(everything)
    assert set(by_status) == expected
    name = page_meta(site.file(by_status[0]))[cohort_key]
    cohort = next(c for c in site.model.cohorts if (getattr(c.record.name, lang) or c.record.name.fr) == name)
    expected = {link for link in by_status if page_meta(site.file(link)).get(cohort_key) == name}
    tick(page, "cohort", cohort.id)
    assert set(all_results(page)) == expected
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"q": [DEMO_QUERY[lang]], "status": [status.id], "cohort": [cohort.id]}, page.url
    assert page.watch.take() == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_demo_search_sort_by_date(pages, served_demo, lang) -> None:
    site = served_demo
    page = pages.open(site)
    search(page, site, lang, DEMO_QUERY[lang])
    relevance = all_results(page)
    page.select_option("#dds-finder-order", "date")
    wait_ready(page)
    assert "tri=date" in page.url
    assert page.locator("#dds-finder-q").input_value() == DEMO_QUERY[lang]
    by_date = all_results(page)
    # Pagefind leaves out pages without the sort key (CloudCannon/pagefind#259): index pages
    # have no date, so only dated pages remain, all of them.
    assert set(by_date) == {link for link in relevance if page_meta(site.file(link)).get("date")}
    dates = [page_meta(site.file(link))["date"] for link in by_date]
    assert len(set(dates)) > 1, f"the query should find pages of several dates: {dates}"
    assert dates == sorted(dates, reverse=True), f"results are not newest first: {list(zip(by_date, dates, strict=True))}"
    # the order is in the address: reloading it keeps it
    goto(page, page.url)
    wait_search_results(page)
    assert page.locator("#dds-finder-order").input_value() == "date"
    assert all_results(page) == by_date
    assert page.watch.take() == []


def test_a_search_and_its_filters_survive_the_language_switch(pages, served_demo) -> None:
    site = served_demo
    status = next(s for s in site.model.statuses if s.id == "in_progress")
    page = pages.open(site, width=375)
    search(page, site, "fr", "demo")   # in every record's id: the same pages match in both languages
    tick(page, "status", status.id)
    french = all_results(page)
    page.locator("header a.dds-lang__link[hreflang=en]").click()
    page.wait_for_url(re.compile(r"/en/recherche/"))
    wait_search_results(page)
    assert parse_qs(urlsplit(page.url).query) == {"q": ["demo"], "status": [status.id]}, page.url
    assert page.locator("#dds-finder-q").input_value() == "demo"
    assert page.locator(f"#dds-finder-filters input[name=status][value={status.id}]").is_checked()
    english = all_results(page)
    assert len(english) == len(french) > 0
    assert {link.replace(site.base + "en/", site.base) for link in english} == set(french)
    labels = page.locator("#dds-finder-list .dds-result__meta .dds-status").all_inner_texts()
    assert labels and set(labels) == {status.label.en}, labels
    assert page.watch.take() == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_result_says_its_type_and_a_recommendation_its_status(pages, served_demo, lang) -> None:
    site = served_demo
    page = pages.open(site)
    search(page, site, lang, DEMO_QUERY[lang])
    all_results(page)
    items = page.locator("#dds-finder-list li.dds-result")
    checked = 0
    for index in range(items.count()):
        item = items.nth(index)
        meta = page_meta(site.file(item.locator("h2 a").evaluate("a => a.href")))
        kind = item.locator(".dds-kind")
        if gettext("filter_type", lang) in meta:
            assert kind.inner_text() == meta[gettext("filter_type", lang)]
        else:
            assert kind.count() == 0  # an index or a hand-written page
        badge = item.locator(".dds-status")
        if gettext("filter_status", lang) in meta:
            assert badge.inner_text() == meta[gettext("filter_status", lang)]
            # the badge of the site, with the status's own shape
            assert re.search(r"\bdds-shape-[a-z-]+\b", badge.get_attribute("class"))
            checked += 1
        else:
            assert badge.count() == 0
    assert checked >= 3
    assert page.watch.take() == []


@pytest.mark.parametrize(("lang", "query"), [("fr", "adjoint"), ("fr", "logements vacants"), ("en", "deputy mayor"),
                                             ("en", "empty homes")])
def test_excerpts_keep_labels_apart_from_values(pages, served_demo, lang, query) -> None:
    """The facts of a page (label, value) read "Date — 20 janvier 2024" in an excerpt, never
    "Date20 janvier 2024"."""
    labels = [gettext(key, lang) for key in ("date", "kind", "cohort", "topic", "status")]
    page = pages.open(served_demo)
    search(page, served_demo, lang, query)
    all_results(page)
    excerpts = page.locator("#dds-finder-list .dds-result__excerpt").all_inner_texts()
    assert excerpts
    glued = [e for e in excerpts for label in labels if re.search(re.escape(label) + r"[0-9A-ZÀ-Ý«“]", e)]
    assert not glued, f"labels glued to their values in: {glued}"
    assert any(" — " in e for e in excerpts), excerpts
    assert page.watch.take() == []


def test_on_a_phone_results_come_first_and_filters_wait_behind_one_button(pages, served_demo) -> None:
    page = pages.open(served_demo, width=375)
    search(page, served_demo, "fr", "logement")
    toggle = page.locator(".dds-finder__toggle")
    panel = page.locator("#dds-finder-filters")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert not panel.is_visible()
    first = page.locator("#dds-finder-list li.dds-result").first.bounding_box()
    assert first["y"] < 900 * 1.2, f"the first result starts {first['y']} px down"
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true" and panel.is_visible()
    assert toggle.get_attribute("aria-controls") == "dds-finder-filters"
    page.wait_for_selector("#dds-finder-filters[aria-busy=false]")
    assert page.locator("#dds-finder-filters input[type=checkbox]").count() > 0
    # from 60em they stand beside the results, whatever the button said; the button goes
    page.set_viewport_size({"width": 1280, "height": 900})
    assert panel.is_visible() and not toggle.is_visible()
    assert panel.bounding_box()["x"] > page.locator("#dds-finder-list").bounding_box()["x"]
    assert page.watch.take() == []


def test_on_a_phone_filter_values_are_downloaded_when_the_filters_open_not_with_a_search(pages, served_demo) -> None:
    """Pagefind's filter files (every topic's name on a large site) wait for the filters' button:
    a search downloads none of them, opening the filters downloads them, and the counts follow."""
    page = pages.open(served_demo, width=375)
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    search(page, served_demo, "fr", "logement")
    assert any("/pagefind/index/" in url for url in fetched), fetched
    assert not [url for url in fetched if "/pagefind/filter/" in url]
    assert not page.locator("#dds-finder-filters").is_visible()
    open_filters(page)
    assert [url for url in fetched if "/pagefind/filter/" in url]
    counts = page.locator("#dds-finder-filters .dds-finder__count").all_inner_texts()
    assert counts and all(re.fullmatch(r"\(\d+\)", c) for c in counts), counts
    assert any(c != "(0)" for c in counts), counts
    assert page.watch.take() == []


@pytest.mark.parametrize("width", [960, 1280])
def test_from_960_px_the_filters_stand_beside_the_results(pages, served_demo, width) -> None:
    """The README's promise: from 960 px (60em) the filters are open beside the results, without a
    button, their values downloaded once the first results are shown (not before them)."""
    page = pages.open(served_demo, width=width)
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    search(page, served_demo, "fr", "logement")
    page.wait_for_selector("#dds-finder-filters[aria-busy=false]")
    panel, results = page.locator("#dds-finder-filters"), page.locator("#dds-finder-list")
    assert panel.is_visible() and not page.locator(".dds-finder__toggle").is_visible()
    assert page.locator("#dds-finder-filters input[type=checkbox]").count() > 0
    box, beside = panel.bounding_box(), results.bounding_box()
    assert box["x"] >= beside["x"] + beside["width"], (box, beside)
    assert box["y"] < beside["y"] + 100, f"the filters start {box['y'] - beside['y']} px below the results"
    fragments = [i for i, url in enumerate(fetched) if "/pagefind/fragment/" in url]
    filters = [i for i, url in enumerate(fetched) if "/pagefind/filter/" in url]
    assert fragments and filters and min(filters) > min(fragments), "the filters were downloaded before the results"
    assert page.watch.take() == []


def test_the_explorer_filters_survive_the_language_switch(pages, served_demo) -> None:
    page = pages.open(served_demo)
    goto(page, served_demo.url("recommandations/"))
    page.select_option("#f-status", "in_progress")
    shown = page.locator("#rec-table tbody tr:visible").count()
    page.locator("header a.dds-lang__link[hreflang=en]").click()
    page.wait_for_url(re.compile(r"/en/recommandations/\?"))
    assert page.locator("#f-status").input_value() == "in_progress"
    assert page.locator("#rec-table tbody tr:visible").count() == shown
    assert page.watch.take() == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_demo_filters_alone_count_their_pages_in_the_right_grammatical_number(pages, served_demo, lang) -> None:
    """With filters and no words, the status line counts the pages: one member list is « 1 page
    correspond », all of them « 3 pages correspondent » (a plural message of the catalogue, both
    forms handed to the script), never « page(s) »."""
    site = served_demo
    lists = site.model.member_lists
    assert len(lists) > 1, "the demo needs several member lists"
    page = pages.open(site)
    for extra, count in ((f"&type=members&cohort={lists[0].cohort}", 1), ("&type=members", len(lists))):
        goto(page, site.url(f"recherche/?q={extra}", lang))
        wait_search_results(page)
        status = page.locator("#dds-finder-status").inner_text()
        assert status == ngettext("search_filtered", "search_filtered", count, lang), (extra, status)
        assert result_count(page) == count, (extra, status)
    assert page.watch.take() == []


# --- the page itself: no layout shift, one name per search landmark ------------------------------

#: Sums the layout shifts (PerformanceObserver, type layout-shift) that no input caused, from the
#: page's start (buffered), with what moved.
_WATCH_SHIFTS = """
window.__shifts = [];
new PerformanceObserver(list => {
  for (const e of list.getEntries()) {
    if (!e.hadRecentInput) window.__shifts.push({value: e.value, moved: (e.sources || []).map(s =>
      s.node ? (s.node.id || String(s.node.className || s.node.nodeName)) : "?")});
  }
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize(("lang", "query"), [("fr", "logement"), ("fr", "abandonnée"), ("en", "empty homes")])
def test_results_arrive_without_moving_the_page(pages, served_demo, width, lang, query) -> None:
    """CLS under 0.01 from the page's start until its results (or its « aucun résultat ») are shown,
    with the filters beside them from 60em: the results' place is laid out before they arrive.
    The web fonts are not served here: their swap (font-display: swap, fonts.css) moves every page of
    the site once, whether it searches or not, and is not what this measures."""
    page = pages.open(served_demo, width=width, height=800)
    page.route("**/*.woff2", lambda route: route.abort("aborted"))
    page.add_init_script(_WATCH_SHIFTS)
    goto(page, served_demo.url(f"recherche/?q={quote(query)}", lang))
    wait_ready(page)
    if width >= 960:
        # Loaded (hidden in their place when nothing is found: every value would count zero).
        page.wait_for_selector("#dds-finder-filters[aria-busy=false]", state="attached")
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 100))))")
    shifts = page.evaluate("window.__shifts")
    assert sum(s["value"] for s in shifts) < 0.01, shifts
    assert page.watch.take() == []


@pytest.mark.parametrize("width", [375, 1280])
def test_a_second_search_moves_nothing_either(pages, served_demo, width) -> None:
    """A search run from the page's own box (submitted by the script, as no key press: the browser
    forgives a shift within half a second of a key press) replaces the results without a shift."""
    page = pages.open(served_demo, width=width, height=800)
    search(page, served_demo, "fr", "vélo")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.evaluate(_WATCH_SHIFTS.replace("buffered: true", "buffered: false"))
    for query in ("logement", "abandonnée", "eau"):
        page.evaluate("q => { document.getElementById('dds-finder-q').value = q; document.getElementById('dds-finder').requestSubmit(); }",
                      query)
        page.wait_for_function("q => new URL(location.href).searchParams.get('q') === q", arg=query)
        wait_ready(page)
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 100))))")
    shifts = page.evaluate("window.__shifts")
    assert sum(s["value"] for s in shifts) < 0.01, shifts
    assert page.watch.take() == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_search_landmark_has_a_name_of_its_own(pages, served_demo, lang) -> None:
    """The header's search box and the page's own search form are two search landmarks: axe's
    landmark-unique (a best practice, outside the WCAG tags that test_axe.py runs) finds them
    told apart, with results and without, at 1280 and 320 px."""
    page = pages.open(served_demo, bypass_csp=True)
    for query in ("logement", "abandonnée"):
        goto(page, served_demo.url(f"recherche/?q={quote(query)}", lang))
        wait_ready(page)
        page.add_script_tag(path=str(AXE_JS))
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 900})
            violations = page.evaluate(
                "() => axe.run(document, {runOnly: {type: 'rule', values: ['landmark-unique']}, resultTypes: ['violations']})"
                ".then(r => r.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target)})))")
            assert not violations, (query, width, violations)
    names = page.eval_on_selector_all("[role=search], search", "els => els.map(e => e.getAttribute('aria-label') || "
                                      "(e.getAttribute('aria-labelledby') && document.getElementById(e.getAttribute('aria-labelledby')).textContent) || '')")
    assert len(names) == len(set(names)), names
    assert page.watch.take() == []
