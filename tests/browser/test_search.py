"""Search: the header box sends the query to the search page, where Pagefind's UI shows results,
filters and a date order; French searches French pages, English searches English pages."""

from __future__ import annotations

import html
import re
import time
from functools import cache
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from generator.i18n import STRINGS

from .conftest import Served, goto

pytestmark = pytest.mark.browser

META = re.compile(r'<meta [^>]*data-pagefind-(meta|sort)="([^"\[]+)\[content\]" content="([^"]*)">')


@cache
def page_meta(file: Path) -> dict[str, str]:
    """The Pagefind metadata written in a built page's <head> (keys are localized words)."""
    text = file.read_text(encoding="utf-8")
    return {key: html.unescape(value) for _, key, value in META.findall(text)}


def search_from_header(page, site: Served, lang: str, query: str) -> None:
    """Type `query` into the header's search box of the home page and submit it."""
    goto(page, site.url("", lang))
    box = page.locator("input#dds-q")
    box.fill(query)
    with page.expect_navigation():
        box.press("Enter")
    assert "/recherche/" in page.url and "q=" in page.url, page.url
    wait_results(page)


def wait_results(page, count: int | None = None) -> str:
    """Wait until Pagefind shows a result message (saying `count` results, when given) and every
    shown result has loaded; returns the message."""
    try:
        page.wait_for_function(
            r"""count => {
                const m = document.querySelector('.pagefind-ui__message');
                const text = m ? m.textContent.trim() : '';
                // "Searching for …..." is Pagefind's message while it works.
                if (!text || /(\.\.\.|…)$/.test(text)) return false;
                if (count !== null && parseInt(text, 10) !== count) return false;
                return !document.querySelector('.pagefind-ui__results .pagefind-ui__loading');
            }""", arg=count)
    except PlaywrightTimeout:
        message = page.locator(".pagefind-ui__message")
        shown = message.inner_text() if message.count() else None
        raise AssertionError(f"{page.url}: Pagefind shows no{'' if count is None else f' {count}'} results; its "
                             f"message is {shown!r}; problems on the page: {page.watch.problems}") from None
    return page.locator(".pagefind-ui__message").inner_text()


def result_count(page) -> int:
    found = re.match(r"\d+", page.locator(".pagefind-ui__message").inner_text().strip())
    return int(found.group()) if found else 0


def all_results(page) -> list[str]:
    """The address of every result (the page, not its sections), after loading them all."""
    more = page.locator("button.pagefind-ui__button")
    while more.count() and more.first.is_visible():
        shown = page.locator("li.pagefind-ui__result").count()
        more.first.click()
        page.wait_for_function(
            """n => document.querySelectorAll('li.pagefind-ui__result').length > n
                   && !document.querySelector('.pagefind-ui__results .pagefind-ui__loading')""", arg=shown)
    links = page.eval_on_selector_all(
        "li.pagefind-ui__result",
        "items => items.map(li => li.querySelector('a.pagefind-ui__result-link').href.split('#')[0])")
    assert len(links) == result_count(page), (len(links), page.locator(".pagefind-ui__message").inner_text())
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


def filter_key(page, values: set[str]) -> str:
    """The name of Pagefind's filter (its key is a localized word) that offers one of `values`.

    Pagefind's UI loads its filters after the first results, separately: wait until they are shown."""
    try:
        page.wait_for_function(
            """values => [...document.querySelectorAll('input.pagefind-ui__filter-checkbox')]
                            .some(e => values.includes(e.value))""", arg=sorted(values))
    except PlaywrightTimeout:
        shown = page.eval_on_selector_all("input.pagefind-ui__filter-checkbox", "els => els.map(e => e.value)")
        raise AssertionError(f"{page.url}: Pagefind shows no filter offering one of {sorted(values)}; filters "
                             f"shown: {shown}; problems on the page: {page.watch.problems}") from None
    offered = page.eval_on_selector_all("input.pagefind-ui__filter-checkbox", "els => els.map(e => [e.name, e.value])")
    keys = {name for name, value in offered if value in values}
    assert len(keys) == 1, f"expected one filter offering one of {sorted(values)}, found {keys} among {offered}"
    return keys.pop()


def apply_filter(page, name: str, value: str, count: int) -> str:
    """Tick `value` in Pagefind's filter `name` (opening its group), wait for `count` results."""
    group = page.locator("details.pagefind-ui__filter-block").filter(
        has=page.locator(f"input.pagefind-ui__filter-checkbox[name='{name}']"))
    assert group.count() == 1, f"no Pagefind filter named {name!r}"
    if not group.evaluate("d => d.open"):
        group.locator("summary").click()
    box = group.locator(f"input.pagefind-ui__filter-checkbox[value='{value}']")
    assert box.count() == 1, f"filter {name!r} has no value {value!r}: " + ", ".join(
        group.locator("input.pagefind-ui__filter-checkbox").evaluate_all("els => els.map(e => e.value)"))
    box.check()
    return wait_results(page, count)


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
        search_from_header(page, served_real, lang, query)
        links = all_results(page)
        assert target in links, f"searching the {what} {query!r} in {lang} does not find {target}; found {links}"
        check_languages(served_real, lang, links)
    assert page.watch.take() == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_real_search_type_filter_narrows_results(pages, served_real, lang) -> None:
    rec = _real_rec(served_real)
    page = pages.open(served_real)
    search_from_header(page, served_real, lang, getattr(rec.topic.record.title, lang))
    before = all_results(page)
    wanted = STRINGS["recommendations"][lang]
    key = filter_key(page, {wanted})
    kinds = {page_meta(served_real.file(link)).get(key) for link in before}
    assert len(kinds) > 1, f"the query should find more than one kind of page, found {kinds}: {before}"
    expected = [link for link in before if page_meta(served_real.file(link)).get(key) == wanted]
    apply_filter(page, key, wanted, len(expected))
    after = all_results(page)
    assert 0 < len(after) < len(before)
    assert set(after) == set(expected)
    check_languages(served_real, lang, after)
    assert page.watch.take() == []


