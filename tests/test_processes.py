"""generator/processes.py, the one way the generator runs work in a forked copy of itself: what the
copy sends comes back in order, then its value or its exception; a copy stopped or dead says so;
and no copy is forked beside other threads unless the caller vouches for them."""

from __future__ import annotations

import os
import re
import threading
import time

import pytest

from generator import processes

pytestmark = pytest.mark.skipif(not processes.FORKS, reason="this system cannot fork")

#: The threads earlier tests leave behind in this process (the preview's server and watcher, idle)
#: hold no lock these copies take: the tests of how a copy works say so (`threads_idle`).
IDLE = {"threads_idle": True}


def run(work):
    return processes.start(lambda _send: work(), **IDLE).result()


def test_what_the_copy_sends_comes_back_in_order_then_its_value() -> None:
    def work(send) -> dict[str, int]:
        for number in range(3):
            send(("page", number, os.getpid()))
        return {"pages": 3, "pid": os.getpid()}

    copy = processes.start(work, **IDLE)
    sent = list(copy.messages())
    result = copy.result()
    assert [message[:2] for message in sent] == [("page", 0), ("page", 1), ("page", 2)]
    assert {message[2] for message in sent} == {copy.pid} != {os.getpid()}
    assert result == {"pages": 3, "pid": copy.pid}


def test_a_large_result_is_handed_back_whole() -> None:
    """More than a pipe holds at once (64 KiB): the copy writes while this side reads."""
    text = "é" * 3_000_000
    assert run(lambda: text) == text


def test_the_copys_exception_is_raised_here() -> None:
    def fail() -> None:
        raise ValueError("a record the copy could not render")

    with pytest.raises(ValueError, match="a record the copy could not render"):
        run(fail)


def test_an_exception_that_does_not_pickle_is_said_in_words() -> None:
    class Unpicklable(Exception):
        def __reduce__(self):
            raise TypeError("not this one")

    def fail() -> None:
        raise Unpicklable("held a lock")

    with pytest.raises(RuntimeError, match="held a lock"):
        run(fail)


def test_a_copy_that_dies_or_is_stopped_is_a_failure_with_its_status() -> None:
    with pytest.raises(processes.ChildFailed) as died:
        run(lambda: os._exit(3))
    assert os.WIFEXITED(died.value.status) and os.WEXITSTATUS(died.value.status) == 3

    def forever(send) -> None:
        send("started")
        time.sleep(60)

    copy = processes.start(forever, **IDLE)
    messages = copy.messages()
    assert next(messages) == "started"
    began = time.monotonic()
    copy.stop()
    with pytest.raises(processes.ChildFailed) as stopped:
        copy.result()
    assert os.WIFSIGNALED(stopped.value.status) and time.monotonic() - began < 10


def test_no_fork_beside_other_threads_unless_the_caller_vouches_for_them() -> None:
    assert processes.can_fork() == (threading.active_count() == 1)
    release = threading.Event()
    other = threading.Thread(target=release.wait, daemon=True)
    other.start()
    try:
        assert not processes.can_fork()
        with pytest.raises(RuntimeError, match="other threads"):
            processes.start(lambda send: None)
        assert processes.start(lambda send: 42, threads_idle=True).result() == 42
    finally:
        release.set()
        other.join()


def test_only_processes_py_forks() -> None:
    """One way to run work in another process: no other module of generator/ forks, imports
    multiprocessing or concurrent.futures' process pool (docs/architecture.md, "Other processes")."""
    from .conftest import ROOT

    forking = re.compile(r"\bos\.fork\(|\bmultiprocessing\b|ProcessPoolExecutor|\bos\.posix_spawn|\bos\.spawn")
    found = [path.relative_to(ROOT).as_posix() for path in sorted((ROOT / "generator").rglob("*.py"))
             if forking.search(path.read_text(encoding="utf-8"))]
    assert found == ["generator/processes.py"]


def test_a_detached_copy_does_its_work_unwaited_and_silent(tmp_path, request: pytest.FixtureRequest) -> None:
    """`check` writes its cache in a copy it does not wait for (records/cache.py): the work is done
    by another process, which says nothing; beside other threads no copy is made."""
    from .alone import ran_elsewhere

    if ran_elsewhere(request):
        return
    done = tmp_path / "done"

    def work() -> None:
        print("never seen")
        done.write_text(str(os.getpid()), encoding="utf-8")

    assert processes.detach(work)
    for _ in range(100):
        if done.exists() and done.read_text(encoding="utf-8"):
            break
        time.sleep(0.05)
    assert int(done.read_text(encoding="utf-8")) != os.getpid()
    release = threading.Event()
    other = threading.Thread(target=release.wait, daemon=True)
    other.start()
    try:
        assert not processes.detach(work)
    finally:
        release.set()
        other.join()


def test_a_copy_waited_for_is_never_killed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Once waited for, a copy's process id may be another process's: stop() leaves it alone."""
    copy = processes.start(lambda send: 1, **IDLE)
    assert copy.result() == 1
    killed: list[int] = []
    monkeypatch.setattr(os, "kill", lambda pid, sig: killed.append(pid))
    copy.stop()
    copy.stop(wait=True)
    assert killed == []
