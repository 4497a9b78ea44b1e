"""A full build of the real data/ and content/: every record has its page in both languages, is
listed on its index page, and every page says which language it is in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.records.kinds import FOLDER_TYPES, KINDS
from generator.site.render import SECTIONS

from .conftest import BUILD_DATE, CHECK_DAY, ROOT

#: The record types whose records have pages of their own (records/kinds.py).
LIST_PAGES = {kind.folder for kind in KINDS if kind.own_pages}


def record_ids(folder: str) -> list[str]:
    return sorted(p.stem for p in (ROOT / "data" / folder).glob("*.yml"))


def html(site: Path, lang: str, url: str) -> str:
    base = site if lang == "fr" else site / "en"
    return (base / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("folder", sorted(LIST_PAGES))
def test_every_record_has_a_page_in_both_languages_and_is_listed(real_site, folder: str) -> None:
    _, site = real_site
    section = SECTIONS[folder]
    ids = record_ids(folder)
    for lang in ("fr", "en"):
        index = html(site, lang, section)
        for record_id in ids:
            page = site / ("" if lang == "fr" else "en") / section / record_id / "index.html"
            assert page.is_file(), f"no {lang} page for {folder}/{record_id}"
            assert f'href="{record_id}/"' in index, f"{record_id} is not listed on the {lang} {section} index"


def test_real_data_has_every_kind_of_record_the_site_needs() -> None:
    for folder in ("cohorts", "topics", "recommendations", "meetings", "bodies"):
        assert record_ids(folder), f"data/{folder}/ is empty"
    assert set(FOLDER_TYPES) >= LIST_PAGES


def test_every_page_declares_its_language(real_site) -> None:
    _, site = real_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        text = page.read_text(encoding="utf-8")
        match = re.search(r'<html lang="([a-z]+)"', text)
        assert match, f"{page} has no <html lang>"
        expected = "en" if page.relative_to(site).parts[0] == "en" else "fr"
        assert match[1] == expected, f"{page.relative_to(site)} says lang={match[1]}"


def test_language_switcher_lands_on_the_same_page(real_site) -> None:
    _, site = real_site
    record = record_ids("recommendations")[0]
    french = html(site, "fr", f"recommandations/{record}")
    english = html(site, "en", f"recommandations/{record}")
    assert re.search(rf'href="[./]*en/recommandations/{record}/"[^>]*hreflang="en"', french) or \
        re.search(rf'hreflang="en"[^>]*href="[./]*en/recommandations/{record}/"', french)
    assert re.search(rf'href="(\.\./)+recommandations/{record}/"[^>]*hreflang="fr"', english) or \
        re.search(rf'hreflang="fr"[^>]*href="(\.\./)+recommandations/{record}/"', english)


def test_navigation_lists_index_pages_not_records(real_site) -> None:
    _, site = real_site
    home = html(site, "fr", "")
    nav = home[home.find('<nav class="md-nav md-nav--primary"'):]
    nav = nav[: nav.find("</nav>")]
    for record in record_ids("recommendations"):
        assert record not in nav


def test_material_search_is_off_and_pagefind_indexes_both_languages(real_site) -> None:
    _, site = real_site
    assert not (site / "search" / "search_index.json").exists()
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    entry = (site / "pagefind" / "pagefind-entry.json").read_text()
    assert '"fr"' in entry and '"en"' in entry


def test_missing_english_text_is_marked_french(minimal_site) -> None:
    _, site = minimal_site
    page = html(site, "en", "sujets/test-sujet")
    assert '<div lang="fr"><p>Un sujet fictif.</p></div>' in page
    assert "not yet translated" in page


def test_record_text_is_sanitized_and_not_templated(minimal_site) -> None:
    _, site = minimal_site
    page = html(site, "fr", "recommandations/test-sujet-01")
    assert "{{ 7*7 }}" in page and "49" not in page.split("dds-quote", 1)[1][:200]
    assert "<script>alert" not in page


def test_page_bodies_skip_markdown_because_markdown_would_not_change_them(tmp_path: Path) -> None:
    """generator/engine/plugin.py hands each generated body to the theme without Markdown (half of
    MkDocs' time). That is only right if Markdown, with the extensions of mkdocs.yml, would give
    back the same HTML: checked on every page of the real site and of the demo."""
    import markdown
    import yaml

    from generator import build as pipeline
    from generator.engine.plugin import generated_body

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    extensions = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    converter = markdown.Markdown(extensions=extensions)
    checked = 0
    for source in (ROOT, ROOT / "tests" / "fixtures" / "demo"):
        result = pipeline.generate(source / "data", source / "content", ROOT, fictional=source != ROOT, build_date=BUILD_DATE, today=CHECK_DAY)
        assert result.ok
        for page in result.pages:
            body = page.text.split("\n---\n", 1)[1]
            converter.reset()
            assert generated_body(body) == converter.convert(body), page.path
            checked += 1
    assert checked > 200
    # A page that is not generated HTML still goes through Markdown.
    assert generated_body("# Titre\n") is None


def test_rendering_in_two_processes_gives_the_same_pages(request: pytest.FixtureRequest,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Large sites render their second language in a forked process (generator/site/render.py): the
    pages, their order and their bytes are those of rendering in one process."""
    from generator import build as pipeline
    from generator import processes
    from generator.site.render import render_site

    from .alone import ran_elsewhere

    if ran_elsewhere(request):
        return
    copies: list[int] = []
    start = processes.start
    monkeypatch.setattr(processes, "start", lambda *args, **kwargs: copies.append(1) or start(*args, **kwargs))

    demo = ROOT / "tests" / "fixtures" / "demo"
    result = pipeline.generate(demo / "data", demo / "content", ROOT, fictional=True, build_date=BUILD_DATE, today=CHECK_DAY)
    assert result.ok
    content, _ = pipeline.load_content(demo / "content", ROOT)
    kwargs = {"fictional": True, "files": result.files}
    one = render_site(result.model, content, parallel=False, **kwargs)
    assert not copies
    two = render_site(result.model, content, parallel=True, **kwargs)
    assert copies == [1]  # the second language was rendered in a copy
    assert [p.path for p in two] == [p.path for p in one]
    assert [p.text for p in two] == [p.text for p in one]
    assert {p.path.split("/", 1)[0] for p in two} == {"fr", "en"}


def test_the_sitemap_lists_every_indexable_page_and_no_noindex_one(real_site) -> None:
    """A page that asks search engines not to index it (search, the contributing section) is not
    in sitemap.xml; every other page built by MkDocs is, under the site's address."""
    result, site = real_site
    listed = set(re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")))
    base = result.model.site.base_url
    noindex, indexable = set(), set()
    for page in site.rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        if 'data-md-component="header"' not in text:
            continue  # a redirect page written beside the site (generator/publish/redirects.py)
        url = base + page.parent.relative_to(site).as_posix() + "/"
        url = url.replace("/./", "/").removesuffix("./")
        (noindex if '<meta name="robots" content="noindex">' in text else indexable).add(url)
    assert noindex and indexable
    assert listed == indexable, (sorted(listed - indexable), sorted(indexable - listed))
