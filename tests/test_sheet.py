"""`python -m generator sheet export|import`: the follow-up as a spreadsheet, out and back in.

The round trip runs on the demo data: every cohort exported in the three formats, the new-assessment
columns filled in with the libraries spreadsheets are read with (odfpy, openpyxl, csv), imported,
and the entries compared with what was filled in; a second import adds nothing; wrong cells give
located French messages and nothing is written. test_sheet_libreoffice.py does the same with files
written by LibreOffice itself.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.editor.sheets import read
from generator.editor.sheets.columns import FOLLOW_UP, NEW_MEASURES
from generator.records import schema
from generator.records.validate import validate

from .conftest import CHECK_DAY, FIXTURES
from .sheetfill import Fill, Pct, fill, rows_of

DEMO = FIXTURES / "demo"
#: The day of the tests' imports (SOURCE_DATE_EPOCH): every demo entry is before it.
TODAY = date(2026, 11, 30)
EPOCH = "1795996800"
COHORTS = ("demo-promotion-1", "demo-promotion-2", "demo-promotion-3")
H = {c.key: c.fr for c in FOLLOW_UP}
M = {c.key: c.fr for c in NEW_MEASURES}
SOURCE = {"title": "Rapport annuel de droit de suite 2026 (fictif)", "url": "https://example.org/exempleville/rapport-2026"}
#: What a drop-down list says of a value not in it: the catalogues' words, in French then English
#: (one file for both languages; Excel takes a title of 32 characters at most).
LIST_ERROR_TITLE = "Hors liste / Not in the list"
LIST_ERROR = ("Choisissez une valeur de la liste (voir la feuille «\u00a0Colonnes\u00a0»). / Choose a value from the "
              "list (see the sheet \"Colonnes\").")


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the demo data; the current folder is its parent; today is TODAY."""
    shutil.copytree(DEMO / "data", tmp_path / "data")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(tmp_path)
    return tmp_path / "data"


def snapshot(data: Path) -> dict[str, str]:
    return {p.relative_to(data).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(data.rglob("*")) if p.is_file()}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def export(capsys: pytest.CaptureFixture[str], data: Path, cohort: str, fmt: str, out: Path) -> Path:
    code, printed = run(capsys, "sheet", "export", "--data", str(data), "--cohort", cohort, "--format", fmt, "--out", str(out))
    assert code == 0, printed
    return out


def measures(path: Path) -> list[tuple[str, int, str]]:
    """(sheet, row number, recommendation id) of every measure of an exported file."""
    out = []
    for sheet in read.read(path):
        header = [read.text(c) for c in sheet.rows[0]] if sheet.rows else []
        if H["id"] not in header or H["status"] not in header:
            continue
        for number, row in enumerate(sheet.rows[1:], start=2):
            out.append((sheet.name or "", number, read.text(row[header.index(H["id"])])))
    return out


# --------------------------------------------------------------------------- the round trip


