"""Spreadsheet cells: what a spreadsheet must never run as a formula.

Shared by the open data tables (generator/publish/exports/) and the follow-up sheets
(generator/editor/sheets/), for their CSV files.

A spreadsheet opening a CSV file splits each line at the separator of its locale, which need not be
the file's: a French one splits the open data's comma-separated files at `;`, an English one splits
the follow-up sheet's `;`-separated file at `,`, and either may be set to the tab or `|`; where the
quotes of the file no longer match its split, a line end inside a quoted cell ends a row. So a
formula can start at the beginning of any *piece* of a cell, not only at its first character: every
place after `,` `;` tab `|` or a line end is a start, as is the cell's first character. Quoting the
cells does not prevent it (LibreOffice splits `a,"x;=1+2",b` at `;` and runs `=1+2`).

The rule (`neutralize`): at each start, when what follows is any apostrophes, then spaces or double
quotes (which a spreadsheet may trim or take as the opening of a quoted cell), then a formula trigger
(`FORMULA_TRIGGERS`), one apostrophe is inserted at the start. The apostrophe shows in the
spreadsheet as text and stops the formula (measured with LibreOffice, tests/test_csv_formulas.py).
Nothing else changes. It is exactly reversible (`restore`): at each start, when what follows is one
or more apostrophes, then spaces or double quotes, then a trigger, one apostrophe is removed. A text
that already had an apostrophe there gets one more, so that reading back gives it unchanged.
"""

from __future__ import annotations

import re

#: What makes a spreadsheet read a cell as a formula (or as the start of one): = + - @, their
#: full-width forms (which input methods type and some spreadsheets read as the ASCII ones), a tab
#: and a carriage return.
FORMULA_TRIGGERS = "=+-@\t\r\uff1d\uff0b\uff0d\uff20"
#: Kept for the callers that test a cell's first character.
FORMULA_STARTS = tuple(FORMULA_TRIGGERS)
#: What a spreadsheet of some locale may split a line at, and the line ends: a piece of a cell
#: starts after each of them.
PIECE_SEPARATORS = ",;\t|\n\r"

_BEFORE_TRIGGER = r"[^\S\t\r\n]|\""  # spaces of any kind (not the separators tab, CR, LF) and double quotes
_START = rf"(?:(?<=[{re.escape(PIECE_SEPARATORS)}])|^)"
_TO_NEUTRALIZE = re.compile(rf"{_START}(?='*(?:{_BEFORE_TRIGGER})*[{re.escape(FORMULA_TRIGGERS)}])")
_TO_RESTORE = re.compile(rf"{_START}'(?='*(?:{_BEFORE_TRIGGER})*[{re.escape(FORMULA_TRIGGERS)}])")


def neutralize(text: str) -> str:
    """A CSV cell no spreadsheet will run as a formula, whatever separator it splits it at: an
    apostrophe at each start of a piece that a formula could begin (see the module's docstring)."""
    return _TO_NEUTRALIZE.sub("'", text)


def restore(text: str) -> str:
    """The text `neutralize` was given: `restore(neutralize(t)) == t` for every text."""
    return _TO_RESTORE.sub("", text)
