"""The built HTML validates with the Nu HTML checker (vnu), except the messages justified in
tests/vnu-filters.txt (all of them about Material's own markup)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import BUILD_DATE, CHECK_DAY, ROOT

FILTERS = ROOT / "tests" / "vnu-filters.txt"


def vnu_command() -> list[str]:
    jar = Path(os.environ.get("VNU_JAR", ROOT / "build/vnu/node_modules/vnu-jar/build/dist/vnu.jar"))
    if not jar.is_absolute():
        jar = ROOT / jar
    if not jar.is_file() or shutil.which("java") is None:
        pytest.fail(f"The Nu HTML checker is missing ({jar}, java). `make test` installs vnu-jar with npm; "
                    ".ci/run installs Java.")
    return ["java", "-jar", str(jar), "--skip-non-html", "--errors-only", "--format", "gnu"]


def accepted() -> list[re.Pattern]:
    return [re.compile(line) for line in FILTERS.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def errors(site: Path) -> list[str]:
    done = subprocess.run([*vnu_command(), str(site)], capture_output=True, text=True, check=False)
    lines = [line for line in done.stderr.splitlines() + done.stdout.splitlines() if ": error:" in line]
    return [line for line in lines if not any(p.search(line) for p in accepted())]


def test_real_site_html_validates(real_site) -> None:
    _, site = real_site
    assert errors(site) == []


def test_minimal_site_html_validates(minimal_site) -> None:
    _, site = minimal_site
    assert errors(site) == []


def test_the_checker_reports_invalid_html(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<!doctype html><html lang="fr"><head><title>x</title></head>'
                                         "<body><dl><div><dt>x</dt></div></dl></body></html>", encoding="utf-8")
    found = errors(tmp_path)
    assert len(found) == 1 and "missing a required instance of child element “dd”" in found[0]


def test_every_filter_is_justified() -> None:
    lines = FILTERS.read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        if line.strip() and not line.startswith("#"):
            assert index > 0 and lines[index - 1].startswith("#"), f"filter without a reason: {line}"


def test_demo_site_html_validates(tmp_path: Path) -> None:
    """The demo has every template with content: members, hearings, follow-up meetings, disagreements."""
    from generator import build as pipeline

    demo = ROOT / "tests" / "fixtures" / "demo"
    site = tmp_path / "site"
    assert pipeline.build(demo / "data", demo / "content", site, ROOT, fictional=True, search=False, build_date=BUILD_DATE, today=CHECK_DAY).ok
    assert errors(site) == []
