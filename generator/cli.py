"""Command line: the only place that prints or exits.

    python -m generator check [--data DIR] [--content DIR] [--format text|github] [--base REF] [--publish]
    python -m generator build [--data DIR] [--content DIR] [--out DIR] [--demo]
    python -m generator serve [--data DIR] [--content DIR] [--out DIR] [--port 8000] [--demo]
    python -m generator serve-zip FILE.zip [--port 8001]   (a pull request's preview: generator/review.py)
    python -m generator schemas [--check]
    python -m generator migrate-members [--data DIR] [--dry-run]   (member files: groups and workshops as counts; generator/editor/migrate.py)
    python -m generator new recommendation|hearing|meeting|follow-up [...]   (see generator/editor/new.py)
    python -m generator sheet export --cohort ID [--topic ID ...] [--format ods|xlsx|csv] [--out FILE]
    python -m generator sheet import FILE|FOLDER ... [--format text|github] [--remove] [--base REF]   (generator/editor/sheets/)

Exit codes: 0 when there is no error (warnings allowed), 1 when the data has errors, 2 when a
tool the build runs failed (or, for `serve` and `serve-zip`, when the port is taken; for `serve-zip`,
when the file is not a built site's zip).

Everything said to the editor, the help included, is a message of the catalogues in the editor's
language (generator/records/catalogue.py: French, or English with `--lang en` or an English
locale); only argparse's own words ("usage:", "options") stay as argparse writes them.

Over 400 lines: one short function per command (reading its arguments, printing what its module
returns, choosing the exit code) and the parser, whose help must be made in the editor's language
before it is built; each command's work is in its own module.
"""

from __future__ import annotations

import argparse
import gc
import html
import os
import sys
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from . import build as pipeline
from .editor import new
from .editor.jsonschema import write_schemas
from .editor.migrate import migrate
from .editor.sheets import export
from .records import cache
from .records.catalogue import (
    EDITOR_LANGUAGES,
    _,
    editor_language,
    language_from_environment,
    ngettext,
    set_editor_language,
)
from .records.problems import Problem, guide, relative, sort_problems, summary
from .records.schema import text_in
from .records.validate import check_day
from .review import ZipError, ZipSite, free_port, make_zip_server
from .site.model import build_model

PROJECT = pipeline.PROJECT
DEMO = PROJECT / "tests" / "fixtures" / "demo"


def build_date() -> date:
    """The day the build speaks of: SOURCE_DATE_EPOCH when set, so that builds are reproducible.
    Read here only, once per command, and passed down (the pipeline never reads the clock)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


def days() -> tuple[date, date]:
    """The build's day and the check's day (the later of the build's day and the clock's:
    validate.check_day), read once."""
    built = build_date()
    return built, check_day(built, date.today())


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
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    lines = ["### " + _("cli_step_summary_check"), "", summary(problems, built=built), ""]
    if problems:
        # The problems quote what editors wrote (field names, values), which could close a Markdown
        # code fence and write the rest of the summary ("✅ you may merge"). An HTML <pre> block,
        # every character escaped, is shown as it is: GitHub ends it only at a literal "</pre>",
        # which escaping makes impossible.
        lines += ["<pre>", *(html.escape(p.text(), quote=False) for p in problems), "</pre>", ""]
    _append(target, lines)


def _append(target: str, lines: list[str]) -> None:
    """Add `lines` to the step summary's file; one that cannot be written is said, not raised."""
    try:
        with open(target, "a", encoding="utf-8") as stream:
            stream.write("\n".join(lines))
    except OSError as error:
        print(_("cli_step_summary_not_written", target=target, error=error.strerror or error), file=sys.stderr)


def _paths(args: argparse.Namespace) -> tuple[Path, Path]:
    if getattr(args, "demo", False):
        return DEMO / "data", DEMO / "content"
    return Path(args.data), Path(args.content)


