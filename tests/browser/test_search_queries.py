"""What journalists type, and the page that must come first: a table of realistic queries on the
demo data, in both languages, with and without accents, with elisions, numbers, ids and
misspellings. Each line says what it exercises. The search page runs them as a reader would
(search.js on Pagefind's index: generator/site/search.py explains what the site adds to Pagefind).

Then what the search must not do (issue 24): answer a word no page has with pages for its first
letter, miss a word typed with an elision or a ligature, leave a reader of the other language
without a way on, or rank a hearing before the measures and the topic it is about."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from urllib.parse import quote, urlsplit

import pytest

from generator.site.i18n import gettext

from .conftest import goto

pytestmark = pytest.mark.browser

#: (language, what a person types, the page that must come first, what it exercises)
QUERIES = [
    ("fr", "stationnement vélo", "recommandations/demo-mobilite-02/", "words of a title"),
    ("fr", "stationnement velo", "recommandations/demo-mobilite-02/", "without the accent"),
    ("fr", "2000 places", "recommandations/demo-mobilite-02/", "a number typed without its space"),
    ("fr", "2 000 places", "recommandations/demo-mobilite-02/", "a number with its space"),
    ("fr", "25000", "recommandations/demo-logement-01/", "a number typed without its space, alone (25 000 €)"),
    ("fr", "9000 repas", "auditions/demo-2022-10-visite-cuisine-centrale/", "a number typed without its space"),
    ("fr", "demo-mobilite-02", "recommandations/demo-mobilite-02/", "an id"),
    ("fr", "demo-eau-03", "recommandations/demo-eau-03/", "an id"),
    ("fr", "eau de pluie", "recommandations/demo-eau-03/", "a word written after an elision (l’eau)"),
    ("fr", "l’eau de pluie", "recommandations/demo-eau-03/", "an elision typed with the typographic apostrophe"),
    ("fr", "l'eau de pluie", "recommandations/demo-eau-03/", "an elision typed with the keyboard's apostrophe"),
    ("fr", "eau fraiche", "recommandations/demo-eau-01/", "an elision and a missing accent (d’eau fraîche)"),
    ("fr", "indivision", "recommandations/demo-logement-01/", "a word found only after an elision (d’indivision)"),
    ("fr", "cantines bio", "recommandations/demo-alimentation-01/", "words of a title"),
    ("fr", "gaspillage", "recommandations/demo-alimentation-03/", "a word of a title"),
    ("fr", "gaspilage", "recommandations/demo-alimentation-03/", "a misspelling"),
    ("fr", "taxe logements vacants", "recommandations/demo-logement-03/", "words of a title"),
    ("fr", "baux solidaires etudiants", "recommandations/demo-logement-04/", "without the accent"),
    ("fr", "médiateurs de nuit", "recommandations/demo-nuit-02/", "words of a title"),
    ("fr", "mediateur numerique", "recommandations/demo-numerique-01/", "singular, without accents"),
    ("fr", "rues scolaires", "recommandations/demo-mobilite-01/", "words of a title"),
    ("fr", "canicule", "recommandations/demo-eau-04/", "a word of a title"),
    ("fr", "cannicule", "recommandations/demo-eau-04/", "a misspelling"),
    ("fr", "agres", "recommandations/demo-sport-01/", "without the accent (agrès)"),
    ("fr", "trotoirs accessibles", "recommandations/demo-mobilite-06/", "a misspelling"),
    ("fr", "espace public", "sujets/demo-sport/", "a topic, after an elision (l’espace)"),
    ("fr", "cuisine centrale", "auditions/demo-2022-10-visite-cuisine-centrale/", "a visit"),
    ("fr", "dépôt de bus", "auditions/demo-2022-04-visite-depot-bus/", "a visit"),
    ("fr", "droit de suite 2025", "reunions/demo-2025-03-14-droit-de-suite/", "a meeting and a year"),
    ("fr", "budget participatif", "participation/demo-budget-participatif/", "another body"),
    ("fr", "conseil des aines", "participation/demo-conseil-des-aines/", "without the accent (aînés)"),
    ("fr", "2e promotion", "promotions/demo-promotion-2/", "a cohort"),
    ("fr", "navette électrique", "recommandations/demo-mobilite-05/", "words of a title"),
    ("fr", "tarif progressif de l’eau", "recommandations/demo-eau-05/", "a whole title with its elision"),
    ("en", "bike parking", "recommandations/demo-mobilite-02/", "words of a title"),
    ("en", "2000 bike parking", "recommandations/demo-mobilite-02/", "a number typed without its comma"),
    ("en", "2,000 bike parking", "recommandations/demo-mobilite-02/", "a number with its comma"),
    ("en", "rainwater", "recommandations/demo-eau-03/", "a word of a title"),
    ("en", "heatwave alerts", "recommandations/demo-eau-04/", "words of a title"),
    ("en", "heatwve", "recommandations/demo-eau-04/", "a misspelling"),
    ("en", "vegtable garden", "recommandations/demo-alimentation-02/", "a misspelling"),
    ("en", "empty homes tax", "recommandations/demo-logement-03/", "words of a title"),
    ("en", "one-stop shop", "recommandations/demo-logement-02/", "a hyphenated word"),
    ("en", "school streets", "recommandations/demo-mobilite-01/", "words of a title"),
    ("en", "20 mph", "recommandations/demo-mobilite-04/", "a number"),
    ("en", "night buses", "recommandations/demo-nuit-01/", "words of a title"),
    ("en", "plain language", "recommandations/demo-numerique-03/", "words of a title"),
    ("en", "women's sport", "recommandations/demo-sport-03/", "an apostrophe typed with the keyboard"),
    ("en", "women’s sport", "recommandations/demo-sport-03/", "a typographic apostrophe"),
    ("en", "school gyms", "recommandations/demo-sport-02/", "words of a title"),
    ("en", "central kitchen", "auditions/demo-2022-10-visite-cuisine-centrale/", "a visit"),
    ("en", "participatory budget", "participation/demo-budget-participatif/", "another body"),
    ("en", "youth council", "participation/demo-conseil-des-jeunes/", "another body"),
    ("en", "second cohort", "promotions/demo-promotion-2/", "a cohort"),
    ("en", "2025 follow-up meeting", "reunions/demo-2025-03-14-droit-de-suite/", "a meeting and a year"),
    ("en", "demo-sport-03", "recommandations/demo-sport-03/", "an id"),
    ("en", "canal", "recommandations/demo-sport-04/", "an untranslated French title"),
    ("en", "mediateurs de nuit", "recommandations/demo-nuit-02/", "French words without accents, on the English site"),
    ("en", "means-tested canteen", "recommandations/demo-alimentation-04/", "a hyphenated word"),
    ("en", "fountains", "recommandations/demo-eau-01/", "a word of a title"),
    ("en", "fountians", "recommandations/demo-eau-01/", "a misspelling (two letters swapped)"),
]


def test_the_table_is_broad() -> None:
    """At least 30 queries, both languages, every kind of difficulty the search must handle."""
    assert len(QUERIES) >= 30
    assert Counter(lang for lang, *_ in QUERIES).keys() == {"fr", "en"}
    kinds = " ".join(why for *_, why in QUERIES)
    for kind in ("accent", "elision", "number", "id", "misspelling", "apostrophe"):
        assert kind in kinds, f"no query exercises: {kind}"
    assert len({(lang, query) for lang, query, *_ in QUERIES}) == len(QUERIES), "a query is listed twice"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_query_finds_its_page_first(pages, served_demo, lang) -> None:
    page = pages.open(served_demo)
    prefix = urlsplit(served_demo.url("", lang)).path
    report = []
    for query_lang, query, expected, why in QUERIES:
        if query_lang != lang:
            continue
        goto(page, served_demo.url(f"recherche/?q={quote(query)}", lang))
        page.wait_for_selector("#dds-finder-results[aria-busy=false]")
        found = page.eval_on_selector_all("#dds-finder-list li.dds-result h2 a", "as => as.map(a => new URL(a.href).pathname)")
        found = [path[len(prefix):] if path.startswith(prefix) else path for path in found]
        if not found or found[0] != expected:
            rank = found.index(expected) + 1 if expected in found else None
            report.append(f"  {query!r} ({why}): first {found[0] if found else 'nothing'}, expected {expected} "
                          f"(rank {rank}); the page says {page.locator('#dds-finder-status').inner_text()!r}")
    assert not report, "queries whose expected page is not first:\n" + "\n".join(report)
    assert page.watch.take() == []


# --- words no page has, elisions and ligatures, the other language, ranking (issue 24) ----------

def fold(text: str) -> str:
    """As search.js compares words: lower case, without accents, ligatures written out."""
    text = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c)).replace("œ", "oe").replace("æ", "ae")


def indexed_words(site, lang: str) -> set[str]:
    """Every word (folded) of what Pagefind indexes in `lang`: the pages' bodies (data-pagefind-body)."""
    root = site.root / ("en" if lang == "en" else "")
    words: set[str] = set()
    for file in root.rglob("index.html"):
        if lang == "fr" and file.relative_to(site.root).parts[0] == "en":
            continue
        text = file.read_text(encoding="utf-8")
        if "data-pagefind-body" in text:
            words |= set(re.findall(r"\w+", fold(re.sub(r"<[^>]+>", " ", text.split("data-pagefind-body", 1)[1]))))
    return words


