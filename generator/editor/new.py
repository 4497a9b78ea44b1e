"""New: start a record file, or add a follow-up entry, for an editor to fill in.

    python -m generator new recommendation --topic ID [--number N]
    python -m generator new hearing --cohort ID --date DATE [--topic ID]
    python -m generator new meeting --type KIND --date DATE [--cohort ID ...]
    python -m generator new follow-up --recommendation ID [--date DAY] [--assessor WHO] [--status ID]

Contract: `new_recommendation`, `new_hearing`, `new_meeting` write a new file under `data/` with
the next free id and return its path; `add_follow_up` appends one entry, as text, at the end of a
recommendation's `follow_up:` list and leaves every other byte of the file as it was. Each raises
`NewError` (a plain message) instead of writing anything when the request cannot be met.
`run(args)` is the command's entry point: it prints the result or the message and returns the exit
code (the argparse registration is in `cli.py`).

**What the files say before anyone edits them.** A written file passes `check` unchanged (so a
half-finished pull request still builds a preview), yet it never states an invented fact:

- what the command knows is written as is (the id, the topic, the cohort, the date given, the
  meeting's kind, a hearing's workshop when its topic names one);
- what only the editor knows is « À compléter » / "To be completed", which the site shows as such
  (readers and reviewers see the gap; nothing looks true that is not);
- a new follow-up entry has the status `not_assessed` ("Pas encore évaluée"): until the editor
  chooses the status the source states, the site says that the measure is not assessed, never
  that it progressed;
- `sources` (required on every factual record and follow-up entry) holds one starting point, the
  City's « droit de suite » page, with a note « À compléter » that the site shows: it says the
  source still has to be replaced by the document that proves the record.

Optional fields are written as comments, with what they mean, to uncomment when the source says.
Comments are in French, for the City's editors. What a field means is the schema's French description
(`explain`: schema.py writes each field's once, in both languages, for the editor, the field
reference and here); the lists of values come from `schema.py` and `data/statuses.yml`, so they
cannot drift from what `check` accepts. This module's own words say only what the command did (a
number it chose, a starting source to replace).

Over 400 lines: one writer per record kind, each with the field help an editor reads in the
new file; they share the command's arguments and the file-naming rules.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import textwrap
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..records import reference, schema
from ..records.catalogue import N_, _
from ..records.load import load_file, load_text
from ..records.problems import did_you_mean, guide, one_of
from ..records.schema import TO_COMPLETE
from ..records.validate import schema_problems, validation_value
from ..site.i18n import format_date

#: The starting source written into new records and entries (the City's page on follow-up).
STARTING_SOURCE = {
    "title": "Le « droit de suite » : garantie de l’impact de l’Assemblée citoyenne",
    "url": "https://www.paris.fr/pages/le-droit-de-suite-garantie-de-l-impact-de-l-assemblee-citoyenne-29054",
    "publisher": "Ville de Paris (paris.fr)",
}
SOURCE_NOTE = {
    "fr": "À compléter : source ajoutée automatiquement, qui ne prouve pas encore ce que dit cette fiche. "
          "Remplacez-la par le document qui le prouve.",
    "en": "To be completed: a source added automatically, which does not yet prove what this record says. "
          "Replace it with the document that does.",
}

#: The slug of each meeting kind in file names (the existing files use these French words).
MEETING_SLUGS = {
    "plenary": "pleniere",
    "follow_up": "droit-de-suite",
    "veille": "veille-et-interpellation",
    "council": "conseil-de-paris",
}

HEADER = (
    "# Créé avec `python -m generator {command}`.\n"
    "# Remplacez chaque « À compléter » par ce que disent vos sources : le site affiche « À compléter »\n"
    "# tant que ce n'est pas fait. Les lignes qui commencent par # sont des explications ; pour\n"
    "# utiliser un champ facultatif, enlevez le # et l'espace au début de sa ligne.\n"
    "# Guide : CONTRIBUTING.md\n"
)


class NewError(Exception):
    """A request `new` cannot carry out; the message says what to do instead."""


# --------------------------------------------------------------------------- YAML text helpers


def q(text: str) -> str:
    """A double-quoted YAML scalar (JSON string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def choices_fr(choices: schema.Choices) -> str:
    return _values_fr(choices.items.values())


def _values_fr(choices: Iterable[schema.Choice]) -> str:
    return ", ".join(f"{c.value} ({c.fr})" for c in choices)


#: How wide the explanations are, `# ` and indentation included.
COMMENT_WIDTH = 100


@functools.cache
def _fields(model: type[schema.Record]) -> dict[str, reference.FieldDoc]:
    return {f.name: f for f in reference.describe(model, "").fields}


def explain(model: type[schema.Record], name: str, indent: str = "", *, then: str = "") -> list[str]:
    """The comment lines that explain field `name` of `model` to an editor, in French: its description
    in the schema, how a date is written, the values a choice takes; `then`: what the command adds
    about this file (a value it chose, what to check)."""
    field = _fields(model)[name]
    about = field.description.fr
    first = about.split(" ", 1)[0]
    if not first.isupper():  # after « name : » a sentence goes on in lower case (not an acronym)
        about = about[0].lower() + about[1:]
    parts = [f"{name} : {about}"]
    if field.kind == "flexdate" and "ANNÉE" not in about:
        parts.append(schema.PARTIAL_DATE.fr)
    if field.kind == "date" and "ANNÉE" not in about:
        parts.append("Sous la forme ANNÉE-MOIS-JOUR.")
    if field.choices:
        parts.append(f"Valeurs : {_values_fr(field.choices)}.")
    if then:
        parts.append(then)
    width = COMMENT_WIDTH - len(indent) - 2
    # French punctuation stays with its word: a line never starts with « : », « ; » or « ».
    text = re.sub(r" ([:;!?»])|(«) ", lambda m: f"\u00a0{m[1]}" if m[1] else f"{m[2]}\u00a0", " ".join(parts))
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    return [f"{indent}# {line}".replace("\u00a0", " ") for line in lines]


def localized(key: str, text: dict[str, str], indent: str) -> list[str]:
    """`key:` then `fr:` and, when there is one, `en:` (a text not yet translated has no `en:` line)."""
    return [f"{indent}{key}:", f"{indent}  fr: {q(text['fr'])}"] + ([f"{indent}  en: {q(text['en'])}"] if text.get("en") else [])


def source_block(indent: str, today: date, source: dict[str, Any] | None = None,
                 model: type[schema.Record] = schema.Recommendation) -> list[str]:
    """`sources:` of a `model` (a record, or a follow-up entry) with the starting source, at `indent`,
    each field explained.

    `source` (title, url, publisher, published, consulted, note as {fr, en}: what a sheet row gives)
    replaces the starting source and its note « À compléter »: it is the editor's own source."""
    i = indent
    inner = f"{i}    "
    if source is not None:
        return [""] * (not indent) + [
            *explain(model, "sources", i),
            f"{i}sources:",
            f"{i}  - title: {q(source['title'])}",
            *([f"{i}    url: {q(source['url'])}"] if source.get("url") else []),
            *([f"{i}    publisher: {q(source['publisher'])}"] if source.get("publisher") else []),
            *([f"{i}    published: {source['published']}"] if source.get("published") else []),
            f"{i}    consulted: {source['consulted']}",
            *(localized("note", source["note"], f"{i}    ") if source.get("note") else []),
        ]
    return [""] * (not indent) + [
        *explain(model, "sources", i, then="La source ci-dessous n'est qu'un point de départ : remplacez-la par le "
                 "document qui prouve cette fiche (ou ajoutez-le, puis supprimez celle-ci)."),
        f"{i}sources:",
        *explain(schema.Source, "title", f"{i}  "),
        f"{i}  - title: {q(STARTING_SOURCE['title'])}",
        *explain(schema.Source, "url", inner),
        f"{i}    url: {STARTING_SOURCE['url']}",
        *explain(schema.Source, "publisher", inner),
        f"{i}    publisher: {q(STARTING_SOURCE['publisher'])}",
        *explain(schema.Source, "published", inner),
        f"{i}    # published: 2025-07-02",
        *explain(schema.Source, "consulted", inner),
        f"{i}    consulted: {today.isoformat()}",
        *explain(schema.Source, "note", inner, then="Remplacez ce texte."),
        *localized("note", SOURCE_NOTE, inner),
    ]


def _statuses(data_dir: Path) -> list[tuple[str, str]]:
    """(id, French label) of each status of data/statuses.yml, in their order; [] if unreadable."""
    doc, _ = load_file(data_dir / "statuses.yml", "statuses.yml") if (data_dir / "statuses.yml").is_file() else (None, [])
    if doc is None:
        return []
    try:
        vocabulary = schema.StatusVocabulary.model_validate(validation_value(doc))
    except ValidationError:
        return []
    return [(s.id, s.label.fr) for s in sorted(vocabulary.statuses, key=lambda s: s.order)]


# --------------------------------------------------------------------------- reading data/


def _ids(data_dir: Path, folder: str) -> list[str]:
    path = data_dir / folder
    return sorted(p.stem for p in path.glob("*.yml")) if path.is_dir() else []


#: What `_require` says of an id that names no file, by what it should name.
_MISSING = {"topic": N_("new_no_topic"), "cohort": N_("new_no_cohort"), "recommendation": N_("new_no_recommendation")}


def _require(data_dir: Path, folder: str, value: str, what: str) -> Path:
    file = data_dir / folder / f"{value}.yml"
    if not file.is_file():
        ids = _ids(data_dir, folder)
        raise NewError(
            _(_MISSING[what], value=value, folder=f"data/{folder}/") + did_you_mean(value, ids)
            + ("" if ids else " " + _("new_none_yet", folder=str(data_dir / folder)))
        )
    return file


def _raw(file: Path) -> dict[str, Any]:
    """The file's values as text (the strict loader), or {} when it cannot be read: `check` says why."""
    doc, _ = load_file(file, file.name)
    return doc.value if doc is not None and isinstance(doc.value, dict) else {}


def _parse_date(value: str, *, partial: bool) -> Any:
    try:
        return schema.parse_partial_date(value) if partial else schema.parse_date(value)
    except Exception as exc:  # PydanticCustomError: its message is the editor's
        message = exc.message() if hasattr(exc, "message") else str(exc)
        raise NewError(_("new_option_problem", option="--date", message=message)) from None


def _write_new(file: Path, text: str, model: type[schema.Record]) -> Path:
    if file.exists():
        raise NewError(_("new_file_exists", file=str(file)))
    _self_check(text, file, model)
    file.parent.mkdir(parents=True, exist_ok=True)
    with file.open("x", encoding="utf-8", newline="") as out:
        out.write(text)
    return file


def _self_check(text: str, file: Path, model: type[schema.Record]) -> None:
    """Refuse to write what the schema would refuse (a bug here, never the editor's fault)."""
    doc, problems = load_text(text.encode("utf-8"), str(file))
    if doc is None:
        raise NewError(_("new_not_yaml", problems="; ".join(p.message for p in problems)))
    try:
        model.model_validate(validation_value(doc))
    except ValidationError as exc:
        found = "\n".join(p.text() for p in schema_problems(exc, doc, model))
        raise NewError(_("new_would_not_pass", file=str(file)) + "\n" + found) from None


# --------------------------------------------------------------------------- recommendation


def used_numbers(data_dir: Path, topic: str) -> set[int]:
    """The measure numbers of `topic` already recorded (in file names or in `number:`)."""
    used: set[int] = set()
    for file in (data_dir / "recommendations").glob("*.yml"):
        raw = _raw(file)
        match = re.fullmatch(re.escape(topic) + r"-(\d{2,3})", file.stem)
        if match:
            used.add(int(match[1]))
        if raw.get("topic") == topic and isinstance(raw.get("number"), str) and raw["number"].strip().isdigit():
            used.add(int(raw["number"]))
    return used


def new_recommendation(data_dir: Path, topic: str, *, number: int | None = None, today: date) -> Path:
    file, text = recommendation_text(data_dir, topic, number=number, today=today)
    return _write_new(file, text, schema.Recommendation)


def recommendation_text(data_dir: Path, topic: str, *, number: int | None = None, today: date,
                        used: set[int] | None = None, values: dict[str, Any] | None = None,
                        command: str | None = None) -> tuple[Path, str]:
    """The file `new recommendation` writes, and where: `(path, text)`, nothing written.

    `values` (what a sheet of new measures gives: `id`, `title`, `text`, `department` as
    {fr, en}, `source` as {title, url, consulted}) replace the « À compléter » they stand for;
    `used` is the set of numbers already taken (default: read from data/)."""
    values = values or {}
    topic_file = _require(data_dir, "topics", topic, "topic")
    used = used_numbers(data_dir, topic) if used is None else used
    if number is None:
        number = max(used, default=0) + 1
    elif number in used:
        raise NewError(_("new_measure_exists", number=number, topic=topic))
    if not 1 <= number <= 999:
        raise NewError(_("new_number_out_of_range", number=number))
    record_id = values.get("id") or f"{topic}-{number:02d}"
    topic_title = _raw(topic_file).get("title", {})
    about = topic_title.get("fr") if isinstance(topic_title, dict) else None
    department = values.get("department")
    R = schema.Recommendation
    lines = [
        HEADER.format(command=command or f"new recommendation --topic {topic}").rstrip("\n"),
        "",
        *explain(R, "id"),
        f"id: {record_id}",
        *explain(R, "topic", then=f"Ici : « {about} »." if about else ""),
        f"topic: {topic}",
        *explain(R, "number", then="Ce numéro suit ceux déjà enregistrés : vérifiez-le dans le texte voté ; "
                 "supprimez la ligne si le texte n'est pas numéroté."),
        f"number: {number}",
        *explain(R, "title"),
        *localized("title", values.get("title") or TO_COMPLETE, ""),
        *explain(R, "known_from"),
        "# known_from: press",
        *explain(R, "text"),
        *localized("text", values.get("text") or TO_COMPLETE, ""),
        *explain(R, "text_is_excerpt"),
        "# text_is_excerpt: true",
        *explain(R, "department"),
        *(localized("department", department, "") if department else [
            "# department:",
            "#   fr: \"Direction des Solidarités (DSOL)\"",
            "#   en: \"Social Solidarity Department (DSOL)\"",
        ]),
        *explain(R, "elected_official"),
        "# elected_official: \"Prénom Nom\"",
        *explain(R, "related_hearings"),
        "# related_hearings:",
        "#   - promotion-3-audition-01",
        *explain(R, "related_recommendations"),
        "# related_recommendations:",
        "#   - ac2-sans-abrisme-03",
        *explain(R, "follow_up", then="Sans entrée, le site affiche « Pas encore évaluée ici ». Pour ajouter une "
                 "entrée à la fin de la liste :"),
        f"#   python -m generator new follow-up --recommendation {record_id}",
        *source_block("", today, values.get("source")),
    ]
    return data_dir / "recommendations" / f"{record_id}.yml", "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- hearing


def new_hearing(data_dir: Path, cohort: str, *, when: str, topic: str | None = None, today: date) -> Path:
    _require(data_dir, "cohorts", cohort, "cohort")
    the_date = _parse_date(when, partial=True)
    workshop = None
    if topic is not None:
        raw_topic = _raw(_require(data_dir, "topics", topic, "topic"))
        if raw_topic.get("cohort") not in (None, cohort):
            raise NewError(_("new_topic_of_another_cohort", topic=topic, its=str(raw_topic.get("cohort")), cohort=cohort))
        workshop = raw_topic.get("workshop") if isinstance(raw_topic.get("workshop"), str) else None
    prefix = f"{cohort}-audition-"
    used = [int(s[len(prefix):]) for s in _ids(data_dir, "hearings") if re.fullmatch(re.escape(prefix) + r"\d+", s)]
    record_id = f"{prefix}{max(used, default=0) + 1:02d}"
    command = f"new hearing --cohort {cohort} --date {when}" + (f" --topic {topic}" if topic else "")
    H = schema.Hearing
    lines = [
        HEADER.format(command=command).rstrip("\n"),
        "",
        *explain(H, "id"),
        f"id: {record_id}",
        *explain(H, "cohort"),
        f"cohort: {cohort}",
        *explain(H, "topic"),
        f"topic: {topic}" if topic else "# topic: ac3-solitude",
        *explain(H, "workshop"),
        f"workshop: {workshop}" if workshop else "# workshop: deliberation",
        *explain(H, "format"),
        "format: audition",
        *explain(H, "date"),
        f"date: {the_date.isoformat()}",
        *explain(H, "title"),
        *localized("title", TO_COMPLETE, ""),
        *explain(H, "speakers"),
        *explain(schema.Speaker, "kind"),
        "# speakers:",
        "#   - name: \"Prénom Nom\"",
        "#     role:",
        "#       fr: \"Sociologue\"",
        "#       en: \"Sociologist\"",
        "#     organisation: \"Organisme\"",
        "#     kind: researcher",
        *explain(H, "summary"),
        "# summary:",
        "#   fr: \"…\"",
        "#   en: \"…\"",
        *explain(H, "resources"),
        "# resources:",
        "#   - title:",
        "#       fr: \"Vidéo de l'audition\"",
        "#       en: \"Video of the hearing\"",
        "#     url: https://…",
        f"#     format: video        # {', '.join(schema.RESOURCE_FORMATS.values)}",
        *source_block("", today, model=H),
    ]
    return _write_new(data_dir / "hearings" / f"{record_id}.yml", "\n".join(lines) + "\n", H)


# --------------------------------------------------------------------------- meeting


def new_meeting(data_dir: Path, kind: str, *, when: str, cohorts: Sequence[str] = (), today: date) -> Path:
    kind = kind.replace("-", "_")
    if kind not in schema.MEETING_KINDS.items:
        raise NewError(_("new_meeting_kind_unknown", kind=kind, choices=one_of(schema.MEETING_KINDS.values))
                       + did_you_mean(kind, schema.MEETING_KINDS.values))
    for cohort in cohorts:
        _require(data_dir, "cohorts", cohort, "cohort")
    the_date = _parse_date(when, partial=True)
    record_id = f"{the_date.isoformat()}-{MEETING_SLUGS[kind]}"
    choice = schema.MEETING_KINDS.items[kind]
    # The title is what the command knows for sure: the kind of meeting and its date.
    title = {lang: f"{choice.label(lang)} ({format_date(the_date, lang)})" for lang in ("fr", "en")}
    M = schema.Meeting
    lines = [
        HEADER.format(command=f"new meeting --type {kind} --date {when}"
                      + "".join(f" --cohort {c}" for c in cohorts)).rstrip("\n"),
        "",
        *explain(M, "id"),
        f"id: {record_id}",
        *explain(M, "type"),
        f"type: {kind}",
        *explain(M, "date"),
        f"date: {the_date.isoformat()}",
        *explain(M, "cohorts"),
    ]
    if cohorts:
        lines += ["cohorts:", *(f"  - {c}" for c in cohorts)]
    else:
        lines += ["# cohorts:", "#   - promotion-1"]
    lines += [
        *explain(M, "title", then="Celui-ci ne dit que le type et la date ; précisez-le si vous voulez."),
        *localized("title", title, ""),
        *explain(M, "subjects"),
        "# subjects:",
        "#   - fr: \"…\"",
        "#     en: \"…\"",
        *explain(M, "topics"),
        "# topics:",
        "#   - ac1-plan-paris-lecture",
        *explain(M, "summary"),
        *localized("summary", TO_COMPLETE, ""),
        *explain(M, "documents"),
        "# documents:",
        "#   - title:",
        "#       fr: \"Compte rendu\"",
        "#       en: \"Minutes\"",
        "#     url: https://…",
        "#     format: pdf",
        *source_block("", today, model=M),
    ]
    return _write_new(data_dir / "meetings" / f"{record_id}.yml", "\n".join(lines) + "\n", M)


# --------------------------------------------------------------------------- follow-up entry


_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:(.*)$")
#: Fields written after `follow_up` in a recommendation (schema order): a new list goes before them.
_AFTER_FOLLOW_UP = ("related_hearings", "related_recommendations", "sources")


def follow_up_entry(indent: str, when: date, assessor: str, status: str, statuses: list[tuple[str, str]],
                    today: date) -> list[str]:
    """The text of one follow-up entry, its `-` at `indent`."""
    i = indent
    E = schema.FollowUpEntry
    listed = ", ".join(f"{sid} ({label})" for sid, label in statuses) or "voir data/statuses.yml"
    return [
        f"{i}# Entrée de suivi ajoutée avec `python -m generator new follow-up`. Remplacez chaque « À compléter »",
        f"{i}# d'après la source. Une fois publiée, ne modifiez plus une entrée : une correction est une nouvelle entrée.",
        *explain(E, "date", i),
        f"{i}- date: {when.isoformat()}",
        *explain(E, "assessor", f"{i}  "),
        f"{i}  assessor: {assessor}",
        *explain(E, "response", f"{i}  "),
        f"{i}  # response: accepted",
        *explain(E, "status", f"{i}  ", then=f"Valeurs : {listed}. « not_assessed » est affiché tant que vous n'avez "
                 "pas choisi le statut que dit la source."),
        f"{i}  status: {status}",
        *explain(E, "progress", f"{i}  "),
        f"{i}  # progress: 60",
        f"{i}  # progress_reason:",
        f"{i}  #   fr: \"…\"",
        f"{i}  #   en: \"…\"",
        *explain(E, "fidelity", f"{i}  "),
        f"{i}  # fidelity: faithful",
        *explain(E, "target", f"{i}  "),
        f"{i}  # target: 2026-12",
        *explain(E, "answer", f"{i}  "),
        *localized("answer", TO_COMPLETE, f"{i}  "),
        *source_block(f"{i}  ", today, model=E),
    ]


def add_follow_up(data_dir: Path, recommendation: str, *, when: date, today: date,
                  assessor: str = "city", status: str | None = None) -> Path:
    file = _require(data_dir, "recommendations", recommendation, "recommendation")
    if assessor not in schema.ASSESSORS.items:
        raise NewError(_("new_assessor_unknown", assessor=assessor, choices=one_of(schema.ASSESSORS.values))
                       + did_you_mean(assessor, schema.ASSESSORS.values))
    statuses = _statuses(data_dir)
    ids = [sid for sid, _ in statuses]
    status = status or "not_assessed"
    if ids and status not in ids:
        raise NewError(_("new_status_unknown", status=status, choices=one_of(ids)) + did_you_mean(status, ids))

    raw_bytes = file.read_bytes()
    doc, problems = load_file(file, str(file))
    if doc is None or not isinstance(doc.value, dict):
        first = problems[0].text() if problems else ""
        raise NewError(_("new_file_unreadable", file=str(file)) + "\n" + first)
    existing = doc.value.get("follow_up")
    if isinstance(existing, list) and existing:
        last = existing[-1].get("date") if isinstance(existing[-1], dict) else None
        if isinstance(last, str) and last.strip() > when.isoformat():
            raise NewError(_("new_entry_before_last", last=last.strip(), when=when.isoformat()))

    text = raw_bytes.decode("utf-8-sig")
    bom = "\ufeff" if raw_bytes.startswith(b"\xef\xbb\xbf") else ""
    new_text = append_follow_up(text, lambda indent: follow_up_entry(indent, when, assessor, status, statuses, today), file)
    _self_check(new_text, file, schema.Recommendation)
    with file.open("w", encoding="utf-8", newline="") as out:
        out.write(bom + new_text)
    return file


def append_follow_up(text: str, entry: Callable[[str], list[str]], file: Path) -> str:
    """`text` (a recommendation file, without its byte order mark) with one entry appended at the end
    of its `follow_up:` list (the list is created when there is none). `entry(indent)` gives the
    entry's lines, its `-` at `indent`. Every other byte stays as it was, except a missing final
    line break, which is added. Raises NewError when `follow_up:` is not a block list."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline  # the only change outside the new entry: a missing final line break
    at, indent, header = _follow_up_insertion(lines, file)
    block = ([header] if header else []) + entry(indent)
    return "".join(lines[:at] + [line + newline for line in block] + lines[at:])


def _follow_up_insertion(lines: list[str], file: Path) -> tuple[int, str, str | None]:
    """Where the new entry goes: (line index, indent of its `-`, `follow_up:` line to add or None)."""
    start = None
    for n, line in enumerate(lines):
        match = _TOP_KEY.match(line)
        if match and match[1] == "follow_up":
            rest = match[2].split(" #")[0].strip()
            if rest not in ("", "[]", "null", "~"):
                raise NewError(_("new_follow_up_not_a_list", file=str(file), guide=guide()))
            if rest:
                # `follow_up: []` (or null): the empty list becomes a block list, from this line on.
                del lines[n]
                return n, "  ", "follow_up:"
            start = n
            break
    if start is None:
        # No list yet: put it before the fields that follow it in the schema (and their comments).
        at = len(lines)
        for n, line in enumerate(lines):
            match = _TOP_KEY.match(line)
            if match and match[1] in _AFTER_FOLLOW_UP:
                at = n
                # the comment lines just above the field are its own (up to a blank line)
                while at > 0 and lines[at - 1].startswith("#"):
                    at -= 1
                break
        return at, "  ", "follow_up:"
    # The list runs while lines are indented, are list items at column 1, blank, or comments; the
    # entry goes after its last content line (blank lines and top-level comments below belong to
    # what follows).
    indent = None
    last = start
    for n in range(start + 1, len(lines)):
        line = lines[n]
        stripped = line.strip()
        if not stripped:
            continue
        if line[0] in " \t" or line.startswith("-"):
            if indent is None and stripped.startswith("-"):
                indent = line[: len(line) - len(line.lstrip())]
            if not stripped.startswith("#"):
                last = n
            continue
        if line.startswith("#"):
            continue
        break
    return last + 1, indent if indent is not None else "  ", None


# --------------------------------------------------------------------------- command line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The `new` subcommand's arguments (cli.py registers the subcommand)."""
    parser.add_argument("kind", choices=("recommendation", "hearing", "follow-up", "meeting"),
                        help="what to create")
    parser.add_argument("--data", default="data", help="the records folder (default: data)")
    parser.add_argument("--topic", help="recommendation, hearing: the topic's id (a file name in data/topics/)")
    parser.add_argument("--number", type=int, help="recommendation: the measure's number (default: the next free one)")
    parser.add_argument("--cohort", action="append", default=[],
                        help="hearing: the cohort's id; meeting: a cohort concerned (repeat for several)")
    parser.add_argument("--date", help="hearing, meeting: when it took place; follow-up: the assessment's day "
                                       "(default: today). YEAR-MONTH-DAY")
    parser.add_argument("--type", help=f"meeting: one of {one_of(schema.MEETING_KINDS.values)}")
    parser.add_argument("--recommendation", help="follow-up: the recommendation's id")
    parser.add_argument("--assessor", default="city", help=f"follow-up: {one_of(schema.ASSESSORS.values)} (default: city)")
    parser.add_argument("--status", help="follow-up: a status id of data/statuses.yml (default: not_assessed)")


def create(args: argparse.Namespace, today: date) -> Path:
    data = Path(args.data)
    if not data.is_dir():
        raise NewError(_("new_no_data_folder", folder=str(data)))

    def need(option: str) -> Any:
        value = getattr(args, option)
        if not value:
            raise NewError(_("new_option_needed", kind=args.kind, option=f"--{option}", example=EXAMPLES[args.kind]))
        return value

    if args.kind == "recommendation":
        return new_recommendation(data, need("topic"), number=args.number, today=today)
    if args.kind == "hearing":
        cohorts = need("cohort")
        if len(cohorts) > 1:
            raise NewError(_("new_hearing_one_cohort"))
        return new_hearing(data, cohorts[0], when=need("date"), topic=args.topic, today=today)
    if args.kind == "meeting":
        return new_meeting(data, need("type"), when=need("date"), cohorts=args.cohort, today=today)
    when = _parse_date(args.date, partial=False) if args.date else today
    return add_follow_up(data, need("recommendation"), when=when, today=today,
                         assessor=args.assessor, status=args.status)


EXAMPLES = {
    "recommendation": "python -m generator new recommendation --topic ac2-sans-abrisme",
    "hearing": "python -m generator new hearing --cohort promotion-3 --date 2024-11-14 --topic ac3-solitude",
    "meeting": "python -m generator new meeting --type follow_up --date 2026-03-13 --cohort promotion-1",
    "follow-up": "python -m generator new follow-up --recommendation ac2-sans-abrisme-03",
}


def run(args: argparse.Namespace, today: date) -> int:
    """Entry point of `python -m generator new` (`today`: the calendar's day, read by the CLI):
    prints what was done, or why not."""
    try:
        path = create(args, today)
    except NewError as exc:
        print(exc)
        return 1
    done = N_("new_added_entry") if args.kind == "follow-up" else N_("new_wrote")
    print(_(done, file=str(path)))
    print(_("new_then"))
    return 0
