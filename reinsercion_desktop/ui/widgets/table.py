"""The one list of the application: a table model over plain rows and the view that shows it.

Every list (participants, waiting list, stays, objectives, the audit log …) is a
`RowsTableModel` over frozen view records from the services, described by `Column`s, and
shown in a `RowsTableView`:

- the text of a cell is computed when Qt asks for it (`data()`), never up front, so a
  list of 46,000 rows is ready as soon as the rows are;
- headers come from `headerData`, already translated (`tr`) where the columns are defined;
- columns are sized to their content within limits (`fit`), long text is elided with the
  full text in a tooltip, and a prose column wraps instead (`Column(prose=True)`);
- sorting and filtering act on the rows (keys, predicates), never on widgets;
- there is no database call anywhere here: the model only reads the rows it was given.

Tested without a window (`tests/ui/test_rows_table.py`).
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

R = TypeVar("R")

_DISPLAY = Qt.ItemDataRole.DisplayRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_FONT = Qt.ItemDataRole.FontRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_USER = Qt.ItemDataRole.UserRole
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_LEFT_TOP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)

# The tones a cell or a row can take; the colours are the application's (style.py).
TONES = {
    "alert": QColor("#b3261e"),  # overdue, refused, needs a decision
    "warning": QColor("#8a5a00"),  # due soon
    "muted": QColor("#6b7480"),  # archived, postponed, done
    "info": QColor("#1d5fa8"),  # assigned, in progress
    "good": QColor("#1e5e3f"),  # free places, priority
}
_BOLD = QFont()
_BOLD.setBold(True)

# Limits of a column sized to its content (pixels at the default font).
MIN_WIDTH = 40
MAX_WIDTH = 320
SAMPLE_ROWS = 200  # rows measured when fitting: enough for a fair width, cheap for 20,000


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its header and how a row reads, sorts and looks in it.

    `text` returns the cell's text (called lazily); `sort_key` orders the rows (default:
    the text); `tooltip` adds a note (the full text is always in the tooltip when the
    cell is elided); `tone` names one of `TONES` for this cell; `align` is "left",
    "right" (numbers) or "centre"; `prose` wraps the text and takes the room left;
    `stretch` takes the room left without wrapping; `max_width` caps a fitted column.
    """

    header: str
    text: Callable[[R], str]
    sort_key: Callable[[R], Any] | None = None
    tooltip: Callable[[R], str | None] | None = None
    tone: Callable[[R], str | None] | None = None
    bold: Callable[[R], bool] | None = None
    align: str = "left"
    prose: bool = False
    stretch: bool = False
    max_width: int = MAX_WIDTH


def _alignment(column: Column, prose_table: bool) -> int:
    if column.align == "right":
        return _RIGHT
    if column.align == "centre":
        return _CENTRE
    # In a tall wrapped row, a vertically centred date scrolls out of sight with its text.
    return _LEFT_TOP if prose_table else _LEFT


class RowsTableModel(QAbstractTableModel, Generic[R]):
    """A list of frozen rows shown through `Column`s; sortable and filterable by Python keys.

    `row_tone` colours a whole row (e.g. archived files in grey); a column's own `tone`
    wins over it. `set_filter` keeps the rows a predicate accepts, in the current order.
    `rows_replaced` says new rows came (the view fits its columns then, not on every
    filter keystroke). A subclass may choose the shown rows its own way (`_filtered`).
    """

    rows_replaced = Signal()

    def __init__(
        self,
        columns: Sequence[Column[R]],
        parent: Any = None,
        *,
        row_tone: Callable[[R], str | None] | None = None,
        row_tooltip: Callable[[R], str | None] | None = None,
    ):
        super().__init__(parent)
        self.columns: tuple[Column[R], ...] = tuple(columns)
        self.row_tone = row_tone
        self.row_tooltip = row_tooltip
        self._all: list[R] = []
        self._shown: list[R] = []
        self._predicate: Callable[[R], bool] | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._prose = any(column.prose for column in self.columns)

    # -- feeding -----------------------------------------------------------------------

    def set_rows(self, rows: Iterable[R]) -> None:
        self.beginResetModel()
        self._all = list(rows)
        if self._sort is not None:
            self._sort_all(*self._sort)
        self._shown = self._filtered()
        self.endResetModel()
        self.rows_replaced.emit()

    def set_filter(self, predicate: Callable[[R], bool] | None) -> None:
        self.beginResetModel()
        self._predicate = predicate
        self._shown = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[R]:
        if self._predicate is None:
            return list(self._all)
        return [row for row in self._all if self._predicate(row)]

    @property
    def rows(self) -> list[R]:
        """The rows shown, in their order."""
        return self._shown

    @property
    def all_rows(self) -> list[R]:
        return self._all

    def row_at(self, row: int) -> R:
        return self._shown[row]

    def find(self, predicate: Callable[[R], bool]) -> int:
        """The index of the first shown row the predicate accepts, or -1."""
        for index, row in enumerate(self._shown):
            if predicate(row):
                return index
        return -1

    def cell_text(self, row: int, column: int) -> str:
        return self.columns[column].text(self._shown[row])

    # -- Qt interface ------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # type: ignore[no-untyped-def]  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent=QModelIndex()) -> int:  # type: ignore[no-untyped-def]  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=_DISPLAY):  # type: ignore[no-untyped-def]  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == _DISPLAY:
                return self.columns[section].header
            if role == _ALIGN:
                return _alignment(self.columns[section], False)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY):  # type: ignore[no-untyped-def]
        # Called for every role of every visible cell on each repaint: cheap answers first.
        if not index.isValid():
            return None
        if role == _DISPLAY:
            return self.columns[index.column()].text(self._shown[index.row()])
        if role == _FOREGROUND:
            row = self._shown[index.row()]
            column = self.columns[index.column()]
            tone = column.tone(row) if column.tone else None
            if tone is None and self.row_tone is not None:
                tone = self.row_tone(row)
            return TONES.get(tone) if tone else None
        if role == _ALIGN:
            return _alignment(self.columns[index.column()], self._prose)
        if role == _FONT:
            column = self.columns[index.column()]
            if column.bold is not None and column.bold(self._shown[index.row()]):
                return _BOLD
            return None
        if role == _TOOLTIP:
            return self._tooltip(self._shown[index.row()], self.columns[index.column()])
        if role == _USER:
            return self._shown[index.row()]
        return None

    def _tooltip(self, row: R, column: Column[R]) -> str | None:
        parts = []
        text = column.text(row)
        if text:
            parts.append(text)  # the full text of an elided cell
        note = column.tooltip(row) if column.tooltip else None
        if note is None and self.row_tooltip is not None:
            note = self.row_tooltip(row)
        if note and note != text:
            parts.append(note)
        return "\n".join(parts) or None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._sort_all(column, order)
        self._shown = self._filtered()
        self.layoutChanged.emit()

    def _sort_all(self, column: int, order: Qt.SortOrder) -> None:
        spec = self.columns[column]
        key = spec.sort_key or spec.text
        self._all.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)


