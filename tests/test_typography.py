"""French and English typography (generator/site/typography.py), applied once to every page.

- the rules, one by one, and that a second pass changes nothing;
- only text is set: tags, attributes (URLs), code and scripts are left as they are; an element's
  `lang` switches the rules inside it;
- quotation marks typed "…" (or set “…” by Markdown) are « … » in French text, “…” inside a
  quotation, paired across inline tags within a paragraph, left as typed when unpaired; English
  text keeps them; a real page shows them so, and its YAML keeps what was typed;
- on every page of the real and the demo builds, French text has no ordinary space before « : ; ! ? »
  or inside « … », no straight apostrophe, no « (s) » plural; English text has no space before a
  colon (except in a French passage left unmarked, such as a source's title).
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import build as pipeline
from generator.site import typography
from generator.site.typography import NBSP, NNBSP

from .conftest import BUILD_DATE, CHECK_DAY, MINIMAL, ROOT

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


# --------------------------------------------------------------------------- quotation marks

Q = ("«" + NBSP, NBSP + "»")


@pytest.mark.parametrize(("raw", "expected"), [
    ('la Ville a dit "oui".', f"la Ville a dit {Q[0]}oui{Q[1]}."),
    ("la Ville a dit “oui”.", f"la Ville a dit {Q[0]}oui{Q[1]}."),  # as Markdown's smarty sets what was typed
    ('("oui")', f"({Q[0]}oui{Q[1]})"),
    ('le vœu "Paris à vélo" : adopté', f"le vœu {Q[0]}Paris à vélo{Q[1]}{NBSP}: adopté"),
    # a quotation inside a quotation: “ ” (Imprimerie nationale), typed straight or already French
    ('il a dit "non, "jamais" ici" hier', f"il a dit {Q[0]}non, “jamais” ici{Q[1]} hier"),
    ('« il a dit "non" »', f"{Q[0]}il a dit “non”{Q[1]}"),
    ("« il a dit “non” »", f"{Q[0]}il a dit “non”{Q[1]}"),
    # apostrophes stay apostrophes, inside a quotation too
    ("\"l'eau, c'est la vie\"", f"{Q[0]}l’eau, c’est la vie{Q[1]}"),
    ('"d\'accord", dit-elle', f"{Q[0]}d’accord{Q[1]}, dit-elle"),
    # unpaired, or not quotation marks: left as typed
    ('un écran de 12" et un de 14"', 'un écran de 12" et un de 14"'),
    ('"ouvert et jamais fermé', '"ouvert et jamais fermé'),
    ("fermé sans être ouvert”", "fermé sans être ouvert”"),
    ('a " b', 'a " b'),
    ('x"y"z', 'x"y"z'),
    # a quotation mark between two spaces, or at the start of a text before a space, quotes nothing
    ('" oui "', '" oui "'),
])
def test_french_quotation_marks(raw: str, expected: str) -> None:
    assert typography.text(raw, "fr") == expected
    assert typography.text(expected, "fr") == expected, "a second pass changes nothing"
    assert typography.html(f"<p>{raw}</p>", "fr") == f"<p>{expected}</p>"


def test_english_keeps_its_quotation_marks() -> None:
    for raw in ('He said "yes".', "He said “yes”.", 'the "Deliberation" workshop'):
        assert typography.text(raw, "en") == raw
        assert typography.html(f"<p>{raw}</p>", "en") == f"<p>{raw}</p>"


def test_quotation_marks_pair_across_inline_tags_within_a_paragraph_never_in_code_attributes_or_english() -> None:
    fragment = ('<p>La Ville a dit “<em>oui</em>” et <a href="https://x.org/?q=&quot;a&quot;" title="&quot;t&quot;">'
                '“le rapport”</a> ; voir <code>"x"</code> et &#34;<code>y</code>&#34;.</p>'
                "<p>“ouvert</p><p>fermé”</p>"
                '<p>Elle a dit <span lang="en">"yes, “of course”"</span> puis “oui”.</p>'
                '<script>var a = "b";</script><pre>"c"</pre>')
    out = typography.html(fragment, "fr")
    assert out == (f'<p>La Ville a dit {Q[0]}<em>oui</em>{Q[1]} et <a href="https://x.org/?q=&quot;a&quot;" '
                   f'title="&quot;t&quot;">{Q[0]}le rapport{Q[1]}</a>{NNBSP}; voir <code>"x"</code> et '
                   f'{Q[0]}<code>y</code>{Q[1]}.</p>'
                   "<p>“ouvert</p><p>fermé”</p>"  # one paragraph's mark never pairs with another's
                   f'<p>Elle a dit <span lang="en">"yes, “of course”"</span> puis {Q[0]}oui{Q[1]}.</p>'
                   '<script>var a = "b";</script><pre>"c"</pre>')
    assert typography.html(out, "fr") == out
    english = '<p>He said “yes” and <span lang="fr">la Ville “oui”</span>.</p>'
    assert typography.html(english, "en") == f'<p>He said “yes” and <span lang="fr">la Ville {Q[0]}oui{Q[1]}</span>.</p>'


def test_a_quotation_typed_in_a_record_is_set_in_each_language_on_its_page(tmp_path: Path) -> None:
    """A record's French text typed with straight quotes showed English curly quotes on the French
    page (Markdown's smarty extension sets them the English way): « … » there, “…” on the English
    page, and the YAML keeps what was typed."""
    from generator.build import load_content
    from generator.records.validate import validate
    from generator.site.model import build_model
    from generator.site.render import render_site

    data = shutil.copytree(MINIMAL / "data", tmp_path / "data")
    record = data / "recommendations" / "test-sujet-01.yml"
    typed = record.read_text(encoding="utf-8").replace(
        "answer: {fr: Réponse fictive., en: Fictional answer.}",
        'answer: {fr: \'La Ville a répondu "oui, mais *plus tard*" : voir le "rapport".\', '
        'en: \'The City answered "yes, but *later*".\'}').replace(
        "title: {fr: Mesure de test, en: Test measure}", 'title: {fr: \'Mesure "de test"\', en: Test measure}')
    record.write_text(typed, encoding="utf-8")
    dataset, problems = validate(data, ROOT, today=CHECK_DAY)
    assert not [p.text() for p in problems if p.is_error]
    content, _ = load_content(MINIMAL / "content", ROOT)
    pages = {page.path: page.text for page in render_site(build_model(dataset, date(2026, 1, 15)), content)}
    french = pages["fr/recommandations/test-sujet-01/index.md"]
    english = pages["en/recommandations/test-sujet-01/index.md"]
    assert f"La Ville a répondu {Q[0]}oui, mais <em>plus tard</em>{Q[1]}{NBSP}: voir le {Q[0]}rapport{Q[1]}." in french
    body = french.split("\n---\n", 1)[1]
    assert f"</span> Mesure {Q[0]}de test{Q[1]}</h1>" in body
    assert f"{Q[0]}Mesure “de test”{Q[1]}, recommandation" in body  # the citation quotes the title: “ ” inside « »
    prose = re.sub(r"<[^>]*>", "", re.sub(r"<(script|code)\b.*?</\1>", "", body, flags=re.S))
    assert not re.search(r'"\w|\w"|&#34;\w', prose)  # no straight quote left in the text (scripts, code aside)
    assert "The City answered “yes, but <em>later</em>”." in english
    assert record.read_text(encoding="utf-8") == typed


def test_void_and_self_closing_tags_do_not_open_a_region() -> None:
    out = typography.html('<p lang="en">a<br>b :<img src="x.png" alt="a : b"/> c :</p> d :', "fr")
    assert out == f'<p lang="en">a<br>b:<img src="x.png" alt="a : b"/> c:</p> d{NBSP}:'


# --------------------------------------------------------------------------- every built page


#: Elements whose text is code or data, not prose.
VERBATIM = {"code", "pre", "kbd", "samp", "script", "style", "textarea", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
FRENCH_FAULTS = (
    (re.compile(r"(?<=\S) [:;!?](?=\s|$)"), "an ordinary space before « : ; ! ? »"),
    (re.compile(r'"\w[^"«»“”]*\w"|^[^«]*?(?:^|(?<=[\s(]))“'), "straight or English quotation marks around a quotation"),
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
    apostrophe, a « (s) » plural and English quotation marks, and an English page with a space before
    a colon."""
    (tmp_path / "en").mkdir()
    (tmp_path / "index.html").write_text("<html lang=fr><body><p>Statut : l'état, 2 mesure(s), “dit-il”</p>"
                                         "<code>a : b</code><p>Voir <a href=x>ceci</a> : cela</p></body></html>",
                                         encoding="utf-8")
    (tmp_path / "en" / "index.html").write_text("<html lang=en><body><p>Status : x</p>"
                                                "<p lang=fr>Statut\u00a0: x</p><p><a>a</a> ; <a>b</a></p></body></html>",
                                                encoding="utf-8")
    found = faults(tmp_path)
    assert len(found) == 7, found
    assert any("en/index.html (en): a space before a colon" in f for f in found)
