"""Shared fixtures: project paths, and builds of the real data and of the minimal fixture site.

Builds are session-scoped: the whole site is built once per test run and inspected by many tests.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import build as pipeline

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
MINIMAL = FIXTURES / "minimal"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[pipeline.Result, Path]:
    """The real data/ and content/ built into a temporary folder, search index included."""
    out = tmp_path_factory.mktemp("real") / "site"
    result = pipeline.build(ROOT / "data", ROOT / "content", out, ROOT)
    assert result.ok, "\n".join(p.text() for p in result.problems if p.is_error)
    return result, out


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[pipeline.Result, Path]:
    out = tmp_path_factory.mktemp("minimal") / "site"
    result = pipeline.build(MINIMAL / "data", MINIMAL / "content", out, ROOT)
    assert result.ok
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
