"""The pictures of the follow-up sheet in CONTRIBUTING.md: the sheet as LibreOffice Calc shows it.

    python tools/sheet_screenshots.py [OUT_DIR]   (default: docs/images)

Exports the first cohort of the fictional demo data (tests/fixtures/demo) with `generator.editor.sheets`,
fills in a few rows of the new assessment the way the guide describes (fictional values, on
fictional measures), has headless LibreOffice (soffice) print each view to PDF, and turns the
first page into a PNG with pdftoppm (Debian's poppler-utils). Writes:

- tableur-1-mesures.png: the measures and their current state (the columns staff read);
- tableur-2-nouvelle-evaluation.png: the new assessment, filled in (the columns staff write);
- tableur-3-colonnes.png: the sheet that explains every column.

Columns outside a view are collapsed in the copy written for its picture (`office.Column.hidden`), so each picture shows LibreOffice's own
rendering of the exported sheet (fonts, grid, row and column headers, formats of dates and
percentages).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from generator.cli import days  # noqa: E402
from generator.editor import office  # noqa: E402
from generator.editor.sheets import export  # noqa: E402
from generator.editor.sheets.columns import FOLLOW_UP  # noqa: E402
from generator.records.validate import validate  # noqa: E402
from generator.site.model import build_model  # noqa: E402

DEMO = PROJECT / "tests" / "fixtures" / "demo" / "data"
KEYS = [c.key for c in FOLLOW_UP]
VIEWS = {
    "tableur-1-mesures": ["id", "number", "title", "current_response", "current_status", "current_progress",
                          "last_assessed"],
    "tableur-2-nouvelle-evaluation": ["id", "date", "assessor", "response", "status", "progress", "progress_reason_fr"],
}
#: The picture's example rows (fictional values on fictional measures), by measure.
FILLED = {
    "demo-mobilite-02": {"date": date(2026, 11, 20), "assessor": "La Ville", "response": "Retenue",
                         "status": "Mise en œuvre en cours", "progress": export.Percent(60),
                         "progress_reason_fr": "1 200 places sur 2 000 sont installées."},
    "demo-mobilite-05": {"date": date(2026, 11, 20), "assessor": "La Ville", "response": "Partiellement retenue",
                         "status": "Totalement mise en œuvre"},
}
#: The rows of the explanation sheet shown, and its columns (Colonne, À remplir, Ce qu'il faut écrire, Valeurs).
EXPLAINED = ("date", "assessor", "status", "progress")
CROP_HEIGHT = 360  # pixels at 110 dpi: the header and the rows, not the empty rest of the page


def soffice_pdf(ods: Path, out: Path, profile: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed: apt-get install libreoffice-calc-nogui")
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(out), str(ods)], check=True, capture_output=True, timeout=300)
    return out / f"{ods.stem}.pdf"


def png(pdf: Path, target: Path, height: int = CROP_HEIGHT) -> None:
    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm is needed: apt-get install poppler-utils")
    subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", "-x", "0", "-y", "0",
                    "-W", "1286", "-H", str(height), str(pdf), str(target.with_suffix(""))], check=True, timeout=120)


def hide_columns(view: export.Workbook, keep: list[str] | None) -> office.Book:
    """The view as the office writer describes it, the columns outside `keep` collapsed (the export
    is unchanged); `keep` None: the explanation, without its first column (the sheet's name, the
    same on every row shown)."""
    book = export.office_book(view)
    sheet = book.sheets[0]
    keys = [c.key for c in view.sheets[0].columns]
    sheet.columns = [replace(c, hidden=(n == 0) if keep is None else keys[n] not in keep)
                     for n, c in enumerate(sheet.columns)]
    return book


def main(out: Path) -> int:
    built, today = days()
    dataset, problems = validate(DEMO, PROJECT, today=today)
    assert not any(p.is_error for p in problems)
    model = build_model(dataset, built)
    book = export.workbook(model, model.cohorts[0])
    first = book.sheets[0]
    for row in first.rows:
        for key, value in FILLED.get(row[0], {}).items():
            row[KEYS.index(key)] = value
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        views = {name: (export.Workbook([first], book.lists, book.day), keep) for name, keep in VIEWS.items()}
        explanation = next(s for s in book.sheets if not s.table)
        headers = {c.fr for c in FOLLOW_UP if c.key in EXPLAINED}
        rows = [explanation.rows[0]] + [r for r in explanation.rows if r[1] in headers and r[0].startswith("Suivi")]
        short = export.Sheet(explanation.name, [], [row[:5] for row in rows], table=False)
        views["tableur-3-colonnes"] = (export.Workbook([short], book.lists, book.day), None)
        for name, (view, keep) in views.items():
            ods = work / f"{name}.ods"
            ods.write_bytes(office.to_ods(hide_columns(view, keep)))
            png(soffice_pdf(ods, work, work / "profile"), out / f"{name}.png", 760 if keep is None else CROP_HEIGHT)
            print(f"wrote {out / name}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else PROJECT / "docs" / "images"))


