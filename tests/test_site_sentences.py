"""What the site says about itself holds for every site built with the generator (issue 25, item 1).

Each statement the fact check found contradicted, unsourced or inferred is looked for on every page
of the real and the demo site (both languages) and must appear on none; the new wording is checked
where it should be, with counts taken from the built model. Then the rules behind the wording:
the unknown label agrees with its field, a period within one year names the year once, a quotation
inside « » takes “ ”, a date read from a file name says so, the Cour des comptes is named only when
a status record gives its term, and the search hint's example is a measure of the site itself.
"""

from __future__ import annotations

import html as htmllib
import re
from datetime import date
from pathlib import Path

import pytest

from generator import build as pipeline
from generator.records.schema import PartialDate
from generator.site import typography
from generator.site.render import _Helpers

from .conftest import BUILD_DATE, CHECK_DAY, FIXTURES, ROOT


def words(markup: str) -> str:
    """What a reader reads: tags dropped, entities decoded, every kind of space one space."""
    markup = re.sub(r"<(script|svg|style)\b.*?</\1>", " ", markup, flags=re.S)
    markup = re.sub(r"</?(a|span|strong|em|cite|small|code|b|i|abbr|q)\b[^>]*>", "", markup)
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def pages(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): words(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))}


def page(site: Path, url: str) -> str:
    return words((site / url / "index.html").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def real(real_site) -> tuple[pipeline.Result, Path, dict[str, str]]:
    result, out = real_site
    return result, out, pages(out)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[pipeline.Result, Path, dict[str, str]]:
    out = tmp_path_factory.mktemp("sentences-demo") / "site"
    fixture = FIXTURES / "demo"
    result = pipeline.build(fixture / "data", fixture / "content", out, ROOT, fictional=True, search=False,
                            build_date=BUILD_DATE, today=CHECK_DAY)
    assert result.ok, "\n".join(p.text() for p in result.problems if p.is_error)
    return result, out, pages(out)


#: What the fact check of issue 25 found, as the pages wrote it: (why, pattern). None may remain.
OLD = [
    ("City staff do not fill the sheet", r"le tableau que les agents de la Ville remplissent|the sheet City staff fill in"),
    ("City staff do not keep the site", r"agents qui tiennent ce site|staff who keep this site"),
    ("the site holds what is entered, not all answers", r"enregistre les réponses de la Ville au fur et à mesure|records the City’s answers as they are published"),
    ("the home page said the site holds what the City did", r"Ce site rassemble, pour chaque promotion|this site brings together what the Assembly proposed"),
    ("true of the design, not of the content", r"Chaque fait a sa source|Every fact has its source"),
    ("no source names the Cour's vocabulary for the statuses", r"vocabulaire des suites données aux recommandations de la Cour des comptes|vocabulary of the French Court of Audit"),
    ("counts said « recensées », as if the Assembly's total", r"mesures? recensées?|measures? listed\b"),
    ("counts said « enregistrées », not « saisies ici »", r"\d+ (?:recommandation|mesure)s? enregistrées?|(?:recommandations|mesures) enregistrées \(|\d+ (?:recommendation|measure)s? recorded|recorded recommendations \("),
    ("the title was read from a file name", r"Droit de suite de la 1re promotion : suivi des recommandations|tracking of the recommendations"),
    ("the children's assembly met in 2023", r"Elle réunit 106 enfants|It brings together 106 children"),
    ("unsourced rhythm", r"quatre ou cinq (séances )?par an|four or five a year"),
    ("a délibération is voted, a bill is not", r"\(bills?\)"),
    ("unattributed gloss", r"City’s equivalent of a law|Paris, l’équivalent d’une loi pour la Ville"),
    ("the direction is feminine", r"Direction de la Ville responsable Non connu(?!e)"),
    ("a period within one year names its year once", r"(?<!déplacée )\b(?:d’|de )([a-zéû]+) (\d{4}) à [a-zéû]+ \2\b"),
    ("a quotation inside « » takes “ ”", r"«[^»]*«"),
    ("a figure the site does not hold, without its thousands space", r"2000 places"),
    ("every page is said valid HTML, though two theme errors are filtered", r"Chaque page du site est du HTML valide|Every page of the site is valid HTML"),
    ("raw identifiers in the measure tables", r"(?:source secondaire|secondary source) (?:ac|demo)[0-9a-z-]+ "),
]


@pytest.mark.parametrize(("why", "pattern"), OLD, ids=[why for why, _ in OLD])
@pytest.mark.parametrize("which", ["real", "demo"])
def test_no_page_says_what_the_fact_check_refused(which: str, why: str, pattern: str, request) -> None:
    _result, _out, texts = request.getfixturevalue(which)
    found = [f"{url}: …{m.string[max(0, m.start() - 60):m.end() + 60]}…"
             for url, text in texts.items() for m in [re.search(pattern, text)] if m]
    assert not found, f"{why}: {len(found)} pages\n" + "\n".join(found[:5])


def test_counts_say_they_count_what_is_entered_here(real) -> None:
    result, out, _texts = real
    total = len(result.model.recommendations)
    home, home_en = page(out, ""), page(out, "en")
    assert f"Ce site compte {total} mesures saisies ; aucun suivi n’y est encore saisi pour elles." in home
    assert f"This site holds {total} measures; no follow-up of them has been entered here yet." in home_en
    assert f"{total} recommandations saisies ici, toutes au statut « pas encore évaluée ici »." in home
    assert "Recommandations saisies ici, par statut — Toute l’Assemblée Statut Nombre Part du total saisi ici" in home
    assert "Recommendations entered here, by status" in home_en and "Share of the total entered here" in home_en
    p1 = sum(r.cohort.id == "promotion-1" for r in result.model.recommendations)
    assert f"Ses {p1} mesures saisies ici apparaissent donc encore comme non évaluées sur ce site." in page(out, "suivi/promotion-1")


def test_the_sheet_and_the_editors_are_nobody_s_staff(real) -> None:
    _result, out, _texts = real
    assert "Pour saisir le prochain suivi de cette promotion, le tableau à remplir :" in page(out, "suivi/promotion-2")
    assert "To enter this cohort’s next follow-up, the sheet to fill in:" in page(out, "en/suivi/promotion-2")
    assert "Pour qui saisit les fiches de ce site :" in page(out, "contribuer")


def test_a_date_read_from_a_file_name_says_so_and_the_title_is_the_city_s(real) -> None:
    _result, out, texts = real
    for url in ("", "suivi/promotion-1", "promotions/promotion-1", "recommandations/ac1-code-de-la-rue-creation-du-code"):
        assert "daté de mars 2024 d’après le nom de son fichier" in page(out, url), url
    assert "dated March 2024 according to its file name" in page(out, "en/suivi/promotion-1")
    dated = [url for url, text in texts.items() if re.search(r"daté de mars 2024(?! d’après le nom de son fichier)", text)]
    assert not dated, dated
    assert "Document « droit de suite » de la 1re promotion" in page(out, "promotions/promotion-1")


def test_the_children_s_assembly_is_told_in_the_past(real) -> None:
    _result, out, _texts = real
    assert "Selon la Ville, l’assemblée lancée en 2023 réunissait 106 enfants en tout" in page(out, "participation/assemblee-citoyenne-enfants")
    assert "the assembly launched in 2023 brought together 106 children in all" in page(out, "en/participation/assemblee-citoyenne-enfants")


def test_a_deliberation_is_glossed_as_a_council_decision(real) -> None:
    _result, out, _texts = real
    assert "Délibération (council decision)" in page(out, "en/sujets/ac2-sans-abrisme")
    assert "délibération: a decision voted by the Conseil de Paris;" in page(out, "en/comment-ca-marche")


def test_the_cour_des_comptes_is_named_only_when_a_status_gives_its_term(real, demo) -> None:
    # The real statuses give no audit term (no source names the Cour): neither page names it.
    for url in ("statuts", "droit-de-suite", "en/statuts", "en/droit-de-suite"):
        assert "Cour des comptes" not in page(real[1], url), url
    assert "Les statuts que ce site utilise pour dire où en est chaque mesure saisie ici." in page(real[1], "statuts")
    assert "Terme de la Cour des comptes" not in page(real[1], "statuts")
    assert "statuts propres à ce site, définis sur la page Statuts" in page(real[1], "droit-de-suite")
    # The demo's statuses give terms: its page names where they come from and shows them.
    demo_statuses = page(demo[1], "statuts")
    assert "Terme de la Cour des comptes" in demo_statuses and "le terme correspondant de la Cour des comptes" in demo_statuses


def test_the_search_hint_gives_a_measure_of_the_site_itself(real, demo) -> None:
    for result, out, _texts in (real, demo):
        example = result.model.recommendations[0].id
        assert f"l’identifiant d’une mesure (par exemple : {example})." in page(out, "recherche")
    assert "ac2-sans-abrisme-03" not in page(demo[1], "recherche")


def test_the_measure_tables_label_the_identifier(real) -> None:
    result, out, _texts = real
    listing = page(out, "recommandations")
    for rec in result.model.recommendations:
        assert f"identifiant {rec.id}" in listing, rec.id
    assert f"identifier {result.model.recommendations[0].id}" in page(out, "en/recommandations")


def test_the_unknown_agrees_with_its_field(real) -> None:
    _result, out, _texts = real
    text = page(out, "recommandations/ac2-sans-abrisme-03")
    assert "Direction de la Ville responsable Non connue" in text
    assert re.search(r"\bNon connue\b", page(out, "recommandations"))


@pytest.mark.parametrize(("start", "end", "fr", "en"), [
    (PartialDate(2024, 10), PartialDate(2024, 12), "d’octobre à décembre 2024", "from October to December 2024"),
    (PartialDate(2025, 3), PartialDate(2025, 5), "de mars à mai 2025", "from March to May 2025"),
    (PartialDate(2021, 11), PartialDate(2023, 3), "de novembre 2021 à mars 2023", "from November 2021 to March 2023"),
    (date(2025, 7, 2), date(2025, 7, 5), "du 2 au 5 juillet 2025", "from 2 to 5 July 2025"),
    (date(2025, 6, 28), date(2025, 7, 5), "du 28 juin au 5 juillet 2025", "from 28 June to 5 July 2025"),
    (PartialDate(2024, 9), date(2024, 12, 3), "de septembre 2024 au 3 décembre 2024", "from September 2024 to 3 December 2024"),
])
def test_a_period_names_its_year_once(real, start, end, fr: str, en: str) -> None:
    model = real[0].model
    assert typography.text(_Helpers("fr", "", model).period(start, end), "fr") == typography.text(fr, "fr")
    assert _Helpers("en", "", model).period(start, end) == en


def test_a_quotation_inside_a_quotation_takes_english_marks_in_french() -> None:
    nbsp = typography.NBSP
    assert typography.text("« Généraliser les « Rallyes Lectures » »", "fr") == f"«{nbsp}Généraliser les “Rallyes Lectures”{nbsp}»"
    assert typography.html("<p>« un nouveau « <em>Code</em> de la rue » »</p>", "fr") == f"<p>«{nbsp}un nouveau “<em>Code</em> de la rue”{nbsp}»</p>"
    once = typography.text("« a « b » c » et « d »", "fr")
    assert once == f"«{nbsp}a “b” c{nbsp}» et «{nbsp}d{nbsp}»" and typography.text(once, "fr") == once


def test_the_accessibility_statement_names_each_html_error_the_tests_accept(real) -> None:
    """The statement says exactly what the HTML check filters (tests/vnu-filters.txt): as many known
    errors as filters, each named by its attribute."""
    filters = [line for line in (ROOT / "tests" / "vnu-filters.txt").read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#")]
    numbers = {1: ("une", "one"), 2: ("deux", "two"), 3: ("trois", "three")}
    fr, en = page(real[1], "accessibilite"), page(real[1], "en/accessibilite")
    assert f"sauf {numbers[len(filters)][0]} erreurs connues du balisage du thème" in fr
    assert f"except {numbers[len(filters)][1]} known errors in the markup of the" in en
    for line in filters:
        attribute = re.search(r"[Aa]ttribute “(\w+)”", line).group(1)
        assert f"attribut {attribute}" in fr and f"{attribute} attribute" in en, attribute
