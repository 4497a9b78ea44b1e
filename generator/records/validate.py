"""Validate: raw documents -> typed records, and every problem in one pass.

`validate(data_dir)` loads every file under `data/` with the strict loader, checks each against its
schema (`schema.py`), then runs the cross-record rules below on the records that passed. It returns
a `Dataset` (records with their documents, for positions) and the list of problems; the dataset is
`None` when an error makes a build meaningless. Nothing here prints or exits.

Each rule is a small function. A rule about one record alone is `entry_rule(entry, context) ->
Iterable[Problem]`, registered in `ENTRY_RULES`: it may read nothing but that record and the
part of the `Context` it declares (`@entry_rule(reads=("today",))`: the day, the site's public
contacts), so that its problems can be kept while the record and what it reads stay the same (the
preview re-checks only what an edit changed; `check`'s cache, only what another day changes). A rule across
records is `rule(dataset) -> Iterable[Problem]`, registered in `RULES`. Adding a rule means writing
one function, and its messages in the catalogues: `_("check_…", name=value)` says a message in the
editor's language (records/catalogue.py); `make words` adds its id to locales/fr.po and locales/en.po,
where its French and English are written.

Over 400 lines: every rule, one function each (`@rule`, `@entry_rule`), with its messages' ids;
they share the walk over the records and the located `Problem`s, and a maintainer looks for a
rule here by the id of its message (the catalogues give the id of each text, and the file that uses it).
"""

from __future__ import annotations

import bisect
import functools
import gc
import itertools
import os
import re
import typing
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.numbers import format_decimal
from pydantic import BaseModel, ValidationError

from . import contacts, kinds, ledger, schema
from .catalogue import N_, _, editor_language, ngettext, typeset
from .load import Document, file_digest, load_file, not_read, symlink
from .load import signature as load_signature
from .markup import hidden_parts, public_text, removed_links
from .problems import ERROR, WARNING, Problem, did_you_mean, field_path, guide, one_of, relative
from .schema import LANGUAGES, Localized, Record

#: Words that name private data. A key is refused in every file under data/, at any depth, when
#: it is one of these words or holds one (or two in a row) between separators, whatever its case,
#: accents and separators: "Date-De-Naissance", "nationalité", "parent_email", "notes_internes",
#: "numero_carte_citoyenne" are all refused, so that nothing private merges into the public
#: repository. The guide (CONTRIBUTING.md) lists these words.
PRIVATE_KEYS = frozenset(
    """
    email e_mail mail courriel phone telephone tel mobile portable address adresse postal_address
    postcode postal_code code_postal street rue domicile birth birthdate birth_date date_of_birth dob
    date_naissance naissance birthday age gender genre sexe sex diploma diplome degree education
    nationality nationalite citizenship origine origin ethnie ethnicity religion opinion politique political
    syndicat union_membership notes note_privee interne internes internal commentaire commentaires comment
    comments private prive privee comment_prive confidentiel confidential guardian guardians tuteur tutrice
    parent parents responsable_legal legal_guardian contact contacts_prives iban rib bank banque
    social_security securite_sociale numero_secu secu nir insee_number ssn passport passeport id_card
    carte_identite carte_citoyenne photo avatar selfie health sante medical handicap disability
    income revenu salaire salary indemnite indemnites remuneration profession employer employeur
    whatsapp telegram instagram facebook twitter tiktok snapchat linkedin ip_address password
    mot_de_passe secret token api_key
    """.split()
)
#: Keys that hold a private word but are public fields of a known record type, where they are allowed:
#: the site's own contacts, and the legal notice's items, which the law requires to be published
#: (every field of `legal:`: the publisher's and the host's address and telephone, the contacts).
ALLOWED_PUBLIC_KEYS = {("site.yml", "contacts"), *(("site.yml", name) for name in schema.Legal.model_fields)}


@lru_cache(maxsize=4096)
def is_private_key(key: str) -> bool:
    """Whether a field name names private data (see PRIVATE_KEYS)."""
    plain = unicodedata.normalize("NFKD", key)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    folded = re.sub(r"[^a-z0-9]+", "_", plain).strip("_")
    words = folded.split("_")
    return (folded in PRIVATE_KEYS or any(w in PRIVATE_KEYS for w in words)
            or any(f"{a}_{b}" in PRIVATE_KEYS for a, b in zip(words, words[1:], strict=False)))


class Entry:
    """A record that passed its schema, with the document it came from.

    The cache of `check` (records/cache.py) keeps the record without its document (the values,
    their positions and the text: three quarters of what it would read back), with the file to
    read it from again: the first use of `doc` reads it then, which happens only when a rule
    reports a problem in the record or the rules on it run again (another day)."""

    __slots__ = ("record", "_doc", "_source")

    def __init__(self, record: Any, doc: Document | None, source: tuple[Path, str, bytes] | None = None) -> None:
        self.record = record
        self._doc = doc
        #: Without a document: the file, its path in messages, and the digest of what was checked.
        self._source = source

    @property
    def doc(self) -> Document:
        if self._doc is None:
            assert self._source is not None
            self._doc = _read_again(*self._source)
        return self._doc

    @property
    def path(self) -> str:
        """The file's path in messages (without reading the document)."""
        return self._doc.path if self._doc is not None else self._source[1] if self._source else ""

    @property
    def digest(self) -> bytes:
        """The digest of the file's bytes that were checked (load.digest)."""
        return self._doc.digest if self._doc is not None else self._source[2] if self._source else b""

    def without_document(self, file: Path) -> Entry:
        """The same record, its document to be read again from `file` when needed (records/cache.py)."""
        return Entry(self.record, None, (file, self.path, self.digest))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Entry) and (self.record, self.doc) == (other.record, other.doc)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Entry({self.record!r}, {self.path!r})"

    def at(self, *path: str | int) -> tuple[int, int]:
        """Line and column of the value at `path`, or of its nearest located parent."""
        parts = tuple(path)
        while parts:
            if parts in self.doc.positions:
                return self.doc.positions[parts]
            parts = parts[:-1]
        return self.doc.positions.get((), (1, 1))

    def problem(self, path: Sequence[str | int], message: str, severity: str = ERROR) -> Problem:
        line, col = self.at(*path)
        return Problem(self.doc.path, line, col, field_path(path), message, severity)


def _read_again(file: Path, shown: str, digest: bytes) -> Document:
    """A cached record's document, read again (Entry.doc). Its bytes were those checked when the
    run began (validate compared their digest); if they changed since, during this very run, the
    positions are lost (problems point at the file's first line) rather than taken from other bytes."""
    doc, _problems = load_file(file, shown)
    if doc is None or doc.digest != digest:
        return Document(shown, {}, {}, {}, digest=digest)
    return doc


@dataclass
class Dataset:
    """Every valid record, by folder and id, plus the two single files."""

    root: Path
    #: The day the check speaks of (the CLI reads it once): a date of something that happened may
    #: not be after it (dates_are_possible).
    today: date
    site: Entry | None = None
    statuses: Entry | None = None
    folders: dict[str, dict[str, Entry]] = field(default_factory=dict)
    #: Ids of files that exist but did not pass their schema: references to them are not reported
    #: as unknown (the file's own problem says what to fix).
    failed: dict[str, set[str]] = field(default_factory=dict)
    #: Each file read and checked on its own: path -> (signature when read, the record or None,
    #: its own problems). A later `validate(previous=…)` takes them again for unchanged files.
    loaded: dict[Path, tuple[tuple[int, ...], Entry | None, list[Problem]]] = field(default_factory=dict, repr=False)
    #: The problems of the rules on one record (ENTRY_RULES): file path -> (the entry, the context
    #: they were found in, each rule's problems by its name). Kept by a later `validate(previous=…)`
    #: for the same entry, each rule's while what it reads of the context is the same (READS).
    ruled: dict[str, tuple[Entry, Context, dict[str, tuple[Problem, ...]]]] = field(default_factory=dict, repr=False)

    def ids(self, folder: str) -> list[str]:
        return sorted(self.folders.get(folder, {}))

    def entries(self, folder: str) -> list[Entry]:
        return [self.folders[folder][i] for i in self.ids(folder)]


