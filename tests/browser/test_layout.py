"""The page's layout (issue 24): on a 1,280 px desktop no sidebar repeats the tabs (the menu beside
the content is there only where a section has pages of its own to list), the content takes the
grid's width (tables and search results have room) while prose keeps a readable line; the header
names the site in a link to the home page (no image called "logo"); the frame's links and buttons
are 24 × 24 px or spaced as WCAG 2.5.8 asks, at 1,280 and 320 px."""

from __future__ import annotations

import re

import pytest

from .conftest import TEMPLATES, goto, open_template

pytestmark = pytest.mark.browser

#: At 1,280 px, the content's width at least (the grid is 1,220 px, less its margins) ...
CONTENT_MIN = 1100
#: ... and a paragraph's longest line at most this many characters (WCAG 1.4.8 asks 80 at AAA, which
#: the lines of a ragged paragraph keep on average), and no wider than this.
LINE_CHARS_MAX = 90
PROSE_MAX = 700

LAYOUT = """() => {
    const shown = el => { if (!el) return false; const b = el.getBoundingClientRect(), s = getComputedStyle(el);
                          return b.width > 0 && b.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
    const tabs = Array.from(document.querySelectorAll('.md-tabs a[href]')).filter(shown).map(a => a.href);
    const side = document.querySelector('.md-sidebar--primary');
    const links = side ? Array.from(side.querySelectorAll('a[href]')).filter(shown) : [];
    const toc = document.querySelector('.md-sidebar--secondary');
    const inner = document.querySelector('.md-content__inner');
    // Each paragraph's longest line, in characters: the characters of a text node grouped by the
    // line (the top of their box) they are set on.
    const lines = [];
    for (const p of Array.from(inner.querySelectorAll('p, li')).filter(shown).slice(0, 40)) {
        if (p.closest('table, .dds-table-wrap') || p.textContent.trim().length < 120) continue;
        const counts = new Map();
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let i = 0; i < node.length; i++) {
                range.setStart(node, i); range.setEnd(node, i + 1);
                const box = range.getClientRects()[0];
                if (!box) continue;
                const top = Math.round(box.top / 4);
                counts.set(top, (counts.get(top) || 0) + 1);
            }
        }
        lines.push({text: p.textContent.trim().slice(0, 50), width: Math.round(p.getBoundingClientRect().width),
                    chars: Math.max(0, ...counts.values())});
    }
    return {tabs, sideShown: shown(side) && side.getBoundingClientRect().width > 0,
            sideLinks: links.map(a => ({href: a.href, text: a.textContent.trim()})),
            tocShown: shown(toc), content: Math.round(inner.getBoundingClientRect().width), lines};
}"""


