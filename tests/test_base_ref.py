"""BASE= (the branch a pull request is compared with, which the workflows take from the pull request's
base branch: its name is chosen by whoever pushed it) reaches `check --base`, the import and
tools/changes.py as it was written: never run by Make or by the shell, and refused, with a message,
when it is not a name git accepts."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.records.history import revision_name_problem
from tools.changes import revision

from .conftest import ROOT
from .french import french

#: Names git's check-ref-format accepts (with --allow-onelevel) or refuses, to compare both rules with it.
NAMES = ["main", "origin/main", "feature/x-1.2", "a`touch`b", "x$(y)", "a{b}", "é/ü", "8b52cc4e", "HEAD",
         "-x", "--output=/tmp/x", "a..b", "a b", "a~b", "a^b", "a:b", "a?b", "a*b", "a[b", "a\\b", ".hidden",
         "a/.b", "a.lock", "a.lock/b", "a/", "/a", "a.", "@", "a@{1}", "a//b", "x\nmain", "x\tmain", "a\x7fb",
         "a@b", "a.b", "a/b.c/d"]


@pytest.mark.parametrize("name", NAMES, ids=repr)
def test_the_rule_is_gits(name: str) -> None:
    accepted = subprocess.run(["git", "check-ref-format", "--allow-onelevel", name], capture_output=True,
                              check=False).returncode == 0 and not name.startswith("-")
    assert (revision_name_problem(name) is None) is accepted
    try:
        revision(name)
        said = True
    except argparse.ArgumentTypeError:
        said = False
    assert said is accepted


@pytest.mark.parametrize("name", ["origin/main~1", "HEAD^", "HEAD^2~3", "main~"])
def test_a_revision_after_a_name_is_accepted(name: str) -> None:
    assert revision_name_problem(name) is None and revision(name) == name


def test_check_refuses_a_base_that_is_no_name_before_running_git(capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    code = main(["check", "--base=--output=/tmp/x", "--no-cache", "--lang", "fr"])
    err = capsys.readouterr().err
    assert code == 2
    assert french("« --output=/tmp/x » n'est pas un nom de branche, d'étiquette ou de commit que git accepte") in err
    assert "Traceback" not in err


def test_changes_refuses_a_base_that_is_no_name() -> None:
    done = subprocess.run([sys.executable, "tools/changes.py", "scope", "--base", "x..y"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "« x..y » n’est pas un nom de branche ou de commit que git accepte" in done.stderr


@pytest.mark.parametrize("target", ["check", "check-github", "check-publish", "pr-data-check"])
def test_a_branch_name_with_commands_runs_none_through_make(target: str, tmp_path: Path) -> None:
    """A name git accepts (a branch can be called this), with backticks and $(…) that would create
    the marker files if Make or the shell read it: `check --base` gets it as it is, and git finds
    no such branch."""
    first, second = tmp_path / "backticks", tmp_path / "dollar"
    base = f"origin/x`touch$${{IFS}}{first}`$$(touch$${{IFS}}{second})"
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS"))}
    done = subprocess.run(["make", "--no-print-directory", target, f"BASE={base}"], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=300, check=False)
    assert not first.exists() and not second.exists(), done.stdout + done.stderr
    assert done.returncode != 0
    assert "origin/x`touch$${IFS}" in done.stdout + done.stderr  # said as it was given
    assert "Traceback" not in done.stdout + done.stderr
