"""The pages a change of the records or the hand-written pages changed, checked on the real build as
it will be published: no axe-core violation (WCAG 2.0 and 2.1, A and AA) at 1280 px nor at 320 px, no
sideways scroll at 320 px (as test_reflow.py measures it), nothing wrong in the console or the network.
One load per page, at 1280 px then resized to 320 px, as test_axe.py does.
The fast check of a data pull request (`make pr-data-check`) runs it on the pages that differ from
the base branch's (tools/changes.py pages); the other browser tests visit the page templates.

- DDS_PAGES: a file of addresses from the site's root, one a line (`/`, `/recommandations/x/`,
  `/en/sujets/y/`), as `tools/changes.py pages --out FILE` writes it. An empty file: no page changed
  (an uploaded sheet, say), and the test says so as a skip with that reason.
- DDS_SITE: the built site the addresses are in, served as GitHub Pages serves it (default: the real
  data/ and content/, built by the session's real_site fixture).

Without DDS_PAGES (`make test`), the real build's pages of its first recommendation, in both
languages: the targeted run is tested with the rest.

Light palette only: the dark palette's colours are the theme's, which test_axe.py checks on every
template in both palettes whenever the theme changes; what a record changes (text, structure, links,
tables) is the same in both.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

from .conftest import Served, _serve, describe_violations, goto, run_axe
from .test_reflow import WIDE

pytestmark = pytest.mark.browser

PAGES_SETTING = "DDS_PAGES"
SITE_SETTING = "DDS_SITE"
WIDTHS = (1280, 320)


def listed() -> list[str] | None:
    """The addresses DDS_PAGES lists, or None when it is not set."""
    setting = os.environ.get(PAGES_SETTING, "").strip()
    if not setting:
        return None
    path = Path(setting)
    if not path.is_file():
        raise pytest.UsageError(f"{PAGES_SETTING}={setting}: no such file (tools/changes.py pages --out writes it)")
    addresses = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    wrong = [a for a in addresses if not a.startswith("/") or ".." in a.split("/")]
    if wrong:
        raise pytest.UsageError(f"{PAGES_SETTING}: addresses start with / from the site's root: {wrong[:3]}")
    return addresses


def default() -> list[str]:
    """The real build's pages of its first recommendation, in French and English."""
    first = sorted((ROOT / "data" / "recommendations").glob("*.yml"))[0].stem
    return [f"/recommandations/{first}/", f"/en/recommandations/{first}/"]


def parameters() -> list:
    addresses = listed()
    if addresses is None:
        return default()
    if not addresses:
        return [pytest.param(None, id="none", marks=pytest.mark.skip(
            reason=f"{os.environ[PAGES_SETTING]} lists no page: no page differs from the base's"))]
    return addresses


@pytest.fixture(scope="module")
def changed_site(request: pytest.FixtureRequest) -> Iterator[Served]:
    setting = os.environ.get(SITE_SETTING, "").strip()
    if not setting:
        yield request.getfixturevalue("served_real")
        return
    site = Path(setting).resolve()
    if not (site / "index.html").is_file() or not (site / "404.html").is_file():
        pytest.fail(f"{SITE_SETTING}={setting} is not a built site (run `make build` first)", pytrace=False)
    yield from _serve(site, None)


def settle(page, width: int) -> None:
    """Resize, and let the page adapt before it is read (as test_axe.py does)."""
    page.set_viewport_size({"width": width, "height": 700})
    page.wait_for_function(f"window.innerWidth === {width}")
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50))))")


@pytest.mark.parametrize("address", parameters())
def test_a_changed_page_passes_axe_and_reflows_at_320_px(pages, changed_site: Served, address: str) -> None:
    url = changed_site.base + address.lstrip("/")
    file = changed_site.file(url)
    assert file.is_file(), f"{address}: no such page in {changed_site.root}"
    report = []
    # axe injects a script tag, which the pages' Content-Security-Policy refuses: the page is opened
    # with bypass_csp=True (as in test_axe.py; test_csp.py checks the policy on every page of the build).
    # One load per page, then the phone's width, as test_axe.py does: the fast check has many pages to see.
    page = pages.open(changed_site, width=WIDTHS[0], bypass_csp=True)
    goto(page, url)
    for width in WIDTHS:
        if width != WIDTHS[0]:
            settle(page, width)
        violations = run_axe(page)
        if violations:
            report.append(f"axe at {width} px:\n" + describe_violations(violations))
    found = page.evaluate(WIDE)
    if found["scroll"] > found["width"] or found["out"]:
        report.append(f"at 320 px the page scrolls sideways ({found['scroll']} px for {found['width']}): {found['out']}")
    report += page.watch.take()
    assert not report, f"{url}:\n" + "\n".join(report)
