"""The Atom feeds and the calendar as readers' apps read them: through maintained parsers, feedparser
(Atom/RSS) and icalendar (RFC 5545), rather than through the tests' own reading of the standards.

Every published feed, agenda.ics and echeances-suivi.ics of the real site and of the "rich" fixture of
tests/test_exports.py (texts to escape, a long title to fold, an upcoming meeting) must read without a
parser error and say exactly what the records say.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import feedparser
import icalendar
import pytest
import yaml

from .conftest import ROOT
from .test_exports import expected_calendars, first_day, last_day, rich_build, yaml_docs  # noqa: F401  (rich_build: a fixture)

A = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(params=["real", "rich"])
def site(request: pytest.FixtureRequest) -> tuple[object, Path, Path]:
    if request.param == "real":
        result, out = request.getfixturevalue("real_site")
        return result.model, out, ROOT / "data"
    result, out, data = request.getfixturevalue("rich_build")
    return result.model, out, data


def test_every_feed_reads_in_feedparser_as_written(site) -> None:
    model, out, _ = site
    paths = sorted((out / "flux").rglob("*.xml"))
    assert len(paths) >= 4
    for path in paths:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
        assert parsed.version == "atom10", path
        written = ET.fromstring(path.read_bytes())
        url = model.site.base_url + path.relative_to(out).as_posix()
        assert parsed.feed.id == url and parsed.feed.title == written.findtext(f"{A}title")
        assert parsed.feed.language == path.relative_to(out / "flux").parts[0]
        assert {link.rel: link.href for link in parsed.feed.links}["self"] == url
        entries = written.findall(f"{A}entry")
        assert len(parsed.entries) == len(entries), path
        for read, entry in zip(parsed.entries, entries, strict=True):
            assert read.id == entry.findtext(f"{A}id")
            assert read.title == entry.findtext(f"{A}title")
            assert read.link == entry.find(f"{A}link").get("href")
            day = date.fromisoformat(entry.findtext(f"{A}updated")[:10])
            assert read.updated_parsed == time.struct_time((day.year, day.month, day.day, 0, 0, 0, day.weekday(),
                                                            day.timetuple().tm_yday, 0))
            assert read.author == entry.findtext(f"{A}author/{A}name")
            assert [tag.term for tag in read.tags] == [entry.find(f"{A}category").get("term")]
            (content,) = read.content
            assert content.type == "text/plain" and content.value == entry.findtext(f"{A}content")


def upcoming_meetings(data: Path, today: date) -> list[dict]:
    """The meetings known to the day, on or after `today`, from the YAML files (read independently)."""
    found = [m for m in yaml_docs(data, "meetings") if len(m["date"]) == 10 and m["date"] >= today.isoformat()]
    return sorted(found, key=lambda m: (m["date"], m["id"]))


def test_the_calendar_reads_in_icalendar_as_the_records_say(site) -> None:
    model, out, data = site
    calendar = icalendar.Calendar.from_ical((out / "agenda.ics").read_bytes())
    assert [c.errors for c in calendar.walk()] == [[] for _ in calendar.walk()]
    assert calendar.name == "VCALENDAR" and str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"])
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Paris" and zone.to_tz().utcoffset(datetime(2026, 7, 1)) == timedelta(hours=2)
    events = calendar.walk("VEVENT")
    expected = upcoming_meetings(data, model.today)
    assert [str(e["UID"]) for e in events] == [f"{m['id']}@droit-de-suite" for m in expected]
    for event, meeting in zip(events, expected, strict=True):
        start = event.decoded("DTSTART")
        assert type(start) is date and start.isoformat() == meeting["date"]
        assert event.decoded("DTEND") - start == timedelta(days=1)  # an all-day event: the end is exclusive
        stamp = event.decoded("DTSTAMP")
        assert isinstance(stamp, datetime) and stamp.utcoffset() == timedelta(0)
        consulted = max(s["consulted"] for s in meeting.get("sources", [])) if meeting.get("sources") else meeting["date"]
        assert stamp == datetime.combine(date.fromisoformat(consulted), datetime.min.time(), tzinfo=UTC)
        assert str(event["SUMMARY"]) == meeting["title"]["fr"] and event["SUMMARY"].params["LANGUAGE"] == "fr"
        assert str(event["URL"]) == f"{model.site.base_url}reunions/{meeting['id']}/"


def test_calendar_texts_come_back_whole_through_icalendar(rich_build) -> None:  # noqa: F811
    """Commas, semicolons and a title long enough to be folded, unescaped and unfolded by the parser."""
    _, out, _ = rich_build
    (event,) = icalendar.Calendar.from_ical((out / "agenda.ics").read_bytes()).walk("VEVENT")
    assert str(event["SUMMARY"]) == ("Séance plénière fictive : bilan, échanges ; questions des élèves et des élus "
                                     "— très long titre à plier")
    assert str(event["DESCRIPTION"]) == "Une séance fictive, avec des virgules; et des points-virgules."


def test_the_due_calendar_reads_in_icalendar_as_the_calendars_say(site) -> None:
    """echeances-suivi.ics: each topic's due dates, all-day (a month when the vote is known to the
    month), texts unescaped whole (the rule's commas), its measures listed with their state."""
    model, out, data = site
    calendar = icalendar.Calendar.from_ical((out / "echeances-suivi.ics").read_bytes())
    assert [c.errors for c in calendar.walk()] == [[] for _ in calendar.walk()]
    assert str(calendar["X-WR-CALNAME"]).endswith("échéances de suivi")
    topics = {t["id"]: t for t in yaml_docs(data, "topics")}
    recs = {r["id"]: r for r in yaml_docs(data, "recommendations")}
    expected: dict[tuple[str, str], int] = {}
    for rec_id, (dues, _) in expected_calendars(data, model.today).items():
        for due in dues:
            key = (recs[rec_id]["topic"], due["date"])
            expected[key] = expected.get(key, 0) + 1
    events = calendar.walk("VEVENT")
    assert len(events) == len(expected) > 0
    rule = yaml.load((data / "site.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["follow_up_rule"]
    for event in events:
        topic, _, on = str(event["UID"]).removesuffix("@droit-de-suite").partition(".echeance-")
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date and (start, end - timedelta(days=1)) == (first_day(on), last_day(on))
        assert str(event["SUMMARY"]) == f"Échéance de suivi : {topics[topic]['title']['fr']}"
        assert str(event["URL"]) == f"{model.site.base_url}sujets/{topic}/"
        text = str(event["DESCRIPTION"])
        listed = text.split("Les mesures :\n", 1)[1].split("\n\n", 1)[0].splitlines()
        assert len(listed) == expected[(topic, on)]
        assert rule["text"]["fr"].split(",")[0] in text  # the rule, quoted, its comma unescaped
