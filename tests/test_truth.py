"""Every sentence the generator writes is true for every site (issue 12).

Part 1 builds the real data and checks, for each item of the fact check, the corrected sentence and
the absence of the wrong one. Part 2 varies the records of the minimal fixture and checks that the
sentences about follow-up documents, due dates, member lists and secondary sources follow them:
a sentence appears only when a record says so.
"""

from __future__ import annotations

import html as htmllib
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator import build as pipeline

from .conftest import BUILD_DATE, CHECK_DAY, ROOT

P1_PDF = "https://cdn.paris.fr/paris/2024/09/24/ac-p-1_droit-de-suite_suivi-des-recommandations-mars-2024-y0bL.pdf"
P1_MEASURES = sorted(p.stem for p in (ROOT / "data" / "recommendations").glob("ac1-*.yml"))


def words(markup: str) -> str:
    """What a reader reads: tags dropped, entities decoded, every kind of space one space."""
    markup = re.sub(r"<(script|svg)\b.*?</\1>", " ", markup, flags=re.S)
    markup = re.sub(r"</?(a|span|strong|em|cite|small|code|b|i|abbr|q)\b[^>]*>", "", markup)  # inline: no space
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def article(site: Path, lang: str, url: str) -> str:
    """The page's own content (the article), as HTML."""
    page = ((site if lang == "fr" else site / "en") / url / "index.html").read_text(encoding="utf-8")
    return page.split('<article', 1)[1].split("</article>", 1)[0]


@pytest.fixture(scope="module")
def site(real_site) -> Path:
    return real_site[1]


def read(site: Path, lang: str, url: str) -> str:
    return words(article(site, lang, url))


# --------------------------------------------------------------------------- 1. the real site


def test_p1_measures_say_a_follow_up_document_was_published_and_not_entered(site: Path) -> None:
    assert len(P1_MEASURES) == 5
    for rec in P1_MEASURES:
        fr, en = article(site, "fr", f"recommandations/{rec}"), article(site, "en", f"recommandations/{rec}")
        assert f'href="{P1_PDF}"' in fr and f'href="{P1_PDF}"' in en, rec
        assert ("La Ville a publié un document de suivi daté de mars 2024 d’après le nom de son fichier (Document "
                "« droit de suite » de la 1re promotion) ; son contenu n’est pas encore saisi ici.") in words(fr), rec
        assert ("The City published a follow-up document dated March 2024 according to its file name (“Right to "
                "follow-up” document from the first cohort (in French)); its content has not been entered here yet.") in words(en)
        for wrong in ("n’a pas encore fait l’objet d’un suivi publié", "aucune réponse", "pas de réponse"):
            assert wrong not in words(fr), (rec, wrong)
        for wrong in ("No follow-up of this measure has been published", "no answer"):
            assert wrong not in words(en), (rec, wrong)


def test_p1_follow_up_report_and_home_page_say_so_too(site: Path) -> None:
    report = article(site, "fr", "suivi/promotion-1")
    assert f'href="{P1_PDF}"' in report
    assert "La Ville a publié un document de suivi daté de mars 2024" in words(report)
    assert "Ses 5 mesures saisies ici apparaissent donc encore comme non évaluées sur ce site." in words(report)
    home = read(site, "fr", "")
    assert ("1re promotion (2021-2023) : la Ville a publié un document de suivi daté de mars 2024 d’après le nom de "
            "son fichier (Document « droit de suite » de la 1re promotion) ; son contenu n’est pas encore saisi ici.") in home
    assert "First cohort (2021–2023): the City published a follow-up document dated March 2024" in read(site, "en", "")
    statuses = read(site, "fr", "statuts")
    assert "Aucun suivi n’a encore été publié pour cette mesure" not in statuses
    assert "ni que la Ville n’a rien publié" in statuses


def test_due_dates_quote_the_citys_rule_and_its_source(site: Path) -> None:
    page = article(site, "fr", "recommandations/ac2-sans-abrisme-03")
    text = words(page)
    assert "Suivi attendu depuis juillet 2025 — rien n’est enregistré ici pour cette échéance" in text
    assert "Prochain suivi attendu juillet 2027" in text
    assert "Règle de suivi de la Ville : « La Ville de Paris formule une réponse publique à tous les travaux" in text
    assert 'href="https://www.paris.fr/pages/devenir-un-acteur-de-la-participation-3934"' in page
    assert ("juillet 2025 — échéance passée ; rien n’est enregistré ici pour elle juillet 2026 — échéance passée ; "
            "rien n’est enregistré ici pour elle juillet 2027 — prochaine échéance") in text
    assert "était attendu au plus tard" not in text and "compte rendu annuel de la Ville" not in text
    # Nothing recorded here is never said to be the City's failure.
    for url in ("suivi/promotion-2", "suivi/attendus", "recommandations/ac2-sans-abrisme-03"):
        assert "retard" not in read(site, "fr", url) and not re.search(r"\blate\b", read(site, "en", url)), url


