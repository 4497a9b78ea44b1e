"""The header's search box, end to end on the demo site: the query reaches the search page, where
Pagefind shows results in the page's language; a filter narrows them; the date order sorts them."""

from __future__ import annotations

import pytest

from .conftest import goto

pytestmark = pytest.mark.browser

WORDS = {"fr": ("logement", "Type de page", "Recommandations"),
         "en": ("housing", "Page type", "Recommendations")}


def results(page) -> list[str]:
    page.wait_for_selector("li.pagefind-ui__result a.pagefind-ui__result-link")
    return page.eval_on_selector_all("li.pagefind-ui__result a.pagefind-ui__result-link", "as => as.map(a => a.href)")


def message(page) -> str:
    page.wait_for_function("() => /\\d/.test((document.querySelector('.pagefind-ui__message') || {}).textContent || '')")
    return page.locator(".pagefind-ui__message").inner_text()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_header_search_filter_and_sort(pages, served_demo, lang) -> None:
    query, filter_name, filter_value = WORDS[lang]
    page = pages.open(served_demo)
    goto(page, served_demo.url("", lang))
    page.fill("input#dds-q", query)
    with page.expect_navigation():
        page.press("input#dds-q", "Enter")
    assert "/recherche/" in page.url and f"q={query}" in page.url
    first = results(page)
    total = int("".join(c for c in message(page).split()[0] if c.isdigit()))
    assert total >= 3
    english = served_demo.base + "en/"
    assert all(link.startswith(english) == (lang == "en") for link in first), first

    # a filter, named in the page's language, narrows the results to recommendations
    group = page.locator("details.pagefind-ui__filter-block", has_text=filter_name)
    group.locator("summary").click()
    before = message(page)
    group.locator(f"input.pagefind-ui__filter-checkbox[value='{filter_value}']").check()
    page.wait_for_function("m => document.querySelector('.pagefind-ui__message').textContent.trim() !== m", arg=before.strip())
    narrowed = int("".join(c for c in message(page).split()[0] if c.isdigit()))
    assert 0 < narrowed < total
    # Pagefind redraws its list after the message: wait until only recommendations are listed
    page.wait_for_function("""() => {
        const links = [...document.querySelectorAll('a.pagefind-ui__result-link')];
        return links.length > 0 && links.every(a => a.href.includes('/recommandations/'));
    }""")

    # the date order: newest first, by the pages' date metadata
    with page.expect_navigation():
        page.locator("button.dds-button", has_text="date" if lang == "en" else "date").first.click()
    assert "tri=date" in page.url
    dated = results(page)
    dates = []
    for link in dated:
        html = served_demo.file(link).read_text(encoding="utf-8")
        marker = 'data-pagefind-sort="date[content]" content="'
        dates.append(html.split(marker, 1)[1][:10] if marker in html else "")
    known = [d for d in dates if d]
    assert known and known == sorted(known, reverse=True), dates
    assert page.watch.take() == []
