"""Serving a built site on this computer only: the rule both local servers follow, and `serve-zip`.

`local_host` is the rule of every server the project runs on a reviewer's or an editor's computer
(this one and the preview, generator/preview.py): it answers only a request whose `Host` header
names the loopback address it listens on (localhost, 127.0.0.1 or [::1], with its port). A page of
any other site open in the same browser can make a name of its own resolve to 127.0.0.1 (DNS
rebinding) and then read, as that name's own pages, whatever the server gives: its `Host` header
still carries the other name, and gets 421 (400 when there is none).

`python -m generator serve-zip FILE.zip` (`make review-preview ZIP=FILE.zip`) opens a pull request's
preview (the artifact the pull-request workflow uploads: the built site, zipped). A pull request
that changes the code also writes that site, scripts included; served by `python3 -m http.server`
from the folder it was unzipped in, its scripts could read every file of that folder and below (the
reviewer's downloads, say). Here nothing is unzipped and no folder is served: each answer is read
from the zip's own entries, by name, and nothing else on the disk can be asked for. The answers carry
the site's Content-Security-Policy (generator/engine/csp.py) as a header, which a page's own meta tag
can only narrow: its scripts can load nothing from, nor send anything to, another origin. A
service worker (which would outlive the review and answer, on the same address, the next site
served there) is refused, and the default port is not the preview's (8001, not 8000).

The reviewer runs it from their own copy of the main branch, never from the pull request's branch:
that branch's code is the pull request's too.
"""

from __future__ import annotations

import http.server
import mimetypes
import posixpath
import re
import socket
import urllib.parse
import zipfile
from pathlib import Path
from typing import cast

from .engine import csp
from .records.catalogue import _, speaking_to_editors

#: The names of this computer's loopback address that a browser sends in `Host`.
LOOPBACK = ("localhost", "127.0.0.1", "[::1]")
#: serve-zip's default port: not the preview's (8000), so that what a reviewed site leaves in the
#: browser for its address (storage, cookies) is not shared with the editor's own preview.
REVIEW_PORT = 8001
#: A zip with more entries, or an entry larger than this, is not a site this project builds (the
#: real site: a few hundred files; 10,000 recommendations: about 45,000, the largest a few MB).
MAX_ENTRIES = 500_000
MAX_ENTRY_BYTES = 256 * 1024 * 1024
#: The answers' policy: the site's own, and no page of another site may frame it.
POLICY = csp.POLICY + "; frame-ancestors 'none'"
#: A site's folder under its address (`/droit-de-suite/`), as the sitemap gives it.
_PREFIX = re.compile(r"^(/[A-Za-z0-9._~-]+)*/$")
_LOC = re.compile(rb"<loc>\s*([^<\s]+)\s*</loc>")
_TYPES = {".wasm": "application/wasm", ".js": "text/javascript", ".mjs": "text/javascript", ".ics": "text/calendar",
          ".json": "application/json", ".svg": "image/svg+xml", ".woff2": "font/woff2", ".webmanifest":
          "application/manifest+json", ".csv": "text/csv", ".xml": "application/xml", ".gz": "application/gzip"}


def local_host(host: str | None, port: int) -> bool:
    """Whether a request's `Host` header names this computer's loopback address with `port`
    (without a port only for port 80, which browsers leave out)."""
    if not host:
        return False
    named = host.strip().lower()
    return named in {f"{name}:{port}" for name in LOOPBACK} or (port == 80 and named in LOOPBACK)


def refuse_foreign_host(handler: http.server.BaseHTTPRequestHandler) -> bool:
    """Answer 400 (no `Host`) or 421 (another name) and return True, unless the request names this
    server's loopback address with its port (`local_host`). The answer is plain text, in the
    editor's language."""
    port = cast(http.server.HTTPServer, handler.server).server_port
    host = handler.headers.get("Host")
    if local_host(host, port):
        return False
    status = 400 if not host else 421
    text = _("serve_host_refused", host=(host or "")[:200], port=port)
    data = (text + "\n").encode("utf-8")
    handler.send_response(status)
    handler.send_header("Content-Type", "text/plain; charset=utf-8")
    handler.send_header("Content-Length", str(len(data)))
    handler.send_header("X-Content-Type-Options", "nosniff")
    handler.send_header("Cache-Control", "no-store")
    handler.send_header("Connection", "close")
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(data)
    handler.close_connection = True
    return True


def free_port(taken: int) -> int:
    """The first port after `taken` that can be listened on (up to 100 further), else 8001, to
    suggest instead of `taken`."""
    for port in range(taken + 1, min(taken + 101, 65536)):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    return 8001


class ZipError(Exception):
    """The file is not a built site's zip (its message says why, in the editor's language)."""