# --------------------------------------------------------------------------- loading


def validate(data_dir: Path, root: Path | None = None, *, today: date,
             only: Sequence[Path] = (), previous: Dataset | None = None,
             changed: Collection[Path] = (), by_content: bool = False) -> tuple[Dataset, list[Problem]]:
    """Load and check every record under `data_dir`.

    `root` is the folder message paths are relative to (default: the current folder). `today` is the
    day the check speaks of: dates of what happened may not be after it (see `check_day`).

    With `previous` (an earlier result for the same folders, root and day), a file that is not in
    `changed` and whose modification time, size and inode are those it had is not read again: its
    record, its own problems and those of the rules on it alone are taken from `previous` (the
    preview, on each edit); they are found again when the context changed (the site's public
    contacts). The rules across records run on the whole dataset, so the problems are those a full
    check gives.

    With `by_content` (`previous` read from the cache of an earlier `check`, records/cache.py), a
    file is taken from `previous` when it holds the same bytes, whatever its date, and on any day:
    reading and checking one file alone does not depend on the day (the rules on one record,
    which do, run again when the context changed).
    """
    root = root or Path.cwd()
    dataset = Dataset(root=data_dir, today=today)
    reuse: dict[Path, tuple[tuple[int, ...], Entry | None, list[Problem]]] = {}
    if previous is not None and previous.root == data_dir and (by_content or previous.today == today):
        edited = {os.path.abspath(path) for path in changed}
        reuse = ({path: found for path, found in previous.loaded.items() if os.path.abspath(path) not in edited}
                 if edited else previous.loaded)
    else:
        previous = None
    problems: list[Problem] = []
    if data_dir.is_symlink():
        return dataset, [Problem(relative(data_dir, root), 1, 1, "", symlink())]
    if not data_dir.is_dir():
        return dataset, [Problem(relative(data_dir, root), 1, 1, "", _("check_no_data_folder", folder=relative(data_dir, root)))]

    # Every record loaded stays until the end, and neither loading nor the rules make reference
    # cycles: the cyclic garbage collector would only scan the growing heap again and again (a
    # quarter of `check` at 10,000 recommendations). It is paused here, and resumed even on a failure.
    collecting = gc.isenabled()
    gc.disable()
    try:
        load_all(data_dir, root, dataset, problems, reuse, by_content)
        for rule in RULES:
            problems += list(rule(dataset))
        problems += _entry_rules(dataset, previous.ruled if previous is not None else {})
    finally:
        if collecting:
            gc.enable()
    return dataset, problems


def load_all(data_dir: Path, root: Path, dataset: Dataset, problems: list[Problem],
             reuse: Mapping[Path, tuple[tuple[int, ...], Entry | None, list[Problem]]] | None = None,
             by_content: bool = False) -> None:
    """Every record of `data_dir` read and checked against its model (no rule yet) into `dataset`,
    what is wrong added to `problems`: the single files, each record folder, and anything else at the
    top refused. `reuse` (records/cache.py) gives a record unchanged since the last `check` back without
    reading it; the sheet import (editor/sheets/imports.py) loads its planned records the same way."""
    reuse = reuse or {}
    for name, model in schema.SINGLE_FILES.items():
        file = data_dir / name
        shown = relative(file, root)
        if file.is_symlink():
            problems.append(Problem(shown, 1, 1, "", symlink()))
            continue
        if not file.is_file():
            problems.append(Problem(shown, 1, 1, "", _("check_single_file_missing", name=name)))
            continue
        entry, found = _load_record(file, shown, model, dataset, reuse, by_content=by_content)
        problems += found
        if entry is not None:
            setattr(dataset, "site" if model is schema.Site else "statuses", entry)

    data_shown = relative(data_dir, root)
    for item in sorted(data_dir.iterdir()):
        if item.name in schema.SINGLE_FILES or item.name.lower() == "readme.md":
            continue
        shown = f"{data_shown}/{item.name}"
        skip, problem = not_read(item, shown)
        if skip:
            problems += [problem] if problem else []
            continue
        if item.is_dir() and item.name in kinds.FOLDER_TYPES:
            problems += _load_folder(item, root, kinds.FOLDER_TYPES[item.name], dataset, reuse, by_content)
        elif item.is_dir():
            problems.append(Problem(shown, 1, 1, "", _("check_unknown_folder", name=item.name, folders=one_of(kinds.FOLDER_TYPES),
                                                       suggestion=did_you_mean(item.name, kinds.FOLDER_TYPES))))
        else:
            problems.append(Problem(shown, 1, 1, "", _("check_file_at_top_not_read", folders=one_of(kinds.FOLDER_TYPES),
                                                       files=one_of(schema.SINGLE_FILES))))


def _load_folder(folder: Path, root: Path, model: type[Record], dataset: Dataset,
                 reuse: Mapping[Path, tuple[tuple[int, ...], Entry | None, list[Problem]]],
                 by_content: bool = False) -> list[Problem]:
    problems: list[Problem] = []
    records = dataset.folders.setdefault(folder.name, {})
    folder_shown = relative(folder, root)  # once per folder: resolving every file's path is slow
    # os.scandir says which names are links or folders without a system call per file (a tenth of
    # the preview's check of one edit at 10,000 recommendations).
    with os.scandir(folder) as listing:
        items = sorted(listing, key=lambda item: item.name)
    for item in items:
        file = folder / item.name
        shown = f"{folder_shown}/{item.name}"
        if item.is_symlink() or item.name.startswith("."):
            skip, problem = not_read(file, shown)
            if skip:
                problems += [problem] if problem else []
                continue
        if item.is_dir(follow_symlinks=False) or file.suffix != ".yml":
            problems.append(Problem(shown, 1, 1, "", _("check_not_a_record_file_rename", stem=file.stem)
                                    if file.suffix in (".yaml", ".YML", ".Yml") else _("check_not_a_record_file")))
            continue
        entry, found = _load_record(file, shown, model, dataset, reuse, item, by_content)
        problems += found
        if entry is not None:
            records[file.stem] = entry
        else:
            dataset.failed.setdefault(folder.name, set()).add(file.stem)
    return problems


def _load_record(file: Path, shown: str, model: type[Record], dataset: Dataset | None = None,
                 reuse: Mapping[Path, tuple[tuple[int, ...], Entry | None, list[Problem]]] | None = None,
                 listed: os.DirEntry | None = None, by_content: bool = False) -> tuple[Entry | None, list[Problem]]:
    if reuse and file in reuse:
        signature, entry, problems = reuse[file]
        if by_content:
            unchanged = entry is not None and file_digest(file) == entry.digest
        else:
            try:
                # (a DirEntry's stat has no inode on Windows: the path's is read there)
                status = (listed if listed is not None and os.name == "posix" else file).stat(follow_symlinks=False)
                unchanged = signature == load_signature(status)
            except OSError:
                unchanged = False
        if unchanged:
            if dataset is not None:
                dataset.loaded[file] = reuse[file]
            return entry, list(problems)
    entry, problems = _read_record(file, shown, model)
    if dataset is not None and entry is not None:  # a file that failed is read again each time
        dataset.loaded[file] = (entry.doc.signature, entry, list(problems))
    return entry, problems


