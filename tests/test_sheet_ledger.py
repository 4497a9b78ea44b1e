"""The sheet import and the published record (issue 22): refusals, corrections, replacement on a branch.

Each test works in a real git repository: the demo data committed on `main`, a branch `proposal` checked
out, as an editor's pull request is. `sheet import … --base main` knows which entries are published
(those of the merge base); without `--base`, everything already in data/ is. Every refusal is a
located French message, and nothing is written.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.records import ledger
from generator.records.history import check_history
from generator.records.validate import validate

from .conftest import CHECK_DAY, ROOT
from .sheetfill import Pct, fill, rows_of
from .test_history import commit, git
from .test_sheet import DEMO, EPOCH, SOURCE, TODAY, H, M, export, measures, run, snapshot

#: A row that passes every rule for the demo's measures of cohort 3 (none has an entry of this day).
GOOD = {H["date"]: date(2026, 11, 20), H["assessor"]: "La Ville", H["status"]: "Mise en œuvre en cours",
        H["answer_fr"]: "Les travaux avancent.", H["source_title"]: SOURCE["title"], H["source_url"]: SOURCE["url"]}
COHORT = "demo-promotion-3"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo data committed on main, checked out on a branch `proposal`; the current folder is the
    repository; today is the tests' import day (SOURCE_DATE_EPOCH)."""
    root = tmp_path / "repo"
    shutil.copytree(DEMO / "data", root / "data")
    (root / "imports").mkdir()
    (root / "imports" / "README.md").write_text("kept\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commit(root, "published")
    git(root, "checkout", "-q", "-b", "proposal")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(root)
    return root


def sheet(capsys: pytest.CaptureFixture[str], path: Path, rows: dict[str, dict[str, Any]], cohort: str = COHORT) -> Path:
    """The cohort's exported sheet at `path`, with these cells filled in the row of each measure."""
    export(capsys, Path("data"), cohort, path.suffix[1:], path)
    where = {rec_id: (name, number) for name, number, rec_id in measures(path)}
    fill(path, {(*where[rec], header): value for rec, cells in rows.items() for header, value in cells.items()})
    return path


def imports(capsys: pytest.CaptureFixture[str], *args: str, base: str | None = "main") -> tuple[int, str]:
    code, printed = run(capsys, "sheet", "import", *args, "--data", "data", *(["--base", base] if base else []))
    return code, printed.replace("\u00a0", " ")


def entries(rec_id: str) -> list:
    return validate(Path("data"), Path.cwd(), today=CHECK_DAY)[0].folders["recommendations"][rec_id].record.follow_up


def errors_of(data: Path = Path("data"), base: str = "main") -> list[str]:
    """What `check --base` would say of the data (errors only)."""
    _, problems = validate(data, Path.cwd(), today=CHECK_DAY)
    return [p.text() for p in problems + check_history(data, base) if p.is_error]


def publish(repo: Path) -> None:
    """Merge the branch into main, and start a new branch from there (a later pull request)."""
    commit(repo, "imported")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--ff-only", "proposal")
    git(repo, "checkout", "-q", "-b", "later")


# --------------------------------------------------------------------------- the published record intact


def test_an_import_refuses_data_whose_published_entry_was_rewritten(repo: Path, capsys) -> None:
    """Before issue 22 this import wrote its entry and said nothing: the published answer of demo-eau-01,
    rewritten on the branch, stayed, and only `check --base` would have refused the pull request."""
    record = repo / "data" / "recommendations" / "demo-eau-01.yml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("40 fontaines en service, dont 25", "45 fontaines en service, dont 25"), encoding="utf-8")
    commit(repo, "a published answer rewritten")
    line = text.splitlines().index('      fr: "40 fontaines en service, dont 25 sur des places sans ombre."') + 1
    sheet(capsys, repo / "imports" / "suivi.ods", {"demo-eau-02": GOOD})
    before = snapshot(repo / "data")
    code, printed = imports(capsys, "imports")
    assert code == 1, printed
    assert snapshot(repo / "data") == before
    # what `check --base` says of it, word for word, after the import's own words
    said = next(p.message for p in check_history(Path("data"), "main") if p.field == "follow_up[1].answer.fr")
    assert "`answer.fr`" in said and "git show main:data/recommendations/demo-eau-01.yml" in said
    assert printed.splitlines()[0] == (
        f"data/recommendations/demo-eau-01.yml › ligne {line} › follow_up[1].answer.fr : cette erreur est déjà dans "
        "les fiches, sans rapport avec le tableur, et rien n’est importé tant qu’elle y reste : corrigez-la d’abord "
        "(make check), puis importez à nouveau. La vérification dit : " + said.replace("\u00a0", " "))
    assert printed.splitlines()[-1].startswith("1 problème dans suivi.ods. Rien n’a été écrit")

    # Put back, the same sheet imports.
    record.write_text(text, encoding="utf-8")
    code, printed = imports(capsys, "imports")
    assert code == 0 and "1 entrée de suivi ajoutée" in printed, printed
    assert errors_of() == []


def test_make_import_sheet_passes_base_to_the_import(repo: Path, capsys) -> None:
    record = repo / "data" / "recommendations" / "demo-eau-01.yml"
    text = record.read_text(encoding="utf-8")
    line = text.splitlines().index("    fidelity: faithful") + 1
    record.write_text(text.replace("fidelity: faithful", "fidelity: modified", 1), encoding="utf-8")
    sheet(capsys, repo / "imports" / "suivi.ods", {"demo-eau-02": GOOD})
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}

    def make(*variables: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "import-sheet",
                               f"IMPORTS={repo / 'imports'}", f"DATA={repo / 'data'}", *variables],
                              capture_output=True, text=True, env=environment, timeout=600, check=False)

    done = make("BASE=main")
    assert done.returncode != 0, done.stdout + done.stderr
    annotations = [line for line in done.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 1 and "demo-eau-01.yml,line=" in annotations[0], done.stdout
    assert f",line={line},col=15,title=ligne {line} › follow_up[1].fidelity::" in annotations[0], annotations
    said = next(p.message for p in check_history(repo / "data", "main", repo) if p.field == "follow_up[1].fidelity")
    assert "`fidelity`" in said and "faithful" in said and "modified" in said
    assert "La vérification dit : " + said.replace("\u00a0", " ") in annotations[0].replace("\u00a0", " ")
    assert (repo / "imports" / "suivi.ods").exists()
    # Without BASE, the entry rewritten is not compared with anything: the sheet is imported, as before.
    done = make()
    assert done.returncode == 0, done.stdout + done.stderr
    assert not (repo / "imports" / "suivi.ods").exists() and "1 entrée de suivi ajoutée" in done.stdout


def test_a_base_git_cannot_read_is_said_without_a_traceback(repo: Path, capsys) -> None:
    sheet(capsys, repo / "imports" / "suivi.ods", {"demo-eau-02": GOOD})
    before = snapshot(repo / "data")
    code = main(["sheet", "import", "imports", "--data", "data", "--base", "origin/main"])
    assert code == 2 and snapshot(repo / "data") == before
    err = capsys.readouterr().err
    assert err.replace("\u00a0", " ").startswith("Rien n’a été importé : la comparaison avec origin/main a échoué. ")
    assert "origin/main" in err.split("a échoué.", 1)[1] and "Traceback" not in err  # git's words, as history.py says them


# --------------------------------------------------------------------------- refused together


def test_the_same_measure_twice_in_one_upload_is_refused(repo: Path, capsys) -> None:
    # In two files of one upload, the same row...
    sheet(capsys, repo / "imports" / "a.ods", {"demo-eau-02": GOOD})
    sheet(capsys, repo / "imports" / "b.xlsx", {"demo-eau-02": GOOD, "demo-eau-03": GOOD})
    # ...and in one sheet, the row of a measure copied below and changed.
    path = sheet(capsys, repo / "imports" / "c.csv", {"demo-eau-04": GOOD})
    rows = rows_of(path)
    copied = next(list(r) for r in rows if r[0] == "demo-eau-04")
    copied[rows[0].index(H["status"])] = "Totalement mise en œuvre"
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows([*rows, copied])
    path.write_text(out.getvalue(), encoding="utf-8")
    before = snapshot(repo / "data")
    code, printed = imports(capsys, "imports")
    assert code == 1 and snapshot(repo / "data") == before
    eau = "L’eau et la chaleur en ville"
    assert printed.splitlines() == [
        f"imports/b.xlsx › {eau} › ligne 3 › Date de l’évaluation : cette ligne évalue la mesure « demo-eau-02 » à la "
        f"même date (20 novembre 2026) et par le même évaluateur (« La Ville ») que imports/a.ods › {eau} › ligne 3 : "
        "une seule évaluation par jour et par évaluateur. Les deux lignes disent la même chose : supprimez l’une d’elles.",
        f"imports/c.csv › ligne {len(rows) + 1} › Date de l’évaluation : cette ligne évalue la mesure « demo-eau-04 » à "
        "la même date (20 novembre 2026) et par le même évaluateur (« La Ville ») que imports/c.csv › ligne 5 : une "
        "seule évaluation par jour et par évaluateur. Elles disent des choses différentes : gardez la bonne, supprimez "
        "l’autre (pour corriger une entrée déjà enregistrée, remplissez « Corrige l’entrée du » dans une seule ligne).",
        "2 problèmes dans a.ods, b.xlsx, c.csv. Rien n’a été écrit : corrigez les cases indiquées, puis importez à "
        "nouveau. Mode d’emploi : CONTRIBUTING.md, « Remplir le suivi dans un tableur ».",
    ]


def test_a_row_of_another_cohorts_measure_is_refused(repo: Path, capsys) -> None:
    path = sheet(capsys, repo / "imports" / "suivi.csv", {"demo-eau-02": GOOD, "demo-eau-03": GOOD})
    path.write_text(path.read_text(encoding="utf-8-sig").replace("demo-eau-03;", "demo-logement-01;", 1), encoding="utf-8")
    measures_sheet = sheet(capsys, repo / "imports" / "mesures.ods", {})
    fill(measures_sheet, {("Nouvelles mesures", 2, M["topic"]): "demo-logement", ("Nouvelles mesures", 2, M["title_fr"]): "Des clés",
                          ("Nouvelles mesures", 2, M["text_fr"]): "Des clés pour tous."})
    before = snapshot(repo / "data")
    code, printed = imports(capsys, "imports")
    assert code == 1 and snapshot(repo / "data") == before
    assert printed.splitlines()[:2] == [
        "imports/mesures.ods › Nouvelles mesures › ligne 2 › Sujet : le sujet « demo-logement » est de la promotion "
        "« 2e promotion (2023-2024, fictive) », et les feuilles de suivi de ce tableau suivent la promotion « 3e "
        "promotion (2024-2025, fictive) ». Choisissez un sujet de la liste, ou ajoutez cette mesure dans le tableau de "
        "sa promotion.",
        "imports/suivi.csv › ligne 4 › Identifiant : la mesure « demo-logement-01 » est de la promotion « 2e promotion "
        "(2023-2024, fictive) » (sujet « demo-logement »), et cette feuille suit la promotion « 3e promotion "
        "(2024-2025, fictive) » : rien ne serait écrit dans la bonne fiche. Vérifiez l’identifiant (reprenez celui de "
        "la feuille exportée) ; pour évaluer une mesure d’une autre promotion, remplissez le tableau de cette "
        "promotion-là.",
    ]


def test_a_row_restating_a_published_entry_is_refused_and_one_contradicting_it_must_be_a_correction(
        repo: Path, capsys) -> None:
    first = sheet(capsys, repo / "imports" / "suivi-mars.ods", {"demo-eau-02": GOOD, "demo-eau-03": GOOD})
    assert imports(capsys, "imports")[0] == 0
    publish(repo)
    # The same sheet uploaded again in a later pull request, one row changed.
    fill(first, {(name, number, H["status"]): "Totalement mise en œuvre"
                 for name, number, rec in measures(first) if rec == "demo-eau-03"})
    before = snapshot(repo / "data")
    code, printed = imports(capsys, "imports")
    assert code == 1 and snapshot(repo / "data") == before
    eau = "L’eau et la chaleur en ville"
    count = len(entries("demo-eau-02"))
    assert printed.splitlines()[:2] == [
        f"imports/suivi-mars.ods › {eau} › ligne 3 › Date de l’évaluation : cette évaluation est déjà publiée : "
        f"l’entrée {count} de la mesure « demo-eau-02 », du 20 novembre 2026 par « La Ville », dit la même chose "
        "(data/recommendations/demo-eau-02.yml). Supprimez cette ligne du tableur. (Si cette entrée publiée est "
        "fausse, corrigez-la : remplissez « Corrige l’entrée du » et « Motif de la correction (FR) ».)",
        f"imports/suivi-mars.ods › {eau} › ligne 4 › Date de l’évaluation : la mesure « demo-eau-03 » a déjà une "
        f"entrée publiée du 20 novembre 2026 par « La Ville » (l’entrée {len(entries('demo-eau-03'))}), qui dit autre "
        "chose, et une entrée publiée ne se modifie pas. Si cette ligne la corrige, écrivez 20/11/2026 dans « Corrige "
        "l’entrée du » et ce qui était faux dans « Motif de la correction (FR) » : l’entrée publiée restera, marquée "
        "comme corrigée, et cette ligne prendra sa place. S’il s’agit d’une autre évaluation, vérifiez sa date.",
    ]


# --------------------------------------------------------------------------- corrections


def test_a_correction_by_sheet_is_an_entry_that_names_the_one_it_corrects(repo: Path, capsys) -> None:
    record = repo / "data" / "recommendations" / "demo-eau-01.yml"
    published = record.read_text(encoding="utf-8")
    correction = {H["date"]: "13/03/2026", H["assessor"]: "La Ville", H["response"]: "Retenue",
                  H["status"]: "Mise en œuvre en cours", H["progress"]: Pct(0.45),
                  H["progress_reason_fr"]: "45 fontaines sur 100 sont en service.", H["target"]: "2027-06",
                  H["answer_fr"]: "45 fontaines en service.", H["source_title"]: SOURCE["title"],
                  H["source_url"]: SOURCE["url"], H["corrects_date"]: date(2026, 3, 13),
                  H["corrects_reason_fr"]: "Le rapport dit 45 fontaines, pas 40."}
    sheet(capsys, repo / "imports" / "correction.xlsx", {"demo-eau-01": correction})
    code, printed = imports(capsys, "imports")
    assert code == 0 and "1 entrée de suivi ajoutée" in printed, printed
    text = record.read_text(encoding="utf-8")
    assert text.startswith(published.split("related_hearings:")[0])  # the published entry as it was
    follow_up = entries("demo-eau-01")
    assert len(follow_up) == 2 and follow_up[0].progress == 40
    fix = follow_up[1]
    assert fix.corrects is not None and fix.corrects.model_dump(mode="json") == {
        "entry_date": "2026-03-13", "entry_assessor": None, "date": TODAY.isoformat(),  # the day of the import
        "reason": {"fr": "Le rapport dit 45 fontaines, pas 40.", "en": None}}
    assert (fix.progress, fix.date) == (45, date(2026, 3, 13))
    assert ledger.ledger(follow_up).effective() == [fix]
    assert errors_of() == []
    # Uploaded again on the same branch, unchanged: nothing more.
    code, printed = imports(capsys, "imports")
    assert code == 0 and "1 ligne déjà importée" in printed, printed


def test_a_correction_that_names_no_entry_says_which_cells_to_fill(repo: Path, capsys) -> None:
    wrong = {**GOOD, H["date"]: date(2026, 3, 13), H["corrects_date"]: date(2026, 3, 12),
             H["corrects_reason_fr"]: "Une faute de frappe."}
    no_reason = {**GOOD, H["date"]: date(2026, 3, 13), H["corrects_date"]: date(2026, 3, 13)}
    sheet(capsys, repo / "imports" / "suivi.ods", {"demo-eau-01": wrong, "demo-eau-03": no_reason})
    before = snapshot(repo / "data")
    code, printed = imports(capsys, "imports")
    assert code == 1 and snapshot(repo / "data") == before
    lines = printed.splitlines()
    assert any(line.endswith(
        "ligne 2 › Corrige l’entrée du : cette correction désigne l’entrée du 12 mars 2026 par « La Ville », et la "
        "mesure n’a pas, avant elle, d’entrée en vigueur de ce jour par cet évaluateur. Écrivez la date de l’entrée à "
        "corriger, telle qu’elle est dans la fiche de la mesure, et, si son évaluateur n’est pas celui de cette ligne, "
        "remplissez « Corrige l’entrée de ».") for line in lines), printed
    assert any("ligne 4 › Motif de la correction (FR) : cette case est vide, et elle est obligatoire." in line
               for line in lines), printed


# --------------------------------------------------------------------------- replaced on the branch


def test_an_edited_sheet_uploaded_again_on_the_branch_replaces_what_it_imported(repo: Path, capsys) -> None:
    path = sheet(capsys, repo / "imports" / "suivi.ods", {"demo-eau-02": GOOD, "demo-eau-03": GOOD})
    sheet(capsys, repo / "imports" / "suivi2.xlsx", {"demo-eau-02": {**GOOD, H["date"]: date(2026, 11, 25)}})
    assert imports(capsys, "imports")[0] == 0
    commit(repo, "imported by the robot")
    imported = (repo / "data" / "recommendations" / "demo-eau-02.yml").read_text(encoding="utf-8")
    count = len(entries("demo-eau-02"))
    # The same sheets again: nothing to add.
    code, printed = imports(capsys, "imports")
    assert code == 0 and "0 entrée de suivi ajoutée, 0 nouvelle mesure ; 3 lignes déjà importées" in printed, printed
    assert (repo / "data" / "recommendations" / "demo-eau-02.yml").read_text(encoding="utf-8") == imported
    # One corrected and uploaded again: the entry it imported on the branch is replaced, in place
    # (before the entry of 25 November).
    fill(path, {(name, number, H["status"]): "Totalement mise en œuvre"
                for name, number, rec in measures(path) if rec == "demo-eau-02"})
    code, printed = imports(capsys, "imports")
    assert code == 0 and "0 entrée de suivi ajoutée, 1 entrée remplacée, 0 nouvelle mesure ; 2 lignes déjà importées" \
        in printed, printed
    follow_up = entries("demo-eau-02")
    assert len(follow_up) == count and [e.status for e in follow_up[-2:]] == ["done", "in_progress"]
    assert follow_up[-2].date == date(2026, 11, 20) and follow_up[-2].corrects is None
    replaced = (repo / "data" / "recommendations" / "demo-eau-02.yml").read_text(encoding="utf-8")
    # the same lines, its comment line included, but the one that changed
    changed = [(a, b) for a, b in zip(imported.splitlines(), replaced.splitlines(), strict=True) if a != b]
    assert changed == [("    status: in_progress", "    status: done")]
    assert errors_of() == []
    # Without --base, every entry is published: the same change must be a correction.
    fill(path, {(name, number, H["status"]): "Mise en œuvre en cours"
                for name, number, rec in measures(path) if rec == "demo-eau-02"})
    code, printed = imports(capsys, "imports", base=None)
    assert code == 1 and "a déjà une entrée publiée du 20 novembre 2026" in printed, printed


def test_new_measures_created_on_the_branch_are_rewritten_and_published_ones_are_refused(repo: Path, capsys) -> None:
    path = sheet(capsys, repo / "imports" / "mesures.ods", {}, cohort="demo-promotion-1")
    rows = {2: {M["topic"]: "demo-mobilite", M["number"]: 7, M["title_fr"]: "Des bancs partout",
                M["text_fr"]: "Installer un banc tous les 200 mètres."},
            3: {M["topic"]: "demo-mobilite", M["title_fr"]: "Des fontaines", M["text_fr"]: "Une fontaine par square."}}
    fill(path, {("Nouvelles mesures", row, header): value for row, cells in rows.items() for header, value in cells.items()})
    code, printed = imports(capsys, "imports")
    assert code == 0 and "2 nouvelles mesures" in printed, printed
    commit(repo, "imported by the robot")
    # The text of the first corrected, uploaded again on the branch: its file is written again.
    fill(path, {("Nouvelles mesures", 2, M["text_fr"]): "Installer un banc tous les 100 mètres."})
    code, printed = imports(capsys, "imports")
    assert code == 0 and "1 mesure réécrite, 0 nouvelle mesure ; 1 ligne déjà importée" in printed, printed
    made = validate(Path("data"), Path.cwd(), today=CHECK_DAY)[0].folders["recommendations"]
    assert made["demo-mobilite-07"].record.text.fr == "Installer un banc tous les 100 mètres."
    assert made["demo-mobilite-08"].record.title.fr == "Des fontaines" and "demo-mobilite-09" not in made
    # Once published, a sheet no longer changes them.
    publish(repo)
    fill(path, {("Nouvelles mesures", 2, M["text_fr"]): "Installer un banc tous les 50 mètres."})
    before = snapshot(repo / "data")
    code, printed = imports(capsys, "imports")
    assert code == 1 and snapshot(repo / "data") == before
    assert printed.splitlines()[:2] == [
        "imports/mesures.ods › Nouvelles mesures › ligne 2 › N° : la mesure n° 7 du sujet « demo-mobilite » est déjà "
        "publiée (data/recommendations/demo-mobilite-07.yml), et cette ligne dit autre chose. Si c’est une autre "
        "mesure, changez le numéro, ou laissez la case vide pour prendre le suivant. Le tableur ne modifie pas une "
        "mesure publiée : pour la changer, modifiez sa fiche dans une demande de modification (sur GitHub, ouvrez le "
        "fichier puis le crayon « Edit this file »), et supprimez cette ligne.",
        "imports/mesures.ods › Nouvelles mesures › ligne 3 › Titre (FR) : la mesure « demo-mobilite-08 » est déjà "
        "publiée avec ces valeurs (data/recommendations/demo-mobilite-08.yml) : supprimez cette ligne du tableur.",
    ]


# --------------------------------------------------------------------------- a source without a web address


def test_a_source_without_a_web_address_is_accepted_with_a_note(repo: Path, capsys) -> None:
    letter = {H["source_title"]: "Courrier de la Ville aux membres (fictif)", H["source_url"]: None,
              H["source_publisher"]: "Ville (fictive)", H["source_published"]: "2026-11",
              H["source_note_fr"]: "Remis aux membres le 19 novembre 2026 ; consultable sur demande à la mairie."}
    nothing = {H["source_url"]: None}
    path = sheet(capsys, repo / "imports" / "suivi.xlsx",
                 {"demo-eau-02": {**GOOD, **letter}, "demo-eau-03": {**GOOD, **nothing}})
    before = snapshot(repo / "data")
    code, printed = imports(capsys, "imports")
    assert code == 1 and snapshot(repo / "data") == before
    assert printed.splitlines()[0] == (
        "imports/suivi.xlsx › L’eau et la chaleur en ville › ligne 4 › Source : adresse web : la source n’a pas "
        "d’adresse web : écrivez l’adresse complète du document (https://…), ou, pour un document sans adresse "
        "publique, dites comment le consulter dans la colonne « Source : note (FR) ».")
    fill(path, {(name, number, H["source_url"]): SOURCE["url"] for name, number, rec in measures(path) if rec == "demo-eau-03"})
    code, printed = imports(capsys, "imports")
    assert code == 0 and "2 entrées de suivi ajoutées" in printed, printed
    source = entries("demo-eau-02")[-1].sources[0].model_dump(mode="json")
    assert source == {"title": "Courrier de la Ville aux membres (fictif)", "url": None, "publisher": "Ville (fictive)",
                      "published": "2026-11", "consulted": TODAY.isoformat(),
                      "note": {"fr": "Remis aux membres le 19 novembre 2026 ; consultable sur demande à la mairie.",
                               "en": None}}
    assert errors_of() == []


def test_a_new_measure_from_a_document_without_a_web_address(repo: Path, capsys) -> None:
    path = sheet(capsys, repo / "imports" / "mesures.ods", {}, cohort="demo-promotion-1")
    fill(path, {("Nouvelles mesures", 2, M["topic"]): "demo-mobilite", ("Nouvelles mesures", 2, M["title_fr"]): "Des bancs",
                ("Nouvelles mesures", 2, M["text_fr"]): "Des bancs.",
                ("Nouvelles mesures", 2, M["source_title"]): "Délibération remise aux membres (fictive)",
                ("Nouvelles mesures", 2, M["source_note_fr"]): "Consultable sur demande à la mairie."})
    code, printed = imports(capsys, "imports")
    assert code == 0 and "1 nouvelle mesure" in printed, printed
    made = validate(Path("data"), Path.cwd(), today=CHECK_DAY)[0].folders["recommendations"]["demo-mobilite-07"]
    assert [s.model_dump(mode="json", exclude_none=True) for s in made.record.sources] == [
        {"title": "Délibération remise aux membres (fictive)", "consulted": TODAY.isoformat(),
         "note": {"fr": "Consultable sur demande à la mairie."}}]


def test_the_export_explains_the_new_columns(repo: Path, capsys) -> None:
    from generator.editor.sheets import read

    path = export(capsys, Path("data"), COHORT, "ods", repo / "suivi.ods")
    explanation = next(s for s in read.read(path) if s.name == "Colonnes")
    rows = [[read.text(c) for c in row] for row in explanation.rows][1:]
    by_column = {row[1]: row for row in rows if row[0].startswith("Suivi")}  # the follow-up sheet's columns
    assert by_column[H["source_url"]][2] == "obligatoire, sauf avec une note"
    assert by_column[H["corrects_date"]][2] == "pour une correction"
    assert by_column[H["corrects_date"]][7] == ("The date of the entry this one corrects, as that entry gives it "
                                                "(YEAR-MONTH-DAY).")
    assert "L’entrée corrigée reste, marquée comme corrigée" in by_column[H["corrects_date"]][3]
    assert by_column[H["source_note_fr"]][2] == "obligatoire sans adresse web"
