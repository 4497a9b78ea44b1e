"""Build: the whole pipeline, as one readable function.

    data/ + content/ -> validate -> model -> render -> docs tree -> MkDocs + Material -> Pagefind

`check()` and `build()` return problems; they never print or exit (the CLI does). A build stops
before writing anything when there is an error in the data or the content.
"""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from . import csp
from .exports import site_files
from .load import load_text
from .model import SiteModel, build_model
from .problems import WARNING, Problem, relative
from .render import ContentPage, Page, render_site
from .schema import LANGUAGES
from .search import search_files
from .translations import freshness
from .validate import Dataset, TranslationGap, translation_gaps, validate

PROJECT = Path(__file__).resolve().parent.parent


@dataclass
class Result:
    problems: list[Problem] = field(default_factory=list)
    model: SiteModel | None = None
    pages: list[Page] = field(default_factory=list)
    #: Files published beside the pages (open data, feeds, calendar, build-info.json): path -> bytes.
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def build_date() -> date:
    """The day the build speaks of: SOURCE_DATE_EPOCH when set, so that builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


def load_content(content_dir: Path, root: Path) -> tuple[list[ContentPage], list[Problem]]:
    """Hand-written pages: content/<lang>/<name>.md, each with front matter (title, description)."""
    pages: list[ContentPage] = []
    problems: list[Problem] = []
    names: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}
    if not content_dir.is_dir():
        return pages, problems
    for lang in LANGUAGES:
        folder = content_dir / lang
        for file in sorted(folder.glob("*.md")) if folder.is_dir() else []:
            shown = relative(file, root)
            page, found = _content_page(file, shown, lang)
            problems += found
            # A page that exists but fails to load still exists: its own problems say what is
            # wrong, and the other language must not be told that it has no twin.
            names[lang].add(file.stem)
            if page is not None:
                pages.append(page)
    for name in sorted(names["fr"] - names["en"]):
        problems.append(Problem(relative(content_dir / "fr" / f"{name}.md", root), 1, 1, "",
                                f"This page has no English version. Add content/en/{name}.md (the same file name), translated.",
                                WARNING))
    for name in sorted(names["en"] - names["fr"]):
        problems.append(Problem(relative(content_dir / "en" / f"{name}.md", root), 1, 1, "",
                                f"This page has no French version. Every page exists in French first: add content/fr/{name}.md."))
    return pages, problems


def _content_page(file: Path, shown: str, lang: str) -> tuple[ContentPage | None, list[Problem]]:
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [Problem(shown, 1, 1, "", "This file is not saved as UTF-8 text. Save it again as UTF-8 in your editor.")]
    # Windows line endings (CRLF) are accepted: one line break for another, lines keep their numbers.
    text = text.replace("\r\n", "\n")
    if not text.startswith("---\n"):
        return None, [Problem(shown, 1, 1, "", "The page must start with a front matter block: a line ---, then `title: …` and `description: …`, then a line ---.")]
    end = text.find("\n---\n", 4)
    if end < 0:
        return None, [Problem(shown, 1, 1, "", "The front matter block is not closed. Add a line --- after `description: …`.")]
    # The front matter is loaded from the line break that ends the opening --- line: YAML skips that
    # empty first line, so every line number (positions, key_positions, lines quoted in messages)
    # is the line number in the page file.
    doc, problems = load_text(text[3:end + 1].encode("utf-8"), shown)
    if doc is None:
        return None, problems
    missing = [k for k in ("title", "description") if not isinstance(doc.value.get(k), str)]
    for key in missing:
        problems.append(Problem(shown, 1, 1, key, f'"{key}" is missing from the front matter. Add a line `{key}: …`.'))
    extra = sorted(set(doc.value) - {"title", "description"})
    for key in extra:
        line, col = doc.key_positions.get((key,), (1, 1))
        problems.append(Problem(shown, line, col, key, f'"{key}" is not a field of a page. Pages have only `title` and `description`.'))
    if missing or extra:
        return None, problems
    body = text[end + 5:]
    return ContentPage(file.stem, lang, dict(doc.value), body), problems


def content_gaps(content: list[ContentPage]) -> list[TranslationGap]:
    """Hand-written pages that exist in one language only."""
    names = {lang: {c.name for c in content if c.lang == lang} for lang in LANGUAGES}
    return [TranslationGap(f"content/fr/{name}.md", 0, "", "en", "") for name in sorted(names["fr"] - names["en"])]


def check(data_dir: Path, content_dir: Path, root: Path) -> tuple[Dataset, list[ContentPage], list[Problem]]:
    dataset, problems = validate(data_dir, root)
    content, content_problems = load_content(content_dir, root)
    return dataset, content, problems + content_problems


def generate(data_dir: Path, content_dir: Path, root: Path, *, fictional: bool = False) -> Result:
    """Validate, model and render, without writing anything."""
    dataset, content, problems = check(data_dir, content_dir, root)
    result = Result(problems)
    if not result.ok:
        return result
    result.model = build_model(dataset, build_date())
    # The records and the model live until the end: the cyclic garbage collector need not scan
    # them again at each collection while pages are rendered (a tenth of the time at 10,000
    # recommendations). Frozen objects are handed back to it afterwards.
    gc.collect()
    gc.freeze()
    try:
        gaps = translation_gaps(dataset) + content_gaps(content)
        result.files = site_files(result.model, data_dir, root)
        result.files.update(search_files(result.model, content))
        result.pages = render_site(result.model, content, fictional=fictional, translation_gaps=gaps,
                                   files=result.files, freshness=freshness(dataset, root))
    finally:
        gc.unfreeze()
    return result


def write_docs(pages: list[Page], docs_dir: Path) -> None:
    if docs_dir.exists():
        shutil.rmtree(docs_dir)
    for page in pages:
        target = docs_dir / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.text, encoding="utf-8")


def build(data_dir: Path, content_dir: Path, out_dir: Path, root: Path, *,
          work_dir: Path | None = None, fictional: bool = False, search: bool = True,
          config: Path | None = None) -> Result:
    """The whole site into `out_dir`: pages in both languages, then the search index."""
    result = generate(data_dir, content_dir, root, fictional=fictional)
    if not result.ok:
        return result
    work_dir = work_dir or out_dir.parent / (out_dir.name + ".work")
    docs_dir = work_dir / "docs"
    write_docs(result.pages, docs_dir)
    site = result.model.site
    names = {lang: site.name.get(lang) or site.name.fr for lang in LANGUAGES}
    run_mkdocs(config or PROJECT / "mkdocs.yml", docs_dir, out_dir, names, extra=theme_extra(site))
    if search:
        run_pagefind(out_dir)
    # Open data, feeds, calendar and build-info.json (generator/exports.py), beside the pages.
    for path, data in result.files.items():
        target = out_dir / path
        if target.exists():
            raise BuildError(f"{path} would overwrite a page of the site. Rename the page.")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    csp.apply(out_dir, [out_dir / path for path in result.files if path.endswith(".html")])
    return result


def theme_extra(site) -> dict:
    """What the theme shows from data/site.yml besides the name, in each language (`extra` in
    mkdocs.yml): the header's short name and the line saying who publishes the site. A missing
    field stays missing (the theme then shows the full name, or says nothing)."""
    def each(value) -> dict[str, str]:
        return {lang: value.get(lang) or value.fr for lang in LANGUAGES} if value is not None else {}

    return {"short_names": each(site.short_name), "publisher_short": each(site.publisher_short),
            "publisher": each(site.publisher)}


def run_mkdocs(config_file: Path, docs_dir: Path, site_dir: Path, site_names: dict[str, str] | None = None,
               *, markdown_bodies: bool = False, extra: dict | None = None) -> None:
    """MkDocs + Material over the docs tree. `markdown_bodies=True` turns off the hooks that let
    generated bodies skip Markdown (generator/mkdocs_hooks.py): what plain MkDocs would do with the
    same pages, the benchmark's baseline. The output is the same either way."""
    import logging

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=False)
    # The navigation lists index pages; a dataset without some page (a test fixture) drops its entry.
    config["nav"] = _existing(config["nav"] or [], docs_dir / "fr")
    # The footer links only to the pages this dataset has (a fixture may lack the legal pages).
    config["extra"]["pages"] = sorted(p.parent.name for p in (docs_dir / "fr").glob("*/index.md"))
    # The site's name comes from data/site.yml, in each language (the header, <title>, feeds).
    if site_names:
        config["site_name"] = site_names["fr"]
        for language in config.plugins["i18n"].config.languages:
            if language.locale in site_names and not language.default:
                language.site_name = site_names[language.locale]
    config["extra"].update(extra or {})
    if markdown_bodies:
        for event in ("page_markdown", "page_content"):
            config.plugins.events[event] = [method for method in config.plugins.events[event]
                                            if not getattr(method, "__module__", "").endswith("mkdocs_hooks.py")]
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()


def _existing(nav: list, folder: Path) -> list:
    """The navigation without the pages a dataset does not have (sections left empty go too)."""
    kept = []
    for item in nav:
        if isinstance(item, str):
            if (folder / item).is_file():
                kept.append(item)
            continue
        (title, value), = item.items()
        if isinstance(value, list):
            children = _existing(value, folder)
            if children:
                kept.append({title: children})
        elif (folder / value).is_file():
            kept.append(item)
    return kept


def run_pagefind(site_dir: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"],
        capture_output=True, text=True, check=False,
    )
    if completed.returncode != 0:
        raise BuildError(f"Pagefind could not index the site:\n{completed.stdout}\n{completed.stderr}")


class BuildError(Exception):
    """A failure of a tool the build runs (not a mistake in the data)."""
