"""Messages: the problems `check` finds in the would-be files, said in French for the cell they come from.

The rules are `check`'s own (the schema, `validate.RULES` and `validate.ENTRY_RULES`); only their
wording changes here, because the person reading is looking at a sheet, not at YAML: the message
names the column, never a YAML key. A problem is recognised by what produced it (the pydantic error type, or the name of
the rule function), never by its English wording, so a rewording in `validate.py` does not silently
change what is said here. A problem this module has no French words for is shown with `check`'s
English message, so nothing is ever hidden.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...records import contacts, ledger, schema
from ...site.i18n import format_date
from .columns import Column, french

#: Rules whose warnings do not stop an import: a text not yet in English, and « À compléter » left
#: in a new measure, are what `new` itself writes and what the site shows as such. Every other
#: warning about a new row stops the import (a date in the future is most likely a typo; contact
#: details must never reach the repository, not even a pull request's branch).
NON_BLOCKING_RULES = frozenset({"translations_present", "nothing_left_to_complete"})


def _value(error: Mapping[str, Any]) -> str:
    value = error.get("input")
    return " ".join(str(value).split()) if value is not None else ""


def schema_message(error: Mapping[str, Any], column: Column | None, english: str) -> str:
    """French for one pydantic error on a would-be record (`english`: what `check` says)."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    loc = tuple(error.get("loc", ()))
    if kind == "missing":
        if loc and loc[-1] == "fr":
            return french("cette case est vide, alors que sa version anglaise est remplie : écrivez le texte en français.")
        if column is not None:
            return french(f"cette case est vide, et elle est obligatoire. {column.help_fr}")
    if kind == "url_format":
        return french(f"« {_value(error)} » n’est pas une adresse web que nous acceptons : écrivez l’adresse complète, "
                      "qui commence par https://.")
    if kind == "source_unreachable":
        return french("la source n’a pas d’adresse web : écrivez l’adresse complète du document (https://…), ou, pour "
                      "un document sans adresse publique, dites comment le consulter dans la colonne « Source : note "
                      "(FR) ».")
    if kind == "number_range":
        return french(f"{ctx.get('value', _value(error))} est en dehors des limites : écrivez un nombre entier de "
                      f"{ctx.get('low')} à {ctx.get('high')}.")
    if kind == "id_format":
        return french(f"« {_value(error)} » ne peut pas servir d’identifiant : il s’écrit en minuscules a-z, chiffres "
                      f"et tirets simples, par exemple « {ctx.get('suggestion', '')} ».")
    if kind == "empty_text":
        return french("cette case est vide : écrivez le texte, ou videz aussi les cases qui vont avec.")
    return english


def _fr_date(value: Any) -> str:
    return format_date(value, "fr")


