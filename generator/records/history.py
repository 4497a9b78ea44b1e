"""History: a published follow-up entry is never edited or removed (`check --base REF`).

The follow-up of a recommendation is a record of what was said, on which day, by whom: a correction
is a new entry that names the entry it corrects (`corrects:`, generator/records/ledger.py), with its
source, never a rewrite of an old one (CONTRIBUTING.md, rule 3); the corrected entry stays published. This
module compares every recommendation's `follow_up:` list in the working tree with the same file at a
base revision — on a pull request, the main branch — and reports each entry of the base that is no
longer there exactly as it was, located in the working tree, with how to make the correction instead.

- Compared are the values as loaded (generator.records.load keeps every scalar as written text), so
  re-indenting, re-quoting or moving comments changes nothing; any changed value does.
- New entries may be added anywhere (an entry found late goes where its date puts it): the base's
  entries must appear in the same order, unchanged, among the working tree's.
- One change is allowed: an English text added where the entry had none (`en:` beside `fr:`),
  which is how a missing translation is filled in.
- A recommendation file renamed keeps its history under its new name: the file whose `former_ids:`
  lists the old id is compared.
- The base revision is the merge base of REF and HEAD, so that entries added on the main branch
  after a branch was started are not taken for removals.
- Only the files git reports as changed or gone since the base are read, so the check costs little
  however many records there are.

The spreadsheet import (generator/editor/sheets/) uses the same comparison twice: `check_history`
with `overrides`, the files it would write, checks the tree it would leave exactly as `check --base`
will; `at_base` and `published` tell which entries of a record are published (on the base), so that
an entry imported earlier on the same branch is replaced, never a published one.

Nothing is printed; git failures raise HistoryError, whose message says what to do.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from .catalogue import _, editor_language, ngettext
from .load import Document, load_text
from .problems import Problem, field_path, relative

FOLDER = "recommendations"
ALLOWED_ADDITION = "en"  # a translation added to a text that had only French


class HistoryError(Exception):
    """The base revision cannot be read (no git, unknown ref, shallow clone)."""


def check_history(data: Path, base: str, root: Path | None = None, *,
                  overrides: Mapping[str, str] | None = None) -> list[Problem]:
    """Problems for every follow-up entry of `base` that the working tree under `data` edited or removed.
    `root` is what message paths are relative to (default: the current folder). `overrides`: files of
    `data/recommendations/` by name (`x.yml`), read as this text instead of the working tree's (the
    files an import would write), so that the tree compared is the one that would be."""
    folder = (data / FOLDER).resolve()
    top, revision = _top_and_base(data, base)
    if not folder.is_relative_to(top):
        return []
    inside = folder.relative_to(top).as_posix()
    # Only the files that differ from the base can have lost an entry: git names them (changed or gone).
    changed = _git(top, "diff", "--name-only", "--no-renames", "--diff-filter=DMT", revision, "--", inside + "/",
                   failed=_("check_history_git_cannot_compare", folder=inside + "/", base=base))
    would_be = {f"{inside}/{name}": text for name, text in (overrides or {}).items()}
    names = sorted({name for name in changed.splitlines() if name.endswith(".yml")} | set(would_be))
    problems: list[Problem] = []
    renamed: dict[str, Document] | None = None  # every current record by id, read only if a file is gone
    for name, raw in zip(names, _read_all(top, revision, names, base), strict=True):
        shown = relative(top / name, root)
        old = load_text(raw, shown)[0] if raw is not None else None  # None: a new file
        if old is None or not _entries(old):
            continue
        file = top / name
        if name in would_be or file.exists():
            new = load_text(would_be[name].encode("utf-8") if name in would_be else file.read_bytes(), shown)[0]
            if new is not None:  # (a file that cannot be read: `check` says why)
                problems.extend(_compare(old, new, base, name))
            continue
        if renamed is None:
            renamed = _by_id(_current(folder, root).values())
        new = renamed.get(_record_id(old))
        problems.extend(_compare(old, new, base, name) if new is not None else [_file_gone(shown, old, base, name)])
    return problems


def at_base(data: Path, base: str, names: Iterable[str]) -> dict[str, Document | None]:
    """The recommendation files `names` (file names in `data/recommendations/`, `x.yml`) as they are at
    the merge base of `base` and HEAD, loaded; None for a file that is not there (or cannot be read)."""
    names = sorted(set(names))
    folder = (data / FOLDER).resolve()
    top, revision = _top_and_base(data, base)
    if not names or not folder.is_relative_to(top):
        return dict.fromkeys(names)
    inside = folder.relative_to(top).as_posix()
    found: dict[str, Document | None] = {}
    for name, raw in zip(names, _read_all(top, revision, [f"{inside}/{n}" for n in names], base), strict=True):
        found[name] = load_text(raw, f"{inside}/{name}")[0] if raw is not None else None
    return found


def published(old: Document | None, new: Document) -> set[int]:
    """The positions (from 0) of `new`'s follow-up entries that are the published entries of `old` (the
    same file at the base), as `check_history` pairs them: each unchanged (or with an English text
    added), or else edited in place (which `check_history` refuses)."""
    if old is None:
        return set()
    old_entries, new_entries = _entries(old), _entries(new)
    found: set[int] = set()
    position = 0
    for index, entry in enumerate(old_entries):
        same = next((k for k in range(position, len(new_entries)) if _same(entry, new_entries[k])), None)
        if same is None:
            same = _edited_version(entry, new_entries, position, old_entries[index + 1:])
        if same is not None:
            found.add(same)
            position = same + 1
    return found


def _record_id(doc: Document) -> str:
    return str(doc.value.get("id") or Path(doc.path).stem)


def _by_id(documents) -> dict[str, Document]:
    """Each record by its id, and by every id in its `former_ids:` (a renamed file)."""
    found: dict[str, Document] = {}
    for doc in documents:
        found[_record_id(doc)] = doc
        for former in doc.value.get("former_ids") or []:
            if isinstance(former, str):
                found.setdefault(former, doc)
    return found


# --- comparing one file -------------------------------------------------------------------------

def _compare(old: Document, new: Document, base: str, name: str) -> Iterator[Problem]:
    """`name` is the file's path in git (for the `git show` the messages suggest)."""
    old_entries = _entries(old)
    new_entries = _entries(new)
    position = 0  # the working tree's entries before this one are matched already
    for index, entry in enumerate(old_entries):
        found = next((k for k in range(position, len(new_entries)) if _same(entry, new_entries[k])), None)
        if found is not None:
            position = found + 1
            continue
        edited = _edited_version(entry, new_entries, position, old_entries[index + 1:])
        if edited is None:
            yield _removed(new, index, entry, base, name)
            continue
        yield _changed(new, edited, entry, new_entries[edited], base, name)
        position = edited + 1


