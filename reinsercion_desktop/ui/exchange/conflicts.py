"""Intercambio → Conflictos: a field changed here and at the peer to different values
(R-SYNC-3). Both values are kept until a responsable chooses one; the choice is asked
again naming the field and both values, and travels with the next bundle."""

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from reinsercion_desktop.domain.dates import format_datetime_es
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.services.exchange import ExchangeService
from reinsercion_desktop.services.exchange_conflicts import (
    KEEP_LOCAL,
    TAKE_INCOMING,
    ConflictView,
)
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel, RowsTableView

CONFLICT_COLUMNS = (
    Column[ConflictView](tr("Centro u oficina"), lambda c: c.peer),
    Column[ConflictView](tr("Registro"), lambda c: f"{c.kind}: {c.record}"),
    Column[ConflictView](tr("Dato"), lambda c: c.field),
    Column[ConflictView](tr("Valor aquí"), lambda c: c.local, max_width=220),
    Column[ConflictView](tr("Valor recibido"), lambda c: c.incoming, max_width=220),
    Column[ConflictView](
        tr("Desde"),
        lambda c: format_datetime_es(c.found_at),
        sort_key=lambda c: c.found_at,
        stretch=True,
    ),
)


class ConflictsPanel(QWidget):
    """The open conflicts and the two choices; `on_change(count)` after each reload."""

    def __init__(
        self,
        exchange: ExchangeService,
        session: Session,
        say: Callable[[str], None],
        on_change: Callable[[int], None],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.exchange, self.session = exchange, session
        self.say, self.on_change = say, on_change
        self.model = RowsTableModel(CONFLICT_COLUMNS, self)
        self.table = RowsTableView(self.model, "exchange_conflicts_table", sortable=True)
        hint = QLabel(
            tr(
                "El mismo dato cambió aquí y en el otro lado. Se guardan los dos valores hasta "
                "que elija uno; su elección viaja en el próximo paquete."
            )
        )
        hint.setWordWrap(True)
        set_role(hint, "hint")
        self.keep_button = QPushButton(tr("Mantener el de aquí"))
        self.keep_button.setObjectName("keep_local_button")
        self.take_button = QPushButton(tr("Usar el recibido"))
        self.take_button.setObjectName("take_incoming_button")
        self.keep_button.clicked.connect(lambda: self.choose(KEEP_LOCAL))
        self.take_button.clicked.connect(lambda: self.choose(TAKE_INCOMING))
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.take_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def reload(self) -> None:
        try:
            rows = self.exchange.open_conflicts(self.session.actor)
        except UserError as error:
            self.say(str(error))
            rows = []
        self.model.set_rows(rows)
        has_rows = bool(rows)
        self.keep_button.setEnabled(has_rows)
        self.take_button.setEnabled(has_rows)
        self.on_change(len(rows))

    def choose(self, choice: str) -> None:
        conflict = self.table.current_row()
        if conflict is None:
            self.say(tr("Elija primero un conflicto de la lista."))
            return
        if choice == KEEP_LOCAL:
            question = tr(
                "¿Mantener el valor de aquí en «{field}» ({record})?\n\n"
                "Se queda: {kept}\nSe descarta el recibido de {peer}: {dropped}"
            )
            kept, dropped = conflict.local, conflict.incoming
        else:
            question = tr(
                "¿Usar el valor recibido de {peer} en «{field}» ({record})?\n\n"
                "Se queda: {kept}\nSe descarta el de aquí: {dropped}"
            )
            kept, dropped = conflict.incoming, conflict.local
        answer = QMessageBox.question(
            self,
            tr("Resolver un conflicto"),
            question.format(
                field=conflict.field,
                record=conflict.record,
                peer=conflict.peer,
                kept=kept,
                dropped=dropped,
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.exchange.resolve(self.session.actor, conflict.id, choice)
        except UserError as error:
            self.say(str(error))
            return
        self.say(
            tr("«{field}» de {record} queda en {kept}; irá en el próximo paquete.").format(
                field=conflict.field, record=conflict.record, kept=kept
            )
        )
        self.reload()
