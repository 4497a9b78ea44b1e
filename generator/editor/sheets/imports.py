"""Import: filled-in sheets -> follow-up entries and new measures in data/, or the list of every
wrong cell and nothing written.

`import_sheets(files, data_dir, today=…, base=…)` returns an `ImportResult`; with `write=True` (the
default) it writes the files only when no problem stops the import. Nothing is printed here.

How a row is checked — with `check`'s own rules, never a second set:

1. each cell is read (`read.py`, `rows.py`: dates, percentages and labels as spreadsheets store
   them; a measure of another cohort than the sheet's is refused);
2. the rows become the would-be text of the files they change (`plan.py`): each follow-up row one
   entry, appended at the end of its recommendation's `follow_up:` exactly as `new follow-up`
   appends one, or replacing in place an entry imported earlier on the same branch; a correction
   (the columns « Corrige l’entrée du », « Motif de la correction ») an entry with `corrects:`;
   each new measure the file `new recommendation` writes. Refused there, row by row: two rows of
   one upload for one measure, date and assessor; a row restating a published entry; a row with the
   date and assessor of a published entry that says something else and is not a correction; a row
   that would change a published measure (`plan.py` says why a restatement is refused, not skipped);
3. the would-be files are loaded and validated against the schema, then the whole would-be data
   folder (a temporary copy of `data/` with those files in place) goes through every rule of
   `validate.RULES` and `validate.ENTRY_RULES`, and, with `base`, through `history.check_history`
   against that revision, with the would-be files in place: the tree the import would leave is
   checked exactly as `check --base` will check it. **Every** error of that tree refuses the
   import, not only those the rows bring: a problem the data already had (a published entry
   rewritten by hand on the branch, a broken record) is said as `check` says it, located in its
   file, with the advice to fix it first. Warnings the data already had are left to `check`;
4. each problem is traced back to its cell — file › sheet › row › column header — through the
   entry's index in `follow_up` and the field the column fills, and said in the editor's language
   (`messages.py`).

Past entries are never touched: a published entry is neither edited nor replaced (the check of
step 3 would refuse it), and every byte of a file outside the entries written stays as it was.

Over 400 lines: one transaction (read every row, plan every change, check the would-be data
with every rule, then write or write nothing); its steps share the rows' locations, which
map each problem back to a cell.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from ...records import history, schema
from ...records import validate as checks
from ...records.catalogue import _
from ...records.load import load_text, symlink
from ...records.problems import ERROR, WARNING, Problem, relative
from . import columns as cols
from . import messages
from . import read as reader
from .columns import Column
from .plan import Plan, Published, plan
from .rows import NOTICE, Context, ImportResult, Row, SheetProblem, kind, read_rows, sheet_cohort

__all__ = ["ImportResult", "SheetProblem", "import_sheets"]

Tagged = list[tuple[str, Problem]]


def _tagged(data_dir: Path, root: Path, today: date) -> tuple[checks.Dataset, Tagged]:
    """`validate.validate`, each problem with what produced it: "load" (files and schema) or a rule's name."""
    dataset = checks.Dataset(root=data_dir, today=today)
    problems: list[Problem] = []
    checks.load_all(data_dir, root, dataset, problems)
    tagged = [("load", p) for p in problems]
    return dataset, tagged + list(checks.named_problems(dataset))


def _history(data_dir: Path, base: str | None, overrides: dict[Path, str] | None = None) -> Tagged:
    """`check --base`'s comparison with the base, with the would-be files in place (`overrides`)."""
    if base is None:
        return []
    texts = {path.name: text for path, text in (overrides or {}).items()}
    root = data_dir.resolve().parent  # as validate names files: data/recommendations/x.yml
    return [("history", p) for p in history.check_history(data_dir, base, root, overrides=texts)]


def _path(field_text: str) -> tuple[str | int, ...]:
    """`follow_up[3].answer.fr` -> ("follow_up", 2, "answer", "fr")."""
    out: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", field_text):
        out.append(int(index) - 1 if index else name)
    return tuple(out)


