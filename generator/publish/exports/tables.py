"""The open data's tables: what each table holds, column by column, and its rows from the model.

`tables(model, base_url)` returns every `Table` (its columns, their descriptions and types, its rows);
generator/publish/exports/formats.py writes them as files. Each column is described in French and
English (`schema.Bilingual`): from the schema's field descriptions where the column is a field
(`_doc`), else written here in both languages. datapackage.json keeps one `description`, as Table
Schema defines it, in English (for programs and reusers everywhere; the package's other words are
English too), and the French beside it as `x-description-fr`, which the French data page shows. Over 400 lines on purpose: one function per table,
read side by side with the column helpers they share; the list of tables is the open data's contract
(see the package's docstring), and splitting it would scatter that contract.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ...records import schema
from ...records.kinds import KINDS, Kind
from ...records.schema import Bilingual, Localized
from ...site import i18n, typography
from ...site.calendar import STATES, SUMMARIES
from ...site.model import Recommendation, SiteModel
from ...site.render import FOLLOW_UP_FILTERS, page_url
from ..calendars import DUE_WORDS

#: Where the tables land, relative to the site root.
DATA_FOLDER = "donnees"

PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
LIST_SEPARATOR = " | "


PACKAGE_DESCRIPTION = (
    "The records published on the site, one table per kind of record, each as CSV (UTF-8, comma, "
    "first line = field names) and as a JSON twin of the same name (an array of objects with the same "
    "fields, typed: numbers, true/false, null). Translatable text has two fields, <field>_fr and "
    "<field>_en; the English one is empty when the text is not yet translated. Dates are ISO 8601; a "
    "date known only to the month or the year is written YEAR-MONTH or YEAR. A recommendation's "
    "current status is derived from its latest follow-up entry in effect (a corrected entry stays in "
    "follow_up_entries, marked, and no longer counts); the full history is in follow_up_entries. What depends "
    "on the day (the next due date, the due dates passed with nothing recorded here, a passed completion "
    "date) is computed on the build day, build_day in build-info.json and x-build-day here. Several values "
    "in one cell are separated by ' | '. "
    "Spreadsheet safety: in the CSV files only, so that no spreadsheet runs a formula whatever separator "
    "its locale splits lines at, an apostrophe (') is inserted at each place a formula could start: the "
    "start of a text cell and the place after each comma, semicolon, tab, | or line end in it, when what "
    "follows is any apostrophes, then any spaces or double quotes, then =, +, -, @ (or full-width "
    "\uff1d \uff0b \uff0d \uff20), a tab or a carriage return. To get the original text, remove one "
    "apostrophe at each such place where one or more apostrophes are followed by that (a text that "
    "already had an apostrophe there was given one more). The JSON files are not altered. "
    "Members are only counted, never named. "
    "Each table is also published as an Excel workbook of the same name (.xlsx), for spreadsheets: the "
    "same rows and fields, text as text (no apostrophe added), numbers and true/false typed."
)


#: Said wherever a column or a table depends on the build's day.
ON_BUILD_DAY = Bilingual(
    "Calculé au jour de la construction du site (build_day dans build-info.json, x-build-day dans datapackage.json).",
    "Computed on the build day (build_day in build-info.json, x-build-day in datapackage.json).")
#: Said wherever "nothing recorded here" is: it is what this site holds, not what the City did.
NOT_RECORDED_CAVEAT = Bilingual(
    "« Rien n'est enregistré ici » ne veut pas dire que la Ville n'a pas répondu : elle a pu publier une réponse que ce "
    "site n'a pas encore trouvée ou pas encore saisie.",
    "\"Nothing recorded here\" does not mean that the City did not answer: it may have published an answer this site "
    "has not found or not entered yet.")
#: Said of the columns a correction alone fills in.
CORRECTION_ONLY = Bilingual("Seulement dans une correction.", "In a correction only.")


# --------------------------------------------------------------------------- table descriptions


@dataclass(frozen=True)
class Column:
    """One field of a table, as the datapackage describes it."""

    name: str
    type: str  # Table Schema type: string, integer, boolean, date
    description: Bilingual
    required: bool = False
    pattern: str | None = None
    format: str | None = None
    enum: tuple[str, ...] | None = None
    labels: Mapping[str, tuple[str, str]] | None = None  # value -> (fr, en)
    ordered: bool = False

    def descriptor(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description.en,
                               "x-description-fr": self.description.fr}
        if self.format:
            out["format"] = self.format
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.pattern:
            constraints["pattern"] = self.pattern
        if self.enum is not None:
            constraints["enum"] = list(self.enum)
        if constraints:
            out["constraints"] = constraints
        if self.enum is not None and self.labels is not None:
            # Table Schema v2 categories (French label: the site's language) and both labels.
            out["categories"] = [{"value": v, "label": self.labels[v][0]} for v in self.enum]
            out["categoriesOrdered"] = self.ordered
            out["x-labels"] = {v: {"fr": self.labels[v][0], "en": self.labels[v][1]} for v in self.enum}
        return out


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: list[dict[str, Any]]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (field, table, field)

    def __post_init__(self) -> None:
        names = [c.name for c in self.columns]
        for row in self.rows:
            assert list(row) == names, f"{self.name}: row keys {list(row)} differ from columns {names}"


def _doc(model: type[schema.Record], name: str) -> Bilingual:
    """A field's description in both languages, from the schema (the single source of truth)."""
    words = schema.field_words(model, name)
    assert words and words.fr and words.en, f"{model.__name__}.{name} has no description in both languages"
    return words


def _sentences(*parts: Bilingual) -> Bilingual:
    """Descriptions one after the other, as one."""
    return Bilingual(" ".join(p.fr for p in parts), " ".join(p.en for p in parts))


