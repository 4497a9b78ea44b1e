"""Open data exports (generator/publish/exports/): CSV/JSON tables, datapackage.json and build-info.json.

Checked on real builds: the minimal and follow-up fixture sites, the real data, and a "rich" copy of
the follow-up fixture written here (a hearing, a member list, a body with figures, upcoming meetings,
a title that is a spreadsheet formula, an entry dated after the build day). Every count is compared
with the model AND with counts taken independently from the YAML files (yaml.BaseLoader).

The follow-up calendar's columns and the due dates' table are checked on the demo data
(tests/fixtures/demo) and on a copy of it with two corrections (CORRECTED_FILES), against due dates
worked out here from the YAML records and the City's rule (`expected_dues`), not by the model.
"""

from __future__ import annotations

import calendar
import csv
import hashlib
import io
import json
import re
import shutil
import subprocess
import textwrap
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator import build as pipeline
from generator.publish import exports
from generator.site.model import SiteModel

from .conftest import BUILD_DATE, CHECK_DAY, FIXTURES, MINIMAL, ROOT

FOLLOWUP = FIXTURES / "followup"
DEMO = FIXTURES / "demo"
TODAY = "2025-11-22"
TABLES = ("statuses", "cohorts", "topics", "recommendations", "follow_up_entries", "follow_up_due_dates",
          "hearings", "meetings", "bodies", "body_figures", "member_counts")
CANARY_NAMES = ("Zéphyrine Canarié", "Quentin Q.")
FORMULA = '=HYPERLINK("https://evil.example/","clic")'


# --------------------------------------------------------------------------- sites built for these tests

RICH_FILES = {
    "hearings/test-audition.yml": """
        # Fictional test data.
        id: test-audition
        cohort: promo-test
        topic: test-sujet
        format: audition
        date: 2024-10-05
        title: {fr: Audition fictive, en: Fictional hearing}
        speakers:
          - {name: Dr Fictive Chercheuse, organisation: Université fictive, kind: researcher}
        sources:
          - {title: Page fictive, url: "https://example.org/audition", consulted: 2024-10-06}
        """,
    "members/promo-test.yml": """
        # Fictional test data: the names are canaries that must never reach an export.
        id: promo-test
        cohort: promo-test
        members:
          - {display_name: Zéphyrine Canarié, consent: full_name}
          - {display_name: Quentin Q., consent: first_name_initial}
          - {consent: counted_only}
          - {consent: counted_only}
        composition:
          - {category: electoral_rolls, count: 2}
          - {category: non_eu_residents, count: 1}
          - {category: minors, count: 1}
        sources:
          - {title: Liste fictive, url: "https://example.org/membres", consulted: 2024-10-06}
        """,
    "bodies/test-conseil.yml": """
        # Fictional test data.
        id: test-conseil
        name: {fr: Conseil fictif, en: Fictional council}
        summary: {fr: Un conseil fictif., en: A fictional council.}
        figures:
          - label: {fr: projets votés, en: projects voted on}
            value: 1 345
            as_of: 2025-12
            source: 1
          - label: {fr: variation, en: change}
            value: "-12 %"
            source: 1
        sources:
          - {title: Chiffres fictifs, url: "https://example.org/chiffres", consulted: 2025-01-15}
        """,
    "meetings/test-futur.yml": """
        # Fictional test data.
        id: test-futur
        type: plenary
        date: 2026-03-10
        cohorts: [promo-test]
        title:
          fr: "Séance plénière fictive : bilan, échanges ; questions des élèves et des élus — très long titre à plier"
          en: Fictional plenary
        summary: {fr: "Une séance **fictive**, avec des virgules; et des points-virgules.", en: A fictional session.}
        sources:
          - {title: Annonce fictive, url: "https://example.org/annonce", consulted: 2025-11-01}
        """,
    "meetings/test-futur-mois.yml": """
        # Fictional test data: known to the month only, so not in the calendar.
        id: test-futur-mois
        type: plenary
        date: 2026-04
        cohorts: [promo-test]
        title: {fr: Séance fictive d'avril, en: Fictional April session}
        sources:
          - {title: Annonce fictive, url: "https://example.org/annonce", consulted: 2025-11-01}
        """,
    "recommendations/test-sujet-04.yml": f"""
        # Fictional test data: a title that a spreadsheet would run, no English title, an entry after the build day.
        id: test-sujet-04
        topic: test-sujet
        number: 4
        title: {{fr: '{FORMULA}'}}
        text: {{fr: "+33 texte fictif", en: "@everyone fictional text"}}
        follow_up:
          - date: 2025-06-01
            assessor: observer
            status: in_progress
            answer:
              fr: "Réponse <script>alert(1)</script> & a < b"
              en: "Answer & a < b"
            sources:
              - {{title: Observation fictive, url: "https://example.org/obs", consulted: 2025-06-02}}
          - date: 2026-01-15
            assessor: city
            status: done
            sources:
              - {{title: Futur fictif, url: "https://example.org/futur", consulted: 2026-01-16}}
        sources:
          - {{title: Page fictive, url: "https://example.org/source", consulted: 2024-01-15}}
        """,
}


