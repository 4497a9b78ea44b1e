"""Schema: the single source of truth for every record's fields.

Each record type is a pydantic model that rejects unknown keys. Enumerations are `Choices`: their
values, and their labels in French and English, live here and nowhere else.

**Descriptions, in both languages, written once here.** What editors read about a field, a record
type or a choice is written here in French and in English, for the City staff who edit the YAML:

- a field: `describe(fr, en, …)` instead of `Field(…)` (pydantic's `description` is the English, and
  the field's JSON Schema holds the French beside it, as `description_fr`); a choice field:
  `CHOICES.field(fr, en)`;
- a record type or group of fields: `about = Bilingual(fr, en)` (a docstring is for developers, and
  never reaches editors: `Record`'s JSON Schema takes `about` only);
- each choice: its labels and what it means, in both languages (`Choices`' five-part items).

Everything reads them from here, in its reader's language: the JSON Schemas VS Code shows
(generator/editor/jsonschema.py, French first), the field reference page (reference.py), the open
data's column descriptions (publish/exports/tables.py) and the comments `new` writes
(editor/new.py). `field_words(model, name)` gives a field's description in both languages.

Values arrive from `load` as plain strings (the loader never guesses types), so the types below
convert text into dates, numbers and booleans themselves, with messages an editor can act on.

Over 400 lines: every record type and field, with the descriptions editors read, is here on
purpose: the single source of truth for the JSON Schemas, the field reference and `check`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
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
from pydantic.json_schema import JsonDict
from pydantic_core import PydanticCustomError, PydanticUndefined

from .catalogue import N_, _
from .markup import public_text
from .problems import did_you_mean, one_of

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


# --------------------------------------------------------------------------- descriptions


@dataclass(frozen=True)
class Bilingual:
    """A text for editors in French and in English: a field's description, a record type's (`about`),
    what a choice means, an open-data column's description."""

    fr: str
    en: str

    def get(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en

    def __add__(self, other: Bilingual) -> Bilingual:
        return Bilingual(self.fr + other.fr, self.en + other.en)


#: The key of the French description in the models' JSON Schemas, beside pydantic's `description`
#: (the English); generator/editor/jsonschema.py turns the two into what the editor shows.
DESCRIPTION_FR = "description_fr"


def describe(fr: str, en: str, default: Any = PydanticUndefined, **kwargs: Any) -> Any:
    """A field described for editors in both languages: `Field(default, **kwargs)` with the English as
    its `description` and the French beside it in its JSON Schema."""
    return Field(default, description=en, json_schema_extra={DESCRIPTION_FR: fr}, **kwargs)


# --------------------------------------------------------------------------- enumerations


@dataclass(frozen=True)
class Choice:
    value: str
    fr: str
    en: str
    #: What the value means, for editors.
    about: Bilingual = Bilingual("", "")

    def label(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en

    @property
    def description(self) -> str:
        """What the value means, in English."""
        return self.about.en


class Choices:
    """An enumeration: each value with its label and what it means, in both languages:
    `(value, French label, English label, French meaning, English meaning)`."""

    registry: ClassVar[dict[str, Choices]] = {}

    def __init__(self, name: str, *choices: tuple[str, str, str, str, str]) -> None:
        self.name = name
        self.items = {value: Choice(value, fr, en, Bilingual(about_fr, about_en))
                      for value, fr, en, about_fr, about_en in choices}
        Choices.registry[name] = self

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(self.items)

    def label(self, value: str | None, lang: str) -> str:
        if value is None or value not in self.items:
            return ""
        return self.items[value].label(lang)

    def field(self, fr: str, en: str) -> ChoiceOf:
        """Metadata for `Annotated[str, …]`: the value is one of these choices, and the field's JSON
        Schema lists each value with its labels; `fr`, `en`: the field's description."""
        return ChoiceOf(self, Bilingual(fr, en))


@dataclass(frozen=True)
class ChoiceOf(GroupedMetadata):
    """`Annotated[str, CHOICES.field("…", "…")]]`: one of `choices`' values (checked with a message that
    lists them), described for editors by a JSON Schema enumeration with the labels."""

    choices: Choices
    description: Bilingual

    def __iter__(self) -> Iterator[Any]:
        choices = self.choices
        yield BeforeValidator(_choice_validator(choices))
        yield WithJsonSchema({
            "type": "string",
            "enum": list(choices.values),
            "description": self.description.en,
            DESCRIPTION_FR: self.description.fr,
            "markdownEnumDescriptions": [
                f"**{c.fr}** — {c.about.fr}\n\n*{c.en} — {c.about.en}*" for c in choices.items.values()
            ],
            "x-choices": choices.name,
        })


def _choice_validator(choices: Choices):
    def check(value: Any) -> Any:
        if isinstance(value, str) and value in choices.items:
            return value
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
     "Tirés au sort sur les listes électorales de Paris (citoyens français et européens).",
     "Drawn by lot from the Paris electoral rolls (French and EU citizens)."),
    ("non_eu_residents", "Résidents hors Union européenne", "Non-EU residents",
     "Parisiens et Parisiennes d'une nationalité hors Union européenne, tirés au sort après un appel à candidatures.",
     "Parisians with a nationality outside the European Union, drawn by lot after a call for applications."),
    ("minors", "Mineurs de 16 à 17 ans", "Minors aged 16–17",
     "Jeunes Parisiens et Parisiennes de 16 ou 17 ans, tirés au sort parmi les titulaires de la Carte citoyenne.",
     "Young Parisians aged 16 or 17, drawn by lot among holders of the Carte citoyenne."),
)

WORKSHOP_KINDS = Choices(
    "workshop_kind",
    ("deliberation", "Atelier « Délibération »", "“Deliberation” workshop",
     "Rédige une délibération citoyenne sur un sujet choisi dans une liste proposée par la Maire.",
     "Writes a citizens' délibération on a topic chosen from a list proposed by the Mayor."),
    ("exploration", "Atelier « Exploration »", "“Exploration” workshop",
     "Choisit son propre sujet et rédige un vœu.",
     "Chooses its own topic and writes a vœu."),
    ("thematic", "Atelier thématique", "Thematic workshop",
     "Les ateliers thématiques de la première promotion (social et éducation, environnement, espace public).",
     "The first cohort's thematic workshops (social–education, environment, public space)."),
    ("veille", "Espace « Veille et Interpellation »", "“Monitoring and Questioning” space",
     "Des échanges ouverts avec l'exécutif de la Ville avant les séances du Conseil de Paris.",
     "Open exchanges with the City's executive before Conseil de Paris sessions."),
)

OUTPUT_KINDS = Choices(
    "output_kind",
    ("voeu", "Vœu", "Vœu (motion)",
     "Un texte que le Conseil de Paris vote pour demander à la Ville d'agir.",
     "A motion the Conseil de Paris votes on, asking the City to act."),
    ("deliberation", "Délibération", "Délibération (council decision)",
     "Une décision votée par le Conseil de Paris.",
     "A decision voted by the Conseil de Paris."),
)

VOTE_RESULTS = Choices(
    "vote_result",
    ("adopted", "Adopté", "Adopted", "Le Conseil de Paris a adopté le texte.",
     "The Conseil de Paris adopted the text."),
    ("rejected", "Rejeté", "Rejected", "Le Conseil de Paris a rejeté le texte.",
     "The Conseil de Paris rejected the text."),
    ("pending", "En attente du vote", "Awaiting the vote", "Le texte n'a pas encore été voté.",
     "The text has not been voted on yet."),
)

LIST_COMPLETENESS = Choices(
    "completeness",
    ("complete", "Liste complète", "Complete list",
     "Toutes les mesures du texte sont enregistrées ici.",
     "Every measure of the text is recorded here."),
    ("partial", "Liste partielle", "Partial list",
     "Seules certaines mesures sont enregistrées, parce que nos sources n'en citent que certaines.",
     "Only some measures are recorded, because the sources we have quote only some of them."),
    ("none", "Aucune mesure connue", "No measure known",
     "Nos sources ne donnent pas les mesures de ce texte.",
     "The sources we have do not list the measures of this text."),
)

