"""Import: filled-in sheets -> follow-up entries appended to recommendation files, new measures as
new files, or the list of every wrong cell and nothing written.

`import_sheets(files, data_dir, today=…)` returns an `ImportResult`; with `write=True` (the default)
it writes the files only when no problem stops the import. Nothing is printed here.

How a row is checked — with `check`'s own rules, never a second set:

1. each cell is read (`read.py`: dates, percentages and labels as spreadsheets store them);
2. each filled-in row becomes the YAML text of one follow-up entry, appended at the end of its
   recommendation's `follow_up:` list exactly as `new follow-up` appends one (`new.append_follow_up`);
   each new measure becomes the file `new recommendation` writes (`new.recommendation_text`);
3. the would-be files are loaded and validated against the schema, then the whole would-be data
   folder (a temporary copy of `data/` with those files in place) goes through every rule of
   `validate.RULES` and `validate.ENTRY_RULES`; the problems that the current data does not already
   have are the import's;
4. each problem is traced back to its cell — file › sheet › row › column header — through the
   entry's index in `follow_up` and the field the column fills, and said in French
   (`messages.py`).

Idempotent: a row whose entry is already in the file (the same values; the day a source was
consulted is left out of the comparison when the sheet left it empty), or a new measure already
recorded (same topic and French title), adds nothing. Past entries are never touched: entries are
only appended, and every other byte of a file stays as it was.

Over 400 lines: one transaction (read every row, plan every change, check the would-be data
with every rule, then write or write nothing); its steps share the rows' locations, which
map each problem back to a cell.
"""

from __future__ import annotations

import functools
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ...records import schema
from ...records import validate as checks
from ...records.load import load_text
from ...records.problems import ERROR, WARNING, Problem, did_you_mean, relative
from .. import new
from . import columns as cols
from . import messages
from . import read as reader
from .columns import CHOICE, DATE, NUMBER, PARTIAL_DATE, PERCENT, Column, french

#: Values written unquoted in YAML: dates, ids and numbers the reader has already made canonical.
_PLAIN = frozenset({"date", "assessor", "response", "status", "progress", "fidelity", "target", "consulted",
                    "topic", "number"})
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
    measures_created: int = 0
    already_imported: int = 0
    rows_without_assessment: int = 0
    untranslated: int = 0

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


@dataclass
class _Row:
    file: str
    sheet: str | None
    row: int
    headers: dict[str, tuple[str, int]]  # column key -> (header as written in the sheet, column number)
    kind: str  # "entry" or "measure"
    values: dict[str, str] = field(default_factory=dict)
    record: str = ""  # entry: the recommendation's id; measure: the new id
    consulted_default: bool = False

    def problem(self, key: str | None, message: str, severity: str = ERROR) -> SheetProblem:
        header, number = self.headers.get(key, (None, None)) if key else (None, None)
        return SheetProblem(self.file, self.sheet, self.row, header, message, severity, number)


# --------------------------------------------------------------------------- reading sheets


def _kind(row: list[reader.Cell]) -> str | None:
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


def _sanitize(text: str) -> str:
    """A file or sheet name as it may appear in a YAML comment: on one line, nothing that ends it."""
    return " ".join(_CONTROL.sub(" ", text).split())


class _Context:
    def __init__(self, data_dir: Path, dataset: checks.Dataset, today: date) -> None:
        self.data_dir = data_dir
        self.dataset = dataset
        self.today = today
        self.statuses = sorted(dataset.statuses.record.statuses, key=lambda s: s.order) if dataset.statuses else []
        self.topics = [e.record for e in dataset.entries("topics")]
        self.options = {name: cols.options(name, self.statuses, self.topics)
                        for name in {c.choices for c in (*cols.FOLLOW_UP, *cols.NEW_MEASURES) if c.choices}}


def _cell_value(column: Column, cell: reader.Cell, context: _Context) -> str:
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


