"""The search index is built one language at a time (generator/build.py `run_pagefind`: each
Pagefind run holds only its language's pages in memory) and merged into one bundle: the bundle must
be the one a single Pagefind run over the whole site writes, with both languages in its entry."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import BuildError, pagefind_globs, run_pagefind
from generator.records.schema import LANGUAGES

#: Pagefind writes these in an order of its own from one run to the next (upstream
#: CloudCannon/pagefind#638, tests/test_reproducible.py): compared by content, not bytes.
UNSTABLE = ("filter/", "pagefind-entry.json", "pagefind.")


def _files(bundle: Path) -> dict[str, bytes]:
    return {p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}


def test_per_language_index_is_the_bundle_of_a_single_run(real_site, tmp_path: Path) -> None:
    _, site = real_site
    merged = _files(site / "pagefind")
    single_site = tmp_path / "site"
    shutil.copytree(site, single_site, ignore=shutil.ignore_patterns("pagefind"))
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(single_site), "--silent"], check=True)
    single = _files(single_site / "pagefind")
    stable = {name for name in single if not name.startswith(UNSTABLE)}
    assert any(name.startswith("fragment/") for name in stable) and any(name.startswith("index/") for name in stable)
    assert {name for name in merged if not name.startswith(UNSTABLE)} == stable
    assert all(merged[name] == single[name] for name in stable), [n for n in stable if merged[n] != single[n]]
    entry, one = (json.loads(files["pagefind-entry.json"]) for files in (merged, single))
    assert set(entry["languages"]) == set(LANGUAGES)
    for lang in LANGUAGES:
        assert entry["languages"][lang]["page_count"] == one["languages"][lang]["page_count"] > 0, lang
        assert f"pagefind.{entry['languages'][lang]['hash']}.pf_meta" in merged
    assert {k: v for k, v in entry.items() if k != "languages"} == {k: v for k, v in one.items() if k != "languages"}
    for kind in ("filter/", "pagefind."):
        assert sorted(n.split("_")[0] for n in merged if n.startswith(kind)) == \
            sorted(n.split("_")[0] for n in single if n.startswith(kind)), kind


def test_each_language_glob_takes_its_own_pages(real_site) -> None:
    _, site = real_site
    globs = pagefind_globs(site)
    assert globs["en"] == "en/**/*.html"
    french = globs["fr"]
    assert "index.html" in french and "recommandations/**/*.html" in french
    assert "en/" not in french and "pagefind" not in french


def test_a_top_level_name_a_glob_would_misread_stops_the_index(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<html lang='fr'><body>x</body></html>", encoding="utf-8")
    (tmp_path / "a{b}").mkdir()
    try:
        run_pagefind(tmp_path)
    except BuildError as error:
        assert "a{b}" in str(error) and "Renommez-le" in str(error)
    else:
        raise AssertionError("a folder named a{b} was put in Pagefind's glob")


def test_the_cli_build_lets_the_model_and_pages_go_before_indexing(tmp_path: Path, monkeypatch,
                                                                   request: pytest.FixtureRequest) -> None:
    """`build(keep=False)` (the CLI's) holds no model, record or rendered page while Pagefind runs:
    at 10,000 recommendations they were ~2 GB beside Pagefind's own gigabytes."""
    import gc

    from .alone import ran_elsewhere

    if ran_elsewhere(request):
        return

    from generator import build as pipeline
    from generator.site.model import SiteModel
    from generator.site.render import Page

    from .conftest import BUILD_DATE, CHECK_DAY, MINIMAL, ROOT

    def count() -> dict[str, int]:
        gc.collect()
        objects = gc.get_objects()
        return {"models": sum(isinstance(o, SiteModel) for o in objects), "pages": sum(isinstance(o, Page) for o in objects)}

    before = count()  # other tests' shared builds (session fixtures) hold theirs
    alive: dict[str, int] = {}
    real_run = pipeline.run_pagefind

    def counting(site_dir: Path) -> None:
        alive.update({key: n - before[key] for key, n in count().items()})
        real_run(site_dir)

    monkeypatch.setattr(pipeline, "run_pagefind", counting)
    out = tmp_path / "site"
    result = pipeline.build(MINIMAL / "data", MINIMAL / "content", out, ROOT, build_date=BUILD_DATE, today=CHECK_DAY,
                            keep=False)
    assert result.ok and alive == {"models": 0, "pages": 0}, alive
    assert result.page_count > 0 and result.pages == [] and result.model is None
    assert (out / "pagefind" / "pagefind-entry.json").is_file()
    kept = pipeline.build(MINIMAL / "data", MINIMAL / "content", tmp_path / "kept", ROOT, build_date=BUILD_DATE,
                          today=CHECK_DAY)
    assert alive["models"] >= 1 and kept.model is not None and len(kept.pages) == kept.page_count == result.page_count


def test_the_cli_build_reports_the_data_problems_found_in_its_forked_copy(minimal_copy: Path, tmp_path: Path) -> None:
    from generator import build as pipeline

    from .conftest import BUILD_DATE, CHECK_DAY, ROOT

    record = next((minimal_copy / "data" / "recommendations").glob("*.yml"))
    record.write_text(record.read_text(encoding="utf-8").replace("status:", "statut:", 1), encoding="utf-8")
    out = tmp_path / "site"
    result = pipeline.build(minimal_copy / "data", minimal_copy / "content", out, ROOT, build_date=BUILD_DATE,
                            today=CHECK_DAY, keep=False)
    assert not result.ok and not out.exists()
    errors = [p for p in result.problems if p.is_error]
    assert errors and any(p.path.endswith(record.name) and "statut" in p.text() for p in errors), \
        [p.text() for p in errors]


# --- what the pages and the search page give search.js (issue 24) ------------------------------

def test_an_id_is_indexed_as_one_word() -> None:
    """A record's id in its page's `id` metadata: one word, as Pagefind reads the id typed with its
    hyphens; the words it is made of ("logements", "vacants") do not rank its page (a hearing's id
    names its topic)."""
    from generator.site.search import search_id

    assert search_id("demo-2023-11-logements-vacants") == "demo202311logementsvacants"
    assert search_id("ac2-sans-abrisme-03") == "ac2sansabrisme03"
    assert search_id("2025-07-02-conseil_de_paris") == "20250702conseildeparis"


def test_pages_carry_their_id_as_one_word(real_site) -> None:
    result, site = real_site
    rec = result.model.recommendations[0]
    text = (site / "recommandations" / rec.id / "index.html").read_text(encoding="utf-8")
    assert f'data-pagefind-meta="id[content]" content="{rec.id.replace("-", "")}"' in text


def _finder_data(site: Path, lang: str) -> dict:
    import re

    page = (site / ("en/" if lang == "en" else "") / "recherche" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="dds-finder-data">(.*?)</script>', page, re.S)
    assert found, "the search page has no data block"
    return json.loads(found.group(1))


def test_the_search_page_knows_what_readers_words_mean(real_site) -> None:
    """« Voir aussi »: each status of the data, by its label and its reader words from the catalogue
    (`synonyms_<id>`), leads to the explorer filtered on it; the awaited follow-ups and the open data
    too. Phrases are whole, trimmed, in the page's language; and the other language's search page."""
    from generator.site.i18n import gettext

    result, site = real_site
    for lang in LANGUAGES:
        data = _finder_data(site, lang)
        see = {entry[2]: entry for entry in data["see"]}
        for status in result.model.statuses:
            entry = see[f"../recommandations/?status={status.id}"]
            label = getattr(status.label, lang) or status.label.fr
            assert entry[0] == "status" and entry[1] == label and entry[3][0] == label
            words = gettext(f"synonyms_{status.id}", lang).split(",")
            assert len(words) >= 3 and entry[3][1:] == [w.strip() for w in words]
            assert all(w and w == w.strip() for w in entry[3])
        assert "../suivi/attendus/" in see and "../donnees/" in see
        reader = {"fr": ("abandonnée", "en retard"), "en": ("abandoned", "late")}[lang]
        assert reader[0] in see["../recommandations/?status=not_retained"][3]
        assert reader[1] in see["../suivi/attendus/"][3]
        other = "fr" if lang == "en" else "en"
        assert data["other"]["lang"] == other
        target = (site / ("en/" if lang == "en" else "") / "recherche" / data["other"]["href"]).resolve()
        assert target == (site / ("en/" if other == "en" else "") / "recherche").resolve()


def test_reader_words_stay_out_of_the_spelling_vocabulary(real_site) -> None:
    """The catalogues' reader words are not the site's: the spelling correction never proposes one."""
    _, site = real_site
    vocabulary = json.loads((site / "recherche" / "vocabulary.json").read_text(encoding="utf-8"))
    assert "abandonnée" not in vocabulary and "abandoned" not in vocabulary
