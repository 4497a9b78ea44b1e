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
import os
import pickle
import sys
import tempfile
from pathlib import Path

import pydantic
import yaml

from .. import processes
from .catalogue import editor_language
from .problems import Problem
from .validate import Dataset, Entry

#: The environment variable that names the cache's folder, or "off".
SETTING = "DROIT_DE_SUITE_CACHE"
_PACKAGE = Path(__file__).resolve().parent.parent


def location(data_dir: Path, root: Path) -> Path | None:
    """The cache file for this data folder and message root, None when the cache is off."""
    setting = os.environ.get(SETTING, "")
    if setting.lower() == "off":
        return None
    if setting:
        folder = Path(setting)
    else:
        folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "droit-de-suite"
    # Messages name files relative to the root, in the editor's language: a cache is for one data
    # folder seen from one root, in one language.
    key = hashlib.blake2b(f"{os.path.abspath(data_dir)}\0{os.path.abspath(root)}\0{editor_language()}".encode(),
                          digest_size=10)
    return folder / f"check-{key.hexdigest()}.pickle"


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
