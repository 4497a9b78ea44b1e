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
import re
import zipfile
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any
from xml.sax.saxutils import escape as xml_escape

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


#: The same instant on every file of every workbook: the same data gives the same bytes.
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _column_name(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _xlsx_cell(ref: str, value: Any, style: int = 0) -> str:
    if value is None:
        return ""
    s = f' s="{style}"' if style else ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"{s}><v>{int(value)}</v></c>'
    if isinstance(value, int):
        return f'<c r="{ref}"{s}><v>{value}</v></c>'
    text = value.isoformat() if isinstance(value, date | PartialDate) else str(value)
    text = xml_escape(_XML_UNSAFE.sub("", text))
    return f'<c r="{ref}" t="inlineStr"{s}><is><t xml:space="preserve">{text}</t></is></c>'


def to_xlsx(table: Table) -> bytes:
    """The table as an Excel workbook (Office Open XML, one sheet), for people who open the data
    in a spreadsheet: a CSV file opens garbled in a French Excel (it reads it as Windows-1252, and
    expects semicolons). Text cells are text, never formulas, so nothing needs neutralising; numbers
    and true/false are typed; dates stay as written (a date known to the month stays a month). The
    header row is bold, frozen and filterable. Same table, same bytes (fixed times in the zip)."""
    names = [c.name for c in table.columns]
    last = _column_name(len(names) - 1)
    rows = [f'<row r="1">{"".join(_xlsx_cell(f"{_column_name(i)}1", n, 1) for i, n in enumerate(names))}</row>']
    for number, row in enumerate(table.rows, start=2):
        cells = "".join(_xlsx_cell(f"{_column_name(i)}{number}", row[n]) for i, n in enumerate(names))
        rows.append(f'<row r="{number}">{cells}</row>')
    end = len(table.rows) + 1
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
        'state="frozen"/></sheetView></sheetViews>'
        f'<sheetData>{"".join(rows)}</sheetData><autoFilter ref="A1:{last}{end}"/></worksheet>'
    )
    title = xml_escape(table.name[:31])
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '</Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<sheets><sheet name="{title}" sheetId="1" r:id="rId1"/></sheets>'
            '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
            f"'{title}'!$A$1:${last}${end}</definedName></definedNames></workbook>"),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'styles" Target="styles.xml"/></Relationships>'),
        "xl/styles.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
            '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
            '</styleSheet>'),
        "xl/worksheets/sheet1.xml": sheet,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


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
