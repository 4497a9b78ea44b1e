"""Hostile sheets (issue 25): every limit of the import holds while the file is read, before rows are
built, and each refusal is located (file › sheet › row) and says which limit and how to fix the file.

Each hostile file is small (a few kilobytes, or the 10 MB a file may weigh) and describes a huge
one; its import runs in a subprocess whose time and peak memory are measured (`resource.getrusage`
of the process's children: the processor time it used, user and system, and its peak resident
size), and must end in under 5 s and 300 MB. Processor time rather than the clock's: it is the work
the file costs, whatever else the machine runs meanwhile (the clock is bounded too, more loosely). Also
here: the import never follows a symbolic link, to read or to write; it writes no uploaded name into
the records; `--remove` deletes only the sheets it imported; the names it prints cannot run a
workflow command nor write Markdown into the run's summary; line and paragraph separators become
line breaks.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from generator.editor.sheets import read

from .conftest import FIXTURES

ROOT = Path(__file__).resolve().parent.parent
DEMO = FIXTURES / "demo"
SECONDS = 5.0
MEGABYTES = 300
#: The import as a subprocess of a small Python wrapper, which prints the peak resident size of its
#: children (in KiB on Linux): that of the import alone.
MEASURED = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stdout.write(done.stdout + done.stderr)
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(used.ru_utime + used.ru_stime, used.ru_maxrss)
"""