#: Two corrections and an early answer written into a copy of the demo data, each inserted at the end
#: of a measure's follow-up: demo-logement-01's City entry of 2026-03-13 had its status from the wrong
#: line (a correction by the same assessor); demo-mobilite-05's answer of 2025-03-14 was entered as the
#: members' when it was the City's (a correction by another assessor: the due date of 2024-12-13,
#: awaited without it, is answered by the correction); the City answers demo-mobilite-02's due date
#: of 2026-12-13 before it comes (answered, not passed; the next one, 2027-12-13, is to come).
CORRECTION_REASON = "Le statut avait été saisi depuis la mauvaise ligne du tableau de la Ville."
CORRECTED_FILES = {
    "recommendations/demo-logement-01.yml": f"""
  - date: 2026-03-13
    assessor: city
    status: partly_done
    progress: 65
    progress_reason:
      fr: "130 logements remis en location sur l’objectif de 200 de la première année."
      en: "130 homes let again out of the first year’s target of 200."
    target: 2026-12
    target_reason:
      fr: "L’agence de gestion locative sociale n’a été choisie qu’en septembre 2025."
      en: "The social letting agency was only chosen in September 2025."
    sources:
      - title: "Rapport annuel de droit de suite 2026 (fictif)"
        url: https://example.org/exempleville/droit-de-suite/rapport-2026
        published: 2026-03-13
        consulted: 2026-11-02
    corrects:
      entry_date: 2026-03-13
      date: 2026-11-02
      reason:
        fr: "{CORRECTION_REASON}"
        en: "The status had been entered from the wrong line of the City's table."
""",
    "recommendations/demo-mobilite-05.yml": """
  - date: 2025-03-14
    assessor: members
    status: in_progress
    sources:
      - title: "Rapport annuel de droit de suite 2025 (fictif)"
        url: https://example.org/exempleville/droit-de-suite/rapport-2025
        published: 2025-03-14
        consulted: 2025-03-18
  - date: 2025-03-14
    assessor: city
    status: partly_done
    progress: 60
    progress_reason:
      fr: "La navette à la demande roule ; la ligne régulière reste à l’étude."
      en: "The on-demand shuttle runs; the regular line is still being studied."
    sources:
      - title: "Rapport annuel de droit de suite 2025 (fictif)"
        url: https://example.org/exempleville/droit-de-suite/rapport-2025
        published: 2025-03-14
        consulted: 2026-10-20
    corrects:
      entry_date: 2025-03-14
      entry_assessor: members
      date: 2026-10-20
      reason:
        fr: "Cette réponse est celle de la Ville, saisie par erreur comme celle des membres."
        en: "This answer is the City's, entered by mistake as the members'."
""",
    "recommendations/demo-mobilite-02.yml": """
  - date: 2026-11-10
    assessor: city
    status: in_progress
    sources:
      - title: "Point d’étape de la Ville (fictif)"
        url: https://example.org/exempleville/droit-de-suite/point-2026-11
        published: 2026-11-10
        consulted: 2026-11-12
""",
}


def build_site(data_parent: Path, out: Path, day: date | None = None) -> pipeline.Result:
    result = pipeline.build(data_parent / "data", data_parent / "content", out, ROOT, search=False,
                            build_date=day or date.fromisoformat(TODAY), today=CHECK_DAY)
    assert result.ok, "\n".join(p.text() for p in result.problems if p.is_error)
    return result


def write_corrected(target: Path) -> Path:
    """A copy of the demo data with the corrections of CORRECTED_FILES (each block inserted at the end
    of the measure's `follow_up:`)."""
    shutil.copytree(DEMO, target)
    for name, block in CORRECTED_FILES.items():
        file = target / "data" / name
        lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
        start = lines.index("follow_up:\n")
        end = next((i for i in range(start + 1, len(lines)) if lines[i][:1] not in (" ", "-", "\n")), len(lines))
        lines.insert(end, block.lstrip("\n"))
        file.write_text("".join(lines), encoding="utf-8")
    return target


def write_rich(target: Path) -> Path:
    shutil.copytree(FOLLOWUP, target)
    for name, text in RICH_FILES.items():
        file = target / "data" / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def followup_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[pipeline.Result, Path, Path]:
    out = tmp_path_factory.mktemp("exports-followup") / "site"
    return build_site(FOLLOWUP, out), out, FOLLOWUP / "data"


@pytest.fixture(scope="session")
def rich_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[pipeline.Result, Path, Path]:
    source = write_rich(tmp_path_factory.mktemp("exports-rich") / "rich")
    out = tmp_path_factory.mktemp("exports-rich-site") / "site"
    return build_site(source, out), out, source / "data"


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[pipeline.Result, Path, Path]:
    """The demo data built on BUILD_DATE (its follow-up runs to 2026)."""
    out = tmp_path_factory.mktemp("exports-demo") / "site"
    return build_site(DEMO, out, BUILD_DATE), out, DEMO / "data"


@pytest.fixture(scope="session")
def corrected_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[pipeline.Result, Path, Path]:
    """The demo data with two corrections (CORRECTED_FILES), built on BUILD_DATE."""
    source = write_corrected(tmp_path_factory.mktemp("exports-corrected") / "corrected")
    out = tmp_path_factory.mktemp("exports-corrected-site") / "site"
    return build_site(source, out, BUILD_DATE), out, source / "data"


@pytest.fixture(params=["minimal", "followup", "rich", "real", "demo", "corrected"])
def any_build(request: pytest.FixtureRequest) -> tuple[SiteModel, Path, Path]:
    """(model, site folder, data folder) of each site the exports are checked on."""
    if request.param == "minimal":
        result, out = request.getfixturevalue("minimal_site")
        return result.model, out, MINIMAL / "data"
    if request.param == "real":
        result, out = request.getfixturevalue("real_site")
        return result.model, out, ROOT / "data"
    result, out, data = request.getfixturevalue(f"{request.param}_build")
    return result.model, out, data


# --------------------------------------------------------------------------- reading back


def read_csv(site: Path, table: str) -> list[dict[str, str]]:
    raw = (site / "donnees" / f"{table}.csv").read_bytes()
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


def read_json(site: Path, table: str) -> list[dict]:
    return json.loads((site / "donnees" / f"{table}.json").read_text(encoding="utf-8"))


def yaml_docs(data: Path, folder: str) -> list[dict]:
    """The records of a folder, read independently of the generator (every scalar a string)."""
    return [yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
            for f in sorted((data / folder).glob("*.yml"))] if (data / folder).is_dir() else []


