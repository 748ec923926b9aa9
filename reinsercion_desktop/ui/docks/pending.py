"""Dock "Pendientes": what needs doing, overdue first; a click opens the file."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.services.pending import PendingItem
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr

_OVERDUE = QBrush(QColor("#b3261e"))


class PendingDock(QDockWidget):
    participant_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(tr("Pendientes"), parent)
        self.setObjectName("dock_pending")
        self.setMinimumWidth(260)
        self.list_widget = QListWidget()
        self.list_widget.setObjectName("pending_list")
        self.list_widget.setWordWrap(True)
        self.list_widget.setSpacing(3)
        self.list_widget.setAlternatingRowColors(True)
        self.list_widget.itemActivated.connect(self._chosen)
        self.list_widget.itemClicked.connect(self._chosen)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        note = QLabel(
            tr(
                "Los plazos del circuito (Anexos III–VI, lista de espera, salidas y altas) "
                "se añadirán aquí cuando se incorpore el circuito de derivación y estancia."
            )
        )
        note.setWordWrap(True)
        set_role(note, "hint")
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.list_widget)
        layout.addWidget(note)
        self.setWidget(body)

    def set_items(self, items: list[PendingItem], today) -> None:  # type: ignore[no-untyped-def]
        self.list_widget.clear()
        overdue = 0
        for item in items:
            due = f" · {tr('vence')} {format_date_es(item.due)}" if item.due else ""
            entry = QListWidgetItem(f"{item.who}\n{item.what}{due}")
            entry.setData(Qt.ItemDataRole.UserRole, item.participant_id)
            if item.overdue(today):
                entry.setForeground(_OVERDUE)
                overdue += 1
            self.list_widget.addItem(entry)
        if items:
            self.summary_label.setText(
                tr("{n} asunto(s) pendiente(s), {late} vencido(s).").format(
                    n=len(items), late=overdue
                )
            )
        else:
            self.summary_label.setText(tr("No hay nada pendiente."))

    def _chosen(self, entry: QListWidgetItem) -> None:
        self.participant_chosen.emit(entry.data(Qt.ItemDataRole.UserRole))
