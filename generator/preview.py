"""Preview: `python -m generator serve`, a long-lived process that shows each edit within a second.

Its one job is choosing which pages to render and when, and serving them: every stage it runs is
the build's (generator/build.py: `check`, `publish_files`, `render_pages`, and `build` itself for
a complete build), and a test keeps it so (tests/test_architecture.py).

At start, one complete build (generator/build.py: MkDocs + Material, the search index) into a new
folder, served on loopback. Then the process keeps the pages it rendered and watches data/,
content/ and theme/ with watchdog events (writes only: see `watch`). On a change:

1. The records and pages are checked again. A problem is printed with its file and line, and shown
   in a panel on every page (the last good pages stay served): the preview never stops on a mistake.
2. The model is built again, and the pages of the records and pages that changed are rendered
   (both languages) and served at once: each one is the last full build's HTML page with the new
   body in place of the old one (the body is the part MkDocs copies as it is, see
   generator/engine/plugin.py). Pages open in a browser reload themselves.
3. Then every page is made again, in the background, and those that changed (listing pages,
   a topic's table…) and the open data files are served in turn. Where the system can fork and no
   complete build is running, this runs in a copy of the process, on another core
   (generator/processes.py): the next edit is not slowed by it, and stops it.
   The copy hands back first, one by one as each is rendered, the edited records' topic and cohort
   pages, then the pages that list records; then every other page and the open data at once. A
   measure's page whose version (SiteModel.version_of) did not change is taken from the pages
   earlier builds kept (generator/engine/layouts.py), not rendered again: the build's mechanism.
4. What a body cannot carry — a page's title or description in <head>, its search filters, the
   navigation, a new or deleted page, the theme's overrides or mkdocs.yml — waits for a complete
   MkDocs build, started in the background when one of them changed, into a new folder that is
   served only once it is finished.

Nothing is ever half-served: pages being replaced are swapped as a whole (one dictionary, one
folder), so a request during a rebuild gets the old page or the new one, never a 404 or a half page.
The reload script and the problems panel are added to the pages as they are served (never written
to the built files): the production build is what `generator build` writes. The search index is
the start's (or the last complete build's) until the next complete build.

Everything the preview says, in the terminal and in the panel, is a message of the catalogues in
the editor's language (generator/records/catalogue.py), in every thread it starts (`_start`: a
thread does not inherit the language its starter speaks) and in the server's (`review.LocalHandler`,
which also answers only a request naming this computer: no DNS rebinding).

Over 400 lines: the edit loop, the complete builds, the page patching and the HTTP server share one
state (what is served, at which version) under one lock; split apart, each part would reach into the
others' locks and versions.
"""

from __future__ import annotations

import contextvars
import dataclasses
import errno
import gc
import html
import http.server
import json
import mimetypes
import posixpath
import shutil
import threading
import time
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import escape
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from . import build as pipeline
from . import processes
from .engine import csp
from .records import html_tokens
from .records.catalogue import _, editor_language, ngettext
from .records.kinds import KINDS
from .records.problems import Problem, sort_problems, summary
from .records.schema import LANGUAGES
from .records.validate import Dataset
from .review import LocalHandler, free_port, loopback_server
from .site.model import build_model
from .site.render import RECORD_FOLDERS, ContentPage, Page, make_environment, page_url

#: Folders (under the project) whose change needs the pages rendered again, or a complete build.
TEMPLATES = pipeline.PROJECT / "theme" / "templates"
THEME_WIDE = (pipeline.PROJECT / "theme", pipeline.PROJECT / "mkdocs.yml")
#: Changes closer together than this are one edit (editors write a file in several steps).
SETTLE = 0.05

RELOAD_JS = """// Preview only (generator/preview.py): reload this page when the preview serves a new version of it.
(function () {
  var me = document.currentScript, version = me.getAttribute("data-version");
  var page = location.pathname;
  function wait() {
    fetch("/__preview__/wait?path=" + encodeURIComponent(page) + "&v=" + version, {cache: "no-store"})
      .then(function (r) { return r.text(); })
      .then(function (v) { if (v.trim() !== version) { location.reload(); } else { wait(); } })
      .catch(function () { setTimeout(wait, 1000); });
  }
  wait();
})();
"""