def corrections(entries: list[dict]) -> dict[int, int]:
    """Corrected entry's position -> its correction's (from 0), read from the YAML: a correction
    names the entry in effect above it with that date and assessor (its own, unless it says another)."""
    corrected: dict[int, int] = {}
    for position, entry in enumerate(entries):
        if "corrects" in entry:
            named = (entry["corrects"]["entry_date"], entry["corrects"].get("entry_assessor", entry["assessor"]))
            old = max(i for i in range(position) if i not in corrected
                      and (entries[i]["date"], entries[i]["assessor"]) == named)
            corrected[old] = position
    return corrected


def in_effect(doc: dict, today: str) -> list[tuple[int, dict]]:
    """(position from 0, entry) of the entries in effect dated on or before today, oldest first (by
    date, then by position: a correction stands where the entry it corrects stood in time)."""
    entries = doc.get("follow_up", [])
    corrected = corrections(entries)
    kept = [(i, e) for i, e in enumerate(entries) if i not in corrected and e["date"] <= today]
    return sorted(kept, key=lambda item: (item[1]["date"], item[0]))


def published_status(doc: dict, not_assessed: str, today: str) -> str:
    """What a recommendation's status must be: its latest entry in effect dated on or before today,
    else not assessed."""
    entries = in_effect(doc, today)
    return entries[-1][1]["status"] if entries else not_assessed


# --------------------------------------------------------------------------- due dates, from the YAML


def months_after(when: str, months: int) -> str:
    """A date written YEAR, YEAR-MONTH or YEAR-MONTH-DAY plus `months`, written the same way (a 31st
    becomes the month's last day)."""
    parts = [int(p) for p in when.split("-")]
    if len(parts) == 1:
        return f"{parts[0] + months // 12:04d}"
    year, month = divmod(parts[1] - 1 + months, 12)
    year, month = parts[0] + year, month + 1
    if len(parts) == 2:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{min(parts[2], calendar.monthrange(year, month)[1]):02d}"


def first_day(when: str) -> date:
    parts = [int(p) for p in when.split("-")] + [1, 1]
    return date(*parts[:3])


def last_day(when: str) -> date:
    parts = [int(p) for p in when.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(*parts)[1])
    return date(parts[0], 12, 31)


