"""Feeds: Atom feeds of follow-up entries (RFC 4287) and an iCalendar file of upcoming meetings (RFC 5545).

`feed_files(model, base_url=…, data_version=…)` returns `{relative output path: bytes}`:

- `flux/<lang>/suivi.xml`: every follow-up entry of the Assembly, in French (`fr`) or English (`en`);
- `flux/<lang>/promotions/<cohort id>.xml` and `flux/<lang>/sujets/<topic id>.xml`: the same, for one
  cohort or one topic (a feed exists for every cohort and topic, even with no entry yet);
- `agenda.ics`: meetings known to the day and dated on or after the build day, as all-day events.

Contract:
- One Atom entry per follow-up entry dated on or before the build day (`model.today`: later entries do
  not count yet, as on the pages), newest first. Its id is the recommendation's page in that language
  plus `#entry-N` (N: the entry's 1-based position in the recommendation's follow-up), so it never
  changes; `updated` is the entry's date at 00:00:00Z; the author is who assessed.
- A feed's `updated` is its newest entry's date. A feed with no entry says 1970-01-01T00:00:00Z: a
  constant, so that its bytes change only when an entry arrives ("emitted only when data changes").
- No clock: the calendar's DTSTAMP is the latest day someone consulted the meeting's sources. The
  calendar always holds the Europe/Paris VTIMEZONE, so that it is valid with no upcoming meeting.
- Text is plain (Markdown rendered, then reduced to its words); XML is written by ElementTree, so it
  is escaped; English falls back to French where a text is not yet translated.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from ..records import schema
from ..records.markup import render_markdown
from ..records.schema import LANGUAGES, Localized
from ..site import i18n
from ..site.i18n import gettext
from ..site.model import Recommendation, SiteModel
from ..site.render import page_url

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EMPTY_FEED_UPDATED = "1970-01-01T00:00:00Z"
FEED_FOLDER = "flux"
CALENDAR = "agenda.ics"
UID_SUFFIX = "@droit-de-suite"

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    """Text XML 1.0 can carry (control characters removed)."""
    return _XML_INVALID.sub("", text)


def _t(value: Localized | None, lang: str) -> str:
    return schema.text_in(value, lang)


def plain_text(markdown_text: str) -> str:
    """Markdown as plain text: rendered and sanitized, then tags dropped and entities decoded."""
    rendered = str(render_markdown(markdown_text))  # the cached rendering the pages use
    rendered = re.sub(r"</(p|li|h\d|blockquote|tr|pre)>|<br\s*/?>", "\n", rendered)
    text = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# --------------------------------------------------------------------------- Atom


def _base(base_url: str) -> str:
    return base_url if base_url.endswith("/") else base_url + "/"


def _page(base_url: str, lang: str, section: str, record_id: str | None = None) -> str:
    return _base(base_url) + schema.language_folder(lang) + page_url(section, record_id)


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _entries(model: SiteModel, recommendations: Iterable[Recommendation]
             ) -> list[tuple[Recommendation, int, schema.FollowUpEntry]]:
    """(recommendation, 1-based index, entry) for published entries, newest first, ties in a fixed order."""
    found = [(rec, index, entry) for rec in recommendations
             for index, entry in enumerate(rec.record.follow_up, start=1) if entry.date <= model.today]
    found.sort(key=lambda item: (item[2].date, item[0].id, item[1]), reverse=True)
    return found


def _content(model: SiteModel, entry: schema.FollowUpEntry, lang: str) -> str:
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
    parts = ["\n".join(lines)]
    for extra in (entry.progress_reason, entry.target_reason, entry.answer):
        if extra is not None:
            parts.append(plain_text(_t(extra, lang)))
    return "\n\n".join(p for p in parts if p)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = _clean(text)
    return element


def atom_feed(model: SiteModel, recommendations: Sequence[Recommendation], lang: str, *, base_url: str,
              path: str, title: str, alternate: str) -> bytes:
    """One Atom feed of the follow-up entries of `recommendations`, in `lang`, published at `path`."""
    entries = _entries(model, recommendations)
    self_url = _base(base_url) + path
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: lang})
    _sub(feed, "id", self_url)
    _sub(feed, "title", title, type="text")
    _sub(feed, "updated", _stamp(entries[0][2].date) if entries else EMPTY_FEED_UPDATED)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _sub(feed, "link", rel="alternate", type="text/html", hreflang=lang, href=alternate)
    author = _sub(feed, "author")
    _sub(author, "name", _t(model.site.name, lang))
    _sub(author, "uri", _base(base_url))
    _sub(feed, "generator", "droit-de-suite")
    for rec, index, entry in entries:
        status = model.status_by_id[entry.status]
        rec_url = _page(base_url, lang, "recommendations", rec.id)
        item = _sub(feed, "entry")
        _sub(item, "id", f"{rec_url}#entry-{index}")
        _sub(item, "title", f"{_t(rec.record.title, lang)} — {_t(status.label, lang)}", type="text")
        _sub(item, "updated", _stamp(entry.date))
        _sub(item, "published", _stamp(entry.date))
        who = _sub(item, "author")
        _sub(who, "name", schema.ASSESSORS.label(entry.assessor, lang))
        _sub(item, "link", rel="alternate", type="text/html", hreflang=lang, href=rec_url)
        _sub(item, "category", term=status.id, label=_t(status.label, lang))
        _sub(item, "content", _content(model, entry, lang), type="text")
    ET.indent(feed, space="  ")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _feed_title(model: SiteModel, lang: str, what: Localized | None = None) -> str:
    words = gettext("atom_title", lang)  # (extraction does not look inside f-strings)
    head = f"{_t(model.site.name, lang)} — {words}"
    return f"{head} — {_t(what, lang)}" if what is not None else head


def atom_files(model: SiteModel, *, base_url: str) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for lang in LANGUAGES:
        path = f"{FEED_FOLDER}/{lang}/suivi.xml"
        files[path] = atom_feed(model, model.recommendations, lang, base_url=base_url, path=path,
                                title=_feed_title(model, lang), alternate=_page(base_url, lang, "follow_up"))
        for cohort in model.cohorts:
            path = f"{FEED_FOLDER}/{lang}/promotions/{cohort.id}.xml"
            files[path] = atom_feed(model, cohort.recommendations, lang, base_url=base_url, path=path,
                                    title=_feed_title(model, lang, cohort.record.name),
                                    alternate=_page(base_url, lang, "follow_up", cohort.id))
        for topic in model.topics:
            path = f"{FEED_FOLDER}/{lang}/sujets/{topic.id}.xml"
            files[path] = atom_feed(model, topic.recommendations, lang, base_url=base_url, path=path,
                                    title=_feed_title(model, lang, topic.record.title),
                                    alternate=_page(base_url, lang, "topics", topic.id))
    return files


# --------------------------------------------------------------------------- iCalendar


def ics_escape(text: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped."""
    text = _clean(text).replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line into lines of at most 75 octets (RFC 5545 §3.1), never inside a character."""
    out: list[str] = []
    current, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


#: The City's time zone. Always present: RFC 5545 wants at least one component in a calendar, so a
#: calendar with no upcoming meeting stays valid. (All-day events do not refer to it.)
PARIS_TIMEZONE = (
    "BEGIN:VTIMEZONE", "TZID:Europe/Paris",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
    "END:VTIMEZONE",
)


def calendar(model: SiteModel, *, base_url: str) -> bytes:
    """agenda.ics: meetings known to the day, on or after the build day, as all-day events (French)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//droit-de-suite//{ics_escape(_t(model.site.name, 'fr'))}//FR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics_escape(_t(model.site.name, 'fr'))}",
        "X-WR-TIMEZONE:Europe/Paris",
        *PARIS_TIMEZONE,
    ]
    upcoming = [m for m in model.meetings
                if m.record.date.precision == "day" and m.record.date.start >= model.today]
    for meeting in sorted(upcoming, key=lambda m: (m.record.date.start, m.id)):
        r = meeting.record
        day = r.date.start
        consulted = [s.consulted for s in r.sources]
        stamp = max(consulted) if consulted else day
        lines += [
            "BEGIN:VEVENT",
            f"UID:{meeting.id}{UID_SUFFIX}",
            f"DTSTAMP:{stamp:%Y%m%d}T000000Z",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY;LANGUAGE=fr:{ics_escape(r.title.fr)}",
        ]
        if r.summary is not None:
            lines.append(f"DESCRIPTION;LANGUAGE=fr:{ics_escape(plain_text(r.summary.fr))}")
        lines += [
            f"CATEGORIES:{ics_escape(schema.MEETING_KINDS.label(r.type, 'fr'))}",
            f"URL:{_page(base_url, 'fr', 'meetings', meeting.id)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")


def feed_files(model: SiteModel, *, base_url: str, data_version: str = "") -> dict[str, bytes]:
    """Atom feeds and the calendar: `{relative output path: bytes}`. (`data_version` is not used:
    feeds change only with their entries.)"""
    files = atom_files(model, base_url=base_url)
    files[CALENDAR] = calendar(model, base_url=base_url)
    return dict(sorted(files.items()))
