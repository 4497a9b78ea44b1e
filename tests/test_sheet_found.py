"""What a City editor found in the sheet import (issue 23, item 5), each case pinned.

Each file here once gave a Python traceback or a message that sent the editor the wrong way. Now each
is read, or refused with a located message (file › sheet › row › column) that names the cause and
says what to do; nothing is written when something is refused, and no traceback is ever printed:

- CSV files in the encodings Excel writes: « Texte Unicode » (UTF-16 with its byte order mark) and
  Windows-1252 are read; a file in another encoding (ISO-8859-15, MS-DOS, UTF-16 without its mark) is
  refused, the encoding named, with how to save it as UTF-8 (never read with a guess);
- a spreadsheet's lock file (`~$suivi.xlsx`, `.~lock.suivi.ods#`) beside the sheet is left aside,
  in one line;
- a cell covered by a merge is said as merged, with how to unmerge, never as empty;
- a renamed column is named, with the name to give it back (test_sheet.py: one in place of
  « Statut »; here its English name, and an optional column renamed that holds something);
- a column's header in an annotation's title keeps its no-break space (no `\\u00a0`);
- a cell over 128 KiB (the csv module's limit) is refused at its place;
- line breaks typed in a cell become paragraphs (a blank line between them in the YAML);
- every message also in English (`--lang en`).
"""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.editor.sheets import read
from generator.editor.sheets.columns import FOLLOW_UP, letter
from generator.records.validate import validate

from .conftest import CHECK_DAY
from .sheetfill import fill, rows_of
from .test_sheet import SOURCE, H, M, demo, export, measures, run, snapshot  # noqa: F401 (fixture)

#: One follow-up row that every rule accepts, for any measure of the demo's cohort 2.
GOOD = {H["date"]: "20/11/2026", H["assessor"]: "La Ville", H["status"]: "Mise en œuvre en cours",
        H["answer_fr"]: "La Ville s’y est engagée : l’œuvre « avance ».", H["source_title"]: SOURCE["title"],
        H["source_url"]: SOURCE["url"]}


def filled_rows(capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path, **changes: str) -> list[list[str]]:
    """Cohort 2's exported CSV as rows of text, its first measure's row filled with GOOD (and `changes`,
    by column key)."""
    rows = rows_of(export(capsys, data, "demo-promotion-2", "csv", tmp_path / "export.csv"))
    values = {**GOOD, **{H[key]: value for key, value in changes.items()}}
    for header, value in values.items():
        rows[1][rows[0].index(header)] = value
    return rows


def csv_bytes(rows: list[list[str]], encoding: str, delimiter: str = ";", errors: str = "strict") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding, errors=errors)


def lines(printed: str) -> list[str]:
    return printed.replace("\u00a0", " ").replace("\u202f", " ").splitlines()


# --------------------------------------------------------------------------- CSV encodings


