"""Typography: French and English as a careful editor writes them, applied in one place.

Every page body the renderer produces (the site's own sentences, record text, hand-written pages)
and every page title and description pass through `html()` or `text()` once, in
`render.Renderer.page`. Nothing else needs to think about spaces and apostrophes.

`html(fragment, lang)` rewrites only the text between tags: never a tag, an attribute (URLs live
there), nor what is inside `code`, `pre`, `kbd`, `samp`, `script`, `style` or `textarea`. An element's
`lang` attribute switches the rules for the text inside it, so a French passage in an English page is
set the French way, and the other way round. `text(value, lang)` applies the same rules to plain
text. Both are idempotent: a second pass changes nothing.

French (Imprimerie nationale's rules, as paris.fr applies them):
- a non-breaking space (U+00A0) before « : » and inside « … »;
- a narrow non-breaking space (U+202F) before « ; », « ! » and « ? », before « % », and between
  groups of thousands (« 3 000 »); a non-breaking space before « € » and after « n° »;
- one apostrophe, the typographic one (’);
- quotation marks « … », and “ … ” for a quotation inside a quotation: what an editor typed as
  "…" (which Markdown's smarty extension turns into “…”, as English writes it, and a template
  shows as is) becomes « … » in French text. A quotation mark pairs with the next one that can
  close it, in the same paragraph, across inline tags (`"<em>mot</em>"`); one that pairs with none
  (an inch sign, a typo) is left as it was typed. A straight quote opens after a space, a bracket or
  the start of a text, and closes before a space, punctuation or the end; between two letters or
  two spaces it does neither. The YAML keeps what was typed: only the page changes.

English:
- no space before « : », « ; », « ! », « ? » and « % » (except in a text with French letters or
  quotation marks: a French passage left unmarked, such as a source's title, keeps its spacing);
- the typographic apostrophe (’), as in the records; a straight quote that opens a quotation: ‘;
- quotation marks as Markdown's smarty extension sets them (“…”): left as they are.

Only spaces already there are changed (except inside « … », where the space is required): a colon
with no space before it is left alone, so times, ratios and addresses written in text stay intact.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..records.html_tokens import attributes, markup

NBSP = "\u00a0"
NNBSP = "\u202f"


#: Spaces a writer may have typed (ordinary, tab, line break) or that a template produced.
_S = "[ \t\r\n\u00a0\u202f]"
# Each rule runs only on a text that holds its character (a test in C, much cheaper than a regular
# expression): most text nodes of a page hold none of them.
_BEFORE_PUNCT = re.compile(rf"{_S}+(?=[:;!?])")
_AFTER_OPEN = re.compile(rf"«{_S}*")
_BEFORE_CLOSE = re.compile(rf"{_S}*»")
_BEFORE_UNIT = re.compile(rf"(?<=\d){_S}+(?=%|(?:[kM]|Md) ?€|€)")
_AFTER_NUMBER_SIGN = re.compile(rf"(?<=\b[nN]°){_S}+(?=\d)")
_DIGIT_GAP = re.compile(r"\d[ \u00a0\u202f]\d")
#: Groups of thousands, not « en 2021 100 membres »: one to three digits first.
_THOUSANDS = re.compile(r"(?<![\d.,])(?<!\d )(?<!\d\u00a0)(?<!\d\u202f)\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)")
_GROUP_SPACE = re.compile(_S)
_EN_BEFORE_PUNCT = re.compile(rf"(?<=\S){_S}+(?=[:;!?](?:\s|$))")
_EN_BEFORE_PERCENT = re.compile(rf"(?<=\d){_S}+(?=%)")


_OPENING_QUOTE = re.compile(r"(?<=[\s(\[«“])'")


def _apostrophes(value: str) -> str:
    """One apostrophe, ’; a straight single quote after a space or a bracket opens a quotation: ‘."""
    if "&" in value:
        value = value.replace("&#39;", "'").replace("&#x27;", "'").replace("&apos;", "'")
    if "'" in value:
        value = _OPENING_QUOTE.sub("‘", value).replace("'", "’")
    return value


def _french_space(match: re.Match[str]) -> str:
    # Before « : » a non-breaking space; before « ; ! ? » a narrow one.
    following = match.string[match.end()]
    return NBSP if following == ":" else NNBSP


def _unit_space(match: re.Match[str]) -> str:
    return NNBSP if match.string[match.end()] == "%" else NBSP


def french(value: str) -> str:
    value = _apostrophes(value)
    if ":" in value or ";" in value or "!" in value or "?" in value:
        value = _BEFORE_PUNCT.sub(_french_space, value)
    if "«" in value:
        value = _AFTER_OPEN.sub("«" + NBSP, value)
    if "»" in value:
        value = _BEFORE_CLOSE.sub(NBSP + "»", value)
    if "%" in value or "€" in value:
        value = _BEFORE_UNIT.sub(_unit_space, value)
    if "°" in value:
        value = _AFTER_NUMBER_SIGN.sub(NBSP, value)
    if _DIGIT_GAP.search(value):
        value = _THOUSANDS.sub(lambda match: _GROUP_SPACE.sub(NNBSP, match.group(0)), value)
    return value


#: Signs of French text: a French passage left unmarked in an English page keeps its spacing.
FRENCH_SIGNS = re.compile(r"[«»àâçéèêëîïôœùûüÀÂÇÉÈÊÎÔŒÙÛ]")


#: Little words that only one of the two languages uses (a word both use, « on », « a », is in neither).
_FRENCH_WORDS = frozenset("le la les un une des du de d l au aux et ou pour sur dans avec par en à qui que est sont".split())
_ENGLISH_WORDS = frozenset("the of and to for in with an is are by at from your its this that how what".split())
_WORD = re.compile(r"[a-zà-ÿœ]+")


def looks_french(value: str) -> bool:
    """Whether a text of unknown language (a source's title, a link's text) reads as French: more of
    French's little words than of English's, and French signs (accented letters, French quotation
    marks, a space before « : ; ! ? ») or two French little words at least. « Devenir un acteur de
    la participation » is French; « the Défenseur des droits’ delegate » is English naming a French body."""
    words = _WORD.findall(value.lower())
    french = sum(word in _FRENCH_WORDS for word in words)
    if sum(word in _ENGLISH_WORDS for word in words) > french:
        return False
    return french >= 2 or bool(FRENCH_SIGNS.search(value) or _BEFORE_PUNCT.search(value))


def english(value: str) -> str:
    value = _apostrophes(value)
    if (":" in value or ";" in value or "!" in value or "?" in value) and not FRENCH_SIGNS.search(value):
        value = _EN_BEFORE_PUNCT.sub("", value)
    if "%" in value:
        value = _EN_BEFORE_PERCENT.sub("", value)
    return value


RULES: dict[str, Callable[[str], str]] = {"fr": french, "en": english}


# --------------------------------------------------------------------------- French quotation marks

#: A quotation mark as typed (straight, or as an entity a template or Markdown wrote), as smarty
#: sets it (“ ”), or a French one already there (« »: it counts for nesting, and stays).
_QUOTE = re.compile(r'"|&quot;|&#34;|&#x22;|“|”|&ldquo;|&rdquo;|&#8220;|&#8221;|«|»')
_OPENING = frozenset(("“", "&ldquo;", "&#8220;"))
_CLOSING = frozenset(("”", "&rdquo;", "&#8221;"))
_SPACES = frozenset(" \t\r\n\u00a0\u202f")
#: What a straight quote that opens comes after, and what one that closes comes before (besides a space).
_BEFORE_OPENING = frozenset("([{«“‘—–")
_AFTER_CLOSING = frozenset(".,;:!?)]}»”’…")
OPEN, CLOSE, EITHER = 1, 2, 3


def _has_quotes(value: str) -> bool:
    return ('"' in value or "“" in value or "”" in value or "«" in value or "»" in value
            or ("&" in value and ("&quot;" in value or "&#34;" in value or "&#x22;" in value or "&ldquo;" in value
                                  or "&rdquo;" in value or "&#822" in value)))


def _straight(value: str, start: int, end: int) -> int | None:
    """Whether the straight quote at value[start:end] opens (OPEN), closes (CLOSE), may do either
    (EITHER: it stands alone between two tags), or neither (None)."""
    before = value[start - 1] if start else None
    after = value[end] if end < len(value) else None
    opens = before is None or before in _SPACES or before in _BEFORE_OPENING
    closes = after is None or after in _SPACES or after in _AFTER_CLOSING
    if opens and closes:
        if before is None and after is None:
            return EITHER
        if before is None:  # after a tag, before a space or punctuation: « <em>mot</em>" »
            return CLOSE
        if after is None:  # after a space, before a tag: « "<em>mot</em> »
            return OPEN
        return None  # between two spaces, or between a bracket and a full stop: not a quotation mark
    return OPEN if opens else CLOSE if closes else None


def french_quotes(pieces: list[str]) -> list[str]:
    """The pieces of text of one paragraph (in the order they are read, inline tags between them)
    with their quotation marks set the French way (see the module's docstring)."""
    marks: list[tuple[int, int, int, str]] = []  # (piece, start, end, what the mark is)
    for n, piece in enumerate(pieces):
        if _has_quotes(piece):
            for match in _QUOTE.finditer(piece):
                marks.append((n, match.start(), match.end(), match.group()))
    if all(mark[3] in ("«", "»") for mark in marks) and not _nested_french(marks):
        return pieces
    pairs: list[tuple[int, int, int]] = []  # (opening mark, closing mark, how many quotations around them)
    stack: list[int] = []  # the marks still open: French ones (kept) and typed ones (to pair)
    for i, (n, start, end, mark) in enumerate(marks):
        if mark == "«":
            stack.append(i)
            continue
        if mark == "»":  # closes its «, and every typed mark opened inside it that nothing closed
            while stack and marks[stack[-1]][3] != "«":
                stack.pop()
            if stack:
                opening = stack.pop()
                if stack:  # « … « … » … »: a quotation inside a quotation takes “ ”, without spaces inside
                    pairs.append((opening, i, len(stack)))
                    marks[opening] = (marks[opening][0], marks[opening][1],
                                      _skip_spaces(pieces[marks[opening][0]], marks[opening][2], 1), "«")
                    marks[i] = (n, _skip_spaces(pieces[n], start, -1), end, "»")
            continue
        kind = OPEN if mark in _OPENING else CLOSE if mark in _CLOSING else _straight(pieces[n], start, end)
        open_typed = bool(stack) and marks[stack[-1]][3] != "«"
        if kind == CLOSE or (kind == EITHER and open_typed):
            if open_typed:
                pairs.append((stack.pop(), i, len(stack)))
        elif kind in (OPEN, EITHER):
            stack.append(i)
    if not pairs:
        return pieces
    replaced: dict[int, str] = {}
    for opening, closing, depth in pairs:
        replaced[opening], replaced[closing] = ("«" + NBSP, NBSP + "»") if depth == 0 else ("“", "”")
    out = list(pieces)
    for i in sorted(replaced, reverse=True):  # from the end, so that the marks before keep their place
        n, start, end, _mark = marks[i]
        out[n] = out[n][:start] + replaced[i] + out[n][end:]
    for n in {marks[i][0] for i in replaced}:  # one no-break space inside « », whatever was typed
        out[n] = _BEFORE_CLOSE.sub(NBSP + "»", _AFTER_OPEN.sub("«" + NBSP, out[n]))
    return out


def _nested_french(marks: list[tuple[int, int, int, str]]) -> bool:
    """Whether a « opens inside another « of the same paragraph."""
    depth = 0
    for mark in marks:
        depth += 1 if mark[3] == "«" else -1 if depth else 0
        if depth > 1:
            return True
    return False


def _skip_spaces(value: str, at: int, step: int) -> int:
    """From `at`, past the spaces of `value` forwards (step 1) or backwards (step -1, from `at` - 1)."""
    if step > 0:
        while at < len(value) and value[at] in _SPACES:
            at += 1
        return at
    while at > 0 and value[at - 1] in _SPACES:
        at -= 1
    return at


def text(value: str, lang: str) -> str:
    """Plain text (a title, a description) set in `lang`."""
    value = RULES.get(lang, _unchanged)(value)
    return french_quotes([value])[0] if lang == "fr" and _has_quotes(value) else value


def _unchanged(value: str) -> str:
    return value


#: Text inside these elements is code or data: never touched.
_VERBATIM = ("code", "pre", "kbd", "samp", "script", "style", "textarea")
#: Elements that end a paragraph: quotation marks pair within one (inline elements, links and
#: emphasis, do not end it: « "<em>mot</em>" » is one quotation).
_BLOCKS = frozenset({"p", "li", "div", "td", "th", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
                     "caption", "blockquote", "section", "article", "aside", "header", "footer", "nav", "main", "ul",
                     "ol", "dl", "figure", "figcaption", "details", "summary", "form", "fieldset", "legend", "label",
                     "button", "option", "select", "title", "hr", "body", "html", "head"})
_VERBATIM_TAGS = tuple("<" + name for name in _VERBATIM)
#: Elements that have no content (a `lang` on them changes no text).
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


def _declared(value: str | None) -> str | None:
    """The language a `lang` attribute's value names ('fr-FR' -> 'fr'); None when it names none."""
    primary = (value or "").split("-", 1)[0].strip().lower()
    return primary if primary.isalpha() and primary.isascii() else None


def html(fragment: str, lang: str) -> str:
    """An HTML fragment whose text is set in `lang` (or in the language its elements declare).

    Text inside a verbatim element (code, scripts) is left as it is; inside an element with a
    `lang` attribute, that language's rules apply; tags, attributes and comments are never changed.
    The fragment is read as a browser reads it (records/html_tokens.py).

    Speed matters (every page of a 10,000-recommendation site passes here): the fragment is cut at
    its markup (`html_tokens.markup`), each element's name is read only when it may matter, and only
    the few elements that change the rules are tracked.
    """
    rules: Callable[[str], str] | None = RULES.get(lang, _unchanged)
    out, names = markup(fragment)
    if rules is not None and out[0] and not out[0].isspace():
        out[0] = rules(out[0])
    # The French text of the paragraph being read that holds quotation marks: (index in `out`, 0),
    # set together when the paragraph ends (`french_quotes`).
    run: list[tuple[int, int]] = [(0, 0)] if rules is french and _has_quotes(out[0]) else []
    # The open elements that change the rules: [name, rules (None: verbatim), same-name depth].
    stack: list[list] = []
    for at in range(1, len(out), 2):
        tag = out[at]
        # Most tags change nothing: a verbatim element's starts with its name in lower case, a `lang`
        # is written in lower case; a tag written with capitals anywhere is looked at closely.
        if run or stack or tag.startswith(_VERBATIM_TAGS) or (rules is not None and "lang" in tag) or not tag.islower():
            name = names[at >> 1]
            if run and name.lstrip("/") in _BLOCKS:
                _set_quotes(out, run)
                run = []
            if name.startswith("/"):
                if stack and name[1:] == stack[-1][0]:
                    if stack[-1][2]:
                        stack[-1][2] -= 1
                    else:
                        stack.pop()
                        rules = stack[-1][1] if stack else RULES.get(lang, _unchanged)
            elif not name or name in _VOID:
                pass
            elif stack and name == stack[-1][0]:
                stack[-1][2] += 1
            elif name in _VERBATIM:
                stack.append([name, None, 0])
                rules = None
            elif rules is not None and "lang" in tag.lower():
                declared = _declared(dict(attributes(tag)).get("lang"))
                if declared:
                    stack.append([name, RULES.get(declared, _unchanged), 0])
                    rules = stack[-1][1]
        text = out[at + 1]
        if rules is not None and text and not text.isspace():
            changed = rules(text)
            out[at + 1] = changed
            if rules is french and _has_quotes(changed):
                run.append((at + 1, 0))
    if run:
        _set_quotes(out, run)
    return "".join(out)


def _set_quotes(out: list[str], run: list[tuple[int, int]]) -> None:
    """The quotation marks of one paragraph's French text (pieces of `out`) set the French way."""
    texts = french_quotes([out[n][start:] for n, start in run])
    for (n, start), text in zip(run, texts, strict=True):
        out[n] = out[n][:start] + text
