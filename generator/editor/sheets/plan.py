"""Plan: the rows of one import -> the would-be text of every file they change, or a refusal per row.

A follow-up row is named by its measure, its date and its assessor, as an entry is
(generator/records/ledger.py: one assessor gives one assessment a day). What happens to it depends
on what is already recorded under that name, and on whether that is **published**: on the base
revision of the pull request (`sheet import --base REF`: the merge base of REF and HEAD, read as
`check --base` reads it, records/history.py), or, without `--base`, anything already in data/.

- nothing under that name: the row is appended at the end of the record's `follow_up:`, as
  `new follow-up` appends an entry (`new.append_follow_up`);
- a published entry that says the same (the same assessment; the sources aside): refused, it is
  already there — delete the row;
- a published entry that says something else: refused unless the row is a correction (its columns
  « Corrige l’entrée du », « Motif de la correction »): the row then becomes an entry with
  `corrects:` (dated the day of the import), appended, and the published entry stays as it was;
- an entry not yet published (imported earlier on the same branch): the same values add nothing
  (« déjà importée »); other values **replace** it, in place, with its comment line.
- two rows of one upload (one sheet, several sheets or several files) for the same measure, date
  and assessor are refused, the later one naming the earlier.

Why a restatement of a published entry is refused rather than skipped: an exported sheet never
pre-fills the columns of the new assessment, and the workflow (.github/workflows/import-sheet.yml)
removes the sheet in the same commit that adds its entries, so a row restating a published entry
comes from an old sheet uploaded again; saying so, row by row, keeps the editor from believing the
upload added something. The legitimate repeat — the same sheet, corrected, uploaded again on its
pull request before merging — meets entries that are not yet published: they are counted as
already imported, or replaced. Without `--base` everything in data/ counts as published, so a
second import of one sheet on a local copy is refused, and says which rows to delete (or give
`--base origin/main` to import as the pull request would).

A row of new measures names an existing measure by its id, else by its topic and number, else by
its topic and French title. A measure not yet published (its file is not on the base) is written
again from an edited row, as long as it has no follow-up entry yet; the same values add nothing. A
published measure is never changed by a sheet: a row for it is refused, saying how to edit it.

Nothing is printed or written here: `imports.py` checks the would-be files and writes them.

Over 400 lines: one decision per row, follow-up entries and new measures alike, against the same
published record; they share what is published, the comparison of values and the text written
(an entry appended, or replaced in place with its comment line).
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ...records import history, ledger, schema
from ...records.catalogue import N_, _
from ...records.load import Document, load_text
from ...records.validate import Entry
from .. import new
from . import columns as cols
from .columns import Column, day, french, quoted
from .rows import Context, ImportResult, Row

#: Values written unquoted in YAML: dates, ids and numbers the reader has already made canonical.
_PLAIN = frozenset({"date", "assessor", "response", "status", "progress", "fidelity", "target", "consulted",
                    "published", "entry_date", "entry_assessor", "topic", "number"})
#: How the comment line above an imported entry starts (`_origin`): it goes with the entry it names.
_ORIGIN = "Importée du tableur"


@dataclass
class Plan:
    """The would-be text of every file the rows change, and, for each, the rows it holds and at which
    index of `follow_up` (-1: the row is the whole file, a new or rewritten measure)."""

    texts: dict[Path, str] = field(default_factory=dict)
    owners: dict[Path, list[tuple[int, Row]]] = field(default_factory=dict)


class Published:
    """What is published: the entries and measures on the base revision (`base`, as history.py reads
    it), or, without a base, everything already in data/."""

    def __init__(self, data_dir: Path, base: str | None, records: Mapping[str, Entry]) -> None:
        self.data_dir = data_dir
        self.base = base
        self.records = records
        self._at_base: dict[str, Document | None] = {}

    def read(self, record_ids: Iterable[str]) -> None:
        """Read the base's version of these records at once (one git process)."""
        names = {f"{i}.yml" for i in record_ids} - set(self._at_base)
        if self.base is not None and names:
            self._at_base.update(history.at_base(self.data_dir, self.base, names))

    def entries(self, record_id: str) -> set[int]:
        """The positions of the record's follow-up entries that are published."""
        entry = self.records[record_id]
        if self.base is None:
            return set(range(len(entry.record.follow_up)))
        self.read([record_id])
        return history.published(self._at_base[f"{record_id}.yml"], entry.doc)

    def measure(self, record_id: str) -> bool:
        """The record's file is published."""
        if self.base is None:
            return True
        self.read([record_id])
        return self._at_base[f"{record_id}.yml"] is not None


