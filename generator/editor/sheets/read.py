"""Read: an ODS, XLSX or CSV file -> its sheets as rows of cells, and cells -> the values records hold.

`read(path)` returns the file's sheets (`RawSheet`: a name, rows of `Cell`, the first row being
the header row), or raises `SheetError` with a message an editor can act on (in the editor's
language, from the catalogues: `sheet_…`). The `parse_*`
functions turn one cell into the text a YAML file would hold (`"2026-03-12"`, `"in_progress"`,
`"60"`), or raise `CellError`. They read what spreadsheets store, and never guess:

- dates: a date cell, `12/03/2026` (day first, as in France), `2026-03-12`, `12 mars 2026`; a
  two-digit year, a number or a time of day are refused, with the way to write it;
- percentages: `60`, `60 %`, or 0.6 in a cell formatted as a percentage; a bare 0.6 could be 60 %
  or 0.6 %, and is refused;
- labels: the French or English label readers see, or the id, whatever the case, accents, spaces
  or hyphens; a text that could be two values is refused.

Files come from outside (an upload on a pull request): they are size-limited before any parsing,
their XML is read with defusedxml (openpyxl and odfpy use it when it is installed, and it is a
dependency of this project), and only the values of cells are read (never formulas, links or macros).
A cell covered by a merge keeps that fact (`Cell.merged`: the merged range), so that it is not
taken for an empty cell.

A CSV file is text in some encoding, which the file does not say. What is read, and why:

- UTF-16 or UTF-32 with its byte order mark (Excel's « Texte Unicode ») and UTF-8, with or without
  its mark: recognised with certainty (a text in another encoding is almost never valid UTF-8);
- otherwise Windows-1252, what Excel writes in France (« CSV (séparateur : point-virgule) »; its
  printable characters are ISO-8859-1's, so a Latin-1 file reads the same), but only when the text
  shows no sign of another encoding: a byte Windows-1252 does not have, or a character no follow-up
  text holds but a file in another encoding shows when read that way (ISO-8859-15's œ read as ½, an
  MS-DOS or Mac é as ‚ or Ž, UTF-8 read byte by byte as Ã©). Such a file, and a file with NUL bytes
  and no byte order mark (UTF-16 without it), is refused, saying which encoding it is not and how to
  save it as UTF-8: a wrong reading would change the words silently, or end in « a column is
  missing », which says nothing of the cause.

`is_lock_file(path)`: the files a spreadsheet writes beside an open document (`~$suivi.xlsx`,
`.~lock.suivi.ods#`), which are not sheets and are left aside.

Over 400 lines: three file formats (ODS, XLSX, CSV), each read defensively (no XML bomb,
no formula, a located message for every unreadable cell); they share the cell model and the
messages, so they stay side by side.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from ...records.catalogue import _
from ...records.problems import _distance, _fold, _negations, _suggest, did_you_mean
from .columns import Option, count, letter, percent, quoted

MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED = 200 * 1024 * 1024  # the sum of a zip's uncompressed sizes (a zip bomb stops here)
MAX_ROWS = 20_000
MAX_COLUMNS = 200
#: The most characters a cell may hold (Excel's own limit): a follow-up answer is far shorter, and a
#: longer cell is a paste gone wrong (rows.py refuses it, at its place).
MAX_CELL = 32_767
SUFFIXES = (".ods", ".xlsx", ".csv")

MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}
_MONTH_NAMES = "|".join(MONTHS)


class SheetError(Exception):
    """The file cannot be read as a sheet (the message says why and what to do)."""


class CellError(Exception):
    """A cell's content cannot become the value of its column (the message says how to write it)."""


class NotADate(CellError):
    """A cell that holds no date at all (rather than a wrong one: 31/02/2026, a two-digit year)."""