def _read_record(file: Path, shown: str, model: type[Record]) -> tuple[Entry | None, list[Problem]]:
    doc, problems = load_file(file, shown)
    if doc is None:
        return None, problems
    problems += list(_private_keys(doc, shown))
    try:
        record = model.model_validate(validation_value(doc))
    except ValidationError as exc:
        return None, problems + schema_problems(exc, doc, model)
    return Entry(record, doc), problems


def validation_value(doc: Document) -> dict:
    """The record's values as its model checks them: each plain value that editors read as a number
    or as true/false (`doc.typed`) marked with that reading (schema.Typed), so that `check` and the
    JSON Schemas accept the same files. The document's own values are left as they are."""
    if not doc.typed:
        return doc.value
    root: dict = dict(doc.value)
    copied = {id(root)}
    for path, typed in doc.typed.items():
        container: Any = root
        for part in path[:-1]:  # copy each container on the way, once
            child = container[part]
            if id(child) not in copied:
                child = dict(child) if isinstance(child, dict) else list(child)
                copied.add(id(child))
                container[part] = child
            container = child
        container[path[-1]] = schema.Typed(container[path[-1]], typed)
    return root


def _private_keys(doc: Document, shown: str) -> Iterator[Problem]:
    if not any(is_private_key(key) for key in {str(path[-1]) for path in doc.key_positions if path}):
        return  # the common case: one (cached) test per distinct field name
    name = Path(shown).name
    for path in doc.key_positions:
        key = str(path[-1])
        if is_private_key(key) and (name, key.lower()) not in ALLOWED_PUBLIC_KEYS:
            line, col = doc.key_positions[path]
            yield Problem(shown, line, col, field_path(path), private_key_message(str(path[-1])))


def private_key_message(key: str) -> str:
    return _("check_private_key", key=key)


# --------------------------------------------------------------------------- schema errors


def schema_problems(exc: ValidationError, doc: Document, model: type[BaseModel]) -> list[Problem]:
    """Turn pydantic's errors into located problems an editor can act on."""
    problems = []
    for error in exc.errors(include_url=False):
        problem = schema_problem(error, tuple(error["loc"]), doc, model)
        if problem is not None:
            problems.append(problem)
    return problems


def _description(model: type[BaseModel] | None, name: str) -> str:
    """A field's description for editors in their language (schema.field_description), "" without a model."""
    return schema.field_description(model, name, editor_language()) if model is not None else ""


_FOLLOW_UP_ONLY = frozenset(schema.FollowUpEntry.model_fields) - frozenset(schema.Source.model_fields)


def schema_problem(error: Mapping[str, Any], loc: tuple, doc: Document, model: type[BaseModel]) -> Problem | None:
    """One of pydantic's errors (at `loc` in the record `doc` of `model`) as a located problem in the
    editor's language, or None when another error already says it (schema_problems gives them all)."""
    kind = error["type"]
    parent = model_at(model, loc[:-1])
    name = loc[-1] if loc else ""
    if kind == "missing":
        line, col = _position(doc, loc[:-1])
        description = _description(parent, name)
        if parent is Localized and name == "fr":
            message = _("check_french_text_missing")
        elif description:
            about = _first_sentence(description)
            message = _("check_field_missing_described", name=name, description=typeset(about[0].lower() + about[1:]))
        else:
            message = _("check_field_missing", name=name)
        return Problem(doc.path, line, col, field_path(loc), message)
    if kind == "extra_forbidden":
        line, col = doc.key_positions.get(loc, _position(doc, loc))
        allowed = list(parent.model_fields) if parent else []
        if is_private_key(str(name)) and (Path(doc.path).name, str(name).lower()) not in ALLOWED_PUBLIC_KEYS:
            return None  # reported by _private_keys, with what to do about private data
        if parent is Localized:
            message = _("check_not_a_language", name=name, suggestion=did_you_mean(name, allowed))
        elif parent is schema.Member and name in schema.MEMBER_FORMER_FIELDS:
            message = _("check_member_group_beside_name", name=name)
        elif parent is schema.Source and name in _FOLLOW_UP_ONLY and "sources" in loc[:-2]:
            message = _("check_follow_up_field_under_sources", name=name, guide=guide())
        else:
            message = _("check_unknown_field", name=name, suggestion=did_you_mean(name, allowed), fields=one_of(allowed))
        return Problem(doc.path, line, col, field_path(loc), message)
    line, col = _position(doc, loc)
    target = model_at(model, loc)
    value = error.get("input")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if target is Localized:
            message = _("check_needs_both_languages", name=name)
        else:
            message = _("check_should_be_a_group", found=_describe(value))
    elif kind == "list_type":
        message = _("check_should_be_a_list", found=_describe(value))
    elif kind == "too_short":
        message = _("check_empty_list")
    elif kind in ("string_type",):
        message = _("check_should_be_a_text", found=_describe(value))
    else:
        message = error["msg"]
        if message.startswith("Value error, "):
            message = message[len("Value error, "):]
    return Problem(doc.path, line, col, field_path(loc), message)


def _describe(value: Any) -> str:
    """What a value is, as the messages above say it ("but it is …")."""
    if value is None:
        return _("check_found_empty")
    if isinstance(value, dict):
        return _("check_found_group")
    if isinstance(value, list):
        return _("check_found_list")
    return _("check_found_text", value=value)


def _first_sentence(text: str) -> str:
    return text.split(". ")[0].rstrip(".")


def _position(doc: Document, loc: tuple) -> tuple[int, int]:
    parts = loc
    while parts:
        if parts in doc.positions:
            return doc.positions[parts]
        parts = parts[:-1]
    return doc.positions.get((), (1, 1))


def model_at(model: type[BaseModel] | None, loc: tuple) -> type[BaseModel] | None:
    """The model class that describes the value at `loc`, if any."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            current = _list_item(current)
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return None
        current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


def _list_item(annotation: Any) -> Any:
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) is list:
        return typing.get_args(annotation)[0]
    return None


# --------------------------------------------------------------------------- record walking


@functools.cache
def field_names(model: type[BaseModel]) -> tuple[str, ...]:
    """A model's fields in declared order (pydantic's `model_fields` is slow to ask each time)."""
    return tuple(model.model_fields)


def walk(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Every model and list item below `value`, with its path (fields in declared order)."""
    yield path, value
    if isinstance(value, BaseModel):
        for name in field_names(type(value)):
            child = getattr(value, name)
            if child is not None:
                yield from walk(child, path + (name,))
    elif isinstance(value, (list, tuple)):
        for index, child in enumerate(value):
            yield from walk(child, path + (index,))


def models(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, BaseModel]]:
    """The models of `walk(value)`, in its order, without visiting the texts, numbers and dates
    (most of a record): only the fields that can hold a model or a list are entered."""
    if isinstance(value, BaseModel):
        yield path, value
        for name in _model_holders(type(value)):
            child = getattr(value, name)
            if child is not None:
                yield from models(child, path + (name,))
    elif isinstance(value, (list, tuple)):
        for index, child in enumerate(value):
            if isinstance(child, (BaseModel, list, tuple)):
                yield from models(child, path + (index,))


