"""Keyboard: Tab reaches the header's search box, the language links and the page's links, and
every focused element is visible with a visible focus indicator."""

from __future__ import annotations

import pytest

from .conftest import goto

pytestmark = pytest.mark.browser

FOCUS = """async () => {
    // Let the page react to the move first (Material shows its tabs bar again on scroll).
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const shows = node => {
        const style = getComputedStyle(node);
        const box = node.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && style.visibility !== 'hidden'
            && !node.closest('[hidden], [aria-hidden=true]') && parseFloat(style.opacity) > 0;
    };
    // A visually hidden input (Material's palette switch) shows its focus on the label after it.
    const next = el.nextElementSibling;
    const faces = [el].concat(el.tagName === 'INPUT' && next && next.tagName === 'LABEL' ? [next] : []);
    const face = faces.find(shows);
    const style = getComputedStyle(face || el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = !!style.boxShadow && style.boxShadow !== 'none';
    const describe = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
        + (el.getAttribute('href') ? '[href=' + el.getAttribute('href') + ']' : '')
        + ' "' + (el.innerText || el.value || '').trim().slice(0, 40) + '"';
    return {describe, visible: !!face, indicator: !!face && (outline || shadow), id: el.id,
            lang: el.getAttribute('hreflang'), inMain: !!el.closest('.md-content'),
            outline: style.outlineStyle + ' ' + style.outlineWidth, shadow: style.boxShadow};
}"""


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("path", ["", "recommandations/demo-mobilite-02/"])
def test_tab_order_reaches_controls_with_visible_focus(pages, served_demo, path, lang) -> None:
    page = pages.open(served_demo)
    goto(page, served_demo.url(path, lang))
    reached = []
    problem = None
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS)
        if focused is None:
            continue
        if reached and focused["describe"] == reached[0]["describe"]:
            break  # the whole page has been gone through
        reached.append(focused)
        if not focused["visible"]:
            problem = f"focused but not visible: {focused['describe']}"
        elif not focused["indicator"]:
            problem = (f"no visible focus indicator: {focused['describe']} "
                       f"(outline {focused['outline']}, box-shadow {focused['shadow']})")
        if problem:
            break
    assert problem is None, f"{page.url}: after {len(reached)} Tab press(es), {problem}"
    assert any(f["id"] == "dds-q" for f in reached), "Tab never reaches the header's search box"
    assert {f["lang"] for f in reached} >= {"fr", "en"}, "Tab never reaches both language links"
    assert any(f["inMain"] for f in reached), "Tab never reaches a link of the page's content"
    assert page.watch.take() == []