def test_search_lists_every_filter_group_even_when_filters_load_slowly(pages, served_real) -> None:
    """Pagefind's UI lists the filter groups of its first answer, and that answer counts only the filters
    loaded by then: search.js loads them all before searching. Here every filter file but the first is
    held back a little, which, without that, leaves the page with one group only, for good."""
    site = served_real
    expected = sorted({key for file in site.root.rglob("*.html") if not file.relative_to(site.root).parts[0] == "en"
                       for key in re.findall(r'data-pagefind-filter="([^"\[]+)', file.read_text(encoding="utf-8"))})
    assert len(expected) >= 3, expected
    page = pages.open(site)
    held: list[str] = []

    def hold(route) -> None:
        held.append(route.request.url)
        if len(held) > 1:
            time.sleep(0.7)  # holds Playwright's side only: the page goes on with its search meanwhile
        route.continue_()

    page.route("**/pagefind/filter/*.pf_filter", hold)
    goto(page, site.url("recherche/?q=" + quote(_real_rec(site).topic.record.title.fr)))
    wait_results(page)
    try:
        page.wait_for_function(
            """expected => JSON.stringify([...new Set([...document.querySelectorAll(
                   'input.pagefind-ui__filter-checkbox')].map(e => e.name))].sort()) === JSON.stringify(expected)""",
            arg=expected)
    except PlaywrightTimeout:
        shown = sorted(set(page.eval_on_selector_all("input.pagefind-ui__filter-checkbox", "els => els.map(e => e.name)")))
        raise AssertionError(f"the search page lists the filter groups {shown}, not {expected}") from None
    assert len(held) == len(expected) and page.watch.take() == []


# --- the demo site: richer filters, and the date order ----------------------------------------

DEMO_QUERY = {"fr": "logement", "en": "housing"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_demo_search_status_and_cohort_filters(pages, served_demo, lang) -> None:
    site = served_demo
    page = pages.open(site)
    search_from_header(page, site, lang, DEMO_QUERY[lang])
    everything = all_results(page)
    check_languages(site, lang, everything)
    status_key = filter_key(page, {getattr(s.label, lang) for s in site.model.statuses})
    cohort_key = filter_key(page, {getattr(c.record.name, lang) for c in site.model.cohorts})
    recs = [link for link in everything if page_meta(site.file(link)).get(status_key)]
    assert len(recs) >= 3, f"the demo query should find several recommendations: {everything}"
    status = page_meta(site.file(recs[0]))[status_key]
    expected = {link for link in everything if page_meta(site.file(link)).get(status_key) == status}
    apply_filter(page, status_key, status, len(expected))
    by_status = all_results(page)
    assert 0 < len(by_status) < len(everything)
    assert set(by_status) == expected
    cohort = page_meta(site.file(by_status[0]))[cohort_key]
    expected = {link for link in by_status if page_meta(site.file(link)).get(cohort_key) == cohort}
    apply_filter(page, cohort_key, cohort, len(expected))
    assert set(all_results(page)) == expected
    assert page.watch.take() == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_demo_search_sort_by_date(pages, served_demo, lang) -> None:
    site = served_demo
    page = pages.open(site)
    search_from_header(page, site, lang, DEMO_QUERY[lang])
    relevance = all_results(page)
    container = page.locator("#dds-search")
    toggle = container.locator("xpath=preceding-sibling::p[1]/button")
    assert toggle.inner_text() == container.get_attribute("data-sort-label")
    with page.expect_navigation():
        toggle.click()
    assert "tri=date" in page.url
    wait_results(page)
    assert toggle.inner_text() == container.get_attribute("data-relevance-label")
    assert page.locator(".pagefind-ui__search-input").input_value() == DEMO_QUERY[lang]
    by_date = all_results(page)
    # Pagefind leaves out pages without the sort key (CloudCannon/pagefind#259): index pages
    # have no date, so only dated pages remain, all of them.
    assert set(by_date) == {link for link in relevance if page_meta(site.file(link)).get("date")}
    dates = [page_meta(site.file(link))["date"] for link in by_date]
    assert len(set(dates)) > 1, f"the query should find pages of several dates: {dates}"
    assert dates == sorted(dates, reverse=True), f"results are not newest first: {list(zip(by_date, dates, strict=True))}"
    assert page.watch.take() == []