def _column(columns: Sequence[Column], rest: tuple, rule: str = "", kind: str = "") -> Column | None:
    """The column whose field is at `rest` (a path inside the entry or the new record)."""
    if rule == "factual_records_have_sources" or (kind == "source_unreachable" and rest[:1] == ("sources",)) \
            or (rule == "nothing_left_to_complete" and rest[:3] == ("sources", 0, "note")):
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
                  root: Path | None = None, write: bool = True, base: str | None = None) -> ImportResult:
    """`today`: the day of the import (a source's default `consulted`, a correction's `date`);
    `check_day`: the day the check speaks of (by default `today`; see validate.check_day); `base`: the
    revision whose entries and measures are published (`check --base`), None when everything in data/
    is. Raises history.HistoryError when git cannot compare with `base`."""
    root = root or Path.cwd()
    result = ImportResult()
    check_day = check_day or today
    dataset, baseline = _tagged(data_dir, data_dir.parent, check_day)
    if dataset.statuses is None:
        result.problems.append(SheetProblem(relative(data_dir / "statuses.yml", root), None, None, None,
                                            _("sheet_statuses_unreadable")))
        return result
    baseline += _history(data_dir, base)
    context = Context(data_dir, dataset, today)
    rows: list[Row] = []
    order: dict[tuple[str, str | None], int] = {}
    for file in files:
        shown = relative(file, root)
        order[(shown, None)] = len(order)
        program = reader.is_lock_file(file)
        if program is not None:  # what a spreadsheet leaves beside an open document: never a sheet
            result.problems.append(SheetProblem(shown, None, None, None, _("sheet_lock_file_ignored", program=program),
                                                NOTICE))
            continue
        try:
            sheets = reader.read(file)
        except reader.SheetError as error:  # located at its sheet and row when a limit of one sheet was passed
            result.problems.append(SheetProblem(shown, error.sheet, error.row, None, str(error)))
            continue
        cohorts: list[str | None] = []
        readable = []
        for sheet in sheets:
            order.setdefault((shown, sheet.name), len(order))
            cohort, mixed = sheet_cohort(shown, sheet, context)
            if mixed is not None:
                result.problems.append(mixed)
                continue
            cohorts.append(cohort)
            readable.append(sheet)
        # New measures are of the cohort the file's follow-up sheets follow, when they agree on one.
        of_file = set(cohorts) - {None}
        file_cohort = next(iter(of_file)) if len(of_file) == 1 else None
        unassessed = result.rows_without_assessment
        found = [r for sheet, cohort in zip(readable, cohorts, strict=True)
                 for r in read_rows(shown, sheet, context, result, cohort or file_cohort)]
        # A file with nothing to read is said, whatever the other files held (rows not yet assessed
        # count for their own file only). Only a file with a sheet of ours is owned by the import:
        # `--remove` deletes no other (an editor's notes.csv beside the sheet stays).
        if not found and not any(p.file == shown for p in result.problems) and result.rows_without_assessment == unassessed:
            result.problems.append(SheetProblem(shown, None, None, None, _("sheet_no_sheet_to_read")))
        elif any(sheet.rows and kind(sheet.rows[0]) for sheet in readable):
            result.sheets.append(file)
        rows += found

    planned = plan(rows, context, Published(data_dir, base, context.records), result)
    _check_would_be(planned, context, baseline, result, root, base)
    # One message per cell, in the order of the files, sheets, rows and columns; the data's own last.
    result.problems = sorted(dict.fromkeys(result.problems), key=lambda p: (
        order.get((p.file, p.sheet), len(order)), p.file, p.row or 0, p.column_index or 0))
    if result.ok and write:
        linked = [path for path in planned.texts if _through_link(path, data_dir)]
        for path in linked:  # as `check` says it; nothing is written, not even the other files
            result.problems.append(SheetProblem(relative(path, root), None, None, None, symlink()))
        if linked:
            return result
        for path, text in planned.texts.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            _write(path, text)
            result.written.append(path)
    return result


def _through_link(path: Path, data_dir: Path) -> bool:
    """Whether writing `path` would go through a symbolic link: the file itself, or a folder between
    it and data/ (data/ itself included). `check` refuses every link under data/ (records/load.py
    `symlink`), and the import never follows one, to read or to write."""
    if data_dir.is_symlink():
        return True
    try:
        parts = path.relative_to(data_dir).parts
    except ValueError:
        return True
    return any((data_dir.joinpath(*parts[: i + 1])).is_symlink() for i in range(len(parts)))


