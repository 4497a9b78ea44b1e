"""The MkDocs plugin: the one module that talks to MkDocs (and, through it, to Material and mkdocs-static-i18n).

The generator renders every page in memory (generator/site/render.py): a front matter block, then the page's
body as finished, sanitized HTML. `build_site()` hands those pages and the site's settings to MkDocs and
runs it; the plugin (`DroitDeSuitePlugin`, registered in pyproject.toml under the `mkdocs.plugins` entry
points and listed under `plugins:` in mkdocs.yml) then, at each MkDocs event:

- `on_config`: sets what comes from data/site.yml (the site's name in each language, its address, the
  theme's `extra` values), from the record types (generator/records/kinds.py: each one's index page in
  the navigation, its records' pages in `not_in_nav`; mkdocs.yml lists none) and from this dataset's
  pages (the navigation without the pages a dataset does not have, `extra.pages` for the footer);
- `on_files`: adds every generated page as `File.generated(...)`, from memory (nothing is written to
  a docs folder and read back);
- `on_files` (again, after mkdocs-static-i18n): gives each generated page of the language being built its
  content: the page's front matter, one line of JSON, is read as the JSON it is (not by MkDocs' YAML
  parser) and the File holds no text, so that MkDocs reads nothing for it;
- `on_page_markdown` / `on_page_content`: gives the page that front matter as its `meta`, lets each
  generated body skip Python-Markdown, which would only parse the HTML to give it back unchanged (half of
  MkDocs' time; MkDocs' converter is not even built for the empty text left), puts the body back and
  hands its links and anchors to MkDocs' link validation (see below);
- `on_env`: the theme's `e` filter escapes once (see `_escape_once`); its words come from the catalogues (generator/site/i18n.py);
- `on_post_page` / `on_post_template`: the Content-Security-Policy meta tag (generator/engine/csp.py), and the
  English 404 page written at /en/404.html (mkdocs-static-i18n builds each language into the same folder,
  so every language's 404.html would otherwise land on the French one at /404.html).

Links. MkDocs validates the links and anchors of what Python-Markdown parses; a body that skips Markdown
would escape it. So `on_page_content` reads the body's own links (`href`, `src`, `action`) and `id`s:
a link whose target is neither a file of MkDocs' build (pages, the theme's assets, every language's pages
through mkdocs-static-i18n's alternates) nor a file the generator publishes beside the pages (open data,
feeds…) is reported at the level of `validation.links.not_found`; a link with a `#fragment` is registered
on the page (`Page.links_to_anchors`) and the body's ids are its anchors (`Page.present_anchor_ids`), so
MkDocs' own anchor check (`validation.links.anchors`) verifies it once every page is rendered. With
`strict: true` in mkdocs.yml any of those warnings stops the build; `build_site()` returns them, and the
generator turns them into problems located in the editor's file (generator/build.py).

What this does not see: links written by the theme's templates (header, footer, language switcher, 404),
which tools/linkcheck.py checks in the built site.

Adapters. Everything above goes through MkDocs' documented events and the public attributes of its
objects, except five steps no documented event does; each is one function of the section "Adapters"
below, whose docstring says what upstream behaviour it relies on, listed in docs/engine.md with the
versions it was checked against, and pinned by a test of tests/test_engine_adapters.py that fails when
upstream changes it. tests/test_engine_adapters.py also refuses, anywhere in generator/, a replaced
method or a written private attribute outside those adapters.

Over 400 lines: the plugin, the build that runs it and the adapters of the few steps no documented event
does; they stay in the one module that talks to MkDocs.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import posixpath
import re
import tempfile
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from jinja2 import ChoiceLoader, DictLoader, Environment
from markupsafe import Markup, escape
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from pathspec.gitignore import GitIgnoreSpec

from ..records import cache, html_tokens
from ..records.catalogue import _
from ..records.kinds import KINDS
from ..site import i18n
from . import csp, layouts

NAME = "droit-de-suite"  # the entry point's name, as mkdocs.yml lists it
log = get_plugin_logger(__name__)
#: The template of a page whose layout an earlier build made (layouts.py): it lays out nothing.
REUSED_TEMPLATE = "droit-de-suite-kept-layout.html"


@dataclass(frozen=True)
class GeneratedPage:
    """One page as the generator renders it: `path` such as "fr/recommandations/x/index.md"."""

    path: str
    text: str


@dataclass
class SiteInput:
    """What the generator hands MkDocs for one build."""

    pages: Sequence[GeneratedPage]
    #: The languages, the default one (served at the site's root) first.
    languages: Sequence[str]
    #: The site's name in each language, already escaped (Material prints it as it is).
    site_names: Mapping[str, str] = field(default_factory=dict)
    site_url: str | None = None
    #: Values for mkdocs.yml's `extra` (what the theme shows from data/site.yml).
    extra: Mapping[str, Any] = field(default_factory=dict)
    #: Paths, from the site's root, of the files the generator publishes beside the pages.
    published: frozenset[str] = frozenset()
    #: True: every body goes through Python-Markdown, as plain MkDocs would do (the benchmark's
    #: baseline); the output is the same.
    markdown_bodies: bool = False
    #: The pages laid out by earlier builds (generator/engine/layouts.py), used again where a page's
    #: inputs are the same, and where this build's are kept; None: every page is laid out.
    kept: cache.TextStore | None = None


@dataclass(frozen=True)
class BuildWarning:
    """A warning MkDocs (or this plugin) logged during the build. `page` is the generated page's
    path ("fr/x/index.md") and `link` the link as written, when the warning is about a link."""

    message: str
    page: str | None = None
    link: str | None = None


class MkDocsFailed(Exception):
    """MkDocs could not read its configuration or build the site (not a mistake in the data)."""


def build_site(config_file: Path, site_dir: Path, site: SiteInput) -> list[BuildWarning]:
    """MkDocs + Material over the generated pages, into `site_dir`. Returns the warnings that stopped
    a strict build (empty when the site was built); raises MkDocsFailed when MkDocs itself fails."""
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING)
    collected = _Collector()
    logger.addHandler(collected)
    # MkDocs requires its docs_dir to exist; every page comes from memory, so it is an empty folder.
    with tempfile.TemporaryDirectory(prefix="dds-docs-") as docs_dir:
        try:
            try:
                config = load_config(str(config_file), docs_dir=docs_dir, site_dir=str(site_dir))
            except MkDocsException as error:
                raise MkDocsFailed(_("build_mkdocs_unreadable", config=config_file, error=error)) from None
            plugin = config.plugins.get(NAME)
            if not isinstance(plugin, DroitDeSuitePlugin):
                raise MkDocsFailed(_("build_mkdocs_without_plugin", config=config_file, name=NAME))
            plugin.site = site
            plugin.store = None if site.markdown_bodies else site.kept
            try:
                run_mkdocs(config)
            except Abort:
                if collected.warnings:
                    return collected.warnings  # a strict build stopped by these warnings
                raise MkDocsFailed(_("build_mkdocs_stopped", errors="\n".join(collected.errors))) from None
            except MkDocsException as error:
                raise MkDocsFailed(_("build_mkdocs_failed", error=error)) from None
        finally:
            logger.removeHandler(collected)
    return []


class _Collector(logging.Handler):
    """Keeps the warnings and errors MkDocs and its plugins log during one build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.warnings: list[BuildWarning] = []
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.levelno >= logging.ERROR:
            self.errors.append(message)
            return
        page, link = getattr(record, "dds_page", None), getattr(record, "dds_link", None)
        if page is None:
            page, link = mkdocs_link_warning(message)
        self.warnings.append(BuildWarning(message, page, link))


