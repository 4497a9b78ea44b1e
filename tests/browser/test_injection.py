"""Injected code never runs: payloads planted in records come out inert, and even markup slipped
into a page after it loads cannot run, because the Content-Security-Policy refuses inline code."""

from __future__ import annotations

import shutil

import pytest

from generator import build as pipeline
from tests.conftest import MINIMAL, ROOT
from tests.test_safety import plant

from .conftest import _serve, goto


@pytest.fixture(scope="module")
def served_payloads(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("payloads") / "minimal"
    shutil.copytree(MINIMAL, root)
    plant(root)
    out = root.parent / "site"
    result = pipeline.build(root / "data", root / "content", out, ROOT)
    assert result.ok
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
