"""The one editable grid: rows of values typed in place (a form's tables, a vivienda's
places, a case conference's attendees, a resource's enrolment periods …).

A `GridModel` keeps plain rows (`dict` of column id → value) and shows them through
`GridColumn`s; a choice column shows the option's label and stores its code, edited
with the wheel-safe `ComboBox`. Fixed rows carry their labels down the side
(`row_labels`); free rows are added and removed with `add_row` / `remove_row`. Values
are kept as typed (text); reading them as dates or numbers is the caller's business,
where the messages about them belong. Tested without a window.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from reinsercion_desktop.ui.widgets.inputs import ComboBox

_DISPLAY = Qt.ItemDataRole.DisplayRole
_EDIT = Qt.ItemDataRole.EditRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole


@dataclass(frozen=True)
class GridColumn:
    """`kind`: "text", "number", "date" (typed as dd/mm/aaaa) or "choice" (`options`
    are (code, label) pairs; the empty choice is always offered first)."""

    id: str
    header: str
    kind: str = "text"
    options: tuple[tuple[Any, str], ...] = field(default_factory=tuple)
    placeholder: str = ""

    def label_of(self, value: Any) -> str:
        if self.kind != "choice":
            return "" if value is None else str(value)
        return next(
            (label for code, label in self.options if code == value and value is not None), ""
        )


class GridModel(QAbstractTableModel):
    changed = Signal()  # a cell was edited, or a row added or removed

    def __init__(
        self,
        columns: Sequence[GridColumn],
        parent: Any = None,
        *,
        row_labels: Sequence[str] = (),
    ):
        super().__init__(parent)
        self.columns = tuple(columns)
        self.row_labels = tuple(row_labels)
        self.read_only = False
        self._rows: list[dict[str, Any]] = [{} for _ in self.row_labels]

    @property
    def fixed(self) -> bool:
        return bool(self.row_labels)

    # -- values ------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        """Free rows: exactly these. Fixed rows: the values of each, by position."""
        self.beginResetModel()
        if self.fixed:
            given = list(rows) + [{}] * len(self.row_labels)
            self._rows = [dict(given[i] or {}) for i in range(len(self.row_labels))]
        else:
            self._rows = [dict(row) for row in rows]
        self.endResetModel()

    def rows(self) -> list[dict[str, Any]]:
        """Every row's values; empty cells left out (a fixed row may come back empty)."""
        return [
            {key: value for key, value in row.items() if value not in (None, "")}
            for row in self._rows
        ]

    def value(self, row: int, column_id: str) -> Any:
        return self._rows[row].get(column_id)

    def set_value(self, row: int, column_id: str, value: Any) -> None:
        column = next(i for i, c in enumerate(self.columns) if c.id == column_id)
        self.setData(self.index(row, column), value)

    def add_row(self, values: dict[str, Any] | None = None) -> int:
        if self.fixed:
            raise ValueError("a grid of fixed rows takes no new rows")
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(dict(values or {}))
        self.endInsertRows()
        self.changed.emit()
        return row

    def remove_row(self, row: int) -> None:
        if self.fixed or not 0 <= row < len(self._rows):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        self.changed.emit()

    # -- Qt interface ------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # type: ignore[no-untyped-def]  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # type: ignore[no-untyped-def]  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=_DISPLAY):  # type: ignore[no-untyped-def]  # noqa: N802
        if role != _DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header if 0 <= section < len(self.columns) else None
        if self.fixed and 0 <= section < len(self.row_labels):
            return self.row_labels[section]
        return str(section + 1)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        value = self._rows[index.row()].get(column.id)
        if role == _DISPLAY:
            return column.label_of(value)
        if role == _EDIT:
            return value
        if role == _TOOLTIP:
            text = column.label_of(value)
            return text or column.placeholder or None
        return None

    def setData(self, index, value, role=_EDIT) -> bool:  # type: ignore[no-untyped-def]  # noqa: N802
        if not index.isValid() or role != _EDIT:
            return False
        column = self.columns[index.column()]
        if isinstance(value, str) and column.kind != "choice":
            value = value.strip()
        row = self._rows[index.row()]
        if row.get(column.id) == value:
            return False
        row[column.id] = value
        self.dataChanged.emit(index, index, [_DISPLAY, _EDIT])
        self.changed.emit()
        return True

    def flags(self, index):  # type: ignore[no-untyped-def]
        base = super().flags(index)
        if self.read_only:
            return base
        return base | Qt.ItemFlag.ItemIsEditable


class _Editors(QStyledItemDelegate):
    """A wheel-safe drop-down for choices, a line edit (with its hint) for the rest."""

    def __init__(self, model: GridModel, parent: Any = None):
        super().__init__(parent)
        self.grid = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index) -> QWidget:  # type: ignore[no-untyped-def]  # noqa: N802
        column = self.grid.columns[index.column()]
        if column.kind == "choice":
            combo = ComboBox(parent)
            combo.addItem("", None)
            for code, label in column.options:
                combo.addItem(label, code)
            # A choice is made in one go: the value is written as soon as it is picked.
            combo.activated.connect(lambda _i: self.commitData.emit(combo))
            return combo
        edit = QLineEdit(parent)
        edit.setPlaceholderText(column.placeholder)
        return edit

    def setEditorData(self, editor: QWidget, index) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        value = index.data(_EDIT)
        if isinstance(editor, ComboBox):
            found = editor.findData(value) if value is not None else 0
            editor.setCurrentIndex(max(found, 0))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model, index) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if isinstance(editor, ComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text())


class GridView(QTableView):
    """Cells edited in place (typing, double-click or F2); columns share the width."""

    def __init__(self, model: GridModel, name: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        self.setModel(model)
        self.grid = model
        self.setItemDelegate(_Editors(model, self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers
            & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setMinimumSectionSize(50)
        if not model.fixed:
            self.verticalHeader().hide()
        else:
            self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        model.rowsInserted.connect(self.fit_height)
        model.rowsRemoved.connect(self.fit_height)
        model.modelReset.connect(self.fit_height)
        self.fit_height()

    def set_read_only(self, read_only: bool) -> None:
        self.grid.read_only = read_only
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only
            else QAbstractItemView.EditTrigger.AllEditTriggers
            & ~QAbstractItemView.EditTrigger.CurrentChanged
        )

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def fit_height(self, *_args: Any) -> None:
        """As tall as its rows (at least two, at most a dozen, then it scrolls)."""
        rows = min(max(self.grid.rowCount(), 2), 12)
        row_height = self.verticalHeader().defaultSectionSize()
        height = self.horizontalHeader().sizeHint().height() + rows * row_height
        self.setMinimumHeight(height + 2 * self.frameWidth() + 4)
