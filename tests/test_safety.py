"""Editors' text cannot inject markup: payloads planted in records and pages come out inert."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import build as pipeline
from generator.engine.csp import inline_scripts

from .conftest import BUILD_DATE, CHECK_DAY, payloads_let_through

PAYLOADS = [
    "<script>alert('x1')</script>",
    '<img src=x onerror="alert(\'x2\')">',
    "[clic](javascript:alert('x3'))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgneDQnKTwvc2NyaXB0Pg==)",
    "<!-- comment-x5 -->",
    'Texte {: onclick="alert(\'x6\')" }',
    "{{ 7*7 }} {% raw %}",
    '"><svg onload=alert(\'x7\')></svg>',  # unclosed, check refuses it (tests/test_hostile.py)
    '<span style="--qqstyle1:1;position:fixed;inset:0">recouvre la page</span>',
    "<p STYLE='--qqstyle2:1;display:none'>cache</p>",
]


def plant(root: Path) -> None:
    rec = root / "data" / "recommendations" / "test-sujet-01.yml"
    text = rec.read_text(encoding="utf-8")
    payload = "\\n\\n".join(p.replace("\\", "\\\\").replace('"', '\\"') for p in PAYLOADS)
    text = text.replace('fr: "Texte fictif avec {{ 7*7 }} et <script>alert(1)</script>."', f'fr: "{payload}"')
    text = text.replace("title: {fr: Mesure de test, en: Test measure}",
                        "title: {fr: '\"><svg onload=alert(1)></svg> Mesure', en: '</title><script>alert(2)</script> Measure'}")
    rec.write_text(text, encoding="utf-8")
    page = root / "content" / "fr" / "page-test.md"
    page.write_text("---\ntitle: 'Page \"><script>alert(3)</script>'\ndescription: test\n---\n"
                    + "\n\n".join(PAYLOADS) + "\n\n## Titre {: onmouseover=\"alert('x8')\" }\n", encoding="utf-8")
    (root / "content" / "en" / "page-test.md").write_text(page.read_text(encoding="utf-8"), encoding="utf-8")


#: Script elements a browser never runs: data for the page's own code (the search page's filters
#: and labels) and for search engines (JSON-LD).
DATA_BLOCKS = frozenset({"application/ld+json", "application/json"})


class Live(HTMLParser):
    """Collects what would run in a browser: handler attributes, script URLs, script text, comments;
    and an editor's style attribute (marked `qqstyle`: the theme's own progress bars have some),
    which could hide the text or lay a fake page over the real one."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False
        self._in_data_block = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name.lower() == "style" and "qqstyle" in (value or ""):
                self.found.append(f"<{tag} style={value[:30]}>")
            if name.lower() in ("href", "src", "action", "formaction") and value and \
                    value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                self.found.append(f"<{tag} {name}={value[:30]}>")
        data_block = tag == "script" and dict(attrs).get("type") in DATA_BLOCKS
        self._in_script = tag == "svg" or (tag == "script" and not data_block)
        self._in_data_block = data_block

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False
        self._in_data_block = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(" in data:
            self.found.append(f"script: {data[:40]}")
        # A JSON block (JSON-LD, the search page's data) is data, never run; it must not be able to
        # close its element.
        if self._in_data_block and "<" in data:
            self.found.append(f"data block with markup: {data[:40]}")

    def handle_comment(self, data: str) -> None:
        if "comment-x5" in data:
            self.found.append("comment")


def live(html: str) -> list[str]:
    parser = Live()
    parser.feed(html)
    return parser.found


def test_payloads_in_records_and_pages_come_out_inert(minimal_copy: Path, tmp_path: Path) -> None:
    plant(minimal_copy)
    out = tmp_path / "site"
    with payloads_let_through():
        result = pipeline.build(minimal_copy / "data", minimal_copy / "content", out, minimal_copy, search=False, build_date=BUILD_DATE, today=CHECK_DAY)
    assert result.ok, [p.text() for p in result.problems if p.is_error]
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        assert live(page.read_text(encoding="utf-8")) == [], page
    rec_page = (out / "recommandations" / "test-sujet-01" / "index.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }}" in rec_page
    assert "page-test" in {p.parent.name for p in pages}


def test_the_scanner_finds_live_code_when_there_is_some() -> None:
    """The check above can fail: the same scanner finds each kind of live payload."""
    assert live('<img src=x onerror="alert(1)">') == ["<img onerror=...>"]
    assert live('<a href=" javascript:alert(1)">x</a>') == ["<a href= javascript:alert(1)>"]
    assert live("<script>alert('x')</script>") == ["script: alert('x')"]
    assert live("<!-- comment-x5 -->") == ["comment"]
    assert live('<span style="--qqstyle1:1">x</span>') == ["<span style=--qqstyle1:1>"]
    assert live('<script type="application/ld+json">{"a": "<img onerror=x>"}</script>') == [
        'data block with markup: {"a": "<img onerror=x>"}']
    assert live('<script type="application/ld+json">{"a": "alert(1)"}</script>') == []
    assert live('<script type="application/json">{"a": "alert(1)"}</script>') == []
    assert live('<script type="application/json">{"a": "</script><script>alert(1)"}</script>') != []
    assert live('<script type="text/plain-but-run">alert(1)</script>') == ["script: alert(1)"]


def test_every_page_of_the_hostile_build_is_inert(hostile_site) -> None:
    """Every text field of every record type, data/site.yml and every page carry script payloads
    (tests/hostile_data.py): no page of the build holds an event handler, a script URL, a script
    that is not a file or a data block, or an HTML comment."""
    _, site, planted = hostile_site
    assert set(planted.fields) >= {"site", "statuses", "cohort", "topic", "recommendation", "hearing",
                                   "member list", "meeting", "body", "page"}
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 150
    found = {}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        problems = live(html) + [f"inline script: {s[:40]}" for s in inline_scripts(html)]
        problems += [f"comment: {c[:40]}" for c in re.findall(r"<!--(.*?)-->", html, re.S)]
        if problems:
            found[str(page.relative_to(site))] = problems
    assert found == {}
    # The payloads did reach the pages, as text: the scan looked at the right thing.
    recommendation = (site / "recommandations" / "demo-eau-01" / "index.html").read_text(encoding="utf-8")
    assert "qqseen" in recommendation
    assert re.search(r"&#39; onmouseover=&#39;alert\(\d+\)|' onmouseover='alert\(\d+\)", recommendation)


#: A style attribute written every way HTML and Markdown allow: the sanitizer keeps none (an editor's
#: style could hide the text, or lay a fake page over the real one).
STYLED = [
    '<span style="position:fixed;inset:0">x</span>', "<p STYLE='display:none'>x</p>", "<span style=color:red>x</span>",
    '<a href="https://example.org/" style="font-size:0">x</a>', '<td style="x">y</td>', '<abbr title="t" style="x">y</abbr>',
    '<span lang="fr" style = "x">y</span>', "Texte {: style=\"display:none\" }", "| a |\n|---|\n| <b style=\"x\">b</b> |",
]


@pytest.mark.parametrize("text", STYLED)
def test_no_style_attribute_passes_the_sanitizer(text: str) -> None:
    from generator.records.markup import public_text, render_inline, render_markdown

    for html in (public_text(text), str(render_markdown(text)), str(render_markdown(public_text(text))),
                 str(render_inline(text))):
        assert not re.search(r"<[^>]*\sstyle\s*=", html, re.I), html


#: Links whose address the render removes, written every way Markdown allows: `check` names each one
#: (validate.hidden_markup_problems, markup.removed_links), whose words would otherwise stay unlinked, unsaid.
REMOVED_LINKS = [
    "[clic](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x]( javascript:alert(1) )",
    "[x](<javascript:alert(1)>)", "[x](javascript&#58;alert(1))", "[x](javascript&#x3A;alert(1))",
    "[x](javascript&colon;alert(1))", "[x](&#106;avascript:alert(1))", "[x](java&#9;script:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)", "[x](vbscript:msgbox)", "[x](file:///C:/Users/lou/rapport.pdf)",
    "[x][r]\n\n[r]: javascript:alert(1)", "[x]\n\n[x]:\n  data:text/html,x", "<javascript://%0aalert(1)>",
    "<file:///etc/passwd>", "Note: see [x](ftp://example.org/x)",
]


@pytest.mark.parametrize("text", REMOVED_LINKS)
def test_check_names_every_link_the_render_removes(text: str) -> None:
    from generator.records.markup import public_text, removed_links, render_markdown

    rendered = str(render_markdown(public_text(text)))
    assert "<a" in rendered and "href=" not in rendered, rendered  # the render keeps the words, not the link
    assert len(removed_links(public_text(text))) == 1


@pytest.mark.parametrize("text", ["[a](https://example.org/)", "[a](mailto:a@example.org)", "[a](/x/) [b](#y)",
                                  "<https://example.org/>", "[a][r]\n\n[r]: https://example.org/", "Note: a [b](c)"])
def test_a_link_the_render_keeps_is_not_named(text: str) -> None:
    from generator.records.markup import public_text, removed_links, render_markdown

    assert "href=" in str(render_markdown(public_text(text)))
    assert removed_links(public_text(text)) == []
