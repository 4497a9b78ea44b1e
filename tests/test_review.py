"""The servers the project runs on an editor's or a reviewer's computer (generator/review.py):

- both the preview (`serve`) and `serve-zip` answer only a `Host` naming this computer's loopback
  address with their port: a page of another site that makes its own name resolve to 127.0.0.1 (DNS
  rebinding) gets 421, a request without `Host` 400;
- `serve-zip` shows a pull request's preview from its zip alone: nothing beside the zip (the folder
  it was downloaded into) can be asked for, every answer carries the site's policy as a header, a
  service worker is refused, and a file that is not a built site's zip is said, with no traceback.
"""

from __future__ import annotations

import dataclasses
import http.client
import os
import shutil
import socket
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import preview as preview_module
from generator.review import POLICY, ZipSite, local_host, make_zip_server

from .conftest import BUILD_DATE, CHECK_DAY, MINIMAL, ROOT
from .french import french

SECRET = "CANARY-REVIEWER-FILE"


def request(port: int, path: str, host: str | None = "default", headers: dict[str, str] | None = None
            ) -> tuple[int, dict[str, str], bytes]:
    """GET `path` from 127.0.0.1:`port` with this `Host` ("default": 127.0.0.1:port; None: no Host
    at all, as HTTP/1.0 allows)."""
    if host is None:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
            raw.sendall(f"GET {path} HTTP/1.0\r\n\r\n".encode())
            data = b""
            while chunk := raw.recv(65536):
                data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        fields = dict(line.split(": ", 1) for line in lines[1:])
        return int(lines[0].split()[1]), fields, body
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", f"127.0.0.1:{port}" if host == "default" else host)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@pytest.mark.parametrize(("host", "allowed"), [
    ("127.0.0.1:8123", True), ("localhost:8123", True), ("LOCALHOST:8123", True), ("[::1]:8123", True),
    ("127.0.0.1:8000", False), ("localhost", False), ("evil.example:8123", False), ("evil.example", False),
    ("127.0.0.1.evil.example:8123", False), ("localhost.:8123", False), ("0.0.0.0:8123", False),
    ("127.0.0.2:8123", False), ("", False), (None, False),
])
def test_only_the_loopback_names_with_the_servers_port_are_local(host: str | None, allowed: bool) -> None:
    assert local_host(host, 8123) is allowed


def test_without_a_port_only_port_80_is_local() -> None:
    assert local_host("localhost", 80) and local_host("127.0.0.1", 80) and not local_host("evil.example", 80)


