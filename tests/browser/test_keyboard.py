"""Keyboard: Tab reaches the header's search box, the language links and the page's links, and
every focused element is visible with a visible focus indicator, on a phone and on a desktop; a
skip link comes first and leads to the content; below 1,220 px the menu opens and closes from
the keyboard and, closed, takes no focus; a keyboard alone gets from the home page to a search
result, the menu, the other language and back; table scroll areas are named."""

from __future__ import annotations

import re

import pytest

from .conftest import TEMPLATES, goto, open_template, wait_search_results

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
            && !node.closest('[hidden], [aria-hidden=true]') && parseFloat(style.opacity) > 0
            && box.right > 0 && box.left < innerWidth;
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
            inDrawer: !!el.closest('.md-sidebar--primary'), skip: el.classList.contains('dds-skip'),
            menu: el.classList.contains('dds-menu-button'), href: el.href || '',
            outline: style.outlineStyle + ' ' + style.outlineWidth, shadow: style.boxShadow};
}"""


def tab(page) -> dict | None:
    page.keyboard.press("Tab")
    return page.evaluate(FOCUS)


def tab_until(page, test, limit: int = 80, what: str = "") -> dict:
    for _ in range(limit):
        focused = tab(page)
        if focused and test(focused):
            return focused
    raise AssertionError(f"{page.url}: {limit} Tab presses never reached {what}")


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("path", ["", "recommandations/demo-mobilite-02/"])
def test_tab_order_reaches_controls_with_visible_focus(pages, served_demo, path, lang, width) -> None:
    page = pages.open(served_demo, width=width)
    goto(page, served_demo.url(path, lang))
    reached = []
    problem = None
    for _ in range(80):
        focused = tab(page)
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
        elif focused["inDrawer"] and width < 1220:
            problem = f"a link of the closed menu takes focus: {focused['describe']}"
        if problem:
            break
    assert problem is None, f"{page.url} at {width} px: after {len(reached)} Tab press(es), {problem}"
    assert reached[0]["skip"], f"the first Tab does not reach the skip link but {reached[0]['describe']}"
    header_search = "dds-q" if width >= 720 else None
    assert any(f["id"] == header_search or "dds-search-form__button" in f["describe"] for f in reached), \
        "Tab never reaches the header's search"
    assert {f["lang"] for f in reached} >= {"fr", "en"}, "Tab never reaches both language links"
    assert any(f["inMain"] for f in reached), "Tab never reaches a link of the page's content"
    assert any(f["menu"] for f in reached) == (width < 1220), "the menu button is reachable exactly below 1,220 px"
    assert page.watch.take() == []


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", ["home", "recommendation", "follow-up", "search", "404", "accessibility"])
def test_a_skip_link_comes_first_and_leads_to_the_content(pages, served, name, lang) -> None:
    site = served(TEMPLATES[name][0])
    page = pages.open(site, width=375)
    open_template(page, site, name, lang)
    page.evaluate("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
    first = tab(page)
    assert first and first["skip"] and first["visible"] and first["indicator"], first
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
    after = tab(page)
    assert after and after["inMain"] and not after["inDrawer"], f"after the skip link, Tab goes to {after}"
    assert page.watch.take() == []


@pytest.mark.parametrize("width", [375, 1024])
def test_the_menu_opens_and_closes_from_the_keyboard(pages, served_demo, width) -> None:
    page = pages.open(served_demo, width=width)
    goto(page, served_demo.url("recommandations/demo-mobilite-02/"))
    button = page.locator(".dds-menu-button")
    drawer = page.locator(".md-sidebar--primary")
    focused = tab_until(page, lambda f: f["menu"], what="the menu button")
    assert focused["visible"] and focused["indicator"]
    assert button.get_attribute("aria-expanded") == "false"
    assert button.get_attribute("aria-controls") == drawer.get_attribute("id")
    assert drawer.evaluate("d => getComputedStyle(d).visibility") == "hidden"
    page.keyboard.press("Enter")
    page.wait_for_function("() => getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility === 'visible'")
    assert button.get_attribute("aria-expanded") == "true"
    page.wait_for_timeout(400)  # the drawer slides in (0.25 s)
    inside = page.evaluate(FOCUS)
    assert inside and inside["inDrawer"] and inside["visible"], f"focus did not move into the menu: {inside}"
    # a section opens from the keyboard, and focus goes into it
    section = tab_until(page, lambda f: f["inDrawer"] and f["describe"].startswith("label"), limit=12, what="a section")
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    opened = page.evaluate(FOCUS)
    assert opened["inDrawer"] and opened["href"] and opened["visible"], f"after opening {section['describe']}: {opened}"
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('dds-menu-button')")
    page.wait_for_timeout(400)
    assert drawer.evaluate("d => getComputedStyle(d).visibility") == "hidden"
    assert page.watch.take() == []


@pytest.mark.parametrize("width", [375, 1280])
def test_a_keyboard_alone_reaches_search_a_result_the_menu_and_the_other_language(pages, served_demo, width) -> None:
    site = served_demo
    page = pages.open(site, width=width)
    goto(page, site.url(""))
    # search: on a phone the header's button leads to the search page; on a desktop, its box
    if width >= 720:
        tab_until(page, lambda f: f["id"] == "dds-q", what="the header's search box")
        page.keyboard.type("vélo")
    else:
        tab_until(page, lambda f: "dds-search-form__button" in f["describe"], what="the header's search button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/recherche/" in page.url
    if width < 720:
        tab_until(page, lambda f: f["id"] == "dds-finder-q", what="the search page's box")
        page.keyboard.type("vélo")
        page.keyboard.press("Enter")
    wait_search_results(page)
    result = tab_until(page, lambda f: f["inMain"] and "/recommandations/" in f["href"], what="a result")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("#")[0] == result["href"].split("#")[0]
    # the menu: a button below 1,220 px, the tabs above
    if width < 1220:
        tab_until(page, lambda f: f["menu"], what="the menu button")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary')")
        page.keyboard.press("Escape")
    else:
        tab_until(page, lambda f: "md-tabs__link" in f["describe"], what="the menu")
    # the other language, and back
    here = page.url
    tab_until(page, lambda f: f["lang"] == "en", what="the English link")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == here.replace(site.base, site.base + "en/")
    tab_until(page, lambda f: f["lang"] == "fr", what="the French link")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == here
    assert page.watch.take() == []


@pytest.mark.parametrize(("path", "width", "scrolling"), [
    # The follow-up tables are cards on a phone (test_phone_tables): nothing scrolls there; the
    # field reference's tables still do.
    ("suivi/demo-promotion-2/", 375, False), ("suivi/demo-promotion-2/", 1280, False),
    ("contribuer/champs/", 375, True), ("contribuer/champs/", 1280, False),
])
def test_table_scroll_areas_are_named_regions_only_when_they_scroll(pages, served_demo, path, width, scrolling) -> None:
    page = pages.open(served_demo, width=width)
    goto(page, served_demo.url(path))
    areas = page.evaluate("""() => Array.from(document.querySelectorAll('.dds-table-wrap')).map(w => {
        const label = w.getAttribute('aria-labelledby');
        return {scrolls: w.scrollWidth > w.clientWidth + 1, tab: w.getAttribute('tabindex'), role: w.getAttribute('role'),
                name: label ? (document.getElementById(label) || {}).textContent : w.getAttribute('aria-label'),
                caption: (w.querySelector('caption') || {}).textContent};
    })""")
    assert areas
    for area in areas:
        if area["scrolls"]:
            assert area["tab"] == "0" and area["role"] == "region" and area["name"] == area["caption"], area
        else:
            assert area["tab"] is None and area["role"] is None, area
    assert any(a["scrolls"] for a in areas) == scrolling, areas
    assert page.watch.take() == []


def test_the_breadcrumb_on_a_phone_shows_home_and_the_parent(pages, served_demo) -> None:
    page = pages.open(served_demo, width=375)
    goto(page, served_demo.url("recommandations/demo-mobilite-02/"))
    shown = [t for t in page.locator(".dds-breadcrumb li").all() if t.is_visible()]
    texts = [re.sub(r"\s+", " ", t.inner_text()).strip() for t in shown]
    rec = next(r for r in served_demo.model.recommendations if r.id == "demo-mobilite-02")
    assert texts == ["Accueil", rec.topic.record.title.fr], texts
    assert page.locator(".dds-breadcrumb [aria-current=page]").count() == 1
    assert page.watch.take() == []