PREVIEW_CSS = """.dds-preview-problems{position:fixed;inset:auto 0 0 0;z-index:100;max-height:50vh;overflow:auto;
margin:0;padding:1rem;background:#fff4e5;color:#1a1a1a;border-top:4px solid #b34700;font-size:.8rem}
.dds-preview-problems pre{white-space:pre-wrap;margin:.5rem 0 0}
"""


def body_of(page: Page) -> tuple[dict, str]:
    """A rendered page's front matter and its body, as MkDocs gets them (generator/engine/plugin.py)."""
    _, front, rest = page.text.split("---\n", 2)
    return json.loads(front), rest.strip()


def site_path(docs_path: str) -> str:
    """fr/recommandations/x/index.md -> recommandations/x/index.html (en/… keeps its en/)."""
    lang, _, rest = docs_path.partition("/")
    path = rest[: -len(".md")] + ".html"
    return path if lang == LANGUAGES[0] else f"{lang}/{path}"


@dataclass(frozen=True)
class Served:
    """What the server answers with, replaced as a whole: a built folder, and pages served instead
    of its files (path under the site -> bytes)."""

    folder: Path | None
    overlay: dict[str, bytes] = field(default_factory=dict)
    #: The version at which each path last changed; `everything` is the version of a change that
    #: concerns every page (a new folder, the problems panel).
    changed: dict[str, int] = field(default_factory=dict)
    everything: int = 0
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Patched:
    """Pages and files made ready to serve (Preview.patch) from the built `folder`."""

    folder: Path | None
    overlay: dict[str, bytes]
    pages: list[Page]
    stale_head: bool


