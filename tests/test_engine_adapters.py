"""The adapters (docs/engine.md, "The adapters"): the few places where the project relies on something
MkDocs, mkdocs-static-i18n or Python-Markdown do not document. Each is one named function; these tests
fail when upstream changes what it relies on, and refuse a replaced method or a written private
attribute anywhere else in generator/."""

from __future__ import annotations

import ast
import hashlib
import inspect
import logging
import re
from pathlib import Path

import markdown
import mkdocs.__main__
import pytest
from markdown.treeprocessors import InlineProcessor
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs_static_i18n import folder as i18n_folder
from mkdocs_static_i18n.plugin import I18n

from generator.engine import plugin
from generator.records import markup

from .conftest import ROOT

#: Every adapter, by module: the only top-level functions of generator/ that may replace a method or
#: write a private attribute of an object they did not make (docs/engine.md names each one).
ADAPTERS = {
    "generator/engine/plugin.py": {"run_mkdocs", "show_to_i18n", "set_language_site_names", "skip_markdown_render",
                                   "mkdocs_link_warning"},
    "generator/records/markup.py": {"skip_impossible_patterns"},
}

#: Upstream classes whose methods the project's code must not replace on an instance.
UPSTREAM = (Page, File, Files, Navigation, MkDocsConfig, BasePlugin, I18n, markdown.Markdown, InlineProcessor,
            markdown.treeprocessors.Treeprocessor)
METHODS = {name for cls in UPSTREAM for name, value in inspect.getmembers(cls)
           if callable(value) and not name.startswith("__") and not inspect.isclass(value)}
MANGLED = re.compile(r"^_[A-Za-z][A-Za-z0-9]*__[A-Za-z0-9_]*[A-Za-z0-9]$")


def _names(node: ast.expr) -> set[str] | None:
    """The attribute names a `setattr` call's second argument can be, or None when unknown."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        body, orelse = _names(node.body), _names(node.orelse)
        return None if body is None or orelse is None else body | orelse
    return None


def _deviations(tree: ast.AST) -> list[tuple[int, str]]:
    found = []

    def forbidden(name: str) -> bool:
        return name.startswith("_") or name in METHODS

    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, (ast.Assign, ast.Delete)):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        while any(isinstance(target, (ast.Tuple, ast.List, ast.Starred)) for target in targets):
            targets = [part for target in targets
                       for part in (target.elts if isinstance(target, (ast.Tuple, ast.List))
                                    else [target.value] if isinstance(target, ast.Starred) else [target])]
        for part in targets:
            if (isinstance(part, ast.Attribute) and forbidden(part.attr)
                    and not (isinstance(part.value, ast.Name) and part.value.id in ("self", "cls"))):
                found.append((part.lineno, f"writes {ast.unparse(part)}"))
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("setattr", "delattr")
                and len(node.args) >= 2):
            names = _names(node.args[1])
            if names is None or any(forbidden(name) for name in names):
                found.append((node.lineno, f"calls {ast.unparse(node)}"))
        if isinstance(node, ast.Attribute) and MANGLED.match(node.attr):
            found.append((node.lineno, f"uses the private name {node.attr}"))
    return found


def test_no_method_replaced_and_no_private_attribute_written_outside_the_adapters() -> None:
    """Anywhere in generator/: no method of MkDocs', Material's, i18n's or Markdown's objects replaced on
    an instance, no private attribute written (nor a name-mangled one used) on an object other than the
    code's own `self`, except inside the adapters."""
    deviations = []
    for module in sorted((ROOT / "generator").rglob("*.py")):
        path = module.relative_to(ROOT).as_posix()
        for statement in ast.parse(module.read_text(encoding="utf-8")).body:
            if getattr(statement, "name", None) in ADAPTERS.get(path, ()):
                continue
            deviations += [f"{path}:{line}: {what}" for line, what in _deviations(statement)]
    assert deviations == []


@pytest.mark.parametrize("code", [
    "page.render = lambda config, files: None",
    "page._title_from_render = None",
    "file.content_string, page.read_source = '', None",
    "setattr(page, 'render', None)",
    "setattr(page, name, None)",
    "apply = processor._InlineProcessor__applyPattern",
    "class X:\n    def f(self, page):\n        page.links_to_anchors = {}\n        page.meta._x = 1",
])
def test_the_scan_sees_each_way_of_deviating(code: str) -> None:
    assert _deviations(ast.parse(code)) != []


