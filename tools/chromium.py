"""Which Chromium the browser tests, tools/screenshots.py and tools/bench.py drive: one setting.

DDS_CHROMIUM names it:
- unset: Debian's Chromium, /usr/bin/chromium (what .ci/run installs with apt-get);
- a path: that executable;
- `playwright`: the Chromium that Playwright downloads for its own version
  (`.venv/bin/python -m playwright install --with-deps chromium`), as the GitHub workflows do: on
  GitHub's ubuntu-latest, apt's `chromium` is only a stub that installs a snap.

    python tools/chromium.py      prints the executable that DDS_CHROMIUM names, or why there is none
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV = "DDS_CHROMIUM"
DEFAULT = "/usr/bin/chromium"
PLAYWRIGHT = "playwright"
#: Headless, offline and quiet: no sandbox (CI containers run as root), no GPU, no update checks.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]


class Missing(Exception):
    """The Chromium that DDS_CHROMIUM names is not installed; the message says how to install it."""


def executable(playwright=None) -> Path:
    """The Chromium executable that DDS_CHROMIUM names. `playwright` (a started sync_playwright())
    is needed only for DDS_CHROMIUM=playwright; without it, one is started for the question."""
    setting = os.environ.get(ENV, "").strip() or DEFAULT
    if setting == PLAYWRIGHT:
        if playwright is None:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as started:
                path = Path(started.chromium.executable_path)
        else:
            path = Path(playwright.chromium.executable_path)
        how = "install it with `.venv/bin/python -m playwright install --with-deps chromium`"
    else:
        path = Path(setting)
        how = ("install Debian's with `apt-get install chromium` (.ci/run does), or set DDS_CHROMIUM to a "
               "Chromium executable, or to `playwright` for Playwright's own")
    if not path.is_file():
        raise Missing(f"Chromium is missing: {path} does not exist ({ENV}={setting}); {how}.")
    return path


def launch(playwright, args: list[str] | tuple[str, ...] = ()):
    """Launch the Chromium that DDS_CHROMIUM names, headless, with ARGS and `args`."""
    return playwright.chromium.launch(executable_path=str(executable(playwright)), args=[*ARGS, *args])


if __name__ == "__main__":
    try:
        print(executable())
    except Missing as missing:
        sys.exit(str(missing))
