"""The legal pages list every item the law requires, from data/site.yml; `check` flags each one
left out (a warning while editing, an error when publishing), and the pages never print a
placeholder as a fact. The accessibility statement follows the RGAA model and claims only what the
browser tests check. The open-data licence's exclusion of quotations reaches datapackage.json."""

from __future__ import annotations

import html as htmllib
import json
import re
import shutil
from pathlib import Path

import pytest

from generator import build as pipeline
from generator.cli import main
from generator.records.catalogue import speaking_to_editors
from generator.records.legal import ITEMS, NOTICE, PERSONAL_DATA, absent
from generator.records.validate import validate
from generator.site.i18n import gettext

from .conftest import BUILD_DATE, CHECK_DAY, ROOT

LEGAL_PAGES = ("mentions-legales", "donnees-personnelles", "accessibilite")
FILLED = {
    "publisher": "Association fictive de test",
    "publisher_address": "1 rue fictive, 99999 Testville",
    "director": "Dominique Fictif",
    "host": "Hébergeur fictif",
    "host_address": "2 rue fictive, 99999 Testville",
    "host_phone": "+00 1 23 45 67 89",
    "publisher_phone": "+00 1 23 45 67 80",
    "data_controller": "Responsable fictif",
    "privacy_contact": "https://example.org/contact-fictif",
}


def words(markup: str) -> str:
    markup = re.sub(r"</?(a|span|strong|em|cite|small|code|b|i)\b[^>]*>", "", markup)
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def without_legal(data: Path) -> None:
    site = data / "site.yml"
    text = site.read_text(encoding="utf-8")
    site.write_text(text[:text.index("# Every item of the legal pages")], encoding="utf-8")


@pytest.fixture
def dataset(minimal_copy: Path) -> Path:
    """The minimal fixture with the real legal pages' hand-written text."""
    for lang in ("fr", "en"):
        for name in LEGAL_PAGES:
            shutil.copy(ROOT / "content" / lang / f"{name}.md", minimal_copy / "content" / lang / f"{name}.md")
    return minimal_copy


def pages(dataset: Path) -> dict[str, str]:
    result = pipeline.generate(dataset / "data", dataset / "content", dataset, build_date=BUILD_DATE, today=CHECK_DAY)
    assert result.ok
    return {p.path.removesuffix("index.md"): words(p.text.split("\n---\n", 1)[1]) for p in result.pages}


# --------------------------------------------------------------------------- check


def test_check_lists_every_missing_item_in_one_located_warning(dataset: Path) -> None:
    without_legal(dataset / "data")
    _, _, problems = pipeline.check(dataset / "data", dataset / "content", dataset, today=CHECK_DAY)
    legal = [p for p in problems if p.field.startswith("legal")]
    assert len(legal) == 1 and not legal[0].is_error
    assert legal[0].path == "data/site.yml"
    message = legal[0].message
    assert message.startswith("Il manque encore 19 éléments obligatoires aux pages légales. Ajoutez chacun sous "
                              "`legal:` dans ce fichier (le guide, CONTRIBUTING.md, montre comment)\u00a0:\n")
    for item in ITEMS:  # the items required in some cases only are not, when nothing is said
        assert (f"- {item.field}: {item.what}" in message) == (item.when is None), item.field
    assert "- host_phone: le numéro de téléphone de l’hébergeur, tel que l’hébergeur le publie\n" in message
    assert "Pour les mentions légales (LCEN art. 6-III)\u00a0:\n" in message
    assert "Pour la page des données personnelles (RGPD art. 13 et 14)\u00a0:\n" in message
    assert message.endswith("\nD’ici là, les pages disent qu’ils ne sont pas encore remplis, et la publication (le workflow "
                            "de déploiement) s’arrête ici.")
    with speaking_to_editors("en"):
        _, _, problems = pipeline.check(dataset / "data", dataset / "content", dataset, today=CHECK_DAY)
        message = next(p.message for p in problems if p.field == "legal")
        assert message.startswith("The legal pages still lack 19 required items. Add each under `legal:` in this file "
                                  "(the guide, CONTRIBUTING.en.md, shows how):\n")
        for item in ITEMS:
            assert (f"- {item.field}: {item.what}" in message) == (item.when is None), item.field
        assert "- host_phone: the host's telephone number, as the host publishes it\n" in message
    assert "For the legal notice (mentions légales, LCEN art. 6-III):" in message
    assert "For the personal-data page (données personnelles, GDPR arts. 13 and 14):" in message


