"""Exports: the open data of the site, as CSV and JSON with a Frictionless Data Package descriptor.

`site_files(model, data_dir, root)` gathers everything published beside the pages (this package's
files, the feeds and the calendars of generator/publish/feeds.py, the redirects of generator/publish/redirects.py, the
follow-up sheets of generator/editor/sheets/) and the values the pages quote from them. Its modules:

- `tables.py`: the open data's tables, column by column, and their rows;
- `formats.py`: `export_files(model, base_url=…, data_version=…)` / `open_data(…)`, the folder
  `donnees/` (one folder for both languages): for each table a `.csv`, a `.json` twin and an
  `.xlsx` workbook, and `datapackage.json` (Data Package v1) describing every CSV table and field;
- `version.py`: the data's version, the git commit, the generator's version;
- `build_info.py`: the site root's `build-info.json`.

Nothing here depends on MkDocs; only `build.py` writes files.

Contract:
- Same model, same bytes: rows sorted by primary key (statuses by their `order`), columns in a fixed
  order, no timestamp but the data's own dates, UTF-8 without BOM, `\\n` line endings.
- Each table also as an Excel workbook (`.xlsx`, `to_xlsx`): a French Excel reads a UTF-8 CSV as
  Windows-1252 and garbles it; the CSV stays as it is for programs. The workbooks are not in the
  datapackage (a tabular data package describes CSV files).
- Translatable text becomes two columns, `<field>_fr` and `<field>_en`; `_en` is empty when the
  text is not yet translated (never the French text in its place).
- A recommendation's status, progress, last assessment and follow-up calendar are the model's derived
  state (the latest follow-up entry in effect dated on or before the build day; the due dates of
  generator/site/calendar.py), exactly as the pages show: `next_due` is the next due date to come,
  never a past one; `follow_up_awaited_since` the oldest passed one with nothing recorded here;
  `follow_up_due_dates` has a row per due date, as many `not_recorded` rows per measure as its page
  says are awaited. What depends on the day says so in its description, and the day is in
  build-info.json (`build_day`) and datapackage.json (`x-build-day`).
- Corrections: every entry is in follow_up_entries, a corrected one too (`in_effect` false,
  `corrected_by_entry`), each correction with the entry it corrects, when and why; what is counted
  reads the entries in effect (generator/records/ledger.py).
- CSV cells never start a formula in a spreadsheet, whatever separator its locale splits the lines
  at: an apostrophe goes wherever a piece of a cell could start one (after `,` `;` tab `|` or a line
  end too, not only at the cell's start), reversibly (`records/cells.py`, docs/open-data.md). The
  JSON twins keep the text as it is.
- Privacy: members are only ever counted (member_counts, from each list's `composition` counts); no member's
  field is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...editor.sheets.export import site_sheets
from ...records.cells import FORMULA_STARTS, neutralize
from ...site.model import SiteModel
from ..feeds import feed_files
from ..redirects import redirect_files
from .build_info import build_info, record_counts
from .formats import datapackage, export_files, open_data, to_csv, to_json, to_xlsx
from .tables import DATA_FOLDER, Column, Table, tables
from .version import data_version, generator_version, git_commit


@dataclass(frozen=True)
class SiteFiles:
    """What `site_files` publishes (path -> bytes), and the values the pages quote from it."""

    files: dict[str, bytes]
    data_version: str
    #: The Data Package descriptor written as donnees/datapackage.json.
    datapackage: dict[str, Any]


def site_files(model: SiteModel, data_dir: Path, root: Path) -> SiteFiles:
    """Everything published beside the pages: open data, feeds, calendar, build-info.json and the
    follow-up sheets to fill in."""
    version = data_version(data_dir)
    base_url = model.site.base_url
    files, descriptor = open_data(model, base_url=base_url, data_version=version)
    files.update(feed_files(model, base_url=base_url, data_version=version))
    files["build-info.json"] = build_info(model, data_version=version, commit=git_commit(root))
    files.update(redirect_files(model))
    files.update(site_sheets(model))  # each cohort's follow-up sheet to fill in (generator/editor/sheets/)
    return SiteFiles(files, version, descriptor)


__all__ = [
    "DATA_FOLDER", "FORMULA_STARTS", "Column", "SiteFiles", "Table", "build_info", "data_version", "datapackage",
    "export_files", "generator_version", "git_commit", "neutralize", "open_data", "record_counts", "site_files",
    "tables", "to_csv", "to_json", "to_xlsx",
]