@dataclass(frozen=True)
class Cell:
    value: str | int | float | bool | date | datetime | time | None = None
    #: The cell is formatted as a percentage (then 0.6 means 60 %).
    percent: bool = False
    #: The cell is covered by a merge (a spreadsheet keeps the value in the merge's first cell
    #: only): the merged range, such as "X2:X5".
    merged: str = ""

    @property
    def empty(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())

    def shown(self) -> str:
        """The cell as a French spreadsheet shows it, for messages."""
        value = self.value
        if isinstance(value, datetime):
            return value.strftime("%d/%m/%Y %H:%M") if value.time() != time() else value.strftime("%d/%m/%Y")
        if isinstance(value, date):
            return value.strftime("%d/%m/%Y")
        if isinstance(value, bool):
            return "VRAI" if value else "FAUX"
        if isinstance(value, (int, float)):
            shown = _number(value * 100 if self.percent else value)
            return shown + ("\u00a0%" if self.percent else "")
        return " ".join(str(value).split()) if value is not None else ""


def _number(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.10g}".replace(".", ",")


@dataclass
class RawSheet:
    name: str | None  # None for a CSV file
    rows: list[list[Cell]]


# --------------------------------------------------------------------------- files


def is_lock_file(path: Path) -> str | None:
    """The spreadsheet that wrote `path`, when it is the lock file of a document open in it (Excel's
    `~$suivi.xlsx`, LibreOffice's `.~lock.suivi.ods#`): not a sheet, but what the spreadsheet leaves
    beside a document while it is open, and what an upload of a whole folder brings along."""
    name = path.name
    if name.startswith("~$"):
        return "Excel"
    if name.startswith(".~lock.") and name.endswith("#"):
        return "LibreOffice"
    return None