def assessment(i: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """What staff write in the row of the i-th measure, in the ways spreadsheets store it, and the
    follow-up entry it must become."""
    source = {H["source_title"]: SOURCE["title"], H["source_url"]: SOURCE["url"]}
    expected_source = {**SOURCE, "consulted": "2026-11-21"}
    if i % 4 == 0:
        return ({H["date"]: date(2026, 11, 20), H["assessor"]: "La Ville", H["response"]: "retenue",
                 H["status"]: "Mise en œuvre en cours", H["progress"]: Pct(0.6),
                 H["progress_reason_fr"]: "Six chantiers sur dix sont terminés.",
                 H["progress_reason_en"]: "Six sites out of ten are finished.",
                 H["answer_fr"]: "Les travaux avancent.\nLe reste suivra en 2027.", H["answer_en"]: "Work is under way.",
                 **source, H["source_consulted"]: date(2026, 11, 21)},
                {"date": "2026-11-20", "assessor": "city", "response": "accepted", "status": "in_progress",
                 "progress": 60, "progress_reason": {"fr": "Six chantiers sur dix sont terminés.",
                                                     "en": "Six sites out of ten are finished."},
                 # the cell's two lines are two paragraphs (a blank line between them, as Markdown reads them)
                 "answer": {"fr": "Les travaux avancent.\n\nLe reste suivra en 2027.", "en": "Work is under way."},
                 "sources": [expected_source]})
    if i % 4 == 1:
        return ({H["date"]: "20/11/2026", H["assessor"]: "the city", H["status"]: "TOTALEMENT MISE EN OEUVRE",
                 H["fidelity"]: "Fidèle au texte voté", H["answer_fr"]: "C’est fait.", **source},
                {"date": "2026-11-20", "assessor": "city", "status": "done", "fidelity": "faithful",
                 "answer": {"fr": "C’est fait.", "en": None}, "sources": [{**SOURCE, "consulted": TODAY.isoformat()}]})
    if i % 4 == 2:
        return ({H["date"]: "2026-11-20", H["assessor"]: "members", H["status"]: "Not implemented",
                 H["progress"]: 0, **source, H["source_consulted"]: "21/11/2026"},
                {"date": "2026-11-20", "assessor": "members", "status": "not_implemented", "progress": 0,
                 "sources": [expected_source]})
    return ({H["date"]: date(2026, 11, 20), H["assessor"]: "Membres de l'Assemblée",
             H["response"]: "Partiellement retenue", H["status"]: "partiellement mise en oeuvre", H["progress"]: "75 %",
             H["target"]: "2027-06", H["target_reason_fr"]: "Le chantier a pris du retard.",
             H["target_reason_en"]: "The works are late.", **source, H["source_consulted"]: "2026-11-21"},
            {"date": "2026-11-20", "assessor": "members", "response": "partially_accepted", "status": "partly_done",
             "progress": 75, "target": "2027-06", "target_reason": {"fr": "Le chantier a pris du retard.",
                                                                     "en": "The works are late."},
             "sources": [expected_source]})


def entry_as_filled(entry: schema.FollowUpEntry, keys: Any) -> dict[str, Any]:
    dumped = entry.model_dump(mode="json")
    out = {k: dumped[k] for k in keys}
    for source in out.get("sources", []):
        for k in ("publisher", "published", "note"):
            assert source.pop(k) is None
    return out


@pytest.mark.parametrize("fmt", ["ods", "xlsx", "csv"])
@pytest.mark.parametrize("cohort", COHORTS)
def test_round_trip_of_every_cohort(fmt: str, cohort: str, demo: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    before = {p.stem: p.read_text(encoding="utf-8") for p in (demo / "recommendations").glob("*.yml")}
    sheet = export(capsys, demo, cohort, fmt, tmp_path / f"suivi-{cohort}.{fmt}")
    rows = measures(sheet)
    dataset, _ = validate(demo, tmp_path, today=CHECK_DAY)
    in_cohort = sorted(e.record.id for e in dataset.entries("recommendations")
                       if dataset.folders["topics"][e.record.topic].record.cohort == cohort)
    assert sorted(r[2] for r in rows) == in_cohort  # every measure of the cohort, once
    fills: Fill = {}
    expected = {}
    for i, (name, number, rec_id) in enumerate(rows):
        cells, entry = assessment(i)
        fills.update({(name, number, header): value for header, value in cells.items()})
        expected[rec_id] = entry
    fill(sheet, fills)

    code, printed = run(capsys, "sheet", "import", str(sheet), "--data", str(demo))
    assert code == 0, printed
    assert f"{len(rows)} entrées de suivi ajoutées" in printed, printed

    dataset, problems = validate(demo, tmp_path, today=CHECK_DAY)
    assert [p.text() for p in problems if p.is_error] == []
    for rec_id, entry in expected.items():
        record = dataset.folders["recommendations"][rec_id].record
        assert entry_as_filled(record.follow_up[-1], entry) == entry, rec_id
        # appended, never edited: the old file is the new one without one block of lines
        old, new = before[rec_id].splitlines(), (demo / "recommendations" / f"{rec_id}.yml").read_text(encoding="utf-8").splitlines()
        start = next((n for n, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), len(old))
        added = len(new) - len(old)
        assert new[:start] + new[start + added:] == old and added > 5, rec_id
        first = new[start + 1] if new[start] == "follow_up:" else new[start]  # a measure with no follow-up yet
        # which row it came from, never the uploaded file's or sheet's name (issue 25)
        assert re.fullmatch(r" *# Importée du tableur \(ligne \d+\)\.", first.replace("\u00a0", " ")), first
    for rec_id in set(before) - set(expected):
        assert (demo / "recommendations" / f"{rec_id}.yml").read_text(encoding="utf-8") == before[rec_id]

    # A second import of the same sheet adds nothing: without --base every entry in data/ is published,
    # so each row is refused as already there (test_sheet_ledger.py: on a branch, with --base, the rows
    # count as already imported).
    written = snapshot(demo)
    code, printed = run(capsys, "sheet", "import", str(sheet), "--data", str(demo))
    assert code == 1, printed
    assert printed.count("cette évaluation est déjà publiée") == len(rows), printed
    assert snapshot(demo) == written


def test_an_import_appends_after_the_last_entry_and_keeps_comments(demo: Path, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    # A measure with a comment in its list and a field after it, and one with no follow_up at all.
    target = demo / "recommendations" / "demo-eau-02.yml"
    original = target.read_text(encoding="utf-8").replace("follow_up:\n", "follow_up:  # le suivi\n  # les entrées\n", 1)
    target.write_text(original, encoding="utf-8")
    sheet = export(capsys, demo, "demo-promotion-3", "xlsx", tmp_path / "suivi.xlsx")
    where = {rec_id: (name, number) for name, number, rec_id in measures(sheet)}
    cells, _ = assessment(2)
    fill(sheet, {(*where[rec], header): value for rec in ("demo-eau-02", "demo-eau-04") for header, value in cells.items()})
    assert run(capsys, "sheet", "import", str(sheet), "--data", str(demo))[0] == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith(original.split("related_recommendations:")[0])
    block = text[len(original.split("related_recommendations:")[0]):]
    assert block.startswith("  # Importée du tableur (ligne\u00a0") or block.startswith("  # Importée du tableur (ligne ")
    assert block.endswith("related_recommendations:\n  - demo-eau-01\n" + original.split("related_recommendations:\n  - demo-eau-01\n")[1])
    empty = (demo / "recommendations" / "demo-eau-04.yml").read_text(encoding="utf-8")
    assert "\nfollow_up:\n  # Importée" in empty
    assert empty.index("\nfollow_up:") < empty.index("\nsources:")


# --------------------------------------------------------------------------- the export


@pytest.mark.parametrize("fmt", ["ods", "xlsx"])
def test_the_export_offers_the_labels_readers_see_and_explains_every_column(fmt: str, demo: Path, tmp_path: Path,
                                                                              capsys: pytest.CaptureFixture[str]) -> None:
    sheet = export(capsys, demo, "demo-promotion-1", fmt, tmp_path / f"s.{fmt}")
    with zipfile.ZipFile(sheet) as archive:
        xml = "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml"))
    statuses = validate(demo, tmp_path, today=CHECK_DAY)[0].statuses.record.statuses
    if fmt == "ods":
        import xml.etree.ElementTree as ElementTree

        with zipfile.ZipFile(sheet) as archive:
            content = ElementTree.fromstring(archive.read("content.xml"))
        table = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
        conditions = [v.get(f"{table}condition") for v in content.iter(f"{table}content-validation")]
        offered = [[item.replace('""', '"') for item in re.findall(r'"((?:[^"]|"")*)"', c)] for c in conditions]
        assert all(c.startswith("of:cell-content-is-in-list(") for c in conditions)
        assert [s.label.fr for s in sorted(statuses, key=lambda s: s.order)] in offered
        assert [c.fr for c in schema.RESPONSES.items.values()] in offered
        assert xml.count('table:content-validation-name="') >= 10 * 4  # 4 choice columns on 10 rows
        errors = {(e.get(f"{table}title"), "".join(e.itertext())) for e in content.iter(f"{table}error-message")}
        assert errors == {(LIST_ERROR_TITLE, LIST_ERROR)}
    else:
        import openpyxl

        book = openpyxl.load_workbook(sheet)
        lists = book["Listes"]
        assert lists.sheet_state == "hidden"
        columns = {c[0].value: [x.value for x in c[1:] if x.value] for c in lists.iter_cols()}
        assert columns["status"] == [s.label.fr for s in sorted(statuses, key=lambda s: s.order)]
        first = book.worksheets[0]
        rules = {str(v.sqref): v.formula1 for v in first.data_validations.dataValidation}
        header = [c.value for c in first[1]]
        status_letter = openpyxl.utils.get_column_letter(header.index(H["status"]) + 1)
        letter = openpyxl.utils.get_column_letter(list(columns).index("status") + 1)
        assert rules[f"{status_letter}2:{status_letter}7"] == f"'Listes'!${letter}$2:${letter}${len(statuses) + 1}"
        assert {(v.errorTitle, v.error) for v in first.data_validations.dataValidation} == {(LIST_ERROR_TITLE, LIST_ERROR)}
    explanation = next(s for s in read.read(sheet) if s.name == "Colonnes")
    text = [[read.text(c) for c in row] for row in explanation.rows]
    by_column = {row[1]: row for row in text[1:]}
    # the English description is the schema's, word for word
    assert by_column[H["status"]][7] == schema.FollowUpEntry.model_fields["status"].description
    assert by_column[H["answer_fr"]][7] == schema.FollowUpEntry.model_fields["answer"].description + " In French."
    assert "Pas encore évaluée\u00a0: Aucun suivi" in by_column[H["status"]][4]
    assert all(c.fr in by_column for c in (*FOLLOW_UP, *NEW_MEASURES))


def test_the_csv_export_is_one_table_for_the_cohort_and_neutralises_formulas(demo: Path, tmp_path: Path,
                                                                              capsys: pytest.CaptureFixture[str]) -> None:
    target = demo / "recommendations" / "demo-mobilite-01.yml"
    target.write_text(target.read_text(encoding="utf-8").replace('fr: "Créer dix rues scolaires"', 'fr: "=HYPERLINK(1)"'), encoding="utf-8")
    sheet = export(capsys, demo, "demo-promotion-1", "csv", tmp_path / "s.csv")
    raw = sheet.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = rows_of(sheet)
    assert rows[0] == [c.fr for c in FOLLOW_UP]
    assert len(rows) == 1 + 10
    assert next(r for r in rows if r[0] == "demo-mobilite-01")[2] == "'=HYPERLINK(1)"
    xlsx = export(capsys, demo, "demo-promotion-1", "xlsx", tmp_path / "s.xlsx")
    import openpyxl

    cell = next(c for row in openpyxl.load_workbook(xlsx).worksheets[0].iter_rows() for c in row if c.value == "=HYPERLINK(1)")
    assert cell.data_type == "s"  # text, not a formula


def test_the_same_data_gives_the_same_bytes(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("ods", "xlsx", "csv"):
        one = export(capsys, demo, "demo-promotion-2", fmt, tmp_path / f"a.{fmt}").read_bytes()
        two = export(capsys, demo, "demo-promotion-2", fmt, tmp_path / f"b.{fmt}").read_bytes()
        assert one == two, fmt


# --------------------------------------------------------------------------- wrong cells


def test_every_wrong_cell_is_located_and_nothing_is_written(demo: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    # Rows that read well but break a rule of `check` (XLSX, cohort 3)...
    rules = export(capsys, demo, "demo-promotion-3", "xlsx", tmp_path / "suivi-2026.xlsx")
    where = {rec_id: (name, number) for name, number, rec_id in measures(rules)}
    good = {H["date"]: date(2026, 11, 20), H["assessor"]: "La Ville", H["status"]: "Mise en œuvre en cours",
            H["source_title"]: SOURCE["title"], H["source_url"]: SOURCE["url"]}
    wrong = {
        "demo-eau-01": {H["target"]: "2028"},  # the target moves, with no reason
        "demo-eau-02": {H["date"]: date(2026, 6, 1)},  # before the last entry (2026-09-30)
        "demo-eau-03": {H["progress"]: 30},  # not the status's 50 %, and no reason
        "demo-eau-04": {H["status"]: "Totalement mise en œuvre", H["progress"]: "40 %"},
        "demo-eau-05": {H["date"]: date(2027, 1, 15)},  # after today
        "demo-nuit-01": {H["source_title"]: None, H["source_url"]: None},
        "demo-nuit-02": {H["answer_fr"]: "Écrire à camille.martin@example.org pour en savoir plus."},
        "demo-numerique-01": {H["source_url"]: "www.example.org/rapport"},
        "demo-numerique-02": {H["assessor"]: None},
        "demo-numerique-03": {H["source_url"]: None},
        "demo-numerique-04": {H["progress"]: 60, H["progress_reason_fr"]: "Voir le 06 12 34 56 78."},
    }
    fill(rules, {(*where[rec], header): value for rec, changes in wrong.items()
                 for header, value in {**good, **changes}.items() if value is not None})
    # ...and cells that cannot be read (ODS, cohort 1), with new measures.
    cells = export(capsys, demo, "demo-promotion-1", "ods", tmp_path / "suivi-2026.ods")
    where = {rec_id: (name, number) for name, number, rec_id in measures(cells)}
    unreadable = {
        "demo-mobilite-01": {H["status"]: "en cour"},
        "demo-mobilite-02": {H["date"]: "31/02/2026"},
        "demo-mobilite-03": {H["date"]: "12/03/26"},
        "demo-mobilite-04": {H["progress"]: 0.5},
        "demo-mobilite-05": {H["response"]: "Acceptée"},
        "demo-mobilite-06": {H["date"]: 46093},
        "demo-alimentation-01": {H["id"]: "demo-alimentation-1"},
        "demo-alimentation-02": {H["target"]: "bientôt"},
    }
    fill(cells, {(*where[rec], header): value for rec, changes in unreadable.items()
                 for header, value in {**good, **changes}.items()})
    fill(cells, {("Nouvelles mesures", 2, M["topic"]): "demo-mobilite", ("Nouvelles mesures", 2, M["id"]): "Mesure 7 !",
                 ("Nouvelles mesures", 2, M["title_fr"]): "Des bancs", ("Nouvelles mesures", 2, M["text_fr"]): "Des bancs.",
                 ("Nouvelles mesures", 3, M["topic"]): "demo-mobilité", ("Nouvelles mesures", 3, M["number"]): 2,
                 ("Nouvelles mesures", 3, M["title_fr"]): "Des arbres", ("Nouvelles mesures", 3, M["text_fr"]): "Des arbres.",
                 ("Nouvelles mesures", 4, M["topic"]): "demo-mobilite", ("Nouvelles mesures", 4, M["title_fr"]): "Des fontaines"})
    before = snapshot(demo)
    code, printed = run(capsys, "sheet", "import", str(cells), str(rules), "--data", str(demo))
    assert code == 1
    assert snapshot(demo) == before
    sheet1, sheet2, sheet3 = "L’eau et la chaleur en ville", "Vivre la nuit en ville", "L’accès aux droits en ligne"
    contact = ("ressemble à une adresse électronique ou à un numéro de téléphone. Les coordonnées de personnes ne doivent "
               "jamais être publiées ni conservées ici : supprimez-les. S’il s’agit de l’adresse publique d’un service, "
               "ajoutez ce texte à la main dans la fiche et dites-le dans la demande de modification, pour qu’une "
               "personne le confirme.")
    assert printed.replace("\u00a0", " ").splitlines() == [
        "suivi-2026.ods › Se déplacer sans voiture dans… › ligne 2 › Statut : « en cour » n’est pas un statut ; vouliez-vous dire « Mise en œuvre en cours » ?",
        "suivi-2026.ods › Se déplacer sans voiture dans… › ligne 3 › Date de l’évaluation : « 31/02/2026 » n’est pas une date qui existe : vérifiez le jour et le mois.",
        "suivi-2026.ods › Se déplacer sans voiture dans… › ligne 4 › Date de l’évaluation : « 12/03/26 » : l’année a deux chiffres ; écrivez-la en entier, par exemple 12/03/2026.",
        "suivi-2026.ods › Se déplacer sans voiture dans… › ligne 5 › Progression (%) : « 0,5 » : s’agit-il de 50 % ou de 0,5 % ? Écrivez la progression en pour cent, par exemple 60 ou « 60 % », ou donnez à la case le format pourcentage.",
        "suivi-2026.ods › Se déplacer sans voiture dans… › ligne 6 › Réponse de la Ville : « Acceptée » n’est pas une réponse de la liste. Choisissez dans la liste : « Retenue », « Partiellement retenue », « Non retenue », « Hors compétence de la Ville ».",
        "suivi-2026.ods › Se déplacer sans voiture dans… › ligne 7 › Date de l’évaluation : « 46093 » est un nombre, pas une date : donnez à la case le format date, ou écrivez 12/03/2026 (jour/mois/année) ou 2026-03-12.",
        "suivi-2026.ods › Manger local à la cantine › ligne 2 › Identifiant : il n’y a pas de mesure « demo-alimentation-1 » dans data/recommendations/ ; vouliez-vous dire « demo-alimentation-01 » ? Reprenez l’identifiant de la feuille exportée.",
        "suivi-2026.ods › Manger local à la cantine › ligne 3 › Échéance : « bientôt » n’est pas une date que nous savons lire : écrivez 2026-12-31 (un jour), 2026-12 (un mois) ou 2026 (une année).",
        "suivi-2026.ods › Nouvelles mesures › ligne 2 › Identifiant (facultatif) : « Mesure 7 ! » ne peut pas servir d’identifiant : il s’écrit en minuscules a-z, chiffres et tirets simples, par exemple « mesure-7 ».",
        "suivi-2026.ods › Nouvelles mesures › ligne 3 › N° : la mesure n° 2 du sujet « demo-mobilite » est déjà publiée (data/recommendations/demo-mobilite-02.yml), et cette ligne dit autre chose. Si c’est une autre mesure, changez le numéro, ou laissez la case vide pour prendre le suivant. Le tableur ne modifie pas une mesure publiée : pour la changer, modifiez sa fiche dans une demande de modification (sur GitHub, ouvrez le fichier puis le crayon « Edit this file »), et supprimez cette ligne.",
        "suivi-2026.ods › Nouvelles mesures › ligne 4 › Texte (FR) : cette case est vide, et elle est obligatoire pour une nouvelle mesure. La mesure telle qu’elle a été votée, en français.",
        f"suivi-2026.xlsx › {sheet1} › ligne 2 › Échéance : l’échéance passe de 2027-06 à 2028 : dites pourquoi dans la colonne « Raison du changement d’échéance (FR) ».",
        f"suivi-2026.xlsx › {sheet1} › ligne 3 › Date de l’évaluation : cette évaluation est datée du 1er juin 2026, avant la dernière évaluation de la mesure (30 septembre 2026). Les entrées de suivi vont de la plus ancienne à la plus récente : vérifiez la date. (Si cette ligne corrige une entrée déjà enregistrée, remplissez « Corrige l’entrée du » : une correction se place après toutes les autres.)",
        f"suivi-2026.xlsx › {sheet1} › ligne 4 › Progression (%) : la progression 30 % diffère de celle du statut « Mise en œuvre en cours » (50 %) : dites pourquoi dans la colonne « Raison de la progression (FR) », ou videz cette case.",
        f"suivi-2026.xlsx › {sheet1} › ligne 5 › Progression (%) : la progression 40 % contredit le statut final « Totalement mise en œuvre », qui vaut 100 %. Changez le statut, ou videz cette case.",
        f"suivi-2026.xlsx › {sheet1} › ligne 6 › Date de l’évaluation : cette date (15 janvier 2027) est après aujourd’hui : vérifiez l’année et le mois (une évaluation est datée du jour où elle a été faite).",
        f"suivi-2026.xlsx › {sheet2} › ligne 2 › Source : titre : il manque la source : écrivez le titre et l’adresse web du document public qui prouve cette évaluation (ou, pour un document sans adresse publique, une note qui dit comment le consulter).",
        f"suivi-2026.xlsx › {sheet2} › ligne 3 › Réponse en toutes lettres (FR) : « camille.martin@example.org » {contact}",
        f"suivi-2026.xlsx › {sheet3} › ligne 2 › Source : adresse web : « www.example.org/rapport » n’est pas une adresse web que nous acceptons : écrivez l’adresse complète, qui commence par https://.",
        f"suivi-2026.xlsx › {sheet3} › ligne 3 › Évaluée par : cette case est vide, et elle est obligatoire. Qui évalue : choisissez dans la liste.",
        f"suivi-2026.xlsx › {sheet3} › ligne 4 › Source : adresse web : la source n’a pas d’adresse web : écrivez l’adresse complète du document (https://…), ou, pour un document sans adresse publique, dites comment le consulter dans la colonne « Source : note (FR) ».",
        f"suivi-2026.xlsx › {sheet3} › ligne 5 › Raison de la progression (FR) : « 06 12 34 56 78 » {contact}",
        "22 problèmes dans suivi-2026.ods, suivi-2026.xlsx. Rien n’a été écrit : corrigez les cases indiquées, puis importez à nouveau. Mode d’emploi : CONTRIBUTING.md, « Remplir le suivi dans un tableur ».",
    ]
    # French typography: no-break spaces before the colon and inside the quotes.
    assert "› Statut\u00a0: «\u00a0en cour\u00a0» n’est pas un statut\u00a0; vouliez-vous dire" in printed

    # The same problems as pull-request annotations, on the sheet's file, row and column.
    code, printed = run(capsys, "sheet", "import", str(cells), str(rules), "--data", str(demo), "--format", "github")
    assert code == 1 and snapshot(demo) == before
    annotations = [line for line in printed.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 22
    status_column = [c.key for c in FOLLOW_UP].index("status") + 1
    assert annotations[0] == (
        f"::error file=suivi-2026.ods,line=2,col={status_column},title=Se déplacer sans voiture dans… › ligne 2 › Statut"
        "::« en cour » n’est pas un statut ; vouliez-vous dire « Mise en œuvre en cours » ?".replace(" »", "\u00a0»")
        .replace("« ", "«\u00a0").replace(" ;", "\u00a0;").replace(" ?", "\u00a0?"))


# --------------------------------------------------------------------------- new measures


def test_new_measures_become_the_files_new_would_write(demo: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    sheet = export(capsys, demo, "demo-promotion-1", "ods", tmp_path / "mesures.ods")
    sheet_name = "Nouvelles mesures"
    rows = {
        2: {M["topic"]: "demo-mobilite", M["number"]: 7, M["title_fr"]: "Des bancs partout", M["title_en"]: "Benches everywhere",
            M["text_fr"]: "Installer un banc tous les 200 mètres.", M["text_en"]: "Put a bench every 200 metres.",
            M["department_fr"]: "Direction de la voirie (fictive)", M["department_en"]: "Roads department (fictional)",
            M["source_title"]: "Délibération citoyenne (texte fictif)", M["source_url"]: "https://example.org/deliberation",
            M["source_consulted"]: date(2026, 11, 2)},
        3: {M["topic"]: "se déplacer sans voiture dans les quartiers", M["title_fr"]: "Des fontaines",
            M["text_fr"]: "Une fontaine par square."},
        4: {M["topic"]: "demo-alimentation", M["id"]: "demo-alimentation-potagers", M["title_fr"]: "Des potagers",
            M["text_fr"]: "Un potager dans chaque école."},
    }
    fill(sheet, {(sheet_name, row, header): value for row, cells in rows.items() for header, value in cells.items()})
    code, printed = run(capsys, "sheet", "import", str(sheet), "--data", str(demo))
    assert code == 0, printed
    assert "3 nouvelles mesures" in printed.replace("\u00a0", " ")
    dataset, problems = validate(demo, tmp_path, today=CHECK_DAY)
    assert [p.text() for p in problems if p.is_error] == []
    made = {rec_id: dataset.folders["recommendations"][rec_id].record
            for rec_id in ("demo-mobilite-07", "demo-mobilite-08", "demo-alimentation-potagers")}
    assert made["demo-mobilite-07"].title.model_dump() == {"fr": "Des bancs partout", "en": "Benches everywhere"}
    assert made["demo-mobilite-07"].department.en == "Roads department (fictional)"
    assert [s.model_dump(mode="json", exclude_none=True) for s in made["demo-mobilite-07"].sources] == [
        {"title": "Délibération citoyenne (texte fictif)", "url": "https://example.org/deliberation", "consulted": "2026-11-02"}]
    assert made["demo-mobilite-08"].number == 8 and made["demo-mobilite-08"].topic == "demo-mobilite"
    assert made["demo-alimentation-potagers"].number == 5 and made["demo-alimentation-potagers"].text.en is None
    # The file is the one `new recommendation` writes: the same explanations, the values in place of
    # « À compléter » (and, without a source in the sheet, the same starting source to replace).
    other = tmp_path / "other"
    shutil.copytree(DEMO / "data", other)
    assert main(["new", "recommendation", "--topic", "demo-alimentation", "--data", str(other)]) == 0
    written = (other / "recommendations" / "demo-alimentation-05.yml").read_text(encoding="utf-8").replace(
        "demo-alimentation-05", "demo-alimentation-potagers").splitlines()
    imported = (demo / "recommendations" / "demo-alimentation-potagers.yml").read_text(encoding="utf-8").splitlines()
    comments = [line for line in written[1:] if line.lstrip().startswith("#")]
    assert [line for line in imported[1:] if line.lstrip().startswith("#")] == comments
    assert imported[0] == "# Créé avec `python -m generator sheet import`."  # no uploaded name (issue 25)
    left = [line.strip() for line in imported if "À compléter" in line and not line.lstrip().startswith("#")]
    assert len(left) == 1 and left[0].startswith('fr: "À compléter : source ajoutée automatiquement')  # the source's note
    # A second import adds nothing: without --base the measures are published, and each row is refused
    # as already there (test_sheet_ledger.py: on a branch, with --base, they count as already imported).
    before = snapshot(demo)
    code, printed = run(capsys, "sheet", "import", str(sheet), "--data", str(demo))
    assert code == 1 and printed.count("est déjà publiée avec ces valeurs") == 3, printed
    assert snapshot(demo) == before


# --------------------------------------------------------------------------- on the site


def test_each_cohort_report_offers_its_sheet_as_built_with_the_site(demo: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from generator import build as pipeline

    result = pipeline.generate(demo, DEMO / "content", tmp_path, fictional=True, build_date=TODAY, today=CHECK_DAY)
    assert result.ok
    for cohort in COHORTS:
        for fmt in ("ods", "xlsx"):
            path = f"tableurs/suivi-{cohort}.{fmt}"
            # the same bytes as the command writes, on the same day
            assert result.files[path] == export(capsys, demo, cohort, fmt, tmp_path / f"x.{fmt}").read_bytes()
        pages = {p.path: p.text for p in result.pages}
        french = next(text for name, text in pages.items() if name.startswith("fr/") and f"suivi/{cohort}/" in name)
        english = next(text for name, text in pages.items() if name.startswith("en/") and f"suivi/{cohort}/" in name)
        assert f'<a href="../../tableurs/suivi-{cohort}.ods" hreflang="fr" download>OpenDocument (' in french
        assert f'<a href="../../../tableurs/suivi-{cohort}.xlsx" hreflang="fr" download>Excel (' in english
        # Said as the sheet's purpose, not as who fills it: no source says City staff do (issue 25).
        assert "Pour saisir le prochain suivi de cette promotion, le tableau à remplir" in french
        assert "agents de la Ville" not in french


# --------------------------------------------------------------------------- files that are not sheets


def test_files_that_cannot_be_read_say_why(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    (tmp_path / "other.csv").write_text("Nom;Prénom\nA;B\n", encoding="utf-8")
    bomb = tmp_path / "bomb.ods"  # an entity expansion: refused by defusedxml, never expanded
    sheet = export(capsys, demo, "demo-promotion-1", "ods", tmp_path / "model.ods")
    with zipfile.ZipFile(sheet) as source, zipfile.ZipFile(bomb, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "content.xml":
                data = data.replace(b"?>\n", b'?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n', 1)
            target.writestr(info, data)
    before = snapshot(demo)
    for name, message in {
        "notes.txt": "notes.txt : Ce fichier n’est pas un tableur que nous lisons. Enregistrez-le au format "
                     "OpenDocument (.ods), Excel (.xlsx) ou CSV (.csv).",
        "broken.xlsx": "broken.xlsx : Ce fichier n’est pas un vrai fichier .xlsx (il ne s’ouvre pas comme tel). "
                       "Enregistrez-le à nouveau depuis le tableur, au format .ods ou .xlsx.",
        "other.csv": "other.csv : Aucune feuille de ce fichier n’a les colonnes d’une feuille de suivi (« Identifiant », "
                     "« Statut »…) ou de nouvelles mesures (« Sujet », « Titre (FR) »…) : repartez d’une feuille "
                     "exportée (python -m generator sheet export).",
        "bomb.ods": "bomb.ods : Ce fichier ne peut pas être lu comme un tableur .ods (EntitiesForbidden). Ouvrez-le "
                    "dans le tableur et enregistrez-le à nouveau au format .ods ou .xlsx.",
    }.items():
        code, printed = run(capsys, "sheet", "import", str(tmp_path / name), "--data", str(demo))
        assert code == 1, printed
        assert printed.replace("\u00a0", " ").splitlines()[0] == message
    assert snapshot(demo) == before


def test_a_sheet_without_a_needed_column_or_with_one_twice_is_refused(demo: Path, tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    sheet = export(capsys, demo, "demo-promotion-1", "csv", tmp_path / "suivi.csv")
    text = sheet.read_bytes().decode("utf-8-sig")
    (tmp_path / "missing.csv").write_text(text.replace(f";{H['status']};", ";Commentaire;", 1), encoding="utf-8")
    (tmp_path / "twice.csv").write_text(text.replace(H["answer_en"], H["answer_fr"], 1), encoding="utf-8")
    code, printed = run(capsys, "sheet", "import", str(tmp_path / "missing.csv"), "--data", str(demo))
    # « Commentaire » stands where « Statut » stood, and is not a column of the sheet: it is named, renamed
    assert code == 1 and printed.replace("\u00a0", " ").splitlines()[0] == (
        "missing.csv › ligne 1 › Commentaire : il manque la colonne « Statut » ; la colonne « Commentaire » (colonne N) "
        "est sans doute elle, renommée : renommez la colonne « Commentaire » en « Statut » (l’import reconnaît chaque "
        "colonne à son nom)."), printed
    code, printed = run(capsys, "sheet", "import", str(tmp_path / "twice.csv"), "--data", str(demo))
    assert code == 1 and "ligne 1 : La colonne « Réponse en toutes lettres (FR) » apparaît deux fois" in printed.replace("\u00a0", " ")


def test_a_csv_saved_by_a_french_excel_is_read(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Windows-1252, `,` or `;` between cells, columns in another order, a column of the editor's own."""
    sheet = export(capsys, demo, "demo-promotion-2", "csv", tmp_path / "suivi.csv")
    rows = rows_of(sheet)
    header = rows[0][::-1] + ["Notes de l’agent"]
    index = {h: i for i, h in enumerate(rows[0])}
    first = rows[1]
    first[index[H["date"]]] = "20/11/2026"
    first[index[H["assessor"]]] = "LA VILLE"
    first[index[H["status"]]] = "Non mise en oeuvre"
    first[index[H["answer_fr"]]] = "Rien n’a commencé, « pour l’instant »."
    first[index[H["source_title"]]] = SOURCE["title"]
    first[index[H["source_url"]]] = SOURCE["url"]
    import csv
    import io

    for delimiter in (",", ";"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows([row[::-1] + ["à voir"] for row in rows[1:]])
        name = tmp_path / f"excel{'-comma' if delimiter == ',' else ''}.csv"
        name.write_bytes(out.getvalue().replace("’", "'").encode("cp1252"))
    code, printed = run(capsys, "sheet", "import", str(tmp_path / "excel.csv"), "--data", str(demo))
    assert code == 0 and "1 entrée de suivi ajoutée" in printed, printed
    entry = validate(demo, tmp_path, today=CHECK_DAY)[0].folders["recommendations"][first[0]].record.follow_up[-1]
    assert (entry.status, entry.answer.fr) == ("not_implemented", "Rien n'a commencé, « pour l'instant ».")
    # The same row with `,` between cells: the same entry (imported into another copy of the data).
    other = shutil.copytree(DEMO / "data", tmp_path / "other")
    code, printed = run(capsys, "sheet", "import", str(tmp_path / "excel-comma.csv"), "--data", str(other))
    assert code == 0 and "1 entrée de suivi ajoutée" in printed, printed
    again = validate(other, tmp_path, today=CHECK_DAY)[0].folders["recommendations"][first[0]].record.follow_up[-1]
    assert again == entry


def test_control_characters_of_a_cell_never_reach_a_record() -> None:
    # Excel's line break inside a cell, LibreOffice's paragraph separator, a stray bell character.
    assert read.text(read.Cell("Première ligne\r\nseconde\u2028troisième\x07\x0b")) == "Première ligne\nseconde\ntroisième"
