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

Files come from outside (an upload on a pull request): a small file can describe a huge one, so
every limit (`MAX_…`: the file's bytes, what a zip unpacks to, XML elements, rows, columns, cells,
merges, a cell's characters) is checked while the file is read, before the rows or cells it counts
are made, and a limit passed is said located (file › sheet › row) with what to do (bounded.py). An
ODS file's content.xml is streamed through expat (entity declarations refused, as defusedxml
refuses them), a repeated row or cell counted before it is expanded; an XLSX file's parts are all
streamed and counted before openpyxl (which uses defusedxml) reads them; a CSV file is split record
by record. Only the values of cells are read (never formulas, links or macros). A cell covered by a
merge keeps that fact (`Cell.merged`: the merged range), so that it is not taken for an empty cell.

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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from ...records.catalogue import _
from ...records.problems import did_you_mean, distance, fold, negations, suggest
from . import bounded
from .bounded import SheetError
from .columns import FOLLOW_UP, NEW_MEASURES, Option, count, letter, percent, quoted

MAX_BYTES = 10 * 1024 * 1024
#: What a zip file (ODS, XLSX) may unpack to: its members' declared sizes, and the bytes actually
#: unpacked, counted chunk by chunk as they are read (a zip bomb stops here, whatever its headers say).
MAX_UNPACKED = 64 * 1024 * 1024
#: The most files a zip file may hold (a spreadsheet has a dozen).
MAX_MEMBERS = 1_000
#: The most XML elements a file's parts may hold together: what parsing costs in time, whatever
#: the bytes (an exported sheet of a whole cohort has a few thousand).
MAX_ELEMENTS = 2_000_000
MAX_ROWS = 20_000
MAX_COLUMNS = 200
#: The most cells a sheet may hold (its rows times their columns, repeated rows and columns
#: counted as the spreadsheet shows them), checked before they are made.
MAX_CELLS = 500_000
#: The most merged ranges a sheet may hold (a follow-up sheet has none, or a few).
MAX_MERGES = 10_000
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


class CellError(Exception):
    """A cell's content cannot become the value of its column (the message says how to write it)."""


class NotADate(CellError):
    """A cell that holds no date at all (rather than a wrong one: 31/02/2026, a two-digit year)."""


@dataclass(frozen=True, slots=True)
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
    """The file's sheets, read within the limits above as the file is read (bounded.py): a limit
    passed stops the reading at once, with a SheetError saying which limit, where, and how to fix."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SheetError(_("sheet_file_not_a_sheet"))
    data = bounded.file_bytes(path, MAX_BYTES)
    if suffix == ".csv":
        return [_read_csv(data)]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise SheetError(_("sheet_file_not_a_zip", suffix=suffix)) from None
    with archive:
        try:
            zipped = bounded.Zip(archive, members=MAX_MEMBERS, unpacked=MAX_UNPACKED, elements=MAX_ELEMENTS)
            return _read_ods(zipped) if suffix == ".ods" else _read_xlsx(data, zipped)
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


class _Limits:
    """One sheet's limits, counted as it is read: each check comes before the rows or cells it
    counts are made (a repeated row or cell is counted as the spreadsheet shows it, never expanded
    first). `name`: the sheet's (None for a CSV file)."""

    def __init__(self, name: str | None) -> None:
        self.name = name
        self.cells = 0
        self.merges = 0
        self.covered = 0

    def rows(self, first: int, last: int) -> None:
        """Rows `first` to `last` are about to be made."""
        if last > MAX_ROWS:
            raise SheetError(_("sheet_too_many_rows", limit=count(MAX_ROWS), last=count(last)), self.name, first)

    def columns(self, last: int, row: int) -> None:
        """The row `row` is about to have `last` cells."""
        if last > MAX_COLUMNS:
            raise SheetError(_("sheet_too_many_columns", limit=count(MAX_COLUMNS), last=letter(min(last, 10**6))),
                             self.name, row)

    def add(self, cells: int, row: int) -> None:
        """`cells` cells (row by column) are about to be made, from row `row`."""
        self.cells += cells
        if self.cells > MAX_CELLS:
            raise SheetError(_("sheet_too_many_cells", limit=count(MAX_CELLS)), self.name, row)

    def merge(self, row: int, area: int = 0) -> None:
        """A merged range is met at row `row`, covering `area` cells that will be marked."""
        self.merges += 1
        self.covered += area
        if self.merges > MAX_MERGES or self.covered > MAX_CELLS:
            raise SheetError(_("sheet_too_many_merges", limit=count(MAX_MERGES)), self.name, row)


