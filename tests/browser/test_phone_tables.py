"""Follow-up tables on a phone (issue 13): at 375 px every row of every follow-up table reads as a
unit, its status in words inside the screen, with no sideways scrolling, in both languages; wider
screens keep the table."""

from __future__ import annotations

import pytest

from .conftest import TEMPLATES, open_template

pytestmark = pytest.mark.browser

#: The pages with follow-up tables (conftest.TEMPLATES), and the tables each must have.
PAGES = {
    "topic": 1, "follow-up": 2, "explorer": 1, "meeting": 2, "statuses": 1, "recommendation": 1,
}

ROWS = """() => Array.from(document.querySelectorAll('.md-content table')).map(table => ({
    caption: table.caption ? table.caption.textContent.trim().slice(0, 60) : '(no caption)',
    stacked: table.classList.contains('dds-stack'),
    rows: Array.from(table.tBodies[0] ? table.tBodies[0].rows : []).filter(row => !row.hidden).map(row => {
        const status = row.querySelector('.dds-status');
        const box = status && status.getBoundingClientRect();
        const head = row.querySelector('th');
        const headBox = head && head.getBoundingClientRect();
        return {
            name: (head ? head.textContent : row.textContent).trim().slice(0, 50),
            status: status ? status.textContent.trim() : null,
            left: box && box.left, right: box && box.right, width: box && box.width,
            headLeft: headBox && headBox.left, headRight: headBox && headBox.right,
            top: box && box.top, headTop: headBox && headBox.top,
        };
    }),
}))"""


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_every_status_is_on_a_375_px_screen(pages, served, name, lang) -> None:
    site = served(TEMPLATES[name][0])
    page = pages.open(site, width=375, height=667)
    open_template(page, site, name, lang)
    tables = [t for t in page.evaluate(ROWS) if t["stacked"]]
    assert len(tables) >= PAGES[name], f"{page.url}: {len(tables)} follow-up table(s), expected {PAGES[name]}"
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{page.url} scrolls sideways"
    for table in tables:
        assert table["rows"], f"{page.url}: the table {table['caption']!r} has no row"
        for row in table["rows"]:
            where = f"{page.url}, {table['caption']!r}, row {row['name']!r}"
            if name == "statuses":
                assert row["status"], f"{where}: no status"
            if row["status"] is None:
                continue  # a meeting's changes table: a measure with no status before is said in words
            assert row["width"] > 0 and row["left"] >= 0 and row["right"] <= 375, (
                f"{where}: the status {row['status']!r} is at {row['left']:.0f}..{row['right']:.0f} px, "
                f"outside the 375 px screen")
            # The row reads as a unit: the measure's name is on screen beside its status, above it.
            assert row["headLeft"] >= 0 and row["headRight"] <= 375, f"{where}: the name is off screen"
    assert page.watch.take() == []


def test_wide_screens_and_print_keep_the_table(pages, served) -> None:
    site = served("demo")
    page = pages.open(site, width=1280)
    open_template(page, site, "topic", "fr")
    table = page.locator("table.dds-follow").first
    assert table.evaluate("t => getComputedStyle(t).display") == "table"
    assert table.locator("thead").evaluate("t => getComputedStyle(t).display") == "table-header-group"
    page.set_viewport_size({"width": 375, "height": 667})
    page.emulate_media(media="print")
    assert table.evaluate("t => getComputedStyle(t).display") == "table"
    page.emulate_media(media="screen")
    assert table.evaluate("t => getComputedStyle(t).display") == "block"
    # Stacked, each value keeps its column's name (data-label, shown by the stylesheet).
    cell = table.locator("tbody tr").first.locator("td[data-label]").nth(1)
    label = cell.evaluate("c => getComputedStyle(c, '::before').content")
    assert label.strip('"') == cell.get_attribute("data-label") != ""
    assert page.watch.take() == []
