"""Markup: editors' Markdown -> safe HTML.

Editors write Markdown in records and pages. It is rendered with Python-Markdown, then cleaned with
nh3 (the Ammonia sanitizer) against an allow-list: no script or style, no event handler (not even
through `attr_list`), no `javascript:` or `data:` URLs, no HTML comments. What comes out can be
placed in a page as it is. Template syntax such as `{{ 7*7 }}` is plain text here and stays so.

`public_text(text)` is the one sanitized text every output derives from: it removes from an
editor's text what the sanitizer would hide on the page but a data file would otherwise publish as
written — HTML comments, elements dropped with their content (script, style…), and raw HTML tags
or attributes outside the allow-list. The schema stores records' texts through it (schema.Text)
and the build reads pages through it, so pages, JSON-LD, search, feeds, the calendar and the open
data all start from the same text; `check` reports what it removed (validate.hidden_markup), and
the Markdown links whose address the render removes (`removed_links`).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from html.parser import HTMLParser

import markdown
import nh3
from markdown import treeprocessors
from markupsafe import Markup

from .html_tokens import COMMENT, END, START, Token, tokens

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3", "h4",
    "hr", "i", "li", "ol", "p", "pre", "q", "s", "small", "strong", "sub", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "ul", "caption", "span", "cite",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang", "lang"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
    "*": {"lang"},
}
URL_SCHEMES = {"http", "https", "mailto"}
#: Elements the sanitizer removes with everything inside them (their text is never shown).
DROPPED_WITH_CONTENT = ("script", "style", "template", "svg", "math", "textarea", "title", "noscript", "iframe",
                        "object", "noembed", "noframes", "xmp", "select")

#: Of those, the elements whose text a browser reads as raw text, up to the first end tag of their
#: name (the others end at the end tag that matches them, nested ones counted).
RAW_TEXT = ("script", "style", "textarea", "title", "noscript", "iframe", "noembed", "noframes", "xmp")
#: A raw HTML tag's name in Markdown (`<https://…>` or `<a@b.fr>` is an autolink, not a tag).
TAG_NAME = re.compile(r"[a-z][a-z0-9-]*")


def _allowed_value(name: str, value: str) -> bool:
    if name != "href":
        return True
    scheme = re.match(r"\s*([A-Za-z][A-Za-z0-9+.-]*):", value)
    return scheme is None or scheme.group(1).lower() in URL_SCHEMES


def public_tag(tag: str) -> str:
    """A raw HTML tag as the sanitizer would keep it: '' for a tag outside the allow-list, else the
    tag with only its allowed attributes."""
    found = tokens(tag)
    if len(found) != 1:
        return tag
    return _public(found[0])


def _public(token: Token) -> str:
    """`public_tag` of a token of the text (a start or end tag; anything else stays as written)."""
    if token.kind not in (START, END) or not TAG_NAME.fullmatch(token.name):
        return token.source
    if token.name not in ALLOWED_TAGS:
        return ""
    if token.kind == END:
        return f"</{token.name}>"
    allowed = ALLOWED_ATTRIBUTES.get(token.name, set()) | ALLOWED_ATTRIBUTES["*"]
    kept = "".join(
        f' {key}="{html.escape(value or "")}"' for key, value in token.attrs
        if key in allowed and _allowed_value(key, value or "")
    )
    return f"<{token.name}{kept}>"


def _changes(text: str) -> list[tuple[int, str, str, bool]]:
    """What `public_text` changes in `text`, read as a browser reads it: (index, what was written,
    what is published instead, closed). `closed` is False for a comment or element that runs to the
    end of the text. Hidden: an HTML comment, a processing instruction or CDATA section (comments to
    HTML), an element dropped with its content; changed: a raw tag outside the allow-list."""
    found = []
    pieces = tokens(text)
    at, n = 0, 0
    while n < len(pieces):
        token = pieces[n]
        start, n = at, n + 1
        at += len(token.source)
        if token.kind == COMMENT and token.source.startswith(("<!--", "<?", "<![CDATA[")):
            if token.source in ("<!-->", "<!--->"):
                continue  # Markdown shows these as they are written
            if token.source.startswith("<!--"):
                closed = token.source.endswith(("-->", "--!>")) and len(token.source) > 6
            else:
                closed = token.source.endswith(">")
            found.append((start, token.source, "", closed))
        elif token.kind == START and token.name in DROPPED_WITH_CONTENT:
            depth, closed = 0, False
            while n < len(pieces):
                inner = pieces[n]
                n, at = n + 1, at + len(inner.source)
                if inner.name == token.name and inner.kind == START and token.name not in RAW_TEXT:
                    depth += 1
                elif inner.name == token.name and inner.kind == END:
                    if not depth:
                        closed = True
                        break
                    depth -= 1
            found.append((start, text[start:at], "", closed))
        elif token.kind in (START, END):
            public = _public(token)
            if public != token.source and not _same_tag(public, token):
                found.append((start, token.source, public, True))
    return found


def _same_tag(public: str, token: Token) -> bool:
    """Whether `public` reads as the same tag as `token` (written otherwise: `<B>`, a `>` in a value)."""
    again = tokens(public)
    return len(again) == 1 and again[0][:1] + again[0][2:4] == token[:1] + token[2:4]


def public_text(text: str) -> str:
    """The editor's text without what no reader would see (see the module docstring)."""
    if "<" not in text:
        return text  # the common case: nothing to look at
    changes = _changes(text)
    if not changes:
        return text
    out: list[str] = []
    at = 0
    for start, written, public, _closed in changes:
        out += (text[at:start], public)
        at = start + len(written)
    out.append(text[at:])
    return "".join(out)


