"""Which code and which data made the site: the data's version (a hash of data/), the git commit
and the generator's version, quoted by build-info.json, the citations, the feeds and datapackage.json.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tomllib
from pathlib import Path


def data_version(data_dir: Path) -> str:
    """First 12 hex digits of a SHA-256 over every file under `data_dir`, by relative path.

    Each file adds its POSIX relative path, a NUL byte, its length in decimal, a NUL byte and its
    bytes, in path order: the same data gives the same version on any machine.
    """
    digest = hashlib.sha256()
    files = sorted((p.relative_to(data_dir).as_posix(), p) for p in data_dir.rglob("*") if p.is_file())
    for name, path in files:
        content = path.read_bytes()
        digest.update(name.encode("utf-8") + b"\0" + str(len(content)).encode("ascii") + b"\0" + content)
    return digest.hexdigest()[:12]


def git_commit(root: Path) -> str | None:
    """GITHUB_SHA in CI, else what `git rev-parse HEAD` says in `root`, else None."""
    sha = os.environ.get("GITHUB_SHA", "").strip()
    if sha:
        return sha
    try:
        completed = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True,
                                   timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    out = completed.stdout.strip()
    return out if completed.returncode == 0 and out else None


def generator_version() -> str:
    pyproject = Path(__file__).resolve().parents[3] / "pyproject.toml"
    try:
        return "droit-de-suite " + tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "droit-de-suite"
