"""`check` keeps what it found in each record for the next run (generator/records/cache.py).

What must hold: a run that takes records from the cache says exactly what a run without it says
(`--no-cache`), in every situation an editor meets: nothing changed, a file edited (even keeping
its size and date), another day, another generator, a damaged cache file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from generator import cli
from generator.records import cache, validate

from .conftest import ROOT
from .french import french

RECORD = Path("data/recommendations/test-sujet-01.yml")


@pytest.fixture
def project(minimal_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The minimal dataset as the current folder, with a cache of its own."""
    monkeypatch.chdir(minimal_copy)
    monkeypatch.setenv(cache.SETTING, str(tmp_path / "cache"))
    return minimal_copy


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files `check` reads and checks again (not taken from the cache)."""
    read: list[str] = []
    original = validate._read_record

    def spy(file, shown, model):
        read.append(shown)
        return original(file, shown, model)

    monkeypatch.setattr(validate, "_read_record", spy)
    return read


def check(capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str]:
    """`check` in French, whatever the machine's locale (the cache is kept per language)."""
    code = cli.main(["check", "--lang", "fr", *options])
    return code, capsys.readouterr().out


def test_a_second_check_reads_no_file_again_and_says_the_same(project: Path, reads: list[str], capsys) -> None:
    first = check(capsys)
    assert len(reads) == 5 and cache.location(Path("data"), project).is_file()
    reads.clear()
    assert check(capsys) == first
    assert reads == []
    assert check(capsys, "--no-cache") == first and len(reads) == 5


def test_an_edit_that_keeps_the_size_and_the_date_is_read_again(project: Path, reads: list[str], capsys) -> None:
    check(capsys)
    record = project / RECORD
    before = record.stat()
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("status: in_progress", "status: in_prugress"), encoding="utf-8")
    os.utime(record, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert record.stat().st_size == before.st_size and record.stat().st_mtime_ns == before.st_mtime_ns
    reads.clear()
    code, said = check(capsys)
    assert reads == [str(RECORD)]
    assert code == 1 and french("« in_prugress » n'est pas un statut que nous utilisons.") in said
    assert (code, said) == check(capsys, "--no-cache")


def test_another_day_runs_the_rules_on_each_record_again(project: Path, capsys, monkeypatch) -> None:
    """A follow-up entry dated 2025-09-01 is in the future on 2025-08-01: the rule that says so reads
    one record and the day, so a record taken from the cache is checked again on another day."""
    assert check(capsys)[0] == 0
    monkeypatch.setattr(cli, "days", lambda: (date(2025, 8, 1), date(2025, 8, 1)))
    code, said = check(capsys)
    assert code == 1 and french("data/recommendations/test-sujet-01.yml:10:11: follow_up[1].date\n  Cette date (2025-09-01) "
                                "est postérieure à aujourd'hui (2025-08-01)") in said
    assert (code, said) == check(capsys, "--no-cache")


def test_a_cache_of_another_generator_or_damaged_is_not_used(project: Path, reads: list[str], capsys,
                                                            monkeypatch) -> None:
    first = check(capsys)
    kept = cache.location(Path("data"), project)
    ours = cache.fingerprint()
    monkeypatch.setattr(cache, "fingerprint", lambda: b"another generator")
    reads.clear()
    assert check(capsys) == first and len(reads) == 5
    monkeypatch.setattr(cache, "fingerprint", lambda: ours)
    written = kept.read_bytes()
    for damaged in (b"", b"not a pickle", written[: len(written) // 2]):
        kept.write_bytes(damaged)
        reads.clear()
        assert check(capsys) == first and len(reads) == 5
        assert kept.read_bytes() != damaged, "written again"
    reads.clear()
    assert check(capsys) == first and reads == []


def test_no_cache_keeps_nothing(project: Path, capsys) -> None:
    check(capsys, "--no-cache")
    assert not cache.location(Path("data"), project).exists()


def test_the_cache_is_kept_outside_the_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cache.SETTING)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    kept = cache.location(Path("data"), ROOT)
    assert kept.parent == tmp_path / "xdg" / "droit-de-suite"
    assert kept != cache.location(Path("data"), tmp_path), "one cache per data folder and root"
    monkeypatch.setenv(cache.SETTING, "off")
    assert cache.location(Path("data"), ROOT) is None


def test_the_command_writes_the_cache_after_answering(project: Path, tmp_path: Path) -> None:
    """`python -m generator check` answers first; a copy of the process writes the cache meanwhile,
    without holding the output open (a reader of the pipe gets its end at once)."""
    (project / RECORD).write_text((project / RECORD).read_text(encoding="utf-8").replace(
        "status: in_progress", "status: in_prugress"), encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    kept = cache.location(Path("data"), project)
    done = subprocess.run([sys.executable, "-m", "generator", "check", "--lang", "fr"], cwd=project, capture_output=True,
                          text=True, env=environment, timeout=60)
    assert done.returncode == 1 and french("« in_prugress » n'est pas") in done.stdout and done.stderr == ""
    for _ in range(300):
        if kept.is_file():
            break
        subprocess.run(["sleep", "0.1"], check=True)
    again = subprocess.run([sys.executable, "-m", "generator", "check", "--lang", "fr"], cwd=project, capture_output=True,
                           text=True, env=environment, timeout=60)
    assert (again.returncode, again.stdout, again.stderr) == (done.returncode, done.stdout, done.stderr)
    assert cache.read(kept, Path("data")) is not None


def test_another_day_runs_only_the_rule_that_reads_the_day(project: Path, capsys, monkeypatch) -> None:
    """The rules on one record declare what they read of the context (validate.READS): on another day
    only those that read the day run again on the records taken from the cache."""
    ran: list[str] = []

    def spied(one):
        def spy(entry, where):
            ran.append(one.__name__)
            return one(entry, where)
        validate.READS[spy] = validate.READS[one]
        spy.__name__ = one.__name__
        return spy

    monkeypatch.setattr(validate, "ENTRY_RULES", [spied(one) for one in validate.ENTRY_RULES])
    check(capsys)
    assert len(ran) == 5 * len(validate.ENTRY_RULES)
    ran.clear()
    check(capsys)
    assert ran == []
    monkeypatch.setattr(cli, "days", lambda: (date(2025, 8, 1), date(2025, 8, 1)))
    check(capsys)
    assert ran == ["dates_are_possible"] * 5


def test_a_problem_found_in_a_record_taken_from_the_cache_is_located(project: Path, capsys) -> None:
    """The cache keeps a record without its document (the positions): a rule across records that
    finds a problem in an unchanged record reads the file again to say where."""
    check(capsys)
    (project / "data" / "topics" / "test-sujet.yml").unlink()
    code, said = check(capsys)
    assert code == 1 and said.startswith("data/recommendations/test-sujet-01.yml:3:8: topic\n"), said
    assert (code, said) == check(capsys, "--no-cache")


def test_a_record_changed_during_the_check_is_not_located_with_other_bytes(project: Path) -> None:
    """Between the digest compared at the start and the reading of the positions, the file changed:
    the problem points at the file's first line rather than at a line of other bytes."""
    shown = str(RECORD)
    entry = validate.Entry(None, None, (project / RECORD, shown, b"the digest of other bytes"))
    assert entry.at("follow_up", 0, "status") == (1, 1) and entry.path == shown
    same = validate.Entry(None, None, (project / RECORD, shown, validate.file_digest(project / RECORD)))
    assert same.at("follow_up", 0, "status") == (13, 13)
