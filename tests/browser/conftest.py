"""Browser test helpers: built sites served on loopback, one Chromium per session, page watchers.

Each dataset is built once per session and served by http.server in a daemon thread on
127.0.0.1 and a free port, under the same path prefix as the deployed site (a GitHub project
site, e.g. /droit-de-suite/, taken from the built 404 page); a missing address answers 404 with
the site's 404.html, as GitHub Pages does. Chromium is the one DDS_CHROMIUM names (tools/chromium.py:
Debian's by default, installed by .ci/run; Playwright's own on GitHub): when it is
missing, every browser test fails with a message saying so (never a skip).
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import axe_playwright_python
import pytest

from generator import build as pipeline
from generator.site.model import SiteModel
from tests.conftest import BUILD_DATE, CHECK_DAY, FIXTURES, ROOT
from tools import chromium

AXE_JS = Path(axe_playwright_python.__file__).resolve().parent / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DEMO = FIXTURES / "demo"
LANGS = {"fr": "", "en": "en/"}


# --- serving a built site ---------------------------------------------------------------------

def site_prefix(site: Path) -> str:
    """The path the site is deployed under ("/droit-de-suite/"), read from its 404 page, whose
    links are absolute (MkDocs writes them from site_url)."""
    text = (site / "404.html").read_text(encoding="utf-8")
    found = re.search(r'href="(/[^"]*?)assets/images/favicon\.svg"', text)
    return found.group(1) if found else "/"


class _Handler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def log_message(self, format: str, *args: object) -> None:  # stdlib signature
        pass

    def send_head(self):  # stdlib signature
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        if not path.startswith(self.prefix):
            return self._not_found()
        inside = "/" + path[len(self.prefix):]
        target = Path(self.directory) / inside.lstrip("/")
        if target.is_dir():
            if not (target / "index.html").is_file():
                return self._not_found()
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", parts.path + "/" + (f"?{parts.query}" if parts.query else ""))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
        elif not target.is_file():
            return self._not_found()
        self.path = inside + (f"?{parts.query}" if parts.query else "")
        return super().send_head()

    def _not_found(self):
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io
        return io.BytesIO(body)


@dataclass
class Served:
    """A built site served on loopback: `base` is its address with the deployment prefix."""

    root: Path
    model: SiteModel
    base: str
    prefix: str
    origin: str = field(init=False)

    def __post_init__(self) -> None:
        self.origin = urlsplit(self.base).netloc

    def __repr__(self) -> str:  # the model's own repr is huge: keep failure reports short
        return f"Served({self.base} from {self.root})"

    def url(self, path: str = "", lang: str = "fr") -> str:
        return self.base + LANGS[lang] + path.lstrip("/")

    def file(self, url: str) -> Path:
        """The built file behind an address of this site."""
        path = unquote(urlsplit(url).path)
        assert path.startswith(self.prefix), f"{url} is outside the site ({self.prefix})"
        target = self.root / path[len(self.prefix):]
        return target / "index.html" if path.endswith("/") or target.is_dir() else target


def _serve(site: Path, model: SiteModel) -> Iterator[Served]:
    prefix = site_prefix(site)
    handler = type("Handler", (_Handler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(site, model, f"http://127.0.0.1:{server.server_address[1]}{prefix}", prefix)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[pipeline.Result, Path]:
    """The fictional demo dataset, built with its search index."""
    out = tmp_path_factory.mktemp("demo") / "site"
    result = pipeline.build(DEMO / "data", DEMO / "content", out, ROOT, fictional=True, search=True, build_date=BUILD_DATE, today=CHECK_DAY)
    assert result.model.today == BUILD_DATE
    assert result.ok, "\n".join(p.text() for p in result.problems if p.is_error)
    assert (out / "pagefind" / "pagefind-ui.js").is_file(), "the demo build has no Pagefind bundle"
    return result, out


@pytest.fixture(scope="session")
def served_real(real_site) -> Iterator[Served]:
    result, out = real_site
    yield from _serve(out, result.model)


@pytest.fixture(scope="session")
def served_demo(demo_site) -> Iterator[Served]:
    result, out = demo_site
    yield from _serve(out, result.model)


@pytest.fixture(scope="session")
def served(request: pytest.FixtureRequest) -> Callable[[str], Served]:
    """served("real") or served("demo"), for parametrized tests."""
    return lambda name: request.getfixturevalue(f"served_{name}")


# --- the browser ------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        # Nothing may leave the machine: every host name but loopback fails to resolve, so a
        # request to another origin fails at once (and the Watch reports it).
        try:
            launched = chromium.launch(pw, ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"])
        except chromium.Missing as missing:
            pytest.fail(f"the browser tests need Chromium. {missing}", pytrace=False)
        try:
            yield launched
        finally:
            launched.close()


class Watch:
    """Collects, for one browser context, everything that must not happen on a page: console
    errors, uncaught exceptions, failed requests, HTTP errors and requests leaving the origin."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.problems: list[str] = []
        self.expected_status: dict[str, int] = {}

    def attach(self, page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"{page.url}: page error: {exc}"))
        page.on("request", self._request)
        page.on("requestfailed", lambda req: self._failed(page, req))
        page.on("response", self._response)

    def _console(self, msg) -> None:
        if msg.type == "error":
            where = msg.location.get("url", "") if msg.location else ""
            if where in self.expected_status and "status of" in msg.text:
                return  # the 404 page itself, asked for on purpose
            self.problems.append(f"console error ({where}): {msg.text}")

    def _failed(self, page, request) -> None:
        # A request cut short because the test went on to the next page is not a fault of the
        # site; a missing file answers 404 and is reported by _response.
        if request.failure == "net::ERR_ABORTED":
            return
        self.problems.append(f"{page.url}: request failed: {request.url} ({request.failure})")

    def _request(self, request) -> None:
        if request.url.startswith(("data:", "blob:", "about:")):
            return
        if urlsplit(request.url).netloc != self.origin:
            self.problems.append(f"request to another origin: {request.url}")

    def _response(self, response) -> None:
        if response.status >= 400 and self.expected_status.get(response.url) != response.status:
            self.problems.append(f"HTTP {response.status} for {response.url}")

    def take(self) -> list[str]:
        found, self.problems = self.problems, []
        return found