def _rows(shown: str, sheet: reader.RawSheet, context: _Context, result: ImportResult) -> list[_Row]:
    if not sheet.rows:
        return []
    kind = _kind(sheet.rows[0])
    if kind is None:
        return []  # the explanation sheet, or a sheet of the editor's own
    columns = cols.FOLLOW_UP if kind == "entry" else cols.NEW_MEASURES
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
        row = _Row(shown, sheet.name, number, headers, kind)
        filled = {c.key: cells[headers[c.key][1] - 1] for c in columns if c.key in headers
                  and headers[c.key][1] - 1 < len(cells) and not cells[headers[c.key][1] - 1].empty}
        if kind == "entry" and not any(cols.FOLLOW_UP_BY_KEY[key].is_new for key in filled):
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
        if kind == "entry":
            good = _entry_record(row, context, result) and good
        else:  # `new recommendation` would write « À compléter » for these: a sheet gives them or nothing
            for column in columns:
                if column.required and column.key not in filled:
                    result.problems.append(row.problem(column.key, french(
                        f"cette case est vide, et elle est obligatoire pour une nouvelle mesure. {column.help_fr}")))
                    good = False
        if good:
            rows.append(row)
    return rows


def _entry_record(row: _Row, context: _Context, result: ImportResult) -> bool:
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
    row.record = record_id
    row.consulted_default = "source_consulted" not in row.values
    return True


# --------------------------------------------------------------------------- would-be records


def _nested(values: dict[str, str], columns: Sequence[Column], today: date) -> dict[str, Any]:
    """The raw record data (as the loader gives it: text only) that the row's values fill in."""
    data: dict[str, Any] = {}
    for column in columns:
        if column.key not in values or not column.field:
            continue
        target: Any = data
        path = column.field
        for i, part in enumerate(path[:-1]):
            following = path[i + 1]
            if isinstance(part, int):
                while len(target) <= part:
                    target.append({})
                target = target[part]
            else:
                target = target.setdefault(part, [] if isinstance(following, int) else {})
        target[path[-1]] = values[column.key]
    for source in data.get("sources", []):
        source.setdefault("consulted", today.isoformat())
    return data


def _lines(mapping: dict[str, Any], indent: str) -> list[str]:
    out = []
    for key, value in mapping.items():
        if isinstance(value, dict):
            out += [f"{indent}{key}:", *_lines(value, indent + "  ")]
        elif isinstance(value, list):
            out.append(f"{indent}{key}:")
            for item in value:
                item_lines = _lines(item, indent + "    ")
                out += [f"{indent}  - {item_lines[0].lstrip()}", *item_lines[1:]]
        else:
            out.append(f"{indent}{key}: {value if key in _PLAIN else new.q(value)}")
    return out


def entry_lines(indent: str, data: dict[str, Any], origin: str) -> list[str]:
    """One follow-up entry as YAML text, its `-` at `indent`, after a comment that says where it came from."""
    body = _lines(data, indent + "  ")
    return [f"{indent}# {origin}", f"{indent}- {body[0].lstrip()}", *body[1:]]


def _row_lines(data: dict[str, Any], row: _Row, indent: str) -> list[str]:
    """The follow-up entry `data` of `row`, as lines at `indent`, saying which sheet it came from."""
    return entry_lines(indent, data, _origin(row))


def _origin(row: _Row) -> str:
    where = f"feuille « {_sanitize(row.sheet)} », " if row.sheet else ""
    return french(f"Importée du tableur « {_sanitize(Path(row.file).name)} » ({where}ligne {row.row}).")


def _same(entry: dict[str, Any], other: dict[str, Any], ignore_consulted: bool) -> bool:
    if ignore_consulted:
        for side in (entry, other):
            for source in side.get("sources", []):
                source.pop("consulted", None)
    return entry == other


# --------------------------------------------------------------------------- the import


def _tagged(data_dir: Path, root: Path, today: date) -> tuple[checks.Dataset, list[tuple[str, Problem]]]:
    """`validate.validate`, each problem with what produced it: "load" (files and schema) or a rule's name."""
    dataset = checks.Dataset(root=data_dir, today=today)
    problems: list[Problem] = []
    checks._load_all(data_dir, root, dataset, problems)
    tagged = [("load", p) for p in problems]
    return dataset, tagged + list(checks.named_problems(dataset))


def _path(field_text: str) -> tuple[str | int, ...]:
    """`follow_up[3].answer.fr` -> ("follow_up", 2, "answer", "fr")."""
    out: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", field_text):
        out.append(int(index) - 1 if index else name)
    return tuple(out)


