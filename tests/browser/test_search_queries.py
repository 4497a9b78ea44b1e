"""What journalists type, and the page that must come first: a table of realistic queries on the
demo data, in both languages, with and without accents, with elisions, numbers, ids and
misspellings. Each line says what it exercises. The search page runs them as a reader would
(search.js on Pagefind's index: generator/site/search.py explains what the site adds to Pagefind)."""

from __future__ import annotations

from collections import Counter
from urllib.parse import quote, urlsplit

import pytest

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
