"""Shared fixtures: project paths, and builds of the real data and of the minimal fixture site.

Builds are session-scoped: the whole site is built once per test run and inspected by many tests.
Every shared build speaks of the same day, BUILD_DATE (through SOURCE_DATE_EPOCH, which
generator.build.build_date reads), so that what the tests see does not change with the calendar:
a measure does not become late, nor a future entry appear, between two runs of the same commit.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from generator import build as pipeline

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
MINIMAL = FIXTURES / "minimal"

#: "Today" for the shared builds. Move it forward, deliberately, when the real data gets follow-up
#: entries after it (entries after the build date are not shown yet, and `check` warns about them).
BUILD_DATE = date(2026, 11, 22)


@contextmanager
def build_date_pinned(day: date = BUILD_DATE) -> Iterator[None]:
    """SOURCE_DATE_EPOCH set to `day` (midnight UTC) for the duration, then put back as it was."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()))
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[pipeline.Result, Path]:
    """The real data/ and content/ built into a temporary folder, search index included."""
    out = tmp_path_factory.mktemp("real") / "site"
    with build_date_pinned():
        result = pipeline.build(ROOT / "data", ROOT / "content", out, ROOT)
    assert result.model.today == BUILD_DATE
    assert result.ok, "\n".join(p.text() for p in result.problems if p.is_error)
    return result, out


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[pipeline.Result, Path]:
    out = tmp_path_factory.mktemp("minimal") / "site"
    with build_date_pinned():
        result = pipeline.build(MINIMAL / "data", MINIMAL / "content", out, ROOT)
    assert result.ok and result.model.today == BUILD_DATE
    return result, out


@pytest.fixture
def minimal_copy(tmp_path: Path) -> Path:
    """A writable copy of the minimal dataset, for tests that plant a mistake in it."""
    target = tmp_path / "minimal"
    shutil.copytree(MINIMAL, target)
    return target


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory):
    """The demo dataset with payloads and canaries in every text field, site.yml and every page
    (tests/hostile_data.py), built with its search index: (result, site folder, what was planted)."""
    from .hostile_data import plant_everywhere

    base = tmp_path_factory.mktemp("hostile")
    planted = plant_everywhere(FIXTURES / "demo", base / "dataset")
    out = base / "site"
    result = pipeline.build(planted.root / "data", planted.root / "content", out, planted.root, fictional=True)
    assert result.ok, "\n".join(p.text() for p in result.problems if p.is_error)
    return result, out, planted
