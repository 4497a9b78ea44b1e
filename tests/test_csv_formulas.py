"""No CSV file the project writes starts a formula in a spreadsheet, whatever the spreadsheet's locale.

A spreadsheet opening a CSV file splits its lines at its own locale's separator: a French one splits
the open data's comma-separated files at `;`, an English one the follow-up sheet's `;`-separated file
at `,`; either may be set to the tab or `|`, and may trim spaces. Hostile texts are written into
records (a formula after each separator, after spaces, after quotes, after a line end; HYPERLINK
with either argument separator), the site is built (its open data, `donnees/*.csv`) and the cohort's
sheet is exported as CSV (`sheet export --format csv`); LibreOffice then opens every CSV file headless
with each separator, in a French and an English locale, formulas evaluated and spaces trimmed (the
most dangerous settings), and saves it as a flat OpenDocument spreadsheet: no cell may hold a
formula (`table:formula`), and the hostile texts must be there (as text) for the test to mean
anything. The rule is generator/records/cells.py.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from xml.dom import minidom

import pytest

from generator import build as pipeline
from generator.cli import main
from generator.records.cells import neutralize, restore

from .conftest import CHECK_DAY, FIXTURES, ROOT
from .test_exports import TODAY

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (soffice): .ci/run installs Debian's libreoffice-calc-nogui")

TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#: One line each (titles): a formula after every separator a locale may split at, after spaces and
#: quotes, full-width signs, an apostrophe already there, quotes that close the cell early.
ONE_LINE = (
    "x;=1+2;y",
    "x,=1+2,y",
    "x|=1+2|y",
    "x\t=1+2",
    "x; =1+2",
    "x, =1+2",
    "x;\u00a0=1+2",
    'x;"=1+2"',
    'x,"=1+2"',
    'x;=HYPERLINK("https://evil.example/";"clic")',
    'x,=HYPERLINK("https://evil.example/","clic")',
    "x;+1+2",
    "x;-1+2",
    "x;@SUM(1+2)",
    "x;\uff1d1+2",
    "x;'=1+2",
    'x";=1+2',
    'x",=1+2',
    '"x";"=1+2"',
    "=1+2",
)
#: Several lines (texts): a line end inside a quoted cell ends a row when the quotes no longer match.
MULTI_LINE = (
    'a;"\n=1+2',
    'a,"\n=1+2',
    "a\n=1+2\n- b",
    'a;""\n;=1+2',
)
#: Separators (ASCII codes, LibreOffice's CSV filter) and locales: French splits at `;`, English at
#: `,`; both are also tried with the other separators.
SEPARATORS = {"comma": "44", "semicolon": "59", "tab": "9", "pipe": "124"}
LOCALES = {"fr": "1036", "en": "1033"}


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def write_hostile(target: Path) -> Path:
    """A copy of the follow-up fixture with one measure per hostile text (title in both languages,
    the multi-line ones in the measure's text and in a follow-up entry's answer)."""
    shutil.copytree(FIXTURES / "followup", target)
    folder = target / "data" / "recommendations"
    for n, line in enumerate(ONE_LINE, start=10):
        long = MULTI_LINE[n % len(MULTI_LINE)]
        (folder / f"test-sujet-{n}.yml").write_text(textwrap.dedent(f"""\
            # Fictional test data: texts a spreadsheet would run as formulas if split at another separator.
            id: test-sujet-{n}
            topic: test-sujet
            number: {n}
            title: {{fr: {_yaml(line)}, en: {_yaml(line)}}}
            text: {{fr: {_yaml(long)}, en: {_yaml(line)}}}
            follow_up:
              - date: 2025-06-01
                assessor: observer
                status: in_progress
                answer: {{fr: {_yaml(long)}, en: {_yaml(line)}}}
                sources:
                  - {{title: Observation fictive, url: "https://example.org/obs", consulted: 2025-06-02}}
            sources:
              - {{title: Page fictive, url: "https://example.org/source", consulted: 2024-01-15}}
            """), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def hostile_csv(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The open data's CSV files of a hostile build, and the cohort's sheet exported as CSV."""
    from datetime import date

    source = write_hostile(tmp_path_factory.mktemp("csv-hostile") / "data-parent")
    out = tmp_path_factory.mktemp("csv-hostile-site") / "site"
    result = pipeline.build(source / "data", source / "content", out, ROOT, search=False,
                            build_date=date.fromisoformat(TODAY), today=CHECK_DAY)
    assert result.ok, "\n".join(p.text() for p in result.problems if p.is_error)
    sheet = out.parent / "suivi-promo-test.csv"
    assert main(["sheet", "export", "--data", str(source / "data"), "--cohort", "promo-test", "--format", "csv",
                 "--out", str(sheet)]) == 0
    return [*sorted((out / "donnees").glob("*.csv")), sheet]