class PluginOptions(Config):
    """The plugin takes no option in mkdocs.yml: what it needs comes from the generator."""


class DroitDeSuitePlugin(BasePlugin[PluginOptions]):
    """See the module's docstring. `site` is set by `build_site()` before MkDocs runs."""

    site: SiteInput | None = None
    #: The pages laid out by earlier builds (generator/engine/layouts.py), or None.
    store: cache.TextStore | None = None

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}
        #: The generated pages of the language being built whose front matter is read as JSON (MkDocs
        #: reads none of them), by path: that front matter, and where the page's Markdown starts.
        self._generated: dict[str, tuple[MutableMapping[str, Any], int]] = {}
        #: The bodies that skip Python-Markdown, by path, from on_page_markdown to on_page_content.
        self._bodies: dict[str, str] = {}
        #: Every path a link may lead to, from the site's root, in the language being built: its
        #: File when it is a page of this build (its anchors can be checked), else None.
        self._targets: dict[str, File | None] = {}
        #: What every page of the language being built shares, as a digest (layouts.Store.key).
        self._shared = ""
        #: The pages of the language being built whose earlier layout is used again, by path; and
        #: the key of each page to be laid out and kept.
        self._reused: dict[str, str] = {}
        self._keys: dict[str, str] = {}
        self._code = ""

    def _input(self) -> SiteInput:
        if self.site is None:
            raise PluginError(_("build_mkdocs_run_alone"))
        return self.site

    @property
    def _default(self) -> str:
        return self._input().languages[0]

    # -- configuration ------------------------------------------------------------------------

    @event_priority(50)  # before mkdocs-static-i18n (-100), which applies each language's settings
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Runs once per language (mkdocs-static-i18n builds each one with the same config): every
        change here gives the same result when made again."""
        site = self._input()
        self._texts = {page.path: page.text for page in site.pages}
        prefix = f"{self._default}/"
        default_pages = {path[len(prefix):] for path in self._texts if path.startswith(prefix)}
        # The navigation lists index pages: mkdocs.yml's, and each record type's where records/kinds.py
        # places it; its records' own pages stay out of it. A dataset without some page (a test
        # fixture) drops its entry.
        config.nav = _existing(with_record_types(config.nav or []), default_pages)
        config.not_in_nav = records_not_in_nav(config.not_in_nav)
        # The footer links only to the pages this dataset has (a fixture may lack the legal pages).
        config.extra["pages"] = sorted(path.split("/")[0] for path in default_pages
                                       if path.count("/") == 1 and path.endswith("/index.md"))
        config.extra.update(site.extra)
        # The site's name, in each language (the header, <title>, link previews).
        if site.site_names:
            config.site_name = site.site_names[self._default]
            set_language_site_names(config, {locale: name for locale, name in site.site_names.items()
                                             if locale != self._default})
        # Canonical links, link previews (og:url), the sitemap and the 404 page's links use site_url:
        # the site's own address from data/site.yml, the one citations, feeds and open data use.
        if site.site_url:
            config.site_url = site.site_url
        return config

    # -- pages --------------------------------------------------------------------------------

    @event_priority(50)  # before mkdocs-static-i18n, which sorts the pages into languages
    def _add_pages(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        # In the order MkDocs lists a docs folder (the sitemap's order).
        for path in sorted(self._texts, key=_folder_order):
            file = File.generated(config, path, content=self._texts[path])
            show_to_i18n(file, config)
            files.append(file)
        return files

    @event_priority(-150)  # after mkdocs-static-i18n, which made each page a File of its own
    def _give_content(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        baseline = self._input().markdown_bodies
        self._generated = {}
        for file in files.documentation_pages():
            text = self._texts.get(file.src_uri)
            if text is None:
                continue
            read = None if baseline else generated_front_matter(text)
            if read is not None:
                # MkDocs reads an empty text: on_page_markdown gives the page its meta and Markdown.
                self._generated[file.src_uri] = read
                text = ""
            file.content_string = text
            file.generated_by = NAME
        # What links may lead to: the files published beside the pages, every page in each language
        # (mkdocs-static-i18n's alternates), then this build's pages and the theme's assets.
        self._targets = dict.fromkeys(self._input().published)
        for file in files:
            for other in getattr(file, "alternates", {}).values():
                _add_target(self._targets, other, None)
        for file in files:
            _add_target(self._targets, file, file if file.is_documentation_page() else None)
        return files

    on_files = CombinedEvent(_add_pages, _give_content)

    @event_priority(100)  # first: every other plugin sees the page as MkDocs would have read it
    def _give_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        read = self._generated.get(page.file.src_uri)
        if read is None:
            return markdown  # MkDocs read the page itself
        meta, start = read
        page.meta = meta
        return self._texts[page.file.src_uri][start:].lstrip("\n")

    def _take_body(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        body = None if self._input().markdown_bodies else generated_body(markdown)
        if body is None:
            return markdown  # not a generated page (or the baseline): Markdown as usual
        self._bodies[page.file.src_uri] = body
        # MkDocs would then build a Python-Markdown converter, with every extension of mkdocs.yml, to
        # convert an empty text (a tenth of a generated page's time in MkDocs): the page is given
        # what that conversion gives instead.
        skip_markdown_render(page)
        return ""

    on_page_markdown = CombinedEvent(_give_markdown, _take_body)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        body = self._bodies.pop(page.file.src_uri, None)
        if body is None:
            return html
        self._validate_links(body, page, config)
        self._reuse_layout(page)
        return body

    # -- layouts kept from earlier builds (generator/engine/layouts.py) ---------------------------

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """What every page's layout shares in the language being built: the code and theme, the
        settings, and the navigation with its pages' titles (each page shows it)."""
        if self.store is None:
            return nav
        if not self._code:
            # The theme's own files (Material's are named by its version in code_digest).
            theme = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
            self._code = cache.digest(layouts.code_digest(), cache.tree_digest(theme),
                                      Path(config.config_file_path).read_bytes().hex())
        titles = {page.file.src_uri: self._generated.get(page.file.src_uri, ({}, 0))[0].get("title")
                  for page in nav.pages}
        settings = {name: config[name] for name in ("site_name", "site_url", "site_description", "site_author",
                                                    "copyright", "repo_url", "repo_name", "edit_uri",
                                                    "use_directory_urls", "extra", "nav")}
        self._shared = cache.digest(self._code, settings, dict(config.theme), titles)
        self._reused = {}
        self._keys = {}
        return nav

    def _reuse_layout(self, page: Page) -> None:
        """The page's key; when a build laid it out before, the page takes a template that lays out
        nothing (its kept layout is written in on_post_page)."""
        if self.store is None or not self._shared:
            return
        path = page.file.src_uri
        alternates = {lang: other.url for lang, other in getattr(page.file, "alternates", {}).items()}
        key = self.store.key(self._shared, path, hashlib.sha256(self._texts[path].encode("utf-8")).hexdigest(),
                             alternates)
        kept = self.store.get(key)
        if kept is None:
            self._keys[path] = key
            return
        self._reused[path] = kept
        page.meta["template"] = REUSED_TEMPLATE

    # -- links --------------------------------------------------------------------------------

    def _validate_links(self, body: str, page: Page, config: MkDocsConfig) -> None:
        targets = self._targets
        anchors, links = _links_and_anchors(body)
        page.present_anchor_ids = (page.present_anchor_ids or set()) | anchors
        if page.links_to_anchors is None:
            page.links_to_anchors = {}
        here = "/" + ("" if page.file.url == "./" else page.file.url)  # the page's own address
        for link in links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("/", "\\")):
                continue  # another site, or an absolute path (MkDocs leaves those too)
            target: File | None = page.file
            if parts.path:
                path = unquote(urlsplit(urljoin(here, parts.path)).path).lstrip("/")
                if path not in targets:
                    log.log(config.validation.links.not_found,
                            f"Doc file '{page.file.src_uri}' contains a link '{link}', but no page or file of the "
                            f"site is at '/{path}'.", extra={"dds_page": page.file.src_uri, "dds_link": link})
                    continue
                target = targets[path]
            if parts.fragment and target is not None:
                page.links_to_anchors.setdefault(target, {}).setdefault(unquote(parts.fragment), link)

    # -- theme --------------------------------------------------------------------------------

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        env.filters["e"] = env.filters["escape"] = _escape_once
        # A page whose layout is kept (on_page_content) takes this template: no layout is made.
        env.loader = ChoiceLoader([DictLoader({REUSED_TEMPLATE: "kept"}), *([env.loader] if env.loader else [])])
        # The theme's own words (theme/overrides/: `_()`), from the catalogue of the language being built.
        i18n.install(env, lambda context: context["config"].theme["language"])
        return env

    # The Content-Security-Policy meta tag (generator/engine/csp.py) is added to each page as MkDocs writes
    # it: adding it afterwards meant reading and writing every page of the site a second time.
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        path = page.file.src_uri
        kept = self._reused.pop(path, None)
        if kept is not None:
            return kept
        output = csp.with_policy(output)
        key = self._keys.pop(path, None)
        if self.store is not None and key is not None:
            self.store.put(key, output)
        return output

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        if not template_name.endswith(".html"):
            return output_content
        output = csp.with_policy(output_content)
        language = config.theme["language"]
        if template_name == "404.html" and language != self._default:
            # Each language's 404 page in its own folder: French at /404.html (the one GitHub Pages
            # serves), English at /en/404.html. An empty output tells MkDocs not to write it at the root.
            target = Path(config.site_dir) / language / template_name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(output.encode("utf-8"))
            return ""
        return output