@functools.cache
def _model_holders(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `model`, in declared order, whose type can hold a model (or is unknown)."""
    return tuple(name for name in field_names(model) if _may_hold_model(model.model_fields[name].annotation))


def _may_hold_model(annotation: Any) -> bool:
    if annotation is Any:
        return True
    if isinstance(annotation, type) and not typing.get_args(annotation):
        return issubclass(annotation, BaseModel)
    return any(_may_hold_model(arg) for arg in typing.get_args(annotation))


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class Context:
    """All that a rule on one record reads besides the record."""

    #: The day the check speaks of (dates_are_possible).
    today: date
    #: The keys of the contacts data/site.yml allows texts to show (no_contact_details_in_texts).
    allowed_contacts: frozenset[str]


Rule = Callable[[Dataset], Iterable[Problem]]
RULES: list[Rule] = []
EntryRule = Callable[[Entry, Context], Iterable[Problem]]
ENTRY_RULES: list[EntryRule] = []


def rule(function: Rule) -> Rule:
    RULES.append(function)
    return function


#: What each rule on one record reads of the Context (`@entry_rule(reads=…)`); a rule is given only
#: that (the rest is None, so that reading it fails in the tests), and its problems are kept while
#: what it reads stays the same: another day runs dates_are_possible again, not the other rules.
READS: dict[EntryRule, frozenset[str]] = {}
_CONTEXT_FIELDS = frozenset(f.name for f in fields(Context))


def entry_rule(function: EntryRule | None = None, *, reads: Collection[str] = ()) -> Any:
    def register(one: EntryRule) -> EntryRule:
        assert set(reads) <= _CONTEXT_FIELDS, reads
        ENTRY_RULES.append(one)
        READS[one] = frozenset(reads)
        return one

    return register(function) if function is not None else register


def context(dataset: Dataset) -> Context:
    return Context(dataset.today, public_contacts(dataset))


def _reads(one: EntryRule) -> frozenset[str]:
    return READS.get(one, _CONTEXT_FIELDS)  # a rule not declared (a test's spy) reads it all


def _given(where: Context, one: EntryRule) -> Context:
    """The context as `one` declared it reads it."""
    reads = _reads(one)
    values: dict[str, Any] = {name: getattr(where, name) if name in reads else None for name in _CONTEXT_FIELDS}
    return Context(**values)


def _entry_rules(dataset: Dataset, kept: Mapping[str, tuple[Entry, Context, dict[str, tuple[Problem, ...]]]]) -> list[Problem]:
    """The problems of ENTRY_RULES on every record, each rule's taken from `kept` for an entry that
    is the same object (not read again) when what the rule reads of the context is the same."""
    where = context(dataset)
    given = [(one, one.__name__, _given(where, one)) for one in ENTRY_RULES]
    stale_by_context: dict[int, set[str]] = {}  # id(an earlier context) -> the rules it makes run again
    problems: list[Problem] = []
    for e in all_entries(dataset):
        before = kept.get(e.path)
        if before is not None and before[0] is e:
            earlier, found = before[1], before[2]
            stale = stale_by_context.get(id(earlier))
            if stale is None:
                stale = stale_by_context[id(earlier)] = {
                    name for one, name, _ in given if any(getattr(earlier, f) != getattr(where, f) for f in _reads(one))}
            if stale or found.keys() != {name for _, name, _ in given}:
                found = {name: found[name] if name not in stale and name in found else tuple(one(e, view))
                         for one, name, view in given}
        else:
            found = {name: tuple(one(e, view)) for one, name, view in given}
        dataset.ruled[e.path] = (e, where, found)
        for one_found in found.values():
            problems += one_found
    return problems


def named_problems(dataset: Dataset) -> Iterator[tuple[str, Problem]]:
    """Every rule's problems, each with the name of the rule that found it."""
    for check in RULES:
        for problem in check(dataset):
            yield check.__name__, problem
    where = context(dataset)
    for e in all_entries(dataset):
        for one in ENTRY_RULES:
            for problem in one(e, _given(where, one)):
                yield one.__name__, problem


def all_entries(dataset: Dataset) -> Iterator[Entry]:
    """Every loaded record of the dataset: the site's and the statuses' files, then each folder's."""
    for single in (dataset.site, dataset.statuses):
        if single is not None:
            yield single
    for folder in sorted(dataset.folders):
        yield from dataset.entries(folder)


@rule
def ids_match_file_names(dataset: Dataset) -> Iterator[Problem]:
    for records in dataset.folders.values():
        for stem, entry in sorted(records.items()):
            if entry.record.id != stem:
                yield entry.problem(("id",), _("check_id_differs_from_file_name", id=entry.record.id, stem=stem))


#: What an unknown reference says, by the folder it should name.
_UNKNOWN = {"cohorts": N_("check_unknown_cohort"), "topics": N_("check_unknown_topic"),
            "recommendations": N_("check_unknown_recommendation"), "hearings": N_("check_unknown_hearing")}


def _reference(entry: Entry, path: tuple, value: str | None, folder: str, dataset: Dataset) -> Iterator[Problem]:
    if value is None:
        return
    if value not in dataset.folders.get(folder, {}) and value not in dataset.failed.get(folder, set()):
        yield entry.problem(path, _(_UNKNOWN[folder], value=value, suggestion=did_you_mean(value, dataset.ids(folder))))


def _workshop(entry: Entry, path: tuple, workshop: str | None, cohort_id: str, dataset: Dataset) -> Iterator[Problem]:
    cohort = dataset.folders.get("cohorts", {}).get(cohort_id)  # a broken cohort is reported on its own
    if workshop is None or cohort is None:
        return
    ids = [w.id for w in cohort.record.workshops]
    if workshop not in ids and ids:
        yield entry.problem(path, _("check_unknown_workshop", cohort=cohort_id, workshop=workshop, workshops=one_of(ids),
                                    suggestion=did_you_mean(workshop, ids)))
    elif workshop not in ids:
        yield entry.problem(path, _("check_unknown_workshop_none_yet", cohort=cohort_id, workshop=workshop))


@rule
def references_resolve(dataset: Dataset) -> Iterator[Problem]:
    for e in dataset.entries("topics"):
        yield from _reference(e, ("cohort",), e.record.cohort, "cohorts", dataset)
        yield from _workshop(e, ("workshop",), e.record.workshop, e.record.cohort, dataset)
    for e in dataset.entries("recommendations"):
        yield from _reference(e, ("topic",), e.record.topic, "topics", dataset)
        for i, hearing in enumerate(e.record.related_hearings):
            yield from _reference(e, ("related_hearings", i), hearing, "hearings", dataset)
        for i, other in enumerate(e.record.related_recommendations):
            yield from _reference(e, ("related_recommendations", i), other, "recommendations", dataset)
            if other == e.record.id:
                yield e.problem(("related_recommendations", i), _("check_related_to_itself"))
    for e in dataset.entries("hearings"):
        yield from _reference(e, ("cohort",), e.record.cohort, "cohorts", dataset)
        yield from _reference(e, ("topic",), e.record.topic, "topics", dataset)
        yield from _workshop(e, ("workshop",), e.record.workshop, e.record.cohort, dataset)
    for e in dataset.entries("members"):
        yield from _reference(e, ("cohort",), e.record.cohort, "cohorts", dataset)
        for i, counted in enumerate(e.record.workshop_counts):
            yield from _workshop(e, ("workshop_counts", i, "workshop"), counted.workshop, e.record.cohort, dataset)
    for e in dataset.entries("meetings"):
        for i, cohort in enumerate(e.record.cohorts):
            yield from _reference(e, ("cohorts", i), cohort, "cohorts", dataset)
        for i, topic in enumerate(e.record.topics):
            yield from _reference(e, ("topics", i), topic, "topics", dataset)


@rule
def statuses_resolve(dataset: Dataset) -> Iterator[Problem]:
    if dataset.statuses is None:
        return
    vocabulary = dataset.statuses.record
    ids = [s.id for s in vocabulary.statuses]
    seen: set[str] = set()
    for i, status in enumerate(vocabulary.statuses):
        if status.id in seen:
            yield dataset.statuses.problem(("statuses", i, "id"), _("check_status_defined_twice", status=status.id))
        seen.add(status.id)
    if vocabulary.not_assessed not in ids:
        yield dataset.statuses.problem(("not_assessed",), _("check_not_assessed_unknown", status=vocabulary.not_assessed, statuses=one_of(ids),
                                                             suggestion=did_you_mean(vocabulary.not_assessed, ids)))
    labels = {text: s.id for s in vocabulary.statuses for text in (s.label.fr, s.label.en) if text}
    for e in dataset.entries("recommendations"):
        for i, entry in enumerate(e.record.follow_up):
            if entry.status not in ids:
                yield e.problem(("follow_up", i, "status"), _("check_unknown_status", status=entry.status, statuses=one_of(ids),
                                                              suggestion=did_you_mean(entry.status, ids, labels)))


@rule
def workshops_unique(dataset: Dataset) -> Iterator[Problem]:
    for e in dataset.entries("cohorts"):
        seen: set[str] = set()
        for i, workshop in enumerate(e.record.workshops):
            if workshop.id in seen:
                yield e.problem(("workshops", i, "id"), _("check_workshop_id_twice", workshop=workshop.id))
            seen.add(workshop.id)


@rule
def cohort_ids_leave_room(dataset: Dataset) -> Iterator[Problem]:
    """A cohort's follow-up report is `suivi/<id>/`, beside the list of what is awaited."""
    for e in dataset.entries("cohorts"):
        if e.record.id == schema.AWAITED_PAGE:
            yield e.problem(("id",), _("check_cohort_id_reserved", id=schema.AWAITED_PAGE))


@rule
def cohort_numbers_unique(dataset: Dataset) -> Iterator[Problem]:
    seen: dict[int, str] = {}
    for e in dataset.entries("cohorts"):
        number = e.record.number
        if number in seen:
            yield e.problem(("number",), _("check_cohort_number_used", number=number, other=seen[number]))
        seen.setdefault(number, e.record.id)


@rule
def dates_in_order(dataset: Dataset) -> Iterator[Problem]:
    for e in dataset.entries("cohorts"):
        c = e.record
        if c.end and c.end.end < c.start.start:
            yield e.problem(("end",), _("check_cohort_ends_before_it_starts", end=c.end, start=c.start))
        previous = None
        for i, phase in enumerate(c.phases):
            if phase.end and phase.end.end < phase.start.start:
                yield e.problem(("phases", i, "end"), _("check_phase_ends_before_it_starts", end=phase.end, start=phase.start))
            if previous is not None and phase.start.start < previous.start.start:
                yield e.problem(("phases", i, "start"), _("check_phase_out_of_order", start=phase.start, previous=previous.start))
            previous = phase
    for e in dataset.entries("recommendations"):
        # A correction may stand anywhere after the entry it corrects (usually at the end): it is
        # not an assessment of its own day, so only the other entries must be oldest first.
        entries = [(i, entry) for i, entry in enumerate(e.record.follow_up) if entry.corrects is None]
        for (_first, before), (i, entry) in itertools.pairwise(entries):
            if entry.date < before.date:
                yield e.problem(("follow_up", i, "date"), _("check_follow_up_out_of_order", date=entry.date, previous=before.date))


@rule
def factual_records_have_sources(dataset: Dataset) -> Iterator[Problem]:
    for folder, model in kinds.FOLDER_TYPES.items():
        if not model.factual:
            continue
        for e in dataset.entries(folder):
            if not e.record.sources:
                yield e.problem((), _("check_record_without_source"))
    for e in dataset.entries("recommendations"):
        for i, entry in enumerate(e.record.follow_up):
            if not entry.sources:
                yield e.problem(("follow_up", i), _("check_follow_up_without_source"))


@rule
def figures_cite_a_source(dataset: Dataset) -> Iterator[Problem]:
    for e in dataset.entries("bodies"):
        count = len(e.record.sources)
        for i, figure in enumerate(e.record.figures):
            if figure.source > count:
                yield e.problem(("figures", i, "source"), ngettext("check_figure_source_out_of_range", "check_figure_source_out_of_range",
                                                                   count, source=figure.source))


@rule
def composition_fits_size(dataset: Dataset) -> Iterator[Problem]:
    for e in dataset.entries("cohorts"):
        total = sum(part.count for part in e.record.composition)
        if e.record.size and e.record.composition and total != e.record.size:
            yield e.problem(("composition",), ngettext("check_composition_differs_from_size", "check_composition_differs_from_size",
                                                       total, size=e.record.size))


@rule
def follow_up_is_consistent(dataset: Dataset) -> Iterator[Problem]:
    if dataset.statuses is None:
        return
    statuses = {s.id: s for s in dataset.statuses.record.statuses}
    for e in dataset.entries("recommendations"):
        previous_target = None
        for i, entry in enumerate(e.record.follow_up):
            status = statuses.get(entry.status)
            if status is not None and entry.progress is not None:
                if status.final and status.progress is not None and entry.progress != status.progress:
                    yield e.problem(("follow_up", i, "progress"), _("check_progress_contradicts_final_status", progress=entry.progress,
                                                                    status=status.id, status_progress=status.progress))
                elif status.progress is None:
                    yield e.problem(("follow_up", i, "progress"), _("check_status_has_no_progress", status=status.id))
                elif entry.progress != status.progress and entry.progress_reason is None:
                    yield e.problem(("follow_up", i, "progress"), _("check_progress_without_reason", progress=entry.progress,
                                                                    status=status.id, status_progress=status.progress))
        # The target's history is read from the entries in effect (a corrected entry's target is not one).
        for i in ledger.ledger(e.record.follow_up).in_effect:
            entry = e.record.follow_up[i]
            if entry.target is not None:
                if previous_target is not None and entry.target != previous_target and entry.target_reason is None:
                    yield e.problem(("follow_up", i, "target"), _("check_target_moved_without_reason", previous=previous_target,
                                                                  target=entry.target))
                previous_target = entry.target


@entry_rule
def follow_up_entries_are_unique(e: Entry, where: Context) -> Iterator[Problem]:
    """One assessor gives one assessment a day: two entries in effect with the same date and assessor
    are a block pasted twice, or a correction written without `corrects:` (generator/records/ledger.py)."""
    if e.record.record_kind != "recommendation":
        return
    entries = e.record.follow_up
    book = ledger.ledger(entries)
    seen: dict[tuple[date, str], int] = {}
    for i in sorted(book.in_effect):
        if i in book.unresolved:
            continue  # a correction that names no entry: corrections_name_an_entry says so
        entry = entries[i]
        first = seen.setdefault(ledger.key(entry), i)
        if first == i:
            continue
        if _same_entry(entries[first], entry):
            yield e.problem(("follow_up", i), _("check_follow_up_pasted_twice", entry=first + 1))
        else:
            yield e.problem(("follow_up", i), _("check_follow_up_same_day_differs", entry=first + 1, date=entry.date,
                                                assessor=entry.assessor))


def _same_entry(a: schema.FollowUpEntry, b: schema.FollowUpEntry) -> bool:
    """The same assessment, whatever sources each lists."""
    return a.model_dump(exclude={"sources"}) == b.model_dump(exclude={"sources"})


@entry_rule
def corrections_name_an_entry(e: Entry, where: Context) -> Iterator[Problem]:
    """A correction names an earlier entry in effect, is made after it, and changes something."""
    if e.record.record_kind != "recommendation":
        return
    entries = e.record.follow_up
    book = ledger.ledger(entries)
    for i in book.unresolved:
        entry = entries[i]
        assert entry.corrects is not None
        date_of, assessor = ledger.target(entry) or (entry.date, entry.assessor)
        same_day = [k + 1 for k, other in enumerate(entries[:i]) if other.date == date_of]
        hint = (" " + _("check_correction_hint_other_assessor", entry=same_day[0], assessor=entries[same_day[0] - 1].assessor)
                if same_day and all(entries[k - 1].assessor != assessor for k in same_day) else "")
        already = [k + 1 for k, c in book.corrects.items() if ledger.key(entries[c]) == (date_of, assessor) and k < i]
        if already:
            correction = entries[already[-1] - 1]
            hint = " " + _("check_correction_hint_corrected_already", entry=already[-1], date=correction.date,
                           assessor=correction.assessor)
        yield e.problem(("follow_up", i, "corrects", "entry_date"),
                        _("check_correction_names_no_entry", date=date_of, assessor=assessor, hint=hint))
    for corrector, corrected in book.corrects.items():
        entry, old = entries[corrector], entries[corrected]
        assert entry.corrects is not None
        if entry.corrects.date < old.date:
            yield e.problem(("follow_up", corrector, "corrects", "date"),
                            _("check_correction_before_its_entry", date=entry.corrects.date, entry_date=old.date))
        if old.model_dump(exclude={"corrects"}) == entry.model_dump(exclude={"corrects"}):
            yield e.problem(("follow_up", corrector), _("check_correction_changes_nothing", entry=corrected + 1))


def check_day(build_date: date, clock: date) -> date:
    """The day a check speaks of: the later of the build's day (SOURCE_DATE_EPOCH, read by the CLI)
    and the clock's. Rebuilding the site as it stood on an earlier day must not turn later, real
    entries into errors."""
    return max(build_date, clock)


def _when(value: Any) -> tuple[date, date]:
    """The first and last day of a date (a PartialDate covers a month or a year)."""
    return (value.start, value.end) if isinstance(value, schema.PartialDate) else (value, value)


#: What a date of each field after today says: field name -> message.
_HAPPENED = {
    "consulted": N_("check_future_consulted"),
    "published": N_("check_future_published"),
    "date": N_("check_future_date"),
    "start": N_("check_future_start"),
    "end": N_("check_future_end"),
    "created": N_("check_future_created"),
    "as_of": N_("check_future_as_of"),
}


@entry_rule(reads=("today",))
def dates_are_possible(e: Entry, where: Context) -> Iterator[Problem]:
    """Dates of what happened are not after today (a target date and a planned meeting or vote may
    be): a typo in a year ("2099") is an error."""
    # One day later than today: an editor in Paris may write tomorrow's date while the check runs
    # on a server still on UTC's today.
    today = where.today
    last = today + timedelta(days=1)
    planned: set[tuple[str, ...]]
    if e.record.record_kind == "meeting":
        planned = {("date",)}
    elif e.record.record_kind == "topic" and e.record.vote is not None and e.record.vote.result == "pending":
        planned = {("vote", "date")}
    else:
        planned = set()
    for path, value in models(e.record):
        names = field_names(type(value))
        for name in _HAPPENED:
            when = getattr(value, name, None) if name in names else None
            if not isinstance(when, date | schema.PartialDate) or path + (name,) in planned:
                continue
            if _when(when)[0] > last:
                yield e.problem(path + (name,), _(_HAPPENED[name], date=when.isoformat(), today=today.isoformat()))


@rule
def dates_within_cohorts(dataset: Dataset) -> Iterator[Problem]:
    """What a cohort did falls within its life: a typo in a year ("1925") is an error."""
    cohorts = dataset.folders.get("cohorts", {})

    def outside(entry: Entry, path: tuple, when: Any, cohort_id: str | None, *, after_end: bool) -> Iterator[Problem]:
        cohort = cohorts.get(cohort_id or "")
        if cohort is None:
            return  # an unknown cohort is reported by references_resolve
        first, last = _when(when)
        start, end = cohort.record.start, cohort.record.end
        if last < start.start:
            yield entry.problem(path, _("check_date_before_cohort", date=when.isoformat(), cohort=cohort_id, start=start))
        elif after_end and end is not None and first > end.end:
            yield entry.problem(path, _("check_date_after_cohort", date=when.isoformat(), cohort=cohort_id, end=end))

    for e in dataset.entries("hearings"):
        yield from outside(e, ("date",), e.record.date, e.record.cohort, after_end=True)
    for e in dataset.entries("topics"):
        if e.record.vote is not None:
            yield from outside(e, ("vote", "date"), e.record.vote.date, e.record.cohort, after_end=False)
    topics = dataset.folders.get("topics", {})
    for e in dataset.entries("recommendations"):
        topic = topics.get(e.record.topic)
        for i, entry in enumerate(e.record.follow_up):
            if topic is not None:
                yield from outside(e, ("follow_up", i, "date"), entry.date, topic.record.cohort, after_end=False)
    for e in dataset.entries("meetings"):
        for cohort_id in e.record.cohorts:
            yield from outside(e, ("date",), e.record.date, cohort_id, after_end=False)


_DATED_ID = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)-[a-z]")