@pytest.mark.parametrize("cohort", ["promotion-1", "promotion-2"])
def test_no_member_list_sentence_without_a_source(site: Path, cohort: str) -> None:
    for url in (f"promotions/{cohort}", "membres"):
        text = read(site, "fr", url)
        assert "La Ville publie la liste finale des membres sur sa page de la promotion" not in text
    assert "La liste des membres de cette promotion n’est pas enregistrée ici." in read(site, "fr", f"promotions/{cohort}")
    assert "The City publishes the final list of members" not in read(site, "en", f"promotions/{cohort}")


def test_the_third_cohorts_member_list_sentence_cites_its_source(site: Path) -> None:
    text = read(site, "fr", "promotions/promotion-3")
    assert ("La liste des membres de cette promotion n’est pas reproduite ici. Selon « Assemblée citoyenne de Paris : "
            "une troisième promotion au cœur de la fabrique de l’action publique », la Ville la publie.") in text


def test_measure_3_is_shown_as_known_from_a_political_group_without_an_official_number(site: Path) -> None:
    page = article(site, "fr", "recommandations/ac2-sans-abrisme-03")
    h1 = words(page.split("<h1", 1)[1].split("</h1>", 1)[0].split(">", 1)[1])
    assert h1 == "Planification de 3 000 nouvelles places d’hébergement à Paris"
    assert "Mesure n°" not in words(page)
    assert ("Mesure connue seulement par l’intervention d’un groupe politique : le texte officiel n’est pas enregistré ici. "
            "Cette source la cite comme la mesure 3 du texte ; ce numéro n’est pas vérifié sur le texte officiel.") in words(page)
    for url in ("sujets/ac2-sans-abrisme", "suivi/promotion-2", "recommandations"):
        text = read(site, "fr", url)
        assert "Mesure n° 3" not in text, url
        assert "Planification de 3 000 nouvelles places d’hébergement à Paris source secondaire" in text, url


def test_the_street_code_measure_is_titled_in_our_words_with_its_source(site: Path) -> None:
    text = read(site, "fr", "recommandations/ac1-code-de-la-rue-creation-du-code")
    assert text.count("Un code de la rue pour l’été 2023") >= 2  # title and citation
    assert "Créer un « code de la rue »" not in text
    assert "Mesure connue seulement par un article de presse" in text
    topic = read(site, "fr", "sujets/ac1-code-de-la-rue")
    assert "Citations du vœu" not in topic
    assert "Résumé du vœu par le journaliste" in topic


def test_the_internal_rules_are_not_quoted_in_french(site: Path) -> None:
    text = read(site, "fr", "comment-ca-marche")
    assert "« conseil citoyen, délibératif et permanent »" not in text
    assert "qui la décrit comme un conseil citoyen, délibératif et permanent" in text
    assert "C’est notre traduction : nous n’avons pas le texte français du règlement." in text


def test_childrens_assembly_cohort_1_duration_and_participatory_budget(site: Path) -> None:
    children = read(site, "fr", "participation/assemblee-citoyenne-enfants")
    assert "réunissait 106 enfants en tout" in children and "106 collégiennes et collégiens" not in children
    assert "enfants en tout (première assemblée) 106" in children
    assert "Elle a donc siégé environ seize mois, de novembre 2021 à mars 2023." in read(site, "fr", "promotions/promotion-1")
    assert "environ un an" not in read(site, "fr", "promotions")
    budget = read(site, "fr", "participation/budget-participatif")
    assert "ces deux chiffres se contredisent" in budget
    assert "Nous ne savons pas lequel est juste." in budget  # the note beside each of the two figures


