"""Processes: the one way the generator runs work in another process, a forked copy of this one.

Four parts use it: the command line's build renders its pages in a copy that exits before
Pagefind runs (build.build), the renderer renders the second language in a copy on another core
(site.render.render_site), the preview renders every page again after an edit in a copy it can
stop when the next edit comes (preview.Preview.render_all), and `check` writes its cache in a copy
it does not wait for (records.cache.write, through `detach`).

Why fork: the work needs what this process already holds (the records, the model, the compiled
templates: hundreds of megabytes at 10,000 recommendations), and a forked copy shares them without
sending anything; when it exits, every byte it used goes back to the system at once. What it hands
back (`send`, then its return value or the exception it raised) is pickled through a pipe. The
'spawn' and 'forkserver' start methods would have to pickle the model into a fresh interpreter,
which compiles the templates again: seconds where the preview has a fraction of one.

What is safe with threads: a forked copy runs only the thread that forked it. A lock that another
thread held at that moment stays held in the copy for ever, and the copy hangs the first time it
takes it (a logging handler's, Babel's locale cache, a module being imported, Jinja's caches).
Python 3.12+ warns about every fork of a process that runs threads, and 3.14 no longer forks by
default for this reason. So `start` forks:

- from a process that runs one thread (`can_fork()`: the command line's build and its renderer); or
- when the caller passes `threads_idle=True`, having made sure that none of this process's other
  threads can hold a lock the copy will take. The preview does, and says why where it does: it
  forks while it holds the lock its edits render under and the lock of its complete builds, so its
  other threads are only serving files and watching folders, and the copy never meets their locks.

Anywhere else (`can_fork()` is False and the caller cannot vouch for its threads, or the system has
no fork), the caller does the work in its own process: more memory or one core fewer, the same
result. Nothing else in the generator forks, and nothing uses `multiprocessing`.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

T = TypeVar("T")

#: Whether this system can fork at all (not on Windows).
FORKS = hasattr(os, "fork")


def can_fork() -> bool:
    """True where `start` may fork without `threads_idle`: the system forks and this process runs
    one thread."""
    return FORKS and threading.active_count() == 1


class ChildFailed(Exception):
    """The copy ended without handing anything back: stopped (`Child.stop`), killed, or failed
    where it could not even say so. `status` is its exit status, as `os.waitpid` gives it."""

    def __init__(self, status: int) -> None:
        super().__init__(f"the forked copy ended without a result (status {status})")
        self.status = status


class Child(Generic[T]):
    """A forked copy of this process running one piece of work, seen from this side."""

    def __init__(self, pid: int, incoming: int) -> None:
        self.pid = pid
        self._stream = os.fdopen(incoming, "rb")
        self._outcome: tuple[str, Any] | None = None
        self._status: int | None = None

    def messages(self) -> Iterator[Any]:
        """Each object the work sent, as soon as it is sent; the iteration ends when the work
        returned, raised, or the copy ended."""
        while self._outcome is None:
            try:
                kind, value = pickle.load(self._stream)
            except (EOFError, pickle.UnpicklingError, OSError):
                self._outcome = ("ended", None)
                break
            if kind == "message":
                yield value
            else:
                self._outcome = (kind, value)
        self._reap()

    def result(self) -> T:
        """What the work returned, once every message was read (those not read are dropped). The
        exception it raised is raised here; `ChildFailed` when the copy ended without either."""
        for _message in self.messages():
            pass
        assert self._outcome is not None and self._status is not None
        kind, value = self._outcome
        if kind == "result":
            return value
        if kind == "error":
            raise value
        raise ChildFailed(self._status)

    def stop(self, *, wait: bool = False) -> None:
        """Kill the copy (it may have ended already). Whoever reads its messages or result then
        sees `ChildFailed`; `wait=True` also waits for it here, when nobody reads it."""
        if self._status is not None:
            return  # waited for already: its process id may be another process's now
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        if wait:
            self._outcome = self._outcome or ("ended", None)
            self._reap()

    def _reap(self) -> None:
        if self._status is None:
            self._stream.close()
            self._status = os.waitpid(self.pid, 0)[1]


def start(work: Callable[[Callable[[Any], None]], T], *, threads_idle: bool = False) -> Child[T]:
    """`work(send)` in a forked copy of this process, which exits when it is done: `send(x)` hands
    `x` back at once (pickled), then the value `work` returns, or the exception it raises. The copy
    dies at Ctrl+C without a word (the process that started it reports). Refused (RuntimeError) in a
    process that runs other threads unless `threads_idle` (see the module's docstring)."""
    if not FORKS:
        raise RuntimeError("this system cannot fork: check processes.can_fork() first")
    if not threads_idle and threading.active_count() > 1:
        raise RuntimeError("this process runs other threads: fork only when they hold no lock the copy takes "
                           "(threads_idle=True, saying why), or do the work here (processes.can_fork())")
    incoming, outgoing = os.pipe()
    pid = os.fork()
    if pid == 0:  # the copy: never returns
        status = 0
        try:
            os.close(incoming)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            with os.fdopen(outgoing, "wb") as out:
                def send(value: Any) -> None:
                    out.write(pickle.dumps(("message", value), protocol=pickle.HIGHEST_PROTOCOL))
                    out.flush()

                try:
                    outcome: tuple[str, Any] = ("result", work(send))
                except BaseException as error:  # handed back, raised there
                    outcome = ("error", error)
                try:
                    data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
                except Exception as error:  # what does not pickle (an exception holding a lock…) is said in words
                    data = pickle.dumps(("error", RuntimeError(f"{outcome[1]!r} ({error!r})")))
                out.write(data)
        except BaseException:  # the pipe closed, or stopped: nothing can be said from here
            status = 1
        finally:
            os._exit(status)
    os.close(outgoing)
    return Child(pid, incoming)


def run(work: Callable[[], T]) -> T:
    """`work()` in a forked copy of this process (see `start`), waited for: its value, or the
    exception it raised; `ChildFailed` if it ended without either. All the memory it used goes
    back to the system when it exits."""
    return start(lambda _send: work()).result()


def detach(work: Callable[[], object]) -> bool:
    """`work()` in a forked copy of this process that nobody waits for: the command ends
    meanwhile (`check` writes its cache after the editor has the answer). The copy says nothing,
    its standard streams go to the null device (it must not hold a reader's pipe open:
    `check | head`), and what it raises is dropped. False, and nothing done, where no copy can be
    made (`can_fork()`): the caller then does the work itself."""
    if not can_fork():
        return False
    sys.stdout.flush()
    sys.stderr.flush()
    if os.fork() != 0:
        return True
    try:  # the copy: never returns
        quiet = os.open(os.devnull, os.O_RDWR)
        for stream in (0, 1, 2):
            os.dup2(quiet, stream)
        work()
    finally:
        os._exit(0)
