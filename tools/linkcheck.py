"""Internal link checker for the built site: every link between our own pages must land.

    python tools/linkcheck.py site/

Reads every .html file under the folder with the standard library's `html.parser`, and checks each
`href` and `src` (and `srcset`) that points inside the site, relative (`../x/`) or root-relative
(`/x/`): the target file must exist (a URL ending in `/` means its `index.html`), and a `#fragment`
must be an `id` (or an `<a name>`) in the target page. External links (`http:`, `https:`,
`mailto:`, `tel:`, `data:`, `javascript:`, protocol-relative `//host`) are not fetched or checked.

Root-relative links are resolved against the site's base path, read from the `<link rel=canonical>`
of `index.html` (a GitHub project site lives under `/<repository>/`); without one, against the
folder itself.

Prints one line per broken link, `page: link: what is missing`, and exits 1 when there is any.

The build already stops on a broken link or anchor in a page's body (MkDocs' strict validation,
fed by generator/engine/plugin.py). This checker reads the built HTML, so it also sees what MkDocs
never validates: the links the theme's templates write (breadcrumbs, header, tabs, footer, language
links, the 404 pages' absolute links), `#part` links from one language to the other, root-relative
links, the assets' `src` and `srcset`, and the redirect pages written beside the site.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "data", "javascript", "ftp", "sms"}
LINK_ATTRIBUTES = {"href", "src", "srcset", "poster", "data"}


@dataclass
class PageLinks:
    links: list[tuple[str, int]] = field(default_factory=list)  # (url, line)
    anchors: set[str] = field(default_factory=set)
    base: str | None = None
    canonical: str | None = None


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageLinks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.page.anchors.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.anchors.add(values["name"])
        if tag == "base" and "href" in values:
            self.page.base = values["href"]
        if tag == "link" and "canonical" in values.get("rel", "").split():
            self.page.canonical = values.get("href")
        line = self.getpos()[0]
        for name, value in values.items():
            if name not in LINK_ATTRIBUTES or (name == "data" and tag != "object"):
                continue
            if name == "href" and tag == "base":
                continue
            if name == "srcset":
                for candidate in value.split(","):
                    url = candidate.strip().split(" ")[0]
                    if url:
                        self.page.links.append((url, line))
            else:
                self.page.links.append((value.strip(), line))

    handle_startendtag = handle_starttag


def parse(file: Path) -> PageLinks:
    parser = _Parser()
    parser.feed(file.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser.page


def is_external(url: str) -> bool:
    if url.startswith("//"):
        return True
    scheme = urlsplit(url).scheme.lower()
    return scheme in EXTERNAL_SCHEMES or (bool(scheme) and len(scheme) > 1)


def _base_path(site: Path, pages: dict[Path, PageLinks]) -> str:
    """The URL path the site is served under ('/' or '/<repository>/'), from the home page's canonical link."""
    home = pages.get(site / "index.html")
    if home and home.canonical:
        path = urlsplit(home.canonical).path or "/"
        return path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"
    return "/"


def _target(site: Path, page: Path, path: str, base_path: str, base: str | None) -> Path | None:
    """The file a link's path leads to, or None when it leaves the site."""
    if path.startswith("/"):
        if not path.startswith(base_path):
            return None
        relative = path[len(base_path):]
        target = site / unquote(relative)
    else:
        folder = page.parent
        if base and not is_external(base):
            folder = (folder / base) if not base.startswith("/") else site / base[len(base_path):]
        target = folder / unquote(path)
    if path.endswith("/") or path == "":
        target = target / "index.html"
    return target


def check(site: Path) -> Iterator[str]:
    """Every broken internal link under `site`, as `page: link: what is missing`."""
    site = site.resolve()
    pages = {file: parse(file) for file in sorted(site.rglob("*.html"))}
    base_path = _base_path(site, pages)
    anchors_cache: dict[Path, set[str]] = {}

    def anchors(file: Path) -> set[str]:
        if file not in anchors_cache:
            anchors_cache[file] = pages[file].anchors if file in pages else parse(file).anchors
        return anchors_cache[file]

    for page, found in pages.items():
        shown = page.relative_to(site).as_posix()
        for url, line in found.links:
            if not url or is_external(url):
                continue
            parts = urlsplit(url)
            if parts.path:
                target = _target(site, page, parts.path, base_path, found.base)
                if target is None:
                    yield f"{shown}:{line}: {url}: leaves the site (its base path is {base_path})"
                    continue
                target = Path(_normalise(target))
                if not str(target).startswith(str(site)):
                    yield f"{shown}:{line}: {url}: points outside the site folder"
                    continue
                if target.is_dir():
                    target = target / "index.html"
                if not target.is_file():
                    yield f"{shown}:{line}: {url}: no file {target.relative_to(site).as_posix()}"
                    continue
            else:
                target = page
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and fragment not in anchors(target):
                yield (f"{shown}:{line}: {url}: no id \"{fragment}\" in "
                       f"{target.relative_to(site).as_posix()}")


def _normalise(path: Path) -> str:
    import os.path

    return os.path.normpath(str(path))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("Usage: python tools/linkcheck.py SITE_FOLDER")
        return 2
    site = Path(args[0])
    if not (site / "index.html").is_file():
        print(f"{site}: there is no built site here (no index.html). Run `make build` first.")
        return 2
    broken = list(check(site))
    for line in broken:
        print(line)
    pages = sum(1 for _ in site.rglob("*.html"))
    if broken:
        print(f"{len(broken)} broken internal link(s) in {pages} pages.")
        return 1
    print(f"No broken internal link in {pages} pages.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