class Preview:
    def __init__(self, data: Path, content: Path, out: Path, root: Path, *, build_date: date, today: date,
                 fictional: bool = False, log=print) -> None:
        self.data, self.content, self.out, self.root = data, content, Path(out), root
        #: The CLI reads the dates once (cli.days): the preview speaks of the day it was started.
        self.build_date, self.today = build_date, today
        self.fictional = fictional
        self.log = log
        #: The editor's language, for the server's threads (the others start in it: `_start`).
        self.lang = editor_language()
        self.served = Served(None)
        self.version = 0
        self.condition = threading.Condition()
        self.lock = threading.RLock()  # one edit at a time
        self.build_lock = threading.Lock()  # one complete build at a time
        self.builds = 0
        #: The pages and files of the last complete build (their bodies are in the served folder).
        self.built_pages: dict[str, Page] = {}
        #: The pages as last rendered, and the open data files.
        self.pages: dict[str, Page] = {}
        self.files: dict[str, bytes] = {}
        self.data_version: str = ""
        self.datapackage: Mapping[str, Any] | None = None
        self.result: pipeline.Result | None = None
        #: The records as last checked: an edit reads again only the files that changed.
        self.dataset: Dataset | None = None
        self.generation = 0
        self.full_build_wanted = threading.Event()
        self.environment: Environment | None = None
        #: The forked copies rendering every page (render_all).
        self.rendering: set[processes.Child] = set()
        #: The pages earlier builds of this preview made (generator/engine/layouts.py): a complete
        #: build, and the pass that renders every page after an edit, make again only those whose
        #: inputs changed. None when the cache is off.
        self.kept = pipeline.Kept.of(self.out, pipeline.PROJECT / "mkdocs.yml", self.data, self.root)

    # ----------------------------------------------------------------------------- publishing

    def publish(self, served: Served) -> None:
        with self.condition:
            self.served = served
            self.condition.notify_all()

    def next_version(self) -> int:
        self.version += 1
        return self.version

    def page_version(self, url_path: str) -> int:
        """The version at which the page at `url_path` (/recommandations/x/) last changed."""
        served = self.served
        key = url_path.lstrip("/")
        key = key + "index.html" if key.endswith("/") or not key else key
        return max(served.changed.get(key, 0), served.everything)

    def show_problems(self, problems: list[Problem], ok: bool) -> None:
        """Print the problems (file, line, message) and show them on every page."""
        problems = sort_problems(problems)
        for problem in problems:
            self.log(problem.text())
        if problems:
            self.log(summary(problems, built=ok))
        shown = tuple(p.text() for p in problems if p.is_error)
        if shown != self.served.problems:
            self.publish(dataclasses.replace(self.served, problems=shown, everything=self.next_version()))

    # ----------------------------------------------------------------------------- complete builds

    def full_build(self) -> bool:
        """A complete build (MkDocs, search index) into a new folder, then served as a whole. Edits
        go on being shown while it runs: those made after it started are rendered again on top of it."""
        with self.build_lock:
            self.builds += 1
            folder = self.out.with_name(f"{self.out.name}.preview-{self.builds}")
            if folder.exists():
                shutil.rmtree(folder)
            started, generation = time.monotonic(), self.generation
            try:
                result = pipeline.build(self.data, self.content, folder, self.root, build_date=self.build_date,
                                        today=self.today, fictional=self.fictional, kept=self.kept)
            except pipeline.BuildError as error:
                self.log(str(error))
                return False
            except OSError as error:
                self.log(_("preview_not_written", error=error))
                return False
            with self.lock:
                if generation == self.generation:
                    self.show_problems(result.problems, result.ok)
                if not result.ok:
                    return False
                self.swap(folder, result)
                if generation != self.generation:  # edited meanwhile
                    _start(self.changed, set())
            self.log(ngettext("preview_built", "preview_built", len(result.pages),
                              seconds=seconds(time.monotonic() - started)))
            return True

    def swap(self, folder: Path, result: pipeline.Result) -> None:
        self.result = result
        self.dataset = result.dataset
        self.built_pages = {p.path: p for p in result.pages}
        self.pages = dict(self.built_pages)
        self.files = dict(result.files)
        self.data_version, self.datapackage = result.data_version, result.datapackage
        old = self.served.folder
        self.publish(Served(folder, {}, {}, self.next_version(), self.served.problems))
        if old is not None and old != folder:
            # Requests already under way may still read the old folder for a moment.
            threading.Timer(10.0, shutil.rmtree, args=(old,), kwargs={"ignore_errors": True}).start()
        if self.environment is None:  # compiled now rather than on the first edit
            environment = self.templates()
            for name in environment.list_templates(extensions=["html"]):
                environment.get_template(name)

    # ----------------------------------------------------------------------------- edits

    def changed(self, paths: set[Path]) -> None:
        """Files under data/, content/ or theme/ changed (or appeared, or went). The cyclic garbage
        collector waits meanwhile: at 10,000 recommendations one of its full passes over the
        records takes about a second, which the edited page would wait for."""
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._changed(paths)
        finally:
            if collecting:
                gc.enable()

    def _changed(self, paths: set[Path]) -> None:
        with self.lock:
            self.generation += 1
            generation = self.generation
            started = time.monotonic()
            self.stop_rendering()  # what it renders is out of date
            if self.served.folder is None or any(_under(p, THEME_WIDE) and not _under(p, (TEMPLATES,)) for p in paths):
                self.full_build_wanted.set()
                return
            dataset, content, problems = self.check_again(paths)
            checked = time.monotonic()
            if any(p.is_error for p in problems):
                self.show_problems(problems, False)
                return
            model = build_model(dataset, self.build_date)
            records = _changed_records(paths, self.data)
            pages = [c for c in content if _under(self.content / c.lang / f"{c.name}.md", paths)]
            if records or pages:
                rendered = _render_some(model, records, pages, self.published(), fictional=self.fictional,
                                        environment=self.templates())
                self.serve_pages(rendered)
                self.log(ngettext("preview_served", "preview_served", len(rendered),
                                  seconds=seconds(time.monotonic() - started, 2),
                                  check=seconds(checked - started, 2)))
            self.show_problems(problems, True)
        # Every page again, then the open data: listing pages and pages that show the record.
        _start(self.render_all, generation, dataset, content, model, records)

    def check_again(self, paths: set[Path]) -> tuple[Dataset, list[ContentPage], list[Problem]]:
        """build.check after an edit, reading again only the record files that changed since the
        last check (`paths`, or a new modification time): the others' records and own problems
        are kept; the rules across records run on them all."""
        dataset, content, problems = pipeline.check(self.data, self.content, self.root, today=self.today,
                                                    cached=self.dataset, changed=paths)
        self.dataset = dataset
        return dataset, content, problems

    def templates(self) -> Environment:
        """The pages' templates, kept compiled from one edit to the next (Jinja compiles a template
        again when its file changed)."""
        if self.environment is None:
            self.environment = make_environment()
        return self.environment

    def published(self) -> pipeline.Published:
        """The files published beside the pages as last served (the pages cite them)."""
        return pipeline.Published(self.files, self.data_version, self.datapackage)

    def render_all(self, generation: int, dataset, content: list[ContentPage], model,
                   records: Mapping[str, set[str]] | None = None) -> None:
        """Every page and the open data, through the build's stages (build.publish_files,
        build.render_pages) as generator/build.py's generate_from calls them; the
        pages that changed are served. In a forked copy of this process where the system has fork:
        there the pages that list records and those of the edited records' parents come first
        (`_first`), served as soon as they are rendered, before the thousands of other pages."""
        started = time.monotonic()
        with self.lock:
            if generation != self.generation:
                return
            known = {path: page.text for path, page in self.pages.items()}
            copy = self._fork(dataset, content, model, known, records or {})
        if copy is not None:
            found = self._receive(copy, generation, started)
        else:
            found = self._everything(dataset, content, model, known)
        if found is None:
            return  # stopped by a newer edit, or failed (said in the log)
        changed, files, paths, data_version, datapackage = found
        with self.lock:
            if generation != self.generation:
                return  # a newer edit is being shown
            if paths != set(self.built_pages):
                self.log(_("preview_pages_added_or_removed"))
                self.full_build_wanted.set()
                return
            served = self.served
        patched = self.patch(served, changed, files)  # an edit meanwhile is not kept waiting
        with self.lock:
            if generation != self.generation:
                return
            self.data_version, self.datapackage = data_version, datapackage
            self.serve_pages(changed, files=files, patched=patched)
            self.files = files
            self.log(ngettext("preview_all_rendered", "preview_all_rendered", len(changed),
                              seconds=seconds(time.monotonic() - started)))

    def _everything(self, dataset, content: list[ContentPage], model, known: Mapping[str, str]):
        """(the pages whose text is not in `known`, the open data files, every page's path, the
        data version, the data package): reads the preview's state, changes none of it."""
        published = pipeline.publish_files(model, content, self.data, self.root)
        kept = pipeline.render_store(self.kept.render, model, fictional=self.fictional) if self.kept else None
        pages = pipeline.render_pages(model, content, published, fictional=self.fictional, parallel=False,
                                      report=pipeline.translation_report(dataset, content, self.root),
                                      environment=self.templates(), kept=kept)
        changed = [p for p in pages if known.get(p.path) != p.text]
        return changed, published.files, {p.path for p in pages}, published.data_version, published.datapackage

    def _first_pages(self, content: list[ContentPage], model, known: dict[str, str],
                     records: Mapping[str, set[str]], send: Callable[[Page], None]) -> int:
        """The pages `_first` picks, rendered with the open data as it was, each handed to `send`
        as soon as it is rendered and found changed: the edited records' topic and cohort pages,
        then the pages that list records (the index of 10,000 recommendations takes seconds: the
        others need not wait for it). `known` is updated with them; the number sent is returned."""
        ranks = _first(model, records)
        sent = 0

        def rendered(page: Page) -> None:
            nonlocal sent
            if page.text and known.get(page.path) != page.text:
                known[page.path] = page.text
                send(page)
                sent += 1

        for rank in (0, 1):
            def wanted(lang: str, url: str, rank: int = rank) -> bool:
                return ranks(url) == rank

            pipeline.render_pages(model, content, self.published(), fictional=self.fictional,
                                  environment=self.templates(), wanted=wanted, rendered=rendered)
        return sent

    def _fork(self, dataset, content: list[ContentPage], model, known: dict[str, str],
              records: Mapping[str, set[str]]) -> processes.Child | None:
        """A copy of this process (generator/processes.py) that renders the pages `_first` picks,
        each sent back as soon as it is rendered, then their number, then everything
        (`_everything`). Called under self.lock. None where no copy can be made safely: the system
        cannot fork, or a complete build runs in this process (its pages are then rendered here)."""
        if not processes.FORKS or not self.build_lock.acquire(blocking=False):
            return None
        try:
            def work(send: Callable[[Any], None]):
                send(self._first_pages(content, model, known, records, send))
                return self._everything(dataset, content, model, known)

            # The other threads of this process are idle as far as the copy is concerned: no edit
            # renders (self.lock is held: Jinja's caches have locks of their own) and no complete
            # build runs (self.build_lock: MkDocs, its logging, Babel's locale cache); what runs is
            # the server answering files and the watcher, whose locks the copy never takes.
            copy: processes.Child = processes.start(work, threads_idle=True)
        finally:
            self.build_lock.release()
        self.rendering.add(copy)
        return copy

    def _receive(self, copy: processes.Child, generation: int, started: float):
        """What the copy hands back last, or None when it was stopped or failed; the pages it
        hands back first are served as they come."""
        try:
            for value in copy.messages():
                if isinstance(value, Page):  # one of the first pages, served at once
                    with self.lock:
                        if generation == self.generation:
                            self.serve_pages([value])
                elif value:  # how many first pages were sent
                    self.log(ngettext("preview_listings_rendered", "preview_listings_rendered", value,
                                      seconds=seconds(time.monotonic() - started)))
            return copy.result()
        except processes.ChildFailed:
            return None  # stopped by a newer edit
        except Exception as error:  # raised in the copy: said, and the preview goes on
            self.log(_("preview_render_failed", error=repr(error)))
            return None
        finally:
            copy.stop(wait=True)  # nothing when it ended and was waited for, as it should have
            with self.lock:
                self.rendering.discard(copy)

    def stop_rendering(self) -> None:
        """Stop the copies rendering every page for an older edit (under self.lock)."""
        for copy in self.rendering:
            copy.stop()

    def serve_pages(self, pages: list[Page], files: dict[str, bytes] | None = None,
                    patched: Patched | None = None) -> None:
        """Serve new versions of `pages` (and of the open data `files`), swapped in at once (under
        self.lock). `patched`: what `patch` made of them beforehand, without the lock."""
        served = self.served
        if patched is None or patched.folder != served.folder:
            patched = self.patch(served, pages, files)
        overlay, changed = dict(served.overlay), dict(served.changed)
        version = self.next_version()
        overlay.update(patched.overlay)
        changed.update(dict.fromkeys(patched.overlay, version))
        self.pages.update((page.path, page) for page in patched.pages)
        self.publish(dataclasses.replace(served, overlay=overlay, changed=changed))
        if patched.stale_head:
            self.full_build_wanted.set()

    def patch(self, served: Served, pages: list[Page], files: dict[str, bytes] | None = None) -> Patched:
        """Each of `pages` as the built folder's page with the new body (and head, where it can be
        patched), and the open data `files` that changed, as the server answers them. Reads the
        state and changes none of it: thousands of pages (every recommendation page cites the data's
        version, which an edit changes) are patched without holding the lock an edit waits for."""
        overlay: dict[str, bytes] = {}
        done: list[Page] = []
        stale_head = False
        for page in pages:
            path = site_path(page.path)
            built = self.built_pages.get(page.path)
            shell = _read(served.folder, path) if built is not None else None
            if built is None or shell is None:
                stale_head = True
                continue
            old_meta, old_body = body_of(built)
            new_meta, new_body = body_of(page)
            start = shell.find(old_body, max(shell.find('id="contenu"'), 0))
            if start < 0:
                stale_head = True
                continue
            text = shell[:start] + new_body + shell[start + len(old_body):]
            if old_meta != new_meta:
                head = _patch_head(text, old_meta, new_meta)
                stale_head |= head is None
                text = head or text
            overlay[path] = text.encode("utf-8")
            done.append(page)
        for name, data in (files or {}).items():
            if self.files.get(name) != data:
                overlay[name] = csp.with_policy(data.decode("utf-8")).encode("utf-8") if name.endswith(".html") else data
        return Patched(served.folder, overlay, done, stale_head)

    def builder(self) -> None:
        """Complete builds asked for by edits, one at a time, after the edits settle."""
        while True:
            self.full_build_wanted.wait()
            time.sleep(1.0)
            self.full_build_wanted.clear()
            self.log(_("preview_complete_build"))
            self.full_build()

    # ----------------------------------------------------------------------------- serving

    def answer(self, url_path: str) -> tuple[int, str, bytes] | None:
        """(status, content type, body) for a path of the site; None: a redirect to path + '/'."""
        served = self.served
        path = posixpath.normpath(urllib.parse.unquote(url_path.split("?", 1)[0].split("#", 1)[0])).lstrip("/")
        path = "" if path == "." else path
        if ".." in path.split("/"):
            return 404, "text/plain; charset=utf-8", _("preview_not_found").encode()
        key = f"{path}/index.html" if path and (url_path.endswith("/")) else (path or "index.html")
        if key in served.overlay:
            data = served.overlay[key]
        elif served.folder is not None and (served.folder / key).is_file():
            data = (served.folder / key).read_bytes()
        elif served.folder is not None and (served.folder / path).is_dir():
            return None
        else:
            missing = _read(served.folder, "404.html") if served.folder else None
            return 404, "text/html; charset=utf-8", self.decorate((missing or "<h1>404</h1>").encode(), "/404.html")
        kind = mimetypes.guess_type(key)[0] or "application/octet-stream"
        if kind == "text/html":
            return 200, "text/html; charset=utf-8", self.decorate(data, key)
        return 200, kind, data

    def decorate(self, data: bytes, page: str) -> bytes:
        """The reload script, and the problems panel when the edit has errors (preview only)."""
        text = data.decode("utf-8")
        served = self.served
        script = f'<script src="/__preview__/reload.js" data-version="{self.page_version(page)}"></script>'
        text = text.replace("</head>", '<link rel="stylesheet" href="/__preview__/preview.css"></head>', 1)
        if served.problems:
            panel = ('<div class="dds-preview-problems" role="alert"><p><strong>'
                     + html.escape(_("preview_panel")) + "</strong></p><pre>"
                     + html.escape("\n".join(served.problems)) + "</pre></div>")
            text = text.replace("</body>", panel + "</body>", 1)
        return text.replace("</body>", script + "</body>", 1).encode("utf-8")

    def wait(self, page: str, version: int, timeout: float = 25.0) -> int:
        with self.condition:
            self.condition.wait_for(lambda: self.page_version(page) > version, timeout=timeout)
            return self.page_version(page)


