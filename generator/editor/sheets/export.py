"""Export: a cohort's measures as a sheet to fill in, in OpenDocument, Excel or CSV.

`workbook(model, cohort, topics=None)` describes the sheets (one per topic, the new measures, the
explanation of every column); `to_ods`, `to_xlsx`, `to_csv` turn it into bytes. Nothing is printed
or written here: the command line writes the file, the site build publishes it (`site_files`).

Contract:
- A follow-up sheet has one row per measure, in the site's order: its id, number, French title,
  department and current state (the model's derived state, as the pages show it), then empty
  columns for the new assessment (`columns.FOLLOW_UP`). Its first row is the header row.
- Enumerated columns offer, as a drop-down list, the French labels readers see on the site.
- Same model, same bytes: no timestamp but the model's day, zip entries dated 1980-01-01.
- Cells are data, never formulas: XLSX cells are written as strings, ODS cells carry no formula,
  and CSV cells get an apostrophe wherever a spreadsheet splitting them at any separator (an English
  one splits this `;` file at `,`) could start a formula, as in the open data (`cells.neutralize`).
  Only the columns written for reading (`INFO`) and the ids hold text here, and the import reads
  neither as text to keep, so it has nothing to undo.
- The workbook speaks French (its headers, lists and help are the City staff's), with the English
  half of the explanation sheet; the message a drop-down list shows for a value not in the list is
  the catalogues' (`sheet_list_…`), in French then English: one file serves both languages, and its
  bytes never depend on the language the command speaks to the editor in.

The ODS file is written here as XML (a zip of four small files) rather than with odfpy: odfpy builds
a DOM of every cell and took 18 s for 10,000 rows on the benchmark machine, where the site build
has no such time to spare; the reader (`read.py`) uses odfpy, and the tests read every exported
file back with odfpy, openpyxl and LibreOffice itself.

Over 400 lines: one workbook written three ways (ODS by hand for speed, XLSX, CSV), with the
lists and validations each format needs; the three writers share the workbook model.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ...records import schema
from ...records.catalogue import N_
from ...records.cells import neutralize
from ...site.i18n import gettext
from ...site.model import Cohort, Recommendation, SiteModel, Topic
from . import columns as cols
from .columns import CHOICE, DATE, EXPLANATION_SHEET, NEW_MEASURES_SHEET, PARTIAL_DATE, PERCENT, Column

FORMATS = ("ods", "xlsx", "csv")
#: Sheet names: at most 31 characters and none of these (Excel's rules; ODS follows them too, so
#: that a sheet keeps its name from one format to the other).
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\']")
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class Percent(int):
    """A whole percentage (50 means 50 %), written as a percentage cell."""


@dataclass
class Sheet:
    name: str
    columns: Sequence[Column]
    rows: list[list[Any]] = field(default_factory=list)
    #: How many empty rows to prepare below the data (the new-measures sheet starts empty).
    blank_rows: int = 0
    #: The sheet shows a table with its header row (the explanation sheet is plain text rows).
    table: bool = True


@dataclass
class Workbook:
    sheets: list[Sheet]
    #: The drop-down values of each choice column: choices name -> French labels.
    lists: dict[str, list[str]]
    day: date


def sheet_name(title: str, taken: set[str]) -> str:
    name = " ".join(_SHEET_FORBIDDEN.sub(" ", title).split()) or "Feuille"
    if len(name) > 31:  # cut between words, and say so
        name = name[:31].rsplit(" ", 1)[0].rstrip(" ,;.–-") + "…"
    base, n = name, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)].rstrip() + suffix
        n += 1
    taken.add(name.casefold())
    return name


def _label(choices: schema.Choices, value: str | None) -> str | None:
    return choices.label(value, "fr") or None if value else None


def state_row(model: SiteModel, rec: Recommendation) -> list[Any]:
    """The values of the columns of the current state, in `columns.FOLLOW_UP` order."""
    state = rec.state
    latest = state.latest
    record = rec.record
    target = state.targets[-1].target if state.targets else None
    return [
        record.id,
        record.number,
        record.title.fr,
        record.department.fr if record.department else None,
        _label(schema.RESPONSES, latest.response if latest else None),
        state.status.label.fr,
        Percent(state.progress) if state.progress is not None else None,
        _label(schema.FIDELITY, latest.fidelity if latest else None),
        target.isoformat() if target else None,
        state.last_assessed,
    ]


#: Beyond this many topics, a cohort's measures go on one sheet: tabs past a few dozen cannot be
#: found, and each sheet costs time to write (a cohort of the benchmark has 333 topics).
MAX_TOPIC_SHEETS = 20


def workbook(model: SiteModel, cohort: Cohort, topics: Sequence[Topic] | None = None, *,
             table_only: bool = False) -> Workbook:
    """The sheets for `cohort` (or only `topics`): one per topic (one for all past MAX_TOPIC_SHEETS),
    the new measures and the explanation; `table_only` (CSV): one sheet of the measures, nothing else."""
    topics = list(topics if topics is not None else cohort.topics)
    one_sheet = table_only or len(topics) > MAX_TOPIC_SHEETS
    taken = {EXPLANATION_SHEET.casefold(), NEW_MEASURES_SHEET.casefold(), "listes"}
    sheets: list[Sheet] = []
    width = len(cols.FOLLOW_UP)
    if one_sheet:
        rows = [state_row(model, r) + [None] * (width - 10) for t in topics for r in t.recommendations]
        sheets.append(Sheet(sheet_name(cohort.record.name.fr, taken), cols.FOLLOW_UP, rows))
    else:
        for topic in topics:
            rows = [state_row(model, r) + [None] * (width - 10) for r in topic.recommendations]
            sheets.append(Sheet(sheet_name(topic.record.title.fr, taken), cols.FOLLOW_UP, rows))
    if not table_only:
        sheets.append(Sheet(NEW_MEASURES_SHEET, cols.NEW_MEASURES, [], blank_rows=50))
        explanation = cols.explanation_rows(model.statuses, [t.record for t in topics])
        sheets.append(Sheet(EXPLANATION_SHEET, [], explanation, table=False))
    lists = {
        name: [o.fr for o in cols.options(name, model.statuses, [t.record for t in topics])]
        for name in {c.choices for c in (*cols.FOLLOW_UP, *cols.NEW_MEASURES) if c.choices}
    }
    return Workbook(sheets, lists, model.today)


# --------------------------------------------------------------------------- CSV


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Percent):
        return f"{int(value)}\u00a0%"
    if isinstance(value, date):
        return value.isoformat()
    return neutralize(str(value))


def to_csv(book: Workbook) -> bytes:
    """The first sheet as CSV: UTF-8 with a byte order mark and `;` between cells, which is what a
    spreadsheet set to French opens without asking (`,` is its decimal separator)."""
    sheet = book.sheets[0]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.fr for c in sheet.columns])
    for row in sheet.rows:
        writer.writerow([_csv_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# --------------------------------------------------------------------------- OpenDocument

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
    'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0"'
)
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_ODS_STYLES = """<office:automatic-styles>
<number:date-style style:name="Ndate"><number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>
<number:percentage-style style:name="Npct"><number:number number:decimal-places="0" number:min-integer-digits="1"/><number:text>\u00a0%</number:text></number:percentage-style>
<number:text-style style:name="Ntext"><number:text-content/></number:text-style>
<style:style style:name="ro" style:family="table-row"><style:table-row-properties style:use-optimal-row-height="true"/></style:style>
<style:style style:name="head" style:family="table-cell"><style:table-cell-properties fo:background-color="#dde3ea" fo:wrap-option="wrap" style:vertical-align="top"/><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="newhead" style:family="table-cell"><style:table-cell-properties fo:background-color="#ffe8a3" fo:wrap-option="wrap" style:vertical-align="top"/><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="wrap" style:family="table-cell"><style:table-cell-properties fo:wrap-option="wrap" style:vertical-align="top"/></style:style>
<style:style style:name="new" style:family="table-cell"><style:table-cell-properties fo:background-color="#fffbea" fo:wrap-option="wrap" style:vertical-align="top"/></style:style>
<style:style style:name="date" style:family="table-cell" style:data-style-name="Ndate"><style:table-cell-properties style:vertical-align="top"/></style:style>
<style:style style:name="newdate" style:family="table-cell" style:data-style-name="Ndate"><style:table-cell-properties fo:background-color="#fffbea" style:vertical-align="top"/></style:style>
<style:style style:name="pct" style:family="table-cell" style:data-style-name="Npct"><style:table-cell-properties style:vertical-align="top"/></style:style>
<style:style style:name="newpct" style:family="table-cell" style:data-style-name="Npct"><style:table-cell-properties fo:background-color="#fffbea" style:vertical-align="top"/></style:style>
<style:style style:name="newtext" style:family="table-cell" style:data-style-name="Ntext"><style:table-cell-properties fo:background-color="#fffbea" style:vertical-align="top"/></style:style>
{columns}
</office:automatic-styles>"""


def _both(message: str) -> str:
    """A message of the workbook itself, in French then in English."""
    return f"{cols.french(gettext(message, 'fr'))} / {gettext(message, 'en')}"


def _xml_text(value: str) -> str:
    """Paragraphs of a cell: one `text:p` per line, runs of spaces and tabs kept (ODF collapses them)."""
    paragraphs = []
    for line in _INVALID_XML.sub("", value).split("\n"):
        out = []
        for part in re.split(r"( {2,}|\t)", line):
            if part == "\t":
                out.append("<text:tab/>")
            elif part.startswith("  "):
                out.append(f' <text:s text:c="{len(part) - 1}"/>')
            else:
                out.append(escape(part))
        paragraphs.append("<text:p>" + "".join(out) + "</text:p>")
    return "".join(paragraphs)


def _ods_cell(value: Any, style: str, validation: str = "") -> str:
    attrs = f' table:style-name="{style}"' if style else ""
    if validation:
        attrs += f' table:content-validation-name="{validation}"'
    if value is None:
        return f"<table:table-cell{attrs}/>"
    if isinstance(value, Percent):
        return (f'<table:table-cell{attrs} office:value-type="percentage" office:value="{int(value) / 100!r}">'
                f"<text:p>{int(value)}\u00a0%</text:p></table:table-cell>")
    if isinstance(value, date):
        return (f'<table:table-cell{attrs} office:value-type="date" office:date-value="{value.isoformat()}">'
                f"<text:p>{value.strftime('%d/%m/%Y')}</text:p></table:table-cell>")
    if isinstance(value, int) and not isinstance(value, bool):
        return f'<table:table-cell{attrs} office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    return f'<table:table-cell{attrs} office:value-type="string">{_xml_text(str(value))}</table:table-cell>'


def _cell_style(column: Column, value: Any) -> str:
    if not column.is_new:
        return "pct" if isinstance(value, Percent) else "date" if isinstance(value, date) else "wrap"
    return {DATE: "newdate", PERCENT: "newpct", PARTIAL_DATE: "newtext"}.get(column.kind, "new")


def _ods_table(sheet: Sheet, validations: dict[str, str], index: int) -> str:
    parts = [f"<table:table table:name={quoteattr(sheet.name)}>"]
    if not sheet.table:
        parts += [f'<table:table-column table:style-name="cx{n}"/>' for n in range(len(cols.EXPLANATION_WIDTHS))]
        for r, row in enumerate(sheet.rows):
            parts.append('<table:table-row table:style-name="ro">'
                         + "".join(_ods_cell(v or None, "head" if r == 0 else "wrap") for v in row) + "</table:table-row>")
        parts.append("</table:table>")
        return "".join(parts)
    for n in range(len(sheet.columns)):
        parts.append(f'<table:table-column table:style-name="co{index}_{n}"/>')
    parts.append('<table:table-row table:style-name="ro">'
                 + "".join(_ods_cell(c.fr, "newhead" if c.is_new else "head") for c in sheet.columns)
                 + "</table:table-row>")
    blank = [None] * len(sheet.columns)
    for row in [*sheet.rows, *([blank] * sheet.blank_rows)]:
        cells = []
        for column, value in zip(sheet.columns, row, strict=True):
            validation = validations.get(column.choices, "") if column.kind == CHOICE else ""
            cells.append(_ods_cell(value, _cell_style(column, value), validation))
        parts.append('<table:table-row table:style-name="ro">' + "".join(cells) + "</table:table-row>")
    parts.append("</table:table>")
    return "".join(parts)


def _ods_validations(lists: dict[str, list[str]]) -> tuple[str, dict[str, str]]:
    names: dict[str, str] = {}
    parts = ["<table:content-validations>"]
    for n, (choices, labels) in enumerate(sorted(lists.items())):
        name = f"list{n + 1}"
        names[choices] = name
        # OpenFormula strings: in double quotes, a double quote doubled; items separated by ;
        items = ";".join('"' + label.replace('"', '""') + '"' for label in labels)
        parts.append(
            f'<table:content-validation table:name="{name}" table:condition={quoteattr("of:cell-content-is-in-list(" + items + ")")} '
            'table:allow-empty-cell="true" table:display-list="unsorted">'
            f'<table:error-message table:display="true" table:message-type="stop" '
            f'table:title={quoteattr(_both(N_("sheet_list_error_title")))}>'
            f"<text:p>{escape(_both(N_('sheet_list_error')))}</text:p>"
            "</table:error-message></table:content-validation>"
        )
    parts.append("</table:content-validations>")
    return "".join(parts), names


def _ods_settings(book: Workbook) -> str:
    """Frozen header row and first columns (LibreOffice's view settings)."""
    tables = []
    for sheet in book.sheets:
        if not sheet.table:
            continue
        split_x = 3 if sheet.columns is cols.FOLLOW_UP else 1
        items = (
            ('HorizontalSplitMode', 'short', 2), ('VerticalSplitMode', 'short', 2),
            ('HorizontalSplitPosition', 'int', split_x), ('VerticalSplitPosition', 'int', 1),
            ('PositionLeft', 'int', 0), ('PositionRight', 'int', split_x),
            ('PositionTop', 'int', 0), ('PositionBottom', 'int', 1), ('ActiveSplitRange', 'short', 2),
        )
        body = "".join(f'<config:config-item config:name="{n}" config:type="{t}">{v}</config:config-item>' for n, t, v in items)
        tables.append(f"<config:config-item-map-entry config:name={quoteattr(sheet.name)}>{body}</config:config-item-map-entry>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-settings {_NS} office:version="1.3"><office:settings>'
        '<config:config-item-set config:name="ooo:view-settings"><config:config-item-map-indexed config:name="Views">'
        '<config:config-item-map-entry><config:config-item config:name="ViewId" config:type="string">view1</config:config-item>'
        f'<config:config-item-map-named config:name="Tables">{"".join(tables)}</config:config-item-map-named>'
        f'<config:config-item config:name="ActiveTable" config:type="string">{escape(book.sheets[0].name)}</config:config-item>'
        "</config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set>"
        "</office:settings></office:document-settings>"
    )


#: Printed in landscape, with the grid and the row and column headers, as a sheet reads on screen.
_ODS_PAGE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<office:document-styles {_NS} office:version="1.3"><office:automatic-styles>'
    '<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="29.7cm" fo:page-height="21cm" '
    'style:print-orientation="landscape" fo:margin-top="1cm" fo:margin-bottom="1cm" fo:margin-left="1cm" '
    'fo:margin-right="1cm" style:print="grid headers annotations objects charts drawings zero-values" '
    'style:print-page-order="ltr"/></style:page-layout></office:automatic-styles>'
    '<office:master-styles><style:master-page style:name="Default" style:page-layout-name="pm1"/></office:master-styles>'
    "</office:document-styles>"
)


