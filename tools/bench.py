"""The scale benchmark: a report of what each stage of the build costs at 100, 1,000 and 10,000
recommendations. It is a measurement, not a test: nothing here fails because something is slow.

    python tools/bench.py [--sizes 100,1000,10000] [--seed 0] [--out docs] [--no-query] [--profile]

For each size N it writes a fictional dataset (tools/fake_data.py) into a temporary folder, then
runs each stage in a fresh Python process, so that each peak memory figure is that stage's own
(ru_maxrss of the process, or of its children when the stage runs a tool):

    check       generator.build.check            validate only
    generate    generator.build.generate         validate + model + open data + render, no I/O
    mkdocs      generator.build.run_mkdocs       MkDocs + Material on the generated pages, handed
                                                 over in memory, as the build runs it (generated
                                                 bodies skip Markdown) (setup: generate)
    mkdocs_plain  run_mkdocs(markdown_bodies=True)  the same with every body through Markdown: what
                                                 plain MkDocs costs for the same pages = the
                                                 "plain mkdocs build of the same pages" baseline
    pagefind    generator.build.run_pagefind     the search index
    site_files  generator.publish.exports.site_files     open data, feeds, calendar, written beside the
                                                 pages (setup: check + model)
    build       python -m generator build        the whole build, from scratch, as staff run it
    hugo        hugo (Debian's, when installed)  the same page bodies through Hugo with a minimal
                                                 layout: the distance to the fastest generator
                                                 (setup: generate, then the Hugo site written)

Each stage reports its wall time and its CPU time (its process and the children it waited for:
the build's forked renderer and Pagefind count).

Then the whole build and plain MkDocs run in turn, `--rounds` times (A B A B…, default 3), as a
reviewer compares two commands: wall and CPU of each run and the load average before it; the target
"build ÷ plain MkDocs" is read from the median round's CPU ratio, with the rounds' min and max, at
1,000 and 10,000. The `site_files` stage also times its parts one by one (the data's version, the
open data, the Atom feeds, the calendars) and the model with the collector's freezes (as the build
runs it), so that a part growing faster than the records is flagged in the growth table even when
its stage is not; the growth table also shows how the work itself grew (follow-up entries, due
dates, data files), which is not linear in the records when older cohorts have had more follow-ups.

then measures the built site (bytes, HTML pages, bytes per page, search index), one
recommendation page's weight (its HTML and the CSS and JS it references, uncompressed), and the
bytes a typical search downloads: the site is served on 127.0.0.1 and headless Chromium runs a
real Pagefind query (`pagefind.search('logement')`, then the first five results' data), then types
queries into the search page as a person does: the bytes under /pagefind/ from opening the page
to the first results of the first (cold) query, and the time from the input to the first result
in the list, minus the page's debounce (search.js waits 500 ms after the last key).

Last, the project's own data (data/, content/, copied): the whole build's wall time, and the
preview's latency (edit -> served page).

It writes docs/benchmark.json and docs/benchmark.md. `--profile` adds a cProfile of `generate`
and of `run_mkdocs` at the largest size (in separate runs, so the timings above are not slowed).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "tools"))

import chromium  # noqa: E402  (tools/chromium.py: which Chromium, DDS_CHROMIUM)

STAGES = ("check", "check_edit", "generate", "mkdocs", "mkdocs_plain", "pagefind", "site_files", "build", "rebuild",
          "hugo")
STAGE_SETUP = {
    "check": "",
    "check_edit": "one `check` to fill its cache, then one record edited (in the peak, not in the time)",
    "generate": "",
    "mkdocs": "generate (its memory is in the peak, not its time)",
    "mkdocs_plain": "generate (its memory is in the peak, not its time)",
    "pagefind": "",
    "site_files": "check + model (in the peak, not in the time)",
    "build": "",
    "rebuild": "one build keeping its pages, then one recommendation's title edited (in the peak, not in the time)",
    "hugo": "generate, and the Hugo site written (in the peak, not in the time)",
}
STAGE_WHAT = {
    "check": "validate only (`python -m generator check --no-cache`: every file read and checked)",
    "check_edit": "`python -m generator check` after one record was edited: the others from its cache (records/cache.py)",
    "generate": "validate + model + open data + render, no I/O",
    "mkdocs": "MkDocs + Material, both languages (`run_mkdocs`), as the build runs it",
    "mkdocs_plain": "the same, plain: every body through Markdown (`run_mkdocs(markdown_bodies=True)`) = the baseline",
    "pagefind": "Pagefind index (`run_pagefind`)",
    "site_files": "open data, feeds, calendar (`site_files`), written",
    "build": "whole build, from scratch (`python -m generator build --no-cache`)",
    "rebuild": "whole build after one edit, with the pages the build before kept (`python -m generator build --no-search`: "
               "only the pages whose inputs changed are rendered and laid out; the search index aside)",
    "hugo": "Hugo on the same page bodies, minimal layout (the distance to the fastest generator)",
}
QUERY = "logement"
#: A second broad query, typed after the first (warm: Pagefind's script and metadata are loaded).
QUERY_WARM = "santé"
QUERY_RESULTS = 5
#: search.js waits this long after the last key before it searches.
DEBOUNCE_MS = 500
OUTPUT_FIELDS = ("site_bytes", "site_files", "html_pages", "html_bytes", "html_bytes_per_page",
                 "site_bytes_per_page", "search_index_bytes", "search_index_files")
PAGE_WEIGHT_FIELDS = ("page", "html_bytes", "css_bytes", "js_bytes", "total_bytes", "gzip_bytes", "files")
QUERY_FIELDS = ("measured", "query", "bytes", "requests", "results", "on_page_load_bytes", "note")
TARGETS = {
    "check_10k": "`check` of 10,000 recommendations under 5 s",
    "build_vs_hugo": "the whole build's CPU time ÷ Hugo's on the same page bodies (largest size; reported, no limit)",
    "search_bytes_10k": "search at 10,000: a cold query downloads under 0.5 MB under /pagefind/",
    "search_latency_10k": "search at 10,000: results shown under 500 ms after the debounce (cold and warm query)",
    "preview_real": "edit → the edited record's page served by the preview under 1 s on the real data",
    "real_build_5s": "whole build of the real data under 5 s (wall; meant for an idle machine)",
    "build_vs_mkdocs_10k": "whole build of 10,000 within 1.5× a plain mkdocs build of the same pages",
    "build_vs_mkdocs_1_2": "whole build within 1.2× a plain mkdocs build of the same pages, CPU time, median of interleaved rounds (A B A B), at 1,000 and 10,000 (issues 15, 27)",
    "tree_memory_10k": "the build's whole process tree (Python + Pagefind, summed) under 4 GB at 10,000",
    "preview_10k": "edit → the edited record's page served by the preview under 2 s at 10,000",
    "linear_stages": "every stage grows at most 1.1× as fast as the records (1,000 to 10,000 when both run, else smallest to largest; > 11× for 10× is flagged)",
    "bytes_per_page_10k_vs_1k": "HTML bytes per page at 10,000 within 20% of those at 1,000",
    "recommendation_page_weight": "a recommendation page under 100 KB of HTML + CSS + JS before search",
    "rebuild_vs_hugo_10k": "a rebuild after one edit at 10,000, with the pages the build before kept, within Hugo's cold build of the same pages, the search index aside (issue 27; wall time)",
    "check_cold_10k": "`check` of 10,000 recommendations without its cache (a first check) under 8 s (issue 27)",
    "preview_tree_10k": "the preview's process tree under 3 GB at 10,000 (issue 27)",
}


# --------------------------------------------------------------------------- one stage, in a fresh process


def _peak_mb() -> tuple[float, float]:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def _cpu_s() -> float:
    """CPU seconds of this process and of the children it has waited for (their children too)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def run_stage(name: str, args: dict[str, str]) -> dict[str, Any]:
    """Run one stage in this process (a fresh one, started by `stage`) and return its figures."""
    from generator import build as pipeline
    from generator.cli import days

    built, today = days()
    data, content, work = Path(args["data"]), Path(args["content"]), Path(args["work"])
    staged = work / "staged-site"
    root = PROJECT
    extra: dict[str, Any] = {}
    cpu = 0.0
    if name in ("check", "check_edit"):
        # The command itself, as an editor runs it (it leaves without tearing its records down).
        command = [sys.executable, "-m", "generator", "check", "--data", str(data), "--content", str(content)]
        kept = work / "check-cache"
        shutil.rmtree(kept, ignore_errors=True)
        environment = {**os.environ, "DROIT_DE_SUITE_CACHE": str(kept)}
        edited = next(iter(sorted((data / "recommendations").glob("*.yml"))))
        before = edited.read_bytes()
        if name == "check":
            command.append("--no-cache")
        else:
            subprocess.run(command, cwd=root, env=environment, capture_output=True, check=False)
            _cache_written(kept)
            edited.write_bytes(before + b"\n")  # new bytes, the same record
        cpu = _cpu_s()
        start = time.perf_counter()
        completed = subprocess.run(command, cwd=root, env=environment, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        edited.write_bytes(before)
        if name == "check_edit":
            _cache_written(kept)  # the copy that writes it must not overlap the next stage
        shutil.rmtree(kept, ignore_errors=True)
        errors = [] if completed.returncode == 0 else [completed.stdout[-2000:] + completed.stderr[-2000:]]
        extra["problems"] = completed.stdout.count("\n  ")
    elif name == "generate":
        cpu = _cpu_s()
        start = time.perf_counter()
        result = pipeline.generate(data, content, root, build_date=built, today=today, fictional=True)
        elapsed = time.perf_counter() - start
        errors = [p.text() for p in result.problems if p.is_error]
        extra["pages"] = len(result.pages)
        extra["files"] = len(result.files)
    elif name in ("mkdocs", "mkdocs_plain"):
        result = pipeline.generate(data, content, root, build_date=built, today=today, fictional=True)
        target = staged if name == "mkdocs" else work / "plain-site"
        if target.exists():
            shutil.rmtree(target)
        cpu = _cpu_s()
        start = time.perf_counter()
        problems = pipeline.run_mkdocs(result, target, markdown_bodies=name == "mkdocs_plain")
        elapsed = time.perf_counter() - start
        errors = [p.text() for p in result.problems + problems if p.is_error]
        if name == "mkdocs_plain":
            shutil.rmtree(target)
    elif name == "pagefind":
        cpu = _cpu_s()
        start = time.perf_counter()
        pipeline.run_pagefind(staged)
        elapsed = time.perf_counter() - start
        errors = []
    elif name == "site_files":
        from generator.publish.exports import site_files
        from generator.site.model import build_model

        dataset, _, problems = pipeline.check(data, content, root, today=today)
        errors = [p.text() for p in problems if p.is_error]
        # As the build does (generator/build.py generate_from): the records frozen out of the
        # collector's scans, the model built, then frozen too. Timed apart: the model's part grows
        # with everything it holds (each measure's due dates).
        import gc

        start = time.perf_counter()
        gc.freeze()
        model = build_model(dataset, built)
        gc.freeze()
        model_s = round(time.perf_counter() - start, 3)
        # What the parts work on, which grows faster than the records when older cohorts have had
        # more yearly follow-ups (tools/fake_data.py: one cohort a year, the last in 2024).
        recs = model.recommendations
        extra["work"] = {"recommendations": len(recs),
                         "follow_up_entries": sum(len(rec.record.follow_up) for rec in recs),
                         "due_dates": sum(len(rec.state.calendar.dues) for rec in recs),
                         "data_files": sum(1 for _ in data.rglob("*.yml"))}
        cpu = _cpu_s()
        start = time.perf_counter()
        files = site_files(model, data, root).files
        for path, blob in files.items():
            target = staged / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(blob)
        elapsed = time.perf_counter() - start
        extra["files"] = len(files)
        extra["bytes"] = sum(len(b) for b in files.values())
        extra["parts_s"] = {"model": model_s, **site_files_parts(model, data)}
    elif name == "build":
        out = work / "site"
        if out.exists():
            shutil.rmtree(out)
        cpu = _cpu_s()
        start = time.perf_counter()
        completed = subprocess.run(
            [sys.executable, "-m", "generator", "build", "--data", str(data), "--content", str(content),
             "--out", str(out), "--no-cache"], cwd=PROJECT, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        errors = [] if completed.returncode == 0 else [completed.stdout[-2000:] + completed.stderr[-2000:]]
    elif name == "rebuild":
        # As an editor's second build: the first keeps its pages (generator/engine/layouts.py), in a
        # cache folder of its own; then one measure's title is edited and the build runs again.
        out, kept = work / "rebuild-site", work / "page-cache"
        for folder in (out, kept):
            shutil.rmtree(folder, ignore_errors=True)
        environment = {**os.environ, "DROIT_DE_SUITE_CACHE": str(kept)}
        command = [sys.executable, "-m", "generator", "build", "--data", str(data), "--content", str(content),
                   "--out", str(out), "--no-search"]
        first = subprocess.run(command, cwd=PROJECT, env=environment, capture_output=True, text=True, check=False)
        edited = next(iter(sorted((data / "recommendations").glob("*.yml"))))
        before = edited.read_text(encoding="utf-8")
        edited.write_text(re.sub(r'(\ntitle:\n  fr: ")', r"\1Révisé : ", before, count=1), encoding="utf-8")
        cpu = _cpu_s()
        start = time.perf_counter()
        completed = subprocess.run(command, cwd=PROJECT, env=environment, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        edited.write_text(before, encoding="utf-8")
        errors = [run.stdout[-2000:] + run.stderr[-2000:] for run in (first, completed) if run.returncode != 0]
        kept_line = [line for line in completed.stdout.splitlines() if ":" in line and ";" in line]
        extra["kept"] = kept_line[-1] if kept_line else "no page kept"
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(kept, ignore_errors=True)
    elif name == "hugo":
        hugo = shutil.which("hugo")
        if hugo is None:
            return {"wall_s": None, "cpu_s": None, "peak_rss_mb": None, "setup": STAGE_SETUP[name], "errors": [],
                    "skipped": "hugo is not installed"}
        result = pipeline.generate(data, content, root, build_date=built, today=today, fictional=True)
        errors = [p.text() for p in result.problems if p.is_error]
        source, out = work / "hugo-site", work / "hugo-public"
        for folder in (source, out):
            shutil.rmtree(folder, ignore_errors=True)
        extra["pages"] = write_hugo_site(result.pages, source)
        del result
        version = subprocess.run([hugo, "version"], capture_output=True, text=True, check=False).stdout.strip()
        extra["version"] = version.split()[1] if len(version.split()) > 1 else version
        cpu = _cpu_s()
        start = time.perf_counter()
        completed = subprocess.run([hugo, "--quiet", "--source", str(source), "--destination", str(out)],
                                   capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        if completed.returncode != 0:
            errors.append(completed.stdout[-2000:] + completed.stderr[-2000:])
        extra["html_pages"] = sum(1 for _ in out.rglob("*.html"))
        shutil.rmtree(source, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
    else:
        raise SystemExit(f"unknown stage {name}")
    cpu = _cpu_s() - cpu
    own, children = _peak_mb()
    return {"wall_s": round(elapsed, 3), "cpu_s": round(cpu, 3), "peak_rss_mb": round(max(own, children), 1),
            "peak_rss_self_mb": round(own, 1), "peak_rss_children_mb": round(children, 1),
            "setup": STAGE_SETUP[name], "errors": errors[:5], **extra}


def site_files_parts(model: Any, data: Path) -> dict[str, float]:
    """The wall time of each part of `site_files` (generator/publish/exports/__init__.py), run again
    one by one after the stage was timed whole: the data's version, the open data, the Atom feeds, the
    calendars. A part that grows faster than the records shows in the growth table even when the
    stage as a whole does not (issue 27)."""
    from generator.publish.calendars import calendar_files
    from generator.publish.exports import data_version, open_data
    from generator.publish.feeds import atom_files

    base_url = model.site.base_url
    parts = {"data_version": lambda: data_version(data),
             "open_data": lambda: open_data(model, base_url=base_url, data_version=""),
             "atom_feeds": lambda: atom_files(model, base_url=base_url),
             "calendars": lambda: calendar_files(model, base_url=base_url)}
    out = {}
    for name, run in parts.items():
        start = time.perf_counter()
        run()
        out[name] = round(time.perf_counter() - start, 3)
    return out


def _cache_written(folder: Path, wait_s: float = 300) -> None:
    """Wait until `check`'s cache is written (by a copy of the process, after it answered)."""
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        files = list(folder.glob("*")) if folder.is_dir() else []
        if files and not any(f.name.endswith(".part") for f in files):
            return
        time.sleep(0.2)


HUGO_LAYOUT = """<!doctype html>
<html lang="{{ .Params.lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<meta name="description" content="{{ .Params.description }}"></head>
<body><main>{{ .Content }}</main></body></html>
"""


def write_hugo_site(pages: list[Any], folder: Path) -> int:
    """The generated pages as a Hugo site: each page's body (HTML, as MkDocs receives it) in a
    content file of its own, its front matter as JSON, and one minimal layout. Every page is a
    section's _index.html, so that folders hold pages and sub-pages alike, as on the site."""
    (folder / "layouts" / "_default").mkdir(parents=True)
    for name in ("list.html", "single.html"):
        (folder / "layouts" / "_default" / name).write_text(HUGO_LAYOUT, encoding="utf-8")
    (folder / "hugo.toml").write_text(
        'baseURL = "http://example.org/"\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n', encoding="utf-8")
    for page in pages:
        _, front, body = page.text.split("---\n", 2)
        meta = json.loads(front)
        meta["lang"] = page.path.split("/", 1)[0]
        target = folder / "content" / Path(page.path).parent / "_index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(meta, ensure_ascii=False) + "\n\n" + body.lstrip("\n"), encoding="utf-8")
    return len(pages)


def profile_stage(name: str, args: dict[str, str], out: Path) -> dict[str, Any]:
    """cProfile of one stage (generate or mkdocs): the functions where the time goes."""
    import cProfile
    import pstats

    from generator import build as pipeline
    from generator.cli import days

    built, today = days()
    data, content, work = Path(args["data"]), Path(args["content"]), Path(args["work"])
    profiler = cProfile.Profile()
    if name == "generate":
        profiler.enable()
        pipeline.generate(data, content, PROJECT, build_date=built, today=today, fictional=True)
        profiler.disable()
    elif name == "mkdocs":
        target = work / "profile-site"
        result = pipeline.generate(data, content, PROJECT, build_date=built, today=today, fictional=True)
        profiler.enable()
        pipeline.run_mkdocs(result, target)
        profiler.disable()
        shutil.rmtree(target, ignore_errors=True)
    stats = pstats.Stats(profiler)
    stats.dump_stats(str(out))
    total = stats.total_tt  # type: ignore[attr-defined]
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append({"function": f"{_short(file)}:{line}({func})", "calls": nc, "own_s": round(tt, 3),
                     "cumulative_s": round(ct, 3)})
    by_cum = sorted(rows, key=lambda r: -r["cumulative_s"])[:30]
    by_own = sorted(rows, key=lambda r: -r["own_s"])[:20]
    return {"total_s": round(total, 3), "by_cumulative": by_cum, "by_own_time": by_own}


def _short(file: str) -> str:
    for marker in ("site-packages/", "/work/main/", "lib/python3"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def stage(name: str, args: dict[str, str], *, profile: Path | None = None) -> dict[str, Any]:
    """Run a stage in a fresh Python process and read back its JSON line."""
    command = [sys.executable, str(Path(__file__).resolve()), "_profile" if profile else "_stage", name,
               json.dumps(args)] + ([str(profile)] if profile else [])
    process = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with TreeSampler(process.pid) as sampler:
        stdout, stderr = process.communicate()
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    if process.returncode != 0 or not lines:
        raise RuntimeError(f"stage {name} failed:\n{stdout[-3000:]}\n{stderr[-3000:]}")
    return {**json.loads(lines[-1]), "tree_peak_mb": sampler.peak_mb}


def _rss_and_parents() -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, resident memory in KiB) of every process, read from /proc."""
    found = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
            with open(f"/proc/{entry.name}/statm", "rb") as statm:
                pages = int(statm.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        found[int(entry.name)] = (int(fields[1]), pages * (os.sysconf("SC_PAGE_SIZE") // 1024))
    return found


class TreeSampler:
    """The peak of the resident memory of a process and all its descendants, summed, sampled every
    `every` seconds (the build's Python process and the Pagefind it runs are counted together:
    ru_maxrss gives only the largest single process)."""

    def __init__(self, pid: int, every: float = 0.05) -> None:
        self.pid, self.every, self.peak_kib = pid, every, 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def sample(self) -> int:
        table = _rss_and_parents()
        children: dict[int, list[int]] = {}
        for pid, (parent, _) in table.items():
            children.setdefault(parent, []).append(pid)
        total, queue = 0, [self.pid]
        while queue:
            pid = queue.pop()
            total += table.get(pid, (0, 0))[1]
            queue += children.get(pid, [])
        return total

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak_kib = max(self.peak_kib, self.sample())
            self.stop.wait(self.every)

    @property
    def peak_mb(self) -> float:
        return round(self.peak_kib / 1024, 1)

    def __enter__(self) -> TreeSampler:
        if Path("/proc/self/statm").exists():
            self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        if self.thread.is_alive():
            self.thread.join()


def preview_latency(data: Path, content: Path, work: Path, edits: int = 3, log=print) -> dict[str, Any]:
    """Start the preview server (`python -m generator serve`) on the dataset, edit a recommendation's
    title `edits` times and poll its page until each edit is served: seconds from the save to the
    changed page; then the index of recommendations, which lists it, until it shows the new title
    (the listing pages follow). Also the server's memory (its process tree's peak)."""
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    record = sorted((data / "recommendations").glob("*.yml"))[0]
    url = f"http://127.0.0.1:{port}/recommandations/{record.stem}/"
    log_file = (work / "preview.log").open("w+", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--data", str(data), "--content",
                                str(content), "--out", str(work / "preview-site"), "--port", str(port),
                                "--lang", "en"],  # its log is read here: "Serving on"
                               cwd=PROJECT, stdout=log_file, stderr=subprocess.STDOUT, text=True,
                               # The pages its builds keep (generator/engine/layouts.py): a folder of its own,
                               # empty at the start, not the user's cache.
                               env={**os.environ, "DROIT_DE_SUITE_CACHE": str(work / "preview-cache")})
    latencies: list[float] = []
    listing: list[float] = []
    index = f"http://127.0.0.1:{port}/recommandations/"
    try:
        with TreeSampler(process.pid, every=0.2) as sampler:
            started = time.perf_counter()
            while "Serving on" not in Path(log_file.name).read_text(encoding="utf-8"):
                if process.poll() is not None or time.perf_counter() - started > 3600:
                    raise RuntimeError("the preview did not start:\n" + Path(log_file.name).read_text()[-3000:])
                time.sleep(0.2)
            startup = time.perf_counter() - started
            original = record.read_text(encoding="utf-8")
            for i in range(edits):
                word = f"Aperçu{i}"
                text = original.replace('title:\n  fr: "', f'title:\n  fr: "{word} ', 1)
                record.write_text(text, encoding="utf-8")
                saved = time.perf_counter()
                while word not in urllib.request.urlopen(url, timeout=600).read().decode("utf-8"):
                    if time.perf_counter() - saved > 600:
                        raise RuntimeError("the edit was not served within 600 s")
                    time.sleep(0.01)
                latencies.append(round(time.perf_counter() - saved, 3))
                while word not in urllib.request.urlopen(index, timeout=600).read().decode("utf-8"):
                    if time.perf_counter() - saved > 1200:
                        raise RuntimeError("the index of recommendations did not show the edit within 1200 s")
                    time.sleep(0.2)
                listing.append(round(time.perf_counter() - saved, 2))
                time.sleep(2.0)
            record.write_text(original, encoding="utf-8")
    finally:
        process.terminate()
        process.wait(timeout=60)
        log_file.close()
        for folder in [*work.glob("preview-site.preview-*"), work / "preview-cache"]:
            shutil.rmtree(folder, ignore_errors=True)
    return {"startup_s": round(startup, 1), "edits_s": latencies, "median_s": sorted(latencies)[len(latencies) // 2],
            "max_s": max(latencies), "listing_s": listing, "tree_peak_mb": sampler.peak_mb}


# --------------------------------------------------------------------------- measuring the output


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def output_sizes(site: Path) -> dict[str, Any]:
    files = [p for p in site.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]
    site_bytes = sum(p.stat().st_size for p in files)
    html_bytes = sum(p.stat().st_size for p in html)
    index = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    return {
        "site_bytes": site_bytes, "site_files": len(files), "html_pages": len(html), "html_bytes": html_bytes,
        "html_bytes_per_page": round(html_bytes / max(1, len(html))),
        "site_bytes_per_page": round(site_bytes / max(1, len(html))),
        "search_index_bytes": sum(p.stat().st_size for p in index), "search_index_files": len(index),
    }


def sample_recommendation(site: Path) -> Path:
    pages = sorted((site / "recommandations").glob("*/index.html"))
    return pages[len(pages) // 2]


def page_weight(site: Path, page: Path) -> dict[str, Any]:
    """One page's HTML plus every local CSS and JS file it references, uncompressed."""
    html = page.read_text(encoding="utf-8")
    refs = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    refs += re.findall(r'<script[^>]+src="([^"]+)"', html)
    files = []
    css = js = 0
    for ref in dict.fromkeys(refs):
        if re.match(r"^[a-z]+:|^//", ref):
            files.append({"ref": ref, "bytes": None, "note": "external: not counted"})
            continue
        path = (site / ref.lstrip("/")) if ref.startswith("/") else (page.parent / ref.split("?")[0])
        path = path.resolve()
        size = path.stat().st_size if path.is_file() else 0
        files.append({"ref": ref, "bytes": size})
        if ref.split("?")[0].endswith(".css"):
            css += size
        else:
            js += size
    import gzip

    size = page.stat().st_size
    gz = len(gzip.compress(page.read_bytes())) + sum(
        len(gzip.compress(((site / f["ref"].lstrip("/")) if f["ref"].startswith("/") else (page.parent / f["ref"].split("?")[0])).read_bytes()))
        for f in files if f.get("bytes"))
    return {"page": "/" + page.parent.relative_to(site).as_posix() + "/", "html_bytes": size,
            "css_bytes": css, "js_bytes": js, "total_bytes": size + css + js, "gzip_bytes": gz, "files": files}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def query_bytes(site: Path, page: str) -> dict[str, Any]:
    """A real Pagefind search in headless Chromium: the bytes fetched under /pagefind/."""
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    try:
        with sync_playwright() as p:
            browser = chromium.launch(p)
            try:
                tab = browser.new_page()
                seen: list[Any] = []
                tab.on("response", lambda response: seen.append(response))
                tab.goto(base + "/", wait_until="networkidle")
                on_load = _sum_bodies([r for r in seen if "/pagefind/" in r.url])
                load_all = _sum_bodies(seen)
                seen.clear()
                found = tab.evaluate(
                    """async ([query, n]) => {
                        const pagefind = await import('/pagefind/pagefind.js');
                        const search = await pagefind.search(query);
                        const data = await Promise.all(search.results.slice(0, n).map(r => r.data()));
                        return {count: search.results.length, urls: data.map(d => d.url)};
                    }""", [QUERY, QUERY_RESULTS])
                during = [r for r in seen if "/pagefind/" in r.url]
                query = _sum_bodies(during)
                # What a recommendation page costs a visitor before any search, as Chromium fetches it.
                # A new context: an empty cache, as for a first visit.
                context = browser.new_context()
                tab = context.new_page()
                seen = []
                tab.on("response", lambda response: seen.append(response))
                tab.goto(base + page, wait_until="networkidle")
                page_load = _sum_bodies(seen)
                by_kind: dict[str, int] = {}
                for r in seen:
                    kind = r.request.resource_type
                    by_kind[kind] = by_kind.get(kind, 0) + _body_len(r)
                context.close()
                typed = search_page_queries(browser, base)
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return {
        "measured": True, "query": QUERY, "bytes": query["bytes"], "requests": query["requests"],
        "results": found["count"], "first_results": found["urls"],
        "on_page_load_bytes": on_load["bytes"], "home_page_load_bytes": load_all["bytes"],
        "recommendation_page_load": {"page": page, "bytes": page_load["bytes"], "requests": page_load["requests"],
                                     "by_type": by_kind},
        "search_page": typed,
        "note": (f"Bytes of every response under /pagefind/ from pagefind.search('{QUERY}') and the first "
                 f"{QUERY_RESULTS} results' data, on the French home page, served without HTTP compression "
                 "(Pagefind's index and fragment files are gzip-compressed already)."),
    }


#: Installed in the search page: the time of the last input, and of the first result shown after it.
_WATCH_RESULTS = """() => {
    const list = document.getElementById('dds-finder-list');
    window.__bench = {input: null, shown: null};
    document.getElementById('dds-finder-q').addEventListener('input', () => {
        window.__bench = {input: performance.now(), shown: null};
    }, true);
    new MutationObserver(() => {
        if (window.__bench.input !== null && window.__bench.shown === null && list.querySelector('li.dds-result')) {
            window.__bench.shown = performance.now();
        }
    }).observe(list, {childList: true});
}"""


def search_page_queries(browser: Any, base: str) -> dict[str, Any]:
    """The search page as a person uses it, in a new context (an empty cache): open it, type QUERY
    (cold: the first query of the page), then QUERY_WARM. For each: milliseconds from the input to
    the first result in the list, minus the debounce, the result count, and the bytes under
    /pagefind/ (the cold query's count from the page's opening: the script, WebAssembly and
    metadata the page loads for it)."""
    context = browser.new_context()
    try:
        tab = context.new_page()
        seen: list[Any] = []
        tab.on("response", lambda response: seen.append(response))
        tab.goto(base + "/recherche/", wait_until="networkidle")
        tab.wait_for_selector("#dds-finder-results[aria-busy=false]")
        tab.evaluate(_WATCH_RESULTS)
        out: dict[str, Any] = {"debounce_ms": DEBOUNCE_MS}
        for key, query in (("cold", QUERY), ("warm", QUERY_WARM)):
            if key == "warm":
                seen.clear()
            tab.fill("#dds-finder-q", query)
            tab.wait_for_function("() => window.__bench.shown !== null", timeout=120_000)
            tab.wait_for_selector("#dds-finder-results[aria-busy=false]")
            times = tab.evaluate("() => window.__bench")
            status = tab.locator("#dds-finder-status").inner_text()
            found = re.search(r"\d[\d\s\u202f\u00a0]*", status)
            tab.wait_for_load_state("networkidle")
            fetched = _sum_bodies([r for r in seen if "/pagefind/" in r.url])
            out[key] = {"query": query, "latency_ms": round(times["shown"] - times["input"] - DEBOUNCE_MS),
                        "results": int(re.sub(r"\D", "", found.group())) if found else 0,
                        "pagefind_bytes": fetched["bytes"], "pagefind_requests": fetched["requests"],
                        "filter_bytes": _sum_bodies([r for r in seen if "/pagefind/filter/" in r.url])["bytes"]}
        return out
    finally:
        context.close()


def _body_len(response: Any) -> int:
    try:
        return len(response.body())
    except Exception:  # a redirect or an aborted request has no body
        return 0


def _sum_bodies(responses: list[Any]) -> dict[str, int]:
    return {"bytes": sum(_body_len(r) for r in responses), "requests": len(responses)}


def not_measured(reason: str) -> dict[str, Any]:
    return {"measured": False, "query": QUERY, "bytes": None, "requests": None, "results": None,
            "on_page_load_bytes": None, "note": f"not measured: {reason}"}


# --------------------------------------------------------------------------- one size


def run_size(n: int, seed: int, work: Path, *, query: bool, rounds: int = 3, log=print) -> dict[str, Any]:
    import fake_data

    folder = work / f"n{n}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    start = time.perf_counter()
    counts = fake_data.generate(folder, n, seed)
    dataset = {"generation_s": round(time.perf_counter() - start, 2), **counts.__dict__,
               "data_bytes": tree_bytes(folder / "data"), "data_files": sum(1 for p in (folder / "data").rglob("*.yml"))}
    args = {"data": str(folder / "data"), "content": str(folder / "content"), "work": str(folder)}
    stages: dict[str, Any] = {}
    for name in STAGES:
        log(f"  N={n}: {name}…")
        stages[name] = stage(name, args)
        log(f"  N={n}: {name} {stages[name]['wall_s']} s, {stages[name]['peak_rss_mb']} MB")
        if stages[name]["errors"]:
            raise RuntimeError(f"stage {name} at N={n} reported errors:\n" + "\n".join(stages[name]["errors"]))
    log(f"  N={n}: build and plain MkDocs, interleaved ×{rounds}…")
    alternated = interleaved(args, rounds, log=log)
    site = folder / "site"
    output = output_sizes(site)
    staged = output_sizes(folder / "staged-site")
    sample = sample_recommendation(site)
    weight = page_weight(site, sample)
    log(f"  N={n}: query…" if query else f"  N={n}: query not measured (--no-query)")
    measured = query_bytes(site, weight["page"]) if query else not_measured("--no-query was given")
    log(f"  N={n}: preview…")
    preview = preview_latency(folder / "data", folder / "content", folder)
    log(f"  N={n}: preview {preview['edits_s']} s after each save")
    sum_of_stages = sum(stages[s]["wall_s"] for s in ("generate", "mkdocs", "pagefind")) \
        + stages["site_files"]["wall_s"]
    return {
        "recommendations": n, "dataset": dataset, "stages": stages, "output": output,
        "staged_output_html_pages": staged["html_pages"],
        "sum_of_stages_s": round(sum_of_stages, 3),
        "build_vs_mkdocs": round(stages["build"]["wall_s"] / stages["mkdocs_plain"]["wall_s"], 2),
        "build_vs_own_mkdocs": round(stages["build"]["wall_s"] / stages["mkdocs"]["wall_s"], 2),
        "build_vs_mkdocs_cpu": round(stages["build"]["cpu_s"] / max(stages["mkdocs_plain"]["cpu_s"], 1e-6), 2),
        "build_vs_hugo_cpu": (round(stages["build"]["cpu_s"] / max(stages["hugo"]["cpu_s"], 1e-6), 1)
                              if stages["hugo"].get("cpu_s") else None),
        "recommendation_page_weight": weight, "query": measured, "preview": preview,
        "interleaved": alternated,
    }


def spread(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return {"min": round(ordered[0], 3), "median": round(median, 3), "max": round(ordered[-1], 3)}


def interleaved(args: dict[str, str], rounds: int, log=print) -> dict[str, Any]:
    """The whole build (A) and plain MkDocs on the same pages (B), in turn, A B A B…, each in a fresh
    process, as a reviewer compares two commands (stages run one after the other drift with the
    machine's load and caches): wall and CPU of each run, the load average before it, and each
    round's CPU ratio A ÷ B, with min / median / max. The build's CPU includes its children (the
    forked renderer, Pagefind); plain MkDocs runs after an untimed `generate`."""
    runs: dict[str, list[dict[str, float]]] = {"build": [], "mkdocs_plain": []}
    for index in range(rounds):
        for name in runs:
            load = os.getloadavg()[0]
            figures = stage(name, args)
            runs[name].append({"wall_s": figures["wall_s"], "cpu_s": figures["cpu_s"], "load_before": round(load, 2)})
            log(f"    round {index + 1}: {name} {figures['wall_s']} s wall, {figures['cpu_s']} s CPU (load {load:.2f})")
    ratios = [a["cpu_s"] / max(b["cpu_s"], 1e-6) for a, b in zip(runs["build"], runs["mkdocs_plain"], strict=True)]
    walls = [a["wall_s"] / max(b["wall_s"], 1e-6) for a, b in zip(runs["build"], runs["mkdocs_plain"], strict=True)]
    return {"rounds": rounds, "runs": runs,
            "build_cpu_s": spread([r["cpu_s"] for r in runs["build"]]),
            "mkdocs_plain_cpu_s": spread([r["cpu_s"] for r in runs["mkdocs_plain"]]),
            "build_wall_s": spread([r["wall_s"] for r in runs["build"]]),
            "mkdocs_plain_wall_s": spread([r["wall_s"] for r in runs["mkdocs_plain"]]),
            "cpu_ratio": spread(ratios), "wall_ratio": spread(walls)}


# --------------------------------------------------------------------------- the report


def machine() -> dict[str, Any]:
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=PROJECT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=PROJECT,
                           capture_output=True, text=True).stdout.strip()
    versions = {}
    from importlib.metadata import PackageNotFoundError, version

    for package in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "pagefind", "jinja2", "pydantic", "playwright"):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = None
    return {"nproc": os.cpu_count(), "memory_gb": mem, "python": platform.python_version(),
            "platform": platform.platform(), "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "commit": commit or None, "uncommitted_changes": bool(dirty), "versions": versions}


def speed_probe() -> float:
    """Seconds a fixed piece of pure Python takes (the best of three runs, in a fresh process): how
    fast the machine was when the report was made. A shared machine is not as fast every day, and
    every time in the report scales with it; compare reports by their ratios, or by this probe."""
    code = ("import time\nbest = 1e9\nfor _ in range(3):\n    t = time.perf_counter()\n    total = 0\n"
            "    for i in range(3_000_000):\n        total += i % 7\n    best = min(best, time.perf_counter() - t)\n"
            "print(best)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return round(float(done.stdout), 3)


def run_real(work: Path, log=print) -> dict[str, Any]:
    """The project's own data (data/ and content/, copied: the preview edits a record): the whole
    build, as a stage, and the preview's latency."""
    folder = work / "real"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(PROJECT / "data", folder / "data")
    shutil.copytree(PROJECT / "content", folder / "content")
    args = {"data": str(folder / "data"), "content": str(folder / "content"), "work": str(folder)}
    log("  real data: build…")
    built = stage("build", args)
    if built["errors"]:
        raise RuntimeError("the build of the real data reported errors:\n" + "\n".join(built["errors"]))
    log(f"  real data: build {built['wall_s']} s; preview…")
    preview = preview_latency(folder / "data", folder / "content", folder)
    log(f"  real data: preview {preview['edits_s']} s after each save")
    return {"recommendations": len(list((folder / "data" / "recommendations").glob("*.yml"))),
            "build": built, "preview": preview}


def _under(value: float, limit: float, unit: str, digits: int = 2) -> str:
    return (f"{limit - value:,.{digits}f} {unit} under (limit {limit:,} {unit})" if value < limit
            else f"{value - limit:,.{digits}f} {unit} over (limit {limit:,} {unit}; {value / limit:.2f}× it)")


def targets(runs: list[dict[str, Any]], real: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    by_n = {r["recommendations"]: r for r in runs}
    out = []

    def add(key: str, value: Any, shown: str, met: bool | None, margin: str) -> None:
        out.append({"id": key, "target": TARGETS[key], "value": value, "shown": shown, "met": met, "margin": margin})

    if 10000 in by_n:
        s = by_n[10000]["stages"]["check_edit"]["wall_s"]
        cold = by_n[10000]["stages"]["check"]["wall_s"]
        add("check_10k", s, f"{s:.2f} s after one edit, with the cache; {cold:.2f} s without it", s < 5,
            (f"{5 - s:.2f} s under (limit 5 s)" if s < 5 else f"{s - 5:.2f} s over ({s / 5:.2f}× the limit)")
            + f"; without the cache (a first check) {_under(cold, 5, 's')}")
        ratio = by_n[10000]["build_vs_mkdocs"]
        add("build_vs_mkdocs_10k", ratio, f"{ratio:.2f}×", ratio <= 1.5,
            f"{1.5 - ratio:.2f}× of headroom" if ratio <= 1.5 else f"{ratio - 1.5:.2f}× over (build {by_n[10000]['stages']['build']['wall_s']:.0f} s vs plain mkdocs {by_n[10000]['stages']['mkdocs_plain']['wall_s']:.0f} s)")
    else:
        for key in ("check_10k", "build_vs_mkdocs_10k"):
            add(key, None, "not measured", None, "10,000 was not among the sizes run")
    if 10000 in by_n and 1000 in by_n:
        a = by_n[1000]["output"]["html_bytes_per_page"]
        b = by_n[10000]["output"]["html_bytes_per_page"]
        change = b / a - 1
        add("bytes_per_page_10k_vs_1k", round(change, 4), f"{b:,} vs {a:,} B ({change:+.1%})", abs(change) <= 0.2,
            f"{(0.2 - abs(change)) * 100:.1f} points of headroom" if abs(change) <= 0.2 else f"{(abs(change) - 0.2) * 100:.1f} points over")
    else:
        add("bytes_per_page_10k_vs_1k", None, "not measured", None, "needs both 1,000 and 10,000")
    largest = max(runs, key=lambda r: r["recommendations"])
    ls = largest["stages"]
    # Issue 27: at 1,000 and at 10,000 (the sizes run among them, else the largest), from the
    # interleaved runs: the median round's CPU ratio, with the rounds' min and max.
    chosen = [by_n[n] for n in (1000, 10000) if n in by_n] or [largest]
    shown, highest = [], 0.0
    for run in chosen:
        ratio = run["interleaved"]["cpu_ratio"]
        highest = max(highest, ratio["median"])
        shown.append(f"{ratio['median']:.2f}× at N={run['recommendations']:,} (rounds {ratio['min']:.2f}–"
                     f"{ratio['max']:.2f}×; CPU median: build {run['interleaved']['build_cpu_s']['median']:.1f} s, "
                     f"plain MkDocs {run['interleaved']['mkdocs_plain_cpu_s']['median']:.1f} s, "
                     f"{run['interleaved']['rounds']} rounds interleaved)")
    add("build_vs_mkdocs_1_2", highest, "; ".join(shown), highest <= 1.2,
        f"{1.2 - highest:.2f}× of headroom" if highest <= 1.2 else f"{highest - 1.2:.2f}× over")
    hugo = largest.get("build_vs_hugo_cpu")
    if hugo:
        add("build_vs_hugo", hugo, f"{hugo:.1f}× at N={largest['recommendations']:,} (CPU: build "
            f"{ls['build']['cpu_s']:.1f} s, Hugo {ls['hugo']['cpu_s']:.1f} s)", None, "reported, no limit")
    else:
        add("build_vs_hugo", None, "not measured", None, ls["hugo"].get("skipped", "Hugo did not run"))
    if 10000 in by_n and by_n[10000]["stages"]["hugo"].get("wall_s"):
        st = by_n[10000]["stages"]
        warm, hugo_s = st["rebuild"]["wall_s"], st["hugo"]["wall_s"]
        add("rebuild_vs_hugo_10k", round(warm / hugo_s, 2),
            f"{warm:.1f} s wall ({st['rebuild']['cpu_s']:.1f} s CPU) vs Hugo {hugo_s:.1f} s wall ({st['hugo']['cpu_s']:.1f} s "
            f"CPU): {warm / hugo_s:.2f}×; the search index aside (Pagefind: {st['pagefind']['wall_s']:.1f} s wall). "
            f"{st['rebuild'].get('kept', '')}", warm <= hugo_s, _under(warm, hugo_s, "s", 1))
    else:
        add("rebuild_vs_hugo_10k", None, "not measured", None,
            "10,000 was not among the sizes run" if 10000 not in by_n else "Hugo is not installed")
    typed = by_n[10000]["query"].get("search_page") if 10000 in by_n else None
    if typed:
        kb = typed["cold"]["pagefind_bytes"] / 1000
        add("search_bytes_10k", typed["cold"]["pagefind_bytes"], f"{kb:,.0f} KB ('{typed['cold']['query']}', "
            f"{typed['cold']['results']:,} results)", kb < 500, _under(kb, 500, "KB", 0))
        worst = max(typed["cold"]["latency_ms"], typed["warm"]["latency_ms"])
        add("search_latency_10k", worst, f"cold {typed['cold']['latency_ms']:,} ms ({typed['cold']['results']:,} results), "
            f"warm {typed['warm']['latency_ms']:,} ms ({typed['warm']['results']:,})", worst < 500, _under(worst, 500, "ms", 0))
    else:
        why = "10,000 was not among the sizes run" if 10000 not in by_n else "the search was not measured (--no-query)"
        for key in ("search_bytes_10k", "search_latency_10k"):
            add(key, None, "not measured", None, why)
    if real:
        s = real["preview"]["median_s"]
        add("preview_real", s, f"{s:.2f} s (median of {len(real['preview']['edits_s'])}, "
            f"{real['recommendations']} recommendations)", s < 1, _under(s, 1, "s"))
        s = real["build"]["wall_s"]
        add("real_build_5s", s, f"{s:.2f} s wall ({real['build']['cpu_s']:.1f} s CPU)", s < 5, _under(s, 5, "s"))
    else:
        for key in ("preview_real", "real_build_5s"):
            add(key, None, "not measured", None, "the real data was not run (--no-real)")
    if 10000 in by_n:
        mb = by_n[10000]["stages"]["build"]["tree_peak_mb"]
        add("tree_memory_10k", mb, f"{mb:,.0f} MB", mb < 4096,
            f"{4096 - mb:,.0f} MB under" if mb < 4096 else f"{mb - 4096:,.0f} MB over")
        s = by_n[10000]["preview"]["median_s"]
        add("preview_10k", s, f"{s:.2f} s (median of {len(by_n[10000]['preview']['edits_s'])})", s < 2,
            f"{2 - s:.2f} s under" if s < 2 else f"{s - 2:.2f} s over")
        cold = by_n[10000]["stages"]["check"]["wall_s"]
        add("check_cold_10k", cold, f"{cold:.2f} s", cold < 8, _under(cold, 8, "s"))
        mb = by_n[10000]["preview"]["tree_peak_mb"]
        add("preview_tree_10k", mb, f"{mb:,.0f} MB", mb < 3072, _under(mb, 3072, "MB", 0))
    else:
        for key in ("tree_memory_10k", "preview_10k", "check_cold_10k", "preview_tree_10k"):
            add(key, None, "not measured", None, "10,000 was not among the sizes run")
    growth = growth_factors(runs)
    if growth:
        flagged = [g for g in growth if g["flagged"]]
        worst = max((g for g in growth if not g.get("work")), key=lambda g: g["factor"] / g["records_factor"])
        add("linear_stages", [g["stage"] for g in flagged], "flagged: " + (", ".join(
            f"{g['stage']} {g['factor']:.1f}×" for g in flagged) or "none"), not flagged,
            f"worst: {worst['stage']} {worst['factor']:.1f}× for {worst['records_factor']:.0f}× the records")
    else:
        add("linear_stages", None, "not measured", None, "needs two sizes")
    w = largest["recommendation_page_weight"]
    kb = w["total_bytes"] / 1024
    add("recommendation_page_weight", w["total_bytes"], f"{kb:.1f} KB at N={largest['recommendations']:,}", kb < 100,
        f"{100 - kb:.1f} KB under" if kb < 100 else f"{kb - 100:.1f} KB over")
    return out


def growth_factors(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each stage's time at the largest size ÷ at the smallest, beside the records' factor; a stage
    growing more than 1.1× as fast as the records is flagged (e.g. > 11× for 10× the records)."""
    if len(runs) < 2:
        return []
    sizes = {r["recommendations"]: r for r in runs}
    large = max(runs, key=lambda r: r["recommendations"])
    # Issue 15 reads the growth from 1,000 to 10,000: the largest size and the one ten times smaller
    # when it was run, else the smallest.
    small = sizes.get(large["recommendations"] // 10) or min(runs, key=lambda r: r["recommendations"])
    records = large["recommendations"] / small["recommendations"]
    out = []
    for name in STAGES:
        if not large["stages"][name].get("wall_s") or not small["stages"][name].get("wall_s"):
            continue  # a stage that did not run (Hugo not installed)
        factor = large["stages"][name]["wall_s"] / max(small["stages"][name]["wall_s"], 1e-6)
        out.append({"stage": name, "factor": round(factor, 2), "records_factor": records,
                    "flagged": factor > 1.1 * records})
    for part, large_s in large["stages"]["site_files"].get("parts_s", {}).items():
        small_s = small["stages"]["site_files"].get("parts_s", {}).get(part)
        if not small_s or not large_s:
            continue
        factor = large_s / max(small_s, 1e-6)
        out.append({"stage": f"site_files: {part}", "factor": round(factor, 2), "records_factor": records,
                    "flagged": factor > 1.1 * records})
    # What the parts work on (not a time, never flagged): beside the records, it says which growth
    # comes from the data's shape (older cohorts, more yearly follow-ups and due dates per measure).
    for key, large_n in large["stages"]["site_files"].get("work", {}).items():
        small_n = small["stages"]["site_files"].get("work", {}).get(key)
        if small_n and key != "recommendations":
            out.append({"stage": f"work: {key.replace('_', ' ')}", "factor": round(large_n / small_n, 2),
                        "records_factor": records, "flagged": False, "work": True})
    latency = [r["preview"]["median_s"] for r in (small, large)]
    out.append({"stage": "preview", "factor": round(latency[1] / max(latency[0], 1e-6), 2), "records_factor": records,
                "flagged": latency[1] / max(latency[0], 1e-6) > 1.1 * records})
    return out


def _mb(b: int | None) -> str:
    return "—" if b is None else f"{b / 1e6:,.1f} MB" if b >= 1e6 else f"{b / 1e3:,.1f} KB"


def markdown(report: dict[str, Any]) -> str:
    m = report["machine"]
    lines = [
        "# Scale benchmark",
        "",
        "_Written by `make bench` (tools/bench.py); do not edit by hand. A report, not a test: nothing fails "
        "because it is slow._",
        "",
        "A fictional dataset (tools/fake_data.py: invented records, example.org addresses) of N recommendations "
        "is built stage by stage, each stage in a fresh Python process (its own peak memory), then built "
        "again from scratch with `python -m generator build`. One run per stage; times are wall-clock seconds.",
        "",
        f"**Machine:** {m['nproc']} CPUs, {m['memory_gb']} GB of memory, Python {m['python']}, {m['platform']}. "
        f"**Date:** {m['date']}. **Commit:** `{(m['commit'] or 'unknown')[:12]}`"
        + (" (with uncommitted changes)" if m["uncommitted_changes"] else "") + ". "
        + "**Versions:** " + ", ".join(f"{k} {v}" for k, v in m["versions"].items() if v) + "."
        + (" **Speed probe** (tools/bench.py `speed_probe`: a fixed loop of pure Python; every time below scales "
           "with it): " + " s at the start, ".join(f"{m['speed_probe_s'][k]}" for k in ("start", "end")
                                                    if k in m.get("speed_probe_s", {})) + " s at the end."
           if m.get("speed_probe_s", {}).get("end") else ""),
        "",
        "The \"plain mkdocs build of the same pages\" (stage `mkdocs_plain`) is MkDocs + Material with the "
        "project's mkdocs.yml on the pages the generator rendered, every page body converted by Markdown "
        "as `mkdocs build` does. The build itself (stage `mkdocs`) lets the generated bodies skip Markdown "
        "(generator/engine/plugin.py, same output byte for byte), so its MkDocs stage is cheaper than the baseline; "
        "\"build ÷ own MkDocs\" compares the whole build with that cheaper stage.",
        "",
        "## Targets",
        "",
        "| Target | Measured | Met? | Margin |",
        "|---|---|---|---|",
    ]
    for t in report["targets"]:
        met = ("reported" if t["value"] is not None else "not measured") if t["met"] is None else "**yes**" if t["met"] else "**no**"
        lines.append(f"| {t['target']} | {t['shown']} | {met} | {t['margin']} |")
    alternated = [r for r in report["runs"] if r.get("interleaved")]
    if alternated:
        lines += ["", "## The whole build and plain MkDocs, interleaved", "",
                  "Each round runs the whole build (`python -m generator build`, from scratch) and then plain MkDocs "
                  "on the same pages, each in a fresh process (A B A B…): drifts of the machine's load and caches fall "
                  "on both. CPU counts the children (the forked renderer, Pagefind). The load average is read "
                  "before each run.", "",
                  "| N | round | build wall | build CPU | load before | plain MkDocs wall | plain MkDocs CPU | load before | CPU ratio |",
                  "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for r in alternated:
            i = r["interleaved"]
            for index, (a, b) in enumerate(zip(i["runs"]["build"], i["runs"]["mkdocs_plain"], strict=True), 1):
                lines.append(f"| {r['recommendations']:,} | {index} | {a['wall_s']:.2f} s | {a['cpu_s']:.2f} s | "
                             f"{a['load_before']:.2f} | {b['wall_s']:.2f} s | {b['cpu_s']:.2f} s | {b['load_before']:.2f} | "
                             f"{a['cpu_s'] / max(b['cpu_s'], 1e-6):.2f}× |")
            c, w = i["cpu_ratio"], i["wall_ratio"]
            lines.append(f"| {r['recommendations']:,} | min / median / max | | | | | | | CPU {c['min']:.2f} / "
                         f"{c['median']:.2f} / {c['max']:.2f}×; wall {w['min']:.2f} / {w['median']:.2f} / {w['max']:.2f}× |")
    lines += ["", "## Summary", "",
              "| N | pages | check | check after an edit | generate | MkDocs | plain MkDocs | Pagefind | whole build | build ÷ plain MkDocs | build ÷ plain MkDocs (CPU) | build ÷ Hugo (CPU) | build ÷ own MkDocs | site | HTML per page | search index | query downloads |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in report["runs"]:
        s, o, q = r["stages"], r["output"], r["query"]
        lines.append(
            f"| {r['recommendations']:,} | {o['html_pages']:,} | {s['check']['wall_s']:.2f} s | {s['check_edit']['wall_s']:.2f} s | {s['generate']['wall_s']:.2f} s | "
            f"{s['mkdocs']['wall_s']:.1f} s | {s['mkdocs_plain']['wall_s']:.1f} s | {s['pagefind']['wall_s']:.1f} s | "
            f"{s['build']['wall_s']:.1f} s | {r['build_vs_mkdocs']:.2f}× | {r['build_vs_mkdocs_cpu']:.2f}× | "
            f"{'—' if not r.get('build_vs_hugo_cpu') else format(r['build_vs_hugo_cpu'], '.1f') + '×'} | "
            f"{r['build_vs_own_mkdocs']:.2f}× | {_mb(o['site_bytes'])} | {_mb(o['html_bytes_per_page'])} | "
            f"{_mb(o['search_index_bytes'])} | {_mb(q['bytes']) if q['measured'] else 'not measured'} |")
    for r in report["runs"]:
        d, s, o, q, w = r["dataset"], r["stages"], r["output"], r["query"], r["recommendation_page_weight"]
        lines += ["", f"## N = {r['recommendations']:,} recommendations", "",
                  f"Dataset: {d['cohorts']} cohorts, {d['topics']:,} topics, {d['recommendations']:,} recommendations, "
                  f"{d['hearings']:,} hearings, {d['meetings']:,} meetings, {d['bodies']} bodies, {d['members']:,} members; "
                  f"{d['data_files']:,} YAML files, {_mb(d['data_bytes'])} (written in {d['generation_s']} s).",
                  "",
                  "| Stage | What | Wall time | CPU time | Per HTML page | Peak memory | Setup (in the peak, not the time) |",
                  "|---|---|---:|---:|---:|---:|---|"]
        for name in STAGES:
            st = s[name]
            if st.get("wall_s") is None:
                lines.append(f"| {name} | {STAGE_WHAT[name]} | {st.get('skipped', 'not run')} | | | | |")
                continue
            per = st["wall_s"] / max(1, o["html_pages"]) * 1000
            lines.append(f"| {name} | {STAGE_WHAT[name]} | {st['wall_s']:.2f} s | {st['cpu_s']:.2f} s | {per:.2f} ms | "
                         f"{st['peak_rss_mb']:,.0f} MB | {st['setup'] or '—'} |")
        lines += ["", f"Sum of the stages generate, mkdocs, pagefind and site_files: {r['sum_of_stages_s']:.1f} s (the whole build: "
                  f"{s['build']['wall_s']:.1f} s, which also starts Python and imports).", "",
                  "| Output | |", "|---|---:|",
                  f"| site/ | {_mb(o['site_bytes'])} in {o['site_files']:,} files |",
                  f"| HTML pages | {o['html_pages']:,} ({_mb(o['html_bytes'])}) |",
                  f"| HTML bytes per page | {o['html_bytes_per_page']:,} B |",
                  f"| site bytes per HTML page | {o['site_bytes_per_page']:,} B |",
                  f"| search index (site/pagefind) | {_mb(o['search_index_bytes'])} in {o['search_index_files']:,} files |",
                  f"| one recommendation page ({w['page']}): HTML + CSS + JS | {_mb(w['total_bytes'])} "
                  f"(HTML {_mb(w['html_bytes'])}, CSS {_mb(w['css_bytes'])}, JS {_mb(w['js_bytes'])}, uncompressed; {_mb(w['gzip_bytes'])} gzipped) |"]
        if q["measured"]:
            rp = q["recommendation_page_load"]
            lines += [f"| search '{q['query']}': bytes under /pagefind/ | {_mb(q['bytes'])} in {q['requests']} requests "
                      f"({q['results']:,} results; first {QUERY_RESULTS} loaded) |",
                      f"| /pagefind/ bytes fetched by the home page before any search | {_mb(q['on_page_load_bytes'])} |",
                      f"| the recommendation page as Chromium loads it (all requests) | {_mb(rp['bytes'])} in {rp['requests']} requests: "
                      + ", ".join(f"{k} {_mb(v)}" for k, v in sorted(rp["by_type"].items())) + " |"]
            for key, what in (("cold", "first query typed on the search page (cold): /pagefind/ bytes from opening the page"),
                              ("warm", "second query typed (warm): /pagefind/ bytes it adds")):
                t = q["search_page"][key]
                lines.append(f"| {what}; results shown after the debounce | '{t['query']}': {_mb(t['pagefind_bytes'])} in "
                             f"{t['pagefind_requests']} requests (filters: {_mb(t['filter_bytes'])}); {t['results']:,} results "
                             f"shown {t['latency_ms']:,} ms after the {q['search_page']['debounce_ms']} ms debounce |")
        else:
            lines.append(f"| search '{q['query']}' | {q['note']} |")
    lines += ["", "## Memory of the whole process tree, and the preview", "",
              "Peak resident memory of each stage's process and all its children, summed, sampled every 50 ms "
              "(/proc): the build's Python process and the Pagefind it runs count together. The preview: "
              "`python -m generator serve` on the dataset, a recommendation's title edited three times, its page "
              "polled until the edit is served (seconds from the save), then the index of recommendations until it "
              "lists the new title.", "",
              "| N | build: tree peak | build: largest process | Pagefind stage: tree peak | preview: edit → page served | preview: edit → index of recommendations | preview start | preview tree peak |",
              "|---:|---:|---:|---:|---|---|---:|---:|"]
    for r in report["runs"]:
        s, pv = r["stages"], r["preview"]
        lines.append(f"| {r['recommendations']:,} | {s['build']['tree_peak_mb']:,.0f} MB | {s['build']['peak_rss_mb']:,.0f} MB | "
                     f"{s['pagefind']['tree_peak_mb']:,.0f} MB | {', '.join(f'{x:.2f} s' for x in pv['edits_s'])} | "
                     f"{', '.join(f'{x:.1f} s' for x in pv.get('listing_s', [])) or '—'} | "
                     f"{pv['startup_s']:.0f} s | {pv['tree_peak_mb']:,.0f} MB |")
    growth = growth_factors(report["runs"])
    if growth:
        lines += ["", "## Growth from the smallest to the largest size", "",
                  f"Time at {max(r['recommendations'] for r in report['runs']):,} ÷ time at "
                  f"{round(max(r['recommendations'] for r in report['runs']) / growth[0]['records_factor']):,} recommendations; flagged when a stage grows more "
                  "than 1.1× as fast as the records.", "", "| Stage | Growth | Records | Flagged |", "|---|---:|---:|---|"]
        for g in growth:
            flag = "— (a count, not a time)" if g.get("work") else "**yes**" if g["flagged"] else "no"
            lines.append(f"| {g['stage']} | {g['factor']:.1f}× | {g['records_factor']:.0f}× | {flag} |")
    if report.get("profile"):
        lines += ["", "## Where the time goes", ""]
        for name, prof in report["profile"].items():
            lines += [f"### `{name}` at N = {prof['recommendations']:,} (cProfile, {prof['total_s']:.1f} s profiled)", "",
                      "| Function | Calls | Own time | Cumulative |", "|---|---:|---:|---:|"]
            for row in prof["by_cumulative"][:18]:
                lines.append(f"| `{row['function']}` | {row['calls']:,} | {row['own_s']:.2f} s | {row['cumulative_s']:.2f} s |")
            lines.append("")
    real = report.get("real")
    if real:
        b, pv = real["build"], real["preview"]
        lines += ["", "## The project's own data", "",
                  f"data/ and content/ of the repository ({real['recommendations']} recommendations), copied: "
                  f"`python -m generator build` {b['wall_s']:.2f} s wall, {b['cpu_s']:.1f} s CPU, tree peak "
                  f"{b['tree_peak_mb']:,.0f} MB; the preview serves an edited record's page "
                  f"{', '.join(f'{x:.2f} s' for x in pv['edits_s'])} after each save, and the index of recommendations "
                  f"lists it {', '.join(f'{x:.1f} s' for x in pv.get('listing_s', []))} after the save (started in "
                  f"{pv['startup_s']:.0f} s)."]
    if report.get("findings"):
        lines += ["", "## Findings", "", *report["findings"]]
    lines.append("")
    return "\n".join(lines)


def write_report(report: dict[str, Any], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    report["targets"] = targets(report["runs"], report.get("real"))
    (out / "benchmark.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "benchmark.md").write_text(markdown(report), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "_stage":
        print(json.dumps(run_stage(argv[1], json.loads(argv[2]))))
        return 0
    if argv and argv[0] == "_profile":
        print(json.dumps(profile_stage(argv[1], json.loads(argv[2]), Path(argv[3]))))
        return 0
    p = argparse.ArgumentParser(description="The scale benchmark: writes docs/benchmark.md and docs/benchmark.json.")
    p.add_argument("--sizes", default="100,1000,10000", help="numbers of recommendations, comma-separated")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", type=Path, default=PROJECT / "docs", help="where to write benchmark.md and .json")
    p.add_argument("--work", type=Path, help="where to build (default: a temporary folder, removed after)")
    p.add_argument("--no-query", action="store_true",
                   help="skip the Chromium search measurement (the report then says it was not measured)")
    p.add_argument("--no-real", action="store_true", help="skip the build and preview of the project's own data")
    p.add_argument("--profile", action="store_true", help="also profile generate and run_mkdocs at the largest size")
    p.add_argument("--findings", type=Path, help="a Markdown file of findings to append to the report")
    p.add_argument("--rounds", type=int, default=3,
                   help="rounds of the whole build and plain MkDocs run in turn (A B A B…) at each size")
    args = p.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    work = args.work or Path(tempfile.mkdtemp(prefix="droit-de-suite-bench-"))
    report: dict[str, Any] = {"machine": {**machine(), "speed_probe_s": {"start": speed_probe()}},
                              "config": {"sizes": sizes, "seed": args.seed, "query": not args.no_query,
                                         "stages": list(STAGES)},
                              "runs": []}
    try:
        for n in sizes:
            print(f"N={n}", flush=True)
            report["runs"].append(run_size(n, args.seed, work, query=not args.no_query, rounds=args.rounds,
                                           log=lambda s: print(s, flush=True)))
            write_report(report, args.out)  # after each size, so that a long run leaves a report
        if not args.no_real:
            print("real data", flush=True)
            report["real"] = run_real(work, log=lambda s: print(s, flush=True))
        if args.profile:
            n = max(sizes)
            folder = work / f"n{n}"
            run_args = {"data": str(folder / "data"), "content": str(folder / "content"), "work": str(folder)}
            report["profile"] = {}
            for name in ("generate", "mkdocs"):
                print(f"  N={n}: profiling {name}…", flush=True)
                prof = stage(name, run_args, profile=folder / f"{name}.prof")
                report["profile"][name] = {"recommendations": n, **prof}
        report["machine"]["speed_probe_s"]["end"] = speed_probe()
        if args.findings and args.findings.is_file():
            report["findings"] = args.findings.read_text(encoding="utf-8").splitlines()
        write_report(report, args.out)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"Wrote {args.out / 'benchmark.md'} and {args.out / 'benchmark.json'}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