def test_newly_sourced_facts_are_published_with_their_source(site: Path) -> None:
    how = read(site, "fr", "comment-ca-marche")
    assert "« activer une fois par an une mission d’évaluation sur un thème »" in how
    assert "« activer un jury citoyen composé de 17 citoyens tirés au sort »" in how
    assert ("Conseil parisien des européens, Conseil parisien des associations, Conseil parisien de la jeunesse, "
            "Comité usagers séniors, Conseil départemental de la citoyenneté et de l’autonomie et Assemblée citoyenne "
            "des enfants") in how
    follow = read(site, "fr", "droit-de-suite")
    assert ("« ont une année pour concevoir et proposer des mesures qui, si elles sont votées par le Conseil de Paris, "
            "devront être mises en œuvre par la Ville de Paris »") in follow
    assert "au moment de leur soumission et un an après" in follow
    streets = read(site, "fr", "sujets/ac2-rues-jardins")
    assert "Contexte, qui ne prouve pas la mise en œuvre du vœu." in streets
    assert "56 489 électeurs" in streets and "65,96 %" in streets
    assert "mairie20.paris.fr/pages/le-23-mars-2025-une-votation-deux-questions-30227" in article(site, "fr", "sujets/ac2-rues-jardins")


def test_each_new_fact_has_its_url_and_passage_in_a_record() -> None:
    """The research's new passages (section 10) sit in the records' sources, URL and exact words."""
    def load(path: str) -> dict:
        return yaml.load((ROOT / "data" / path).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)

    def notes(sources: list[dict]) -> dict[str, str]:
        return {s.get("url", s["title"]): s["note"]["fr"] for s in sources}

    rule = notes(load("site.yml")["follow_up_rule"]["sources"])
    assert "au moment de leur soumission et un an après" in rule["https://www.paris.fr/pages/devenir-un-acteur-de-la-participation-3934"]
    p1 = load("cohorts/promotion-1.yml")["follow_up_documents"][0]
    assert p1["url"] == P1_PDF and p1["entered"] == "false"
    assert "Consult the “Right to follow-up” document from the first promotion here" in p1["sources"][0]["note"]["fr"]
    p3 = load("cohorts/promotion-3.yml")["member_list_source"]
    assert "La liste finale des 100 membres" in p3["note"]["fr"]
    children = notes(load("bodies/assemblee-citoyenne-enfants.yml")["sources"])
    assert "106 enfants issus de 4 collèges" in children["https://presse.paris.fr/pages/20900"]
    streets = notes(load("topics/ac2-rues-jardins.yml")["sources"])
    assert "56 489 électeurs ont pris part au scrutin" in streets[
        "https://mairie20.paris.fr/pages/le-23-mars-2025-une-votation-deux-questions-30227"]


def test_french_as_a_careful_editor_writes_it(site: Path) -> None:
    home = read(site, "fr", "")
    assert "du 27 novembre 2021 à mars 2023" in home and "de 27 novembre" not in home
    assert "d’octobre à décembre 2024" in read(site, "fr", "promotions/promotion-3")
    assert "mise à jour le 16 octobre 2023" in read(site, "fr", "promotions/promotion-1") or \
        "publié ou mis à jour le 16 octobre 2023" in read(site, "fr", "promotions/promotion-1")
    assert "Adoptée en juillet 2024" in read(site, "fr", "sujets/ac2-sans-abrisme")
    assert "Adopté le 16 mars 2023" in read(site, "fr", "sujets/ac1-plan-paris-lecture")
    assert "instances de participation de la Ville de Paris" in read(site, "fr", "participation")
    assert "7 recommandations saisies ici, toutes au statut « pas encore évaluée ici »." in home
    assert "4 mesures saisies ici" in read(site, "fr", "sujets/ac1-plan-paris-lecture")
    assert "1 mesure saisie ici" in read(site, "fr", "sujets/ac2-sans-abrisme")


def test_english_keeps_the_french_institutional_terms_with_a_glossary(site: Path) -> None:
    text = read(site, "en", "comment-ca-marche")
    glossary = text.split("Glossary: French terms kept in French", 1)[1]
    for term in ("vœu", "délibération", "Conseil de Paris", "droit de suite", "promotion"):
        assert f"{term} (" in glossary or f"{term}:" in glossary, term
    assert "Topics discussed" in read(site, "en", "reunions/2022-06-pleniere-mandats")


# --------------------------------------------------------------------------- 2. varied records


def generate(data: Path, day: date = BUILD_DATE) -> dict[str, str]:
    """Every page's words, by path ('fr/recommandations/test-sujet-01/'), without MkDocs, built on `day`."""
    result = pipeline.generate(data, data.parent / "content", data.parent, build_date=day, today=CHECK_DAY)
    assert result.ok, [p.text() for p in result.problems if p.is_error]
    return {p.path.removesuffix("index.md"): words(p.text.split("\n---\n", 1)[1]) for p in result.pages}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def data(minimal_copy: Path) -> Path:
    return minimal_copy / "data"


