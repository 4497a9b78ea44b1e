"""Read the tables of a built page as a person would: caption, header cells, and rows of cell text."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Table:
    caption: str = ""
    head: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    foot: list[list[str]] = field(default_factory=list)
    attrs: dict = field(default_factory=dict)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[Table] = []
        self._stack: list[Table] = []
        self._section = "body"
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            table = Table(attrs=attrs)
            self.tables.append(table)
            self._stack.append(table)
        elif not self._stack:
            return
        elif tag in ("thead", "tbody", "tfoot"):
            self._section = tag[1:]
        elif tag == "caption":
            self._caption = []
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
        elif tag in ("svg", "style", "script"):
            self._hidden += 1

    def handle_endtag(self, tag):
        if not self._stack:
            return
        table = self._stack[-1]
        if tag in ("svg", "style", "script"):
            self._hidden -= 1
        elif tag == "caption" and self._caption is not None:
            table.caption = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._section == "head":
                table.head = self._row
            elif self._section == "foot":
                table.foot.append(self._row)
            else:
                table.rows.append(self._row)
            self._row = None
        elif tag in ("thead", "tbody", "tfoot"):
            self._section = "body"
        elif tag == "table":
            self._stack.pop()

    def handle_data(self, data):
        if self._hidden:
            return
        if self._cell is not None:
            self._cell.append(data)
        elif self._caption is not None:
            self._caption.append(data)


def tables(html: str) -> list[Table]:
    parser = _Parser()
    parser.feed(html)
    return parser.tables


def table(html: str, caption_start: str) -> Table:
    found = [t for t in tables(html) if t.caption.startswith(caption_start)]
    assert len(found) == 1, f"{len(found)} tables whose caption starts with {caption_start!r}: {[t.caption for t in tables(html)]}"
    return found[0]
