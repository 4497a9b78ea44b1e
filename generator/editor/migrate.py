"""migrate-members: member files rewritten so that no named member carries a group or a workshop.

Member files used to give each member's group (`category`: an age group, a nationality group) and
workshop beside their name, which the pages never showed and the public repository must not hold.
`migrate(data_dir)` rewrites every file of `data/members/` that still has them: the per-person
fields are taken out of each member, and the list's counts written in their place, once, as the
list's `composition` (members per group, in the order the groups first appear) and
`workshop_counts` (members per workshop; a member without a workshop is counted in none). So the
pages and the open data show the same numbers from the counts (nothing lost: tests/test_migrate.py).

The file is edited as text, line by line, so that its comments and layout stay: a field on its own
line is removed with its line; a member's first field (after "- ") gives its place to the next one;
a member written on one line (`- {display_name: …, category: …}`) loses the field inside the braces.
The result is read again and must hold exactly the old values without those fields, plus the
counts; otherwise the file is left as it was and the problem said (edit it by hand).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..records import schema
from ..records.catalogue import _
from ..records.load import Document, load_file, load_text
from ..records.problems import Problem, relative

FORMER = schema.MEMBER_FORMER_FIELDS


@dataclass
class Result:
    """What the migration did: the files rewritten (or to rewrite, with `write=False`), each with the
    counts written, and the files it could not rewrite."""

    rewritten: dict[Path, tuple[Counter[str], Counter[str]]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def migrate(data_dir: Path, root: Path | None = None, *, write: bool = True) -> Result:
    """Rewrite every member file of `data_dir` that still gives a member's group or workshop."""
    root = root or Path.cwd()
    result = Result()
    folder = data_dir / "members"
    if not folder.is_dir() or folder.is_symlink():
        return result
    for file in sorted(folder.glob("*.yml")):
        if file.is_symlink():
            continue  # check refuses it; nothing is followed
        shown = relative(file, root)
        doc, problems = load_file(file, shown)
        if doc is None:
            result.problems += problems
            continue
        members = doc.value.get("members")
        if not isinstance(members, list) or not any(isinstance(m, dict) and set(m) & set(FORMER) for m in members):
            continue
        text, counts, problem = rewrite(doc)
        if problem is not None:
            result.problems.append(problem)
            continue
        result.rewritten[file] = counts
        if write:
            file.write_bytes(text.encode("utf-8"))
    return result


def counts_of(members: list) -> tuple[Counter[str], Counter[str]]:
    """Members per group and per workshop, in the order each first appears (a Counter keeps it)."""
    groups: Counter[str] = Counter()
    workshops: Counter[str] = Counter()
    for member in members:
        if isinstance(member, dict):
            if isinstance(member.get("category"), str):
                groups[member["category"]] += 1
            if isinstance(member.get("workshop"), str):
                workshops[member["workshop"]] += 1
    return groups, workshops


def rewrite(doc: Document) -> tuple[str, tuple[Counter[str], Counter[str]], Problem | None]:
    """The file of `doc` without its members' groups and workshops, with the list's counts."""
    members = doc.value["members"]
    groups, workshops = counts_of(members)
    refused = Problem(doc.path, *doc.key_positions.get(("members",), (1, 1)), "members", _("migrate_members_by_hand"))
    if any(key in doc.value for key in ("composition", "workshop_counts")):
        where = doc.key_positions.get(("composition",)) or doc.key_positions.get(("workshop_counts",)) or (1, 1)
        return doc.text, (groups, workshops), Problem(doc.path, *where, "", _("migrate_members_counts_already_there"))
    newline = "\r\n" if "\r\n" in doc.text else "\n"
    lines = doc.text.splitlines(keepends=True)
    removed: set[int] = set()  # 0-based lines taken out
    for i, member in enumerate(members):
        if not isinstance(member, dict) or not set(member) & set(FORMER):
            continue
        start_line, start_col = doc.positions[("members", i)]
        row = lines[start_line - 1]
        if row[start_col - 1:start_col] == "{":  # written on one line, in braces
            for key in FORMER:
                if key in member:
                    row = re.sub(rf"(?<=[{{,])\s*{key}\s*:\s*[^,}}]*,\s*", " ", row, count=1)
                    row = re.sub(rf",\s*{key}\s*:\s*[^,}}]*(?=}})", "", row, count=1)
            lines[start_line - 1] = row.replace("{ ", "{", 1)
            continue
        keys = {key: doc.key_positions[("members", i, key)] for key in member}
        drop = [key for key in member if key in FORMER]
        for key in drop:
            line, _col = keys[key]
            if doc.positions[("members", i, key)][0] != line:
                return doc.text, (groups, workshops), refused  # a value on another line than its key
        kept = sorted((position, key) for key, position in keys.items() if key not in FORMER)
        if not kept:
            return doc.text, (groups, workshops), refused
        first_line = start_line
        for key in drop:
            line, col = keys[key]
            if line == first_line:  # the member's first field, after "- ": the next kept field moves up
                (next_line, next_col), _key = kept[0]
                if next_line == line:
                    return doc.text, (groups, workshops), refused
                lines[line - 1] = lines[line - 1][:col - 1] + lines[next_line - 1][next_col - 1:]
                removed.add(next_line - 1)
            else:
                if lines[line - 1][:col - 1].strip():
                    return doc.text, (groups, workshops), refused  # another field on the same line
                removed.add(line - 1)
    body = [line for n, line in enumerate(lines) if n not in removed]
    block = _counts_block(doc, groups, workshops, newline)
    members_line = doc.key_positions[("members",)][0]
    after = [line for path, (line, _c) in doc.key_positions.items() if len(path) == 1 and line > members_line]
    at = min(after) - 1 if after else len(lines)
    at -= sum(1 for n in removed if n < at)
    if body and not body[-1].endswith(("\n", "\r")):
        body[-1] += newline
    text = "".join(body[:at] + block + body[at:])
    return text, (groups, workshops), refused if _verify(doc, text, groups, workshops) else None


def _counts_block(doc: Document, groups: Counter[str], workshops: Counter[str], newline: str) -> list[str]:
    """`composition:` and `workshop_counts:` lines, their items indented as the file's members are."""
    line, col = doc.positions[("members", 0)]
    row = doc.text.splitlines()[line - 1]
    dash = row.find("-")
    indent = " " * dash if 0 <= dash < col else "  "
    lines: list[str] = []
    if groups:
        lines.append(f"composition:{newline}")
        for category, count in groups.items():
            lines += [f"{indent}- category: {category}{newline}", f"{indent}  count: {count}{newline}"]
    if workshops:
        lines.append(f"workshop_counts:{newline}")
        for workshop, count in workshops.items():
            lines += [f"{indent}- workshop: {workshop}{newline}", f"{indent}  count: {count}{newline}"]
    return lines


def _verify(doc: Document, text: str, groups: Counter[str], workshops: Counter[str]) -> bool:
    """True when `text` does NOT read as the old values without the per-person fields plus the counts."""
    new, problems = load_text(text.encode("utf-8"), doc.path)
    if new is None or problems:
        return True
    expected = dict(doc.value)
    expected["members"] = [{k: v for k, v in m.items() if k not in FORMER} if isinstance(m, dict) else m
                           for m in doc.value["members"]]
    if groups:
        expected["composition"] = [{"category": c, "count": str(n)} for c, n in groups.items()]
    if workshops:
        expected["workshop_counts"] = [{"workshop": w, "count": str(n)} for w, n in workshops.items()]
    return new.value != expected