def _enum_doc(choices: schema.Choices, description: Bilingual) -> Bilingual:
    return _sentences(description, Bilingual(
        "Valeurs : " + " ; ".join(f"{c.value} ({c.fr})" for c in choices.items.values()) + ".",
        "Values: " + "; ".join(f"{c.value} ({c.en})" for c in choices.items.values()) + "."))


def _choice(name: str, choices: schema.Choices, description: Bilingual, *, required: bool = False) -> Column:
    return Column(name, "string", _enum_doc(choices, description), required=required, enum=choices.values,
                  labels={c.value: (c.fr, c.en) for c in choices.items.values()})


def _text(name: str, description: Bilingual, *, required_fr: bool = False) -> list[Column]:
    return [
        Column(f"{name}_fr", "string", _sentences(description, Bilingual("En français.", "In French.")),
               required=required_fr),
        Column(f"{name}_en", "string", _sentences(description, Bilingual(
            "En anglais ; vide tant que le texte n'est pas traduit.", "In English; empty when not yet translated."))),
    ]


def _id(description: Bilingual) -> Column:
    return Column("id", "string", description, required=True, pattern=schema.ID_PATTERN)


def _ref(name: str, description: Bilingual, *, required: bool = True) -> Column:
    return Column(name, "string", description, required=required, pattern=schema.ID_PATTERN)


def _partial(name: str, description: Bilingual, *, required: bool = False) -> Column:
    return Column(name, "string", _sentences(description, schema.PARTIAL_DATE), required=required,
                  pattern=PARTIAL_DATE_PATTERN)


def _sources_and_urls() -> list[Column]:
    """The last columns of every record table: its sources' addresses, then its pages."""
    return [Column("source_urls", "string", Bilingual(
        "Les adresses des documents qui prouvent ce que dit la fiche, séparées par « | ».",
        "The addresses of the documents that prove what the record says, separated by ' | '.")), *_urls()]


def _urls() -> list[Column]:
    return [
        Column("url_fr", "string", Bilingual("La page de la fiche sur le site, en français.",
                                             "The record's page on the site, in French."), required=True, format="uri"),
        Column("url_en", "string", Bilingual("La page de la fiche sur le site, en anglais.",
                                             "The record's page on the site, in English."), required=True, format="uri"),
    ]