@pytest.fixture(scope="module")
def preview_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """The preview's server, on a folder holding one page (no build: the Host rule comes first)."""
    built = tmp_path_factory.mktemp("preview-built")
    (built / "index.html").write_text("<html><head></head><body><h1>Accueil</h1></body></html>", encoding="utf-8")
    preview = preview_module.Preview(MINIMAL / "data", MINIMAL / "content", built.parent / "site", ROOT,
                                     build_date=BUILD_DATE, today=CHECK_DAY)
    preview.served = dataclasses.replace(preview.served, folder=built)
    server = preview_module.make_server(preview, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def test_the_preview_answers_its_own_addresses(preview_port: int) -> None:
    for host in (f"127.0.0.1:{preview_port}", f"localhost:{preview_port}", f"[::1]:{preview_port}"):
        status, _, body = request(preview_port, "/", host)
        assert status == 200 and b"<h1>Accueil</h1>" in body, host


@pytest.mark.parametrize("host", ["rebound.evil.example:{port}", "rebound.evil.example", "127.0.0.1:1"])
def test_the_preview_refuses_another_host_with_421(preview_port: int, host: str) -> None:
    for path in ("/", "/__preview__/wait?path=/&v=0", "/__preview__/reload.js"):
        status, fields, body = request(preview_port, path, host.format(port=preview_port))
        assert status == 421, (host, path)
        assert b"Accueil" not in body and fields["Content-Type"] == "text/plain; charset=utf-8"
        text = body.decode("utf-8")
        assert french("Cette adresse n'est pas celle de l'aperçu") in text
        assert f"http://127.0.0.1:{preview_port}/" in text


def test_the_preview_refuses_a_request_without_host_with_400(preview_port: int) -> None:
    status, _, body = request(preview_port, "/", None)
    assert status == 400 and b"Accueil" not in body


# ------------------------------------------------------------------------------------- serve-zip


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory, minimal_site) -> Path:
    """A reviewer's downloads folder: the minimal site's preview zipped as the workflow's artifact
    is (its files at the zip's root), beside a private file of the reviewer."""
    _, site = minimal_site
    folder = tmp_path_factory.mktemp("downloads")
    (folder / "secret.txt").write_text(SECRET, encoding="utf-8")
    (folder / "minimal").mkdir()
    (folder / "minimal" / "secret.txt").write_text(SECRET, encoding="utf-8")
    with zipfile.ZipFile(folder / "apercu-du-site-preview-7.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(site.rglob("*")):
            if file.is_file():
                archive.write(file, file.relative_to(site).as_posix())
        # Entries a hostile build could add: never a path outside the site.
        archive.writestr("../secret.txt", "from the zip, outside")
        archive.writestr("/etc/hostname", "absolute")
    return folder


@pytest.fixture(scope="module")
def zip_port(downloads: Path) -> Iterator[int]:
    previous = Path.cwd()
    os.chdir(downloads)  # as a reviewer would run it: from the folder holding the zip
    server = make_zip_server(ZipSite(downloads / "apercu-du-site-preview-7.zip"), 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        os.chdir(previous)
        server.shutdown()
        server.server_close()


def test_the_zip_is_served_at_the_sites_address_with_the_sites_policy(zip_port: int) -> None:
    status, fields, _ = request(zip_port, "/")
    assert status == 302 and fields["Location"] == "/minimal/"
    status, fields, body = request(zip_port, "/minimal/")
    assert status == 200 and b"<html" in body
    assert fields["Content-Security-Policy"] == POLICY
    assert "connect-src 'self'" in POLICY and "frame-ancestors 'none'" in POLICY
    assert fields["X-Content-Type-Options"] == "nosniff"
    assert fields["Content-Type"] == "text/html; charset=utf-8"
    status, fields, _ = request(zip_port, "/minimal/recommandations")
    assert status == 301 and fields["Location"] == "/minimal/recommandations/"
    assert request(zip_port, "/minimal/recommandations/")[0] == 200
    status, fields, body = request(zip_port, "/minimal/nowhere/")
    assert status == 404 and b"<html" in body


@pytest.mark.parametrize("path", [
    "/secret.txt", "/minimal/secret.txt", "/minimal/../secret.txt", "/minimal/%2e%2e/secret.txt",
    "/minimal/..%2fsecret.txt", "/minimal/%2e%2e%2f%2e%2e%2fsecret.txt", "/minimal//etc/hostname",
    "/minimal/..\\secret.txt", "//secret.txt", "/minimal/./secret.txt", "/../secret.txt",
])
def test_nothing_beside_the_zip_nor_outside_the_site_can_be_asked_for(zip_port: int, path: str) -> None:
    status, _, body = request(zip_port, path)
    assert status in (302, 404), path
    assert SECRET.encode() not in body and b"outside" not in body and b"absolute" not in body


def test_serve_zip_refuses_another_host_and_a_service_worker(zip_port: int) -> None:
    status, _, body = request(zip_port, "/minimal/", f"rebound.evil.example:{zip_port}")
    assert status == 421 and b"<html" not in body
    assert request(zip_port, "/minimal/", None)[0] == 400
    status, _, body = request(zip_port, "/minimal/assets/javascripts/search.js", headers={"Service-Worker": "script"})
    assert status == 403 and not body.startswith(b"//")


def test_a_zip_holding_the_site_in_one_folder_is_served_too(tmp_path: Path, minimal_site) -> None:
    _, site = minimal_site
    shutil.make_archive(str(tmp_path / "re-zipped"), "zip", site.parent, site.name)
    served = ZipSite(tmp_path / "re-zipped.zip")
    assert served.prefix == "/minimal/" and served.answer("/minimal/")[0] == 200


@pytest.mark.parametrize(("lang", "make", "said"), [
    ("fr", lambda p: p.write_text("pas un zip"), "n'est pas un fichier zip lisible"),
    ("fr", lambda p: None, "ce fichier n'existe pas"),
    ("fr", lambda p: zipfile.ZipFile(p, "w").writestr("notes.txt", "x"), "ne contient pas de site construit"),
    ("en", lambda p: p.write_text("not a zip"), "is not a zip file that can be read"),
])
def test_a_file_that_is_not_a_sites_zip_is_said_without_a_traceback(tmp_path: Path, lang: str, make, said: str
                                                                   ) -> None:
    file = tmp_path / "apercu.zip"
    make(file)
    done = subprocess.run([sys.executable, "-m", "generator", "serve-zip", str(file), "--lang", lang],
                          cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert (french(said) if lang == "fr" else said) in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
