"""axe-core (WCAG 2.0 and 2.1, levels A and AA) finds no violation on any page template, in both
languages, in the light and the dark palette, on a 1280 px desktop and a 320 px phone (the same
page, resized); nor do its rules `region` (everything in a landmark) and `target-size` (WCAG 2.2).

axe is injected as a script tag, which the pages' Content-Security-Policy refuses: these tests
alone open their pages with bypass_csp=True."""

from __future__ import annotations

import pytest

from .conftest import AXE_JS, TEMPLATES, describe_violations, open_template, run_axe

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
    for width in each_width(page):
        violations = run_axe(page)
        if violations:
            report.append(f"at {width} px:\n" + describe_violations(violations))
    assert not report, f"{page.url} ({lang}, {scheme}): axe violations\n" + "\n".join(report)


#: Beyond WCAG 2.1: every part of the page inside a landmark (axe's best practice `region`, RGAA
#: 9.2.1), and WCAG 2.2's target size (2.5.8, level AA; axe's `target-size`, off by default), on
#: every template, in both languages, at 1,280 and 320 px. The palette changes neither.
AXE_RULES = ["region", "target-size"]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", list(TEMPLATES))
def test_everything_in_a_landmark_and_targets_of_24_px(pages, served, name, lang) -> None:
    site = served(TEMPLATES[name][0])
    page = pages.open(site, width=WIDTHS[0], bypass_csp=True)
    open_template(page, site, name, lang)
    report = []
    for width in each_width(page):
        violations = run_axe_rules(page, AXE_RULES)
        if violations:
            report.append(f"at {width} px:\n" + describe_violations(violations))
    assert not report, f"{page.url} ({lang}): axe violations\n" + "\n".join(report)


def each_width(page):
    """The page at each of WIDTHS in turn (it is opened at the first), yielding the width once the
    page has adapted to it: tables.js makes a table area a tab stop once it overflows, when the
    resize has been laid out, and a reader cannot act within the same frame."""
    for width in WIDTHS:
        if width != WIDTHS[0]:
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_function(f"window.innerWidth === {width}")
            page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50))))")
        yield width


def run_axe_rules(page, rules: list[str]) -> list[dict]:
    """axe-core's violations of the given rules, enabled whatever their default."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        "rules => axe.run(document, {runOnly: {type: 'rule', values: rules}, resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary}))})))",
        rules)
