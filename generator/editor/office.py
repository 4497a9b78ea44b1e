"""Office files: every spreadsheet the project writes, as OpenDocument (.ods) or Excel (.xlsx).

The one writer of office files (tests/test_surface.py keeps it so): the open data's workbooks
(generator/publish/exports/formats.py) and the follow-up sheets staff fill in
(generator/editor/sheets/export.py) describe a `Book` (sheets, cells, styles, drop-down lists) and
call `to_ods` or `to_xlsx`; nothing else in generator/ or tools/ writes a spreadsheet or its zip.
It sits at the bottom of editor/ because the sheets are the lowest layer that needs it (publish/,
above, uses it too); it knows nothing of records, columns or languages.

Contract:
- Cells are data, never formulas: a text is written as a text cell in both formats (XLSX inline
  strings, ODS `office:value-type="string"`), whatever it starts with; no formula is ever written.
  Numbers, true/false, dates (`datetime.date`) and percentages (`Percent`) are typed.
  Characters XML cannot hold (control characters) are dropped; a carriage return is a line end in
  both formats, as XML reads it.
- Same book, same bytes: zip entries dated 1980-01-01, in a fixed order, and the only time in a
  file is the book's `day` (XLSX document properties), when it has one.
- Drop-down lists (`Book.lists`, named by `Column.validation`) cover a column's rows below its header
  (and `Sheet.blank_rows` more): ODS writes them in the rule (an OpenFormula list), XLSX in a hidden
  sheet `Listes` (a list written in the rule itself cannot hold a comma and is limited to 255
  characters). A value not in the list is refused with `Book.list_error` (title, message).
- Column widths, a frozen header (`Sheet.freeze`), a filter on the header (`Sheet.autofilter`),
  styles (`Style`: bold, background, wrapped and top-aligned, a number format) in both formats.

Why written by hand rather than with a library: no Python library writes both formats. openpyxl
writes only XLSX (the sheets' reader uses it, generator/editor/sheets/read.py), and writing the open
data through it took three times as long (0.85 s instead of 0.3 s of CPU for the 5,210 rows of the
1,000-recommendation benchmark), plus a rewrite of its zip to remove the current time; odfpy writes
only ODS and builds a DOM of every cell (18 s for 10,000 rows). The XML written here is small and
read back, in the tests, by openpyxl, odfpy and LibreOffice itself.

Over 400 lines: one workbook model written in two formats, each with its styles, lists, frozen panes
and package parts; split, the two halves would share the model and the zip and nothing else.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple
from xml.sax.saxutils import escape, quoteattr


class Percent(int):
    """A whole percentage (50 means 50 %), written as a percentage cell."""


@dataclass(frozen=True)
class Style:
    """How a cell looks. `number`: "" (general), "date" (DD/MM/YYYY), "percent" (50 %) or "text"
    (what is typed stays text: 2026-12 stays a month)."""

    bold: bool = False
    fill: str = ""  # a background colour, "DDE3EA"
    wrap: bool = False
    top: bool = False
    number: str = ""


class Styled(NamedTuple):
    """A cell with a style of `Book.styles` (a plain value takes its column's style)."""

    value: Any
    style: str


@dataclass(frozen=True)
class Column:
    width_cm: float | None = None
    #: The style of the column's cells that give none (and, in XLSX, of its empty cells).
    style: str = ""
    #: The name of a drop-down list of `Book.lists` offered in the column's cells below the header.
    validation: str = ""
    #: Collapsed (the documentation's pictures show a few columns of a sheet).
    hidden: bool = False


@dataclass
class Sheet:
    name: str
    rows: list[list[Any]]
    columns: Sequence[Column] = ()
    #: How many empty rows to prepare below the rows (their cells styled and with their lists).
    blank_rows: int = 0
    #: Columns and rows frozen at the top left (`(3, 1)`: three columns and the header row).
    freeze: tuple[int, int] | None = None
    #: A filter on the header row (XLSX).
    autofilter: bool = False


@dataclass
class Book:
    sheets: list[Sheet]
    styles: dict[str, Style] = field(default_factory=dict)
    #: The drop-down lists: name -> values.
    lists: dict[str, list[str]] = field(default_factory=dict)
    #: What a spreadsheet says of a value not in a list: (title, message).
    list_error: tuple[str, str] = ("", "")
    #: The day the file speaks of (XLSX document properties); None: no date at all.
    day: date | None = None


#: The hidden sheet of an XLSX file's drop-down lists.
LISTS_SHEET = "Listes"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: A line end, as XML reads one (an XLSX text's CR and CRLF are read as LF): a paragraph in ODS.
_LINE_END = re.compile(r"\r\n?|\n")


def _zip(parts: Sequence[tuple[str, str]], stored: tuple[str, str] | None = None) -> bytes:
    """The zip of `parts` (name, text), dated and ordered so that the same parts give the same
    bytes; `stored`: a first entry left uncompressed (ODF's media type)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        entries = [(stored, zipfile.ZIP_STORED)] if stored else []
        for (name, text), method in [*entries, *((part, zipfile.ZIP_DEFLATED) for part in parts)]:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = method
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))
    return out.getvalue()


def _text(value: Any) -> str:
    return _INVALID_XML.sub("", str(value))


def _rows(sheet: Sheet) -> Iterator[list[tuple[Any, str, str]]]:
    """Each row's cells as (value, style name, list name), the blank rows included."""
    width = max((len(row) for row in sheet.rows), default=0)
    columns = [*sheet.columns, *([Column()] * (width - len(sheet.columns)))]
    styles = [c.style for c in columns]
    lists = [c.validation for c in columns]
    none = [""] * len(columns)
    for r, row in enumerate([*sheet.rows, *([[None] * len(columns)] * sheet.blank_rows)]):
        listed = lists if r else none
        yield [(*value, listed[n]) if value.__class__ is Styled else (value, styles[n], listed[n])
               for n, value in enumerate(row)]


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
_ODS_NUMBERS = (
    '<number:date-style style:name="Ndate"><number:day number:style="long"/><number:text>/</number:text>'
    '<number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>\n'
    '<number:percentage-style style:name="Npct"><number:number number:decimal-places="0" number:min-integer-digits="1"/>'
    '<number:text>\u00a0%</number:text></number:percentage-style>\n'
    '<number:text-style style:name="Ntext"><number:text-content/></number:text-style>\n'
    '<style:style style:name="ro" style:family="table-row"><style:table-row-properties style:use-optimal-row-height="true"/></style:style>\n'
)
_ODS_DATA_STYLES = {"date": "Ndate", "percent": "Npct", "text": "Ntext"}
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
_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
    '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def _ods_style(name: str, style: Style) -> str:
    data = f' style:data-style-name="{_ODS_DATA_STYLES[style.number]}"' if style.number else ""
    properties = (f' fo:background-color="#{style.fill.lower()}"' if style.fill else "") + (
        ' fo:wrap-option="wrap"' if style.wrap else "") + (' style:vertical-align="top"' if style.top else "")
    return (f'<style:style style:name={quoteattr(name)} style:family="table-cell"{data}>'
            + (f"<style:table-cell-properties{properties}/>" if properties else "")
            + ('<style:text-properties fo:font-weight="bold"/>' if style.bold else "") + "</style:style>")


def _ods_text(value: str) -> str:
    """Paragraphs of a cell: one `text:p` per line, runs of spaces and tabs kept (ODF collapses them)."""
    paragraphs = []
    for line in _LINE_END.split(_text(value)):
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


def _ods_cell(value: Any, attrs: str) -> str:
    if value is None:
        return f"<table:table-cell{attrs}/>"
    if isinstance(value, Percent):
        return (f'<table:table-cell{attrs} office:value-type="percentage" office:value="{int(value) / 100!r}">'
                f"<text:p>{int(value)}\u00a0%</text:p></table:table-cell>")
    if isinstance(value, bool):
        word = "true" if value else "false"
        return (f'<table:table-cell{attrs} office:value-type="boolean" office:boolean-value="{word}">'
                f"<text:p>{word.upper()}</text:p></table:table-cell>")
    if isinstance(value, date):
        return (f'<table:table-cell{attrs} office:value-type="date" office:date-value="{value.isoformat()}">'
                f"<text:p>{value.strftime('%d/%m/%Y')}</text:p></table:table-cell>")
    if isinstance(value, int | float):
        return (f'<table:table-cell{attrs} office:value-type="float" office:value="{value!r}">'
                f"<text:p>{value!r}</text:p></table:table-cell>")
    return f'<table:table-cell{attrs} office:value-type="string">{_ods_text(str(value))}</table:table-cell>'


def _ods_attributes(style: str, validation: str) -> str:
    return (f" table:style-name={quoteattr(style)}" if style else "") + (
        f' table:content-validation-name="{validation}"' if validation else "")


def _ods_table(sheet: Sheet, index: int, lists: dict[str, str]) -> str:
    parts = [f"<table:table table:name={quoteattr(sheet.name)}>"]
    parts += [f'<table:table-column table:style-name="co{index}_{n}"' + (' table:visibility="collapse"/>' if c.hidden else "/>")
              for n, c in enumerate(sheet.columns)]
    attributes: dict[tuple[str, str], str] = {}
    for row in _rows(sheet):
        cells = []
        for value, style, list_name in row:
            attrs = attributes.get((style, list_name))
            if attrs is None:
                attrs = attributes[style, list_name] = _ods_attributes(style, lists.get(list_name, ""))
            cells.append(_ods_cell(value, attrs))
        parts.append('<table:table-row table:style-name="ro">' + "".join(cells) + "</table:table-row>")
    parts.append("</table:table>")
    return "".join(parts)


def _ods_validations(book: Book) -> tuple[str, dict[str, str]]:
    if not book.lists:
        return "", {}
    names: dict[str, str] = {}
    title, message = book.list_error
    parts = ["<table:content-validations>"]
    for n, (list_name, values) in enumerate(sorted(book.lists.items())):
        name = names[list_name] = f"list{n + 1}"
        # OpenFormula strings: in double quotes, a double quote doubled; items separated by ;
        items = ";".join('"' + _text(value).replace('"', '""') + '"' for value in values)
        parts.append(
            f'<table:content-validation table:name="{name}" table:condition={quoteattr("of:cell-content-is-in-list(" + items + ")")} '
            'table:allow-empty-cell="true" table:display-list="unsorted">'
            f'<table:error-message table:display="true" table:message-type="stop" table:title={quoteattr(title)}>'
            f"<text:p>{escape(message)}</text:p></table:error-message></table:content-validation>"
        )
    parts.append("</table:content-validations>")
    return "".join(parts), names


def _ods_settings(book: Book) -> str:
    """Frozen header row and first columns (LibreOffice's view settings)."""
    tables = []
    for sheet in book.sheets:
        if sheet.freeze is None:
            continue
        x, y = sheet.freeze
        items = (
            ("HorizontalSplitMode", "short", 2 if x else 0), ("VerticalSplitMode", "short", 2 if y else 0),
            ("HorizontalSplitPosition", "int", x), ("VerticalSplitPosition", "int", y),
            ("PositionLeft", "int", 0), ("PositionRight", "int", x),
            ("PositionTop", "int", 0), ("PositionBottom", "int", y), ("ActiveSplitRange", "short", 2),
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


def to_ods(book: Book) -> bytes:
    """The book as an OpenDocument spreadsheet (ODF 1.3)."""
    validations, names = _ods_validations(book)
    styles = [_ODS_NUMBERS, *(_ods_style(name, style) + "\n" for name, style in book.styles.items())]
    for index, sheet in enumerate(book.sheets):
        for n, column in enumerate(sheet.columns):
            width = f' style:column-width="{column.width_cm}cm"' if column.width_cm else ""
            styles.append(f'<style:style style:name="co{index}_{n}" style:family="table-column">'
                          f"<style:table-column-properties{width}/></style:style>\n")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-content {_NS} office:version="1.3">'
        "<office:automatic-styles>\n" + "".join(styles) + "</office:automatic-styles>"
        "<office:body><office:spreadsheet>" + validations
        + "".join(_ods_table(sheet, i, names) for i, sheet in enumerate(book.sheets))
        + "</office:spreadsheet></office:body></office:document-content>"
    )
    # The media type first and uncompressed, as ODF requires (that is how files are recognised).
    return _zip([("content.xml", content), ("styles.xml", _ODS_PAGE), ("settings.xml", _ods_settings(book)),
                 ("META-INF/manifest.xml", _ODS_MANIFEST)],
                stored=("mimetype", "application/vnd.oasis.opendocument.spreadsheet"))


# --------------------------------------------------------------------------- Excel

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
#: Excel's number formats: 164 is the first of a file's own, 9 is "0%", 49 is "@" (text).
_XLSX_NUMBERS = {"": 0, "date": 164, "percent": 9, "text": 49}
_EXCEL_EPOCH = date(1899, 12, 30)


def column_name(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _xlsx_styles(book: Book) -> tuple[str, dict[str, int]]:
    """styles.xml, and each style's number (0 is the default)."""
    fills = sorted({s.fill.upper() for s in book.styles.values() if s.fill})
    xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']
    numbers: dict[str, int] = {}
    for name, style in book.styles.items():
        numbers[name] = len(xfs)
        fill = fills.index(style.fill.upper()) + 2 if style.fill else 0
        number = _XLSX_NUMBERS[style.number]
        alignment = (' wrapText="1"' if style.wrap else "") + (' vertical="top"' if style.top else "")
        xfs.append(f'<xf numFmtId="{number}" fontId="{int(style.bold)}" fillId="{fill}" borderId="0" xfId="0"'
                   + (' applyNumberFormat="1"' if number else "") + (' applyFont="1"' if style.bold else "")
                   + (' applyFill="1"' if fill else "")
                   + (f' applyAlignment="1"><alignment{alignment}/></xf>' if alignment else "/>"))
    fill_xml = "".join(f'<fill><patternFill patternType="solid"><fgColor rgb="FF{f}"/><bgColor indexed="64"/></patternFill></fill>'
                       for f in fills)
    return (
        _HEAD + f'<styleSheet xmlns="{_MAIN}">'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="DD/MM/YYYY"/></numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        f'<fills count="{2 + len(fills)}"><fill><patternFill patternType="none"/></fill>'
        f'<fill><patternFill patternType="gray125"/></fill>{fill_xml}</fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    ), numbers


def _xlsx_cell(ref: str, value: Any, style: int) -> str:
    s = f' s="{style}"' if style else ""
    if value.__class__ is str:  # an inline string: text, never a formula, whatever it starts with
        return f'<c r="{ref}" t="inlineStr"{s}><is><t xml:space="preserve">{escape(_text(value))}</t></is></c>'
    if isinstance(value, Percent):
        return f'<c r="{ref}"{s}><v>{int(value) / 100!r}</v></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"{s}><v>{int(value)}</v></c>'
    if isinstance(value, date):
        return f'<c r="{ref}"{s}><v>{(value - _EXCEL_EPOCH).days}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"{s}><v>{value!r}</v></c>'
    # An inline string: text, never a formula, whatever it starts with.
    return f'<c r="{ref}" t="inlineStr"{s}><is><t xml:space="preserve">{escape(_text(value))}</t></is></c>'


def _quoted(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _xlsx_sheet(sheet: Sheet, styles: dict[str, int], ranges: dict[str, str], error: tuple[str, str]) -> str:
    letters = [column_name(n) for n in range(max((len(row) for row in sheet.rows), default=0))]
    own = [styles.get(c.style, 0) for c in sheet.columns] + [0] * (len(letters) - len(sheet.columns))
    rows = []
    for number, row in enumerate(sheet.rows, start=1):
        cells = []
        for n, value in enumerate(row):
            style = own[n]
            if value.__class__ is Styled:
                value, style = value.value, styles.get(value.style, 0)
            if value is not None:
                cells.append(_xlsx_cell(f"{letters[n]}{number}", value, style))
        rows.append(f'<row r="{number}">{"".join(cells)}</row>')
    view = '<sheetView workbookViewId="0"/>'
    if sheet.freeze is not None and any(sheet.freeze):
        x, y = sheet.freeze
        pane = "bottomRight" if x and y else "bottomLeft" if y else "topRight"
        split = (f' xSplit="{x}"' if x else "") + (f' ySplit="{y}"' if y else "")
        view = (f'<sheetView workbookViewId="0"><pane{split} topLeftCell="{column_name(x)}{y + 1}" activePane="{pane}" '
                f'state="frozen"/><selection pane="{pane}"/></sheetView>')
    columns = "".join(
        f'<col min="{n}" max="{n}"' + (f' width="{round(c.width_cm * 5.1, 1)!r}" customWidth="1"' if c.width_cm else "")
        + (f' style="{styles[c.style]}"' if c.style else "") + (' hidden="1"' if c.hidden else "") + "/>"
        for n, c in enumerate(sheet.columns, start=1))
    last = len(sheet.rows) + sheet.blank_rows
    end = column_name(max(len(letters), 1) - 1)
    validations = [
        f'<dataValidation type="list" errorStyle="stop" allowBlank="1" showErrorMessage="1" '
        f'errorTitle={quoteattr(error[0])} error={quoteattr(error[1])} sqref="{column_name(n)}2:{column_name(n)}{last}">'
        f"<formula1>{escape(ranges[c.validation])}</formula1></dataValidation>"
        for n, c in enumerate(sheet.columns) if c.validation and last > 1]
    return (
        _HEAD + f'<worksheet xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}"><sheetViews>{view}</sheetViews>'
        + (f"<cols>{columns}</cols>" if columns else "")
        + f'<sheetData>{"".join(rows)}</sheetData>'
        + (f'<autoFilter ref="A1:{end}{last}"/>' if sheet.autofilter else "")
        + (f'<dataValidations count="{len(validations)}">{"".join(validations)}</dataValidations>' if validations else "")
        + "</worksheet>"
    )


def to_xlsx(book: Book) -> bytes:
    """The book as an Excel workbook (Office Open XML), its drop-down lists in a hidden last sheet."""
    styles_xml, styles = _xlsx_styles(book)
    sheets = list(book.sheets)
    hidden = set()
    ranges: dict[str, str] = {}
    if book.lists:
        order = sorted(book.lists)
        longest = max(len(v) for v in book.lists.values())
        rows = [[name if i == 0 else (book.lists[name][i - 1] if i - 1 < len(book.lists[name]) else None)
                 for name in order] for i in range(longest + 1)]
        for n, name in enumerate(order):
            letter = column_name(n)
            ranges[name] = f"{_quoted(LISTS_SHEET)}!${letter}$2:${letter}${len(book.lists[name]) + 1}"
        sheets.append(Sheet(LISTS_SHEET, rows))
        hidden.add(len(sheets) - 1)
    parts = [(f"xl/worksheets/sheet{n + 1}.xml", _xlsx_sheet(sheet, styles, ranges, book.list_error))
             for n, sheet in enumerate(sheets)]
    entries = "".join(
        f'<sheet name={quoteattr(sheet.name)} sheetId="{n + 1}"' + (' state="hidden"' if n in hidden else "")
        + f' r:id="rId{n + 1}"/>' for n, sheet in enumerate(sheets))
    filters = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">{escape(_quoted(sheet.name))}'
        f"!$A$1:${column_name(max(len(sheet.rows[0]), 1) - 1)}${len(sheet.rows)}</definedName>"
        for n, sheet in enumerate(sheets) if sheet.autofilter and sheet.rows)
    workbook = (_HEAD + f'<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}"><sheets>{entries}</sheets>'
                + (f"<definedNames>{filters}</definedNames>" if filters else "") + "</workbook>")
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{n + 1}.xml" ContentType="{sheet_type}"/>'
                        for n in range(len(sheets)))
    core = ""
    if book.day is not None:
        overrides += ('<Override PartName="/docProps/core.xml" '
                      'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>')
        core = (f'<Relationship Id="rId2" Type="{_RELS}/metadata/core-properties" Target="docProps/core.xml"/>')
    types = (
        _HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{overrides}</Types>"
    )
    relations = "".join(f'<Relationship Id="rId{n + 1}" Type="{_DOC_RELS}/worksheet" Target="worksheets/sheet{n + 1}.xml"/>'
                        for n in range(len(sheets)))
    relations += f'<Relationship Id="rId{len(sheets) + 1}" Type="{_DOC_RELS}/styles" Target="styles.xml"/>'
    files = [
        ("[Content_Types].xml", types),
        ("_rels/.rels", _HEAD + f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
                                f'Type="{_DOC_RELS}/officeDocument" Target="xl/workbook.xml"/>{core}</Relationships>'),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", _HEAD + f'<Relationships xmlns="{_RELS}">{relations}</Relationships>'),
        ("xl/styles.xml", styles_xml),
        *parts,
    ]
    if book.day is not None:
        moment = f"{book.day.isoformat()}T00:00:00Z"
        files.append(("docProps/core.xml", _HEAD + (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>droit-de-suite</dc:creator>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{moment}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{moment}</dcterms:modified></cp:coreProperties>')))
    return _zip(files)
