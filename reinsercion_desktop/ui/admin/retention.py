"""Administración → Conservación de fichas: closed files past the centre's retention
years (SPEC §10), and anonymising one on request (GDPR art. 17, administrators only).

Anonymising one file is one short unit of work (a person's records, a few hundred rows at
most, and their attachments' files): it runs on the UI thread under a busy cursor rather
than through a worker thread with a progress bar that would flash for a few
milliseconds. The record of what was removed is offered for saving straight after, and
again from the button while the dialog stays open.
"""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.anonymisation import BACKUPS_NOTE, AnonymisationRecord
from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.services.anonymisation import MAX_REASON
from reinsercion_desktop.services.retention import RetentionRow, RetentionService
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.dialog import ResultDialog
from reinsercion_desktop.ui.widgets.files import suggested_pdf
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel, RowsTableView

RETENTION_COLUMNS: tuple[Column[RetentionRow], ...] = (
    Column(tr("CODAPEL"), lambda row: row.codapel),
    Column(tr("Nombre"), lambda row: row.name),
    Column(
        tr("Cerrada el"), lambda row: format_date_es(row.closed_on), sort_key=lambda r: r.closed_on
    ),
    Column(tr("Años"), lambda row: str(row.years_closed), sort_key=lambda r: r.years_closed),
    Column(tr("Responsable del caso"), lambda row: row.case_manager),
    Column(tr("Firmados"), lambda row: str(row.signed_forms), sort_key=lambda r: r.signed_forms),
    Column(tr("Adjuntos"), lambda row: str(row.attachments), sort_key=lambda r: r.attachments),
)

WHAT_GOES = (
    "Se borrarán de la ficha de {name} ({codapel}): el nombre y los apellidos (quedará como "
    "«Anonimizada»), el DNI/NIE, la dirección, el municipio, los teléfonos, el contacto "
    "familiar, las notas y todos los textos escritos en derivaciones, estancias, plan y "
    "seguimiento; los valores identificativos de sus {forms} formulario(s) firmados y del "
    "resto; y sus {attachments} documento(s) adjunto(s), con sus archivos. La fecha de "
    "nacimiento pasa al 1 de julio del mismo año. Se conservan el CODAPEL, el sexo, el perfil "
    "y las fechas de estancias y altas, para las estadísticas. No se puede deshacer."
)


class AnonymiseDialog(ResultDialog[str]):
    """Asks why (the request) and a clear confirmation; produces the reason."""

    def __init__(self, row: RetentionRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Anonimizar la ficha"))
        what = QLabel(
            tr(WHAT_GOES).format(
                name=row.name,
                codapel=row.codapel,
                forms=row.signed_forms,
                attachments=row.attachments,
            )
        )
        what.setWordWrap(True)
        backups = QLabel(tr(BACKUPS_NOTE))
        backups.setWordWrap(True)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("anonymise_reason_edit")
        self.reason_edit.setMaxLength(MAX_REASON)
        self.reason_edit.setPlaceholderText(
            tr("La petición: quién la hizo, cómo y cuándo (sin el nombre de la persona)")
        )
        self.confirm_check = QCheckBox(tr("Entiendo que no se puede deshacer"))
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        set_role(self.error_label, "error")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.anonymise_button = self.buttons.addButton(
            tr("Anonimizar"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.anonymise_button.setEnabled(False)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.reason_edit.textChanged.connect(lambda _text: self._enable())
        self.confirm_check.toggled.connect(lambda _on: self._enable())
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(backups)
        layout.addWidget(QLabel(tr("Motivo")))
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.confirm_check)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def _enable(self) -> None:
        self.anonymise_button.setEnabled(
            bool(self.reason_edit.text().strip()) and self.confirm_check.isChecked()
        )

    def _accept(self) -> None:
        if not self.anonymise_button.isEnabled():
            return
        self.finish(self.reason_edit.text())


class RetentionDialog(QDialog):
    def __init__(self, service: RetentionService, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.session = session
        self.last_record: AnonymisationRecord | None = None
        self.setWindowTitle(tr("Conservación de fichas"))
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.model = RowsTableModel(RETENTION_COLUMNS, self)
        self.table = RowsTableView(self.model, "retention_table", sortable=True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.anonymise_button = QPushButton(tr("Anonimizar…"))
        self.anonymise_button.setObjectName("anonymise_button")
        self.anonymise_button.clicked.connect(self.ask_anonymise)
        self.record_button = QPushButton(tr("Guardar el registro de la última…"))
        self.record_button.clicked.connect(self.save_record)
        self.record_button.setEnabled(False)
        self.hint_label = QLabel(tr("Solo un administrador/a puede anonimizar fichas."))
        self.hint_label.setVisible(not session.can(Role.ADMIN))
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.anonymise_button)
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.hint_label, 1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message_label)
        layout.addLayout(buttons)
        self.resize(1000, 560)
        self.reload()

    def reload(self) -> None:
        review = self.service.review(self.session.actor)
        self.summary_label.setText(
            tr(
                "Fichas cerradas (archivadas o con su última alta) hace {years} años o más, "
                "para revisarlas: conservarlas o anonimizarlas. Los años se fijan en Datos del "
                "centro. Fichas anonimizadas hasta hoy: {done}."
            ).format(years=review.retention_years, done=review.anonymised)
        )
        self.model.set_rows(review.rows)
        self._enable()

    def _enable(self) -> None:
        self.anonymise_button.setEnabled(
            self.session.can(Role.ADMIN) and self.table.current_row() is not None
        )

    def ask_anonymise(self) -> None:
        row = self.table.current_row()
        if row is None:
            return
        self.confirm_dialog = AnonymiseDialog.ask(
            row, self, on_result=lambda reason: self.anonymise(row, reason)
        )

    def anonymise(self, row: RetentionRow, reason: str) -> AnonymisationRecord | None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            record = self.service.anonymise(self.session.actor, row.participant_id, reason)
        except ValidationError as error:
            QGuiApplication.restoreOverrideCursor()
            QMessageBox.warning(self, tr("No se anonimizó"), " ".join(error.problems.values()))
            return None
        except UserError as error:
            QGuiApplication.restoreOverrideCursor()
            QMessageBox.warning(self, tr("No se anonimizó"), str(error))
            return None
        QGuiApplication.restoreOverrideCursor()
        self.last_record = record
        self.record_button.setEnabled(True)
        self.message_label.setText(
            tr("La ficha es ahora «{label}». Guarde o imprima el registro de lo eliminado.").format(
                label=record.label
            )
        )
        self.reload()
        self.save_record()
        return record

    def save_record(self) -> Path | None:
        record = self.last_record
        if record is None:
            return None
        default = suggested_pdf(tr("Registro de anonimización"), record.codapel, record.at.date())
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Guardar el registro de anonimización"), str(default), tr("PDF (*.pdf)")
        )
        if not path:
            return None
        try:
            written = self.service.write_record(record, path, data_root=self.session.data_dir)
        except UserError as error:
            QMessageBox.warning(self, tr("No se pudo guardar"), str(error))
            return None
        self.message_label.setText(tr("Registro guardado en {path}.").format(path=written))
        return written