def to_ods(book: Workbook) -> bytes:
    validations, names = _ods_validations(book.lists)
    column_styles = [f'<style:style style:name="cx{n}" style:family="table-column">'
                     f'<style:table-column-properties style:column-width="{width}cm"/></style:style>'
                     for n, width in enumerate(cols.EXPLANATION_WIDTHS)]
    for index, sheet in enumerate(book.sheets):
        for n, column in enumerate(sheet.columns):
            column_styles.append(f'<style:style style:name="co{index}_{n}" style:family="table-column">'
                                 f'<style:table-column-properties style:column-width="{column.width_cm}cm"/></style:style>')
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-content {_NS} office:version="1.3">'
        + _ODS_STYLES.format(columns="\n".join(column_styles))
        + "<office:body><office:spreadsheet>" + validations
        + "".join(_ods_table(sheet, names, i) for i, sheet in enumerate(book.sheets))
        + "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        # The media type first and uncompressed, as ODF requires (that is how files are recognised).
        archive.writestr(zipfile.ZipInfo("mimetype", _ZIP_DATE), "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        for name, text in (("content.xml", content), ("styles.xml", _ODS_PAGE), ("settings.xml", _ods_settings(book)),
                           ("META-INF/manifest.xml", manifest)):
            archive.writestr(zipfile.ZipInfo(name, _ZIP_DATE), text.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


# --------------------------------------------------------------------------- Excel


def to_xlsx(book: Workbook) -> bytes:
    # Imported here: openpyxl is slow to load and only Excel files need it (not CSV or OpenDocument).
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = openpyxl.Workbook(write_only=True)
    head_fill, new_head_fill = PatternFill("solid", fgColor="DDE3EA"), PatternFill("solid", fgColor="FFE8A3")
    new_fill = PatternFill("solid", fgColor="FFFBEA")
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    # The drop-down values live in a hidden sheet (a list written in the rule itself cannot hold a
    # comma, and is limited to 255 characters).
    ranges: dict[str, str] = {}
    order = sorted(book.lists)
    for n, name in enumerate(order):
        letter = get_column_letter(n + 1)
        ranges[name] = f"{quote_sheetname('Listes')}!${letter}$2:${letter}${len(book.lists[name]) + 1}"

    # Styles go on the columns (fill, wrap, number format for what staff type), and on single cells
    # only where a value needs its format: styling every cell made 10,000 rows take tens of seconds.
    def head(ws: Any, column: Column | None, value: str) -> Any:
        c = WriteOnlyCell(ws, value=value)
        c.data_type = "s"
        c.font, c.alignment = bold, wrap
        c.fill = new_head_fill if column is not None and column.is_new else head_fill
        return c

    def cell(ws: Any, value: Any) -> Any:
        if isinstance(value, Percent):
            c = WriteOnlyCell(ws, value=int(value) / 100)
            c.number_format = "0%"
        elif isinstance(value, date):
            c = WriteOnlyCell(ws, value=value)
            c.number_format = "DD/MM/YYYY"
        elif isinstance(value, str) and value.startswith("="):
            c = WriteOnlyCell(ws, value=value)
            c.data_type = "s"  # text stays text, never a formula
        else:
            return value
        c.alignment = wrap
        return c

    formats = {DATE: "DD/MM/YYYY", PERCENT: "0%", PARTIAL_DATE: "@"}  # @: 2026-12 stays a month
    for sheet in book.sheets:
        ws = wb.create_sheet(sheet.name)
        if not sheet.table:
            for n, width in enumerate(cols.EXPLANATION_WIDTHS):
                dimension = ws.column_dimensions[get_column_letter(n + 1)]
                dimension.width, dimension.alignment = round(width * 5.1, 1), wrap
            for r, row in enumerate(sheet.rows):
                ws.append([head(ws, None, v) if r == 0 else cell(ws, v or None) for v in row])
            continue
        for n, column in enumerate(sheet.columns):
            dimension = ws.column_dimensions[get_column_letter(n + 1)]
            dimension.width, dimension.alignment = round(column.width_cm * 5.1, 1), wrap
            if column.is_new:
                dimension.fill = new_fill
                if column.kind in formats:
                    dimension.number_format = formats[column.kind]
        ws.freeze_panes = "D2" if sheet.columns is cols.FOLLOW_UP else "B2"
        last = len(sheet.rows) + sheet.blank_rows + 1
        for n, column in enumerate(sheet.columns):
            if column.kind == CHOICE and last > 1:
                letter = get_column_letter(n + 1)
                validation = DataValidation(type="list", formula1=ranges[column.choices], allow_blank=True,
                                            showErrorMessage=True, errorStyle="stop",
                                            errorTitle=_both(N_("sheet_list_error_title")),
                                            error=_both(N_("sheet_list_error")))
                validation.add(f"{letter}2:{letter}{last}")
                ws.data_validations.append(validation)
        ws.append([head(ws, c, c.fr) for c in sheet.columns])
        for row in sheet.rows:
            ws.append([cell(ws, v) for v in row])

    lists = wb.create_sheet("Listes")
    lists.sheet_state = "hidden"
    longest = max((len(v) for v in book.lists.values()), default=0)
    for index in range(longest + 1):
        cells = []
        for name in order:
            value = name if index == 0 else (book.lists[name][index - 1] if index - 1 < len(book.lists[name]) else None)
            cells.append(cell(lists, value))
        lists.append(cells)
    moment = datetime(book.day.year, book.day.month, book.day.day)
    wb.properties.creator = "droit-de-suite"
    wb.properties.created = wb.properties.modified = moment
    raw = io.BytesIO()
    wb.save(raw)
    # openpyxl dates the file and its zip entries with the current time: the same bytes for the
    # same data need the model's day instead.
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w") as target:
        for info in sorted(source.infolist(), key=lambda i: (i.filename != "[Content_Types].xml", i.filename)):
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
            target.writestr(zipfile.ZipInfo(info.filename, _ZIP_DATE), data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def to_bytes(book: Workbook, fmt: str) -> bytes:
    return {"ods": to_ods, "xlsx": to_xlsx, "csv": to_csv}[fmt](book)


#: Where the site publishes each cohort's sheet (one copy for both languages).
SITE_FOLDER = "tableurs"


def site_path(cohort_id: str, fmt: str) -> str:
    return f"{SITE_FOLDER}/suivi-{cohort_id}.{fmt}"


def site_sheets(model: SiteModel) -> dict[str, bytes]:
    """The sheet of every cohort that has topics, in OpenDocument and Excel, for the follow-up pages."""
    files = {}
    for cohort in model.cohorts:
        if cohort.topics:
            book = workbook(model, cohort)
            for fmt in ("ods", "xlsx"):
                files[site_path(cohort.id, fmt)] = to_bytes(book, fmt)
    return files