@rule
def meeting_ids_start_with_their_date(dataset: Dataset) -> Iterator[Problem]:
    for e in dataset.entries("meetings"):
        written = _DATED_ID.match(e.record.id)
        when = e.record.date.isoformat()
        if written and written[1] != when:
            yield e.problem(("date",), _("check_meeting_date_not_in_file_name", date=when, written=written[1]))


@dataclass(frozen=True)
class TranslationGap:
    """A text that exists in French and not yet in English (for the staff's translation report)."""

    file: str
    line: int
    field: str
    missing: str
    excerpt: str


def translation_gaps(dataset: Dataset) -> list[TranslationGap]:
    gaps = []
    for e in all_entries(dataset):
        for path, value in models(e.record):
            if isinstance(value, Localized) and value.en is None:
                excerpt = " ".join(value.fr.split())
                excerpt = excerpt if len(excerpt) <= 120 else excerpt[:119].rsplit(" ", 1)[0] + "…"
                gaps.append(TranslationGap(e.doc.path, e.at(*path)[0], field_path(path), "en", excerpt))
    return gaps


@entry_rule
def translations_present(e: Entry, where: Context) -> Iterator[Problem]:
    for path, value in models(e.record):
        if isinstance(value, Localized) and value.en is None:
            yield e.problem(path, _("check_english_missing"), WARNING)