class ZipSite:
    """A built site read from its zip, entry by entry: never unzipped, never a folder.

    The pull-request workflow's artifact holds the site's files at its root; a zip made again by
    hand may hold them in one folder, which is then taken as the root. `prefix` is the site's
    folder in its address (`/droit-de-suite/`, from the sitemap's first address), where it is served
    as on GitHub Pages: the pages' few absolute links (the 404 page's) then work."""

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise ZipError(_("serve_zip_not_found", file=path))
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError):
            raise ZipError(_("serve_zip_not_a_zip", file=path)) from None
        infos = self.zip.infolist()
        if len(infos) > MAX_ENTRIES:
            raise ZipError(_("serve_zip_too_many", file=path, count=len(infos), limit=MAX_ENTRIES))
        entries = {name: info for info in infos if not info.is_dir() and (name := _entry_name(info.filename))}
        if "index.html" not in entries:
            tops = {name.split("/", 1)[0] for name in entries}
            top = next(iter(tops)) if len(tops) == 1 else ""
            if f"{top}/index.html" in entries:
                entries = {name[len(top) + 1:]: info for name, info in entries.items()}
        if "index.html" not in entries:
            raise ZipError(_("serve_zip_no_site", file=path))
        self.entries = entries
        self.prefix = self._prefix()

    def read(self, name: str) -> bytes | None:
        """The entry `name` (a path from the site's root), or None when the zip has none (or one
        larger than MAX_ENTRY_BYTES, whatever its header says)."""
        info = self.entries.get(name)
        if info is None or info.file_size > MAX_ENTRY_BYTES:
            return None
        try:
            with self.zip.open(info) as stream:
                data = stream.read(MAX_ENTRY_BYTES + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
            return None
        return data if len(data) <= MAX_ENTRY_BYTES else None

    def _prefix(self) -> str:
        sitemap = self.read("sitemap.xml") or b""
        found = _LOC.search(sitemap)
        path = urllib.parse.urlsplit(found.group(1).decode("utf-8", "replace")).path if found else "/"
        path = path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"
        return path if _PREFIX.match(path) else "/"

    def answer(self, url_path: str) -> tuple[int, str, bytes | str]:
        """(status, content type or "redirect", bytes or the address to go to) for a request's path."""
        path = urllib.parse.unquote(urllib.parse.urlsplit(url_path).path)
        if not path.startswith(self.prefix):
            if path in ("/", "") or path + "/" == self.prefix:
                return 302, "redirect", self.prefix
            return self._not_found()
        name = path[len(self.prefix):]
        if name == "" or name.endswith("/"):
            name += "index.html"
        if _entry_name(name) != name:
            return self._not_found()
        data = self.read(name)
        if data is not None:
            return 200, content_type(name), data
        if f"{name}/index.html" in self.entries:
            return 301, "redirect", urllib.parse.quote(path) + "/"
        return self._not_found()

    def _not_found(self) -> tuple[int, str, bytes]:
        page = self.read("404.html")
        return 404, "text/html; charset=utf-8" if page is not None else "text/plain; charset=utf-8", page or b"404\n"


def _entry_name(name: str) -> str:
    """A zip entry's name as a path from the site's root, or "" for one that is not a plain
    relative path (absolute, with `..`, a backslash or a control character): never served."""
    if not name or "\\" in name or any(ord(c) < 32 for c in name) or name.startswith("/"):
        return ""
    normal = posixpath.normpath(name)
    if normal != name.rstrip("/") or normal.startswith("..") or normal == ".":
        return ""
    return normal


def content_type(name: str) -> str:
    suffix = posixpath.splitext(name)[1].lower()
    kind = _TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    text = kind.startswith("text/") or kind in ("application/json", "application/xml", "image/svg+xml")
    return f"{kind}; charset=utf-8" if text else kind


class LocalHandler(http.server.BaseHTTPRequestHandler):
    """What both servers share: GET and HEAD only, a request refused unless its `Host` is this
    computer's (`refuse_foreign_host`), everything said in `lang`, each answer with `HEADERS`
    besides its type and length, never cached, and no log line. A subclass writes `reply`."""

    lang = "fr"
    HEADERS: tuple[tuple[str, str], ...] = ()

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def _respond(self, head: bool) -> None:
        with speaking_to_editors(self.lang):  # a server's threads start in French
            if not refuse_foreign_host(self):
                self.reply(head)

    def reply(self, head: bool) -> None:
        raise NotImplementedError

    def send(self, status: int, kind: str, data: bytes, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for name, value in self.HEADERS:
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def redirect(self, status: int, location: str) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def loopback_server(handler: type[LocalHandler], port: int) -> http.server.ThreadingHTTPServer:
    """`handler`'s server on 127.0.0.1:`port` (0: any free port), one thread a request. Call serve_forever()."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    return server


def make_zip_server(site: ZipSite, port: int, lang: str = "fr") -> http.server.ThreadingHTTPServer:
    """The server of `site` on 127.0.0.1:`port` (0: any free port). Call serve_forever()."""
    class Handler(LocalHandler):
        HEADERS = (("Content-Security-Policy", POLICY), ("X-Content-Type-Options", "nosniff"),
                   ("Referrer-Policy", "no-referrer"), ("Cross-Origin-Opener-Policy", "same-origin"),
                   ("Cross-Origin-Resource-Policy", "same-origin"))

        def reply(self, head: bool) -> None:
            if self.headers.get("Service-Worker"):
                # A service worker's script: refused, so that nothing of the reviewed site stays in
                # the browser to answer for the next site served at this address.
                return self.send(403, "text/plain; charset=utf-8", b"403\n", head)
            status, kind, data = site.answer(self.path)
            if isinstance(data, str):
                return self.redirect(status, data)
            return self.send(status, kind, data, head)

    Handler.lang = lang
    return loopback_server(Handler, port)