def test_one_missing_item_is_said_in_the_singular(dataset: Path) -> None:
    site = dataset / "data" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("  director: Dominique Test (personne fictive)\n", ""),
                    encoding="utf-8")
    _, _, problems = pipeline.check(dataset / "data", dataset / "content", dataset, publishing=True, today=CHECK_DAY)
    message = next(p.message for p in problems if p.field == "legal")
    assert message == ("Il manque encore 1 élément obligatoire aux pages légales. Ajoutez-le sous `legal:` dans ce "
                       "fichier (le guide, CONTRIBUTING.md, montre comment)\u00a0:\n"
                       "Pour les mentions légales (LCEN art. 6-III)\u00a0:\n"
                       "- director: le directeur ou la directrice de la publication\u00a0: le nom d’une personne\n"
                       "Le site ne peut pas être publié tant qu’il n’est pas rempli.")
    with speaking_to_editors("en"):
        _, _, problems = pipeline.check(dataset / "data", dataset / "content", dataset, publishing=True, today=CHECK_DAY)
    message = next(p.message for p in problems if p.field == "legal")
    assert message == ("The legal pages still lack 1 required item. Add it under `legal:` in this file (the guide, "
                       "CONTRIBUTING.en.md, shows how):\n"
                       "For the legal notice (mentions légales, LCEN art. 6-III):\n"
                       "- director: the director of publication: a person's name\n"
                       "The site cannot be published until it is filled in.")


def test_publishing_turns_the_missing_items_into_an_error(dataset: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    without_legal(dataset / "data")
    _, _, problems = pipeline.check(dataset / "data", dataset / "content", dataset, publishing=True, today=CHECK_DAY)
    assert [p.field for p in problems if p.is_error] == ["legal"]
    assert any(p.message.endswith("\nLe site ne peut pas être publié tant qu’ils ne sont pas remplis.")
               for p in problems if p.field == "legal")
    monkeypatch.chdir(dataset)
    assert main(["check"]) == 0
    capsys.readouterr()
    assert main(["check", "--publish", "--format", "github"]) == 1
    out = capsys.readouterr().out
    errors = [line for line in out.splitlines() if line.startswith("::error ")]
    assert len(errors) == 1 and errors[0].startswith("::error file=data/site.yml,") and "title=legal::" in errors[0]


def test_a_complete_legal_section_passes_even_when_publishing(dataset: Path) -> None:
    _, _, problems = pipeline.check(dataset / "data", dataset / "content", dataset, publishing=True, today=CHECK_DAY)
    assert [p.text() for p in problems if p.field.startswith("legal")] == []


def test_a_contact_that_needs_a_github_account_is_flagged(dataset: Path) -> None:
    site = dataset / "data" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace(
        "privacy_contact: https://example.org/minimal/contact",
        "privacy_contact: https://github.com/droit-de-suite/droit-de-suite/issues"), encoding="utf-8")
    _, _, problems = pipeline.check(dataset / "data", dataset / "content", dataset, today=CHECK_DAY)
    flagged = [p for p in problems if p.field == "legal.privacy_contact"]
    assert len(flagged) == 1 and flagged[0].message.startswith("Ce contact demande un compte GitHub.")
    assert flagged[0].line > 1


def test_the_real_site_is_flagged_until_its_legal_notice_is_complete() -> None:
    dataset, problems = validate(ROOT / "data", ROOT, today=CHECK_DAY)
    from generator.records.legal import missing

    found = list(missing(dataset))
    absent = [item.field for item in ITEMS if item.lacking(dataset.site.record.legal)]
    assert bool(found) == bool(absent)
    if absent:
        assert all(f"- {field}:" in found[0].message for field in absent)


# --------------------------------------------------------------------------- the pages