#: What may be read as JSON where MkDocs reads YAML: a front matter of one line (json.dumps without
#: indent) of characters YAML reads as JSON does inside a double-quoted string. Not the line breaks
#: YAML folds (U+0085, U+2028, U+2029) nor the characters it refuses (control characters, U+FEFF…).
_JSON_FRONT = re.compile("---\n(\\{[\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*\\})\n---\n")


def generated_front_matter(text: str) -> tuple[MutableMapping[str, Any], int] | None:
    """A generated page's front matter (render.Page: a block of one line of JSON, then finished HTML)
    and where the rest starts, or None for a page MkDocs reads itself. The front matter is read as the
    JSON it is: MkDocs' YAML parser took a twentieth of a generated page's time in MkDocs for the same
    values (tests/test_mkdocs_plugin.py compares them)."""
    found = _JSON_FRONT.match(text)
    if found is None:
        return None
    try:
        meta = json.loads(found.group(1))
    except ValueError:
        return None
    return (meta, found.end()) if isinstance(meta, dict) else None


def generated_body(markdown: str) -> str | None:
    """The body of a generated page, as the page shows it (finished HTML, which Python-Markdown would
    give back unchanged: tests/test_site.py checks it on every page), or None for Markdown."""
    return markdown.strip() if markdown.lstrip().startswith("<") else None