def _times(value: str | None) -> int:
    """A repeat or span attribute (`number-rows-repeated`…) as a number, at most 10**12 (an
    absurd figure is then refused by the limits, never turned into a huge integer)."""
    if not value:
        return 1
    if not value.isdigit():
        raise ValueError(f"not a count: {value[:20]!r}")
    return int(value) if len(value) <= 12 else 10**12


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


#: The most separators one CSV record may hold, counted line by line as the csv module asks for
#: them (a cell's text may hold some): beyond, the record is refused before it is split into fields.
MAX_SEPARATORS = 20 * MAX_COLUMNS


def _read_csv(data: bytes) -> RawSheet:
    """A CSV file's one sheet, record by record: each record's separators are counted before the
    csv module splits it, its fields and the sheet's rows and cells before they become cells."""
    text = csv_text(data)
    end = text.find("\n", 0, 64 * 1024)
    first = text[: end if end >= 0 else 64 * 1024]  # the header row (a few hundred characters)
    headers = {fold(c.fr) for c in (*FOLLOW_UP, *NEW_MEASURES)}
    best = max((";", ",", "\t"), key=lambda d: sum(fold(h) in headers for h in next(csv.reader([first], delimiter=d))))
    # A cell is as long as the file allows (the file is size-limited): rows.py says which cell is too
    # long, at its place, rather than the csv module stopping the whole file (its limit is 128 KiB).
    if csv.field_size_limit() < MAX_BYTES:
        csv.field_size_limit(MAX_BYTES)
    limits = _Limits(None)
    rows: list[list[Cell]] = []
    separators = 0

    def lines() -> Iterator[str]:
        nonlocal separators
        for line in io.StringIO(text, newline=""):
            separators += line.count(best)
            if separators > MAX_SEPARATORS:
                raise SheetError(_("sheet_csv_too_many_separators", limit=count(MAX_SEPARATORS), separator=best),
                                 None, len(rows) + 1)
            yield line

    reader = csv.reader(lines(), delimiter=best)
    try:
        for fields in reader:
            separators = 0
            number = len(rows) + 1
            limits.rows(number, number)
            limits.columns(len(fields), number)
            limits.add(len(fields), number)
            rows.append([Cell(value) for value in fields])
    except csv.Error as error:
        raise SheetError(_("sheet_csv_unreadable", row=reader.line_num, error=str(error))) from None
    return RawSheet(None, _trim(rows))


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


@dataclass
class _XlsxPart:
    """What the scan of one XML part of an XLSX file found, for the sheet it turns out to be: the
    first limit it passes (a SheetError without its sheet's name yet), and its merged ranges."""

    passed: SheetError | None = None
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)


def _column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


def _scan_xlsx(zipped: bounded.Zip) -> dict[str, _XlsxPart]:
    """Every XML part of the file, streamed before openpyxl reads any: the file's elements counted
    (bounded.Zip), its shared strings counted (openpyxl keeps them all), and, in each part, the rows
    and cells as a worksheet's (the row and column numbers written, `r="XFD1048576"` included, and
    how many there are), so that no sheet reaches openpyxl beyond the limits; its merges kept."""
    found: dict[str, _XlsxPart] = {}
    strings = 0
    for name in zipped.names():
        if not name.endswith((".xml", ".rels")):
            continue
        part = found[name] = _XlsxPart()
        limits = _Limits(None)
        state = {"row": 0, "column": 0}

        def start(tag: str, attributes: dict[str, str], part: _XlsxPart = part, limits: _Limits = limits,
                  state: dict[str, int] = state) -> None:
            nonlocal strings
            namespace, _space, local = tag.rpartition(" ")
            if namespace != _MAIN:
                return
            if local == "si":
                strings += 1
                if strings > MAX_CELLS:
                    raise SheetError(_("sheet_file_too_many_texts", limit=count(MAX_CELLS)))
            if part.passed is not None:
                return
            try:
                if local == "row":
                    given = attributes.get("r", "")
                    state["row"] = int(given) if given.isdigit() and len(given) <= 9 else state["row"] + 1
                    state["column"] = 0
                    limits.rows(state["row"], state["row"])
                elif local == "c":
                    match = _REF.fullmatch(attributes.get("r", ""))
                    state["column"] = _column_number(match[1]) if match else state["column"] + 1
                    if match and int(match[2]) != state["row"]:
                        state["row"] = int(match[2])
                        limits.rows(state["row"], state["row"])
                    limits.columns(state["column"], state["row"])
                    limits.add(1, state["row"])
                elif local == "mergeCell":
                    start_ref, _colon, end_ref = attributes.get("ref", "").partition(":")
                    first, last = _REF.fullmatch(start_ref), _REF.fullmatch(end_ref)
                    if first and last:
                        limits.merge(int(first[2]))
                        part.merges.append((int(first[2]), _column_number(first[1]), int(last[2]),
                                            _column_number(last[1])))
            except SheetError as error:
                part.passed = error  # said only if this part is a sheet (with its name)

        zipped.parse(name, start)
    return found


