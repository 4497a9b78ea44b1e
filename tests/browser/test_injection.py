"""Injected code never runs: payloads planted in records come out inert, and even markup slipped
into a page after it loads cannot run, because the Content-Security-Policy refuses inline code."""

from __future__ import annotations

import shutil

import pytest

from generator import build as pipeline
from tests.conftest import BUILD_DATE, CHECK_DAY, MINIMAL, ROOT, payloads_let_through
from tests.test_safety import plant

from .conftest import _serve, goto


@pytest.fixture(scope="module")
def served_payloads(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("payloads") / "minimal"
    shutil.copytree(MINIMAL, root)
    plant(root)
    out = root.parent / "site"
    with payloads_let_through():
        result = pipeline.build(root / "data", root / "content", out, ROOT, build_date=BUILD_DATE, today=CHECK_DAY)
    assert result.ok, [p.text() for p in result.problems if p.is_error]
    yield from _serve(out, result.model)


PAGES = ["recommandations/test-sujet-01/", "page-test/", "sujets/test-sujet/", "recommandations/", ""]


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_dialog_opens_and_no_handler_runs(pages, served_payloads, lang) -> None:
    page = pages.open(served_payloads)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in PAGES:
        goto(page, served_payloads.url(path, lang))
        page.mouse.move(200, 300)
        for link in page.locator(".dds-page a").all()[:20]:
            link.hover()
    assert dialogs == []


@pytest.mark.browser
def test_the_policy_blocks_code_slipped_in_after_load(pages, served_payloads) -> None:
    page = pages.open(served_payloads)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    goto(page, served_payloads.url("recommandations/test-sujet-01/"))
    violations = page.evaluate("""() => new Promise(resolve => {
        const seen = [];
        document.addEventListener('securitypolicyviolation', e => seen.push(e.violatedDirective));
        const img = document.createElement('div');
        img.innerHTML = '<img src="missing.png" onerror="alert(\\'handler\\')">';
        document.body.appendChild(img);
        const script = document.createElement('script');
        script.textContent = "alert('inline')";
        document.body.appendChild(script);
        setTimeout(() => resolve(seen), 500);
    })""")
    page.watch.take()  # the missing image and the refusals are expected here
    assert dialogs == []
    assert any(v.startswith("script-src") for v in violations), violations


# --- every page of a build where every text field carries payloads ------------------------------

#: Registered before any script of the page runs: every refusal of the Content-Security-Policy,
#: and every dialog a script would open (alert, confirm, prompt), even one dismissed at once.
WATCH_PAGE = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
    e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));
"""
#: What would run or lead to code in the page as it stands once loaded.
LIVE_DOM = """() => {
    const found = [];
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes) {
            const name = attr.name.toLowerCase(), value = attr.value.trim().toLowerCase();
            if (name.startsWith('on')) found.push(`${el.tagName} ${name}`);
            // The one exception is Pagefind's own search form (pagefind-ui.js, a file the site
            // ships), which sets action="javascript:void(0);" to keep the browser from submitting it.
            const pagefindForm = el.tagName === 'FORM' && name === 'action' && value === 'javascript:void(0);'
                && el.closest('.pagefind-ui');
            if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name) && !pagefindForm
                && /^(javascript|vbscript|data):/.test(value)) found.push(`${el.tagName} ${name}=${value.slice(0, 30)}`);
        }
        if (['IFRAME', 'OBJECT', 'EMBED'].includes(el.tagName)) found.push(el.tagName);
        if (el.tagName === 'SCRIPT' && !el.src && !['application/json', 'application/ld+json'].includes(el.type))
            found.push('inline script: ' + el.textContent.slice(0, 30));
    }
    return found;
}"""


@pytest.fixture(scope="module")
def served_hostile(hostile_site):
    result, out, _ = hostile_site
    yield from _serve(out, result.model)


@pytest.mark.browser
def test_every_page_of_the_hostile_build_runs_nothing_injected(pages, served_hostile) -> None:
    """Chromium opens every page of the build in which every text field of every record type,
    data/site.yml and every page carry script payloads: no dialog opens, the policy refuses
    nothing (the site's own scripts are all files it allows; nothing injected is left to refuse),
    and the page holds no event handler, no script URL, no frame and no inline script."""
    site = served_hostile
    page = pages.open(site)
    page.add_init_script(WATCH_PAGE)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    files = sorted(p for p in site.root.rglob("*.html") if 'data-md-component="header"' in p.read_text(encoding="utf-8"))
    assert len(files) > 150 and site.root / "404.html" in files and site.root / "en" / "404.html" in files
    problems: dict[str, list[str]] = {}
    for file in files:
        inside = file.relative_to(site.root).as_posix()
        url = site.base + (inside.removesuffix("index.html") if file.name == "index.html" else inside)
        page.goto(url, wait_until="load")
        page.mouse.move(300, 400)
        page.mouse.move(600, 500)
        found = page.evaluate(LIVE_DOM) + [f"CSP: {v}" for v in page.evaluate("window.__violations")]
        found += page.watch.take()
        if found:
            problems[url] = found
    assert dialogs == []
    assert problems == {}


@pytest.mark.browser
def test_the_theme_scripts_moved_to_a_file_still_work(pages, served_hostile) -> None:
    """Material's inline scripts run from assets/javascripts/material-inline.js: the colour scheme
    a reader picks is kept from page to page (the palette part reads what the bundle stored)."""
    site = served_hostile
    page = pages.open(site)
    goto(page, site.url("recommandations/"))
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    page.locator("label[for='__palette_1']").click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    goto(page, site.url("sujets/"))
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert page.evaluate("typeof __md_get === 'function' && __md_scope instanceof URL")
    assert page.watch.take() == []
