"""axe-core (WCAG 2.0 and 2.1, levels A and AA) finds no violation on any page template, in both
languages, in the light and the dark palette, on a 1280 px desktop and a 320 px phone (the same
page, resized).

axe is injected as a script tag, which the pages' Content-Security-Policy refuses: these tests
alone open their pages with bypass_csp=True."""

from __future__ import annotations

import pytest

from .conftest import TEMPLATES, describe_violations, open_template, run_axe

pytestmark = pytest.mark.browser

WIDTHS = (1280, 320)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", list(TEMPLATES))
def test_no_axe_violation(pages, served, name, lang, scheme) -> None:
    site = served(TEMPLATES[name][0])
    page = pages.open(site, width=WIDTHS[0], scheme=scheme, bypass_csp=True)
    open_template(page, site, name, lang)
    shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert shown == {"light": "default", "dark": "slate"}[scheme], f"Material did not follow {scheme}: {shown}"
    report = []
    for width in WIDTHS:
        if width != WIDTHS[0]:
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_function(f"window.innerWidth === {width}")
            # Let the page adapt first (tables.js makes a table area a tab stop once it overflows,
            # when the resize has been laid out): a reader cannot act within the same frame.
            page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50))))")
        violations = run_axe(page)
        if violations:
            report.append(f"at {width} px:\n" + describe_violations(violations))
    assert not report, f"{page.url} ({lang}, {scheme}): axe violations\n" + "\n".join(report)
