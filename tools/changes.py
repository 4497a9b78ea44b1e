"""What a pull request changes, and so what it needs checked (.github/workflows/pull-request.yml,
`make pr-data-check`).

    python tools/changes.py scope --base origin/main [--github]
        `data` when every file the branch changed since it left BASE (`git diff BASE...HEAD`, renames
        as a removal and an addition) is a record, a page or an uploaded sheet (DATA: data/, content/,
        imports/): the fast check is enough. `full` for anything else (code, theme, dependencies,
        workflows, documents, a path nobody listed), and when the changed files cannot be listed:
        every test. --github: also `scope=` in $GITHUB_OUTPUT and a summary, French first, in
        $GITHUB_STEP_SUMMARY.

    python tools/changes.py pages --base origin/main --site site [--out FILE] [--limit 40]
        the pages of the built `site` that a data change changed: BASE is checked out in build/base
        and built into build/base-site (without the search index), and every HTML page is compared
        with its twin, byte for byte (a page quotes only its own record's version, never the data's).
        Prints the pages, one path a line from the site's root (`/` is the home page), or writes them
        to FILE; above --limit pages, takes that many, every kind of page (its first folder) in turn.
        The browser checks of tests/browser/test_changed_pages.py visit them (DDS_PAGES=FILE).

The deploy workflow runs every test before publishing, whatever a pull request's scope was.
Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from itertools import zip_longest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The folders a City editor changes: the records, the hand-written pages and the sheets uploaded for
#: the import. A change made only of these needs the fast check; any other path, every test.
DATA = ("data/", "content/", "imports/")
#: Where `pages` checks out BASE and builds its data and pages.
BASE_TREE = ROOT / "build" / "base"
BASE_SITE = ROOT / "build" / "base-site"
LIMIT = 40


#: The names git accepts for --base (generator/records/history.py, `revision_name_problem`, says the same
#: rule to editors; this tool runs before the project is installed, so the rule is written here again):
#: a ref's name as check-ref-format allows it, then `~N` or `^N`. The workflows give the pull request's base
#: branch, whose name anyone who can push a branch chooses: refused, it never reaches git as an option.
_SUFFIXES = re.compile(r"(?:[~^][0-9]*)*\Z")
_NOT_IN_A_REF = re.compile(r"[\x00-\x20\x7f~^:?*\[\\]|\.\.|@\{|//|\A[-/]|/\Z|\.\Z|\A@\Z|(?:\A|/)\.|\.lock(?:/|\Z)")


def revision(value: str) -> str:
    """--base: a branch, tag or commit name as git writes one; anything else stops the command (exit 2)."""
    name = value[: _SUFFIXES.search(value).start()]  # type: ignore[union-attr]  # the empty suffix always matches
    if name and not _NOT_IN_A_REF.search(name):
        return value
    shown = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in value)[:200]
    raise argparse.ArgumentTypeError(
        f"« {shown} » n’est pas un nom de branche ou de commit que git accepte : donnez la branche à comparer, par "
        f"exemple origin/main. · \"{shown}\" is not a branch or commit name git accepts: give the branch to compare "
        "with, e.g. origin/main.")


class Unknown(Exception):
    """The changed files could not be listed (an unknown BASE, a history fetched without it)."""


def changed_files(base: str, cwd: Path | None = None) -> list[str]:
    """Every file the branch changed since it left `base`: added, modified, removed, and both names
    of a renamed file."""
    done = subprocess.run(["git", "diff", "--name-only", "--no-renames", "-z", f"{base}...HEAD", "--"],
                          cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise Unknown(done.stderr.strip() or f"git diff {base}...HEAD failed")
    return sorted(name for name in done.stdout.split("\0") if name)


def scope(paths: list[str]) -> str:
    """`data` when every path is under DATA, `full` otherwise (an empty list included: nothing to
    judge by is no reason to check less)."""
    return "data" if paths and all(path.startswith(DATA) for path in paths) else "full"


def others(paths: list[str]) -> list[str]:
    """The paths that are not data, which make a change need every test."""
    return [path for path in paths if not path.startswith(DATA)]


def scope_summary(chosen: str, paths: list[str], base: str, error: str = "") -> str:
    """What the step summary says, French first."""
    lines = ["### Ce que la demande modifie · *What the pull request changes*", ""]
    if error:
        lines += [f"Les fichiers modifiés depuis `{base}` n’ont pas pu être listés ({error}) : tous les tests.",
                  f"*The files changed since `{base}` could not be listed: every test.*"]
    elif chosen == "data":
        lines += ["Seulement des fiches, des pages ou des tableurs (`data/`, `content/`, `imports/`) : "
                  "vérification rapide, soit les fiches comparées à la branche principale, la construction du "
                  "site, ses liens, les tests du site construit et les pages modifiées dans le navigateur "
                  "(accessibilité, affichage à 320 px).",
                  "*Only records, pages or sheets: the fast check (the records against the base branch, the "
                  "build, its links, the tests of the built site, the changed pages in the browser).*"]
    else:
        shown = others(paths)
        named = ", ".join(f"`{path}`" for path in shown[:5]) + (" …" if len(shown) > 5 else "")
        lines += [f"Autre chose que des fiches et des pages ({named or 'aucun fichier'}) : tous les tests.",
                  "*Something other than records and pages: every test.*"]
    lines += ["", f"{len(paths)} fichier(s) modifié(s) · *file(s) changed*"]
    return "\n".join(lines) + "\n"


def _append(variable: str, text: str) -> None:
    target = os.environ.get(variable)
    if target:
        with open(target, "a", encoding="utf-8") as stream:
            stream.write(text)


def cmd_scope(args: argparse.Namespace) -> int:
    try:
        paths, error = changed_files(args.base), ""
    except Unknown as unknown:
        paths, error = [], str(unknown)
    chosen = "full" if error else scope(paths)
    print(chosen)
    for path in paths:
        print(f"  {path}{'' if path.startswith(DATA) else '   <- not data: every test'}", file=sys.stderr)
    if args.github:
        if error:
            print(f"::warning title=Fichiers modifiés inconnus · Changed files unknown::Les fichiers modifiés "
                  f"depuis {args.base} n’ont pas pu être listés : tous les tests. · The changed files could not "
                  f"be listed: every test. ({error})")
        _append("GITHUB_OUTPUT", f"scope={chosen}\n")
        _append("GITHUB_STEP_SUMMARY", scope_summary(chosen, paths, args.base, error))
    return 0


# --------------------------------------------------------------------------- the changed pages


def html_pages(site: Path) -> dict[str, Path]:
    """The site's pages by address from its root: `/`, `/recommandations/x/`, `/404.html`. The search
    bundle and the theme's assets are not pages."""
    found = {}
    for path in site.rglob("*.html"):
        relative = path.relative_to(site).as_posix()
        if relative.startswith(("pagefind/", "assets/")):
            continue
        address = "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)
        found[address] = path
    return found