def read(path: Path) -> list[RawSheet]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SheetError(_("sheet_file_not_a_sheet"))
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SheetError(_("sheet_file_too_heavy", size=size // (1024 * 1024), limit=MAX_BYTES // (1024 * 1024)))
    data = path.read_bytes()
    if suffix == ".csv":
        return [_read_csv(data)]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise SheetError(_("sheet_file_not_a_zip", suffix=suffix)) from None
    with archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
            raise SheetError(_("sheet_file_unpacks_too_big", limit=MAX_UNPACKED // (1024 * 1024)))
    try:
        return _read_ods(data) if suffix == ".ods" else _read_xlsx(data)
    except SheetError:
        raise
    except Exception as exc:  # a damaged or foreign file: what the library says, in a sentence
        raise SheetError(_("sheet_file_unreadable", suffix=suffix, error=type(exc).__name__)) from None


def _trim(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Rows without their empty cells at the end, without empty rows at the end (a cell covered by a
    merge is not empty: it is said as merged where it is read)."""
    out = []
    for row in rows:
        while row and row[-1].empty and not row[-1].merged:
            row = row[:-1]
        out.append(row)
    while out and not out[-1]:
        out.pop()
    return out


def _check_size(rows: int, columns: int) -> None:
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise SheetError(_("sheet_file_too_large", rows=count(MAX_ROWS), columns=count(MAX_COLUMNS)))


#: Characters no follow-up text holds, but that a text in another encoding shows when read as
#: Windows-1252: ISO-8859-15's œ, Œ, Ÿ and € (½, ¼, ¾, ¤), MS-DOS's é, è, ç, ê (‚, Š, ‡, ˆ), the Mac's
#: é and ô (Ž, ™), and UTF-8 read byte by byte (é as Ã©, ’ as â€™).
_OTHER_ENCODING = re.compile("[½¼¾¤‚„†‡ˆ‰Š‹›Žž˜™šƒ]|Ã[\u00a0-\u00bf]|â€")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _line_of(data: bytes | str, position: int) -> int:
    """The line (1-based) of the byte or character at `position`."""
    if isinstance(data, bytes):
        return data[:position].count(b"\n") + 1
    return data[:position].count("\n") + 1


def csv_text(data: bytes) -> str:
    """The text of a CSV file, in the encodings the module's docstring lists; SheetError otherwise."""
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                before = data[:error.start].decode(encoding, errors="replace")
                raise SheetError(_("sheet_csv_unicode_broken", encoding=encoding.upper(), row=_line_of(before, len(before)),
                                   how=_("sheet_csv_save_as_utf8"))) from None
    if b"\x00" in data:
        raise SheetError(_("sheet_csv_nul_bytes", row=_line_of(data, data.index(b"\x00")), how=_("sheet_csv_save_as_utf8")))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise SheetError(_("sheet_csv_not_cp1252", byte=f"0x{data[error.start]:02X}", row=_line_of(data, error.start),
                           how=_("sheet_csv_save_as_utf8"))) from None
    sign = _OTHER_ENCODING.search(text)
    if sign:
        raise SheetError(_("sheet_csv_other_encoding", found=sign.group(), row=_line_of(text, sign.start()),
                           how=_("sheet_csv_save_as_utf8")))
    return text


def _read_csv(data: bytes) -> RawSheet:
    text = csv_text(data)
    first = text.split("\n", 1)[0]
    from .columns import FOLLOW_UP, NEW_MEASURES

    headers = {_fold(c.fr) for c in (*FOLLOW_UP, *NEW_MEASURES)}
    best = max((";", ",", "\t"), key=lambda d: sum(_fold(h) in headers for h in next(csv.reader([first], delimiter=d))))
    # A cell is as long as the file allows (the file is size-limited): rows.py says which cell is too
    # long, at its place, rather than the csv module stopping the whole file (its limit is 128 KiB).
    if csv.field_size_limit() < MAX_BYTES:
        csv.field_size_limit(MAX_BYTES)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=best)
    try:
        rows = [[Cell(value) for value in row] for row in reader]
    except csv.Error as error:
        raise SheetError(_("sheet_csv_unreadable", row=reader.line_num, error=str(error))) from None
    _check_size(len(rows), max((len(r) for r in rows), default=0))
    return RawSheet(None, _trim(rows))


def _read_xlsx(data: bytes) -> list[RawSheet]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheets = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for ws in book.worksheets:
                if getattr(ws, "sheet_state", "visible") != "visible":
                    continue  # the drop-down lists of an exported file, or a sheet its author hid
                rows = []
                for row in ws.iter_rows():
                    cells = [Cell(getattr(c, "value", None), "%" in (getattr(c, "number_format", "") or "")) for c in row]
                    rows.append(cells)
                    _check_size(len(rows), len(cells))
                _xlsx_merges(archive, getattr(ws, "_worksheet_path", ""), rows)
                sheets.append(RawSheet(ws.title, _trim(rows)))
    finally:
        book.close()
    return sheets


_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]{1,3}[0-9]{1,7}):([A-Z]{1,3}[0-9]{1,7})\"")


def _xlsx_merges(archive: zipfile.ZipFile, path: str, rows: list[list[Cell]]) -> None:
    """Mark the cells covered by a merge (the `<mergeCell ref="B2:B5"/>` of the sheet's XML, which
    openpyxl's read-only mode does not read): every cell of the range but its first."""
    from openpyxl.utils.cell import coordinate_to_tuple

    if not path or path.lstrip("/") not in archive.namelist():
        return
    for start, end in _MERGE.findall(archive.read(path.lstrip("/"))):
        (top, left), (bottom, right) = coordinate_to_tuple(start.decode()), coordinate_to_tuple(end.decode())
        _cover(rows, top, left, bottom, right)


def _cover(rows: list[list[Cell]], top: int, left: int, bottom: int, right: int) -> None:
    """Mark the cells of a merged range (1-based, inclusive) but its first as covered, within the rows
    read (a range that runs past them covers nothing that is read)."""
    merged = f"{letter(left)}{top}:{letter(right)}{bottom}"
    for number in range(top, min(bottom, len(rows)) + 1):
        cells = rows[number - 1]
        for column in range(left, min(right, MAX_COLUMNS) + 1):
            if (number, column) == (top, left):
                continue
            while len(cells) < column:
                cells.append(Cell())
            cells[column - 1] = Cell(cells[column - 1].value, cells[column - 1].percent, merged)


def _read_ods(data: bytes) -> list[RawSheet]:
    from odf.namespaces import OFFICENS, TABLENS
    from odf.opendocument import load

    doc = load(io.BytesIO(data))
    sheets = []
    for table in doc.spreadsheet.childNodes:
        if table.qname != (TABLENS, "table"):
            continue
        rows: list[list[Cell]] = []
        pending = 0  # empty rows not yet added (LibreOffice repeats the last empty row a million times)
        merges: list[tuple[int, int, int, int]] = []  # (top, left, bottom, right), 1-based
        for row in _rows(table):
            cells: list[Cell] = []
            blank = 0
            number = len(rows) + pending + 1
            for node in row.childNodes:
                if node.qname not in ((TABLENS, "table-cell"), (TABLENS, "covered-table-cell")):
                    continue
                repeat = int(node.attributes.get((TABLENS, "number-columns-repeated"), "1") or 1)
                column = len(cells) + blank + 1
                if node.qname[1] == "table-cell":
                    cell = _ods_cell(node, OFFICENS)
                    across = int(node.attributes.get((TABLENS, "number-columns-spanned"), "1") or 1)
                    down = int(node.attributes.get((TABLENS, "number-rows-spanned"), "1") or 1)
                    if across > 1 or down > 1:
                        merges.append((number, column, number + down - 1, column + across - 1))
                else:  # covered by a merge: its value, if any, is not shown
                    cell = Cell(merged=next((f"{letter(left)}{top}:{letter(right)}{bottom}"
                                             for top, left, bottom, right in merges
                                             if top <= number <= bottom and left <= column <= right),
                                            f"{letter(column)}{number}"))
                if cell.empty and not cell.merged:
                    blank += repeat
                    continue
                _check_size(0, len(cells) + blank + repeat)
                cells += [Cell()] * blank + [cell] * repeat
                blank = 0
            repeat = int(row.attributes.get((TABLENS, "number-rows-repeated"), "1") or 1)
            if not cells:
                pending += repeat
                continue
            _check_size(len(rows) + pending + repeat, 0)
            rows += [[] for _ in range(pending)] + [list(cells) for _ in range(repeat)]
            pending = 0
        sheets.append(RawSheet(str(table.attributes.get((TABLENS, "name"), "")), _trim(rows)))
    return sheets


def _rows(table: Any) -> list[Any]:
    """The table's rows, also those inside row groups and header rows."""
    from odf.namespaces import TABLENS

    out = []
    for node in table.childNodes:
        if node.qname == (TABLENS, "table-row"):
            out.append(node)
        elif node.qname in ((TABLENS, "table-row-group"), (TABLENS, "table-header-rows"), (TABLENS, "table-rows")):
            out += _rows(node)
    return out


def _ods_cell(node: Any, office: str) -> Cell:
    kind = node.attributes.get((office, "value-type"))
    if kind in ("float", "currency", "percentage"):
        raw = node.attributes.get((office, "value"), "")
        try:
            number = float(raw)
        except ValueError:
            return Cell(_ods_text(node))
        if not math.isfinite(number):
            return Cell(_ods_text(node))
        return Cell(int(number) if number.is_integer() and kind != "percentage" else number, kind == "percentage")
    if kind == "date":
        raw = node.attributes.get((office, "date-value"), "")
        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            return Cell(_ods_text(node))
        return Cell(moment.date() if moment.time() == time() and "T" not in raw else moment)
    if kind == "time":
        return Cell(time())  # a duration or a time of day: never a value of these columns
    if kind == "boolean":
        return Cell(node.attributes.get((office, "boolean-value")) == "true")
    return Cell(_ods_text(node))


def _ods_text(node: Any) -> str:
    """The cell's text as shown: its paragraphs on separate lines (comments left out)."""
    from odf.namespaces import OFFICENS, TEXTNS

    def inline(element: Any) -> str:
        out = []
        for child in element.childNodes:
            if child.nodeType == child.TEXT_NODE:
                out.append(child.data)
            elif child.qname == (TEXTNS, "s"):
                out.append(" " * int(child.attributes.get((TEXTNS, "c"), "1") or 1))
            elif child.qname == (TEXTNS, "tab"):
                out.append("\t")
            elif child.qname == (TEXTNS, "line-break"):
                out.append("\n")
            elif child.qname[0] == OFFICENS:
                continue  # office:annotation: a comment, not the cell's content
            else:
                out.append(inline(child))
        return "".join(out)

    return "\n".join(inline(p) for p in node.childNodes if p.qname in ((TEXTNS, "p"), (TEXTNS, "h")))


# --------------------------------------------------------------------------- cell values


def text(cell: Cell) -> str:
    value = cell.value
    if isinstance(value, float) and value.is_integer() and not cell.percent:
        value = int(value)
    if isinstance(value, (date, datetime)):
        return cell.shown()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return cell.shown()
    value = _CONTROL.sub("", str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n"))
    return "\n".join(line.rstrip() for line in value.strip().split("\n"))


#: Characters a cell may hold that no record may (the loader refuses them in YAML files): control
#: characters but the line break and the tab, and the paragraph separator.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2029]")


def _day(year: int, month: int, day: int, shown: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(_("sheet_date_does_not_exist", shown=shown)) from None


def _from_moment(cell: Cell) -> date:
    value = cell.value
    if isinstance(value, datetime):
        if value.time() != time():
            raise CellError(_("sheet_date_with_time", shown=cell.shown()))
        return value.date()
    assert isinstance(value, date)
    return value


def _not_a_date(cell: Cell, example: str) -> CellError:
    if isinstance(cell.value, time):
        return NotADate(_("sheet_date_is_a_time", example=example))
    if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
        return NotADate(_("sheet_date_is_a_number", shown=cell.shown(), example=example))
    return NotADate(_("sheet_date_unknown", shown=cell.shown(), example=example))


def parse_date(cell: Cell) -> str:
    """A day: `"2026-03-12"`."""
    if isinstance(cell.value, (date, datetime)):
        return _from_moment(cell).isoformat()
    shown = text(cell) if isinstance(cell.value, str) else ""
    folded = _fold(shown).replace("_", " ")
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", shown):
        return _day(int(m[1]), int(m[2]), int(m[3]), shown).isoformat()
    if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", shown):
        return _day(int(m[3]), int(m[2]), int(m[1]), shown).isoformat()
    if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2}", shown):
        raise CellError(_("sheet_date_two_digit_year", shown=shown))
    if m := re.fullmatch(rf"(\d{{1,2}})(?:er)? ({_MONTH_NAMES}) (\d{{4}})", folded):
        return _day(int(m[3]), MONTHS[m[2]], int(m[1]), shown).isoformat()
    raise _not_a_date(cell, _("sheet_date_example_day"))


def parse_partial_date(cell: Cell) -> str:
    """A day, a month or a year: `"2026-12-31"`, `"2026-12"`, `"2026"`."""
    value = cell.value
    if isinstance(value, (date, datetime)):
        return _from_moment(cell).isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool) and not cell.percent \
            and float(value).is_integer() and 1900 <= value <= 2200:
        return str(int(value))
    shown = text(cell) if isinstance(value, str) else ""
    folded = _fold(shown).replace("_", " ")
    if m := re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?", shown):
        if m[2]:
            _day(int(m[1]), int(m[2]), 1, shown)
            return f"{int(m[1]):04d}-{int(m[2]):02d}"
        return m[1]
    if m := re.fullmatch(r"(\d{1,2})[/.-](\d{4})", shown):
        _day(int(m[2]), int(m[1]), 1, shown)
        return f"{m[2]}-{int(m[1]):02d}"
    if m := re.fullmatch(rf"({_MONTH_NAMES}) (\d{{4}})", folded):
        return f"{m[2]}-{MONTHS[m[1]]:02d}"
    try:
        return parse_date(cell)
    except NotADate:
        pass  # said below with the ways of writing a month or a year too
    raise _not_a_date(cell, _("sheet_date_example_partial"))


def parse_percent(cell: Cell) -> str:
    """A whole percentage: `"60"`."""
    value = cell.value
    if isinstance(value, (bool, date, datetime, time)):
        raise CellError(_("sheet_progress_not_a_number", shown=cell.shown(), example=percent(60)))
    if isinstance(value, (int, float)):
        number = float(value) * 100 if cell.percent else float(value)
        bare = not cell.percent
    else:
        m = re.fullmatch(r"(\d{1,9}(?:[.,]\d+)?)\s*(%?)", text(cell))
        if not m:
            raise CellError(_("sheet_progress_unknown", shown=cell.shown(), example=percent(60)))
        number = float(m[1].replace(",", "."))
        bare = not m[2]
    if bare and 0 < number < 1:
        raise CellError(_("sheet_progress_ambiguous", shown=cell.shown(), hundredfold=percent(_number(number * 100)),
                          as_written=percent(_number(number)), example=percent(60)))
    rounded = round(number)
    if abs(number - rounded) > 1e-6:
        raise CellError(_("sheet_progress_not_whole", shown=cell.shown(), example=percent(60)))
    return str(rounded)


def parse_number(cell: Cell) -> str:
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and not cell.percent and float(value).is_integer():
        return str(int(value))
    if isinstance(value, str) and re.fullmatch(r"\d{1,9}", text(cell)):
        return text(cell)
    raise CellError(_("sheet_number_not_whole", shown=cell.shown()))


def parse_choice(cell: Cell, choices: Sequence[Option], noun: str, extra: dict[str, str] | None = None) -> str:
    """The id of the option the cell names (its French or English label, or its id). `extra`: other
    names of options (a topic's French title), name -> id."""
    shown = text(cell)
    names: dict[str, set[str]] = {}
    for option in choices:
        for name in (option.value, option.fr, option.en):
            names.setdefault(_fold(name), set()).add(option.value)
    for name, value in (extra or {}).items():
        names.setdefault(_fold(name), set()).add(value)
    found = names.get(_fold(shown))
    if found and len(found) == 1:
        return next(iter(found))
    listed = ", ".join(quoted(o.fr) for o in choices)
    if found:
        raise CellError(_("sheet_choice_ambiguous", shown=shown, listed=listed))
    hint = suggestion(shown, choices)
    if hint:
        raise CellError(_("sheet_choice_meant", shown=shown, noun=_(noun), meant=hint))
    raise CellError(_("sheet_choice_unknown", shown=shown, noun=_(noun), listed=listed))


def meant(value: str, choices: Sequence[str], labels: dict[str, str] | None = None) -> str | None:
    """The choice the project's `did_you_mean` surely means for `value` (case, accents, a typo, a part
    of a label, never a negation added or dropped), or None: read back from its suggestion, which is
    a sentence in the editor's language."""
    hint = did_you_mean(value, choices, labels)
    if not hint:
        return None
    candidates = set(choices) | set((labels or {}).values())
    return next((c for c in sorted(candidates) if _suggest(c) == hint), None)


def suggestion(value: str, choices: Sequence[Option]) -> str | None:
    """The French label surely meant, or None: the project's `did_you_mean` (case, accents, a typo,
    a part of a label, never a negation added or dropped), then a typo within a part of a label
    ("en cour" for "… en cours")."""
    labels = {o.fr: o.fr for o in choices} | {o.en: o.fr for o in choices} | {o.value: o.fr for o in choices}
    hint = meant(value, [o.fr for o in choices], labels)
    if hint:
        return hint
    words = _fold(value).split("_")
    if len("".join(words)) < 4:
        return None
    close = set()
    for option in choices:
        for label in (option.fr, option.en):
            parts = _fold(label).split("_")
            for start in range(len(parts) - len(words) + 1):
                window = "_".join(parts[start:start + len(words)])
                if _distance("_".join(words), window) <= 1 and _negations(value) == _negations(label):
                    close.add(option.fr)
    return close.pop() if len(close) == 1 else None