def plan(rows: list[Row], context: Context, published: Published, result: ImportResult) -> Plan:
    out = Plan()
    rows = _one_each(rows, result)
    published.read(r.record for r in rows if r.kind == "entry")
    replaced: dict[Path, dict[int, tuple[dict[str, Any], Row]]] = {}
    appended: dict[Path, list[tuple[dict[str, Any], Row]]] = {}
    used: dict[str, set[int]] = {}
    for row in rows:
        if row.kind == "entry":
            _plan_entry(row, context, published, result, replaced, appended)
        else:
            _plan_measure(row, context, published, result, out, used)
    for path in dict.fromkeys([*replaced, *appended]):
        _write_entries(path, replaced.get(path, {}), appended.get(path, []), context, result, out)
    return out


# --------------------------------------------------------------------------- follow-up rows


def row_entry(values: dict[str, str], today: date) -> dict[str, Any]:
    """The raw entry (as the loader gives it: text only) that a follow-up row's values fill in."""
    data = _nested(values, cols.FOLLOW_UP)
    for source in data.get("sources", []):
        source.setdefault("consulted", today.isoformat())
    if "corrects" in data:  # in the schema's order; dated the day the correction enters the record
        named = {k: v for k, v in data["corrects"].items() if k in ("entry_date", "entry_assessor")}
        data["corrects"] = {**named, "date": today.isoformat(),
                            **{k: v for k, v in data["corrects"].items() if k not in named}}
    return data


def _nested(values: dict[str, str], columns: tuple[Column, ...]) -> dict[str, Any]:
    """The raw record data that the row's values fill in, each at its column's field."""
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
    return data


def _key(row: Row) -> tuple[date, str] | None:
    """The row's date and assessor, as `ledger.key` names an entry (None when either is missing)."""
    if "date" not in row.values or "assessor" not in row.values:
        return None
    return date.fromisoformat(row.values["date"]), row.values["assessor"]


def _one_each(rows: list[Row], result: ImportResult) -> list[Row]:
    """The rows, without those that repeat an earlier row's measure, date and assessor (refused)."""
    seen: dict[tuple[str, date, str], Row] = {}
    kept = []
    for row in rows:
        key = _key(row) if row.kind == "entry" else None
        if key is None:
            kept.append(row)
            continue
        first = seen.setdefault((row.record, *key), row)
        if first is row:
            kept.append(row)
            continue
        today = date.min  # the default day of a source is the same for both rows: compare what they give
        same = _identical(row_entry(row.values, today), row_entry(first.values, today), ignore_consulted=False)
        advice = (_("sheet_rows_say_the_same") if same else
                  _("sheet_rows_say_otherwise", corrects=cols.FOLLOW_UP_BY_KEY["corrects_date"].fr))
        result.problems.append(row.problem("date", _("sheet_rows_same_day", id=row.record, date=day(key[0]),
                                                     assessor=_assessor(key[1]), first=first.place(), advice=advice)))
    return kept


def _plan_entry(row: Row, context: Context, published: Published, result: ImportResult,
                replaced: dict[Path, dict[int, tuple[dict[str, Any], Row]]],
                appended: dict[Path, list[tuple[dict[str, Any], Row]]]) -> None:
    path = context.data_dir / "recommendations" / f"{row.record}.yml"
    data = row_entry(row.values, context.today)
    key = _key(row)
    if key is None:  # the schema says which cell is missing
        appended.setdefault(path, []).append((data, row))
        return
    record = context.records[row.record]
    entries = record.record.follow_up
    raw = record.doc.value.get("follow_up") or []
    done = published.entries(row.record)
    named = [i for i, entry in enumerate(entries) if ledger.key(entry) == key]
    restated = next((i for i in named if i in done and _assessment(data) == _assessment(raw[i])), None)
    if restated is not None:
        result.problems.append(row.problem("date", _(
            "sheet_entry_already_published", entry=restated + 1, id=row.record, date=day(key[0]),
            assessor=_assessor(key[1]), corrects=cols.FOLLOW_UP_BY_KEY["corrects_date"].fr,
            reason=cols.FOLLOW_UP_BY_KEY["corrects_reason_fr"].fr)))
        return
    in_effect = [i for i in ledger.ledger(entries).in_effect if ledger.key(entries[i]) == key]
    if in_effect and in_effect[-1] not in done:
        at = in_effect[-1]
        if _identical(data, raw[at], ignore_consulted=row.consulted_default):
            result.already_imported += 1
        else:
            replaced.setdefault(path, {})[at] = (data, row)
        return
    if in_effect and "corrects" not in data:
        at = in_effect[-1]
        result.problems.append(row.problem("date", _(
            "sheet_entry_published_differs", id=row.record, date=day(key[0]), assessor=_assessor(key[1]),
            entry=at + 1, typed=key[0].strftime("%d/%m/%Y"), corrects=cols.FOLLOW_UP_BY_KEY["corrects_date"].fr,
            reason=cols.FOLLOW_UP_BY_KEY["corrects_reason_fr"].fr)))
        return
    appended.setdefault(path, []).append((data, row))


