"""The file's «Documentos» tab: the person's attached scans, whether each is still intact."""

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.dates import format_datetime_es
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.services.attachments import AttachmentService, AttachmentView
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.files import documents_dir
from reinsercion_desktop.ui.widgets.lazy import LazyTab
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel, RowsTableView

_SIZE_UNITS = ("B", "KB", "MB", "GB")


def size_text(size: int) -> str:
    """«812 KB», «3,4 MB»: a file's size as people read it."""
    value = float(size)
    for unit in _SIZE_UNITS:
        if value < 1024 or unit == _SIZE_UNITS[-1]:
            shown = f"{value:.0f}" if unit in ("B", "KB") else f"{value:.1f}".replace(".", ",")
            return f"{shown} {unit}"
        value /= 1024
    return f"{size} B"


def _integrity(document: AttachmentView) -> str:
    return tr("Correcto (SHA-256)") if document.intact else tr("¡Alterado o ausente!")


def _integrity_note(document: AttachmentView) -> str | None:
    if document.intact:
        return tr("El archivo guardado coincide byte a byte con el que se adjuntó.")
    return tr(
        "El archivo guardado ya no coincide con su huella SHA-256: se ha modificado o borrado "
        "en la carpeta de datos. Vuelva a adjuntar el original."
    )


DOCUMENT_COLUMNS = (
    Column[AttachmentView](tr("Documento"), lambda d: d.original_name, max_width=260),
    Column[AttachmentView](tr("Descripción"), lambda d: d.description, stretch=True),
    Column[AttachmentView](
        tr("Añadido"),
        lambda d: f"{format_datetime_es(d.created_at)} · {d.created_by}",
        sort_key=lambda d: (d.created_at is not None, d.created_at),
    ),
    Column[AttachmentView](
        tr("Tamaño"),
        lambda d: size_text(d.size_bytes),
        sort_key=lambda d: d.size_bytes,
        align="right",
    ),
    Column[AttachmentView](
        tr("Integridad"),
        _integrity,
        tooltip=_integrity_note,
        tone=lambda d: None if d.intact else "alert",
        bold=lambda d: not d.intact,
    ),
)


class DocumentsTab(LazyTab):
    """Attached documents: add a scan, open it, and see whether it is still intact.

    Checking a document reads the whole file, so the list is read when the tab is in
    sight (LazyTab), not each time a file is opened."""

    def __init__(
        self, attachments: AttachmentService, session: Session, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.attachments = attachments
        self.session = session
        self.model = RowsTableModel(DOCUMENT_COLUMNS, self)
        self.table = RowsTableView(self.model, "documents_table", sortable=True)
        self.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # the newest first
        self.table.row_activated.connect(self.open_document)
        self.add_button = QPushButton(tr("Añadir documento…"))
        self.add_button.setObjectName("add_document_button")
        self.open_button = QPushButton(tr("Abrir"))
        self.add_button.clicked.connect(self.choose_and_add)
        self.open_button.clicked.connect(self.open_selected)
        self.empty_label = QLabel(
            tr("Aún no hay documentos: añada el consentimiento firmado y otros escaneos.")
        )
        set_role(self.empty_label, "hint")
        self.empty_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        if self.participant_id is None:
            return
        self.model.set_rows(self.attachments.list_for(self.participant_id))
        self.empty_label.setVisible(self.model.rowCount() == 0)

    def choose_and_add(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            tr("Añadir documento"),
            str(documents_dir()),
            tr("Documentos (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.odt *.docx *.txt);;Todos (*)"),
        )
        if path:
            description, ok = QInputDialog.getText(
                self, tr("Descripción"), tr("¿Qué documento es? (p. ej. «Consentimiento firmado»)")
            )
            if ok:
                self.add(Path(path), description)

    def add(self, path: Path, description: str) -> None:
        assert self.participant_id
        try:
            self.attachments.add(self.session.actor, self.participant_id, path, description)
        except UserError as error:
            QMessageBox.warning(self, tr("No se pudo añadir"), str(error))
        self.reload()

    def open_selected(self) -> None:
        document = self.table.current_row()
        if document is not None:
            self.open_document(document)

    def open_document(self, document: AttachmentView) -> None:
        """Open it with the system's viewer; the service audits the opening."""
        try:
            path = self.attachments.open_path(self.session.actor, document.id)
        except UserError as error:
            QMessageBox.warning(self, tr("No se puede abrir"), str(error))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
