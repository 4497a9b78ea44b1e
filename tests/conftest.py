"""Shared fixtures: project paths, and builds of the real data and of the minimal fixture site.

Builds are session-scoped: the whole site is built once per test run and inspected by many tests.
Every shared build speaks of the same day, BUILD_DATE (passed to the pipeline, as the CLI passes
the day it reads once), so that what the tests see does not change with the calendar: a measure does
not become late, nor a future entry appear, between two runs of the same commit. Checks speak of
CHECK_DAY, the day `python -m generator check` would use: the clock's (the real data are dated up to
the day they are edited, so a check as of BUILD_DATE would refuse them).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from generator import build as pipeline
from generator.records import cache, catalogue, validate
from generator.records.problems import WARNING
from generator.records.validate import check_day

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
MINIMAL = FIXTURES / "minimal"

#: "Today" for the shared builds. Move it forward, deliberately, when the real data gets follow-up
#: entries after it (entries after the build date are not shown yet, and `check` warns about them).
BUILD_DATE = date(2026, 11, 22)
#: "Today" for the checks (dates of what happened may not be after it), as the CLI works it out.
CHECK_DAY = check_day(BUILD_DATE, date.today())


@pytest.fixture(scope="session", autouse=True)
def check_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """`check` keeps what it found for the next run (generator/records/cache.py): in the tests, in a
    folder of their own, never in the user's cache. Every run of `check` in the tests uses it."""
    folder = tmp_path_factory.mktemp("check-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(cache.SETTING, str(folder))
        yield folder


@pytest.fixture(autouse=True)
def editors_language() -> Iterator[None]:
    """Each test starts speaking French to editors, as the tools do by default, whatever an earlier
    test's command line set (`main` sets the language for the rest of the thread, as a command
    does for the rest of its process)."""
    with catalogue.speaking_to_editors(catalogue.EDITOR_LANGUAGES[0], everywhere=True):
        yield


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[pipeline.Result, Path]:
    """The real data/ and content/ built into a temporary folder, search index included."""
    out = tmp_path_factory.mktemp("real") / "site"
    result = pipeline.build(ROOT / "data", ROOT / "content", out, ROOT, build_date=BUILD_DATE, today=CHECK_DAY)
    assert result.model.today == BUILD_DATE
    assert result.ok, "\n".join(p.text() for p in result.problems if p.is_error)
    return result, out


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[pipeline.Result, Path]:
    out = tmp_path_factory.mktemp("minimal") / "site"
    result = pipeline.build(MINIMAL / "data", MINIMAL / "content", out, ROOT, build_date=BUILD_DATE, today=CHECK_DAY)
    assert result.ok and result.model.today == BUILD_DATE
    return result, out


@pytest.fixture
def minimal_copy(tmp_path: Path) -> Path:
    """A writable copy of the minimal dataset, for tests that plant a mistake in it."""
    target = tmp_path / "minimal"
    shutil.copytree(MINIMAL, target)
    return target


@contextmanager
def payloads_let_through() -> Iterator[None]:
    """check refuses an HTML comment and a link the render removes (tests/test_hostile.py); the builds
    of planted payloads let them through, as warnings, to show that the sanitizer keeps the canaries
    planted in comments and the links' scripts off every output all the same."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validate, "HTML_COMMENT_SEVERITY", WARNING)
        patch.setattr(validate, "LINK_REMOVED_SEVERITY", WARNING)
        yield


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory):
    """The demo dataset with payloads and canaries in every text field, site.yml and every page
    (tests/hostile_data.py), built with its search index: (result, site folder, what was planted)."""
    from .hostile_data import plant_everywhere

    base = tmp_path_factory.mktemp("hostile")
    planted = plant_everywhere(FIXTURES / "demo", base / "dataset")
    out = base / "site"
    with payloads_let_through():
        result = pipeline.build(planted.root / "data", planted.root / "content", out, planted.root, fictional=True,
                                build_date=BUILD_DATE, today=CHECK_DAY)
    assert result.ok, "\n".join(p.text() for p in result.problems if p.is_error)
    return result, out, planted
