"""Export: a cohort's measures as a sheet to fill in, in OpenDocument, Excel or CSV.

`workbook(model, cohort, topics=None)` describes the sheets (one per topic, the new measures, the
explanation of every column); `to_ods`, `to_xlsx`, `to_csv` turn it into bytes. Nothing is printed
or written here: the command line writes the file, the site build publishes it (`site_files`).

Contract:
- A follow-up sheet has one row per measure, in the site's order: its id, number, French title,
  department and current state (the model's derived state, as the pages show it), then empty
  columns for the new assessment (`columns.FOLLOW_UP`). Its first row is the header row.
- Enumerated columns offer, as a drop-down list, the French labels readers see on the site.
- Same model, same bytes: no timestamp but the model's day (the office writer's rule).
- Cells are data, never formulas: ODS and XLSX cells are written as typed values and texts, never
  formulas (generator/editor/office.py), and CSV cells get an apostrophe wherever a spreadsheet
  splitting them at any separator (an English one splits this `;` file at `,`) could start a
  formula, as in the open data (`cells.neutralize`). Only the columns written for reading (`INFO`)
  and the ids hold text here, and the import reads neither as text to keep, so it has nothing to undo.
- The workbook speaks French (its headers, lists and help are the City staff's), with the English
  half of the explanation sheet; the message a drop-down list shows for a value not in the list is
  the catalogues' (`sheet_list_…`), in French then English: one file serves both languages, and its
  bytes never depend on the language the command speaks to the editor in.

ODS and XLSX files are written by the project's one office-file writer (generator/editor/office.py,
which says why by hand): this module describes the workbook (`office_book`: its sheets, styles,
widths, frozen panes and drop-down lists) and the CSV file. The tests read every exported file back
with odfpy, openpyxl and LibreOffice itself.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...records import schema
from ...records.catalogue import N_
from ...records.cells import neutralize
from ...site.i18n import gettext
from ...site.model import Cohort, Recommendation, SiteModel, Topic
from .. import office
from ..office import Percent
from . import columns as cols
from .columns import CHOICE, DATE, EXPLANATION_SHEET, NEW_MEASURES_SHEET, PARTIAL_DATE, PERCENT, Column

FORMATS = ("ods", "xlsx", "csv")
#: Sheet names: at most 31 characters and none of these (Excel's rules; ODS follows them too, so
#: that a sheet keeps its name from one format to the other).
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\']")


@dataclass
class Sheet:
    name: str
    columns: Sequence[Column]
    rows: list[list[Any]] = field(default_factory=list)
    #: How many empty rows to prepare below the data (the new-measures sheet starts empty).
    blank_rows: int = 0
    #: The sheet shows a table with its header row (the explanation sheet is plain text rows).
    table: bool = True


@dataclass
class Workbook:
    sheets: list[Sheet]
    #: The drop-down values of each choice column: choices name -> French labels.
    lists: dict[str, list[str]]
    day: date


def sheet_name(title: str, taken: set[str]) -> str:
    name = " ".join(_SHEET_FORBIDDEN.sub(" ", title).split()) or "Feuille"
    if len(name) > 31:  # cut between words, and say so
        name = name[:31].rsplit(" ", 1)[0].rstrip(" ,;.–-") + "…"
    base, n = name, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)].rstrip() + suffix
        n += 1
    taken.add(name.casefold())
    return name


def _label(choices: schema.Choices, value: str | None) -> str | None:
    return choices.label(value, "fr") or None if value else None


def state_row(model: SiteModel, rec: Recommendation) -> list[Any]:
    """The values of the columns of the current state, in `columns.FOLLOW_UP` order."""
    state = rec.state
    latest = state.latest
    record = rec.record
    target = state.targets[-1].target if state.targets else None
    return [
        record.id,
        record.number,
        record.title.fr,
        record.department.fr if record.department else None,
        _label(schema.RESPONSES, latest.response if latest else None),
        state.status.label.fr,
        Percent(state.progress) if state.progress is not None else None,
        _label(schema.FIDELITY, latest.fidelity if latest else None),
        target.isoformat() if target else None,
        state.last_assessed,
    ]


#: Beyond this many topics, a cohort's measures go on one sheet: tabs past a few dozen cannot be
#: found, and each sheet costs time to write (a cohort of the benchmark has 333 topics).
MAX_TOPIC_SHEETS = 20


def workbook(model: SiteModel, cohort: Cohort, topics: Sequence[Topic] | None = None, *,
             table_only: bool = False) -> Workbook:
    """The sheets for `cohort` (or only `topics`): one per topic (one for all past MAX_TOPIC_SHEETS),
    the new measures and the explanation; `table_only` (CSV): one sheet of the measures, nothing else."""
    topics = list(topics if topics is not None else cohort.topics)
    one_sheet = table_only or len(topics) > MAX_TOPIC_SHEETS
    taken = {EXPLANATION_SHEET.casefold(), NEW_MEASURES_SHEET.casefold(), "listes"}
    sheets: list[Sheet] = []
    width = len(cols.FOLLOW_UP)
    if one_sheet:
        rows = [state_row(model, r) + [None] * (width - 10) for t in topics for r in t.recommendations]
        sheets.append(Sheet(sheet_name(cohort.record.name.fr, taken), cols.FOLLOW_UP, rows))
    else:
        for topic in topics:
            rows = [state_row(model, r) + [None] * (width - 10) for r in topic.recommendations]
            sheets.append(Sheet(sheet_name(topic.record.title.fr, taken), cols.FOLLOW_UP, rows))
    if not table_only:
        sheets.append(Sheet(NEW_MEASURES_SHEET, cols.NEW_MEASURES, [], blank_rows=50))
        explanation = cols.explanation_rows(model.statuses, [t.record for t in topics])
        sheets.append(Sheet(EXPLANATION_SHEET, [], explanation, table=False))
    lists = {
        name: [o.fr for o in cols.options(name, model.statuses, [t.record for t in topics])]
        for name in {c.choices for c in (*cols.FOLLOW_UP, *cols.NEW_MEASURES) if c.choices}
    }
    return Workbook(sheets, lists, model.today)


# --------------------------------------------------------------------------- CSV


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Percent):
        return f"{int(value)}\u00a0%"
    if isinstance(value, date):
        return value.isoformat()
    return neutralize(str(value))


def to_csv(book: Workbook) -> bytes:
    """The first sheet as CSV: UTF-8 with a byte order mark and `;` between cells, which is what a
    spreadsheet set to French opens without asking (`,` is its decimal separator)."""
    sheet = book.sheets[0]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.fr for c in sheet.columns])
    for row in sheet.rows:
        writer.writerow([_csv_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# --------------------------------------------------------------------------- OpenDocument and Excel

#: The sheets' looks: headers in bold on grey (blue-grey, yellow over the columns to fill in), the
#: columns to fill in on pale yellow, everything wrapped and at the top of its row.
STYLES = {
    "head": office.Style(bold=True, fill="DDE3EA", wrap=True, top=True),
    "newhead": office.Style(bold=True, fill="FFE8A3", wrap=True, top=True),
    "wrap": office.Style(wrap=True, top=True),
    "new": office.Style(fill="FFFBEA", wrap=True, top=True),
    "date": office.Style(top=True, number="date"),
    "newdate": office.Style(fill="FFFBEA", top=True, number="date"),
    "pct": office.Style(top=True, number="percent"),
    "newpct": office.Style(fill="FFFBEA", top=True, number="percent"),
    "newtext": office.Style(fill="FFFBEA", top=True, number="text"),  # 2026-12 stays a month
}


def _both(message: str) -> str:
    """A message of the workbook itself, in French then in English."""
    return f"{cols.french(gettext(message, 'fr'))} / {gettext(message, 'en')}"


def _cell_style(column: Column, value: Any) -> str:
    if not column.is_new:
        return "pct" if isinstance(value, Percent) else "date" if isinstance(value, date) else "wrap"
    return {DATE: "newdate", PERCENT: "newpct", PARTIAL_DATE: "newtext"}.get(column.kind, "new")


def _office_sheet(sheet: Sheet) -> office.Sheet:
    if not sheet.table:
        return office.Sheet(sheet.name, [[office.Styled(v or None, "head" if r == 0 else "wrap") for v in row]
                                         for r, row in enumerate(sheet.rows)],
                            [office.Column(width, "wrap") for width in cols.EXPLANATION_WIDTHS])
    header = [office.Styled(c.fr, "newhead" if c.is_new else "head") for c in sheet.columns]
    rows = [[office.Styled(v, _cell_style(c, v)) for c, v in zip(sheet.columns, row, strict=True)] for row in sheet.rows]
    columns = [office.Column(c.width_cm, _cell_style(c, None), c.choices if c.kind == CHOICE else "")
               for c in sheet.columns]
    return office.Sheet(sheet.name, [header, *rows], columns, blank_rows=sheet.blank_rows,
                        freeze=(3 if sheet.columns is cols.FOLLOW_UP else 1, 1))


def office_book(book: Workbook) -> office.Book:
    """The workbook as the office files' writer describes it (generator/editor/office.py)."""
    return office.Book([_office_sheet(s) for s in book.sheets], STYLES, book.lists,
                       (_both(N_("sheet_list_error_title")), _both(N_("sheet_list_error"))), book.day)


def to_ods(book: Workbook) -> bytes:
    return office.to_ods(office_book(book))


def to_xlsx(book: Workbook) -> bytes:
    return office.to_xlsx(office_book(book))


def to_bytes(book: Workbook, fmt: str) -> bytes:
    return {"ods": to_ods, "xlsx": to_xlsx, "csv": to_csv}[fmt](book)


#: Where the site publishes each cohort's sheet (one copy for both languages).
SITE_FOLDER = "tableurs"


def site_path(cohort_id: str, fmt: str) -> str:
    return f"{SITE_FOLDER}/suivi-{cohort_id}.{fmt}"


def site_sheets(model: SiteModel) -> dict[str, bytes]:
    """The sheet of every cohort that has topics, in OpenDocument and Excel, for the follow-up pages."""
    files = {}
    for cohort in model.cohorts:
        if cohort.topics:
            book = workbook(model, cohort)
            for fmt in ("ods", "xlsx"):
                files[site_path(cohort.id, fmt)] = to_bytes(book, fmt)
    return files
