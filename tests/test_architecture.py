"""The code's shape, as docs/architecture.md describes it: the import layers the document lists are
the ones .importlinter enforces, and a long module says why it is long."""

from __future__ import annotations

import ast
import configparser
import re

from .conftest import ROOT

#: Beyond this, a module's docstring says why it is not split (docs/architecture.md).
LONG_MODULE = 400


def test_the_documented_layers_are_the_enforced_ones() -> None:
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter", encoding="utf-8")
    enforced = [re.sub(r"[()]|generator\.", "", line).strip()
                for line in config["importlinter:contract:folders"]["layers"].strip().splitlines()]
    document = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    documented = document.split("## The import contract", 1)[1].split("```", 2)[1].strip().splitlines()
    assert [line.split(" | ") for line in documented] == [line.split(" | ") for line in enforced]


def test_every_module_is_in_a_folder_of_the_contract() -> None:
    """A module added beside cli.py, or a folder the contract does not name, would escape the layers."""
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter", encoding="utf-8")
    layers = config["importlinter:contract:folders"]["layers"]
    named = {name.strip().removeprefix("generator.") for line in layers.strip().splitlines() for name in line.split("|")}
    found = {path.relative_to(ROOT / "generator").parts[0].removesuffix(".py")
             for path in (ROOT / "generator").rglob("*.py") if "__pycache__" not in path.parts}
    assert found - {"__init__"} == named


def test_a_long_module_says_why_in_its_docstring() -> None:
    unexplained = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > LONG_MODULE and "Over 400 lines" not in (ast.get_docstring(ast.parse(text)) or ""):
            unexplained.append(f"{path.relative_to(ROOT)} ({text.count(chr(10))} lines)")
    assert not unexplained, "split these modules, or say in their docstring why they are long: " + ", ".join(unexplained)


def test_only_the_command_line_reads_the_calendar() -> None:
    """The CLI reads the build date once (SOURCE_DATE_EPOCH, else the calendar) and passes it down:
    `check` and the pages never depend on a clock read deep inside (docs/architecture.md)."""
    readers = [path.relative_to(ROOT).as_posix() for path in sorted((ROOT / "generator").rglob("*.py"))
               if re.search(r"date\.today\(|SOURCE_DATE_EPOCH\"\)", path.read_text(encoding="utf-8"))]
    assert readers == ["generator/cli.py"]


#: The build's stages (generator/build.py), which the preview calls and never writes again.
STAGES = {"check", "publish_files", "render_pages", "translation_report", "build"}
#: What the stages are made of: the preview reaches none of it but through them.
STAGE_PARTS = {"validate", "load_content", "legal", "site_files", "search_files", "render_site", "render_language",
               "Renderer", "translation_gaps", "content_gaps", "freshness", "build_site", "run_mkdocs"}


def test_the_preview_calls_the_builds_stages_and_writes_none_of_them_again() -> None:
    """One pipeline (issue 26, item 1): the preview chooses which pages and when, through the
    build's stages; it defines no stage of its own, imports none of their parts, and patches
    nothing of the renderer's (Renderer takes `wanted` and `rendered`)."""
    tree = ast.parse((ROOT / "generator" / "preview.py").read_text(encoding="utf-8"))
    defined = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}
    imported = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                for alias in node.names}
    pipeline = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                and node.level == 1 and not node.module for alias in node.names if alias.name == "build"}
    called = {node.func.attr for node in ast.walk(tree) if isinstance(node, ast.Call)
              and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
              and node.func.value.id in pipeline}
    assigned = {target.attr for node in ast.walk(tree) if isinstance(node, ast.Assign) for target in node.targets
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id != "self"}
    assert not defined & (STAGES | STAGE_PARTS | {"generate", "generate_from"}), "the preview writes a stage again"
    assert not imported & STAGE_PARTS, "the preview reaches a stage's part, not the stage"
    assert STAGES <= called, f"stages the preview no longer calls: {sorted(STAGES - called)}"
    assert not assigned, f"the preview sets attributes of another object: {sorted(assigned)}"


#: Where HTML may be taken apart by hand: the tokenizer itself. Everywhere else, the MkDocs plugin and
#: the preview included, HTML is read through generator/records/html_tokens.py.
HTML_READERS = {"generator/records/html_tokens.py"}
#: A regular expression that matches tags: '<' before a letter, '/', '[' (a class), '(' (a group) or '\w'.
TAG_PATTERN = re.compile(r"<(?:[A-Za-z/\[(]|\\w)")
REGEX_FUNCTIONS = {"compile", "search", "match", "fullmatch", "findall", "finditer", "sub", "subn", "split"}


def html_cut_by_hand(tree: ast.Module) -> list[tuple[int, str]]:
    """Each `.split("<")` (or rsplit, partition) and each regular expression matching tags (the pattern
    given to a function of `re`) of a module."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute) or not node.args:
            continue
        # The pattern's written parts (a constant, an f-string's or a concatenation's constant pieces).
        pattern = " ".join(part.value for part in ast.walk(node.args[0])
                           if isinstance(part, ast.Constant) and isinstance(part.value, str))
        if not pattern:
            continue
        if node.func.attr in ("split", "rsplit", "partition", "rpartition") and pattern.startswith("<"):
            found.append((node.lineno, f'{node.func.attr}("{pattern}")'))
        elif (node.func.attr in REGEX_FUNCTIONS and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
              and TAG_PATTERN.search(re.sub(r"\(\?P?<", "(", pattern))):  # not a named group "(?P<name>"
            found.append((node.lineno, f"re.{node.func.attr}({pattern[:40]!r})"))
    return found


def test_html_is_read_through_the_tokenizer() -> None:
    """No module of generator/ but the tokenizer (and the plugin, for now) cuts HTML at '<' or matches
    tags with a regular expression: they read it through records/html_tokens.py, as a browser reads it."""
    cut = [f"{path.relative_to(ROOT).as_posix()}:{line}: {what}"
           for path in sorted((ROOT / "generator").rglob("*.py")) if path.relative_to(ROOT).as_posix() not in HTML_READERS
           for line, what in html_cut_by_hand(ast.parse(path.read_text(encoding="utf-8")))]
    assert not cut, "read HTML through generator/records/html_tokens.py: " + "; ".join(cut)


def test_the_scan_sees_each_way_of_cutting_html_by_hand() -> None:
    sample = ast.parse('import re\nA = re.compile(r"<a\\b([^>]*)>")\nB = text.split("<")\nC = re.sub(f"</{x}>", "", y)\n'
                       'D = re.findall(r"<[^>]+>", z)\nE = re.compile(r"(?P<name>[a-z]+)")\nF = text.split(" ")\n'
                       'G = re.compile(r"<(" + "|".join(names) + r")\\b")\n')
    assert [line for line, _what in html_cut_by_hand(sample)] == [2, 3, 4, 5, 8]