def test_the_legal_pages_print_every_item_filled_in(dataset: Path) -> None:
    site = dataset / "data" / "site.yml"
    text = site.read_text(encoding="utf-8")
    for field, value in FILLED.items():
        text = re.sub(rf"^  {field}: .*$", f"  {field}: {value}", text, flags=re.M)
    # A phone number is shown only once listed as a service's public contact.
    site.write_text(text + f'public_contacts:\n  - "{FILLED["host_phone"]}"\n  - "{FILLED["publisher_phone"]}"\n', encoding="utf-8")
    built = pages(dataset)
    notice, data, a11y = (built[f"fr/{name}/"] for name in LEGAL_PAGES)
    for label, field in (("Nom ou dénomination", "publisher"), ("Adresse ou siège social", "publisher_address"),
                         ("Directeur ou directrice de la publication Nom", "director"), ("Hébergeur Nom", "host"),
                         ("Adresse", "host_address"), ("Téléphone", "host_phone"), ("Téléphone", "publisher_phone")):
        assert f"{label} {FILLED[field]}" in notice, label
    assert "Responsable du traitement Responsable fictif" in data
    assert "Contact (sans compte GitHub) https://example.org/contact-fictif" in data
    assert "Base légale de la publication des noms Base légale fictive." in data
    assert "Durée de conservation Durée fictive." in data
    assert "pas encore renseigné" not in notice + data + a11y
    assert "Cette déclaration d’accessibilité s’applique au site https://example.org/minimal/, publié par Association fictive de test." in a11y
    assert "écrivez-nous : https://example.org/contact-fictif." in a11y


def test_a_missing_item_is_said_to_be_missing_never_made_up(dataset: Path) -> None:
    without_legal(dataset / "data")
    built = pages(dataset)
    for lang, unfilled in (("fr", "pas encore renseigné par l’éditeur du site"), ("en", "not yet filled in by the site’s publisher")):
        notice, data, a11y = (built[f"{lang}/{name}/"] for name in LEGAL_PAGES)
        # Every row and text of an item left out says so in its place (8 on the notice, 11 on the
        # personal-data page), and so does each sentence that would give the missing contact.
        assert notice.count(unfilled) == 8 + 1, notice
        assert data.lower().count(unfilled.lower()) == 11 + 1, data
        assert unfilled in a11y
        for page in (notice, data, a11y):
            assert "À compléter" not in page and "To be completed" not in page
    site = dataset / "data" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + "repository: https://example.org/depot\n", encoding="utf-8")
    a11y = pages(dataset)["fr/accessibilite/"]
    assert ("Le contact qui ne demande pas de compte GitHub n’est pas encore renseigné par l’éditeur du site : en attendant, "
            "ouvrez un ticket sur le dépôt du projet (il faut un compte GitHub).") in a11y
    notice = built["fr/mentions-legales/"]
    for label in ("Éditeur", "Nom ou dénomination", "Adresse ou siège social", "Directeur ou directrice de la publication",
                  "Hébergeur", "Téléphone", "Licence des données"):
        assert label in notice, label


def test_the_personal_data_page_states_the_rules_on_minors_and_groups(dataset: Path) -> None:
    built = pages(dataset)
    assert "Aucun nom de mineur n’est jamais publié : les membres mineurs figurent seulement dans les chiffres." in built["fr/donnees-personnelles/"]
    assert ("Le groupe d’un membre (groupe d’âge, groupe de nationalité) n’est publié que sous forme de décompte, "
            "jamais à côté d’un nom.") in built["fr/donnees-personnelles/"]
    assert "No minor’s name is ever published" in built["en/donnees-personnelles/"]


RGAA_SECTIONS = ("État de conformité", "Résultats des tests", "Contenus non accessibles", "Non-conformités",
                 "Dérogations pour charge disproportionnée", "Contenus non soumis à l’obligation d’accessibilité",
                 "Établissement de cette déclaration", "Technologies utilisées", "Environnement de test",
                 "Outils pour évaluer l’accessibilité", "Pages du site ayant fait l’objet de la vérification",
                 "Retour d’information et contact", "Voies de recours")


