"""Read: an ODS, XLSX or CSV file -> its sheets as rows of cells, and cells -> the values records hold.

`read(path)` returns the file's sheets (`RawSheet`: a name, rows of `Cell`, the first row being
the header row), or raises `SheetError` with a French message an editor can act on. The `parse_*`
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

Over 400 lines: three file formats (ODS, XLSX, CSV), each read defensively (no XML bomb,
no formula, a located message for every unreadable cell); they share the cell model and the
messages, so they stay side by side.
"""

from __future__ import annotations

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

from ...records.problems import _distance, _fold, _negations, did_you_mean
from .columns import Option, french

MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED = 200 * 1024 * 1024  # the sum of a zip's uncompressed sizes (a zip bomb stops here)
MAX_ROWS = 20_000
MAX_COLUMNS = 200
SUFFIXES = (".ods", ".xlsx", ".csv")

MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}
_MONTH_NAMES = "|".join(MONTHS)


class SheetError(Exception):
    """The file cannot be read as a sheet (the message, in French, says why and what to do)."""


class CellError(Exception):
    """A cell's content cannot become the value of its column (the message says how to write it)."""


@dataclass(frozen=True)
class Cell:
    value: str | int | float | bool | date | datetime | time | None = None
    #: The cell is formatted as a percentage (then 0.6 means 60 %).
    percent: bool = False

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


def read(path: Path) -> list[RawSheet]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SheetError(french("ce fichier n’est pas un tableur que nous lisons. Enregistrez-le au format "
                                "OpenDocument (.ods), Excel (.xlsx) ou CSV (.csv)."))
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SheetError(french(f"ce fichier pèse {size // (1024 * 1024)} Mo, plus que les {MAX_BYTES // (1024 * 1024)} Mo "
                                "acceptés. Gardez seulement les feuilles de suivi."))
    data = path.read_bytes()
    if suffix == ".csv":
        return [_read_csv(data)]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise SheetError(french(f"ce fichier n’est pas un vrai fichier {suffix} (il ne s’ouvre pas comme tel). "
                                "Enregistrez-le à nouveau depuis le tableur, au format .ods ou .xlsx.")) from None
    with archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
            raise SheetError(french("ce fichier se décompresse en plus de 200 Mo : ce n’est pas une feuille de suivi."))
    try:
        return _read_ods(data) if suffix == ".ods" else _read_xlsx(data)
    except SheetError:
        raise
    except Exception as exc:  # a damaged or foreign file: what the library says, in a sentence
        raise SheetError(french(f"ce fichier ne peut pas être lu comme un tableur {suffix} ({type(exc).__name__}). "
                                "Ouvrez-le dans le tableur et enregistrez-le à nouveau au format .ods ou .xlsx.")) from None


