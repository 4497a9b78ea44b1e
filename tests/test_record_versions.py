"""An edit changes only its own pages (issue 27): a measure's citation names the version of that
measure as its page shows it (SiteModel.version_of), not the version of all the data, so that an
edit of one recommendation changes its page, the pages that list it, its feeds and the open data,
and leaves every other page's bytes alone (smaller deploys, warm caches)."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import FIXTURES, ROOT

EDITED = "demo-alimentation-01"
OLD_TITLE = "La moitié des produits locaux ou bio dans les cantines"
NEW_TITLE = "La moitié des produits locaux ou bio dans toutes les cantines"
#: Files that say something about the data as a whole: the open data, the sheets, the feeds and
#: calendars, the build's summary, the search's vocabulary (the words of every title).
WHOLE_DATA = ("donnees/", "tableurs/", "flux/", "build-info.json", "echeances-suivi.ics", "recherche/vocabulary.json")


def build(data: Path, out: Path) -> None:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1796000000"}
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--data", str(data / "data"), "--content",
         str(data / "content"), "--no-search", "--out", str(out)],
        cwd=ROOT, env=environment, capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def digests(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def cited_version(page: Path) -> str:
    found = re.search(r'id="cite-text".*?<code>([0-9a-f]{12})</code>, ', page.read_text(encoding="utf-8"), re.S)
    assert found, f"{page}: no record version in the citation"
    return found.group(1)


def test_one_edit_changes_only_the_pages_that_show_it(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    shutil.copytree(FIXTURES / "demo", data)
    build(data, tmp_path / "before")
    record = data / "data" / "recommendations" / f"{EDITED}.yml"
    text = record.read_text(encoding="utf-8")
    assert OLD_TITLE in text
    record.write_text(text.replace(OLD_TITLE, NEW_TITLE), encoding="utf-8")
    build(data, tmp_path / "after")

    before, after = digests(tmp_path / "before"), digests(tmp_path / "after")
    assert before.keys() == after.keys()
    changed = sorted(path for path in before if before[path] != after[path])
    own = {f"recommandations/{EDITED}/index.html", f"en/recommandations/{EDITED}/index.html"}
    # The measure's own pages, in both languages: their citation names the measure's new version.
    assert own <= set(changed), changed
    for page in own:
        assert cited_version(tmp_path / "before" / page) != cited_version(tmp_path / "after" / page)
    # Every other page that changed lists the measure under its new title; every other file that
    # changed describes the data as a whole.
    unexplained = [path for path in changed if path not in own and not path.startswith(WHOLE_DATA)
                   and NEW_TITLE not in (tmp_path / "after" / path).read_text(encoding="utf-8")]
    assert not unexplained, f"changed without showing the edited measure: {unexplained}"
    # Another measure's page is byte for byte the same, its version too.
    others = [path for path in before if path.startswith(("recommandations/", "en/recommandations/"))
              and path.count("/") >= 2 and EDITED not in path and path.endswith("/index.html")]
    assert len(others) > 40
    assert not [path for path in others if path in changed]
    pages = [path for path in before if path.endswith(".html")]
    assert len([path for path in changed if path.endswith(".html")]) < len(pages) / 10, changed


def test_the_version_follows_what_the_page_shows(tmp_path: Path) -> None:
    """The version changes with the measure's topic (whose title its page shows), and stays with an
    edit of another cohort's topic."""
    data = tmp_path / "demo"
    shutil.copytree(FIXTURES / "demo", data)
    build(data, tmp_path / "before")
    topic = data / "data" / "topics" / "demo-alimentation.yml"
    text = topic.read_text(encoding="utf-8")
    title = re.search(r'^  fr: "([^"]+)"', text, re.M)
    assert title, "the demo topic has no French title on its own line"
    topic.write_text(text.replace(title.group(1), title.group(1) + " (modifié)", 1), encoding="utf-8")
    build(data, tmp_path / "after")
    page = f"recommandations/{EDITED}/index.html"
    assert cited_version(tmp_path / "before" / page) != cited_version(tmp_path / "after" / page)
    unrelated = "recommandations/demo-sport-01/index.html"
    assert cited_version(tmp_path / "before" / unrelated) == cited_version(tmp_path / "after" / unrelated)
    assert (tmp_path / "before" / unrelated).read_bytes() == (tmp_path / "after" / unrelated).read_bytes()
