"""Load: one YAML file -> one raw record with line/column positions, loaded strictly.

Contract::

    @dataclass(frozen=True)
    class Document:
        path: str            # the display path used in messages, e.g. "data/topics/x.yml"
        value: dict          # plain Python only: dict (str keys), list, str, None
        positions: dict[tuple, tuple[int, int]]      # path -> (line, column) of each VALUE
                                                     # () -> the top mapping
        key_positions: dict[tuple, tuple[int, int]]  # path -> (line, column) of the KEY itself
        text: str            # the file as read (for quick scans before walking values)

    MAX_BYTES = 256 * 1024
    MAX_DEPTH = 64
    load_text(data: bytes, path: str) -> tuple[Document | None, list[Problem]]
    load_file(file: Path, path: str) -> tuple[Document | None, list[Problem]]

Paths are tuples of str keys and 0-based int list indices, e.g. ``("follow_up", 1, "status")``.
Lines and columns are 1-based and count characters (a leading UTF-8 byte order mark is dropped
first, so column 1 is the first visible character).

The result is either ``(Document, [])`` or ``(None, problems)`` with at least one error. Nothing is
raised or printed. A file is read up to its first fault, except that every duplicate key is
reported (up to ``MAX_DUPLICATES``); the other files of a run are still checked.

**Scalars stay text.** Every scalar is a ``str`` exactly as written: ``yes``, ``0755``, ``12:30``,
``1e3``, ``2023-02-30``, ``true`` are all strings (this avoids YAML 1.1 surprises; the schema
converts later). Only a *plain* (unquoted) ``null``, ``Null``, ``NULL``, ``~`` or an empty plain
value becomes ``None``. Quoted and block (``|``, ``>``) scalars are always ``str``.

**Refused, each with a located message an editor can act on:** files over ``MAX_BYTES``; bytes that
are not UTF-8; control characters (C0 except tab/newline/carriage return, DEL, C1, U+2028/2029, a
byte order mark after the start); tabs used for indentation; any syntax error; an empty file or
one with only comments; several documents; a top level that is not a mapping; anchors, aliases
and merge keys (refused on sight, nothing is ever expanded, so "billion laughs" costs nothing);
tags and ``%`` directives; keys that are not plain text (lists, mappings, null); duplicate keys;
nesting deeper than ``MAX_DEPTH``.

**How.** Values are built from PyYAML's event stream (``yaml.parse``, an iterative parser) in a
single pass with an explicit stack, so depth is counted and no recursion can overflow. The pure
Python parser is used on purpose, not libyaml: its wording and tab rules are the same everywhere,
so the messages pinned in tests are the messages editors see.

Over 400 lines: the strict YAML loader and every located message it gives (encoding, control
characters, tabs, anchors, tags, duplicate keys…), in one single-pass event loop kept together
for speed and so that every refusal is read next to the rule it enforces.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TypeAlias

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from .catalogue import N_, _, editor_language
from .problems import WARNING, Problem, field_path, guide

MAX_BYTES = 256 * 1024
MAX_DEPTH = 64
MAX_DUPLICATES = 20  # duplicate keys listed per file before reading stops

PathKey = tuple[str | int, ...]
Position = tuple[int, int]
#: A YAML comment: its line and column (of the "#", 1-based) and its text after the "#".
Comment = tuple[int, int, str]
#: A scalar, mapping-start or sequence-start event from the parser. Typed `Any`: PyYAML's stubs make
#: every event's marks optional (an event built by hand may have none), while the parser, the only
#: source of events here, always sets them; the type tests below are `type(event) is …` for speed.
_NodeEvent: TypeAlias = Any

_UTF8_BOM = b"\xef\xbb\xbf"
_NULLS = frozenset({"", "null", "Null", "NULL", "~"})
#: The YAML 1.2 core schema's plain numbers and booleans (section 10.3.2), as VS Code's YAML
#: extension reads them; tests/yaml12.py reads whole files the same way.
_CORE_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_CORE_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
_CORE_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_CORE_START = frozenset("-+.0123456789tTfF")


def core_value(text: str) -> int | float | bool | None:
    """What YAML 1.2's core schema makes of a plain scalar, when it is a number or true/false."""
    if text in _CORE_BOOL:
        return _CORE_BOOL[text]
    if _CORE_INT.fullmatch(text):
        if text.startswith("0o"):
            return int(text[2:], 8)
        return int(text[2:], 16) if text.startswith("0x") else int(text, 10)
    if _CORE_FLOAT.fullmatch(text):
        lowered = text.lower()
        return float(lowered.replace(".inf", "inf").replace(".nan", "nan"))
    return None
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Everything outside this class is refused before parsing: C0 controls except tab, LF and CR;
# DEL; C1 controls (PyYAML would read U+0085 as a line break); U+2028/2029 (line breaks to PyYAML,
# invisible to editors); U+FEFF after the start; surrogates; U+FFFE/U+FFFF.
# Also refused: the invisible characters that reorder or hide text (bidirectional embeddings,
# overrides and isolates, the "Trojan Source" characters; zero-width spaces and marks; invisible
# operators), so that what a reviewer reads in a pull request is what the site publishes. Joiners
# (U+200C/U+200D, needed by some scripts and emoji) and the soft hyphen stay allowed.
_INVISIBLE = "\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufff9-\ufffb"
_BAD_CHARACTER = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
    f"|[{_INVISIBLE}]"
)
#: The names of the characters refused (messages of the catalogues: "a null character"…).
_CHARACTER_NAMES = {
    "\x00": N_("check_character_null"),
    "\u2028": N_("check_character_line_separator"),
    "\u2029": N_("check_character_paragraph_separator"),
    "\ufeff": N_("check_character_byte_order_mark"),
}
_INVISIBLE_NAMES = {
    "\u061c": N_("check_character_arabic_letter_mark"), "\u180e": N_("check_character_mongolian_vowel_separator"),
    "\u200b": N_("check_character_zero_width_space"),
    "\u200e": N_("check_character_left_to_right_mark"), "\u200f": N_("check_character_right_to_left_mark"),
    "\u202a": N_("check_character_left_to_right_embedding"), "\u202b": N_("check_character_right_to_left_embedding"),
    "\u202c": N_("check_character_pop_directional_formatting"),
    "\u202d": N_("check_character_left_to_right_override"), "\u202e": N_("check_character_right_to_left_override"),
    "\u2060": N_("check_character_word_joiner"), "\u2066": N_("check_character_left_to_right_isolate"),
    "\u2067": N_("check_character_right_to_left_isolate"), "\u2068": N_("check_character_first_strong_isolate"),
    "\u2069": N_("check_character_pop_directional_isolate"),
}
_INVISIBLE_OTHER = N_("check_character_invisible_formatting")
_CONTROL_OTHER = N_("check_character_control")
_SPECIAL_START = "[ ] { } & * ! | > ' \" % @ `"


