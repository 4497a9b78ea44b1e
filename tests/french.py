"""The French of the expected editor messages, written as the catalogues write it.

`check` speaks French to editors with French typography on the message's own words
(generator/records/catalogue.py): a no-break space before : ; ? ! » and after «, and the apostrophe ’.
The tests write what they expect as the catalogues do, with ordinary spaces and straight apostrophes,
and `french()` sets it. A value an editor wrote is never set by `check`: where one holds an apostrophe
or a colon after a space, a test puts it in after `french()`.
"""

from __future__ import annotations

import re


def french(text: str) -> str:
    """`text` with French typography, as `check` prints its French messages."""
    text = re.sub(r"(?<=\w)'(?=\w)", "\u2019", text)
    return re.sub(r" ([:;?!»])", "\u00a0\\1", text).replace("« ", "«\u00a0")