def measured_import(file: Path, data: Path, *more: str) -> tuple[float, float, str]:
    """(processor seconds, peak megabytes, what it printed) of `sheet import file --data data`; the
    clock's time is bounded by the timeout (a file that exhausted the import would hit it)."""
    command = [sys.executable, "-c", MEASURED, sys.executable, "-m", "generator", "sheet", "import", str(file),
               "--data", str(data), "--dry-run", *more]
    done = subprocess.run(command, capture_output=True, text=True, cwd=file.parent, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8", "LANGUAGE": ""})
    *printed, last = done.stdout.rstrip("\n").split("\n")
    seconds, peak = last.split()
    return float(seconds), int(peak) / 1024, "\n".join(printed).replace("\u00a0", " ").replace("\u202f", " ")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(DEMO / "data", tmp_path / "data")
    return tmp_path / "data"


def bounded(file: Path, data: Path, *expected: str) -> str:
    seconds, megabytes, printed = measured_import(file, data)
    assert seconds < SECONDS and megabytes < MEGABYTES, (seconds, megabytes, printed)
    for line in expected:
        assert line in printed, printed
    return printed


# --------------------------------------------------------------------------- ODS

ODS_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet><table:table table:name="Suivi">{rows}</table:table></office:spreadsheet></office:body>
</office:document-content>"""


def ods(path: Path, rows: str, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", ODS_CONTENT.format(rows=rows))
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def test_a_tiny_ods_repeating_a_filled_row_and_cell_is_refused_at_once(data: Path, tmp_path: Path) -> None:
    both = ods(tmp_path / "both.ods", '<table:table-row table:number-rows-repeated="1048576">'
               '<table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p>'
               '</table:table-cell></table:table-row>')
    assert both.stat().st_size < 2048
    bounded(both, data, "both.ods › Suivi › ligne 1 : Cette ligne va au-delà de 200 colonnes (jusqu’à la colonne XFD, "
            "en comptant les cellules répétées) : une feuille de suivi en a bien moins. Supprimez les colonnes à droite")
    rows = ods(tmp_path / "rows.ods", '<table:table-row><table:table-cell><text:p>a</text:p></table:table-cell>'
               '</table:table-row><table:table-row table:number-rows-repeated="1048575">'
               '<table:table-cell table:number-columns-repeated="150"><text:p>x</text:p></table:table-cell>'
               '</table:table-row>')
    bounded(rows, data, "rows.ods › Suivi › ligne 2 : Cette feuille va au-delà de 20 000 lignes (jusqu’à la ligne "
            "1 048 576, en comptant les lignes vides ou répétées) : une feuille de suivi en a bien moins. Supprimez les "
            "lignes sous le tableau")
    cells = ods(tmp_path / "cells.ods", '<table:table-row table:number-rows-repeated="19000">'
                '<table:table-cell table:number-columns-repeated="190"><text:p>x</text:p></table:table-cell>'
                '</table:table-row>')
    bounded(cells, data, "cells.ods › Suivi › ligne 1 : Cette feuille a plus de 500 000 cellules")


def test_an_ods_cell_of_a_billion_spaces_is_read_one_character_over_the_limit(tmp_path: Path) -> None:
    spaces = ods(tmp_path / "spaces.ods", '<table:table-row><table:table-cell><text:p>a<text:s text:c="1000000000"/>'
                 '<text:s text:c="1000000000"/></text:p><text:p>b</text:p></table:table-cell></table:table-row>')
    start = time.monotonic()
    (sheet,) = read.read(spaces)
    assert time.monotonic() - start < 1
    assert len(sheet.rows[0][0].value) == read.MAX_CELL + 1  # rows.py refuses it at its place, as too long


def test_a_zip_bomb_member_is_refused_before_it_is_unpacked(data: Path, tmp_path: Path) -> None:
    row = '<table:table-row><table:table-cell><text:p>a</text:p></table:table-cell></table:table-row>'
    bomb = ods(tmp_path / "bomb.ods", row, {"Thumbnails/x.bin": b"\0" * (100 * 1024 * 1024)})
    assert bomb.stat().st_size < 200 * 1024
    bounded(bomb, data, "bomb.ods : Ce fichier se décompresse en plus de 64 Mo : une feuille de suivi en fait bien moins.")
    # A member whose headers lie (content.xml declares 100 bytes, holds more): never more than its
    # declared size is unpacked, and the file is refused as damaged.
    raw = bytearray(ods(tmp_path / "honest.ods", row * 50_000).read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as archive:
        declared = archive.getinfo("content.xml").file_size.to_bytes(4, "little")
    for header, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = raw.index(header, raw.index(b"content.xml") - 46 if header == b"PK\x03\x04" else raw.rindex(b"PK\x01\x02") - 200)
        while raw[at + offset:at + offset + 4] != declared:
            at = raw.index(header, at + 1)
        raw[at + offset:at + offset + 4] = (100).to_bytes(4, "little")
    liar = tmp_path / "liar.ods"
    liar.write_bytes(bytes(raw))
    bounded(liar, data, "liar.ods : Ce fichier ne peut pas être lu comme un tableur .ods")
    many = tmp_path / "many.ods"
    ods(many, row, {f"parts/{i}.xml": b"<a/>" for i in range(1500)})
    bounded(many, data, "many.ods : Ce fichier compressé contient 1 502 fichiers, plus que les 1 000 acceptés")


# --------------------------------------------------------------------------- XLSX


def xlsx(path: Path, rows: str = "", dimension: str = "A1:A1", strings: int = 0) -> Path:
    """A workbook of one sheet « Suivi » whose sheet XML holds `rows`, and `strings` shared strings."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Suivi"
    book.active["A1"] = "x"
    plain = io.BytesIO()
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                head, _sheet_data, tail = text.partition(text[text.index("<sheetData"):text.index("</sheetData>") + 12])
                data = (head.replace('<dimension ref="A1"/>', f'<dimension ref="{dimension}"/>')
                        + f"<sheetData>{rows}</sheetData>" + tail).encode()
            target.writestr(info.filename, data)
        if strings:
            target.writestr("xl/sharedStrings.xml", '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                            + "<si><t>ab</t></si>" * strings + "</sst>")
    return path


def test_a_tiny_xlsx_with_a_huge_row_index_or_dimension_is_refused_at_once(data: Path, tmp_path: Path) -> None:
    far = xlsx(tmp_path / "far.xlsx", '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
               '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>', "A1:XFD1048576")
    assert far.stat().st_size < 8192
    bounded(far, data, "far.xlsx › Suivi › ligne 1048576 : Cette feuille va au-delà de 20 000 lignes")
    wide = xlsx(tmp_path / "wide.xlsx", '<row r="1"><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>')
    bounded(wide, data, "wide.xlsx › Suivi › ligne 1 : Cette ligne va au-delà de 200 colonnes (jusqu’à la colonne XFD")
    # The dimension alone (A1:XFD1048576) pads nothing: only the cells the file holds are read.
    claimed = xlsx(tmp_path / "claimed.xlsx", '<row r="1"><c r="A1" t="inlineStr"><is><t>Notes</t></is></c></row>',
                   "A1:XFD1048576")
    bounded(claimed, data, "claimed.xlsx : Aucune feuille de ce fichier n’a les colonnes d’une feuille de suivi")
    (sheet,) = read.read(claimed)
    assert sheet.rows == [[read.Cell("Notes")]]


def test_an_xlsx_bomb_of_shared_strings_is_refused_before_openpyxl_reads_it(data: Path, tmp_path: Path) -> None:
    bomb = xlsx(tmp_path / "strings.xlsx", strings=1_000_000)
    assert bomb.stat().st_size < 100 * 1024
    bounded(bomb, data, "strings.xlsx : Ce fichier contient plus de 500 000 textes différents : une feuille de suivi "
            "en a bien moins. Copiez le tableau de suivi seul dans une feuille exportée")


def test_an_xlsx_of_two_million_elements_is_refused_while_it_is_read(data: Path, tmp_path: Path) -> None:
    styles = xlsx(tmp_path / "elements.xlsx")
    with zipfile.ZipFile(styles, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/extra.xml", "<a>" + "<b/>" * 2_100_000 + "</a>")
    bounded(styles, data, "elements.xlsx : Ce fichier décrit plus de 2 000 000 éléments")


# --------------------------------------------------------------------------- CSV


def test_a_ten_megabyte_csv_is_refused_while_it_is_read(data: Path, tmp_path: Path) -> None:
    lines = tmp_path / "lines.csv"
    lines.write_bytes(b"a;b\n" + b"\n" * (10 * 1024 * 1024 - 8))
    bounded(lines, data, "lines.csv › ligne 20001 : Cette feuille va au-delà de 20 000 lignes")
    wide = tmp_path / "wide.csv"
    wide.write_bytes(b"ab;" * (10 * 1024 * 1024 // 3 - 1))
    bounded(wide, data, "wide.csv › ligne 1 : Cette ligne contient plus de 4 000 séparateurs « ; »")
    cells = tmp_path / "cells.csv"
    cells.write_bytes((";".join(["ab"] * 150) + "\n").encode() * 19_000)
    assert cells.stat().st_size < 10 * 1024 * 1024
    bounded(cells, data, "cells.csv › ligne 3334 : Cette feuille a plus de 500 000 cellules")
    heavy = tmp_path / "heavy.csv"
    heavy.write_bytes(b"a;b\n" * (3 * 1024 * 1024))
    bounded(heavy, data, "heavy.csv : Ce fichier pèse 12 Mo, plus que les 10 Mo acceptés.")


# --------------------------------------------------------------------------- links, names, --remove

HEADER = ["Identifiant", "Date de l’évaluation", "Évaluée par", "Statut", "Source\u00a0: titre", "Source\u00a0: adresse web"]
ROW = ["demo-logement-01", "20/11/2026", "La Ville", "Totalement mise en œuvre",
       "Rapport annuel de droit de suite 2026 (fictif)", "https://example.org/exempleville/rapport-2026"]
UNASSESSED = ["demo-logement-02", "", "", "", "", ""]


def follow_up_csv(path: Path, *rows: list[str]) -> Path:
    path.write_text("\n".join(";".join(r) for r in (HEADER, *rows)) + "\n", encoding="utf-8")
    return path


def cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1795996800",
                               "LANG": "C.UTF-8", "LANGUAGE": "", **(env or {})})


def test_the_import_never_follows_a_symbolic_link(data: Path, tmp_path: Path) -> None:
    """A sheet linked to /dev/zero, a record linked to it (the import copied it forever: 6.7 GB), and a
    new measure's file as a link to a file outside (written through it): each refused as `check`
    refuses a link, in bounded time and memory, nothing written anywhere."""
    sheet = tmp_path / "zero.ods"
    sheet.symlink_to("/dev/zero")
    bounded(sheet, data, "zero.ods : Ceci est un lien symbolique, que le site ne suit jamais")
    (data / "recommendations" / "zero.yml").symlink_to("/dev/zero")
    filled = follow_up_csv(tmp_path / "suivi.csv", ROW)
    printed = bounded(filled, data, "data/recommendations/zero.yml › ligne 1 : Cette erreur est déjà dans les fiches")
    assert "Ceci est un lien symbolique" in printed
    (data / "recommendations" / "zero.yml").unlink()
    outside = tmp_path / "outside.yml"
    new = tmp_path / "mesures.csv"
    new.write_text("Sujet;N°;Titre (FR);Texte (FR);Source\u00a0: titre;Source\u00a0: adresse web\n"
                   "demo-logement;9;Une mesure;Le texte.;Un rapport;https://example.org/r\n", encoding="utf-8")
    (data / "recommendations" / "demo-logement-09.yml").symlink_to(outside)
    done = cli("sheet", "import", str(new), "--data", str(data), cwd=tmp_path)
    assert done.returncode == 1 and "demo-logement-09.yml" in done.stdout and "lien symbolique" in done.stdout, done.stdout
    assert not outside.exists()


def test_no_uploaded_name_reaches_the_records(data: Path, tmp_path: Path) -> None:
    """The file's and sheet's names are whatever the uploader typed; the records are public."""
    name = "suivi » ::error::x «\u2029# note.csv"
    follow_up_csv(tmp_path / name, ROW)
    done = cli("sheet", "import", str(tmp_path / name), "--data", str(data), cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    text = (data / "recommendations" / "demo-logement-01.yml").read_text(encoding="utf-8")
    assert "  # Importée du tableur (ligne\u00a02).\n" in text or "# Importée du tableur (ligne 2).\n" in text, text
    assert "suivi" not in text and "error" not in text and "note.csv" not in text


def test_remove_deletes_only_the_sheets_the_import_read(data: Path, tmp_path: Path) -> None:
    imports = tmp_path / "imports"
    imports.mkdir()
    follow_up_csv(imports / "2026-suivi.csv", ROW, UNASSESSED)  # read before notes.csv
    (imports / "notes.csv").write_text("Nom;Prénom\nA;B\n", encoding="utf-8")
    done = cli("sheet", "import", str(imports), "--data", str(data), "--remove", cwd=tmp_path)
    # notes.csv is not a sheet of ours: said, whatever the rows not yet assessed of suivi.csv; nothing removed
    assert done.returncode == 1 and "imports/notes.csv : Aucune feuille de ce fichier" in done.stdout.replace("\u00a0", " ")
    assert (imports / "notes.csv").exists() and (imports / "2026-suivi.csv").exists()
    (imports / "notes.csv").rename(imports / "notes.txt")
    done = cli("sheet", "import", str(imports), "--data", str(data), "--remove", cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    assert sorted(p.name for p in imports.iterdir()) == ["notes.txt"]


def test_names_can_run_no_workflow_command_nor_write_markdown(data: Path, tmp_path: Path) -> None:
    name = "x\n::add-mask::secret\r::error::faux <b>[lien](javascript:alert)<b> ``` .csv"
    (tmp_path / name).write_text("Nom;Prénom\nA;B\n", encoding="utf-8")
    summary = tmp_path / "summary.md"
    done = cli("sheet", "import", str(tmp_path / name), "--data", str(data), "--format", "github", cwd=tmp_path,
               env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert done.returncode == 1
    commands = [line.strip().split("::")[1].split(" ")[0] for line in done.stdout.splitlines()
                if line.strip().startswith("::")]
    # the annotations, then the summary lines between ::stop-commands:: and its token
    assert set(commands[:-2]) <= {"error", "warning", "notice"} and commands[-2] == "stop-commands", done.stdout
    assert done.stdout.splitlines()[-1] == "::" + done.stdout.split("::stop-commands::")[1].split("\n")[0] + "::"
    assert "add-mask" not in " ".join(commands)
    written = summary.read_text(encoding="utf-8")
    assert "<b>" not in written and "&lt;b&gt;[lien](javascript:alert)&lt;b&gt;" in written
    outside = [part.split("</pre>", 1)[-1] for part in written.split("<pre>")]
    assert not any("lien" in part for part in outside), written


def test_line_and_paragraph_separators_become_line_breaks() -> None:
    """LibreOffice's paragraph separator, the NEL of old mainframes' texts and the line separator:
    line breaks (rows.py makes them paragraphs, or spaces in a title), never deleted (joining words)."""
    assert read.text(read.Cell("un\u2029deux\x85trois\u2028quatre\x0bcinq")) == "un\ndeux\ntrois\nquatre\ncinq"