def _patch_head(page: str, old: dict, new: dict) -> str | None:
    """The page with a new title or description where theme/overrides/main.html prints them (the
    <title>, link previews, the search result's title, the breadcrumb's last item); None when
    anything else of the front matter changed (a complete build shows it)."""
    differing = {k for k in set(old) | set(new) if old.get(k) != new.get(k)}
    crumbs_old, crumbs_new = old.get("breadcrumb") or [], new.get("breadcrumb") or []
    if "breadcrumb" in differing and (crumbs_old[:-1] != crumbs_new[:-1] or not crumbs_old or not crumbs_new
                                      or {**crumbs_old[-1], "title": ""} != {**crumbs_new[-1], "title": ""}):
        return None
    if not differing <= {"title", "description", "breadcrumb"}:
        return None
    body = html_tokens.first_start_tag(page, "body")
    if body is None:
        return None
    head, cut, rest = page[:body[0]], "", page[body[0]:]
    once = lambda text: str(escape(html.unescape(str(text))))  # noqa: E731 — the theme's `e` (engine/plugin.py)
    if "title" in differing:
        for before, after in ((f"<title>{old['title']} – ", f"<title>{new['title']} – "),
                              (f"<title>{old['title']}</title>", f"<title>{new['title']}</title>"),
                              (f'"og:title" content="{old["title"]}"', f'"og:title" content="{new["title"]}"'),
                              (f'"title[content]" content="{old["title"]}"', f'"title[content]" content="{new["title"]}"')):
            head = head.replace(before, after)
    if "description" in differing:
        head = head.replace(f'content="{old.get("description", "")}"', f'content="{new.get("description", "")}"')
    if "breadcrumb" in differing:
        before = f'aria-current="page">{once(crumbs_old[-1]["title"])}</a>'
        if before not in rest:
            return None
        rest = rest.replace(before, f'aria-current="page">{once(crumbs_new[-1]["title"])}</a>', 1)
    return head + cut + rest


