"""tools/linkcheck.py: broken internal links and anchors are found; good ones, external ones are not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import linkcheck  # noqa: E402


def write(root: Path, path: str, body: str, canonical: str = "") -> None:
    file = root / path
    file.parent.mkdir(parents=True, exist_ok=True)
    head = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    file.write_text(f"<!doctype html><html><head>{head}</head><body>\n{body}\n</body></html>", encoding="utf-8")


def small_site(root: Path) -> None:
    write(root, "index.html", """
<a href="page/">good directory link</a>
<a href="page/#section">good anchor</a>
<a href="page/#nowhere">broken anchor</a>
<a href="missing/">broken link</a>
<a href="#top">good same-page anchor</a><h1 id="top">Top</h1>
<a href="/base/page/index.html">good root-relative link</a>
<img src="/base/img/missing.png" alt="">
<a href="https://example.org/nowhere">external, not checked</a>
<a href="mailto:someone@example.org">mail, not checked</a>
<a href="page/legacy.html#old">good name anchor</a>
""", canonical="https://example.org/base/")
    write(root, "page/index.html", '<h2 id="section">S</h2><a href="../">back home</a><a href="../index.html#top">top</a>')
    write(root, "page/legacy.html", '<a name="old">old</a><a href="index.html#section">ok</a>')


def test_broken_links_and_anchors_are_found_and_good_ones_are_not(tmp_path: Path) -> None:
    small_site(tmp_path)
    found = sorted(linkcheck.check(tmp_path))
    assert found == sorted([
        'index.html:5: page/#nowhere: no id "nowhere" in page/index.html',
        "index.html:6: missing/: no file missing/index.html",
        "index.html:9: /base/img/missing.png: no file img/missing.png",
    ])


def test_the_command_prints_page_link_and_what_is_missing_and_exits_1(tmp_path: Path) -> None:
    small_site(tmp_path)
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "linkcheck.py"), str(tmp_path)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "index.html:6: missing/: no file missing/index.html" in done.stdout
    assert "3 broken internal link(s)" in done.stdout


def test_a_link_out_of_the_base_path_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "index.html", '<a href="/elsewhere/">other site on the host</a>', canonical="https://example.org/base/")
    assert [line.split(": ", 1)[1] for line in linkcheck.check(tmp_path)] == [
        "/elsewhere/: leaves the site (its base path is /base/)"]


def test_the_minimal_site_has_no_broken_link(minimal_site) -> None:
    _, out = minimal_site
    assert list(linkcheck.check(out)) == []
    assert linkcheck.main([str(out)]) == 0
