"""The recommendations explorer: complete without JavaScript; with it, filters, counts, shareable
URLs and sortable columns (demo dataset, which has every status)."""

from __future__ import annotations

from collections import Counter

import pytest

from .conftest import goto

pytestmark = pytest.mark.browser


def expected_by_status(served) -> Counter:
    return Counter(r.state.status.id for r in served.model.recommendations)


def test_without_javascript_the_whole_table_is_there_and_the_form_hidden(pages, served_demo) -> None:
    page = pages.open(served_demo, javascript=False)
    goto(page, served_demo.url("recommandations/"))
    rows = page.locator("#rec-table tbody tr")
    assert rows.count() == len(served_demo.model.recommendations) == 30
    assert not page.locator("form.dds-explorer").is_visible()
    assert page.watch.take() == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_filter_by_status_updates_rows_count_and_url(pages, served_demo, lang) -> None:
    page = pages.open(served_demo)
    goto(page, served_demo.url("recommandations/", lang))
    form = page.locator("form.dds-explorer")
    assert form.is_visible()
    counts = expected_by_status(served_demo)
    status, expected = counts.most_common(1)[0]
    page.select_option("#f-status", status)
    visible = page.locator("#rec-table tbody tr:visible")
    assert visible.count() == expected
    assert all(row.get_attribute("data-status") == status for row in visible.all())
    count_text = page.locator(".dds-explorer__count").inner_text()
    assert f"{expected}" in count_text and "30" in count_text
    assert f"status={status}" in page.url
    # the URL keeps the view: reloading it applies the same filter
    shared = page.url
    other = pages.open(served_demo)
    goto(other, shared)
    assert other.locator("#rec-table tbody tr:visible").count() == expected
    assert other.locator("#f-status").input_value() == status
    # free text narrows further; reset brings every row back
    page.fill("#f-q", "zzz-nothing-matches")
    assert page.locator("#rec-table tbody tr:visible").count() == 0
    page.click("form.dds-explorer button[type=reset]")
    page.wait_for_function("document.querySelectorAll('#rec-table tbody tr:not([hidden])').length === 30")
    assert page.watch.take() == []


def test_sorting_a_column_reorders_rows_and_says_so(pages, served_demo) -> None:
    page = pages.open(served_demo)
    goto(page, served_demo.url("recommandations/"))
    header = page.locator("#rec-table thead th").nth(6)  # progress
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    values = page.eval_on_selector_all("#rec-table tbody tr td:nth-child(7)", "cells => cells.map(c => c.dataset.sort)")
    assert values == sorted(values)
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    values = page.eval_on_selector_all("#rec-table tbody tr td:nth-child(7)", "cells => cells.map(c => c.dataset.sort)")
    assert values == sorted(values, reverse=True)
    assert page.watch.take() == []