#: Python-Markdown's inline patterns (the core's and smarty's, Markdown 3.11), each regular
#: expression with the characters one of which it needs to match: a text holding none of them
#: cannot match it, and trying it costs a few microseconds of Python (most of the conversion's
#: time). A pattern whose expression is not listed here (another version of Markdown) is tried as
#: Markdown tries it. Matching only replaces text by placeholders ("\x02klzzwxh:12\x03", none of
#: these characters), so a character absent from a text when its patterns start stays absent.
_NEEDS: dict[str, str] = {
    r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)": "`",
    r"\\(.)": "\\",
    r"(?<!\!)\[": "[",
    r"\!\[": "[",
    r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>": "<",
    r"<([^<> !]+@[^@<> ]+)>": "<",
    "  \\n": "\n",
    r"""(<(\/?+[a-zA-Z][^\s"'<>@]*+(?:\s+[^\s"'=<>]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'=<>]++))?+)*+\s*+/?"""
    r"""|!--(?:(?!<!--|-->).)*--|[?](?:(?!<[?]|[?]>).)*[?]|!\[CDATA\[(?:(?!<!\[CDATA\[|\]\]>).)*\]\])>)""": "<",
    r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)": "&",
    r"\*|_": "*_",
    r"(?<!-)---(?!-)": "-",
    r"(?<!-)--(?!-)": "-",
    r"(?<!\.)\.{3}(?!\.)": ".",
    r"""^'(?=[!"#\$\%'()*+,-.\/:;<=>?\@\[\\\]\^_`{|}~]\B)""": "'",
    r"""^"(?=[!"#\$\%'()*+,-.\/:;<=>?\@\[\\\]\^_`{|}~]\B)""": '"',
    r""""'(?=\w)""": "'",
    r"""'"(?=\w)""": "'",
    "(?<=[^\\ \\t\\r\\n\\[\\{\\(\\-\\u0002\\u0003])\\'\"": "'",
    r"""(?<=[^\ \t\r\n\[\{\(\-\u0002\u0003])\"'""": "'",
    r"(?<!\w)'(?=\d{2}s)": "'",
    r"(\s|&nbsp;|--|–|—|&[mn]dash;|&#8211;|&#8212;)'(?=\w)": "'",
    r"(?<=[^\ \t\r\n\[\{\(\-\u0002\u0003])'(?!\s|s\b|\d)": "'",
    r"'(\s|s\b)": "'",
    "'": "'",
    r'(\s|&nbsp;|--|–|—|&[mn]dash;|&#8211;|&#8212;)"(?=\w)': '"',
    r'"(?=\s)': '"',
    r'(?<=[^\ \t\r\n\[\{\(\-\u0002\u0003])"': '"',
    '"': '"',
}
_NEEDED = frozenset("".join(_NEEDS.values()))


