"""The open data's files: each table as CSV, JSON and an Excel workbook, and the Data Package
descriptor (datapackage.json) of the CSV files.

`open_data(model, base_url=…, data_version=…)` returns the files of `donnees/` and the descriptor;
the rules they follow (same model, same bytes; spreadsheet safety) are in the package's docstring.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from ...editor import office
from ...records import schema
from ...records.cells import neutralize
from ...records.schema import PartialDate
from ...site import i18n, typography
from ...site.model import SiteModel
from .tables import DATA_FOLDER, PACKAGE_DESCRIPTION, Table, tables

# --------------------------------------------------------------------------- serialisation


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date | PartialDate):
        return value.isoformat()
    return neutralize(str(value))


def _json_value(value: Any) -> Any:
    if isinstance(value, date | PartialDate):
        return value.isoformat()
    return value


def to_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.name for c in table.columns])
    for row in table.rows:
        writer.writerow([_cell(row[c.name]) for c in table.columns])
    return buffer.getvalue().encode("utf-8")


def _xlsx_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | PartialDate) else value


#: The header row in bold.
_HEADER = {"head": office.Style(bold=True)}


def to_xlsx(table: Table) -> bytes:
    """The table as an Excel workbook (one sheet, through the office-file writer,
    generator/editor/office.py), for people who open the data in a spreadsheet: a CSV file opens
    garbled in a French Excel (it reads it as Windows-1252, and expects semicolons). Text cells are
    text, never formulas, so nothing needs neutralising; numbers and true/false are typed; dates stay
    as written (a date known to the month stays a month). The header row is bold, frozen and
    filterable. Same table, same bytes (the workbook has no date)."""
    names = [c.name for c in table.columns]
    rows: list[list[Any]] = [[office.Styled(n, "head") for n in names]]
    rows += [[_xlsx_value(row[n]) for n in names] for row in table.rows]
    sheet = office.Sheet(table.name[:31], rows, freeze=(0, 1), autofilter=True)
    return office.to_xlsx(office.Book([sheet], _HEADER))


def to_json(table: Table) -> bytes:
    rows = [{c.name: _json_value(row[c.name]) for c in table.columns} for row in table.rows]
    return (json.dumps(rows, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def datapackage(model: SiteModel, all_tables: Sequence[Table], files: Mapping[str, bytes], *,
                base_url: str, data_version: str) -> dict[str, Any]:
    """The Data Package v1 descriptor of the CSV files (`files`: name -> bytes, to state size and hash)."""
    resources = []
    for table in all_tables:
        path = f"{table.name}.csv"
        data = files[path]
        table_schema: dict[str, Any] = {
            "fields": [c.descriptor() for c in table.columns],
            "primaryKey": list(table.primary_key),
            "missingValues": [""],
        }
        if table.foreign_keys:
            table_schema["foreignKeys"] = [
                {"fields": own, "reference": {"resource": other, "fields": key}}
                for own, other, key in table.foreign_keys
            ]
        resources.append({
            "name": table.name,
            "path": path,
            "profile": "tabular-data-resource",
            "title": table.title,
            "description": table.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "bytes": len(data),
            "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
            "dialect": {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "doubleQuote": True,
                        "header": True},
            "schema": table_schema,
        })
    site = model.site
    descriptor: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "droit-de-suite-donnees",
        "title": site.name.fr,
        "description": PACKAGE_DESCRIPTION,
        "homepage": base_url,
        "x-title-en": schema.text_in(site.name, "en"),
        "x-publisher": {"fr": site.publisher.fr, "en": schema.text_in(site.publisher, "en")},
        "x-data-version": data_version,
        # What depends on the day (due dates passed or to come, passed completion dates) is as of this day.
        "x-build-day": model.today.isoformat(),
    }
    if site.data_licence is not None:
        # The licence covers the data the project produces, never the third-party texts it quotes:
        # the same exclusion as the legal notice, in both languages.
        licence = site.data_licence
        descriptor["licenses"] = [{"name": licence.name, "path": licence.url,
                                   "title": schema.text_in(licence.title, "en")}]
        exclusion = {lang: typography.text(i18n.gettext("licence_exclusion", lang), lang) for lang in ("fr", "en")}
        descriptor["description"] = PACKAGE_DESCRIPTION + " " + exclusion["en"]
        descriptor["x-licence-exclusion"] = exclusion
    descriptor["resources"] = resources
    return descriptor


def export_files(model: SiteModel, *, base_url: str, data_version: str) -> dict[str, bytes]:
    """The open data: `{"donnees/<table>.csv" | ".json" | ".xlsx" | "donnees/datapackage.json": bytes}`."""
    return open_data(model, base_url=base_url, data_version=data_version)[0]


def open_data(model: SiteModel, *, base_url: str, data_version: str) -> tuple[dict[str, bytes], dict[str, Any]]:
    """The open data files (as `export_files`) and the Data Package descriptor they include."""
    all_tables = tables(model, base_url)
    files: dict[str, bytes] = {}
    for table in all_tables:
        files[f"{table.name}.csv"] = to_csv(table)
        files[f"{table.name}.json"] = to_json(table)
        files[f"{table.name}.xlsx"] = to_xlsx(table)
    descriptor = datapackage(model, all_tables, files, base_url=base_url, data_version=data_version)
    files["datapackage.json"] = (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return {f"{DATA_FOLDER}/{name}": data for name, data in sorted(files.items())}, descriptor
