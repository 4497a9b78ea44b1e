"""French pages speak French (issue 23): no sentence of the site's own words is in English on a French
page, whatever its `lang` attribute says. Checked in the built HTML of the real site and of the demo.

The site's own words are everything but the records' and the pages' text: the catalogues' messages,
the field reference (schema.py's descriptions), the open data's column descriptions. Record and page
text keeps the language it was written or quoted in (a source's English title stays English), so a
text found in the dataset's `data/` or `content/fr/` is not the site's: it is left out.

The detector is simple and says what it found: a text of the page (a text node outside code, or an
`alt` or `aria-label`) is English when it holds two common English function words ("the", "of",
"which"…, none of them a French word), or one in a text of three words or fewer ("Its workshops.").
Identifiers (`not_assessed`) are not words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator import build as pipeline

from .conftest import BUILD_DATE, CHECK_DAY, FIXTURES, ROOT

#: Common English function words that are not French words ("on", "as", "an", "or", "but" are).
ENGLISH = frozenset("""
    the of and to is are was were be been being this that these those with which what when where who whom
    whose it its their they them for from by not has have had will would should can could may must each every
    any only than then there here into about after before how why if also our your you we he she his her all
    some such other more most same own do does did done until while because within without between
""".split())
#: Elements whose text is not prose in the page's language: code, and what is not shown.
NOT_PROSE = {"script", "style", "template", "noscript", "head", "code", "pre", "kbd", "samp"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
WORD = re.compile(r"[\w'’]+")
#: The shortest text (spaces left out) taken for a piece of a record: a shorter one ("done") may be anywhere.
MEANINGFUL = 15


def english_words(text: str) -> list[str]:
    """The English function words of `text`, if it reads as English (else [])."""
    words = [w.lower().strip("'’") for w in WORD.findall(text) if not re.search(r"[\d_]", w)]
    hits = [w for w in words if w in ENGLISH]
    return hits if len(hits) >= 2 or (hits and len(words) <= 3) else []


class _Texts(HTMLParser):
    """Every text of a page's body outside code, with alt and aria-label texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not any(t in NOT_PROSE for t in self.stack):
            self.found += [value for name, value in attrs if name in ("alt", "aria-label") and value]
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop() == tag:
                break

    def handle_data(self, data: str) -> None:
        if data.strip() and not any(t in NOT_PROSE for t in self.stack):
            self.found.append(" ".join(data.split()))


def _plain(text: str) -> str:
    """`text` as typography leaves it comparable: one kind of apostrophe and of space."""
    return " ".join(text.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ").split())


class Dataset:
    """The text of a dataset's records (data/) and French pages (content/fr/): what is not the site's."""

    def __init__(self, root: Path) -> None:
        files = [*sorted((root / "data").rglob("*.yml")), *sorted((root / "content" / "fr").rglob("*.md"))]
        raw = [f.read_text(encoding="utf-8") for f in files]
        self.squeezed = "\n".join(re.sub(r"\s+", "", _plain(text)) for text in raw)
        values = {_plain(v) for f, text in zip(files, raw, strict=True) if f.suffix == ".yml"
                  for v in _strings(yaml.safe_load(text))}
        #: The records' phrases that read as English, longest first: removed from a text before judging
        #: it (not a single word, such as the status id "done", which the site's own words may hold).
        self.english = sorted((v for v in values if len(v.split()) >= 3 and english_words(v)), key=len, reverse=True)

    def own_words(self, text: str) -> str:
        """What in `text` the site says itself: "" for a piece of a record's or a page's text; else `text`
        without the English record texts it quotes (a source's title within the site's sentence)."""
        plain = _plain(text)
        squeezed = re.sub(r"\s+", "", plain)
        if len(squeezed) >= MEANINGFUL and squeezed in self.squeezed:
            return ""
        for value in self.english:
            plain = plain.replace(value, " ")
        return plain


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def english_on_french_pages(site: Path, dataset: Dataset) -> list[str]:
    """Every text of the site's own words that reads as English on a French page: `page: text [words]`."""
    found = []
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site)
        if relative.parts[0] in ("en", "pagefind"):
            continue
        parser = _Texts()
        parser.feed(page.read_text(encoding="utf-8"))
        for text in parser.found:
            if english_words(text) and (hits := english_words(dataset.own_words(text))):
                found.append(f"{relative}: {text[:160]!r} {hits[:6]}")
    return found


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("french-pages-demo") / "site"
    demo = FIXTURES / "demo"
    result = pipeline.build(demo / "data", demo / "content", out, ROOT, fictional=True, search=False,
                            build_date=BUILD_DATE, today=CHECK_DAY)
    assert result.ok, "\n".join(p.text() for p in result.problems if p.is_error)
    return out


def _report(found: list[str]) -> str:
    pages = sorted({line.split(":", 1)[0] for line in found})
    return f"{len(found)} English texts on {len(pages)} French pages ({', '.join(pages[:8])}):\n" + "\n".join(found[:40])


def test_the_real_site_s_french_pages_speak_french(real_site) -> None:
    _, site = real_site
    found = english_on_french_pages(site, Dataset(ROOT))
    assert not found, _report(found)


def test_the_demo_s_french_pages_speak_french(demo_site: Path) -> None:
    found = english_on_french_pages(demo_site, Dataset(FIXTURES / "demo"))
    assert not found, _report(found)


def test_the_detector_finds_english_and_leaves_french_and_identifiers() -> None:
    assert english_words("The file name without .yml, for example promotion-3.") == ["the", "without", "for"]
    assert english_words("Its workshops.")
    assert not english_words("Le nom du fichier sans .yml, par exemple promotion-3 ; c'est aussi l'adresse de sa page.")
    assert not english_words("Valeurs : not_assessed (Pas encore évaluée ici) ; in_progress (Mise en œuvre en cours).")
    assert not english_words("English")  # the language switcher names English in English, and that is right
    dataset = Dataset(ROOT)
    # a record's English text quoted inside the site's French sentence is the record's, not the site's
    quoted = next(v for v in dataset.english if len(v.split()) > 3)
    assert not english_words(dataset.own_words(f"Voir « {quoted} », publié en 2025."))
