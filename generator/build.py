"""Build: the pipeline. Its one job is the stages, each a function, and `build`, which runs them
all into a site folder:

    check (records + pages) -> build_model -> publish_files -> render_pages -> run_mkdocs -> run_pagefind

`build` and the preview (generator/preview.py) call the same stages; the preview only chooses
which pages and when. `check()` and `build()` return problems; they never print or exit (the CLI
does). A build stops before writing anything when there is an error in the data or the content.
Work in another process goes through generator/processes.py.

Over 400 lines: the whole pipeline in one readable place, plus the hand-written pages'
checks (`load_content`), which apply the records' rules to pages; the MkDocs part is meant to
move to the MkDocs glue.
"""

from __future__ import annotations

import bisect
import gc
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment

from . import processes
from .editor.translations import freshness
from .engine import csp, layouts
from .publish.exports import site_files
from .records import cache, contacts, legal
from .records.catalogue import _, catalogue_path, editor_language
from .records.load import MAX_BYTES, check_characters, load_text, not_read, symlink
from .records.markup import public_text
from .records.problems import WARNING, Problem, did_you_mean, one_of, relative
from .records.schema import ID_PATTERN, LANGUAGES, text_in
from .records.validate import (
    Dataset,
    TranslationGap,
    contact_problems,
    hidden_markup_problems,
    is_private_key,
    length_problem,
    line_starts,
    private_key_message,
    public_contacts,
    translation_gaps,
    validate,
    value_locator,
)
from .site.model import SiteModel, build_model
from .site.render import SECTIONS, ContentPage, Page, meta_text, render_site
from .site.search import search_files

PROJECT = Path(__file__).resolve().parent.parent
#: The theme: MkDocs' overrides (mkdocs.yml's custom_dir) and the pages' templates.
THEME = PROJECT / "theme"


@dataclass
class Result:
    problems: list[Problem] = field(default_factory=list)
    model: SiteModel | None = None
    pages: list[Page] = field(default_factory=list)
    #: Files published beside the pages (open data, feeds, calendar, build-info.json): path -> bytes.
    files: dict[str, bytes] = field(default_factory=dict)
    #: The validated records and pages the model was built from (the preview keeps them).
    dataset: Dataset | None = None
    content: list[ContentPage] = field(default_factory=list)
    #: The data's version and the Data Package descriptor the pages were rendered with.
    data_version: str = ""
    datapackage: Mapping[str, Any] | None = None
    #: How many pages were rendered (stays when `build(keep=False)` lets the pages go).
    page_count: int = 0
    #: With kept layouts (`build(reuse=True)`): how many pages' layouts were used again, and how
    #: many were laid out.
    kept_layouts: tuple[int, int] | None = None
    #: The rendered pages kept for the next build (`generate(kept=…)`), until the build is complete.
    kept_pages: cache.TextStore | None = None

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

    def __repr__(self) -> str:
        # Counts only: the model's records point at each other, and printing them all (a failing
        # test's report does) takes minutes and gigabytes.
        return (f"Result(ok={self.ok}, problems={len(self.problems)}, pages={len(self.pages)}, "
                f"files={len(self.files)}, model={'yes' if self.model is not None else 'no'})")


#: Page names a hand-written page may not take: the folders of generated pages, the language
#: folders and the files the build writes at the site's root (a page there would lose to them, or
#: overwrite them). Names with a dot (sitemap.xml, build-info.json…) are refused by PAGE_NAME.
RESERVED_PAGE_NAMES = frozenset(SECTIONS.values()) | frozenset(LANGUAGES) | {"assets", "pagefind", "flux", "404"}
PAGE_NAME = re.compile(ID_PATTERN)