def changed_pages(base_site: Path | None, site: Path) -> list[str]:
    """The pages of `site` that are new or differ from `base_site`'s. A page changes only when what
    it shows does: a measure's citation quotes that measure's version (SiteModel.version_of), not
    the data's, which any edit changes. Without a base site, every page."""
    pages = html_pages(site)
    if base_site is None:
        return sorted(pages)
    before = html_pages(base_site)
    return sorted(address for address, path in pages.items()
                  if address not in before or path.read_bytes() != before[address].read_bytes())


def kind(address: str) -> str:
    """A page's kind: its first folder, whatever its language (`/en/sujets/x/` is `sujets`)."""
    parts = address.strip("/").split("/")
    if parts[0] == "en":
        parts = parts[1:]
    return parts[0] if len(parts) > 1 or (parts and address.endswith("/")) else ""


def choose(addresses: list[str], limit: int) -> list[str]:
    """At most `limit` pages: every kind in turn, so that each kind of page changed is visited."""
    if len(addresses) <= limit:
        return addresses
    kinds: dict[str, list[str]] = {}
    for address in sorted(addresses):
        kinds.setdefault(kind(address), []).append(address)
    turns = zip_longest(*(kinds[name] for name in sorted(kinds)))
    chosen = [address for turn in turns for address in turn if address is not None]
    return sorted(chosen[:limit])


