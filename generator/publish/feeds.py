"""Feeds: Atom feeds of follow-up entries (RFC 4287) and, written by generator/publish/calendars.py,
iCalendar files (RFC 5545) of upcoming meetings and of the follow-up due dates.

`feed_files(model, base_url=…, data_version=…)` returns `{relative output path: bytes}`:

- `flux/<lang>/suivi.xml`: every follow-up entry of the Assembly, in French (`fr`) or English (`en`);
- `flux/<lang>/promotions/<cohort id>.xml` and `flux/<lang>/sujets/<topic id>.xml`: the same, for one
  cohort or one topic (a feed exists for every cohort and topic, even with no entry yet);
- `agenda.ics`: meetings known to the day and dated on or after the build day, as all-day events;
- `echeances-suivi.ics` (« échéances de suivi », only when data/site.yml records the City's follow-up
  rule): the follow-up due dates of generator/site/calendar.py, one all-day event per topic and due
  date (all the measures of a topic share their vote, hence their due dates), saying how many of its
  measures are answered, have only a published document not entered yet, have nothing recorded here,
  or are still to come, as of the build day; a due date known to the month lasts the month.

Contract:
- One Atom entry per follow-up entry dated on or before the build day (`model.today`: later entries do
  not count yet, as on the pages), newest first. Its id is the recommendation's page in that language
  plus `#entry-N` (N: the entry's 1-based position in the recommendation's follow-up), so it never
  changes; `published` is the entry's date at 00:00:00Z; the author is who assessed.
- A correction (an entry with `corrects:`, generator/records/ledger.py) is an Atom entry of its own,
  published and updated on the day the correction was made, saying which entry it corrects and why.
  The entry it corrects stays, marked as corrected in its title and its text, `updated` on the day of
  the correction. A correction made after the build day is not shown yet, nor its mark.
- An entry's `updated` is the day it last changed (its date, or the day it was corrected); entries
  are sorted by it, newest first. A feed's `updated` is its newest entry's. A feed with no entry says
  1970-01-01T00:00:00Z: a constant, so that its bytes change only when an entry arrives ("emitted only
  when data changes").
- No clock: agenda.ics's DTSTAMP is the latest day someone consulted the meeting's sources;
  echeances-suivi.ics's is the build day, the day its states are computed (they change with it). Both
  calendars always hold the Europe/Paris VTIMEZONE, so that they are valid with no event. Their UIDs
  are made of ids (`<meeting id>@…`, `<topic id>.echeance-<due date>@…`: ids have no dot, so the two
  never meet) and never change.
- Text is plain (Markdown rendered, then reduced to its words); XML is written by ElementTree, so it
  is escaped; English falls back to French where a text is not yet translated. The calendars are in
  French (the site's first language), as their links.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ..records import schema
from ..records.schema import LANGUAGES, Localized
from ..site import i18n
from ..site.i18n import gettext
from ..site.model import Recommendation, SiteModel
from .calendars import CALENDAR, DUE_CALENDAR, calendar_files
from .texts import base as _base
from .texts import clean as _clean
from .texts import page as _page
from .texts import plain_text
from .texts import t as _t

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EMPTY_FEED_UPDATED = "1970-01-01T00:00:00Z"
FEED_FOLDER = "flux"

__all__ = ["CALENDAR", "DUE_CALENDAR", "atom_feed", "atom_files", "feed_files", "plain_text"]


# --------------------------------------------------------------------------- Atom


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


@dataclass(frozen=True)
class _Item:
    """One Atom entry: a follow-up entry of `rec` (at 1-based `index`), published on `published` and
    last changed on `updated` (the day it was corrected, if it was)."""

    rec: Recommendation
    index: int
    entry: schema.FollowUpEntry
    published: date
    updated: date
    #: In a correction, the entry it corrects.
    corrects: schema.FollowUpEntry | None = None
    #: In a corrected entry, the entry that corrects it (only once that correction is shown).
    corrected_by: schema.FollowUpEntry | None = None


def _made_on(entry: schema.FollowUpEntry) -> date:
    """The day an entry was written into the follow-up: a correction's own day, else its date."""
    return entry.corrects.date if entry.corrects is not None else entry.date