RULE = """follow_up_rule:
  first_after_months: 12
  {every}
  text: {{fr: "« Une réponse un an après le vote. » (règle fictive)", en: "“An answer one year after the vote.” (fictional rule)"}}
  sources:
    - {{title: Règle fictive, url: https://example.org/regle, consulted: 2025-01-15}}
"""
DOCUMENT = """follow_up_documents:
  - title: {{fr: Document de suivi fictif, en: Fictional follow-up document}}
    url: https://example.org/suivi.pdf
    date: {date}
    entered: {entered}
    sources:
      - {{title: Page fictive, url: https://example.org/source, consulted: 2025-01-15}}
"""
NEVER_ASSESSED = "fr/recommandations/test-sujet-01/"


def never_assessed(data: Path) -> None:
    """Remove the minimal measure's only follow-up entry."""
    record = data / "recommendations" / "test-sujet-01.yml"
    text = record.read_text(encoding="utf-8")
    start, end = text.index("follow_up:\n"), text.index("sources:\n  - title: Page fictive")
    record.write_text(text[:start] + text[end:], encoding="utf-8")


def add_document(data: Path, date: str = "2026-03", entered: str = "false") -> None:
    edit(data / "cohorts" / "promo-test.yml", "sources:\n", DOCUMENT.format(date=date, entered=entered) + "sources:\n")


def test_without_a_document_nothing_is_said_of_one(data: Path) -> None:
    never_assessed(data)
    pages = generate(data)
    assert "Aucun suivi de cette mesure n’est encore enregistré ici." in pages[NEVER_ASSESSED]
    for path in (NEVER_ASSESSED, "fr/", "fr/suivi/promo-test/"):
        assert "document de suivi" not in pages[path], path


def test_a_published_document_not_entered_is_said_with_its_link_everywhere(data: Path) -> None:
    never_assessed(data)
    add_document(data)
    pages = generate(data)
    sentence = "La Ville a publié un document de suivi daté de mars 2026 (Document de suivi fictif) ; son contenu n’est pas encore saisi ici."
    assert sentence in pages[NEVER_ASSESSED]
    assert sentence in pages["fr/suivi/promo-test/"]
    assert ("Promotion de test : la Ville a publié un document de suivi daté de mars 2026 (Document de suivi fictif) ; "
            "son contenu n’est pas encore saisi ici. Sa mesure saisie ici apparaît donc encore comme non évaluée sur ce site.") in pages["fr/"]
    assert "The City published a follow-up document dated March 2026 (Fictional follow-up document); its content has not been entered here yet." in pages["en/recommandations/test-sujet-01/"]
    assert "Documents de suivi publiés par la Ville Document de suivi fictif, daté de mars 2026 — contenu pas encore saisi ici." in pages["fr/promotions/promo-test/"]


def test_an_entered_document_that_is_silent_on_a_measure_says_so(data: Path) -> None:
    never_assessed(data)
    add_document(data, entered="true")
    pages = generate(data)
    assert ("La Ville a publié un document de suivi daté de mars 2026 (Document de suivi fictif) ; son contenu est saisi "
            "ici, et il ne donne pas de réponse sur cette mesure.") in pages[NEVER_ASSESSED]
    assert "pas encore saisi" not in pages["fr/"]


def test_a_document_newer_than_the_last_entry_is_said_as_published_since(data: Path) -> None:
    add_document(data, date="2026-03")
    pages = generate(data)
    assert "La Ville a publié depuis un document de suivi daté de mars 2026 (Document de suivi fictif) ; son contenu n’est pas encore saisi ici." in pages[NEVER_ASSESSED]
    older = data.parent / "older"
    shutil.copytree(data.parent, older)
    edit(older / "data" / "cohorts" / "promo-test.yml", "date: 2026-03", "date: 2025-03")
    assert "document de suivi" not in generate(older / "data")[NEVER_ASSESSED], "older than the entry: not news"


def test_without_a_rule_no_due_date_anywhere(data: Path) -> None:
    never_assessed(data)
    pages = generate(data)
    for path in (NEVER_ASSESSED, "fr/sujets/test-sujet/", "fr/suivi/promo-test/"):
        for wrong in ("suivi attendu", "Prochain suivi", "était attendue", "Règle de suivi"):
            assert wrong not in pages[path], (path, wrong)
    result = pipeline.generate(data, data.parent / "content", data.parent, build_date=BUILD_DATE, today=CHECK_DAY)
    rows = json.loads(result.files["donnees/recommendations.json"])
    assert [r["next_due"] for r in rows] == [None]


