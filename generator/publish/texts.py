"""What the feeds and the calendars share: text they can carry, Markdown as plain text, and the
absolute address of a page. Nothing here reads files or prints.
"""

from __future__ import annotations

import html
import re

from ..records import schema
from ..records.html_tokens import markup
from ..records.markup import render_markdown
from ..records.schema import Localized
from ..site.render import page_url

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """Text XML 1.0 can carry (control characters removed)."""
    return _XML_INVALID.sub("", text)


def t(value: Localized | None, lang: str) -> str:
    """A record's text in `lang`, the French where it is not yet translated."""
    return schema.text_in(value, lang)


def plain_text(markdown_text: str) -> str:
    """Markdown as plain text: rendered and sanitized, then tags dropped and entities decoded."""
    rendered = str(render_markdown(markdown_text))  # the cached rendering the pages use
    pieces, names = markup(rendered)
    out = [_decoded(pieces[0])]
    for at in range(1, len(pieces), 2):
        if names[at >> 1] in _LINE_ENDS:
            out.append("\n")
        out.append(_decoded(pieces[at + 1]))
    text = "".join(out)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


#: The markup after which the plain text starts a new line: the end of these elements, and <br>.
_LINE_ENDS = frozenset({"/p", "/li", "/h1", "/h2", "/h3", "/h4", "/h5", "/h6", "/blockquote", "/tr", "/pre", "br"})


def _decoded(text: str) -> str:
    return html.unescape(text) if "&" in text else text


def base(base_url: str) -> str:
    """The site's address, ending with a slash."""
    return base_url if base_url.endswith("/") else base_url + "/"


def page(base_url: str, lang: str, section: str, record_id: str | None = None) -> str:
    """The absolute address of a page of the site in `lang`."""
    return base(base_url) + schema.language_folder(lang) + page_url(section, record_id)
