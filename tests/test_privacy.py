"""Privacy, enforced: private keys never merge, and nothing unpublished reaches any output file —
HTML, feeds, exports, sitemap, or the Pagefind index once decompressed."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from generator import build as pipeline
from generator.validate import validate

MEMBERS = """# Fictional test data.
id: promo-test
cohort: promo-test
members:
  - display_name: Camille Publiquenom
    category: electoral_rolls
    workshop: deliberation
    consent: full_name
  - display_name: Dominique P.
    category: non_eu_residents
    consent: first_name_initial
  # CANARY-COMMENT-member-7f3a: a note an editor left in a comment
  - category: minors
    consent: counted_only
sources:
  - title: Liste fictive
    url: https://example.org/liste
    consulted: 2025-01-15
"""

CANARIES = ["CANARY-COMMENT-member-7f3a", "CANARY-COMMENT-record-91bc"]
PUBLISHED = "Camille Publiquenom"


def readable(path: Path) -> str:
    """A built file's text; Pagefind's files are gzip-compressed and are read decompressed."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def scan(site: Path, needles: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        if path.suffix in (".woff2", ".png", ".ico", ".wasm"):
            continue
        text = readable(path)
        for needle in needles:
            if needle in text:
                found.setdefault(needle, []).append(str(path.relative_to(site)))
    return found


@pytest.fixture
def dataset_with_members(minimal_copy: Path) -> Path:
    (minimal_copy / "data" / "members").mkdir()
    (minimal_copy / "data" / "members" / "promo-test.yml").write_text(MEMBERS, encoding="utf-8")
    rec = minimal_copy / "data" / "recommendations" / "test-sujet-01.yml"
    rec.write_text(rec.read_text(encoding="utf-8") + f"# {CANARIES[1]}\n", encoding="utf-8")
    return minimal_copy


def build(root: Path, out: Path) -> pipeline.Result:
    result = pipeline.build(root / "data", root / "content", out, root)
    assert result.ok, [p.text() for p in result.problems if p.is_error]
    return result


def test_nothing_unpublished_reaches_any_output_file(dataset_with_members: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(dataset_with_members, site)
    found = scan(site, CANARIES + [PUBLISHED, "Dominique P."])
    # The scanner reads what it must: the published names are found, in pages and in the search index.
    assert any(p.startswith("membres/") for p in found[PUBLISHED])
    assert any(p.startswith("pagefind/") for p in found[PUBLISHED]), found[PUBLISHED]
    assert "Dominique P." in found
    for canary in CANARIES:
        assert canary not in found, found[canary]


def test_the_scanner_finds_a_canary_planted_in_the_output(dataset_with_members: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(dataset_with_members, site)
    page = site / "promotions" / "promo-test" / "index.html"
    page.write_text(page.read_text(encoding="utf-8") + CANARIES[0], encoding="utf-8")
    fragment = next((site / "pagefind" / "fragment").glob("*.pf_fragment"))
    fragment.write_bytes(gzip.compress(readable(fragment).encode() + CANARIES[1].encode()))
    found = scan(site, CANARIES)
    assert found[CANARIES[0]] == ["promotions/promo-test/index.html"]
    assert found[CANARIES[1]] == [str(fragment.relative_to(site))]


def test_a_removed_member_leaves_no_trace(dataset_with_members: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(dataset_with_members, site)
    assert PUBLISHED in scan(site, [PUBLISHED])
    members = dataset_with_members / "data" / "members" / "promo-test.yml"
    text = members.read_text(encoding="utf-8")
    members.write_text(text.replace(
        "  - display_name: Camille Publiquenom\n    category: electoral_rolls\n    workshop: deliberation\n"
        "    consent: full_name\n", ""), encoding="utf-8")
    build(dataset_with_members, site)  # rebuilt into the same folder, as a deployment would
    assert scan(site, [PUBLISHED]) == {}


@pytest.mark.parametrize(("where", "snippet", "field"), [
    ("members/promo-test.yml", "    email: camille@example.org\n", "members[1].email"),
    ("members/promo-test.yml", "    Date_Naissance: 2008-01-01\n", "members[1].Date_Naissance"),
    ("members/promo-test.yml", "    guardians:\n      - name: X\n", "members[1].guardians"),
    ("recommendations/test-sujet-01.yml", "    telephone: '0102030405'\n", "follow_up[1].telephone"),
])
def test_a_private_key_anywhere_is_refused_with_its_location(dataset_with_members: Path, where: str,
                                                            snippet: str, field: str) -> None:
    path = dataset_with_members / "data" / where
    text = path.read_text(encoding="utf-8")
    anchor = "    consent: full_name\n" if where.startswith("members") else "    assessor: city\n"
    path.write_text(text.replace(anchor, anchor + snippet, 1), encoding="utf-8")
    _, problems = validate(dataset_with_members / "data", dataset_with_members)
    private = [p for p in problems if "private information" in p.message]
    assert len(private) == 1, [p.text() for p in problems]
    line = text[: text.index(anchor)].count("\n") + 2
    assert (private[0].path, private[0].line, private[0].field) == (f"data/{where}", line, field)
    assert private[0].message.startswith(f'"{field.split(".")[-1]}" names private information')


def test_counted_only_member_with_a_name_is_refused(dataset_with_members: Path) -> None:
    path = dataset_with_members / "data" / "members" / "promo-test.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - category: minors\n", "  - category: minors\n    display_name: Sacha Mineur\n"),
                    encoding="utf-8")
    _, problems = validate(dataset_with_members / "data", dataset_with_members)
    assert [p.text() for p in problems if p.is_error] == [
        "data/members/promo-test.yml:14:19: members[3].display_name\n"
        "  This member agreed only to be counted: their name must not be published. Delete `display_name`."
    ]


def test_first_name_and_initial_is_checked(dataset_with_members: Path) -> None:
    path = dataset_with_members / "data" / "members" / "promo-test.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Dominique P.", "Dominique Publique"), encoding="utf-8")
    _, problems = validate(dataset_with_members / "data", dataset_with_members)
    assert [p.field for p in problems if p.is_error] == ["members[2].display_name"]


def test_member_lists_show_counts_without_crossing_group_and_workshop(dataset_with_members: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(dataset_with_members, site)
    from .htmltables import tables

    html = (site / "membres" / "promo-test" / "index.html").read_text(encoding="utf-8")
    captions = [t.caption for t in tables(html)]
    assert captions == ["Membres par groupe", "Membres par atelier",
                        "Membres qui ont accepté que leur nom soit publié (2)"]
    names = tables(html)[2]
    assert [row[0] for row in names.rows] == ["Camille Publiquenom", "Dominique P."]
    shutil.rmtree(site)


def test_pull_request_check_fails_on_a_private_key_with_its_file_and_line(dataset_with_members: Path) -> None:
    import os
    import subprocess
    import sys

    path = dataset_with_members / "data" / "members" / "promo-test.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    consent: first_name_initial\n",
                                 "    consent: first_name_initial\n    Telephone: 06 00 00 00 00\n"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "check", "--format", "github"],
                          cwd=dataset_with_members, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    assert done.returncode == 1
    assert done.stdout.splitlines()[0].startswith(
        "::error file=data/members/promo-test.yml,line=12,col=5,title=members[2].Telephone::"
        '"Telephone" names private information')