KNOWN_FROM = Choices(
    "known_from",
    ("official_text", "Texte officiel", "Official text",
     "La mesure est enregistrée d'après le texte voté lui-même, ou d'après un document de la Ville qui le cite.",
     "The measure is recorded from the voted text itself, or from a City document that quotes it."),
    ("press", "Article de presse", "Press article",
     "La mesure n'est connue que par un article de presse ; le texte officiel n'est pas enregistré ici.",
     "The measure is known only from a press article; the official text is not recorded here."),
    ("political_group", "Intervention d'un groupe politique", "A political group's speech",
     "La mesure n'est connue que par l'intervention ou une publication d'un groupe politique ; le texte officiel n'est pas enregistré ici.",
     "The measure is known only from a political group's speech or publication; the official text is not recorded here."),
    ("other_secondary", "Autre source secondaire", "Other secondary source",
     "La mesure n'est connue que par une autre source secondaire (un blog, un rapport) ; le texte officiel n'est pas enregistré ici.",
     "The measure is known only from another secondary source (a blog, a report); the official text is not recorded here."),
)

ASSESSORS = Choices(
    "assessor",
    ("city", "La Ville", "The City", "Le compte rendu de la Ville elle-même (le suivi annuel).",
     "The City's own account (the annual follow-up)."),
    ("members", "Membres de l'Assemblée", "Assembly members",
     "Les membres de l'Assemblée, lors d'une réunion de suivi.",
     "The Assembly's members, in a follow-up meeting."),
    ("observer", "Observateur indépendant", "Independent observer",
     "Un tiers : des chercheurs, la presse, un organisme d'audit.",
     "A third party: researchers, press, an audit body."),
)

RESPONSES = Choices(
    "response",
    ("accepted", "Retenue", "Accepted", "La Ville reprend la mesure telle qu'elle a été votée.",
     "The City takes up the measure as voted."),
    ("partially_accepted", "Partiellement retenue", "Partially accepted",
     "La Ville reprend une partie de la mesure.",
     "The City takes up part of the measure."),
    ("not_retained", "Non retenue", "Not retained", "La Ville ne reprend pas la mesure.",
     "The City does not take up the measure."),
    ("outside_competence", "Hors compétence de la Ville", "Outside the City's competence",
     "La mesure relève d'une autre autorité (l'État, la Région…).",
     "The measure depends on another authority (the State, the region...)."),
)

FIDELITY = Choices(
    "fidelity",
    ("faithful", "Fidèle au texte voté", "Faithful to the voted text",
     "Ce qui est fait correspond à ce qui a été voté.",
     "What is done matches what was voted."),
    ("modified", "Modifiée", "Modified", "Ce qui est fait diffère, sur le fond, de ce qui a été voté.",
     "What is done differs from what was voted, in substance."),
    ("watered_down", "Affaiblie", "Watered down", "Ce qui est fait va moins loin que ce qui a été voté.",
     "What is done goes less far than what was voted."),
)

SPEAKER_KINDS = Choices(
    "speaker_kind",
    ("researcher", "Chercheur ou chercheuse", "Researcher", "Une personne du monde de la recherche, ou une experte, un expert.",
     "An academic or expert."),
    ("association", "Association", "Association", "Une association ou ses membres.",
     "A non-profit organisation or its members."),
    ("administration", "Administration", "Administration", "Un agent ou une agente de la Ville ou de l'État.",
     "A civil servant of the City or the State."),
    ("elected_official", "Élu ou élue", "Elected official", "Une personne élue, ou son équipe.",
     "An elected official or their staff."),
    ("other", "Autre", "Other", "Toute autre personne.",
     "Anyone else."),
)

HEARING_KINDS = Choices(
    "hearing_kind",
    ("audition", "Audition", "Hearing", "Une personne entendue par les membres.",
     "A speaker heard by the members."),
    ("visit", "Visite", "Visit", "Une visite sur le terrain.",
     "A site visit."),
)

CONSENT_LEVELS = Choices(
    "consent",
    ("full_name", "Nom complet", "Full name", "Le membre a accepté que son nom complet soit publié.",
     "The member agreed to have their full name published."),
    ("first_name_initial", "Prénom et initiale", "First name and initial",
     "Seuls le prénom et l'initiale du nom sont publiés.",
     "Only the first name and the initial of the last name are published."),
    ("counted_only", "Compté seulement", "Counted only",
     "Le membre est compté dans les chiffres, mais jamais nommé.",
     "The member is counted in the figures but never named."),
)

MEETING_KINDS = Choices(
    "meeting_kind",
    ("plenary", "Séance plénière", "Plenary session", "Tous les membres d'une promotion se réunissent.",
     "All members of a cohort meet."),
    ("follow_up", "Réunion de droit de suite", "Follow-up meeting",
     "Membres, agents de la Ville et élus passent en revue les mesures une à une.",
     "Members, civil servants and elected officials review the recommendations one by one."),
    ("veille", "Séance « Veille et Interpellation »", "“Monitoring and Questioning” session",
     "Un échange avec l'exécutif avant une séance du Conseil de Paris.",
     "Exchange with the executive before a Conseil de Paris session."),
    ("council", "Séance du conseil", "Council session",
     "Une séance du Conseil de Paris où les textes de l'Assemblée ont été débattus.",
     "A session of the Conseil de Paris where the Assembly's texts were debated."),
)

