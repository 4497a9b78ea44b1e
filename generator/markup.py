"""Markup: editors' Markdown -> safe HTML.

Editors write Markdown in records and pages. It is rendered with Python-Markdown, then cleaned with
nh3 (the Ammonia sanitizer) against an allow-list: no script or style, no event handler (not even
through `attr_list`), no `javascript:` or `data:` URLs, no HTML comments. What comes out can be
placed in a page as it is. Template syntax such as `{{ 7*7 }}` is plain text here and stays so.
"""

from __future__ import annotations

from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

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


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=["tables", "sane_lists", "smarty"], output_format="html")


def clean(html: str) -> str:
    """Sanitize HTML against the allow-list."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
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
