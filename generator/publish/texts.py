"""What the feeds and the calendars share: text they can carry, Markdown as plain text, and the
absolute address of a page. Nothing here reads files or prints.
"""

from __future__ import annotations

import html
import re

from ..records import schema
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
    rendered = re.sub(r"</(p|li|h\d|blockquote|tr|pre)>|<br\s*/?>", "\n", rendered)
    text = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def base(base_url: str) -> str:
    """The site's address, ending with a slash."""
    return base_url if base_url.endswith("/") else base_url + "/"


def page(base_url: str, lang: str, section: str, record_id: str | None = None) -> str:
    """The absolute address of a page of the site in `lang`."""
    return base(base_url) + schema.language_folder(lang) + page_url(section, record_id)