# -- adapters -------------------------------------------------------------------------------------
# Where no documented event of MkDocs does the job: one function per deviation, each saying what upstream
# behaviour it relies on. docs/engine.md lists them with the versions they were checked against;
# tests/test_engine_adapters.py fails when upstream changes what they rely on, and refuses a replaced
# method or a written private attribute anywhere else in generator/.


def run_mkdocs(config: MkDocsConfig) -> None:
    """Adapter: builds the site of a loaded configuration as the `mkdocs build` command does
    (`mkdocs.__main__.build_command`, MkDocs 1.6.1: `plugins.on_startup(command="build", dirty=False)`,
    `mkdocs.commands.build.build(config)`, then `plugins.on_shutdown()`). MkDocs documents no Python
    API for a build, and the pages come from memory, so the command itself cannot be run."""
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()


def show_to_i18n(file: File, config: MkDocsConfig) -> None:
    """Adapter: mkdocs-static-i18n 1.3.1 sorts into languages only the files whose `abs_src_path` is
    inside docs_dir (`reconfigure_files`), and remakes each as a new `File` read from that path
    (`folder.create_i18n_file`): a generated page says it is there. Nothing is read from that path:
    the plugin's `on_files` after i18n's (priority -150) gives each page of the language being built
    its content again (`File.content_string`, `generated_by`)."""
    file.abs_src_path = os.path.normpath(os.path.join(config.docs_dir, file.src_path))


