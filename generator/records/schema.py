"""Schema: the single source of truth for every record's fields.

Each record type is a pydantic model that rejects unknown keys. Field descriptions are written for
the City staff who edit the YAML (they reach the editor through the generated JSON Schema, and the
field reference page). Enumerations are `Choices`: their values, and their labels in French and
English, live here and nowhere else.

Values arrive from `load` as plain strings (the loader never guesses types), so the types below
convert text into dates, numbers and booleans themselves, with messages an editor can act on.

Over 400 lines: every record type and field, with the descriptions editors read, is here on
purpose: the single source of truth for the JSON Schemas, the field reference and `check`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, ClassVar, Literal

from annotated_types import GroupedMetadata
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .catalogue import N_, _

LANGUAGES = ("fr", "en")
#: What `new` writes where only the editor knows the answer; `check` warns wherever it is left.
TO_COMPLETE = {"fr": "À compléter", "en": "To be completed"}
DEFAULT_LANGUAGE = "fr"

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def refused(kind: str, message: str, context: dict[str, Any] | None = None) -> PydanticCustomError:
    """A schema error of type `kind` whose message is `message`, already in the editor's language and
    filled in (`_("check_…", value=…)`); `context` keeps the values for the code that reads them (the
    sheet import). pydantic fills a message's `{name}` with the context's values, one after the other,
    never inside a value it has put in: the message goes in as the value of the only placeholder, put
    in last, so that braces an editor typed (`{value}`) reach the message as typed."""
    return PydanticCustomError(kind, "{message}", {**(context or {}), "message": message})


# --------------------------------------------------------------------------- enumerations


@dataclass(frozen=True)
class Choice:
    value: str
    fr: str
    en: str
    description: str

    def label(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


class Choices:
    """An enumeration with labels in both languages and a description for editors."""

    registry: ClassVar[dict[str, Choices]] = {}

    def __init__(self, name: str, *choices: tuple[str, str, str, str]) -> None:
        self.name = name
        self.items = {c[0]: Choice(*c) for c in choices}
        Choices.registry[name] = self

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(self.items)

    def label(self, value: str | None, lang: str) -> str:
        if value is None or value not in self.items:
            return ""
        return self.items[value].label(lang)

    def field(self, description: str) -> ChoiceOf:
        """Metadata for `Annotated[str, …]`: the value is one of these choices, and the field's JSON
        Schema lists each value with its labels."""
        return ChoiceOf(self, description)


@dataclass(frozen=True)
class ChoiceOf(GroupedMetadata):
    """`Annotated[str, CHOICES.field("…")]]`: one of `choices`' values (checked with a message that
    lists them), described for editors by a JSON Schema enumeration with the labels."""

    choices: Choices
    description: str

    def __iter__(self) -> Iterator[Any]:
        choices = self.choices
        yield BeforeValidator(_choice_validator(choices))
        yield WithJsonSchema({
            "type": "string",
            "enum": list(choices.values),
            "description": self.description,
            "markdownEnumDescriptions": [
                f"**{c.fr}** / {c.en} — {c.description}" for c in choices.items.values()
            ],
            "x-choices": choices.name,
        })


def _choice_validator(choices: Choices):
    def check(value: Any) -> Any:
        if isinstance(value, str) and value in choices.items:
            return value
        from .problems import did_you_mean, one_of

        values = one_of(choices.values)
        hint = did_you_mean(value, choices.values, {text: key for key, c in choices.items.items() for text in (c.fr, c.en)})
        raise refused(
            "choice",
            _("check_choice", value=value, values=values, hint=hint) if isinstance(value, str)
            else _("check_choice_not_a_text", values=values, hint=hint),
            {"values": values, "hint": hint},
        )

    return check


CATEGORIES = Choices(
    "category",
    ("electoral_rolls", "Listes électorales", "Electoral rolls",
     "Drawn by lot from the Paris electoral rolls (French and EU citizens)."),
    ("non_eu_residents", "Résidents hors Union européenne", "Non-EU residents",
     "Parisians with a nationality outside the European Union, drawn by lot after a call for applications."),
    ("minors", "Mineurs de 16 à 17 ans", "Minors aged 16–17",
     "Young Parisians aged 16 or 17, drawn by lot among holders of the Carte citoyenne."),
)

WORKSHOP_KINDS = Choices(
    "workshop_kind",
    ("deliberation", "Atelier « Délibération »", "“Deliberation” workshop",
     "Writes a citizens' délibération on a topic chosen from a list proposed by the Mayor."),
    ("exploration", "Atelier « Exploration »", "“Exploration” workshop",
     "Chooses its own topic and writes a vœu."),
    ("thematic", "Atelier thématique", "Thematic workshop",
     "The first cohort's thematic workshops (social–education, environment, public space)."),
    ("veille", "Espace « Veille et Interpellation »", "“Monitoring and Questioning” space",
     "Open exchanges with the City's executive before Conseil de Paris sessions."),
)

OUTPUT_KINDS = Choices(
    "output_kind",
    ("voeu", "Vœu", "Vœu (motion)",
     "A motion the Conseil de Paris votes on, asking the City to act."),
    ("deliberation", "Délibération", "Délibération (bill)",
     "A decision of the Conseil de Paris, the City's equivalent of a law."),
)

VOTE_RESULTS = Choices(
    "vote_result",
    ("adopted", "Adopté", "Adopted", "The Conseil de Paris adopted the text."),
    ("rejected", "Rejeté", "Rejected", "The Conseil de Paris rejected the text."),
    ("pending", "En attente du vote", "Awaiting the vote", "The text has not been voted on yet."),
)

LIST_COMPLETENESS = Choices(
    "completeness",
    ("complete", "Liste complète", "Complete list",
     "Every measure of the text is recorded here."),
    ("partial", "Liste partielle", "Partial list",
     "Only some measures are recorded, because the sources we have quote only some of them."),
    ("none", "Aucune mesure connue", "No measure known",
     "The sources we have do not list the measures of this text."),
)

KNOWN_FROM = Choices(
    "known_from",
    ("official_text", "Texte officiel", "Official text",
     "The measure is recorded from the voted text itself, or from a City document that quotes it."),
    ("press", "Article de presse", "Press article",
     "The measure is known only from a press article; the official text is not recorded here."),
    ("political_group", "Intervention d'un groupe politique", "A political group's speech",
     "The measure is known only from a political group's speech or publication; the official text is not recorded here."),
    ("other_secondary", "Autre source secondaire", "Other secondary source",
     "The measure is known only from another secondary source (a blog, a report); the official text is not recorded here."),
)

ASSESSORS = Choices(
    "assessor",
    ("city", "La Ville", "The City", "The City's own account (the annual follow-up)."),
    ("members", "Membres de l'Assemblée", "Assembly members",
     "The Assembly's members, in a follow-up meeting."),
    ("observer", "Observateur indépendant", "Independent observer",
     "A third party: researchers, press, an audit body."),
)

RESPONSES = Choices(
    "response",
    ("accepted", "Retenue", "Accepted", "The City takes up the measure as voted."),
    ("partially_accepted", "Partiellement retenue", "Partially accepted",
     "The City takes up part of the measure."),
    ("not_retained", "Non retenue", "Not retained", "The City does not take up the measure."),
    ("outside_competence", "Hors compétence de la Ville", "Outside the City's competence",
     "The measure depends on another authority (the State, the region...)."),
)

FIDELITY = Choices(
    "fidelity",
    ("faithful", "Fidèle au texte voté", "Faithful to the voted text",
     "What is done matches what was voted."),
    ("modified", "Modifiée", "Modified", "What is done differs from what was voted, in substance."),
    ("watered_down", "Affaiblie", "Watered down", "What is done goes less far than what was voted."),
)

SPEAKER_KINDS = Choices(
    "speaker_kind",
    ("researcher", "Chercheur ou chercheuse", "Researcher", "An academic or expert."),
    ("association", "Association", "Association", "A non-profit organisation or its members."),
    ("administration", "Administration", "Administration", "A civil servant of the City or the State."),
    ("elected_official", "Élu ou élue", "Elected official", "An elected official or their staff."),
    ("other", "Autre", "Other", "Anyone else."),
)

HEARING_KINDS = Choices(
    "hearing_kind",
    ("audition", "Audition", "Hearing", "A speaker heard by the members."),
    ("visit", "Visite", "Visit", "A site visit."),
)

CONSENT_LEVELS = Choices(
    "consent",
    ("full_name", "Nom complet", "Full name", "The member agreed to have their full name published."),
    ("first_name_initial", "Prénom et initiale", "First name and initial",
     "Only the first name and the initial of the last name are published."),
    ("counted_only", "Compté seulement", "Counted only",
     "The member is counted in the figures but never named."),
)

MEETING_KINDS = Choices(
    "meeting_kind",
    ("plenary", "Séance plénière", "Plenary session", "All members of a cohort meet."),
    ("follow_up", "Réunion de droit de suite", "Follow-up meeting",
     "Members, civil servants and elected officials review the recommendations one by one."),
    ("veille", "Séance « Veille et Interpellation »", "“Monitoring and Questioning” session",
     "Exchange with the executive before a Conseil de Paris session."),
    ("council", "Séance du conseil", "Council session",
     "A session of the Conseil de Paris where the Assembly's texts were debated."),
)

RESOURCE_FORMATS = Choices(
    "resource_format",
    ("page", "Page web", "Web page", "A web page."),
    ("pdf", "PDF", "PDF", "A PDF document."),
    ("video", "Vidéo", "Video", "A video."),
    ("slides", "Présentation", "Slides", "A slide deck."),
    ("audio", "Audio", "Audio", "A sound recording."),
)


# --------------------------------------------------------------------------- scalar types

_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_PARTIAL_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
#: The same dates as the editor's JSON Schema checks them: months and days that exist (29 February
#: in any year: a pattern cannot tell leap years, `check` does).
_MONTH_DAY = r"((0[13578]|1[02])-(0[1-9]|[12]\d|3[01])|(0[469]|11)-(0[1-9]|[12]\d|30)|02-(0[1-9]|1\d|2\d))"
_DATE_PATTERN = rf"^\d{{4}}-{_MONTH_DAY}$"
_PARTIAL_PATTERN = rf"^\d{{4}}(-(0[1-9]|1[0-2])|-{_MONTH_DAY})?$"


class Typed(str):
    """A plain value that editors (YAML 1.2) read as a number or as true/false, handed to the
    models by `check` (validate.validation_value): the text as written, and `typed`, what the
    editor reads. One rule for both: a field accepts such a value exactly when the JSON Schema
    accepts the editor's reading. A number field takes a whole number however YAML writes it
    (`12`, `0x0C`, `1.2e1`); an id is text, never a number or true/false."""

    typed: int | float | bool

    def __new__(cls, text: str, typed: int | float | bool) -> Typed:
        value = super().__new__(cls, text)
        value.typed = typed
        return value


def _whole(value: Any) -> int | None:
    """The whole number an editor reads in `value` (a `Typed`), if it reads one."""
    if not isinstance(value, Typed) or isinstance(value.typed, bool):
        return None
    number = value.typed
    if isinstance(number, float):
        return int(number) if number.is_integer() else None
    return number


def _not_typed(value: Any) -> None:
    """Ids are text: a value editors read as a number or as true/false must be quoted."""
    if isinstance(value, Typed):
        raise refused(
            "typed_id",
            _("check_typed_id_boolean", value=str(value)) if isinstance(value.typed, bool)
            else _("check_typed_id_number", value=str(value)),
            {"value": str(value)},
        )


def _text(value: Any) -> str | Any:
    return value.strip() if isinstance(value, str) else value


def _parse_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    text = str(value).strip() if value is not None else ""
    match = _DATE_RE.match(text)
    if not match:
        if _PARTIAL_RE.match(text):  # a month or a year: readable, but this field needs the day
            raise refused("date_day_needed", _("check_date_day_needed", value=text), {"value": text})
        french = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)
        example = f"{french[3]}-{int(french[2]):02d}-{int(french[1]):02d}" if french else "2025-07-02"
        raise refused("date_format", _("check_date_format", value=text, example=example),
                      {"value": text, "example": example})
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise refused("date_impossible", _("check_date_impossible", value=text), {"value": text}) from None


IsoDate = Annotated[
    date,
    BeforeValidator(_parse_date),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "format": "date", "pattern": _DATE_PATTERN,
                    "examples": ["2025-07-02"]}),
]


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day ("2024", "2024-10", "2024-10-05").

    Sources often give only a month ("octobre à décembre 2024"); writing a day would invent one.
    Comparisons use the first day of the period (`start`) or its last (`end`).
    """

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def start(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> date:
        if self.day:
            return self.start
        if self.month:
            nxt = date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date(self.year, 12, 31)

    def isoformat(self) -> str:
        out = f"{self.year:04d}"
        if self.month:
            out += f"-{self.month:02d}"
        if self.day:
            out += f"-{self.day:02d}"
        return out

    def __str__(self) -> str:
        return self.isoformat()


def _parse_partial_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    year = _whole(value)
    if year is not None and 1000 <= year <= 9999:
        return PartialDate(year)  # a year as editors read it: `2024`, and `0x7E8` or `2024.0` too
    text = str(value).strip() if value is not None else ""
    match = _PARTIAL_RE.match(text)
    if not match:
        raise refused("partial_date_format", _("check_partial_date_format", value=text), {"value": text})
    year, month, day = int(match[1]), match[2] and int(match[2]), match[3] and int(match[3])
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        raise refused("date_impossible", _("check_date_impossible", value=text), {"value": text}) from None
    return PartialDate(year, month or None, day or None)


FlexDate = Annotated[
    PartialDate,
    BeforeValidator(_parse_partial_date),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    # A year alone may be written unquoted (`published: 2024`): `check` reads it as the text "2024",
    # while the editor (YAML 1.2) reads an integer, which the schema accepts as a year.
    WithJsonSchema({"type": ["string", "integer"], "pattern": _PARTIAL_PATTERN, "minimum": 1000, "maximum": 9999,
                    "description": "YEAR-MONTH-DAY, or YEAR-MONTH, or YEAR when the day is not known.",
                    "examples": ["2025-07-02", "2024-10"]}),
]


def _parse_int(low: int, high: int):
    def parse(value: Any) -> int:
        whole = _whole(value)
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif whole is not None:
            number = whole
        elif isinstance(value, str) and not isinstance(value, Typed) and re.fullmatch(r"\s*\d{1,9}\s*", value):
            number = int(value)
        else:
            raise refused("whole_number", _("check_whole_number", value=value), {"value": value})
        if not low <= number <= high:
            raise refused("number_range", _("check_number_range", value=number, low=low, high=high),
                          {"value": number, "low": low, "high": high})
        return number

    return parse


@dataclass(frozen=True)
class Count(GroupedMetadata):
    """`Annotated[int, Count(low, high)]`: a whole number from `low` to `high`, written with digits."""

    low: int = 0
    high: int = 1_000_000_000

    def __iter__(self) -> Iterator[Any]:
        yield BeforeValidator(_parse_int(self.low, self.high))
        yield WithJsonSchema({"type": ["integer", "string"], "minimum": self.low, "maximum": self.high,
                              "pattern": r"^\s*\d{1,9}\s*$"})


#: How YAML 1.2, which editors follow, writes true and false (`yes`, `on`… are texts there).
TRUE_FALSE = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


def _parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip() in TRUE_FALSE:
        return TRUE_FALSE[value.strip()]
    raise refused("yes_no", _("check_yes_no", value=value), {"value": value})


Flag = Annotated[bool, BeforeValidator(_parse_bool),
                 WithJsonSchema({"type": ["boolean", "string"], "enum": [True, False, *TRUE_FALSE]})]


def _parse_text(value: Any) -> str:
    if isinstance(value, str):
        if not value.strip():
            raise refused("empty_text", _("check_empty_text"))
        return value.strip()
    kind = "list" if isinstance(value, list) else "group" if isinstance(value, dict) else "empty"
    message = {"list": N_("check_text_expected_list"), "group": N_("check_text_expected_group"),
               "empty": N_("check_text_expected_empty")}[kind]
    raise refused("text_expected", _(message), {"kind": kind})


def _parse_public_text(value: Any) -> str:
    """A text as every output publishes it: without what no reader would see (HTML comments,
    scripts… see markup.public_text), so that pages, search, feeds and the open data all derive
    from the same text. `check` reports what was removed (validate.hidden_markup)."""
    if isinstance(value, str) and "<" in value:
        from .markup import public_text

        public = public_text(value)
        if value.strip() and not public.strip():
            raise refused("empty_text", _("check_empty_text_hidden_html"))
        value = public
    return _parse_text(value)


# `check` reads every value as text, so a text may look like a number or a boolean (`fr: 1789`),
# which the editor (YAML 1.2) reads as one: the schema accepts those too.
Text = Annotated[str, BeforeValidator(_parse_public_text),
                 WithJsonSchema({"type": ["string", "number", "boolean"], "minLength": 1})]


def _parse_id(value: Any) -> str:
    _not_typed(value)
    text = _parse_text(value)
    if not re.fullmatch(ID_PATTERN, text):
        suggestion = re.sub(r"[^a-z0-9]+", "-", _ascii(text).lower()).strip("-")
        suggestion = suggestion or "ac3-solitude"
        raise refused("id_format", _("check_id_format", value=text, suggestion=suggestion),
                      {"value": text, "suggestion": suggestion})
    return text


def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


# An id is text: an id of digits only is written in quotes (`id: "2024"`), as a status id that
# YAML reads as true or false (the editor reads `2024` as a number, `true` as a boolean).
Id = Annotated[str, BeforeValidator(_parse_id), WithJsonSchema({"type": "string", "pattern": ID_PATTERN})]

STATUS_ID_PATTERN = r"^[a-z]+(_[a-z]+)*$"


def _parse_status_id(value: Any) -> str:
    _not_typed(value)
    text = _parse_text(value)
    if not re.fullmatch(STATUS_ID_PATTERN, text):
        raise refused("status_id_format", _("check_status_id_format", value=text), {"value": text})
    return text


StatusId = Annotated[str, BeforeValidator(_parse_status_id), WithJsonSchema({"type": "string", "pattern": STATUS_ID_PATTERN})]


def _parse_url(value: Any) -> str:
    text = _parse_text(value)
    if not re.fullmatch(r"https?://[^\s<>\"']+", text):
        raise refused("url_format", _("check_url_format", value=text), {"value": text})
    if CREDENTIALS.match(text):
        raise refused("url_credentials", _("check_url_credentials"))
    return text


#: A web address with a user name or password before the host ("https://user:pass@host/").
CREDENTIALS = re.compile(r"https?://[^\s/?#@]*@", re.I)

Url = Annotated[str, BeforeValidator(_parse_url), WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})]