@dataclass(frozen=True)
class Document:
    """A raw record: plain values, and where each value and key was written."""

    path: str
    value: dict
    positions: dict[PathKey, Position]
    key_positions: dict[PathKey, Position]
    text: str = field(default="", repr=False, compare=False)
    #: The plain (unquoted) values that YAML 1.2, as editors read it, takes for a number or for true
    #: or false, with that reading: `2024`, `0x7E8`, `1e3`, `true` (the value itself stays the text).
    typed: dict[PathKey, int | float | bool] = field(default_factory=dict, repr=False, compare=False)
    #: The file's modification time, size and inode when it was read (load_file), so that a
    #: long-lived preview reads again only the files that changed (validate.validate's `previous`).
    signature: tuple[int, ...] = field(default=(), repr=False, compare=False)
    #: A digest of the file's bytes as read (load_file), so that `check` can take a record from its
    #: cache only when the file holds exactly what was checked (records/cache.py).
    digest: bytes = field(default=b"", repr=False, compare=False)
    #: Every comment of the file (`# …`), as (line, column of the "#", the text after it): the
    #: repository is public, so `check` reads comments with the rules of texts (validate.py).
    comments: tuple[Comment, ...] = field(default=(), repr=False, compare=False)


def symlink() -> str:
    """Why a symbolic link under data/ or content/ is refused, never followed: it can point anywhere
    on the machine that builds the site, and a pull request shows only the link, not what it publishes."""
    return _("check_file_symlink")


#: Kept silently: an empty folder's placeholder (git keeps no empty folder without one).
QUIET_FILES = frozenset({".gitkeep"})


