"""The office-file writer (generator/editor/office.py), the one module that writes .ods and .xlsx.

A book of hostile texts (each formula trigger of generator/records/cells.py at the start, a
HYPERLINK, spaces, line ends, tabs, XML's own characters, control characters XML cannot hold) and
typed values is written in both formats and read back three ways: openpyxl, odfpy and LibreOffice
itself (headless, saving a flat OpenDocument file): every text is a text cell, as written, never a
formula; numbers, percentages, dates and true/false keep their types; the drop-down lists, widths
and frozen panes are there; and the same book gives the same bytes.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path
from xml.dom import minidom

import pytest

from generator.editor import office
from generator.records.cells import FORMULA_TRIGGERS

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"

HOSTILE = [f"{trigger}1+2" for trigger in FORMULA_TRIGGERS] + [
    '=HYPERLINK("https://example.org";"ici")', "=SUM(A1:A2)", "  =1+1", "'=1+1", "deux\nlignes", "a\tb",
    "<b>&amp; \"x\" 'y'</b>", "contrôle\x01\x1f ici", "a  trois   espaces"]
#: What a reader gets back: the characters XML cannot hold are dropped, and a carriage return is a
#: line end (XML reads every line end as a line feed); nothing else changes.
READ = [text.replace("\x01", "").replace("\x1f", "").replace("\r", "\n") for text in HOSTILE]
LISTS = {"choix": ["un, deux", 'dit "oui"', "trois"]}


def book(day: date | None = date(2026, 12, 7)) -> office.Book:
    header = [office.Styled(name, "head") for name in ("Texte", "Nombre", "Part", "Jour", "Vrai", "Choix")]
    rows = [[text, n, office.Percent(n * 10), date(2026, 1, n + 1), n % 2 == 0, None] for n, text in enumerate(HOSTILE)]
    columns = [office.Column(6, "wrap"), office.Column(2), office.Column(2, "pct"), office.Column(3, "date"),
               office.Column(2), office.Column(3, "wrap", "choix")]
    sheet = office.Sheet("Feuille", [header, *rows], columns, blank_rows=5, freeze=(1, 1), autofilter=True)
    styles = {"head": office.Style(bold=True, fill="DDE3EA"), "wrap": office.Style(wrap=True, top=True),
              "pct": office.Style(number="percent"), "date": office.Style(number="date")}
    return office.Book([sheet], styles, LISTS, ("Valeur refusée", "Choisissez dans la liste."), day)


def test_xlsx_cells_are_texts_as_written_and_typed_values(tmp_path: Path) -> None:
    import openpyxl

    data = office.to_xlsx(book())
    assert b"<f>" not in data and b"<f " not in data
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook["Feuille"]
    rows = list(sheet.iter_rows(min_row=2, max_row=len(HOSTILE) + 1))
    assert [row[0].value for row in rows] == READ
    assert {row[0].data_type for row in rows} == {"s"}
    assert [(row[1].value, row[2].value, row[3].value, row[4].value) for row in rows[:2]] == [
        (0, 0, datetime(2026, 1, 1), True), (1, 0.1, datetime(2026, 1, 2), False)]
    assert (rows[1][2].number_format, rows[1][3].number_format) == ("0%", "DD/MM/YYYY")
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref == f"A1:F{len(HOSTILE) + 6}"
    assert sheet.column_dimensions["A"].width == round(6 * 5.1, 1)
    lists = workbook[office.LISTS_SHEET]
    assert lists.sheet_state == "hidden" and [c.value for c in lists["A"]] == ["choix", *LISTS["choix"]]
    [rule] = sheet.data_validations.dataValidation
    assert (str(rule.sqref), rule.formula1, rule.type) == (f"F2:F{len(HOSTILE) + 6}", "'Listes'!$A$2:$A$4", "list")
    assert (rule.errorTitle, rule.error, rule.errorStyle) == ("Valeur refusée", "Choisissez dans la liste.", "stop")


def test_ods_cells_are_texts_as_written_and_typed_values() -> None:
    from odf import teletype
    from odf.opendocument import load
    from odf.table import TableCell, TableRow
    from odf.text import P

    document = load(io.BytesIO(office.to_ods(book())))
    rows = document.spreadsheet.getElementsByType(TableRow)
    assert len(rows) == 1 + len(HOSTILE) + 5
    cells = [row.getElementsByType(TableCell) for row in rows[1:len(HOSTILE) + 1]]
    assert ["\n".join(teletype.extractText(p) for p in row[0].getElementsByType(P)) for row in cells] == READ
    assert {row[0].getAttrNS(OFFICE, "value-type") for row in cells} == {"string"}
    assert not any(cell.getAttrNS(TABLE, "formula") for row in cells for cell in row)
    second = [(c.getAttrNS(OFFICE, "value-type"), c.getAttrNS(OFFICE, "value") or c.getAttrNS(OFFICE, "date-value")
               or c.getAttrNS(OFFICE, "boolean-value")) for c in cells[1][1:5]]
    assert second == [("float", "1"), ("percentage", "0.1"), ("date", "2026-01-02"), ("boolean", "false")]
    # the list on every row below the header, blank rows included, and none on the header
    listed = [row.getElementsByType(TableCell)[5].getAttrNS(TABLE, "content-validation-name") for row in rows]
    assert listed == [None] + ["list1"] * (len(HOSTILE) + 5)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (soffice)")
def test_libreoffice_opens_every_text_as_text_in_both_formats(tmp_path: Path) -> None:
    sources = []
    for fmt, write in (("ods", office.to_ods), ("xlsx", office.to_xlsx)):
        sources.append(tmp_path / f"book-{fmt}.{fmt}")
        sources[-1].write_bytes(write(book()))
    out = tmp_path / "read"
    subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--convert-to", "fods", "--outdir", str(out), *map(str, sources)],
                   check=True, capture_output=True, timeout=300)
    for source in sources:
        document = minidom.parse(str(out / f"{source.stem}.fods"))
        table = document.getElementsByTagNameNS(TABLE, "table")[0]
        cells = [row.getElementsByTagNameNS(TABLE, "table-cell") for row in table.getElementsByTagNameNS(TABLE, "table-row")]
        # LibreOffice holds an Excel true/false as the formula TRUE() or FALSE(): no other formula.
        formulas = {c.getAttributeNS(TABLE, "formula") for row in cells for c in row if c.hasAttributeNS(TABLE, "formula")}
        assert formulas <= {"of:=TRUE()", "of:=FALSE()"}, (source.name, formulas)
        texts = ["\n".join("".join(n.data if n.nodeType == n.TEXT_NODE else " " * int(n.getAttributeNS(
            "urn:oasis:names:tc:opendocument:xmlns:text:1.0", "c") or 1) if n.localName == "s" else "\t"
            if n.localName == "tab" else "" for n in p.childNodes)
            for p in row[0].getElementsByTagNameNS("urn:oasis:names:tc:opendocument:xmlns:text:1.0", "p"))
            for row in cells[1:len(HOSTILE) + 1]]
        # LibreOffice drops a tab (`text:tab`) from an OpenDocument cell as it opens it, the files it
        # saves itself included (LibreOffice 7 and 24); from an Excel file it keeps it.
        assert texts == [t.replace("\t", "") if source.suffix == ".ods" else t for t in READ], source.name
        assert {row[0].getAttributeNS(OFFICE, "value-type") for row in cells[1:len(HOSTILE) + 1]} == {"string"}


def test_the_same_book_gives_the_same_bytes_and_its_day_is_its_only_time() -> None:
    for write in (office.to_ods, office.to_xlsx):
        first = write(book())
        assert first == write(book())
        with zipfile.ZipFile(io.BytesIO(first)) as archive:
            assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    later, undated = office.to_xlsx(book(date(2027, 1, 2))), office.to_xlsx(book(None))
    with zipfile.ZipFile(io.BytesIO(office.to_xlsx(book()))) as a, zipfile.ZipFile(io.BytesIO(later)) as b, \
            zipfile.ZipFile(io.BytesIO(undated)) as c:
        assert [n for n in a.namelist() if a.read(n) != b.read(n)] == ["docProps/core.xml"]
        assert b"2027-01-02T00:00:00Z" in b.read("docProps/core.xml")
        assert "docProps/core.xml" not in c.namelist()
    with zipfile.ZipFile(io.BytesIO(office.to_ods(book()))) as archive:
        first_entry = archive.infolist()[0]
        assert (first_entry.filename, first_entry.compress_type) == ("mimetype", zipfile.ZIP_STORED)
