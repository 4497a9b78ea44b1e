"""Spreadsheet cells: what a spreadsheet must never run as a formula.

Shared by the open data tables (generator/publish/exports/) and the follow-up sheets (generator/editor/sheets/):
a text that starts like a formula is published with a leading apostrophe, so that opening a CSV
file in a spreadsheet shows the text instead of running it.
"""

from __future__ import annotations

#: What makes a spreadsheet read a cell as a formula (or as the start of one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(text: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula: a leading apostrophe when needed."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
