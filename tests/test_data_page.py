"""The data page (donnees/, issue 13): one compact block per data file, named and described in the
page's language (generator/site/i18n.py), its three formats, its columns behind a disclosure; every
file of datapackage.json is there, and the French page speaks French."""

from __future__ import annotations

import html
import json
import re

from generator.site.i18n import gettext
from generator.site.render import DATASETS


def _blocks(page: str) -> dict[str, tuple[str, str, str]]:
    """file name -> (heading's lang attribute, heading text, description) of each block."""
    found = {}
    for match in re.finditer(r'<li class="dds-dataset">\s*<h3 id="([\w-]+)"( lang="\w+")?>(.*?)</h3>\s*<p[^>]*>(.*?)</p>', page, re.S):
        found[match[1]] = ((match[2] or "").strip(), html.unescape(match[3]), html.unescape(match[4]))
    return found


def test_every_data_file_has_a_block_in_the_page_language(minimal_site) -> None:
    _, site = minimal_site
    package = json.loads((site / "donnees" / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in package["resources"]]
    for lang, folder in (("fr", site), ("en", site / "en")):
        page = (folder / "donnees" / "index.html").read_text(encoding="utf-8")
        blocks = _blocks(page)
        assert list(blocks) == names, (lang, list(blocks))
        for name, (lang_attr, title, about) in blocks.items():
            assert lang_attr == "", (lang, name, "a catalogued file needs no lang attribute")
            assert title == gettext(DATASETS[name][0], lang), (lang, name, title)
            assert about.replace("’", "'").replace("\u202f", " ").replace("\u00a0", " ").split(" ")[0] == \
                gettext(DATASETS[name][1], lang, city="", council="").split(" ")[0]
        # Each block: Excel, CSV, JSON, and its columns behind a <details>, as many as the package has.
        assert page.count('<details class="dds-dataset__fields">') == len(names)
        for resource in package["resources"]:
            stem = resource["path"][:-4]
            for ext in ("xlsx", "csv", "json"):
                assert f'donnees/{stem}.{ext}" download>' in page
            fields = page.split(f'<h3 id="{resource["name"]}"', 1)[1].split("</dl>", 1)[0]
            assert fields.count("<dt>") == len(resource["schema"]["fields"])
    # The French page does not list its files in English.
    fr = (site / "donnees" / "index.html").read_text(encoding="utf-8")
    assert "Follow-up entries" not in fr and "Entrées de suivi" in fr


def test_a_file_missing_from_the_catalogue_keeps_its_english_words_marked() -> None:
    from generator.records.validate import validate
    from generator.site.model import build_model
    from generator.site.render import _Helpers
    from tests.conftest import BUILD_DATE, CHECK_DAY, MINIMAL, ROOT

    dataset, _ = validate(MINIMAL / "data", ROOT, today=CHECK_DAY)
    model = build_model(dataset, BUILD_DATE)
    resource = {"name": "not_catalogued", "title": "New table", "description": "Rows of a new table."}
    assert _Helpers("fr", "donnees/", model).dataset(resource) == ("New table", "Rows of a new table.", "en")
    assert _Helpers("en", "donnees/", model).dataset(resource) == ("New table", "Rows of a new table.", None)
    catalogued = {"name": "cohorts", "title": "Cohorts", "description": "x"}
    assert _Helpers("fr", "donnees/", model).dataset(catalogued)[:1] == ("Promotions",)
