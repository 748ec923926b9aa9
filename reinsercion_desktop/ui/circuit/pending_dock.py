"""Dock "Pendientes": every deadline with its due date, overdue first and in red; a click
opens what settles it (the person's file, the form, the month's Anexo III).

The items come from `services.pending.pending_items` (R-STAY-3, R-WL-5, R-STAY-1/2) and
incomplete files; the list is a model over those plain items, so thousands stay cheap.
"""

from datetime import date

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDockWidget,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.services.pending import PendingItem
from reinsercion_desktop.ui.tr import tr

_OVERDUE = QColor("#b3261e")
_SOON = QColor("#8a5a00")
_DISPLAY = Qt.ItemDataRole.DisplayRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
SOON_DAYS = 7


def _days(n: int) -> str:
    return tr("1 día") if n == 1 else tr("{n} días").format(n=n)


def due_text(item: PendingItem, today: date) -> str:
    if item.due is None:
        return tr("Ficha incompleta")
    late = (today - item.due).days
    if late > 0:
        return tr("VENCIDO el {day} (hace {days})").format(
            day=format_date_es(item.due), days=_days(late)
        )
    if late == 0:
        return tr("Vence hoy")
    return tr("Vence el {day} (en {days})").format(day=format_date_es(item.due), days=_days(-late))


class PendingListModel(QAbstractListModel):
    """Three lines per item: who, what, when; no database call in data()."""

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._items: list[PendingItem] = []
        self._today = date.min

    def set_items(self, items: list[PendingItem], today: date) -> None:
        self.beginResetModel()
        self._items = items
        self._today = today
        self.endResetModel()

    def item_at(self, row: int) -> PendingItem:
        return self._items[row]

    def rowCount(self, parent=QModelIndex()) -> int:  # type: ignore[no-untyped-def]  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        item = self._items[index.row()]
        if role == _DISPLAY:
            return f"{item.who}\n{item.what}\n{due_text(item, self._today)}"
        if role == _FOREGROUND:
            if item.overdue(self._today):
                return _OVERDUE
            if item.due is not None and (item.due - self._today).days <= SOON_DAYS:
                return _SOON
            return None
        if role == _TOOLTIP:
            rule = f" ({item.rule})" if item.rule else ""
            return f"{item.who}\n{item.what}{rule}\n{due_text(item, self._today)}"
        return None


class PendingDock(QDockWidget):
    item_chosen = Signal(object)  # the PendingItem clicked

    def __init__(self, parent: QWidget | None = None):
        super().__init__(tr("Pendientes"), parent)
        self.setObjectName("dock_pending")
        self.setMinimumWidth(260)
        self.items: list[PendingItem] = []
        self.today = date.min
        self.overdue_count = 0
        self.model = PendingListModel(self)
        self.list_view = QListView()
        self.list_view.setObjectName("pending_list")
        self.list_view.setModel(self.model)
        self.list_view.setSpacing(2)
        self.list_view.setAlternatingRowColors(True)
        # Wrapped to the dock's width (no sideways scrolling), laid out in batches so a
        # long list does not delay the window.
        self.list_view.setWordWrap(True)
        self.list_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.list_view.setLayoutMode(QListView.LayoutMode.Batched)
        self.list_view.setBatchSize(50)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.activated.connect(self._chosen)
        self.list_view.clicked.connect(self._chosen)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("pending_summary")
        self.summary_label.setFont(self._bold_font())
        self.overdue_check = QCheckBox(tr("Solo vencidos"))
        self.overdue_check.toggled.connect(self._show)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.overdue_check)
        layout.addWidget(self.list_view)
        self.setWidget(body)

    def _bold_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def set_items(self, items: list[PendingItem], today: date) -> None:
        self.items = items
        self.today = today
        self.overdue_count = sum(1 for item in items if item.overdue(today))
        if items:
            self.summary_label.setText(
                tr("{n} pendientes, {late} vencidos").format(n=len(items), late=self.overdue_count)
            )
        else:
            self.summary_label.setText(tr("No hay nada pendiente."))
        self._show()

    def summary(self) -> str:
        return tr("{n} pendientes, {late} vencidos").format(
            n=len(self.items), late=self.overdue_count
        )

    def _show(self) -> None:
        shown = self.items
        if self.overdue_check.isChecked():
            shown = [item for item in self.items if item.overdue(self.today)]
        self.model.set_items(shown, self.today)

    def _chosen(self, index) -> None:  # type: ignore[no-untyped-def]
        if index.isValid():
            self.item_chosen.emit(self.model.item_at(index.row()))
