"""Filling exported sheets the way staff do, with the libraries spreadsheets are read with (tests only).

A fill is {(sheet name, row number, column header): value}; a value is a `date` (a date cell), a
`Pct` (a cell formatted as a percentage), an `int` or `float` (a number cell) or a `str` (text).
CSV has no sheets (the sheet name is ignored) and no types: values are written as text the way a
French spreadsheet shows them.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path
from typing import Any


class Pct(float):
    """A fraction written in a cell formatted as a percentage (Pct(0.6) shows 60 %)."""


Fill = dict[tuple[str, int, str], Any]


def fill(path: Path, fills: Fill) -> None:
    {".ods": fill_ods, ".xlsx": fill_xlsx, ".csv": fill_csv}[path.suffix](path, fills)


def fill_ods(path: Path, fills: Fill) -> None:
    from odf import teletype
    from odf.opendocument import load
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = load(str(path))
    names = [t.getAttribute("name") for t in doc.spreadsheet.getElementsByType(Table)]
    assert {sheet for sheet, _, _ in fills} <= set(names), names
    for table in doc.spreadsheet.getElementsByType(Table):
        name = table.getAttribute("name")
        rows = table.getElementsByType(TableRow)
        headers = [teletype.extractText(c) for c in rows[0].getElementsByType(TableCell)]
        for (sheet, number, header), value in fills.items():
            if sheet != name:
                continue
            row = rows[number - 1]
            old = row.getElementsByType(TableCell)[headers.index(header)]
            if isinstance(value, Pct):
                cell = TableCell(valuetype="percentage", value=str(float(value)))
                cell.addElement(P(text=f"{round(value * 100)} %"))
            elif isinstance(value, date):
                cell = TableCell(valuetype="date", datevalue=value.isoformat())
                cell.addElement(P(text=value.strftime("%d/%m/%Y")))
            elif isinstance(value, (int, float)):
                cell = TableCell(valuetype="float", value=str(value))
                cell.addElement(P(text=str(value)))
            else:
                cell = TableCell(valuetype="string")
                for line in str(value).split("\n"):
                    cell.addElement(P(text=line))
            # As when staff type in the cell: it keeps its style (date and percentage formats) and list.
            for attribute in ("stylename", "contentvalidationname"):
                if old.getAttribute(attribute):
                    cell.setAttribute(attribute, old.getAttribute(attribute))
            row.insertBefore(cell, old)
            row.removeChild(old)
    doc.save(str(path))


def fill_xlsx(path: Path, fills: Fill) -> None:
    import openpyxl

    book = openpyxl.load_workbook(path)
    assert {sheet for sheet, _, _ in fills} <= set(book.sheetnames), book.sheetnames
    for (sheet, number, header), value in fills.items():
        ws = book[sheet]
        headers = [c.value for c in ws[1]]
        cell = ws.cell(number, headers.index(header) + 1)
        if isinstance(value, Pct):
            cell.value, cell.number_format = float(value), "0%"
        elif isinstance(value, date):
            cell.value, cell.number_format = datetime(value.year, value.month, value.day), "DD/MM/YYYY"
        else:
            cell.value = value
            if isinstance(value, (int, float)):
                cell.number_format = "General"
    book.save(path)


def fill_csv(path: Path, fills: Fill) -> None:
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    for (_, number, header), value in fills.items():
        column = rows[0].index(header)
        row = rows[number - 1]
        row += [""] * (column + 1 - len(row))
        if isinstance(value, Pct):
            row[column] = f"{round(value * 100)} %"
        elif isinstance(value, date):
            row[column] = value.strftime("%d/%m/%Y")
        else:
            row[column] = str(value).replace(".", ",") if isinstance(value, float) else str(value)
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(("\ufeff" + out.getvalue()).encode("utf-8"))


def rows_of(path: Path, sheet: str | None = None) -> list[list[str]]:
    """The rows of an exported file as text (for looking up which measure is on which row)."""
    if path.suffix == ".csv":
        return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))
    from generator.editor.sheets import read

    sheets = read.read(path)
    chosen = next(s for s in sheets if sheet is None or s.name == sheet)
    return [[read.text(c) if not c.empty else "" for c in row] for row in chosen.rows]
