"""Each module's surface is public (issue 26, item 4), read from the code's syntax trees, where the
import contract (.importlinter) cannot see: no module reaches a private name (one leading underscore)
of another, a function-local import says why on the line above, and a `# noqa` names a rule ruff runs."""

from __future__ import annotations

import ast
import re
import tokenize
import tomllib
from collections.abc import Iterator
from pathlib import Path

from .conftest import ROOT

GENERATOR = ROOT / "generator"

#: Private names of other modules that are documented as public all the same: `_` is gettext's
#: convention (records/catalogue.py), `os._exit` the documented way out of a forked child.
DOCUMENTED = {("generator.records.catalogue", "_"), ("os", "_exit")}

#: The modules the `engine` part of issue 26 (item 3) is rewriting through MkDocs' events:
#: generator/engine/plugin.py and generator/records/markup.py. They reach no private name of another
#: module through an import today; were one needed while that work lands, it is listed here, by
#: (module, name), and the list only shrinks. Their writes to MkDocs' and Python-Markdown's private
#: attributes of objects are that item's own test.
NOT_YET_PUBLIC: set[tuple[str, str]] = set()

#: What the line above a function-local import starts with, followed by why it is not at the top.
LOCAL_IMPORT_REASON = "# Imported here"


def modules() -> Iterator[tuple[Path, str, ast.Module]]:
    for path in sorted(GENERATOR.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        yield path, ".".join(parts), ast.parse(path.read_text(encoding="utf-8"))


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def imported_from(node: ast.ImportFrom, module: str, path: Path) -> str:
    """The absolute name of the module `from … import` reads, relative imports resolved."""
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def private_uses(path: Path, module: str, tree: ast.Module) -> Iterator[tuple[int, str, str]]:
    """(line, module, name) of every private name of another module this module reaches: imported
    (`from x import _y`, `import x._y`) or read from a module it imported (`x._y`, `x.y._z`)."""
    modules_bound: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                for depth, part in enumerate(alias.name.split(".")):
                    if is_private(part):
                        yield node.lineno, ".".join(alias.name.split(".")[:depth]), part
                if alias.asname:  # `import x.y as m`: m is x.y
                    modules_bound[alias.asname] = alias.name
                else:  # `import x.y`: x is x, and x.y is read through it
                    modules_bound[alias.name.split(".")[0]] = alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom):
            source = imported_from(node, module, path)
            for depth, part in enumerate(source.split(".")):
                if is_private(part):
                    yield node.lineno, ".".join(source.split(".")[:depth]), part
            for alias in node.names:
                if is_private(alias.name):
                    yield node.lineno, source, alias.name
                # A name imported from a module may itself be a module (`from generator.records import validate`).
                modules_bound[alias.asname or alias.name] = f"{source}.{alias.name}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and is_private(node.attr):
            chain, value = [], node.value
            while isinstance(value, ast.Attribute):
                chain.insert(0, value.attr)
                value = value.value
            if isinstance(value, ast.Name) and value.id in modules_bound:
                yield node.lineno, ".".join([modules_bound[value.id], *chain]), node.attr


def test_no_module_reaches_a_private_name_of_another() -> None:
    found = []
    for path, module, tree in modules():
        for line, source, name in private_uses(path, module, tree):
            if source != module and (source, name) not in DOCUMENTED | NOT_YET_PUBLIC:
                found.append(f"{path.relative_to(ROOT)}:{line}: {source}.{name}")
    assert not found, ("make these names public (no underscore, a docstring), or move them where they are used:\n"
                       + "\n".join(found))


def test_the_scan_sees_each_way_of_reaching_a_private_name(tmp_path: Path) -> None:
    """The scan above is only as good as what it recognises: each way of writing the reach is seen."""
    code = ("from generator.records.problems import _fold\n"
            "from ...records import validate as checks\n"
            "import generator.records.schema as schema\n"
            "from . import read\n"
            "import generator.site\n"
            "checks._load_all; schema._parse_id; read._fold; generator.site.render._render_language\n"
            "from ._hidden import x\n")
    path = GENERATOR / "editor" / "sheets" / "example.py"
    found = {(source, name) for _line, source, name in
             private_uses(path, "generator.editor.sheets.example", ast.parse(code))}
    assert found == {("generator.records.problems", "_fold"), ("generator.records.validate", "_load_all"),
                     ("generator.records.schema", "_parse_id"), ("generator.editor.sheets.read", "_fold"),
                     ("generator.site.render", "_render_language"), ("generator.editor.sheets", "_hidden")}