def test_the_scan_lets_documented_attributes_be_set() -> None:
    code = ("page.meta = {}\npage.content = ''\nfile.content_string = ''\nfile.generated_by = 'x'\n"
            "self._texts = {}\nsetattr(dataset, 'site' if a else 'statuses', entry)\nconfig.site_name = 'x'")
    assert _deviations(ast.parse(code)) == []


def test_every_adapter_says_what_it_relies_on_and_is_named_in_docs_engine_md() -> None:
    engine = (ROOT / "docs" / "engine.md").read_text(encoding="utf-8")
    section = engine[engine.index("### The adapters"):]
    section = section[:section.index("\n## ")]
    declared = set()
    for module in sorted((ROOT / "generator").rglob("*.py")):
        path = module.relative_to(ROOT).as_posix()
        for statement in ast.parse(module.read_text(encoding="utf-8")).body:
            if isinstance(statement, (ast.FunctionDef, ast.ClassDef)):
                if (ast.get_docstring(statement) or "").startswith("Adapter:"):
                    declared.add((path, statement.name))
    assert declared == {(path, name) for path, names in ADAPTERS.items() for name in names}
    for path, names in ADAPTERS.items():
        for name in names:
            assert re.search(rf"`{re.escape(path)}`.*`{name}\(\)`|`{name}\(\)`.*`{re.escape(path)}`", section), name


# -- what each adapter relies on --------------------------------------------------------------------------


def test_run_mkdocs_does_what_the_mkdocs_build_command_does() -> None:
    source = inspect.getsource(mkdocs.__main__.build_command.callback)
    for call in ("cfg.plugins.on_startup(command='build', dirty=not clean)", "build.build(cfg, dirty=not clean)",
                 "cfg.plugins.on_shutdown()"):
        assert call in source
    assert list(inspect.signature(mkdocs_build.build).parameters) == ["config", "serve_url", "dirty"]
    assert plugin.mkdocs_build is mkdocs_build.build


def _config(tmp_path: Path) -> MkDocsConfig:
    (tmp_path / "docs").mkdir(exist_ok=True)
    return load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(tmp_path / "docs"), site_dir=str(tmp_path / "site"))