def _read(folder: Path | None, path: str) -> str | None:
    try:
        return (folder / path).read_text(encoding="utf-8") if folder else None
    except OSError:
        return None


def _under(path: Path, roots) -> bool:
    return any(path == root or root in path.parents for root in roots)


def _changed_records(paths: set[Path], data: Path) -> dict[str, set[str]]:
    """Record ids by folder (data/<folder>/<id>.yml) among the changed files."""
    found: dict[str, set[str]] = {}
    for path in paths:
        if path.suffix == ".yml" and path.parent.parent == data:
            found.setdefault(path.parent.name, set()).add(path.stem)
    return found


def _render_some(model, records: dict[str, set[str]], content: list[ContentPage], published: pipeline.Published, *,
                 fictional: bool = False, environment: Environment | None = None) -> list[Page]:
    """The pages of the changed records and hand-written pages only, in both languages
    (build.render_pages). The templates see the whole model; only the lists the pages are made
    from are cut to what changed (the section index pages rendered from those short lists are
    dropped)."""
    def only(items, folder: str):
        return tuple(i for i in items if i.id in records.get(folder, ()))

    # Each record type's list in the model (records/kinds.py: `Kind.model_list`); a type listed in
    # `by_id` only is not cut: the renderer skips, unprepared, the pages not wanted.
    part = dataclasses.replace(model, **{kind.model_list: only(getattr(model, kind.model_list), kind.folder)
                                         for kind in KINDS if kind.model_list})
    paths = {f"{lang}/{url}index.md" for lang in LANGUAGES for folder, ids in records.items() for url in
             _urls(folder, ids)} | {f"{c.lang}/{'' if c.name == 'index' else c.name + '/'}index.md" for c in content}
    # The other pages of the site (the home page, the section index pages, which read the whole
    # model) are not rendered at all: at 10,000 recommendations they took 0.6 s.
    pages = pipeline.render_pages(part, content, published, fictional=fictional, parallel=False,
                                  environment=environment, wanted=lambda lang, url: f"{lang}/{url}index.md" in paths)
    return [page for page in pages if page.path in paths]


