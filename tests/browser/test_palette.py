"""Graphical objects (WCAG 1.4.11): every segment of a status bar stands at 3:1 or more against
the page, in the light and the dark palette, and is parted from the next by the page's colour;
every status has its own marker shape, in the badges as in the bars."""

from __future__ import annotations

import pytest

from .conftest import goto

pytestmark = pytest.mark.browser

MEASURE = """() => {
    const rgb = c => (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
    const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                       return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const page = getComputedStyle(document.body).backgroundColor;
    const parts = Array.from(document.querySelectorAll('.dds-bar__part')).map(p => {
        const style = getComputedStyle(p);
        return {cls: p.getAttribute('class'), fill: style.fill, stroke: style.stroke, ratio: ratio(style.fill, page),
                parted: rgb(style.stroke).join() === rgb(page).join() && parseFloat(style.strokeWidth) >= 1};
    });
    const badges = {};
    for (const b of document.querySelectorAll('.dds-status')) badges[b.textContent.trim()] = (b.className.match(/dds-shape-[\\w-]+/) || [''])[0];
    return {page, parts, badges};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", "suivi/demo-promotion-2/", "statuts/"])
def test_bar_segments_stand_against_the_page_and_statuses_differ_in_shape(pages, served_demo, path, scheme) -> None:
    page = pages.open(served_demo, scheme=scheme)
    goto(page, served_demo.url(path))
    found = page.evaluate(MEASURE)
    if path != "statuts/":
        assert found["parts"], f"{page.url}: no status bar"
    weak = [p for p in found["parts"] if p["ratio"] < 3]
    assert not weak, f"{page.url} ({scheme}, page {found['page']}): segments under 3:1: {weak}"
    assert all(p["parted"] for p in found["parts"]), f"segments not parted by the page's colour: {found['parts']}"
    statuses = {s.label.fr for s in served_demo.model.statuses}
    badges = {label: shape for label, shape in found["badges"].items() if label in statuses}
    assert badges and all(badges.values()), found["badges"]
    assert len(set(badges.values())) == len(badges), f"two statuses share a shape: {badges}"
    assert page.watch.take() == []
