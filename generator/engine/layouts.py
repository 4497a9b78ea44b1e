"""The pages an earlier build made, kept to be used again: where they are, and what every page's
layout is made from besides its own text.

A build after an edit makes again only the pages whose inputs changed, at two stages:

- **Rendering** (generator/site/render.py, Jinja): a recommendation's page is made from its record
  and what `SiteModel.version_of` covers (its topic's and cohort's records, the titles of what it
  links to, the statuses, the follow-up rule), and from what every page shares: the build date, the
  site's settings (data/site.yml), the templates, the words (locales/), the generator's code. Its key
  is a digest of all of it (`build.render_store`); a page kept under that key is used as it is.
- **Layout** (MkDocs + Material, generator/engine/plugin.py): a page is laid out from its generated
  text (front matter and body, whatever it shows), its address and its other languages, and from what
  every page shares: the navigation with its pages' titles, the site's settings (mkdocs.yml, `extra`,
  the site's names and address), the theme's overrides, the generator's code and the versions of
  MkDocs, Material, mkdocs-static-i18n, Jinja and MarkupSafe (`code_digest`). A page whose key was laid
  out before is written again byte for byte instead; links and anchors are still checked on every page.

Both stores are folders under the generator's cache folder (records/cache.py: ``$XDG_CACHE_HOME/
droit-de-suite``; ``DROIT_DE_SUITE_CACHE`` names another, ``off`` turns them off, and so does
``build --no-cache``), one per output folder and stage, each holding about one site's pages
(`records.cache.TextStore`: what a complete build did not use is removed).
"""

from __future__ import annotations

import hashlib
import os
from importlib import metadata
from pathlib import Path

from ..records import cache

#: The packages whose code lays a page out; a new version of any of them lays every page out again.
_PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "jinja2", "markupsafe")


def location(out_dir: Path, config_file: Path, stage: str) -> Path | None:
    """The store of `stage` ("render" or "layout") for the site built into `out_dir` with
    `config_file`, None when the cache is off."""
    folder = cache.folder()
    if folder is None:
        return None
    key = hashlib.blake2b(f"{os.path.realpath(out_dir)}\0{os.path.realpath(config_file)}".encode(), digest_size=10)
    return folder / f"pages-{key.hexdigest()}" / stage


def code_digest() -> str:
    """The generator's code and the versions of the packages that lay pages out."""
    versions = {name: metadata.version(name) for name in _PACKAGES}
    return cache.digest(cache.fingerprint().hex(), versions)