def open_in_libreoffice(files: list[Path], separator: str, locale: str, out: Path) -> list[Path]:
    """Each CSV file as LibreOffice opens it (separator, `"` around text, UTF-8, from line 1, the
    locale, quoted cells not forced to text, spaces trimmed, formulas evaluated), saved as .fods."""
    options = f"{separator},34,76,1,,{locale},false,false,false,false,true,-1,true"
    done = subprocess.run(
        [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={(out / 'profile').as_uri()}",
         f"--infilter=CSV:{options}", "--convert-to", "fods", "--outdir", str(out), *map(str, files)],
        capture_output=True, text=True, timeout=120, check=False)
    written = [out / f"{f.stem}.fods" for f in files]
    assert done.returncode == 0 and all(w.is_file() for w in written), done.stdout + done.stderr
    return written


def cells(fods: Path) -> list[tuple[str, str]]:
    """(formula, text) of every cell of a flat OpenDocument spreadsheet."""
    found = []
    for cell in minidom.parse(str(fods)).getElementsByTagNameNS(TABLE_NS, "table-cell"):
        text = "\n".join("".join(n.data for n in p.childNodes if n.nodeType == n.TEXT_NODE)
                         for p in cell.childNodes if p.nodeType == p.ELEMENT_NODE)
        found.append((cell.getAttributeNS(TABLE_NS, "formula"), text))
    return found


@needs_libreoffice
def test_no_csv_cell_becomes_a_formula_in_any_locale(hostile_csv: list[Path], tmp_path: Path) -> None:
    runs = [(name, lang, sep, code) for name, sep in SEPARATORS.items() for lang, code in LOCALES.items()]
    with ThreadPoolExecutor(max_workers=4) as pool:
        opened = list(pool.map(lambda r: open_in_libreoffice(hostile_csv, r[2], r[3], tmp_path / f"{r[0]}-{r[1]}"), runs))
    formulas = []
    for (name, lang, _, _), books in zip(runs, opened, strict=True):
        texts = []
        for source, book in zip(hostile_csv, books, strict=True):
            found = cells(book)
            formulas += [(source.name, name, lang, formula, text) for formula, text in found if formula]
            texts += [text for _, text in found]
        # The hostile texts reached the spreadsheet, as text: the test is not vacuous.
        assert any("=1+2" in t for t in texts) and any("HYPERLINK" in t for t in texts), (name, lang)
    assert not formulas, "\n".join(map(repr, formulas))


def test_the_hostile_texts_are_in_both_csv_files(hostile_csv: list[Path]) -> None:
    """Both routes carry the hostile texts (neutralised): the open data and the exported sheet."""
    opendata = next(p for p in hostile_csv if p.name == "recommendations.csv").read_text(encoding="utf-8")
    sheet = hostile_csv[-1].read_text(encoding="utf-8-sig")
    assert "x;'=1+2;y" in opendata and "x,'=1+2,y" in sheet
    assert "'=HYPERLINK(" in opendata and "'=HYPERLINK(" in sheet


@pytest.mark.parametrize("text,expected", [
    ("=1+1", "'=1+1"), ("+33", "'+33"), ("-12 %", "'-12 %"), ("@cmd", "'@cmd"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("x;=1+2;y", "x;'=1+2;y"), ("x,=1", "x,'=1"), ("x|@a", "x|'@a"), ("x\t=1", "x\t'=1"), ("x\n- b", "x\n'- b"),
    ("x; =1", "x;' =1"), ('x;"=1', "x;'\"=1"), ("x;\u00a0+1", "x;'\u00a0+1"), ("\uff1d1", "'\uff1d1"),
    ("x;'=1", "x;''=1"), ("''=1", "'''=1"),
    ("plain", "plain"), ("a=b", "a=b"), ("x; y", "x; y"), ("l'=x", "l'=x"), ("'x", "'x"), ("", ""),
])
def test_neutralize_marks_every_piece_a_formula_could_start(text: str, expected: str) -> None:
    assert neutralize(text) == expected
    assert restore(expected) == text


def documented_restore():
    """The `restore` that docs/open-data.md gives readers of the open data, run as written."""
    text = (ROOT / "docs" / "open-data.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    scope: dict = {}
    exec(code, scope)  # the project's own document
    return scope["restore"]


def test_restore_undoes_neutralize_for_every_text() -> None:
    """Exactly reversible, by the code and by the recipe of docs/open-data.md: every text of up to
    five characters from an alphabet of triggers, separators, apostrophes, spaces and quotes comes
    back unchanged."""
    from itertools import product

    recipe = documented_restore()
    alphabet = "=-,;\n' \"a"
    count = 0
    for length in range(6):
        for chars in product(alphabet, repeat=length):
            text = "".join(chars)
            marked = neutralize(text)
            assert restore(marked) == text and recipe(marked) == text, repr(text)
            count += 1
    assert count > 60000