PLACEHOLDERS = tuple(schema.TO_COMPLETE.values())


def _texts(value: Any) -> str:
    """Every text in a raw record, one per line (line breaks are not read as part of a contact)."""
    found: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return "\n".join(found)


def _strings(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every text in a raw record, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _strings(child, path + (index,))


@entry_rule
def nothing_left_to_complete(e: Entry, where: Context) -> Iterator[Problem]:
    if not any(mark in e.doc.text for mark in PLACEHOLDERS):
        return  # the common case: one scan of the file's text, no walk
    for path, text in _strings(e.doc.value):
        if any(mark in text for mark in PLACEHOLDERS):
            yield e.problem(path, _("check_left_to_complete"), WARNING)


_HTTP = re.compile(r"\bhttp://[^\s<>\"')\]]+", re.I)


@entry_rule
def web_addresses_are_safe(e: Entry, where: Context) -> Iterator[Problem]:
    """An address with a user name or password (https://user:pass@…) would publish them: refused in
    texts too (address fields refuse it in the schema). An http:// address is warned about: readers
    would leave the site's https for an unencrypted page, which anyone on the way can change."""
    text = e.doc.text
    # "http:" in any case ends with "p:" or "P:" (far faster to find than a lower-case copy of the file).
    if "@" not in text and (("p:" not in text and "P:" not in text) or "http:" not in text.lower()):
        return  # the common case: one scan of the file's text, no walk
    for path, value in _strings(e.doc.value):
        is_address = bool(path) and path[-1] in ("url", "base_url", "repository")
        found = None if is_address else schema.CREDENTIALS.search(value)
        if found:
            yield e.problem(path, _("check_credentials_in_text"))
        plain = _HTTP.search(value)
        if plain:
            yield e.problem(path, _("check_http_address", address=plain.group()), WARNING)


def public_contacts(dataset: Dataset) -> frozenset[str]:
    """The keys (contacts.Contact.key) of the contacts data/site.yml allows texts to show."""
    if dataset.site is None:
        return frozenset()
    return frozenset(c.key for text in dataset.site.record.public_contacts for c in contacts.find(text))


def contact_problems(text: str, allowed: frozenset[str]) -> Iterator[tuple[contacts.Contact, str]]:
    """(contact, message) for each contact detail in `text` that the site may
    not publish: a person's (a mobile number, a personal mail box), or one not listed in
    `public_contacts`."""
    for found in contacts.find(text):
        if found.key in allowed:
            continue
        email = found.kind == "email"
        if contacts.personal(found):
            yield found, (_("check_personal_email", contact=found.written) if email
                          else _("check_personal_phone", contact=found.written))
        else:
            yield found, (_("check_email_not_public", contact=found.written) if email
                          else _("check_phone_not_public", contact=found.written))


@rule
def public_contacts_are_a_services(dataset: Dataset) -> Iterator[Problem]:
    if dataset.site is None:
        return
    for i, text in enumerate(dataset.site.record.public_contacts):
        found = contacts.find(text)
        if not found:
            yield dataset.site.problem(("public_contacts", i), _("check_public_contact_not_a_contact", text=text))
        elif any(contacts.personal(c) for c in found):
            yield dataset.site.problem(("public_contacts", i), _("check_public_contact_personal", text=text))


@entry_rule(reads=("allowed_contacts",))
def no_contact_details_in_texts(e: Entry, where: Context) -> Iterator[Problem]:
    allowed = where.allowed_contacts
    site = e.record.record_kind == "site"
    # Every text is read, as its value (a pattern run over the file would miss escaped forms). Most
    # records hold no contact: their texts are first searched at once (contacts.may_hold), and
    # one by one only when they may hold one.
    if not site and not contacts.may_hold(_texts(e.doc.value)):
        return
    for path, text in _strings(e.doc.value):
        if site and path and path[0] == "public_contacts":
            continue  # the list itself (public_contacts_are_a_services)
        if path and path[-1] in ("url", "base_url", "repository"):
            # A web address holds long numbers (page ids); an e-mail address in its query still counts.
            text = re.sub(r"^[a-z]+://[^/]*", "", text)
            messages = [m for c, m in contact_problems(text, allowed) if c.kind == "email"]
        else:
            messages = [m for _c, m in contact_problems(text, allowed)]
        for message in messages:
            yield e.problem(path, message)


@entry_rule(reads=("allowed_contacts",))
def comments_hold_nothing_private(e: Entry, where: Context) -> Iterator[Problem]:
    """A YAML comment is never published on the site, but anyone reads it in the public repository:
    it is read with the rules of texts (contacts, as no_contact_details_in_texts), and refuses a
    birth date, an age in the same line as a full name, a private key or an access token."""
    for line, column, comment in e.doc.comments:
        problems = [message for _c, message in contact_problems(comment, where.allowed_contacts)]
        for detail in contacts.private_details(comment):
            shown = _shorten(detail.written)
            problems.append(_("check_secret", shown=shown) if detail.kind == "secret"
                            else _("check_comment_birth_date", shown=shown) if detail.kind == "birth_date"
                            else _("check_comment_age_beside_name", shown=shown))
        for message in problems:
            yield Problem(e.doc.path, line, column, "", _("check_in_a_comment", problem=message))


@entry_rule
def no_secrets_in_texts(e: Entry, where: Context) -> Iterator[Problem]:
    """A private key or an access token in a text would be published: refused, as in comments."""
    if not contacts.may_hold_secret(e.doc.text) or not contacts.SECRET.search(e.doc.text):
        return  # the common case: one scan of the file's text, no walk
    for path, text in _strings(e.doc.value):
        for found in contacts.SECRET.finditer(text):
            yield e.problem(path, _("check_secret", shown=_shorten(found.group())))


def _shorten(text: str) -> str:
    """A part of a text quoted in a message: on one line, at most 40 characters."""
    shown = " ".join(text.split())
    return shown if len(shown) <= 40 else shown[:39] + "…"


#: An HTML comment is refused: it is public in the repository. (The tests' hostile build lowers it
#: to a warning, to show that the sanitizer keeps such comments off every output all the same.)
HTML_COMMENT_SEVERITY = ERROR

#: A Markdown link whose address the render removes (markup.removed_links): an error (a test lets it
#: through as a warning, to show the render removes it all the same: tests/conftest.py, hostile_site).
LINK_REMOVED_SEVERITY = ERROR


def hidden_markup_problems(path: str, text: str, locate: Callable[[int], tuple[int, int]], field_name: str = "") -> Iterator[Problem]:
    """What `markup.public_text` removes from `text` (a record's value or a page), located by
    `locate(index in text) -> (line, column)`: a comment is public in the repository though never
    on the site; a comment or element never closed would hide the rest of the text. A Markdown link
    whose address the render removes (`javascript:`, `data:`, `file:`…: markup.removed_links) is an
    error: its words would be published without the link, unsaid."""
    for address in removed_links(public_text(text)):
        at = text.find(address)
        line, column = locate(at if at >= 0 else max(text.find("]"), 0))
        shown = " ".join(address.split())
        yield Problem(path, line, column, field_name,
                      _("check_link_removed", address=shown if len(shown) <= 60 else shown[:59] + "…"),
                      LINK_REMOVED_SEVERITY)
    for index, written, closed in hidden_parts(text):
        line, column = locate(index)
        shown = " ".join(written.split())
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        if not closed:
            yield Problem(path, line, column, field_name,
                          _("check_comment_never_closed", shown=shown) if written.startswith("<!--")
                          else _("check_element_never_closed", shown=shown))
        elif written.startswith("<!--"):
            yield Problem(path, line, column, field_name, _("check_html_comment", shown=shown), HTML_COMMENT_SEVERITY)
        else:
            yield Problem(path, line, column, field_name, _("check_html_removed", shown=shown, guide=guide()), WARNING)


def line_starts(text: str) -> list[int]:
    """Where each line of `text` starts (line breaks counted as the loader counts them)."""
    return [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]


def value_locator(text: str, starts: list[int], at: tuple[int, int], raw: str) -> Callable[[int], tuple[int, int]]:
    """`raw[index]` -> its line and column in the file `text`, for a value written from `at` on.
    Quotes, escapes and folded lines move the parts of a value, so a part is searched for in the
    file from where the value starts, rather than counted."""
    begin = starts[at[0] - 1] + at[1] - 1

    def locate(index: int) -> tuple[int, int]:
        needle = raw[index:index + 4]
        found = begin - 1
        for _seen in range(raw.count(needle, 0, index) + 1):  # the same opener may come earlier in the value
            found = text.find(needle, found + 1)
            if found < 0:
                return at
        row = bisect.bisect_right(starts, found)
        return row, found - starts[row - 1] + 1

    return locate


@entry_rule
def hidden_markup(e: Entry, where: Context) -> Iterator[Problem]:
    if "<" not in e.doc.text and "](" not in e.doc.text and "]:" not in e.doc.text and "][" not in e.doc.text:
        return  # the common case: a few scans of the file's text, no walk (a link needs one of them)
    starts = line_starts(e.doc.text)
    for path, raw in _strings(e.doc.value):
        if "<" in raw or "](" in raw or "]:" in raw or "][" in raw:
            locate = value_locator(e.doc.text, starts, e.at(*path), raw)
            yield from hidden_markup_problems(e.doc.path, raw, locate, field_path(path))


#: A published name holds letters (any alphabet), spaces, hyphens, apostrophes and full stops
#: (initials) only: digits, brackets or commas would carry something else beside the name — an
#: age ("Lou, 16 ans"), a nationality ("Amadou (Mali)"), a note — which must never be published
#: next to a person's name.
_NAME = re.compile(r"[^\W\d_]+(?:[ '’.-]+[^\W\d_]+)*\.?")
#: First name and initial: one first name (a compound one joined by a hyphen, as "Jean-Pierre"),
#: a space, the initial of the last name and a full stop.
_FIRST_NAME_INITIAL = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)* [^\W\d_]\.")


