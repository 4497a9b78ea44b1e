"""The columns of the follow-up sheet and of the new-measures sheet, and the sheet that explains them.

A column is a header (French: the sheet is the City staff's), the field of the record it fills
(a path inside a follow-up entry, or inside a recommendation for new measures), the kind of value a
cell holds, and a French sentence on what to write. Its English description is the schema's own
(`schema.py`), and its drop-down values are the schema's `Choices` (or data/statuses.yml), so the
sheet cannot offer a value that `check` refuses, nor describe a field otherwise than the field
reference does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel

from ...records import schema, validate
from ...records.catalogue import N_, _, editor_language
from ...site.i18n import format_date

#: Kinds of cell values: what the reader accepts and the writers format.
INFO = "info"  # the current state, written for reading, never imported
ID = "id"
NUMBER = "number"  # a whole number (a measure's number)
TEXT = "text"
DATE = "date"  # a day
PARTIAL_DATE = "partial_date"  # a day, a month or a year
CHOICE = "choice"
PERCENT = "percent"
URL = "url"


def french(text: str) -> str:
    """French typography: a no-break space before : ; ? ! % and inside « »."""
    text = re.sub(r" ([:;?!»%])", "\u00a0\\1", text)
    return text.replace("« ", "«\u00a0")


@dataclass(frozen=True)
class Column:
    key: str
    fr: str  # the header, as the sheet shows it
    en: str
    kind: str
    #: Where the value goes: a path in a follow-up entry (follow-up sheet) or in a recommendation
    #: (new-measures sheet); () for the columns of the current state.
    field: tuple[str | int, ...] = ()
    help_fr: str = ""
    help_en: str = ""  # for columns the schema does not describe (the current state)
    required: bool = False
    #: A `schema.Choices` name, "status" (data/statuses.yml) or "topic" (the cohort's topics).
    choices: str = ""
    width_cm: float = 3.5
    #: What the explanation sheet says in « À remplir » when it is neither « obligatoire » nor
    #: « facultatif » (a cell needed only with another: a correction's reason, an address or a note).
    need_fr: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "fr", french(self.fr))
        object.__setattr__(self, "help_fr", french(self.help_fr))

    @property
    def is_new(self) -> bool:
        """A column of the new assessment (filled in by staff, read by the import)."""
        return self.kind != INFO and self.key != "id"


URL_HELP = ("L’adresse complète de ce document, qui commence par https://. Un document sans adresse publique "
            "(un courrier, un compte rendu remis aux membres) n’en a pas : dites alors dans « Source : note (FR) » "
            "comment le consulter.")
URL_NEED = "obligatoire, sauf avec une note"

#: The other fields of a source (`schema.Source`), in both sheets: who published it, when, and a note
#: (which says how to consult a document that has no web address).
SOURCE_DETAILS: tuple[Column, ...] = (
    Column("source_publisher", "Source : éditeur", "Source: publisher", TEXT, ("sources", 0, "publisher"), width_cm=4,
           help_fr="Qui a publié ce document : paris.fr, 20 Minutes… (facultatif)."),
    Column("source_published", "Source : publiée le", "Source: published on", PARTIAL_DATE, ("sources", 0, "published"),
           width_cm=2.8, help_fr="Quand ce document a été publié ou mis à jour, tel qu’il l’indique : un jour, un mois "
                                 "(2026-03) ou une année (facultatif)."),
    Column("source_note_fr", "Source : note (FR)", "Source: note (FR)", TEXT, ("sources", 0, "note", "fr"), width_cm=6,
           need_fr="obligatoire sans adresse web",
           help_fr="Ce qui, dans ce document, prouve ce qui est écrit, ou une réserve, en français. Pour un document "
                   "sans adresse web, dites comment le consulter (par exemple : « compte rendu remis aux membres, "
                   "consultable sur demande à la mairie »)."),
    Column("source_note_en", "Source : note (EN)", "Source: note (EN)", TEXT, ("sources", 0, "note", "en"), width_cm=6,
           help_fr="La même note en anglais (facultatif)."),
)

STATE_HELP = "L’état actuel de la mesure, tel que le site l’affiche (pour information : cette colonne n’est pas lue)."

FOLLOW_UP: tuple[Column, ...] = (
    Column("id", "Identifiant", "Id", ID, (), required=True, width_cm=5,
           help_fr="L’identifiant de la mesure (le nom de son fichier). Ne le modifiez pas : il dit à quelle mesure "
                   "la ligne s’ajoute.",
           help_en="The measure's id (its file name). Do not change it: it says which measure the row is added to."),
    Column("number", "N°", "No.", INFO, width_cm=1.2, help_fr="Le numéro de la mesure dans le texte voté.",
           help_en="The measure's number in the voted text."),
    Column("title", "Mesure", "Measure", INFO, width_cm=7, help_fr="Le titre court de la mesure.",
           help_en="The measure's short title (French)."),
    Column("department", "Direction", "Department", INFO, width_cm=4,
           help_fr="La direction de la Ville chargée de la mesure, quand on la connaît.",
           help_en="The City department in charge, when known."),
    Column("current_response", "Réponse actuelle", "Current response", INFO, help_fr=STATE_HELP,
           help_en="The measure's current state, as the site shows it (for information: not read)."),
    Column("current_status", "Statut actuel", "Current status", INFO, help_fr=STATE_HELP,
           help_en="The measure's current state, as the site shows it (for information: not read)."),
    Column("current_progress", "Progression actuelle", "Current progress", INFO, width_cm=2.5, help_fr=STATE_HELP,
           help_en="The measure's current state, as the site shows it (for information: not read)."),
    Column("current_fidelity", "Fidélité actuelle", "Current fidelity", INFO, help_fr=STATE_HELP,
           help_en="The measure's current state, as the site shows it (for information: not read)."),
    Column("current_target", "Échéance actuelle", "Current target date", INFO, width_cm=2.5, help_fr=STATE_HELP,
           help_en="The measure's current state, as the site shows it (for information: not read)."),
    Column("last_assessed", "Dernière évaluation", "Last assessed", INFO, width_cm=2.8, help_fr=STATE_HELP,
           help_en="The measure's current state, as the site shows it (for information: not read)."),
    # The new assessment: one follow-up entry per filled-in row.
    Column("date", "Date de l’évaluation", "Assessment date", DATE, ("date",), required=True, width_cm=2.8,
           help_fr="Le jour de l’évaluation : une date du tableur, ou 12/03/2026 (jour/mois/année), ou 2026-03-12."),
    Column("assessor", "Évaluée par", "Assessed by", CHOICE, ("assessor",), required=True, choices="assessor",
           help_fr="Qui évalue : choisissez dans la liste."),
    Column("response", "Réponse de la Ville", "City's response", CHOICE, ("response",), choices="response",
           help_fr="La réponse de la Ville à la mesure, quand la source la donne : choisissez dans la liste."),
    Column("status", "Statut", "Status", CHOICE, ("status",), required=True, choices="status", width_cm=4.5,
           help_fr="L’état de la mise en œuvre : choisissez dans la liste (les statuts de data/statuses.yml)."),
    Column("progress", "Progression (%)", "Progress (%)", PERCENT, ("progress",), width_cm=2.5,
           help_fr="Seulement si la source donne une progression différente de celle du statut : 60, « 60 % », ou 0,6 "
                   "au format pourcentage. Dites alors pourquoi dans « Raison de la progression »."),
    Column("progress_reason_fr", "Raison de la progression (FR)", "Reason for the progress (FR)", TEXT,
           ("progress_reason", "fr"), width_cm=5, help_fr="Pourquoi la progression diffère de celle du statut, en français."),
    Column("progress_reason_en", "Raison de la progression (EN)", "Reason for the progress (EN)", TEXT,
           ("progress_reason", "en"), width_cm=5, help_fr="La même raison en anglais (facultatif)."),
    Column("fidelity", "Fidélité", "Fidelity", CHOICE, ("fidelity",), choices="fidelity",
           help_fr="La fidélité de ce qui est fait au texte voté, quand la source la dit : choisissez dans la liste."),
    Column("target", "Échéance", "Target date", PARTIAL_DATE, ("target",), width_cm=2.5,
           help_fr="Quand la Ville prévoit d’achever la mesure : 2026-12-31, 2026-12 (un mois) ou 2026 (une année), "
                   "ou 31/12/2026, 12/2026, « décembre 2026 »."),
    Column("target_reason_fr", "Raison du changement d’échéance (FR)", "Reason the target date moved (FR)", TEXT,
           ("target_reason", "fr"), width_cm=5,
           help_fr="Si l’échéance diffère de la précédente : pourquoi, en français."),
    Column("target_reason_en", "Raison du changement d’échéance (EN)", "Reason the target date moved (EN)", TEXT,
           ("target_reason", "en"), width_cm=5, help_fr="La même raison en anglais (facultatif)."),
    Column("answer_fr", "Réponse en toutes lettres (FR)", "Answer in words (FR)", TEXT, ("answer", "fr"), width_cm=8,
           help_fr="La réponse de la Ville en toutes lettres, en français, telle que la source la donne."),
    Column("answer_en", "Réponse en toutes lettres (EN)", "Answer in words (EN)", TEXT, ("answer", "en"), width_cm=8,
           help_fr="La même réponse en anglais (facultatif : sans elle, le site anglais affiche le texte français, "
                   "signalé comme non traduit)."),
    Column("source_title", "Source : titre", "Source: title", TEXT, ("sources", 0, "title"), required=True, width_cm=6,
           help_fr="Le titre exact du document public qui prouve cette évaluation (le compte rendu annuel du droit "
                   "de suite, par exemple)."),
    Column("source_url", "Source : adresse web", "Source: web address", URL, ("sources", 0, "url"), width_cm=6,
           need_fr=URL_NEED, help_fr=URL_HELP),
    Column("source_consulted", "Source : consultée le", "Source: consulted on", DATE, ("sources", 0, "consulted"),
           width_cm=2.8, help_fr="Le jour où vous avez lu ce document. Vide : le jour de l’import."),
    *SOURCE_DETAILS,
    # A correction (generator/records/ledger.py): the row replaces an entry already recorded, which stays.
    Column("corrects_date", "Corrige l’entrée du", "Corrects the entry of", DATE, ("corrects", "entry_date"),
           width_cm=2.8, need_fr="pour une correction",
           help_fr="Seulement si cette ligne corrige une entrée déjà enregistrée (une erreur de saisie, une source "
                   "mal lue) : la date de cette entrée, telle qu’elle est dans la fiche de la mesure. L’entrée corrigée "
                   "reste, marquée comme corrigée, et cette ligne prend sa place ; la correction est datée du jour de "
                   "l’import. Écrivez alors le motif."),
    Column("corrects_assessor", "Corrige l’entrée de", "Corrects the entry by", CHOICE, ("corrects", "entry_assessor"),
           choices="assessor",
           help_fr="Pour une correction, qui avait fait l’entrée corrigée, seulement si ce n’est pas l’évaluateur de "
                   "cette ligne. Vide : le même."),
    Column("corrects_reason_fr", "Motif de la correction (FR)", "Reason for the correction (FR)", TEXT,
           ("corrects", "reason", "fr"), width_cm=6, need_fr="pour une correction",
           help_fr="Ce qui était faux dans l’entrée corrigée, en une phrase, en français (par exemple : le statut "
                   "venait d’une autre ligne du tableau de la Ville)."),
    Column("corrects_reason_en", "Motif de la correction (EN)", "Reason for the correction (EN)", TEXT,
           ("corrects", "reason", "en"), width_cm=6, help_fr="Le même motif en anglais (facultatif)."),
)

NEW_MEASURES: tuple[Column, ...] = (
    Column("topic", "Sujet", "Topic", CHOICE, ("topic",), required=True, choices="topic", width_cm=5,
           help_fr="Le sujet (vœu ou délibération) de la mesure : choisissez son identifiant dans la liste."),
    Column("number", "N°", "No.", NUMBER, ("number",), width_cm=1.2,
           help_fr="Le numéro de la mesure dans le texte voté. Vide : le numéro suivant ceux déjà enregistrés."),
    Column("id", "Identifiant (facultatif)", "Id (optional)", ID, ("id",), width_cm=5,
           help_fr="Le nom du fichier à créer, en minuscules, chiffres et tirets. Vide : le sujet suivi du numéro "
                   "(par exemple ac2-sans-abrisme-03)."),
    Column("title_fr", "Titre (FR)", "Title (FR)", TEXT, ("title", "fr"), required=True, width_cm=7,
           help_fr="Un titre court pour la mesure, en français."),
    Column("title_en", "Titre (EN)", "Title (EN)", TEXT, ("title", "en"), width_cm=7,
           help_fr="Le même titre en anglais (facultatif)."),
    Column("text_fr", "Texte (FR)", "Text (FR)", TEXT, ("text", "fr"), required=True, width_cm=10,
           help_fr="La mesure telle qu’elle a été votée, en français."),
    Column("text_en", "Texte (EN)", "Text (EN)", TEXT, ("text", "en"), width_cm=10,
           help_fr="La mesure en anglais (facultatif)."),
    Column("department_fr", "Direction (FR)", "Department (FR)", TEXT, ("department", "fr"), width_cm=5,
           help_fr="La direction de la Ville chargée de la mesure, seulement si une source le dit."),
    Column("department_en", "Direction (EN)", "Department (EN)", TEXT, ("department", "en"), width_cm=5,
           help_fr="Son nom en anglais (facultatif)."),
    Column("source_title", "Source : titre", "Source: title", TEXT, ("sources", 0, "title"), width_cm=6,
           help_fr="Le titre exact du document public qui donne la mesure (le texte voté). Vide : la page « droit de "
                   "suite » de la Ville, à remplacer ensuite (la vérification le rappelle)."),
    Column("source_url", "Source : adresse web", "Source: web address", URL, ("sources", 0, "url"), width_cm=6,
           help_fr=URL_HELP),
    Column("source_consulted", "Source : consultée le", "Source: consulted on", DATE, ("sources", 0, "consulted"),
           width_cm=2.8, help_fr="Le jour où vous avez lu ce document. Vide : le jour de l’import."),
    *SOURCE_DETAILS,
)

FOLLOW_UP_BY_KEY = {c.key: c for c in FOLLOW_UP}

#: Sheet names (the explanation sheet, the new measures) and the noun of each choice list in messages.
EXPLANATION_SHEET = "Colonnes"
NEW_MEASURES_SHEET = "Nouvelles mesures"
CHOICE_NOUNS = {
    "assessor": N_("sheet_noun_assessor"),
    "response": N_("sheet_noun_response"),
    "status": N_("sheet_noun_status"),
    "fidelity": N_("sheet_noun_fidelity"),
    "topic": N_("sheet_noun_topic"),
}

#: Text columns whose line breaks are paragraphs (their field is Markdown: an answer, a reason, a
#: note, a measure's text); in the other text columns (titles, names) a line break is a space.
PARAGRAPHS = frozenset({"answer_fr", "answer_en", "progress_reason_fr", "progress_reason_en", "target_reason_fr",
                        "target_reason_en", "corrects_reason_fr", "corrects_reason_en", "source_note_fr",
                        "source_note_en", "text_fr", "text_en"})


# --------------------------------------------------------------------------- words of the messages


def quoted(text: str) -> str:
    """A value as messages quote it: « … » in French, "…" in English."""
    return _("sheet_quoted", text=text)


def percent(value: object) -> str:
    """A percentage as the editor's language writes it: 60 % (a no-break space) or 60%."""
    return f"{value}\u00a0%" if editor_language() == "fr" else f"{value}%"


