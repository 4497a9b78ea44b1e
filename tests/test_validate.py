"""Every mistake an editor can make in a record gets a located message saying what is wrong and
how to fix it. Each fixture in tests/fixtures/invalid/<folder>/<field>_<reason>.yml replaces one
record of the minimal fixture site; its exact messages are pinned here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from generator.records import cache, catalogue
from generator.records.catalogue import speaking_to_editors
from generator.records.problems import sort_problems
from generator.records.validate import validate

from .conftest import CHECK_DAY, FIXTURES, MINIMAL, ROOT
from .french import french

INVALID = FIXTURES / "invalid"
TARGETS = {"recommendations": "test-sujet-01", "topics": "test-sujet", "cohorts": "promo-test"}

EXPECTED = {fixture: french(text) for fixture, text in {
    "cohorts/composition.category_choice.yml":
        "data/cohorts/promo-test.yml:14:16: composition[3].category\n  « minor » n'est pas l'une des valeurs prévues ici. Utilisez l'une de celles-ci : electoral_rolls, non_eu_residents, minors. Vouliez-vous dire « minors » ?",
    "cohorts/composition_sum.yml":
        'data/cohorts/promo-test.yml:12:3: composition\n  Les groupes totalisent 99 membres, mais `size` indique 100. Faites concorder les deux.',
    "cohorts/phases.end_before_start.yml":
        'data/cohorts/promo-test.yml:18:10: phases[1].end\n  Cette phase se termine (2024-08) avant de commencer (2024-09). Vérifiez les deux dates.',
    "cohorts/start_format.yml":
        "data/cohorts/promo-test.yml:5:8: start\n  « septembre 2024 » n'est pas une date que nous savons lire. Écrivez ANNÉE-MOIS-JOUR (2025-07-02), ou ANNÉE-MOIS (2024-10) ou ANNÉE (2024) quand les sources ne donnent pas le jour.",
    "cohorts/workshops.id_duplicate.yml":
        "data/cohorts/promo-test.yml:23:9: workshops[2].id\n  L'identifiant d'atelier « deliberation » est utilisé deux fois dans cette promotion. Donnez à chaque atelier son propre identifiant.",
    "recommendations/field_unknown.yml":
        "data/recommendations/test-sujet-01.yml:2:1: title\n  Le champ « title » manque : un titre court pour la mesure. Ajoutez une ligne `title: …`.\ndata/recommendations/test-sujet-01.yml:5:1: titel\n  « titel » n'est pas un champ que nous utilisons ici. Vouliez-vous dire « title » ? Les champs possibles ici : id, topic, number, title, known_from, text, text_is_excerpt, department, elected_official, follow_up, related_hearings, related_recommendations, former_ids, sources.",
    "recommendations/follow_up.assessor_choice.yml":
        "data/recommendations/test-sujet-01.yml:11:15: follow_up[1].assessor\n  « ville » n'est pas l'une des valeurs prévues ici. Utilisez l'une de celles-ci : city, members, observer. Vouliez-vous dire « city » ?",
    "recommendations/follow_up.corrects.date_before.yml":
        "data/recommendations/test-sujet-01.yml:30:13: follow_up[2].corrects.date\n  La correction est datée du 2025-08-01, avant l'entrée qu'elle corrige (2025-09-01). Écrivez le jour où la correction a été faite.",
    "recommendations/follow_up.corrects_nothing.yml":
        "data/recommendations/test-sujet-01.yml:20:5: follow_up[2]\n  Cette correction dit exactement ce que dit l'entrée 1 : corrigez ce qui y était faux (le statut, la progression, la date…), ou supprimez la correction.",
    "recommendations/follow_up.corrects_unknown.yml":
        "data/recommendations/test-sujet-01.yml:29:19: follow_up[2].corrects.entry_date\n  Cette correction désigne l'entrée du 2025-09-10 par city, et aucune entrée de ce jour par cet évaluateur ne la précède dans `follow_up:`. Écrivez la date (et, s'il diffère, l'évaluateur) de l'entrée qu'elle corrige, tels que cette entrée les donne ; une correction vient après l'entrée qu'elle corrige.",
    "recommendations/follow_up.date_format.yml":
        "data/recommendations/test-sujet-01.yml:10:11: follow_up[1].date\n  « 01/09/2025 » n'est pas une date que nous savons lire. Écrivez les dates sous la forme ANNÉE-MOIS-JOUR, par exemple 2025-09-01.",
    "recommendations/follow_up.date_impossible.yml":
        "data/recommendations/test-sujet-01.yml:10:11: follow_up[1].date\n  « 2025-02-30 » n'est pas un jour qui existe. Vérifiez le mois et le jour (ANNÉE-MOIS-JOUR).",
    "recommendations/follow_up.progress_contradicts_final.yml":
        'data/recommendations/test-sujet-01.yml:14:15: follow_up[1].progress\n  La progression de 60 % contredit le statut final « done », qui vaut 100 %. Changez le statut, ou supprimez `progress`.',
    "recommendations/follow_up.progress_out_of_range.yml":
        'data/recommendations/test-sujet-01.yml:14:15: follow_up[1].progress\n  150 est en dehors des limites. Écrivez un nombre entier de 0 à 100.',
    "recommendations/follow_up.progress_without_reason.yml":
        'data/recommendations/test-sujet-01.yml:14:15: follow_up[1].progress\n  La progression de 70 % diffère de celle du statut « in_progress » (50 %). Dites pourquoi dans `progress_reason`, ou supprimez `progress`.',
    "recommendations/follow_up.status_unknown.yml":
        "data/recommendations/test-sujet-01.yml:13:13: follow_up[1].status\n  « in-progress » n'est pas un statut que nous utilisons. Utilisez l'un de ceux-ci : not_assessed, in_progress, done. Vouliez-vous dire « in_progress » ?",
    "recommendations/follow_up.target_moved_without_reason.yml":
        "data/recommendations/test-sujet-01.yml:23:13: follow_up[2].target\n  L'échéance passe de 2026-06 à 2026-12. Dites pourquoi dans `target_reason`.",
    "recommendations/follow_up_no_source.yml":
        "data/recommendations/test-sujet-01.yml:20:5: follow_up[2]\n  Cette entrée de suivi n'a pas de source. Ajoutez `sources:` avec le document qui établit cette évaluation.",
    "recommendations/follow_up_out_of_order.yml":
        'data/recommendations/test-sujet-01.yml:20:11: follow_up[2].date\n  Cette entrée (2025-08-01) est plus ancienne que celle du dessus (2025-09-01). Listez les entrées de suivi de la plus ancienne à la plus récente, et ajoutez les nouvelles à la fin.',
    "recommendations/follow_up_same_day_differs.yml":
        "data/recommendations/test-sujet-01.yml:20:5: follow_up[2]\n  L'entrée 1 a la même date (2025-09-01) et le même évaluateur (city), mais dit autre chose : un évaluateur donne une évaluation par jour. Si cette entrée corrige l'entrée 1, dites-le : ajoutez `corrects:` avec `entry_date: 2025-09-01`, le jour de la correction (`date:`) et sa raison (`reason:`), et laissez l'entrée 1 telle quelle. S'il s'agit d'une autre évaluation, corrigez sa date.",
    "recommendations/id_format.yml":
        "data/recommendations/test-sujet-01.yml:2:5: id\n  « Test Sujet 01 » ne peut pas servir d'identifiant. Un identifiant s'écrit en minuscules a-z, chiffres et tirets simples, par exemple « test-sujet-01 ».",
    "recommendations/id_mismatch.yml":
        "data/recommendations/test-sujet-01.yml:2:5: id\n  L'identifiant « test-sujet-1 » diffère du nom du fichier « test-sujet-01.yml ». Ils doivent être identiques : renommez le fichier en test-sujet-1.yml, ou écrivez `id: test-sujet-01`.",
    "recommendations/number_not_whole.yml":
        "data/recommendations/test-sujet-01.yml:4:9: number\n  « trois » n'est pas un nombre entier. Écrivez seulement des chiffres, par exemple 3.",
    "recommendations/private_key.yml":
        'data/recommendations/test-sujet-01.yml:5:1: email\n  « email » désigne une information privée, qui ne doit jamais être publiée ni conservée dans ce dépôt. Supprimez ce champ et sa valeur ; gardez ces informations dans les fichiers de la Ville.',
    "recommendations/related_self.yml":
        'data/recommendations/test-sujet-01.yml:5:27: related_recommendations[1]\n  Une mesure ne peut pas être liée à elle-même. Supprimez cette ligne.',
    "recommendations/related_unknown.yml":
        "data/recommendations/test-sujet-01.yml:5:27: related_recommendations[1]\n  Il n'y a pas de mesure « test-sujet-02 ». Les identifiants des mesures sont les noms des fichiers de data/recommendations/. Vouliez-vous dire « test-sujet-01 » ?",
    "recommendations/sources.consulted_missing.yml":
        'data/recommendations/test-sujet-01.yml:21:5: sources[1].consulted\n  Le champ « consulted » manque : {}. Ajoutez une ligne `consulted: …`.',
    "recommendations/sources.url_format.yml":
        "data/recommendations/test-sujet-01.yml:22:10: sources[1].url\n  « www.example.org/source » n'est pas une adresse web que nous acceptons. Écrivez l'adresse complète, qui commence par https://.",
    "recommendations/sources_missing.yml":
        "data/recommendations/test-sujet-01.yml:2:1:\n  Cette fiche n'a pas de source. Ajoutez `sources:` avec au moins un document public qui prouve ce qu'elle dit (title, url, consulted).",
    "recommendations/sources_not_a_list.yml":
        "data/recommendations/test-sujet-01.yml:20:10: sources\n  Ceci devrait être une liste, chaque élément sur sa ligne commençant par « - », mais c'est le texte « https://example.org/source ».",
    "recommendations/text_is_excerpt_not_boolean.yml":
        "data/recommendations/test-sujet-01.yml:5:18: text_is_excerpt\n  « yes » n'est ni true ni false. Écrivez `true` (oui) ou `false` (non).",
    "recommendations/text_not_localized.yml":
        "data/recommendations/test-sujet-01.yml:6:7: text\n  Ce texte a besoin d'une version française et d'une version anglaise, chacune sur sa ligne, en retrait :\n  text:\n    fr: …\n    en: …",
    "recommendations/title_empty.yml":
        'data/recommendations/test-sujet-01.yml:5:13: title.fr\n  Ce texte est vide. Écrivez le texte, ou supprimez le champ.',
    "recommendations/title_french_missing.yml":
        'data/recommendations/test-sujet-01.yml:5:8: title.fr\n  Le texte en français manque. Ajoutez une ligne `fr: …` avec le texte en français.',
    "recommendations/title_language_unknown.yml":
        "data/recommendations/test-sujet-01.yml:5:29: title.de\n  « de » n'est pas une langue de ce site. Les textes ont `fr:` et `en:`.",
    "recommendations/title_missing.yml":
        'data/recommendations/test-sujet-01.yml:2:1: title\n  Le champ « title » manque : un titre court pour la mesure. Ajoutez une ligne `title: …`.',
    "recommendations/topic_unknown.yml":
        "data/recommendations/test-sujet-01.yml:3:8: topic\n  Il n'y a pas de sujet « test-sujets ». Les identifiants des sujets sont les noms des fichiers de data/topics/. Vouliez-vous dire « test-sujet » ?",
    "statuses/final_not_boolean.yml":
        "data/statuses.yml:23:12: statuses[3].final\n  « oui » n'est ni true ni false. Écrivez `true` (oui) ou `false` (non).",
    "statuses/not_assessed_unknown.yml":
        "data/statuses.yml:2:15: not_assessed\n  Il n'y a pas de statut « not_asessed » dans ce fichier. Utilisez l'un de ceux-ci : not_assessed, in_progress, done. Vouliez-vous dire « not_assessed » ?",
    "topics/cohort_unknown.yml":
        "data/topics/test-sujet.yml:3:9: cohort\n  Il n'y a pas de promotion « promo-tset ». Les identifiants des promotions sont les noms des fichiers de data/cohorts/. Vouliez-vous dire « promo-test » ?",
    "topics/measures_missing.yml":
        'data/topics/test-sujet.yml:2:1: measures\n  Le champ « measures » manque : si les mesures enregistrées ici pour ce sujet sont toutes celles du texte. Ajoutez une ligne `measures: …`.',
    "topics/output_choice.yml":
        "data/topics/test-sujet.yml:5:9: output\n  « voeux » n'est pas l'une des valeurs prévues ici. Utilisez l'une de celles-ci : voeu, deliberation. Vouliez-vous dire « voeu » ?",
    "topics/vote.result_choice.yml":
        "data/topics/test-sujet.yml:12:11: vote.result\n  « adopte » n'est pas l'une des valeurs prévues ici. Utilisez l'une de celles-ci : adopted, rejected, pending. Vouliez-vous dire « adopted » ?",
    "topics/workshop_unknown.yml":
        "data/topics/test-sujet.yml:4:11: workshop\n  La promotion « promo-test » n'a pas d'atelier « exploration ». Ses ateliers sont : deliberation (voir data/cohorts/promo-test.yml).",
}.items()}
#: A field's description, the schema's words, is put in the message set as the message is (catalogue.typeset).
EXPECTED["recommendations/sources.consulted_missing.yml"] = EXPECTED["recommendations/sources.consulted_missing.yml"].format(
    french("le jour où vous l'avez lu pour écrire cette fiche (ANNÉE-MOIS-JOUR)"))

#: The same messages in English (`--lang en`, or an English locale), a few of them word for word; a missing
#: field's message says what the field holds in the editor's language (the schema describes each field in both).
ENGLISH = {
    "cohorts/composition.category_choice.yml":
        'data/cohorts/promo-test.yml:14:16: composition[3].category\n  "minor" is not one of the values we use here. Use one of: electoral_rolls, non_eu_residents, minors. Did you mean "minors"?',
    "cohorts/composition_sum.yml":
        'data/cohorts/promo-test.yml:12:3: composition\n  The groups add up to 99 members, but `size` says 100. Make them agree.',
    "recommendations/field_unknown.yml":
        'data/recommendations/test-sujet-01.yml:2:1: title\n  "title" is missing: a short title for the measure. Add a line `title: …`.\ndata/recommendations/test-sujet-01.yml:5:1: titel\n  "titel" is not a field we use here. Did you mean "title"? Fields you can use here: id, topic, number, title, known_from, text, text_is_excerpt, department, elected_official, follow_up, related_hearings, related_recommendations, former_ids, sources.',
    "recommendations/follow_up.date_format.yml":
        'data/recommendations/test-sujet-01.yml:10:11: follow_up[1].date\n  "01/09/2025" is not a date we can read. Write dates as YEAR-MONTH-DAY, for example 2025-09-01.',
    "recommendations/follow_up.status_unknown.yml":
        'data/recommendations/test-sujet-01.yml:13:13: follow_up[1].status\n  "in-progress" is not a status we use. Use one of: not_assessed, in_progress, done. Did you mean "in_progress"?',
    "recommendations/follow_up_same_day_differs.yml":
        'data/recommendations/test-sujet-01.yml:20:5: follow_up[2]\n  Entry 1 has the same date (2025-09-01) and assessor (city) but says something else: one assessor gives one assessment a day. If this entry corrects entry 1, say so: add `corrects:` with `entry_date: 2025-09-01`, the day you correct it (`date:`) and why (`reason:`), and leave entry 1 as it is. If it is another assessment, correct its date.',
    "recommendations/text_not_localized.yml":
        'data/recommendations/test-sujet-01.yml:6:7: text\n  This text needs a French and an English version, each on its own indented line:\n  text:\n    fr: …\n    en: …',
    "topics/workshop_unknown.yml":
        'data/topics/test-sujet.yml:4:11: workshop\n  Cohort "promo-test" has no workshop "exploration". Its workshops are: deliberation (see data/cohorts/promo-test.yml).',
}


def plant(tmp_path: Path, fixture: str) -> Path:
    """A copy of the minimal dataset with one record replaced by the fixture."""
    shutil.copytree(MINIMAL / "data", tmp_path / "data")
    folder, name = fixture.split("/")
    target = tmp_path / "data" / ("statuses.yml" if folder == "statuses" else f"{folder}/{TARGETS[folder]}.yml")
    shutil.copyfile(INVALID / folder / name, target)
    return tmp_path


def errors(root: Path) -> str:
    _, problems = validate(root / "data", root, today=CHECK_DAY)
    return "\n".join(p.text() for p in sort_problems(problems) if p.is_error)


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_each_mistake_gets_its_pinned_message(tmp_path: Path, fixture: str) -> None:
    assert errors(plant(tmp_path, fixture)) == EXPECTED[fixture]


@pytest.mark.parametrize("fixture", sorted(ENGLISH))
def test_each_mistake_gets_its_pinned_message_in_english(tmp_path: Path, fixture: str) -> None:
    with speaking_to_editors("en"):
        assert errors(plant(tmp_path, fixture)) == ENGLISH[fixture]


def test_every_fixture_is_pinned() -> None:
    on_disk = {f"{p.parent.name}/{p.name}" for p in INVALID.rglob("*.yml")}
    assert on_disk == set(EXPECTED) and set(ENGLISH) <= on_disk


def test_every_fixture_says_it_is_fictional() -> None:
    for path in INVALID.rglob("*.yml"):
        assert path.read_text(encoding="utf-8").startswith("# Fictional test data"), path


def test_at_least_thirty_kinds_of_bad_input_are_pinned() -> None:
    # The loader's fixtures (tests/fixtures/load/, pinned in test_load.py) add the YAML-level kinds.
    load_kinds = [p for p in (FIXTURES / "load").glob("*.yml") if not p.name.startswith("valid")]
    assert len(EXPECTED) >= 30 and len(load_kinds) >= 20


def test_all_problems_are_reported_in_one_run(tmp_path: Path) -> None:
    root = plant(tmp_path, "recommendations/follow_up.status_unknown.yml")
    shutil.copyfile(INVALID / "topics" / "cohort_unknown.yml", root / "data" / "topics" / "test-sujet.yml")
    _, problems = validate(root / "data", root, today=CHECK_DAY)
    assert {p.path for p in problems if p.is_error} == {
        "data/recommendations/test-sujet-01.yml", "data/topics/test-sujet.yml"}


def test_unknown_folder_and_wrong_extension(tmp_path: Path) -> None:
    shutil.copytree(MINIMAL / "data", tmp_path / "data")
    (tmp_path / "data" / "recomendations").mkdir()
    shutil.copyfile(MINIMAL / "data/topics/test-sujet.yml", tmp_path / "data/topics/test-sujet.yaml")
    assert errors(tmp_path) == french(
        "data/recomendations:1:1:\n  « recomendations » n'est pas un dossier que nous lisons. Vouliez-vous dire "
        "« recommendations » ? Les dossiers de fiches sont : cohorts, topics, recommendations, hearings, members, "
        "meetings, bodies.\n"
        "data/topics/test-sujet.yaml:1:1:\n  Ceci n'est pas lu : les fiches sont des fichiers dont le nom finit par "
        ".yml, un par fiche. Renommez-le en test-sujet.yml."
    )
    with speaking_to_editors("en"):
        assert errors(tmp_path) == (
            'data/recomendations:1:1:\n  "recomendations" is not a folder we read. Did you mean "recommendations"? '
            "Record folders are: cohorts, topics, recommendations, hearings, members, meetings, bodies.\n"
            "data/topics/test-sujet.yaml:1:1:\n  This is not read: records are files ending in .yml, one per record. "
            "Rename it to test-sujet.yml."
        )


def test_missing_site_file(tmp_path: Path) -> None:
    shutil.copytree(MINIMAL / "data", tmp_path / "data")
    (tmp_path / "data" / "site.yml").unlink()
    assert errors(tmp_path) == french(
        "data/site.yml:1:1:\n  Ce fichier manque. Le site a besoin de data/site.yml : copiez-le depuis "
        "tests/fixtures/minimal/site.yml et adaptez-le."
    )


def run_check(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "check", *args], cwd=cwd, capture_output=True,
                          text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", cache.SETTING: os.environ[cache.SETTING]})


def test_check_command_prints_problems_and_a_count_and_fails(tmp_path: Path) -> None:
    root = plant(tmp_path, "recommendations/follow_up.status_unknown.yml")
    done = run_check(cwd=root)
    assert done.returncode == 1
    assert done.stderr == ""
    assert done.stdout.endswith(french(
        "1 problème dans 1 fichier. Rien n'a été construit. 1 avertissement dans 1 fichier. Mode d'emploi des "
        "données : CONTRIBUTING.md\n"))
    assert done.stdout.startswith("data/recommendations/test-sujet-01.yml:13:13: follow_up[1].status\n")
    assert "Traceback" not in done.stdout


def test_check_command_github_format(tmp_path: Path) -> None:
    root = plant(tmp_path, "recommendations/follow_up.status_unknown.yml")
    done = run_check("--format", "github", cwd=root)
    assert done.returncode == 1
    first = done.stdout.splitlines()[0]
    assert first == (
        "::error file=data/recommendations/test-sujet-01.yml,line=13,col=13,title=follow_up[1].status::"
        + french("« in-progress » n'est pas un statut que nous utilisons. Utilisez l'un de ceux-ci : not_assessed, "
                 "in_progress, done. Vouliez-vous dire « in_progress » ?")
    )
    assert "::warning file=data/topics/test-sujet.yml,line=8,col=3,title=summary::" in done.stdout


def test_github_format_also_writes_every_problem_to_the_step_summary(tmp_path: Path) -> None:
    """GitHub shows ten annotations beside the lines; the run's summary page has them all."""
    root = plant(tmp_path, "recommendations/follow_up.status_unknown.yml")
    page = tmp_path / "summary.md"
    done = subprocess.run([sys.executable, "-m", "generator", "check", "--format", "github"], cwd=root,
                          capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", cache.SETTING: os.environ[cache.SETTING], "GITHUB_STEP_SUMMARY": str(page)})
    assert done.returncode == 1
    written = page.read_text(encoding="utf-8")
    assert written.startswith(french("### Vérification des fiches\n\n1 problème dans 1 fichier. Rien n'a été construit. "
                                     "1 avertissement dans 1 fichier."))
    assert french("data/recommendations/test-sujet-01.yml:13:13: follow_up[1].status\n  « in-progress » n'est pas un "
                  "statut que nous utilisons.") in written
    assert "data/topics/test-sujet.yml:8:3: summary (avertissement)" in written


def test_check_is_clean_on_the_real_data() -> None:
    """No error in the real data. Warnings (a text not yet translated) are allowed: the guide says
    they do not stop publication, so they must not turn CI red either."""
    done = run_check(cwd=ROOT)
    assert done.returncode == 0, done.stdout
    assert " error" not in done.stdout and "(error)" not in done.stdout, done.stdout


@pytest.mark.parametrize(("typed", "suggested"), [
    ("in-progress", "in_progress"), ("In Progress", "in_progress"), ("in_progres", "in_progress"),
    ("Mise en oeuvre en cours", "in_progress"), ("en cours", "in_progress"), ("non retenue", "not_retained"),
    # never a suggestion that changes the meaning: a negation added or dropped, another word
    ("not_done", None), ("retained", None), ("implemented", None), ("completed", None),
    ("not_started", None), ("not_evaluated", None), ("fully_done", None), ("partially_implemented", None),
    ("retenue", None),
])
def test_status_suggestions_never_change_the_meaning(typed: str, suggested: str | None) -> None:
    from generator.records.load import load_file
    from generator.records.problems import did_you_mean
    from generator.records.schema import StatusVocabulary

    doc, _ = load_file(ROOT / "data" / "statuses.yml", "statuses.yml")
    vocabulary = StatusVocabulary.model_validate(doc.value)
    ids = [s.id for s in vocabulary.statuses]
    labels = {text: s.id for s in vocabulary.statuses for text in (s.label.fr, s.label.en) if text}
    assert did_you_mean(typed, ids, labels) == (french(f" Vouliez-vous dire « {suggested} » ?") if suggested else "")
    with speaking_to_editors("en"):
        assert did_you_mean(typed, ids, labels) == (f' Did you mean "{suggested}"?' if suggested else "")


def _problems_after(minimal_copy: Path, old: str, new: str) -> tuple[list[str], list[str]]:
    """Errors and warnings (other than missing English) once `old` is replaced by `new` in the
    minimal dataset's recommendation."""
    record = minimal_copy / "data" / "recommendations" / "test-sujet-01.yml"
    # Without the fixture's standing payload (reported as markup the site removes): one warning less.
    text = record.read_text(encoding="utf-8").replace(" et <script>alert(1)</script>.", ".")
    assert old in text
    record.write_text(text.replace(old, new), encoding="utf-8")
    _, problems = validate(minimal_copy / "data", minimal_copy, today=CHECK_DAY)
    return ([p.text() for p in problems if p.is_error],
            [p.text() for p in problems if not p.is_error and p.message != catalogue._("check_english_missing")])


def _warnings_after(minimal_copy: Path, old: str, new: str) -> list[str]:
    errors, warnings = _problems_after(minimal_copy, old, new)
    assert not errors
    return warnings


def test_a_placeholder_left_in_a_record_is_flagged_where_it_is(minimal_copy: Path) -> None:
    found = _warnings_after(minimal_copy, "answer: {fr: Réponse fictive., en: Fictional answer.}",
                            'answer: {fr: "À compléter", en: "To be completed"}')
    assert found == [french(
        f"data/recommendations/test-sujet-01.yml:15:{column}: follow_up[1].answer.{lang} (avertissement)\n"
        "  Ce texte dit encore « À compléter », et le site l'affiche tel quel. Écrivez à la place ce que dit votre "
        "source ; ne le laissez que tant que personne ne sait encore.")
        for column, lang in ((18, "fr"), (37, "en"))
    ]


@pytest.mark.parametrize(("written", "flagged", "personal"), [
    ("écrire à marie.dupont@paris.fr", "marie.dupont@paris.fr", False),
    ("appeler le 06 12 34 56 78", "06 12 34 56 78", True),
    ("appeler le +33 6 12 34 56 78", "+33 6 12 34 56 78", True),
    ("tél. 01.42.76.40.40", "01.42.76.40.40", False),
])
def test_contact_details_in_a_text_are_refused(minimal_copy: Path, written: str, flagged: str, personal: bool) -> None:
    """Every format is pinned in tests/test_hostile.py; these are the common ones."""
    errors, _ = _problems_after(minimal_copy, "en: Fictional text.", f'en: "Fictional text, {written}."')
    if personal:
        message = french(f"« {flagged} » ressemble au numéro de portable personnel de quelqu'un. Les coordonnées de "
                         "personnes ne sont jamais publiées ni conservées dans ce dépôt : supprimez-le.")
    elif "@" in flagged:
        message = french(f"« {flagged} » est une adresse électronique qui n'est pas dans `public_contacts` "
                         "(data/site.yml). Si c'est le contact public d'un service, ajoutez-la à cette liste, où une "
                         "personne la vérifie à la relecture ; si c'est celle d'une personne, supprimez-la : les "
                         "coordonnées de personnes ne sont jamais publiées ni conservées ici.")
    else:
        message = french(f"« {flagged} » est un numéro de téléphone qui n'est pas dans `public_contacts` "
                         "(data/site.yml). Si c'est le contact public d'un service, ajoutez-le à cette liste, où une "
                         "personne le vérifie à la relecture ; si c'est celui d'une personne, supprimez-le : les "
                         "coordonnées de personnes ne sont jamais publiées ni conservées ici.")
    assert errors == [f"data/recommendations/test-sujet-01.yml:8:7: text.en\n  {message}"]


@pytest.mark.parametrize(("written", "flagged"), [
    ("marie.dupont\\x40paris.fr", "marie.dupont@paris.fr"),  # an escape in double quotes: "@" is not in the file
    ("marie.dupont (chez) paris.fr", "marie.dupont (chez) paris.fr"),
    ("marie.dupont\uff20paris.fr", "marie.dupont@paris.fr"),  # a full-width "@"
])
def test_contact_details_are_found_in_every_text_however_the_file_spells_them(
        minimal_copy: Path, written: str, flagged: str) -> None:
    """Each text is read as the site would publish it (once YAML's escapes are read), not the file."""
    with speaking_to_editors("en"):
        errors, _warnings = _problems_after(minimal_copy, "en: Fictional text.", f'en: "Fictional text, {written}."')
    assert errors == [f'data/recommendations/test-sujet-01.yml:8:7: text.en\n  "{flagged}" is an e-mail address that is '
                      "not in `public_contacts` (data/site.yml). If it is the public contact of a service, add it to "
                      "that list, where a reviewer checks it; if it is a person's, delete it: contact details of "
                      "people are never published nor kept here."]


@pytest.mark.parametrize("written", ["10 000 logements en 2026", "le 13/03/2026", "2 500 000 €", "délibération 2025 DLH 12"])
def test_numbers_and_addresses_are_not_taken_for_contact_details(minimal_copy: Path, written: str) -> None:
    assert _problems_after(minimal_copy, "en: Fictional text.", f'en: "Fictional text, {written}."') == ([], [])


def test_a_follow_up_entry_in_the_future_is_refused(minimal_copy: Path) -> None:

    errors, _warnings = _problems_after(minimal_copy, "  - date: 2025-09-01", "  - date: 2205-09-01")
    today = CHECK_DAY.isoformat()
    assert errors == [french(
        f"data/recommendations/test-sujet-01.yml:10:11: follow_up[1].date\n  Cette date (2205-09-01) est postérieure à "
        f"aujourd'hui ({today}) : cela ne peut pas avoir eu lieu dans le futur. Si l'année, le mois ou le jour est une "
        "faute de frappe, corrigez-la.")
    ]


def test_the_check_speaks_of_the_day_it_is_given_with_a_day_of_margin(minimal_copy: Path) -> None:
    """`check` reads no clock: the CLI gives it the day (cli.days). A date may be one day after it
    (an editor in Paris ahead of a server on UTC), not two."""
    record = minimal_copy / "data" / "recommendations" / "test-sujet-01.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("  - date: 2025-09-01", "  - date: 2031-05-02"),
                      encoding="utf-8")

    def future(day: date) -> list[str]:
        _dataset, problems = validate(minimal_copy / "data", minimal_copy, today=day)
        return [p.message for p in problems if p.field == "follow_up[1].date"]

    assert future(date(2031, 5, 2)) == [] and future(date(2031, 5, 1)) == []
    assert future(date(2031, 4, 30)) == [french(
        "Cette date (2031-05-02) est postérieure à aujourd'hui (2031-04-30) : cela ne peut pas avoir eu lieu dans le "
        "futur. Si l'année, le mois ou le jour est une faute de frappe, corrigez-la.")]
    with speaking_to_editors("en"):
        assert future(date(2031, 4, 30)) == ["This date (2031-05-02) is after today (2031-04-30): this cannot have "
                                             "happened in the future. If the year, the month or the day is a typo, "
                                             "correct it."]


