"""What `check` found in each record, kept between two runs, outside the working tree.

Reading and checking every file is most of `check` (at 10,000 recommendations, about 13,500 files
parsed with their positions, validated and read by the rules on one record), and an editor runs it
again after changing one or two of them. `check` therefore keeps, for each record that passed its
schema, the record, its own problems and those of the rules on it alone, and the next run takes
them again for every file whose bytes are the same (a digest of the content, not its date: a
`git checkout` or a copy that keeps dates cannot fool it). The rules across records always run on
the whole dataset, and the rules on one record run again when their context changed (the day, the
site's public contacts), so the problems are exactly those of a run without the cache.

The cache is one file per data folder, under ``$XDG_CACHE_HOME/droit-de-suite`` (by default
``~/.cache/droit-de-suite``), never in the repository: it is the checker's memory, not a record.
``DROIT_DE_SUITE_CACHE`` names another folder, or ``off`` turns it off (``check --no-cache`` too).
It is valid only for the same generator code and the same library versions (a fingerprint read
first); an unreadable, foreign or stale file is ignored and written again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pydantic
import yaml

from .. import processes
from .catalogue import editor_language
from .problems import Problem
from .validate import Dataset, Entry

#: The environment variable that names the cache's folder, or "off".
SETTING = "DROIT_DE_SUITE_CACHE"
_PACKAGE = Path(__file__).resolve().parent.parent


def folder() -> Path | None:
    """The folder of the generator's caches (this one, and the build's kept page layouts:
    generator/engine/layouts.py), None when they are off."""
    setting = os.environ.get(SETTING, "")
    if setting.lower() == "off":
        return None
    if setting:
        return Path(setting)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "droit-de-suite"


def location(data_dir: Path, root: Path) -> Path | None:
    """The cache file for this data folder and message root, None when the cache is off."""
    base = folder()
    if base is None:
        return None
    # Messages name files relative to the root, in the editor's language: a cache is for one data
    # folder seen from one root, in one language.
    key = hashlib.blake2b(f"{os.path.abspath(data_dir)}\0{os.path.abspath(root)}\0{editor_language()}".encode(),
                          digest_size=10)
    return base / f"check-{key.hexdigest()}.pickle"


@functools.cache
def fingerprint() -> bytes:
    """The generator's code and the versions of what reads and holds the records: a cache written
    by any other code (a rule changed, a message reworded, pydantic upgraded) is not used."""
    code = hashlib.blake2b(digest_size=16)
    for source in sorted(_PACKAGE.rglob("*.py")):
        code.update(source.relative_to(_PACKAGE).as_posix().encode() + b"\0" + source.read_bytes() + b"\0")
    code.update(f"{sys.version}\0{pydantic.VERSION}\0{yaml.__version__}\0{pickle.HIGHEST_PROTOCOL}".encode())
    return code.digest()


def read(file: Path | None, data_dir: Path) -> Dataset | None:
    """What an earlier `check` of `data_dir` kept, or None (no cache, another code, unreadable)."""
    if file is None:
        return None
    try:
        with open(file, "rb") as stream:
            if pickle.load(stream) != fingerprint():
                return None
            kept = pickle.load(stream)
    except FileNotFoundError:
        return None
    except Exception:  # a damaged or foreign file (any unpickling error): not used, written again
        return None
    if not isinstance(kept, Dataset) or kept.root != data_dir:
        return None
    return kept


def stale(previous: Dataset | None, dataset: Dataset) -> bool:
    """Whether this run read or checked anything that `previous` did not hold."""
    if previous is None or previous.loaded.keys() != dataset.loaded.keys() or previous.ruled.keys() != dataset.ruled.keys():
        return True
    return (any(entry is not previous.loaded[path][1] for path, (_, entry, _) in dataset.loaded.items())
            or any(found is not previous.ruled[path][2] for path, (_, _, found) in dataset.ruled.items()))


def write(file: Path | None, dataset: Dataset, *, background: bool = False) -> None:
    """Keep what this run read and checked for the next one. With `background` (the process ends
    right after), a copy of the process writes it while the command returns: the editor does not
    wait for it. Nothing is said when it cannot be written: the next run reads the files again."""
    if file is None:
        return
    target = file
    if background and processes.detach(lambda: _write(target, dataset)):
        return
    _write(file, dataset)


def _write(file: Path, dataset: Dataset) -> None:
    # Each record without its document (read again only if a later run needs it: Entry.doc), the
    # same object wherever it is named, so that the rules' problems stay tied to it.
    thin: dict[int, Entry] = {}
    loaded: dict[Path, tuple[tuple[int, ...], Entry | None, list[Problem]]] = {}
    for path, (signature, entry, problems) in dataset.loaded.items():
        if entry is not None:
            thin[id(entry)] = entry.without_document(path)
            loaded[path] = (signature, thin[id(entry)], problems)
    ruled = {shown: (thin[id(entry)], where, found) for shown, (entry, where, found) in dataset.ruled.items()
             if id(entry) in thin}
    kept = Dataset(root=dataset.root, today=dataset.today, loaded=loaded, ruled=ruled)
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        # Written beside, then renamed: a run reading meanwhile sees the old file or the new one.
        descriptor, temporary = tempfile.mkstemp(dir=file.parent, prefix=file.name, suffix=".part")
        try:
            with os.fdopen(descriptor, "wb") as stream:
                pickle.dump(fingerprint(), stream, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(kept, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, file)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except (OSError, pickle.PicklingError, RecursionError):
        return


def digest(*parts: Any) -> str:
    """SHA-256 (hex) of `parts` as canonical JSON (sorted keys; what JSON cannot hold, as its text):
    the same values give the same digest on any machine (record versions, kept pages' keys)."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def tree_digest(folders: Iterable[Path]) -> str:
    """A digest of every file under `folders`: their paths and bytes."""
    total = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            total.update(f"{path.relative_to(folder).as_posix()}\0".encode() + hashlib.sha256(path.read_bytes()).digest())
    return total.hexdigest()


class TextStore:
    """Texts an earlier build made (pages, before or after MkDocs laid them out), each kept under a
    key that is a digest of everything it was made from, in `folder`, outside the working tree:
    `get` one by its key, `put` a new one, `prune` what the last complete build did not use. A stale
    text cannot be taken for a new one: it is named by its inputs, never by its address. Safe across
    processes (a forked copy renders the second language): a text read or written is dated now, and
    `prune` removes the files dated before the build started."""

    def __init__(self, folder: Path, shared: str = "") -> None:
        self.folder = folder
        #: What every text of this store shares (code, templates, settings…), part of every key.
        self.shared = shared
        self.started = time.time()
        self.reused = 0
        self.made = 0

    def key(self, *parts: Any) -> str:
        return digest(self.shared, *parts)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.txt"

    def get(self, key: str) -> str | None:
        """The text kept under `key`, or None."""
        path = self._path(key)
        try:
            text = path.read_text(encoding="utf-8")
            os.utime(path)  # used by this build: kept by prune
        except (OSError, UnicodeError):
            return None
        self.reused += 1
        return text

    def put(self, key: str, text: str) -> None:
        """Keep `text` under `key`. Nothing is said when it cannot be written: the next build makes
        that text again."""
        self.made += 1
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Written beside, then renamed: a build reading meanwhile sees no half-written text.
            descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(text.encode("utf-8", errors="surrogatepass"))
            os.replace(temporary, path)
        except (OSError, UnicodeError):
            return

    def prune(self) -> None:
        """Remove every text no build used since this store was opened (after a complete build:
        what it did not use belongs to no page of the site any more)."""
        if not self.folder.is_dir():
            return
        for sub in self.folder.iterdir():
            if sub.is_dir():
                for file in sub.iterdir():
                    try:
                        if file.stat().st_mtime < self.started - 1:
                            file.unlink()
                    except OSError:
                        continue