def test_a_csv_in_excels_unicode_text_or_windows_1252_is_read(demo: Path, tmp_path: Path,  # noqa: F811 (fixture)
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Excel's « Texte Unicode » is UTF-16 with a byte order mark and tabs between cells (it gave a
    traceback); « CSV (séparateur : point-virgule) » is Windows-1252, where ’ and œ are single bytes."""
    rows = filled_rows(capsys, demo, tmp_path)
    (tmp_path / "unicode.csv").write_bytes(csv_bytes(rows, "utf-16", delimiter="\t"))  # BOM first, little-endian
    (tmp_path / "windows.csv").write_bytes(csv_bytes(rows, "cp1252"))
    for name in ("unicode.csv", "windows.csv"):
        data = shutil.copytree(demo, demo.parent / f"data-{name}")
        code, printed = run(capsys, "sheet", "import", str(tmp_path / name), "--data", str(data))
        assert code == 0 and "1 entrée de suivi ajoutée" in printed, printed
        entry = validate(data, tmp_path, today=CHECK_DAY)[0].folders["recommendations"][rows[1][0]].record.follow_up[-1]
        assert (entry.status, entry.answer.fr) == ("in_progress", GOOD[H["answer_fr"]]), name


@pytest.mark.parametrize(("encoding", "expected"), [
    # ISO-8859-15 (LibreOffice's « Europe occidentale (ISO-8859-15) »): its œ is Windows-1252's ½
    ("iso-8859-15", "Ce fichier CSV n’est pas en UTF-8 et, lu en Windows-1252 (l’encodage d’Excel en France), il montre "
                    "« ½ » à la ligne 2 : il est sans doute dans un autre encodage (ISO-8859-15, MS-DOS, Mac…), que nous "
                    "ne devinons pas."),
    # MS-DOS (Excel's « CSV (MS-DOS) »): its É is a byte Windows-1252 does not have
    ("cp850", "Ce fichier CSV n’est ni en UTF-8 ni en Windows-1252 (l’encodage d’Excel en France) : l’octet 0x90, à la "
              "ligne 1, n’existe dans aucun des deux, et nous ne devinons pas son encodage."),
    # UTF-16 without its byte order mark: NUL bytes, never read with a guess
    ("utf-16-le", "Ce fichier CSV contient des octets nuls (ligne 1) et ne commence pas par une marque d’encodage : il "
                  "est sans doute en UTF-16 sans cette marque, ou ce n’est pas du texte, et nous ne devinons pas son "
                  "encodage."),
])
def test_a_csv_in_another_encoding_is_refused_with_the_encoding_named(encoding: str, expected: str, demo: Path,  # noqa: F811 (fixture)
                                                                       tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """Read as Windows-1252, these files changed words silently, or ended in « Il manque la colonne »,
    which says nothing of the cause."""
    rows = filled_rows(capsys, demo, tmp_path)
    sheet = tmp_path / "suivi.csv"
    # what the spreadsheet writes: ’ as ', a character the encoding lacks (œ in MS-DOS's) as ?
    sheet.write_bytes(csv_bytes([[cell.replace("’", "'") for cell in row] for row in rows], encoding, errors="replace"))
    before = snapshot(demo)
    code, printed = run(capsys, "sheet", "import", str(sheet), "--data", str(demo))
    assert code == 1 and snapshot(demo) == before and "Traceback" not in printed
    first = lines(printed)[0]
    assert first.startswith(f"suivi.csv : {expected} Enregistrez-le en CSV UTF-8 : dans Excel, Fichier › Enregistrer "
                            "sous, type « CSV UTF-8 (délimité par des virgules) » ; dans LibreOffice"), first
    code, printed = run(capsys, "sheet", "import", str(sheet), "--data", str(demo), "--lang", "en")
    assert code == 1 and "Save it as UTF-8 CSV: in Excel, File › Save As" in printed, printed


def test_a_damaged_csv_is_said_at_its_line() -> None:
    with pytest.raises(read.SheetError, match="mais ne se lit pas ainsi à la ligne 2\u00a0: il est abîmé"):
        read.csv_text(b"\xff\xfe" + "Identifiant\n\ud800".encode("utf-16-le", errors="surrogatepass"))
    assert read.csv_text("Identifiant;Statut\n".encode("utf-8-sig")) == "Identifiant;Statut\n"


# --------------------------------------------------------------------------- lock files


def test_a_spreadsheets_lock_file_beside_the_sheet_is_left_aside(demo: Path, tmp_path: Path,  # noqa: F811 (fixture)
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """An upload of the folder a sheet was open in brings Excel's `~$suivi.xlsx` (which stopped the
    whole import, advising to save it again as .xlsx) or LibreOffice's `.~lock.suivi.ods#`."""
    imports = tmp_path / "imports"
    imports.mkdir()
    (imports / "suivi.csv").write_bytes(csv_bytes(filled_rows(capsys, demo, tmp_path), "utf-8-sig"))
    (imports / "~$suivi.xlsx").write_bytes(b"\x07Camille" + b" " * 47 + "Camille".encode("utf-16-le") + b"\x00" * 96)
    (imports / ".~lock.suivi.ods#").write_text("Camille,poste/camille,poste,02.12.2026 10:00,file:///home/camille;",
                                               encoding="utf-8")
    code, printed = run(capsys, "sheet", "import", str(imports), *map(str, sorted(imports.glob(".~lock*"))),
                        "--data", str(demo))
    assert code == 0, printed
    assert lines(printed)[:2] == [
        "imports/~$suivi.xlsx : Fichier de verrouillage (Excel l’écrit à côté d’un document ouvert), pas un tableur : "
        "ignoré.",
        "imports/.~lock.suivi.ods# : Fichier de verrouillage (LibreOffice l’écrit à côté d’un document ouvert), pas un "
        "tableur : ignoré.",
    ], printed
    assert "1 entrée de suivi ajoutée" in printed
    # the summary names the sheet it imported, not the lock files beside it
    summary = next(line for line in lines(printed) if "1 entrée de suivi ajoutée" in line)
    assert "suivi.csv" in summary and "~$" not in summary and ".~lock" not in summary, summary
    # as pull-request annotations: a notice, not an error
    demo_copy = tmp_path / "again"
    shutil.copytree(Path(__file__).parent / "fixtures" / "demo" / "data", demo_copy)
    code, printed = run(capsys, "sheet", "import", str(imports), "--data", str(demo_copy), "--format", "github",
                        "--lang", "en")
    assert code == 0 and "::notice file=imports/~$suivi.xlsx,line=1,col=1,title=spreadsheet::A lock file (Excel " \
        "writes it beside an open document), not a sheet: ignored." in printed, printed


