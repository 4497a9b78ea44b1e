"""Record types declared once (generator/records/kinds.py): a throw-away type, declared as
docs/architecture.md (« Add a record type ») says, is checked, modelled, rendered in both languages,
placed in the navigation, published in the open data and counted, with no other file changed."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.records.kinds import FOLDER_TYPES, KINDS

from .conftest import FIXTURES, MINIMAL, ROOT
from .test_html import errors

THROWAWAY = FIXTURES / "throwaway_kind"


def _build_with_petitions(tmp_path: Path) -> tuple[dict, Path]:
    dataset = tmp_path / "minimal"
    shutil.copytree(MINIMAL, dataset)
    shutil.copytree(THROWAWAY / "petitions", dataset / "data" / "petitions")
    out = tmp_path / "site"
    return _register_and_build(dataset, out), out


def _register_and_build(dataset: Path, out: Path) -> dict:
    """register.py in a process of its own, importing this checkout's generator (PYTHONPATH)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, str(THROWAWAY / "register.py"), str(dataset / "data"),
                           str(dataset / "content"), str(out), str(ROOT)],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_registry_is_the_check_s_list_of_folders() -> None:
    assert list(FOLDER_TYPES) == [kind.folder for kind in KINDS]
    assert len({kind.url for kind in KINDS}) == len(KINDS)


@pytest.fixture(scope="module")
def petitions_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    said, out = _build_with_petitions(tmp_path_factory.mktemp("kinds"))
    assert said["ok"], said["problems"]
    return out


def test_a_declared_type_gets_its_pages_in_both_languages(petitions_site: Path) -> None:
    for prefix, title in (("", "Une pétition fictive"), ("en/", "A fictional petition")):
        page = (petitions_site / prefix / "petitions" / "une-petition" / "index.html").read_text(encoding="utf-8")
        assert f"<h1>{title}</h1>" in page.replace("\u202f", " ")
        assert "https://example.org/petition" in page
        assert '<meta name="description" content="' + ("Une pétition inventée" if not prefix else "A petition made up") in page
        index = (petitions_site / prefix / "petitions" / "index.html").read_text(encoding="utf-8")
        assert 'href="une-petition/"' in index


def test_a_declared_type_is_placed_in_the_navigation(petitions_site: Path) -> None:
    home = (petitions_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('class="md-tabs'):]
    # After the recommendations, where its Kind places it.
    assert nav.index('href="recommandations/"') < nav.index('href="petitions/"')
    record_page = (petitions_site / "petitions" / "une-petition" / "index.html").read_text(encoding="utf-8")
    assert record_page.count('href="../../petitions/une-petition/"') == 0  # its records' pages stay out of the nav


def test_a_declared_type_is_published_and_counted(petitions_site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((petitions_site / "donnees" / "petitions.csv").read_text(encoding="utf-8-sig"))))
    assert [(r["id"], r["title_fr"], r["title_en"]) for r in rows] == [
        ("une-petition", "Une pétition fictive", "A fictional petition")]
    assert rows[0]["url_en"].endswith("/en/petitions/une-petition/")
    package = json.loads((petitions_site / "donnees" / "datapackage.json").read_text(encoding="utf-8"))
    assert "petitions" in [resource["name"] for resource in package["resources"]]
    info = json.loads((petitions_site / "build-info.json").read_text(encoding="utf-8"))
    assert info["counts"]["petitions"] == 1
    # The data page names it in its own language, with its Kind's title.
    data_page = (petitions_site / "donnees" / "index.html").read_text(encoding="utf-8")
    assert '<h3 id="petitions">Données ouvertes</h3>' in data_page


def test_a_declared_type_is_checked_as_every_record_is(tmp_path: Path) -> None:
    dataset = tmp_path / "minimal"
    shutil.copytree(MINIMAL, dataset)
    (dataset / "data" / "petitions").mkdir()
    (dataset / "data" / "petitions" / "sans-source.yml").write_text(
        "id: sans-source\ntitle: {fr: Sans source, en: No source}\n", encoding="utf-8")
    said = _register_and_build(dataset, tmp_path / "site")
    assert not said["ok"]
    assert any("sans-source.yml" in problem for problem in said["problems"])


def test_vs_code_gives_each_record_type_its_schema() -> None:
    """The one list of record types the code cannot write for the editor: .vscode/settings.json
    (docs/architecture.md, « A new record type », step 1)."""
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert {f"./schemas/{kind.folder}.schema.json": f"data/{kind.folder}/*.yml" for kind in KINDS}.items() \
        <= settings["yaml.schemas"].items()


def test_a_declared_type_s_pages_validate(petitions_site: Path) -> None:
    """The generic templates (theme/templates/pages/records.html, record.html) write valid HTML."""
    pages = [petitions_site / prefix / "petitions" for prefix in ("", "en")]
    for folder in pages:
        assert errors(folder) == []


def test_each_type_s_model_list_holds_its_records(real_site) -> None:
    """`Kind.model_list` names the model's list of the type's records (the preview cuts it to an edit's)."""
    result, _ = real_site
    for kind in KINDS:
        if kind.model_list:
            listed = getattr(result.model, kind.model_list)
            assert [item.id for item in listed] == list(result.model.by_id[kind.folder]), kind.folder
