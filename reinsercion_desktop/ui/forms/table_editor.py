"""Table fields on the shared editable grid: fixed rows with their labels down the side, or
free rows added and removed by hand.

The grid keeps what is typed as text; reading a cell as a date or a number is done here,
with the same `typed_date`/`typed_number` as a single field, so a value that cannot be
read is kept as typed and the form's check says what is wrong with it.
"""

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QPushButton, QWidget

from reinsercion_desktop.forms.schema import Column, FieldDef
from reinsercion_desktop.ui.forms.field_editors import (
    FieldEditor,
    date_text,
    typed_date,
    typed_number,
)
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.grid import GridColumn, GridModel, GridView


def grid_column(column: Column) -> GridColumn:
    """A definition's column as a grid column: choices and yes/no are picked, the rest typed."""
    if column.kind == "yes_no":
        return GridColumn(column.id, column.label, "choice", ((True, tr("Sí")), (False, tr("No"))))
    if column.kind == "choice":
        options = tuple((option.code, option.label) for option in column.options)
        return GridColumn(column.id, column.label, "choice", options)
    placeholder = tr("dd/mm/aaaa") if column.kind == "date" else ""
    return GridColumn(column.id, column.label, column.kind, placeholder=placeholder)


def shown_text(column: Column, value: Any) -> Any:
    """A stored value as the grid holds it: dates as dd/mm/aaaa, decimals with a comma."""
    if value is None or column.kind in ("choice", "yes_no"):
        return value
    if column.kind == "date":
        return date_text(value)
    if column.kind == "number" and isinstance(value, float):
        return str(value).replace(".", ",")
    return str(value)


def read_cell(column: Column, value: Any) -> Any:
    """A grid cell as stored: ISO dates and numbers when readable, else the text as typed."""
    if column.kind in ("choice", "yes_no"):
        return value
    text = "" if value is None else str(value)
    if column.kind == "date":
        return typed_date(text)
    if column.kind == "number":
        return typed_number(text)
    return text.strip() or None


class TableEditor(FieldEditor):
    """Fixed rows (labels down the side) or free rows (added and removed by hand)."""

    def __init__(self, field: FieldDef, parent: QWidget | None = None):
        super().__init__(field, parent)
        self.fixed = field.kind == "fixed_table"
        self.model = GridModel(
            [grid_column(column) for column in field.columns],
            self,
            row_labels=[row.label for row in field.rows] if self.fixed else (),
        )
        self.grid = GridView(self.model, f"{field.id}_grid")
        # Rows of one height, room for a drop-down, so the grid is as tall as its rows: fitted
        # to their labels, fixed rows came out shorter than the height the grid reserved.
        rows = self.grid.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(max(self.grid.fontMetrics().height() + 10, 26))
        self.grid.fit_height()
        self.model.changed.connect(self.changed)
        self.layout_.addWidget(self.grid)
        if not self.fixed:
            buttons = QHBoxLayout()
            self.add_button = QPushButton(tr("Añadir fila"))
            self.remove_button = QPushButton(tr("Quitar fila"))
            self.add_button.clicked.connect(self.add_row)
            self.remove_button.clicked.connect(self.remove_row)
            buttons.addWidget(self.add_button)
            buttons.addWidget(self.remove_button)
            buttons.addStretch()
            self.layout_.addLayout(buttons)

    def add_row(self) -> None:
        row = self.model.add_row()
        self.grid.setCurrentIndex(self.model.index(row, 0))
        self.grid.setFocus()

    def remove_row(self) -> None:
        self.model.remove_row(self.grid.current_row())

    def _row_value(self, cells: dict[str, Any]) -> dict[str, Any]:
        values = {
            column.id: read_cell(column, cells.get(column.id)) for column in self.field.columns
        }
        return {key: value for key, value in values.items() if value is not None}

    def value(self) -> Any:
        rows = [self._row_value(cells) for cells in self.model.rows()]
        if self.fixed:
            by_id = {row.id: cells for row, cells in zip(self.field.rows, rows, strict=True)}
            return {key: cells for key, cells in by_id.items() if cells}
        return [cells for cells in rows if cells]

    def _shown(self, cells: Any) -> dict[str, Any]:
        cells = cells if isinstance(cells, dict) else {}
        return {
            column.id: shown_text(column, cells.get(column.id)) for column in self.field.columns
        }

    def set_value(self, value: Any) -> None:
        if self.fixed:
            stored = value if isinstance(value, dict) else {}
            self.model.set_rows([self._shown(stored.get(row.id)) for row in self.field.rows])
        else:
            rows = value if isinstance(value, list) else []
            self.model.set_rows([self._shown(cells) for cells in rows])

    def set_read_only(self, read_only: bool) -> None:
        self.grid.set_read_only(read_only)
        if not self.fixed:
            self.add_button.setEnabled(not read_only)
            self.remove_button.setEnabled(not read_only)

    def focus_target(self) -> QWidget:
        return self.grid
