"""Rows: the filled-in rows of a sheet, read into the text values records hold, each with its place.

`read_rows(shown, sheet, context, result, cohort)` returns the rows of one sheet that have something
to import (`Row`: file › sheet › row, the headers as written, the values by column key), and adds a
located `SheetProblem` to `result` for every cell that cannot be read. A follow-up sheet is read by
its column « Identifiant », a sheet of new measures by « Sujet » and « Titre (FR) »; any other sheet
(the explanations, an editor's own) is left alone.

Columns are known by their headers. A needed column that is missing is looked for among the
headers the import does not know: one that looks like it renamed (a typo, a word added or dropped,
its English name, or the only unknown header where the column stood) is named, with the name to
give it back; so is an optional column renamed whose cells hold something (they would be ignored).
A cell covered by a merge is said as merged (its value is in the merge's first cell only), never
as empty; a cell longer than `read.MAX_CELL` is refused at its place. A text cell's line breaks
become paragraphs (a blank line between them, as Markdown reads paragraphs) in the columns whose
field is Markdown, and spaces in the others (titles, names).

A sheet follows one cohort (`sheet_cohort`): the one most of its measures belong to, since an
exported sheet lists every measure of its topics. A row whose measure is of another cohort is
refused: its id was mistyped into another measure's, or the row was copied from another cohort's
sheet, and it would otherwise be written into that other cohort's record. A new measure's topic must
be of the cohort of the file's follow-up sheets, as the export's list of topics is.

Nothing is printed or written here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ...records import schema
from ...records import validate as checks
from ...records.catalogue import N_, _, editor_language, ngettext
from ...records.problems import ERROR, WARNING, Problem, distance, fold
from . import columns as cols
from . import read as reader
from .columns import CHOICE, DATE, INFO, NUMBER, PARTIAL_DATE, PERCENT, TEXT, Column, count, help_text, letter, quoted

#: A problem that is neither an error nor a warning: something left aside, said in one line.
NOTICE = "notice"


@dataclass(frozen=True)
class SheetProblem:
    """A problem located in a sheet: file › sheet › row › column header (each may be absent)."""

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    message: str
    severity: str = ERROR
    column_index: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def where(self) -> str:
        parts = [p for p in (self.sheet, _("sheet_row", row=self.row) if self.row else None, self.column) if p]
        return " › ".join(parts)

    def text(self) -> str:
        head = " › ".join(p for p in (self.file, self.where()) if p)
        mark = _("sheet_warning_tag") + " " if self.severity == WARNING else ""
        message = self.message[:1].upper() + self.message[1:] if not self.column else self.message
        return _("sheet_problem", place=head, message=mark + message)

    def github(self) -> str:
        # The annotation format of `check`, on the sheet's file; the title says where in the sheet.
        message = self.message[:1].upper() + self.message[1:]
        return Problem(self.file, self.row or 1, self.column_index or 1, self.where() or _("sheet_spreadsheet"),
                       message, self.severity).github()


@dataclass
class ImportResult:
    problems: list[SheetProblem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    entries_added: int = 0
    #: Entries imported earlier on the same branch (not on the base), replaced by an edited row.
    entries_replaced: int = 0
    measures_created: int = 0
    #: Measures created earlier on the same branch, written again from an edited row.
    measures_rewritten: int = 0
    already_imported: int = 0
    rows_without_assessment: int = 0
    #: The files that held a sheet of ours (follow-up or new measures): the only ones the import
    #: owns, and the only ones `sheet import --remove` deletes once they are imported.
    sheets: list[Path] = field(default_factory=list)
    untranslated: int = 0

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


@dataclass
class Row:
    file: str
    sheet: str | None
    row: int
    headers: dict[str, tuple[str, int]]  # column key -> (header as written in the sheet, column number)
    kind: str  # "entry" or "measure"
    values: dict[str, str] = field(default_factory=dict)
    record: str = ""  # entry: the recommendation's id; measure: the id of the file written
    consulted_default: bool = False

    def problem(self, key: str | None, message: str, severity: str = ERROR) -> SheetProblem:
        header, number = self.headers.get(key, (None, None)) if key else (None, None)
        return SheetProblem(self.file, self.sheet, self.row, header, message, severity, number)

    def place(self) -> str:
        """Where the row is, as messages name it: file › sheet › ligne N."""
        return " › ".join(p for p in (self.file, self.sheet, _("sheet_row", row=self.row)) if p)


class Context:
    """What reading and planning rows needs of the current data: the records, the statuses, the topics."""

    def __init__(self, data_dir: Path, dataset: checks.Dataset, today: date) -> None:
        self.data_dir = data_dir
        self.dataset = dataset
        self.today = today
        self.statuses = sorted(dataset.statuses.record.statuses, key=lambda s: s.order) if dataset.statuses else []
        self.topics = [e.record for e in dataset.entries("topics")]
        self.options = {name: cols.options(name, self.statuses, self.topics)
                        for name in {c.choices for c in (*cols.FOLLOW_UP, *cols.NEW_MEASURES) if c.choices}}
        self.records = dataset.folders.get("recommendations", {})

    def topic_cohort(self, topic: str) -> str | None:
        entry = self.dataset.folders.get("topics", {}).get(topic)
        return entry.record.cohort if entry is not None else None

    def cohort_of(self, record_id: str) -> str | None:
        entry = self.records.get(record_id)
        return self.topic_cohort(entry.record.topic) if entry is not None else None

    def cohort_name(self, cohort: str) -> str:
        entry = self.dataset.folders.get("cohorts", {}).get(cohort)
        return schema.text_in(entry.record.name, editor_language()) if entry is not None else cohort


# --------------------------------------------------------------------------- headers


def kind(row: list[reader.Cell]) -> str | None:
    """A follow-up sheet has the column « Identifiant »; a sheet of new measures, « Sujet » and
    « Titre (FR) »; any other sheet (the explanations, the editor's own) is not read."""
    if "id" in _headers(row, cols.FOLLOW_UP)[0]:
        return "entry"
    if {"topic", "title_fr"} <= set(_headers(row, cols.NEW_MEASURES)[0]):
        return "measure"
    return None


def _headers(row: list[reader.Cell], columns: Sequence[Column]) -> tuple[dict[str, tuple[str, int]], list[str]]:
    by_name = {fold(c.fr): c for c in columns}
    found: dict[str, tuple[str, int]] = {}
    twice = []
    for n, cell in enumerate(row, start=1):
        name = reader.text(cell) if not cell.empty else ""
        column = by_name.get(fold(name)) if name else None
        if column is None:
            continue  # a column of the editor's own (notes…): not read
        if column.key in found:
            twice.append(name)
        found[column.key] = (column.fr, n)
    return found, twice


# --------------------------------------------------------------------------- the cohort of a sheet


def sheet_cohort(shown: str, sheet: reader.RawSheet, context: Context) -> tuple[str | None, SheetProblem | None]:
    """The cohort a follow-up sheet is about: the one most of the measures it lists belong to (filled
    in or not), or None; a problem when two cohorts are as many (the sheet cannot be read as one)."""
    if not sheet.rows or kind(sheet.rows[0]) != "entry":
        return None, None
    column = _headers(sheet.rows[0], cols.FOLLOW_UP)[0]["id"][1] - 1
    found = (context.cohort_of(reader.text(cells[column])) for cells in sheet.rows[1:]
             if column < len(cells) and not cells[column].empty)
    ranked = Counter(cohort for cohort in found if cohort is not None).most_common()
    if not ranked:
        return None, None
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        names = ", ".join(quoted(context.cohort_name(c)) for c, _n in ranked)
        return None, SheetProblem(shown, sheet.name, None, None, _("sheet_cohorts_mixed", cohorts=names))
    return ranked[0][0], None


# --------------------------------------------------------------------------- rows


def _cell_value(column: Column, cell: reader.Cell, context: Context) -> str:
    if column.kind == DATE:
        return reader.parse_date(cell)
    if column.kind == PARTIAL_DATE:
        return reader.parse_partial_date(cell)
    if column.kind == PERCENT:
        return reader.parse_percent(cell)
    if column.kind == NUMBER:
        return reader.parse_number(cell)
    if column.kind == CHOICE:
        extra = {t.title.fr: t.id for t in context.topics} if column.choices == "topic" else None
        return reader.parse_choice(cell, context.options[column.choices], cols.CHOICE_NOUNS[column.choices], extra)
    if column.kind == TEXT:
        return _text(column, reader.text(cell))
    return reader.text(cell)


def _text(column: Column, value: str) -> str:
    """A text cell's value: its lines as paragraphs (a Markdown field) or joined by spaces."""
    lines = [line.strip() for line in value.split("\n") if line.strip()]
    return ("\n\n" if column.key in cols.PARAGRAPHS else " ").join(lines)


def read_rows(shown: str, sheet: reader.RawSheet, context: Context, result: ImportResult,
              cohort: str | None) -> list[Row]:
    """The rows of `sheet` to import. `cohort`: the sheet's (a follow-up sheet) or the file's (new measures)."""
    if not sheet.rows:
        return []
    found_kind = kind(sheet.rows[0])
    if found_kind is None:
        return []  # the explanation sheet, or a sheet of the editor's own
    columns = cols.FOLLOW_UP if found_kind == "entry" else cols.NEW_MEASURES
    headers, twice = _headers(sheet.rows[0], columns)
    if twice:
        result.problems.append(SheetProblem(shown, sheet.name, 1, None, _("sheet_column_twice", column=twice[0])))
        return []
    if not _columns_present(shown, sheet, columns, headers, result):
        return []
    read = [c for c in columns if c.key in headers and c.kind != INFO]
    rows = []
    for number, cells in enumerate(sheet.rows[1:], start=2):
        row = Row(shown, sheet.name, number, headers, found_kind)
        at = {c.key: cells[headers[c.key][1] - 1] for c in read if headers[c.key][1] - 1 < len(cells)}
        filled = {key: cell for key, cell in at.items() if not cell.empty}
        merged = {key: cell.merged for key, cell in at.items() if cell.merged}
        if found_kind == "entry" and not any(cols.FOLLOW_UP_BY_KEY[key].is_new for key in [*filled, *merged]):
            result.rows_without_assessment += 1
            continue
        if not filled and not merged:
            continue
        good = not merged
        for key, where in merged.items():  # its value, if it has one, is in the merge's first cell only
            result.problems.append(row.problem(key, _("sheet_cell_merged", range=where)))
        for column in columns:
            if column.key not in filled:
                continue
            value = filled[column.key].value
            if isinstance(value, str) and len(value) > reader.MAX_CELL:
                result.problems.append(row.problem(column.key, _("sheet_cell_too_long", length=count(len(value)),
                                                                 limit=count(reader.MAX_CELL))))
                good = False
                continue
            try:
                row.values[column.key] = _cell_value(column, filled[column.key], context)
            except reader.CellError as error:
                result.problems.append(row.problem(column.key, str(error)))
                good = False
        if found_kind == "entry":
            good = _entry_record(row, context, result, cohort) and good
        else:  # `new recommendation` would write « À compléter » for these: a sheet gives them or nothing
            for column in columns:
                if column.required and column.key not in filled and column.key not in merged:
                    result.problems.append(row.problem(column.key, _("sheet_new_measure_cell_required",
                                                                     help=help_text(column))))
                    good = False
            good = _measure_cohort(row, context, result, cohort) and good
        if good:
            rows.append(row)
    return rows


# --------------------------------------------------------------------------- missing and renamed columns


def _columns_present(shown: str, sheet: reader.RawSheet, columns: Sequence[Column],
                     headers: dict[str, tuple[str, int]], result: ImportResult) -> bool:
    """Whether the sheet has every needed column; a problem for each one missing (naming the header
    that looks like it renamed), and for an optional column renamed whose cells hold something."""
    header_row = sheet.rows[0]
    known = {n for _name, n in headers.values()}
    unknown = {n: reader.text(cell) for n, cell in enumerate(header_row, start=1)
               if n not in known and not cell.empty and len(reader.text(cell)) <= 100}
    missing = [c for c in columns if c.key not in headers and c.kind != INFO]
    renamed = _renamed(columns, headers, missing, unknown)
    for column, n in renamed.items():
        if not column.required and not any(n - 1 < len(cells) and not cells[n - 1].empty for cells in sheet.rows[1:]):
            continue  # an empty column of the editor's own that happens to look like an optional one
        message = N_("sheet_column_renamed") if column.required else N_("sheet_column_looks_renamed")
        result.problems.append(SheetProblem(shown, sheet.name, 1, unknown[n], _(
            message, expected=column.fr, found=unknown[n], letter=letter(n)), ERROR, n))
    others = [c.fr for c in missing if c.required and c not in renamed]
    if others:
        result.problems.append(SheetProblem(shown, sheet.name, 1, None, ngettext(
            "sheet_columns_missing", "sheet_columns_missing", len(others), columns=", ".join(map(quoted, others)))))
    return not any(c.required for c in missing)


def _renamed(columns: Sequence[Column], headers: dict[str, tuple[str, int]], missing: list[Column],
             unknown: dict[int, str]) -> dict[Column, int]:
    """The missing columns that an unknown header surely is, renamed: by its name (one header for one
    column), then, for a needed column, by its place (the only unknown header between the columns
    around it, which are where the export put them)."""
    out: dict[Column, int] = {}
    alike = {c: [n for n, name in unknown.items() if _looks_like(name, c)] for c in missing}
    for column, found in alike.items():
        if len(found) == 1 and sum(found[0] in other for other in alike.values()) == 1:
            out[column] = found[0]
    order = list(columns)
    for i, column in enumerate(order):
        if column not in missing or column in out or not column.required or not _alone(order, missing, out, i):
            continue  # when two columns side by side are missing, which header is which cannot be told
        before = next((headers[c.key][1] for c in reversed(order[:i]) if c.key in headers), 0)
        after = next((headers[c.key][1] for c in order[i + 1:] if c.key in headers), None)
        between = [n for n in unknown if after is not None and before < n < after and n not in out.values()]
        if len(between) == 1:
            out[column] = between[0]
    return out


def _alone(order: list[Column], missing: list[Column], out: dict[Column, int], i: int) -> bool:
    """No other missing column (not yet found) stands beside the i-th."""
    return all(not (0 <= j < len(order) and order[j] in missing and order[j] not in out) for j in (i - 1, i + 1))


def _tokens(name: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(name))


def _looks_like(name: str, column: Column) -> bool:
    """A header that looks like `column` renamed: its English name, a typo (two letters at most), or a
    word added or dropped (« Statut de la mesure », « Titre » for « Titre (FR) »)."""
    mine, header = _tokens(name), _tokens(column.fr)
    if not mine:
        return False
    if mine == _tokens(column.en):
        return True
    if len("".join(header)) >= 4 and distance("".join(mine), "".join(header)) <= 2:
        return True
    shorter, longer = sorted((mine, header), key=len)
    rest = iter(longer)
    return any(len(word) >= 4 for word in shorter) and all(word in rest for word in shorter)


def _entry_record(row: Row, context: Context, result: ImportResult, cohort: str | None) -> bool:
    record_id = row.values.get("id", "")
    if not record_id:
        result.problems.append(row.problem("id", _("sheet_id_empty")))
        return False
    ids = context.dataset.ids("recommendations")
    if record_id in context.dataset.failed.get("recommendations", set()):
        result.problems.append(row.problem("id", _("sheet_record_has_errors", id=record_id)))
        return False
    if record_id not in ids:
        close = reader.meant(record_id, sorted(ids))
        result.problems.append(row.problem("id", _("sheet_no_such_measure_meant", id=record_id, meant=close) if close
                                           else _("sheet_no_such_measure", id=record_id)))
        return False
    other = context.cohort_of(record_id)
    if cohort is not None and other is not None and other != cohort:
        topic = context.records[record_id].record.topic
        result.problems.append(row.problem("id", _("sheet_measure_of_other_cohort", id=record_id, topic=topic,
                                                   other=context.cohort_name(other),
                                                   cohort=context.cohort_name(cohort))))
        return False
    row.record = record_id
    row.consulted_default = "source_consulted" not in row.values
    return True


def _measure_cohort(row: Row, context: Context, result: ImportResult, cohort: str | None) -> bool:
    topic = row.values.get("topic")
    other = context.topic_cohort(topic) if topic else None
    if cohort is None or other is None or other == cohort:
        return True
    result.problems.append(row.problem("topic", _("sheet_topic_of_other_cohort", topic=topic,
                                                  other=context.cohort_name(other),
                                                  cohort=context.cohort_name(cohort))))
    return False