def test_the_accessibility_statement_follows_the_rgaa_model_and_claims_only_what_is_tested(real_site) -> None:
    _, site = real_site
    page = (site / "accessibilite" / "index.html").read_text(encoding="utf-8")
    headings = [words(h) for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", page, re.S)]
    order = [headings.index(section) for section in RGAA_SECTIONS]
    assert order == sorted(order), headings
    text = words(page)
    assert "aucun audit n’a été réalisé" in text and "non conforme" in text
    # The pages checked are the browser tests' templates, one list item each.
    templates = re.findall(r'^    "([\w-]+)": \("(?:real|demo)"',
                           (ROOT / "tests" / "browser" / "conftest.py").read_text(encoding="utf-8"), re.M)
    checked = page.split("Pages du site ayant fait l’objet de la vérification", 1)[1].split("</ol>", 1)[0]
    assert checked.count("<li>") == len(templates) == 18
    assert "lecteur d’écran" in text  # no screen reader test, said so


def test_the_open_data_licence_excludes_quotations_in_datapackage(real_site) -> None:
    _, site = real_site
    package = json.loads((site / "donnees" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"] == [{"name": "etalab-2.0", "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
                                    "title": "Licence Ouverte / Open Licence 2.0 (Etalab)"}]
    assert package["x-licence-exclusion"]["en"].startswith("Quotations of third-party documents")
    assert "ne sont pas couvertes par cette licence" in package["x-licence-exclusion"]["fr"]
    assert package["x-licence-exclusion"]["en"] in package["description"]
    notice = words((site / "mentions-legales" / "index.html").read_text(encoding="utf-8"))
    assert "Licence Ouverte 2.0 (Etalab). Les citations de documents de tiers" in notice


def test_without_a_licence_none_is_claimed(dataset: Path) -> None:
    result = pipeline.generate(dataset / "data", dataset / "content", dataset, build_date=BUILD_DATE, today=CHECK_DAY)
    package = json.loads(result.files["donnees/datapackage.json"])
    assert "licenses" not in package and "x-licence-exclusion" not in package
    assert "Aucune licence n’est déclarée pour les données de ce site." in pages(dataset)["fr/mentions-legales/"]


def test_the_legal_items_are_public_fields_and_their_contacts_go_through_public_contacts(dataset: Path) -> None:
    """The law requires the host's address and telephone and a personal-data contact to be published:
    their field names hold words of the private-data list, yet they are allowed in data/site.yml. A
    real-looking number or address there is still a contact detail, accepted once `public_contacts`
    lists it (where a reviewer checks it is a service's)."""
    site = dataset / "data" / "site.yml"
    text = site.read_text(encoding="utf-8").replace(
        "privacy_contact: https://example.org/minimal/contact", "privacy_contact: dpo@testville.example")
    site.write_text(text, encoding="utf-8")
    _, _, problems = pipeline.check(dataset / "data", dataset / "content", dataset, publishing=True, today=CHECK_DAY)
    # The field names are allowed (none of them is flagged as private), the address is a contact detail.
    flagged = [p for p in problems if p.field.startswith("legal.")]
    assert [p.field for p in flagged] == ["legal.privacy_contact"], [p.text() for p in problems]
    assert "dpo@testville.example" in flagged[0].message and "`public_contacts`" in flagged[0].message
    site.write_text(text + "public_contacts:\n  - dpo@testville.example\n", encoding="utf-8")
    _, _, problems = pipeline.check(dataset / "data", dataset / "content", dataset, publishing=True, today=CHECK_DAY)
    assert [p.text() for p in problems if p.is_error] == []


# --------------------------------------------------------------------------- every item, one by one


def drop(text: str, field: str) -> str:
    """site.yml's text without `legal.<field>` (a line, or a block of `fr:`/`en:` lines)."""
    dropped = re.sub(rf"^  {field}:.*\n(?:    .*\n)*", "", text, count=1, flags=re.M)
    assert dropped != text, field
    return dropped


def norm(text: str) -> str:
    return " ".join(text.replace("'", "’").replace("\u00a0", " ").replace("\u202f", " ").split())


def missing_blocks(dataset: Path) -> dict[str, list[str]]:
    """Each legal page's list of missing items (page path -> the items named), as readers see it."""
    result = pipeline.generate(dataset / "data", dataset / "content", dataset, build_date=BUILD_DATE, today=CHECK_DAY)
    assert result.ok
    found = {}
    for p in result.pages:
        name = p.path.removesuffix("index.md")
        if name.split("/")[1] in LEGAL_PAGES:
            block = re.search(r'<div class="dds-unknown" role="note">(.*?)</div>', p.text, re.S)
            found[name] = [norm(words(li)) for li in re.findall(r"<li>(.*?)</li>", block.group(1), re.S)] if block else []
    return found


def expected(items: list, lang: str) -> list[str]:
    return [norm(gettext(item.label_message, lang)) for item in items]


def test_each_item_left_out_is_named_as_missing_on_its_page(dataset: Path) -> None:
    """Every required item (the registration and the DPO's contact only once their yes/no field says
    they are required) is named, in words, at the top of its own page, in both languages."""
    without_legal(dataset / "data")
    lists = missing_blocks(dataset)
    for lang in ("fr", "en"):
        assert lists[f"{lang}/mentions-legales/"] == expected([i for i in ITEMS if i.page_key == NOTICE and i.when is None], lang)
        assert lists[f"{lang}/donnees-personnelles/"] == expected(
            [i for i in ITEMS if i.page_key == PERSONAL_DATA and i.when is None], lang)
        assert lists[f"{lang}/accessibilite/"] == []
    assert "le numéro de téléphone de l’éditeur" in lists["fr/mentions-legales/"]
    assert "les transferts hors de l’Union européenne et leurs garanties" in lists["fr/donnees-personnelles/"]


def test_the_conditional_items_are_missing_once_their_flag_says_so(dataset: Path) -> None:
    site = dataset / "data" / "site.yml"
    text = site.read_text(encoding="utf-8")
    site.write_text(text.replace("  publisher_registered: false", "  publisher_registered: true")
                    .replace("  dpo_designated: false", "  dpo_designated: true"), encoding="utf-8")
    lists = missing_blocks(dataset)
    assert lists["fr/mentions-legales/"] == ["le numéro d’inscription de l’éditeur"]
    assert lists["fr/donnees-personnelles/"] == ["le contact du délégué à la protection des données"]
    _, _, problems = pipeline.check(dataset / "data", dataset / "content", dataset, publishing=True, today=CHECK_DAY)
    message = next(p.message for p in problems if p.field == "legal")
    assert "- publisher_registration: " in message and "- dpo_contact: " in message


def test_a_complete_legal_section_names_nothing_as_missing(dataset: Path) -> None:
    lists = missing_blocks(dataset)
    assert all(found == [] for found in lists.values()), lists
    built = pages(dataset)
    assert "Aucun délégué à la protection des données n’a été désigné." in built["fr/donnees-personnelles/"]
    assert "No data protection officer has been designated." in built["en/donnees-personnelles/"]
    assert ("L’éditeur n’est inscrit ni au registre du commerce et des sociétés ni au répertoire des métiers."
            in built["fr/mentions-legales/"])
    for name in LEGAL_PAGES:
        assert "pas encore renseigné" not in built[f"fr/{name}/"], name
        assert "not yet filled in" not in built[f"en/{name}/"], name
    data = built["fr/donnees-personnelles/"]
    for title, value in (("Finalités", "Finalités fictives."), ("Données publiées", "Catégories fictives."),
                         ("D’où viennent les données", "Sources fictives."), ("Destinataires", "Destinataires fictifs."),
                         ("Transferts hors de l’Union européenne", "Transferts fictifs."),
                         ("Fourniture des données", "Fourniture fictive.")):
        assert f"{title} {value}" in data, title
    # The law's rights and the complaint to the CNIL, on every site.
    for right in ("d’accéder", "rectifier", "effacer", "limiter le traitement", "vous opposer", "portabilité", "CNIL"):
        assert right in data, right
    assert "Pour exercer ces droits, écrivez au responsable du traitement : https://example.org/minimal/contact." in norm(data)


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item.field)
def test_check_publish_refuses_each_item_left_out(dataset: Path, item) -> None:
    site = dataset / "data" / "site.yml"
    text = site.read_text(encoding="utf-8")
    if item.when:  # the minimal fixture says it is not required (false): now it is, and is not given
        assert f"  {item.field}:" not in text
        text = text.replace(f"  {item.when}: false", f"  {item.when}: true")
    else:
        text = drop(text, item.field)
    site.write_text(text, encoding="utf-8")
    _, _, problems = pipeline.check(dataset / "data", dataset / "content", dataset, publishing=True, today=CHECK_DAY)
    errors = [p for p in problems if p.is_error]
    assert [p.field for p in errors] == ["legal"], [p.text() for p in errors]
    error = errors[0]
    assert error.path == "data/site.yml" and text.splitlines()[error.line - 2] == "legal:"  # the block's first line
    assert error.message.startswith("Il manque encore 1 élément obligatoire aux pages légales. Ajoutez-le sous `legal:`")
    assert f"\n- {item.field}: {item.what}\n" in error.message
    assert sum(line.startswith("- ") for line in error.message.splitlines()) == 1
    assert error.message.endswith("Le site ne peut pas être publié tant qu’il n’est pas rempli.")


