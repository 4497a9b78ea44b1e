"""What axe cannot see: status and progress read as text without any stylesheet, progress bars
have a name, untranslated French is marked lang="fr", and <html lang> matches the language."""

from __future__ import annotations

import pytest

from generator.site.i18n import gettext

from .conftest import TEMPLATES, goto, open_template

pytestmark = pytest.mark.browser

#: "Statut : …" in French, "Status: …" in English.
COLON = {"fr": " : ", "en": ": "}


def _plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("rec_id", ["demo-mobilite-02", "demo-sport-03", "demo-mobilite-03"])
def test_state_reads_in_text_without_stylesheets(pages, served_demo, lang, rec_id) -> None:
    """In progress with a %, never assessed, not taken up (no %)."""
    rec = next(r for r in served_demo.model.recommendations if r.id == rec_id)
    page = pages.open(served_demo)
    goto(page, served_demo.url(f"recommandations/{rec_id}/", lang))
    page.evaluate("document.querySelectorAll('link[rel~=stylesheet], style').forEach(e => e.remove())")
    assert page.evaluate("document.styleSheets.length") == 0
    text = _plain(page.locator("section.dds-state").inner_text())
    status = f"{gettext('status', lang)}{COLON[lang]}{getattr(rec.state.status.label, lang)}"
    assert status in text, f"{page.url}: {status!r} not in the state box: {text!r}"
    if rec.state.progress is None:
        progress = _plain(gettext("progress_no_figure" if rec.state.latest else "progress_none", lang)).replace("'", "’")
    else:
        progress = _plain(gettext("progress_sentence", lang, progress=rec.state.progress))
    assert progress in text, f"{page.url}: {progress!r} not in the state box: {text!r}"
    assert page.watch.take() == []


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_progress_elements_have_a_name(pages, served, name) -> None:
    site = served(TEMPLATES[name][0])
    page = pages.open(site)
    for lang in ("fr", "en"):
        open_template(page, site, name, lang)
        nameless = page.evaluate("""() => Array.from(document.querySelectorAll('progress, [role=progressbar]'))
            .filter(p => p.getAttribute('aria-hidden') !== 'true')
            .filter(p => !(p.getAttribute('aria-label') || p.getAttribute('aria-labelledby') || p.title
                           || (p.labels && p.labels.length)))
            .map(p => p.outerHTML.slice(0, 200))""")
        assert nameless == [], f"{page.url}: progress bars without an accessible name: {nameless}"
    assert page.watch.take() == []


@pytest.mark.parametrize("rec_id", ["demo-sport-04", "demo-nuit-02"])
def test_untranslated_french_is_marked_lang_fr(pages, served_demo, rec_id) -> None:
    """Every visible place of the untranslated French title on the English page is in lang="fr"."""
    rec = next(r for r in served_demo.model.recommendations if r.id == rec_id)
    assert not rec.record.title.en, f"{rec_id} is expected to have no English title"
    french = rec.record.title.fr
    page = pages.open(served_demo)
    goto(page, served_demo.url(f"recommandations/{rec_id}/", "en"))
    places = page.evaluate("""french => {
        const found = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const parent = node.parentElement;
            if (!parent || parent.closest('script, style, template, noscript')) continue;
            if (!node.textContent.replace(/\\s+/g, ' ').includes(french)) continue;
            const marked = parent.closest('[lang]');
            const path = [];
            for (let el = parent; el && el !== document.body; el = el.parentElement)
                path.unshift(el.tagName.toLowerCase()
                    + (el.className ? '.' + String(el.className).trim().split(/\\s+/).join('.') : ''));
            found.push({lang: marked ? marked.getAttribute('lang') : null, where: path.join(' > ')});
        }
        return found;
    }""", french)
    assert places, f"the French title {french!r} is not on the English page"
    wrong = [p for p in places if p["lang"] != "fr"]
    assert not wrong, (f"{page.url}: untranslated French title {french!r} not inside lang=\"fr\" at: "
                       + "; ".join(f"{p['where']} (lang={p['lang']})" for p in wrong))
    assert page.watch.take() == []


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_html_lang_matches_the_language(pages, served, name) -> None:
    site = served(TEMPLATES[name][0])
    page = pages.open(site)
    for lang in ("fr", "en"):
        open_template(page, site, name, lang)
        assert page.evaluate("document.documentElement.lang") == lang, page.url
    assert page.watch.take() == []
