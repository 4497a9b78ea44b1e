"""The translation report lists English texts older than the French text they translate (from git
history), and says so plainly when there is no history to read."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

from generator import build as pipeline
from generator.editor.translations import freshness
from generator.records.validate import validate

from .conftest import BUILD_DATE, CHECK_DAY, MINIMAL


def git(root: Path, *args: str, when: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_english_older_than_french_is_listed(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    git(root, "init", "-q", when="2025-01-01T10:00:00Z")
    git(root, "add", ".", when="2025-01-01T10:00:00Z")
    git(root, "commit", "-q", "-m", "first", when="2025-01-01T10:00:00Z")
    rec = root / "data" / "recommendations" / "test-sujet-01.yml"
    rec.write_text(rec.read_text(encoding="utf-8").replace("title: {fr: Mesure de test,", "title: {fr: Mesure revue,")
                   .replace("  en: Fictional text.", "  en: Fictional text."), encoding="utf-8")
    text = rec.read_text(encoding="utf-8")
    rec.write_text(text.replace('fr: "Texte fictif avec', 'fr: "Texte fictif revu avec'), encoding="utf-8")
    git(root, "commit", "-q", "-am", "French changed", when="2025-06-01T10:00:00Z")

    dataset, _ = validate(root / "data", root, today=CHECK_DAY)
    report = freshness(dataset, root)
    assert report.available
    assert [(s.file, s.field, s.french_changed, s.english_changed) for s in report.stale] == [
        ("data/recommendations/test-sujet-01.yml", "text", date(2025, 6, 1), date(2025, 1, 1)),
    ]
    # the title's French and English share one line: a change there is not a stale translation
    out = tmp_path / "site"
    assert pipeline.build(root / "data", root / "content", out, root, search=False, build_date=BUILD_DATE, today=CHECK_DAY).ok
    page = (out / "contribuer" / "traductions" / "index.html").read_text(encoding="utf-8")
    assert "data/recommendations/test-sujet-01.yml:" in page and "1er juin 2025" in page


def test_without_git_history_the_report_says_so(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    shutil.copytree(MINIMAL, root)
    dataset, _ = validate(root / "data", root, today=CHECK_DAY)
    env_dir = os.environ.get("GIT_DIR")
    assert env_dir is None
    report = freshness(dataset, root)
    assert not report.available and report.reason == "no git history here"