def test_a_follow_up_entry_pasted_twice_is_refused(minimal_copy: Path) -> None:
    record = minimal_copy / "data" / "recommendations" / "test-sujet-01.yml"
    text = record.read_text(encoding="utf-8")
    start, end = text.index("  - date: 2025-09-01"), text.index("sources:\n  - title: Page fictive")
    record.write_text(text[:end] + text[start:end] + text[end:], encoding="utf-8")
    _, problems = validate(minimal_copy / "data", minimal_copy, today=CHECK_DAY)
    assert [p.text() for p in problems if p.is_error] == [french(
        "data/recommendations/test-sujet-01.yml:20:5: follow_up[2]\n  Cette entrée répète l'entrée 1 (même date, même "
        "évaluateur, même statut et même réponse) : le bloc a sans doute été collé deux fois. Supprimez l'une des deux.")
    ]


def test_a_month_where_a_day_is_needed_says_the_day_is_missing(minimal_copy: Path) -> None:
    errors, _warnings = _problems_after(minimal_copy, "  - date: 2025-09-01", "  - date: 2025-09")
    assert errors == [
        "data/recommendations/test-sujet-01.yml:10:11: follow_up[1].date\n  " + catalogue._("check_date_day_needed", value="2025-09")
    ]


def test_a_follow_up_block_pasted_under_sources_says_where_it_belongs(minimal_copy: Path) -> None:
    record = minimal_copy / "data" / "recommendations" / "test-sujet-01.yml"
    record.write_text(record.read_text(encoding="utf-8") + "  - date: 2026-03-13\n    assessor: city\n    status: done\n",
                      encoding="utf-8")
    _, problems = validate(minimal_copy / "data", minimal_copy, today=CHECK_DAY)
    errors = [p for p in problems if p.is_error]
    assert {p.field for p in errors} >= {"sources[2].assessor", "sources[2].status", "sources[2].date"}
    assessor = next(p for p in errors if p.field == "sources[2].assessor")
    assert assessor.message == french(
        "« assessor » est un champ d'entrée de suivi, pas de source : un bloc de suivi semble avoir été collé sous "
        "`sources:`. Déplacez le bloc au-dessus de la ligne `sources:`, sous une ligne `follow_up:` (voir "
        "CONTRIBUTING.md, « Ajouter une entrée de suivi depuis GitHub »)."
    )