#: Fields that hold a title or a name: one line, at most SHORT_LIMIT characters. They reach the
#: page's <title>, link previews, table cells and CSV columns.
SHORT_FIELDS = frozenset("""
    title name label text_title display_name organisation role department elected_official audit_term value
    size subjects city council body status
""".split())
SHORT_LIMIT = 300
ADDRESS_LIMIT = 2000
TEXT_LIMIT = 20_000
_ADDRESS_FIELDS = ("url", "base_url", "repository")


def length_problem(field_name: str, text: str) -> str | None:
    """What is wrong with the length or shape of a text of the field `field_name`, if anything."""
    if field_name in SHORT_FIELDS:
        if "\n" in text.strip():
            return _("check_title_on_several_lines")
        if len(text) > SHORT_LIMIT:  # (never one character: no plural form needed)
            return _("check_title_too_long", length=_number(len(text)), limit=_number(SHORT_LIMIT))
        return None
    limit = ADDRESS_LIMIT if field_name in _ADDRESS_FIELDS else TEXT_LIMIT
    if len(text) > limit:
        return _("check_text_too_long", length=_number(len(text)), limit=_number(limit))
    return None


def _number(value: int) -> str:
    """A number as the editor's language writes it (100,000; 100 000)."""
    return format_decimal(value, locale=editor_language())


