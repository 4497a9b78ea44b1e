"""Command line: the only place that prints or exits.

    python -m generator check [--data DIR] [--content DIR] [--format text|github] [--base REF] [--publish]
    python -m generator build [--data DIR] [--content DIR] [--out DIR] [--demo]
    python -m generator serve [--data DIR] [--content DIR] [--out DIR] [--port 8000] [--demo]
    python -m generator schemas [--check]
    python -m generator new recommendation|hearing|meeting|follow-up [...]   (see generator/editor/new.py)
    python -m generator sheet export --cohort ID [--topic ID ...] [--format ods|xlsx|csv] [--out FILE]
    python -m generator sheet import FILE|FOLDER ... [--format text|github] [--remove] [--base REF]   (generator/editor/sheets/)

Exit codes: 0 when there is no error (warnings allowed), 1 when the data has errors, 2 when a
tool the build runs failed.
"""

from __future__ import annotations

import argparse
import gc
import html
import os
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from . import build as pipeline
from .records import cache
from .records.catalogue import EDITOR_LANGUAGES, language_from_environment, set_editor_language
from .records.problems import Problem, sort_problems, summary
from .records.validate import check_day

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
    lines = ["### Vérification des fiches / Records check", "", summary(problems, built=built), ""]
    if problems:
        # The problems quote what editors wrote (field names, values), which could close a Markdown
        # code fence and write the rest of the summary ("✅ you may merge"). An HTML <pre> block,
        # every character escaped, is shown as it is: GitHub ends it only at a literal "</pre>",
        # which escaping makes impossible.
        lines += ["<pre>", *(html.escape(p.text(), quote=False) for p in problems), "</pre>", ""]
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
    _, today = days()
    kept = None if args.no_cache else cache.location(data, Path.cwd())
    cached = cache.read(kept, data)
    dataset, _, problems = pipeline.check(data, content, Path.cwd(), today=today, publishing=args.publish,
                                          cached=cached)
    if args.base:
        from .records.history import HistoryError, check_history

        try:
            problems = problems + check_history(data, args.base)
        except HistoryError as error:
            print(error, file=sys.stderr)
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
                                fictional=args.demo, search=not args.no_search, keep=False)
    except pipeline.BuildError as exc:
        print(exc, file=sys.stderr)
        return 2
    except OSError as exc:  # a folder that cannot be written, a full disk: said plainly, no traceback
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"The site could not be written{where}: {exc.strerror or exc}. Check the folder given with --out.",
              file=sys.stderr)
        return 2
    _print_problems(result.problems, args.format, built=result.ok)
    if result.ok:
        print(f"Built {result.page_count} pages into {args.out}/.")
    return 0 if result.ok else 1


def cmd_serve(args: argparse.Namespace) -> int:
    from .preview import serve

    data, content = _paths(args)
    built, today = days()
    return serve(data, content, Path(args.out), port=args.port, fictional=args.demo, build_date=built, today=today)


def cmd_schemas(args: argparse.Namespace) -> int:
    from .editor.jsonschema import write_schemas

    stale = write_schemas(PROJECT / "schemas", check_only=args.check)
    if args.check and stale:
        for name in stale:
            print(f"schemas/{name} is out of date. Run `python -m generator schemas` and commit the result.")
        return 1
    return 0


def cmd_sheet_export(args: argparse.Namespace) -> int:
    from .editor.sheets import export
    from .editor.sheets.columns import french
    from .site.model import build_model

    data = Path(args.data)
    built, today = days()
    dataset, problems = pipeline.validate(data, Path.cwd(), today=today)
    if any(p.is_error for p in problems):
        _print_problems(problems, "text", built=False)
        print("Le tableur n’a pas été écrit : corrigez d’abord ces problèmes (make check).")
        return 1
    model = build_model(dataset, built)
    cohorts = {c.id: c for c in model.cohorts}
    topics = {t.id: t for t in model.topics}
    for topic in args.topic:
        if topic not in topics:
            print(f"Il n’y a pas de sujet « {topic} » (data/topics/). Sujets : {', '.join(topics)}.")
            return 1
    cohort_id = args.cohort or (topics[args.topic[0]].cohort.id if args.topic else None)
    if cohort_id not in cohorts:
        print(f"Il n’y a pas de promotion « {cohort_id} » (data/cohorts/). Promotions : {', '.join(cohorts)}."
              if cohort_id else "Donnez la promotion : --cohort, par exemple --cohort " + next(iter(cohorts), "promotion-1") + ".")
        return 1
    cohort = cohorts[cohort_id]
    chosen = [topics[t] for t in args.topic if topics[t].cohort is cohort] if args.topic else None
    if args.topic and not chosen:
        print(f"Aucun des sujets donnés n’est de la promotion « {cohort_id} ».")
        return 1
    book = export.workbook(model, cohort, chosen, table_only=args.format == "csv")
    out = Path(args.out or f"suivi-{cohort_id}.{args.format}")
    out.write_bytes(export.to_bytes(book, args.format))
    rows = sum(len(s.rows) for s in book.sheets if s.table)
    print(french(f"Écrit {out} : {rows} mesures de « {cohort.record.name.fr} », à remplir."))
    return 0