def not_read(item: Path, shown: str) -> tuple[bool, Problem | None]:
    """Whether `item` (a file or folder under data/ or content/) is skipped, and why: a symbolic
    link is an error; a hidden name (starting with a dot) a warning, so nothing is ignored unsaid."""
    if item.is_symlink():
        return True, Problem(shown, 1, 1, "", symlink())
    if item.name.startswith("."):
        return True, None if item.name in QUIET_FILES else Problem(shown, 1, 1, "", _("check_file_hidden"), WARNING)
    return False, None


def load_file(file: Path, path: str) -> tuple[Document | None, list[Problem]]:
    """Read `file` (size checked before reading) and load it; `path` is how messages name it.
    A symbolic link is refused, never followed (O_NOFOLLOW: not even if one appears meanwhile)."""
    try:
        if file.is_symlink():
            return None, [Problem(path, 1, 1, "", symlink())]
        with _open(file) as stream:
            status = os.fstat(stream.fileno())
            size = status.st_size
            if size > MAX_BYTES:
                return None, [_too_big(size, path)]
            data = stream.read(MAX_BYTES + 1)  # the file may have grown since fstat()
    except OSError as error:
        message = (_("check_file_unreadable_because", reason=error.strerror) if error.strerror
                   else _("check_file_unreadable"))
        return None, [_problem(path, (1, 1), message)]
    document, problems = load_text(data, path)
    if document is not None:
        document = dataclasses.replace(document, signature=signature(status), digest=digest(data))
    return document, problems


def digest(data: bytes) -> bytes:
    """What tells that a file's content changed, whatever its date says."""
    return hashlib.blake2b(data, digest_size=16).digest()


def file_digest(file: Path) -> bytes | None:
    """The digest of the file's bytes (as `load_file` reads them: links refused), None when it
    cannot be read."""
    try:
        with _open(file) as stream:
            return digest(stream.read(MAX_BYTES + 1))
    except OSError:
        return None


def _open(file: Path) -> BinaryIO:
    """The file opened for reading, refusing a symbolic link (O_NOFOLLOW, where the system has it)."""
    return os.fdopen(os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)), "rb")


def signature(status: os.stat_result) -> tuple[int, ...]:
    """What tells that a file changed: its modification time, size and inode."""
    return status.st_mtime_ns, status.st_size, status.st_ino


def load_text(data: bytes, path: str) -> tuple[Document | None, list[Problem]]:
    """Load one YAML record from raw bytes; see the module docstring for the rules."""
    if len(data) > MAX_BYTES:
        return None, [_too_big(len(data), path)]
    data = data.removeprefix(_UTF8_BOM)  # accepted silently: many editors on Windows add it
    text, problem = _decode(data, path)
    if problem is None:
        problem = _check_characters(text, path)
    if problem is not None:
        return None, [problem]
    return _parse(text, path)


# --- before parsing: size, encoding, characters ----------------------------------------------


