"""Hand-written pages (content/<lang>/<name>.md) and two links of the built site.

- a page file that exists but fails to load still counts as existing (no false « pas de version française »);
- line numbers in front matter messages are line numbers in the page file;
- a page saved with Windows line endings (CRLF) loads;
- the English contribute page links to CONTRIBUTING.en.md, the French one to CONTRIBUTING.md;
- the language links of every page (the home pages too) are relative and lead to a built page, so
  they work wherever the site is served (`make site` at the root, GitHub Pages under /droit-de-suite/).
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator import build as pipeline
from generator.build import load_content

from .conftest import BUILD_DATE, CHECK_DAY, MINIMAL, ROOT

GOOD = "---\ntitle: À propos\ndescription: Qui nous sommes.\n---\nLe texte.\n"
REPOSITORY = "https://example.org/depot/droit-de-suite"


def write_pages(tmp_path: Path, pages: dict[str, str | bytes]) -> Path:
    content = tmp_path / "content"
    for name, text in pages.items():
        file = content / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return content


def problems_of(tmp_path: Path, pages: dict[str, str | bytes]) -> list:
    _, problems = load_content(write_pages(tmp_path, pages), tmp_path)
    return problems


# --- 1a. a page that fails to load still exists ------------------------------------------------


@pytest.mark.parametrize("broken", [
    "---\ntitle: [À propos\ndescription: Qui nous sommes.\n---\n",   # a YAML error
    "---\ntitle: À propos\n---\nLe texte.\n",                         # description missing
    "---\ntitle: À propos\ndescription: Qui.\nauteur: moi\n---\n",   # a field pages do not have
    "Pas de front matter.\n",                                        # no front matter at all
])
def test_a_broken_french_page_still_counts_for_the_english_one(tmp_path: Path, broken: str) -> None:
    problems = problems_of(tmp_path, {"fr/a-propos.md": broken, "en/a-propos.md": GOOD})
    assert problems, "the broken page itself is reported"
    assert all(p.path == "content/fr/a-propos.md" for p in problems), [p.text() for p in problems]
    assert not any("pas de version française" in p.message for p in problems)


def test_a_broken_english_page_still_counts_for_the_french_one(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, {"fr/a-propos.md": GOOD, "en/a-propos.md": "---\ntitle: About\n---\n"})
    assert [(p.path, p.field) for p in problems] == [("content/en/a-propos.md", "description")]
    assert not any("pas de version anglaise" in p.message for p in problems)


def test_a_page_really_missing_in_french_is_still_reported(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, {"en/a-propos.md": GOOD})
    assert [p.path for p in problems] == ["content/en/a-propos.md"]
    assert "pas de version française" in problems[0].message and "content/fr/a-propos.md" in problems[0].message


# --- 1b. line numbers are the page file's ------------------------------------------------------


def test_an_extra_field_is_reported_on_its_own_line(tmp_path: Path) -> None:
    page = "---\ntitle: À propos\ndescription: Qui.\nauteur: moi\n---\nLe texte.\n"
    problems = problems_of(tmp_path, {"fr/a-propos.md": page, "en/a-propos.md": GOOD})
    assert [(p.line, p.column, p.field) for p in problems] == [(4, 1, "auteur")]
    assert "n’est pas un champ d’une page" in problems[0].message


def test_a_yaml_error_is_reported_on_its_own_line(tmp_path: Path) -> None:
    page = "---\ntitle: À propos\ndescription: Qui : nous sommes\n---\n"
    problems = problems_of(tmp_path, {"fr/a-propos.md": page, "en/a-propos.md": GOOD})
    assert len(problems) == 1
    assert (problems[0].line, problems[0].column) == (3, 18), problems[0].text()
    assert "deuxième `: `" in problems[0].message


def test_line_numbers_quoted_in_messages_are_the_page_files(tmp_path: Path) -> None:
    page = "---\ntitle: À propos\ndescription: Qui.\ntitle: Encore\n---\n"
    problems = problems_of(tmp_path, {"fr/a-propos.md": page, "en/a-propos.md": GOOD})
    assert len(problems) == 1
    assert (problems[0].line, problems[0].field) == (4, "title")
    assert "(la première fois à la ligne 2)" in problems[0].message, problems[0].message


# --- 1c. Windows line endings ------------------------------------------------------------------


def test_a_page_with_windows_line_endings_loads(tmp_path: Path) -> None:
    content = write_pages(tmp_path, {"fr/a-propos.md": GOOD.replace("\n", "\r\n"), "en/a-propos.md": GOOD})
    pages, problems = load_content(content, tmp_path)
    assert problems == []
    french = next(p for p in pages if p.lang == "fr")
    assert french.name == "a-propos"
    assert dict(french.meta) == {"title": "À propos", "description": "Qui nous sommes."}
    assert "\r" not in french.body and "Le texte." in french.body


def test_a_page_with_windows_line_endings_and_a_byte_order_mark_loads(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode("utf-8")
    pages, problems = load_content(write_pages(tmp_path, {"fr/a-propos.md": data, "en/a-propos.md": GOOD}), tmp_path)
    assert problems == [] and len(pages) == 2


def test_line_numbers_are_right_with_windows_line_endings(tmp_path: Path) -> None:
    page = "---\r\ntitle: À propos\r\ndescription: Qui.\r\nauteur: moi\r\n---\r\nLe texte.\r\n"
    problems = problems_of(tmp_path, {"fr/a-propos.md": page, "en/a-propos.md": GOOD})
    assert [(p.line, p.column, p.field) for p in problems] == [(4, 1, "auteur")]


# --- 2 and 3: on a built site ------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal fixture with a repository address (so the contribute page links to the guide),
    built without the search index."""
    base = tmp_path_factory.mktemp("content-pages")
    dataset = base / "minimal"
    shutil.copytree(MINIMAL, dataset)
    site_yml = dataset / "data" / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + f"repository: {REPOSITORY}\n", encoding="utf-8")
    out = base / "site"
    result = pipeline.build(dataset / "data", dataset / "content", out, ROOT, search=False, build_date=BUILD_DATE, today=CHECK_DAY)
    assert result.ok, "\n".join(p.text() for p in result.problems if p.is_error)
    return out