def rule_message(rule: str, english: str, *, rest: tuple, entries: Any = (), index: int = 0,
                 statuses: Any = None, columns: dict[str, Column] | None = None, cell_text: str = "") -> str:
    """French for one cross-record problem on a new follow-up entry or a new measure.

    `rest` is the problem's path inside the entry (or the record); `entries` the would-be record's
    follow-up entries and `index` the new entry's; `statuses` the vocabulary, by id."""
    columns = columns or {}

    def header(key: str) -> str:
        return columns[key].fr if key in columns else key

    earlier = [e for e in entries[:index] if e.corrects is None]  # corrections stand after what they correct
    if rule == "dates_in_order" and earlier:
        return french(f"cette évaluation est datée du {_fr_date(entries[index].date)}, avant la dernière évaluation de la "
                      f"mesure ({_fr_date(earlier[-1].date)}). Les entrées de suivi vont de la plus ancienne à "
                      "la plus récente : vérifiez la date. (Si cette ligne corrige une entrée déjà enregistrée, "
                      f"remplissez « {header('corrects_date')} » : une correction se place après toutes les autres.)")
    if rule == "follow_up_is_consistent" and rest == ("progress",) and statuses is not None:
        entry = entries[index]
        status = statuses.get(entry.status)
        if status is not None and status.final and status.progress is not None:
            return french(f"la progression {entry.progress} % contredit le statut final « {status.label.fr} », qui vaut "
                          f"{status.progress} %. Changez le statut, ou videz cette case.")
        if status is not None and status.progress is None:
            return french(f"le statut « {status.label.fr} » n’a pas de progression : videz cette case, ou choisissez "
                          "un statut en cours.")
        if status is not None:
            return french(f"la progression {entry.progress} % diffère de celle du statut « {status.label.fr} » "
                          f"({status.progress} %) : dites pourquoi dans la colonne « {header('progress_reason_fr')} », "
                          "ou videz cette case.")
    if rule == "follow_up_is_consistent" and rest == ("target",):
        in_effect = list(ledger.ledger(entries).in_effect)  # as the rule reads them: by date, corrections applied
        before = in_effect[: in_effect.index(index)] if index in in_effect else in_effect
        previous = next((entries[i].target for i in reversed(before) if entries[i].target is not None), None)
        if previous is not None:
            return french(f"l’échéance passe de {previous} à {entries[index].target} : dites pourquoi dans la colonne "
                          f"« {header('target_reason_fr')} ».")
    if rule == "dates_are_possible" and rest == ("date",):
        return french(f"cette date ({_fr_date(entries[index].date)}) est après aujourd’hui : vérifiez l’année et "
                      "le mois (une évaluation est datée du jour où elle a été faite).")
    if rule == "follow_up_entries_are_unique" and rest == () and index < len(entries):
        entry = entries[index]
        same = [i for i in ledger.ledger(entries).in_effect if i < index and ledger.key(entries[i]) == ledger.key(entry)]
        if same:
            first = entries[same[0]]
            if first.model_dump(exclude={"sources"}) == entry.model_dump(exclude={"sources"}):
                return french(f"cette ligne répète l’entrée {same[0] + 1} de la mesure (même date, même évaluateur, même "
                              "évaluation) : elle est déjà dans la fiche. Supprimez la ligne.")
            return french(f"l’entrée {same[0] + 1} de la mesure a la même date ({_fr_date(entry.date)}) et le même "
                          "évaluateur, et dit autre chose : un évaluateur donne une évaluation par jour. Si cette ligne "
                          f"la corrige, remplissez « {header('corrects_date')} » ({entry.date.strftime('%d/%m/%Y')}) et "
                          f"« {header('corrects_reason_fr')} » ; sinon, vérifiez la date.")
    if rule == "corrections_name_an_entry" and rest[:2] == ("corrects", "entry_date") and index < len(entries):
        entry = entries[index]
        named, assessor = ledger.target(entry) or (entry.date, entry.assessor)
        who = schema.ASSESSORS.label(assessor, "fr") or assessor
        return french(f"cette correction désigne l’entrée du {_fr_date(named)} par « {who} », et la mesure n’a pas, "
                      "avant elle, d’entrée en vigueur de ce jour par cet évaluateur. Écrivez la date de l’entrée à "
                      "corriger, telle qu’elle est dans la fiche de la mesure, et, si son évaluateur n’est pas celui de "
                      f"cette ligne, remplissez « {header('corrects_assessor')} ».")
    if rule == "corrections_name_an_entry" and rest == ():
        return french("cette correction dit exactement ce que dit l’entrée qu’elle corrige : écrivez ce qui était faux "
                      "(le statut, la progression, la réponse…), ou supprimez la ligne.")
    if rule == "corrections_name_an_entry" and rest[:2] == ("corrects", "date"):
        return french("la correction serait datée d’avant l’entrée qu’elle corrige (une correction est datée du jour "
                      "de l’import) : vérifiez la date de l’entrée corrigée.")
    if rule == "factual_records_have_sources":
        return french("il manque la source : écrivez le titre et l’adresse web du document public qui prouve cette "
                      "évaluation (ou, pour un document sans adresse publique, une note qui dit comment le consulter).")
    if rule == "no_contact_details_in_texts":
        found = contacts.find(cell_text)
        shown = found[0].written if found else ""
        return french(f"« {shown} » ressemble à une adresse électronique ou à un numéro de téléphone. Les coordonnées "
                      "de personnes ne doivent jamais être publiées ni conservées ici : supprimez-les. S’il s’agit de "
                      "l’adresse publique d’un service, ajoutez ce texte à la main dans la fiche et dites-le dans la "
                      "demande de modification, pour qu’une personne le confirme.")
    if rule == "nothing_left_to_complete" and rest[:3] == ("sources", 0, "note"):
        return french("sans source donnée, la fiche reçoit la page « droit de suite » de la Ville comme source de "
                      "départ, marquée « À compléter » : remplacez-la ensuite par le document qui prouve la mesure.")
    if rule == "nothing_left_to_complete":
        return french("cette case dit « À compléter » : le site l’affichera tel quel, jusqu’à ce que la fiche soit "
                      "complétée.")
    return english
