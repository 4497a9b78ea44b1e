"""Markup (generator/records/markup.py): the converter passes over the inline patterns a text
cannot match, and gives the HTML Python-Markdown gives."""

from __future__ import annotations

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.records import markup

#: Pieces of Markdown that each inline pattern (the core's and smarty's) matches, and near misses.
TOKENS = [
    "word", "mot", " ", "  ", "\n", "\n\n", "  \n", "*", "**", "_", "__", "`", "``", "\\", "\\*", "\\`", "[", "]",
    "(", ")", "![", "[a](b)", "[a][r]", "[r]: /x", "![i](j.png)", "<", ">", "<https://a.fr/b>", "<a@b.fr>",
    "<b>", "</b>", "<!-- c -->", "&", "&amp;", "&#8212;", "&nbsp;", "-", "--", "---", ".", "...", "....", "'",
    '"', "'s", "'90s", "«", "»", "’", "—", "–", "1.", "- ", "* ", "> ", "#", "|", "| a | b |\n|---|---|",
    "l’été", "é", "\t", "0", "s",
]

markdown_like = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)


def _plain(text: str) -> str:
    converter = markdown.Markdown(extensions=["tables", "sane_lists", "smarty"], output_format="html")
    return converter.convert(text)


def _fast(text: str) -> str:
    converter = markup._converter()
    converter.reset()
    return converter.convert(text)


def test_every_inline_pattern_is_listed_with_what_it_needs() -> None:
    """With this version of Markdown every pattern is passed over when it cannot match (a pattern
    that is not listed is always tried: right, but slower)."""
    converter = markup._converter()
    expressions = {pattern.compiled_re.pattern for name in ("inline", "smarty")
                   for pattern in converter.treeprocessors[name].inlinePatterns}
    assert expressions == set(markup._NEEDS)


@settings(max_examples=1500, deadline=None)
@given(markdown_like)
def test_the_converter_gives_python_markdown_s_html(text: str) -> None:
    assert _fast(text) == _plain(text)


def test_each_pattern_still_applies() -> None:
    for text in TOKENS + ["*a* **b** _c_ `d` \\* [e](f) ![g](h) <https://i.fr> <j@k.fr> <b>l</b> &amp; m  \nn",
                          "«\u00a0o\u00a0» 'p' \"q\" r--s t---u v... 'w'", "x'", "'90s", "y -- z"]:
        assert _fast(text) == _plain(text), text