def _first(model, records: Mapping[str, set[str]]) -> Callable[[str], int | None]:
    """Which pages (by URL) are rendered first after an edit of `records`, and in which order: 0,
    the pages of the edited records and of their topic and cohort; 1, those that list records (the
    home page, the section index pages, the follow-up reports, the member lists, the hand-written
    pages); None, the others, later. The data page waits for the open data, and the translation
    report for the history it reads."""
    related = set()
    for folder, ids in records.items():
        for record_id in ids:
            related.add(page_url(folder, record_id))
            item = model.by_id.get(folder, {}).get(record_id)
            for parent in ("topic", "cohort"):
                found = getattr(item, parent, None)
                if found is not None:
                    related.add(page_url(parent + "s", found.id))
    later = {page_url("data"), page_url("contribute", "traductions")}

    def first(url: str) -> int | None:
        if url in related:
            return 0
        if url in later:
            return None
        return 1 if url.count("/") <= 1 or url.split("/", 1)[0] not in RECORD_FOLDERS else None

    return first


def _urls(folder: str, ids: set[str]) -> list[str]:
    return [page_url(folder, i) for i in sorted(ids)]


# --------------------------------------------------------------------------------- the server


def make_server(preview: Preview, port: int) -> http.server.ThreadingHTTPServer:
    """The preview's server on 127.0.0.1:`port`, answering only this computer's own names for it
    (review.LocalHandler: no DNS rebinding), in the editor's language."""
    class Handler(LocalHandler):
        lang = preview.lang  # the server's threads start in French

        def reply(self, head: bool) -> None:
            if self.path == "/__preview__/reload.js":
                return self.send(200, "text/javascript; charset=utf-8", RELOAD_JS.encode(), head)
            if self.path == "/__preview__/preview.css":
                return self.send(200, "text/css; charset=utf-8", PREVIEW_CSS.encode(), head)
            if self.path.startswith("/__preview__/wait?"):
                query = urllib.parse.parse_qs(self.path.split("?", 1)[1])
                page = query.get("path", ["/"])[0]
                try:
                    version = int(query.get("v", ["0"])[0])
                except ValueError:
                    version = 0
                return self.send(200, "text/plain", str(preview.wait(page, version)).encode(), head)
            answer = preview.answer(self.path)
            if answer is None:
                return self.redirect(301, self.path.split("?", 1)[0] + "/")
            self.send(*answer, head)
            return None

    return loopback_server(Handler, port)


