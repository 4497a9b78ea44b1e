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


TRACKS = """() => {
    const rgba = c => (c.match(/[\\d.]+/g) || []).map(Number);
    const lum = c => { const [r, g, b] = rgba(c).slice(0, 3).map(v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                       return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const opaque = c => { const v = rgba(c); return v.length === 3 || (v.length === 4 && v[3] === 1); };
    const behind = el => { for (let e = el.parentElement; e; e = e.parentElement) { const bg = getComputedStyle(e).backgroundColor; if (opaque(bg)) return bg; }
                           return getComputedStyle(document.documentElement).backgroundColor; };
    return Array.from(document.querySelectorAll('.dds-progress__bar')).map(bar => {
        const style = getComputedStyle(bar), page = behind(bar);
        const border = parseFloat(style.borderTopWidth) >= 1 && style.borderTopStyle !== 'none' ? ratio(style.borderTopColor, page) : 0;
        const fill = opaque(style.backgroundColor) ? ratio(style.backgroundColor, page) : 0;
        return {page, border: style.borderTopColor, background: style.backgroundColor, ratio: Math.max(border, fill)};
    });
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_progress_track_stands_against_the_page(pages, served_demo, scheme) -> None:
    """The track of a progress bar (its border, or its background) is the object that shows the
    scale: 3:1 or more against what it sits on (WCAG 1.4.11), in the light and the dark palette."""
    with_bar = sorted(p for p in (served_demo.root / "recommandations").glob("*/index.html")
                      if "dds-progress__bar" in p.read_text(encoding="utf-8"))
    assert with_bar, "no recommendation page of the demo shows a progress bar"
    page = pages.open(served_demo, scheme=scheme)
    goto(page, served_demo.url(f"recommandations/{with_bar[0].parent.name}/"))
    tracks = page.evaluate(TRACKS)
    assert tracks, f"{page.url}: no progress bar"
    weak = [t for t in tracks if t["ratio"] < 3]
    assert not weak, f"{page.url} ({scheme}): progress tracks under 3:1: {weak}"
    assert page.watch.take() == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_tool_s_status_message_reads_in_both_palettes(pages, served_demo, scheme) -> None:
    """The message a page's tool writes once it has done its work (the explorer's selection downloaded;
    the citation copied, same class) stands at 4.5:1 against the page (WCAG 1.4.3)."""
    page = pages.open(served_demo, scheme=scheme)
    goto(page, served_demo.url("recommandations/"))
    with page.expect_download():
        page.locator("[data-selection] button").click()
    status = page.locator("[data-selection] .dds-copy-status")
    assert status.inner_text().strip()
    found = status.evaluate("""el => {
        const rgb = c => (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
        const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                           return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        let bg = 'rgb(255, 255, 255)';
        for (let e = el; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor; if (!/rgba\\(.*, 0\\)$/.test(c) && c !== 'transparent') { bg = c; break; } }
        const [x, y] = [lum(getComputedStyle(el).color), lum(bg)].sort((p, q) => q - p);
        return {color: getComputedStyle(el).color, bg, ratio: (x + 0.05) / (y + 0.05)};
    }""")
    assert found["ratio"] >= 4.5, found
    assert page.watch.take() == []