def _too_big(size: int, path: str) -> Problem:
    return _problem(path, (1, 1), _("check_file_too_big", size_kb=_number(math.ceil(size / 1024)), size=_number(size),
                                    limit_kb=_number(MAX_BYTES // 1024), limit=_number(MAX_BYTES)))


def _number(number: int) -> str:
    """A number as the editor's language writes it: 262,144 in English, 262 144 in French (a narrow
    no-break space between thousands)."""
    return f"{number:,}".replace(",", "\u202f" if editor_language() == "fr" else ",")


def _decode(data: bytes, path: str) -> tuple[str, Problem | None]:
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8")  # valid: the error is at the first bad byte
        return "", _problem(path, _line_column(before, len(before)),
                            _("check_file_not_utf8", byte=f"{data[error.start]:02X}"))


_NBSP_INDENT = re.compile("^[ \t]*\u00a0", re.M)


def check_characters(text: str, path: str) -> Problem | None:
    """The first character a page may not hold (the rules of records), as a located problem."""
    return _check_characters(text, path, yaml=False)


def _check_characters(text: str, path: str, *, yaml: bool = True) -> Problem | None:
    # Every refused character is one that Python does not count as printable (controls, format
    # characters, separators other than " ", surrogates, unassigned): a text that is printable once
    # its line breaks, tabs and (non-breaking) spaces are set aside holds none, which is far faster
    # to test than the pattern; any other text is searched with it.
    probe = text.replace("\n", "").replace("\r", "").replace("\t", "")
    if not text.isascii():
        probe = probe.replace("\xa0", "").replace("\u202f", "")
    match = None if probe.isprintable() else _BAD_CHARACTER.search(text)
    if match is None:
        if not yaml or "\xa0" not in text:
            return None
        indent = _NBSP_INDENT.search(text)
        if indent is None:
            return None
        return _problem(path, _line_column(text, indent.end() - 1), _("check_yaml_nbsp_indentation"))
    character = match.group()
    if character in _INVISIBLE_NAMES or "\u2061" <= character <= "\u2064" or "\ufff9" <= character <= "\ufffb":
        name = _(_INVISIBLE_NAMES.get(character, _INVISIBLE_OTHER))
        return _problem(path, _line_column(text, match.start()),
                        _("check_character_invisible", name=name, code=f"{ord(character):04X}"))
    name = _(_CHARACTER_NAMES.get(character, _CONTROL_OTHER))
    return _problem(path, _line_column(text, match.start()),
                    _("check_character_refused", name=name, code=f"{ord(character):04X}"))


def _line_column(text: str, index: int) -> Position:
    """1-based line and column of `text[index]`, counting line breaks as PyYAML does."""
    line, line_start = 1, 0
    for match in _LINE_BREAK.finditer(text, 0, index):
        line, line_start = line + 1, match.end()
    return line, index - line_start + 1


# --- parsing: one pass over events ---------------------------------------------------------


class _Stop(Exception):
    """Internal: the file cannot be read further; carries the problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _parse(text: str, path: str) -> tuple[Document | None, list[Problem]]:
    # libyaml (when PyYAML has it) reads a file ten to twenty times faster. A file it reads cleanly
    # and that holds no tab gives the same values and positions (tests compare the two paths); any
    # other file is read again by the pure-Python parser, whose wording and tab rules are the ones
    # pinned in the tests, so editors always see the same messages.
    if _FAST_LOADER is not None and "\t" not in text:
        document, problems = _parse_with(text, path, _FAST_LOADER)
        if document is not None:
            return document, problems
    return _parse_with(text, path, yaml.SafeLoader)


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _parse_with(text: str, path: str, loader: type) -> tuple[Document | None, list[Problem]]:
    builder = _Builder(path, text)
    handlers = builder.handlers()  # not kept on the builder: no reference cycle to collect
    parser = None
    try:
        parser = loader(text)  # the pure-Python reader checks the characters here
        next_event = parser.get_event  # None after the end (yaml.parse would also ask check_event each time)
        event = next_event()
        while event is not None:
            handler = handlers.get(type(event))
            if handler is not None:  # StreamStart and DocumentEnd carry nothing we need
                handler(event)
            event = next_event()
    except _Stop as stop:
        return None, builder.problems + [stop.problem]
    except yaml.YAMLError as error:
        return None, builder.problems + [_syntax_problem(error, text, path)]
    finally:
        if parser is not None:
            parser.dispose()
    if builder.problems:
        return None, builder.problems
    assert isinstance(builder.root, dict)  # a stream without a mapping has raised _Stop
    comments = comments_of(text, builder.scalars) if builder.scalars is not None else ()
    return Document(path, builder.root, builder.positions, builder.key_positions, text, builder.typed, comments=comments), []


def comments_of(text: str, scalars: list[tuple[Any, Any, str | None]]) -> tuple[Comment, ...]:
    """Every comment of a file the parser read, from where its scalars are (start and end marks,
    style): in a file that parses, a "#" outside every scalar starts a comment, which runs to the end
    of its line; a "#" inside a scalar is text, except on the header line of a block scalar (`|`,
    `>`), where only indicators and a comment may follow. Marks are compared as (line, column),
    which both parsers count in characters."""
    starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    spans = [((start.line, start.column), (end.line, end.column), style in ("|", ">")) for start, end, style in scalars]
    span_starts = [span[0] for span in spans]
    found: list[Comment] = []
    index = text.find("#")
    while index >= 0:
        line = bisect.bisect_right(starts, index) - 1
        at = (line, index - starts[line])
        before = bisect.bisect_right(span_starts, at) - 1
        inside = before >= 0 and at < spans[before][1] and not (spans[before][2] and line == spans[before][0][0])
        if inside:
            index = text.find("#", index + 1)
            continue
        end = _LINE_BREAK.search(text, index)
        stop = end.start() if end else len(text)
        found.append((line + 1, at[1] + 1, text[index + 1:stop]))
        index = text.find("#", stop)
    return tuple(found)


class _Frame:
    """An open mapping or sequence on the builder's stack."""

    __slots__ = ("path", "value", "is_mapping", "key", "keep", "first_lines")

    def __init__(self, path: PathKey, value: dict | list) -> None:
        self.path = path
        self.value = value
        self.is_mapping = isinstance(value, dict)
        self.key: str | None = None  # mapping only: the key whose value comes next
        self.keep = True  # False after a duplicate key: its value is read, then dropped
        self.first_lines: dict[str, int] = {}  # mapping only: key -> line


class _Builder:
    """Turns events into plain values, positions and problems, with an explicit stack.

    This runs once per event of every file (over a million for 10,000 records), so the common
    case — a scalar value in a mapping — takes the shortest path.
    """

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.stack: list[_Frame] = []
        self.root: dict | None = None
        self.documents = 0
        self.positions: dict[PathKey, Position] = {}
        self.key_positions: dict[PathKey, Position] = {}
        self.typed: dict[PathKey, int | float | bool] = {}
        self.problems: list[Problem] = []
        # A backslash in double quotes starts an escape, which can make an invisible character
        # ("S:\\annexe" holds a bell character): only then are double-quoted values scanned.
        self.escapes = "\\" in text
        # Where each scalar is, to tell a comment's "#" from one in a text: only in files that hold one.
        self.scalars: list[tuple[Any, Any, str | None]] | None = [] if "#" in text else None

    def handlers(self) -> dict[type, Callable[[Any], None]]:
        return {
            ScalarEvent: self._node,
            MappingStartEvent: self._node,
            SequenceStartEvent: self._node,
            MappingEndEvent: self._end,
            SequenceEndEvent: self._end,
            DocumentStartEvent: self._document_start,
            StreamEndEvent: self._stream_end,
            AliasEvent: self._alias,
        }

    def _end(self, event: yaml.Event) -> None:
        self.stack.pop()

    def _stream_end(self, event: StreamEndEvent) -> None:
        if self.documents == 0:
            raise _Stop(self._empty())

    def _alias(self, event: AliasEvent) -> None:
        frame = self.stack[-1] if self.stack else None
        raise _Stop(self._at(event, self._field(frame), _alias_message(event.anchor or "")))

    def _document_start(self, event: DocumentStartEvent) -> None:
        self.documents += 1
        if event.version is not None or event.tags:
            raise _Stop(self._at(event, "", _("check_yaml_directive")))
        if self.documents > 1:
            raise _Stop(self._at(event, "", _("check_yaml_second_document") if event.explicit
                                 else _("check_yaml_after_end")))

    def _node(self, event: _NodeEvent) -> None:
        if self.scalars is not None and type(event) is ScalarEvent:
            self.scalars.append((event.start_mark, event.end_mark, event.style))
        stack = self.stack
        frame = stack[-1] if stack else None
        if event.anchor is not None:
            raise _Stop(self._at(event, self._field(frame), _anchor_message(event.anchor)))
        if event.tag is not None:
            raise _Stop(self._at(event, self._field(frame), _tag_message(self._tag_text(event))))
        if frame is None:
            self._root(event)
            return
        container: Any = frame.value  # a dict when frame.is_mapping, else a list
        value: str | dict | list | None
        if frame.is_mapping:
            key = frame.key
            if key is None:
                self._key(frame, event)
                return
            path = frame.path + (key,)
            keep = frame.keep
            frame.key = None
        else:
            path = frame.path + (len(container),)
            keep = True
        if type(event) is ScalarEvent:
            value = None if not event.style and event.value in _NULLS else event.value
            end: Any = event.end_mark  # always set by the parser (see _NodeEvent)
            if not event.style and path[-1] in _TEXT_KEYS and _COMMENT_AFTER.match(self.text, end.index):
                raise _Stop(self._at(event, field_path(path), _("check_yaml_text_cut_by_comment")))
            if self.escapes and event.style == '"' and _BAD_CHARACTER.search(event.value):
                raise _Stop(self._at(event, field_path(path), _("check_yaml_escape_makes_a_control")))
            if not event.style and value and value[0] in _CORE_START and keep:
                typed = core_value(value)
                if typed is not None:
                    self.typed[path] = typed
        else:
            if len(stack) >= MAX_DEPTH:
                raise _Stop(self._at(event, field_path(path[:1]), _("check_yaml_too_deep", depth=MAX_DEPTH)))  # the top field is enough
            child: dict | list = {} if type(event) is MappingStartEvent else []
            stack.append(_Frame(path, child))
            value = child
        if keep:
            mark = event.start_mark
            self.positions[path] = (mark.line + 1, mark.column + 1)
            if frame.is_mapping:
                container[path[-1]] = value
            else:
                container.append(value)

    def _root(self, event: _NodeEvent) -> None:
        if isinstance(event, MappingStartEvent):
            self.root = {}
            self.positions[()] = _position(event)
            self.stack.append(_Frame((), self.root))
        elif isinstance(event, ScalarEvent) and not event.style and event.value == "":
            raise _Stop(self._empty())
        else:
            raise _Stop(self._at(event, "", _not_a_mapping(event)))

    def _key(self, frame: _Frame, event: _NodeEvent) -> None:
        if type(event) is not ScalarEvent:
            raise _Stop(self._at(event, self._field(frame), _collection_key(event)))
        key = event.value
        if key == "" or (not event.style and key in _NULLS):
            raise _Stop(self._at(event, self._field(frame), _("check_yaml_key_missing")))
        if not event.style and key == "<<":
            raise _Stop(self._at(event, self._field(frame), _("check_yaml_merge_key")))
        if not key.replace(" ", "").isprintable():  # a line break or an invisible character, through a quoted escape
            raise _Stop(self._at(event, self._field(frame), _("check_yaml_key_characters")))
        mark: Any = event.start_mark  # always set by the parser (see _NodeEvent)
        line = mark.line + 1
        frame.key = key
        first = frame.first_lines.get(key)
        frame.keep = first is None
        if first is None:
            frame.first_lines[key] = line
            self.key_positions[frame.path + (key,)] = (line, mark.column + 1)
        elif len(self.problems) >= MAX_DUPLICATES:
            raise _Stop(self._at(event, field_path(frame.path + (key,)),
                                    _("check_yaml_more_duplicates", count=MAX_DUPLICATES)))
        else:
            where = field_path(frame.path)
            message = (_("check_yaml_duplicate_key", key=key, field=where, first=first) if where
                       else _("check_yaml_duplicate_key_at_the_top", key=key, first=first))
            self.problems.append(Problem(self.path, line, mark.column + 1, field_path(frame.path + (key,)), message))

    # helpers

    def _field(self, frame: _Frame | None) -> str:
        """The dotted path of the node about to be read, for problems found on it."""
        if frame is None:
            return ""
        if not frame.is_mapping:
            return field_path(frame.path + (len(frame.value),))
        if frame.key is not None:
            return field_path(frame.path + (frame.key,))
        return field_path(frame.path)

    def _tag_text(self, event: _NodeEvent) -> str:
        """The tag as the editor wrote it (the event only holds the expanded form)."""
        written = re.compile(r"![^\s,\[\]{}]*").match(self.text, event.start_mark.index)
        if written:
            return written.group()
        return event.tag.replace("tag:yaml.org,2002:", "!!", 1)

    def _empty(self) -> Problem:
        if self.text.strip():
            message = _("check_file_only_comments", guide=guide())
        else:
            message = _("check_file_empty", guide=guide())
        return _problem(self.path, (1, 1), message)

    def _at(self, event: _NodeEvent, field_name: str, message: str) -> Problem:
        line, column = _position(event)
        return Problem(self.path, line, column, field_name, message)


def _position(event: _NodeEvent) -> Position:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _problem(path: str, where: Position, message: str) -> Problem:
    return Problem(path, where[0], where[1], "", message)


# --- messages for refused constructs ----------------------------------------------------------

# A text written without quotes ends at " #": YAML reads the rest of the line as a comment, and
# the site would publish the text cut short without a word. On text fields that is refused.
_TEXT_KEYS = frozenset({"fr", "en", "title", "name", "role", "organisation"})
_COMMENT_AFTER = re.compile(r"[ \t]+#")


def _anchor_message(name: str) -> str:
    return _("check_yaml_anchor", name=name)


def _alias_message(name: str) -> str:
    return _("check_yaml_alias", name=name)


def _tag_message(tag: str) -> str:
    return _("check_yaml_tag", tag=tag)


def _collection_key(event: MappingStartEvent | SequenceStartEvent) -> str:
    if isinstance(event, SequenceStartEvent):
        return _("check_yaml_key_is_a_list")
    return _("check_yaml_key_is_a_group")


def _not_a_mapping(event: ScalarEvent | SequenceStartEvent) -> str:
    if isinstance(event, SequenceStartEvent):
        return _("check_yaml_record_is_a_list", opener="[" if event.flow_style else "-", guide=guide())
    return _("check_yaml_record_is_a_text", guide=guide())


# --- syntax errors ---------------------------------------------------------------------------


def _syntax_problem(error: yaml.YAMLError, text: str, path: str) -> Problem:
    """Turn a PyYAML error into a located, plain-words problem (its own wording quoted last)."""
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None) or ""
    mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    if mark is not None:
        where = (mark.line + 1, mark.column + 1)
    else:  # a ReaderError: only a character index (not expected, characters are checked first)
        where = _line_column(text, min(getattr(error, "position", 0), len(text)))

    if problem.startswith("found character '\\t'"):
        return _problem(path, where, _tab_message(text, mark))
    if context == "while scanning a quoted scalar" and context_mark is not None:
        quote = text[context_mark.index]
        where = (context_mark.line + 1, context_mark.column + 1)
        explanation = _("check_yaml_quote_not_closed", quote=quote)
    elif context == "while scanning a simple key" and context_mark is not None:
        where = (context_mark.line + 1, context_mark.column + 1)
        explanation = _("check_yaml_colon_missing")
    elif problem == "mapping values are not allowed here" and mark is not None and _colons(_line_at(text, mark)) <= 1:
        # One "name: value" on the line: not a colon in a text, but a line indented too far.
        explanation = _("check_yaml_indented_too_far")
    elif " that cannot start any token" in problem and mark is not None and _line_at(text, mark).lstrip().startswith("```"):
        explanation = _("check_yaml_code_fence")
    else:
        explanation = _explain(problem, context_mark)
    return _problem(path, where, _("check_yaml_cannot_read", explanation=explanation, reader=problem))


_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'')
_COLON = re.compile(r":(?:\s|$)")


def _line_at(text: str, mark: yaml.Mark) -> str:
    start = max(text.rfind("\n", 0, mark.index), text.rfind("\r", 0, mark.index)) + 1
    end = len(text)
    for stop in (text.find("\n", mark.index), text.find("\r", mark.index)):
        if stop >= 0:
            end = min(end, stop)
    return text[start:end]


def _colons(line: str) -> int:
    """How many "name:" separators a line has outside quotes (a comment does not count)."""
    bare = _QUOTED.sub("", line).split(" #", 1)[0]
    return len(_COLON.findall(bare))


def _explain(problem: str, context_mark: yaml.Mark | None) -> str:
    opened = context_mark.line + 1 if context_mark is not None else None
    if problem == "mapping values are not allowed here":
        return _("check_yaml_second_colon", example='title: "Logement : les priorités"')
    if problem.startswith("expected ',' or ']'"):
        return (_("check_yaml_list_not_closed_opened_on", line=opened) if opened is not None
                else _("check_yaml_list_not_closed"))
    if problem.startswith("expected ',' or '}'"):
        return (_("check_yaml_group_not_closed_opened_on", line=opened) if opened is not None
                else _("check_yaml_group_not_closed"))
    if problem == "expected <block end>, but found '<scalar>'":
        return _("check_yaml_text_after_a_quote")
    if problem == "expected <block end>, but found '-'":
        return _("check_yaml_list_item_misplaced")
    if problem == "expected <block end>, but found ':'":
        return _("check_yaml_line_starts_with_a_colon")
    if problem.startswith("expected <block end>"):
        return _("check_yaml_not_lined_up")
    if problem.startswith("found unknown escape character"):
        return _("check_yaml_unknown_escape")
    if problem.startswith("expected '<document start>'"):
        return _("check_yaml_ended_above")
    if problem.startswith("expected chomping or indentation indicators"):
        return _("check_yaml_after_block_indicator")
    if " that cannot start any token" in problem or "alphabetic or numeric character" in problem:
        return _("check_yaml_cannot_start_a_value")
    return _("check_yaml_other_syntax", characters=_SPECIAL_START)


def _tab_message(text: str, mark: yaml.Mark | None) -> str:
    index = mark.index if mark is not None else 0
    line_start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    if text[line_start:index].strip(" \t") == "":
        return _("check_yaml_tab_indentation")
    return _("check_yaml_tab")