class _Links(HTMLParser):
    """href of every <a>, and of the header's language links (class dds-lang__link)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.languages: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "a":
            return
        values = dict(attrs)
        href = values.get("href") or ""
        self.links.append(href)
        if "dds-lang__link" in (values.get("class") or "").split():
            self.languages.append((values.get("hreflang") or "", href))


def links_of(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize(("page", "guide"), [
    ("contribuer/index.html", "CONTRIBUTING.md"),
    ("en/contribuer/index.html", "CONTRIBUTING.en.md"),
])
def test_the_contribute_page_links_to_the_guide_in_its_language(built: Path, page: str, guide: str) -> None:
    guides = [href for href in links_of(built / page).links if "CONTRIBUTING" in href]
    assert guides == [f"{REPOSITORY}/blob/main/{guide}"]


def _lands_on(site: Path, page: Path, href: str) -> Path:
    """The file a relative link of `page` leads to (directory URLs end in index.html)."""
    path = unquote(urlsplit(href).path)
    target = (page.parent / path).resolve()
    return target / "index.html" if href in ("", ".", "..") or path.endswith("/") or target.is_dir() else target


@pytest.mark.parametrize("page", ["index.html", "en/index.html", "recommandations/index.html",
                                  "en/recommandations/index.html"])
def test_the_language_links_are_relative_and_land_on_a_page(built: Path, page: str) -> None:
    file = built / page
    languages = links_of(file).languages
    assert [lang for lang, _ in languages] == ["fr", "en"]
    for lang, href in languages:
        assert not urlsplit(href).scheme and not href.startswith("/"), (
            f"{page}: the {lang} link {href!r} is absolute; it breaks when the site is not served "
            "under the path of site_url (make site serves it at the root)")
        target = _lands_on(built, file, href)
        assert target.is_file(), f"{page}: the {lang} link {href!r} leads to {target}, which does not exist"
        inside = target.relative_to(built.resolve()).as_posix()
        assert inside.startswith("en/") == (lang == "en"), f"{page}: the {lang} link leads to {inside}"


def test_every_page_has_relative_language_links(built: Path) -> None:
    wrong = []
    for file in sorted(built.rglob("*.html")):
        if file.name == "404.html":
            continue  # served by GitHub Pages at any address: its links are absolute on purpose
        for lang, href in links_of(file).languages:
            if href.startswith("/") or not _lands_on(built, file, href).is_file():
                wrong.append(f"{file.relative_to(built).as_posix()}: {lang} -> {href}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("page", ["404.html", "en/404.html"])
def test_the_404_pages_link_to_the_language_homes(built: Path, page: str) -> None:
    """GitHub Pages serves the 404 page at any address: its language links are absolute paths to
    the two homes (the i18n plugin would leave it the links of the last page it built)."""
    # The minimal fixture's base_url is https://example.org/minimal/ (data/site.yml).
    assert links_of(built / page).languages == [("fr", "/minimal/"), ("en", "/minimal/en/")]


@pytest.mark.parametrize(("page", "heading", "home"), [
    ("404.html", "Page introuvable", "/minimal/"),
    ("en/404.html", "Page not found", "/minimal/en/"),
])
def test_the_404_pages_speak_the_language_and_offer_ways_back(built: Path, page: str, heading: str, home: str) -> None:
    text = (built / page).read_text(encoding="utf-8")
    assert f"<h1>{heading}</h1>" in text and "404 - Not found" not in text
    links = links_of(built / page).links
    for path in ("", "recherche/", "recommandations/", "suivi/"):
        assert home + path in links
        assert (built / (home + path).removeprefix("/minimal/") / "index.html").is_file()
