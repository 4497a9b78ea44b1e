"""Calendars (RFC 5545): `agenda.ics`, upcoming meetings, and `echeances-suivi.ics`, the follow-up
due dates (« échéances de suivi »), both beside the pages; `calendar_files(model, base_url=…)` gives
them. The contract (what each holds, UIDs, DTSTAMP without a clock) is in generator/publish/feeds.py's
docstring, with the Atom feeds'.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from ..records import schema
from ..site import i18n
from ..site.calendar import ANSWERED, NOT_RECORDED, PUBLISHED, STATES, UPCOMING, Due
from ..site.i18n import N_, gettext, ngettext
from ..site.model import Recommendation, SiteModel, Topic
from .texts import clean as _clean
from .texts import page as _page
from .texts import plain_text
from .texts import t as _t

CALENDAR = "agenda.ics"
#: The follow-up due dates' calendar, beside agenda.ics (French, as the site's other public paths).
DUE_CALENDAR = "echeances-suivi.ics"
UID_SUFFIX = "@droit-de-suite"


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


def _vcalendar(model: SiteModel, name: str, events: Iterable[Sequence[str]]) -> bytes:
    """An iCalendar file named `name`, holding `events` (each the content lines between BEGIN:VEVENT
    and END:VEVENT), folded, with CRLF line ends."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//droit-de-suite//{ics_escape(_t(model.site.name, 'fr'))}//FR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics_escape(name)}",
        "X-WR-TIMEZONE:Europe/Paris",
        *PARIS_TIMEZONE,
    ]
    for event in events:
        lines += ["BEGIN:VEVENT", *event, "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")


def _all_day(start: date, end: date) -> list[str]:
    """DTSTART and DTEND of an all-day event from `start` to `end` (both included: DTEND is exclusive)."""
    return [f"DTSTART;VALUE=DATE:{start:%Y%m%d}", f"DTEND;VALUE=DATE:{end + timedelta(days=1):%Y%m%d}"]


def calendar(model: SiteModel, *, base_url: str) -> bytes:
    """agenda.ics: meetings known to the day, on or after the build day, as all-day events (French)."""
    upcoming = [m for m in model.meetings
                if m.record.date.precision == "day" and m.record.date.start >= model.today]
    events = []
    for meeting in sorted(upcoming, key=lambda m: (m.record.date.start, m.id)):
        r = meeting.record
        day = r.date.start
        consulted = [s.consulted for s in r.sources]
        stamp = max(consulted) if consulted else day
        lines = [
            f"UID:{meeting.id}{UID_SUFFIX}",
            f"DTSTAMP:{stamp:%Y%m%d}T000000Z",
            *_all_day(day, day),
            f"SUMMARY;LANGUAGE=fr:{ics_escape(r.title.fr)}",
        ]
        if r.summary is not None:
            lines.append(f"DESCRIPTION;LANGUAGE=fr:{ics_escape(plain_text(r.summary.fr))}")
        lines += [
            f"CATEGORIES:{ics_escape(schema.MEETING_KINDS.label(r.type, 'fr'))}",
            f"URL:{_page(base_url, 'fr', 'meetings', meeting.id)}",
        ]
        events.append(lines)
    return _vcalendar(model, _t(model.site.name, "fr"), events)


#: A measure's due date's state (calendar.STATES) in a few words: the due dates' calendar lists each
#: measure with it, and the open data labels its `state` column with it.
DUE_WORDS = {ANSWERED: N_("due_state_answered"), PUBLISHED: N_("due_state_published"),
             NOT_RECORDED: N_("due_state_not_recorded"), UPCOMING: N_("due_state_upcoming")}


def _due_counts(dues: Sequence[tuple[Recommendation, Due]]) -> list[str]:
    """How many of the measures stand in each state on their due date, one line per state, none for a
    state no measure is in (each plural message written out, for extraction)."""
    lang = "fr"
    lines = []
    for state in STATES:
        n = sum(1 for _, due in dues if due.state == state)
        if not n:
            continue
        if state == ANSWERED:
            lines.append(ngettext("ics_due_answered", "ics_due_answered", n, lang))
        elif state == PUBLISHED:
            lines.append(ngettext("ics_due_published", "ics_due_published", n, lang))
        elif state == NOT_RECORDED:
            lines.append(ngettext("ics_due_not_recorded", "ics_due_not_recorded", n, lang))
        else:
            lines.append(ngettext("ics_due_upcoming", "ics_due_upcoming", n, lang))
    return lines


def due_dates(model: SiteModel) -> list[tuple[Topic, schema.PartialDate, list[tuple[Recommendation, Due]]]]:
    """Every follow-up due date of every topic with the measures it concerns and each one's due date
    (generator/site/calendar.py), by date, then topic."""
    found = []
    for topic in model.topics:
        by_day: dict[schema.PartialDate, list[tuple[Recommendation, Due]]] = {}
        for rec in topic.recommendations:
            for due in rec.state.calendar.dues:
                by_day.setdefault(due.on, []).append((rec, due))
        found += [(topic, on, dues) for on, dues in by_day.items()]
    return sorted(found, key=lambda item: (item[1].start, item[1].end, item[0].id))


def due_calendar(model: SiteModel, *, base_url: str) -> bytes:
    """echeances-suivi.ics: each topic's follow-up due dates under the City's rule, as all-day events
    (French), each saying where its measures stand on the build day."""
    lang, today = "fr", model.today
    rule = model.site.follow_up_rule
    events = []
    for topic, on, dues in due_dates(model):
        when = i18n.format_on(on, lang)
        text = [ngettext("ics_due_measures", "ics_due_measures", len(dues), lang, date_on=when),
                gettext("ics_due_as_of", lang, date=i18n.format_date(today, lang)),
                *(f"- {line}" for line in _due_counts(dues))]
        if any(due.state == NOT_RECORDED for _, due in dues):
            text.append(gettext("ics_due_caveat", lang))
        text += ["", gettext("ics_due_list", lang),
                 *(f"- {_t(rec.record.title, lang)} : {gettext(DUE_WORDS[due.state], lang)}" for rec, due in dues)]
        if rule is not None:
            text += ["", gettext("ics_due_rule", lang, rule=plain_text(_t(rule.text, lang)))]
        summary = gettext("ics_due_summary", lang, topic=_t(topic.record.title, lang))
        description = "\n".join(text)
        events.append([
            f"UID:{topic.id}.echeance-{on.isoformat()}{UID_SUFFIX}",
            f"DTSTAMP:{today:%Y%m%d}T000000Z",
            *_all_day(on.start, on.end),
            f"SUMMARY;LANGUAGE=fr:{ics_escape(summary)}",
            f"DESCRIPTION;LANGUAGE=fr:{ics_escape(description)}",
            "TRANSP:TRANSPARENT",
            f"URL:{_page(base_url, lang, 'topics', topic.id)}",
        ])
    words = gettext("ics_due_title", lang)  # (extraction does not look inside f-strings)
    return _vcalendar(model, f"{_t(model.site.name, lang)} — {words}", events)


def calendar_files(model: SiteModel, *, base_url: str) -> dict[str, bytes]:
    """agenda.ics, and echeances-suivi.ics when data/site.yml records the City's follow-up rule (due
    dates exist only under it)."""
    files = {CALENDAR: calendar(model, base_url=base_url)}
    if model.site.follow_up_rule is not None:
        files[DUE_CALENDAR] = due_calendar(model, base_url=base_url)
    return files
