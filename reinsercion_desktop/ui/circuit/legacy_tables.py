"""The circuit's old table helpers, kept only for the screens outside the circuit that
still import them while issue 9 converts them (follow_up.caseload_dock, follow_up_tab,
plan.plan_tab, plan.versions_dialog, resources.catalogue_model, resources.referrals_panel).

The circuit itself uses `ui.widgets.table` (RowsTableModel/RowsTableView). Delete this
module, and the re-exports in parts.py, waiting_list_model.py and waiting_list_dock.py,
with the last screen that imports them.
"""

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
)

from reinsercion_desktop.ui.widgets.table import TONES

_DISPLAY = Qt.ItemDataRole.DisplayRole
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)

ALERT = TONES["alert"]
MUTED = TONES["muted"]
ASSIGNED = TONES["info"]
PRIORITY = TONES["good"]


def bold_font() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def make_table(columns: list[str], stretch: int, *, wrap: bool = False) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(wrap)
    table.verticalHeader().hide()
    if wrap:
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    top = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft if table.wordWrap() else None
    table.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if top is not None:
                item.setTextAlignment(top)
            table.setItem(row, column, item)


def table_view(model, name: str, widths: tuple[int, ...]) -> QTableView:  # type: ignore[no-untyped-def]
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in enumerate(widths):
        header.resizeSection(column, width)
    return view


class PlainRowsModel(QAbstractTableModel):
    """Rows kept as given; subclasses say how a cell reads and looks."""

    HEADERS: tuple[str, ...] = ()
    RIGHT: frozenset[int] = frozenset()
    CENTRED: frozenset[int] = frozenset()

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    @property
    def rows(self) -> list[Any]:
        return self._rows

    def rowCount(self, parent=QModelIndex()) -> int:  # type: ignore[no-untyped-def]  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # type: ignore[no-untyped-def]  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=_DISPLAY):  # type: ignore[no-untyped-def]  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == _DISPLAY:
            return self.cell(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.colour(row, column)
        if role == Qt.ItemDataRole.FontRole:
            return self.font(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in self.RIGHT:
                return _RIGHT
            if column in self.CENTRED:
                return _CENTRE
        return None

    def cell(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def colour(self, row: Any, column: int) -> QColor | None:
        return None

    def font(self, row: Any, column: int) -> QFont | None:
        return None

    def tooltip(self, row: Any, column: int) -> str | None:
        return None
