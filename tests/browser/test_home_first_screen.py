"""The home page's first phone screen answers "what became of the recommendations?" (issue 13):
at 375 × 667 px the counts by status are on it, in both languages, before the way into each cohort
and topic, which come before the introduction and its sources; where nothing is assessed yet, the
plain sentence saying so (generator/site/i18n.py, none_assessed) comes first."""

from __future__ import annotations

import pytest

from generator.records.schema import text_in
from generator.site.i18n import ngettext

from .conftest import goto

pytestmark = pytest.mark.browser

LAYOUT = """() => {
    const box = el => el && el.getBoundingClientRect();
    const summary = document.querySelector('#where ~ * .dds-summary, section[aria-labelledby=where] .dds-summary');
    const table = summary && summary.parentElement.querySelector('table');
    const first = table && table.tBodies[0].rows[0];
    const order = ['where', 'cohorts', 'about'].map(id => {
        const heading = document.getElementById(id);
        return heading ? Array.prototype.indexOf.call(document.querySelectorAll('*'), heading) : -1;
    });
    const notice = document.querySelector('section[aria-labelledby=where] .dds-notice');
    return {summary: summary && summary.textContent.trim(), summaryBottom: box(summary) && box(summary).bottom,
            firstRowTop: box(first) && box(first).top, firstRow: first && first.textContent.trim(), order,
            notice: notice && notice.textContent.trim(),
            noticeTop: box(notice) && box(notice).top, summaryTop: box(summary) && box(summary).top,
            scrollY: window.scrollY};
}"""


def _plain(value: str) -> str:
    return " ".join(value.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'").split())


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("dataset", ["real", "demo"])
def test_counts_by_status_are_on_the_first_phone_screen(pages, served, dataset, lang) -> None:
    site = served(dataset)
    page = pages.open(site, width=375, height=667)
    goto(page, site.url("", lang))
    found = page.evaluate(LAYOUT)
    assert found["summary"], f"{page.url}: no counts by status on the home page"
    assert found["scrollY"] == 0
    assert found["summaryBottom"] <= 667, (
        f"{page.url}: the counts by status end {found['summaryBottom']:.0f} px down, below the first 667 px")
    # The sentence gives every status's count (its table twin follows).
    counts = [c for c in site.model.counts(site.model.recommendations) if c.count]

    def label(status) -> str:
        return text_in(status.label, lang)

    for c in counts:
        assert _plain(label(c.status).lower()) in _plain(found["summary"]) and str(c.count) in found["summary"], (
            f"{page.url}: the count of {label(c.status)!r} is not in {found['summary']!r}")
    # The way into each cohort and topic, then the introduction (and its sources).
    where, cohorts, about = found["order"]
    assert -1 < where < cohorts, f"{page.url}: the cohorts come before where the recommendations stand"
    assert about == -1 or cohorts < about, f"{page.url}: the introduction comes before the cohorts and topics"
    recs = site.model.recommendations
    if recs and not any(r.state.latest for r in recs):
        sentence = _plain(ngettext("none_assessed", "none_assessed", len(recs), lang))
        assert found["notice"] and _plain(found["notice"]).startswith(sentence), (
            f"{page.url}: nothing is assessed, and the first thing said is {found['notice']!r}")
        assert found["noticeTop"] < found["summaryTop"]
    assert page.watch.take() == []
