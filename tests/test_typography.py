"""French and English typography (generator/site/typography.py), applied once to every page.

- the rules, one by one, and that a second pass changes nothing;
- only text is set: tags, attributes (URLs), code and scripts are left as they are; an element's
  `lang` switches the rules inside it;
- on every page of the real and the demo builds, French text has no ordinary space before « : ; ! ? »
  or inside « … », no straight apostrophe, no « (s) » plural; English text has no space before a
  colon (except in a French passage left unmarked, such as a source's title).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import build as pipeline
from generator.site import typography
from generator.site.typography import NBSP, NNBSP

from .conftest import BUILD_DATE, CHECK_DAY, ROOT

DEMO = ROOT / "tests" / "fixtures" / "demo"


@pytest.mark.parametrize(("raw", "expected"), [
    ("Statut : en cours", f"Statut{NBSP}: en cours"),
    ("Statut\n: en cours", f"Statut{NBSP}: en cours"),
    ("Vraiment ? Oui ! Ou bien ; non", f"Vraiment{NNBSP}? Oui{NNBSP}! Ou bien{NNBSP}; non"),
    ("le « code de la rue »", f"le «{NBSP}code de la rue{NBSP}»"),
    ("le «code»", f"le «{NBSP}code{NBSP}»"),
    ("l'Assemblée", "l’Assemblée"),
    ("l&#39;Assemblée", "l’Assemblée"),
    ("1 350 000 inscrits", f"1{NNBSP}350{NNBSP}000 inscrits"),
    ("en 2021 100 membres", "en 2021 100 membres"),
    ("le 27 novembre 2021", "le 27 novembre 2021"),
    ("65,96 %", f"65,96{NNBSP}%"),
    ("769 M€", f"769{NBSP}M€"),
    ("la mesure n° 3", f"la mesure n°{NBSP}3"),
    ("https://example.org/a?b=c:d", "https://example.org/a?b=c:d"),
])
def test_french_rules(raw: str, expected: str) -> None:
    assert typography.french(raw) == expected
    assert typography.french(expected) == expected, "a second pass changes nothing"


@pytest.mark.parametrize(("raw", "expected"), [
    ("Identifier : x", "Identifier: x"),
    ("Status: done", "Status: done"),
    ("50 %", "50%"),
    ("the City's answer", "the City’s answer"),
    ("(for 'edit this record')", "(for ‘edit this record’)"),
    # A French title quoted in English text keeps its French spacing.
    ("Le « droit de suite » : garantie", "Le « droit de suite » : garantie"),
    ("Assemblée citoyenne de Paris : une instance", "Assemblée citoyenne de Paris : une instance"),
])
def test_english_rules(raw: str, expected: str) -> None:
    assert typography.english(raw) == expected
    assert typography.english(expected) == expected


def test_only_text_is_set_never_tags_attributes_code_or_scripts() -> None:
    fragment = ('<p title="a : b" data-x=\'l\'x\'><a href="https://example.org/l&#39;a?q=1 :2">l\'a : b</a> '
                '<code>x : y</code> <pre>a ; b</pre><script type="application/ld+json">{"a": "b : c"}</script></p>')
    out = typography.html(fragment, "fr")
    assert 'title="a : b"' in out and 'href="https://example.org/l&#39;a?q=1 :2"' in out
    assert f">l’a{NBSP}: b</a>" in out
    assert "<code>x : y</code>" in out and "<pre>a ; b</pre>" in out and '{"a": "b : c"}' in out


def test_an_elements_lang_switches_the_rules_inside_it() -> None:
    fragment = ('<p>Statut : <span lang="en">Status : <span>x</span> done : ok</span> fin : '
                '<em lang="fr-FR">ici : là</em></p>')
    assert typography.html(fragment, "fr") == (
        f'<p>Statut{NBSP}: <span lang="en">Status: <span>x</span> done: ok</span> fin{NBSP}: '
        f'<em lang="fr-FR">ici{NBSP}: là</em></p>')
    english = typography.html('<p>Identifier : <span lang="fr">Identifiant : x</span></p>', "en")
    assert english == f'<p>Identifier: <span lang="fr">Identifiant{NBSP}: x</span></p>'


def test_void_and_self_closing_tags_do_not_open_a_region() -> None:
    out = typography.html('<p lang="en">a<br>b :<img src="x.png" alt="a : b"/> c :</p> d :', "fr")
    assert out == f'<p lang="en">a<br>b:<img src="x.png" alt="a : b"/> c:</p> d{NBSP}:'


# --------------------------------------------------------------------------- every built page


#: Elements whose text is code or data, not prose.
VERBATIM = {"code", "pre", "kbd", "samp", "script", "style", "textarea", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
FRENCH_FAULTS = (
    (re.compile(r"(?<=\S) [:;!?](?=\s|$)"), "an ordinary space before « : ; ! ? »"),
    (re.compile(r"« "), "an ordinary space after «"),
    (re.compile(r" »"), "an ordinary space before »"),
    (re.compile(r"'"), "a straight apostrophe"),
    (re.compile(r"\w\(s\)"), "a « (s) » plural"),
)
ENGLISH_FAULTS = (
    (re.compile(r"(?<=\S)[ \u00a0\u202f][:;](?=\s|$)"), "a space before a colon or a semicolon"),
    (re.compile(r"\w\(s\)"), "an « (s) » plural"),
)


#: Elements that end a run of text (inline ones, links and spans, do not: « <a>x</a> : y » is one run).
BLOCKS = {"p", "li", "div", "td", "th", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "ul",
          "ol", "table", "caption", "blockquote", "nav", "header", "footer", "br", "label", "button", "option",
          "title", "article", "main", "form", "details", "summary", "figure", "figcaption"}


class _Text(HTMLParser):
    """The text of a page in runs (a paragraph, a cell), each with the language it is in, code and
    scripts left out: a run of one language is checked as a whole, across inline tags."""

    def __init__(self, lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, bool]] = [("", lang, False)]
        self.texts: list[tuple[str, str]] = []
        self.run: tuple[str, str] | None = None

    def flush(self) -> None:
        if self.run and self.run[1].strip():
            self.texts.append(self.run)
        self.run = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self.flush()
        if tag in VOID:
            return
        _, lang, verbatim = self.stack[-1]
        declared = dict(attrs).get("lang")
        self.stack.append((tag, (declared or lang).split("-")[0], verbatim or tag in VERBATIM))

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS:
            self.flush()
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        _, lang, verbatim = self.stack[-1]
        if verbatim:
            self.flush()  # code splits a run: « voir <code>a</code> : … » is two
            return
        if self.run and self.run[0] == lang:
            self.run = (lang, self.run[1] + data)
        else:
            self.flush()
            self.run = (lang, data)

    def close(self) -> None:
        super().close()
        self.flush()


def faults(site: Path) -> list[str]:
    found = []
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        parser = _Text("en" if relative.startswith("en/") else "fr")
        parser.feed(page.read_text(encoding="utf-8"))
        parser.close()
        for lang, text in parser.texts:
            if lang == "fr":
                rules = FRENCH_FAULTS
            elif lang == "en" and not typography.FRENCH_SIGNS.search(text):
                rules = ENGLISH_FAULTS
            else:
                continue
            for pattern, what in rules:
                for match in pattern.finditer(text):
                    found.append(f"{relative} ({lang}): {what}: {text[max(0, match.start() - 40):match.end() + 20]!r}")
    return found


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("typography-demo") / "site"
    result = pipeline.build(DEMO / "data", DEMO / "content", out, ROOT, fictional=True, search=False, build_date=BUILD_DATE, today=CHECK_DAY)
    assert result.ok
    return out


def test_every_page_of_the_real_site_is_set_in_its_language(real_site) -> None:
    _, site = real_site
    assert len(list(site.rglob("*.html"))) > 100
    found = faults(site)
    assert not found, f"{len(found)} typography faults:\n" + "\n".join(found[:40])


def test_every_page_of_the_demo_site_is_set_in_its_language(demo_site: Path) -> None:
    assert len(list(demo_site.rglob("*.html"))) > 150
    found = faults(demo_site)
    assert not found, f"{len(found)} typography faults:\n" + "\n".join(found[:40])


def test_the_scan_finds_a_fault_planted_in_a_page(tmp_path: Path) -> None:
    """The page scan above can fail: a French page with an ordinary space before a colon, a straight
    apostrophe and a « (s) » plural, and an English page with a space before a colon."""
    (tmp_path / "en").mkdir()
    (tmp_path / "index.html").write_text("<html lang=fr><body><p>Statut : l'état, 2 mesure(s)</p>"
                                         "<code>a : b</code><p>Voir <a href=x>ceci</a> : cela</p></body></html>",
                                         encoding="utf-8")
    (tmp_path / "en" / "index.html").write_text("<html lang=en><body><p>Status : x</p>"
                                                "<p lang=fr>Statut\u00a0: x</p><p><a>a</a> ; <a>b</a></p></body></html>",
                                                encoding="utf-8")
    found = faults(tmp_path)
    assert len(found) == 6, found
    assert any("en/index.html (en): a space before a colon" in f for f in found)