def load_content(content_dir: Path, root: Path, *, allowed_contacts: frozenset[str] = frozenset()
                 ) -> tuple[list[ContentPage], list[Problem]]:
    """Hand-written pages: content/<lang>/<name>.md, each with front matter (title, description).

    Nothing under content/ is ignored without a word: a symbolic link is refused (it could publish
    a file from outside the repository while a pull request shows only the link), so are files and
    folders that would not be read (another language, a sub-folder, another extension, a name
    that is not a web address or that a generated page already uses); hidden files get a warning.
    """
    pages: list[ContentPage] = []
    problems: list[Problem] = []
    names: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}
    folders = one_of(f"content/{lang}/" for lang in LANGUAGES)
    if content_dir.is_symlink():
        return pages, [Problem(relative(content_dir, root), 1, 1, "", symlink())]
    if not content_dir.is_dir():
        return pages, problems
    for item in sorted(content_dir.iterdir()):
        shown = relative(item, root)
        if _skipped(item, shown, problems):
            continue
        if item.is_dir() and item.name in LANGUAGES:
            continue
        if item.is_dir():
            problems.append(Problem(shown, 1, 1, "", _("build_folder_not_a_language", name=item.name, folders=folders,
                                                       suggestion=did_you_mean(item.name, LANGUAGES))))
        elif item.name.lower() != "readme.md":
            problems.append(Problem(shown, 1, 1, "", _("build_file_not_read_pages_go", folders=folders)))
    for lang in LANGUAGES:
        folder = content_dir / lang
        if folder.is_symlink():
            continue  # reported with the other entries of content/
        for file in sorted(folder.iterdir()) if folder.is_dir() else []:
            shown = relative(file, root)
            if _skipped(file, shown, problems):
                continue
            if file.is_dir():
                problems.append(Problem(shown, 1, 1, "", _("build_sub_folder", lang=lang)))
                continue
            if file.suffix != ".md":
                problems.append(Problem(shown, 1, 1, "", _("build_file_not_read_rename", name=file.stem)
                                        if file.suffix.lower() in (".md", ".markdown")
                                        else _("build_file_not_read_markdown")))
                continue
            name_problem = _page_name_problem(file.stem, shown, lang)
            if name_problem is not None:
                problems.append(name_problem)
                continue
            page, found = _content_page(file, shown, lang, allowed_contacts)
            problems += found
            # A page that exists but fails to load still exists: its own problems say what is
            # wrong, and the other language must not be told that it has no twin.
            names[lang].add(file.stem)
            if page is not None:
                pages.append(page)
    for name in sorted(names["fr"] - names["en"]):
        problems.append(Problem(relative(content_dir / "fr" / f"{name}.md", root), 1, 1, "",
                                _("build_page_without_english", name=name), WARNING))
    for name in sorted(names["en"] - names["fr"]):
        problems.append(Problem(relative(content_dir / "en" / f"{name}.md", root), 1, 1, "",
                                _("build_page_without_french", name=name)))
    return pages, problems


def _skipped(item: Path, shown: str, problems: list[Problem]) -> bool:
    """True for what is not read: a symbolic link (refused) or a hidden file (a warning)."""
    skip, problem = not_read(item, shown)
    if problem is not None:
        problems.append(problem)
    return skip


def _page_name_problem(name: str, shown: str, lang: str) -> Problem | None:
    """A page's name is its web address: lower-case letters, digits and hyphens, not a name the
    site's generated pages or files already use."""
    if not PAGE_NAME.match(name):
        suggestion = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", name).encode("ascii", "ignore")
                            .decode().lower()).strip("-") or "ma-page"
        return Problem(shown, 1, 1, "", _("build_page_name", name=name, suggestion=suggestion))
    if name in LANGUAGES:
        return Problem(shown, 1, 1, "", _("build_page_name_of_a_language", name=name))
    if name in RESERVED_PAGE_NAMES:
        return Problem(shown, 1, 1, "", _("build_page_name_generated", name=name))
    return None


def _number(value: int) -> str:
    """A whole number as the editor's language writes it (12 345, 12,345)."""
    text = f"{value:,}"
    return text.replace(",", "\u202f") if editor_language() == "fr" else text


