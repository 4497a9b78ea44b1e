"""Command line: the only place that prints or exits.

    python -m generator check [--data DIR] [--content DIR] [--format text|github] [--publish]
    python -m generator build [--data DIR] [--content DIR] [--out DIR] [--demo]
    python -m generator serve [--data DIR] [--content DIR] [--out DIR] [--port 8000] [--demo]
    python -m generator schemas [--check]
    python -m generator new recommendation|hearing|meeting|follow-up [...]   (see generator/new.py)

Exit codes: 0 when there is no error (warnings allowed), 1 when the data has errors, 2 when a
tool the build runs failed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import build as pipeline
from .problems import Problem, sort_problems, summary

PROJECT = pipeline.PROJECT
DEMO = PROJECT / "tests" / "fixtures" / "demo"


def _print_problems(problems: list[Problem], fmt: str, *, built: bool) -> None:
    problems = sort_problems(problems)
    for problem in problems:
        print(problem.github() if fmt == "github" else problem.text())
    if fmt == "text" or problems:
        print(summary(problems, built=built))
    if fmt == "github":
        _step_summary(problems, built=built)


def _step_summary(problems: list[Problem], *, built: bool) -> None:
    """GitHub shows only the first ten annotations of a step beside the lines: the whole list also
    goes to the run's summary page (the file GitHub names in GITHUB_STEP_SUMMARY), in plain text."""
    import os

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    lines = ["### Vérification des fiches / Records check", "", summary(problems, built=built), ""]
    if problems:
        lines += ["````text", *(p.text() for p in problems), "````", ""]  # messages may quote ```
    try:
        with open(target, "a", encoding="utf-8") as stream:
            stream.write("\n".join(lines))
    except OSError as error:
        print(f"The summary could not be written to {target} ({error.strerror}).", file=sys.stderr)


def _paths(args: argparse.Namespace) -> tuple[Path, Path]:
    if getattr(args, "demo", False):
        return DEMO / "data", DEMO / "content"
    return Path(args.data), Path(args.content)


def cmd_check(args: argparse.Namespace) -> int:
    data, content = _paths(args)
    _, _, problems = pipeline.check(data, content, Path.cwd(), publishing=args.publish)
    _print_problems(problems, args.format, built=False)
    return 1 if any(p.is_error for p in problems) else 0


def cmd_build(args: argparse.Namespace) -> int:
    data, content = _paths(args)
    try:
        result = pipeline.build(data, content, Path(args.out), Path.cwd(),
                                fictional=args.demo, search=not args.no_search)
    except pipeline.BuildError as exc:
        print(exc, file=sys.stderr)
        return 2
    _print_problems(result.problems, args.format, built=result.ok)
    if result.ok:
        print(f"Built {len(result.pages)} pages into {args.out}/.")
    return 0 if result.ok else 1


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    data, content = _paths(args)
    return serve(data, content, Path(args.out), port=args.port, fictional=args.demo)


def cmd_schemas(args: argparse.Namespace) -> int:
    from .jsonschema import write_schemas

    stale = write_schemas(PROJECT / "schemas", check_only=args.check)
    if args.check and stale:
        for name in stale:
            print(f"schemas/{name} is out of date. Run `python -m generator schemas` and commit the result.")
        return 1
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m generator", description="Build the droit-de-suite site.")
    sub = p.add_subparsers(dest="command", required=True)

    def common(cmd: argparse.ArgumentParser) -> None:
        cmd.add_argument("--data", default="data", help="the records folder (default: data)")
        cmd.add_argument("--content", default="content", help="the pages folder (default: content)")
        cmd.add_argument("--format", choices=("text", "github"), default="text",
                         help="text for the terminal, github for pull-request annotations")
        cmd.add_argument("--demo", action="store_true", help="use the fictional demo dataset in tests/fixtures/demo")

    c = sub.add_parser("check", help="check every record and page, report every problem")
    common(c)
    c.add_argument("--publish", action="store_true",
                   help="the check before publishing: a legal-notice item missing from data/site.yml is an error")
    c.set_defaults(func=cmd_check)
    b = sub.add_parser("build", help="check, then build the site and its search index")
    common(b)
    b.add_argument("--out", default="site", help="where to write the site (default: site)")
    b.add_argument("--no-search", action="store_true", help="skip the search index (faster)")
    b.set_defaults(func=cmd_build)
    s = sub.add_parser("serve", help="build, serve on http://127.0.0.1:8000 and rebuild on changes")
    common(s)
    s.add_argument("--out", default="site")
    s.add_argument("--port", type=int, default=8000)
    s.set_defaults(func=cmd_serve)
    j = sub.add_parser("schemas", help="write the JSON Schema files in schemas/ (with --check: fail when stale)")
    j.add_argument("--check", action="store_true")
    j.set_defaults(func=cmd_schemas)
    from . import new

    n = sub.add_parser("new", help="start a new record file, or add a follow-up entry, ready to fill in")
    new.add_arguments(n)
    n.set_defaults(func=new.run)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)
