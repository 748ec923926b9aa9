"""Dock "Pendientes": every deadline from its lead time before its date, overdue first;
amber within a week of it, red once overdue; a click opens what settles it (the
person's file on the right tab, the form, the month's Anexo III).

The items come from `PendingService` (the circuit's deadlines, case management's and the
incomplete files). At office scale they are tens of thousands: the shared rows model
shows them and writes a cell's text only when Qt asks for it (the items themselves
write their text only when read), so the list is ready as soon as the items are.
"""

from __future__ import annotations

import time
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QDockWidget, QLabel, QVBoxLayout, QWidget

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel, RowsTableView

if TYPE_CHECKING:
    from reinsercion_desktop.services.pending import PendingItem, PendingService

_TOOLTIP = Qt.ItemDataRole.ToolTipRole
COL_DUE, COL_WHO, COL_WHAT = range(3)
MIN_DOCK_WIDTH = 300
REPEAT_SECONDS = 1.0  # a double click is a click too: the item is opened once


def _days(n: int) -> str:
    return tr("1 día") if n == 1 else tr("{n} días").format(n=n)


def due_text(item: PendingItem, today: date) -> str:
    """The long form, for the tooltip: "VENCIDO el 05/01/2026 (hace 10 días)"."""
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


def due_cell(item: PendingItem, today: date) -> str:
    """The short form, for the «Vence» column (a narrow dock): the day, or "Hoy"; how late
    or how soon is said by the colour and, in words, by the tooltip."""
    if item.due is None:
        return tr("Sin fecha")
    return tr("Hoy") if item.due == today else format_date_es(item.due)


def full_text(item: PendingItem, today: date) -> str:
    """Who, what (and its rule), when: the three lines of the tooltip."""
    rule = f" ({item.rule})" if item.rule else ""
    return f"{item.who}\n{item.what}{rule}\n{due_text(item, today)}"


class PendingModel(RowsTableModel["PendingItem"]):
    """The items shown through «Vence», «Quién», «Qué», toned by their date; every cell's
    tooltip is the item's full text. No text is written before Qt asks for a cell."""

    def __init__(self, parent: QWidget | None = None):
        self.today = date.min
        super().__init__(
            (
                Column["PendingItem"](
                    tr("Vence"), lambda item: due_cell(item, self.today), max_width=110
                ),
                Column["PendingItem"](tr("Quién"), lambda item: item.who, max_width=130),
                Column["PendingItem"](tr("Qué"), lambda item: item.what, stretch=True),
            ),
            parent,
            row_tone=lambda item: item.tone(self.today),
        )

    def set_items(self, items: list[PendingItem], today: date) -> None:
        self.today = today
        self.set_rows(items)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):  # type: ignore[no-untyped-def]
        if role == _TOOLTIP and index.isValid():
            return full_text(self.row_at(index.row()), self.today)
        return super().data(index, role)


class PendingDock(QDockWidget):
    """The list, a summary ("N pendientes, M vencidos") and «Solo vencidos»."""

    item_chosen = Signal(object)  # the PendingItem clicked

    def __init__(
        self,
        pending: PendingService | None = None,
        session: Session | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(tr("Pendientes"), parent)
        self.setObjectName("dock_pending")
        self.pending = pending
        self.session = session
        self.items: list[PendingItem] = []
        self.today = date.min
        self.overdue_count = 0
        self.model = PendingModel(self)
        self.table_view = RowsTableView(self.model, "pending_list")
        self.table_view.setMinimumWidth(MIN_DOCK_WIDTH - 20)
        self.table_view.clicked.connect(self._clicked)
        self.table_view.row_activated.connect(self._chosen)
        self._last_chosen: tuple[object, float] = (None, 0.0)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("pending_summary")
        self.summary_label.setFont(self._bold_font())
        self.summary_label.setWordWrap(True)
        self.overdue_check = QCheckBox(tr("Solo vencidos"))
        self.overdue_check.toggled.connect(self._filter)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.overdue_check)
        layout.addWidget(self.table_view)
        self.setWidget(body)

    def _bold_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def refresh(self) -> None:
        """Read the items again from the service (today's, by the session's clock)."""
        if self.pending is not None and self.session is not None:
            today = self.session.today()
            self.set_items(self.pending.items(today), today)

    def set_items(self, items: list[PendingItem], today: date) -> None:
        self.items = items
        self.today = today
        self.overdue_count = sum(1 for item in items if item.due is not None and item.due < today)
        if items:
            self.summary_label.setText(self.summary())
        else:
            self.summary_label.setText(tr("No hay nada pendiente."))
        self.model.set_items(items, today)

    def summary(self) -> str:
        return tr("{n} pendientes, {late} vencidos").format(
            n=len(self.items), late=self.overdue_count
        )

    def _filter(self, only_late: bool) -> None:
        model = self.model  # the model's day, so the filter follows each new reading
        self.model.set_filter((lambda item: item.overdue(model.today)) if only_late else None)

    def _clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self._chosen(self.model.row_at(index.row()))

    def _chosen(self, item: PendingItem) -> None:
        last, when = self._last_chosen
        now = time.monotonic()
        if item is last and now - when < REPEAT_SECONDS:
            return
        self._last_chosen = (item, now)
        self.item_chosen.emit(item)
