"""Calendars (RFC 5545): `agenda.ics`, upcoming meetings, and `echeances-suivi.ics`, the follow-up
due dates (« échéances de suivi »), both beside the pages; `calendar_files(model, base_url=…)` gives
them. The contract (what each holds, UIDs, DTSTAMP without a clock) is in generator/publish/feeds.py's
docstring, with the Atom feeds'. The files are written by the icalendar library (escaping, folding,
line ends), from components built here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur, vText

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


def _text(text: str) -> vText:
    """A TEXT value (RFC 5545 §3.3.11), its control characters removed and its line ends one kind;
    icalendar escapes backslashes, semicolons, commas and newlines."""
    return vText(_clean(text).replace("\r\n", "\n").replace("\r", "\n"))


def _rule(month: int) -> vRecur:
    """Every year on the last Sunday of `month`."""
    return vRecur({"FREQ": ["YEARLY"], "BYMONTH": [month], "BYDAY": ["-1SU"]})


def _paris_timezone() -> Timezone:
    """The City's time zone, written out (not from the tz database, so that the file does not change
    with its version). Always present: RFC 5545 wants at least one component in a calendar, so a
    calendar with no upcoming meeting stays valid. (All-day events do not refer to it.)"""
    zone = Timezone()
    zone.add("tzid", "Europe/Paris")
    for part, (before, after, name, start, month) in (
            (TimezoneDaylight(), (1, 2, "CEST", datetime(1970, 3, 29, 2), 3)),
            (TimezoneStandard(), (2, 1, "CET", datetime(1970, 10, 25, 3), 10))):
        part.add("tzoffsetfrom", timedelta(hours=before))
        part.add("tzoffsetto", timedelta(hours=after))
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("rrule", _rule(month))
        zone.add_component(part)
    return zone


def vcalendar(model: SiteModel, name: str, events: Iterable[Event]) -> bytes:
    """An iCalendar file named `name`, holding `events`, written by icalendar (content lines folded
    at 75 octets, CRLF line ends), its properties in the order they were added."""
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", f"-//droit-de-suite//{_t(model.site.name, 'fr')}//FR")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _text(name))
    calendar.add("x-wr-timezone", _text("Europe/Paris"))
    calendar.add_component(_paris_timezone())
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical(sorted=False)


def all_day_event(uid: str, stamp: date, start: date, end: date, summary: str) -> Event:
    """An all-day event from `start` to `end` (both included: DTEND is exclusive), in French, stamped
    at 00:00 UTC on `stamp` (no clock: feeds.py's contract)."""
    event = Event()
    event.add("uid", uid + UID_SUFFIX)
    event.add("dtstamp", datetime(stamp.year, stamp.month, stamp.day, tzinfo=UTC))
    event.add("dtstart", start)
    event.add("dtend", end + timedelta(days=1))
    event.add("summary", _text(summary), parameters={"LANGUAGE": "fr"})
    return event


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
        event = all_day_event(meeting.id, stamp, day, day, r.title.fr)
        if r.summary is not None:
            event.add("description", _text(plain_text(r.summary.fr)), parameters={"LANGUAGE": "fr"})
        event.add("categories", [_text(schema.MEETING_KINDS.label(r.type, "fr"))])
        event.add("url", _page(base_url, "fr", "meetings", meeting.id))
        events.append(event)
    return vcalendar(model, _t(model.site.name, "fr"), events)


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
        event = all_day_event(f"{topic.id}.echeance-{on.isoformat()}", today, on.start, on.end, summary)
        event.add("description", _text(description), parameters={"LANGUAGE": "fr"})
        event.add("transp", "TRANSPARENT")
        event.add("url", _page(base_url, lang, "topics", topic.id))
        events.append(event)
    words = gettext("ics_due_title", lang)  # (extraction does not look inside f-strings)
    return vcalendar(model, f"{_t(model.site.name, lang)} — {words}", events)


def calendar_files(model: SiteModel, *, base_url: str) -> dict[str, bytes]:
    """agenda.ics, and echeances-suivi.ics when data/site.yml records the City's follow-up rule (due
    dates exist only under it)."""
    files = {CALENDAR: calendar(model, base_url=base_url)}
    if model.site.follow_up_rule is not None:
        files[DUE_CALENDAR] = due_calendar(model, base_url=base_url)
    return files
