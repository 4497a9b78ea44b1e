"""The lock files match pyproject.toml, pin every package with hashes, and the Makefile installs them
with pip's hash checking. Offline and fast: a forgotten `make lock` fails here before CI installs."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LOCKS = {"runtime": ROOT / "requirements.txt", "test": ROOT / "requirements-test.txt"}


def pins(path: Path) -> dict[str, tuple[str, frozenset[str]]]:
    """name -> (version, hashes) for every requirement of a lock file (backslash-continued lines)."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    found: dict[str, tuple[str, frozenset[str]]] = {}
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        requirement, *options = re.split(r"\s+--", line)
        match = re.match(r"^([A-Za-z0-9][\w.-]*)==([\w.+!-]+)(\s*;.*)?$", requirement.strip())
        assert match, f"{path.name}: {requirement!r} is not pinned with =="
        hashes = frozenset(opt.split("=", 1)[1] for opt in options if opt.startswith("hash="))
        found[canonicalize_name(match.group(1))] = (match.group(2), hashes)
    return found


def declared(kind: str) -> list[Requirement]:
    project = PYPROJECT["project"]
    names = project["dependencies"] if kind == "runtime" else project["optional-dependencies"]["test"]
    return [Requirement(text) for text in names]


@pytest.mark.parametrize("kind", ["runtime", "test"])
def test_every_declared_dependency_is_locked_at_an_allowed_version(kind: str) -> None:
    locked = pins(LOCKS[kind])
    wanted = declared("runtime") + (declared("test") if kind == "test" else [])
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        assert name in locked, (f"{requirement} (pyproject.toml) is missing from {LOCKS[kind].name}: "
                                "run `make lock`")
        version = locked[name][0]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{LOCKS[kind].name} pins {requirement.name}=={version}, outside pyproject.toml's "
            f"{requirement}: run `make lock`")


@pytest.mark.parametrize("kind", ["runtime", "test"])
def test_every_pin_has_sha256_hashes(kind: str) -> None:
    locked = pins(LOCKS[kind])
    assert len(locked) > 10
    for name, (version, hashes) in locked.items():
        assert hashes and all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), f"{name}=={version}: {hashes}"


def test_the_test_lock_has_the_runtime_lock_inside_it() -> None:
    runtime, test = pins(LOCKS["runtime"]), pins(LOCKS["test"])
    for name, pin in runtime.items():
        assert test.get(name) == pin, f"{name}: requirements.txt pins {pin[0]}, requirements-test.txt {test.get(name)}"


def test_the_locks_say_how_they_are_made() -> None:
    for path in LOCKS.values():
        assert "make lock" in "\n".join(path.read_text(encoding="utf-8").splitlines()[:3]), path.name


def test_make_installs_with_hash_checking_from_the_locks() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    pip_install = re.search(r"^PIP_INSTALL := (.*)$", makefile, re.M)
    assert pip_install and "--require-hashes" in pip_install.group(1)
    recipes = re.findall(r"^\t(\$\(PIP_INSTALL\).*)$", makefile, re.M)
    assert sorted(recipes) == ["$(PIP_INSTALL) -r requirements-test.txt", "$(PIP_INSTALL) -r requirements.txt"]
    # The one other install is the project itself (its MkDocs plugin's entry point): no dependency,
    # no package index, so nothing unhashed can come in.
    project = re.search(r"^PROJECT_INSTALL := (.*\\\n.*)$", makefile, re.M)
    assert project and all(part in project.group(1) for part in ("--no-deps", "--no-index", "--editable ."))
    rest = makefile.replace(project.group(1), "")
    assert "pip install" not in rest.replace("pip install --quiet --disable-pip-version-check --require-hashes", "")
    # the stamps follow the lock files: a changed lock reinstalls
    assert re.search(r"^RUNTIME_STAMP := .*requirements\.txt", makefile, re.M)
    assert re.search(r"^TEST_STAMP := .*requirements-test\.txt", makefile, re.M)