def _column(columns: Sequence[Column], rest: tuple, rule: str = "", kind: str = "") -> Column | None:
    """The column whose field is at `rest` (a path inside the entry or the new record)."""
    if rule == "factual_records_have_sources" or (kind == "source_unreachable" and rest[:1] == ("sources",)) \
            or rest[:3] == ("sources", 0, "note"):
        key = "source_url" if kind == "source_unreachable" else "source_title"
        return next((c for c in columns if c.key == key), None)
    for column in columns:
        if column.field and column.field == rest[: len(column.field)]:
            return column
    for column in columns:  # a group of fields (`progress_reason`): its first column
        if rest and column.field[: len(rest)] == rest:
            return column
    return None


def import_sheets(files: Sequence[Path], data_dir: Path, *, today: date, check_day: date | None = None,
                  root: Path | None = None, write: bool = True) -> ImportResult:
    """`today`: the day of the import (a source's default `consulted`); `check_day`: the day the
    check speaks of (by default `today`; see validate.check_day)."""
    root = root or Path.cwd()
    result = ImportResult()
    check_day = check_day or today
    dataset, baseline = _tagged(data_dir, data_dir.parent, check_day)
    if dataset.statuses is None:
        result.problems.append(SheetProblem(relative(data_dir / "statuses.yml", root), None, None, None, french(
            "la liste des statuts ne peut pas être lue : lancez make check et corrigez-la d’abord.")))
        return result
    context = _Context(data_dir, dataset, today)
    rows: list[_Row] = []
    order: dict[tuple[str, str | None], int] = {}
    for file in files:
        shown = relative(file, root)
        order[(shown, None)] = len(order)
        try:
            sheets = reader.read(file)
        except reader.SheetError as error:
            result.problems.append(SheetProblem(shown, None, None, None, str(error)))
            continue
        for sheet in sheets:
            order.setdefault((shown, sheet.name), len(order))
        found = [r for sheet in sheets for r in _rows(shown, sheet, context, result)]
        if not found and not any(p.file == shown for p in result.problems) and not result.rows_without_assessment:
            result.problems.append(SheetProblem(shown, None, None, None, french(
                "aucune feuille de ce fichier n’a les colonnes d’une feuille de suivi (« Identifiant », « Statut »…) "
                "ou de nouvelles mesures (« Sujet », « Titre (FR) »…) : repartez d’une feuille exportée "
                "(python -m generator sheet export).")))
        rows += found

    texts, owners, originals = _plan(rows, context, result)
    if texts:
        _check_would_be(texts, owners, originals, context, baseline, result, root)
    # One message per cell, in the order of the files, sheets, rows and columns.
    result.problems = sorted(dict.fromkeys(result.problems), key=lambda p: (
        order.get((p.file, p.sheet), len(order)), p.row or 0, p.column_index or 0))
    if not texts:
        return result
    if result.ok and write:
        for path, text in texts.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            raw = path.read_bytes() if path.exists() else b""
            bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
            with path.open("w", encoding="utf-8", newline="") as out:
                out.write(bom + text)
            result.written.append(path)
    return result


def _plan(rows: list[_Row], context: _Context, result: ImportResult
          ) -> tuple[dict[Path, str], dict[Path, list[tuple[int, _Row]]], dict[Path, int]]:
    """The would-be text of every file the rows change; for each, the rows it holds and at which index
    of `follow_up` (-1: the row is the whole new file); and how many entries each file had."""
    texts: dict[Path, str] = {}
    owners: dict[Path, list[tuple[int, _Row]]] = {}
    originals: dict[Path, int] = {}
    records = context.dataset.folders.get("recommendations", {})
    used: dict[str, set[int]] = {}
    for row in rows:
        if row.kind == "entry":
            entry = records[row.record]
            path = context.data_dir / "recommendations" / f"{row.record}.yml"
            data = _nested(row.values, cols.FOLLOW_UP, context.today)
            if _already(data, entry.doc.value.get("follow_up"), row.consulted_default):
                result.already_imported += 1
                continue
            if path not in texts:
                texts[path] = path.read_bytes().decode("utf-8-sig")
                originals[path] = len(entry.record.follow_up)
            index = originals[path] + len(owners.get(path, []))
            try:
                texts[path] = new.append_follow_up(texts[path], functools.partial(_row_lines, data, row), path)
            except new.NewError as error:
                result.problems.append(row.problem(None, str(error)))
                continue
            owners.setdefault(path, []).append((index, row))
        else:
            _plan_measure(row, context, result, texts, owners, used)
    return texts, owners, originals