def _entries(doc: Document) -> list:
    entries = doc.value.get("follow_up")
    return entries if isinstance(entries, list) else []


def _same(old: object, new: object) -> bool:
    """Equal, except that an English text may be added beside a French one that had none."""
    if isinstance(old, dict) and isinstance(new, dict):
        added = set(new) - set(old)
        if added - {ALLOWED_ADDITION} or (added and "fr" not in old) or set(old) - set(new):
            return False
        return all(_same(value, new[key]) for key, value in old.items())
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new, strict=True))
    return old == new


def _edited_version(entry: dict, new_entries: list, start: int, later_published: list) -> int | None:
    """Where the edited version of a published entry is: the next entry of the same day and assessor,
    or else the next entry, unless that one is itself a later published entry."""
    if not isinstance(entry, dict):
        return None
    for k in range(start, len(new_entries)):
        other = new_entries[k]
        if isinstance(other, dict) and (other.get("date"), other.get("assessor")) == (entry.get("date"),
                                                                                     entry.get("assessor")):
            return k
    if start < len(new_entries) and not any(_same(p, new_entries[start]) for p in later_published):
        return start
    return None


def _differences(old: object, new: object, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path inside the entry, what changed) for every difference that `_same` does not allow."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key, value in old.items():
            if key not in new:
                yield path + (key,), _("check_history_field_removed", field=field_path(path + (key,)))
            else:
                yield from _differences(value, new[key], path + (key,))
        for key in new:
            if key not in old and not (key == ALLOWED_ADDITION and "fr" in old):
                yield path + (key,), _("check_history_field_added", field=field_path(path + (key,)))
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            yield from _differences(a, b, path + (index,))
    elif old != new:
        if path:
            yield path, _("check_history_field_changed", field=field_path(path), before=_short(old), after=_short(new))
        else:
            yield path, _("check_history_entry_changed", before=_short(old), after=_short(new))


def _short(value: object) -> str:
    if isinstance(value, str):
        text = " ".join(value.split())
        return _("check_history_text", text=f"{text[:60]}…" if len(text) > 60 else text)
    if isinstance(value, list):
        return ngettext("check_history_list", "check_history_list", len(value))
    if isinstance(value, dict):
        return _("check_history_group")
    return _("check_history_empty")


# --- the messages ----------------------------------------------------------------------------------

def _how(base: str, name: str) -> str:
    """How to make a correction instead (`name`: the file's path in git)."""
    return _("check_history_how", base=base, path=name)


def _label(entry: object) -> str:
    if isinstance(entry, dict) and entry.get("date"):
        if entry.get("assessor"):
            return _("check_history_entry_of_by", date=entry["date"], assessor=entry["assessor"])
        return _("check_history_entry_of", date=entry["date"])
    return _("check_history_this_entry")


