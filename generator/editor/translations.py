"""Translation freshness: English texts older than the French text they translate.

The translation report (contributing section) lists texts that have no English yet (from
`validate.translation_gaps`) and, with git history, texts whose French was changed after their
English: `git blame` gives the last change of each line, and a text's lines run from its value's
first line to the next located value of the file. Without git (a tarball, a fresh export) the
report says so instead of guessing. Blame costs one process per file, so it is skipped, with a
note, beyond MAX_FILES files.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from ..records.problems import field_path
from ..records.schema import Localized
from ..records.validate import Dataset, all_entries, walk

MAX_FILES = 2000


@dataclass(frozen=True)
class StaleTranslation:
    file: str
    line: int
    field: str
    french_changed: date
    english_changed: date


@dataclass(frozen=True)
class Freshness:
    available: bool
    reason: str = ""
    stale: tuple[StaleTranslation, ...] = ()


def _blame_times(file: Path, cwd: Path) -> dict[int, int]:
    """Line number -> commit time (uncommitted lines: now)."""
    done = subprocess.run(["git", "blame", "--line-porcelain", "--", str(file)], cwd=cwd,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {}
    times: dict[int, int] = {}
    current_line, current_time = 0, 0
    for row in done.stdout.splitlines():
        if row.startswith("\t"):
            times[current_line] = current_time
        elif row.startswith("committer-time "):
            current_time = int(row.split()[1])
        elif len(row) >= 40 and all(c in "0123456789abcdef" for c in row[:40]) and " " in row:
            parts = row.split()
            current_line = int(parts[2])
            if parts[0] == "0" * 40:
                current_time = int(datetime.now(UTC).timestamp())
    return times


def _changed(line: int, starts: list[int], times: dict[int, int]) -> int:
    """Last change of the text that starts at `line` (it runs until the next located value)."""
    following = [s for s in starts if s > line]
    end = following[0] if following else max(times) + 1
    return max((times.get(n, 0) for n in range(line, end)), default=0)


def _day(timestamp: int) -> date:
    return datetime.fromtimestamp(timestamp, tz=UTC).date()


def freshness(dataset: Dataset, root: Path) -> Freshness:
    if shutil.which("git") is None:
        return Freshness(False, "git is not installed")
    inside = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=root,
                            capture_output=True, text=True, check=False)
    if inside.returncode != 0:
        return Freshness(False, "no git history here")
    # git blame only the files git knows (one process per file is the cost of this report):
    # a dataset outside the repository, or new files not yet committed, have no history to compare.
    listed = subprocess.run(["git", "ls-files", "-z", "--full-name", "--", "."], cwd=root,
                            capture_output=True, text=True, check=False)
    prefix = subprocess.run(["git", "rev-parse", "--show-prefix"], cwd=root,
                            capture_output=True, text=True, check=False).stdout.strip()
    tracked = {name.removeprefix(prefix) for name in listed.stdout.split("\0") if name}
    candidates = []
    for entry in all_entries(dataset):
        if entry.doc.path not in tracked:
            continue
        pairs = [(path, value) for path, value in walk(entry.record)
                 if isinstance(value, Localized) and value.en is not None]
        if pairs:
            candidates.append((entry, pairs))
    if len(candidates) > MAX_FILES:
        return Freshness(False, f"more than {MAX_FILES} files: run git blame on the files you translate")
    stale = []
    for entry, pairs in candidates:
        times = _blame_times(root / entry.doc.path, root)
        if not times:
            continue
        starts = sorted({line for line, _ in entry.doc.positions.values()})
        for path, _value in pairs:
            fr = entry.doc.positions.get(path + ("fr",))
            en = entry.doc.positions.get(path + ("en",))
            if fr is None or en is None:
                continue
            fr_time, en_time = _changed(fr[0], starts, times), _changed(en[0], starts, times)
            if fr_time > en_time and _day(fr_time) != _day(en_time):
                stale.append(StaleTranslation(entry.doc.path, en[0], field_path(path), _day(fr_time), _day(en_time)))
    return Freshness(True, "", tuple(stale))