def watch(preview: Preview, roots: list[Path]):
    """Watchdog observers over `roots` (folders and files); changes are gathered for SETTLE seconds,
    then handled. Only the roots are watched: the builds write next to them, never in them."""
    pending: set[Path] = set()
    lock = threading.Lock()
    wake = threading.Event()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            names = [Path(n) for n in (event.src_path, getattr(event, "dest_path", "")) if n]
            names = [n for n in names if _under(n, roots)]
            if names:
                with lock:
                    pending.update(names)
                wake.set()

    def handle() -> None:
        while True:
            wake.wait()
            time.sleep(SETTLE)
            wake.clear()
            with lock:
                paths = set(pending)
                pending.clear()
            if paths:
                try:
                    preview.changed(paths)
                except Exception as error:  # the preview reports and keeps serving
                    preview.log(_("preview_rebuild_failed", error=repr(error)))

    # Only what writes: the preview and its builds read every record (the data version, the open
    # data, a complete build's check), and the system's queue of events (16,384 by default) would
    # fill with their openings, losing an edit, had they been asked for and ignored here.
    writes = [FileCreatedEvent, FileModifiedEvent, FileClosedEvent, FileDeletedEvent, FileMovedEvent,
              DirCreatedEvent, DirDeletedEvent, DirMovedEvent]
    observer = Observer()
    for root in roots:
        if root.is_dir():
            observer.schedule(Handler(), str(root), recursive=True, event_filter=writes)
        elif root.is_file():
            observer.schedule(Handler(), str(root.parent), recursive=False, event_filter=writes)
    observer.start()
    _start(handle)
    return observer


