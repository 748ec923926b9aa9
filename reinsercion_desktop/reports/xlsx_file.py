"""A report as an XLSX workbook (openpyxl, imported on first use): a first sheet with the
heading and notes, then one sheet per table.

Numbers are numbers (formatted with the column's decimals, so Excel sums them; whole
days without decimals), masked cells are text («<5», «—»), dates are dates (dd/mm/aaaa);
the header row is bold and frozen; columns are as wide as their content. Sheet names are
the table titles cut to Excel's 31 characters, without the characters Excel refuses, and
made unique.
"""

import io
from datetime import date, datetime
from typing import Any

from reinsercion_desktop.domain.report_table import ColumnKind, Report, ReportTable
from reinsercion_desktop.reports.cells import heading_lines

SHEET_NAME_MAX = 31
_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})
_FORMATS = {
    ColumnKind.COUNT: "0",
    ColumnKind.PERCENT: "0.0",
    ColumnKind.DAYS: "0.0",
    ColumnKind.MONEY: "#,##0.00",
    ColumnKind.NUMBER: "0.##",
    ColumnKind.DATE: "dd/mm/yyyy",
}
MAX_WIDTH = 60


def sheet_names(titles: list[str]) -> list[str]:
    """Unique, ≤ 31 characters, no []:*?/\\ (Excel refuses them), never empty."""
    names: list[str] = []
    taken: set[str] = {"informe"}
    for number, title in enumerate(titles, start=1):
        base = " ".join(title.translate(_FORBIDDEN).split()).strip("'") or f"Tabla {number}"
        name = base[:SHEET_NAME_MAX].rstrip()
        suffix = 2
        while name.lower() in taken:
            tail = f" ({suffix})"
            name = base[: SHEET_NAME_MAX - len(tail)].rstrip() + tail
            suffix += 1
        taken.add(name.lower())
        names.append(name)
    return names


def xlsx_bytes(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    book = Workbook()
    first = book.active
    first.title = "Informe"
    for line in heading_lines(report):
        first.append([line])
    first["A1"].font = Font(bold=True, size=13)
    for note in report.notes:
        first.append([note])
    first.append([])
    first.append(["Tablas"])
    first.cell(first.max_row, 1).font = bold
    tables = report.tables
    names = sheet_names([table.title for table in tables])
    sections = {id(t): s.title for s in report.sections for t in s.tables}
    for table, name in zip(tables, names, strict=True):
        first.append([f"{sections[id(table)]}: {table.title}", name])
        _table_sheet(book.create_sheet(name), table, bold)
    first.column_dimensions["A"].width = min(
        MAX_WIDTH, max(len(str(c.value or "")) for c in first["A"]) + 2
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _table_sheet(sheet: Any, table: ReportTable, bold: Any) -> None:
    sheet.append([table.title])
    sheet["A1"].font = bold
    sheet.append([column.label for column in table.columns])
    for cell in sheet[2]:
        cell.font = bold
    sheet.freeze_panes = "A3"
    lines = list(table.rows) + ([table.total] if table.total is not None else [])
    for line in lines:
        sheet.append([_value(value) for value in line])
        row = sheet.max_row
        for index, (value, column) in enumerate(zip(line, table.columns, strict=True), start=1):
            if isinstance(value, int | float | date) and not isinstance(value, bool):
                sheet.cell(row, index).number_format = _number_format(value, column.kind)
    if table.total is not None:
        for cell in sheet[sheet.max_row]:
            cell.font = bold
    if table.note:
        sheet.append([])
        sheet.append([table.note])
    for index, column in enumerate(table.columns, start=1):
        texts = [column.label] + [_width_text(line[index - 1]) for line in lines]
        letter = sheet.cell(2, index).column_letter
        sheet.column_dimensions[letter].width = min(MAX_WIDTH, max(map(len, texts)) + 2)


def _number_format(value: int | float | date, kind: ColumnKind) -> str:
    """The column's format; whole days without decimals, as in the PDF and the CSV."""
    if kind == ColumnKind.DAYS and isinstance(value, int | float) and float(value).is_integer():
        return "0"
    return _FORMATS.get(kind, "General")


def _value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date()
    return value


def _width_text(value: Any) -> str:
    if isinstance(value, date):
        return "00/00/0000"
    if isinstance(value, float):
        return f"{value:.2f}"
    return "" if value is None else str(value)
