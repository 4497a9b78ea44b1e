"""Open data exports (generator/publish/exports/): CSV/JSON tables, datapackage.json and build-info.json.

Checked on real builds: the minimal and follow-up fixture sites, the real data, and a "rich" copy of
the follow-up fixture written here (a hearing, a member list, a body with figures, upcoming meetings,
a title that is a spreadsheet formula, an entry dated after the build day). Every count is compared
with the model AND with counts taken independently from the YAML files (yaml.BaseLoader).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
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

from .conftest import CHECK_DAY, FIXTURES, MINIMAL, ROOT

FOLLOWUP = FIXTURES / "followup"
TODAY = "2025-11-22"
TABLES = ("statuses", "cohorts", "topics", "recommendations", "follow_up_entries", "hearings", "meetings",
          "bodies", "body_figures", "member_counts")
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
          - {display_name: Zéphyrine Canarié, category: electoral_rolls, consent: full_name}
          - {display_name: Quentin Q., category: non_eu_residents, consent: first_name_initial}
          - {category: minors, consent: counted_only}
          - {category: electoral_rolls, consent: counted_only}
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


def build_site(data_parent: Path, out: Path) -> pipeline.Result:
    result = pipeline.build(data_parent / "data", data_parent / "content", out, ROOT, search=False,
                            build_date=date.fromisoformat(TODAY), today=CHECK_DAY)
    assert result.ok, "\n".join(p.text() for p in result.problems if p.is_error)
    return result


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


@pytest.fixture(params=["minimal", "followup", "rich", "real"])
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


def published_status(doc: dict, not_assessed: str, today: str) -> str:
    """What a recommendation's status must be: its last entry dated on or before today, else not assessed."""
    entries = [e for e in doc.get("follow_up", []) if e["date"] <= today]
    return entries[-1]["status"] if entries else not_assessed


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
    for doc in yaml_docs(data, "members"):
        for member in doc.get("members", []):
            listed[(doc["cohort"], member["category"])] += 1
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
         if p.is_file() and (p.parts[len(out.parts)] in ("donnees", "flux") or p.name in ("agenda.ics", "build-info.json"))}
        for out in outs
    ]
    assert written[0] == written[1]
    assert "build-info.json" in written[0] and "donnees/datapackage.json" in written[0]


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
    assert list(info) == ["commit", "data_version", "counts", "generator"]
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
    assert package["x-data-version"] == info["data_version"]
    assert not {"time", "date", "built", "timestamp"} & set(info)  # same input, same bytes


def test_commit_comes_from_github_sha_then_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567")
    assert exports.git_commit(ROOT) == "0123456789abcdef0123456789abcdef01234567"
    monkeypatch.delenv("GITHUB_SHA")
    if (ROOT / ".git").exists() and shutil.which("git"):
        assert len(exports.git_commit(ROOT) or "") == 40
    monkeypatch.setenv("PATH", str(tmp_path))  # no git at all: null, never a crash
    assert exports.git_commit(tmp_path) is None


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