def build_base(base: str) -> Path | None:
    """BASE checked out in a worktree of its own (BASE_TREE) and built there as it is, into BASE_SITE,
    on the day `site` was built (SOURCE_DATE_EPOCH, as given); None when it cannot be checked out or
    built. Built in its own worktree, the pages that read the history (the translation report) read
    BASE's; when a branch changed only data, BASE's code is this code."""
    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)

    git("worktree", "remove", "--force", str(BASE_TREE))
    git("worktree", "prune")
    shutil.rmtree(BASE_TREE, ignore_errors=True)
    shutil.rmtree(BASE_SITE, ignore_errors=True)
    added = git("worktree", "add", "--detach", "--quiet", str(BASE_TREE), base)
    if added.returncode != 0:
        print(f"{base} could not be checked out: {added.stderr.strip()}", file=sys.stderr)
        return None
    try:
        built = subprocess.run([sys.executable, "-m", "generator", "build", "--no-search", "--out", str(BASE_SITE)],
                               cwd=BASE_TREE, capture_output=True, text=True, check=False)
    finally:
        git("worktree", "remove", "--force", str(BASE_TREE))
    if built.returncode != 0:
        print(f"{base}'s data and pages could not be built:\n{built.stdout}{built.stderr}", file=sys.stderr)
        return None
    return BASE_SITE


def build_day_epoch(site: Path) -> str | None:
    """SOURCE_DATE_EPOCH for the day `site` was built (build-info.json's build_day)."""
    try:
        day = date.fromisoformat(json.loads((site / "build-info.json").read_text(encoding="utf-8"))["build_day"])
    except (OSError, ValueError, KeyError):
        return None
    return str(int(datetime(day.year, day.month, day.day, 12, tzinfo=UTC).timestamp()))


def cmd_pages(args: argparse.Namespace) -> int:
    site = Path(args.site)
    if not (site / "index.html").is_file():
        sys.exit(f"{site} is not a built site: run `make build` first.")
    if "SOURCE_DATE_EPOCH" not in os.environ and (epoch := build_day_epoch(site)):
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    base_site = build_base(args.base)
    changed = changed_pages(base_site, site)
    chosen = choose(changed, args.limit)
    said = (f"{len(changed)} page(s) modifiée(s) par rapport à {args.base}" if base_site else
            f"les pages de {args.base} n’ont pas pu être construites : toutes les pages ({len(changed)}) comptent")
    said += f", {len(chosen)} vérifiée(s) dans le navigateur." if chosen else ", rien à vérifier dans le navigateur."
    english = (f"{len(changed)} page(s) changed from {args.base}" if base_site else
               f"{args.base}'s pages could not be built: every page ({len(changed)}) counts")
    english += f", {len(chosen)} checked in the browser." if chosen else ", nothing to check in the browser."
    print(said, file=sys.stderr)
    print(english, file=sys.stderr)
    listing = "".join(f"{address}\n" for address in chosen)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(listing, encoding="utf-8")
    else:
        sys.stdout.write(listing)
    shown = "".join(f"- `{address}`\n" for address in chosen[:20]) + ("- …\n" if len(chosen) > 20 else "")
    _append("GITHUB_STEP_SUMMARY", f"\n### Pages modifiées · *Changed pages*\n\n{said}\n*{english}*\n\n{shown}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/changes.py", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    s = commands.add_parser("scope", help="data or full: what the branch's changes since BASE need")
    s.add_argument("--base", required=True, type=revision, help="the base branch or commit (e.g. origin/main)")
    s.add_argument("--github", action="store_true", help="also write scope= to $GITHUB_OUTPUT and a summary")
    s.set_defaults(func=cmd_scope)
    p = commands.add_parser("pages", help="the pages of a built site that differ from BASE's")
    p.add_argument("--base", required=True, type=revision, help="the base branch or commit (e.g. origin/main)")
    p.add_argument("--site", default="site", help="the built site (default: site)")
    p.add_argument("--out", help="write the list to this file (default: print it)")
    p.add_argument("--limit", type=int, default=LIMIT, help=f"at most this many pages (default: {LIMIT})")
    p.set_defaults(func=cmd_pages)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