def test_a_meeting_whose_date_changed_but_not_its_file_name_is_flagged(tmp_path: Path) -> None:
    minimal_copy = tmp_path
    shutil.copytree(ROOT / "data", tmp_path / "data")
    meeting = tmp_path / "data" / "meetings" / "2023-03-16-conseil-de-paris.yml"
    text = meeting.read_text(encoding="utf-8")
    day = re.search(r"^date: (\S+)", text, re.M)[1]
    assert meeting.stem.startswith(day)
    meeting.write_text(text.replace(f"date: {day}", "date: 2031-12-31"), encoding="utf-8")
    _, problems = validate(minimal_copy / "data", minimal_copy, today=CHECK_DAY)
    line = text[:text.index(f"date: {day}")].count("\n") + 1
    assert [p.text() for p in problems if p.is_error] == [french(
        f"data/meetings/{meeting.name}:{line}:7: date\n  Cette réunion est datée du 2031-12-31, mais le nom de son "
        f"fichier commence par {day}. Si la date est juste, renommez le fichier pour qu'il commence par 2031-12-31 (et, "
        "si la page était déjà publiée, écrivez l'ancien nom sous `former_ids`) ; sinon, corrigez la date.")
    ]


def test_the_quick_tests_before_the_contact_patterns_never_hide_a_contact() -> None:
    """contacts.find looks for the characters a contact needs before running its two patterns: on
    texts mixing every written form with spaces, invisible and compatibility characters, it finds
    exactly what the patterns alone find in the text as read."""
    import random
    import unicodedata

    from generator.records import contacts

    def reference(text: str) -> list[tuple[str, str, int]]:
        folded = unicodedata.normalize("NFKC", text)
        seen = "".join("" if unicodedata.category(c) == "Cf" else " " if unicodedata.category(c) == "Zs" else c
                       for c in folded)
        found = [("email", m.group(), m.start()) for m in contacts.EMAIL.finditer(seen)]
        found += [("phone", m.group(), m.start()) for m in contacts.PHONE.finditer(seen)]
        return sorted(found, key=lambda c: c[2])

    forms = ["jean.dupont@gmail.com", "06 12 34 56 78", "tel:+33142764040", "marie [at] paris [point] fr",
             "nom at domaine dot fr", "+44 20 7946 0958", "0033 1 42 76 40 40", "mairie＠paris.fr", "x (chez) y.fr",
             "a arobase b point fr", "A AT B DOT FR", "nom {AROBASE} dom ( . ) fr", "+1 2345678", "1234567890",
             "tel: 01 02 03 04 05", "x<at>y.fr", "poınt", "٠٦١٢٣٤٥٦٧٨", "０６１２３４５６７８", "2023-05-12", "+12345678",
             "0044 (20) 7946095", "00 1 (212) 5551234", "x00100 (2) 1234567", "at least", "chez soi", "au point 3"]
    odd = [chr(c) for c in (0xa0, 0x202f, 0x200b, 0x2060, 0xfeff, 0x3000, 0x2009, 0x131, 0x130, 0x17f, 0xff20, 0xfe6b, 0x660)]
    chance = random.Random(15)
    found = passed = 0
    texts: list[str] = []
    for _ in range(20_000):
        text = list(chance.choice([" ", "", "\n", " ("]).join(chance.choice(forms) for _ in range(chance.randint(1, 3))))
        for _ in range(chance.randint(0, 3)):
            at = chance.randint(0, len(text) - 1)
            if chance.random() < 0.5:
                text.insert(at, chance.choice(odd + list(" .-/()[]@aAtT0123456789\n\t")))
            else:
                text[at] = text[at].upper()
        written = "".join(text)
        expected = reference(written)
        assert [(c.kind, c.written, c.start) for c in contacts.find(written)] == expected, written
        found += bool(expected)
        # A record's texts are first searched at once (validate.no_contact_details_in_texts): never
        # in vain where one of them holds a contact.
        texts.append(written)
        if len(texts) == 3:
            if any(reference(t) for t in texts):
                assert contacts.may_hold("\n".join(texts)), texts
            else:
                passed += not contacts.may_hold("\n".join(texts))
            texts = []
        if expected:
            assert contacts.may_hold(written), written
    assert found > 5_000  # the texts do hold contacts
    assert passed > 5  # and some hold none, which the search at once lets pass, as it does most records:
    assert not contacts.may_hold("\n".join(["10 000 logements en 2026", "le 13/03/2026", "2026-05-12", "at least once",
                                            "chez soi, au point 3 (voir p. 12)", "délibération 2025 DLH 12",
                                            "bench-alimentation-00003 (fictif)", "https://example.org/textes/2025-12.pdf"]))