def _already(data: dict[str, Any], existing: Any, ignore_consulted: bool) -> bool:
    """The entry is in the file already (as the loader reads it: text values)."""
    import copy

    if not isinstance(existing, list):
        return False
    normal = _normal(copy.deepcopy(data))
    return any(_same(copy.deepcopy(normal), _normal(copy.deepcopy(old)), ignore_consulted)
               for old in existing if isinstance(old, dict))


def _normal(value: Any) -> Any:
    """Text values compared as the schema reads them (stripped)."""
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return value.strip() if isinstance(value, str) else value


def _plan_measure(row: _Row, context: _Context, result: ImportResult, texts: dict[Path, str],
                  owners: dict[Path, list[tuple[int, _Row]]], used: dict[str, set[int]]) -> None:
    topic = row.values.get("topic", "")
    records = context.dataset.folders.get("recommendations", {})
    title = row.values.get("title_fr", "").strip()
    same = [e for e in records.values() if e.record.topic == topic and e.record.title.fr == title]
    if same:
        result.already_imported += 1
        return
    if topic not in used:
        used[topic] = new.used_numbers(context.data_dir, topic)
    number = int(row.values["number"]) if "number" in row.values else None
    if number is not None and number in used[topic]:
        row_problem = row.problem("number", french(
            f"la mesure n° {number} du sujet « {topic} » est déjà enregistrée (data/recommendations/) : "
            "changez le numéro, ou laissez la case vide pour prendre le suivant."))
        result.problems.append(row_problem)
        return
    record_id = row.values.get("id")
    if record_id:
        try:
            schema._parse_id(record_id)
        except Exception as error:  # PydanticCustomError: the id rule of the schema
            context_values = getattr(error, "context", None) or {}
            result.problems.append(row.problem("id", french(
                f"« {record_id} » ne peut pas servir d’identifiant : il s’écrit en minuscules a-z, chiffres et tirets "
                f"simples, par exemple « {context_values.get('suggestion', '')} ».")))
            return
    values: dict[str, Any] = {"id": record_id} if record_id else {}
    for name in ("title", "text", "department"):
        if f"{name}_fr" in row.values or f"{name}_en" in row.values:
            values[name] = {"fr": row.values.get(f"{name}_fr", ""), "en": row.values.get(f"{name}_en", "")}
    if "source_title" in row.values or "source_url" in row.values:
        values["source"] = {"title": row.values.get("source_title", ""), "url": row.values.get("source_url", ""),
                            "consulted": row.values.get("source_consulted", context.today.isoformat())}
    try:
        path, text = new.recommendation_text(context.data_dir, topic, number=number, today=context.today,
                                             used=used[topic], values=values,
                                             command=f"sheet import {_sanitize(row.file)}")
    except new.NewError as error:
        result.problems.append(row.problem("topic", str(error)))
        return
    if path.exists() or path in texts:
        result.problems.append(row.problem("id" if record_id else "number", french(
            f"le fichier data/recommendations/{path.name} existe déjà, pour une autre mesure : choisissez un autre "
            "identifiant ou un autre numéro.")))
        return
    number = number or max(used[topic], default=0) + 1
    used[topic].add(number)
    row.record = path.stem
    texts[path] = text
    owners[path] = [(-1, row)]