def _read_xlsx(data: bytes, zipped: bounded.Zip) -> list[RawSheet]:
    # Imported here: openpyxl is slow to load and only Excel files need it (not CSV or OpenDocument).
    import openpyxl

    parts = _scan_xlsx(zipped)
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheets = []
    try:
        for ws in book.worksheets:
            part = parts.get(getattr(ws, "_worksheet_path", "").lstrip("/"), _XlsxPart())
            if part.passed is not None:
                raise SheetError(str(part.passed), ws.title, part.passed.row)
            if getattr(ws, "sheet_state", "visible") != "visible":
                continue  # the drop-down lists of an exported file, or a sheet its author hid
            limits = _Limits(ws.title)
            ws.reset_dimensions()  # never pad rows to the size the file claims: only its cells are read
            rows: list[list[Cell]] = []
            for row in ws.iter_rows():
                number = len(rows) + 1
                limits.rows(number, number)
                limits.columns(len(row), number)
                limits.add(len(row), number)
                rows.append([Cell(getattr(c, "value", None), "%" in (getattr(c, "number_format", "") or ""))
                             for c in row])
            for top, left, bottom, right in part.merges:
                _cover(rows, top, left, bottom, right, limits)
            sheets.append(RawSheet(ws.title, _trim(rows)))
    finally:
        book.close()
    return sheets


def _cover(rows: list[list[Cell]], top: int, left: int, bottom: int, right: int, limits: _Limits) -> None:
    """Mark the cells of a merged range (1-based, inclusive) but its first as covered, within the rows
    read (a range that runs past them covers nothing that is read); the cells marked are counted."""
    merged = f"{letter(left)}{top}:{letter(right)}{bottom}"
    last_row, last_column = min(bottom, len(rows)), min(right, MAX_COLUMNS)
    limits.merge(top, max(0, last_row - top + 1) * max(0, last_column - left + 1))
    for number in range(top, last_row + 1):
        cells = rows[number - 1]
        for column in range(left, last_column + 1):
            if (number, column) == (top, left):
                continue
            while len(cells) < column:
                cells.append(Cell())
            cells[column - 1] = Cell(cells[column - 1].value, cells[column - 1].percent, merged)


_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ROW_PARENTS = frozenset(f"{_TABLE} {n}" for n in ("table", "table-row-group", "table-header-rows", "table-rows"))
_CELLS = frozenset({f"{_TABLE} table-cell", f"{_TABLE} covered-table-cell"})
_PARAGRAPHS = frozenset({f"{_TEXT} p", f"{_TEXT} h"})