def set_language_site_names(config: MkDocsConfig, names: Mapping[str, str]) -> None:
    """Adapter: the site's name in a language other than the default one is the `site_name` option
    of that language in mkdocs-static-i18n's configuration (1.3.1: `languages[].site_name`, applied to
    `config.site_name` in that language's build); no API sets it after mkdocs.yml is read but that
    configuration object, which this edits before i18n's `on_config` reads it."""
    for language in config.plugins["i18n"].config.languages:
        if language.locale in names:
            language.site_name = names[language.locale]


def skip_markdown_render(page: Page) -> None:
    """Adapter: the page's `render` (MkDocs 1.6.1's `Page.render`, called once by the build between
    `on_page_markdown` and `on_page_content`) becomes what it gives for an empty text, without building
    a Python-Markdown converter with every extension of mkdocs.yml (a tenth of a generated page's time
    in MkDocs): no content, no table of contents, no title from a heading (`Page._title_from_render`,
    which `Page.title` reads), no anchor and no link. tests/test_mkdocs_plugin.py compares it with
    MkDocs' own render. No documented event lets a plugin skip the render."""

    def render_empty(config: MkDocsConfig, files: Files) -> None:
        page.content = ""
        page.toc = get_toc([])
        page._title_from_render = None
        page.present_anchor_ids = set()
        if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = {}

    page.render = render_empty  # type: ignore[method-assign]


