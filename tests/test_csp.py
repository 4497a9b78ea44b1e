"""Every page carries a Content-Security-Policy that allows only the scripts the site serves as
files: no inline script at all, so a script that reaches a page by any other way never runs."""

from __future__ import annotations

import re
from pathlib import Path

import material
import yaml

from generator.engine.csp import POLICY, inline_scripts, with_policy

ROOT = Path(__file__).resolve().parent.parent
MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "theme" / "overrides"


def test_every_page_has_the_same_policy_first_in_head(real_site) -> None:
    _, site = real_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        html = page.read_text(encoding="utf-8")
        head = re.search(r"<head[^>]*>\s*(<[^>]+>)", html)
        assert head and head.group(1).startswith('<meta http-equiv="Content-Security-Policy"'), page
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)[1]
        assert policy == POLICY, page


def test_the_policy_allows_no_inline_script() -> None:
    script_src = POLICY.split("script-src", 1)[1].split(";", 1)[0]
    assert script_src.split() == ["'self'", "'wasm-unsafe-eval'"]
    assert "default-src 'self'" in POLICY and "object-src 'none'" in POLICY and "base-uri 'self'" in POLICY


def test_no_built_page_needs_an_inline_script(real_site) -> None:
    """The theme ships none (Material's moved to assets/javascripts/material-inline.js): nothing the
    policy refuses is needed for the site to work."""
    _, site = real_site
    for page in sorted(site.rglob("*.html")):
        assert inline_scripts(page.read_text(encoding="utf-8")) == [], page


def test_every_inline_script_of_material_is_replaced_or_unused() -> None:
    """Each Material template with an inline script is overridden here, or belongs to a feature
    this site does not turn on. A Material upgrade that adds one makes this test fail."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    unused = {
        # analytics: no `extra.analytics` in mkdocs.yml
        "partials/integrations/analytics.html", "partials/integrations/analytics/google.html",
        # the redirects plugin's template: not installed (our redirects are generator/publish/redirects.py)
        "redirect.html",
    }
    assert "analytics" not in (config.get("extra") or {})
    assert not any("redirects" in str(p) for p in config["plugins"])
    with_inline = sorted(
        str(path.relative_to(MATERIAL)) for path in MATERIAL.rglob("*.html")
        if inline_scripts(path.read_text(encoding="utf-8"))
    )
    assert "partials/javascripts/base.html" in with_inline  # the scan finds them
    for name in with_inline:
        assert name in unused or (OVERRIDES / name).is_file(), name
        if (OVERRIDES / name).is_file():
            assert inline_scripts((OVERRIDES / name).read_text(encoding="utf-8")) == [], name


def test_the_policy_owes_nothing_to_the_page() -> None:
    clean = "<html><head><title>x</title></head><body><p>x</p></body></html>"
    injected = clean.replace("<p>x</p>", "<script>alert(1)</script><p>x</p>")
    assert with_policy(injected).replace("<script>alert(1)</script>", "") == with_policy(clean)
    assert "sha256" not in with_policy(injected)
    out = with_policy(clean)
    assert out.index("Content-Security-Policy") < out.index("<title>")
    assert with_policy(out) == out  # applied once
    # A page that quotes the policy's words in its text still gets the policy.
    quoting = clean.replace("<p>x</p>", '<code>http-equiv="Content-Security-Policy"</code>')
    assert with_policy(quoting).count("Content-Security-Policy") == 2


def test_inline_scripts_found_are_the_executable_ones() -> None:
    html = ('<script>var a = 1;</script><script src="x.js"></script><script type="application/ld+json">{"a": 1}'
            '</script><script type="application/json">{}</script><SCRIPT type=module>b()</SCRIPT >')
    assert inline_scripts(html) == ["var a = 1;", "b()"]
