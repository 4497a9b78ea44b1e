"""The one way generator/ reads HTML: a document as a list of tokens, each with its exact source text.

Built on the standard library's `html.parser.HTMLParser` (the parser tools/linkcheck.py uses too), so
a tag is read as a browser reads it, not as a regular expression guesses it: an attribute value may
hold `>` or `<`, a comment or a `<script>`/`<style>` body may hold what looks like a tag, names may
be written in capitals, values may be unquoted. Joining the tokens' `source` gives back the
document byte for byte, so a module rewrites a document token by token and leaves the rest as it
was written.

Who reads HTML through it: records/markup.py (the raw tags and hidden parts of an editor's text),
engine/plugin.py (the links and ids of every generated body, for MkDocs' link validation), the preview
(where a served page's <body> starts),
site/typography.py (the text of every page, set in its language), site/render.py (links marked as
French), publish/texts.py (Markdown as plain text for the feeds and calendars) and engine/csp.py
(the `<head>` and the inline scripts of a page). It sits at the bottom of records/ so that every
layer can use it.

Where Python's parser (3.11) still reads differently from a browser, and what we do about it:
`<![CDATA[…]]>` outside SVG/MathML is a bogus comment that a browser ends at the first `>`, while
the parser reads to `]]>`: `tokens` splits it as a browser does (a "comment" token up to the first
`>`, the rest read again as HTML). A comment closed by `--!>` and the empty comments `<!-->`,
`<!--->` are not read as a browser reads them (rare in what editors and templates write).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import unescape
from html.parser import HTMLParser
from typing import NamedTuple

START, END, TEXT, COMMENT, DECLARATION = "start", "end", "text", "comment", "declaration"


class Token(NamedTuple):
    """One piece of a document. `kind`: START (a start tag, `self_closing` when written `<br/>`), END,
    TEXT, COMMENT (also processing instructions and bogus comments), DECLARATION (`<!DOCTYPE …>`).
    `source`: exactly as written. `name`: the tag's name in lower case ('' for other kinds).
    `attrs`: a start tag's attributes, names in lower case, values with entities decoded (None for
    an attribute written without a value). `text`: a TEXT token's text with entities decoded (the
    raw body inside `<script>` or `<style>`), or a comment's inside."""

    kind: str
    source: str
    name: str = ""
    attrs: tuple[tuple[str, str | None], ...] = ()
    text: str = ""
    self_closing: bool = False

    def attr(self, name: str) -> str | None:
        """The value of attribute `name` (the first one, as a browser keeps it); None when absent or
        written without a value."""
        for key, value in self.attrs:
            if key == name:
                return value
        return None

    def has_attr(self, name: str) -> bool:
        return any(key == name for key, _ in self.attrs)