# --------------------------------------------------------------------------- merged cells


def test_a_merged_cell_is_said_as_merged_with_how_to_unmerge(demo: Path, tmp_path: Path,  # noqa: F811 (fixture)
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Two measures with the same source, its title typed once across their two rows, merged: the
    second row's cell was said to be empty (« cette case est vide, et elle est obligatoire »)."""
    import openpyxl

    sheet = export(capsys, demo, "demo-promotion-2", "xlsx", tmp_path / "suivi.xlsx")
    (name, first, one), (_, second, two) = measures(sheet)[:2]
    fill(sheet, {(name, row, header): value for row in (first, second) for header, value in GOOD.items()})
    book = openpyxl.load_workbook(sheet)
    column = letter([c.key for c in FOLLOW_UP].index("source_title") + 1)
    book[name].merge_cells(f"{column}{first}:{column}{second}")
    book.save(sheet)
    ods = tmp_path / "suivi.ods"  # the same merge, written as OpenDocument writes it (a covered cell)
    export(capsys, demo, "demo-promotion-2", "ods", ods)
    fill(ods, {(name, row, header): value for row in (first, second) for header, value in GOOD.items()})
    _merge_ods(ods, name, first, [c.key for c in FOLLOW_UP].index("source_title"))
    before = snapshot(demo)
    for path in (sheet, ods):
        code, printed = run(capsys, "sheet", "import", str(path), "--data", str(demo))
        assert code == 1 and snapshot(demo) == before, printed
        assert lines(printed)[0] == (
            f"{path.name} › {name} › ligne {second} › Source : titre : cette case est fusionnée avec ses voisines "
            f"(cases {column}{first}:{column}{second}) : le tableur ne garde la valeur d’une fusion que dans sa première "
            "case, et celle-ci paraît vide. Défusionnez ces cases (LibreOffice : Format › Fusionner et scinder les "
            "cellules › Scinder les cellules ; Excel : Accueil › Fusionner et centrer › Annuler Fusionner cellules), "
            "puis écrivez la valeur dans chaque case."), printed
        assert len([line for line in lines(printed) if "›" in line]) == 1, printed  # not « vide » as well
    code, printed = run(capsys, "sheet", "import", str(sheet), "--data", str(demo), "--lang", "en")
    assert f"row {second} › Source : titre: this cell is merged with its neighbours (cells {column}{first}:" \
        in lines(printed)[0] and "Unmerge Cells" in printed, printed


def _merge_ods(path: Path, sheet: str, row: int, column: int) -> None:
    """Merge the cell of `column` (0-based) in `row` with the one below it, as LibreOffice writes it."""
    from odf.opendocument import load
    from odf.table import CoveredTableCell, Table, TableCell, TableRow

    doc = load(str(path))
    table = next(t for t in doc.spreadsheet.getElementsByType(Table) if t.getAttribute("name") == sheet)
    rows = table.getElementsByType(TableRow)
    rows[row - 1].getElementsByType(TableCell)[column].setAttribute("numberrowsspanned", "2")
    below = rows[row].getElementsByType(TableCell)[column]
    rows[row].insertBefore(CoveredTableCell(), below)
    rows[row].removeChild(below)
    doc.save(str(path))


# --------------------------------------------------------------------------- renamed columns


def test_a_renamed_column_is_named_with_the_name_to_give_it_back(demo: Path, tmp_path: Path,  # noqa: F811 (fixture)
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """« Statut » renamed to its English name, « Réponse en toutes lettres (FR) » shortened and filled
    in (its cells would have been ignored without a word); an empty column of the editor's own that
    looks like an optional one is left alone, and a deleted column still says to start again."""
    rows = filled_rows(capsys, demo, tmp_path)
    header = rows[0]
    header[header.index(H["status"])] = "Status"
    header[header.index(H["answer_fr"])] = "Réponse (FR)"
    header.append("Raison de la progression")  # the editor's own, empty: like « Raison de la progression (FR) »
    for row in rows[1:]:
        row.append("")
    sheet = tmp_path / "suivi.csv"
    sheet.write_bytes(csv_bytes(rows, "utf-8-sig"))
    before = snapshot(demo)
    code, printed = run(capsys, "sheet", "import", str(sheet), "--data", str(demo))
    assert code == 1 and snapshot(demo) == before
    status, answer = letter(header.index("Status") + 1), letter(header.index("Réponse (FR)") + 1)
    assert lines(printed)[:2] == [
        f"suivi.csv › ligne 1 › Status : il manque la colonne « Statut » ; la colonne « Status » (colonne {status}) est "
        "sans doute elle, renommée : renommez la colonne « Status » en « Statut » (l’import reconnaît chaque colonne à "
        "son nom).",
        f"suivi.csv › ligne 1 › Réponse (FR) : la colonne « Réponse (FR) » (colonne {answer}) ressemble à la colonne "
        "« Réponse en toutes lettres (FR) », qui manque, et ses cases ne seraient pas lues : renommez la colonne "
        "« Réponse (FR) » en « Réponse en toutes lettres (FR) ». Si c’est une colonne à vous, donnez-lui un nom qui ne "
        "ressemble à aucune colonne du tableau.",
    ], printed
    assert len(lines(printed)) == 3, printed
    code, printed = run(capsys, "sheet", "import", str(sheet), "--data", str(demo), "--lang", "en")
    assert lines(printed)[0] == (
        f"suivi.csv › row 1 › Status: the column \"Statut\" is missing; the column \"Status\" (column {status}) is most "
        "likely it, renamed: rename the column \"Status\" to \"Statut\" (the import knows each column by its name).")


# --------------------------------------------------------------------------- annotation titles


def test_an_annotations_title_keeps_the_no_break_space_of_a_columns_header(demo: Path, tmp_path: Path,  # noqa: F811 (fixture)
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """« Source : titre » has a no-break space before its colon: the annotation's title showed it as
    the code `\\u00a0` (problems.visible took every space but the ordinary one for an invisible
    character). Control and bidi characters are still written as codes."""
    from generator.records.problems import visible

    sheet = tmp_path / "suivi.csv"
    sheet.write_bytes(csv_bytes(filled_rows(capsys, demo, tmp_path, source_url=""), "utf-8-sig"))
    code, printed = run(capsys, "sheet", "import", str(sheet), "--data", str(demo), "--format", "github")
    annotation = next(line for line in printed.splitlines() if line.startswith("::error "))
    assert "\\u" not in printed and ",title=ligne 2 › Source\u00a0%3A adresse web::" in annotation, annotation
    assert visible("Source\u00a0: titre\u202f!") == "Source\u00a0: titre\u202f!"
    assert visible("a\u202eb\u2028c\nd\u200be\x07") == "a\\u202eb\\u2028c\\nd\\u200be\\u0007"


# --------------------------------------------------------------------------- cell size


def test_a_cell_over_the_size_limit_is_refused_at_its_place(demo: Path, tmp_path: Path,  # noqa: F811 (fixture)
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """A cell of 200,000 characters (a whole report pasted in): the csv module stopped at 128 KiB with a
    traceback."""
    sheet = tmp_path / "suivi.csv"
    sheet.write_bytes(csv_bytes(filled_rows(capsys, demo, tmp_path, answer_fr="a" * 200_000), "utf-8-sig"))
    before = snapshot(demo)
    code, printed = run(capsys, "sheet", "import", str(sheet), "--data", str(demo))
    assert code == 1 and snapshot(demo) == before and "Traceback" not in printed
    assert lines(printed)[0] == (
        "suivi.csv › ligne 2 › Réponse en toutes lettres (FR) : cette case contient 200 000 caractères, plus que les "
        "32 767 qu’une case peut contenir (la limite d’Excel) : c’est sans doute un collage de trop. Gardez seulement "
        "le texte de cette colonne ; pour un long document, résumez-le et donnez-le en source."), printed
    assert len(lines(printed)) == 2, printed


# --------------------------------------------------------------------------- paragraphs


def test_line_breaks_in_a_cell_become_paragraphs(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811 (fixture)
    """A cell's line breaks (Alt+Entrée) were kept as single line breaks, which Markdown joins into
    one paragraph. In a Markdown column they are paragraphs, written as the records write them (a
    literal block, a blank line between paragraphs); in a title, spaces."""
    sheet = export(capsys, demo, "demo-promotion-2", "ods", tmp_path / "suivi.ods")
    (name, row, rec_id) = measures(sheet)[0]
    answer = "Les travaux avancent.\nLe reste suivra en 2027.\n\n\n  Voir le compte rendu.  "
    fill(sheet, {(name, row, header): value for header, value in {**GOOD, H["answer_fr"]: answer}.items()})
    fill(sheet, {("Nouvelles mesures", 2, M["topic"]): "demo-logement", ("Nouvelles mesures", 2, M["title_fr"]):
                 "Des logements\npour tous", ("Nouvelles mesures", 2, M["text_fr"]): "Construire.\nRénover."})
    code, printed = run(capsys, "sheet", "import", str(sheet), "--data", str(demo))
    assert code == 0, printed
    dataset = validate(demo, tmp_path, today=CHECK_DAY)[0]
    entry = dataset.folders["recommendations"][rec_id].record.follow_up[-1]
    assert entry.answer.fr == "Les travaux avancent.\n\nLe reste suivra en 2027.\n\nVoir le compte rendu."
    text = (demo / "recommendations" / f"{rec_id}.yml").read_text(encoding="utf-8")
    assert ("    answer:\n      fr: |\n        Les travaux avancent.\n\n        Le reste suivra en 2027.\n\n"
            "        Voir le compte rendu.\n    sources:\n") in text
    made = next(e.record for e in dataset.entries("recommendations") if e.record.title.fr.startswith("Des logements"))
    assert (made.title.fr, made.text.fr) == ("Des logements pour tous", "Construire.\n\nRénover.")
    # The page shows paragraphs.
    from generator.records.markup import render_markdown

    assert str(render_markdown(entry.answer.fr)).count("<p>") == 3


# --------------------------------------------------------------------------- in English


def test_the_import_speaks_english_with_lang_en(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811 (fixture)
    """The same wrong cells, said in English with `--lang en` (the values quoted are the sheet's, in
    French, as its lists show them); the French, the default, is test_sheet.py's."""
    sheet = export(capsys, demo, "demo-promotion-1", "ods", tmp_path / "suivi.ods")
    where = {rec_id: (name, number) for name, number, rec_id in measures(sheet)}
    good = {H["date"]: date(2026, 11, 20), H["assessor"]: "La Ville", H["status"]: "Mise en œuvre en cours",
            H["source_title"]: SOURCE["title"], H["source_url"]: SOURCE["url"]}
    wrong = {"demo-mobilite-01": {H["status"]: "en cour"}, "demo-mobilite-02": {H["date"]: "31/02/2026"},
             "demo-mobilite-04": {H["progress"]: 0.5}, "demo-mobilite-05": {H["progress"]: 30},
             "demo-alimentation-01": {H["id"]: "demo-alimentation-1"}}
    fill(sheet, {(*where[rec], header): value for rec, changes in wrong.items()
                 for header, value in {**good, **changes}.items()})
    before = snapshot(demo)
    code, printed = run(capsys, "sheet", "import", str(sheet), "--data", str(demo), "--lang", "en")
    assert code == 1 and snapshot(demo) == before
    topic = "Se déplacer sans voiture dans…"
    assert lines(printed) == [
        f"suivi.ods › {topic} › row 2 › Statut: \"en cour\" is not a status; did you mean \"Mise en œuvre en cours\"?",
        f"suivi.ods › {topic} › row 3 › Date de l’évaluation: \"31/02/2026\" is not a date that exists: check the day "
        "and the month.",
        f"suivi.ods › {topic} › row 5 › Progression (%): \"0,5\": is it 50% or 0,5%? Write the progress in percent, "
        "for example 60 or \"60%\", or give the cell the percentage format.",  # 0,5: the cell as the sheet shows it
        f"suivi.ods › {topic} › row 6 › Progression (%): the progress 30% differs from the status's \"Mise en œuvre en "
        "cours\" (50%): say why in the column \"Raison de la progression (FR)\", or empty this cell.",
        "suivi.ods › Manger local à la cantine › row 2 › Identifiant: there is no measure \"demo-alimentation-1\" in "
        "data/recommendations/; did you mean \"demo-alimentation-01\"? Copy the id from the exported sheet.",
        "5 problems in suivi.ods. Nothing was written: correct the cells shown, then import again. How to: "
        "CONTRIBUTING.en.md, \"Filling in the follow-up in a spreadsheet\".",
    ], printed