def cmd_check(args: argparse.Namespace) -> int:
    data, content = _paths(args)
    today = days()[1]
    kept = None if args.no_cache else cache.location(data, Path.cwd())
    cached = cache.read(kept, data)
    dataset, _content, problems = pipeline.check(data, content, Path.cwd(), today=today, publishing=args.publish,
                                          cached=cached)
    if args.base:
        # Imported here: the published follow-up's history is read only with --base (import cost).
        from .records.history import HistoryError, check_history

        try:
            problems = problems + check_history(data, args.base)
        except HistoryError as error:
            print(_("cli_check_base_failed", base=args.base, error=error), file=sys.stderr)
            return 2
    _print_problems(problems, args.format, built=False)
    if cache.stale(cached, dataset):
        cache.write(kept, dataset, background=args.exiting)
    return 1 if any(p.is_error for p in problems) else 0


def cmd_build(args: argparse.Namespace) -> int:
    data, content = _paths(args)
    built, today = days()
    try:
        result = pipeline.build(data, content, Path(args.out), Path.cwd(), build_date=built, today=today,
                                fictional=args.demo, search=not args.no_search, keep=False, reuse=not args.no_cache)
    except pipeline.BuildError as exc:
        print(exc, file=sys.stderr)
        return 2
    except OSError as exc:  # a folder that cannot be written, a full disk: said plainly, no traceback
        if exc.filename:
            print(_("cli_build_not_written_file", file=exc.filename, error=exc.strerror or exc), file=sys.stderr)
        else:
            print(_("cli_build_not_written", error=exc.strerror or exc), file=sys.stderr)
        return 2
    _print_problems(result.problems, args.format, built=result.ok)
    if result.ok:
        print(ngettext("cli_built", "cli_built", result.page_count, out=args.out))
        if result.kept_layouts is not None and result.kept_layouts[0]:
            reused, laid_out = result.kept_layouts
            print(ngettext("cli_built_kept_layouts", "cli_built_kept_layouts", reused, kept=reused, made=laid_out))
    return 0 if result.ok else 1


def cmd_serve(args: argparse.Namespace) -> int:
    # Imported here: the preview server and its file watcher (watchdog) are for `serve` alone.
    from .preview import serve

    data, content = _paths(args)
    built, today = days()
    return serve(data, content, Path(args.out), port=args.port, fictional=args.demo, build_date=built, today=today)