def _trim(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Rows without their empty cells at the end, without empty rows at the end."""
    out = []
    for row in rows:
        while row and row[-1].empty:
            row = row[:-1]
        out.append(row)
    while out and not out[-1]:
        out.pop()
    return out


def _check_size(rows: int, columns: int) -> None:
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise SheetError(french(f"une feuille de ce fichier a plus de {MAX_ROWS} lignes ou de {MAX_COLUMNS} colonnes "
                                "remplies : ce n’est pas une feuille de suivi."))


def _read_csv(data: bytes) -> RawSheet:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Not UTF-8: what Excel writes in France (Windows-1252). UTF-8 is recognised with certainty,
        # so this is not a guess between two readings of the same bytes.
        text = data.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    from .columns import FOLLOW_UP, NEW_MEASURES

    headers = {_fold(c.fr) for c in (*FOLLOW_UP, *NEW_MEASURES)}
    best = max((";", ",", "\t"), key=lambda d: sum(_fold(h) in headers for h in next(csv.reader([first], delimiter=d))))
    rows = [[Cell(value) for value in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=best)]
    _check_size(len(rows), max((len(r) for r in rows), default=0))
    return RawSheet(None, _trim(rows))


def _read_xlsx(data: bytes) -> list[RawSheet]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheets = []
    try:
        for ws in book.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                continue  # the drop-down lists of an exported file, or a sheet its author hid
            rows = []
            for row in ws.iter_rows():
                cells = [Cell(getattr(c, "value", None), "%" in (getattr(c, "number_format", "") or "")) for c in row]
                rows.append(cells)
                _check_size(len(rows), len(cells))
            sheets.append(RawSheet(ws.title, _trim(rows)))
    finally:
        book.close()
    return sheets


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
        for row in _rows(table):
            cells: list[Cell] = []
            blank = 0
            for node in row.childNodes:
                if node.qname not in ((TABLENS, "table-cell"), (TABLENS, "covered-table-cell")):
                    continue
                repeat = int(node.attributes.get((TABLENS, "number-columns-repeated"), "1") or 1)
                cell = _ods_cell(node, OFFICENS) if node.qname[1] == "table-cell" else Cell()
                if cell.empty:
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
        raise CellError(french(f"« {shown} » n’est pas une date qui existe : vérifiez le jour et le mois.")) from None


def _from_moment(cell: Cell) -> date:
    value = cell.value
    if isinstance(value, datetime):
        if value.time() != time():
            raise CellError(french(f"cette case contient une heure (« {cell.shown()} ») : écrivez seulement le jour, "
                                   "par exemple 12/03/2026."))
        return value.date()
    assert isinstance(value, date)
    return value


def _not_a_date(cell: Cell, example: str) -> CellError:
    if isinstance(cell.value, time):
        return CellError(french(f"cette case contient une heure ou une durée, pas une date : écrivez {example}."))
    if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
        return CellError(french(f"« {cell.shown()} » est un nombre, pas une date : donnez à la case le format date, "
                                f"ou écrivez {example}."))
    return CellError(french(f"« {cell.shown()} » n’est pas une date que nous savons lire : écrivez {example}."))


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
        raise CellError(french(f"« {shown} » : l’année a deux chiffres ; écrivez-la en entier, par exemple 12/03/2026."))
    if m := re.fullmatch(rf"(\d{{1,2}})(?:er)? ({_MONTH_NAMES}) (\d{{4}})", folded):
        return _day(int(m[3]), MONTHS[m[2]], int(m[1]), shown).isoformat()
    raise _not_a_date(cell, "12/03/2026 (jour/mois/année) ou 2026-03-12")


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
    except CellError as error:
        if "n’est pas une date" not in str(error):
            raise
    raise _not_a_date(cell, "2026-12-31 (un jour), 2026-12 (un mois) ou 2026 (une année)")


def parse_percent(cell: Cell) -> str:
    """A whole percentage: `"60"`."""
    value = cell.value
    if isinstance(value, (bool, date, datetime, time)):
        raise CellError(french(f"« {cell.shown()} » n’est pas une progression : écrivez un pourcentage, "
                               "par exemple 60 ou « 60 % »."))
    if isinstance(value, (int, float)):
        number = float(value) * 100 if cell.percent else float(value)
        bare = not cell.percent
    else:
        m = re.fullmatch(r"(\d{1,9}(?:[.,]\d+)?)\s*(%?)", text(cell))
        if not m:
            raise CellError(french(f"« {cell.shown()} » n’est pas une progression : écrivez un nombre entier de 0 à "
                                   "100, par exemple 60 ou « 60 % »."))
        number = float(m[1].replace(",", "."))
        bare = not m[2]
    if bare and 0 < number < 1:
        raise CellError(french(
            f"« {cell.shown()} » : s’agit-il de {_number(number * 100)}\u00a0% ou de {_number(number)}\u00a0% ? "
            "Écrivez la progression en pour cent, par exemple 60 ou « 60 % », ou donnez à la case le format "
            "pourcentage."))
    rounded = round(number)
    if abs(number - rounded) > 1e-6:
        raise CellError(french(f"« {cell.shown()} » : la progression s’écrit en pour cent entiers, par exemple 60\u00a0%."))
    return str(rounded)


def parse_number(cell: Cell) -> str:
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and not cell.percent and float(value).is_integer():
        return str(int(value))
    if isinstance(value, str) and re.fullmatch(r"\d{1,9}", text(cell)):
        return text(cell)
    raise CellError(french(f"« {cell.shown()} » n’est pas un nombre entier : écrivez des chiffres seulement, par exemple 3."))


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
    listed = ", ".join(f"« {o.fr} »" for o in choices)
    if found:
        raise CellError(french(f"« {shown} » peut désigner plusieurs valeurs ; choisissez dans la liste : {listed}."))
    hint = suggestion(shown, choices)
    if hint:
        raise CellError(french(f"« {shown} » n’est pas {noun} ; vouliez-vous dire « {hint} » ?"))
    raise CellError(french(f"« {shown} » n’est pas {noun}. Choisissez dans la liste : {listed}."))


def suggestion(value: str, choices: Sequence[Option]) -> str | None:
    """The French label surely meant, or None: the project's `did_you_mean` (case, accents, a typo,
    a part of a label, never a negation added or dropped), then a typo within a part of a label
    ("en cour" for "… en cours")."""
    labels = {o.fr: o.fr for o in choices} | {o.en: o.fr for o in choices} | {o.value: o.fr for o in choices}
    hint = did_you_mean(value, [o.fr for o in choices], labels)
    if hint:
        return re.search(r'"(.*)"\?$', hint)[1]  # type: ignore[index]
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
