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
- one apostrophe, the typographic one (’).

English:
- no space before « : », « ; », « ! », « ? » and « % » (except in a text with French letters or
  quotation marks: a French passage left unmarked, such as a source's title, keeps its spacing);
- the typographic apostrophe (’), as in the records; a straight quote that opens a quotation: ‘.

Only spaces already there are changed (except inside « … », where the space is required): a colon
with no space before it is left alone, so times, ratios and addresses written in text stay intact.
"""

from __future__ import annotations

import re
from collections.abc import Callable

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


def looks_french(value: str) -> bool:
    """Whether a text of unknown language (a source's title) shows French signs: accented letters,
    French quotation marks, or a space before « : ; ! ? »."""
    return bool(FRENCH_SIGNS.search(value) or _BEFORE_PUNCT.search(value))


def english(value: str) -> str:
    value = _apostrophes(value)
    if (":" in value or ";" in value or "!" in value or "?" in value) and not FRENCH_SIGNS.search(value):
        value = _EN_BEFORE_PUNCT.sub("", value)
    if "%" in value:
        value = _EN_BEFORE_PERCENT.sub("", value)
    return value


RULES: dict[str, Callable[[str], str]] = {"fr": french, "en": english}


def text(value: str, lang: str) -> str:
    """Plain text (a title, a description) set in `lang`."""
    return RULES.get(lang, _unchanged)(value)


def _unchanged(value: str) -> str:
    return value


#: Text inside these elements is code or data: never touched.
_VERBATIM = ("code", "pre", "kbd", "samp", "script", "style", "textarea")
_LANG = re.compile(r"""\slang\s*=\s*["']?([a-zA-Z]+)""")


def _name(tag: str) -> str:
    """The element name of a start tag's inside ('span lang="fr"' -> 'span')."""
    end = len(tag)
    for stop in (" ", "\n", "\t", "/"):
        found = tag.find(stop)
        if 0 <= found < end:
            end = found
    return tag[:end].lower()


def html(fragment: str, lang: str) -> str:
    """An HTML fragment whose text is set in `lang` (or in the language its elements declare).

    Text inside a verbatim element (code, scripts) is left as it is; inside an element with a
    `lang` attribute, that language's rules apply; tags and attributes are never changed. The
    fragment is assumed well-formed, as the generator's templates and the Markdown sanitizer make
    it (no « < » or « > » outside tags: text and attribute values are escaped).

    Speed matters (every page of a 10,000-recommendation site passes here), so the fragment is cut
    at each « < » and only the few elements that change the rules are tracked.
    """
    rules: Callable[[str], str] | None = RULES.get(lang, _unchanged)
    pieces = fragment.split("<")
    out = [rules(pieces[0]) if rules else pieces[0]]
    # The open elements that change the rules: [name, rules (None: verbatim), same-name depth].
    stack: list[list] = []
    for piece in pieces[1:]:
        close = piece.find(">")
        tag = piece[:close]
        if tag.startswith("/"):
            if stack and tag[1:].strip().lower() == stack[-1][0]:
                if stack[-1][2]:
                    stack[-1][2] -= 1
                else:
                    stack.pop()
                    rules = stack[-1][1] if stack else RULES.get(lang, _unchanged)
        elif stack and _name(tag) == stack[-1][0]:
            stack[-1][2] += 1
        elif tag.startswith(_VERBATIM) and _name(tag) in _VERBATIM and not tag.endswith("/"):
            stack.append([_name(tag), None, 0])
            rules = None
        elif rules is not None and "lang" in tag and not tag.endswith("/"):
            declared = _LANG.search(tag)
            if declared:
                stack.append([_name(tag), RULES.get(declared.group(1).lower(), _unchanged), 0])
                rules = stack[-1][1]
        # A piece whose text the rules leave as it is (most of them) is kept whole (a piece without
        # ">", which a well-formed fragment does not have, is read as the tag, then the whole piece).
        text = piece[close + 1:]
        if rules is not None and text and not text.isspace():
            changed = rules(text)
            if changed != text or close < 0:
                piece = f"{tag}>{changed}"
        elif close < 0:
            piece = f"{tag}>{text}"
        out.append(piece)
    return "<".join(out)
