"""The MkDocs plugin (generator/engine/plugin.py): the only module that talks to MkDocs, and MkDocs'
strict link validation of the generated pages, reported to the editor as located problems."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from generator import build as pipeline
from generator.engine.plugin import records_not_in_nav, with_record_types
from generator.records.catalogue import speaking_to_editors

from .conftest import BUILD_DATE, ROOT


def _build(dataset: Path, tmp_path: Path) -> pipeline.Result:
    return pipeline.build(dataset / "data", dataset / "content", tmp_path / "site", dataset, build_date=BUILD_DATE,
                          search=False)


def _add_to_home_page(dataset: Path, text: str, lang: str = "fr") -> int:
    """Appends `text` to content/<lang>/index.md; returns the line it starts on."""
    page = dataset / "content" / lang / "index.md"
    before = page.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    page.write_text(before + text + "\n", encoding="utf-8")
    return before.count("\n") + 1


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_broken_link_in_a_page_stops_the_build_with_a_located_message(minimal_copy: Path, tmp_path: Path,
                                                                        lang: str) -> None:
    line = _add_to_home_page(minimal_copy, "Voir aussi [la liste](recommandations-disparues/).", lang)
    previous = tmp_path / "site" / "index.html"
    previous.parent.mkdir()
    previous.write_text("the site built before", encoding="utf-8")
    result = _build(minimal_copy, tmp_path)
    assert not result.ok
    # The build stopped: the previous site is left as it was, and nothing half-built stays beside it.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minimal", "site"]
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["index.html"]
    assert previous.read_text(encoding="utf-8") == "the site built before"
    errors = [p for p in result.problems if p.is_error]
    assert [(p.path, p.line, p.column) for p in errors] == [(f"content/{lang}/index.md", line, 23)]
    assert errors[0].message.startswith("Le lien «\u00a0recommandations-disparues/\u00a0» ne mène à aucune page ni à "
                                        "aucun fichier de ce site.")
    assert "corrigez l’adresse, ou retirez le lien" in errors[0].message


def test_a_link_to_a_missing_part_of_a_page_stops_the_build(minimal_copy: Path, tmp_path: Path) -> None:
    """A #fragment that is no id of the target page: MkDocs' own anchor validation."""
    line = _add_to_home_page(minimal_copy, "Voir [les recommandations](recommandations/#nulle-part).")
    result = _build(minimal_copy, tmp_path)
    errors = [p for p in result.problems if p.is_error]
    assert [(p.path, p.line) for p in errors] == [("content/fr/index.md", line)]
    assert "n’a pas de partie «\u00a0#nulle-part\u00a0»" in errors[0].message
    with speaking_to_editors("en"):  # the editor's language, as `build --lang en` sets it
        english = [p for p in _build(minimal_copy, tmp_path).problems if p.is_error]
    assert 'has no part "#nulle-part"' in english[0].message


def test_links_that_land_build(minimal_copy: Path, tmp_path: Path) -> None:
    """The same links, written right, build: to a page, to a part of a page, to an open-data file.
    The site replaces what the folder held, except its dot-files (as MkDocs' own clean-up does)."""
    _add_to_home_page(minimal_copy, "Voir [la liste](recommandations/), [les données](donnees/) et "
                      "[le tableur](donnees/recommendations.csv).")
    (tmp_path / "site" / ".git").mkdir(parents=True)
    (tmp_path / "site" / "old-page").mkdir()
    result = _build(minimal_copy, tmp_path)
    assert result.ok, "\n".join(p.text() for p in result.problems if p.is_error)
    assert (tmp_path / "site" / ".git").is_dir() and not (tmp_path / "site" / "old-page").exists()
    assert (tmp_path / "site" / "index.html").is_file() and (tmp_path / "site" / "donnees" / "recommendations.csv").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minimal", "site"]


