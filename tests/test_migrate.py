"""migrate-members: member files written before groups and workshops became counts are rewritten,
comments and layout kept, and nothing is lost: the pages and the open data show the same numbers."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
import yaml

from generator import build as pipeline
from generator import cli
from generator.records.validate import validate

from .conftest import BUILD_DATE, CHECK_DAY, ROOT
from .french import french
from .htmltables import tables

#: A member file as they were written before: each member's group and workshop beside the name, in
#: the layouts editors use (a group as the member's first field, a member on one line in braces).
OLD = """# Fictional test data.
id: promo-test
cohort: promo-test
members:
  - display_name: Camille Publiquenom
    category: electoral_rolls
    workshop: deliberation
    consent: full_name
  # a note an editor left in a comment
  - category: electoral_rolls
    consent: counted_only
  - {display_name: Dominique P., category: non_eu_residents, workshop: deliberation, consent: first_name_initial}
  - {category: minors, consent: counted_only}
sources:
  - title: Liste fictive
    url: https://example.org/liste
    consulted: 2025-01-15
"""

NEW = """# Fictional test data.
id: promo-test
cohort: promo-test
members:
  - display_name: Camille Publiquenom
    consent: full_name
  # a note an editor left in a comment
  - consent: counted_only
  - {display_name: Dominique P., consent: first_name_initial}
  - {consent: counted_only}
composition:
  - category: electoral_rolls
    count: 2
  - category: non_eu_residents
    count: 1
  - category: minors
    count: 1
workshop_counts:
  - workshop: deliberation
    count: 2
sources:
  - title: Liste fictive
    url: https://example.org/liste
    consulted: 2025-01-15
"""


def _migrate(root: Path, *args: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(root)
    code = cli.main(["migrate-members", "--data", "data", "--lang", "fr", *args])
    return code, capsys.readouterr().out


def test_check_refuses_the_old_member_file_and_the_migration_rewrites_it(
        minimal_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    members = minimal_copy / "data" / "members"
    members.mkdir()
    (members / "promo-test.yml").write_text(OLD, encoding="utf-8")
    _, problems = validate(minimal_copy / "data", minimal_copy, today=CHECK_DAY)
    refused = [(p.line, p.field) for p in problems if p.is_error]
    assert refused == [(6, "members[1].category"), (7, "members[1].workshop"), (10, "members[2].category"),
                       (12, "members[3].category"), (12, "members[3].workshop"), (13, "members[4].category")]
    assert all("migrate-members" in p.message for p in problems if p.is_error)

    code, out = _migrate(minimal_copy, "--dry-run", capsys=capsys, monkeypatch=monkeypatch)
    assert code == 0 and french(" : à réécrire (4 membres à compter par groupe, 2 par atelier).") in out
    assert (members / "promo-test.yml").read_text(encoding="utf-8") == OLD  # a dry run writes nothing
    code, out = _migrate(minimal_copy, capsys=capsys, monkeypatch=monkeypatch)
    assert code == 0
    assert out == french("data/members/promo-test.yml : réécrit (4 membres comptés par groupe, 2 par atelier).") + "\n"
    assert (members / "promo-test.yml").read_text(encoding="utf-8") == NEW
    _, problems = validate(minimal_copy / "data", minimal_copy, today=CHECK_DAY)
    assert [p.text() for p in problems if p.is_error] == []
    code, out = _migrate(minimal_copy, capsys=capsys, monkeypatch=monkeypatch)  # once is enough
    assert code == 0 and out.startswith("Rien à réécrire")


def test_nothing_lost_the_pages_and_the_open_data_count_what_the_old_file_said(
        minimal_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    members = minimal_copy / "data" / "members"
    members.mkdir()
    (members / "promo-test.yml").write_text(OLD, encoding="utf-8")
    old = yaml.safe_load(OLD)["members"]
    by_group = Counter(m["category"] for m in old)
    by_workshop = Counter(m.get("workshop") for m in old)
    _migrate(minimal_copy, capsys=capsys, monkeypatch=monkeypatch)
    site = tmp_path / "site"
    result = pipeline.build(minimal_copy / "data", minimal_copy / "content", site, minimal_copy, build_date=BUILD_DATE,
                            today=CHECK_DAY)
    assert result.ok, [p.text() for p in result.problems if p.is_error]
    groups, workshops = tables((site / "membres" / "promo-test" / "index.html").read_text(encoding="utf-8"))
    assert [(name, int(count)) for name, count in groups.rows] == [
        ("Listes électorales", by_group["electoral_rolls"]), ("Résidents hors Union européenne", by_group["non_eu_residents"]),
        ("Mineurs de 16 à 17 ans", by_group["minors"])]
    assert [(name, int(count)) for name, count in workshops.rows] == [
        ("Atelier Délibération", by_workshop["deliberation"]), ("Non connu", by_workshop[None])]
    with (site / "donnees" / "member_counts.csv").open(encoding="utf-8") as stream:
        listed = {row["category"]: int(row["listed"]) for row in csv.DictReader(stream)}
    assert listed == dict(by_group)


#: What the demo's member pages showed before the migration (a build of the commit before it,
#: 8b52cc4), per group and per workshop: the migrated files must show exactly the same.
DEMO_BEFORE = {
    "demo-promotion-1": ([16, 3, 1], [10, 10]),
    "demo-promotion-2": ([16, 3, 1], [10, 9, 1]),
    "demo-promotion-3": ([16, 3, 1], [10, 10]),
}


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    demo = ROOT / "tests" / "fixtures" / "demo"
    out = tmp_path_factory.mktemp("demo") / "site"
    result = pipeline.build(demo / "data", demo / "content", out, ROOT, fictional=True, search=False,
                            build_date=BUILD_DATE, today=CHECK_DAY)
    assert result.ok
    return out


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_demos_member_pages_show_the_counts_they_showed_before(demo_site: Path, lang: str) -> None:
    for cohort, (groups, workshops) in DEMO_BEFORE.items():
        shown = tables((demo_site / f"{lang}membres" / cohort / "index.html").read_text(encoding="utf-8"))
        assert [[int(count) for _name, count in table.rows] for table in shown] == [groups, workshops], cohort
    with (demo_site / "donnees" / "member_counts.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert [(r["cohort"], int(r["listed"])) for r in rows] == [
        (cohort, count) for cohort, (groups, _w) in DEMO_BEFORE.items() for count in groups]
