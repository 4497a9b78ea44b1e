"""Every module of generator/ that reads HTML reads it as a browser does (issue 26, item 5), through
records/html_tokens.py: an attribute value holding '>' or '<', a comment or CDATA section holding a
tag, tags in capitals, a <script> or <style> body holding '<', unquoted attributes. Each case below
was read wrongly by at least one of the regular expressions (or the `split("<")`) these modules used
before; the comment of each test says which."""

from __future__ import annotations

import random

import pytest

from generator.engine import csp, plugin
from generator.publish import texts
from generator.records import html_tokens, markup
from generator.site import typography
from generator.site.render import french_links

NNBSP, NBSP = "\u202f", "\u00a0"


# --------------------------------------------------------------------------- the tokenizer


WORDS = ["<", ">", "a", " ", "\n", "&amp;", "&", "=", '"', "'", "</", "<a href='x>y'>", "</a>", "<!--", "-->", "--!>",
         "<![CDATA[", "]]>", "<script>", "</script>", "<style>", "</style >", "<br/>", "<P LANG=fr>", "<?x", "<!DOCTYPE html>",
         "<a b=c>", "<a b='c d'>", '<a b="&amp;">', "<x/>", "<a b c=d/>", "<p\xa0x>", "</a >", "<a b=c/>", "<!---->", "`"]


def test_tokens_give_back_the_document_byte_for_byte_and_the_shortcuts_read_as_the_parser() -> None:
    """The shortcuts (`tokens` on a regularly written document, `markup`) give what HTMLParser gives."""
    draw = random.Random(26)
    for _ in range(5000):
        document = "".join(draw.choice(WORDS) for _ in range(draw.randint(0, 10)))
        found = html_tokens.tokens(document)
        assert "".join(token.source for token in found) == document
        assert found == html_tokens.parsed(document), document
        pieces, names = html_tokens.markup(document)
        assert "".join(pieces) == document
        markup_tokens = [token for token in found if token.kind != html_tokens.TEXT]
        assert [names[n] for n in range(len(names))] == [
            token.name if token.kind == "start" else "/" + token.name if token.kind == "end" else ""
            for token in markup_tokens], document
        assert pieces[1::2] == [token.source for token in markup_tokens], document


@pytest.mark.parametrize(("document", "kinds"), [
    ('<a title="x>y" href=/p>t</a>', [("start", "a"), ("text", ""), ("end", "a")]),
    ("<!-- <b> -->t", [("comment", ""), ("text", "")]),
    ("<![CDATA[<b>x</b>]]>", [("comment", ""), ("text", ""), ("end", "b"), ("text", "")]),  # a bogus comment to '>'
    ("<SCRIPT>if (a<b) x()</SCRIPT>", [("start", "script"), ("text", ""), ("end", "script")]),
    ("a<!-->b", [("text", ""), ("comment", ""), ("text", "")]),  # an empty comment
    ("a<!-- x --!>b", [("text", ""), ("comment", ""), ("text", "")]),
    ("a<!-- never closed <b>", [("text", ""), ("comment", "")]),
])
def test_tokens_read_as_a_browser_reads(document: str, kinds: list[tuple[str, str]]) -> None:
    assert [(token.kind, token.name) for token in html_tokens.tokens(document)] == kinds


# --------------------------------------------------------------------------- typography (was split("<"))


@pytest.mark.parametrize(("fragment", "expected"), [
    # '>' in an attribute: the old cut ended the tag there and set the rest of the value as text
    ('<p title="a > b : c">x : y</p>', '<p title="a > b : c">x: y</p>'),
    # a tag inside a comment opened a verbatim element
    ("<p>a : b<!-- <code> --> c : d</p>", "<p>a: b<!-- <code> --> c: d</p>"),
    # capitals: <CODE> was not verbatim, LANG not a language
    ("<CODE>a : b</CODE> c : d", "<CODE>a : b</CODE> c: d"),
    ('<span LANG="FR">a : b</span>', f'<span LANG="FR">a{NBSP}: b</span>'),
    # a void element's lang changed the rules of everything after it
    ('<br lang="fr">a : b', '<br lang="fr">a: b'),
    # unquoted lang
    ("<span lang=fr>a : b</span>", f"<span lang=fr>a{NBSP}: b</span>"),
    # a script body holding '<' and '>'
    ('<script>if (a<b && c>d) x(" : ")</script>e : f', '<script>if (a<b && c>d) x(" : ")</script>e: f'),
])
def test_typography_reads_html_as_a_browser(fragment: str, expected: str) -> None:
    assert typography.html(fragment, "en") == expected


# --------------------------------------------------------------------------- render.french_links (was _LINK)


