"""Ledger: which follow-up entries of a recommendation are in effect, once corrections are applied.

A follow-up entry is never edited (generator/records/history.py refuses it). A mistake is corrected
by another entry whose `corrects:` names the entry it replaces, by that entry's date and assessor,
and says when and why. Reading `follow_up:` in order, every entry is in effect until a later entry
corrects it; a correction names the entry in effect for that date and assessor — the original, or
its latest correction — so a correction can itself be corrected. Everything that counts or shows
the follow-up (the state, the calendar, the tables, the feeds, the open data) reads the entries in
effect; the pages show the corrected ones too, marked.

`ledger(entries)` does the reading; validate's rules report what it could not resolve. Nothing
here reads files or prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from .schema import FollowUpEntry


def key(entry: FollowUpEntry) -> tuple[date, str]:
    """What names an entry: its date and its assessor (one assessor gives one assessment a day)."""
    return entry.date, entry.assessor


def target(entry: FollowUpEntry) -> tuple[date, str] | None:
    """The name of the entry that `entry` corrects, None when it corrects none."""
    if entry.corrects is None:
        return None
    return entry.corrects.entry_date, entry.corrects.entry_assessor or entry.assessor


@dataclass(frozen=True)
class Ledger:
    entries: tuple[FollowUpEntry, ...]
    #: Positions (from 0) of the entries in effect, oldest first (by date, then by position).
    in_effect: tuple[int, ...]
    #: A corrected entry's position -> the position of the entry that corrects it.
    corrected_by: dict[int, int] = field(default_factory=dict)
    #: A correction's position -> the position of the entry it corrects.
    corrects: dict[int, int] = field(default_factory=dict)
    #: Positions of corrections that name no earlier entry in effect (validate reports them).
    unresolved: tuple[int, ...] = ()

    def effective(self, until: date | None = None) -> list[FollowUpEntry]:
        """The entries in effect, oldest first; with `until`, those dated on or before it."""
        return [self.entries[i] for i in self.in_effect if until is None or self.entries[i].date <= until]


def ledger(entries: Sequence[FollowUpEntry]) -> Ledger:
    entries = tuple(entries)
    current: dict[tuple[date, str], list[int]] = {}  # entries in effect so far, by name
    corrected_by: dict[int, int] = {}
    corrects: dict[int, int] = {}
    unresolved: list[int] = []
    for position, entry in enumerate(entries):
        named = target(entry)
        if named is not None:
            candidates = current.get(named)
            if candidates:
                replaced = candidates.pop()
                corrected_by[replaced] = position
                corrects[position] = replaced
            else:
                unresolved.append(position)
        current.setdefault(key(entry), []).append(position)
    in_effect = sorted((i for i in range(len(entries)) if i not in corrected_by), key=lambda i: (entries[i].date, i))
    return Ledger(entries, tuple(in_effect), corrected_by, corrects, tuple(unresolved))
