"""Tests of what forks (generator/processes.py) run in a process like the command line's, which runs
one thread. The test process may not: earlier tests leave idle threads behind (the preview's server
and watcher, the browser's connection), and beside them the build and the renderer do their work
without forking, which is safe but would leave the forked path untested."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from .conftest import ROOT

#: Set in the process of its own, which must not start another.
ALONE = "DDS_TEST_ALONE"


def ran_elsewhere(request: pytest.FixtureRequest) -> bool:
    """True when the test was run, and passed, in a new pytest process of its own, because this one
    runs other threads (the caller then returns); False when it runs here, in one thread."""
    if threading.active_count() == 1:
        return False
    assert not os.environ.get(ALONE), "a test process of its own runs other threads: it cannot fork either"
    completed = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", request.node.nodeid],
                               cwd=ROOT, env={**os.environ, ALONE: "1"}, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout[-5000:] + completed.stderr[-2000:]
    return True