def _generated(config: MkDocsConfig, path: str) -> File:
    """A File as File.generated makes it (which only a running plugin can call)."""
    file = File(path, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
    file.content_string, file.generated_by = "<p>x</p>", "test"
    return file


def test_i18n_sorts_only_the_files_in_docs_dir_and_remakes_them(tmp_path: Path) -> None:
    """What show_to_i18n relies on: mkdocs-static-i18n keeps a generated page only when it says it is in
    docs_dir, and remakes it as a File of its own, without the generated content (which the plugin's
    on_files then gives back)."""
    config = _config(tmp_path)
    i18n = config.plugins["i18n"]
    assert isinstance(i18n, I18n)
    i18n.on_config(config)
    with pytest.raises(TypeError):  # a generated File has no abs_src_path
        i18n.on_files(Files([_generated(config, "fr/x/index.md")]), config)
    file = _generated(config, "fr/x/index.md")
    plugin.show_to_i18n(file, config)
    kept = i18n.on_files(Files([file]), config).documentation_pages()
    assert [(f.src_uri, f.generated_by) for f in kept] == [("fr/x/index.md", None)]
    assert "file.src_path,\n        config.docs_dir," in inspect.getsource(i18n_folder.create_i18n_file)


def test_i18n_takes_each_language_s_site_name_from_its_configuration(tmp_path: Path) -> None:
    config = _config(tmp_path)
    plugin.set_language_site_names(config, {"en": "A name & more"})
    languages = {language.locale: language for language in config.plugins["i18n"].config.languages}
    assert languages["en"].site_name == "A name & more" and languages["fr"].default
    i18n = config.plugins["i18n"]
    assert isinstance(i18n, I18n)
    i18n.on_config(config)  # the default language's build first
    i18n.current_language = "en"
    i18n.apply_user_overrides(config)
    assert config.site_name == "A name & more"


def test_a_page_s_render_is_a_method_that_sets_its_title_from_the_markdown() -> None:
    """What skip_markdown_render relies on (tests/test_mkdocs_plugin.py compares the results)."""
    assert list(inspect.signature(Page.render).parameters) == ["self", "config", "files"]
    assert "self._title_from_render = " in inspect.getsource(Page.render)
    assert "self._title_from_render" in inspect.getsource(Page.__dict__["title"].func)
    assert "self._title_from_render" in inspect.getsource(Page.__init__)
    assert "page.render(config, files)" in inspect.getsource(mkdocs_build._populate_page)


def test_mkdocs_link_warnings_are_read_from_mkdocs_own_wording(tmp_path: Path,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    config = _config(tmp_path)
    here, there = _generated(config, "fr/x/index.md"), _generated(config, "fr/y/index.md")
    files = Files([here, there])
    page, target = Page(None, here, config), Page(None, there, config)
    target.present_anchor_ids = {"la"}
    page.links_to_anchors = {there: {"nulle-part": "../y/#nulle-part"}}
    page.markdown = "[x](../absent.md)"
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        page.validate_anchor_links(files=files, log_level=logging.WARNING)
        page.render(config, files)
    found = [plugin.mkdocs_link_warning(record.getMessage()) for record in caplog.records]
    assert found == [("fr/x/index.md", "../y/#nulle-part"), ("fr/x/index.md", "../absent.md")]
    assert "anchor" in caplog.records[0].getMessage()  # generator/build.py tells the anchors apart so
    assert plugin.mkdocs_link_warning("Doc file 'fr/x/index.md' is something else") == (None, None)


#: SHA-256 of Markdown 3.11.3's InlineProcessor.__handleInline, which skip_impossible_patterns copies.
HANDLE_INLINE = "fe27babc114aed0ad06af7b99ad449f4bcf2cadab8ee03065a61d3a1f85caa5b"


def test_skip_impossible_patterns_copies_markdown_s_own_inline_handling() -> None:
    handle = InlineProcessor._InlineProcessor__handleInline  # type: ignore[attr-defined]
    apply = InlineProcessor._InlineProcessor__applyPattern  # type: ignore[attr-defined]
    assert list(inspect.signature(handle).parameters) == ["self", "data", "patternIndex"]
    assert list(inspect.signature(apply).parameters) == ["self", "pattern", "data", "patternIndex", "startIndex"]
    assert "self.__handleInline(" in inspect.getsource(InlineProcessor.run)
    digest = hashlib.sha256(inspect.getsource(handle).encode()).hexdigest()
    assert digest == HANDLE_INLINE, ("Python-Markdown's InlineProcessor.__handleInline changed: compare it with the "
                                     "copy in markup.skip_impossible_patterns, then update this digest")
    converter = markup._converter()
    for name in ("inline", "smarty"):  # the adapter is what the converter's inline processors use
        assert "handle_inline" in repr(converter.treeprocessors[name]._InlineProcessor__handleInline)  # type: ignore[attr-defined]


def test_every_template_the_theme_overrides_is_in_docs_engine_md() -> None:
    """A move to another engine costs each copied or replaced Material template: docs/engine.md's
    table of overrides names every one of theme/overrides/ (a file, or a group written as its folder
    and its files' names)."""
    engine = (ROOT / "docs" / "engine.md").read_text(encoding="utf-8")
    table = engine.split("| file | what it overrides |", 1)[1].split("\n\n", 1)[0]
    rows = [line.split("|")[1] for line in table.splitlines()[2:] if line.startswith("|")]
    named = set()
    for cell in rows:
        names = re.findall(r"`([^`]+\.html)`", cell)
        folder = names[0].rsplit("/", 1)[0] + "/" if names and "/" in names[0] else ""
        named |= {name if "/" in name else folder + name for name in names}
    overrides = ROOT / "theme" / "overrides"
    templates = {path.relative_to(overrides).as_posix() for path in overrides.rglob("*.html")}
    assert templates - named == set(), f"docs/engine.md does not name: {sorted(templates - named)}"
