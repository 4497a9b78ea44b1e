"""The project's own documents point only inside the repository, at files that exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "CONTRIBUTING.en.md", *sorted((ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_links_stay_inside_the_repository_and_exist(document: Path) -> None:
    text = document.read_text(encoding="utf-8")
    assert "../" not in text, f"{document.name} points outside its folder"
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
        if re.match(r"[a-z]+:", target):
            continue  # a web address
        assert (document.parent / target).resolve().is_relative_to(ROOT), target
        assert (document.parent / target).exists(), f"{document.name} links to {target}, which does not exist"


def test_the_readme_links_the_design() -> None:
    assert "](docs/design.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
