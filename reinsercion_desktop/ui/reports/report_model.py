"""A report table on screen: its cells as the PDF prints them (reports/cells.py: 1.234,5;
dd/mm/aaaa), numbers on the right, the «Total» row in bold — a `RowsTableModel` over the
table's plain rows.

The cells are the service's plain values (int, float, str, date, None); a cell that small
-number protection hid is already text («<5») and is shown as it is. Tested without a
window (`tests/ui/test_ui_reports_dock.py`).
"""

from dataclasses import dataclass
from typing import Any

from reinsercion_desktop.domain.report_table import ColumnKind, ReportTable
from reinsercion_desktop.reports.cells import NUMERIC, cell_text, unit_shown
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel


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


def _cell(index: int, kind: ColumnKind, unit: bool):  # type: ignore[no-untyped-def]
    return lambda line: cell_text(line.cells[index], kind, grouped=True, unit=unit)


def report_columns(table: ReportTable) -> list[Column[ReportLine]]:
    columns: list[Column[ReportLine]] = []
    for index, spec in enumerate(table.columns):
        columns.append(
            Column(
                spec.label,
                _cell(index, spec.kind, unit_shown(spec.kind, spec.label)),
                sort_key=lambda line, i=index: (line.total, _sort_key(line.cells[i])),
                bold=lambda line: line.total,
                align="right" if spec.kind in NUMERIC else "left",
                max_width=260 if spec.kind is ColumnKind.TEXT else 140,
            )
        )
    return columns


def report_model(table: ReportTable, parent: Any = None) -> RowsTableModel[ReportLine]:
    model: RowsTableModel[ReportLine] = RowsTableModel(report_columns(table), parent)
    model.set_rows(report_lines(table))
    return model
