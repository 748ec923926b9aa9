"""Dialog "Registro de auditoría": who saw or changed what, for one file or for all."""

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.dates import format_datetime_es
from reinsercion_desktop.services.registry import Services
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.tr import tr

RECENT_LIMIT = 2000


class AuditDialog(QDialog):
    def __init__(
        self,
        services: Services,
        session: Session,
        participant_id: str | None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(tr("Registro de auditoría"))
        self.resize(980, 560)
        lines = services.audit.lines(
            participant_id=participant_id, limit=None if participant_id else RECENT_LIMIT
        )
        scope = (
            tr("de la ficha abierta")
            if participant_id
            else tr("(últimas {n} entradas)").format(n=RECENT_LIMIT)
        )
        broken = services.audit.broken_links()
        header = QLabel(
            tr("Registro {scope}. Cadena de integridad: {state}.").format(
                scope=scope,
                state=tr("correcta")
                if not broken
                else tr("ALTERADA desde la entrada {n}").format(n=broken[0]),
            )
        )
        header.setWordWrap(True)
        self.table = QTableWidget(len(lines), 5)
        self.table.setObjectName("audit_table")
        self.table.setHorizontalHeaderLabels(
            [tr("Fecha y hora"), tr("Usuario"), tr("Acción"), tr("Registro"), tr("Cambios")]
        )
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row, line in enumerate(reversed(lines)):
            changes = ", ".join(sorted(line.changes)) if line.action == "update" else ""
            if line.reason:
                changes = f"{changes} · {tr('motivo')}: {line.reason}".strip(" ·")
            cells = (
                format_datetime_es(line.at),
                line.login,
                line.action_label,
                f"{line.entity} {line.record_id[:8]}",
                changes,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