def _assessment(entry: Any) -> Any:
    """What an entry says, as compared for a restatement: its values without its sources, nor the day
    a correction was made."""
    out = _normal(copy.deepcopy(entry))
    if isinstance(out, dict):
        out.pop("sources", None)
        if isinstance(out.get("corrects"), dict):
            out["corrects"].pop("date", None)
    return out


def _identical(entry: Any, other: Any, *, ignore_consulted: bool) -> bool:
    """The same entry, sources included (the day a source was consulted left out when the sheet left it
    empty), the day a correction was made aside."""
    one, two = _normal(copy.deepcopy(entry)), _normal(copy.deepcopy(other))
    for side in (one, two):
        if not isinstance(side, dict):
            return False
        if isinstance(side.get("corrects"), dict):
            side["corrects"].pop("date", None)
        if ignore_consulted:
            for source in side.get("sources", []) or []:
                if isinstance(source, dict):
                    source.pop("consulted", None)
    return one == two


def _normal(value: Any) -> Any:
    """Text values compared as the schema reads them (stripped), and paragraphs as paragraphs: a text
    imported before line breaks became paragraphs (one line break, not a blank line) says the same."""
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return "\n\n".join(line.strip() for line in value.split("\n") if line.strip()) if isinstance(value, str) else value


def _assessor(value: str) -> str:
    """An assessor as the sheet's list names it (in French)."""
    return quoted(schema.ASSESSORS.label(value, "fr") or value)


def _write_entries(path: Path, replaced: dict[int, tuple[dict[str, Any], Row]],
                   appended: list[tuple[dict[str, Any], Row]], context: Context, result: ImportResult,
                   out: Plan) -> None:
    """The would-be text of one recommendation file: entries replaced in place, then entries appended."""
    text = path.read_bytes().decode("utf-8-sig")
    count = len(context.records[path.stem].record.follow_up)
    held: list[tuple[int, Row]] = []
    try:
        text = _replace(text, replaced, path)
        held += [(at, row) for at, (_, row) in sorted(replaced.items())]
        for data, row in appended:
            text = new.append_follow_up(text, functools.partial(_row_lines, data, row), path)
            held.append((count, row))
            count += 1
    except new.NewError as error:
        first = next(iter(replaced.values()), None) or appended[0]
        result.problems.append(first[1].problem(None, str(error)))
        return
    result.entries_replaced += len(replaced)
    result.entries_added += len(appended)
    out.texts[path] = text
    out.owners[path] = held


def _replace(text: str, replaced: dict[int, tuple[dict[str, Any], Row]], path: Path) -> str:
    """`text` with the entries at these positions of `follow_up` replaced by the rows' entries, each with
    its comment line; every other line stays as it was."""
    if not replaced:
        return text
    doc, _ = load_text(text.encode("utf-8"), path.name)
    if doc is None:
        raise new.NewError(f"{path.name} cannot be read: run make check.")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    for at in sorted(replaced, reverse=True):  # from the end, so that the lines above keep their numbers
        start, end, indent = _span(lines, doc, at, path)
        data, row = replaced[at]
        lines[start:end] = [line + newline for line in _row_lines(data, row, indent)]
    return "".join(lines)


