"""No symbolic link under theme/: MkDocs publishes theme/overrides/ file by file and follows a link,
so a link to a file of the machine that builds the site (a key, the deploy's token) would be
published while a pull request shows only the link. `check` and the build refuse it, located, in
the editor's language, as they refuse one under data/ or content/ (tests/test_hostile.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import build as pipeline
from generator.records.catalogue import speaking_to_editors

from .conftest import BUILD_DATE, CHECK_DAY, MINIMAL, ROOT
from .test_hostile import SYMLINK, p

ENGLISH = ("This is a symbolic link, which the site never follows: what it points to could be outside the "
           "repository, and a pull request shows only the link. Replace it with the file itself.")


@pytest.fixture
def theme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project's theme, which the check and the build read instead of theme/."""
    copy = tmp_path / "project" / "theme"
    shutil.copytree(ROOT / "theme", copy, symlinks=True)
    monkeypatch.setattr(pipeline, "THEME", copy)
    secret = tmp_path / "outside" / "id_ed25519"
    secret.parent.mkdir()
    secret.write_text("CANARY-THEME-SYMLINK\n", encoding="utf-8")
    return copy


def problems_of(root: Path) -> list[str]:
    _, _, problems = pipeline.check(root / "data", root / "content", root, today=CHECK_DAY)
    return [problem.text() for problem in problems]


def test_the_projects_theme_holds_no_symbolic_link() -> None:
    assert pipeline.theme_problems(ROOT / "theme") == []


def test_a_link_under_the_overrides_or_the_templates_is_refused_where_it_is(theme: Path, tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "id_ed25519"
    (theme / "overrides" / "assets" / "key.txt").symlink_to(secret)
    (theme / "overrides" / "partials" / "elsewhere").symlink_to(secret.parent, target_is_directory=True)
    (theme / "templates" / "pages" / "secret.html").symlink_to(secret)
    found = problems_of(MINIMAL)
    assert [text for text in found if "lien symbolique" in text] == [
        p("theme/overrides/assets/key.txt:1:1", "", SYMLINK),
        p("theme/overrides/partials/elsewhere:1:1", "", SYMLINK),
        p("theme/templates/pages/secret.html:1:1", "", SYMLINK),
    ]
    with speaking_to_editors("en"):
        english = problems_of(MINIMAL)
    assert p("theme/overrides/assets/key.txt:1:1", "", ENGLISH, lang="en") in english


def test_the_theme_folder_itself_as_a_link_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "project").mkdir()
    link = tmp_path / "project" / "theme"
    link.symlink_to(ROOT / "theme", target_is_directory=True)
    monkeypatch.setattr(pipeline, "THEME", link)
    assert p("theme:1:1", "", SYMLINK) in problems_of(MINIMAL)


def test_the_build_publishes_nothing_when_the_theme_holds_a_link(theme: Path, tmp_path: Path) -> None:
    (theme / "overrides" / "assets" / "key.txt").symlink_to(tmp_path / "outside" / "id_ed25519")
    out = tmp_path / "site"
    result = pipeline.build(MINIMAL / "data", MINIMAL / "content", out, MINIMAL, build_date=BUILD_DATE,
                            today=CHECK_DAY, search=False)
    assert not result.ok
    assert [problem.path for problem in result.problems if problem.is_error] == ["theme/overrides/assets/key.txt"]
    assert not out.exists() or not any(out.iterdir())