def _write(path: Path, text: str) -> None:
    """Write `text` into `path` (keeping the UTF-8 mark the file had), never through a symbolic link,
    not even one that appeared since `_through_link` looked (O_NOFOLLOW: the open fails)."""
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    bom = ""
    try:
        with os.fdopen(os.open(path, os.O_RDONLY | nofollow), "rb") as existing:
            bom = "\ufeff" if existing.read(3) == b"\xef\xbb\xbf" else ""
    except FileNotFoundError:
        pass
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | nofollow, 0o644), "w", encoding="utf-8",
                   newline="") as out:
        out.write(bom + text)


def _check_would_be(planned: Plan, context: Context, baseline: Tagged, result: ImportResult, root: Path,
                    base: str | None) -> None:
    data_dir = context.data_dir
    folder = data_dir.name
    texts, owners = planned.texts, planned.owners
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
                english = checks.schema_problem(error, loc, doc, schema.Recommendation)
                row, rest, columns = _locate(loc, owners[path])
                if row is None:
                    if english is not None:
                        _unmapped(english, owners[path], result, root, data_dir)
                    continue
                column = _column(columns, rest, kind=error["type"])
                message = messages.schema_message(error, column, english.message if english else error["msg"])
                result.problems.append(row.problem(column.key if column else None, message))
    # 2. the whole would-be data folder through every rule, and its history, as `check --base` runs them
    would_be, tagged = context.dataset, baseline
    if texts:
        with tempfile.TemporaryDirectory(prefix="droit-de-suite-import-") as tmp:
            copy = Path(tmp) / folder
            # Links copied as links (`check` of the copy reports them as it does in data/), never
            # followed: a record linked to /dev/zero would otherwise be copied forever.
            shutil.copytree(data_dir, copy, symlinks=True)
            for path, text in texts.items():
                if path not in broken:
                    target = copy / "recommendations" / path.name
                    if target.is_symlink() or not target.parent.is_dir() or target.parent.is_symlink():
                        continue  # never written through a link: the link is said (as `check` says it)
                    target.write_text(text, encoding="utf-8", newline="")
            would_be, tagged = _tagged(copy, Path(tmp), context.dataset.today)
        tagged += _history(data_dir, base, {p: t for p, t in texts.items() if p not in broken})
    before = {(rule, p.path, p.field, p.message): p for rule, p in baseline}
    statuses = {s.id: s for s in context.statuses}
    for rule, problem in tagged:
        path = data_dir / "recommendations" / Path(problem.path).name
        ours = problem.path.startswith(f"{folder}/recommendations/") and path in owners
        if rule == "load" and path in broken:
            continue  # said at its cells in step 1
        row, rest, columns = _locate(_path(problem.field), owners[path]) if ours else (None, (), ())
        if row is None:
            earlier = before.get((rule, problem.path, problem.field, problem.message))
            if earlier is not None:
                if earlier.is_error:
                    result.problems.append(_already_wrong(earlier, root, data_dir))
            else:
                _unmapped(problem, owners.get(path, []), result, root, data_dir)
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


def _locate(loc: tuple, held: list[tuple[int, Row]]) -> tuple[Row | None, tuple, Sequence[Column]]:
    """The row a path in a would-be file comes from, the path inside its entry (or record), and its columns."""
    if held and held[0][0] == -1:  # a new file: the whole record is the row's
        return held[0][1], tuple(loc), cols.NEW_MEASURES
    if len(loc) >= 2 and loc[0] == "follow_up" and isinstance(loc[1], int):
        for index, row in held:
            if index == loc[1]:
                return row, tuple(loc[2:]), cols.FOLLOW_UP
    return None, (), ()


def _unmapped(problem: Problem, held: list[tuple[int, Row]], result: ImportResult, root: Path, data_dir: Path) -> None:
    """A problem the import would bring into a file, outside the new rows: said as `check` says it."""
    shown = relative(data_dir.parent / problem.path, root)
    text = Problem(shown, problem.line, problem.column, problem.field, problem.message, problem.severity).text()
    first = held[0][1] if held else None
    message = _("sheet_import_would_bring", problem=text)
    if first is not None:
        result.problems.append(SheetProblem(first.file, first.sheet, first.row, None, message))
    else:
        result.problems.append(SheetProblem(shown, None, None, None, message))


def _already_wrong(problem: Problem, root: Path, data_dir: Path) -> SheetProblem:
    """An error the data has already, whatever the sheet says: located in its file, as `check` says it."""
    shown = relative(data_dir.parent / problem.path, root)
    return SheetProblem(shown, None, problem.line, problem.field or None,
                        _("sheet_data_already_wrong", message=problem.message), ERROR, problem.column)