RESOURCE_FORMATS = Choices(
    "resource_format",
    ("page", "Page web", "Web page", "Une page web.",
     "A web page."),
    ("pdf", "PDF", "PDF", "Un document PDF.",
     "A PDF document."),
    ("video", "Vidéo", "Video", "Une vidéo.",
     "A video."),
    ("slides", "Présentation", "Slides", "Un diaporama.",
     "A slide deck."),
    ("audio", "Audio", "Audio", "Un enregistrement sonore.",
     "A sound recording."),
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


def parse_date(value: Any) -> date:
    """A date field's value (YYYY-MM-DD) as a date, else refused with a message that says how to
    write it (the `new` command and the sheet import read a day the same way)."""
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
    BeforeValidator(parse_date),
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


def parse_partial_date(value: Any) -> PartialDate:
    """A date known to the year, the month or the day (YYYY, YYYY-MM, YYYY-MM-DD) as a PartialDate,
    else refused with a message that says how to write it."""
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


#: How a date known to the year, the month or the day is written.
PARTIAL_DATE = Bilingual("ANNÉE-MOIS-JOUR, ou ANNÉE-MOIS, ou ANNÉE quand le jour n'est pas connu.",
                         "YEAR-MONTH-DAY, or YEAR-MONTH, or YEAR when the day is not known.")

FlexDate = Annotated[
    PartialDate,
    BeforeValidator(parse_partial_date),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    # A year alone may be written unquoted (`published: 2024`): `check` reads it as the text "2024",
    # while the editor (YAML 1.2) reads an integer, which the schema accepts as a year.
    WithJsonSchema({"type": ["string", "integer"], "pattern": _PARTIAL_PATTERN, "minimum": 1000, "maximum": 9999,
                    "description": PARTIAL_DATE.en, DESCRIPTION_FR: PARTIAL_DATE.fr,
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
        public = public_text(value)
        if value.strip() and not public.strip():
            raise refused("empty_text", _("check_empty_text_hidden_html"))
        value = public
    return _parse_text(value)


# `check` reads every value as text, so a text may look like a number or a boolean (`fr: 1789`),
# which the editor (YAML 1.2) reads as one: the schema accepts those too.
Text = Annotated[str, BeforeValidator(_parse_public_text),
                 WithJsonSchema({"type": ["string", "number", "boolean"], "minLength": 1})]


def parse_id(value: Any) -> str:
    """A record's id (lower-case letters, digits and hyphens: ID_PATTERN), else refused with an id
    to write instead (the sheet import checks a new measure's id with it)."""
    _not_typed(value)
    text = _parse_text(value)
    if not re.fullmatch(ID_PATTERN, text):
        suggestion = re.sub(r"[^a-z0-9]+", "-", _ascii(text).lower()).strip("-")
        suggestion = suggestion or "ac3-solitude"
        raise refused("id_format", _("check_id_format", value=text, suggestion=suggestion),
                      {"value": text, "suggestion": suggestion})
    return text


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


# An id is text: an id of digits only is written in quotes (`id: "2024"`), as a status id that
# YAML reads as true or false (the editor reads `2024` as a number, `true` as a boolean).
Id = Annotated[str, BeforeValidator(parse_id), WithJsonSchema({"type": "string", "pattern": ID_PATTERN})]

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


def _about(json_schema: JsonDict, model: type) -> None:
    """A record type's JSON Schema describes it with its `about`, in both languages, never with its
    docstring (written for developers)."""
    json_schema.pop("description", None)
    about = getattr(model, "about", None)
    if about is not None:
        json_schema["description"], json_schema[DESCRIPTION_FR] = about.en, about.fr


class Record(BaseModel):
    """Base: unknown keys are errors; fields keep their declared order."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, json_schema_extra=_about)

    #: What the record type or group of fields is, for editors (None: its fields say it all).
    about: ClassVar[Bilingual | None] = None

    record_kind: ClassVar[str] = ""
    folder: ClassVar[str] = ""
    #: True when the record states facts and so must list its sources.
    factual: ClassVar[bool] = False


class Localized(Record):
    about = Bilingual(
        "Un texte en français (obligatoire) et en anglais (recommandé).",
        "A text in French (required) and English (recommended).",
    )

    fr: Text = describe("Le texte en français. Obligatoire.", "The text in French. Required.")
    en: Text | None = describe(
        "Le texte en anglais. S'il manque, le site anglais affiche le texte français, signalé comme pas encore traduit.",
        "The text in English. When it is missing, the English site shows the French text, marked as not yet translated.", default=None)

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


@cache
def _properties(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema().get("properties", {})


def field_words(model: type[BaseModel], name: str) -> Bilingual | None:
    """A field's description for editors, in both languages: the field's own, else its type's (a
    `Choices` field), as its JSON Schema gives them; None for a field the model does not have."""
    spec = _properties(model).get(name)
    for part in (spec, *spec.get("anyOf", [])) if spec else ():
        if part.get("description"):
            return Bilingual(part.get(DESCRIPTION_FR, ""), part["description"])
    return None


def field_description(model: type[BaseModel], name: str, lang: str = "en") -> str:
    """A field's description for editors in `lang` (field_words); "" for a field the model does not have."""
    words = field_words(model, name)
    return words.get(lang) if words else ""


class Source(Record):
    about = Bilingual(
        "Un document public qui prouve ce que dit la fiche.",
        "A public document that proves what the record says.",
    )

    title: Text = describe(
        "Le titre de la page ou du document, tel qu'il y apparaît.",
        "The title of the page or document, as it appears there.", examples=["Le « droit de suite » : garantie de l'impact de l'Assemblée citoyenne"])
    url: Url | None = describe(
        "L'adresse web complète (https://…). Omettez-la seulement pour un document sans adresse publique, et dites alors dans `note` comment le consulter.",
        "The full web address (https://…). Leave out only for a document with no public address, and then say in `note` how it can be consulted.", default=None)
    publisher: Text | None = describe(
        "Qui l'a publié : paris.fr, 20 Minutes, OIDP…",
        "Who published it: paris.fr, 20 Minutes, OIDP…", default=None)
    published: FlexDate | None = describe(
        "Quand il a été publié ou mis à jour pour la dernière fois, tel que la page l'indique.",
        "When it was published or last updated, as the page shows it.", default=None)
    consulted: IsoDate = describe(
        "Le jour où vous l'avez lu pour écrire cette fiche (ANNÉE-MOIS-JOUR).",
        "The day you read it to write this record (YEAR-MONTH-DAY).")
    note: Localized | None = describe(
        "Ce qui, dans cette source, appuie la fiche, ou une réserve (par exemple : seul le début de la page a pu être lu).",
        "What in this source supports the record, or a caveat (for example: only the beginning of the page could be read).", default=None)

    @model_validator(mode="after")
    def _address_or_note(self) -> Source:
        if self.url is None and self.note is None:
            raise refused("source_unreachable", _("check_source_unreachable"))
        return self


class Link(Record):
    about = Bilingual(
        "Un lien vers une page ou un document, avec un titre dans chaque langue.",
        "A link to a page or document, with a title in each language.",
    )

    title: Localized = describe(
        "Ce vers quoi mène le lien, en français et en anglais.",
        "What the link leads to, in French and English.")
    url: Url = describe("L'adresse web complète (https://…).", "The full web address (https://…).")
    format: Annotated[str, RESOURCE_FORMATS.field("Le type de ressource.", "The kind of resource.")] | None = None
    size: Text | None = describe(
        "La taille d'un fichier à télécharger, telle que les lecteurs doivent la voir (par exemple 2,3 Mo).",
        "The size of a download, as readers should see it (for example 2.3 Mo).", default=None)


class Phase(Record):
    about = Bilingual(
        "Une phase des travaux d'une promotion.",
        "A phase of a cohort's work.",
    )

    name: Localized = describe(
        "Le nom de la phase, par exemple « Découverte et détermination des mandats ».",
        "The phase's name, for example « Découverte et détermination des mandats ».")
    start: FlexDate = describe(
        "Quand la phase a commencé : ANNÉE-MOIS-JOUR, ANNÉE-MOIS ou ANNÉE.",
        "When the phase began: YEAR-MONTH-DAY, YEAR-MONTH or YEAR.")
    end: FlexDate | None = describe(
        "Quand la phase s'est achevée (à omettre si on ne le sait pas).",
        "When the phase ended (leave out if unknown).", default=None)
    description: Localized | None = describe(
        "Ce qui s'est passé pendant cette phase (Markdown).",
        "What happened in this phase (Markdown).", default=None)


class CompositionPart(Record):
    about = Bilingual(
        "Le nombre de membres d'un groupe, tel que les sources le donnent.",
        "How many members of one group a cohort had, as the sources state it.",
    )

    category: Annotated[str, CATEGORIES.field("Le groupe de membres.", "The group of members.")]
    count: Annotated[int, Count(0, 1000)] = describe(
        "Le nombre de membres de ce groupe.",
        "The number of members of this group.")


class Workshop(Record):
    about = Bilingual(
        "Un atelier d'une promotion.",
        "One of a cohort's workshops.",
    )

    id: Id = describe(
        "Un identifiant court, unique dans la promotion, par exemple deliberation.",
        "A short id, unique within the cohort, for example deliberation.")
    kind: Annotated[str, WORKSHOP_KINDS.field("Le type d'atelier.", "The kind of workshop.")]
    name: Localized = describe("Le nom de l'atelier.", "The workshop's name.")
    description: Localized | None = describe(
        "Ce que fait l'atelier (Markdown).",
        "What the workshop does (Markdown).", default=None)


class Vote(Record):
    about = Bilingual(
        "Le vote du Conseil de Paris sur le texte.",
        "The Conseil de Paris vote on the text.",
    )

    body: Localized = describe(
        "Qui a voté, en général « Conseil de Paris ».",
        "Who voted, usually « Conseil de Paris ».")
    date: FlexDate = describe(
        "La date de la séance (ANNÉE-MOIS si le jour n'est pas connu).",
        "The session's date (YEAR-MONTH when the day is not known).")
    result: Annotated[str, VOTE_RESULTS.field("Le résultat du vote.", "The result of the vote.")]
    note: Localized | None = describe(
        "Ce que les lecteurs doivent savoir du vote.",
        "Anything readers should know about the vote.", default=None)


class FollowUpRule(Record):
    about = Bilingual(
        "Quand la Ville a dit qu'elle répond, avec la source qui le dit : les échéances ne viennent que d'ici.",
        "When the City has said it answers, with the source that says so: due dates come only from here.",
    )

    first_after_months: Annotated[int, Count(1, 60)] = describe(
        "Combien de mois après le vote le premier suivi de la Ville est attendu, selon la règle (« un an après » : 12).",
        "How many months after the vote the City's first follow-up is due, as the rule says (« un an après »: 12).")
    then_every_months: Annotated[int, Count(1, 60)] | None = describe(
        "Combien de mois après chaque suivi le suivant est attendu, quand une règle le dit (un suivi annuel : 12). À omettre quand aucune source ne dit que le suivi se répète.",
        "How many months after each follow-up the next one is due, when a rule says so (a yearly follow-up: 12). Leave out when no source says the follow-up repeats.", default=None)
    text: Localized = describe(
        "La règle dans les mots de ses sources, entre guillemets (« … »), telle que les lecteurs la voient à côté de chaque échéance ; en anglais, dites quand la traduction est la vôtre (Markdown).",
        "The rule in the words of its sources, between quotation marks (« … »), as readers see it beside every due date; in English, say when the translation is yours (Markdown).")
    sources: list[Source] = describe(
        "Les pages qui énoncent la règle, chacune avec le passage dans sa note.",
        "The pages that state the rule, each with the passage in its note.", min_length=1)


class FollowUpDocument(Record):
    about = Bilingual(
        "Un document de suivi que la Ville a publié pour toute une promotion (le document du droit de suite).",
        "A follow-up document the City published for a whole cohort (the droit de suite document).",
    )

    title: Localized = describe(
        "Le titre du document, tel qu'il y figure ou sur la page qui y mène.",
        "The document's title, as it appears on it or on the page that links it.")
    url: Url = describe("Où le document est publié (https://…).", "Where the document is published (https://…).")
    date: FlexDate = describe(
        "La date que porte le document (son titre, sa couverture ou son nom de fichier) : ANNÉE-MOIS-JOUR, ANNÉE-MOIS ou ANNÉE.",
        "The date the document carries (its title, its cover or its file name): YEAR-MONTH-DAY, YEAR-MONTH or YEAR.")
    date_from_file_name: Flag = describe(
        "true quand la date n'est lue que dans le nom du fichier (pas dans le document ni sur la page qui y mène) : chaque page dit alors que la date vient du nom du fichier.",
        "true when the date is read only from the file name (not in the document nor on the page that links it): every page then says that the date comes from the file name.", default=False)
    format: Annotated[str, RESOURCE_FORMATS.field("Le type de ressource.", "The kind of resource.")] | None = None
    entered: Flag = describe(
        "false tant que son contenu n'est pas saisi ici en entrées de suivi : chaque page dit alors que la Ville l'a publié et que son contenu n'est pas encore saisi. true une fois que chaque réponse qu'il donne est saisie comme entrée de suivi de sa mesure.",
        "false while its content has not been entered here as follow-up entries: every page then says that the City published it and that its content is not entered yet. true once every answer it gives has been entered as a follow-up entry of its measure.", default=False)
    sources: list[Source] = describe(
        "La page qui mène au document ou qui dit que la Ville l'a publié.",
        "The page that links the document or says the City published it.", min_length=1)


class Legal(Record):
    about = Bilingual(
        "Ce que les mentions légales (LCEN art. 6-III) et la page des données personnelles (RGPD art. 13 et 14) doivent indiquer. Omettez ce qui n'est pas encore connu : la vérification signale chaque information manquante par un avertissement (une erreur à la publication), et la page la nomme comme manquante, sans jamais rien inventer.",
        "What the legal notice (LCEN art. 6-III) and the personal-data page (GDPR arts. 13 and 14) must state. Leave out what is not known yet: `check` lists every missing item in a warning (an error when publishing), and the page names it as missing, never a placeholder.",
    )

    publisher: Text | None = describe(
        "Qui publie le site : le nom complet d'une personne, ou le nom d'une personne morale (LCEN art. 6-III).",
        "Who publishes the site: a person's full name, or a legal entity's name (LCEN art. 6-III).", default=None)
    publisher_address: Text | None = describe(
        "L'adresse de l'éditeur : le siège social d'une personne morale, ou l'adresse d'une personne.",
        "The publisher's address: a legal entity's registered office, or a person's address.", default=None)
    publisher_phone: Text | None = describe(
        "Le numéro de téléphone de l'éditeur (LCEN art. 6-III) ; il doit aussi figurer dans `public_contacts`.",
        "The publisher's telephone number (LCEN art. 6-III); it must also be listed in `public_contacts`.", default=None)
    publisher_registered: Flag | None = describe(
        "true si l'éditeur est inscrit au registre du commerce et des sociétés ou au répertoire des métiers (une société, un artisan) ; false sinon (une association, une personne qui publie à titre privé).",
        "true when the publisher is registered in the trade and companies register (RCS) or the trades register: a company, a craftsman; false otherwise (an association, a person publishing privately).", default=None)
    publisher_registration: Text | None = describe(
        "Quand `publisher_registered` est true : le numéro d'inscription (RCS ou répertoire des métiers) et, pour une société, son capital social.",
        "When `publisher_registered` is true: the registration number (trade and companies register or trades register) and, for a company, its share capital.", default=None)
    director: Text | None = describe(
        "Le directeur ou la directrice de la publication : le nom d'une personne.",
        "The director of publication: a person's name.", default=None)
    host: Text | None = describe(
        "Le nom de l'hébergeur (qui stocke le site), par exemple GitHub, Inc.",
        "The host's name (who stores the site), for example GitHub, Inc.", default=None)
    host_address: Text | None = describe(
        "L'adresse postale de l'hébergeur.",
        "The host's postal address.", default=None)
    host_phone: Text | None = describe(
        "Le numéro de téléphone de l'hébergeur, tel qu'il le publie.",
        "The host's telephone number, as it publishes it.", default=None)
    data_controller: Text | None = describe(
        "Le responsable du traitement (RGPD art. 13) : qui décide des données personnelles que le site publie.",
        "The data controller (GDPR art. 13): who decides what personal data the site publishes.", default=None)
    privacy_contact: Text | None = describe(
        "Comment joindre le responsable du traitement sans compte GitHub : l'adresse électronique publique d'un service, un formulaire web (https://…) ou une adresse postale.",
        "How to reach the data controller without a GitHub account: a service's public e-mail address, a web form (https://…) or a postal address.", default=None)
    dpo_designated: Flag | None = describe(
        "true si le responsable du traitement a désigné un délégué à la protection des données (DPO) ; false s'il n'en a pas désigné : la page le dit alors en toutes lettres (RGPD art. 13-1-b).",
        "true when the data controller has designated a data protection officer (DPO); false when it has not: the page then says so in words (GDPR art. 13(1)(b)).", default=None)
    dpo_contact: Text | None = describe(
        "Quand `dpo_designated` est true : comment joindre le délégué à la protection des données sans compte GitHub (l'adresse électronique d'un service ou une adresse postale).",
        "When `dpo_designated` is true: how to reach the data protection officer without a GitHub account (a service's e-mail address or a postal address).", default=None)
    purposes: Localized | None = describe(
        "Les finalités du traitement : pourquoi le site publie des noms et des données sur des personnes, en une ou deux phrases (Markdown, RGPD art. 13-1-c).",
        "The purposes of the processing: why the site publishes names and data about people, in a sentence or two (Markdown, GDPR art. 13(1)(c)).", default=None)
    legal_basis: Localized | None = describe(
        "La base légale de la publication des noms (élus, intervenants, membres qui y ont consenti), en une ou deux phrases, avec l'intérêt légitime poursuivi quand c'est la base choisie (Markdown).",
        "The legal basis for publishing names (elected officials, speakers, members who consented), in a sentence or two, with the legitimate interest pursued when that is the basis (Markdown).", default=None)
    data_categories: Localized | None = describe(
        "Les catégories de données personnelles publiées (par exemple : nom, fonction, promotion), en une phrase (Markdown, RGPD art. 14-1-d).",
        "The categories of personal data published (for example: name, office, cohort), in a sentence (Markdown, GDPR art. 14(1)(d)).", default=None)
    data_sources: Localized | None = describe(
        "D'où viennent ces données quand elles ne sont pas recueillies auprès des personnes (par exemple les pages publiques de la Ville qui publient les noms des membres tirés au sort), en une ou deux phrases (Markdown, RGPD art. 14-2-f).",
        "Where the data come from when they are not collected from the people themselves (for example the City's public pages that publish the names of the members drawn by lot), in a sentence or two (Markdown, GDPR art. 14(2)(f)).", default=None)
    recipients: Localized | None = describe(
        "Les destinataires des données : qui les reçoit ou peut y accéder (les lecteurs du site, l'hébergeur, les réutilisateurs des données ouvertes…), en une ou deux phrases (Markdown, RGPD art. 13-1-e).",
        "The recipients of the data: who receives them or can access them (the site's readers, the host, those who reuse the open data…), in a sentence or two (Markdown, GDPR art. 13(1)(e)).", default=None)
    transfers: Localized | None = describe(
        "Les transferts hors de l'Union européenne et leurs garanties : par exemple un hébergement chez GitHub, Inc., aux États-Unis, et la garantie sur laquelle il repose (décision d'adéquation, clauses contractuelles types), ou une phrase disant qu'il n'y en a aucun (Markdown, RGPD art. 13-1-f).",
        "Transfers outside the European Union and their safeguards: for example hosting by GitHub, Inc., in the United States, and the safeguard it relies on (adequacy decision, standard contractual clauses), or a sentence saying there is none (Markdown, GDPR art. 13(1)(f)).", default=None)
    retention: Localized | None = describe(
        "Combien de temps les noms restent publiés, et ce qui se passe ensuite (Markdown).",
        "How long names stay published, and what happens then (Markdown).", default=None)
    provision: Localized | None = describe(
        "Si la fourniture des données est obligatoire (légale, réglementaire ou contractuelle) ou non, et ce qui se passe quand une personne ne les fournit pas, en une phrase (Markdown, RGPD art. 13-2-e).",
        "Whether providing the data is required (by law, regulation or contract) or not, and what happens when a person does not provide them, in a sentence (Markdown, GDPR art. 13(2)(e)).", default=None)


class Licence(Record):
    about = Bilingual(
        "La licence des données ouvertes que publie le site.",
        "The licence of the open data the site publishes.",
    )

    name: Text = describe(
        "L'identifiant court de la licence, par exemple etalab-2.0.",
        "The licence's short identifier, for example etalab-2.0.")
    title: Localized = describe(
        "Le nom de la licence, par exemple « Licence Ouverte 2.0 (Etalab) ».",
        "The licence's name, for example « Licence Ouverte 2.0 (Etalab) ».")
    url: Url = describe("Le texte de la licence (https://…).", "The licence's text (https://…).")


# --------------------------------------------------------------------------- records


#: The longest short name (data/site.yml short_name) that fits the header of a 320 px phone.
SHORT_NAME_MAX = 28
#: The longest statement of who publishes the site (publisher_short), shown above the header.
PUBLISHER_SHORT_MAX = 140


class Site(Record):
    about = Bilingual(
        "Le site lui-même : ses noms, qui le publie, la règle de suivi de la Ville, les mentions légales, la licence des données, les liens et les contacts publics.",
        "The site itself: its names, who publishes it, the City's follow-up rule, the legal notice, the data licence, links and public contacts.",
    )

    record_kind: ClassVar[str] = "site"
    name: Localized = describe("Le nom du site.", "The site's name.")
    tagline: Localized = describe("Une phrase sous le nom.", "One sentence under the name.")
    city: Localized = describe(
        "L'institution de la ville, sans article, dans chaque langue, comme « Ville de Paris » : les phrases du site écrivent « de la Ville de Paris ».",
        "The city's institution, without an article, as in « Ville de Paris » / « City of Paris »: the site's own sentences write « de la Ville de Paris », « of the City of Paris ».")
    council: Localized = describe(
        "Le conseil qui vote les textes de l'Assemblée, par exemple « Conseil de Paris ».",
        "The council that votes on the assembly's texts, for example « Conseil de Paris ».")
    short_name: Localized | None = describe(
        f"Le nom du site en quelques mots, affiché dans l'en-tête, où un téléphone a la place d'environ {SHORT_NAME_MAX} caractères (au plus {SHORT_NAME_MAX}). À omettre pour y afficher le nom complet.",
        f"The site's name in a few words, shown in the header, where a phone has room for about {SHORT_NAME_MAX} characters (at most {SHORT_NAME_MAX}). Leave out to show the full name there.", default=None)
    publisher: Localized = describe(
        "Qui publie le site (pour les mentions légales).",
        "Who publishes the site (for the legal notice).")
    publisher_short: Localized | None = describe(
        f"Qui publie le site, en une phrase courte affichée au-dessus de l'en-tête de chaque page (au plus {PUBLISHER_SHORT_MAX} caractères). À omettre tant qu'on ne le sait pas : rien n'y est alors dit.",
        f"Who publishes the site, in one short sentence shown above the header of every page (at most {PUBLISHER_SHORT_MAX} characters). Leave out when it is not known: then nothing is said there.", default=None)
    base_url: BaseUrl = describe(
        "Où le site est publié (https://…) ; un / est ajouté à la fin s'il manque.",
        "Where the site is published (https://…); a / is added at the end when it is missing.")
    repository: Url | None = describe(
        "Où sont conservés son code et ses données (pour « Modifier cette fiche »).",
        "Where its code and data are kept (for “Edit this record”).", default=None)
    follow_up_rule: FollowUpRule | None = describe(
        "La règle publiée par la Ville sur le moment où elle répond, avec ses sources. Sans elle, le site n'affiche aucune échéance nulle part.",
        "The City's published rule on when it answers, with its sources. Without it, the site shows no due date anywhere.", default=None)
    legal: Legal = describe(
        "Les informations obligatoires des mentions légales et de la page des données personnelles. La vérification (`check`) signale chacune de celles qui manquent par un avertissement (une erreur à la publication).",
        "The legal notice's and the personal-data page's required items. `check` lists every one left out in a warning (an error when publishing).", default_factory=Legal)
    data_licence: Licence | None = describe(
        "La licence des données ouvertes (datapackage.json, la page des données, les mentions légales). Elle ne couvre jamais les citations de documents de tiers, et le site le dit.",
        "The licence of the open data (datapackage.json, the data page, the legal notice). Quotations of third-party documents are never covered by it, and the site says so.", default=None)
    official_links: list[Link] = describe(
        "Les pages officielles listées dans le pied de page et sur l'accueil.",
        "Official pages listed in the footer and on the home page.", default_factory=list)
    contacts: list[Link] = describe(
        "Les pages de contact publiques (jamais l'adresse électronique personnelle de quelqu'un).",
        "Public contact pages (never a person's own e-mail address).", default_factory=list)
    public_contacts: list[Text] = describe(
        "Les adresses électroniques et numéros de téléphone de services que les textes et les pages peuvent afficher, un par ligne (par exemple l'adresse publique d'un service de la Ville). La vérification refuse toute autre coordonnée, et n'accepte jamais ici l'adresse ou le portable d'une personne.",
        "The e-mail addresses and phone numbers of services that texts and pages may show, one per line (for example a City service's public address). check refuses any other contact detail, and never accepts a person's own address or mobile number here.", default_factory=list)

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
    about = Bilingual(
        "Un statut de mise en œuvre, que donnent les entrées de suivi.",
        "An implementation status, as follow-up entries give it.",
    )

    id: StatusId = describe(
        "L'identifiant du statut dans les entrées de suivi, par exemple in_progress.",
        "The status id used in follow-up entries, for example in_progress.")
    label: Localized = describe("Le statut tel que les lecteurs le voient.", "The status as readers see it.")
    definition: Localized = describe(
        "Ce que veut dire le statut, en une ou deux phrases.",
        "What the status means, in one or two sentences.")
    progress: Annotated[int, Count(0, 100)] | None = describe(
        "La progression par défaut de ce statut, en % (à omettre quand elle n'a pas de sens).",
        "The default progress in % for this status (leave out when it has no meaning).", default=None)
    order: Annotated[int, Count(0, 100)] = describe(
        "La position dans les tableaux et les graphiques, du moins au plus avancé.",
        "Position in tables and charts, from the least to the most advanced.")
    final: Flag = describe(
        "true quand plus rien n'est attendu (réalisée, non retenue, sans objet).",
        "true when nothing more is expected (done, not retained, moot).")
    audit_term: Text | None = describe(
        "Le terme correspondant du vocabulaire de l'audit public (Cour des comptes).",
        "The matching term of the French public-audit vocabulary (Cour des comptes).", default=None)
    tone: Literal["neutral", "pending", "progress", "partial", "done", "stopped"] = describe(
        "La famille de couleurs des pastilles et des graphiques (la couleur n'est jamais le seul signe).",
        "The colour family in badges and charts (colour is never the only sign).")


class StatusVocabulary(Record):
    about = Bilingual(
        "Les statuts du suivi, du moins au plus avancé.",
        "The follow-up's statuses, from the least to the most advanced.",
    )

    record_kind: ClassVar[str] = "statuses"
    statuses: list[Status] = describe(
        "Les statuts, dans n'importe quel ordre (voir `order`).",
        "The statuses, in any order (see `order`).", min_length=1)
    not_assessed: StatusId = describe(
        "L'identifiant du statut affiché quand une mesure n'a pas encore d'entrée de suivi.",
        "The id of the status shown when a measure has no follow-up entry yet.")


class Cohort(Record):
    about = Bilingual(
        "Une promotion de l'Assemblée citoyenne.",
        "A cohort (promotion) of the Citizens' Assembly.",
    )

    record_kind: ClassVar[str] = "cohort"
    folder: ClassVar[str] = "cohorts"
    factual: ClassVar[bool] = True
    id: Id = describe(
        "Le nom du fichier sans .yml, par exemple promotion-3 ; c'est aussi l'adresse de sa page, qui ne change plus une fois publiée.",
        "The file name without .yml, for example promotion-3; it is also its page's address, which never changes once published.")
    number: Annotated[int, Count(1, 99)] = describe(
        "Le numéro de la promotion : 1 pour la première.",
        "The cohort's number: 1 for the first promotion.")
    name: Localized = describe(
        "Le nom de la promotion, par exemple « 3e promotion (2024-2025) ».",
        "The cohort's name, for example “3rd cohort (2024–2025)”.")
    start: FlexDate = describe("Quand ses travaux ont commencé.", "When its work began.")
    end: FlexDate | None = describe(
        "Quand son mandat s'est achevé (à omettre tant qu'elle siège).",
        "When its mandate ended (leave out while it is sitting).", default=None)
    summary: Localized = describe(
        "Ce qu'a fait cette promotion, en un court paragraphe (Markdown).",
        "What this cohort did, in a short paragraph (Markdown).")
    size: Annotated[int, Count(1, 1000)] | None = describe(
        "Combien de membres elle comptait, quand les sources le disent.",
        "How many members it had, when the sources say.", default=None)
    composition: list[CompositionPart] = describe(
        "Les membres par groupe, tels que les sources les donnent. À laisser vide si on ne le sait pas.",
        "Members per group, as the sources state it. Leave empty when unknown.", default_factory=list)
    composition_note: Localized | None = describe(
        "Ce que l'on sait ou non de la composition (Markdown).",
        "What is known or not about the composition (Markdown).", default=None)
    draw: Localized | None = describe(
        "Comment les membres ont été tirés au sort (Markdown).",
        "How the members were drawn by lot (Markdown).", default=None)
    phases: list[Phase] = describe(
        "Les phases de ses travaux, dans l'ordre.",
        "The phases of its work, in order.", default_factory=list)
    phases_note: Localized | None = describe(
        "Ce que l'on sait ou non des phases.",
        "What is known or not about the phases.", default=None)
    workshops: list[Workshop] = describe("Ses ateliers.", "Its workshops.", default_factory=list)
    official_pages: list[Link] = describe(
        "Les pages de la Ville sur cette promotion.",
        "The City's pages about this cohort.", default_factory=list)
    member_list_source: Source | None = describe(
        "Une source qui dit que la Ville publie la liste des membres de cette promotion, avec le passage dans sa note. À omettre quand aucune source ne parle d'une telle liste : le site dit alors seulement qu'aucune liste n'est enregistrée ici.",
        "A source that says the City publishes this cohort's member list, with the passage in its note. Leave out when no source mentions such a list: the site then says only that no list is recorded here.", default=None)
    follow_up_documents: list[FollowUpDocument] = describe(
        "Les documents de suivi que la Ville a publiés pour les mesures de cette promotion (droit de suite), du plus ancien au plus récent.",
        "Follow-up documents the City published for this cohort's measures (droit de suite), oldest first.", default_factory=list)
    former_ids: list[Id] = describe(
        "Les identifiants que cette fiche avait avant (son fichier a été renommé). Leurs anciennes adresses mènent ici ; ne les réutilisez jamais.",
        "Ids this record had before (its file was renamed). Their old addresses redirect here; never reuse them.", default_factory=list)
    sources: list[Source] = describe(
        "Les documents qui prouvent ce que dit cette fiche : au moins un, que la vérification exige.",
        "The documents that prove what this record says: at least one, which `check` requires.", default_factory=list)


class Topic(Record):
    about = Bilingual(
        "Un sujet sur lequel un atelier a travaillé, avec son vœu ou sa délibération.",
        "A subject a workshop worked on, with its vœu or délibération.",
    )

    record_kind: ClassVar[str] = "topic"
    folder: ClassVar[str] = "topics"
    factual: ClassVar[bool] = True
    id: Id = describe(
        "Le nom du fichier sans .yml, par exemple ac3-solitude ; c'est aussi l'adresse de sa page, qui ne change plus une fois publiée.",
        "The file name without .yml, for example ac3-solitude; it is also its page's address, which never changes once published.")
    cohort: Id = describe(
        "L'identifiant de la promotion (un nom de fichier de data/cohorts/).",
        "The cohort's id (a file name in data/cohorts/).")
    workshop: Id | None = describe(
        "L'identifiant de l'atelier dans la promotion (à omettre si les sources ne le disent pas).",
        "The workshop's id within the cohort (leave out if the sources do not say).", default=None)
    output: Annotated[str, OUTPUT_KINDS.field("Ce que l'atelier a rédigé.", "What the workshop wrote.")]
    title: Localized = describe(
        "Le titre du sujet, tel que les sources le nomment.",
        "The topic's title, as the sources name it.")
    text_title: Localized | None = describe(
        "Le titre du vœu ou de la délibération lui-même.",
        "The title of the vœu or délibération itself.", default=None)
    summary: Localized = describe(
        "Ce que demande le texte, en un court paragraphe (Markdown).",
        "What the text asks for, in a short paragraph (Markdown).")
    vote: Vote | None = describe("Le vote du Conseil de Paris.", "The Conseil de Paris vote.", default=None)
    measures: Annotated[str, LIST_COMPLETENESS.field(
        "Si les mesures enregistrées ici pour ce sujet sont toutes celles du texte.",
        "Whether the recommendations recorded for this topic are all its measures.")]
    measures_note: Localized | None = describe(
        "Ce que l'on sait des mesures qui ne sont pas enregistrées.",
        "What is known about the measures that are not recorded.", default=None)
    documents: list[Link] = describe(
        "Le texte lui-même et les documents liés.",
        "The text itself and related documents.", default_factory=list)
    former_ids: list[Id] = describe(
        "Les identifiants que cette fiche avait avant (son fichier a été renommé). Leurs anciennes adresses mènent ici ; ne les réutilisez jamais.",
        "Ids this record had before (its file was renamed). Their old addresses redirect here; never reuse them.", default_factory=list)
    sources: list[Source] = describe(
        "Les documents qui prouvent ce que dit cette fiche : au moins un, que la vérification exige.",
        "The documents that prove what this record says: at least one, which `check` requires.", default_factory=list)


class Correction(Record):
    about = Bilingual(
        "Ce que corrige une entrée de suivi : une entrée plus ancienne de la même mesure, désignée par sa date et son évaluateur, qui reste dans l'historique, marquée comme corrigée ; cette entrée prend sa place partout où le suivi est compté ou affiché.",
        "What a follow-up entry corrects: an earlier entry of the same recommendation, named by its date and assessor, that stays in the history marked as corrected; this entry takes its place everywhere the follow-up is counted or shown.",
    )

    entry_date: IsoDate = describe(
        "La date de l'entrée que celle-ci corrige, telle que cette entrée la donne (ANNÉE-MOIS-JOUR).",
        "The date of the entry this one corrects, as that entry gives it (YEAR-MONTH-DAY).")
    entry_assessor: Annotated[str, ASSESSORS.field(
        "L'évaluateur de l'entrée que celle-ci corrige, quand ce n'est pas celui de cette entrée.",
        "The assessor of the entry this one corrects, when it is not this entry's own.")] | None = None
    date: IsoDate = describe(
        "Le jour où la correction a été faite (ANNÉE-MOIS-JOUR).",
        "The day the correction was made (YEAR-MONTH-DAY).")
    reason: Localized = describe(
        "Ce qui était faux dans l'entrée corrigée, en une phrase (par exemple : le statut avait été saisi depuis la mauvaise ligne du tableau de la Ville).",
        "What was wrong in the corrected entry, in a sentence (for example: the status was entered from the wrong line of the City's table).")


class FollowUpEntry(Record):
    about = Bilingual(
        "Une évaluation datée de la mise en œuvre d'une mesure, avec ses sources. Une fois publiée, une entrée ne se modifie plus : une correction est une nouvelle entrée.",
        "A dated assessment of a measure's implementation, with its sources. Once published, an entry never changes: a correction is a new entry.",
    )

    date: IsoDate = describe(
        "Le jour de cette évaluation (ANNÉE-MOIS-JOUR).",
        "The day of this assessment (YEAR-MONTH-DAY).")
    assessor: Annotated[str, ASSESSORS.field("Qui évalue.", "Who assesses.")]
    response: Annotated[str, RESPONSES.field(
        "La réponse de la Ville à la mesure.",
        "The City's answer to the measure.")] | None = None
    status: Text = describe(
        "L'état de la mise en œuvre : un identifiant de data/statuses.yml.",
        "The implementation status: an id from data/statuses.yml.")
    progress: Annotated[int, Count(0, 100)] | None = describe(
        "La progression en %, quand elle diffère de celle du statut (dites alors pourquoi dans progress_reason).",
        "Progress in %, when it differs from the status's default (then say why in progress_reason).", default=None)
    progress_reason: Localized | None = describe(
        "Pourquoi la progression diffère de celle du statut.",
        "Why the progress differs from the status's default.", default=None)
    fidelity: Annotated[str, FIDELITY.field(
        "La fidélité de ce qui est fait au texte voté.",
        "How faithful what is done is to what was voted.")] | None = None
    target: FlexDate | None = describe(
        "Quand la Ville prévoit d'achever la mesure ; quand cette date diffère de celle de l'entrée précédente, dites pourquoi dans target_reason.",
        "When the City plans to complete the measure; when it differs from the previous entry's, say why in target_reason.", default=None)
    target_reason: Localized | None = describe(
        "Pourquoi la date prévue a changé, quand elle diffère de celle de l'entrée précédente.",
        "Why the target date moved, when it differs from the previous entry's.", default=None)
    answer: Localized | None = describe(
        "La réponse en toutes lettres (Markdown).",
        "The answer in words (Markdown).", default=None)
    sources: list[Source] = describe(
        "Les documents qui prouvent cette évaluation : au moins un, que la vérification exige.",
        "The documents that prove this assessment: at least one, which `check` requires.", default_factory=list)
    corrects: Correction | None = describe(
        "Seulement dans une entrée qui en corrige une plus ancienne : quelle entrée (sa date et son évaluateur), quand et pourquoi. L'entrée corrigée reste, marquée comme corrigée ; ne la modifiez jamais.",
        "Only in an entry that corrects an earlier one: which entry (its date and assessor), when and why. The earlier entry stays, marked as corrected; never edit it.", default=None)


class Recommendation(Record):
    about = Bilingual(
        "Une mesure d'un vœu ou d'une délibération, avec son suivi.",
        "A measure of a vœu or délibération, with its follow-up.",
    )

    record_kind: ClassVar[str] = "recommendation"
    folder: ClassVar[str] = "recommendations"
    factual: ClassVar[bool] = True
    id: Id = describe(
        "Le nom du fichier sans .yml, par exemple ac2-sans-abrisme-03 ; c'est aussi l'adresse de sa page, qui ne change plus une fois publiée.",
        "The file name without .yml, for example ac2-sans-abrisme-03; it is also its page's address, which never changes once published.")
    topic: Id = describe(
        "L'identifiant du sujet (un nom de fichier de data/topics/).",
        "The topic's id (a file name in data/topics/).")
    number: Annotated[int, Count(1, 999)] | None = describe(
        "Le numéro de la mesure dans le texte voté, quand elle en a un (avec une source secondaire, le numéro que donne cette source : il est présenté comme celui de la source, jamais comme le numéro officiel).",
        "The measure's number in the voted text, when it has one (with a secondary source, the number that source gives: it is shown as the source's, never as the official one).", default=None)
    title: Localized = describe(
        "Un titre court pour la mesure. Écrivez-le avec vos mots : des guillemets seulement autour d'une vraie citation.",
        "A short title for the measure. Write it in your own words: quotation marks only around a real quotation.")
    known_from: Annotated[str, KNOWN_FROM.field(
        "D'où la mesure est connue ; sans ce champ, du texte officiel. Une mesure connue seulement par une source secondaire le dit partout où elle apparaît.",
        "Where the measure is known from; without this field, the official text. A measure known only from a secondary source says so wherever it appears.")] = "official_text"
    text: Localized = describe(
        "La mesure telle qu'elle a été votée, ou telle que les sources la citent (Markdown).",
        "The measure as voted, or as the sources quote it (Markdown).")
    text_is_excerpt: Flag = describe(
        "true quand `text` cite une source plutôt que le texte officiel.",
        "true when `text` quotes a source rather than the official text.", default=False)
    department: Localized | None = describe(
        "La direction de la Ville chargée de la mesure (à omettre si on ne la connaît pas).",
        "The City department in charge (leave out if unknown).", default=None)
    elected_official: Text | None = describe(
        "L'adjointe ou l'adjoint chargé de la mesure, comme la Ville le nomme (à omettre si on ne le connaît pas).",
        "The deputy mayor in charge, as the City names them (leave out if unknown).", default=None)
    follow_up: list[FollowUpEntry] = describe(
        "Les entrées de suivi datées, de la plus ancienne à la plus récente. Ne modifiez jamais une entrée passée : ajoutez-en une nouvelle.",
        "The dated follow-up entries, oldest first. Never edit a past entry: add a new one.", default_factory=list)
    related_hearings: list[Id] = describe(
        "Les identifiants des auditions qui ont nourri cette mesure (des noms de fichiers de data/hearings/).",
        "Ids of hearings that informed this measure (file names in data/hearings/).", default_factory=list)
    related_recommendations: list[Id] = describe(
        "Les identifiants des mesures liées (des noms de fichiers de data/recommendations/).",
        "Ids of related recommendations (file names in data/recommendations/).", default_factory=list)
    former_ids: list[Id] = describe(
        "Les identifiants que cette fiche avait avant (son fichier a été renommé). Leurs anciennes adresses mènent ici ; ne les réutilisez jamais.",
        "Ids this record had before (its file was renamed). Their old addresses redirect here; never reuse them.", default_factory=list)
    sources: list[Source] = describe(
        "Les documents qui prouvent ce que dit cette fiche : au moins un, que la vérification exige.",
        "The documents that prove what this record says: at least one, which `check` requires.", default_factory=list)


class Speaker(Record):
    about = Bilingual(
        "Une personne entendue lors d'une audition.",
        "Someone heard at a hearing.",
    )

    name: Text = describe(
        "Le nom de la personne, tel que la Ville le publie.",
        "The speaker's name, as the City publishes it.")
    role: Localized | None = describe("Son rôle.", "Their role.", default=None)
    organisation: Text | None = describe("Son organisme.", "Their organisation.", default=None)
    kind: Annotated[str, SPEAKER_KINDS.field("Le type d'intervenant.", "The kind of speaker.")]


class Hearing(Record):
    about = Bilingual(
        "Une audition ou une visite qui a nourri le travail d'un atelier.",
        "A hearing or visit that informed a workshop's work.",
    )

    record_kind: ClassVar[str] = "hearing"
    folder: ClassVar[str] = "hearings"
    factual: ClassVar[bool] = True
    id: Id = describe(
        "Le nom du fichier sans .yml ; c'est aussi l'adresse de sa page, qui ne change plus une fois publiée.",
        "The file name without .yml; it is also its page's address, which never changes once published.")
    cohort: Id = describe(
        "L'identifiant de la promotion (un nom de fichier de data/cohorts/).",
        "The cohort's id (a file name in data/cohorts/).")
    topic: Id | None = describe(
        "L'identifiant du sujet, quand l'audition a servi un seul sujet (un nom de fichier de data/topics/).",
        "The topic's id, when the hearing served one topic (a file name in data/topics/).", default=None)
    workshop: Id | None = describe(
        "L'identifiant de l'atelier dans la promotion (voir `workshops` dans la fiche de la promotion).",
        "The workshop's id within the cohort (see `workshops` in the cohort's record).", default=None)
    format: Annotated[str, HEARING_KINDS.field("Audition ou visite.", "A hearing or a visit.")]
    date: FlexDate = describe("Quand elle a eu lieu.", "When it took place.")
    title: Localized = describe("De quoi l'audition a traité.", "What the hearing was about.")
    speakers: list[Speaker] = describe(
        "Qui est intervenu. Jamais de coordonnées personnelles.",
        "Who spoke. Never any contact details.", default_factory=list)
    summary: Localized | None = describe("Ce qui a été dit (Markdown).", "What was said (Markdown).", default=None)
    resources: list[Link] = describe(
        "Vidéos, présentations, documents.",
        "Videos, slides, documents.", default_factory=list)
    former_ids: list[Id] = describe(
        "Les identifiants que cette fiche avait avant (son fichier a été renommé). Leurs anciennes adresses mènent ici ; ne les réutilisez jamais.",
        "Ids this record had before (its file was renamed). Their old addresses redirect here; never reuse them.", default_factory=list)
    sources: list[Source] = describe(
        "Les documents qui prouvent ce que dit cette fiche : au moins un, que la vérification exige.",
        "The documents that prove what this record says: at least one, which `check` requires.", default_factory=list)


class Member(Record):
    about = Bilingual(
        "Un membre d'une promotion, au niveau de consentement qu'il a donné.",
        "A member of a cohort, at the consent level they gave.",
    )

    display_name: Text | None = describe(
        "Le nom exactement tel que la Ville le publie, au niveau de consentement du membre. À omettre pour counted_only.",
        "The name exactly as the City publishes it, at the member's consent level. Leave out for counted_only.", default=None)
    consent: Annotated[str, CONSENT_LEVELS.field(
        "Ce que le membre a accepté de voir publié.",
        "What the member agreed to have published.")]


#: The fields a member had before groups and workshops were recorded as counts of the list: refused
#: with the command that moves them (`python -m generator migrate-members`).
MEMBER_FORMER_FIELDS = ("category", "workshop")


class WorkshopCount(Record):
    about = Bilingual(
        "Combien de membres de la liste sont dans un atelier.",
        "How many members of the list are in one workshop.",
    )

    workshop: Id = describe(
        "L'identifiant de l'atelier dans la promotion (voir `workshops` dans la fiche de la promotion).",
        "The workshop's id within the cohort (see `workshops` in the cohort's record).")
    count: Annotated[int, Count(0, 1000)] = describe(
        "Le nombre de membres de la liste dans cet atelier.",
        "The number of members of the list in this workshop.")


class MemberList(Record):
    about = Bilingual(
        "La liste des membres d'une promotion, telle que la Ville la publie.",
        "A cohort's member list, as the City publishes it.",
    )

    record_kind: ClassVar[str] = "member list"
    folder: ClassVar[str] = "members"
    factual: ClassVar[bool] = True
    id: Id = describe(
        "Le nom du fichier sans .yml, par exemple promotion-3 ; c'est aussi l'adresse de sa page, qui ne change plus une fois publiée.",
        "The file name without .yml, for example promotion-3; it is also its page's address, which never changes once published.")
    cohort: Id = describe(
        "L'identifiant de la promotion (un nom de fichier de data/cohorts/).",
        "The cohort's id (a file name in data/cohorts/).")
    published_list: Link | None = describe(
        "Où la Ville publie la liste.",
        "Where the City publishes the list.", default=None)
    members: list[Member] = describe(
        "Une entrée par membre : son nom et son consentement, rien d'autre. N'ajoutez jamais de coordonnées, de groupe, d'atelier ni rien de privé : les groupes et les ateliers sont des nombres, dans `composition` et `workshop_counts`.",
        "One entry per member: their name and consent, nothing else. Never add contact details, a group, a workshop or anything private: groups and workshops are counts, in `composition` and `workshop_counts`.", default_factory=list)
    composition: list[CompositionPart] = describe(
        "Combien de membres de la liste compte chaque groupe (leur total est le nombre d'entrées de `members`). À laisser vide si on ne le sait pas.",
        "How many members of the list each group has (their total is the number of entries of `members`). Leave empty when unknown.", default_factory=list)
    workshop_counts: list[WorkshopCount] = describe(
        "Combien de membres de la liste compte chaque atelier ; ceux dont l'atelier n'est pas connu ne sont comptés dans aucun.",
        "How many members of the list each workshop has; those whose workshop is not known are counted in none.", default_factory=list)
    sources: list[Source] = describe(
        "Les documents qui prouvent ce que dit cette fiche : au moins un, que la vérification exige.",
        "The documents that prove what this record says: at least one, which `check` requires.", default_factory=list)


class Meeting(Record):
    about = Bilingual(
        "Une séance plénière, une réunion de droit de suite, une séance « Veille et Interpellation » ou une séance du Conseil de Paris.",
        "A plenary session, a follow-up (right-to-follow-up) meeting, a “Monitoring and Questioning” session or a Conseil de Paris session.",
    )

    record_kind: ClassVar[str] = "meeting"
    folder: ClassVar[str] = "meetings"
    factual: ClassVar[bool] = True
    id: Id = describe(
        "Le nom du fichier sans .yml ; c'est aussi l'adresse de sa page, qui ne change plus une fois publiée.",
        "The file name without .yml; it is also its page's address, which never changes once published.")
    type: Annotated[str, MEETING_KINDS.field("Le type de réunion.", "The kind of meeting.")]
    date: FlexDate = describe("Quand elle a eu lieu.", "When it took place.")
    cohorts: list[Id] = describe(
        "Les promotions concernées (des noms de fichiers de data/cohorts/).",
        "The cohorts concerned (file names in data/cohorts/).", default_factory=list)
    title: Localized = describe("Un titre court.", "A short title.")
    subjects: list[Localized] = describe(
        "Les points abordés, chacun en français et en anglais.",
        "The subjects discussed, each in French and English.", default_factory=list)
    topics: list[Id] = describe(
        "Les identifiants des sujets de l'Assemblée discutés (des noms de fichiers de data/topics/).",
        "Ids of the Assembly's topics discussed (file names in data/topics/).", default_factory=list)
    summary: Localized | None = describe("Ce qui s'est passé (Markdown).", "What happened (Markdown).", default=None)
    documents: list[Link] = describe("Comptes rendus et documents.", "Minutes and documents.", default_factory=list)
    former_ids: list[Id] = describe(
        "Les identifiants que cette fiche avait avant (son fichier a été renommé). Leurs anciennes adresses mènent ici ; ne les réutilisez jamais.",
        "Ids this record had before (its file was renamed). Their old addresses redirect here; never reuse them.", default_factory=list)
    sources: list[Source] = describe(
        "Les documents qui prouvent ce que dit cette fiche : au moins un, que la vérification exige.",
        "The documents that prove what this record says: at least one, which `check` requires.", default_factory=list)


class Figure(Record):
    about = Bilingual(
        "Un chiffre clé d'une instance, avec sa source.",
        "A key figure of a body, with its source.",
    )

    label: Localized = describe(
        "Ce qui est compté, par exemple « projets votés ».",
        "What is counted, for example « projets votés ».")
    value: Text = describe(
        "Le chiffre tel que la source le donne, par exemple 1 345 ou 83 M€.",
        "The figure as the source gives it, for example 1 345 or 83 M€.")
    as_of: FlexDate | None = describe(
        "La date à laquelle le chiffre se rapporte.",
        "The date the figure refers to.", default=None)
    source: Annotated[int, Count(1, 99)] = describe(
        "Laquelle des sources de cette fiche donne le chiffre : 1 pour la première.",
        "Which of this record's sources gives the figure: 1 for the first.")
    note: Localized | None = describe(
        "Une réserve affichée à côté du chiffre, par exemple quand deux chiffres d'une même source se contredisent.",
        "A caveat shown beside the figure, for example when two figures of the same source contradict each other.", default=None)


class Body(Record):
    about = Bilingual(
        "Une autre instance de participation de la Ville (budget participatif, conseils de quartier…).",
        "Another participatory body of the City (participatory budget, neighbourhood councils…).",
    )

    record_kind: ClassVar[str] = "body"
    folder: ClassVar[str] = "bodies"
    factual: ClassVar[bool] = True
    id: Id = describe(
        "Le nom du fichier sans .yml ; c'est aussi l'adresse de sa page, qui ne change plus une fois publiée.",
        "The file name without .yml; it is also its page's address, which never changes once published.")
    name: Localized = describe("Le nom de l'instance.", "The body's name.")
    created: FlexDate | None = describe("Quand elle a été créée.", "When it was created.", default=None)
    summary: Localized = describe("Ce qu'elle est et ce qu'elle fait (Markdown).", "What it is and does (Markdown).")
    figures: list[Figure] = describe(
        "Les chiffres clés, chacun avec sa source.",
        "Key figures, each with its source.", default_factory=list)
    order: Annotated[int, Count(0, 999)] = describe(
        "La position sur la page « Participation ».",
        "Position on the participation page.", default=100)
    sources: list[Source] = describe(
        "Les documents qui prouvent ce que dit cette fiche : au moins un, que la vérification exige.",
        "The documents that prove what this record says: at least one, which `check` requires.", default_factory=list)


#: The page that lists what is awaited, `suivi/attendus/`, sits beside each cohort's follow-up report
#: (`suivi/<cohort id>/`): no cohort may take this id.
AWAITED_PAGE = "attendus"

#: Record types stored as a single file under data/.
SINGLE_FILES: dict[str, type[Record]] = {"site.yml": Site, "statuses.yml": StatusVocabulary}