@dataclass
class Pages:
    """Opens pages in fresh browser contexts (closed at the end of the test)."""

    browser: object
    contexts: list = field(default_factory=list)

    def open(self, site: Served, *, width: int = 1280, height: int = 900, scheme: str = "light",
             javascript: bool = True, bypass_csp: bool = False):
        context = self.browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                           java_script_enabled=javascript, bypass_csp=bypass_csp,
                                           device_scale_factor=1)
        self.contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        watch = Watch(site.origin)
        watch.attach(page)
        page.watch = watch
        return page

    def __repr__(self) -> str:
        return f"Pages({len(self.contexts)} context(s))"

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def pages(browser) -> Iterator[Pages]:
    opened = Pages(browser)
    try:
        yield opened
    finally:
        opened.close()


def goto(page, url: str, status: int = 200):
    """Go to `url`, wait for the page and its scripts, and check the HTTP status."""
    if status != 200:
        page.watch.expected_status[url] = status
    response = page.goto(url, wait_until="load")
    assert response is not None, f"{url}: no response"
    assert response.status == status, f"{url}: HTTP {response.status}, expected {status}"
    page.evaluate("document.fonts.ready.then(() => true)")
    return response


# --- axe-core ---------------------------------------------------------------------------------

def run_axe(page) -> list[dict]:
    """axe-core's violations of the WCAG 2.0/2.1 A and AA rules on the page (injected once)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary}))})))",
        AXE_TAGS)
    return result


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:8]:
            summary = " ".join((node["summary"] or "").split())[:300]
            lines.append(f"    {json.dumps(node['target'])}: {summary}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more node(s)")
    return "\n".join(lines)


# --- the page templates every browser check visits ----------------------------------------------

#: name -> (dataset, path relative to the language's root). The demo pages are chosen for their
#: content: demo-mobilite-02 has a follow-up history and a disagreement between assessors, the
#: meeting is a follow-up (droit de suite) meeting, demo-sport-02 has a corrected entry and its
#: correction, the awaited page lists measures by cohort and topic.
TEMPLATES: dict[str, tuple[str, str]] = {
    "home": ("real", ""),
    "cohort": ("demo", "promotions/demo-promotion-2/"),
    "topic": ("demo", "sujets/demo-mobilite/"),
    "recommendation": ("demo", "recommandations/demo-mobilite-02/"),
    "follow-up": ("demo", "suivi/demo-promotion-2/"),
    "explorer": ("demo", "recommandations/"),
    "search": ("demo", "recherche/?q={query}"),
    "members": ("demo", "membres/demo-promotion-2/"),
    "hearing": ("demo", "auditions/demo-2024-01-adjoint-logement/"),
    "meeting": ("demo", "reunions/demo-2025-03-14-droit-de-suite/"),
    "404": ("demo", "404"),
    "accessibility": ("real", "accessibilite/"),
    "statuses": ("demo", "statuts/"),
    "data": ("demo", "donnees/"),
    "body": ("demo", "participation/demo-conseil-des-jeunes/"),
    "follow-up-index": ("demo", "suivi/"),
    "awaited": ("demo", "suivi/attendus/"),
    "correction": ("demo", "recommandations/demo-sport-02/"),
}
SEARCH_QUERY = {"fr": "logement", "en": "housing"}


def open_template(page, site: Served, name: str, lang: str) -> None:
    """Go to one of TEMPLATES in `lang` and wait until it is ready (search results shown)."""
    _, path = TEMPLATES[name]
    if name == "404":
        # GitHub Pages answers every missing address with the root 404.html (French); the
        # English one is reached by its address.
        if lang == "fr":
            goto(page, site.url("cette-page-n-existe-pas/"), status=404)
        else:
            goto(page, site.url("404.html", "en"))
        return
    if "{query}" not in path:
        file = site.file(site.url(path, lang))
        assert file.is_file(), f"the {name} page {file} was not built"
    goto(page, site.url(path.format(query=SEARCH_QUERY[lang]), lang))
    if name == "search":
        wait_search_results(page)


def wait_search_results(page, limit_ms: int = 15_000) -> None:
    """Wait until the search page has shown its results (assets/javascripts/search.js marks the
    results area aria-busy="false" once they are in the page); stop early on a page problem."""
    ready = page.locator("#dds-finder-results[aria-busy=false]")
    waited = 0
    while not ready.count() and not page.watch.problems and waited < limit_ms:
        page.wait_for_timeout(100)
        waited += 100
    assert ready.count(), f"{page.url}: the search page never finished; problems on the page: {page.watch.problems}"
    assert page.locator("#dds-finder-list li.dds-result").count(), (
        f"{page.url}: the search shows no result: {page.locator('#dds-finder-status').inner_text()!r}")