def cmd_sheet_import(args: argparse.Namespace) -> int:
    from .editor.sheets import read
    from .editor.sheets.imports import import_sheets
    from .records.history import HistoryError

    files: list[Path] = []
    for given in map(Path, args.files):
        if given.is_dir():
            files += sorted(p for p in given.iterdir() if p.is_file() and p.suffix.lower() in read.SUFFIXES)
        elif given.is_file():
            files.append(given)
        else:
            print(f"{given} n’existe pas. Donnez le chemin d’un tableur (.ods, .xlsx, .csv) ou d’un dossier.")
            return 1
    if not files:
        print("Aucun tableur à importer (.ods, .xlsx ou .csv)" + (f" dans {', '.join(args.files)}." if args.files else "."))
        return 0 if args.format == "github" else 1
    built, today = days()
    try:
        result = import_sheets(files, Path(args.data), today=built, check_day=today, write=not args.dry_run,
                               base=args.base)
    except HistoryError as error:
        print(f"Rien n’a été importé : la comparaison avec {args.base} a échoué. {error}", file=sys.stderr)
        return 2
    for problem in result.problems:
        print(problem.github() if args.format == "github" else problem.text())
    lines = _import_summary(result, files, dry_run=args.dry_run)
    print("\n".join(lines))
    if args.format == "github":
        _sheet_step_summary(result, lines)
    if result.ok and args.remove and not args.dry_run:
        for file in files:
            file.unlink()
        print("Tableurs importés supprimés : " + ", ".join(str(f) for f in files) + ".")
    return 0 if result.ok else 1


def _import_summary(result, files: list[Path], *, dry_run: bool) -> list[str]:
    from .editor.sheets.columns import french

    def n(count: int, one: str, many: str) -> str:  # French: 0 and 1 take the singular
        return f"{count} {many if count > 1 else one}"

    names = ", ".join(f.name for f in files)
    errors = [p for p in result.problems if p.is_error]
    if errors:
        return [french(f"{n(len(errors), 'problème', 'problèmes')} dans {names}. Rien n’a été écrit : corrigez les cases "
                       "indiquées, puis importez à nouveau. Mode d’emploi : CONTRIBUTING.md, « Remplir le suivi dans un "
                       "tableur ».")]
    added = (n(result.entries_added, "entrée de suivi", "entrées de suivi")
             + (" à ajouter" if dry_run else " ajoutée" + ("s" if result.entries_added > 1 else "")))
    if result.entries_replaced:  # imported earlier on the same branch, replaced by an edited row
        added += ", " + n(result.entries_replaced, "entrée", "entrées") + (" à remplacer" if dry_run else " remplacée"
                                                                           + ("s" if result.entries_replaced > 1 else ""))
    if result.measures_rewritten:
        added += ", " + n(result.measures_rewritten, "mesure", "mesures") + (" à réécrire" if dry_run else " réécrite"
                                                                             + ("s" if result.measures_rewritten > 1 else ""))
    lines = [french(f"{names} : {added}, {n(result.measures_created, 'nouvelle mesure', 'nouvelles mesures')} ; "
                    f"{n(result.already_imported, 'ligne déjà importée', 'lignes déjà importées')} ; "
                    f"{n(result.rows_without_assessment, 'ligne', 'lignes')} sans nouvelle évaluation.")]
    lines += [f"  {path}" for path in sorted(str(p) for p in result.written)]
    if result.untranslated:
        lines.append(french(f"{n(result.untranslated, 'texte', 'textes')} sans traduction anglaise : le site anglais affiche le "
                            "texte français, signalé comme non traduit."))
    return lines