def _words(messages: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """Labels of an enumeration from the site's catalogues: value -> (French, English), set as the site sets them."""
    def words(message: str, lang: str) -> str:
        return typography.text(i18n.gettext(message, lang), lang)

    return {value: (words(message, "fr"), words(message, "en")) for value, message in messages.items()}


def _count(name: str, description: Bilingual) -> Column:
    return Column(name, "integer", description, required=True)


def _loc(value: Localized | None) -> tuple[str | None, str | None]:
    return (value.fr, value.en) if value is not None else (None, None)


def _join(values: Iterable[str | None]) -> str | None:
    kept = [v for v in values if v]
    return LIST_SEPARATOR.join(kept) if kept else None


def _source_urls(sources: Sequence[schema.Source]) -> str | None:
    return _join(s.url for s in sources)


# --------------------------------------------------------------------------- the tables


class _Urls:
    def __init__(self, base_url: str) -> None:
        self.base = base_url if base_url.endswith("/") else base_url + "/"

    def __call__(self, section: str, record_id: str | None = None) -> tuple[str, str]:
        path = page_url(section, record_id)
        return self.base + path, self.base + schema.language_folder("en") + path


def tables(model: SiteModel, base_url: str) -> list[Table]:
    """Every table of the open data, in the order the datapackage lists them."""
    url = _Urls(base_url)
    return [
        _statuses(model),
        _cohorts(model, url),
        _topics(model, url),
        _recommendations(model, url),
        _follow_up_entries(model),
        _follow_up_due_dates(model),
        _hearings(model, url),
        _meetings(model, url),
        _bodies(model, url),
        _body_figures(model),
        _member_counts(model),
        *(_declared(model, url, kind) for kind in KINDS if kind.table is not None),
    ]


def _declared(model: SiteModel, url: Callable[..., tuple[str, str]], kind: Kind) -> Table:
    """The table of a record type declared with its text fields (`Kind.table`, records/kinds.py):
    its id, each field in French and in English, its sources and its pages, by id."""
    fields = kind.table or ()
    columns = (_id(_doc(kind.model, "id")), *(column for name in fields for column in _text(name, _doc(kind.model, name))),
               *_sources_and_urls())
    rows = []
    for record_id, record in sorted(model.by_id[kind.folder].items()):
        texts = {f"{name}_{lang}": _loc(getattr(record, name))[index]
                 for name in fields for index, lang in enumerate(("fr", "en"))}
        rows.append({"id": record_id, **texts, "source_urls": _source_urls(getattr(record, "sources", [])),
                     **dict(zip(("url_fr", "url_en"), url(kind.folder, record_id), strict=True))})
    about = kind.model.about
    return Table(kind.folder, kind.folder, about.en if about else "", columns, rows, ("id",))


def _status_column(model: SiteModel, name: str, description: Bilingual, *, required: bool = True) -> Column:
    return Column(
        name, "string",
        _sentences(description, Bilingual(
            "Valeurs, du moins au plus avancé : " + " ; ".join(f"{s.id} ({s.label.fr})" for s in model.statuses) + ".",
            "Values, from the least to the most advanced: "
            + "; ".join(f"{s.id} ({schema.text_in(s.label, 'en')})" for s in model.statuses) + ".")),
        required=required, enum=tuple(s.id for s in model.statuses),
        labels={s.id: (s.label.fr, schema.text_in(s.label, "en")) for s in model.statuses}, ordered=True,
    )


def _statuses(model: SiteModel) -> Table:
    S = schema.Status
    columns = (
        _status_column(model, "id", _doc(S, "id")),
        *_text("label", _doc(S, "label"), required_fr=True),
        *_text("definition", _doc(S, "definition"), required_fr=True),
        Column("progress", "integer", _doc(S, "progress")),
        Column("order", "integer", _doc(S, "order"), required=True),
        Column("final", "boolean", _doc(S, "final"), required=True),
        Column("audit_term", "string", _doc(S, "audit_term")),
        Column("tone", "string", _doc(S, "tone"), required=True),
        Column("not_assessed", "boolean", Bilingual(
            "true pour le statut affiché quand une mesure n'a pas encore d'entrée de suivi.",
            "true for the status shown when a measure has no follow-up entry yet."), required=True),
    )
    rows = [{
        "id": s.id, "label_fr": s.label.fr, "label_en": s.label.en,
        "definition_fr": s.definition.fr, "definition_en": s.definition.en,
        "progress": s.progress, "order": s.order, "final": s.final, "audit_term": s.audit_term,
        "tone": s.tone, "not_assessed": s.id == model.not_assessed.id,
    } for s in model.statuses]
    return Table("statuses", "Statuses", "The status vocabulary of the follow-up, from the least to the most advanced.",
                 columns, rows, ("id",))


def _cohorts(model: SiteModel, url: Callable[..., tuple[str, str]]) -> Table:
    C = schema.Cohort
    columns = (
        _id(_doc(C, "id")),
        Column("number", "integer", _doc(C, "number"), required=True),
        *_text("name", _doc(C, "name"), required_fr=True),
        _partial("start", _doc(C, "start"), required=True),
        _partial("end", _doc(C, "end")),
        Column("size", "integer", _doc(C, "size")),
        *_text("summary", _doc(C, "summary"), required_fr=True),
        _count("topics", Bilingual("Le nombre de sujets de cette promotion que le site enregistre.",
                                   "How many topics of this cohort the site records.")),
        _count("recommendations", Bilingual("Le nombre de mesures de cette promotion que le site enregistre.",
                                            "How many recommendations of this cohort the site records.")),
        *_urls(),
    )
    rows = []
    for c in sorted(model.cohorts, key=lambda c: c.id):
        r = c.record
        rows.append({
            "id": c.id, "number": r.number, "name_fr": r.name.fr, "name_en": r.name.en,
            "start": r.start, "end": r.end, "size": r.size, "summary_fr": r.summary.fr, "summary_en": r.summary.en,
            "topics": len(c.topics), "recommendations": len(c.recommendations),
            **dict(zip(("url_fr", "url_en"), url("cohorts", c.id), strict=True)),
        })
    return Table("cohorts", "Cohorts", "The Assembly's cohorts (promotions).", columns, rows, ("id",))


def _topics(model: SiteModel, url: Callable[..., tuple[str, str]]) -> Table:
    T = schema.Topic
    V = schema.Vote
    columns = (
        _id(_doc(T, "id")),
        _ref("cohort", _doc(T, "cohort")),
        _ref("workshop", _doc(T, "workshop"), required=False),
        _choice("workshop_kind", schema.WORKSHOP_KINDS, Bilingual("Le type de l'atelier qui a rédigé le texte.",
                                                                  "What kind of workshop wrote the text.")),
        *_text("workshop_name", _doc(schema.Workshop, "name")),
        _choice("output", schema.OUTPUT_KINDS, _doc(T, "output"), required=True),
        *_text("title", _doc(T, "title"), required_fr=True),
        *_text("text_title", _doc(T, "text_title")),
        *_text("summary", _doc(T, "summary"), required_fr=True),
        _partial("vote_date", _sentences(_doc(T, "vote"), _doc(V, "date"))),
        _choice("vote_result", schema.VOTE_RESULTS, _sentences(_doc(T, "vote"), _doc(V, "result"))),
        _choice("measures", schema.LIST_COMPLETENESS, _doc(T, "measures"), required=True),
        _count("recommendations", Bilingual("Le nombre de mesures de ce sujet que le site enregistre.",
                                            "How many recommendations of this topic the site records.")),
        Column("document_urls", "string", Bilingual(
            "Le texte lui-même et les documents liés : leurs adresses, séparées par « | ».",
            "The text itself and related documents: their addresses, separated by ' | '.")),
        *_sources_and_urls(),
    )
    rows = []
    for t in sorted(model.topics, key=lambda t: t.id):
        r = t.record
        rows.append({
            "id": t.id, "cohort": t.cohort.id, "workshop": r.workshop,
            "workshop_kind": t.workshop.kind if t.workshop else None,
            "workshop_name_fr": t.workshop.name.fr if t.workshop else None,
            "workshop_name_en": t.workshop.name.en if t.workshop else None,
            "output": r.output, "title_fr": r.title.fr, "title_en": r.title.en,
            "text_title_fr": _loc(r.text_title)[0], "text_title_en": _loc(r.text_title)[1],
            "summary_fr": r.summary.fr, "summary_en": r.summary.en,
            "vote_date": r.vote.date if r.vote else None, "vote_result": r.vote.result if r.vote else None,
            "measures": r.measures, "recommendations": len(t.recommendations),
            "document_urls": _join(d.url for d in r.documents), "source_urls": _source_urls(r.sources),
            **dict(zip(("url_fr", "url_en"), url("topics", t.id), strict=True)),
        })
    return Table("topics", "Topics", "The subjects the workshops worked on, each with its vœu or délibération.",
                 columns, rows, ("id",), (("cohort", "cohorts", "id"),))


def _recommendations(model: SiteModel, url: Callable[..., tuple[str, str]]) -> Table:
    R = schema.Recommendation
    columns = (
        _id(_doc(R, "id")),
        _ref("topic", _doc(R, "topic")),
        _ref("cohort", _doc(schema.Topic, "cohort")),
        Column("number", "integer", _doc(R, "number")),
        *_text("title", _doc(R, "title"), required_fr=True),
        # A number from a secondary source is that source's: the column says where the measure is known from.
        _choice("known_from", schema.KNOWN_FROM, _doc(R, "known_from"), required=True),
        *_text("text", _doc(R, "text"), required_fr=True),
        Column("text_is_excerpt", "boolean", _doc(R, "text_is_excerpt"), required=True),
        *_text("department", _doc(R, "department")),
        Column("elected_official", "string", _doc(R, "elected_official")),
        _status_column(model, "status", Bilingual(
            f"Le statut actuel, tiré de la dernière entrée de suivi ({model.not_assessed.id} quand il n'y en a pas).",
            f"The current status, derived from the latest follow-up entry ({model.not_assessed.id} when there is none).")),
        Column("status_label_fr", "string", Bilingual("Le statut actuel tel que les lecteurs le voient, en français.",
                                                      "The current status as readers see it, in French."), required=True),
        Column("status_label_en", "string", Bilingual("Le statut actuel tel que les lecteurs le voient, en anglais.",
                                                      "The current status as readers see it, in English."), required=True),
        Column("progress", "integer", Bilingual(
            "La progression actuelle en %, telle que la dernière entrée de suivi l'indique (vide quand elle ne donne "
            "pas de chiffre : on ne prête jamais à un évaluateur la progression par défaut d'un statut).",
            "The current progress in %, as the latest follow-up entry states it (empty when it states no figure: a "
            "status's default is never put in an assessor's mouth).")),
        Column("last_assessed", "date", Bilingual(
            "La date de la dernière entrée de suivi (vide si la mesure n'a jamais été évaluée).",
            "The date of the latest follow-up entry (empty when never assessed).")),
        _partial("next_due", _sentences(Bilingual(
            "La prochaine échéance de suivi à venir selon la règle de suivi de la Ville enregistrée dans data/site.yml "
            "(follow_up_rule, citée avec ses sources sur les pages) : la première tombe au vote plus le premier délai, "
            "puis une à chaque délai de répétition, jusqu'à ce que la Ville donne un statut final ; jamais une date "
            "passée (les échéances passées sont dans follow_up_due_dates). Vide quand aucune règle n'est enregistrée, "
            "quand le texte n'a pas été adopté ou que la date de son vote est inconnue, ou une fois que la Ville a "
            "donné un statut final. À la précision du vote : ANNÉE-MOIS quand le vote n'est connu qu'au mois.",
            "The next follow-up due date to come under the City's follow-up rule recorded in data/site.yml "
            "(follow_up_rule, quoted with its sources on the pages): the first one is the vote plus its first delay, "
            "then one every repeat delay, until the City gives a final status; never a past date (the passed ones "
            "are in follow_up_due_dates). Empty when no rule is recorded, when the text was not adopted or its vote "
            "date is unknown, or once the City gave a final status. At the precision of the vote: YEAR-MONTH when "
            "the vote is known to the month."), ON_BUILD_DAY)),
        _partial("follow_up_awaited_since", _sentences(Bilingual(
            "La plus ancienne échéance passée pour laquelle rien n'est enregistré ici : aucune entrée de la Ville n'y "
            "répond et aucun document de suivi publié par la Ville n'y correspond (vide s'il n'y en a pas ; chacune "
            "de ces dates est une ligne not_recorded de follow_up_due_dates).",
            "The oldest passed due date with nothing recorded here: no entry of the City answers it and no follow-up "
            "document published by the City falls on it (empty when there is none; every such date is a "
            "not_recorded row of follow_up_due_dates)."), NOT_RECORDED_CAVEAT, ON_BUILD_DAY)),
        Column("follow_up_calendar", "string", _sentences(Bilingual(
            "Le calendrier de suivi de la mesure dans son ensemble, le premier cas qui s'applique : awaited (une "
            "échéance passée sans rien d'enregistré ici) ; document (une échéance passée n'a qu'un document de suivi "
            "publié par la Ville, pas encore saisi ici) ; ended (la Ville a donné un statut final : plus rien n'est "
            "attendu) ; answered (chaque échéance passée a ici une réponse de la Ville) ; not_yet (aucune échéance "
            "n'est encore passée) ; none (aucune échéance : pas de règle enregistrée, texte non adopté ou date de "
            "vote inconnue).",
            "The measure's follow-up calendar as a whole, the first that applies: awaited (a passed due date with "
            "nothing recorded here); document (a passed due date has only a follow-up document the City published, "
            "not entered here yet); ended (the City gave a final status: nothing more is due); answered (every "
            "passed due date has an answer of the City here); not_yet (no due date has passed yet); none (no due "
            "date at all: no rule recorded, the text not adopted or its vote date unknown)."),
            NOT_RECORDED_CAVEAT, ON_BUILD_DAY),
               required=True, enum=SUMMARIES, labels=_words(FOLLOW_UP_FILTERS)),
        _choice("assessor", schema.ASSESSORS, Bilingual("Qui a fait la dernière entrée de suivi.",
                                                        "Who made the latest follow-up entry.")),
        _choice("response", schema.RESPONSES, Bilingual(
            "La réponse de la Ville à la mesure, telle que la donne la dernière entrée de suivi qui en indique une "
            "(une entrée qui n'en indique pas la laisse inchangée ; vide si aucune n'en indique), comme la page de la "
            "mesure l'affiche.",
            "The City's answer to the measure, as the latest follow-up entry that states one gives it (an entry "
            "that states none leaves it as it was; empty when none does), as the recommendation's page shows it.")),
        _choice("fidelity", schema.FIDELITY, Bilingual(
            "La fidélité de ce qui est fait au texte voté, telle que l'indique la dernière entrée de suivi (vide si "
            "elle ne l'indique pas).",
            "How faithful what is done is to what was voted, as the latest follow-up entry states it (empty when it "
            "does not).")),
        _partial("target", Bilingual(
            "Quand la Ville prévoit d'achever la mesure, selon la dernière entrée qui donne cette date.",
            "When the City plans to complete the measure, as the latest entry that set a target says.")),
        Column("deadline_passed", "boolean", _sentences(Bilingual(
            "true quand cette date d'achèvement (target) est passée et que le statut n'est pas final ; false sinon, "
            "et quand aucune date d'achèvement n'a été annoncée.",
            "true when that completion date (target) is over and the status is not final; false otherwise, and when "
            "no completion date was announced."), ON_BUILD_DAY), required=True),
        _count("follow_up_entries", Bilingual(
            "Le nombre d'entrées de suivi de la mesure, entrées corrigées et corrections comprises (toutes sont dans "
            "follow_up_entries, où in_effect dit lesquelles comptent).",
            "How many follow-up entries the recommendation has, corrected ones and corrections included (all of "
            "them are in follow_up_entries, where in_effect tells which count).")),
        Column("assessors_disagree", "boolean", Bilingual(
            "true quand les dernières entrées de deux évaluateurs donnent des statuts différents (le site présente "
            "la mesure comme contestée) ; le dernier avis de chacun est dans les colonnes qui suivent.",
            "true when the latest entries of two assessors give different statuses (the site shows the measure as "
            "disputed); each one's latest verdict is in the columns that follow."), required=True),
        *_verdict_columns(model),
        *_sources_and_urls(),
    )
    rows = []
    for rec in sorted(model.recommendations, key=lambda r: r.id):
        r, st = rec.record, rec.state
        latest = st.latest
        verdicts = {v.assessor: v for v in (st.verdicts or ((latest,) if latest else ()))}
        rows.append({
            "id": rec.id, "topic": rec.topic.id, "cohort": rec.cohort.id, "number": r.number,
            "title_fr": r.title.fr, "title_en": r.title.en, "known_from": r.known_from,
            "text_fr": r.text.fr, "text_en": r.text.en, "text_is_excerpt": r.text_is_excerpt,
            "department_fr": _loc(r.department)[0], "department_en": _loc(r.department)[1],
            "elected_official": r.elected_official,
            "status": st.status.id, "status_label_fr": st.status.label.fr,
            "status_label_en": schema.text_in(st.status.label, "en"),
            "progress": st.progress, "last_assessed": st.last_assessed, "next_due": st.next_due,
            "follow_up_awaited_since": st.awaited_since, "follow_up_calendar": st.calendar.summary,
            "assessor": latest.assessor if latest else None,
            "response": st.response,
            "fidelity": latest.fidelity if latest else None,
            "target": st.deadline, "deadline_passed": st.deadline_passed,
            "follow_up_entries": len(r.follow_up), "assessors_disagree": st.disagreement,
            **_verdicts(verdicts), "source_urls": _source_urls(r.sources),
            **dict(zip(("url_fr", "url_en"), url("recommendations", rec.id), strict=True)),
        })
    return Table("recommendations", "Recommendations",
                 "One row per recommendation (measure of a vœu or délibération), with its current follow-up state.",
                 columns, rows, ("id",),
                 (("topic", "topics", "id"), ("cohort", "cohorts", "id"), ("status", "statuses", "id")))


def _verdict_columns(model: SiteModel) -> list[Column]:
    """Each assessor's latest verdict: where assessors disagree, `status` above is only the latest
    of them, and these columns give the others."""
    out = []
    for assessor in schema.ASSESSORS.items.values():
        who = f"{assessor.en} ({assessor.value})"
        evaluator = f"l'évaluateur « {assessor.fr} » ({assessor.value})"
        out += [
            _status_column(model, f"{assessor.value}_status", Bilingual(
                f"Le statut donné par {evaluator} dans sa dernière entrée de suivi datée au plus tard du jour de la "
                "construction (vide s'il n'en a donné aucun).",
                f"The status {who} gave in its latest follow-up entry dated on or before the build day (empty when "
                "it gave none)."), required=False),
            Column(f"{assessor.value}_progress", "integer", Bilingual(
                f"La progression en % que la dernière entrée de {evaluator} indique elle-même (vide si elle n'en "
                "indique pas : aucune valeur par défaut ne lui est prêtée).",
                f"The progress figure in % that {who}'s latest entry states itself (empty when it states none: no "
                "default is put in its mouth).")),
            Column(f"{assessor.value}_date", "date", Bilingual(
                f"La date de la dernière entrée de {evaluator} (vide s'il n'en a fait aucune).",
                f"The date of {who}'s latest entry (empty when it made none).")),
        ]
    return out


def _verdicts(latest: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for assessor in schema.ASSESSORS.values:
        entry = latest.get(assessor)
        out[f"{assessor}_status"] = entry.status if entry else None
        out[f"{assessor}_progress"] = entry.progress if entry else None
        out[f"{assessor}_date"] = entry.date if entry else None
    return out


def _follow_up_entries(model: SiteModel) -> Table:
    E = schema.FollowUpEntry
    columns = (
        _ref("recommendation", Bilingual("L'identifiant de la mesure.", "The recommendation's id.")),
        Column("entry", "integer", Bilingual(
            "La position de l'entrée dans le suivi de la mesure, 1 pour la plus ancienne.",
            "The entry's position in the recommendation's follow-up, 1 for the oldest."), required=True),
        _ref("topic", Bilingual("Le sujet de la mesure.", "The recommendation's topic.")),
        _ref("cohort", Bilingual("La promotion de la mesure.", "The recommendation's cohort.")),
        Column("date", "date", _doc(E, "date"), required=True),
        _choice("assessor", schema.ASSESSORS, _doc(E, "assessor"), required=True),
        _choice("response", schema.RESPONSES, _doc(E, "response")),
        _status_column(model, "status", Bilingual("L'état de la mise en œuvre que donne cette entrée.",
                                                  "The implementation status this entry gives.")),
        Column("status_label_fr", "string", Bilingual("Le statut tel que les lecteurs le voient, en français.",
                                                      "The status as readers see it, in French."), required=True),
        Column("status_label_en", "string", Bilingual("Le statut tel que les lecteurs le voient, en anglais.",
                                                      "The status as readers see it, in English."), required=True),
        Column("progress", "integer", Bilingual(
            "La progression en %, telle que l'entrée l'indique (vide quand elle ne donne pas de chiffre : on ne prête "
            "jamais à un évaluateur la progression par défaut d'un statut).",
            "Progress in %, as the entry states it (empty when it states no figure: a status's default is never put "
            "in an assessor's mouth).")),
        Column("progress_stated", "boolean", Bilingual(
            "true quand l'entrée indique sa propre progression (alors dans `progress`), false quand elle n'en indique "
            "pas.",
            "true when the entry states its own progress figure (then in `progress`), false when it states none."),
               required=True),
        *_text("progress_reason", _doc(E, "progress_reason")),
        _choice("fidelity", schema.FIDELITY, _doc(E, "fidelity")),
        _partial("target", _doc(E, "target")),
        *_text("target_reason", _doc(E, "target_reason")),
        *_text("answer", _doc(E, "answer")),
        Column("source_urls", "string", Bilingual(
            "Les adresses des documents qui prouvent cette évaluation, séparées par « | ».",
            "The addresses of the documents that prove this assessment, separated by ' | '.")),
        Column("in_effect", "boolean", Bilingual(
            "false quand une entrée plus récente corrige celle-ci (elle reste ici, telle que publiée, et ne compte "
            "plus : corrected_by_entry désigne la correction) ; true sinon. L'état de la mesure et ses échéances ne "
            "lisent que les entrées en vigueur datées au plus tard du jour de la construction.",
            "false when a later entry corrects this one (it stays here, as published, and no longer counts: "
            "corrected_by_entry names the correction); true otherwise. The recommendation's state and its due "
            "dates read only the entries in effect dated on or before the build day."), required=True),
        Column("corrected_by_entry", "integer", Bilingual(
            "La position (entry) de l'entrée qui corrige celle-ci ; vide si aucune ne la corrige.",
            "The position (entry) of the entry that corrects this one; empty when none does.")),
        Column("corrects_entry", "integer", Bilingual(
            "Seulement dans une correction : la position (entry) de l'entrée plus ancienne qu'elle corrige et dont "
            "elle prend la place ; vide dans toute autre entrée.",
            "Only in a correction: the position (entry) of the earlier entry it corrects and takes the place of; "
            "empty in any other entry.")),
        Column("correction_date", "date", _sentences(CORRECTION_ONLY, _doc(schema.Correction, "date"))),
        *_text("correction_reason", _sentences(CORRECTION_ONLY, _doc(schema.Correction, "reason"))),
    )
    rows = []
    for rec in sorted(model.recommendations, key=lambda r: r.id):
        book = rec.ledger
        for index, e in enumerate(rec.record.follow_up, start=1):
            status = model.status_by_id[e.status]
            corrects, corrected_by = book.corrects.get(index - 1), book.corrected_by.get(index - 1)
            correction = e.corrects if corrects is not None else None
            rows.append({
                "recommendation": rec.id, "entry": index, "topic": rec.topic.id, "cohort": rec.cohort.id,
                "date": e.date, "assessor": e.assessor, "response": e.response, "status": e.status,
                "status_label_fr": status.label.fr, "status_label_en": schema.text_in(status.label, "en"),
                "progress": e.progress,
                "progress_stated": e.progress is not None,
                "progress_reason_fr": _loc(e.progress_reason)[0], "progress_reason_en": _loc(e.progress_reason)[1],
                "fidelity": e.fidelity, "target": e.target,
                "target_reason_fr": _loc(e.target_reason)[0], "target_reason_en": _loc(e.target_reason)[1],
                "answer_fr": _loc(e.answer)[0], "answer_en": _loc(e.answer)[1],
                "source_urls": _source_urls(e.sources),
                "in_effect": corrected_by is None,
                "corrected_by_entry": corrected_by + 1 if corrected_by is not None else None,
                "corrects_entry": corrects + 1 if corrects is not None else None,
                "correction_date": correction.date if correction else None,
                "correction_reason_fr": correction.reason.fr if correction else None,
                "correction_reason_en": correction.reason.en if correction else None,
            })
    return Table("follow_up_entries", "Follow-up entries",
                 "Every dated follow-up entry of every recommendation, in the order of its record; an entry is never "
                 "rewritten: a correction is a new entry that names the entry it corrects (corrects_entry), which "
                 "stays, no longer in effect (in_effect false, corrected_by_entry).",
                 columns, rows, ("recommendation", "entry"),
                 (("recommendation", "recommendations", "id"), ("status", "statuses", "id")))


def _entry_positions(rec: Recommendation, entries: Iterable[schema.FollowUpEntry]) -> list[int]:
    """The positions (from 1, as `entry` in follow_up_entries and the pages' `#entry-N`) of `entries`,
    which are entries of `rec` itself."""
    own = {id(e): i for i, e in enumerate(rec.record.follow_up, start=1)}
    return [own[id(e)] for e in entries]


def _follow_up_due_dates(model: SiteModel) -> Table:
    columns = (
        _ref("recommendation", Bilingual("L'identifiant de la mesure.", "The recommendation's id.")),
        Column("due", "integer", Bilingual(
            "La position de l'échéance dans le calendrier de suivi de la mesure, 1 pour la première.",
            "The due date's position in the recommendation's follow-up calendar, 1 for the first."), required=True),
        _ref("topic", Bilingual("Le sujet de la mesure.", "The recommendation's topic.")),
        _ref("cohort", Bilingual("La promotion de la mesure.", "The recommendation's cohort.")),
        _partial("date", Bilingual(
            "L'échéance selon la règle de suivi de la Ville (follow_up_rule dans data/site.yml, citée avec ses "
            "sources sur les pages), à la précision du vote.",
            "The due date under the City's follow-up rule (follow_up_rule in data/site.yml, quoted with its sources "
            "on the pages), at the precision of the vote."), required=True),
        Column("state", "string", _sentences(Bilingual(
            "Ce que ce site tient pour l'échéance : answered (une entrée en vigueur de la Ville y répond, voir "
            "answered_by_entries) ; published (rien n'est saisi pour elle, mais la Ville a publié pour cette période "
            "un document de suivi dont le contenu n'est pas encore saisi ici, voir document_urls) ; not_recorded "
            "(elle est passée et rien n'est enregistré ici pour elle) ; upcoming (elle n'est pas encore passée : "
            "c'est la prochaine ; le calendrier s'arrête là).",
            "What this site holds for the due date: answered (an entry of the City in effect answers it, see "
            "answered_by_entries); published (nothing entered for it, but the City published a follow-up document "
            "for that time whose content is not entered here yet, see document_urls); not_recorded (it has passed "
            "and nothing is recorded here for it); upcoming (it has not passed yet: the next one; the calendar stops "
            "there)."), NOT_RECORDED_CAVEAT, ON_BUILD_DAY),
               required=True, enum=STATES, labels=_words(DUE_WORDS)),
        Column("passed", "boolean", _sentences(Bilingual(
            "true une fois le dernier jour de l'échéance antérieur au jour de la construction (le jour même de "
            "l'échéance n'est pas un retard).",
            "true once the due date's last day is before the build day (the due day itself is not late)."),
            ON_BUILD_DAY), required=True),
        Column("answered_by_entries", "string", Bilingual(
            "Les positions (entry dans follow_up_entries) des entrées en vigueur de la Ville qui répondent à cette "
            "échéance, de la plus ancienne à la plus récente, séparées par « | » : chaque entrée répond à l'échéance "
            "la plus proche (de la moitié du temps écoulé depuis la précédente, ou depuis le vote, à la moitié du "
            "temps qui reste jusqu'à la suivante).",
            "The positions (entry in follow_up_entries) of the City's entries in effect that answer this due date, "
            "oldest first, separated by ' | ': each entry answers the nearest due date (from halfway since the "
            "previous one, or the vote, to halfway to the next).")),
        Column("document_urls", "string", Bilingual(
            "Les adresses des documents de suivi que la Ville a publiés pour cette période et dont le contenu n'est "
            "pas encore saisi ici, séparées par « | ».",
            "The addresses of the follow-up documents the City published for that time whose content is not "
            "entered here yet, separated by ' | '.")),
    )
    rows = []
    for rec in sorted(model.recommendations, key=lambda r: r.id):
        for index, due in enumerate(rec.state.calendar.dues, start=1):
            rows.append({
                "recommendation": rec.id, "due": index, "topic": rec.topic.id, "cohort": rec.cohort.id,
                "date": due.on, "state": due.state, "passed": due.passed,
                "answered_by_entries": _join(str(i) for i in _entry_positions(rec, due.answers)),
                "document_urls": _join(d.url for d in due.documents),
            })
    return Table("follow_up_due_dates", "Follow-up due dates",
                 "One row per follow-up due date of each recommendation under the City's follow-up rule, from the "
                 "first one until the City gives a final status, up to the next one to come, with what this site "
                 "holds for it. " + NOT_RECORDED_CAVEAT.en + " " + ON_BUILD_DAY.en,
                 columns, rows, ("recommendation", "due"),
                 (("recommendation", "recommendations", "id"), ("topic", "topics", "id"), ("cohort", "cohorts", "id")))


def _hearings(model: SiteModel, url: Callable[..., tuple[str, str]]) -> Table:
    H = schema.Hearing
    columns = (
        _id(_doc(H, "id")),
        _ref("cohort", _doc(H, "cohort")),
        _ref("topic", _doc(H, "topic"), required=False),
        _ref("workshop", _doc(H, "workshop"), required=False),
        _choice("format", schema.HEARING_KINDS, _doc(H, "format"), required=True),
        _partial("date", _doc(H, "date"), required=True),
        *_text("title", _doc(H, "title"), required_fr=True),
        *_text("summary", _doc(H, "summary")),
        Column("speakers", "string", Bilingual(
            "Qui est intervenu, tel que la Ville le publie : nom (organisme), séparés par « | ».",
            "Who spoke, as the City publishes it: name (organisation), separated by ' | '.")),
        Column("resource_urls", "string", Bilingual(
            "Vidéos, présentations, documents : leurs adresses, séparées par « | ».",
            "Videos, slides, documents: their addresses, separated by ' | '.")),
        *_sources_and_urls(),
    )
    rows = []
    for h in sorted(model.hearings, key=lambda h: h.id):
        r = h.record
        rows.append({
            "id": h.id, "cohort": h.cohort.id, "topic": r.topic, "workshop": r.workshop, "format": r.format,
            "date": r.date, "title_fr": r.title.fr, "title_en": r.title.en,
            "summary_fr": _loc(r.summary)[0], "summary_en": _loc(r.summary)[1],
            "speakers": _join(s.name + (f" ({s.organisation})" if s.organisation else "") for s in r.speakers),
            "resource_urls": _join(x.url for x in r.resources), "source_urls": _source_urls(r.sources),
            **dict(zip(("url_fr", "url_en"), url("hearings", h.id), strict=True)),
        })
    return Table("hearings", "Hearings", "Hearings (auditions) and visits that informed the workshops.",
                 columns, rows, ("id",), (("cohort", "cohorts", "id"), ("topic", "topics", "id")))


def _meetings(model: SiteModel, url: Callable[..., tuple[str, str]]) -> Table:
    M = schema.Meeting
    columns = (
        _id(_doc(M, "id")),
        _choice("type", schema.MEETING_KINDS, _doc(M, "type"), required=True),
        _partial("date", _doc(M, "date"), required=True),
        Column("cohorts", "string", Bilingual("Les promotions concernées : leurs identifiants, séparés par « | ».",
                                              "The cohorts concerned: their ids, separated by ' | '.")),
        Column("topics", "string", Bilingual(
            "Les identifiants des sujets de l'Assemblée discutés, séparés par « | ».",
            "Ids of the Assembly's topics discussed, separated by ' | '.")),
        *_text("title", _doc(M, "title"), required_fr=True),
        *_text("summary", _doc(M, "summary")),
        Column("document_urls", "string", Bilingual(
            "Comptes rendus et documents : leurs adresses, séparées par « | ».",
            "Minutes and documents: their addresses, separated by ' | '.")),
        *_sources_and_urls(),
    )
    rows = []
    for m in sorted(model.meetings, key=lambda m: m.id):
        r = m.record
        rows.append({
            "id": m.id, "type": r.type, "date": r.date, "cohorts": _join(r.cohorts), "topics": _join(r.topics),
            "title_fr": r.title.fr, "title_en": r.title.en,
            "summary_fr": _loc(r.summary)[0], "summary_en": _loc(r.summary)[1],
            "document_urls": _join(d.url for d in r.documents), "source_urls": _source_urls(r.sources),
            **dict(zip(("url_fr", "url_en"), url("meetings", m.id), strict=True)),
        })
    return Table("meetings", "Meetings",
                 "Plenary sessions, right-to-follow-up meetings, “Monitoring and Questioning” sessions and "
                 "Conseil de Paris sessions.", columns, rows, ("id",))


def _bodies(model: SiteModel, url: Callable[..., tuple[str, str]]) -> Table:
    B = schema.Body
    columns = (
        _id(_doc(B, "id")),
        *_text("name", _doc(B, "name"), required_fr=True),
        _partial("created", _doc(B, "created")),
        *_text("summary", _doc(B, "summary"), required_fr=True),
        Column("order", "integer", _doc(B, "order"), required=True),
        _count("figures", Bilingual("Le nombre de chiffres clés que donne la fiche (ils sont dans body_figures).",
                                    "How many key figures the record gives (they are in body_figures).")),
        *_sources_and_urls(),
    )
    rows = [{
        "id": b.id, "name_fr": b.name.fr, "name_en": b.name.en, "created": b.created,
        "summary_fr": b.summary.fr, "summary_en": b.summary.en, "order": b.order, "figures": len(b.figures),
        "source_urls": _source_urls(b.sources),
        **dict(zip(("url_fr", "url_en"), url("bodies", b.id), strict=True)),
    } for b in sorted(model.bodies, key=lambda b: b.id)]
    return Table("bodies", "Other participatory bodies", "The city's other participatory bodies.",
                 columns, rows, ("id",))


def _body_figures(model: SiteModel) -> Table:
    F = schema.Figure
    columns = (
        _ref("body", Bilingual("L'identifiant de l'instance.", "The body's id.")),
        Column("figure", "integer", Bilingual("La position du chiffre dans la fiche, 1 pour le premier.",
                                              "The figure's position in the record, 1 for the first."), required=True),
        *_text("label", _doc(F, "label"), required_fr=True),
        Column("value", "string", _doc(F, "value"), required=True),
        _partial("as_of", _doc(F, "as_of")),
        Column("source_title", "string", Bilingual("Le titre de la source qui donne le chiffre.",
                                                   "The title of the source that gives the figure."), required=True),
        Column("source_url", "string", Bilingual("L'adresse de la source qui donne le chiffre.",
                                                 "The address of the source that gives the figure."), format="uri"),
    )
    rows = []
    for b in sorted(model.bodies, key=lambda b: b.id):
        for index, f in enumerate(b.figures, start=1):
            source = b.sources[f.source - 1]
            rows.append({
                "body": b.id, "figure": index, "label_fr": f.label.fr, "label_en": f.label.en, "value": f.value,
                "as_of": f.as_of, "source_title": source.title, "source_url": source.url,
            })
    return Table("body_figures", "Key figures of the other participatory bodies",
                 "The key figures of each body, each with the source that gives it.",
                 columns, rows, ("body", "figure"), (("body", "bodies", "id"),))


def _member_counts(model: SiteModel) -> Table:
    columns = (
        _ref("cohort", _doc(schema.MemberList, "cohort")),
        _choice("category", schema.CATEGORIES, _doc(schema.CompositionPart, "category"), required=True),
        Column("composition", "integer", Bilingual(
            "Le nombre de membres de ce groupe que les sources donnent pour la promotion (vide quand elles ne le "
            "disent pas).",
            "How many members of this group the sources state for the cohort (empty when they do not say).")),
        Column("listed", "integer", Bilingual(
            "Le nombre de membres de ce groupe que compte la liste des membres de la promotion sur le site, quel que "
            "soit leur niveau de consentement (vide quand le site n'a pas de liste des membres pour la promotion, ou "
            "que ses groupes ne sont pas connus).",
            "How many members of this group the site's member list of the cohort counts, whatever their consent "
            "level (empty when the site has no member list for the cohort, or its groups are not known).")),
    )
    rows = []
    for cohort in sorted(model.cohorts, key=lambda c: c.id):
        stated = {part.category: part.count for part in cohort.record.composition}
        listed: Counter[str] = Counter()
        for ml in cohort.member_lists:
            for part in ml.composition:  # the list's counts: no member's group is recorded
                listed[part.category] += part.count
        counted = any(ml.composition for ml in cohort.member_lists)
        for category in schema.CATEGORIES.values:
            if category not in stated and category not in listed:
                continue
            rows.append({
                "cohort": cohort.id, "category": category, "composition": stated.get(category),
                "listed": listed.get(category, 0) if counted else None,
            })
    return Table("member_counts", "Members per cohort and group",
                 "How many members each cohort had per group: as the sources state it, and as the site's member "
                 "lists count them. Counts only: no member is named here.",
                 columns, rows, ("cohort", "category"), (("cohort", "cohorts", "id"),))