def _check_would_be(texts: dict[Path, str], owners: dict[Path, list[tuple[int, _Row]]], originals: dict[Path, int],
                    context: _Context, baseline: list[tuple[str, Problem]], result: ImportResult, root: Path) -> None:
    data_dir = context.data_dir
    folder = data_dir.name
    # 1. each would-be file against the schema (the same model `check` uses), errors with their type
    broken: set[Path] = set()
    for path, text in texts.items():
        shown = f"{folder}/recommendations/{path.name}"
        doc, problems = load_text(text.encode("utf-8"), shown)
        if doc is None:
            broken.add(path)
            for problem in problems:
                _unmapped(problem, owners[path], result, root, data_dir)
            continue
        try:
            schema.Recommendation.model_validate(checks.validation_value(doc))
        except ValidationError as exc:
            broken.add(path)
            for error in exc.errors(include_url=False):
                loc = tuple(error["loc"])
                english = checks._schema_problem(error, loc, doc, schema.Recommendation)
                row, rest, columns = _locate(loc, owners[path], originals.get(path, 0))
                if row is None:
                    if english is not None:
                        _unmapped(english, owners[path], result, root, data_dir)
                    continue
                column = _column(columns, rest, kind=error["type"])
                message = messages.schema_message(error, column, english.message if english else error["msg"])
                result.problems.append(row.problem(column.key if column else None, message))
    # 2. the whole would-be data folder through every rule, as `check` runs them
    with tempfile.TemporaryDirectory(prefix="droit-de-suite-import-") as tmp:
        copy = Path(tmp) / folder
        shutil.copytree(data_dir, copy)
        for path, text in texts.items():
            if path not in broken:
                (copy / "recommendations" / path.name).write_text(text, encoding="utf-8", newline="")
        would_be, tagged = _tagged(copy, Path(tmp), context.dataset.today)
    before = {(rule, p.path, p.field, p.message) for rule, p in baseline}
    statuses = {s.id: s for s in context.statuses}
    for rule, problem in tagged:
        if (rule, problem.path, problem.field, problem.message) in before or rule == "load":
            continue
        path = data_dir / "recommendations" / Path(problem.path).name
        if not problem.path.startswith(f"{folder}/recommendations/") or path not in owners:
            _unmapped(problem, [], result, root, data_dir)
            continue
        row, rest, columns = _locate(_path(problem.field), owners[path], originals.get(path, 0))
        if row is None:
            _unmapped(problem, owners[path], result, root, data_dir)
            continue
        if rule == "translations_present":
            result.untranslated += 1
            continue
        column = _column(columns, rest, rule=rule)
        entry = would_be.folders.get("recommendations", {}).get(path.stem)
        entries = entry.record.follow_up if entry else ()
        index = _path(problem.field)[1] if problem.field.startswith("follow_up[") else 0
        message = messages.rule_message(
            rule, problem.message, rest=rest, entries=entries, index=index if isinstance(index, int) else 0,
            statuses=statuses, columns={c.key: c for c in columns},
            cell_text=row.values.get(column.key, "") if column else "")
        severity = WARNING if problem.severity == WARNING and rule in messages.NON_BLOCKING_RULES else ERROR
        result.problems.append(row.problem(column.key if column else None, message, severity))
    # The counts, for the summary.
    for held in owners.values():
        if held and held[0][0] == -1:
            result.measures_created += 1
        else:
            result.entries_added += len(held)


def _locate(loc: tuple, held: list[tuple[int, _Row]], original: int) -> tuple[_Row | None, tuple, Sequence[Column]]:
    """The row a path in a would-be file comes from, the path inside its entry (or record), and its columns."""
    if held and held[0][0] == -1:  # a new file: the whole record is the row's
        return held[0][1], tuple(loc), cols.NEW_MEASURES
    if len(loc) >= 2 and loc[0] == "follow_up" and isinstance(loc[1], int) and loc[1] >= original:
        for index, row in held:
            if index == loc[1]:
                return row, tuple(loc[2:]), cols.FOLLOW_UP
    return None, (), ()


def _unmapped(problem: Problem, held: list[tuple[int, _Row]], result: ImportResult, root: Path, data_dir: Path) -> None:
    """A problem the import would bring into a file, outside the new rows: said as `check` says it."""
    shown = relative(data_dir.parent / problem.path, root)
    text = Problem(shown, problem.line, problem.column, problem.field, problem.message, problem.severity).text()
    first = held[0][1] if held else None
    message = french(f"cet import ferait apparaître ce problème : {text}")
    if first is not None:
        result.problems.append(SheetProblem(first.file, first.sheet, first.row, None, message))
    else:
        result.problems.append(SheetProblem(shown, None, None, None, message))
