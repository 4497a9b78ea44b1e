"""docs/architecture.md walks "add a language" through every file that names one (issue 26): a file of
generator/ or theme/ that writes a language's code as a quoted string ("fr", 'en') and is not in that
walk would be missed by whoever adds German."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LITERAL = re.compile(r"""["'](fr|en)["']""")


def walk() -> str:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    return text.split("**To add a language**", 1)[1].split("\n\n", 1)[1].split("\n## ", 1)[0]


def named(text: str) -> set[str]:
    """The files the walk names: `generator/…` and `theme/…` paths, `assets/…` of theme/overrides/, and
    a bare name after a path of the same folder (`theme/overrides/404.html`, `main.html`…;
    `pages/x.html` after `theme/templates/…`; `search.js` after `assets/javascripts/cite.js`)."""
    found: set[str] = set()
    folder = ""
    for name in re.findall(r"`([^`\s]+\.(?:py|html|js))`", text):
        if name.startswith(("generator/", "theme/")):
            found.add(name)
            folder = name.rsplit("/", 1)[0] + "/"
            if folder.endswith("/partials/"):
                folder = folder[: -len("partials/")]
            elif folder.endswith("/pages/"):
                folder = folder[: -len("pages/")]
        elif name.startswith("assets/"):
            found.add("theme/overrides/" + name)
            folder = "theme/overrides/" + name.rsplit("/", 1)[0] + "/"
        else:
            found.add(folder + name)
    return found


def test_every_file_that_names_a_language_is_in_the_walk() -> None:
    files = sorted(path.relative_to(ROOT).as_posix() for folder in ("generator", "theme")
                   for path in (ROOT / folder).rglob("*") if path.suffix in (".py", ".html", ".js")
                   and "__pycache__" not in path.parts and LITERAL.search(path.read_text(encoding="utf-8")))
    assert len(files) > 20
    listed = named(walk())
    missing = [name for name in files if name not in listed]
    assert not missing, f"docs/architecture.md's « To add a language » does not name: {missing}"
    gone = sorted(name for name in listed if not (ROOT / name).is_file())
    assert not gone, f"docs/architecture.md's « To add a language » names files that do not exist: {gone}"
