"""Atom feeds (RFC 4287) and the iCalendar file (RFC 5545) of generator/publish/feeds.py, on real builds.

The sites are the follow-up fixture, the "rich" copy of it that tests/test_exports.py writes, the real
data, and the demo data with two corrections and an early answer (tests/test_exports.py CORRECTED_FILES);
expected entries and due dates are worked out from the YAML files read independently (yaml.BaseLoader).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest

from generator import build as pipeline
from generator.publish import calendars, feeds
from generator.records import schema
from generator.site.i18n import gettext, ngettext

from .conftest import BUILD_DATE, CHECK_DAY, ROOT
from .test_exports import (
    CORRECTION_REASON,
    FOLLOWUP,
    FORMULA,
    build_site,
    corrections,
    expected_calendars,
    first_day,
    last_day,
    write_corrected,
    write_rich,
    yaml_docs,
)

A = "{http://www.w3.org/2005/Atom}"
LANGS = ("fr", "en")


@pytest.fixture(params=["followup", "rich", "real", "corrected"])
def feed_build(request: pytest.FixtureRequest) -> tuple[object, Path, Path]:
    if request.param == "real":
        result, out = request.getfixturevalue("real_site")
        return result.model, out, ROOT / "data"
    result, out, data = request.getfixturevalue(request.param)
    return result.model, out, data


@pytest.fixture(scope="module")
def followup(tmp_path_factory: pytest.TempPathFactory) -> tuple[pipeline.Result, Path, Path]:
    out = tmp_path_factory.mktemp("feeds-followup") / "site"
    return build_site(FOLLOWUP, out), out, FOLLOWUP / "data"


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> tuple[pipeline.Result, Path, Path]:
    source = write_rich(tmp_path_factory.mktemp("feeds-rich") / "rich")
    out = tmp_path_factory.mktemp("feeds-rich-site") / "site"
    return build_site(source, out), out, source / "data"


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory) -> tuple[pipeline.Result, Path, Path]:
    """The demo data with two corrections and an early answer, built on BUILD_DATE."""
    source = write_corrected(tmp_path_factory.mktemp("feeds-corrected") / "corrected")
    out = tmp_path_factory.mktemp("feeds-corrected-site") / "site"
    return build_site(source, out, BUILD_DATE), out, source / "data"


def parse(path: Path) -> ET.Element:
    return ET.fromstring(path.read_bytes())


def expected_entries(data: Path, today: str) -> list[tuple[str, int, dict, str, str, str]]:
    """(recommendation id, 1-based index, entry, published, updated, mark) of each entry the feeds
    must hold, from the YAML: an entry dated on or before today, a correction made on or before today
    too (published that day, mark "correction"); an entry whose correction is shown is updated on the
    day of the correction (mark "corrected"); the others are published and updated on their date."""
    out = []
    for doc in yaml_docs(data, "recommendations"):
        entries = doc.get("follow_up", [])
        corrected = corrections(entries)
        correcting = set(corrected.values())
        # The day each entry was made: a correction's own day, else its date.
        made = [e["corrects"]["date"] if i in correcting else e["date"] for i, e in enumerate(entries)]
        for position, entry in enumerate(entries):
            if entry["date"] > today or made[position] > today:
                continue
            fix = corrected.get(position)
            shown = fix is not None and entries[fix]["date"] <= today and made[fix] <= today
            mark = "correction" if position in correcting else "corrected" if shown else ""
            out.append((doc["id"], position + 1, entry, made[position], made[fix] if fix is not None and shown
                        else made[position], mark))
    return out


def entry_title(title: str, label: str, mark: str, lang: str) -> str:
    if mark == "correction":
        label = gettext("atom_correction_title", lang, label=label)
    elif mark == "corrected":
        label = gettext("atom_corrected_title", lang, label=label)
    return f"{title} — {label}"


# --------------------------------------------------------------------------- Atom


def test_a_feed_per_language_cohort_and_topic(feed_build) -> None:
    model, site, data = feed_build
    for lang in LANGS:
        assert (site / "flux" / lang / "suivi.xml").is_file()
        assert sorted(p.stem for p in (site / "flux" / lang / "promotions").glob("*.xml")) == \
            sorted(d["id"] for d in yaml_docs(data, "cohorts"))
        assert sorted(p.stem for p in (site / "flux" / lang / "sujets").glob("*.xml")) == \
            sorted(d["id"] for d in yaml_docs(data, "topics"))


def test_every_feed_has_the_required_elements_and_newest_entries_first(feed_build) -> None:
    model, site, _ = feed_build
    base = model.site.base_url
    for path in sorted((site / "flux").rglob("*.xml")):
        feed = parse(path)
        lang = path.relative_to(site / "flux").parts[0]
        assert feed.tag == f"{A}feed"
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        url = base + path.relative_to(site).as_posix()
        assert feed.findtext(f"{A}id") == url
        assert feed.findtext(f"{A}title")
        assert feed.find(f"{A}author/{A}name").text
        assert any(link.get("rel") == "self" and link.get("href") == url for link in feed.findall(f"{A}link"))
        entries = feed.findall(f"{A}entry")
        stamps = [e.findtext(f"{A}updated") for e in entries]
        for entry in entries:
            for tag in ("id", "title", "updated", "author/" + A + "name"):
                assert (entry.findtext(f"{A}{tag}") or "").strip(), (path, tag)
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", entry.findtext(f"{A}updated"))
            link = entry.find(f"{A}link")
            assert link is not None and link.get("rel") == "alternate" and link.get("href").startswith(base)
            assert entry.find(f"{A}content").get("type") == "text"
        assert stamps == sorted(stamps, reverse=True)
        assert len({e.findtext(f"{A}id") for e in entries}) == len(entries)
        assert feed.findtext(f"{A}updated") == (stamps[0] if stamps else feeds.EMPTY_FEED_UPDATED)


def test_feed_entries_are_the_follow_up_entries(feed_build) -> None:
    model, site, data = feed_build
    today = model.today.isoformat()
    base = model.site.base_url
    statuses = {s.id: s for s in model.statuses}
    titles = {d["id"]: d["title"] for d in yaml_docs(data, "recommendations")}
    expected = expected_entries(data, today)
    for lang in LANGS:
        prefix = base + ("" if lang == "fr" else "en/")
        entries = parse(site / "flux" / lang / "suivi.xml").findall(f"{A}entry")
        assert len(entries) == len(expected)
        got = {e.findtext(f"{A}id"): e for e in entries}
        for rec_id, index, entry, published, updated, mark in expected:
            page = f"{prefix}recommandations/{rec_id}/"
            item = got[f"{page}#entry-{index}"]
            assert item.find(f"{A}link").get("href") == page
            assert item.findtext(f"{A}published") == f"{published}T00:00:00Z"
            assert item.findtext(f"{A}updated") == f"{updated}T00:00:00Z"
            label = statuses[entry["status"]].label
            title = titles[rec_id].get(lang) or titles[rec_id]["fr"]  # missing English: French
            assert item.findtext(f"{A}title") == entry_title(title, label.get(lang) or label.fr, mark, lang)
            assert item.find(f"{A}category").get("term") == entry["status"]
        # the cohorts' feeds, and the topics', share the Assembly's entries out without loss
        for section in ("promotions", "sujets"):
            ids = [e.findtext(f"{A}id") for p in sorted((site / "flux" / lang / section).glob("*.xml"))
                   for e in parse(p).findall(f"{A}entry")]
            assert sorted(ids) == sorted(got)


def test_feed_text_is_escaped_plain_text(rich) -> None:
    _, site, _ = rich
    for lang in LANGS:
        raw = (site / "flux" / lang / "sujets" / "test-sujet.xml").read_bytes()
        feed = ET.fromstring(raw)  # parses: every & and < escaped
        item = next(e for e in feed.findall(f"{A}entry") if "test-sujet-04" in e.findtext(f"{A}id"))
        content = item.findtext(f"{A}content")
        assert "a < b" in content and "&" in content
        assert "<script" not in content and b"<script" not in raw
        assert item.findtext(f"{A}title").startswith(FORMULA)  # French title in the English feed too


def test_entries_after_the_build_day_are_not_in_the_feeds_yet(rich) -> None:
    _, site, _ = rich
    ids = [e.findtext(f"{A}id") for e in parse(site / "flux" / "fr" / "suivi.xml").findall(f"{A}entry")]
    assert any(i.endswith("test-sujet-04/#entry-1") for i in ids)
    assert not any(i.endswith("test-sujet-04/#entry-2") for i in ids)  # dated 2026-01-15


def test_feeds_change_only_when_the_data_does(tmp_path: Path) -> None:
    """Built on two different days after the last entry, the feeds are byte for byte the same."""
    outputs = []
    for day in (date(2025, 11, 22), date(2026, 1, 1)):
        result = pipeline.generate(FOLLOWUP / "data", FOLLOWUP / "content", ROOT, build_date=day, today=CHECK_DAY)
        files = feeds.atom_files(result.model, base_url=result.model.site.base_url)
        assert files == feeds.atom_files(result.model, base_url=result.model.site.base_url)
        outputs.append(files)
    assert outputs[0] == outputs[1]


def test_a_correction_is_an_entry_of_its_own_and_the_corrected_one_says_so(corrected) -> None:
    """demo-logement-01: its City entry of 2026-03-13 (entry 2) corrected on 2026-11-02 by entry 4."""
    _, site, _ = corrected
    for lang, words in (("fr", ("Correction, faite le 2 novembre 2026, de l'entrée du 13 mars 2026", "(entrée corrigée)",
                                CORRECTION_REASON)),
                        ("en", ("Correction, made on 2 November 2026, of the entry dated 13 March 2026", "(corrected entry)",
                                "The status had been entered from the wrong line"))):
        feed = parse(site / "flux" / lang / "sujets" / "demo-logement.xml")
        items = {e.findtext(f"{A}id").split("/recommandations/")[1]: e for e in feed.findall(f"{A}entry")}
        fix, old = items["demo-logement-01/#entry-4"], items["demo-logement-01/#entry-2"]
        # The newest change first: the correction, then the entry it corrects, both of 2 November.
        assert feed.findall(f"{A}entry")[:2] == [fix, old]
        assert feed.findtext(f"{A}updated") == "2026-11-02T00:00:00Z"
        assert (fix.findtext(f"{A}published"), fix.findtext(f"{A}updated")) == ("2026-11-02T00:00:00Z",) * 2
        assert fix.findtext(f"{A}content").startswith(words[0]) and words[2] in fix.findtext(f"{A}content")
        assert fix.find(f"{A}category").get("term") == "partly_done"
        assert old.findtext(f"{A}title").endswith(words[1]) and words[2] in old.findtext(f"{A}content")
        assert (old.findtext(f"{A}published"), old.findtext(f"{A}updated")) == (
            "2026-03-13T00:00:00Z", "2026-11-02T00:00:00Z")
        assert old.find(f"{A}category").get("term") == "in_progress"  # what it said, marked corrected


def test_a_correction_made_after_the_build_day_is_not_in_the_feeds_yet(tmp_path: Path) -> None:
    """Built on 2026-10-25: the correction of demo-mobilite-05 (made 2026-10-20) is shown, the one of
    demo-logement-01 (made 2026-11-02) is not, nor its mark on the entry it will correct."""
    source = write_corrected(tmp_path / "corrected")
    result = pipeline.generate(source / "data", source / "content", ROOT, build_date=date(2026, 10, 25), today=CHECK_DAY)
    feed = ET.fromstring(feeds.atom_files(result.model, base_url="https://example.org/")["flux/fr/suivi.xml"])
    items = {e.findtext(f"{A}id").split("/recommandations/")[1]: e for e in feed.findall(f"{A}entry")}
    assert "demo-mobilite-05/#entry-3" in items and items["demo-mobilite-05/#entry-2"].findtext(f"{A}title").endswith(
        "(entrée corrigée)")
    assert "demo-logement-01/#entry-4" not in items
    assert not items["demo-logement-01/#entry-2"].findtext(f"{A}title").endswith("(entrée corrigée)")
    assert items["demo-logement-01/#entry-2"].findtext(f"{A}updated") == "2026-03-13T00:00:00Z"


# --------------------------------------------------------------------------- iCalendar


def unfold(raw: bytes) -> list[str]:
    return raw.decode("utf-8").replace("\r\n ", "").split("\r\n")[:-1]


def check_calendar(raw: bytes) -> list[str]:
    """RFC 5545 form: CRLF only, lines of at most 75 octets, BEGIN/END balanced. Returns unfolded lines."""
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"") and b"\r" not in raw.replace(b"\r\n", b"")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, line
    lines = unfold(raw)
    stack: list[str] = []
    for line in lines:
        if line.startswith("BEGIN:"):
            stack.append(line[6:])
        elif line.startswith("END:"):
            assert stack and stack.pop() == line[4:]
    assert not stack
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    return lines


def events(lines: list[str]) -> list[dict[str, str]]:
    out, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            out.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return out


def test_calendar_lists_upcoming_meetings_known_to_the_day(feed_build) -> None:
    model, site, data = feed_build
    lines = check_calendar((site / "agenda.ics").read_bytes())
    today = model.today.isoformat()
    upcoming = sorted((m["date"], m["id"]) for m in yaml_docs(data, "meetings")
                      if re.fullmatch(r"\d{4}-\d\d-\d\d", m["date"]) and m["date"] >= today)
    found = events(lines)
    assert [e["UID"] for e in found] == [f"{i}@droit-de-suite" for _, i in upcoming]
    for event, (day, meeting_id) in zip(found, upcoming, strict=True):
        assert event["DTSTART;VALUE=DATE"] == day.replace("-", "")
        assert re.fullmatch(r"\d{8}T000000Z", event["DTSTAMP"])
        assert event["URL"] == f"{model.site.base_url}reunions/{meeting_id}/"
        assert event["SUMMARY;LANGUAGE=fr"]


def test_calendar_folds_and_escapes(rich) -> None:
    _, site, _ = rich
    raw = (site / "agenda.ics").read_bytes()
    lines = check_calendar(raw)
    assert b"\r\n " in raw  # the long French title was folded
    (event,) = events(lines)
    assert event["UID"] == "test-futur@droit-de-suite"
    assert event["DTSTART;VALUE=DATE"] == "20260310" and event["DTEND;VALUE=DATE"] == "20260311"
    assert event["DTSTAMP"] == "20251101T000000Z"  # from the data (sources consulted), not the clock
    assert event["SUMMARY;LANGUAGE=fr"] == (
        "Séance plénière fictive : bilan\\, échanges \\; questions des élèves et des élus — très long titre à plier")
    assert event["DESCRIPTION;LANGUAGE=fr"] == "Une séance fictive\\, avec des virgules\\; et des points-virgules."


def test_an_empty_calendar_is_still_valid(followup) -> None:
    _, site, _ = followup  # built on 2025-11-22: every meeting is past
    lines = check_calendar((site / "agenda.ics").read_bytes())
    assert not events(lines)
    assert "BEGIN:VTIMEZONE" in lines  # RFC 5545 wants at least one component


def ics_escape(text: str) -> str:
    """A TEXT value as RFC 5545 §3.3.11 writes it (the test's own, not the generator's)."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