def day(value: date) -> str:
    """A date in words, in the editor's language: « 12 mars 2026 », "12 March 2026"."""
    return format_date(value, editor_language())


def help_text(column: Column) -> str:
    """What to write in the column, in the editor's language (the English is the schema's own)."""
    if editor_language() == "fr":
        return column.help_fr
    return english_description(column, schema.FollowUpEntry if column in FOLLOW_UP else schema.Recommendation)


def count(number: int) -> str:
    """A whole number with its groups of thousands as the editor's language writes them."""
    grouped = f"{number:,}"
    return grouped.replace(",", "\u202f") if editor_language() == "fr" else grouped


def letter(number: int) -> str:
    """A column's letter as spreadsheets show it: 1 -> A, 27 -> AA."""
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


@dataclass(frozen=True)
class Option:
    """One value of a drop-down list: its id and what readers see in each language."""

    value: str
    fr: str
    en: str
    about_fr: str = ""
    about_en: str = ""


def options(name: str, statuses: Any = (), topics: Any = ()) -> tuple[Option, ...]:
    """The values a choice column accepts: a `schema.Choices`, the statuses (`schema.Status` in
    their order), or the topics (`schema.Topic`)."""
    if name == "status":
        return tuple(Option(s.id, s.label.fr, schema.text_in(s.label, "en"), s.definition.fr, s.definition.en or "")
                     for s in statuses)
    if name == "topic":
        return tuple(Option(t.id, t.id, t.id, t.title.fr, t.title.en or "") for t in topics)
    return tuple(Option(c.value, c.fr, c.en, "", c.description) for c in schema.Choices.registry[name].items.values())


