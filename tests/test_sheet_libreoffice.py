"""The round trip with the program staff actually use: files written by LibreOffice Calc import correctly.

LibreOffice runs headless (`soffice --convert-to`, Debian's libreoffice-calc-nogui, which .ci/run
installs): it opens the exported sheets, filled in, and saves them again as ODS, XLSX and CSV, in its
own way (its styles, repeated empty cells, its number formats, its dates). Each of its files must
import into exactly the entries that were filled in.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from generator.editor.sheets import read
from generator.records.validate import validate

from .conftest import CHECK_DAY
from .sheetfill import fill
from .test_sheet import EPOCH, H, assessment, demo, entry_as_filled, export, measures, run, snapshot  # noqa: F401 (fixture)
from .test_sheet_found import GOOD

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (soffice): .ci/run installs Debian's libreoffice-calc-nogui")

CSV_FILTER = "csv:Text - txt - csv (StarCalc):59,34,76,1"  # ; between cells, " around text, UTF-8


def convert(source: Path, target_format: str, out: Path, profile: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
         "--convert-to", target_format, "--outdir", str(out), str(source)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    suffix = target_format.split(":")[0]
    written = out / f"{source.stem}.{suffix}"
    assert done.returncode == 0 and written.is_file(), done.stdout + done.stderr
    return written


def test_sheets_saved_by_libreoffice_import_correctly(demo: Path, tmp_path: Path,  # noqa: F811 (fixture)
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "libreoffice-profile"
    sheet = export(capsys, demo, "demo-promotion-3", "ods", tmp_path / "suivi.ods")
    rows = measures(sheet)
    fills, expected = {}, {}
    for i, (name, number, rec_id) in enumerate(rows):
        cells, entry = assessment(i)
        fills.update({(name, number, header): value for header, value in cells.items()})
        expected[rec_id] = entry
    fill(sheet, fills)
    # The exported XLSX, filled in, then saved by LibreOffice as ODS: its own writer on our workbook.
    xlsx = export(capsys, demo, "demo-promotion-3", "xlsx", tmp_path / "suivi-excel.xlsx")
    fill(xlsx, fills)
    written = [
        convert(sheet, "xlsx", tmp_path / "lo-xlsx", profile),
        convert(sheet, "ods", tmp_path / "lo-ods", profile),
        convert(xlsx, "ods", tmp_path / "lo-from-xlsx", profile),
        convert(sheet, CSV_FILTER, tmp_path / "lo-csv", profile),  # the first sheet only: one topic
    ]
    # LibreOffice wrote them itself: its files differ from ours, and it kept the values.
    with zipfile.ZipFile(tmp_path / "lo-ods" / "suivi.ods") as archive:
        assert b"<meta:generator>LibreOffice" in archive.read("meta.xml")
    assert len(read.read(written[0])) == len(read.read(sheet))

    original = shutil.copytree(demo, tmp_path / "original")
    for file in written:
        shutil.rmtree(demo)
        shutil.copytree(original, demo)
        code, printed = run(capsys, "sheet", "import", str(file), "--data", str(demo))
        assert code == 0, f"{file.name}: {printed}"
        dataset, problems = validate(demo, tmp_path, today=CHECK_DAY)
        assert [p.text() for p in problems if p.is_error] == []
        imported = [rec for rec in expected if len(dataset.folders["recommendations"][rec].record.follow_up)
                    > len(validate(original, tmp_path, today=CHECK_DAY)[0].folders["recommendations"][rec].record.follow_up)]
        wanted = [r for _, _, r in rows if file.suffix != ".csv" or r.startswith("demo-eau-")]
        assert sorted(imported) == sorted(wanted), file
        for rec_id in imported:
            entry = dataset.folders["recommendations"][rec_id].record.follow_up[-1]
            assert entry_as_filled(entry, expected[rec_id]) == expected[rec_id], (file.name, rec_id)
        # and a second import of LibreOffice's file adds nothing: each row reads as the entry it wrote,
        # refused as already there (without --base, every entry in data/ is published)
        before = snapshot(demo)
        code, printed = run(capsys, "sheet", "import", str(file), "--data", str(demo))
        assert code == 1 and printed.count("cette évaluation est déjà publiée") == len(imported), printed
        assert snapshot(demo) == before


def test_a_merge_saved_by_libreoffice_is_said_as_merged(demo: Path, tmp_path: Path,  # noqa: F811 (fixture)
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Two rows' « Source : titre » merged in an XLSX, saved by LibreOffice as ODS and as XLSX: its own
    covered cells and merge ranges are read as merged (test_sheet_found.py writes them by hand)."""
    import openpyxl

    from generator.editor.sheets.columns import FOLLOW_UP, letter

    sheet = export(capsys, demo, "demo-promotion-2", "xlsx", tmp_path / "suivi.xlsx")
    (name, first, _), (_, second, _) = measures(sheet)[:2]
    fill(sheet, {(name, row, header): value for row in (first, second) for header, value in GOOD.items()})
    book = openpyxl.load_workbook(sheet)
    column = letter([c.key for c in FOLLOW_UP].index("source_title") + 1)
    book[name].merge_cells(f"{column}{first}:{column}{second}")
    book.save(sheet)
    profile = tmp_path / "libreoffice-profile"
    before = snapshot(demo)
    for written in (convert(sheet, "ods", tmp_path / "lo-ods", profile), convert(sheet, "xlsx", tmp_path / "lo-xlsx", profile)):
        code, printed = run(capsys, "sheet", "import", str(written), "--data", str(demo))
        assert code == 1 and snapshot(demo) == before, printed
        first_line = printed.replace("\u00a0", " ").splitlines()[0]
        assert first_line.startswith(f"{written.parent.name}/{written.name} › {name} › ligne {second} › Source : titre : cette case est "
                                     f"fusionnée avec ses voisines (cases {column}{first}:{column}{second})"), printed
