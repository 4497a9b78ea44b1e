"""Full-page screenshots of a built site, in both languages, at a phone and a desktop width.

    python tools/screenshots.py SITE_DIR OUT_DIR [PATH ...]

Serves SITE_DIR on a free loopback port (http.server in a thread), drives Chromium (the one
DDS_CHROMIUM names, Debian's by default: tools/chromium.py) through Playwright and writes
OUT_DIR/<lang>-<width>-<name>.png for every PATH (relative to the site root, French; the English twin is the same path under en/). Without PATH: the home page and
the first cohort, topic and recommendation pages found in SITE_DIR.

It also reports every console error, page error, failed request and any request that leaves the
site's origin (fonts, scripts and images must all be self-hosted). Exit status: 0 when none of
these happened, 1 otherwise, 2 on bad arguments.

The site is served under the path of its URL (read from sitemap.xml, e.g. /droit-de-suite/), as
GitHub Pages serves a project site: links that forget that prefix show up as 404s. Each page is
also checked for a visible header link to the other language, inside the viewport.

Options: --scheme light|dark (default light: Material follows prefers-color-scheme),
--widths 375,1280, --prefix /path/ (default: from sitemap.xml).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import re
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import chromium  # noqa: E402  (tools/chromium.py: which Chromium, DDS_CHROMIUM)

LANGS = {"fr": "", "en": "en/"}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under `prefix` (e.g. "/droit-de-suite/"), as GitHub Pages serves a project
    site; a request outside the prefix is a 404, so a link that forgets the prefix shows up."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "\0outside-prefix")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format: str, *args: object) -> None:  # stdlib signature
        pass


def site_prefix(site: Path) -> str:
    """The path of the site's URL, from the first <loc> of sitemap.xml ("/" without one)."""
    try:
        text = (site / "sitemap.xml").read_text(encoding="utf-8")
    except OSError:
        return "/"
    match = re.search(r"<loc>([^<]+)</loc>", text)
    return urlsplit(match.group(1).strip()).path if match else "/"


def serve(site: Path, prefix: str) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve `site` on 127.0.0.1 and a free port, in a daemon thread; returns (server, base URL)."""
    handler_class = type("Handler", (_Handler,), {"prefix": prefix})
    handler = functools.partial(handler_class, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"


def language_switch_problem(page, width: int) -> str | None:
    """Why the header's link to the other language is not visible and reachable, or None."""
    links = page.locator("header a[hreflang]:not([aria-current])")
    if links.count() == 0:
        return "no link to the other language in the header"
    link = links.first
    box = link.bounding_box()
    if not link.is_visible() or box is None:
        return "the header's link to the other language is hidden"
    if box["x"] < 0 or box["x"] + box["width"] > width or box["width"] < 1:
        return f"the header's link to the other language lies outside the {width} px viewport"
    return None


def default_paths(site: Path) -> list[str]:
    """The home page, then the first record page of each kind that has one."""
    paths = [""]
    for folder in ("promotions", "sujets", "recommandations"):
        records = sorted(p.parent.name for p in (site / folder).glob("*/index.html"))
        if records:
            paths.append(f"{folder}/{records[0]}/")
    return paths


def shot_name(lang: str, width: int, path: str) -> str:
    stem = path.strip("/").replace("/", "-") or "home"
    return f"{lang}-{width}-{stem}.png"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the built site (e.g. site/)")
    parser.add_argument("out", type=Path, help="where to write the PNG files")
    parser.add_argument("paths", nargs="*", help='pages relative to the site root, e.g. "" or "sujets/x/"')
    parser.add_argument("--scheme", choices=("light", "dark"), default="light")
    parser.add_argument("--prefix", help="URL path to serve the site under (default: from sitemap.xml)")
    parser.add_argument("--widths", default="375,1280", help="comma-separated viewport widths")
    args = parser.parse_args(argv)

    if not (args.site / "index.html").is_file():
        print(f"{args.site}: no index.html here; build the site first", file=sys.stderr)
        return 2
    try:
        widths = [int(w) for w in args.widths.split(",") if w.strip()]
    except ValueError:
        print(f"--widths: expected numbers separated by commas, got {args.widths!r}", file=sys.stderr)
        return 2
    paths = [p.lstrip("/") for p in args.paths] if args.paths else default_paths(args.site)
    args.out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright  # imported late: --help works without it

    prefix = (args.prefix if args.prefix is not None else site_prefix(args.site)).strip("/")
    server, base = serve(args.site.resolve(), f"/{prefix}/" if prefix else "/")
    print(f"serving {args.site} at {base}")
    origin = urlsplit(base).netloc
    problems: list[str] = []
    try:
        with sync_playwright() as pw:
            try:
                browser = chromium.launch(pw)
            except chromium.Missing as missing:
                print(missing, file=sys.stderr)
                return 2
            for width in widths:
                context = browser.new_context(viewport={"width": width, "height": 900},
                                              color_scheme=args.scheme, device_scale_factor=1)
                page = context.new_page()
                where = {"url": ""}

                def on_console(msg, where=where):
                    # 404s are reported with their address by the "response" handler below.
                    if msg.type == "error" and "Failed to load resource" not in msg.text:
                        problems.append(f"{where['url']}: console error: {msg.text}")

                def on_request(request, where=where):
                    netloc = urlsplit(request.url).netloc
                    if request.url.startswith(("data:", "blob:", "about:")):
                        return
                    if netloc != origin:
                        problems.append(f"{where['url']}: request to another origin: {request.url}")

                def on_failed(request, where=where):
                    problems.append(f"{where['url']}: request failed: {request.url} ({request.failure})")

                page.on("console", on_console)
                page.on("pageerror", lambda exc, where=where: problems.append(f"{where['url']}: page error: {exc}"))
                page.on("request", on_request)
                page.on("requestfailed", on_failed)
                page.on("response", lambda resp, where=where: resp.status >= 400 and problems.append(
                    f"{where['url']}: HTTP {resp.status} for {resp.url}"))
                # Any request that would leave the origin is answered locally with nothing, so a
                # screenshot never depends on (or leaks to) the network; it is still reported above.
                context.route(lambda url: urlsplit(url).netloc not in ("", origin),
                              lambda route: route.abort())
                for lang, prefix in LANGS.items():
                    for path in paths:
                        url = base + prefix + path
                        where["url"] = prefix + path or "/"
                        response = page.goto(url, wait_until="networkidle")
                        if response is None or response.status >= 400:
                            status = response.status if response else "no response"
                            problems.append(f"{where['url']}: HTTP {status}")
                        page.evaluate("document.fonts.ready")
                        switch = language_switch_problem(page, width)
                        if switch:
                            problems.append(f"{where['url']} at {width} px: {switch}")
                        target = args.out / shot_name(lang, width, path)
                        page.screenshot(path=str(target), full_page=True)
                        print(f"wrote {target}")
                context.close()
            browser.close()
    finally:
        server.shutdown()

    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
