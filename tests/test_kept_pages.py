"""A build after an edit makes again only the pages whose inputs changed (issue 27): the pages an
earlier build rendered (a measure's page, keyed by SiteModel.version_of and what every page shares)
and laid out (MkDocs + Material, keyed by the page's text, the navigation, the settings, the theme
and the code) are kept outside the working tree (generator/engine/layouts.py) and used again byte
for byte. What matters is that the result is exactly what a build from nothing gives: each test
edits something a page shows, builds again with the kept pages and without, and compares every
file."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest

from generator import build
from generator.records import cache

from .conftest import FIXTURES, ROOT

DAY = date(2026, 11, 30)
MEASURE = "demo-alimentation-01"


def digests(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


class Site:
    """A copy of the demo, built into the same folder again and again with the kept pages, and
    from nothing into another folder to compare."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        shutil.copytree(FIXTURES / "demo", tmp / "demo")
        self.data = tmp / "demo" / "data"
        self.builds = 0
        self.day = DAY

    def build(self, *, reuse: bool = True) -> tuple[build.Result, Path]:
        out = self.tmp / ("site" if reuse else f"cold-{self.builds}")
        self.builds += 1
        result = build.build(self.data, self.tmp / "demo" / "content", out, ROOT, build_date=self.day, search=False,
                             fictional=True, reuse=reuse)
        assert result.ok, [str(p) for p in result.problems if p.is_error]
        return result, out

    def edit(self, relative: str, old: str, new: str) -> None:
        file = self.tmp / "demo" / relative
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{relative}: {old!r} not found"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    def same_as_from_nothing(self) -> tuple[build.Result, dict[str, str]]:
        """Builds with the kept pages, then from nothing; every file must be the same."""
        result, warm = self.build()
        kept = digests(warm)
        _, cold = self.build(reuse=False)
        fresh = digests(cold)
        assert kept.keys() == fresh.keys()
        different = sorted(path for path in kept if kept[path] != fresh[path])
        assert not different, f"a kept page differs from the page a build from nothing makes: {different}"
        return result, kept


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Site:
    monkeypatch.setenv(cache.SETTING, str(tmp_path / "cache"))
    return Site(tmp_path)


def test_nothing_changed_nothing_made_again(site: Site) -> None:
    first, out = site.build()
    assert first.kept_layouts is not None and first.kept_layouts[0] == 0
    before = digests(out)
    again, out = site.build()
    assert again.kept_layouts == (first.kept_layouts[1], 0)  # every page laid out before: none again
    assert digests(out) == before


def test_one_edit_lays_out_only_the_pages_it_changes(site: Site) -> None:
    _, out = site.build()
    before = digests(out)
    site.edit(f"data/recommendations/{MEASURE}.yml", "dans les cantines", "dans toutes les cantines")
    result, after = site.same_as_from_nothing()
    changed = [path for path in after if path.endswith(".html") and before.get(path) != after[path]]
    assert f"recommandations/{MEASURE}/index.html" in changed and f"en/recommandations/{MEASURE}/index.html" in changed
    assert result.kept_layouts is not None
    reused, laid_out = result.kept_layouts
    # Exactly the pages whose bytes changed were laid out again; the others were taken as they were.
    assert laid_out == len(changed), changed
    assert reused + laid_out == len([path for path in after if path.endswith(".html") and "404" not in path])


@pytest.mark.parametrize("relative, old, new", [
    # What a measure's page shows from other records: its topic, its cohort, its status, a linked
    # record, the site's settings.
    pytest.param("data/topics/demo-alimentation.yml", '"Manger local à la cantine"', '"Manger local et bio à la cantine"',
                 id="topic title"),
    pytest.param("data/cohorts/demo-promotion-1.yml", '"1re promotion (2021-2023, fictive)"',
                 '"Première promotion (2021-2023, fictive)"', id="cohort name"),
    pytest.param("data/statuses.yml", '"Partiellement mise en œuvre"', '"Mise en œuvre en partie"', id="status label"),
    pytest.param("data/hearings/demo-2022-10-visite-cuisine-centrale.yml", '"Visite de la cuisine centrale"',
                 '"Visite de la grande cuisine centrale"', id="linked hearing title"),
    pytest.param("data/site.yml", '"Assemblée de démonstration (fictive)"', '"Assemblée de démonstration (fictive, 2)"',
                 id="site name"),
    # What every page's layout shows: the navigation, with its pages' titles.
    pytest.param("content/fr/comment-ca-marche.md", '"Comment fonctionne l’Assemblée de démonstration"',
                 '"Comment marche l’Assemblée de démonstration"', id="title of a page in the navigation"),
])
def test_what_a_page_shows_from_elsewhere_makes_it_again(site: Site, relative: str, old: str, new: str) -> None:
    site.build()
    site.edit(relative, old, new)
    result, _ = site.same_as_from_nothing()
    assert result.kept_layouts is not None and result.kept_layouts[1] > 0


def test_a_new_day_makes_the_dated_pages_again(site: Site) -> None:
    """A measure's page says what was due as of the build day: the next day's build is not the last one's."""
    site.build()
    site.day = date(2027, 6, 1)
    result, _ = site.same_as_from_nothing()
    assert result.kept_layouts is not None and result.kept_layouts[1] > 0


def test_a_damaged_kept_page_is_not_published(site: Site) -> None:
    """A kept page is named by what it was made from; one that cannot be read is made again."""
    site.build()
    store = next((site.tmp / "cache").glob("pages-*"))
    for file in store.rglob("*.txt"):
        file.write_bytes(b"\xff\xfe not a page")
    site.same_as_from_nothing()


def test_the_build_checks_with_check_s_cache_and_finds_what_a_check_without_it_finds(site: Site) -> None:
    """`build` reads and writes `check`'s cache (records/cache.py) as `check` does: an edit that
    breaks a record is found, located as a check from nothing locates it, and nothing is built."""
    site.build()
    assert list((site.tmp / "cache").glob("check-*.pickle")), "the build kept what check found"
    site.edit(f"data/recommendations/{MEASURE}.yml", "status: in_progress", "status: in_prugress")
    warm = build.build(site.data, site.tmp / "demo" / "content", site.tmp / "site", ROOT, build_date=site.day,
                       search=False, fictional=True, reuse=True)
    cold = build.build(site.data, site.tmp / "demo" / "content", site.tmp / "cold", ROOT, build_date=site.day,
                       search=False, fictional=True)
    assert not warm.ok and [p.text() for p in warm.problems] == [p.text() for p in cold.problems]
    assert any("in_prugress" in p.text() for p in warm.problems if p.is_error)