def contains(words: set[str], word: str) -> bool:
    """Whether a page's words have `word`, or a word beginning as it does but for an ending."""
    key = re.sub(r"\W", "", fold(word))
    return any(w.startswith(key[:max(4, len(key) - 3)]) for w in words)


#: Words that no page of the site has, in either dataset: what a reader may type, and what Pagefind
#: answered with pages for the one or two letters it found them to begin with (« abandonnée »: the
#: pages with « à »).
ABSENT = {
    "fr": ["abandonnée", "xylophone", "ornithorynque", "kangourou", "zeppelin", "pétanque", "marmelade", "saxophone",
           "girafe", "astronaute"],
    "en": ["abandoned", "xylophone", "platypus", "kangaroo", "zeppelin", "marmalade", "saxophone", "giraffe",
           "astronaut", "skateboard"],
}


def results(page, site, lang: str) -> list[str]:
    prefix = urlsplit(site.url("", lang)).path
    found = page.eval_on_selector_all("#dds-finder-list li.dds-result h2 a", "as => as.map(a => new URL(a.href).pathname)")
    return [path[len(prefix):] if path.startswith(prefix) else path for path in found]


def run(page, site, lang: str, query: str) -> list[str]:
    goto(page, site.url(f"recherche/?q={quote(query)}", lang))
    page.wait_for_selector("#dds-finder-results[aria-busy=false]")
    return results(page, site, lang)