def halfway(a: date, b: date) -> date:
    return date.fromordinal((a.toordinal() + b.toordinal() + 1) // 2)


def expected_calendars(data: Path, today: date) -> dict[str, tuple[list[dict], bool]]:
    """Each measure's due dates worked out from the YAML alone, and whether the City ended them: the
    City's rule (data/site.yml) from the vote of its topic, each due date answered by the City's
    entries in effect dated from halfway since the previous one (or the vote) to halfway to the next,
    else by a published document not entered (its cohort's), else passed with nothing recorded, or to
    come (then the last); none after the City's latest entry in effect when its status is final
    (which ends the calendar)."""
    site = yaml.load((data / "site.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    statuses = yaml.load((data / "statuses.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    final = {s["id"] for s in statuses["statuses"] if s["final"].lower() == "true"}
    topics = {t["id"]: t for t in yaml_docs(data, "topics")}
    cohorts = {c["id"]: c for c in yaml_docs(data, "cohorts")}
    rule = site.get("follow_up_rule")
    out = {}
    for doc in yaml_docs(data, "recommendations"):
        topic = topics[doc["topic"]]
        vote = topic.get("vote")
        if not rule or not vote or vote.get("result") != "adopted":
            out[doc["id"]] = ([], False)
            continue
        city = [(i, e) for i, e in in_effect(doc, today.isoformat()) if e["assessor"] == "city"]
        ended = date.fromisoformat(city[-1][1]["date"]) if city and city[-1][1]["status"] in final else None
        documents = [d for d in cohorts[topic["cohort"]].get("follow_up_documents", [])
                     if d.get("entered", "false").lower() != "true"]
        every = int(rule["then_every_months"]) if rule.get("then_every_months") else None
        previous, on = first_day(vote["date"]), months_after(vote["date"], int(rule["first_after_months"]))
        dues: list[dict] = []
        while True:
            start = halfway(previous, first_day(on))
            if ended is not None and start > ended:
                break
            following = months_after(on, every) if every else None
            end = halfway(first_day(on), first_day(following)) if following else date.max
            answers = [i + 1 for i, e in city if start <= date.fromisoformat(e["date"]) < end]
            urls = [d["url"] for d in documents if start <= first_day(d["date"]) < end]
            passed = last_day(on) < today
            state = "answered" if answers else "upcoming" if not passed else "published" if urls else "not_recorded"
            dues.append({"date": on, "state": state, "passed": passed, "answers": answers, "documents": urls})
            if state == "upcoming" or following is None:
                break
            previous, on = first_day(on), following
        out[doc["id"]] = (dues, ended is not None)
    return out


def expected_summary(dues: list[dict], ended: bool) -> str:
    states = [d["state"] for d in dues]
    if "not_recorded" in states:
        return "awaited"
    if "published" in states:
        return "document"
    if ended:
        return "ended"
    if any(s != "upcoming" for s in states):
        return "answered"
    return "not_yet" if dues else "none"


# --------------------------------------------------------------------------- tests


def test_every_table_is_written_as_csv_json_and_excel_with_a_datapackage(any_build) -> None:
    _, site, _ = any_build
    # The folder also holds the data page itself (index.html), which lists these files.
    names = sorted(p.name for p in (site / "donnees").iterdir() if p.name != "index.html")
    assert names == sorted([f"{t}.{kind}" for t in TABLES for kind in ("csv", "json", "xlsx")] + ["datapackage.json"])
    page = (site / "donnees" / "index.html").read_text(encoding="utf-8")
    for table in TABLES:
        for kind in ("csv", "json", "xlsx"):
            assert f'href="../donnees/{table}.{kind}"' in page, (table, kind)
    # the page says which file is for what
    assert "(.xlsx)" in page and "UTF-8" in page
    package = json.loads((site / "donnees" / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]] == list(TABLES)


def test_csv_files_are_utf8_without_bom_with_unix_line_endings(any_build) -> None:
    _, site, _ = any_build
    for table in TABLES:
        raw = (site / "donnees" / f"{table}.csv").read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf")
        raw.decode("utf-8")
        assert b"\r\n" not in raw and raw.endswith(b"\n")


def test_row_counts_match_the_model_and_the_yaml_files(any_build) -> None:
    model, site, data = any_build
    recs = yaml_docs(data, "recommendations")
    bodies = yaml_docs(data, "bodies")
    statuses = yaml.load((data / "statuses.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    expected = {
        "statuses": (len(model.statuses), len(statuses["statuses"])),
        "cohorts": (len(model.cohorts), len(yaml_docs(data, "cohorts"))),
        "topics": (len(model.topics), len(yaml_docs(data, "topics"))),
        "recommendations": (len(model.recommendations), len(recs)),
        "follow_up_entries": (sum(len(r.record.follow_up) for r in model.recommendations),
                              sum(len(r.get("follow_up", [])) for r in recs)),
        "hearings": (len(model.hearings), len(yaml_docs(data, "hearings"))),
        "meetings": (len(model.meetings), len(yaml_docs(data, "meetings"))),
        "bodies": (len(model.bodies), len(bodies)),
        "body_figures": (sum(len(b.figures) for b in model.bodies), sum(len(b.get("figures", [])) for b in bodies)),
        "follow_up_due_dates": (sum(len(r.state.calendar.dues) for r in model.recommendations),
                                sum(len(dues) for dues, _ in expected_calendars(data, model.today).values())),
    }
    for table, (in_model, in_yaml) in expected.items():
        assert len(read_csv(site, table)) == in_model == in_yaml, table
        assert len(read_json(site, table)) == in_model, table


def test_member_counts_are_counts_per_cohort_and_group(any_build) -> None:
    model, site, data = any_build
    rows = read_csv(site, "member_counts")
    if rows:
        assert list(rows[0]) == ["cohort", "category", "composition", "listed"]
    listed: Counter[tuple[str, str]] = Counter()
    for doc in yaml_docs(data, "members"):  # the list's counts: no member's group is recorded
        for part in doc.get("composition", []):
            listed[(doc["cohort"], part["category"])] += int(part["count"])
    stated = {(c["id"], part["category"]): int(part["count"])
              for c in yaml_docs(data, "cohorts") for part in c.get("composition", [])}
    assert {(r["cohort"], r["category"]) for r in rows} == set(listed) | set(stated)
    for row in rows:
        key = (row["cohort"], row["category"])
        assert row["composition"] == (str(stated[key]) if key in stated else "")
        if row["listed"]:
            assert int(row["listed"]) == listed[key]
    assert sum(int(r["listed"] or 0) for r in rows) == sum(listed.values()) == \
        sum(len(ml.members) for ml in model.member_lists)


def test_recommendation_status_is_derived_from_the_last_entry(any_build) -> None:
    model, site, data = any_build
    today = model.today.isoformat()
    by_id = {r["id"]: r for r in read_csv(site, "recommendations")}
    labels = {s.id: s.label for s in model.statuses}
    for doc in yaml_docs(data, "recommendations"):
        row = by_id[doc["id"]]
        expected = published_status(doc, model.not_assessed.id, today)
        assert row["status"] == expected, doc["id"]
        assert row["status_label_fr"] == labels[expected].fr
        assert row["status_label_en"] == (labels[expected].en or labels[expected].fr)
        assert row["follow_up_entries"] == str(len(doc.get("follow_up", [])))
        rec = model.by_id["recommendations"][doc["id"]]
        assert row["last_assessed"] == (rec.state.last_assessed.isoformat() if rec.state.last_assessed else "")
        assert row["next_due"] == (rec.state.next_due.isoformat() if rec.state.next_due else "")


def test_status_counts_recomputed_from_the_csv_equal_the_sites_counts(any_build) -> None:
    model, site, _ = any_build
    from_csv = Counter(r["status"] for r in read_csv(site, "recommendations"))
    shown = {c.status.id: c.count for c in model.counts(model.recommendations)}
    assert {s: from_csv.get(s, 0) for s in shown} == shown
    assert set(from_csv) <= set(shown)
    entries = Counter((r["recommendation"], r["entry"]) for r in read_csv(site, "follow_up_entries"))
    assert all(n == 1 for n in entries.values())


def test_json_twins_hold_the_same_rows_typed(any_build) -> None:
    _, site, _ = any_build
    package = json.loads((site / "donnees" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        types = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
        csv_rows, json_rows = read_csv(site, resource["name"]), read_json(site, resource["name"])
        assert len(csv_rows) == len(json_rows)
        for c_row, j_row in zip(csv_rows, json_rows, strict=True):
            assert list(c_row) == list(j_row) == list(types)
            for name, value in j_row.items():
                if value is None:
                    assert c_row[name] == ""
                elif types[name] == "integer":
                    assert isinstance(value, int) and c_row[name] == str(value)
                elif types[name] == "boolean":
                    assert isinstance(value, bool) and c_row[name] == str(value).lower()
                else:
                    assert c_row[name] == exports.neutralize(value)


def test_frictionless_finds_the_package_valid(any_build) -> None:
    frictionless = pytest.importorskip("frictionless")
    _, site, _ = any_build
    report = frictionless.validate(str(site / "donnees" / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])


def test_frictionless_checks_the_data_against_the_descriptor(followup_build, tmp_path: Path) -> None:
    """The validation above is not vacuous: a status that does not exist is caught."""
    frictionless = pytest.importorskip("frictionless")
    _, site, _ = followup_build
    copy = tmp_path / "donnees"
    shutil.copytree(site / "donnees", copy)
    package = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:  # let the planted mistake, not the hash, be what fails
        del resource["hash"], resource["bytes"]
    (copy / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    text = (copy / "recommendations.csv").read_text(encoding="utf-8")
    (copy / "recommendations.csv").write_text(text.replace(",done,", ",finished,"), encoding="utf-8")
    report = frictionless.validate(str(copy / "datapackage.json"))
    errors = {e[0] for e in report.flatten(["type"])}
    assert not report.valid and "constraint-error" in errors and "foreign-key" in errors


def test_datapackage_describes_every_field(followup_build) -> None:
    result, site, _ = followup_build
    model = result.model
    package = json.loads((site / "donnees" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    assert "apostrophe" in package["description"]
    for resource in package["resources"]:
        assert resource["schema"]["primaryKey"]
        with (site / "donnees" / resource["path"]).open(encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        assert header == [f["name"] for f in resource["schema"]["fields"]]
        for f in resource["schema"]["fields"]:
            assert f["description"].strip(), (resource["name"], f["name"])
            if "categories" in f:
                values = f["constraints"]["enum"]
                assert [c["value"] for c in f["categories"]] == values
                assert set(f["x-labels"]) == set(values)
                assert all(set(labels) == {"fr", "en"} for labels in f["x-labels"].values())
    recs = next(r for r in package["resources"] if r["name"] == "recommendations")
    status = next(f for f in recs["schema"]["fields"] if f["name"] == "status")
    assert status["categoriesOrdered"] is True
    assert status["constraints"]["enum"] == [s.id for s in sorted(model.statuses, key=lambda s: s.order)]
    assert status["x-labels"]["done"] == {"fr": "Totalement mise en œuvre", "en": "Fully implemented"}
    assert {"fields": "status", "reference": {"resource": "statuses", "fields": "id"}} in recs["schema"]["foreignKeys"]
    # descriptions come from the schema (single source of truth)
    title = next(f for f in recs["schema"]["fields"] if f["name"] == "title_fr")
    from generator.records.schema import Recommendation
    assert title["description"].startswith(Recommendation.model_fields["title"].description)


def test_exporting_twice_gives_the_same_bytes(followup_build, rich_build) -> None:
    for result, _, _ in (followup_build, rich_build):
        first = exports.export_files(result.model, base_url="https://example.org/x/", data_version="abc")
        second = exports.export_files(result.model, base_url="https://example.org/x/", data_version="abc")
        assert first == second
        assert list(first) == sorted(first)


def test_two_builds_of_the_same_input_give_identical_files(tmp_path: Path) -> None:
    outs = [tmp_path / "one", tmp_path / "two"]
    for out in outs:
        build_site(FOLLOWUP, out)
    written = [
        {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
         if p.is_file() and (p.parts[len(out.parts)] in ("donnees", "flux") or p.name in ("agenda.ics", "echeances-suivi.ics", "build-info.json"))}
        for out in outs
    ]
    assert written[0] == written[1]
    assert {"build-info.json", "echeances-suivi.ics", "donnees/datapackage.json"} <= set(written[0])


def test_formulas_are_neutralised_in_csv_only(rich_build) -> None:
    _, site, _ = rich_build
    rec = next(r for r in read_csv(site, "recommendations") if r["id"] == "test-sujet-04")
    assert rec["title_fr"] == "'" + FORMULA
    assert rec["text_fr"] == "'+33 texte fictif" and rec["text_en"] == "'@everyone fictional text"
    assert rec["title_en"] == ""  # untranslated: empty, not the French text
    figure = next(r for r in read_csv(site, "body_figures") if r["value"].endswith("%"))
    assert figure["value"] == "'-12 %"
    as_json = next(r for r in read_json(site, "recommendations") if r["id"] == "test-sujet-04")
    assert as_json["title_fr"] == FORMULA and as_json["title_en"] is None
    for table in TABLES:
        for row in read_csv(site, table):
            for value in row.values():
                assert not value.startswith(exports.FORMULA_STARTS), (table, value)


@pytest.mark.parametrize("text,expected", [
    ("=1+1", "'=1+1"), ("+33", "'+33"), ("-12", "'-12"), ("@cmd", "'@cmd"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("plain", "plain"), ("a=b", "a=b"), ("", ""),
])
def test_neutralize(text: str, expected: str) -> None:
    assert exports.neutralize(text) == expected


def test_no_member_name_reaches_any_published_file(rich_build) -> None:
    result, site, _ = rich_build
    assert {m.display_name for ml in result.model.member_lists for m in ml.members} >= set(CANARY_NAMES)
    published = [p for p in site.rglob("*") if p.is_file() and (
        p.suffix in (".csv", ".json", ".xml", ".ics"))]
    assert len(published) > 20
    for path in published:
        text = path.read_bytes().decode("utf-8")
        for name in CANARY_NAMES:
            assert name not in text, path
    rows = read_csv(site, "member_counts")
    assert list(rows[0]) == ["cohort", "category", "composition", "listed"]
    assert {(r["category"], r["listed"]) for r in rows} == {
        ("electoral_rolls", "2"), ("non_eu_residents", "1"), ("minors", "1")}


def test_future_entries_are_exported_but_do_not_set_the_status(rich_build) -> None:
    _, site, _ = rich_build
    entries = [r for r in read_csv(site, "follow_up_entries") if r["recommendation"] == "test-sujet-04"]
    assert [(e["entry"], e["date"], e["status"]) for e in entries] == [
        ("1", "2025-06-01", "in_progress"), ("2", "2026-01-15", "done")]
    rec = next(r for r in read_csv(site, "recommendations") if r["id"] == "test-sujet-04")
    # The entry gives no figure: the progress column stays empty (not in_progress's default 50).
    assert rec["status"] == "in_progress" and rec["progress"] == "" and rec["last_assessed"] == "2025-06-01"


def test_progress_is_exported_only_where_an_assessor_gave_a_figure(followup_build) -> None:
    """A status's default percentage is never exported as a measure's progress: CSV, JSON and
    Excel agree with the entries' own `progress` (the followup fixture: the City gave 70 % for
    test-sujet-02, no other entry gives a figure)."""
    import openpyxl

    _, site, data = followup_build
    given = {(doc["id"], i): e.get("progress", "") for doc in yaml_docs(data, "recommendations")
             for i, e in enumerate(doc.get("follow_up", []), start=1)}
    assert set(given.values()) == {"", "70"}
    entries = read_csv(site, "follow_up_entries")
    assert {(r["recommendation"], int(r["entry"])): r["progress"] for r in entries} == given
    assert all(r["progress_stated"] == ("true" if r["progress"] else "false") for r in entries)
    assert {(r["recommendation"], r["entry"]): r["progress"] for r in read_json(site, "follow_up_entries")} == {
        key: int(value) if value else None for key, value in given.items()}
    recs = {r["id"]: r for r in read_csv(site, "recommendations")}
    # test-sujet-02: its latest entry is the members' (no figure); the City's 70 % is the City's verdict.
    assert {i: r["progress"] for i, r in recs.items()} == {"test-sujet-01": "", "test-sujet-02": "", "test-sujet-03": ""}
    assert (recs["test-sujet-02"]["city_progress"], recs["test-sujet-02"]["members_progress"]) == ("70", "")
    book = openpyxl.load_workbook(site / "donnees" / "recommendations.xlsx", read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    column = rows[0].index("progress")
    assert [row[column] for row in rows[1:]] == [None, None, None]


def test_urls_point_to_the_pages_in_each_language(followup_build) -> None:
    result, site, _ = followup_build
    base = result.model.site.base_url
    for row in read_csv(site, "recommendations"):
        assert row["url_fr"] == f"{base}recommandations/{row['id']}/"
        assert row["url_en"] == f"{base}en/recommandations/{row['id']}/"
        assert (site / "recommandations" / row["id"] / "index.html").is_file()
        assert (site / "en" / "recommandations" / row["id"] / "index.html").is_file()


def test_build_info(any_build, monkeypatch: pytest.MonkeyPatch) -> None:
    model, site, data = any_build
    info = json.loads((site / "build-info.json").read_text(encoding="utf-8"))
    assert list(info) == ["commit", "data_version", "counts", "generator", "build_day"]
    assert info["build_day"] == model.today.isoformat()  # the day the follow-up state is computed on
    assert info["commit"] is None or len(info["commit"]) >= 7
    digest = hashlib.sha256()
    for path in sorted(p for p in data.rglob("*") if p.is_file()):
        content = path.read_bytes()
        digest.update(path.relative_to(data).as_posix().encode() + b"\0" + str(len(content)).encode() + b"\0" + content)
    assert info["data_version"] == digest.hexdigest()[:12]
    import tomllib
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert info["generator"] == f"droit-de-suite {version}"
    recs = yaml_docs(data, "recommendations")
    assert info["counts"] == {
        "cohorts": len(yaml_docs(data, "cohorts")),
        "topics": len(yaml_docs(data, "topics")),
        "recommendations": len(recs),
        "follow_up_entries": sum(len(r.get("follow_up", [])) for r in recs),
        "hearings": len(yaml_docs(data, "hearings")),
        "meetings": len(yaml_docs(data, "meetings")),
        "bodies": len(yaml_docs(data, "bodies")),
        "members_counted": sum(len(d.get("members", [])) for d in yaml_docs(data, "members")),
    } == exports.record_counts(model)
    package = json.loads((site / "donnees" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["x-data-version"] == info["data_version"] and package["x-build-day"] == info["build_day"]
    assert not {"time", "date", "built", "timestamp"} & set(info)  # same input and day, same bytes: no time


def test_commit_comes_from_github_sha_then_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567")
    assert exports.git_commit(ROOT) == "0123456789abcdef0123456789abcdef01234567"
    monkeypatch.delenv("GITHUB_SHA")
    if (ROOT / ".git").exists() and shutil.which("git"):
        assert len(exports.git_commit(ROOT) or "") == 40
    monkeypatch.setenv("PATH", str(tmp_path))  # no git at all: null, never a crash
    assert exports.git_commit(tmp_path) is None


# --------------------------------------------------------------------------- the follow-up calendar


def test_the_follow_up_columns_are_recounted_from_the_records(any_build) -> None:
    """next_due (never a past date), follow_up_awaited_since, follow_up_calendar and deadline_passed
    of every measure, as worked out from the YAML records and the City's rule on the build day."""
    model, site, data = any_build
    today = model.today
    statuses = yaml.load((data / "statuses.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    final = {s["id"] for s in statuses["statuses"] if s["final"].lower() == "true"}
    calendars = expected_calendars(data, today)
    rows = {r["id"]: r for r in read_csv(site, "recommendations")}
    for doc in yaml_docs(data, "recommendations"):
        row, (dues, ended) = rows[doc["id"]], calendars[doc["id"]]
        upcoming = [d["date"] for d in dues if d["state"] == "upcoming"]
        awaited = [d["date"] for d in dues if d["state"] == "not_recorded"]
        assert row["next_due"] == (upcoming[0] if upcoming else ""), doc["id"]
        assert not row["next_due"] or last_day(row["next_due"]) >= today, doc["id"]  # never a past date
        assert row["follow_up_awaited_since"] == (awaited[0] if awaited else ""), doc["id"]
        assert row["follow_up_calendar"] == expected_summary(dues, ended), doc["id"]
        effective = [e for _, e in in_effect(doc, today.isoformat())]
        targets = [e["target"] for e in effective if "target" in e]
        passed = bool(targets) and effective[-1]["status"] not in final and last_day(targets[-1]) < today
        assert row["deadline_passed"] == ("true" if passed else "false"), doc["id"]
        assert row["target"] == (targets[-1] if targets else ""), doc["id"]


def test_the_due_dates_table_is_each_measures_calendar(any_build) -> None:
    """One row per measure and due date, as worked out from the YAML, and as the model's calendar
    (whose not_recorded dates are what the pages say is awaited)."""
    model, site, data = any_build
    rows = read_csv(site, "follow_up_due_dates")
    assert [(r["recommendation"], int(r["due"])) for r in rows] == sorted((r["recommendation"], int(r["due"])) for r in rows)
    by_rec: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_rec.setdefault(row["recommendation"], []).append(row)
    expected = expected_calendars(data, model.today)
    assert set(by_rec) == {rec_id for rec_id, (dues, _) in expected.items() if dues}
    for rec_id, (dues, _) in expected.items():
        got = by_rec.get(rec_id, [])
        assert [(r["due"], r["date"], r["state"], r["passed"], r["answered_by_entries"], r["document_urls"])
                for r in got] == [
            (str(i), d["date"], d["state"], str(d["passed"]).lower(), " | ".join(map(str, d["answers"])),
             " | ".join(d["documents"])) for i, d in enumerate(dues, start=1)], rec_id
        rec = model.by_id["recommendations"][rec_id]
        assert all((r["topic"], r["cohort"]) == (rec.topic.id, rec.cohort.id) for r in got)
        assert [r["date"] for r in got] == [d.on.isoformat() for d in rec.state.calendar.dues]
        assert sum(r["state"] == "not_recorded" for r in got) == len(rec.state.calendar.awaited), rec_id
        assert sum(r["state"] == "upcoming" for r in got) == (rec.state.next_due is not None), rec_id


def test_the_demo_data_has_every_state_and_the_real_data_due_months(demo_build, real_site) -> None:
    """The checks above are not vacuous: the demo has each state of a due date, a measure awaited, a
    passed completion date and a document published not entered; the real data has votes known to
    the month, whose due dates are months."""
    _, site, _ = demo_build
    dues = read_csv(site, "follow_up_due_dates")
    assert {r["state"] for r in dues} == {"answered", "published", "not_recorded", "upcoming"}
    assert any(" | " in r["answered_by_entries"] for r in dues)
    recs = read_csv(site, "recommendations")
    assert {r["follow_up_calendar"] for r in recs} == {"awaited", "document", "answered", "ended", "none"}
    assert any(r["deadline_passed"] == "true" for r in recs) and any(r["follow_up_awaited_since"] for r in recs)
    _, real = real_site
    months = [r for r in read_csv(real, "recommendations") if len(r["next_due"]) == 7]
    assert months and all(len(r["follow_up_awaited_since"]) in (0, 7) for r in months)
    assert any(len(r["date"]) == 7 for r in read_csv(real, "follow_up_due_dates"))


def test_the_due_dates_agree_with_the_measures_pages(demo_build) -> None:
    """Each measure's page lists the same due dates in the same states as the table."""
    _, site, _ = demo_build
    states: dict[str, list[str]] = {}
    for row in read_csv(site, "follow_up_due_dates"):
        states.setdefault(row["recommendation"], []).append(row["state"])
    for row in read_csv(site, "recommendations"):
        page = (site / "recommandations" / row["id"] / "index.html").read_text(encoding="utf-8")
        listed = page.split('<ol class="dds-dues">', 1)[1].split("</ol>", 1)[0] if states.get(row["id"]) else ""
        assert re.findall(r'class="dds-due dds-due--(\w+)"', listed) == states.get(row["id"], []), row["id"]


def test_the_calendar_columns_say_they_are_computed_on_the_build_day(demo_build) -> None:
    result, site, _ = demo_build
    package = json.loads((site / "donnees" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["x-build-day"] == result.model.today.isoformat() == "2026-11-22"
    resources = {r["name"]: r for r in package["resources"]}
    fields = {f["name"]: f for f in resources["recommendations"]["schema"]["fields"]}
    dues = resources["follow_up_due_dates"]
    for described in (fields["next_due"], fields["follow_up_awaited_since"], fields["follow_up_calendar"],
                      fields["deadline_passed"], dues):
        assert "build day" in described["description"] and "build-info.json" in described["description"]
    for described in (fields["follow_up_awaited_since"], fields["follow_up_calendar"], dues):
        assert "does not mean that the City did not answer" in described["description"]
    assert fields["next_due"]["type"] == "string" and fields["next_due"]["constraints"]["pattern"]
    from generator.site.calendar import STATES, SUMMARIES
    assert fields["follow_up_calendar"]["constraints"]["enum"] == list(SUMMARIES)
    state = next(f for f in dues["schema"]["fields"] if f["name"] == "state")
    assert state["constraints"]["enum"] == list(STATES)
    assert state["x-labels"]["not_recorded"] == {"fr": "passée, rien n’est enregistré ici",
                                                 "en": "passed, nothing recorded here"}
    assert {"fields": "recommendation", "reference": {"resource": "recommendations", "fields": "id"}} in \
        dues["schema"]["foreignKeys"]
    assert dues["schema"]["primaryKey"] == ["recommendation", "due"]


# --------------------------------------------------------------------------- corrections


def test_corrections_are_shown_in_the_entries_table(any_build) -> None:
    """Which entry each correction corrects, when and why, which entry corrected an entry, and
    whether it is in effect: as the YAML says (a correction names its entry by date and assessor)."""
    _, site, data = any_build
    rows = {(r["recommendation"], int(r["entry"])): r for r in read_csv(site, "follow_up_entries")}
    for doc in yaml_docs(data, "recommendations"):
        entries = doc.get("follow_up", [])
        corrected = corrections(entries)
        correcting = {new: old for old, new in corrected.items()}
        for position, entry in enumerate(entries):
            row = rows[(doc["id"], position + 1)]
            assert row["in_effect"] == ("false" if position in corrected else "true")
            assert row["corrected_by_entry"] == (str(corrected[position] + 1) if position in corrected else "")
            assert row["corrects_entry"] == (str(correcting[position] + 1) if position in correcting else "")
            fix = entry.get("corrects", {})
            assert (row["correction_date"], row["correction_reason_fr"], row["correction_reason_en"]) == (
                fix.get("date", ""), fix.get("reason", {}).get("fr", ""), fix.get("reason", {}).get("en", ""))


def test_a_correction_takes_the_place_of_the_entry_it_corrects(demo_build, corrected_build) -> None:
    _, before, _ = demo_build
    _, site, _ = corrected_build
    entries = {(r["recommendation"], r["entry"]): r for r in read_csv(site, "follow_up_entries")}
    old, new = entries[("demo-logement-01", "2")], entries[("demo-logement-01", "4")]
    assert (old["in_effect"], old["corrected_by_entry"], old["status"]) == ("false", "4", "in_progress")
    assert (new["in_effect"], new["corrects_entry"], new["correction_date"]) == ("true", "2", "2026-11-02")
    assert new["correction_reason_fr"] == CORRECTION_REASON
    assert new["correction_reason_en"] == "The status had been entered from the wrong line of the City's table."
    assert entries[("demo-mobilite-05", "2")]["corrected_by_entry"] == "3"
    recs = {r["id"]: r for r in read_csv(site, "recommendations")}
    old_recs = {r["id"]: r for r in read_csv(before, "recommendations")}
    # The state reads the entries in effect: the City's corrected status and figure.
    assert (recs["demo-logement-01"]["status"], recs["demo-logement-01"]["city_status"],
            recs["demo-logement-01"]["city_progress"]) == ("partly_done", "partly_done", "65")
    assert old_recs["demo-logement-01"]["status"] == "in_progress"
    assert (recs["demo-mobilite-05"]["status"], recs["demo-mobilite-05"]["members_status"]) == ("partly_done", "")
    assert recs["demo-mobilite-05"]["follow_up_entries"] == "3"
    # The answer of 2025-03-14, the City's once corrected, answers the due date of 2024-12-13.
    assert (old_recs["demo-mobilite-05"]["follow_up_awaited_since"], recs["demo-mobilite-05"]["follow_up_awaited_since"]) \
        == ("2024-12-13", "2025-12-13")
    dues = {(r["recommendation"], r["date"]): r for r in read_csv(site, "follow_up_due_dates")}
    assert (dues[("demo-mobilite-05", "2024-12-13")]["state"], dues[("demo-mobilite-05", "2024-12-13")]["answered_by_entries"]) \
        == ("answered", "3")
    # An answer before the due date: answered, not passed, and the next one is to come.
    early = dues[("demo-mobilite-02", "2026-12-13")]
    assert (early["state"], early["passed"], early["answered_by_entries"]) == ("answered", "false", "5")
    assert (dues[("demo-mobilite-02", "2027-12-13")]["state"], recs["demo-mobilite-02"]["next_due"]) == (
        "upcoming", "2027-12-13")


# --------------------------------------------------------------------------- Excel workbooks


def test_libreoffice_reads_each_workbook_as_the_json_twin(rich_build, tmp_path: Path) -> None:
    """A spreadsheet opens every .xlsx with the same rows and columns, accents intact, numbers as
    numbers, true/false as booleans, and a formula-like text as text (no apostrophe, never run)."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is missing: this test opens the workbooks with it"
    _, site, _ = rich_build
    books = [site / "donnees" / f"{table}.xlsx" for table in TABLES]
    out = tmp_path / "read"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(out),
                    *map(str, books)], check=True, capture_output=True, timeout=300)
    for table in TABLES:
        read = list(csv.reader(io.StringIO((out / f"{table}.csv").read_text(encoding="utf-8"), newline="")))
        rows = read_json(site, table)
        header = list(rows[0]) if rows else read[0]
        assert read[0] == header, table
        assert len(read) == len(rows) + 1, table
        for cells, row in zip(read[1:], rows, strict=True):
            expected = ["" if v is None else ("TRUE" if v is True else "FALSE" if v is False else str(v))
                        for v in row.values()]
            assert cells == expected, (table, row.get("id"))
    titles = {r["id"]: r["title_fr"] for r in csv.DictReader(io.StringIO(
        (out / "recommendations.csv").read_text(encoding="utf-8"), newline=""))}
    assert titles["test-sujet-04"] == FORMULA  # text, as written: a workbook cell is never a formula here


def test_workbook_cells_are_typed_and_never_formulas(rich_build) -> None:
    import zipfile

    _, site, _ = rich_build
    with zipfile.ZipFile(site / "donnees" / "recommendations.xlsx") as book:
        assert book.testzip() is None
        sheet = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
        assert set(book.namelist()) >= {"[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"}
    assert "<f>" not in sheet and "<f " not in sheet
    assert '<c r="D2"><v>' in sheet  # the number column is a number
    assert 't="b"' in sheet and 't="inlineStr"' in sheet
    assert "=HYPERLINK(&quot;" in sheet or '=HYPERLINK("' in sheet


# --------------------------------------------------------------------------- assessors' verdicts


def test_each_assessors_latest_verdict_is_exported_where_they_disagree(followup_build) -> None:
    """test-sujet-02: the City says in progress (70 %, 2025-03-14), the members later say not
    implemented (no figure): the status is the latest, and both verdicts are in the row."""
    result, site, _ = followup_build
    rows = {r["id"]: r for r in read_csv(site, "recommendations")}
    row = rows["test-sujet-02"]
    assert row["status"] == "not_implemented" and row["assessors_disagree"] == "true"
    assert (row["city_status"], row["city_progress"], row["city_date"]) == ("in_progress", "70", "2025-03-14")
    assert (row["members_status"], row["members_progress"], row["members_date"]) == ("not_implemented", "", "2025-04-01")
    assert (row["observer_status"], row["observer_progress"], row["observer_date"]) == ("", "", "")
    for rec in result.model.recommendations:
        r = rows[rec.id]
        assert (r["assessors_disagree"] == "true") == rec.state.disagreement
        assessed = {e.assessor for e in rec.record.follow_up if e.date <= result.model.today}
        for assessor in ("city", "members", "observer"):
            assert bool(r[f"{assessor}_status"]) == (assessor in assessed), (rec.id, assessor)
