"""Every page carries a Content-Security-Policy that allows only the site's own scripts."""

from __future__ import annotations

import re

from generator.csp import policy_for, with_policy


def test_every_page_has_the_policy_first_in_head(real_site) -> None:
    _, site = real_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        html = page.read_text(encoding="utf-8")
        head = re.search(r"<head[^>]*>\s*(<[^>]+>)", html)
        assert head and head.group(1).startswith('<meta http-equiv="Content-Security-Policy"'), page
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)[1]
        assert "default-src 'self'" in policy and "object-src 'none'" in policy
        assert "unsafe-eval'" not in policy.replace("wasm-unsafe-eval'", "")
        assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0], page


def test_inline_scripts_are_allowed_by_hash_and_data_blocks_need_none() -> None:
    html = ("<html><head><title>x</title></head><body><script>var a = 1;</script>"
            '<script src="x.js"></script><script type="application/ld+json">{"a": 1}</script></body></html>')
    policy = policy_for(html)
    assert policy.count("'sha256-") == 1
    assert "'sha256-+dZ6udsWxNVoGfScAq7t5IIF5UJb4F6RhjbN6oe1p4w='" in policy  # sha256 of 'var a = 1;'
    out = with_policy(html)
    assert out.index("Content-Security-Policy") < out.index("<title>")
    assert with_policy(out) == out  # applied once
