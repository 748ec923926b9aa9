"""«Exportar sus datos (derecho de acceso)…»: the person's data as PDF and JSON, from the file.

One dialog: where to save (named by CODAPEL, never by name, in the Documents folder),
whether to add the JSON and the decrypted documents, then the export off the UI thread
with a progress bar (the backups' worker), and the result with «Abrir la carpeta». The
service checks the paths and the permission (responsable and up): the file only shows
the action to those allowed.
"""

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.services.subject_access import SubjectAccessService
from reinsercion_desktop.services.subject_access_views import ExportResult
from reinsercion_desktop.ui.admin.backup_worker import BackupWorker
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.dialog import ResultDialog
from reinsercion_desktop.ui.widgets.files import documents_dir


class AccessExportDialog(ResultDialog[ExportResult]):
    def __init__(
        self,
        service: SubjectAccessService,
        session: Session,
        participant_id: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.service, self.session, self.participant_id = service, session, participant_id
        self.worker: BackupWorker | None = None
        self.result_value: ExportResult | None = None
        self.setWindowTitle(tr("Exportar sus datos (derecho de acceso)"))
        self.setMinimumWidth(620)
        intro = QLabel(
            tr(
                "Todo lo que el centro guarda de esta persona, con quién vio o cambió su "
                "ficha, en un PDF legible (y, si quiere, en JSON). Entrégueselo en mano: "
                "contiene datos de salud."
            )
        )
        intro.setWordWrap(True)
        suggested = service.suggested_name(session.actor, participant_id)
        self.path_edit = QLineEdit(str(documents_dir() / suggested))
        self.path_edit.setObjectName("access_path_edit")
        choose = QPushButton(tr("Elegir…"))
        choose.clicked.connect(self.choose)
        where = QHBoxLayout()
        where.addWidget(self.path_edit, 1)
        where.addWidget(choose)
        self.json_check = QCheckBox(tr("Además, los mismos datos en un archivo JSON"))
        self.json_check.setChecked(True)
        self.documents_check = QCheckBox(
            tr("Además, sus documentos adjuntos, descifrados, en una carpeta junto al PDF")
        )
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.hide()
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        self.export_button = QPushButton(tr("Exportar"))
        self.export_button.setObjectName("access_export_button")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.open_button = QPushButton(tr("Abrir la carpeta"))
        self.open_button.hide()
        self.open_button.clicked.connect(self.open_folder)
        self.close_button = QPushButton(tr("Cerrar"))
        self.close_button.clicked.connect(self.close_dialog)
        buttons = QHBoxLayout()
        buttons.addStretch()
        for button in (self.open_button, self.export_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(where)
        layout.addWidget(self.json_check)
        layout.addWidget(self.documents_check)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.message_label)
        layout.addLayout(buttons)

    def choose(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Guardar el PDF"), self.path_edit.text(), tr("PDF (*.pdf)")
        )
        if path:
            self.path_edit.setText(path if path.lower().endswith(".pdf") else f"{path}.pdf")

    def start(self) -> None:
        if self.worker is not None:
            return
        pdf = Path(self.path_edit.text().strip()).expanduser()
        out_json = pdf.with_suffix(".json") if self.json_check.isChecked() else None
        with_documents = self.documents_check.isChecked()
        actor, participant_id, service = self.session.actor, self.participant_id, self.service

        def work(progress):  # type: ignore[no-untyped-def]
            return service.export(
                actor,
                participant_id,
                pdf,
                out_json=out_json,
                with_documents=with_documents,
                progress=lambda percent, _what: progress(percent, 100),
            )

        self.worker = BackupWorker(
            work, self, on_done=self._finished, on_progress=self.progress_bar.setValue
        )
        self.export_button.setEnabled(False)
        self.progress_bar.setValue(0)
        self.progress_bar.show()
        self.say(self.message_label, tr("Exportando…"))
        self.worker.begin()

    def _finished(self, worker: BackupWorker) -> None:
        self.worker = None
        self.progress_bar.hide()
        self.export_button.setEnabled(True)
        if worker.error is not None:
            set_role(self.message_label, "error")
            self.say(self.message_label, worker.error)
            return
        result: ExportResult = worker.result
        self.result_value = result
        lines = [tr("Guardado: {path}").format(path=result.pdf)]
        if result.json:
            lines.append(tr("Y en JSON: {path}").format(path=result.json))
        if result.documents:
            lines.append(
                tr("Documentos ({count}): {path}").format(
                    count=result.documents_written, path=result.documents
                )
            )
        set_role(self.message_label, "")
        self.say(self.message_label, "\n".join(lines))
        self.export_button.hide()
        self.open_button.show()
        self.produced.emit(result)

    def open_folder(self) -> None:
        if self.result_value is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.result_value.pdf).parent)))

    def close_dialog(self) -> None:
        if self.worker is not None:
            return  # the export finishes first (a few seconds): its files stay whole
        if self.result_value is not None:
            self.outcome = self.result_value
            self.accept()
        else:
            self.reject()