def _changed(new: Document, at: int, entry: dict, edited: object, base: str, name: str) -> Problem:
    changes = list(_differences(entry, edited))
    where = ("follow_up", at) + (changes[0][0] if changes else ())
    while where not in new.positions and len(where) > 2:
        where = where[:-1]
    line, column = new.positions.get(where, new.positions.get(("follow_up", at), (1, 1)))
    said = [text for _path, text in changes[:3]]
    if len(changes) > 3:
        said.append(ngettext("check_history_more_changes", "check_history_more_changes", len(changes) - 3))
    separator = "\u00a0; " if editor_language() == "fr" else "; "  # French sets a no-break space before ";"
    return Problem(new.path, line, column, field_path(where),
                   _("check_history_changed", entry=_label(entry), base=base, changes=separator.join(said),
                     how=_how(base, name)))


def _removed(new: Document, index: int, entry: object, base: str, name: str) -> Problem:
    line, column = new.key_positions.get(("follow_up",), (1, 1))
    return Problem(new.path, line, column, "follow_up",
                   _("check_history_removed", entry=_label(entry), number=index + 1, base=base, how=_how(base, name)))


def _file_gone(shown: str, old: Document, base: str, name: str) -> Problem:
    return Problem(shown, 1, 1, "",
                   ngettext("check_history_file_gone", "check_history_file_gone", len(_entries(old)), base=base, name=name))


# --- files and git ---------------------------------------------------------------------------------

def _current(folder: Path, root: Path | None) -> dict[str, Document]:
    found: dict[str, Document] = {}
    if not folder.is_dir():
        return found
    for file in sorted(folder.glob("*.yml")):
        shown = relative(file, root)
        doc = load_text(file.read_bytes(), shown)[0]
        if doc is not None:
            found[shown] = doc
    return found


#: A revision's suffixes that git reads after a name: `~2`, `^`, `^2` (origin/main~1).
_SUFFIXES = re.compile(r"(?:[~^][0-9]*)*\Z")
#: What git's check-ref-format refuses anywhere in a ref's name: control characters, space, ~ ^ : ? * [ \,
#: `..`, `@{`, `//`; a `-` first would be read as an option.
_NOT_IN_A_REF = re.compile(r"[\x00-\x20\x7f~^:?*\[\\]|\.\.|@\{|//|\A[-/]|/\Z|\.\Z|\A@\Z|(?:\A|/)\.|\.lock(?:/|\Z)")


def revision_name_problem(base: str) -> str | None:
    """Why `base` is not a branch, tag or commit name as git's rules write one (check-ref-format,
    names of one level allowed, a commit's hexadecimal name included, `~N` and `^N` after it), or None.
    `check --base` and the import's --base take it from the workflows (the pull request's base
    branch): refused here, it never reaches git as an option, nor a shell."""
    name = base[: _SUFFIXES.search(base).start()]  # type: ignore[union-attr]  # the empty suffix always matches
    if name and not _NOT_IN_A_REF.search(name):
        return None
    shown = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in base)[:200]
    return _("check_history_base_not_a_revision", base=shown)


def _top_and_base(data: Path, base: str) -> tuple[Path, str]:
    """The git repository holding `data`, and the merge base of `base` and HEAD in it."""
    problem = revision_name_problem(base)
    if problem is not None:
        raise HistoryError(problem)
    top = Path(_git(data.resolve(), "rev-parse", "--show-toplevel",
                    failed=_("check_history_git_no_repository")).strip()).resolve()
    return top, _base_revision(top, base)


def _base_revision(top: Path, base: str) -> str:
    _git(top, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}",
         failed=_("check_history_git_no_revision", base=base))
    return _git(top, "merge-base", base, "HEAD", failed=_("check_history_git_no_merge_base", base=base)).strip()


def _read_all(top: Path, revision: str, names: list[str], base: str) -> list[bytes | None]:
    """The files `names` at `revision`, read by one `git cat-file --batch` (one process for 10,000 files);
    None for a file that is not there."""
    if not names:
        return []
    out = _git_bytes(top, "cat-file", "--batch", failed=_("check_history_git_cannot_read_all", base=base),
                     stdin="".join(f"{revision}:{name}\n" for name in names).encode("utf-8"))
    found: list[bytes | None] = []
    at = 0
    for name in names:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        if header[-1:] == [b"missing"]:
            found.append(None)
            at = end + 1
            continue
        if len(header) != 3 or header[1] != b"blob":
            raise HistoryError(_("check_history_git_cannot_read", name=name, base=base))
        size = int(header[2])
        found.append(out[end + 1:end + 1 + size])
        at = end + 1 + size + 1  # the content is followed by a newline
    return found


def _git(cwd: Path, *args: str, failed: str) -> str:
    return _git_bytes(cwd, *args, failed=failed).decode("utf-8")


def _git_bytes(cwd: Path, *args: str, failed: str, stdin: bytes | None = None) -> bytes:
    """git's output; `failed` is what to say when git fails (git's last word follows, in brackets)."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    except OSError as error:
        raise HistoryError(_("check_history_git_cannot_run", reason=error.strerror or error)) from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise HistoryError(failed + (f" ({detail[-1]})" if detail else ""))
    return done.stdout
