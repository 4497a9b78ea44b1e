"""Messages: the problems `check` finds in the would-be files, said for the cell they come from.

The rules are `check`'s own (the schema, `validate.RULES` and `validate.ENTRY_RULES`); only their
wording changes here, because the person reading is looking at a sheet, not at YAML: the message
names the column, never a YAML key. A problem is recognised by what produced it (the pydantic error type, or the name of
the rule function), never by its English wording, so a rewording in `validate.py` does not silently
change what is said here. A problem this module has no words for is shown with `check`'s own
message, so nothing is ever hidden. The words are the catalogues' (`sheet_…`), in the editor's
language; the values quoted (statuses, assessors) are the sheet's, in French, as its lists show them.
"""

from __future__ import annotations

import html
import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from ...records import contacts, ledger, schema
from ...records.catalogue import _
from ...records.problems import visible
from .columns import Column, day, help_text, percent

#: Rules whose warnings do not stop an import: a text not yet in English, and « À compléter » left
#: in a new measure, are what `new` itself writes and what the site shows as such. Every other
#: warning about a new row stops the import (a date in the future is most likely a typo; contact
#: details must never reach the repository, not even a pull request's branch).
NON_BLOCKING_RULES = frozenset({"translations_present", "nothing_left_to_complete"})


def _value(error: Mapping[str, Any]) -> str:
    value = error.get("input")
    return " ".join(str(value).split()) if value is not None else ""


def schema_message(error: Mapping[str, Any], column: Column | None, english: str) -> str:
    """One pydantic error on a would-be record, for its cell (`english`: what `check` says)."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    loc = tuple(error.get("loc", ()))
    if kind == "missing":
        if loc and loc[-1] == "fr":
            return _("sheet_french_missing")
        if column is not None:
            return _("sheet_cell_required", help=help_text(column))
    if kind == "url_format":
        return _("sheet_url_refused", url=_value(error))
    if kind == "source_unreachable":
        return _("sheet_source_without_address")
    if kind == "number_range":
        return _("sheet_number_out_of_range", value=ctx.get("value", _value(error)), low=ctx.get("low"), high=ctx.get("high"))
    if kind == "id_format":
        return _("sheet_id_refused", id=_value(error), suggestion=ctx.get("suggestion", ""))
    if kind == "empty_text":
        return _("sheet_text_empty")
    return english


def rule_message(rule: str, english: str, *, rest: tuple, entries: Any = (), index: int = 0,
                 statuses: Any = None, columns: dict[str, Column] | None = None, cell_text: str = "") -> str:
    """One cross-record problem on a new follow-up entry or a new measure, for its cell.

    `rest` is the problem's path inside the entry (or the record); `entries` the would-be record's
    follow-up entries and `index` the new entry's; `statuses` the vocabulary, by id."""
    columns = columns or {}

    def header(key: str) -> str:
        return columns[key].fr if key in columns else key

    earlier = [e for e in entries[:index] if e.corrects is None]  # corrections stand after what they correct
    if rule == "dates_in_order" and earlier:
        return _("sheet_date_before_last", date=day(entries[index].date), last=day(earlier[-1].date),
                 corrects=header("corrects_date"))
    if rule == "follow_up_is_consistent" and rest == ("progress",) and statuses is not None:
        entry = entries[index]
        status = statuses.get(entry.status)
        if status is not None and status.final and status.progress is not None:
            return _("sheet_progress_contradicts_final", progress=percent(entry.progress), status=status.label.fr,
                     status_progress=percent(status.progress))
        if status is not None and status.progress is None:
            return _("sheet_progress_without_status_progress", status=status.label.fr)
        if status is not None:
            return _("sheet_progress_differs", progress=percent(entry.progress), status=status.label.fr,
                     status_progress=percent(status.progress), reason=header("progress_reason_fr"))
    if rule == "follow_up_is_consistent" and rest == ("target",):
        in_effect = list(ledger.ledger(entries).in_effect)  # as the rule reads them: by date, corrections applied
        before = in_effect[: in_effect.index(index)] if index in in_effect else in_effect
        previous = next((entries[i].target for i in reversed(before) if entries[i].target is not None), None)
        if previous is not None:
            return _("sheet_target_moves", previous=previous, target=entries[index].target,
                     reason=header("target_reason_fr"))
    if rule == "dates_are_possible" and rest == ("date",):
        return _("sheet_date_in_the_future", date=day(entries[index].date))
    if rule == "follow_up_entries_are_unique" and rest == () and index < len(entries):
        entry = entries[index]
        same = [i for i in ledger.ledger(entries).in_effect if i < index and ledger.key(entries[i]) == ledger.key(entry)]
        if same:
            first = entries[same[0]]
            if first.model_dump(exclude={"sources"}) == entry.model_dump(exclude={"sources"}):
                return _("sheet_entry_repeated", entry=same[0] + 1)
            return _("sheet_entry_same_day", entry=same[0] + 1, date=day(entry.date), corrects=header("corrects_date"),
                     typed=entry.date.strftime("%d/%m/%Y"), reason=header("corrects_reason_fr"))
    if rule == "corrections_name_an_entry" and rest[:2] == ("corrects", "entry_date") and index < len(entries):
        entry = entries[index]
        named, assessor = ledger.target(entry) or (entry.date, entry.assessor)
        who = schema.ASSESSORS.label(assessor, "fr") or assessor
        return _("sheet_correction_names_nothing", date=day(named), assessor=who,
                 corrects_assessor=header("corrects_assessor"))
    if rule == "corrections_name_an_entry" and rest == ():
        return _("sheet_correction_changes_nothing")
    if rule == "corrections_name_an_entry" and rest[:2] == ("corrects", "date"):
        return _("sheet_correction_before_corrected")
    if rule == "factual_records_have_sources":
        return _("sheet_source_missing")
    if rule == "no_contact_details_in_texts":
        found = contacts.find(cell_text)
        return _("sheet_contact_details", found=found[0].written if found else "")
    if rule == "nothing_left_to_complete" and rest[:3] == ("sources", 0, "note"):
        return _("sheet_starting_source")
    if rule == "nothing_left_to_complete":
        return _("sheet_left_to_complete")
    return english


# --------------------------------------------------------------------------- the workflow's log and summary


def workflow_log(lines: Sequence[str]) -> list[str]:
    """Lines that quote what an uploader named (a sheet's file or sheet name), for a GitHub Actions
    log (`--format github`), where a line starting with `::` is a command (`::error`, `::add-mask`,
    `::stop-commands`…): each on one line (`problems.visible`: a line break in a name is written
    `\\n`), between `::stop-commands::` and its token, which is drawn anew each time and so cannot
    be in a name: GitHub runs no command in between. The annotations themselves are written apart
    (`Problem.github`, whose values are percent-encoded)."""
    token = secrets.token_hex(16)
    return [f"::stop-commands::{token}", *(visible(line) for line in lines), f"::{token}::"]


def summary_block(lines: Sequence[str]) -> list[str]:
    """Lines that quote what an uploader named, for the run's summary page (Markdown): an HTML
    `<pre>` block, every character escaped, shown as it is: no link, heading or emphasis a name could
    write, and no end to the block (GitHub ends it only at a literal `</pre>`, which escaping makes
    impossible). As `check`'s summary writes its problems (cli._step_summary)."""
    return ["<pre>", *(html.escape(visible(line), quote=False) for line in lines), "</pre>"]