def test_the_plugin_is_the_only_module_that_imports_mkdocs() -> None:
    importers = set()
    for module in sorted((ROOT / "generator").rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            if any(name == "mkdocs" or name.startswith(("mkdocs.", "mkdocs_", "material")) for name in names):
                importers.add(module.relative_to(ROOT).as_posix())
    assert importers == {"generator/engine/plugin.py"}


def test_a_body_s_links_and_anchors_are_read_attribute_by_attribute() -> None:
    """Only attributes count: "href=" inside another attribute's value or in the text is no link."""
    from generator.engine.plugin import _links_and_anchors

    body = ('<p id="haut">Écrire href="z" ne fait pas un lien.</p><a href="../x/#a&amp;b" title="voir href=y">x</a>'
            "<a name=ancre></a><span name=\"pas-une-ancre\"></span><form action='../recherche/'></form><img src=i.png>")
    assert _links_and_anchors(body) == ({"haut", "ancre"}, ["../x/#a&b", "../recherche/", "i.png"])


def test_a_generated_page_is_rendered_as_mkdocs_renders_an_empty_text(tmp_path: Path) -> None:
    """A generated body skips Python-Markdown: the page gets what MkDocs' own render of the empty
    text it is left with would give (no converter is built for it)."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from generator.engine.plugin import skip_markdown_render

    (tmp_path / "docs").mkdir()
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(tmp_path / "docs"), site_dir=str(tmp_path / "site"))
    pages = []
    for render in ("mkdocs", "plugin"):
        file = File("fr/x/index.md", src_dir=config.docs_dir, dest_dir=config.site_dir, use_directory_urls=True)
        page = Page(None, file, config)
        page.markdown = ""
        # Values a page could hold before: both renders must set them.
        page.content, page._title_from_render, page.present_anchor_ids = "<p>old</p>", "Old", {"old"}
        if render == "plugin":
            skip_markdown_render(page)
        page.render(config, Files([file]))
        pages.append(page)
    mkdocs, plugin = pages
    assert (plugin.content, plugin._title_from_render, plugin.present_anchor_ids, plugin.links_to_anchors) == (
        mkdocs.content, mkdocs._title_from_render, mkdocs.present_anchor_ids, mkdocs.links_to_anchors)
    assert (type(plugin.toc), list(plugin.toc)) == (type(mkdocs.toc), list(mkdocs.toc))
    assert plugin.title == mkdocs.title


def _read_both(config, text: str):
    """(what MkDocs' own Page.read_source sets, what the plugin's reading of a generated page sets)."""
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    from generator.engine.plugin import generated_front_matter

    file = File("fr/x/index.md", src_dir=config.docs_dir, dest_dir=config.site_dir, use_directory_urls=True)
    file.content_string = text
    page = Page(None, file, config)
    page.read_source(config)
    read = generated_front_matter(text)
    if read is None:
        return (page.markdown, page.meta), None  # MkDocs reads the page itself
    meta, start = read
    return (page.markdown, page.meta), (text[start:].lstrip("\n"), meta)


def test_a_generated_page_s_front_matter_is_read_as_mkdocs_reads_it(real_site, hostile_site, tmp_path: Path) -> None:
    """The front matter the generator writes as JSON is read as JSON: the same values as MkDocs'
    YAML parser reads, on every page of the real site and of the hostile one (payloads in every
    text), and for the characters YAML reads otherwise (MkDocs reads those pages itself)."""
    from mkdocs.config import load_config

    from generator.site.render import Page as Generated
    from generator.site.render import meta_text

    (tmp_path / "docs").mkdir()
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(tmp_path / "docs"), site_dir=str(tmp_path / "site"))
    pages = real_site[0].pages + hostile_site[0].pages
    assert len(pages) > 200
    for page in pages:
        mkdocs, plugin = _read_both(config, page.text)
        assert plugin is not None and mkdocs == plugin and plugin[1].get("title"), page.path
    # YAML folds these line breaks inside a quoted string, or refuses these characters: not JSON's values.
    for odd in ("a\x85b", "a \u2028b", "a\u2029", "\ufeffa", "a\x7fb", "a\x9fb"):
        text = Generated("fr/x/index.md", f"---\n{json.dumps({'title': meta_text(odd)}, ensure_ascii=False)}\n---\n\n<p>x</p>\n").text
        mkdocs, plugin = _read_both(config, text)
        assert plugin is None or mkdocs == plugin, repr(odd)


def test_each_record_type_s_index_page_goes_where_its_kind_places_it() -> None:
    """mkdocs.yml lists no record type: the plugin places each one's index page (records/kinds.py)
    and keeps its records' pages out of the navigation; done again (once per language), nothing moves."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert not any("promotions" in str(item) for item in config.nav)
    nav = with_record_types(config.nav)
    assert nav == [
        {"Accueil": "index.md"},
        {"L’Assemblée": ["comment-ca-marche/index.md", "promotions/index.md", "membres/index.md",
                         "reunions/index.md", "auditions/index.md", "participation/index.md"]},
        "sujets/index.md",
        "recommandations/index.md",
        {"Le suivi": ["suivi/index.md", "droit-de-suite/index.md", "statuts/index.md"]},
        "donnees/index.md",
        {"À propos": ["a-propos/index.md", "contribuer/index.md"]},
    ]
    assert with_record_types(nav) == nav
    spec = records_not_in_nav(config.not_in_nav)
    assert records_not_in_nav(spec).patterns == spec.patterns
    for path in ("fr/promotions/x/index.md", "en/participation/x/index.md", "fr/membres/x/index.md",
                 "fr/suivi/x/index.md"):
        assert spec.match_file(path), path
    assert not spec.match_file("fr/promotions/index.md")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_record_type_placed_after_a_missing_entry_stops_the_build_with_what_to_fix(lang: str) -> None:
    with speaking_to_editors(lang), pytest.raises(PluginError) as stopped:
        with_record_types([{"Accueil": "index.md"}])
    message = str(stopped.value)
    assert "promotions/index.md" in message and "comment-ca-marche/index.md" in message
    assert "kinds.py" in message and "mkdocs.yml" in message
    assert ("Corrigez" if lang == "fr" else "Fix") in message