@pytest.mark.parametrize(("fragment", "expected"), [
    ('<a title="x>y" href="/p">la page de la mairie</a>', '<a title="x>y" href="/p" lang="fr">la page de la mairie</a>'),
    ('<A href="/p">la page de la mairie</A>', '<A href="/p" lang="fr">la page de la mairie</A>'),
    ('<a href=/p lang>la page de la mairie</a>', '<a href=/p lang>la page de la mairie</a>'),
    ('<a href="/p">the <em>page</em> of the city hall</a>', '<a href="/p">the <em>page</em> of the city hall</a>'),
])
def test_french_links_reads_links_as_a_browser(fragment: str, expected: str) -> None:
    assert str(french_links(fragment, "en")) == expected


# --------------------------------------------------------------------------- texts.plain_text (was regexes)


def test_plain_text_reads_the_rendered_markdown_as_a_browser() -> None:
    # the sanitizer writes '>' as it is inside an attribute: the old "<[^>]+>" left the rest of the tag as text
    assert texts.plain_text('[lien](https://example.org/ "a>b") suite') == "lien suite"
    assert texts.plain_text("a\n\n- b &amp; c\n- d") == "a\n\nb & c\n\nd"


# --------------------------------------------------------------------------- csp (was regexes)


@pytest.mark.parametrize(("page", "scripts"), [
    ('<script data-x="a>b">run()</script>', ["run()"]),  # the body started at the '>' inside the value
    ('<script data-note="src=x">run()</script>', ["run()"]),  # "src=" inside a value made it a file
    ("<!-- <script>run()</script> -->", []),  # a script inside a comment never runs
    ("<SCRIPT type=application/json>{}</SCRIPT><script>a<b</script>", ["a<b"]),
])
def test_inline_scripts_are_found_as_a_browser_runs_them(page: str, scripts: list[str]) -> None:
    assert csp.inline_scripts(page) == scripts


def test_the_policy_goes_after_the_real_head_tag() -> None:
    page = '<!-- <head> --><html><head data-x="a>b"><title>t</title></head></html>'
    updated = csp.with_policy(page)
    assert updated.startswith('<!-- <head> --><html><head data-x="a>b">\n<meta http-equiv="Content-Security-Policy"')
    assert csp.with_policy(updated) == updated
    assert csp.with_policy("<p>no head</p>") == "<p>no head</p>"


# --------------------------------------------------------------------------- markup.public_text (was HIDDEN, TAG)


@pytest.mark.parametrize(("text", "public"), [
    # '>' and '<' inside an attribute value: the old TAG cut the tag there and left the rest as text
    ('a <abbr title="a>b">x</abbr>', 'a <abbr title="a>b">x</abbr>'),
    ('a <abbr title="x<y" class=z>x</abbr>', 'a <abbr title="x&lt;y">x</abbr>'),
    # a CDATA section is a bogus comment that ends at the first '>': the page shows "x]]>"
    ("<![CDATA[<b>x</b>]]> y", "x</b>]]> y"),
    # capitals and unquoted attributes
    ('<P CLASS=x onclick=go()>y</P>', "<p>y</P>"),  # "</P>" is the same tag, kept as written
    ("<SCRIPT>a<b</SCRIPT>c", "c"),
    # elements dropped with their content, nested
    ("<svg><svg></svg>x</svg>y", "y"),
    # comments: closed by --!>, never closed, or an autolink that is no tag
    ("<!-- <b> --!> b", " b"),
    ("a <!-- never closed", "a "),
    ("<https://example.org> <a@b.fr>", "<https://example.org> <a@b.fr>"),
])
def test_public_text_reads_raw_html_as_a_browser(text: str, public: str) -> None:
    assert markup.public_text(text) == public


def test_hidden_parts_say_where_and_whether_closed() -> None:
    assert markup.hidden_parts('a <abbr title="a>b">x</abbr>') == []  # the same tag, written otherwise
    assert markup.hidden_parts("x <![CDATA[<b>y") == [(2, "<![CDATA[<b>", True)]
    assert markup.hidden_parts("a <style>b</style> <!-- c") == [(2, "<style>b</style>", True), (19, "<!-- c", False)]


@pytest.mark.parametrize("body, anchors, links", [
    # A '>' inside a value does not end the tag: the link after it is checked.
    ('<a title="a > b" href="../missing/">x</a>', set(), ["../missing/"]),
    # A tag written inside a comment or a script is no link and no anchor.
    ('<!-- <a href="nowhere/" id="ghost"> --><p id="real">x</p>', {"real"}, []),
    ('<script>var s = "<a href=\'nowhere/\'>";</script><a href="#real">x</a>', set(), ["#real"]),
    # Capitals and unquoted values, as a browser reads them; entities decoded once.
    ('<A HREF=../up/ ID=Top>x</A><a href="?a=1&amp;b=2" name="n">y</a>', {"Top", "n"}, ["../up/", "?a=1&b=2"]),
])
def test_the_plugin_reads_links_and_anchors_as_a_browser(body: str, anchors: set[str], links: list[str]) -> None:
    """The links MkDocs' validation is given from a generated body (engine/plugin.py): a broken link
    a regular expression missed was published, a commented-out one stopped the build."""
    assert plugin._links_and_anchors(body) == (anchors, links)
