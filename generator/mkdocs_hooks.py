"""MkDocs hooks (listed under `hooks:` in mkdocs.yml).

mkdocs-static-i18n builds the site once per language into the same folder, so the static
templates of the last build (404.html) overwrite the default language's. After each language's
build we keep that language's 404 page: French at /404.html (the one GitHub Pages serves), English
at /en/404.html.
"""

from __future__ import annotations

import shutil
from pathlib import Path

DEFAULT = "fr"


def on_post_build(config, **kwargs) -> None:
    site = Path(config["site_dir"])
    language = config["theme"]["language"]
    page = site / "404.html"
    if not page.is_file():
        return
    if language == DEFAULT:
        shutil.copyfile(page, site / f"404.{DEFAULT}.html.keep")
        return
    (site / language).mkdir(parents=True, exist_ok=True)
    shutil.move(page, site / language / "404.html")
    kept = site / f"404.{DEFAULT}.html.keep"
    if kept.is_file():
        shutil.move(kept, page)
