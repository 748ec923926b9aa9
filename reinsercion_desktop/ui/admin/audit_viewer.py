"""Dialog "Registro de auditoría": who saw or changed what, for one file or for all.

The service hands the entries ready to read (`AuditLineView`): the kind of record in
Spanish («Ficha», «Paso de la derivación»), the person by CODAPEL (never the name),
the changed fields by their labels. Here they are only laid out.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from reinsercion_desktop.domain.dates import format_datetime_es
from reinsercion_desktop.services.audit_log import AuditLineView, AuditService
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel, RowsTableView

RECENT_LIMIT = 2000


def _record_note(line: AuditLineView) -> str | None:
    return (
        tr("Identificador del registro: {id}").format(id=line.record_id) if line.record_id else None
    )


AUDIT_COLUMNS = (
    Column[AuditLineView](
        tr("Fecha y hora"), lambda line: format_datetime_es(line.at), sort_key=lambda line: line.seq
    ),
    Column[AuditLineView](tr("Usuario"), lambda line: line.login, max_width=160),
    Column[AuditLineView](
        tr("Acción"),
        lambda line: line.action_label,
        tone=lambda line: "alert" if line.action == "login_failed" else None,
    ),
    Column[AuditLineView](tr("Registro"), lambda line: line.kind, tooltip=_record_note),
    Column[AuditLineView](tr("Persona (CODAPEL)"), lambda line: line.codapel),
    Column[AuditLineView](tr("Cambios"), lambda line: line.details, stretch=True),
)


def audit_model(parent: QWidget | None = None) -> RowsTableModel[AuditLineView]:
    return RowsTableModel(AUDIT_COLUMNS, parent)


class AuditDialog(QDialog):
    def __init__(
        self,
        audit: AuditService,
        session: Session,
        participant_id: str | None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(tr("Registro de auditoría"))
        self.resize(1000, 560)
        lines = audit.lines(
            session.actor,
            participant_id=participant_id,
            limit=None if participant_id else RECENT_LIMIT,
        )
        scope = (
            tr("de la ficha abierta")
            if participant_id
            else tr("(últimas {n} entradas)").format(n=RECENT_LIMIT)
        )
        broken = audit.broken_links(session.actor)
        header = QLabel(
            tr("Registro {scope}. Cadena de integridad: {state}.").format(
                scope=scope,
                state=tr("correcta")
                if not broken
                else tr("ALTERADA desde la entrada {n}").format(n=broken[0]),
            )
        )
        header.setWordWrap(True)
        self.model = audit_model(self)
        self.model.set_rows(lines)
        self.table = RowsTableView(self.model, "audit_table", sortable=True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the newest first
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