def local_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Imports inside a function or a class (not those under a module-level `if` or `try`)."""
    found: dict[int, ast.Import | ast.ImportFrom] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            found.update((inner.lineno, inner) for inner in ast.walk(node)
                         if isinstance(inner, ast.Import | ast.ImportFrom))
    return [found[line] for line in sorted(found)]


def test_a_function_local_import_says_why_on_the_line_above() -> None:
    """An import belongs at the top of its module, where a reader looks for what a module needs;
    one is inside a function only for a reason said in a comment just above it (its cost at start-up,
    an import cycle, an optional dependency), the first of consecutive imports carrying it."""
    unexplained = []
    for path, _module, tree in modules():
        lines = path.read_text(encoding="utf-8").splitlines()
        starts = {node.lineno for node in local_imports(tree)}
        for node in local_imports(tree):
            above = node.lineno - 1
            while above in starts:  # the comment above a run of imports covers the run
                above -= 1
            comment = []
            while lines[above - 1].strip().startswith("#"):  # a comment of several lines: its first
                comment.insert(0, lines[above - 1].strip())
                above -= 1
            if not comment or not comment[0].startswith(LOCAL_IMPORT_REASON):
                unexplained.append(f"{path.relative_to(ROOT)}:{node.lineno}: {lines[node.lineno - 1].strip()}")
    assert not unexplained, (f"move these imports to the top of their module, or say why not on the line above "
                             f"({LOCAL_IMPORT_REASON}: …):\n" + "\n".join(unexplained))


def test_every_noqa_names_a_rule_ruff_runs() -> None:
    """A `# noqa` for a rule that ruff does not run silences nothing and misleads the reader."""
    selected = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]["lint"]["select"]
    foreign = []
    for folder in ("generator", "tests", "tools"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "fixtures" in path.relative_to(ROOT).parts:
                continue
            with path.open(encoding="utf-8") as source:
                comments = [(token.start[0], token.string) for token in tokenize.generate_tokens(source.readline)
                            if token.type == tokenize.COMMENT]
            for number, comment in comments:
                if (marker := re.search(r"#\s*noqa\b(:?)\s*([A-Z0-9, ]*)", comment)) is None:
                    continue
                codes = re.findall(r"[A-Z]+[0-9]+", marker[2])
                if not marker[1] or not codes:
                    foreign.append(f"{path.relative_to(ROOT)}:{number}: a bare noqa (name the rule)")
                for code in codes:
                    if re.match(r"[A-Z]+", code)[0] not in selected:  # type: ignore[index]
                        foreign.append(f"{path.relative_to(ROOT)}:{number}: {code}")
    assert not foreign, f"ruff runs only {', '.join(selected)}; remove these noqa markers:\n" + "\n".join(foreign)


#: The one writer of office files (issue 26, item 5): every .ods and .xlsx the project writes, the
#: open data's workbooks and the follow-up sheets, goes through it (its docstring says why by hand).
OFFICE_WRITER = ROOT / "generator" / "editor" / "office.py"
#: What reading a spreadsheet takes of openpyxl (generator/editor/sheets/read.py): nothing that writes.
OPENPYXL_READING = {"load_workbook"}


def office_writes(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """(line, what) of each way a module could write an office file of its own: a zip opened to
    write (`ZipFile(…, "w")`, `mode=`, any mode but "r"), a zip entry made or written (`ZipInfo`,
    `writestr`), odfpy imported (the reader streams ODS itself: odfpy could only write), or an
    openpyxl name beyond what reading needs (`Workbook`, `WriteOnlyCell`, `openpyxl.styles`, …)."""
    openpyxl_names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                if top == "odf" or (top == "openpyxl" and alias.name != "openpyxl"):
                    yield node.lineno, f"import {alias.name}"
                elif alias.name == "openpyxl":
                    openpyxl_names.add(alias.asname or "openpyxl")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in {"odf", "openpyxl"}:
            for alias in node.names:
                if node.module != "openpyxl" or alias.name not in OPENPYXL_READING:
                    yield node.lineno, f"from {node.module} import {alias.name}"
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            mode = node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "mode"), None)
            if name == "ZipFile" and mode is not None and not (isinstance(mode, ast.Constant) and mode.value == "r"):
                yield node.lineno, "a zip opened to write"
        elif isinstance(node, ast.Attribute) and node.attr in {"writestr", "ZipInfo"}:
            yield node.lineno, node.attr
        elif isinstance(node, ast.Name) and node.id == "ZipInfo":
            yield node.lineno, node.id
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in openpyxl_names
                and node.attr not in OPENPYXL_READING):
            yield node.lineno, f"openpyxl.{node.attr}"


def test_one_module_writes_the_office_files() -> None:
    """Only generator/editor/office.py writes a spreadsheet or a zip, in the generator and its tools:
    a second writer would let the open data and the sheets drift apart (a formula cell, a date
    written differently, a file whose bytes change from one build to the next)."""
    found = []
    for folder in ("generator", "tools"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path != OFFICE_WRITER:
                tree = ast.parse(path.read_text(encoding="utf-8"))
                found += [f"{path.relative_to(ROOT)}:{line}: {what}" for line, what in office_writes(tree)]
    assert not found, ("write office files through generator/editor/office.py (a Book, then to_ods or to_xlsx), "
                       "or read them as generator/editor/sheets/read.py does:\n" + "\n".join(found))
    assert list(office_writes(ast.parse(OFFICE_WRITER.read_text(encoding="utf-8")))), "the writer is not where it was"


def test_the_scan_sees_each_way_of_writing_an_office_file() -> None:
    code = ("import zipfile, openpyxl\nfrom zipfile import ZipFile, ZipInfo\nimport odf.opendocument\n"
            "from odf.table import Table\nfrom openpyxl.styles import Font\nfrom openpyxl import Workbook, load_workbook\n"
            "zipfile.ZipFile(out, 'w')\nZipFile(out, mode='a')\nzipfile.ZipFile(out, mode)\narchive.writestr(i, b)\n"
            "ZipInfo('x')\nopenpyxl.Workbook()\nopenpyxl.load_workbook(f)\nzipfile.ZipFile(f)\nzipfile.ZipFile(f, 'r')\n")
    assert sorted(office_writes(ast.parse(code))) == [
        (3, "import odf.opendocument"), (4, "from odf.table import Table"), (5, "from openpyxl.styles import Font"),
        (6, "from openpyxl import Workbook"), (7, "a zip opened to write"), (8, "a zip opened to write"),
        (9, "a zip opened to write"), (10, "writestr"), (11, "ZipInfo"), (12, "openpyxl.Workbook")]