class _Reader(HTMLParser):
    """Records each event with where it starts (HTMLParser's `getpos`, turned into an index)."""

    def __init__(self, document: str) -> None:
        super().__init__(convert_charrefs=True)
        self.document = document
        self.line_starts = [0]  # where each line starts, found as far as the parser has read
        # (start index, kind, name, attrs, text, self_closing, tag source)
        self.events: list[tuple[int, str, str, tuple, str, bool, str]] = []

    def _at(self) -> int:
        line, column = self.getpos()
        starts = self.line_starts
        while len(starts) < line:
            starts.append(self.document.index("\n", starts[-1]) + 1)
        return starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append((self._at(), START, tag, tuple(attrs), "", False, self.get_starttag_text() or ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append((self._at(), START, tag, tuple(attrs), "", True, self.get_starttag_text() or ""))

    def handle_endtag(self, tag: str) -> None:
        self.events.append((self._at(), END, tag, (), "", False, ""))

    def handle_data(self, data: str) -> None:
        self.events.append((self._at(), TEXT, "", (), data, False, ""))

    def handle_comment(self, data: str) -> None:
        self.events.append((self._at(), COMMENT, "", (), data, False, ""))

    def handle_decl(self, decl: str) -> None:
        self.events.append((self._at(), DECLARATION, "", (), decl, False, ""))

    def handle_pi(self, data: str) -> None:
        self.events.append((self._at(), COMMENT, "", (), data, False, ""))

    def unknown_decl(self, data: str) -> None:
        self.events.append((self._at(), COMMENT, "", (), data, False, ""))


#: The shortcut's grammar: text, a start tag whose attributes are written the regular way (separated
#: by spaces, values quoted or made of plain characters), an end tag, a comment. Each is a case of
#: what HTMLParser reads the same way (its own expressions, `tagfind_tolerant`, `attrfind_tolerant`,
#: `endtagfind`, `commentclose`, are wider); anything else sends the whole document to the parser.
_REGULAR = re.compile(r"""
    (?P<text>[^<]+)
  | <(?P<start>[a-zA-Z][^\t\n\r\f />\x00]*)
     (?P<attrs>(?:\s+[^\s/>"'=<]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`/]+(?=[\s>])))?)*)
     \s*(?P<closed>/?)>
  | </(?P<end>[a-zA-Z][-.a-zA-Z0-9:_]*)\s*>
  | <!--(?!-?>)(?P<comment>(?:(?!--!?>|--\s+>).)*?)-->
""", re.X | re.S)
_ATTRIBUTE = re.compile(r"""([^\s/>"'=<]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`/]+)))?""")
#: Elements whose body HTMLParser reads as raw text (its CDATA_CONTENT_ELEMENTS), and the end tag it
#: looks for (`set_cdata_mode`).
_RAW_TEXT = {name: re.compile(rf"</\s*{name}\s*>", re.I) for name in ("script", "style")}


def _attributes(written: str) -> tuple[tuple[str, str | None], ...]:
    found = []
    for match in _ATTRIBUTE.finditer(written):
        name, double, single, bare = match.groups()
        value = double if double is not None else single if single is not None else bare
        found.append((name.lower(), unescape(value) if value and "&" in value else value))
    return tuple(found)


def _regular(document: str) -> list[Token] | None:
    """The tokens HTMLParser would give, for a document made only of `_REGULAR`'s pieces; else None."""
    found: list[Token] = []
    append = found.append
    new = tuple.__new__  # a Token without NamedTuple's keyword handling (a third of the time here)
    at, size = 0, len(document)
    match_at = _REGULAR.match
    while at < size:
        match = match_at(document, at)
        if match is None:
            return None
        at = match.end()
        source = match.group()
        what = match.lastgroup
        if what == "text":
            append(new(Token, (TEXT, source, "", (), unescape(source) if "&" in source else source, False)))
        elif what == "closed":  # a start tag
            name, attrs, closed = match.group("start", "attrs", "closed")
            name = name.lower()
            append(new(Token, (START, source, name, _attributes(attrs) if attrs else (), "", closed == "/")))
            if name in _RAW_TEXT and not closed:  # its body is raw text up to its end tag, as HTMLParser reads it
                end = _RAW_TEXT[name].search(document, at)
                if end is None:
                    return None
                if end.start() > at:
                    body = document[at:end.start()]
                    append(new(Token, (TEXT, body, "", (), body, False)))
                append(new(Token, (END, end.group(), name, (), "", False)))
                at = end.end()
        elif what == "end":
            append(new(Token, (END, source, match.group("end").lower(), (), "", False)))
        else:
            append(new(Token, (COMMENT, source, "", (), match.group("comment"), False)))
    return found


#: A start tag or an end tag written the regular way (as `_REGULAR`'s), no `<` or `>` inside an
#: attribute value: a document whose every `<` starts one (its text, between them, holds none) is cut
#: at its tags by this expression (in C) exactly as the parser reads it (`markup`).
_PLAIN_TAG = re.compile(r"""(
    <[a-zA-Z][^\t\n\r\f />\x00<]*+(?>\s++[^\s/>"'=<]++(?>\s*+=\s*+(?>"[^"<>]*+"|'[^'<>]*+'|[^\s"'=<>`/]++(?=[\s>])))?+)*+\s*+/?>
  | </[a-zA-Z][-.a-zA-Z0-9:_]*+\s*+>
)""", re.X)
_NAME = re.compile(r"<(/?[a-zA-Z][^\t\n\r\f />\x00<]*)")
_RAW_TEXT_START = re.compile(r"<(?:script|style)", re.I)


class _Names(Sequence[str]):
    """The names of a plain document's markup pieces, each read when asked (a reader asks for few)."""

    def __init__(self, pieces: list[str]) -> None:
        self.pieces = pieces

    def __len__(self) -> int:
        return len(self.pieces) // 2

    def __getitem__(self, n: int) -> str:  # type: ignore[override]  # an index only, never a slice
        return _NAME.match(self.pieces[2 * n + 1]).group(1).lower()  # type: ignore[union-attr]


def markup(document: str) -> tuple[list[str], Sequence[str]]:
    """`document` cut at its markup, for a reader that changes only text and follows only element
    names (site/typography.py, over every page): `pieces` alternate text and markup (a tag, a comment,
    a declaration), starting and ending with text (maybe ''), their sources exactly; `names[n]` gives,
    for the n-th markup piece (`pieces[2 * n + 1]`), the element a start tag opens ('p'), the one an
    end tag closes ('/p'), or '' (a comment, a declaration). The same reading as `tokens`, much cheaper
    for a document written the regular way (cut in C, each name read only when asked)."""
    if "<" not in document:
        return [document], []
    pieces = _PLAIN_TAG.split(document)
    if "<" not in "".join(pieces[0::2]):
        if _RAW_TEXT_START.search(document) is None or _raw_text_plain(pieces):
            return pieces, _Names(pieces)
    pieces, found = [""], []
    for token in tokens(document):
        if token.kind == TEXT:
            pieces[-1] += token.source
        else:
            pieces += (token.source, "")
            found.append(token.name if token.kind == START else "/" + token.name if token.kind == END else "")
    return pieces, found


def _raw_text_plain(pieces: list[str]) -> bool:
    """Whether each <script> and <style> of a plain document is followed by its own end tag (its body,
    raw text to HTMLParser, then holds no `<`: the cut read it as the parser does)."""
    for n in range(1, len(pieces), 2):
        tag = pieces[n]
        if tag[1] in "sS" and not tag.endswith("/>"):
            name = _NAME.match(tag).group(1).lower()  # type: ignore[union-attr]
            if name in _RAW_TEXT and (n + 2 >= len(pieces) or _NAME.match(pieces[n + 2]).group(1).lower() != "/" + name):  # type: ignore[union-attr]
                return False
    return True


def attributes(tag: str) -> tuple[tuple[str, str | None], ...]:
    """The attributes of a start tag's source (a markup piece of `markup`), as `Token.attrs`."""
    found = tokens(tag)
    return found[0].attrs if found and found[0].kind == START else ()


def tokens(document: str) -> list[Token]:
    """`document` as tokens, in order; `"".join(t.source for t in tokens(d)) == d` for every string.

    Speed matters (every page passes here): a document written the regular way (what templates
    and the sanitizer write) is read by one regular expression that gives the parser's tokens
    (tests/test_html_reading.py compares both on every page of the demo site and on random
    documents); any other is read by the parser itself."""
    if "<" not in document:
        return [Token(TEXT, document, text=unescape(document))] if document else []
    found = _regular(document)
    return found if found is not None else parsed(document)


def parsed(document: str) -> list[Token]:
    """`document` as tokens, read by HTMLParser (what `tokens` gives, always through the parser)."""
    if not document:
        return []
    reader = _Reader(document)
    reader.feed(document)
    reader.close()
    found: list[Token] = []
    events = reader.events
    if not events or events[0][0] > 0:  # nothing was reported for the start (never seen; kept whole)
        first = events[0][0] if events else len(document)
        found.append(Token(TEXT, document[:first], text=unescape(document[:first])))
    for n, (start, kind, name, attrs, text, self_closing, tag) in enumerate(events):
        end = events[n + 1][0] if n + 1 < len(events) else len(document)
        source = document[start:end]
        if kind == START:
            found.append(Token(START, tag, name, attrs, "", self_closing))
            if len(source) > len(tag):  # what the parser kept back (an unclosed <script> body at the end)
                found.append(Token(TEXT, source[len(tag):], text=source[len(tag):]))
        elif kind == COMMENT and source.startswith("<![") and ">" in source[:-1]:
            # A browser ends `<![CDATA[…` (outside SVG and MathML) at the first ">": the rest is HTML again.
            cut = source.index(">") + 1
            found.append(Token(COMMENT, source[:cut], text=source[2:cut - 1]))
            found.extend(parsed(source[cut:]))
        elif kind == COMMENT and source.startswith("<!--") and _comment_end(source) < len(source):
            # A browser ends a comment at "--!>" too, and reads "<!-->" and "<!--->" as empty comments.
            cut = _comment_end(source)
            found.append(Token(COMMENT, source[:cut], text=source[4:max(4, cut - 3 - source.endswith("!>", 0, cut))]))
            found.extend(parsed(source[cut:]))
        elif kind == TEXT and document.startswith(("<!", "<?"), start) and not (
                found and found[-1].kind == START and found[-1].name in _RAW_TEXT):
            # A comment the parser gave back as text (never closed, "<!-->", a bogus one at the end): a
            # browser reads a comment, to its end, to the first ">" (a bogus one) or to the end of the document.
            rest = document[start:]
            if rest.startswith("<!--"):
                cut = _comment_end(rest)
                inside = rest[4:max(4, cut - 3)] if cut < len(rest) else rest[4:]
            else:
                cut = rest.find(">") + 1 or len(rest)
                inside = rest[2:cut - 1] if rest[cut - 1] == ">" else rest[2:]
            found.append(Token(COMMENT, rest[:cut], text=inside))
            found.extend(parsed(rest[cut:]))
            break
        else:
            found.append(Token(kind, source, name, attrs, text, self_closing))
    return found


def _comment_end(source: str) -> int:
    """Where a browser ends the comment `source` starts with (its length when it never ends)."""
    if source.startswith(("<!-->", "<!--->")):
        return source.index(">") + 1
    ends = [at + len(mark) for mark in ("-->", "--!>") if (at := source.find(mark, 4)) >= 0]
    return min(ends) if ends else len(source)


def first_start_tag(document: str, name: str) -> tuple[int, Token] | None:
    """Where the first start tag `name` (lower case) of `document` starts, and its token; None when
    it has none. Reads only as far as needed (a page's `<head>` is near its top): the parser is fed
    the document a piece at a time, as it allows, and a tag it reports is final."""
    if re.search("<" + name, document, re.I) is None:
        return None
    reader = _Reader(document)
    at, step = 0, 256  # a page's <head> comes in its first few hundred characters
    while at < len(document):
        reader.feed(document[at:at + step])
        at, step = at + step, step * 2
        for start, kind, found, attrs, _text, self_closing, tag in reader.events:
            if kind == START and found == name:
                return start, Token(START, tag, found, attrs, "", self_closing)
        reader.events.clear()
    return None
