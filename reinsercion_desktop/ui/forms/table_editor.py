"""Table fields: fixed rows with their labels down the side, or free rows added by hand."""

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from reinsercion_desktop.forms.schema import Column, FieldDef
from reinsercion_desktop.ui.forms.field_editors import (
    FieldEditor,
    date_text,
    typed_date,
    typed_number,
)
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.inputs import ComboBox


class TableEditor(FieldEditor):
    """Fixed rows (labels down the side) or free rows (added and removed by hand)."""

    def __init__(self, field: FieldDef, parent: QWidget | None = None):
        super().__init__(field, parent)
        self.fixed = field.kind == "fixed_table"
        self.table = QTableWidget(len(field.rows) if self.fixed else 0, len(field.columns))
        self.table.setHorizontalHeaderLabels([column.label for column in field.columns])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers
            & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        if self.fixed:
            self.table.setVerticalHeaderLabels([row.label for row in field.rows])
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        self.layout_.addWidget(self.table)
        if self.fixed:
            for row in range(len(field.rows)):
                self._prepare_row(row)
        else:
            buttons = QHBoxLayout()
            self.add_button = QPushButton(tr("Añadir fila"))
            self.remove_button = QPushButton(tr("Quitar fila"))
            self.add_button.clicked.connect(self.add_row)
            self.remove_button.clicked.connect(self.remove_row)
            buttons.addWidget(self.add_button)
            buttons.addWidget(self.remove_button)
            buttons.addStretch()
            self.layout_.addLayout(buttons)
        self._fit_height()

    def _prepare_row(self, row: int) -> None:
        for column_index, column in enumerate(self.field.columns):
            if column.kind in ("choice", "yes_no"):
                combo = ComboBox()
                combo.addItem("", None)
                if column.kind == "yes_no":
                    combo.addItem(tr("Sí"), True)
                    combo.addItem(tr("No"), False)
                for option in column.options:
                    combo.addItem(option.label, option.code)
                combo.currentIndexChanged.connect(self.changed)
                self.table.setCellWidget(row, column_index, combo)
            else:
                self.table.setItem(row, column_index, QTableWidgetItem(""))

    def _fit_height(self) -> None:
        rows = max(self.table.rowCount(), 2)
        height = self.table.horizontalHeader().height() + rows * 30 + 6
        self.table.setMinimumHeight(min(height, 420))

    def add_row(self) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self._prepare_row(row)
        self._fit_height()
        self.changed.emit()

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._fit_height()
            self.changed.emit()

    def _cell(self, row: int, column_index: int, column: Column) -> Any:
        widget = self.table.cellWidget(row, column_index)
        if isinstance(widget, QComboBox):
            return widget.currentData()
        item = self.table.item(row, column_index)
        text = item.text() if item else ""
        if column.kind == "date":
            return typed_date(text)
        if column.kind == "number":
            return typed_number(text)
        return text.strip() or None

    def _set_cell(self, row: int, column_index: int, column: Column, value: Any) -> None:
        widget = self.table.cellWidget(row, column_index)
        if isinstance(widget, QComboBox):
            widget.blockSignals(True)
            index = next(
                (
                    i
                    for i in range(widget.count())
                    if widget.itemData(i) == value and value is not None
                ),
                0,
            )
            widget.setCurrentIndex(index)
            widget.blockSignals(False)
        else:
            text = (
                date_text(value) if column.kind == "date" else ("" if value is None else str(value))
            )
            self.table.item(row, column_index).setText(text)

    def _row_value(self, row: int) -> dict:
        values = {
            column.id: self._cell(row, index, column)
            for index, column in enumerate(self.field.columns)
        }
        return {key: value for key, value in values.items() if value is not None}

    def value(self) -> Any:
        if self.fixed:
            rows = {row.id: self._row_value(index) for index, row in enumerate(self.field.rows)}
            return {key: value for key, value in rows.items() if value}
        rows = [self._row_value(index) for index in range(self.table.rowCount())]
        return [row for row in rows if row]

    def set_value(self, value: Any) -> None:
        self.table.blockSignals(True)
        if self.fixed:
            stored = value if isinstance(value, dict) else {}
            for index, row in enumerate(self.field.rows):
                cells = stored.get(row.id) or {}
                for column_index, column in enumerate(self.field.columns):
                    self._set_cell(
                        index,
                        column_index,
                        column,
                        cells.get(column.id) if isinstance(cells, dict) else None,
                    )
        else:
            rows = value if isinstance(value, list) else []
            self.table.setRowCount(0)
            for cells in rows:
                self.table.insertRow(self.table.rowCount())
                self._prepare_row(self.table.rowCount() - 1)
                for column_index, column in enumerate(self.field.columns):
                    self._set_cell(
                        self.table.rowCount() - 1,
                        column_index,
                        column,
                        (cells or {}).get(column.id),
                    )
            self._fit_height()
        self.table.blockSignals(False)

    def set_read_only(self, read_only: bool) -> None:
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only
            else QAbstractItemView.EditTrigger.AllEditTriggers
            & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        for row in range(self.table.rowCount()):
            for column in range(self.table.columnCount()):
                widget = self.table.cellWidget(row, column)
                if widget is not None:
                    widget.setEnabled(not read_only)
        if not self.fixed:
            self.add_button.setEnabled(not read_only)
            self.remove_button.setEnabled(not read_only)

    def focus_target(self) -> QWidget:
        return self.table
