"""MkDocs hooks (listed under `hooks:` in mkdocs.yml).

Every page MkDocs reads was written by the generator (generator/render.py): front matter, then
the page's body as finished, sanitized HTML. Python-Markdown would parse that HTML again with
`html.parser` only to pass it through unchanged — about half of MkDocs' time on a large site. So
the body skips Markdown: `on_page_markdown` sets it aside and `on_page_content` puts it back as
the page's content. The output is the same, byte for byte (tests/test_site.py).

mkdocs-static-i18n builds the site once per language into the same folder, so the static
templates of the last build (404.html) overwrite the default language's. After each language's
build we keep that language's 404 page: French at /404.html (the one GitHub Pages serves), English
at /en/404.html.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

from markupsafe import Markup, escape

DEFAULT = "fr"
_BODY = "_droit_de_suite_body"


# Every editor string the theme prints was escaped once, where the generator hands it to MkDocs:
# the pages' front matter (title, description, search metadata: render.meta_text) and the site's
# name (build.run_mkdocs). Material prints most of them as they are, and escapes a few itself
# (`| e`, as in the logo's title and the footer's labels), which would escape them a second time
# ("&amp;amp;"). In this theme `e` escapes once whatever it is given: text already escaped is
# decoded first, then escaped. The result is always fully escaped, so no value can come out as
# markup; only the double escaping goes.
def _escape_once(value: object) -> Markup:
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    return escape(html.unescape(str(value)))


def on_env(env, config, files, **kwargs):
    env.filters["e"] = env.filters["escape"] = _escape_once
    return env


def on_page_markdown(markdown: str, page, **kwargs) -> str:
    if not markdown.lstrip().startswith("<"):
        return markdown  # not a generated page: Markdown as usual
    setattr(page, _BODY, markdown.strip())
    return ""


def on_page_content(html: str, page, **kwargs) -> str:
    return getattr(page, _BODY, html)


# The Content-Security-Policy meta tag (generator/csp.py) is added to each page as MkDocs writes
# it: adding it afterwards meant reading and writing every page of the site a second time.
def on_post_page(output: str, page, **kwargs) -> str:
    from generator import csp

    return csp.with_policy(output)


def on_post_template(output_content: str, template_name: str, **kwargs) -> str:
    from generator import csp

    return csp.with_policy(output_content) if template_name.endswith(".html") else output_content


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