def test_no_sentence_sends_readers_to_a_contact_that_is_not_filled_in(dataset: Path) -> None:
    site = dataset / "data" / "site.yml"
    site.write_text(drop(site.read_text(encoding="utf-8"), "privacy_contact"), encoding="utf-8")
    built = pages(dataset)
    notice, data, a11y = (norm(built[f"fr/{name}/"]) for name in LEGAL_PAGES)
    assert ("Le contact de l’éditeur qui ne demande pas de compte GitHub (adresse électronique, formulaire ou adresse "
            "postale) n’est pas encore renseigné par l’éditeur du site.") in notice
    assert "Pour écrire à l’éditeur" not in notice
    assert ("Le contact qui permettrait d’exercer ces droits sans compte GitHub n’est pas encore renseigné par "
            "l’éditeur du site.") in data
    assert "écrivez au responsable du traitement" not in data
    # Without a repository either, the accessibility statement says there is no way given at all.
    assert ("le contact qui ne demande pas de compte GitHub n’est pas encore renseigné par l’éditeur du site, et ce site "
            "n’indique aucun autre moyen de le joindre.") in a11y
    assert "écrivez-nous" not in a11y
    for page in (notice, data, a11y):
        assert "le contact indiqué" not in page
    # With a repository, the issue is offered as what it is: it needs a GitHub account and is public.
    site.write_text(site.read_text(encoding="utf-8") + "repository: https://example.org/depot\n", encoding="utf-8")
    notice = norm(pages(dataset)["fr/mentions-legales/"])
    assert ("En attendant, le seul moyen d’écrire à l’éditeur que ce site indique est un ticket sur le dépôt du projet : "
            "il faut un compte GitHub, et le ticket est public.") in notice


def test_the_real_legal_pages_name_what_data_site_yml_leaves_out() -> None:
    """The real site invents nothing: every item its data/site.yml leaves out is named as missing on
    its page (today the publisher's telephone, the purposes, the transfers…)."""
    dataset, _ = validate(ROOT / "data", ROOT, today=CHECK_DAY)
    legal_record = dataset.site.record.legal
    lacking = absent(legal_record)
    assert [i.field for i in lacking] == [i.field for i in ITEMS if i.lacking(legal_record)]
    result = pipeline.generate(ROOT / "data", ROOT / "content", ROOT, build_date=BUILD_DATE, today=CHECK_DAY)
    for p in result.pages:
        for lang, key, name in (("fr", NOTICE, "mentions-legales"), ("fr", PERSONAL_DATA, "donnees-personnelles"),
                                ("en", NOTICE, "mentions-legales"), ("en", PERSONAL_DATA, "donnees-personnelles")):
            if p.path == f"{lang}/{name}/index.md":
                for label in expected([i for i in lacking if i.page_key == key], lang):
                    assert label in norm(words(p.text)), (p.path, label)