def skip_impossible_patterns(processor: treeprocessors.Treeprocessor) -> None:
    """Adapter: `processor` (Markdown's inline processor, or smarty's) tries on a text only the patterns
    that could match it (see _NEEDS); the others are passed over as Markdown passes over a pattern
    that does not match. The same HTML (tests/test_markup.py), in about a third of the time.

    Python-Markdown has no documented way to do it: this replaces, on this one processor, the private
    method `InlineProcessor.__handleInline` (name-mangled `_InlineProcessor__handleInline`; its
    callers in `InlineProcessor.run` look it up on the instance) with a copy that tests each pattern's
    characters first, and calls the private `InlineProcessor.__applyPattern` as the original does.
    Checked against Markdown 3.11.3; tests/test_engine_adapters.py fails when either method changes."""
    assert isinstance(processor, treeprocessors.InlineProcessor)
    expressions = [(pattern, getattr(pattern, "compiled_re", None)) for pattern in processor.inlinePatterns]
    patterns = tuple((pattern, frozenset(_NEEDS[found.pattern]) if found is not None and found.pattern in _NEEDS else None)
                     for pattern, found in expressions)
    apply = processor._InlineProcessor__applyPattern  # type: ignore[attr-defined]

    # Markdown's InlineProcessor.__handleInline, with the test of each pattern's characters.
    def handle_inline(data: str, pattern_index: int = 0) -> str:
        if not isinstance(data, markdown.util.AtomicString):
            present = {c for c in _NEEDED if c in data}
            start = 0
            while pattern_index < len(patterns):
                pattern, needs = patterns[pattern_index]
                if needs is not None and needs.isdisjoint(present):
                    matched, start = False, 0
                else:
                    data, matched, start = apply(pattern, data, pattern_index, start)
                if not matched:
                    pattern_index += 1
        return data

    processor._InlineProcessor__handleInline = handle_inline  # type: ignore[attr-defined]


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    converter = markdown.Markdown(extensions=["tables", "sane_lists", "smarty"], output_format="html")
    for name in ("inline", "smarty"):
        skip_impossible_patterns(converter.treeprocessors[name])
    return converter


def clean(html: str) -> str:
    """Sanitize HTML against the allow-list."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        strip_comments=True,
        link_rel="noopener noreferrer",
    )


@lru_cache(maxsize=262144)
def render_markdown(text: str, *, shift_headings: int = 1) -> Markup:
    """Markdown -> sanitized HTML. Headings move down `shift_headings` levels (the page owns h1).

    Cached: the same text is shown on its page, in excerpts, tables and feeds, and converting it is
    most of the cost of generating pages. The cache holds every text of 10,000 recommendations
    (about 100,000 texts): a smaller one would be emptied between the feeds and the pages.
    """
    converter = _converter()
    converter.reset()
    html = converter.convert(text)
    if shift_headings:
        for level in range(5, 0, -1):
            new = min(level + shift_headings, 6)
            html = html.replace(f"<h{level}", f"<h{new}").replace(f"</h{level}>", f"</h{new}>")
    return Markup(clean(html))


def render_inline(text: str) -> Markup:
    """Markdown for one line: the result has no surrounding paragraph."""
    html = str(render_markdown(text, shift_headings=0)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


class _Links(HTMLParser):
    """Every link address (`href` of `<a>`, entities decoded as a browser decodes them) of rendered HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.found += [value or "" for key, value in attrs if key == "href"]


#: Where a link's address can start with a scheme other than those kept: after `](` (a link), `]:` (a
#: reference's definition) or `<` (an autolink), spaces and `<` allowed, a scheme whose letters and colon
#: may be written as entities (`&#106;avascript&#58;`). A text without one needs no conversion.
_LINK_TO_OTHER = re.compile(r"(?:\]\(\s*<?|\]:\s*<?|<)(?!(?:https?|mailto):)(?:[A-Za-z0-9+.-]|&#?[A-Za-z0-9]+;?)+?"
                            r"(?::|&#0*58;?|&#[xX]0*3[aA];?|&colon;)")


@lru_cache(maxsize=1)
def _link_converter() -> markdown.Markdown:
    """A converter of its own for `removed_links` (`render_markdown`'s may be converting meanwhile)."""
    return markdown.Markdown(extensions=["tables", "sane_lists", "smarty"], output_format="html")


def removed_links(text: str) -> list[str]:
    """The addresses of the Markdown links of `text` (`[words](address)`, `[words][ref]` with its
    `[ref]: address`, `<scheme://…>`) that the render removes: the sanitizer keeps only http, https and mailto
    addresses (and those without a scheme), so `javascript:`, `data:`, `file:`… leave the words
    without their link, unsaid. `text` is a public text (`public_text`: raw `<a>` tags are already
    reported by `hidden_parts`). The sanitizer itself decides (`clean`), not a copy of its rules."""
    if ("](" not in text and "]:" not in text and "<" not in text) or not _LINK_TO_OTHER.search(text):
        return []  # no link, or none whose address starts with a scheme the sanitizer might not keep
    converter = _link_converter()
    converter.reset()
    links = _Links()
    links.feed(converter.convert(text))
    links.close()
    return [href for href in links.found if "href=" not in clean(f'<a href="{html.escape(href)}">x</a>')]


def hidden_parts(text: str) -> list[tuple[int, str, bool]]:
    """What `public_text` removes from `text`, for `check`: (index, what was written, closed).
    `closed` is False for a comment or element that runs to the end of the text."""
    if "<" not in text:
        return []
    return [(start, written, closed) for start, written, _public, closed in _changes(text)]
