"""A pull request's preview opened as CONTRIBUTING.md says (`serve-zip`, generator/review.py), in
Chromium: the site works there as on GitHub Pages (pages, the search, no console error under the
policy the server adds), and a script of the reviewed site reads nothing of the reviewer's folder,
reaches no other server of this computer and installs no service worker."""

from __future__ import annotations

import re
import threading
import zipfile
from collections.abc import Iterator

import pytest

from generator.review import ZipSite, make_zip_server

from .conftest import Served, goto, wait_search_results

pytestmark = pytest.mark.browser

SECRET = "CANARY-REVIEWER-FILE"


@pytest.fixture(scope="module")
def reviewed(demo_site, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The demo site zipped as the workflow's artifact, in a downloads folder beside a private file,
    served by serve-zip. Its pages lose their own policy (the meta tag), as a pull request that
    changes the code can make them: only the server's header stands."""
    result, site = demo_site
    downloads = tmp_path_factory.mktemp("downloads")
    (downloads / "secret.txt").write_text(SECRET, encoding="utf-8")
    archive = downloads / "apercu-du-site-preview-7.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for file in sorted(site.rglob("*")):
            if file.is_file() and file.suffix == ".html":
                zipped.writestr(file.relative_to(site).as_posix(),
                                re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "",
                                       file.read_text(encoding="utf-8")))
            elif file.is_file():
                zipped.write(file, file.relative_to(site).as_posix())
        # A service worker the reviewed site would leave behind, answering for this address afterwards.
        zipped.writestr("sw.js", "self.addEventListener('fetch', (event) => event.respondWith(new Response('kept')));")
    zipped_site = ZipSite(archive)
    server = make_zip_server(zipped_site, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}{zipped_site.prefix}"
        yield Served(site, result.model, base, zipped_site.prefix)
    finally:
        server.shutdown()
        server.server_close()


def test_the_preview_works_from_its_zip(pages, reviewed: Served) -> None:
    page = pages.open(reviewed)
    goto(page, reviewed.url())
    assert page.locator("h1").count()
    goto(page, reviewed.url("recherche/?q=mesure"))
    wait_search_results(page)
    goto(page, reviewed.url("recommandations/"))
    page.wait_for_load_state("networkidle")
    assert not page.watch.take()


def test_a_script_of_the_reviewed_site_reads_nothing_else(pages, reviewed: Served) -> None:
    page = pages.open(reviewed)
    goto(page, reviewed.url())
    other = threading.Event()  # a server of this computer on another port: never reached
    import http.server

    class Other(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            other.set()
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    neighbour = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Other)
    threading.Thread(target=neighbour.serve_forever, daemon=True).start()
    try:
        said = page.evaluate("""async ([prefix, port]) => {
            const tries = {};
            for (const path of ["/secret.txt", prefix + "..%2fsecret.txt", prefix + "%2e%2e/secret.txt",
                                "/" + "..%2f".repeat(3) + "secret.txt"]) {
              const answer = await fetch(path);
              tries[path] = answer.status + " " + (await answer.text()).includes("CANARY");
            }
            try { await fetch("http://127.0.0.1:" + port + "/"); tries.neighbour = "reached"; }
            catch (e) { tries.neighbour = "refused"; }
            try { await navigator.serviceWorker.register(prefix + "sw.js");
                  tries.worker = "installed"; }
            catch (e) { tries.worker = "refused"; }
            return tries;
        }""", [reviewed.prefix, neighbour.server_address[1]])
    finally:
        neighbour.shutdown()
        neighbour.server_close()
    page.watch.take()  # the refused fetch and worker are reported by the console, as expected
    assert said.pop("neighbour") == "refused" and not other.is_set()
    assert said.pop("worker") == "refused"
    assert all(value.endswith("false") for value in said.values()), said
