"""Content-Security-Policy: a meta tag at the top of every built page.

Pages run only the scripts the site serves as files: the theme's (Material's bundle, and
Material's small inline scripts moved into `assets/javascripts/material-inline.js` by the
overrides in `theme/overrides/partials/javascripts/`), ours and Pagefind's. No inline script is
allowed at all — no hash, no nonce, no 'unsafe-inline' — so the policy is the same for every page
and owes nothing to what a page holds: a `<script>` that reaches a page through a record, a page
or a template mistake is refused by the browser, whatever it contains. (Until issue 11 the policy
hashed every inline script found in the finished page, which allowed injected ones too.)

Pagefind needs WebAssembly ('wasm-unsafe-eval') and a worker; styles may be inline (Material and
our progress bars set style attributes). Nothing may be loaded from another origin. JSON data
blocks (`application/json`, `application/ld+json`) are never executed and need no permission.
"""

from __future__ import annotations

from pathlib import Path

from ..records.html_tokens import END, START, TEXT, first_start_tag, tokens

POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)

_META = f'\n<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
_DATA_TYPES = ("application/json", "application/ld+json")


def inline_scripts(html: str) -> list[str]:
    """The inline scripts a browser would run in `html` (not JSON data blocks, not `src` files):
    the policy refuses every one of them. Used by tests to prove the theme ships none."""
    found = []
    script: list[str] | None = None  # the open <script> that runs: its body so far
    for token in tokens(html):
        if token.kind == START and token.name == "script":
            kind = (token.attr("type") or "").strip().lower()
            script = None if token.has_attr("src") or kind in _DATA_TYPES else []
        elif script is not None and token.kind == TEXT:
            script.append(token.source)
        elif script is not None and token.kind == END and token.name == "script":
            found.append("".join(script))
            script = None
    return found


def with_policy(html: str) -> str:
    """The page with the policy as the first element of <head> (before any script can run)."""
    head = first_start_tag(html, "head")
    if head is None:
        return html
    end = head[0] + len(head[1].source)
    # Applied once: only the tag this function writes, right after <head>, counts (a page that
    # merely quotes the words, in a code example, still gets its policy).
    if html.startswith(_META, end):
        return html
    return html[:end] + _META + html[end:]


def apply(site_dir: Path, files: list[Path] | None = None) -> int:
    """Add the policy to `files` (default: every HTML file of the built site); returns how many
    pages got one. MkDocs' pages get theirs as they are written (generator/engine/plugin.py): the
    build passes only the HTML files it writes itself (redirects)."""
    count = 0
    for page in sorted(site_dir.rglob("*.html")) if files is None else sorted(files):
        text = page.read_text(encoding="utf-8")
        updated = with_policy(text)
        if updated != text:
            page.write_text(updated, encoding="utf-8")
            count += 1
    return count
