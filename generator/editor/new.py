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
Comments are in French, for the City's editors; the lists of values come from `schema.py` and
`data/statuses.yml`, so they cannot drift from what `check` accepts.

Over 400 lines: one writer per record kind, each with the field help an editor reads in the
new file; they share the command's arguments and the file-naming rules.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..records import schema
from ..records.load import load_file, load_text
from ..records.problems import did_you_mean, one_of
from ..records.schema import TO_COMPLETE
from ..records.validate import validation_value
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
    return ", ".join(f"{c.value} ({c.fr})" for c in choices.items.values())


def localized(key: str, text: dict[str, str], indent: str) -> list[str]:
    """`key:` then `fr:` and, when there is one, `en:` (a text not yet translated has no `en:` line)."""
    return [f"{indent}{key}:", f"{indent}  fr: {q(text['fr'])}"] + ([f"{indent}  en: {q(text['en'])}"] if text.get("en") else [])


def source_block(indent: str, today: date, source: dict[str, Any] | None = None) -> list[str]:
    """`sources:` with the starting source, at `indent`, each field explained.

    `source` (title, url, publisher, published, consulted, note as {fr, en}: what a sheet row gives)
    replaces the starting source and its note « À compléter »: it is the editor's own source."""
    i = indent
    if source is not None:
        return [""] * (not indent) + [
            f"{i}# Sources (obligatoire) : les documents publics qui prouvent ce qui est écrit ici, au moins un.",
            f"{i}sources:",
            f"{i}  - title: {q(source['title'])}",
            *([f"{i}    url: {q(source['url'])}"] if source.get("url") else []),
            *([f"{i}    publisher: {q(source['publisher'])}"] if source.get("publisher") else []),
            *([f"{i}    published: {source['published']}"] if source.get("published") else []),
            f"{i}    consulted: {source['consulted']}",
            *(localized("note", source["note"], f"{i}    ") if source.get("note") else []),
        ]
    return [""] * (not indent) + [
        f"{i}# Sources (obligatoire) : les documents publics qui prouvent ce qui est écrit ici, au moins un.",
        f"{i}# La source ci-dessous n'est qu'un point de départ : remplacez-la par le document qui prouve",
        f"{i}# cette fiche (ou ajoutez-le, puis supprimez celle-ci).",
        f"{i}sources:",
        f"{i}  # title : le titre de la page ou du document, tel qu'il y apparaît.",
        f"{i}  - title: {q(STARTING_SOURCE['title'])}",
        f"{i}    # url : l'adresse complète (https://…). Sans adresse publique, supprimez url et dites dans",
        f"{i}    # note comment consulter le document.",
        f"{i}    url: {STARTING_SOURCE['url']}",
        f"{i}    # publisher : qui l'a publié (paris.fr, 20 Minutes, OIDP…).",
        f"{i}    publisher: {q(STARTING_SOURCE['publisher'])}",
        f"{i}    # published : date de publication ou de mise à jour, telle que la page l'indique (facultatif).",
        f"{i}    # published: 2025-07-02",
        f"{i}    # consulted : le jour où vous avez lu ce document (ANNÉE-MOIS-JOUR).",
        f"{i}    consulted: {today.isoformat()}",
        f"{i}    # note : ce qui, dans cette source, prouve la fiche, ou une réserve. Remplacez ce texte.",
        *localized("note", SOURCE_NOTE, f"{i}    "),
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


def _require(data_dir: Path, folder: str, value: str, what: str) -> Path:
    file = data_dir / folder / f"{value}.yml"
    if not file.is_file():
        ids = _ids(data_dir, folder)
        raise NewError(
            f'There is no {what} "{value}". {what.capitalize()} ids are the file names in data/{folder}/.'
            f"{did_you_mean(value, ids)}"
            + ("" if ids else f" There are none yet in {data_dir / folder}.")
        )
    return file


def _raw(file: Path) -> dict[str, Any]:
    """The file's values as text (the strict loader), or {} when it cannot be read: `check` says why."""
    doc, _ = load_file(file, file.name)
    return doc.value if doc is not None and isinstance(doc.value, dict) else {}


def _parse_date(value: str, *, partial: bool) -> Any:
    try:
        return schema._parse_partial_date(value) if partial else schema._parse_date(value)
    except Exception as exc:  # PydanticCustomError: its message is the editor's
        message = exc.message() if hasattr(exc, "message") else str(exc)
        raise NewError(f"--date: {message}") from None


def _write_new(file: Path, text: str, model: type[schema.Record]) -> Path:
    if file.exists():
        raise NewError(f"{file} already exists. Open it to edit it, or choose another id.")
    _self_check(text, file, model)
    file.parent.mkdir(parents=True, exist_ok=True)
    with file.open("x", encoding="utf-8", newline="") as out:
        out.write(text)
    return file


def _self_check(text: str, file: Path, model: type[schema.Record]) -> None:
    """Refuse to write what the schema would refuse (a bug here, never the editor's fault)."""
    doc, problems = load_text(text.encode("utf-8"), str(file))
    if doc is None:
        raise NewError("The text to write is not valid YAML: " + "; ".join(p.message for p in problems))
    try:
        model.model_validate(validation_value(doc))
    except ValidationError as exc:
        from ..records.validate import schema_problems

        found = "\n".join(p.text() for p in schema_problems(exc, doc, model))
        raise NewError(f"Nothing was written: {file} would not pass the check. Fix this first, then run the "
                       f"command again:\n{found}") from None


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
        raise NewError(f'Measure {number} of topic "{topic}" is already recorded (see data/recommendations/). '
                       "Choose another --number, or open the existing file.")
    if not 1 <= number <= 999:
        raise NewError(f"--number {number} is out of range. Use a whole number from 1 to 999.")
    record_id = values.get("id") or f"{topic}-{number:02d}"
    topic_title = _raw(topic_file).get("title", {})
    about = topic_title.get("fr") if isinstance(topic_title, dict) else None
    department = values.get("department")
    lines = [
        HEADER.format(command=command or f"new recommendation --topic {topic}").rstrip("\n"),
        "",
        "# id : l'identifiant de la mesure, identique au nom du fichier sans .yml. Ne le changez pas :",
        "# c'est aussi l'adresse de sa page.",
        f"id: {record_id}",
        "# topic : le sujet (vœu ou délibération) dont cette mesure fait partie, un nom de fichier de data/topics/."
        + (f"\n# Ici : « {about} »." if about else ""),
        f"topic: {topic}",
        "# number : le numéro de la mesure dans le texte voté. Il a été choisi comme le suivant des numéros",
        "# déjà enregistrés : vérifiez-le dans le texte voté ; supprimez la ligne si le texte n'est pas numéroté.",
        f"number: {number}",
        "# title : un titre court pour la mesure, en français (fr) et en anglais (en), avec vos mots : des",
        "# guillemets seulement autour d'une vraie citation.",
        *localized("title", values.get("title") or TO_COMPLETE, ""),
        "# known_from : d'où la mesure est connue. Sans cette ligne, du texte officiel. Si elle n'est connue que",
        "# par un article de presse, écrivez press ; par l'intervention d'un groupe politique, political_group ;",
        "# par une autre source secondaire, other_secondary. Le site le dit alors sur chaque page où elle figure.",
        "# known_from: press",
        "# text : la mesure telle qu'elle a été votée, ou telle que les sources la citent (Markdown).",
        *localized("text", values.get("text") or TO_COMPLETE, ""),
        "# text_is_excerpt : écrivez true quand `text` cite une source plutôt que le texte officiel.",
        "# text_is_excerpt: true",
        "# department : la direction de la Ville chargée de la mesure (seulement si une source le dit).",
        *(localized("department", department, "") if department else [
            "# department:",
            "#   fr: \"Direction des Solidarités (DSOL)\"",
            "#   en: \"Social Solidarity Department (DSOL)\"",
        ]),
        "# elected_official : l'adjointe ou l'adjoint chargé de la mesure, comme la Ville le nomme.",
        "# elected_official: \"Prénom Nom\"",
        "# related_hearings : les identifiants des auditions (data/hearings/) qui ont nourri la mesure.",
        "# related_hearings:",
        "#   - promotion-3-audition-01",
        "# related_recommendations : les identifiants de mesures liées (data/recommendations/).",
        "# related_recommendations:",
        "#   - ac2-sans-abrisme-03",
        "# follow_up : les entrées de suivi datées, de la plus ancienne à la plus récente. Sans entrée, le site",
        "# affiche « Pas encore évaluée ». Pour ajouter une entrée à la fin de la liste :",
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
            raise NewError(f'Topic "{topic}" belongs to cohort "{raw_topic.get("cohort")}", not "{cohort}". '
                           "Give the hearing's own cohort, or another topic.")
        workshop = raw_topic.get("workshop") if isinstance(raw_topic.get("workshop"), str) else None
    prefix = f"{cohort}-audition-"
    used = [int(s[len(prefix):]) for s in _ids(data_dir, "hearings") if re.fullmatch(re.escape(prefix) + r"\d+", s)]
    record_id = f"{prefix}{max(used, default=0) + 1:02d}"
    command = f"new hearing --cohort {cohort} --date {when}" + (f" --topic {topic}" if topic else "")
    lines = [
        HEADER.format(command=command).rstrip("\n"),
        "",
        "# id : l'identifiant de l'audition, identique au nom du fichier sans .yml. Ne le changez pas.",
        f"id: {record_id}",
        "# cohort : la promotion, un nom de fichier de data/cohorts/.",
        f"cohort: {cohort}",
    ]
    if topic:
        lines += ["# topic : le sujet que l'audition a servi, un nom de fichier de data/topics/.", f"topic: {topic}"]
    else:
        lines += ["# topic : le sujet que l'audition a servi, quand elle en a servi un seul (data/topics/).",
                  "# topic: ac3-solitude"]
    if workshop:
        lines += ["# workshop : l'atelier de la promotion (voir `workshops` dans le fichier de la promotion).",
                  f"workshop: {workshop}"]
    else:
        lines += ["# workshop : l'atelier de la promotion (voir `workshops` dans le fichier de la promotion).",
                  "# workshop: deliberation"]
    lines += [
        f"# format : {choices_fr(schema.HEARING_KINDS)}.",
        "format: audition",
        "# date : le jour de l'audition (ANNÉE-MOIS-JOUR), ou ANNÉE-MOIS ou ANNÉE si les sources ne donnent pas le jour.",
        f"date: {the_date.isoformat()}",
        "# title : de quoi l'audition a traité, en français (fr) et en anglais (en).",
        *localized("title", TO_COMPLETE, ""),
        "# speakers : qui est intervenu, nom tel que la Ville le publie. Jamais de coordonnées personnelles.",
        f"# kind : {choices_fr(schema.SPEAKER_KINDS)}.",
        "# speakers:",
        "#   - name: \"Prénom Nom\"",
        "#     role:",
        "#       fr: \"Sociologue\"",
        "#       en: \"Sociologist\"",
        "#     organisation: \"Organisme\"",
        "#     kind: researcher",
        "# summary : ce qui a été dit (Markdown, facultatif).",
        "# summary:",
        "#   fr: \"…\"",
        "#   en: \"…\"",
        "# resources : vidéos, présentations, documents (titre dans les deux langues, adresse).",
        "# resources:",
        "#   - title:",
        "#       fr: \"Vidéo de l'audition\"",
        "#       en: \"Video of the hearing\"",
        "#     url: https://…",
        f"#     format: video        # {', '.join(schema.RESOURCE_FORMATS.values)}",
        *source_block("", today),
    ]
    return _write_new(data_dir / "hearings" / f"{record_id}.yml", "\n".join(lines) + "\n", schema.Hearing)


# --------------------------------------------------------------------------- meeting


def new_meeting(data_dir: Path, kind: str, *, when: str, cohorts: Sequence[str] = (), today: date) -> Path:
    kind = kind.replace("-", "_")
    if kind not in schema.MEETING_KINDS.items:
        raise NewError(f'"{kind}" is not a kind of meeting we use. Use one of: {one_of(schema.MEETING_KINDS.values)}.'
                       f"{did_you_mean(kind, schema.MEETING_KINDS.values)}")
    for cohort in cohorts:
        _require(data_dir, "cohorts", cohort, "cohort")
    the_date = _parse_date(when, partial=True)
    record_id = f"{the_date.isoformat()}-{MEETING_SLUGS[kind]}"
    choice = schema.MEETING_KINDS.items[kind]
    # The title is what the command knows for sure: the kind of meeting and its date.
    title = {lang: f"{choice.label(lang)} ({format_date(the_date, lang)})" for lang in ("fr", "en")}
    lines = [
        HEADER.format(command=f"new meeting --type {kind} --date {when}"
                      + "".join(f" --cohort {c}" for c in cohorts)).rstrip("\n"),
        "",
        "# id : l'identifiant de la réunion, identique au nom du fichier sans .yml. Ne le changez pas.",
        f"id: {record_id}",
        f"# type : {choices_fr(schema.MEETING_KINDS)}.",
        f"type: {kind}",
        "# date : le jour de la réunion (ANNÉE-MOIS-JOUR), ou ANNÉE-MOIS ou ANNÉE si les sources ne donnent pas le jour.",
        f"date: {the_date.isoformat()}",
        "# cohorts : les promotions concernées, des noms de fichiers de data/cohorts/.",
    ]
    if cohorts:
        lines += ["cohorts:", *(f"  - {c}" for c in cohorts)]
    else:
        lines += ["# cohorts:", "#   - promotion-1"]
    lines += [
        "# title : un titre court. Celui-ci ne dit que le type et la date ; précisez-le si vous voulez.",
        *localized("title", title, ""),
        "# subjects : les sujets abordés, chacun en français et en anglais.",
        "# subjects:",
        "#   - fr: \"…\"",
        "#     en: \"…\"",
        "# topics : les sujets de l'Assemblée discutés, des noms de fichiers de data/topics/.",
        "# topics:",
        "#   - ac1-plan-paris-lecture",
        "# summary : ce qui s'est passé (Markdown).",
        *localized("summary", TO_COMPLETE, ""),
        "# documents : comptes rendus et documents (titre dans les deux langues, adresse).",
        "# documents:",
        "#   - title:",
        "#       fr: \"Compte rendu\"",
        "#       en: \"Minutes\"",
        "#     url: https://…",
        "#     format: pdf",
        *source_block("", today),
    ]
    return _write_new(data_dir / "meetings" / f"{record_id}.yml", "\n".join(lines) + "\n", schema.Meeting)


# --------------------------------------------------------------------------- follow-up entry


_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:(.*)$")
#: Fields written after `follow_up` in a recommendation (schema order): a new list goes before them.
_AFTER_FOLLOW_UP = ("related_hearings", "related_recommendations", "sources")


def follow_up_entry(indent: str, when: date, assessor: str, status: str, statuses: list[tuple[str, str]],
                    today: date) -> list[str]:
    """The text of one follow-up entry, its `-` at `indent`."""
    i = indent
    listed = ", ".join(f"{sid} ({label})" for sid, label in statuses) or "voir data/statuses.yml"
    return [
        f"{i}# Entrée de suivi ajoutée avec `python -m generator new follow-up`. Remplacez chaque « À compléter »",
        f"{i}# d'après la source. Une fois publiée, ne modifiez plus une entrée : une correction est une nouvelle entrée.",
        f"{i}# date : le jour de cette évaluation (ANNÉE-MOIS-JOUR).",
        f"{i}- date: {when.isoformat()}",
        f"{i}  # assessor : qui évalue : {choices_fr(schema.ASSESSORS)}.",
        f"{i}  assessor: {assessor}",
        f"{i}  # response : la réponse de la Ville à la mesure : {choices_fr(schema.RESPONSES)}.",
        f"{i}  # response: accepted",
        f"{i}  # status : l'état de la mise en œuvre, un identifiant de data/statuses.yml : {listed}.",
        f"{i}  # « not_assessed » (Pas encore évaluée) est affiché tant que vous n'avez pas choisi le statut que dit la source.",
        f"{i}  status: {status}",
        f"{i}  # progress : la progression en %, seulement si elle diffère de celle du statut ; dites pourquoi",
        f"{i}  # dans progress_reason (fr et en).",
        f"{i}  # progress: 60",
        f"{i}  # progress_reason:",
        f"{i}  #   fr: \"…\"",
        f"{i}  #   en: \"…\"",
        f"{i}  # fidelity : la fidélité de ce qui est fait au texte voté : {choices_fr(schema.FIDELITY)}.",
        f"{i}  # fidelity: faithful",
        f"{i}  # target : quand la Ville prévoit d'achever la mesure (ANNÉE-MOIS-JOUR, ANNÉE-MOIS ou ANNÉE) ;",
        f"{i}  # si elle change par rapport à l'entrée précédente, dites pourquoi dans target_reason.",
        f"{i}  # target: 2026-12",
        f"{i}  # answer : la réponse en toutes lettres (Markdown).",
        *localized("answer", TO_COMPLETE, f"{i}  "),
        *source_block(f"{i}  ", today),
    ]


def add_follow_up(data_dir: Path, recommendation: str, *, when: date, today: date,
                  assessor: str = "city", status: str | None = None) -> Path:
    file = _require(data_dir, "recommendations", recommendation, "recommendation")
    if assessor not in schema.ASSESSORS.items:
        raise NewError(f'--assessor "{assessor}" is not one we use. Use one of: {one_of(schema.ASSESSORS.values)}.'
                       f"{did_you_mean(assessor, schema.ASSESSORS.values)}")
    statuses = _statuses(data_dir)
    ids = [sid for sid, _ in statuses]
    status = status or "not_assessed"
    if ids and status not in ids:
        raise NewError(f'--status "{status}" is not a status we use. Use one of: {one_of(ids)}.{did_you_mean(status, ids)}')

    raw_bytes = file.read_bytes()
    doc, problems = load_file(file, str(file))
    if doc is None or not isinstance(doc.value, dict):
        first = problems[0].text() if problems else ""
        raise NewError(f"{file} cannot be read, so nothing was added. Fix it first (run `python -m generator check`):\n{first}")
    existing = doc.value.get("follow_up")
    if isinstance(existing, list) and existing:
        last = existing[-1].get("date") if isinstance(existing[-1], dict) else None
        if isinstance(last, str) and last.strip() > when.isoformat():
            raise NewError(f"The last follow-up entry is dated {last.strip()}, after {when.isoformat()}. "
                           "Entries are listed oldest first: give a date on or after the last one.")

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
                raise NewError(f"{file}: `follow_up:` is not written as a list of entries, one under the other. "
                               "Write each entry on its own lines starting with `- date:` (see CONTRIBUTING.md).")
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
        raise NewError(f"There is no data folder at {data}. Run the command from the project folder, or give the folder with --data.")

    def need(option: str) -> Any:
        value = getattr(args, option)
        if not value:
            raise NewError(f"`new {args.kind}` needs --{option}. Example: {EXAMPLES[args.kind]}")
        return value

    if args.kind == "recommendation":
        return new_recommendation(data, need("topic"), number=args.number, today=today)
    if args.kind == "hearing":
        cohorts = need("cohort")
        if len(cohorts) > 1:
            raise NewError("A hearing belongs to one cohort: give --cohort once.")
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
    verb = "Added a follow-up entry at the end of" if args.kind == "follow-up" else "Wrote"
    print(f"{verb} {path}.")
    print("Replace every « À compléter » with what your sources say, then run: make check")
    return 0