def _entries(model: SiteModel, recommendations: Iterable[Recommendation]) -> list[_Item]:
    """The feed's entries: published entries (and corrections made) on or before the build day,
    the most recently changed first, ties in a fixed order."""
    today = model.today
    found: list[_Item] = []
    for rec in recommendations:
        entries, book = rec.record.follow_up, rec.ledger
        for position, entry in enumerate(entries):
            corrected = book.corrects.get(position)
            published = _made_on(entry) if corrected is not None else entry.date
            if entry.date > today or published > today:
                continue
            by = book.corrected_by.get(position)
            fix = entries[by] if by is not None else None
            shown = fix if fix is not None and fix.date <= today and _made_on(fix) <= today else None
            updated = _made_on(shown) if shown is not None else published
            found.append(_Item(rec, position + 1, entry, published, updated,
                               entries[corrected] if corrected is not None else None, shown))
    found.sort(key=lambda item: (item.updated, item.rec.id, item.index), reverse=True)
    return found


def _content(model: SiteModel, item: _Item, lang: str) -> str:
    entry = item.entry
    status = model.status_by_id[entry.status]
    progress = entry.progress  # the entry's own figure only, never its status's default
    lines = [gettext("atom_status", lang, label=_t(status.label, lang))]
    if progress is not None:
        lines.append(gettext("atom_progress", lang, value=progress))
    lines.append(gettext("atom_assessor", lang, label=schema.ASSESSORS.label(entry.assessor, lang)))
    if entry.response:
        lines.append(gettext("atom_response", lang, label=schema.RESPONSES.label(entry.response, lang)))
    if entry.fidelity:
        lines.append(gettext("atom_fidelity", lang, label=schema.FIDELITY.label(entry.fidelity, lang)))
    if entry.target:
        lines.append(gettext("atom_target", lang, value=i18n.format_date(entry.target, lang)))
    parts = []
    if item.corrects is not None and entry.corrects is not None:
        old = item.corrects
        parts.append(gettext("atom_correction", lang, date_on=i18n.format_on(entry.corrects.date, lang),
                             date_of=i18n.format_of(old.date, lang),
                             assessor=schema.ASSESSORS.label(old.assessor, lang),
                             reason=plain_text(_t(entry.corrects.reason, lang))))
    if item.corrected_by is not None and item.corrected_by.corrects is not None:
        fix = item.corrected_by.corrects
        parts.append(gettext("atom_corrected", lang, date_on=i18n.format_on(fix.date, lang),
                             reason=plain_text(_t(fix.reason, lang))))
    parts.append("\n".join(lines))
    for extra in (entry.progress_reason, entry.target_reason, entry.answer):
        if extra is not None:
            parts.append(plain_text(_t(extra, lang)))
    return "\n\n".join(p for p in parts if p)


def _item_title(model: SiteModel, item: _Item, lang: str) -> str:
    """The measure's title and the status the entry gives; a correction and a corrected entry say so."""
    label = _t(model.status_by_id[item.entry.status].label, lang)
    if item.corrects is not None:
        label = gettext("atom_correction_title", lang, label=label)
    elif item.corrected_by is not None:
        label = gettext("atom_corrected_title", lang, label=label)
    return f"{_t(item.rec.record.title, lang)} — {label}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = _clean(text)
    return element


def _entry_xml(model: SiteModel, found: _Item, lang: str, base_url: str) -> bytes:
    """One Atom entry, serialized as it stands in a feed (indented one level, no tail)."""
    entry = found.entry
    status = model.status_by_id[entry.status]
    rec_url = _page(base_url, lang, "recommendations", found.rec.id)
    ET.register_namespace("", ATOM)
    item = ET.Element(f"{{{ATOM}}}entry")
    _sub(item, "id", f"{rec_url}#entry-{found.index}")
    _sub(item, "title", _item_title(model, found, lang), type="text")
    _sub(item, "updated", _stamp(found.updated))
    _sub(item, "published", _stamp(found.published))
    who = _sub(item, "author")
    _sub(who, "name", schema.ASSESSORS.label(entry.assessor, lang))
    _sub(item, "link", rel="alternate", type="text/html", hreflang=lang, href=rec_url)
    _sub(item, "category", term=status.id, label=_t(status.label, lang))
    _sub(item, "content", _content(model, found, lang), type="text")
    ET.indent(item, space="  ", level=1)
    # Alone, the entry declares the feed's namespace; inside the feed it inherits it.
    text = ET.tostring(item, encoding="unicode")
    assert text.startswith(_ENTRY_ALONE), text[:80]
    return ("<entry" + text[len(_ENTRY_ALONE):]).encode("utf-8", "xmlcharrefreplace")