def test_check_ends_cleanly_when_its_reader_stops_early(minimal_copy: Path) -> None:
    """`python -m generator check` ends its process without tearing its records down one by one
    (cli.main(exiting=True)); all it printed is flushed first, and a reader that stops reading
    (`check | head`) gets no traceback."""
    record = minimal_copy / "data" / "recommendations" / "test-sujet-01.yml"
    text = record.read_text(encoding="utf-8")
    numbers = ", ".join(f"01 42 76 {n // 100:02d} {n % 100:02d}" for n in range(400))
    record.write_text(text.replace("en: Fictional text.", f'en: "Fictional text, {numbers}."'), encoding="utf-8")
    done = run_check(cwd=minimal_copy)
    assert done.returncode == 1 and done.stderr == ""
    assert done.stdout.count("est un numéro de téléphone qui n’est pas dans `public_contacts`") == 400  # all of it, flushed
    assert done.stdout.rstrip().endswith(french("400 problèmes dans 1 fichier. Rien n'a été construit. 2 avertissements "
                                                "dans 2 fichiers. Mode d'emploi des données : CONTRIBUTING.md")), done.stdout[-300:]
    reader = subprocess.Popen([sys.executable, "-m", "generator", "check"], cwd=minimal_copy, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", cache.SETTING: os.environ[cache.SETTING]})
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.read(100)
    reader.stdout.close()  # as `head` does
    assert reader.stderr.read() == b""
    assert reader.wait(timeout=120) == 1