def _sheet_step_summary(result, lines: list[str]) -> None:
    """Every problem of the import on the run's summary page (the annotations show only ten)."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    out = ["### Import du tableur / Sheet import", "", *lines, ""]
    if result.problems:
        out += ["````text", *(p.text() for p in result.problems), "````", ""]
    try:
        with open(target, "a", encoding="utf-8") as stream:
            stream.write("\n".join(out))
    except OSError as error:
        print(f"The summary could not be written to {target} ({error.strerror}).", file=sys.stderr)


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
    c.add_argument("--base", metavar="REF",
                   help="also compare every follow-up entry with the git revision REF (e.g. origin/main): "
                        "a published entry must not be edited or removed (generator/records/history.py)")
    c.add_argument("--publish", action="store_true",
                   help="the check before publishing: a legal-notice item missing from data/site.yml is an error")
    c.add_argument("--no-cache", action="store_true",
                   help="read and check every file again, and keep nothing for the next check (by default, "
                        "a file whose content has not changed since the last check is not read again; "
                        "generator/records/cache.py)")
    c.set_defaults(func=cmd_check)
    b = sub.add_parser("build", help="check, then build the site and its search index")
    common(b)
    b.add_argument("--out", default="site", help="where to write the site (default: site)")
    b.add_argument("--no-search", action="store_true", help="skip the search index (faster)")
    b.set_defaults(func=cmd_build)
    s = sub.add_parser("serve", help="build, serve on http://127.0.0.1:8000 and show each edit within a second")
    common(s)
    s.add_argument("--out", default="site", help="the complete builds go to OUT.preview-N (default: site)")
    s.add_argument("--port", type=int, default=8000)
    s.set_defaults(func=cmd_serve)
    j = sub.add_parser("schemas", help="write the JSON Schema files in schemas/ (with --check: fail when stale)")
    j.add_argument("--check", action="store_true")
    j.set_defaults(func=cmd_schemas)
    from .editor import new

    n = sub.add_parser("new", help="start a new record file, or add a follow-up entry, ready to fill in")
    new.add_arguments(n)
    n.set_defaults(func=lambda args: new.run(args, date.today()))  # a new record is dated by the calendar
    sheet = sub.add_parser("sheet", help="the follow-up as a spreadsheet: export a sheet to fill in, import it back")
    actions = sheet.add_subparsers(dest="action", required=True)
    e = actions.add_parser("export", help="write a cohort's measures as a sheet to fill in (ods, xlsx or csv)")
    e.add_argument("--data", default="data", help="the records folder (default: data)")
    e.add_argument("--cohort", help="the cohort's id (a file name in data/cohorts/)")
    e.add_argument("--topic", action="append", default=[], help="only this topic (repeat for several)")
    e.add_argument("--format", choices=("ods", "xlsx", "csv"), default="ods", help="the file's format (default: ods)")
    e.add_argument("--out", help="the file to write (default: suivi-<cohort>.<format>)")
    e.set_defaults(func=cmd_sheet_export)
    i = actions.add_parser("import", help="add the sheet's new assessments and measures to data/, or list every wrong cell")
    i.add_argument("files", nargs="+", metavar="FILE", help="a filled-in sheet (.ods, .xlsx, .csv), or a folder of them")
    i.add_argument("--data", default="data", help="the records folder (default: data)")
    i.add_argument("--format", choices=("text", "github"), default="text",
                   help="text for the terminal, github for pull-request annotations")
    i.add_argument("--remove", action="store_true", help="delete the sheets once imported")
    i.add_argument("--dry-run", action="store_true", help="check the sheets and say what would be added, write nothing")
    i.add_argument("--base", metavar="REF",
                   help="the git revision whose entries are published (e.g. origin/main; its merge base with HEAD, "
                        "as check --base): an entry imported since on this branch is replaced by an edited row, and "
                        "the would-be data is checked as check --base checks it. Without it, every entry is published")
    i.set_defaults(func=cmd_sheet_import)
    # Every command speaks to the editor in French, or in English when asked (`--lang en`, or an
    # English locale): generator/records/catalogue.py.
    for command in [*sub.choices.values(), *actions.choices.values()]:
        if command is not sheet:
            command.add_argument("--lang", choices=EDITOR_LANGUAGES,
                                 help="the language of the messages (default: French, or English with an English locale)")
    return p


def main(argv: Sequence[str] | None = None, *, exiting: bool = False) -> int:
    """Run one command. `exiting` (python -m generator): the process ends with the command, so
    `check` runs without the cyclic garbage collector (its records make no cycles, and the
    collector would only scan them again and again) and ends without freeing its records one by
    one (a seventh of `check` at 10,000 recommendations)."""
    args = parser().parse_args(argv)
    set_editor_language(getattr(args, "lang", None) or language_from_environment(os.environ))
    args.exiting = exiting
    if not (exiting and args.func is cmd_check):
        return args.func(args)
    gc.disable()
    code = args.func(args)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
