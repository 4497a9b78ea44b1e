"""`pytest -p tests.real_build`: only the tests a change of data/ or content/ can fail, for the fast
check of a data pull request (`make pr-data-check`, Makefile):

- every test of the real build outside the browser: those that use the real_site fixture
  (tests/conftest.py: the real data/ and content/ built): every page's frame, HTML validity, language,
  Content-Security-Policy, typography, sitemap, the sentences the site writes;
- the tests of ALSO, which read data/ themselves;
- tests/browser/test_changed_pages.py: axe and the reflow on the pages the change changed.

The other tests exercise the code on fictional fixtures: a data change cannot fail them. The browser
tests of page templates and of the real searches (tests/browser/test_search.py, which search the real
records for words of their titles) pin the theme's and the search's code: left, with every other test,
to `make test`, which runs whenever code changes and in the deploy workflow before every publication.
"""

from __future__ import annotations

import pytest

#: Tests that read data/ or content/ without the real_site fixture (node ids without parameters).
ALSO = (
    "tests/test_contributing.py::test_every_generator_command_cited_exists",
    "tests/test_schemas.py::test_every_record_file_is_read_alike_by_the_editor_and_by_check",
)
CHANGED_PAGES = "tests/browser/test_changed_pages.py"


def wanted(item: pytest.Item) -> bool:
    if item.nodeid.startswith(CHANGED_PAGES + "::"):
        return True
    if item.get_closest_marker("browser"):
        return False
    return "real_site" in getattr(item, "fixturenames", ()) or item.nodeid.split("[")[0] in ALSO


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    keep = [item for item in items if wanted(item)]
    dropped = [item for item in items if not wanted(item)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    items[:] = keep
