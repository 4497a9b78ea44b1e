"""Golden test: the pages rendered from the minimal fixture site are pinned in tests/golden/.

The test only compares: it never writes. When a change to templates or rendering is intended, rewrite
the pages with `make golden` (which runs this module: `python -m tests.test_golden`), read
`git diff tests/golden/` as a reviewer would, and commit it with the change that explains it.
"""

from __future__ import annotations

from datetime import date

from generator.build import load_content
from generator.records.validate import validate
from generator.site.model import build_model
from generator.site.render import render_site

from .conftest import CHECK_DAY, MINIMAL, ROOT

GOLDEN = ROOT / "tests" / "golden" / "minimal"


def rendered() -> dict[str, str]:
    dataset, problems = validate(MINIMAL / "data", ROOT, today=CHECK_DAY)
    assert not [p for p in problems if p.is_error]
    content, _ = load_content(MINIMAL / "content", ROOT)
    model = build_model(dataset, date(2026, 1, 15))
    return {page.path: page.text for page in render_site(model, content)}


def golden() -> dict[str, str]:
    return {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}


def write_golden() -> None:
    """Rewrite tests/golden/minimal/ from the code (`make golden`): an explicit step, to be reviewed."""
    for old in GOLDEN.rglob("*.md"):
        old.unlink()
    for path, text in rendered().items():
        target = GOLDEN / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


HOW = "if the change is intended, run `make golden`, review `git diff tests/golden/` and commit it"


def test_minimal_site_matches_golden_output() -> None:
    pages = rendered()
    expected = golden()
    assert sorted(pages) == sorted(expected), f"pages added or removed: {HOW}"
    for path, text in pages.items():
        assert text == expected[path], f"{path} differs from tests/golden/minimal/{path}: {HOW}"


def test_rendering_is_deterministic() -> None:
    assert rendered() == rendered()


def test_golden_pages_exist_in_both_languages() -> None:
    paths = set(rendered())
    french = {p[3:] for p in paths if p.startswith("fr/")}
    english = {p[3:] for p in paths if p.startswith("en/")}
    assert french == english
    assert "recommandations/test-sujet-01/index.md" in french


if __name__ == "__main__":
    write_golden()
    print(f"Rewrote {GOLDEN.relative_to(ROOT)}/ from the code. Review `git diff tests/golden/` before committing.")
