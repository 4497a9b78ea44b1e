"""Golden test: the pages rendered from the minimal fixture site are pinned in tests/golden/.

When a change to templates or rendering is intended, regenerate with
`UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py` and review the diff.
"""

from __future__ import annotations

import os
from datetime import date

from generator.build import load_content
from generator.model import build_model
from generator.render import render_site
from generator.validate import validate

from .conftest import MINIMAL, ROOT

GOLDEN = ROOT / "tests" / "golden" / "minimal"


def rendered() -> dict[str, str]:
    dataset, problems = validate(MINIMAL / "data", ROOT)
    assert not [p for p in problems if p.is_error]
    content, _ = load_content(MINIMAL / "content", ROOT)
    model = build_model(dataset, date(2026, 1, 15))
    return {page.path: page.text for page in render_site(model, content)}


def test_minimal_site_matches_golden_output() -> None:
    pages = rendered()
    if os.environ.get("UPDATE_GOLDEN"):
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for path, text in pages.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(expected), "pages added or removed: run with UPDATE_GOLDEN=1 and review"
    for path, text in pages.items():
        assert text == expected[path], f"{path} differs from tests/golden/minimal/{path}"


def test_rendering_is_deterministic() -> None:
    assert rendered() == rendered()


def test_golden_pages_exist_in_both_languages() -> None:
    paths = set(rendered())
    french = {p[3:] for p in paths if p.startswith("fr/")}
    english = {p[3:] for p in paths if p.startswith("en/")}
    assert french == english
    assert "recommandations/test-sujet-01/index.md" in french
