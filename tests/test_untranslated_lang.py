"""Untranslated French on the English site is marked lang="fr" wherever it shows: checked in the built
HTML of every English page (no browser), so that screen readers read it with a French voice (RGAA 8.7).

The site is the minimal fixture with the measure's title left untranslated; every text of an English
page's body that contains it must have lang="fr" as its nearest language.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import build as pipeline

from .conftest import BUILD_DATE, CHECK_DAY, ROOT

UNTRANSLATED = {"recommendations/test-sujet-01.yml": "Mesure de test"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIPPED = {"script", "style", "template", "noscript", "head"}


class _Texts(HTMLParser):
    """Every text of the body, with the nearest lang="…" around it and where it is."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.found: list[tuple[str, str | None, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if any(tag in SKIPPED for tag, _ in self.stack):
            return
        lang = next((value for _, value in reversed(self.stack) if value is not None), None)
        self.found.append((" ".join(data.split()), lang, " > ".join(tag for tag, _ in self.stack)))


@pytest.fixture(scope="module")
def untranslated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("untranslated")
    import shutil

    from .conftest import MINIMAL

    shutil.copytree(MINIMAL, root, dirs_exist_ok=True)
    for name in UNTRANSLATED:
        file = root / "data" / name
        text = file.read_text(encoding="utf-8")
        file.write_text(re.sub(r"^title: \{fr: ([^,]+), en: [^}]+\}$", r"title: {fr: \1}", text, flags=re.M),
                        encoding="utf-8")
    out = root / "site"
    result = pipeline.build(root / "data", root / "content", out, ROOT, search=False, build_date=BUILD_DATE, today=CHECK_DAY)
    assert result.ok, "\n".join(p.text() for p in result.problems if p.is_error)
    return out


def test_untranslated_titles_are_marked_french_on_every_english_page(untranslated_site: Path) -> None:
    places = 0
    wrong = []
    for page in sorted((untranslated_site / "en").rglob("*.html")):
        parser = _Texts()
        parser.feed(page.read_text(encoding="utf-8"))
        for text, lang, where in parser.found:
            for french in UNTRANSLATED.values():
                if french in text:
                    places += 1
                    if lang != "fr":
                        wrong.append(f"{page.relative_to(untranslated_site)}: {text!r} in {where} (lang={lang})")
    assert not wrong, "untranslated French not inside lang=\"fr\":\n" + "\n".join(wrong)
    assert places >= 5, f"the untranslated title was found in {places} places only: is the fixture right?"


def test_the_french_site_needs_no_mark(untranslated_site: Path) -> None:
    """The same texts on the French pages are in the page's own language: nothing to mark."""
    parser = _Texts()
    parser.feed((untranslated_site / "recommandations" / "test-sujet-01" / "index.html").read_text(encoding="utf-8"))
    langs = {lang for text, lang, _ in parser.found if "Mesure de test" in text}
    assert langs == {"fr"}  # from <html lang="fr">
