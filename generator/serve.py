"""Serve: build, serve the site on loopback, rebuild when data/, content/ or theme/ change.

A plain HTTP server over the built folder and a polling watcher (no extra dependency, works in any
editor and container). A failed rebuild prints its problems and keeps serving the last good site.
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
from datetime import date
from pathlib import Path

from . import build as pipeline
from .problems import sort_problems, summary

WATCHED = ("theme", "mkdocs.yml")


def _snapshot(folders: list[Path]) -> dict[str, float]:
    state = {}
    for folder in folders:
        if folder.is_file():
            state[str(folder)] = folder.stat().st_mtime
            continue
        for path in folder.rglob("*") if folder.is_dir() else []:
            if path.is_file():
                state[str(path)] = path.stat().st_mtime
    return state


def _rebuild(data: Path, content: Path, out: Path, fictional: bool, build_date: date, today: date) -> None:
    started = time.monotonic()
    try:
        result = pipeline.build(data, content, out, Path.cwd(), build_date=build_date, today=today, fictional=fictional)
    except pipeline.BuildError as exc:
        print(exc, flush=True)
        return
    for problem in sort_problems(result.problems):
        print(problem.text())
    if result.problems:
        print(summary(result.problems, built=result.ok))
    if result.ok:
        print(f"Built {len(result.pages)} pages in {time.monotonic() - started:.1f} s.", flush=True)


def serve(data: Path, content: Path, out: Path, *, build_date: date, today: date, port: int = 8000,
          fictional: bool = False) -> int:
    """Build, serve and rebuild on changes; every build speaks of `build_date` and checks as of `today`
    (read once by the CLI)."""
    _rebuild(data, content, out, fictional, build_date, today)
    watched = [data, content, *(pipeline.PROJECT / name for name in WATCHED)]
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving on http://127.0.0.1:{port}/ — edit data/, content/ or theme/ and reload the page. Ctrl+C stops.", flush=True)
    before = _snapshot(watched)
    try:
        while True:
            time.sleep(1.0)
            now = _snapshot(watched)
            if now != before:
                before = now
                print("Change seen: rebuilding…", flush=True)
                _rebuild(data, content, out, fictional, build_date, today)
    except KeyboardInterrupt:
        print("Stopped.")
    finally:
        server.shutdown()
    return 0