def _span(lines: list[str], doc: Document, at: int, path: Path) -> tuple[int, int, str]:
    """The lines of entry `at` of `follow_up` (from its comment line when it was imported) and the
    indent of its `-`."""
    dash = doc.positions[("follow_up", at)][0] - 1
    indent = lines[dash][: len(lines[dash]) - len(lines[dash].lstrip())]
    if not lines[dash].lstrip().startswith("- "):
        raise new.NewError(_("sheet_entry_not_on_its_lines", file=path.name, entry=at + 1))
    start = dash - 1 if dash > 0 and lines[dash - 1].strip().startswith(f"# {_ORIGIN}") else dash
    following = doc.positions.get(("follow_up", at + 1))
    if following:
        end = following[0] - 1
    else:  # the list ends at the first line that is not indented deeper than its `-`
        end = next((n for n in range(dash + 1, len(lines)) if lines[n].strip() and not lines[n].lstrip()
                    .startswith("#") and len(lines[n]) - len(lines[n].lstrip()) <= len(indent)), len(lines))
    while end > dash + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1  # blank lines and comments at the end belong to what follows
    return start, end, indent


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
        elif isinstance(value, str) and "\n" in value:
            out += _block(key, value, indent)
        else:
            out.append(f"{indent}{key}: {value if key in _PLAIN else new.q(value)}")
    return out


def _block(key: str, value: str, indent: str) -> list[str]:
    """A text of several paragraphs as the records write it: a literal block (`|`), a blank line
    between paragraphs (the cell's lines, which rows.py made paragraphs, never start with a space)."""
    return [f"{indent}{key}: |", *(f"{indent}  {line}" if line else "" for line in value.split("\n"))]


def entry_lines(indent: str, data: dict[str, Any], origin: str) -> list[str]:
    """One follow-up entry as YAML text, its `-` at `indent`, after a comment that says where it came from."""
    body = _lines(data, indent + "  ")
    return [f"{indent}# {origin}", f"{indent}- {body[0].lstrip()}", *body[1:]]


def _row_lines(data: dict[str, Any], row: Row, indent: str) -> list[str]:
    """The follow-up entry `data` of `row`, as lines at `indent`, saying which sheet it came from."""
    return entry_lines(indent, data, _origin(row))


def _origin(row: Row) -> str:
    """The comment above an imported entry: that it came from a sheet, and from which row. No name
    the upload chose (its file's, its sheet's) is ever written into a record: they are whatever
    an uploader typed, and the records are public (the pull request and its workflow say which
    sheet it was)."""
    return french(f"{_ORIGIN} (ligne {row.row}).")


# --------------------------------------------------------------------------- new measures


def _measure_values(row: Row, today: date) -> dict[str, Any]:
    """What a row of new measures gives `new.recommendation_text` (`values`)."""
    values: dict[str, Any] = {"id": row.values["id"]} if row.values.get("id") else {}
    for name in ("title", "text", "department"):
        if f"{name}_fr" in row.values or f"{name}_en" in row.values:
            values[name] = {"fr": row.values.get(f"{name}_fr", ""), "en": row.values.get(f"{name}_en", "")}
    source = _nested(row.values, cols.NEW_MEASURES).get("sources", [{}])[0]
    if source:
        values["source"] = {"title": "", "url": "", **source, "consulted": source.get("consulted", today.isoformat())}
        if "note" in source:
            values["source"]["note"] = {"fr": source["note"].get("fr", ""), "en": source["note"].get("en", "")}
    return values


def _says(raw: Any, values: dict[str, Any], row: Row) -> dict[str, Any]:
    """What a measure's file says of what the row gives (its number, texts and, when given, its source)."""
    raw = raw if isinstance(raw, dict) else {}
    out: dict[str, Any] = {"number": _number(raw.get("number"))} if "number" in row.values else {}
    for name in ("title", "text", "department"):
        if name in values:
            out[name] = raw.get(name)
    if "source" in values:
        sources = raw.get("sources")
        first = dict(sources[0]) if isinstance(sources, list) and sources and isinstance(sources[0], dict) else {}
        if "source_consulted" not in row.values:
            first.pop("consulted", None)
        out["source"] = first
    return _normal(_drop_empty(out))


def _row_says(values: dict[str, Any], row: Row) -> dict[str, Any]:
    out: dict[str, Any] = {"number": _number(row.values["number"])} if "number" in row.values else {}
    out |= {name: values[name] for name in ("title", "text", "department") if name in values}
    if "source" in values:
        out["source"] = dict(values["source"])
        if "source_consulted" not in row.values:
            out["source"].pop("consulted", None)
    return _normal(_drop_empty(out))