def status(page) -> str:
    return page.locator("#dds-finder-status").inner_text()


def none_said(lang: str, query: str) -> str:
    """The beginning of the page's « aucun résultat » for `query` (the typography of the catalogue's
    text aside: spaces of any kind compare equal)."""
    return gettext("search_none", lang).replace("{query}", query)


def same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


@pytest.mark.parametrize("name", ["demo", "real"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_word_no_page_has_gets_no_result_and_says_so(pages, served, name, lang) -> None:
    """Ten words per language that no page has: the page says « aucun résultat » for each, names the
    word no page contains, shows no result (or only pages that have the word), and offers the same
    search on the other language's site."""
    site = served(name)
    words = indexed_words(site, lang)
    present = [w for w in ABSENT[lang] if contains(words, w)]
    assert not present, f"the {name} site now has {present}: choose other words for this test"
    page = pages.open(site)
    report = []
    for query in ABSENT[lang]:
        found = run(page, site, lang, query)
        said = status(page)
        wrong = [path for path in found if not contains(indexed_words_of(site, lang, path), query)]
        if wrong or not found and not same_text(said[:len(none_said(lang, query))], none_said(lang, query)):
            report.append(f"  {query!r}: the page says {said!r}; results without the word: {wrong[:5]}")
            continue
        if not found:
            # No filter to offer: every value would count zero.
            if page.locator("#dds-finder-filters").is_visible() or page.locator(".dds-finder__toggle").is_visible():
                report.append(f"  {query!r}: filters shown beside « aucun résultat »")
            other = page.locator("#dds-finder-suggest a[hreflang]")
            if other.count() != 1 or f"q={quote(query)}" not in (other.get_attribute("href") or ""):
                report.append(f"  {query!r}: no link to the same search on the other language's site")
    assert not report, "words no page has, answered with pages:\n" + "\n".join(report)
    assert page.watch.take() == []


def indexed_words_of(site, lang: str, path: str) -> set[str]:
    file = site.root / ("en" if lang == "en" else "") / path / "index.html"
    text = file.read_text(encoding="utf-8")
    return set(re.findall(r"\w+", fold(re.sub(r"<[^>]+>", " ", text.split("data-pagefind-body", 1)[-1]))))


def test_a_word_no_page_has_beside_words_they_have(pages, served_demo) -> None:
    """« logement xylophone »: no page has both; the page names the word no page has and offers the
    search without it."""
    page = pages.open(served_demo)
    assert run(page, served_demo, "fr", "logement xylophone") == []
    said = status(page)
    assert said.startswith("Aucun résultat") and "xylophone" in said.split("»", 1)[1], said
    only = page.locator("#dds-finder-suggest a:not([hreflang])", has_text="logement")
    assert only.count() == 1, page.locator("#dds-finder-suggest").inner_text()
    only.click()
    page.wait_for_function("() => new URL(location.href).searchParams.get('q') === 'logement'")
    page.wait_for_selector("#dds-finder-results[aria-busy=false]")
    assert results(page, served_demo, "fr")
    assert page.watch.take() == []


#: A reader's word for a status or a page of the site -> where « voir aussi » leads (from the site's
#: own statuses and the catalogues' synonyms_ messages, theme/templates/pages/search.html).
SEE_ALSO = [("fr", "abandonnée", "recommandations/?status=not_retained"),
            ("en", "abandoned", "recommandations/?status=not_retained"),
            ("fr", "mesures abandonnées", "recommandations/?status=not_retained"),
            ("fr", "non retenue", "recommandations/?status=not_retained"),
            ("en", "rejected", "recommandations/?status=not_retained"),
            ("fr", "en retard", "suivi/attendus/"),
            ("en", "late", "suivi/attendus/"),
            ("en", "overdue", "suivi/attendus/"),
            ("fr", "en cours", "recommandations/?status=in_progress"),
            ("en", "csv", "donnees/")]


@pytest.mark.parametrize(("lang", "query", "target"), SEE_ALSO)
def test_a_readers_word_leads_to_the_status_or_page_it_means(pages, served_demo, lang, query, target) -> None:
    page = pages.open(served_demo)
    run(page, served_demo, lang, query)
    links = page.eval_on_selector_all("#dds-finder-suggest a:not([hreflang])", "as => as.map(a => a.href)")
    assert served_demo.url(target, lang) in links, (query, links, status(page))
    # each leads somewhere: the explorer filtered on the status, or the page
    goto(page, served_demo.url(target, lang))
    if "status=" in target:
        assert page.locator("#f-status").input_value() == target.split("=", 1)[1]
    assert page.watch.take() == []


#: The issue's own queries on the real site: an elision typed with either apostrophe finds what the
#: word alone finds (and not the legal notice's « hébergeur »); « voeu » finds what « vœu » finds.
REAL_SPELLINGS = [("fr", "l’hébergement", "hébergement"), ("fr", "l'hébergement", "hébergement"),
                  ("fr", "d’hébergement", "hébergement"), ("fr", "voeu", "vœu"), ("fr", "Voeux", "vœux"),
                  ("en", "l’hébergement", "hébergement")]


@pytest.mark.parametrize(("lang", "typed", "written"), REAL_SPELLINGS)
def test_elisions_and_ligatures_find_what_the_word_finds(pages, served_real, lang, typed, written) -> None:
    page = pages.open(served_real)
    expected = run(page, served_real, lang, written)
    expected_status = status(page)
    found = run(page, served_real, lang, typed)
    assert found[:3] == expected[:3], (typed, found[:5], written, expected[:5])
    assert len(found) >= len(expected), (status(page), expected_status)
    if written == "hébergement" and lang == "fr":
        assert found[0] == "recommandations/ac2-sans-abrisme-03/", found
    assert page.watch.take() == []


#: A word of the other language: nothing here, a link to the same search there, where the right page
#: comes first.
OTHER_LANGUAGE = [("fr", "homelessness", ("sujets/ac2-sans-abrisme/", "recommandations/ac2-sans-abrisme-03/")),
                  ("en", "hébergement", ("recommandations/ac2-sans-abrisme-03/",)),
                  ("fr", "homeless", ("sujets/ac2-sans-abrisme/", "recommandations/ac2-sans-abrisme-03/"))]


@pytest.mark.parametrize(("lang", "query", "first"), OTHER_LANGUAGE)
def test_a_word_of_the_other_language_leads_to_its_site(pages, served_real, lang, query, first) -> None:
    page = pages.open(served_real)
    assert run(page, served_real, lang, query) == []
    assert same_text(status(page)[:len(none_said(lang, query))], none_said(lang, query)), status(page)
    other = "en" if lang == "fr" else "fr"
    link = page.locator(f"#dds-finder-suggest a[hreflang={other}]")
    assert link.count() == 1 and link.get_attribute("lang") == other
    link.click()
    page.wait_for_url(served_real.url("recherche/", other) + "*")
    page.wait_for_selector("#dds-finder-results[aria-busy=false]")
    found = results(page, served_real, other)
    assert found and found[0] in first, (query, found[:5], status(page))
    assert page.watch.take() == []


#: A topic's words, where a hearing's or a meeting's title and id name the same thing: the measures
#: and the topic come first, then the hearings and meetings.
RANKED = [("fr", "logements vacants"), ("en", "empty homes"), ("fr", "taxe logements vacants"), ("en", "empty homes tax")]


@pytest.mark.parametrize(("lang", "query"), RANKED)
def test_measures_then_their_topic_then_hearings(pages, served_demo, lang, query) -> None:
    page = pages.open(served_demo)
    found = run(page, served_demo, lang, query)
    assert found and (found[0].startswith("recommandations/demo-logement-") or found[0] == "sujets/demo-logement/"), found[:5]
    topic = found.index("sujets/demo-logement/")
    others = [i for i, path in enumerate(found) if path.startswith(("auditions/", "reunions/"))]
    assert others and topic < min(others), f"{query!r}: the topic is {topic + 1}th, after {found[:topic]}"
    assert page.watch.take() == []
