"""Content-Security-Policy: a meta tag at the top of every built page.

Pages run only the site's own scripts: files served from the site, plus the inline scripts
Material writes (allowed one by one by their SHA-256 hash, computed from the built page). Pagefind
needs WebAssembly ('wasm-unsafe-eval') and a worker; styles may be inline (Material and our
progress bars set style attributes). Nothing may be loaded from another origin. JSON data blocks
(`application/json`, `application/ld+json`) are never executed, so they need no hash.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
_DATA_TYPES = ("application/json", "application/ld+json")
_HEAD = re.compile(r"<head\b[^>]*>", re.I)

POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)


def _is_inline_code(attributes: str) -> bool:
    if re.search(r"\bsrc\s*=", attributes, re.I):
        return False
    kind = re.search(r"""\btype\s*=\s*["']?([^"'\s>]+)""", attributes, re.I)
    return not (kind and kind.group(1).lower() in _DATA_TYPES)


def policy_for(html: str) -> str:
    hashes = sorted({
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        for attributes, body in _SCRIPT.findall(html) if _is_inline_code(attributes)
    })
    return POLICY.format(hashes="".join(" " + h for h in hashes))


def with_policy(html: str) -> str:
    """The page with its policy as the first element of <head> (before any script can run)."""
    head = _HEAD.search(html)
    if head is None or 'http-equiv="Content-Security-Policy"' in html:
        return html
    meta = f'\n<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return html[: head.end()] + meta + html[head.end():]


def apply(site_dir: Path, files: list[Path] | None = None) -> int:
    """Add the policy to `files` (default: every HTML file of the built site); returns how many
    pages got one. MkDocs' pages get theirs as they are written (generator/mkdocs_hooks.py): the
    build passes only the HTML files it writes itself (redirects)."""
    count = 0
    for page in sorted(site_dir.rglob("*.html")) if files is None else sorted(files):
        text = page.read_text(encoding="utf-8")
        updated = with_policy(text)
        if updated != text:
            page.write_text(updated, encoding="utf-8")
            count += 1
    return count