class _Ods:
    """An ODS file's content.xml, read as it is unpacked (expat, bounded.Zip.parse): each sheet's rows
    are built as they come, every repeated row or cell counted against the limits before it is made
    (LibreOffice repeats the last empty row a million times: empty rows are only counted, and made
    when a filled row follows), a cell's text at most one character over MAX_CELL (rows.py refuses
    it at its place). A cell's text is its paragraphs on separate lines (comments left out)."""

    def __init__(self) -> None:
        self.sheets: list[RawSheet] = []
        self.depth = 0
        self.sheet: tuple[int, str, _Limits] | None = None  # (depth, name, limits)
        self.rows: list[list[Cell]] = []
        self.pending = 0  # empty rows not yet made
        self.merges: dict[int, tuple[int, int, int, int]] = {}  # column -> the last range over it
        self.row: tuple[int, int] | None = None  # (depth, number-rows-repeated)
        self.cells: list[Cell] = []
        self.blank = 0
        self.cell: tuple[int, str, dict[str, str]] | None = None  # (depth, tag, attributes)
        self.paragraphs: list[list[str]] = []
        self.paragraph = 0  # the depth of the paragraph being read, 0 outside one
        self.skipped = 0  # the depth of a comment being left out, 0 outside one
        self.length = 0

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        self.depth += 1
        depth = self.depth
        if self.cell is not None:
            self._cell_part(tag, attributes, depth)
        elif tag == f"{_TABLE} table" and self.sheet is None:
            self.sheet = (depth, attributes.get(f"{_TABLE} name", ""), _Limits(attributes.get(f"{_TABLE} name", "")))
            self.rows, self.pending, self.merges = [], 0, {}
        elif tag == f"{_TABLE} table-row" and self.sheet is not None and self.row is None:
            self.row = (depth, _times(attributes.get(f"{_TABLE} number-rows-repeated")))
            self.cells, self.blank = [], 0
        elif tag in _CELLS and self.row is not None and depth == self.row[0] + 1:
            self.cell = (depth, tag, attributes)
            self.paragraphs, self.paragraph, self.skipped, self.length = [], 0, 0, 0

    def _cell_part(self, tag: str, attributes: dict[str, str], depth: int) -> None:
        assert self.cell is not None
        if self.skipped:
            return
        if depth == self.cell[0] + 1 and tag in _PARAGRAPHS:
            self.paragraph = depth
            if self.length <= MAX_CELL:  # a paragraph more, while the cell is not over the limit
                if self.paragraphs:
                    self.length += 1  # the line break between paragraphs
                self.paragraphs.append([])
        elif self.paragraph and depth > self.paragraph:
            if tag.startswith(f"{_OFFICE} "):
                self.skipped = depth  # office:annotation: a comment, not the cell's content
            elif tag == f"{_TEXT} s":
                self._add(" " * min(_times(attributes.get(f"{_TEXT} c")), MAX_CELL + 1))
            elif tag == f"{_TEXT} tab":
                self._add("\t")
            elif tag == f"{_TEXT} line-break":
                self._add("\n")

    def text(self, data: str) -> None:
        if self.cell is not None and self.paragraph and not self.skipped:
            self._add(data)

    def _add(self, data: str) -> None:
        room = MAX_CELL + 1 - self.length
        if room > 0:
            data = data[:room]
            self.paragraphs[-1].append(data)
            self.length += len(data)

    def end(self, tag: str) -> None:
        depth = self.depth
        self.depth -= 1
        if self.cell is not None:
            if depth == self.cell[0]:
                self._end_cell()
            elif depth == self.skipped:
                self.skipped = 0
            elif depth == self.paragraph:
                self.paragraph = 0
        elif self.row is not None and depth == self.row[0]:
            self._end_row()
        elif self.sheet is not None and depth == self.sheet[0]:
            self.sheets.append(RawSheet(self.sheet[1], _trim(self.rows)))
            self.sheet, self.rows = None, []

    def _end_cell(self) -> None:
        assert self.cell is not None and self.sheet is not None
        _depth, tag, attributes = self.cell
        self.cell = None
        limits = self.sheet[2]
        repeat = _times(attributes.get(f"{_TABLE} number-columns-repeated"))
        number = len(self.rows) + self.pending + 1
        column = len(self.cells) + self.blank + 1
        if tag == f"{_TABLE} table-cell":
            cell = self._value(attributes)
            across = _times(attributes.get(f"{_TABLE} number-columns-spanned"))
            down = _times(attributes.get(f"{_TABLE} number-rows-spanned"))
            if across > 1 or down > 1:
                limits.merge(number)
                for covered in range(column, min(column + across - 1, MAX_COLUMNS) + 1):
                    self.merges[covered] = (number, column, number + down - 1, column + across - 1)
        else:  # covered by a merge: its value, if any, is not shown
            top, left, bottom, right = self.merges.get(column, (0, 0, 0, 0))
            inside = top <= number <= bottom and left <= column <= right
            cell = Cell(merged=f"{letter(left)}{top}:{letter(right)}{bottom}" if inside else f"{letter(column)}{number}")
        if cell.empty and not cell.merged:
            self.blank += repeat
            return
        limits.columns(len(self.cells) + self.blank + repeat, number)
        self.cells += [Cell()] * self.blank + [cell] * repeat
        self.blank = 0

    def _end_row(self) -> None:
        assert self.row is not None and self.sheet is not None
        repeat = self.row[1]
        self.row = None
        if not self.cells:
            self.pending += repeat
            return
        limits = self.sheet[2]
        first = len(self.rows) + self.pending + 1
        limits.rows(first, first + repeat - 1)
        limits.add(len(self.cells) * repeat, first)
        self.rows += [[] for _ in range(self.pending)] + [list(self.cells) for _ in range(repeat)]
        self.pending = 0

    def _value(self, attributes: dict[str, str]) -> Cell:
        kind = attributes.get(f"{_OFFICE} value-type")
        shown = "\n".join("".join(p) for p in self.paragraphs)
        if kind in ("float", "currency", "percentage"):
            try:
                number = float(attributes.get(f"{_OFFICE} value", ""))
            except ValueError:
                return Cell(shown)
            if not math.isfinite(number):
                return Cell(shown)
            return Cell(int(number) if number.is_integer() and kind != "percentage" else number, kind == "percentage")
        if kind == "date":
            raw = attributes.get(f"{_OFFICE} date-value", "")
            try:
                moment = datetime.fromisoformat(raw)
            except ValueError:
                return Cell(shown)
            return Cell(moment.date() if moment.time() == time() and "T" not in raw else moment)
        if kind == "time":
            return Cell(time())  # a duration or a time of day: never a value of these columns
        if kind == "boolean":
            return Cell(attributes.get(f"{_OFFICE} boolean-value") == "true")
        return Cell(shown)