def serve(data: Path, content: Path, out: Path, *, build_date: date, today: date, port: int = 8000,
          fictional: bool = False) -> int:
    """Serve the preview on `port` until Ctrl+C. The port is taken first, before the build (minutes
    on a large site): one already in use is said at once, with a free one to try, exit code 2."""
    preview = Preview(data.resolve(), content.resolve(), out.resolve(), Path.cwd(), build_date=build_date,
                      today=today, fictional=fictional, log=lambda text: print(text, flush=True))
    try:
        server = make_server(preview, port)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            print(_("preview_port_taken", port=port, free=free_port(port)), flush=True)
        else:
            print(_("preview_port_refused", port=port, error=error.strerror or error, free=free_port(port)), flush=True)
        return 2
    try:
        preview.full_build()
        _start(preview.builder)
        observer = watch(preview, [preview.data, preview.content, *THEME_WIDE])
        print(_("preview_serving", port=port), flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print(_("preview_stopped"))
        finally:
            observer.stop()
    finally:
        server.server_close()
    return 0


def seconds(value: float, digits: int = 1) -> str:
    """A duration in seconds as the editor's language writes it: 1,5 in French, 1.5 in English."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if editor_language() == "fr" else text


def _start(target: Callable[..., object], *args: object) -> None:
    """`target(*args)` in a new daemon thread that speaks the editor's language, as the thread that
    starts it does (a thread starts with an empty context, in French: catalogue.editor_language)."""
    threading.Thread(target=contextvars.copy_context().run, args=(target, *args), daemon=True).start()