def _model_at(model: type[BaseModel], path: tuple[str | int, ...]) -> tuple[type[BaseModel], str] | None:
    """(model, field name) of the last named field of `path`, walking through nested models."""
    names = [p for p in path if isinstance(p, str)]
    if not names:
        return None
    if names[-1] in ("fr", "en") and len(names) > 1:  # a language of a Localized: the text's own field
        path = path[: path.index(names[-2]) + 1]
        names = names[:-1]
    parent = validate.model_at(model, path[:-1]) if len(path) > 1 else model
    return (parent, names[-1]) if parent is not None and names[-1] in parent.model_fields else None


def english_description(column: Column, model: type[BaseModel]) -> str:
    """What the schema says about the column's field (English), with the language for a text."""
    if not column.field:
        return column.help_en
    found = _model_at(model, column.field)
    if found is None:
        return column.help_en
    parent, name = found
    description = schema.field_description(parent, name)
    language = column.field[-1] if column.field[-1] in ("fr", "en") else None
    if language:
        description += " In French." if language == "fr" else " In English (optional)."
    return description


#: Column widths of the explanation sheet, in cm (its columns are those of `explanation_rows`).
EXPLANATION_WIDTHS = (4.0, 4.5, 2.5, 8.0, 11.0, 4.0, 4.5, 8.0, 11.0)


def explanation_rows(statuses: Any, topics: Any) -> list[list[str]]:
    """The explanation sheet: a header row, then one row per column of both sheets."""
    header = ["Feuille", "Colonne", "À remplir", "Ce qu’il faut écrire", "Valeurs possibles",
              "Sheet", "Column", "What to write", "Values"]
    rows = [header]
    for sheet_fr, sheet_en, columns, model in (("Suivi (une feuille par sujet)", "Follow-up (one sheet per topic)",
                                                FOLLOW_UP, schema.FollowUpEntry),
                                               (NEW_MEASURES_SHEET, "New measures", NEW_MEASURES, schema.Recommendation)):
        for column in columns:
            choices = options(column.choices, statuses, topics) if column.choices else ()
            values_fr = "\n".join(french(f"{o.fr} : {o.about_fr}") if o.about_fr else o.fr for o in choices)
            values_en = "\n".join(f"{o.en}: {o.about_en}" if o.about_en else o.en for o in choices)
            need = column.need_fr or ("obligatoire" if column.required else ("non lue" if column.kind == INFO
                                                                               else "facultatif"))
            rows.append([french(sheet_fr), column.fr, need, column.help_fr, values_fr,
                         sheet_en, column.en, english_description(column, model), values_en])
    return rows