def test_with_a_rule_the_due_date_comes_from_it_and_it_is_quoted(data: Path) -> None:
    never_assessed(data)
    (data / "site.yml").write_text((data / "site.yml").read_text(encoding="utf-8")
                                   + RULE.format(every="then_every_months: 12"), encoding="utf-8")
    page = generate(data, date(2026, 1, 15))[NEVER_ASSESSED]
    assert "Prochain suivi attendu 2 juillet 2026" in page  # the vote (2 July 2025) + 12 months
    assert "Règle de suivi de la Ville : « Une réponse un an après le vote. » (règle fictive) Source : Règle fictive." in page
    assert "2 juillet 2026 — prochaine échéance" in page and "Suivi attendu depuis" not in page
    page = generate(data, date(2026, 11, 22))[NEVER_ASSESSED]  # the date has passed
    assert "Suivi attendu depuis 2 juillet 2026 — rien n’est enregistré ici pour cette échéance" in page
    assert "2 juillet 2026 — échéance passée ; rien n’est enregistré ici pour elle" in page
    add_document(data, date="2026-07")
    page = generate(data)[NEVER_ASSESSED]
    assert ("2 juillet 2026 — la Ville a publié un document de suivi daté de juillet 2026 (Document de suivi fictif) ; "
            "son contenu n’est pas encore saisi ici") in page
    assert "rien n’est enregistré ici" not in page and "Suivi attendu depuis" not in page, "a published document is not « none »"
    assert "document publié, pas encore saisi" in generate(data)["fr/suivi/promo-test/"]


def test_a_rule_without_a_repeat_gives_one_due_date(data: Path) -> None:
    site = data / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + RULE.format(every=""), encoding="utf-8")
    # The measure's entry of 1 September 2025 is nearer its vote (2 July 2025) than the due date a year later.
    assessed = generate(data)[NEVER_ASSESSED]
    assert "Prochain suivi attendu" not in assessed
    assert "Suivi attendu depuis 2 juillet 2026" in assessed
    site.write_text(site.read_text(encoding="utf-8").replace("  first_after_months: 12\n",
                                                             "  first_after_months: 12\n  then_every_months: 12\n"),
                    encoding="utf-8")
    assert "Prochain suivi attendu 2 juillet 2027" in generate(data)[NEVER_ASSESSED]


def test_the_member_list_sentence_follows_its_source(data: Path) -> None:
    for path in ("fr/promotions/promo-test/", "fr/membres/"):
        page = generate(data)[path]
        assert "La liste des membres de cette promotion n’est pas enregistrée ici." in page
        assert "la Ville la publie" not in page and "publie la liste" not in page
    edit(data / "cohorts" / "promo-test.yml", "sources:\n",
         "member_list_source:\n  title: Liste fictive des membres\n  url: https://example.org/liste\n"
         "  consulted: 2025-01-15\n  note: {fr: « La liste des membres », en: “The member list”}\nsources:\n")
    pages = generate(data)
    for path in ("fr/promotions/promo-test/", "fr/membres/"):
        assert ("La liste des membres de cette promotion n’est pas reproduite ici. Selon « Liste fictive des membres », "
                "la Ville la publie.") in pages[path], path
    assert "According to “Liste fictive des membres”, the City publishes it." in pages["en/promotions/promo-test/"]


def test_a_measure_known_from_a_secondary_source_carries_no_official_number(data: Path) -> None:
    official = generate(data)
    assert "Mesure n° 1 Mesure de test" in official[NEVER_ASSESSED]
    assert "source secondaire" not in official["fr/sujets/test-sujet/"]
    edit(data / "recommendations" / "test-sujet-01.yml", "number: 1\n", "number: 1\nknown_from: press\n")
    pages = generate(data)
    assert "Mesure n° 1" not in pages[NEVER_ASSESSED]
    assert ("Mesure connue seulement par un article de presse : le texte officiel n’est pas enregistré ici. "
            "Cette source la cite comme la mesure 1 du texte") in pages[NEVER_ASSESSED]
    for path in ("fr/sujets/test-sujet/", "fr/suivi/promo-test/", "fr/recommandations/"):
        assert "Mesure de test source secondaire" in pages[path], path
        assert "Mesure n° 1" not in pages[path], path
    assert "Measure known only from a press article" in pages["en/recommandations/test-sujet-01/"]