def _content_page(file: Path, shown: str, lang: str, allowed_contacts: frozenset[str] = frozenset()
                  ) -> tuple[ContentPage | None, list[Problem]]:
    size = file.stat().st_size
    if size > MAX_BYTES:
        return None, [Problem(shown, 1, 1, "", _("build_page_too_large", size=_number(size // 1024),
                                                   limit=_number(MAX_BYTES // 1024)))]
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [Problem(shown, 1, 1, "", _("build_page_not_utf8"))]
    # Windows line endings (CRLF) are accepted: one line break for another, lines keep their numbers.
    text = text.replace("\r\n", "\n")
    # The rules on characters of records apply to pages too (control characters, bidi controls…).
    bad = check_characters(text, shown)
    if bad is not None:
        return None, [bad]
    if not text.startswith("---\n"):
        return None, [Problem(shown, 1, 1, "", _("build_front_matter_missing"))]
    end = text.find("\n---\n", 4)
    if end < 0:
        return None, [Problem(shown, 1, 1, "", _("build_front_matter_not_closed"))]
    # The front matter is loaded from the line break that ends the opening --- line: YAML skips that
    # empty first line, so every line number (positions, key_positions, lines quoted in messages)
    # is the line number in the page file.
    doc, problems = load_text(text[3:end + 1].encode("utf-8"), shown)
    if doc is None:
        return None, problems
    missing = [k for k in ("title", "description") if not isinstance(doc.value.get(k), str)]
    for key in missing:
        problems.append(Problem(shown, 1, 1, key, _("build_front_matter_key_missing", key=key)))
    extra = sorted(set(doc.value) - {"title", "description"})
    for key in extra:
        line, col = doc.key_positions.get((key,), (1, 1))
        if is_private_key(key):
            problems.append(Problem(shown, line, col, key, private_key_message(key)))
        else:
            problems.append(Problem(shown, line, col, key, _("build_front_matter_key_unknown", key=key)))
    for key in ("title", "description"):
        value = doc.value.get(key)
        # The description is the page's summary in link previews: a text, not a title.
        message = length_problem("title" if key == "title" else "description", value) if isinstance(value, str) else None
        if message:
            problems.append(Problem(shown, *doc.positions.get((key,), (1, 1)), key, message))
    # What no reader would see (comments, scripts…) is removed from the page and reported, as in
    # records: every output starts from the same public text.
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    for key in ("title", "description"):
        if isinstance(doc.value.get(key), str):
            at = doc.positions.get((key,), (1, 1))
            locate = value_locator(doc.text, line_starts(doc.text), at, doc.value[key])
            problems += hidden_markup_problems(shown, doc.value[key], locate, key)
    body_start = end + 5

    def locate_body(index: int) -> tuple[int, int]:
        at = body_start + index
        row = bisect.bisect_right(starts, at)
        return row, at - starts[row - 1] + 1

    body = text[body_start:]
    problems += hidden_markup_problems(shown, body, locate_body)
    # Contact details: the same rule as in records (validate.no_contact_details_in_texts).
    for key in ("title", "description"):
        if isinstance(doc.value.get(key), str):
            line, column = doc.positions.get((key,), (1, 1))
            problems += [Problem(shown, line, column, key, message)
                         for _found, message in contact_problems(doc.value[key], allowed_contacts)]
    first_body_line = text.count("\n", 0, body_start) + 1
    for number, line_text in enumerate(body.split("\n"), start=first_body_line):
        if contacts.MAYBE.search(line_text):
            problems += [Problem(shown, number, found.start + 1, "", message)
                         for found, message in contact_problems(line_text, allowed_contacts)]
    if missing or extra or any(p.is_error for p in problems):
        return None, problems
    meta = {key: public_text(value) for key, value in doc.value.items()}
    return ContentPage(file.stem, lang, meta, public_text(body)), problems


def content_gaps(content: list[ContentPage]) -> list[TranslationGap]:
    """Hand-written pages that exist in one language only."""
    names = {lang: {c.name for c in content if c.lang == lang} for lang in LANGUAGES}
    return [TranslationGap(f"content/fr/{name}.md", 0, "", "en", "") for name in sorted(names["fr"] - names["en"])]


def check(data_dir: Path, content_dir: Path, root: Path, *, today: date, publishing: bool = False,
          cached: Dataset | None = None, changed: Collection[Path] | None = None
          ) -> tuple[Dataset, list[ContentPage], list[Problem]]:
    """Stage 1, load and check: every problem of the records and the pages, as of `today` (dates
    of what happened may not be after it). The legal notice's items that data/site.yml leaves out
    are warnings, or errors when `publishing` (generator/records/legal.py). `cached`: what an
    earlier check kept (records/cache.py), taken again for each file that holds the same bytes; or,
    with `changed` (the preview, after an edit: the files the watcher saw change), for each file
    not in `changed` whose modification time, size and inode are the same (validate's `previous`).
    No symbolic link may be under the theme either (`theme_problems`)."""
    dataset, problems = validate(data_dir, root, today=today, previous=cached, changed=changed or (),
                                 by_content=cached is not None and changed is None)
    problems += list(legal.missing(dataset, publishing))
    content, content_problems = load_content(content_dir, root, allowed_contacts=public_contacts(dataset))
    return dataset, content, problems + content_problems + theme_problems(THEME)


def theme_problems(theme: Path) -> list[Problem]:
    """Every symbolic link under the theme's folder (theme/overrides/, which MkDocs publishes file
    by file, and theme/templates/, which the pages include), refused as under data/ and content/
    (load.symlink): MkDocs copies what a link points to into the site, so a link to a file of the
    machine that builds it (a key, a token of the deploy) would be published, while a pull request
    shows only the link. Named from the project's folder (theme/…), wherever the command runs."""
    if theme.is_symlink():
        return [Problem(relative(theme, theme.parent), 1, 1, "", symlink())]
    problems = []
    for folder, folders, files in os.walk(theme, followlinks=False):
        for name in sorted(folders + files):
            path = Path(folder) / name
            if path.is_symlink():
                problems.append(Problem(relative(path, theme.parent), 1, 1, "", symlink()))
    return sorted(problems, key=lambda problem: problem.path)


@dataclass(frozen=True)
class Kept:
    """Where the pages made by earlier builds into one folder are kept, for each stage
    (generator/engine/layouts.py): the rendered pages and the laid-out pages."""

    render: Path
    layout: Path
    #: What `check` found in each record (records/cache.py), taken again for the files that hold the
    #: same bytes: the problems are those a check without it finds (tests/test_check_cache.py).
    check: Path | None = None

    @classmethod
    def of(cls, out_dir: Path, config: Path, data_dir: Path | None = None, root: Path | None = None) -> Kept | None:
        """The stores of the site built into `out_dir` (and `check`'s cache of `data_dir` seen from
        `root`, when given), or None when the cache is off."""
        render, layout = (layouts.location(out_dir, config, stage) for stage in ("render", "layout"))
        checked = cache.location(data_dir, root) if data_dir is not None and root is not None else None
        return cls(render, layout, checked) if render is not None and layout is not None else None


def render_store(folder: Path, model: SiteModel, *, fictional: bool) -> cache.TextStore:
    """The rendered pages kept in `folder`, keyed by what every page shares (the build date, the
    site's settings, the templates, the words, the generator's code) and what each shows
    (site.render.Renderer.versioned)."""
    shared = cache.digest(cache.fingerprint().hex(), cache.tree_digest([THEME / "templates"]),
                          [catalogue_path(lang).read_bytes().hex() for lang in LANGUAGES],
                          model.site.model_dump(mode="json"), model.today.isoformat(), fictional)
    return cache.TextStore(folder, shared)


def generate(data_dir: Path, content_dir: Path, root: Path, *, build_date: date, today: date | None = None,
             fictional: bool = False, kept: Kept | None = None) -> Result:
    """Validate, model and render, without writing anything. The site speaks of `build_date` (the
    state of each recommendation, the feeds, the agenda); the check speaks of `today` (by default
    the build date; the CLI gives the later of the build date and the clock's day, see
    validate.check_day). With `kept`, `check`'s cache is read and written as `check` does it."""
    checked = kept.check if kept is not None else None
    cached = cache.read(checked, data_dir)
    dataset, content, problems = check(data_dir, content_dir, root, today=today or build_date, cached=cached)
    if checked is not None and cache.stale(cached, dataset):
        cache.write(checked, dataset)
    return generate_from(dataset, content, problems, data_dir, root, build_date=build_date, fictional=fictional,
                         kept=kept)


def generate_from(dataset: Dataset, content: list[ContentPage], problems: list[Problem], data_dir: Path,
                  root: Path, *, build_date: date, fictional: bool = False, kept: Kept | None = None) -> Result:
    """Stages 2 to 4 over what `check` returned: the model (`site.model.build_model`), the files
    published beside the pages (`publish_files`), every page (`render_pages`; with `kept`, the
    pages an earlier build rendered from the same inputs are used again)."""
    result = Result(problems, dataset=dataset, content=content)
    if not result.ok:
        return result
    # The records and the model live until the end: the cyclic garbage collector need not scan
    # them again at each collection while the model is built and pages are rendered (a tenth of
    # the time at 10,000 recommendations). Frozen as they are, without a full collection first:
    # `check` leaves no cycle to collect, and a full collection costs more per object the more
    # objects there are (27x from 1,000 to 10,000 recommendations, issue 27). Frozen objects are
    # handed back to it afterwards.
    gc.freeze()
    try:
        result.model = build_model(dataset, build_date)
        gc.freeze()
        published = publish_files(result.model, content, data_dir, root)
        result.files = published.files
        result.data_version, result.datapackage = published.data_version, published.datapackage
        store = render_store(kept.render, result.model, fictional=fictional) if kept is not None else None
        result.pages = render_pages(result.model, content, published, fictional=fictional,
                                    report=translation_report(dataset, content, root), kept=store)
        if store is not None:
            result.kept_pages = store
        result.page_count = len(result.pages)
    finally:
        gc.unfreeze()
    return result


@dataclass(frozen=True)
class Published:
    """What `publish_files` returns: the files published beside the pages (path -> bytes), the
    data's version and the Data Package descriptor the pages cite."""

    files: dict[str, bytes]
    data_version: str = ""
    datapackage: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class Report:
    """What the staff's translation report shows: the texts and pages not translated, and which
    translations are older than their French (`editor.translations.freshness`, from git)."""

    gaps: Sequence[TranslationGap] = ()
    freshness: Any = None


def publish_files(model: SiteModel, content: list[ContentPage], data_dir: Path, root: Path) -> Published:
    """Stage 3, the files beside the pages: open data, feeds, calendars, build-info.json
    (`publish.exports.site_files`) and the search vocabulary (`site.search.search_files`)."""
    published = site_files(model, data_dir, root)
    files = published.files
    files.update(search_files(model, content))
    return Published(files, published.data_version, published.datapackage)


def translation_report(dataset: Dataset, content: list[ContentPage], root: Path) -> Report:
    """The translation report's findings (git is read: seconds on a large site)."""
    return Report(translation_gaps(dataset) + content_gaps(content), freshness(dataset, root))


def render_pages(model: SiteModel, content: list[ContentPage], published: Published, *, fictional: bool = False,
                 report: Report = Report(), parallel: bool | None = None, environment: Environment | None = None,
                 wanted: Callable[[str, str], bool] | None = None,
                 rendered: Callable[[Page], None] | None = None, kept: cache.TextStore | None = None) -> list[Page]:
    """Stage 4, the pages of both languages (`site.render.render_site`), citing the `published`
    files. The build renders them all, or takes from `kept` those an earlier build rendered from the
    same inputs; the preview picks some (`wanted`), hears each as it is made (`rendered`) and keeps
    its templates compiled (`environment`): see `site.render.Renderer`."""
    return render_site(model, content, fictional=fictional, translation_gaps=report.gaps, files=published.files,
                       datapackage=published.datapackage,
                       freshness=report.freshness, parallel=parallel, environment=environment, wanted=wanted,
                       rendered=rendered, kept=kept)


def build(data_dir: Path, content_dir: Path, out_dir: Path, root: Path, *, build_date: date,
          today: date | None = None, fictional: bool = False, search: bool = True,
          config: Path | None = None, keep: bool = True, reuse: bool = False, kept: Kept | None = None) -> Result:
    """The whole site into `out_dir`: pages in both languages, then the search index (`build_date`
    and `today`: see `generate`). `keep=False` (the CLI's build): the pages are made in a forked copy
    of this process (generator/processes.py, where this process runs one thread), which exits
    before Pagefind runs, so that the records, the model, the rendered pages and MkDocs' memory are
    not held beside Pagefind's (at 10,000 recommendations: ~2.4 GB beside Pagefind's gigabytes;
    letting them go in this process gave back a tenth of it). The result then holds the problems
    and the page count, not the model, pages or files. `reuse=True` (the CLI's build, unless
    `--no-cache`): each page MkDocs laid out for `out_dir` in an earlier build is used again where
    its inputs are the same (generator/engine/layouts.py), and this build's are kept; `kept` names
    other stores than those of `out_dir` (the preview builds into a new folder each time)."""
    # MkDocs reads a relative site_dir from mkdocs.yml's folder, not from where the command runs:
    # the path handed to it is absolute (`build --out site` from any folder), a link's target.
    out_dir = Path(os.path.realpath(out_dir))
    # The site is built beside `out_dir` and takes its place only when it is complete: a build that
    # stops (a broken link in strict mode, a tool that fails) leaves the previous site as it was.
    staging = out_dir.with_name(f".{out_dir.name}.building")
    published = out_dir.with_name(f".{out_dir.name}.files")
    if reuse and kept is None:
        kept = Kept.of(out_dir, config or PROJECT / "mkdocs.yml", data_dir, root)

    def pages() -> Result:
        return _pages(data_dir, content_dir, root, staging, published, build_date=build_date, today=today,
                      fictional=fictional, config=config, kept=kept)

    try:
        for folder in (staging, published):
            if folder.exists():
                shutil.rmtree(folder)
        result = pages() if keep or not processes.can_fork() else _in_a_copy(pages)
        if not result.ok or not result.page_count:
            return result
        if search:
            run_pagefind(staging)
        # Open data, feeds, calendar and build-info.json (generator/publish/exports/), beside the pages.
        files = sorted(p.relative_to(published) for p in published.rglob("*") if p.is_file())
        for path in files:
            target = staging / path
            if target.exists():
                raise BuildError(_("build_file_overwrites_page", path=path.as_posix()))
            target.parent.mkdir(parents=True, exist_ok=True)
            (published / path).rename(target)
        csp.apply(staging, [staging / path for path in files if path.suffix == ".html"])
        _replace_contents(out_dir, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(published, ignore_errors=True)
    return result


def _pages(data_dir: Path, content_dir: Path, root: Path, staging: Path, published: Path, *, build_date: date,
           today: date | None, fictional: bool, config: Path | None, kept: Kept | None = None) -> Result:
    """Validate, model and render; MkDocs writes the pages into `staging`, and the published files
    (open data, feeds…) go into `published`, to join the pages after Pagefind has indexed them."""
    result = generate(data_dir, content_dir, root, build_date=build_date, today=today, fictional=fictional, kept=kept)
    if not result.ok or result.model is None:
        return result
    store = cache.TextStore(kept.layout) if kept is not None else None
    result.problems += run_mkdocs(result, staging, config=config, sources=(data_dir, content_dir), root=root,
                                  kept=store)
    if store is not None and result.ok:
        # A complete build: what it did not use belongs to no page of the site any more.
        store.prune()
        rendered = result.kept_pages
        if rendered is not None:
            rendered.prune()
        result.kept_layouts = (store.reused, store.made)
        result.kept_pages = None
    if result.ok:
        for path, data in result.files.items():
            target = published / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    return result


def _in_a_copy(work: Callable[[], Result]) -> Result:
    """`work()` in a forked copy of this process (processes.run), which hands back its result
    without the records, the model, the pages and the files, or the exception it raised."""
    def lean() -> Result:
        result = work()
        result.pages, result.model, result.dataset, result.content, result.files = [], None, None, [], {}
        return result

    try:
        return processes.run(lean)
    except processes.ChildFailed as failed:
        raise BuildError(_("build_stopped", status=failed.status)) from None


def _replace_contents(folder: Path, new: Path) -> None:
    """What `folder` holds becomes what `new` holds, except the entries whose names start with a
    dot, which stay (as MkDocs' own clean-up leaves them: a gh-pages checkout's .git folder, say)."""
    folder.mkdir(parents=True, exist_ok=True)
    for entry in folder.iterdir():
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    for entry in new.iterdir():
        entry.rename(folder / entry.name)


def theme_extra(site) -> dict:
    """What the theme shows from data/site.yml besides the name, in each language (`extra` in
    mkdocs.yml): the header's short name and the line saying who publishes the site. A missing
    field stays missing (the theme then shows the full name, or says nothing)."""
    def each(value) -> dict[str, str]:
        return {lang: text_in(value, lang) for lang in LANGUAGES} if value is not None else {}

    return {"short_names": each(site.short_name), "publisher_short": each(site.publisher_short),
            "publisher": each(site.publisher)}


def run_mkdocs(result: Result, site_dir: Path, *, config: Path | None = None, markdown_bodies: bool = False,
               sources: tuple[Path, Path] | None = None, root: Path = PROJECT,
               kept: cache.TextStore | None = None) -> list[Problem]:
    """MkDocs + Material over the generated pages, through the project's plugin
    (generator/engine/plugin.py), into `site_dir`. Returns the broken links that stopped MkDocs'
    strict build, as problems located in the editor's file when `sources` (the data and content
    folders) has it. `markdown_bodies=True` passes every body through Markdown: what plain MkDocs
    would do with the same pages, the benchmark's baseline. The output is the same either way.
    `kept`: the pages laid out by earlier builds, used again where their inputs are the same."""
    # Imported here: MkDocs, Material and their plugins are loaded by the build alone, never by `check`.
    from .engine import plugin

    assert result.model is not None
    site = result.model.site
    # The site's name comes from data/site.yml, in each language (the header, <title>, link
    # previews). Material prints it without escaping it: it is escaped here, once, like every
    # editor string handed to MkDocs (render.meta_text; the theme's `e` filter escapes only once,
    # see generator/engine/plugin.py).
    names = {lang: meta_text(site.name.get(lang) or site.name.fr) for lang in LANGUAGES}
    handed = plugin.SiteInput(
        pages=[plugin.GeneratedPage(page.path, page.text) for page in result.pages],
        languages=LANGUAGES, site_names=names, site_url=site.base_url, extra=theme_extra(site),
        published=frozenset(result.files), markdown_bodies=markdown_bodies, kept=kept)
    try:
        warnings = plugin.build_site(config or PROJECT / "mkdocs.yml", site_dir, handed)
    except plugin.MkDocsFailed as error:
        raise BuildError(str(error)) from None
    return [_link_problem(warning, result, sources, root) for warning in warnings]


def _link_problem(warning, result: Result, sources: tuple[Path, Path] | None, root: Path) -> Problem:
    """A warning of MkDocs' strict build as a problem. A broken link is an editor's: it is located
    where its address is written, in the page's own file (content/<lang>/<name>.md) or in a record."""
    if warning.page is None or warning.link is None:
        return Problem(str(warning.page or "mkdocs.yml"), 1, 1, "", _("build_mkdocs_warning", message=warning.message))
    link = warning.link
    lang, _slash, rest = warning.page.partition("/")
    address = "/" + ("" if lang == LANGUAGES[0] else f"{lang}/") + rest.removesuffix("index.md")
    fragment = link.partition("#")[2]
    if "anchor" in warning.message and fragment:
        message = _("build_link_without_anchor", link=link, fragment=fragment)
    else:
        message = _("build_link_without_page", link=link, address=address, up="../" * rest.count("/"))
    candidates: list[Path] = []
    if sources is not None:
        data_dir, content_dir = sources
        name = rest.removesuffix("index.md").rstrip("/") or "index"  # "a-propos", or "index" (the home page)
        if "/" not in name:
            candidates.append(content_dir / lang / f"{name}.md")
        candidates += sorted(data_dir.rglob("*.yml"))
    for file in candidates:
        text = file.read_text(encoding="utf-8") if file.is_file() else ""
        at = text.find(link)
        if at >= 0:
            line = text.count("\n", 0, at) + 1
            return Problem(relative(file, root), line, at - (text.rfind("\n", 0, at) + 1) + 1, "", message)
    return Problem(_("build_generated_page", address=address), 1, 1, "", message)


#: Names a glob may list as they are (the site's top-level folders and pages: record ids, sections).
_GLOB_SAFE = re.compile(r"^[A-Za-z0-9._-]+$")


def pagefind_globs(site_dir: Path) -> dict[str, str]:
    """Language -> the glob of its HTML pages, relative to `site_dir`: each language other than the
    first has its folder (en/**); the first language has the rest, every top-level page and folder
    listed by name (Pagefind's globs have no negation)."""
    others = set(LANGUAGES[1:])
    mine = []
    for entry in sorted(site_dir.iterdir(), key=lambda e: e.name):
        if entry.name in others or entry.name == "pagefind":
            continue
        if not _GLOB_SAFE.match(entry.name):
            raise BuildError(_("build_pagefind_glob", name=entry.name))
        if entry.is_dir():
            mine.append(f"{entry.name}/**/*.html")
        elif entry.suffix == ".html":
            mine.append(entry.name)
    globs = {LANGUAGES[0]: "{" + ",".join(mine) + "}"}
    globs.update({lang: f"{lang}/**/*.html" for lang in LANGUAGES[1:]})
    return globs


def run_pagefind(site_dir: Path) -> None:
    """The search index, one language at a time (each Pagefind holds only its language's pages:
    at 10,000 recommendations one run over both languages peaked at 4.6-4.9 GB), each written into
    a folder of its own and then merged into site_dir/pagefind. Pagefind indexes each language
    apart anyway (its own word index, filters and metadata file, named by their content's hash):
    the merged bundle is the one a single run writes, with pagefind-entry.json listing both."""
    bundle = site_dir / "pagefind"
    parts = site_dir.with_name(f".{site_dir.name}.pagefind")
    shutil.rmtree(parts, ignore_errors=True)
    try:
        entries = []
        for lang, glob in pagefind_globs(site_dir).items():
            part = parts / lang
            completed = subprocess.run(
                [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--glob", glob,
                 "--output-path", str(part), "--silent"],
                capture_output=True, text=True, check=False,
            )
            if completed.returncode != 0:
                raise BuildError(_("build_pagefind_failed", output=completed.stdout, errors=completed.stderr))
            entries.append(json.loads((part / "pagefind-entry.json").read_text(encoding="utf-8")))
            _merge_folder(part, bundle)
        merged = dict(entries[0])
        merged["languages"] = {}
        for entry in entries:
            if entry["version"] != merged["version"]:
                raise BuildError(_("build_pagefind_versions"))
            merged["languages"].update(entry["languages"])
        (bundle / "pagefind-entry.json").write_text(json.dumps(merged, ensure_ascii=False, separators=(",", ":")),
                                                    encoding="utf-8")
    finally:
        shutil.rmtree(parts, ignore_errors=True)


def _merge_folder(part: Path, bundle: Path) -> None:
    """Move what Pagefind wrote into `part` into `bundle`. Files both runs write (the scripts, the
    WebAssembly) are the same bytes; any other clash would lose part of the index."""
    for file in sorted(p for p in part.rglob("*") if p.is_file()):
        name = file.relative_to(part)
        if name.as_posix() == "pagefind-entry.json":
            continue
        target = bundle / name
        if target.exists():
            if target.read_bytes() != file.read_bytes():
                raise BuildError(_("build_pagefind_clash", name=name.as_posix()))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        file.rename(target)


class BuildError(Exception):
    """A failure of a tool the build runs (not a mistake in the data)."""