#: MkDocs 1.6.1's wording of its link warnings (structure/pages.py): not found, and anchors.
_MKDOCS_LINK = re.compile(r"^Doc file '([^']+)' contains (?:a link|an unrecognized relative link) '([^']+)'")


def mkdocs_link_warning(message: str) -> tuple[str | None, str | None]:
    """Adapter: the page ("fr/x/index.md") and the link of a link warning MkDocs itself logged (its
    anchor validation, `Page.validate_anchor_links`, and the links of a page Markdown renders), read
    from MkDocs 1.6.1's English wording ("Doc file '…' contains a link '…', but …"): MkDocs logs them as
    text only. (None, None) for any other message. The plugin's own warnings carry both as `extra`."""
    found = _MKDOCS_LINK.match(message)
    return (found.group(1), found.group(2)) if found else (None, None)


def _folder_order(path: str) -> list[tuple[int, Any]]:
    """The place of a page in a folder listed as MkDocs lists docs_dir (os.walk, top-down, sorted):
    a folder's files before its sub-folders, its index page first."""
    *folders, name = path.split("/")
    return [(1, folder) for folder in folders] + [(0, (posixpath.splitext(name)[0] not in ("index", "README"), name))]


def _add_target(targets: dict[str, File | None], file: File, value: File | None) -> None:
    dest = file.dest_uri
    targets[dest] = value
    if dest == "index.html" or dest.endswith("/index.html"):
        targets[dest[: -len("index.html")]] = value


#: A tag that may hold an id or a link (a cheap test before its attributes are read).
_MAY_MATTER = re.compile(r"\b(?:id|href|src|action|name)\s*=", re.IGNORECASE)
_LINK_ATTRIBUTES = {"href", "src", "action"}