class RowsTableView(QTableView):
    """Read-only, whole rows, one at a time; columns fitted to their content within limits.

    `row_activated(row)` is emitted with the row record on double-click or Enter;
    `current_row()` is the selected record or None.
    """

    row_activated = Signal(object)

    def __init__(
        self,
        model: RowsTableModel,
        name: str = "",
        parent: QWidget | None = None,
        *,
        sortable: bool = False,
        multi_select: bool = False,
    ):
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        self.setModel(model)
        self.rows_model = model
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(
            QAbstractItemView.SelectionMode.ExtendedSelection
            if multi_select
            else QAbstractItemView.SelectionMode.SingleSelection
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setMinimumSectionSize(MIN_WIDTH)
        prose = model._prose
        self.setWordWrap(prose)
        if prose:  # small tables of notes: rows follow their text as columns change width
            self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        else:
            self.verticalHeader().setDefaultSectionSize(QFontMetrics(self.font()).height() + 8)
        if sortable:
            # Qt's default indicator is descending: the first column A→Z is what people expect.
            header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
            self.setSortingEnabled(True)
            header.setSortIndicatorShown(True)
        self.doubleClicked.connect(self._activated)
        self.activated.connect(self._activated)
        model.rows_replaced.connect(self.fit)
        self._fitted_once = False
        self.fit()

    # -- rows --------------------------------------------------------------------------

    def current_row(self) -> Any:
        index = self.currentIndex()
        selected = self.selectionModel().selectedRows() if self.selectionModel() else []
        if not selected or not index.isValid():
            return None
        return self.rows_model.row_at(index.row())

    def selected_rows(self) -> list[Any]:
        return [self.rows_model.row_at(i.row()) for i in self.selectionModel().selectedRows()]

    def select_index(self, row: int) -> None:
        if not 0 <= row < self.rows_model.rowCount():
            self.clearSelection()
            return
        index = self.rows_model.index(row, 0)
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.scrollTo(index)

    def select_where(self, predicate: Callable[[Any], bool]) -> bool:
        row = self.rows_model.find(predicate)
        self.select_index(row)
        return row >= 0

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.row_activated.emit(self.rows_model.row_at(index.row()))

    def fit_height(self, most: int) -> None:
        """A short table exactly as tall as its rows (at least one, up to `most`, then it
        scrolls): the free places above the waiting list, the viviendas of the board."""
        shown = min(max(self.rows_model.rowCount(), 1), most)
        row_height = self.verticalHeader().defaultSectionSize()
        scroll = self.horizontalScrollBar().sizeHint().height()
        header = self.horizontalHeader().sizeHint().height()
        self.setFixedHeight(header + shown * row_height + scroll + 2 * self.frameWidth())

    # -- widths ------------------------------------------------------------------------

    def fit(self) -> None:
        """Each column as wide as its header and content (a sample of rows), within its
        limits; prose and stretch columns share what is left. Columns a person has
        resized keep their width once the table has been fitted with rows."""
        model = self.rows_model
        header = self.horizontalHeader()
        if self._fitted_once and model.rowCount() == 0:
            return
        metrics = QFontMetrics(self.font())
        bold = QFont(self.font())
        bold.setBold(True)
        header_metrics = QFontMetrics(bold)
        sample = model.rows[:SAMPLE_ROWS]
        padding = 18
        flexible = [i for i, c in enumerate(model.columns) if c.prose or c.stretch]
        for i, column in enumerate(model.columns):
            if i in flexible:
                continue
            widest = header_metrics.horizontalAdvance(column.header) + padding + 10
            for row in sample:
                text = column.text(row)
                if text:
                    line = max(text.splitlines() or [""], key=len)
                    widest = max(widest, metrics.horizontalAdvance(line) + padding)
                if widest >= column.max_width:
                    break
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(i, max(MIN_WIDTH, min(widest, column.max_width)))
        for i in flexible:
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(not flexible)
        if sample:
            self._fitted_once = True
