"""Rows: the filled-in rows of a sheet, read into the text values records hold, each with its place.

`read_rows(shown, sheet, context, result, cohort)` returns the rows of one sheet that have something
to import (`Row`: file › sheet › row, the headers as written, the values by column key), and adds a
located `SheetProblem` to `result` for every cell that cannot be read. A follow-up sheet is read by
its column « Identifiant », a sheet of new measures by « Sujet » and « Titre (FR) »; any other sheet
(the explanations, an editor's own) is left alone.

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

from ...records import validate as checks
from ...records.problems import ERROR, Problem, did_you_mean
from . import columns as cols
from . import read as reader
from .columns import CHOICE, DATE, NUMBER, PARTIAL_DATE, PERCENT, Column, french

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


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
        parts = [p for p in (self.sheet, f"ligne {self.row}" if self.row else None, self.column) if p]
        return " › ".join(parts)

    def text(self) -> str:
        head = " › ".join(p for p in (self.file, self.where()) if p)
        mark = "" if self.is_error else "(avertissement) "
        message = self.message[:1].upper() + self.message[1:] if not self.column else self.message
        return f"{head}\u00a0: {mark}{message}"

    def github(self) -> str:
        # The annotation format of `check`, on the sheet's file; the title says where in the sheet.
        message = self.message[:1].upper() + self.message[1:]
        return Problem(self.file, self.row or 1, self.column_index or 1, self.where() or "tableur", message,
                       self.severity).github()


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
        return " › ".join(p for p in (self.file, self.sheet, f"ligne {self.row}") if p)


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
        return entry.record.name.fr if entry is not None else cohort


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
    by_name = {reader._fold(c.fr): c for c in columns}
    found: dict[str, tuple[str, int]] = {}
    twice = []
    for n, cell in enumerate(row, start=1):
        name = reader.text(cell) if not cell.empty else ""
        column = by_name.get(reader._fold(name)) if name else None
        if column is None:
            continue  # a column of the editor's own (notes…): not read
        if column.key in found:
            twice.append(name)
        found[column.key] = (column.fr, n)
    return found, twice


def sanitize(text: str) -> str:
    """A file or sheet name as it may appear in a YAML comment: on one line, nothing that ends it."""
    return " ".join(_CONTROL.sub(" ", text).split())


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
        names = ", ".join(f"« {context.cohort_name(c)} »" for c, _ in ranked)
        return None, SheetProblem(shown, sheet.name, None, None, french(
            f"cette feuille mêle autant de mesures de plusieurs promotions ({names}) : une feuille suit une seule "
            "promotion. Repartez de la feuille exportée pour chaque promotion (python -m generator sheet export "
            "--cohort …)."))
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
    return reader.text(cell)


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
        result.problems.append(SheetProblem(shown, sheet.name, 1, None, french(
            f"la colonne « {twice[0]} » apparaît deux fois : gardez-en une seule.")))
        return []
    missing = [c.fr for c in columns if c.required and c.key not in headers]
    if missing:
        result.problems.append(SheetProblem(shown, sheet.name, 1, None, french(
            "il manque la colonne " + ", ".join(f"« {m} »" for m in missing) + " : repartez d’une feuille exportée "
            "(python -m generator sheet export), sans supprimer de colonne.")))
        return []
    rows = []
    for number, cells in enumerate(sheet.rows[1:], start=2):
        row = Row(shown, sheet.name, number, headers, found_kind)
        filled = {c.key: cells[headers[c.key][1] - 1] for c in columns if c.key in headers
                  and headers[c.key][1] - 1 < len(cells) and not cells[headers[c.key][1] - 1].empty}
        if found_kind == "entry" and not any(cols.FOLLOW_UP_BY_KEY[key].is_new for key in filled):
            result.rows_without_assessment += 1
            continue
        if not filled:
            continue
        good = True
        for column in columns:
            if column.key not in filled:
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
                if column.required and column.key not in filled:
                    result.problems.append(row.problem(column.key, french(
                        f"cette case est vide, et elle est obligatoire pour une nouvelle mesure. {column.help_fr}")))
                    good = False
            good = _measure_cohort(row, context, result, cohort) and good
        if good:
            rows.append(row)
    return rows


def _entry_record(row: Row, context: Context, result: ImportResult, cohort: str | None) -> bool:
    record_id = row.values.get("id", "")
    if not record_id:
        result.problems.append(row.problem("id", french(
            "cette case est vide : une nouvelle évaluation s’ajoute à la mesure dont l’identifiant est dans cette "
            "colonne. Reprenez l’identifiant de la feuille exportée.")))
        return False
    ids = context.dataset.ids("recommendations")
    if record_id in context.dataset.failed.get("recommendations", set()):
        result.problems.append(row.problem("id", french(
            f"la fiche data/recommendations/{record_id}.yml a déjà des erreurs : corrigez-les d’abord "
            "(make check), puis importez à nouveau.")))
        return False
    if record_id not in ids:
        close = re.search(r'"(.*)"', did_you_mean(record_id, ids))
        hint = f" ; vouliez-vous dire « {close[1]} » ?" if close else "."
        result.problems.append(row.problem("id", french(
            f"il n’y a pas de mesure « {record_id} » dans data/recommendations/{hint} Reprenez l’identifiant de la "
            "feuille exportée.")))
        return False
    other = context.cohort_of(record_id)
    if cohort is not None and other is not None and other != cohort:
        topic = context.records[record_id].record.topic
        result.problems.append(row.problem("id", french(
            f"la mesure « {record_id} » est de la promotion « {context.cohort_name(other)} » (sujet « {topic} »), et "
            f"cette feuille suit la promotion « {context.cohort_name(cohort)} » : rien ne serait écrit dans la bonne "
            "fiche. Vérifiez l’identifiant (reprenez celui de la feuille exportée) ; pour évaluer une mesure d’une "
            "autre promotion, remplissez le tableau de cette promotion-là.")))
        return False
    row.record = record_id
    row.consulted_default = "source_consulted" not in row.values
    return True


def _measure_cohort(row: Row, context: Context, result: ImportResult, cohort: str | None) -> bool:
    topic = row.values.get("topic")
    other = context.topic_cohort(topic) if topic else None
    if cohort is None or other is None or other == cohort:
        return True
    result.problems.append(row.problem("topic", french(
        f"le sujet « {topic} » est de la promotion « {context.cohort_name(other)} », et les feuilles de suivi de ce "
        f"tableau suivent la promotion « {context.cohort_name(cohort)} ». Choisissez un sujet de la liste, ou ajoutez "
        "cette mesure dans le tableau de sa promotion.")))
    return False
