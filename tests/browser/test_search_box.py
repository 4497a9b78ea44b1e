"""The header's search box, end to end on the demo site: the query reaches the search page, where
the results are in the page's language; a filter narrows them; the date order sorts them; the
page's own box searches again without leaving the page."""

from __future__ import annotations

import pytest

from .conftest import goto, wait_search_results
from .test_search import open_filters

pytestmark = pytest.mark.browser

WORDS = {"fr": ("logement", "vélo"), "en": ("housing", "bike")}


def results(page) -> list[str]:
    return page.eval_on_selector_all("#dds-finder-list li.dds-result h2 a", "as => as.map(a => a.href)")


def count(page) -> int:
    return int("".join(c for c in page.locator("#dds-finder-status").inner_text().split()[0] if c.isdigit()) or 0)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_header_search_filter_sort_and_search_again(pages, served_demo, lang) -> None:
    query, other = WORDS[lang]
    page = pages.open(served_demo)
    goto(page, served_demo.url("", lang))
    page.fill("input#dds-q", query)
    with page.expect_navigation():
        page.press("input#dds-q", "Enter")
    assert "/recherche/" in page.url and f"q={query}" in page.url
    wait_search_results(page)
    assert page.locator("#dds-finder-q").input_value() == query
    first = results(page)
    total = count(page)
    assert total >= 3
    english = served_demo.base + "en/"
    assert all(link.startswith(english) == (lang == "en") for link in first), first

    # a filter narrows the results to recommendations
    open_filters(page)
    page.locator("#dds-finder-filters input[name=type][value=recommendations]").check()
    page.wait_for_selector("#dds-finder-results[aria-busy=false]")
    narrowed = count(page)
    assert 0 < narrowed < total
    assert all("/recommandations/" in link for link in results(page))

    # the date order, kept with the filter
    page.select_option("#dds-finder-order", "date")
    page.wait_for_selector("#dds-finder-results[aria-busy=false]")
    assert "tri=date" in page.url and "type=recommendations" in page.url

    # the page's own box searches again, and the address follows
    page.fill("#dds-finder-q", other)
    page.press("#dds-finder-q", "Enter")
    page.wait_for_function("q => new URL(location.href).searchParams.get('q') === q", arg=other)
    page.wait_for_selector("#dds-finder-results[aria-busy=false]")
    assert count(page) >= 1
    assert page.watch.take() == []