def _parse_base_url(value: Any) -> str:
    """The site's own address: https only, nothing after the path, always ending with "/" (every
    page's address, citation and link preview is this address followed by the page's path)."""
    text = _parse_url(value)
    if not text.startswith("https://"):
        raise refused("base_url_https", _("check_base_url_https", value=text), {"value": text})
    if re.search(r"[?#]", text):
        raise refused("base_url_path", _("check_base_url_path", value=text), {"value": text})
    return text if text.endswith("/") else text + "/"


BaseUrl = Annotated[str, BeforeValidator(_parse_base_url),
                    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https://[^?#]*$"})]


# --------------------------------------------------------------------------- building blocks


class Record(BaseModel):
    """Base: unknown keys are errors; fields keep their declared order."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    record_kind: ClassVar[str] = ""
    folder: ClassVar[str] = ""
    #: True when the record states facts and so must list its sources.
    factual: ClassVar[bool] = False


class Localized(Record):
    """A text in French (required) and English (recommended)."""

    fr: Text = Field(description="The text in French. Required.")
    en: Text | None = Field(
        None, description="The text in English. When it is missing, the English site shows the French text, marked as not yet translated."
    )

    def get(self, lang: str) -> str | None:
        return self.fr if lang == "fr" else self.en


def text_in(value: Localized | None, lang: str) -> str:
    """What every output shows of `value` in `lang`: its translation, else the French text (marked
    as untranslated where it is shown); "" when there is no value."""
    if value is None:
        return ""
    return value.get(lang) or value.fr


def language_folder(lang: str) -> str:
    """Where a language's pages are, from the site's root: "" for French (the root), "en/" for English."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def field_description(model: type[BaseModel], name: str) -> str:
    """A field's description for editors: the field's own, else its type's (a `Choices` field, a
    group of fields), as the JSON Schema gives it; "" for a field the model does not have."""
    info = model.model_fields.get(name)
    if info is None:
        return ""
    return info.description or model.model_json_schema().get("properties", {}).get(name, {}).get("description", "")


class Source(Record):
    """A public document that proves what the record says."""

    title: Text = Field(description="The title of the page or document, as it appears there.",
                        examples=["Le « droit de suite » : garantie de l'impact de l'Assemblée citoyenne"])
    url: Url | None = Field(None, description="The full web address (https://…). Leave out only for a document with no public address, and then say in `note` how it can be consulted.")
    publisher: Text | None = Field(None, description="Who published it: paris.fr, 20 Minutes, OIDP…")
    published: FlexDate | None = Field(None, description="When it was published or last updated, as the page shows it.")
    consulted: IsoDate = Field(description="The day someone read it to write this record (YEAR-MONTH-DAY).")
    note: Localized | None = Field(None, description="What in this source supports the record, or a caveat (for example: only the beginning of the page could be read).")

    @model_validator(mode="after")
    def _address_or_note(self) -> Source:
        if self.url is None and self.note is None:
            raise refused("source_unreachable", _("check_source_unreachable"))
        return self


class Link(Record):
    """A link to a page or document, with a title in each language."""

    title: Localized = Field(description="What the link leads to, in French and English.")
    url: Url = Field(description="The full web address (https://…).")
    format: Annotated[str, RESOURCE_FORMATS.field("The kind of resource: page, pdf, video, slides, audio.")] | None = None
    size: Text | None = Field(None, description="The size of a download, as readers should see it (for example 2.3 Mo).")


class Phase(Record):
    name: Localized = Field(description="The phase's name, for example « Découverte et détermination des mandats ».")
    start: FlexDate = Field(description="When the phase began: YEAR-MONTH-DAY, YEAR-MONTH or YEAR.")
    end: FlexDate | None = Field(None, description="When the phase ended (leave out if unknown).")
    description: Localized | None = Field(None, description="What happened in this phase (Markdown).")


class CompositionPart(Record):
    category: Annotated[str, CATEGORIES.field("Which group of members.")]
    count: Annotated[int, Count(0, 1000)] = Field(description="How many members of this group.")


class Workshop(Record):
    id: Id = Field(description="A short id, unique within the cohort, for example deliberation.")
    kind: Annotated[str, WORKSHOP_KINDS.field("What kind of workshop this is.")]
    name: Localized = Field(description="The workshop's name.")
    description: Localized | None = Field(None, description="What it does (Markdown).")


class Vote(Record):
    body: Localized = Field(description="Who voted, usually « Conseil de Paris ».")
    date: FlexDate = Field(description="The session's date (YEAR-MONTH when the day is not known).")
    result: Annotated[str, VOTE_RESULTS.field("The result of the vote.")]
    note: Localized | None = Field(None, description="Anything readers should know about the vote.")


class FollowUpRule(Record):
    """When the City has said it answers, with the source that says so: due dates come only from here."""

    first_after_months: Annotated[int, Count(1, 60)] = Field(description="How many months after the vote the City's first follow-up is due, as the rule says (un an après: 12).")
    then_every_months: Annotated[int, Count(1, 60)] | None = Field(None, description="How many months after each follow-up the next one is due, when a rule says so (a yearly follow-up: 12). Leave out when no source says the follow-up repeats.")
    text: Localized = Field(description="The rule in the words of its sources, between quotation marks (« … »), as readers see it beside every due date; in English, say when the translation is yours (Markdown).")
    sources: list[Source] = Field(min_length=1, description="The pages that state the rule, each with the passage in its note.")


class FollowUpDocument(Record):
    """A follow-up document the City published for a whole cohort (the droit de suite document)."""

    title: Localized = Field(description="The document's title, as it appears on it or on the page that links it.")
    url: Url = Field(description="Where the document is published (https://…).")
    date: FlexDate = Field(description="The date the document carries (its title, its cover or its file name): YEAR-MONTH-DAY, YEAR-MONTH or YEAR.")
    format: Annotated[str, RESOURCE_FORMATS.field("The kind of resource: pdf, page…")] | None = None
    entered: Flag = Field(False, description="false while its content has not been entered here as follow-up entries: every page then says that the City published it and that its content is not entered yet. true once every answer it gives has been entered as a follow-up entry of its measure.")
    sources: list[Source] = Field(min_length=1, description="The page that links the document or says the City published it.")


class Legal(Record):
    """What the legal notice (LCEN art. 6-III) and the personal-data page (GDPR art. 13) must state.

    Leave out what is not known yet: `check` lists every missing item in a warning (an error when
    publishing), and the page says plainly that it is not filled in — never a placeholder."""

    publisher: Text | None = Field(None, description="Who publishes the site: a person's full name, or a legal entity's name (LCEN art. 6-III).")
    publisher_address: Text | None = Field(None, description="The publisher's address: a legal entity's registered office (siège social), or a person's address.")
    director: Text | None = Field(None, description="The director of publication (directeur ou directrice de la publication): a person's name.")
    host: Text | None = Field(None, description="The host's name (who stores the site), for example GitHub, Inc.")
    host_address: Text | None = Field(None, description="The host's postal address.")
    host_phone: Text | None = Field(None, description="The host's telephone number, as it publishes it.")
    data_controller: Text | None = Field(None, description="The data controller (responsable du traitement, GDPR art. 13): who decides what personal data the site publishes.")
    privacy_contact: Text | None = Field(None, description="How to reach the data controller without a GitHub account: a service's public e-mail address, a web form (https://…) or a postal address.")
    legal_basis: Localized | None = Field(None, description="The legal basis for publishing names (elected officials, speakers, members who consented), in a sentence or two (Markdown).")
    retention: Localized | None = Field(None, description="How long names stay published, and what happens then (Markdown).")


class Licence(Record):
    """The licence of the open data the site publishes."""

    name: Text = Field(description="The licence's short identifier, for example etalab-2.0.")
    title: Localized = Field(description="The licence's name, for example « Licence Ouverte 2.0 (Etalab) ».")
    url: Url = Field(description="The licence's text (https://…).")


# --------------------------------------------------------------------------- records


#: The longest short name (data/site.yml short_name) that fits the header of a 320 px phone.
SHORT_NAME_MAX = 28
#: The longest statement of who publishes the site (publisher_short), shown above the header.
PUBLISHER_SHORT_MAX = 140


class Site(Record):
    record_kind: ClassVar[str] = "site"
    name: Localized = Field(description="The site's name.")
    tagline: Localized = Field(description="One sentence under the name.")
    city: Localized = Field(description="The city's institution, without an article, as in « Ville de Paris » / « City of Paris »: the site's own sentences write « de la Ville de Paris », « of the City of Paris ».")
    council: Localized = Field(description="The council that votes on the assembly's texts, for example « Conseil de Paris ».")
    short_name: Localized | None = Field(None, description=f"The site's name in a few words, shown in the header, where a phone has room for about {SHORT_NAME_MAX} characters (at most {SHORT_NAME_MAX}). Leave out to show the full name there.")
    publisher: Localized = Field(description="Who publishes the site (for the legal notice).")
    publisher_short: Localized | None = Field(None, description=f"Who publishes the site, in one short sentence shown above the header of every page (at most {PUBLISHER_SHORT_MAX} characters). Leave out when it is not known: then nothing is said there.")
    base_url: BaseUrl = Field(description="Where the site is published (https://…); a / is added at the end when it is missing.")
    repository: Url | None = Field(None, description="Where its source and data are kept (for 'edit this record').")
    follow_up_rule: FollowUpRule | None = Field(None, description="The City's published rule on when it answers, with its sources. Without it, the site shows no due date anywhere.")
    legal: Legal = Field(default_factory=Legal, description="The legal notice's and the personal-data page's required items. `check` lists every one left out in a warning (an error when publishing).")
    data_licence: Licence | None = Field(None, description="The licence of the open data (datapackage.json, the data page, the legal notice). Quotations of third-party documents are never covered by it, and the site says so.")
    official_links: list[Link] = Field(default_factory=list, description="Official pages listed in the footer and on the home page.")
    contacts: list[Link] = Field(default_factory=list, description="Public contact pages (never a person's own e-mail address).")
    public_contacts: list[Text] = Field(default_factory=list, description="The e-mail addresses and phone numbers of services that texts and pages may show, one per line (for example a City service's public address). check refuses any other contact detail, and never accepts a person's own address or mobile number here.")

    @field_validator("short_name", "publisher_short")
    @classmethod
    def _fits(cls, value: Localized | None, info: Any) -> Localized | None:
        limit = SHORT_NAME_MAX if info.field_name == "short_name" else PUBLISHER_SHORT_MAX
        for lang, language in (("fr", N_("check_text_in_french")), ("en", N_("check_text_in_english"))):
            text = value.get(lang) if value is not None else None
            if text is not None and len(text) > limit:
                values = {"language": _(language), "text": text, "length": len(text), "limit": limit}
                raise refused(
                    "text_too_long",
                    _("check_text_too_long_short_name", **values) if info.field_name == "short_name"
                    else _("check_text_too_long_publisher_short", **values),
                    {"text": text, "length": len(text), "limit": limit},
                )
        return value


class Status(Record):
    id: StatusId = Field(description="The status id used in follow-up entries, for example in_progress.")
    label: Localized = Field(description="The status as readers see it.")
    definition: Localized = Field(description="What the status means, in one or two sentences.")
    progress: Annotated[int, Count(0, 100)] | None = Field(None, description="The default progress in % for this status (leave out when it has no meaning).")
    order: Annotated[int, Count(0, 100)] = Field(description="Position in tables and charts, from the least to the most advanced.")
    final: Flag = Field(description="true when nothing more is expected (done, not retained, moot).")
    audit_term: Text | None = Field(None, description="The matching term of the French public-audit vocabulary (Cour des comptes).")
    tone: Literal["neutral", "pending", "progress", "partial", "done", "stopped"] = Field(
        description="The colour family in badges and charts (colour is never the only sign).")


class StatusVocabulary(Record):
    record_kind: ClassVar[str] = "statuses"
    statuses: list[Status] = Field(description="The statuses, in any order (see `order`).", min_length=1)
    not_assessed: StatusId = Field(description="The id of the status shown when a measure has no follow-up entry yet.")


class Cohort(Record):
    record_kind: ClassVar[str] = "cohort"
    folder: ClassVar[str] = "cohorts"
    factual: ClassVar[bool] = True
    id: Id = Field(description="The file name without .yml, for example promotion-3.")
    number: Annotated[int, Count(1, 99)] = Field(description="The cohort's number: 1 for the first promotion.")
    name: Localized = Field(description="The cohort's name, for example « 3e promotion (2024-2025) ».")
    start: FlexDate = Field(description="When its work began.")
    end: FlexDate | None = Field(None, description="When its mandate ended (leave out while it is sitting).")
    summary: Localized = Field(description="What this cohort did, in a short paragraph (Markdown).")
    size: Annotated[int, Count(1, 1000)] | None = Field(None, description="How many members it had, when the sources say.")
    composition: list[CompositionPart] = Field(default_factory=list, description="Members per group, as the sources state it. Leave empty when unknown.")
    composition_note: Localized | None = Field(None, description="What is known or not about the composition (Markdown).")
    draw: Localized | None = Field(None, description="How the members were drawn by lot (Markdown).")
    phases: list[Phase] = Field(default_factory=list, description="The phases of its work, in order.")
    phases_note: Localized | None = Field(None, description="What is known or not about the phases.")
    workshops: list[Workshop] = Field(default_factory=list, description="Its workshops.")
    official_pages: list[Link] = Field(default_factory=list, description="The City's pages about this cohort.")
    member_list_source: Source | None = Field(None, description="A source that says the City publishes this cohort's member list, with the passage in its note. Leave out when no source mentions such a list: the site then says only that no list is recorded here.")
    follow_up_documents: list[FollowUpDocument] = Field(default_factory=list, description="Follow-up documents the City published for this cohort's measures (droit de suite), oldest first.")
    former_ids: list[Id] = Field(default_factory=list, description="Ids this record had before (its file was renamed). Their old addresses redirect here; never reuse them.")
    sources: list[Source] = Field(default_factory=list, description="The documents that prove what this record says.")


class Topic(Record):
    record_kind: ClassVar[str] = "topic"
    folder: ClassVar[str] = "topics"
    factual: ClassVar[bool] = True
    id: Id = Field(description="The file name without .yml, for example ac3-solitude.")
    cohort: Id = Field(description="The cohort's id (a file name in data/cohorts/).")
    workshop: Id | None = Field(None, description="The workshop's id within the cohort (leave out if the sources do not say).")
    output: Annotated[str, OUTPUT_KINDS.field("What the workshop wrote: voeu or deliberation.")]
    title: Localized = Field(description="The topic's title, as the sources name it.")
    text_title: Localized | None = Field(None, description="The title of the vœu or délibération itself.")
    summary: Localized = Field(description="What the text asks for, in a short paragraph (Markdown).")
    vote: Vote | None = Field(None, description="The Conseil de Paris vote.")
    measures: Annotated[str, LIST_COMPLETENESS.field("Whether the recommendations recorded for this topic are all its measures.")]
    measures_note: Localized | None = Field(None, description="What is known about the measures that are not recorded.")
    documents: list[Link] = Field(default_factory=list, description="The text itself and related documents.")
    former_ids: list[Id] = Field(default_factory=list, description="Ids this record had before (its file was renamed). Their old addresses redirect here; never reuse them.")
    sources: list[Source] = Field(default_factory=list, description="The documents that prove what this record says.")


class Correction(Record):
    """What a follow-up entry corrects: an earlier entry of the same recommendation, named by its date
    and assessor, that stays in the history marked as corrected; this entry takes its place everywhere
    the follow-up is counted or shown."""

    entry_date: IsoDate = Field(description="The date of the entry this one corrects, as that entry gives it (YEAR-MONTH-DAY).")
    entry_assessor: Annotated[str, ASSESSORS.field("The assessor of the entry this one corrects, when it is not this entry's own.")] | None = None
    date: IsoDate = Field(description="The day the correction was made (YEAR-MONTH-DAY).")
    reason: Localized = Field(description="What was wrong in the corrected entry, in a sentence (for example: the status was entered from the wrong line of the City's table).")


class FollowUpEntry(Record):
    date: IsoDate = Field(description="The day of this assessment (YEAR-MONTH-DAY).")
    assessor: Annotated[str, ASSESSORS.field("Who assesses: city, members or observer.")]
    response: Annotated[str, RESPONSES.field("The City's answer to the measure.")] | None = None
    status: Text = Field(description="The implementation status: an id from data/statuses.yml.")
    progress: Annotated[int, Count(0, 100)] | None = Field(None, description="Progress in %, when it differs from the status's default (then say why).")
    progress_reason: Localized | None = Field(None, description="Why the progress differs from the status's default.")
    fidelity: Annotated[str, FIDELITY.field("How faithful what is done is to what was voted.")] | None = None
    target: FlexDate | None = Field(None, description="When the City plans to complete the measure.")
    target_reason: Localized | None = Field(None, description="Why the target date moved, when it differs from the previous entry's.")
    answer: Localized | None = Field(None, description="The answer in words (Markdown).")
    sources: list[Source] = Field(default_factory=list, description="The documents that prove this assessment. Required.")
    corrects: Correction | None = Field(None, description="Only in an entry that corrects an earlier one: which entry (its date and assessor), when and why. The earlier entry stays, marked as corrected; never edit it.")


class Recommendation(Record):
    record_kind: ClassVar[str] = "recommendation"
    folder: ClassVar[str] = "recommendations"
    factual: ClassVar[bool] = True
    id: Id = Field(description="The file name without .yml, for example ac2-sans-abrisme-03.")
    topic: Id = Field(description="The topic's id (a file name in data/topics/).")
    number: Annotated[int, Count(1, 999)] | None = Field(None, description="The measure's number in the voted text, when it has one (with a secondary source, the number that source gives: it is shown as the source's, never as the official one).")
    title: Localized = Field(description="A short title for the measure. Write it in your own words: quotation marks only around a real quotation.")
    known_from: Annotated[str, KNOWN_FROM.field("Where the measure is known from: official_text, press, political_group or other_secondary. A measure known only from a secondary source says so wherever it appears.")] = "official_text"
    text: Localized = Field(description="The measure as voted, or as the sources quote it (Markdown).")
    text_is_excerpt: Flag = Field(False, description="true when `text` quotes a source rather than the official text.")
    department: Localized | None = Field(None, description="The City department in charge (leave out if unknown).")
    elected_official: Text | None = Field(None, description="The deputy mayor in charge, as the City names them (leave out if unknown).")
    follow_up: list[FollowUpEntry] = Field(default_factory=list, description="The dated follow-up entries, oldest first. Never edit a past entry: add a new one.")
    related_hearings: list[Id] = Field(default_factory=list, description="Ids of hearings that informed this measure.")
    related_recommendations: list[Id] = Field(default_factory=list, description="Ids of related recommendations.")
    former_ids: list[Id] = Field(default_factory=list, description="Ids this record had before (its file was renamed). Their old addresses redirect here; never reuse them.")
    sources: list[Source] = Field(default_factory=list, description="The documents that prove what this record says.")


class Speaker(Record):
    name: Text = Field(description="The speaker's name as the City publishes it.")
    role: Localized | None = Field(None, description="Their role.")
    organisation: Text | None = Field(None, description="Their organisation.")
    kind: Annotated[str, SPEAKER_KINDS.field("researcher, association, administration, elected_official or other.")]


class Hearing(Record):
    record_kind: ClassVar[str] = "hearing"
    folder: ClassVar[str] = "hearings"
    factual: ClassVar[bool] = True
    id: Id = Field(description="The file name without .yml.")
    cohort: Id = Field(description="The cohort's id.")
    topic: Id | None = Field(None, description="The topic's id, when the hearing served one topic.")
    workshop: Id | None = Field(None, description="The workshop's id within the cohort.")
    format: Annotated[str, HEARING_KINDS.field("audition or visit.")]
    date: FlexDate = Field(description="When it took place.")
    title: Localized = Field(description="What the hearing was about.")
    speakers: list[Speaker] = Field(default_factory=list, description="Who spoke.")
    summary: Localized | None = Field(None, description="What was said (Markdown).")
    resources: list[Link] = Field(default_factory=list, description="Videos, slides, documents.")
    former_ids: list[Id] = Field(default_factory=list, description="Ids this record had before (its file was renamed). Their old addresses redirect here; never reuse them.")
    sources: list[Source] = Field(default_factory=list, description="The documents that prove what this record says.")


class Member(Record):
    display_name: Text | None = Field(None, description="The name exactly as the City publishes it, at the member's consent level. Leave out for counted_only.")
    category: Annotated[str, CATEGORIES.field("electoral_rolls, non_eu_residents or minors.")]
    workshop: Id | None = Field(None, description="The workshop's id within the cohort.")
    consent: Annotated[str, CONSENT_LEVELS.field("What the member agreed to have published.")]


class MemberList(Record):
    record_kind: ClassVar[str] = "member list"
    folder: ClassVar[str] = "members"
    factual: ClassVar[bool] = True
    id: Id = Field(description="The file name without .yml, for example promotion-3.")
    cohort: Id = Field(description="The cohort's id.")
    published_list: Link | None = Field(None, description="Where the City publishes the list.")
    members: list[Member] = Field(default_factory=list, description="One entry per member. Never add contact details or anything private.")
    sources: list[Source] = Field(default_factory=list, description="The documents that prove what this record says.")


class Meeting(Record):
    record_kind: ClassVar[str] = "meeting"
    folder: ClassVar[str] = "meetings"
    factual: ClassVar[bool] = True
    id: Id = Field(description="The file name without .yml.")
    type: Annotated[str, MEETING_KINDS.field("plenary, follow_up, veille or council.")]
    date: FlexDate = Field(description="When it took place.")
    cohorts: list[Id] = Field(default_factory=list, description="The cohorts concerned.")
    title: Localized = Field(description="A short title.")
    subjects: list[Localized] = Field(default_factory=list, description="The subjects discussed.")
    topics: list[Id] = Field(default_factory=list, description="Ids of topics discussed.")
    summary: Localized | None = Field(None, description="What happened (Markdown).")
    documents: list[Link] = Field(default_factory=list, description="Minutes and documents.")
    former_ids: list[Id] = Field(default_factory=list, description="Ids this record had before (its file was renamed). Their old addresses redirect here; never reuse them.")
    sources: list[Source] = Field(default_factory=list, description="The documents that prove what this record says.")


class Figure(Record):
    label: Localized = Field(description="What is counted, for example « projets votés ».")
    value: Text = Field(description="The figure as the source gives it, for example 1 345 or 83 M€.")
    as_of: FlexDate | None = Field(None, description="The date the figure refers to.")
    source: Annotated[int, Count(1, 99)] = Field(description="Which of this record's sources gives the figure: 1 for the first.")
    note: Localized | None = Field(None, description="A caveat shown beside the figure, for example when two figures of the same source contradict each other.")


class Body(Record):
    record_kind: ClassVar[str] = "body"
    folder: ClassVar[str] = "bodies"
    factual: ClassVar[bool] = True
    id: Id = Field(description="The file name without .yml.")
    name: Localized = Field(description="The body's name.")
    created: FlexDate | None = Field(None, description="When it was created.")
    summary: Localized = Field(description="What it is and does (Markdown).")
    figures: list[Figure] = Field(default_factory=list, description="Key figures, each with its source.")
    order: Annotated[int, Count(0, 999)] = Field(100, description="Position on the participation page.")
    sources: list[Source] = Field(default_factory=list, description="The documents that prove what this record says.")


#: Record types stored one file per record, by folder under data/.
#: The page that lists what is awaited, `suivi/attendus/`, sits beside each cohort's follow-up report
#: (`suivi/<cohort id>/`): no cohort may take this id.
AWAITED_PAGE = "attendus"

FOLDER_TYPES: dict[str, type[Record]] = {
    m.folder: m for m in (Cohort, Topic, Recommendation, Hearing, MemberList, Meeting, Body)
}
#: Record types stored as a single file under data/.
SINGLE_FILES: dict[str, type[Record]] = {"site.yml": Site, "statuses.yml": StatusVocabulary}
