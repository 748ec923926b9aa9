"""A report table on screen: its cells in Spanish (1.234,5; dd/mm/aaaa), numbers on the
right, the «Total» row in bold — a `RowsTableModel` over the table's plain rows.

The cells are the service's plain values (int, float, str, date, None); a cell that small
-number protection hid is already text («<5») and is shown as it is. Tested without a
window (`tests/ui/test_ui_reports_dock.py`).
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.report_table import ColumnKind, ReportTable
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel

# Decimals shown per kind of figure (an int is always shown whole).
_DECIMALS = {
    ColumnKind.PERCENT: 1,
    ColumnKind.DAYS: 1,
    ColumnKind.NUMBER: 2,
    ColumnKind.MONEY: 2,
}
_NUMERIC = {
    ColumnKind.COUNT,
    ColumnKind.PERCENT,
    ColumnKind.DAYS,
    ColumnKind.NUMBER,
    ColumnKind.MONEY,
}


def spanish_number(value: float, decimals: int = 0) -> str:
    """«1.234,5»: a dot between thousands and a comma before the decimals."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def cell_text(value: Any, kind: ColumnKind) -> str:
    """How a cell reads on screen: numbers the Spanish way, dates dd/mm/aaaa, text as is."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Sí" if value else "No"
    if isinstance(value, date):
        return format_date_es(value)
    if isinstance(value, int | float) and kind in _NUMERIC:
        if isinstance(value, int) and kind in (ColumnKind.COUNT, ColumnKind.NUMBER):
            text = spanish_number(value)
        else:
            text = spanish_number(value, _DECIMALS.get(kind, 0))
        return f"{text} €" if kind is ColumnKind.MONEY else text
    if isinstance(value, float):
        return spanish_number(value, 2)
    if isinstance(value, int):
        return spanish_number(value)
    return str(value)


@dataclass(frozen=True)
class ReportLine:
    """One row of a table on screen; `total` marks the «Total» row (bold, last)."""

    cells: tuple[Any, ...]
    total: bool = False


def report_lines(table: ReportTable) -> list[ReportLine]:
    lines = [ReportLine(tuple(row)) for row in table.rows]
    if table.total is not None:
        lines.append(ReportLine(tuple(table.total), total=True))
    return lines


def _sort_key(value: Any) -> tuple[int, Any]:
    # Numbers before text («<5»), so a sorted column stays readable.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (0, value)
    return (1, "" if value is None else str(value))


def report_columns(table: ReportTable) -> list[Column[ReportLine]]:
    columns: list[Column[ReportLine]] = []
    for index, spec in enumerate(table.columns):
        columns.append(
            Column(
                spec.label,
                lambda line, i=index, kind=spec.kind: cell_text(line.cells[i], kind),
                sort_key=lambda line, i=index: (line.total, _sort_key(line.cells[i])),
                bold=lambda line: line.total,
                align="right" if spec.kind in _NUMERIC else "left",
                max_width=260 if spec.kind is ColumnKind.TEXT else 140,
            )
        )
    return columns


def report_model(table: ReportTable, parent: Any = None) -> RowsTableModel[ReportLine]:
    model: RowsTableModel[ReportLine] = RowsTableModel(report_columns(table), parent)
    model.set_rows(report_lines(table))
    return model
