"""A recommendation's page answers "what became of this measure?" on a phone's first screen (issue 24):
at 320 × 568 px, on every recommendation page of the demo and of the real site, in both languages,
the status, whose view it is and the day of the last follow-up (or, where nothing is recorded, the
sentence saying so) are above the fold, and so are the first lines of what the City said last, with
a link to its entry in the history. The note on a secondary source comes after that state. The voted
text follows, folded after a few lines: whole in the page, opened with the keyboard."""

from __future__ import annotations

import re

import pytest

from generator.records import schema
from generator.records.schema import text_in
from generator.site import i18n

from .conftest import goto

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 320, 568

LAYOUT = """() => {
    const box = el => el ? el.getBoundingClientRect() : null;
    const state = document.querySelector('.dds-state');
    const status = state && state.querySelector('.dds-state__status .dds-status');
    const whose = state && state.querySelector('.dds-state__whose');
    const never = state && state.querySelector('.dds-unknown');
    const said = document.querySelector('.dds-said');
    const quote = said && said.querySelector('.dds-said__text');
    // The lines of the City's words as laid out (one rect per line box of text).
    let lines = [];
    if (quote) {
        const range = document.createRange();
        range.selectNodeContents(quote);
        lines = Array.from(range.getClientRects()).filter(r => r.width > 1 && r.height > 1).map(r => r.bottom);
        lines = Array.from(new Set(lines.map(b => Math.round(b)))).sort((a, b) => a - b);
    }
    const link = said && said.querySelector('a[href^="#entry-"]');
    const secondary = document.querySelector('.dds-secondary');
    const before = (a, b) => !!(a && b && (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING));
    return {
        scrollY: window.scrollY,
        status: status && status.textContent.trim(), statusBottom: box(status) && box(status).bottom,
        whose: whose && whose.textContent.trim(), whoseBottom: box(whose) && box(whose).bottom,
        never: never && never.textContent.trim(), neverBottom: box(never) && box(never).bottom,
        said: quote && quote.textContent.trim(), saidLines: lines,
        saidLink: link && link.getAttribute('href'),
        saidTarget: !!(link && document.getElementById(link.getAttribute('href').slice(1))),
        secondaryAfterState: secondary ? before(state, secondary) : null,
    };
}"""


