"""Atom feeds (RFC 4287) and the iCalendar file (RFC 5545) of generator/publish/feeds.py, on real builds.

The sites are the follow-up fixture, the "rich" copy of it that tests/test_exports.py writes, and the
real data; expected entries are worked out from the YAML files read independently (yaml.BaseLoader).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from generator import build as pipeline
from generator.publish import feeds

from .conftest import CHECK_DAY, ROOT
from .test_exports import FOLLOWUP, FORMULA, build_site, write_rich, yaml_docs

A = "{http://www.w3.org/2005/Atom}"
LANGS = ("fr", "en")


@pytest.fixture(params=["followup", "rich", "real"])
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


def parse(path: Path) -> ET.Element:
    return ET.fromstring(path.read_bytes())


def expected_entries(data: Path, today: str, recs: set[str] | None = None) -> list[tuple[str, int, dict]]:
    """(recommendation id, 1-based index, entry) for entries dated on or before today, from the YAML."""
    out = []
    for doc in yaml_docs(data, "recommendations"):
        if recs is not None and doc["id"] not in recs:
            continue
        for index, entry in enumerate(doc.get("follow_up", []), start=1):
            if entry["date"] <= today:
                out.append((doc["id"], index, entry))
    return out


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
        for rec_id, index, entry in expected:
            page = f"{prefix}recommandations/{rec_id}/"
            item = got[f"{page}#entry-{index}"]
            assert item.find(f"{A}link").get("href") == page
            assert item.findtext(f"{A}updated") == f"{entry['date']}T00:00:00Z"
            label = statuses[entry["status"]].label
            title = titles[rec_id].get(lang) or titles[rec_id]["fr"]  # missing English: French
            assert item.findtext(f"{A}title") == f"{title} — {label.get(lang) or label.fr}"
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


@pytest.mark.parametrize("line", [
    "SUMMARY:" + "é" * 80, "X:" + "a" * 200, "SUMMARY:" + "€" * 40 + "a", "SHORT:ok",
])
def test_fold(line: str) -> None:
    folded = feeds.fold(line)
    assert folded.replace("\r\n ", "") == line
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
