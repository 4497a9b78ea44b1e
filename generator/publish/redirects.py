"""Redirects: ids are permanent, so a record whose id had to change keeps its old URL.

A record lists its earlier ids in `former_ids`; for each one, in both languages, a small HTML page
at the old URL sends readers (and search engines, through the canonical link) to the new one.
These pages are written beside the site, outside MkDocs, so they carry no theme and no search body.
"""

from __future__ import annotations

from html import escape

from ..records.kinds import KINDS
from ..records.schema import language_folder
from ..site.i18n import gettext
from ..site.model import SiteModel
from ..site.render import SECTIONS, page_url, relative_url

#: Record types whose files may list `former_ids`, by their section.
REDIRECTED = tuple(kind.folder for kind in KINDS if kind.redirected)

TEMPLATE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{absolute}">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p>{text} <a href="{target}">{target_label}</a></p>
</body>
</html>
"""

def redirect_files(model: SiteModel) -> dict[str, bytes]:
    """Old URL (index.html under the old id's folder) -> a page that redirects to the new one."""
    files: dict[str, bytes] = {}
    for section in REDIRECTED:
        for record_id, item in sorted(model.by_id[section].items()):
            record = getattr(item, "record", item)
            for old in getattr(record, "former_ids", ()):
                for lang in ("fr", "en"):
                    prefix = language_folder(lang)
                    old_url = page_url(section, old)
                    new_url = page_url(section, record_id)
                    title, text = gettext("moved_title", lang), gettext("moved_text", lang)
                    html = TEMPLATE.format(
                        lang=lang, title=escape(title), text=escape(text),
                        target=escape(relative_url(old_url, new_url)),
                        target_label=escape(model.site.base_url + prefix + new_url),
                        absolute=escape(model.site.base_url + prefix + new_url),
                    )
                    files[f"{prefix}{old_url}index.html"] = html.encode("utf-8")
    return files


__all__ = ["REDIRECTED", "SECTIONS", "redirect_files"]