def cmd_serve_zip(args: argparse.Namespace) -> int:
    """A pull request's preview, served from its zip alone (generator/review.py) until Ctrl+C."""
    try:
        site = ZipSite(Path(args.file))
    except ZipError as error:
        print(error, file=sys.stderr)
        return 2
    try:
        server = make_zip_server(site, args.port, editor_language())
    except OSError as error:
        print(_("serve_zip_port_refused", port=args.port, error=error.strerror or error, free=free_port(args.port)),
              file=sys.stderr)
        return 2
    print(_("serve_zip_serving", port=args.port, prefix=site.prefix), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print(_("preview_stopped"))
    finally:
        server.server_close()
    return 0


def cmd_schemas(args: argparse.Namespace) -> int:
    stale = write_schemas(PROJECT / "schemas", check_only=args.check)
    if args.check and stale:
        for name in stale:
            print(_("cli_schemas_stale", name=name))
        return 1
    return 0


def cmd_migrate_members(args: argparse.Namespace) -> int:
    """Member files: each member's group and workshop moved into the list's counts (editor/migrate.py)."""
    data = Path(args.data)
    result = migrate(data, Path.cwd(), write=not args.dry_run)
    for problem in result.problems:
        print(problem.text())
    for file, (groups, workshops) in result.rewritten.items():
        said = {"file": relative(file, Path.cwd()), "groups": sum(groups.values()), "workshops": sum(workshops.values())}
        print(_("cli_migrate_members_to_rewrite", **said) if args.dry_run else _("cli_migrate_members_rewritten", **said))
    if not result.rewritten and not result.problems:
        print(_("cli_migrate_members_nothing", folder=data / "members"))
    return 1 if result.problems else 0


def cmd_sheet_export(args: argparse.Namespace) -> int:
    data = Path(args.data)
    built, today = days()
    dataset, problems = pipeline.validate(data, Path.cwd(), today=today)
    if any(p.is_error for p in problems):
        _print_problems(problems, "text", built=False)
        print(_("cli_sheet_export_refused"))
        return 1
    model = build_model(dataset, built)
    cohorts = {c.id: c for c in model.cohorts}
    topics = {t.id: t for t in model.topics}
    for topic in args.topic:
        if topic not in topics:
            print(_("cli_sheet_no_topic", topic=topic, topics=", ".join(topics)))
            return 1
    cohort_id = args.cohort or (topics[args.topic[0]].cohort.id if args.topic else None)
    if cohort_id not in cohorts:
        print(_("cli_sheet_no_cohort", cohort=cohort_id, cohorts=", ".join(cohorts)) if cohort_id
              else _("cli_sheet_cohort_needed", example=next(iter(cohorts), "promotion-1")))
        return 1
    cohort = cohorts[cohort_id]
    chosen = [topics[t] for t in args.topic if topics[t].cohort is cohort] if args.topic else None
    if args.topic and not chosen:
        print(_("cli_sheet_topics_elsewhere", cohort=cohort_id))
        return 1
    book = export.workbook(model, cohort, chosen, table_only=args.format == "csv")
    out = Path(args.out or f"suivi-{cohort_id}.{args.format}")
    out.write_bytes(export.to_bytes(book, args.format))
    rows = sum(len(s.rows) for s in book.sheets if s.table)
    print(ngettext("cli_sheet_written", "cli_sheet_written", rows, file=out,
                   cohort=text_in(cohort.record.name, editor_language())))
    return 0


def cmd_sheet_import(args: argparse.Namespace) -> int:
    # Imported here: the spreadsheet readers and the follow-up's history are loaded by `sheet import`
    # alone, not by `check`, which runs far more often.
    from .editor.sheets import messages, read
    from .editor.sheets.imports import import_sheets
    from .records.history import HistoryError

    files: list[Path] = []
    for given in map(Path, args.files):
        if given.is_dir():
            # A symbolic link is listed, to be refused (never followed) with `check`'s message.
            files += sorted(p for p in given.iterdir()
                            if (p.is_symlink() or p.is_file()) and p.suffix.lower() in read.SUFFIXES)
        elif given.is_file() or given.is_symlink():
            files.append(given)
        else:
            print(_("cli_sheet_missing_file", path=given))
            return 1
    if not files:
        print(_("cli_sheet_none_in", folders=", ".join(args.files)) if args.files else _("cli_sheet_none"))
        return 0 if args.format == "github" else 1
    built, today = days()
    try:
        result = import_sheets(files, Path(args.data), today=built, check_day=today, write=not args.dry_run,
                               base=args.base)
    except HistoryError as error:
        print(_("cli_sheet_base_failed", base=args.base, error=error), file=sys.stderr)
        return 2
    for problem in result.problems:
        print(problem.github() if args.format == "github" else problem.text())
    # A spreadsheet's lock file that came along (read.is_lock_file) was said to be ignored: it is not
    # one of the sheets the summary names (--remove still takes it out of imports/).
    lines = _import_summary(result, [f for f in files if not read.is_lock_file(f)], dry_run=args.dry_run)
    if result.ok and args.remove and not args.dry_run and result.sheets:
        # Only the files the import read a sheet of ours from: never an editor's other file beside them.
        for file in result.sheets:
            file.unlink()
        lines.append(_("cli_sheet_removed", files=", ".join(str(f) for f in result.sheets)))
    print("\n".join(messages.workflow_log(lines) if args.format == "github" else lines))
    if args.format == "github":
        _sheet_step_summary(result, lines)
    return 0 if result.ok else 1


def _import_summary(result, files: list[Path], *, dry_run: bool) -> list[str]:
    """What an import did (or, with --dry-run, would do), one line, then the files it wrote. Every
    count is a plural message, its id written out for extraction."""
    names = ", ".join(f.name for f in files)
    errors = [p for p in result.problems if p.is_error]
    if errors:
        return [ngettext("cli_import_refused", "cli_import_refused", len(errors), files=names, guide=guide())]
    added, replaced, rewritten = result.entries_added, result.entries_replaced, result.measures_rewritten
    changes = [ngettext("cli_import_entries_to_add", "cli_import_entries_to_add", added) if dry_run
               else ngettext("cli_import_entries_added", "cli_import_entries_added", added)]
    if replaced:  # imported earlier on the same branch, replaced by an edited row
        changes.append(ngettext("cli_import_entries_to_replace", "cli_import_entries_to_replace", replaced) if dry_run
                       else ngettext("cli_import_entries_replaced", "cli_import_entries_replaced", replaced))
    if rewritten:
        changes.append(ngettext("cli_import_measures_to_rewrite", "cli_import_measures_to_rewrite", rewritten)
                       if dry_run else ngettext("cli_import_measures_rewritten", "cli_import_measures_rewritten",
                                                rewritten))
    changes.append(ngettext("cli_import_measures_created", "cli_import_measures_created", result.measures_created))
    lines = [_("cli_import_summary", files=names, changes=", ".join(changes),
               already=ngettext("cli_import_rows_already", "cli_import_rows_already", result.already_imported),
               unassessed=ngettext("cli_import_rows_unassessed", "cli_import_rows_unassessed",
                                   result.rows_without_assessment))]
    lines += [f"  {path}" for path in sorted(str(p) for p in result.written)]
    if result.untranslated:
        lines.append(ngettext("cli_import_untranslated", "cli_import_untranslated", result.untranslated))
    return lines


def _sheet_step_summary(result, lines: list[str]) -> None:
    """Every problem of the import on the run's summary page (the annotations show only ten)."""
    # Imported here: as in cmd_sheet_import, the spreadsheets' modules are for `sheet import` alone.
    from .editor.sheets import messages

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    # The lines and problems quote the uploaded files' and sheets' names: shown as they are, never
    # read as Markdown (messages.summary_block).
    out = ["### " + _("cli_step_summary_sheet"), "", *messages.summary_block(lines), ""]
    if result.problems:
        out += [*messages.summary_block([p.text() for p in result.problems]), ""]
    _append(target, out)


def port_number(value: str) -> int:
    """--port: a TCP port, said in the editor's language when it is not one."""
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(_("cli_port_invalid", value=value))
    return int(value)


def parser() -> argparse.ArgumentParser:
    """The command line, its help in the editor's language (set before it is made: `main`)."""
    p = argparse.ArgumentParser(prog="python -m generator", description=_("cli_help_description"))
    sub = p.add_subparsers(dest="command", required=True)

    def common(cmd: argparse.ArgumentParser) -> None:
        cmd.add_argument("--data", default="data", help=_("cli_help_data"))
        cmd.add_argument("--content", default="content", help=_("cli_help_content"))
        cmd.add_argument("--format", choices=("text", "github"), default="text", help=_("cli_help_format"))
        cmd.add_argument("--demo", action="store_true", help=_("cli_help_demo"))

    c = sub.add_parser("check", help=_("cli_help_check"), description=_("cli_help_check"))
    common(c)
    c.add_argument("--base", metavar="REF", help=_("cli_help_check_base"))
    c.add_argument("--publish", action="store_true", help=_("cli_help_publish"))
    c.add_argument("--no-cache", action="store_true", help=_("cli_help_no_cache"))
    c.set_defaults(func=cmd_check)
    b = sub.add_parser("build", help=_("cli_help_build"), description=_("cli_help_build"))
    common(b)
    b.add_argument("--out", default="site", help=_("cli_help_out"))
    b.add_argument("--no-search", action="store_true", help=_("cli_help_no_search"))
    b.add_argument("--no-cache", action="store_true", help=_("cli_help_build_no_cache"))
    b.set_defaults(func=cmd_build)
    s = sub.add_parser("serve", help=_("cli_help_serve"), description=_("cli_help_serve"))
    common(s)
    s.add_argument("--out", default="site", help=_("cli_help_serve_out"))
    s.add_argument("--port", type=port_number, default=8000, help=_("cli_help_port"))
    s.set_defaults(func=cmd_serve)
    z = sub.add_parser("serve-zip", help=_("cli_help_serve_zip"), description=_("cli_help_serve_zip"))
    z.add_argument("file", metavar="FILE.zip", help=_("cli_help_serve_zip_file"))
    z.add_argument("--port", type=port_number, default=8001, help=_("cli_help_serve_zip_port"))
    z.set_defaults(func=cmd_serve_zip)
    j = sub.add_parser("schemas", help=_("cli_help_schemas"), description=_("cli_help_schemas"))
    j.add_argument("--check", action="store_true", help=_("cli_help_schemas_check"))
    j.set_defaults(func=cmd_schemas)
    m = sub.add_parser("migrate-members", help=_("cli_help_migrate_members"), description=_("cli_help_migrate_members"))
    m.add_argument("--data", default="data", help=_("cli_help_data"))
    m.add_argument("--dry-run", action="store_true", help=_("cli_help_migrate_members_dry_run"))
    m.set_defaults(func=cmd_migrate_members)
    n = sub.add_parser("new", help=_("cli_help_new"), description=_("cli_help_new"))
    new.add_arguments(n)
    n.set_defaults(func=lambda args: new.run(args, date.today()))  # a new record is dated by the calendar
    sheet = sub.add_parser("sheet", help=_("cli_help_sheet"), description=_("cli_help_sheet"))
    actions = sheet.add_subparsers(dest="action", required=True)
    e = actions.add_parser("export", help=_("cli_help_sheet_export"), description=_("cli_help_sheet_export"))
    e.add_argument("--data", default="data", help=_("cli_help_data"))
    e.add_argument("--cohort", help=_("cli_help_sheet_cohort"))
    e.add_argument("--topic", action="append", default=[], help=_("cli_help_sheet_topic"))
    e.add_argument("--format", choices=("ods", "xlsx", "csv"), default="ods", help=_("cli_help_sheet_format"))
    e.add_argument("--out", help=_("cli_help_sheet_out"))
    e.set_defaults(func=cmd_sheet_export)
    i = actions.add_parser("import", help=_("cli_help_sheet_import"), description=_("cli_help_sheet_import"))
    i.add_argument("files", nargs="+", metavar="FILE", help=_("cli_help_sheet_files"))
    i.add_argument("--data", default="data", help=_("cli_help_data"))
    i.add_argument("--format", choices=("text", "github"), default="text", help=_("cli_help_format"))
    i.add_argument("--remove", action="store_true", help=_("cli_help_sheet_remove"))
    i.add_argument("--dry-run", action="store_true", help=_("cli_help_sheet_dry_run"))
    i.add_argument("--base", metavar="REF", help=_("cli_help_sheet_base"))
    i.set_defaults(func=cmd_sheet_import)
    # Every command speaks to the editor in French, or in English when asked (`--lang en`, or an
    # English locale): generator/records/catalogue.py.
    for command in [*sub.choices.values(), *actions.choices.values()]:
        if command is not sheet:
            command.add_argument("--lang", choices=EDITOR_LANGUAGES, help=_("cli_help_lang"))
    return p


def language(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The editor's language for this command: `--lang` wherever it is given (read before the
    parser is made, so that its help and its errors are in that language too), else the locale's.
    An unknown --lang is left to the parser, which refuses it."""
    early = argparse.ArgumentParser(add_help=False, allow_abbrev=False, exit_on_error=False)
    early.add_argument("--lang")
    try:
        given = early.parse_known_args(list(argv))[0].lang
    except argparse.ArgumentError:  # --lang without a value: the parser says so
        given = None
    return given if given in EDITOR_LANGUAGES else language_from_environment(environ)


def main(argv: Sequence[str] | None = None, *, exiting: bool = False) -> int:
    """Run one command. `exiting` (python -m generator): the process ends with the command, so
    `check` runs without the cyclic garbage collector (its records make no cycles, and the
    collector would only scan them again and again) and ends without freeing its records one by
    one (a seventh of `check` at 10,000 recommendations)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    set_editor_language(language(argv, os.environ))
    args = parser().parse_args(argv)
    args.exiting = exiting
    if not (exiting and args.func is cmd_check):
        return args.func(args)
    gc.disable()
    code = args.func(args)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