@pytest.mark.parametrize("name", ["home", "explorer", "search", "recommendation", "topic", "follow-up", "statuses",
                                  "accessibility", "data"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_at_1280_px_no_sidebar_repeats_the_tabs_and_the_content_takes_the_grid(pages, served, name, lang) -> None:
    site = served(TEMPLATES[name][0])
    page = pages.open(site, width=1280)
    open_template(page, site, name, lang)
    found = page.evaluate(LAYOUT)
    tabs = set(found["tabs"])
    assert tabs, f"{page.url}: no tabs at 1,280 px"
    if found["sideShown"]:
        # Beside the content, a menu only lists what the tabs do not: the pages of the current section.
        own = [link for link in found["sideLinks"] if link["href"] not in tabs]
        assert own, f"{page.url}: the sidebar repeats the tabs: {[link['text'] for link in found['sideLinks']]}"
    assert not found["tocShown"], f"{page.url}: an empty table of contents takes a column"
    if not found["sideShown"]:
        assert found["content"] >= CONTENT_MIN, f"{page.url}: the content is {found['content']} px wide at 1,280 px"
    long = [line for line in found["lines"] if line["chars"] > LINE_CHARS_MAX or line["width"] > PROSE_MAX]
    assert not long, f"{page.url}: lines too long to read: {long[:4]}"
    assert page.watch.take() == []


def test_a_section_page_keeps_its_own_pages_beside_the_content(pages, served_demo) -> None:
    """« L'Assemblée »: its tab leads to its first page; the menu beside lists the section's other pages."""
    page = pages.open(served_demo, width=1280)
    goto(page, served_demo.url("promotions/"))
    found = page.evaluate(LAYOUT)
    assert found["sideShown"], f"{page.url}: the section's menu is gone"
    hrefs = {link["href"] for link in found["sideLinks"]}
    assert served_demo.url("membres/") in hrefs and served_demo.url("reunions/") in hrefs, found["sideLinks"]
    assert page.watch.take() == []


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_header_names_the_site_in_a_link_home(pages, served_demo, lang, width) -> None:
    site = served_demo
    page = pages.open(site, width=width)
    goto(page, site.url("recommandations/demo-mobilite-02/", lang))
    names = site.model.site.name, site.model.site.short_name or site.model.site.name
    name = getattr(names[0] if width >= 960 else names[1], lang)
    home = page.get_by_role("banner").get_by_role("link", name=re.compile(re.escape(name)))
    assert home.count() == 1, f"{page.url} at {width} px: no link in the header named {name!r}"
    assert home.is_visible()
    assert home.evaluate("a => a.href") == site.url("", lang)
    assert page.locator("img[alt='logo' i], [aria-label='logo' i]").count() == 0, "an image called « logo »"
    for img in page.locator(".md-header img, .md-header svg").all():
        assert img.get_attribute("alt") is not None or img.evaluate("e => e.tagName.toLowerCase()") == "svg"
    assert page.watch.take() == []


#: WCAG 2.5.8 (AA in 2.2): a target is 24 × 24 px, or a 24 px circle centred on it crosses no other
#: target nor another small target's circle. Each line of a link that wraps is a target area of its
#: own. A visually hidden label (1 × 1 px) is not a target.
TARGETS = """(selector) => {
    const seen = [];
    for (const root of document.querySelectorAll(selector)) {
        for (const el of root.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, label[for]')) {
            const style = getComputedStyle(el);
            if (style.visibility === 'hidden') continue;
            const boxes = Array.from(el.getClientRects()).filter(r => r.width > 1 && r.height > 1);
            if (!boxes.length) continue;
            const name = (el.textContent || el.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
            for (const r of boxes) seen.push({el, r, name});
        }
    }
    const small = t => t.r.width < 23.95 || t.r.height < 23.95;
    const centre = t => [t.r.left + t.r.width / 2, t.r.top + t.r.height / 2];
    const distance = (c, r) => Math.hypot(Math.max(r.left - c[0], 0, c[0] - r.right), Math.max(r.top - c[1], 0, c[1] - r.bottom));
    const bad = [];
    for (const t of seen.filter(small)) {
        const c = centre(t);
        const other = seen.find(o => o.el !== t.el && !o.el.contains(t.el) && !t.el.contains(o.el) && (
            distance(c, o.r) < 11.95 || (small(o) && Math.hypot(c[0] - centre(o)[0], c[1] - centre(o)[1]) < 23.95)));
        if (other) bad.push(`«${t.name}» (${Math.round(t.r.width)} × ${Math.round(t.r.height)} px) beside «${other.name}»`);
    }
    return {count: seen.length, bad};
}"""


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("name", ["home", "recommendation", "search", "explorer", "404"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_frame_s_targets_are_24_px_or_spaced(pages, served, name, lang, width) -> None:
    site = served(TEMPLATES[name][0])
    page = pages.open(site, width=width)
    open_template(page, site, name, lang)
    found = page.evaluate(TARGETS, ".md-header, .md-tabs, .dds-breadcrumb, .md-footer")
    assert found["count"] >= 5, found
    assert not found["bad"], f"{page.url} at {width} px: targets under 24 px and too close: {found['bad'][:6]}"
    assert page.watch.take() == []