@entry_rule
def texts_have_sensible_lengths(e: Entry, where: Context) -> Iterator[Problem]:
    for path, text in _strings(e.doc.value):
        if len(text) <= 80 and "\n" not in text:
            continue  # the common case
        field_name = next((str(p) for p in reversed(path) if isinstance(p, str) and p not in LANGUAGES), "")
        message = length_problem(field_name, text)
        if message:
            yield e.problem(path, message)


@rule
def responses_agree_with_statuses(dataset: Dataset) -> Iterator[Problem]:
    """A measure the City did not retain is not being carried out: an entry that says both
    contradicts itself (the status's default progress, or the entry's own, is above 0 %)."""
    if dataset.statuses is None:
        return
    statuses = {s.id: s for s in dataset.statuses.record.statuses}
    stopped = [s.id for s in dataset.statuses.record.statuses if s.final and not s.progress]
    for e in dataset.entries("recommendations"):
        for i, entry in enumerate(e.record.follow_up):
            status = statuses.get(entry.status)
            if entry.response != "not_retained" or status is None:
                continue
            progress = entry.progress if entry.progress is not None else status.progress
            if progress and stopped:
                yield e.problem(("follow_up", i, "status"), _("check_not_retained_but_under_way", status=status.id,
                                                              progress=progress, statuses=one_of(stopped)))
            elif progress:
                yield e.problem(("follow_up", i, "status"), _("check_not_retained_but_under_way_no_final_status",
                                                              status=status.id, progress=progress))


@rule
def members_are_published_at_their_consent_level(dataset: Dataset) -> Iterator[Problem]:
    """A member is named only at their consent level, never beside what would single them out (the
    member file records no one's group or workshop: the list's groups and workshops are counts), and
    a minor is never named: the list counts at least as many members counted only as minors."""
    seen_cohorts: dict[str, str] = {}
    for e in dataset.entries("members"):
        if e.record.cohort in seen_cohorts:
            yield e.problem(("cohort",), _("check_member_list_twice", cohort=e.record.cohort, other=seen_cohorts[e.record.cohort]))
        seen_cohorts.setdefault(e.record.cohort, e.record.id)
        yield from _member_counts(e)
        for i, member in enumerate(e.record.members):
            name = member.display_name
            if member.consent == "counted_only" and name is not None:
                yield e.problem(("members", i, "display_name"), _("check_counted_only_member_named"))
            elif member.consent != "counted_only" and name is None:
                yield e.problem(("members", i), _("check_member_without_name"))
            elif name is not None and not _NAME.fullmatch(name):
                yield e.problem(("members", i, "display_name"), _("check_name_holds_more_than_a_name", name=name))
            elif member.consent == "first_name_initial" and not _FIRST_NAME_INITIAL.fullmatch(name or ""):
                yield e.problem(("members", i, "display_name"), _("check_not_a_first_name_and_initial", name=name))
        cohort = dataset.folders.get("cohorts", {}).get(e.record.cohort)
        if cohort is not None and cohort.record.size and len(e.record.members) > cohort.record.size:
            yield e.problem(("members",), ngettext("check_more_members_than_size", "check_more_members_than_size",
                                                   len(e.record.members), size=cohort.record.size))


def _member_counts(e: Entry) -> Iterator[Problem]:
    """A member list's counts agree with its entries: the groups add up to the members listed, the
    workshops to no more, and no more minors than members counted only (a minor is never named)."""
    listed = len(e.record.members)
    groups = sum(part.count for part in e.record.composition)
    if e.record.composition and groups != listed:
        yield e.problem(("composition",), ngettext("check_member_composition_differs", "check_member_composition_differs",
                                                   groups, listed=listed))
    in_workshops = sum(part.count for part in e.record.workshop_counts)
    if in_workshops > listed:
        yield e.problem(("workshop_counts",), ngettext("check_member_workshops_exceed", "check_member_workshops_exceed",
                                                       in_workshops, listed=listed))
    minors = sum(part.count for part in e.record.composition if part.category == "minors")
    counted_only = sum(1 for member in e.record.members if member.consent == "counted_only")
    if minors > counted_only:
        where = next(i for i, part in enumerate(e.record.composition) if part.category == "minors")
        yield e.problem(("composition", where, "count"), ngettext("check_minors_named", "check_minors_named",
                                                                  minors, counted_only=counted_only))


@rule
def former_ids_are_free(dataset: Dataset) -> Iterator[Problem]:
    for folder in ("cohorts", "topics", "recommendations", "hearings", "meetings"):
        current = set(dataset.ids(folder)) | dataset.failed.get(folder, set())
        claimed: dict[str, str] = {}
        for e in dataset.entries(folder):
            for i, old in enumerate(e.record.former_ids):
                if old in current:
                    yield e.problem(("former_ids", i), _("check_former_id_in_use", id=old, folder=folder))
                elif old in claimed and claimed[old] != e.record.id:
                    yield e.problem(("former_ids", i), _("check_former_id_claimed", id=old, other=claimed[old]))
                claimed.setdefault(old, e.record.id)
