"""Reflow (WCAG 1.4.10): at 320 px no page scrolls sideways, in either language; only a data
table's own scroll area may (it is focusable and named, see test_keyboard). The header's short
name fits the header."""

from __future__ import annotations

import pytest

from .conftest import TEMPLATES, goto, open_template

pytestmark = pytest.mark.browser

WIDE = """() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
        if (el.closest('.dds-table-wrap, .md-sidebar--primary, [hidden], script, style, template')) continue;
        const box = el.getBoundingClientRect();
        if (!box.width || !box.height || getComputedStyle(el).visibility === 'hidden') continue;
        if (box.right > width + 0.5 || box.left < -0.5)
            out.push(el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                     + ' ' + Math.round(box.left) + '..' + Math.round(box.right));
    }
    return {scroll: document.documentElement.scrollWidth, width, out: out.slice(0, 8)};
}"""


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", list(TEMPLATES))
def test_no_sideways_scroll_at_320_px(pages, served, name, lang) -> None:
    site = served(TEMPLATES[name][0])
    page = pages.open(site, width=320, height=700)
    open_template(page, site, name, lang)
    found = page.evaluate(WIDE)
    assert found["scroll"] <= found["width"] and not found["out"], (
        f"{page.url} at 320 px scrolls sideways ({found['scroll']} px for {found['width']}): {found['out']}")
    title = page.locator(".md-header__topic:first-child .md-ellipsis").first
    box, header = title.bounding_box(), page.locator(".md-header__inner").bounding_box()
    assert box["y"] >= header["y"] - 0.5 and box["y"] + box["height"] <= header["y"] + header["height"] + 0.5, (
        f"{page.url}: the site's name overflows the header ({box} in {header})")
    assert page.watch.take() == []


#: The other templates (index pages, staff pages, hand-written and legal pages, a member list), on the
#: demo: with TEMPLATES, every template of theme/templates/pages/ is checked at 320 px.
OTHER_TEMPLATES = {
    "cohorts": "promotions/", "topics": "sujets/", "hearings": "auditions/", "meetings": "reunions/",
    "members-index": "membres/", "bodies": "participation/", "contribute": "contribuer/",
    "field-reference": "contribuer/champs/", "translations": "contribuer/traductions/",
    "legal-notice": "mentions-legales/", "personal-data": "donnees-personnelles/",
    "content": "comment-ca-marche/", "member-list": "membres/demo-promotion-1/",
}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", list(OTHER_TEMPLATES))
def test_no_sideways_scroll_at_320_px_on_the_other_templates(pages, served_demo, name, lang) -> None:
    page = pages.open(served_demo, width=320, height=700)
    url = served_demo.url(OTHER_TEMPLATES[name], lang)
    assert served_demo.file(url).is_file(), f"the {name} page was not built"
    goto(page, url)
    found = page.evaluate(WIDE)
    assert found["scroll"] <= found["width"] and not found["out"], (
        f"{page.url} at 320 px scrolls sideways ({found['scroll']} px for {found['width']}): {found['out']}")
    assert page.watch.take() == []