@pytest.mark.parametrize("title", ["é" * 80, "a" * 200, "€" * 40 + "a", "ok", "ligne\r\ncoupée\rdeux\x07 fois; virgule, \\"])
def test_a_calendar_text_is_folded_at_75_octets_and_reads_back(title: str) -> None:
    """Any title: lines of at most 75 octets, never cut inside a character, and an iCalendar reader
    (icalendar) reads back the title, its control characters removed and its line ends one kind."""
    class Site:
        name = schema.Localized(fr="Site fictif")

    class Model:
        site = Site()

    raw = calendars.vcalendar(Model(), title, [calendars.all_day_event("x", date(2026, 1, 1), date(2026, 1, 2), date(2026, 1, 2), title)])
    lines = check_calendar(raw)
    expected = title.replace("\r\n", "\n").replace("\r", "\n").replace("\x07", "")
    assert f"X-WR-CALNAME:{ics_escape(expected)}" in lines
    (event,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert str(event["SUMMARY"]) == expected


# --------------------------------------------------------------------------- the due dates' calendar


def expected_due_events(data: Path, today: date) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(topic id, due date, [(measure id, state)]) of each topic's due dates worked out from the YAML
    (tests/test_exports.py expected_calendars), by date then topic, measures in the topic's order."""
    recs = {d["id"]: d for d in yaml_docs(data, "recommendations")}
    calendars = expected_calendars(data, today)
    order = sorted(recs, key=lambda i: (recs[i]["topic"], "number" not in recs[i], int(recs[i].get("number", 0)), i))
    events: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for rec_id in order:
        for due in calendars[rec_id][0]:
            events.setdefault((recs[rec_id]["topic"], due["date"]), []).append((rec_id, due["state"]))
    return sorted(((t, d, m) for (t, d), m in events.items()), key=lambda e: (first_day(e[1]), last_day(e[1]), e[0]))


def test_the_due_calendar_has_an_event_per_topic_and_due_date(feed_build) -> None:
    """echeances-suivi.ics, beside agenda.ics: one all-day event per topic and due date (a due month
    lasts the month), where its measures stand on the build day, a link to the topic's page."""
    model, site, data = feed_build
    raw = (site / feeds.DUE_CALENDAR).read_bytes()
    lines = check_calendar(raw)
    found = events(lines)
    expected = expected_due_events(data, model.today)
    assert expected, "no due date at all: the check would be vacuous"
    titles = {t["id"]: t["title"]["fr"] for t in yaml_docs(data, "topics")}
    measures = {r["id"]: r["title"]["fr"] for r in yaml_docs(data, "recommendations")}
    assert [e["UID"] for e in found] == [f"{topic}.echeance-{on}@droit-de-suite" for topic, on, _ in expected]
    for event, (topic, on, states) in zip(found, expected, strict=True):
        assert event["DTSTART;VALUE=DATE"] == f"{first_day(on):%Y%m%d}"
        assert event["DTEND;VALUE=DATE"] == f"{last_day(on) + timedelta(days=1):%Y%m%d}"
        assert event["DTSTAMP"] == f"{model.today:%Y%m%d}T000000Z"  # the day the states are computed
        assert event["URL"] == f"{model.site.base_url}sujets/{topic}/"
        assert event["SUMMARY;LANGUAGE=fr"] == ics_escape(gettext("ics_due_summary", "fr", topic=titles[topic]))
        text = event["DESCRIPTION;LANGUAGE=fr"].replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";")
        listed = text.split(gettext("ics_due_list", "fr") + "\n", 1)[1].split("\n\n", 1)[0].split("\n")
        assert listed == [f"- {measures[m]} : {gettext(calendars.DUE_WORDS[state], 'fr')}" for m, state in states]
        for state in ("answered", "published", "not_recorded", "upcoming"):
            n = sum(s == state for _, s in states)
            line = f"- {ngettext('ics_due_' + state, 'ics_due_' + state, n, 'fr')}"
            assert (line in text.split("\n")) == (n > 0), (topic, on, state)
        assert ("ne veut pas dire que la Ville n'a pas répondu" in text) == any(s == "not_recorded" for _, s in states)