def _number(value: Any) -> Any:
    """A measure's number as compared: 7 and 07 are the same number."""
    return str(int(value)) if isinstance(value, str) and value.strip().isdigit() else value


def _drop_empty(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_empty(v) for k, v in value.items() if v not in (None, "", {})}
    return value


def _existing(row: Row, context: Context, topic: str, number: int | None) -> tuple[Entry | None, str]:
    """The measure a row of new measures names, and how: by its id, else its topic and number, else
    its topic and French title."""
    records = context.records
    record_id = row.values.get("id")
    if record_id:
        return records.get(record_id), "id"
    if number is not None:
        same = [e for e in records.values() if e.record.topic == topic and e.record.number == number]
        return (same[0] if same else records.get(f"{topic}-{number:02d}")), "number"
    title = row.values.get("title_fr", "").strip()
    same = [e for e in records.values() if e.record.topic == topic and e.record.title.fr == title]
    return (same[0] if same else None), "title_fr"


def _plan_measure(row: Row, context: Context, published: Published, result: ImportResult, out: Plan,
                  used: dict[str, set[int]]) -> None:
    topic = row.values.get("topic", "")
    record_id = row.values.get("id")
    if record_id:
        try:
            schema.parse_id(record_id)
        except Exception as error:  # PydanticCustomError: the id rule of the schema
            context_values = getattr(error, "context", None) or {}
            result.problems.append(row.problem("id", _("sheet_id_refused", id=record_id,
                                                       suggestion=context_values.get("suggestion", ""))))
            return
    if topic not in used:
        used[topic] = new.used_numbers(context.data_dir, topic)
    number = int(row.values["number"]) if "number" in row.values else None
    values = _measure_values(row, context.today)
    existing, how = _existing(row, context, topic, number)
    taken = used[topic]
    if existing is not None and existing.record.topic == topic:
        if not _known_measure(row, existing, how, values, context, published, result):
            return
        values["id"] = existing.record.id
        number = number or existing.record.number
        taken = used[topic] - {existing.record.number}
    elif existing is not None:
        result.problems.append(row.problem("id", _("sheet_id_of_other_topic", id=record_id, topic=existing.record.topic)))
        return
    if number is not None and number in taken:
        result.problems.append(row.problem("number", _("sheet_number_taken", number=number, topic=topic)))
        return
    try:
        path, text = new.recommendation_text(context.data_dir, topic, number=number, today=context.today,
                                             used=taken, values=values, command="sheet import")
    except new.NewError as error:
        result.problems.append(row.problem("topic", str(error)))
        return
    if (path.exists() and existing is None) or path in out.texts:
        result.problems.append(row.problem("id" if record_id else "number", _("sheet_file_exists", file=path.name)))
        return
    used[topic].add(number or max(taken, default=0) + 1)
    row.record = path.stem
    out.texts[path] = text
    out.owners[path] = [(-1, row)]
    if existing is None:
        result.measures_created += 1
    else:
        result.measures_rewritten += 1


def _known_measure(row: Row, existing: Entry, how: str, values: dict[str, Any], context: Context,
                   published: Published, result: ImportResult) -> bool:
    """Whether the row may write the measure it names again (it was created on this branch and changed):
    otherwise the row is counted as already imported, or refused."""
    record_id = existing.record.id
    file = f"data/recommendations/{record_id}.yml"
    same = _says(existing.doc.value, values, row) == _row_says(values, row)
    if not published.measure(record_id):
        if same:
            result.already_imported += 1
            return False
        if existing.record.follow_up:
            result.problems.append(row.problem(how, _("sheet_measure_created_has_entries", id=record_id, file=file)))
            return False
        return True
    if same:
        result.problems.append(row.problem(how, _("sheet_measure_already_published", id=record_id, file=file)))
        return False
    message = {"id": N_("sheet_measure_published_differs_id"), "number": N_("sheet_measure_published_differs_number"),
               "title_fr": N_("sheet_measure_published_differs_title")}[how]
    result.problems.append(row.problem(how, _(message, id=record_id, number=existing.record.number,
                                              topic=existing.record.topic, file=file)))
    return False