def _plain(value: str) -> str:
    return " ".join(value.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'").split())


def _recommendations(site) -> list:
    return sorted(site.model.recommendations, key=lambda r: r.id)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("dataset", ["demo", "real"])
def test_the_state_is_on_the_first_phone_screen(pages, served, dataset, lang) -> None:
    site = served(dataset)
    recs = _recommendations(site)
    assert recs, f"the {dataset} site has no recommendation"
    page = pages.open(site, width=WIDTH, height=HEIGHT)
    problems = []
    for rec in recs:
        goto(page, site.url(f"recommandations/{rec.id}/", lang))
        found = page.evaluate(LAYOUT)
        where = f"{rec.id} ({lang})"
        st = rec.state
        assert found["scrollY"] == 0, where
        # The status, in words.
        label = _plain(text_in(st.status.label, lang))
        if not found["status"] or _plain(found["status"]) != label:
            problems.append(f"{where}: the top box's status is {found['status']!r}, not {label!r}")
        elif found["statusBottom"] > HEIGHT:
            problems.append(f"{where}: the status ends {found['statusBottom']:.0f} px down")
        # Whose view and when; where nothing is recorded, the sentence that says so.
        if st.latest is not None:
            assessor = _plain(schema.Choices.registry["assessor"].label(st.latest.assessor, lang))
            day = _plain(i18n.format_on(st.latest.date, lang))
            if not found["whose"] or assessor not in _plain(found["whose"]) or day not in _plain(found["whose"]):
                problems.append(f"{where}: whose view and when is {found['whose']!r}, not {assessor!r} {day!r}")
            elif found["whoseBottom"] > HEIGHT:
                problems.append(f"{where}: whose view and when ends {found['whoseBottom']:.0f} px down")
        else:
            sentence = _plain(i18n.gettext("never_assessed", lang))
            if not found["never"] or _plain(found["never"]) != sentence:
                problems.append(f"{where}: no {sentence!r} in the top box ({found['never']!r})")
            elif found["neverBottom"] > HEIGHT:
                problems.append(f"{where}: {sentence!r} ends {found['neverBottom']:.0f} px down")
        # The first lines of what the City said last, with a link to its whole entry.
        city = st.city
        if city is not None and city.answer:
            position = next(i for i, e in enumerate(rec.record.follow_up, 1) if e is city)
            if not found["said"]:
                problems.append(f"{where}: the City's last words are not in the top box")
            else:
                first = found["saidLines"][:2]
                if not first or first[-1] > HEIGHT:
                    problems.append(f"{where}: the first lines of the City's words end at {first} px")
                if found["saidLink"] != f"#entry-{position}" or not found["saidTarget"]:
                    problems.append(f"{where}: the City's words link to {found['saidLink']!r}, not #entry-{position}")
        if found["secondaryAfterState"] is False:
            problems.append(f"{where}: the note on a secondary source comes before the state")
    assert not problems, f"at {WIDTH} × {HEIGHT} px:\n" + "\n".join(problems)
    assert page.watch.take() == []


FOLDED = "#text-body"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_voted_text_is_folded_whole_and_opens_with_the_keyboard(pages, served_demo, lang) -> None:
    site = served_demo
    rec = max(site.model.recommendations, key=lambda r: len(text_in(r.record.text, lang)))
    url = site.url(f"recommandations/{rec.id}/", lang)
    whole = _plain(text_in(rec.record.text, lang).replace("**", "").replace("*", ""))[:60]

    # Without JavaScript: the whole text is there and shown (nothing to open).
    bare = pages.open(site, width=WIDTH, height=HEIGHT, javascript=False)
    goto(bare, url)
    body = bare.locator(FOLDED)
    assert whole in _plain(body.inner_text()), f"{url}: the voted text is not whole without JavaScript"
    assert bare.locator(".dds-fold__toggle").count() == 0 or not bare.locator(".dds-fold__toggle").is_visible()
    assert whole in _plain(site.file(url).read_text(encoding="utf-8").replace("<strong>", "").replace("</strong>", "")
                           .replace("<em>", "").replace("</em>", ""))

    # With it: folded after a few lines, a real button, opened and closed with the keyboard.
    page = pages.open(site, width=WIDTH, height=HEIGHT)
    goto(page, url)
    toggle = page.locator(".dds-fold__toggle")
    assert toggle.count() == 1 and toggle.is_visible(), f"{url}: no button to read the whole text"
    assert toggle.evaluate("b => b.tagName") == "BUTTON"
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == FOLDED[1:]
    folded = page.locator(FOLDED).evaluate("e => [e.clientHeight, e.scrollHeight]")
    assert folded[0] < folded[1], f"{url}: the folded text shows all its {folded[1]} px"
    # Folded, the words are still in the page (search, print, find in page).
    assert whole in _plain(page.locator(FOLDED).text_content())
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    opened = page.locator(FOLDED).evaluate("e => [e.clientHeight, e.scrollHeight]")
    assert opened[0] >= opened[1], f"{url}: opened, the text is still cut ({opened})"
    assert toggle.evaluate("b => b === document.activeElement")
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "false"
    # Printed, the text is whole.
    page.emulate_media(media="print")
    printed = page.locator(FOLDED).evaluate("e => [e.clientHeight, e.scrollHeight]")
    assert printed[0] >= printed[1], f"{url}: printed, the text is cut"
    assert page.watch.take() == []


#: (language, query, page, words its excerpt must hold): words of a measure's text or of the City's answer.
EXCERPTS = [
    ("fr", "gardien", "demo-sport-02", "avec un <mark>gardien"),
    ("fr", "stationnement vélo", "demo-mobilite-02", "800 places ouvertes"),
    ("en", "school gyms", "demo-sport-02", "Three <mark>gyms</mark> open"),
]
#: Labels of the top box, which stay out of the search index (data-pagefind-ignore).
LABELS = {"fr": ("Statut", "Évaluation :", "Avancement", "Réponse de la Ville"),
          "en": ("Status", "Assessment:", "progress", "City’s response")}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_search_excerpts_come_from_the_measure_s_words(pages, served_demo, lang) -> None:
    """Pagefind ranks a measure's page first for its own words and builds the excerpt from them (the
    title, the voted text and the City's answer weigh more), not from the top box's labels."""
    site = served_demo
    page = pages.open(site)
    goto(page, site.url("", lang))
    bundle = site.base + "pagefind/pagefind.js"
    for query_lang, query, rec, words in EXCERPTS:
        if query_lang != lang:
            continue
        found = page.evaluate("""async ([bundle, query]) => {
            const pagefind = await import(bundle);
            const search = await pagefind.search(query);
            const first = await search.results[0].data();
            return [first.url, first.excerpt];
        }""", [bundle, query])
        url, excerpt = found
        assert url.endswith(f"recommandations/{rec}/"), f"{query!r}: first result {url}, not {rec}"
        assert words in excerpt, f"{query!r}: the excerpt of {rec} is {excerpt!r}"
        for label in LABELS[lang]:
            assert label not in excerpt, f"{query!r}: the excerpt of {rec} holds the label {label!r}: {excerpt!r}"
    assert page.watch.take() == []


def _luminance(rgb: list[float]) -> float:
    def channel(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_citation_s_untranslated_mark_has_contrast(pages, served_demo, scheme) -> None:
    """« (not yet translated) » in the citation box: at least 4.5:1 against the box, opacity included
    (Material dims every <small> to 0.75)."""
    site = served_demo
    rec = next(r for r in site.model.recommendations if not r.record.title.get("en"))
    page = pages.open(site, scheme=scheme)
    goto(page, site.url(f"recommandations/{rec.id}/", "en"))
    marks = page.evaluate("""() => Array.from(document.querySelectorAll('.dds-cite .dds-untranslated')).map(e => {
        let opacity = 1, background = null;
        for (let n = e; n; n = n.parentElement) {
            opacity *= parseFloat(getComputedStyle(n).opacity);
            const b = getComputedStyle(n).backgroundColor;
            if (!background && b !== 'rgba(0, 0, 0, 0)') background = b;
        }
        return [getComputedStyle(e).color, opacity, background];
    })""")
    assert marks, f"{page.url}: no untranslated mark in the citation box"
    for color, opacity, background in marks:
        fg, bg = ([float(x) for x in re.findall(r"[\d.]+", c)[:3]] for c in (color, background))
        seen = [f * opacity + b * (1 - opacity) for f, b in zip(fg, bg, strict=True)]
        light, dark = sorted((_luminance(seen), _luminance(bg)), reverse=True)
        ratio = (light + 0.05) / (dark + 0.05)
        assert ratio >= 4.5, f"{page.url} ({scheme}): the untranslated mark is {ratio:.1f}:1 ({color} × {opacity} on {background})"
    assert page.watch.take() == []