def _read_ods(zipped: bounded.Zip) -> list[RawSheet]:
    reader = _Ods()
    zipped.parse("content.xml", reader.start, reader.end, reader.text)
    return reader.sheets



# --------------------------------------------------------------------------- cell values


def text(cell: Cell) -> str:
    value = cell.value
    if isinstance(value, float) and value.is_integer() and not cell.percent:
        value = int(value)
    if isinstance(value, (date, datetime)):
        return cell.shown()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return cell.shown()
    value = _CONTROL.sub("", _LINE_BREAKS.sub("\n", str(value)))
    return "\n".join(line.rstrip() for line in value.strip().split("\n"))


#: What ends a line in a cell, whatever wrote it: Excel's \r\n, an old Mac's \r, LibreOffice's
#: line and paragraph separators (U+2028, U+2029), the next-line character NEL (U+0085), a vertical
#: tab or a form feed. Each becomes a line break (which rows.py makes a paragraph, or a space in a
#: title), never nothing: deleted, it would join the words on either side.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
#: Characters a cell may hold that no record may (the loader refuses them in YAML files): the other
#: control characters (but the line break and the tab).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


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
    folded = fold(shown).replace("_", " ")
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
    folded = fold(shown).replace("_", " ")
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
            names.setdefault(fold(name), set()).add(option.value)
    for name, value in (extra or {}).items():
        names.setdefault(fold(name), set()).add(value)
    found = names.get(fold(shown))
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
    return next((c for c in sorted(candidates) if suggest(c) == hint), None)


def suggestion(value: str, choices: Sequence[Option]) -> str | None:
    """The French label surely meant, or None: the project's `did_you_mean` (case, accents, a typo,
    a part of a label, never a negation added or dropped), then a typo within a part of a label
    ("en cour" for "… en cours")."""
    labels = {o.fr: o.fr for o in choices} | {o.en: o.fr for o in choices} | {o.value: o.fr for o in choices}
    hint = meant(value, [o.fr for o in choices], labels)
    if hint:
        return hint
    words = fold(value).split("_")
    if len("".join(words)) < 4:
        return None
    close = set()
    for option in choices:
        for label in (option.fr, option.en):
            parts = fold(label).split("_")
            for start in range(len(parts) - len(words) + 1):
                window = "_".join(parts[start:start + len(words)])
                if distance("_".join(words), window) <= 1 and negations(value) == negations(label):
                    close.add(option.fr)
    return close.pop() if len(close) == 1 else None