def test_the_due_calendar_says_what_a_topic_has_on_the_demo_data(corrected) -> None:
    """The demo's mobility topic on 2024-12-13: four measures (two others ended in 2024), all answered
    (demo-mobilite-05 by its correction: awaited without it); on 2025-12-13, two with nothing recorded."""
    _, site, _ = corrected
    found = {e["UID"]: e for e in events(check_calendar((site / feeds.DUE_CALENDAR).read_bytes()))}
    first = found["demo-mobilite.echeance-2024-12-13@droit-de-suite"]["DESCRIPTION;LANGUAGE=fr"]
    assert first.startswith("4 mesures de ce sujet ont une échéance de suivi le 13 décembre 2024\\, ")
    assert "- 4 mesures : la Ville a répondu (réponse saisie ici)" in first.replace("\\n", "\n")
    later = found["demo-mobilite.echeance-2025-12-13@droit-de-suite"]["DESCRIPTION;LANGUAGE=fr"].replace("\\n", "\n")
    assert "- 2 mesures : échéance passée\\, rien n'est enregistré ici" in later
    assert "Au 22 novembre 2026 :" in later


def test_no_due_calendar_without_the_citys_rule(minimal_site) -> None:
    result, site = minimal_site
    assert result.model.site.follow_up_rule is None
    assert not (site / feeds.DUE_CALENDAR).exists() and (site / "agenda.ics").is_file()
