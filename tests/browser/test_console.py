"""No console error, no uncaught exception, no failed or missing request and no request to another
origin on any page template, in both languages, with the Content-Security-Policy enforced."""

from __future__ import annotations

import pytest

from .conftest import TEMPLATES, open_template

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_no_console_error_nor_foreign_request(pages, served, name) -> None:
    site = served(TEMPLATES[name][0])
    page = pages.open(site)
    problems = []
    for lang in ("fr", "en"):
        open_template(page, site, name, lang)
        page.wait_for_load_state("networkidle")
        problems += [f"{lang}: {p}" for p in page.watch.take()]
    assert not problems, f"{name}:\n" + "\n".join(problems)
