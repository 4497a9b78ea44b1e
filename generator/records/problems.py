"""Problems: what every stage returns instead of raising.

A `Problem` is one thing an editor must fix (an error) or should look at (a warning), located
in a file by line and column (1-based), with the dotted path of the field inside the record.
Only the command line prints problems; every other stage returns them in lists, so that one run
reports everything at once.

Two output formats share the same words:

- `text` for the terminal::

      data/recommendations/x.yml:14:13: follow_up[2].status
        "in-progress" is not a status we use. Use one of: ... Did you mean "in_progress"?

- `github` for pull requests (workflow commands that GitHub shows on the changed lines).
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .catalogue import _, editor_language, ngettext

ERROR = "error"
WARNING = "warning"

CONTRIBUTING = "CONTRIBUTING.md"


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem. `field` is a dotted path such as `follow_up[2].status` (may be empty)."""

    path: str
    line: int
    column: int
    field: str
    message: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def text(self) -> str:
        where = f"{visible(self.path)}:{self.line}:{self.column}:"
        head = f"{where} {visible(self.field)}" if self.field else where
        if self.severity == WARNING:
            head += " " + _("check_warning_tag")
        body = "\n".join("  " + line for line in self.message.splitlines())
        return f"{head}\n{body}"

    def github(self) -> str:
        # Workflow command: properties escape ',' and ':'; the message escapes newlines.
        def prop(value: str) -> str:
            return (
                value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
                .replace(":", "%3A").replace(",", "%2C")
            )

        def data(value: str) -> str:
            return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        title = visible(self.field) or "data"
        return (
            f"::{self.severity} file={prop(self.path)},line={self.line},col={self.column},"
            f"title={prop(title)}::{data(self.message)}"
        )


def visible(text: str) -> str:
    """A file name or field path as it may be shown on one line: line breaks, control and
    invisible formatting characters (bidi overrides…) written as codes, so that what an editor
    wrote can never start a line of its own or reorder the text around it. Spaces are shown as
    they are, the no-break spaces of French typography among them (`Source : titre`, a sheet's
    column in an annotation's title): Python counts every space but the ordinary one as not
    printable, and none of them can break a line or reorder text."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or unicodedata.category(c) == "Zs"
                   else ("\\n" if c == "\n" else f"\\u{ord(c):04x}") for c in text)


def field_path(parts: Sequence[str | int]) -> str:
    """`("follow_up", 2, "status")` -> `follow_up[2].status` (list items counted from 1)."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def did_you_mean(value: object, choices: Iterable[str], labels: Mapping[str, str] | None = None) -> str:
    """A ` Vouliez-vous dire « x » ?` (` Did you mean "x"?`) suffix when a choice is surely what was
    meant, else ''.

    Editors copy the suggestion, so it must never change the meaning: it is offered for a
    difference of case, hyphens or spaces, for the label readers see (`labels`: label -> value,
    e.g. "Mise en œuvre en cours" -> in_progress), or for a typo of at most two characters that
    does not add or drop a negation ("not_done" is never answered with "done").
    """
    if not isinstance(value, str):
        return ""
    choices = list(choices)
    folded = {fold(c): c for c in choices}
    for label, choice in (labels or {}).items():
        folded.setdefault(fold(label), choice)
    key = fold(value)
    if key in folded and folded[key] != value:
        return suggest(folded[key])
    if len(key) >= 4 and labels:  # part of a label: "en cours" in "Mise en œuvre en cours"
        within = {choice for label, choice in labels.items()
                  if f"_{key}_" in f"_{fold(label)}_" and negations(label) == negations(value)}
        if len(within) == 1:
            return suggest(within.pop())
    for close in difflib.get_close_matches(value, choices, n=5, cutoff=0.6):
        if distance(value.lower(), close.lower()) <= 2 and negations(value) == negations(close):
            return suggest(close)
    return ""


def suggest(choice: str) -> str:
    """The ` Vouliez-vous dire « x » ?` suffix proposing `choice`, in the editor's language."""
    return " " + _("check_did_you_mean", choice=choice)


_NEGATIONS = frozenset({"not", "non", "no", "pas", "sans", "without"})


def fold(text: str) -> str:
    """`text` as compared with a choice or a column's name: lower case, without accents, spaces,
    hyphens and apostrophes written `_` ("Mise en œuvre" → "mise_en_oeuvre")."""
    plain = unicodedata.normalize("NFKD", text.casefold().replace("œ", "oe"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return "_".join(re.split(r"[\s_\-’']+", plain.strip()))


def negations(text: str) -> frozenset[str]:
    """The negating words of `text` (not, non, pas, sans…): a suggestion must keep the same ones."""
    return frozenset(fold(text).split("_")) & _NEGATIONS


def distance(a: str, b: str) -> int:
    """Levenshtein distance (short strings only: suggestions)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def one_of(choices: Iterable[str]) -> str:
    return ", ".join(choices)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.column, p.field, p.message))


def summary(problems: Sequence[Problem], *, built: bool = False) -> str:
    """The closing line of a `check` run, e.g. « 2 problèmes dans 2 fichiers. Rien n'a été construit. »"""
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    if not errors and not warnings:
        return _("check_summary_none")
    parts = []
    if errors:
        parts.append(_("check_summary_errors", problems=ngettext("check_count_problems", "check_count_problems", len(errors)),
                       files=ngettext("check_count_files", "check_count_files", len({p.path for p in errors}))))
        if not built:
            parts.append(_("check_summary_nothing_built"))
    if warnings:
        parts.append(_("check_summary_warnings", warnings=ngettext("check_count_warnings", "check_count_warnings", len(warnings)),
                       files=ngettext("check_count_files", "check_count_files", len({p.path for p in warnings}))))
    parts.append(_("check_summary_guide", guide=guide()))
    return " ".join(parts)


def guide() -> str:
    """The editors' guide in the editor's language."""
    return CONTRIBUTING if editor_language() == "fr" else "CONTRIBUTING.en.md"


def relative(path: Path, root: Path | None = None) -> str:
    """Paths in messages are relative to the project (or to `root`), with forward slashes. A
    symbolic link is named where it is, never by what it points to."""
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root or Path.cwd())).as_posix()
    except ValueError:
        return path.as_posix()
