"""The preview server (`python -m generator serve`, generator/preview.py), run as editors run it, on
a copy of the minimal dataset: an edit shows up, problems are shown on the page, and a client that
keeps asking for pages during rebuilds never gets a 404 or a half-written page.

The bounds below are failure guards only (a generous 60 s); the real latency is measured by the
benchmark (tools/bench.py), not asserted here.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import MINIMAL, ROOT

GUARD = 60.0
RECORD = "data/recommendations/test-sujet-01.yml"
PAGE = "/recommandations/test-sujet-01/"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=GUARD) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def until(condition, what: str) -> float:
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < GUARD, f"{what}: not seen within {GUARD} s"
        time.sleep(0.05)
    return time.monotonic() - started


class Server:
    def __init__(self, folder: Path, out: Path) -> None:
        self.folder, self.port = folder, _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1795305600"}  # 2026-11-22, conftest.BUILD_DATE
        self.log = (out.parent / "preview.log").open("w+", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--data", str(folder / "data"), "--content",
             str(folder / "content"), "--out", str(out), "--port", str(self.port), "--lang", "fr"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, text=True)

    def output(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text(encoding="utf-8")

    def get(self, path: str) -> tuple[int, str]:
        return fetch(self.base + path)

    def edit(self, path: str, old: str, new: str) -> None:
        file = self.folder / path
        text = file.read_text(encoding="utf-8")
        assert old in text
        file.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("preview")
    shutil.copytree(MINIMAL, base / "minimal")
    running = Server(base / "minimal", base / "site")
    try:
        until(lambda: "Aperçu sur http://" in running.output() or running.process.poll() is not None, "the first build")
        assert running.process.poll() is None, running.output()
        yield running
    finally:
        running.process.terminate()
        running.process.wait(timeout=30)
        running.log.close()


def test_an_edit_is_served_and_the_production_files_have_no_preview_script(server: Server) -> None:
    status, page = server.get(PAGE)
    assert status == 200 and "Réponse fictive." in page
    assert '<script src="/__preview__/reload.js"' in page  # served by the preview only
    server.edit(RECORD, "Réponse fictive.", "Réponse fictive corrigée.")
    until(lambda: "Réponse fictive corrigée." in server.get(PAGE)[1], "the edited French page")
    until(lambda: "Fictional answer." in server.get("/en" + PAGE)[1], "the English page")
    # Then every page and the open data, rendered again in a forked copy of the preview.
    until(lambda: "Réponse fictive corrigée." in server.get("/donnees/follow_up_entries.csv")[1], "the open data")
    until(lambda: "Réponse fictive corrigée." in server.get("/flux/fr/suivi.xml")[1], "the feed")
    built = [p for p in server.folder.parent.glob("site.preview-*") if p.is_dir()]
    assert built, "the complete build is a folder of its own"
    for folder in built:
        for html in folder.rglob("*.html"):
            assert "__preview__" not in html.read_text(encoding="utf-8"), html


def test_listing_pages_follow_an_edit_first(server: Server) -> None:
    """After the edited record's own pages, the copy that renders every page again renders the
    pages that list records first (preview._first) and serves them before the others."""
    record = server.folder / RECORD
    good = record.read_text(encoding="utf-8")
    assert "title: {fr: Mesure de test," in good
    try:
        record.write_text(good.replace("title: {fr: Mesure de test,", "title: {fr: Titre renommé dans l’aperçu,", 1),
                          encoding="utf-8")
        until(lambda: "Titre renommé dans l’aperçu" in server.get(PAGE)[1], "the edited page")
        until(lambda: "Titre renommé dans l’aperçu" in server.get("/recommandations/")[1], "the index of recommendations")
        until(lambda: "Titre renommé dans l’aperçu" in server.get("/sujets/test-sujet/")[1], "its topic's page")
        until(lambda: "Pages de listes refaites" in server.output(), "the log line, once all are served")
    finally:
        record.write_text(good, encoding="utf-8")
    until(lambda: "Titre renommé dans l’aperçu" not in server.get("/recommandations/")[1], "the index back as it was")


def test_a_mistake_is_shown_located_on_the_page_and_the_last_good_page_stays(server: Server) -> None:
    record = server.folder / RECORD
    good = record.read_text(encoding="utf-8")
    try:
        record.write_text(good.replace("status:", "statut:", 1), encoding="utf-8")
        until(lambda: "dds-preview-problems" in server.get(PAGE)[1], "the problems panel")
        status, page = server.get(PAGE)
        assert status == 200 and "test-sujet-01.yml:" in page and "statut" in page
        assert "test-sujet-01.yml:" in server.output()  # and in the terminal, located
    finally:
        record.write_text(good, encoding="utf-8")
    until(lambda: "dds-preview-problems" not in server.get(PAGE)[1], "the panel gone once fixed")


def test_no_404_and_no_half_page_while_rebuilding(server: Server) -> None:
    """A client keeps asking for pages while an edit is shown and a new record forces a complete
    build (new page: a new folder, swapped in when finished)."""
    answers: list[tuple[str, int, bool]] = []
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            for path in ("/", PAGE, "/en" + PAGE, "/recommandations/", "/sujets/test-sujet/", "/assets/stylesheets/droit-de-suite.css"):
                status, text = server.get(path)
                whole = text.rstrip().endswith("</html>") if not path.endswith(".css") else len(text) > 0
                answers.append((path, status, whole))

    thread = threading.Thread(target=poll)
    thread.start()
    try:
        server.edit(RECORD, "Fictional answer.", "Fictional answer edited.")
        until(lambda: "Fictional answer edited." in server.get("/en" + PAGE)[1], "the edit")
        source = server.folder / RECORD
        new = source.with_name("test-sujet-02.yml")
        new.write_text(source.read_text(encoding="utf-8").replace("test-sujet-01", "test-sujet-02")
                       .replace("number: 1", "number: 2"), encoding="utf-8")
        until(lambda: server.get("/recommandations/test-sujet-02/")[0] == 200, "the new record's page")
    finally:
        stop.set()
        thread.join()
    bad = [a for a in answers if a[1] != 200 or not a[2]]
    assert len(answers) > 20 and not bad, bad[:5]


@pytest.mark.browser
def test_an_open_page_reloads_itself_after_an_edit(server: Server) -> None:
    """The preview's script (served with each page, allowed by the site's CSP as a same-origin
    script) reloads the page in Chromium when the page changes."""
    # In a thread of its own: Playwright's sync API refuses to start where an event loop already
    # runs (the browser tests' session-wide Playwright leaves one in the main thread).
    outcome: list[BaseException] = []

    def run() -> None:
        try:
            _reload_scenario(server)
        except BaseException as error:  # handed back to the test below
            outcome.append(error)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    if outcome:
        raise outcome[0]


def _reload_scenario(server: Server) -> None:
    from playwright.sync_api import sync_playwright

    from tools import chromium

    with sync_playwright() as pw:
        try:
            browser = chromium.launch(pw)
        except chromium.Missing as missing:
            pytest.skip(str(missing))
        try:
            page = browser.new_page()
            refused: list[str] = []
            page.on("console", lambda m: refused.append(m.text) if m.type == "error" else None)
            page.goto(server.base + PAGE)
            server.edit(RECORD, "Réponse fictive", "Réponse fictive relue")

            def shown() -> bool:
                try:
                    return "Réponse fictive relue" in page.content()
                except Exception:  # the page is reloading
                    return False

            until(lambda: shown() or page.wait_for_timeout(50), "the page reloaded with the edit")
            assert refused == []
        finally:
            browser.close()


def test_an_edit_is_checked_again_alone_with_the_problems_a_full_check_gives(tmp_path: Path) -> None:
    """The preview reads again only the record files that changed (named by the watcher, or with a
    new modification time); the others' records are kept, and the problems are a full check's."""
    from generator import build as pipeline
    from generator.preview import Preview

    from .conftest import BUILD_DATE, CHECK_DAY, FIXTURES

    shutil.copytree(FIXTURES / "demo" / "data", tmp_path / "data")
    shutil.copytree(FIXTURES / "demo" / "content", tmp_path / "content")
    data, content = tmp_path / "data", tmp_path / "content"
    preview = Preview(data, content, tmp_path / "site", tmp_path, build_date=BUILD_DATE, today=CHECK_DAY, log=lambda *_: None)

    def same_as_a_full_check(found: list) -> list[str]:
        full = pipeline.check(data, content, tmp_path, today=CHECK_DAY)[2]
        assert sorted(p.text() for p in found) == sorted(p.text() for p in full)
        return [p.text() for p in found if p.is_error]

    dataset, _, problems = preview.check_again(set())
    assert same_as_a_full_check(problems) == []
    edited, other = data / "recommendations" / "demo-alimentation-01.yml", "demo-alimentation-02"
    kept = dataset.folders["recommendations"][other]
    edited.write_text(edited.read_text(encoding="utf-8").replace("status: in_progress", "status: en_cours", 1),
                      encoding="utf-8")
    dataset, _, problems = preview.check_again({edited})
    errors = same_as_a_full_check(problems)
    assert len(errors) == 1 and "demo-alimentation-01.yml:19:13: follow_up[1].status" in errors[0], errors
    assert dataset.folders["recommendations"][other] is kept  # not read again
    # Saved again without the watcher naming it: its new modification time says it changed.
    edited.write_text(edited.read_text(encoding="utf-8").replace("status: en_cours", "status: in_progress", 1),
                      encoding="utf-8")
    os.utime(edited, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    dataset, _, problems = preview.check_again(set())
    assert same_as_a_full_check(problems) == []
    assert dataset.folders["recommendations"][other] is kept
    assert "en_cours" not in {e.status for e in dataset.folders["recommendations"]["demo-alimentation-01"].record.follow_up}


def test_the_rules_on_one_record_run_again_only_for_what_changed_or_when_their_context_did(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """validate.ENTRY_RULES read one record and the context (the day, the site's public contacts):
    an edit runs them again on the edited record only, and on every record when the context
    changed (a contact added to `public_contacts` is no longer refused anywhere)."""
    from generator import build as pipeline
    from generator.preview import Preview
    from generator.records import validate

    from .conftest import BUILD_DATE, CHECK_DAY, FIXTURES

    shutil.copytree(FIXTURES / "demo" / "data", tmp_path / "data")
    shutil.copytree(FIXTURES / "demo" / "content", tmp_path / "content")
    data, content = tmp_path / "data", tmp_path / "content"
    record, site = data / "recommendations" / "demo-alimentation-02.yml", data / "site.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("pendant les vacances.", "pendant les vacances (01 42 76 40 40)."),
                      encoding="utf-8")
    ran: list[str] = []

    def spy(entry: validate.Entry, where: validate.Context) -> list:
        ran.append(entry.doc.path)
        return []

    monkeypatch.setattr(validate, "ENTRY_RULES", [spy, *validate.ENTRY_RULES])
    preview = Preview(data, content, tmp_path / "site", tmp_path, build_date=BUILD_DATE, today=CHECK_DAY, log=lambda *_: None)

    def errors(found: list) -> list[str]:
        full = pipeline.check(data, content, tmp_path, today=CHECK_DAY)[2]
        assert sorted(p.text() for p in found) == sorted(p.text() for p in full)
        return [p.text().split("\n")[0] for p in found if p.is_error]

    _, _, problems = preview.check_again(set())
    everything = sorted(ran)
    assert len(everything) > 20 and "data/recommendations/demo-alimentation-02.yml" in everything
    assert errors(problems) == ["data/recommendations/demo-alimentation-02.yml:9:7: text.fr"]
    ran.clear()
    record.write_text(record.read_text(encoding="utf-8").replace("enfants,", "élèves,"), encoding="utf-8")
    _, _, problems = preview.check_again({record})
    assert ran == ["data/recommendations/demo-alimentation-02.yml"]  # the others' problems were kept
    assert errors(problems) == ["data/recommendations/demo-alimentation-02.yml:9:7: text.fr"]
    ran.clear()
    site.write_text(site.read_text(encoding="utf-8") + 'public_contacts:\n  - "01 42 76 40 40"\n', encoding="utf-8")
    _, _, problems = preview.check_again({site})
    assert sorted(ran) == everything  # the context changed: every record's rules ran again
    assert errors(problems) == []


def test_the_pages_an_edit_serves_are_those_a_complete_render_makes() -> None:
    """The preview renders an edited record's pages alone (preview._render_some: the other pages
    render_language would make are skipped): each is the page render_site makes, byte for byte."""
    from generator import build as pipeline
    from generator.preview import _render_some
    from generator.records.validate import public_contacts, validate
    from generator.site.model import build_model
    from generator.site.render import render_site

    from .conftest import BUILD_DATE, CHECK_DAY, FIXTURES

    data = FIXTURES / "demo" / "data"
    dataset, _ = validate(data, ROOT, today=CHECK_DAY)
    content, _ = pipeline.load_content(FIXTURES / "demo" / "content", ROOT, allowed_contacts=public_contacts(dataset))
    model = build_model(dataset, BUILD_DATE)
    every = {p.path: p.text for p in render_site(model, content, parallel=False)}
    edited = {"recommendations": {"demo-alimentation-02"}, "topics": {model.topics[0].id},
              "cohorts": {model.cohorts[0].id}, "hearings": {model.hearings[0].id}}
    pages = [c for c in content if c.name == "a-propos"] or content[:2]
    some = _render_some(model, edited, pages, pipeline.Published({}))
    assert len(some) == 2 * (len(edited) + len(pages) // 2) and all(p.text for p in some)
    for page in some:
        assert page.text == every[page.path], page.path


def test_reading_every_record_does_not_fill_the_queue_of_file_events(tmp_path: Path, caplog) -> None:
    """The preview and its builds read every record (the data version, the open data, a complete
    build's check): the watcher asks the system for writes only, so that those reads cannot fill
    its queue of events (16,384 by default on Linux) and lose an edit made meanwhile."""
    import logging

    from generator.preview import watch

    folder = tmp_path / "data"
    folder.mkdir()
    for number in range(6000):
        (folder / f"r{number}.yml").write_text("id: x\n", encoding="utf-8")
    edits: list[set[Path]] = []

    class Seen:
        def changed(self, paths: set[Path]) -> None:
            edits.append(paths)

        def log(self, *_: object) -> None:
            pass

    caplog.set_level(logging.DEBUG, logger="watchdog")
    observer = watch(Seen(), [folder])  # type: ignore[arg-type]
    try:
        time.sleep(0.5)
        for _ in range(4):  # 48,000 openings and closings, three times the queue
            for number in range(6000):
                (folder / f"r{number}.yml").read_bytes()
        (folder / "r17.yml").write_text("id: y\n", encoding="utf-8")
        for _ in range(100):
            if edits:
                break
            time.sleep(0.1)
    finally:
        observer.stop()
        observer.join()
    assert not [r for r in caplog.records if "overflow" in r.getMessage().lower()]
    assert edits == [{folder / "r17.yml"}]


def test_the_first_pages_are_sent_one_by_one_the_edited_records_parents_before_the_listings(tmp_path: Path) -> None:
    """The copy that renders every page again hands back each of the first pages as soon as it is
    rendered: the edited record's topic and cohort pages, then the pages that list records; the
    index of every recommendation (seconds at 10,000) makes none of the others wait."""
    from generator.preview import Preview
    from generator.site.model import build_model

    from .conftest import BUILD_DATE, CHECK_DAY, FIXTURES

    shutil.copytree(FIXTURES / "demo" / "data", tmp_path / "data")
    shutil.copytree(FIXTURES / "demo" / "content", tmp_path / "content")
    preview = Preview(tmp_path / "data", tmp_path / "content", tmp_path / "site", tmp_path, build_date=BUILD_DATE,
                      today=CHECK_DAY, log=lambda *_: None)
    dataset, content, problems = preview.check_again(set())
    model = build_model(dataset, BUILD_DATE)
    record = model.by_id["recommendations"]["demo-alimentation-01"]
    sent: list[str] = []
    known: dict[str, str] = {}
    count = preview._first_pages(content, model, known, {"recommendations": {"demo-alimentation-01"}},
                                 lambda page: sent.append(page.path))
    own = {f"{lang}/{folder}/{item}/index.md" for lang in ("fr", "en")
           for folder, item in (("sujets", record.topic.id), ("promotions", record.cohort.id),
                                ("recommandations", record.id))}
    assert count == len(sent) == len(set(sent)) == len(known)
    assert set(sent[:6]) == own, sent[:6]
    assert sent.index("fr/recommandations/index.md") >= 6 and "fr/index.md" in sent and "en/index.md" in sent
    assert not any(path.startswith("fr/recommandations/demo-alimentation-02") for path in sent)
    # Nothing is sent twice: a page already known with the same text is not sent again.
    sent.clear()
    assert preview._first_pages(content, model, known, {"recommendations": {"demo-alimentation-01"}},
                                lambda page: sent.append(page.path)) == 0 and sent == []


def test_a_page_the_renderer_does_not_want_is_not_even_prepared(monkeypatch: pytest.MonkeyPatch) -> None:
    """Renderer.wanted: the preview renders a few pages out of thousands; the others are listed as
    empty pages without their excerpt or labels being worked out (at 10,000 recommendations that
    preparation took about ten seconds per language)."""
    from generator import build as pipeline
    from generator.site import render
    from generator.site.model import build_model

    from .conftest import BUILD_DATE, CHECK_DAY, FIXTURES

    data, content = FIXTURES / "demo" / "data", FIXTURES / "demo" / "content"
    dataset, pages, _ = pipeline.check(data, content, FIXTURES, today=CHECK_DAY)
    model = build_model(dataset, BUILD_DATE)
    excerpts: list[str] = []
    original = render._excerpt
    monkeypatch.setattr(render, "_excerpt", lambda text: excerpts.append(text) or original(text))
    renderer = render.Renderer(model, fictional=True)
    everything = render.render_language(renderer, model, "fr", [c for c in pages if c.lang == "fr"], [])
    assert len(excerpts) > 50
    excerpts.clear()
    renderer = render.Renderer(model, fictional=True, wanted=lambda lang, url: url == "recommandations/demo-alimentation-01/")
    some = render.render_language(renderer, model, "fr", [c for c in pages if c.lang == "fr"], [])
    assert [p.path for p in some] == [p.path for p in everything]
    assert [p.path for p in some if p.text] == ["fr/recommandations/demo-alimentation-01/index.md"]
    assert len(excerpts) == 1


def test_the_pages_of_every_page_pass_are_patched_without_the_lock_an_edit_waits_for(tmp_path: Path) -> None:
    """After an edit at 10,000 recommendations the last pass serves 20,000 pages again (each cites
    the data's version): Preview.patch makes them ready while an edit holds the lock, changing
    nothing, and serve_pages then swaps them in; each is the built page with the new body."""
    from generator.preview import Preview

    from .conftest import BUILD_DATE, CHECK_DAY

    shutil.copytree(MINIMAL, tmp_path / "minimal")
    root = tmp_path / "minimal"
    preview = Preview(root / "data", root / "content", tmp_path / "site", root, build_date=BUILD_DATE,
                      today=CHECK_DAY, log=lambda *_: None)
    assert preview.full_build()
    key = "fr/recommandations/test-sujet-01/index.md"
    page = preview.built_pages[key]
    edited = type(page)(page.path, page.text.replace("Réponse fictive.", "Réponse fictive corrigée."))
    assert edited.text != page.text
    served, before = preview.served, dict(preview.pages)
    result: list = []
    with preview.lock:  # an edit being handled
        worker = threading.Thread(target=lambda: result.append(preview.patch(served, [edited])))
        worker.start()
        worker.join(timeout=30)
        assert result, "patch waited for the lock"
    assert preview.served is served and preview.pages == before
    [patched] = result
    html = patched.overlay["recommandations/test-sujet-01/index.html"].decode("utf-8")
    assert "Réponse fictive corrigée." in html and html.count("<html") == 1
    with preview.lock:
        preview.serve_pages([edited], patched=patched)
    status, _, answered = preview.answer("/recommandations/test-sujet-01/")
    assert status == 200 and "Réponse fictive corrigée." in answered.decode("utf-8")


@pytest.mark.parametrize(("options", "said"), [
    ((), "Le port {port} est déjà pris\u00a0: un autre aperçu tourne peut-être encore (arrêtez-le avec Ctrl+C, dans "
         "son terminal). Rien n’a été construit. Essayez un autre port\u00a0: --port "),
    (("--lang", "en"), "Port {port} is already in use: another preview may still be running (stop it with Ctrl+C, in "
                       "its terminal). Nothing was built. Try another port: --port "),
])
def test_a_port_in_use_is_said_before_anything_is_built(options: tuple[str, ...], said: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """`serve` on a port another program listens on: said at once, in the editor's language, with a free
    port to try, exit code 2, no traceback and no build (it used to build the whole site first, then fail
    with a traceback)."""
    from generator.cli import main
    from generator.preview import free_port

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        started = time.monotonic()
        code = main(["serve", "--data", str(MINIMAL / "data"), "--content", str(MINIMAL / "content"),
                     "--out", str(tmp_path / "site"), "--port", str(port), *options])
        elapsed = time.monotonic() - started
        suggested = free_port(port)
    out, err = capsys.readouterr()
    assert code == 2 and not err, err
    assert out == said.format(port=port) + f"{suggested}\n", out
    assert suggested != port and list(tmp_path.iterdir()) == [], "nothing is built"
    assert elapsed < 5, elapsed


def test_a_port_that_is_no_port_is_refused_by_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["serve", "--port", "80000"])
    assert stopped.value.code == 2
    assert "«\u00a080000\u00a0» n’est pas un numéro de port" in capsys.readouterr().err


def test_the_preview_speaks_the_editors_language_in_every_thread(tmp_path: Path) -> None:
    """A thread starts in French whatever the thread that starts it speaks: the preview's own threads
    (`_start`) and the server's (the problems panel, still escaped) speak the language the preview was
    started in."""
    import dataclasses

    from generator.preview import Preview, _start, make_server
    from generator.records.catalogue import editor_language, speaking_to_editors

    from .conftest import BUILD_DATE, CHECK_DAY

    heard: list[str] = []
    with speaking_to_editors("en"):
        preview = Preview(MINIMAL / "data", MINIMAL / "content", tmp_path / "site", ROOT, build_date=BUILD_DATE,
                          today=CHECK_DAY)
        done = threading.Event()
        _start(lambda: (heard.append(editor_language()), done.set()))
        assert done.wait(GUARD)
    assert heard == ["en"]
    built = tmp_path / "built"
    built.mkdir()
    (built / "404.html").write_text("<html><head></head><body><h1>404</h1></body></html>", encoding="utf-8")
    preview.served = dataclasses.replace(preview.served, folder=built, problems=("data/x.yml:1:1:\n  <b>wrong</b>",))
    server = make_server(preview, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        status, page = fetch(f"http://127.0.0.1:{server.server_address[1]}/nowhere/")
    finally:
        server.shutdown()
        server.server_close()
    assert status == 404
    assert "<strong>Preview: the last edit has problems; this page shows the last version without them.</strong>" in page
    assert "&lt;b&gt;wrong&lt;/b&gt;" in page and "<b>wrong" not in page