def _links_and_anchors(body: str) -> tuple[set[str], list[str]]:
    """The ids (and <a name>) of a generated body, and its links, in order, read as a browser reads
    the tags (records/html_tokens.py: a `>` in a value, capitals, unquoted values, a tag inside a
    comment or a script is no tag). About half a millisecond of a page's time in MkDocs."""
    anchors: set[str] = set()
    links: list[str] = []
    pieces, names = html_tokens.markup(body)
    for n in range(len(names)):
        tag = pieces[2 * n + 1]
        if not _MAY_MATTER.search(tag):
            continue
        name = names[n]
        if not name or name.startswith("/"):
            continue
        for key, value in html_tokens.attributes(tag):
            if value is None:
                continue
            if key in _LINK_ATTRIBUTES:
                if value.strip():
                    links.append(value.strip())
            elif key == "id" or (key == "name" and name == "a"):
                anchors.add(value)
    return anchors, links


def with_record_types(nav: list[Any]) -> list[Any]:
    """mkdocs.yml's navigation with each record type's index page (`<url>/index.md`) where its
    `Kind.nav` places it: in the section of that title (None: the top level), after the entry named
    (a page, or a section's title). A type may be placed after another type's page. Already there
    (on_config runs once per language): left as it is."""
    nav = [dict(item) if isinstance(item, dict) else item for item in nav]
    waiting = [(f"{kind.url}/index.md", kind.nav) for kind in KINDS if kind.nav is not None]
    waiting = [(page, place) for page, place in waiting if not _in_nav(nav, page)]
    while waiting:
        left = [(page, place) for page, place in waiting if not _insert_after(nav, place, page)]
        if len(left) == len(waiting):
            page, (section, after) = left[0]
            raise PluginError(_("build_nav_place_missing", page=page, section=section or "", after=after))
        waiting = left
    return nav


def _in_nav(nav: list[Any], page: str) -> bool:
    for item in nav:
        value = item if isinstance(item, str) else next(iter(item.values()))
        if value == page or (isinstance(value, list) and _in_nav(value, page)):
            return True
    return False


def _insert_after(nav: list[Any], place: tuple[str | None, str], page: str) -> bool:
    """Inserts `page` after the entry `place` names; False when that entry is not (yet) there."""
    section, after = place
    entries = nav
    if section is not None:
        found = [item for item in nav if isinstance(item, dict) and section in item]
        if not found:
            return False
        entries = found[0][section] = list(found[0][section])
    for index, item in enumerate(entries):
        if item == after or (isinstance(item, dict) and after in item):
            entries.insert(index + 1, page)
            return True
    return False


def records_not_in_nav(spec: GitIgnoreSpec | None) -> GitIgnoreSpec:
    """mkdocs.yml's `not_in_nav` with each record type's folder of pages (`/*/<url>/*/`)."""
    have = {getattr(pattern, "pattern", None) for pattern in spec.patterns} if spec is not None else set()
    lines = [line for line in (f"/*/{kind.url}/*/" for kind in KINDS) if line not in have]
    added = GitIgnoreSpec.from_lines(lines)
    return spec + added if spec is not None else added


def _existing(nav: list[Any], pages: Iterable[str]) -> list[Any]:
    """The navigation without the pages a dataset does not have (sections left empty go too)."""
    have = set(pages)
    kept: list[Any] = []
    for item in nav:
        if isinstance(item, str):
            if item in have:
                kept.append(item)
            continue
        (title, value), = item.items()
        if isinstance(value, list):
            children = _existing(value, have)
            if children:
                kept.append({title: children})
        elif value in have:
            kept.append(item)
    return kept


# Every editor string the theme prints was escaped once, where the generator hands it to MkDocs:
# the pages' front matter (title, description, search metadata: render.meta_text) and the site's
# name (build.build). Material prints most of them as they are, and escapes a few itself (`| e`, as
# in the logo's title and the footer's labels), which would escape them a second time ("&amp;amp;").
# In this theme `e` escapes once whatever it is given: text already escaped is decoded first, then
# escaped. The result is always fully escaped, so no value can come out as markup; only the double
# escaping goes.
def _escape_once(value: object) -> Markup:
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    return escape(html.unescape(str(value)))