#: How ElementTree opens an entry serialized alone (the feed's default namespace declared on it).
_ENTRY_ALONE = f'<entry xmlns="{ATOM}"'
#: How an indented feed ends, after its last child.
_FEED_END = b"\n</feed>"


def _feed(model: SiteModel, entries: Sequence[tuple[_Item, bytes]], lang: str, *, base_url: str, path: str,
          title: str, alternate: str) -> bytes:
    """A feed of `entries` (newest first, each with its serialized entry, `_entry_xml`): its head
    written by ElementTree, then the entries as they are, so that an entry shown in several feeds
    (the Assembly's, its cohort's, its topic's) is written once."""
    self_url = _base(base_url) + path
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: lang})
    _sub(feed, "id", self_url)
    _sub(feed, "title", title, type="text")
    _sub(feed, "updated", _stamp(entries[0][0].updated) if entries else EMPTY_FEED_UPDATED)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _sub(feed, "link", rel="alternate", type="text/html", hreflang=lang, href=alternate)
    author = _sub(feed, "author")
    _sub(author, "name", _t(model.site.name, lang))
    _sub(author, "uri", _base(base_url))
    _sub(feed, "generator", "droit-de-suite")
    ET.indent(feed, space="  ")
    head = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    assert head.endswith(_FEED_END), head[-80:]
    body = b"".join(b"\n  " + xml for _, xml in entries)
    return head[: -len(_FEED_END)] + body + _FEED_END + b"\n"


def atom_feed(model: SiteModel, recommendations: Sequence[Recommendation], lang: str, *, base_url: str,
              path: str, title: str, alternate: str) -> bytes:
    """One Atom feed of the follow-up entries of `recommendations`, in `lang`, published at `path`."""
    entries = [(found, _entry_xml(model, found, lang, base_url)) for found in _entries(model, recommendations)]
    return _feed(model, entries, lang, base_url=base_url, path=path, title=title, alternate=alternate)


def _feed_title(model: SiteModel, lang: str, what: Localized | None = None) -> str:
    words = gettext("atom_title", lang)  # (extraction does not look inside f-strings)
    head = f"{_t(model.site.name, lang)} — {words}"
    return f"{head} — {_t(what, lang)}" if what is not None else head


def atom_files(model: SiteModel, *, base_url: str) -> dict[str, bytes]:
    """Every Atom feed: the Assembly's, each cohort's, each topic's, in each language. Each entry is
    found, sorted and written once per language, then shared by the three feeds that show it (each
    feed's entries are its slice of the Assembly's, in the same order): the feeds cost what their
    entries do, however many feeds show them."""
    items = _entries(model, model.recommendations)
    files: dict[str, bytes] = {}
    for lang in LANGUAGES:
        entries = [(found, _entry_xml(model, found, lang, base_url)) for found in items]
        of_cohort: dict[str, list[tuple[_Item, bytes]]] = {c.id: [] for c in model.cohorts}
        of_topic: dict[str, list[tuple[_Item, bytes]]] = {t.id: [] for t in model.topics}
        for pair in entries:
            of_cohort[pair[0].rec.cohort.id].append(pair)
            of_topic[pair[0].rec.topic.id].append(pair)
        path = f"{FEED_FOLDER}/{lang}/suivi.xml"
        files[path] = _feed(model, entries, lang, base_url=base_url, path=path,
                            title=_feed_title(model, lang), alternate=_page(base_url, lang, "follow_up"))
        for cohort in model.cohorts:
            path = f"{FEED_FOLDER}/{lang}/promotions/{cohort.id}.xml"
            files[path] = _feed(model, of_cohort[cohort.id], lang, base_url=base_url, path=path,
                                title=_feed_title(model, lang, cohort.record.name),
                                alternate=_page(base_url, lang, "follow_up", cohort.id))
        for topic in model.topics:
            path = f"{FEED_FOLDER}/{lang}/sujets/{topic.id}.xml"
            files[path] = _feed(model, of_topic[topic.id], lang, base_url=base_url, path=path,
                                title=_feed_title(model, lang, topic.record.title),
                                alternate=_page(base_url, lang, "topics", topic.id))
    return files


def feed_files(model: SiteModel, *, base_url: str, data_version: str = "") -> dict[str, bytes]:
    """Atom feeds and the calendars: `{relative output path: bytes}`. (`data_version` is not used:
    feeds change only with their entries.)"""
    files = atom_files(model, base_url=base_url)
    files.update(calendar_files(model, base_url=base_url))
    return dict(sorted(files.items()))
