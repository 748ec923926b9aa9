"""Vista previa de un PDF: pages drawn with pypdfium2 (no QtPdf), print and save a copy.

PySide6-Addons (QtPdf) is not installed, so pages are rasterised by PDFium into QImages
(pdf_pages.py). A PDF the application makes (a form, an acuerdo, an Anexo III) is shown
from its bytes in memory and printed from there (page images on the printer): no copy of
personal data is ever written in clear to be previewed, so none can outlive a crash. A
copy is written only where the person saves one («Guardar como PDF…»), under a name that
says what it is, in Documents (pdf_names.py).
"""

import errno
from collections.abc import Callable
from pathlib import Path

from pypdfium2 import PdfDocument
from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.errors import UserError, describe_os_error
from reinsercion_desktop.pdf.base import write_atomically
from reinsercion_desktop.services.output_paths import checked_output
from reinsercion_desktop.ui.forms.pdf_pages import (
    PdfPreviewError,
    open_pdf,
    read_pdf_bytes,
    render_page,
    render_pages,
)
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.files import documents_dir, safe_file_name
from reinsercion_desktop.ui.widgets.inputs import ComboBox

PREVIEW_SCALE = 2.0  # 144 dpi: sharp up to 150 % zoom without re-rendering
MAX_PRINT_DPI = 300  # a 1200 dpi A4 page would be ~550 MB as an image; 300 dpi is ~35 MB
PAGE_GAP = 16
FIT_WIDTH = "fit"

__all__ = ["PdfPreviewDialog", "PdfPreviewError", "page_count_text", "render_pages"]


def write_copy(target: Path, data: bytes) -> None:
    """The saved copy; saving onto the file being previewed changes nothing."""
    if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
        return
    write_atomically(target, data)  # a temporary name, then renamed: never half a copy


def page_count_text(count: int) -> str:
    return tr("1 página") if count == 1 else tr("{n} páginas").format(n=count)


def _save_problem(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return tr("el disco está lleno")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return tr("no hay permiso para escribir en esa carpeta")
    if error.errno == errno.ENOENT:
        return tr("la carpeta no existe")
    return describe_os_error(error)


class PdfPreviewDialog(QDialog):
    """Shows a PDF page after page; "Imprimir…", "Guardar como PDF…", "Cerrar".

    `source`: the PDF's bytes (made in memory: nothing written to disk) or a file to read.
    `on_saved(path)` is called after a copy is saved.
    `suggested` is the path offered by «Guardar como PDF» and by printing to a file
    (ui/forms/pdf_names.py); without it, the title in the Documents folder.
    """

    def __init__(
        self,
        source: bytes | Path,
        title: str,
        parent: QWidget | None = None,
        *,
        on_saved: Callable[[Path], None] | None = None,
        suggested: Path | None = None,
    ):
        super().__init__(parent)
        self.title = title
        self.pdf_path = None if isinstance(source, bytes) else Path(source)  # None: in memory
        self.suggested_path = suggested or documents_dir() / f"{safe_file_name(title)}.pdf"
        self.on_saved = on_saved
        self._data = b""  # what «Guardar como PDF» writes
        self.images: list[QImage] = []
        self.error = ""
        self._printer: QPrinter | None = None
        self._print_dialog: QPrintDialog | None = None
        self.setWindowTitle(title)
        self.setSizeGripEnabled(True)

        try:
            if isinstance(source, bytes):
                self._data, name = source, ""
            else:
                self._data, name = read_pdf_bytes(Path(source)), Path(source).name
            self._document: PdfDocument | None = open_pdf(self._data, name)
            self.images = [
                render_page(self._document, index, PREVIEW_SCALE)
                for index in range(len(self._document))
            ]
        except PdfPreviewError as error:
            self._document = None
            self.error = str(error)

        title_label = QLabel(title)
        set_role(title_label, "title")
        self.pages_label = QLabel(page_count_text(len(self.images)) if self.images else "")
        self.pages_label.setObjectName("pages_label")
        set_role(self.pages_label, "hint")
        self.zoom_combo = ComboBox()
        self.zoom_combo.setObjectName("zoom_combo")
        self.zoom_combo.addItem(tr("Ajustar al ancho"), FIT_WIDTH)
        for percent in (75, 100, 150):
            self.zoom_combo.addItem(tr("{n} %").format(n=percent), percent)
        self.zoom_combo.setCurrentIndex(0)
        self.zoom_combo.currentIndexChanged.connect(self.apply_zoom)
        zoom_label = QLabel(tr("Tamaño:"))
        zoom_label.setBuddy(self.zoom_combo)
        top = QHBoxLayout()
        top.addWidget(title_label)
        top.addSpacing(12)
        top.addWidget(self.pages_label)
        top.addStretch(1)
        top.addWidget(zoom_label)
        top.addWidget(self.zoom_combo)

        self.page_labels: list[QLabel] = []
        pages = QWidget()
        pages.setObjectName("pdf_pages")
        pages.setStyleSheet("#pdf_pages { background: #dfe3e8; }")
        pages_layout = QVBoxLayout(pages)
        pages_layout.setSpacing(PAGE_GAP)
        pages_layout.setContentsMargins(PAGE_GAP, PAGE_GAP, PAGE_GAP, PAGE_GAP)
        for number, _image in enumerate(self.images, start=1):
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("background: white; border: 1px solid #b5bfcc;")
            label.setAccessibleName(tr("Página {n}").format(n=number))
            pages_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        self.error_label = QLabel(
            self.error
            + "\n\n"
            + tr(
                "Vuelva a generar el documento; si el problema sigue, avise a quien administra la aplicación."
            )
            if self.error
            else ""
        )
        self.error_label.setObjectName("error_label")
        set_role(self.error_label, "error")
        self.error_label.setWordWrap(True)
        self.error_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error_label.setStyleSheet("font-size: 13pt; padding: 40px;")
        self.error_label.setVisible(bool(self.error))
        pages_layout.addWidget(self.error_label)
        pages_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(pages)
        self.scroll_area.viewport().installEventFilter(self)

        self.print_button = QPushButton(tr("Imprimir…"))
        self.print_button.setObjectName("print_button")
        set_role(self.print_button, "primary")
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton(tr("Guardar como PDF…"))
        self.save_button.setObjectName("save_button")
        self.save_button.clicked.connect(self.save_as)
        self.close_button = QPushButton(tr("Cerrar"))
        self.close_button.setObjectName("close_button")
        self.close_button.clicked.connect(self.reject)
        for widget in (self.print_button, self.save_button, self.zoom_combo):
            widget.setEnabled(not self.error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(buttons)
        self.resize(self._initial_size())
        self.apply_zoom()
        self.close_button.setFocus()

    # -- zoom -------------------------------------------------------------------------------

    def _initial_size(self) -> QSize:
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry().size() if screen else QSize(1280, 800)
        return QSize(min(980, int(available.width() * 0.9)), int(available.height() * 0.9))

    def page_width(self, image: QImage) -> int:
        """Width in pixels the page is shown at, for the zoom chosen."""
        zoom = self.zoom_combo.currentData()
        if zoom == FIT_WIDTH:
            available = self.scroll_area.viewport().width() - 2 * PAGE_GAP - 2
            return max(200, available)
        points = image.width() / PREVIEW_SCALE
        return round(points * self.logicalDpiX() / 72 * zoom / 100)

    def apply_zoom(self) -> None:
        for image, label in zip(self.images, self.page_labels, strict=True):
            width = self.page_width(image)
            if label.pixmap() is not None and label.pixmap().width() == width:
                continue
            label.setPixmap(
                QPixmap.fromImage(
                    image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
                )
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (
            event.type() == QEvent.Type.Resize
            and watched is self.scroll_area.viewport()
            and self.zoom_combo.currentData() == FIT_WIDTH
        ):
            self.apply_zoom()
        return super().eventFilter(watched, event)

    # -- print ------------------------------------------------------------------------------

    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        # The print dialog names a file printed to PDF after the document («… .pdf»).
        printer.setDocName(self.suggested_path.stem)
        printer.setFullPage(True)  # the PDF brings its own margins
        if self._document is not None:
            width, height = self._document[0].get_size()
            size = QPageSize(
                QSize(round(width), round(height)), "", QPageSize.SizeMatchPolicy.FuzzyMatch
            )
            printer.setPageSize(size)
            printer.setPageOrientation(
                QPageLayout.Orientation.Landscape
                if width > height
                else QPageLayout.Orientation.Portrait
            )
        return printer

    def print_document(self) -> None:
        """Ask with the system print dialog (open(), never exec()), print when accepted."""
        if self._document is None:
            return
        self._printer = self.make_printer()
        dialog = QPrintDialog(self._printer, self)
        dialog.setWindowTitle(tr("Imprimir"))
        # Qt's own dialog (Linux) offers that file in the folder the program started from:
        # offer it in Documents, as «Guardar como PDF» does. System dialogs have no such field.
        file_field = dialog.findChild(QLineEdit, "filename")
        if file_field is not None:
            file_field.setText(str(self.suggested_path))
        dialog.accepted.connect(self._print_accepted)
        self._print_dialog = dialog
        # PySide6 only binds QPrintDialog.open(receiver, member): call the plain QDialog.open().
        QDialog.open(dialog)

    def _print_accepted(self) -> None:
        if self._printer is not None:
            self.print_to(self._printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Draw every page on the printer, one page image at a time, each fitted to the paper."""
        if self._document is None:
            return False
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(
                self,
                tr("No se pudo imprimir"),
                tr(
                    "La impresora no está disponible. Compruebe que está encendida y elija otra si hace falta."
                ),
            )
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            scale = min(printer.resolution(), MAX_PRINT_DPI) / 72
            paper = printer.paperRect(QPrinter.Unit.DevicePixel)
            for index in range(len(self._document)):
                if index > 0:
                    printer.newPage()
                image = render_page(self._document, index, scale)
                target = QRectF(0, 0, paper.width(), paper.height())
                fitted = QSize(image.width(), image.height()).scaled(
                    target.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio
                )
                target = QRectF(
                    (target.width() - fitted.width()) / 2,
                    (target.height() - fitted.height()) / 2,
                    fitted.width(),
                    fitted.height(),
                )
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
                painter.drawImage(target, image)
        finally:
            painter.end()
            QApplication.restoreOverrideCursor()
        return True

    # -- save -------------------------------------------------------------------------------

    def save_as(self) -> Path | None:
        """Write the PDF where the user says; a clear Spanish warning if it cannot be written."""
        chosen, _ = QFileDialog.getSaveFileName(
            self, tr("Guardar como PDF"), str(self.suggested_path), tr("Documentos PDF (*.pdf)")
        )
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:  # never onto a device, a link or a folder (services/output_paths.py)
            target = checked_output(target)
        except UserError as refused:
            QMessageBox.warning(self, tr("No se pudo guardar"), str(refused))
            return None
        try:
            write_copy(target, self._data)
        except OSError as error:
            if error.errno == errno.ENOSPC:
                target.unlink(missing_ok=True)  # do not leave half a document behind
            QMessageBox.warning(
                self,
                tr("No se pudo guardar"),
                tr("No se pudo guardar el PDF en «{folder}»: {reason}. Elija otra carpeta.").format(
                    folder=target.parent, reason=_save_problem(error)
                ),
            )
            return None
        if self.on_saved is not None:
            self.on_saved(target)
        return target

    # -- close ------------------------------------------------------------------------------

    def done(self, result: int) -> None:
        if self._document is not None:
            self._document.close()
            self._document = None
        self.images = []  # callers often keep the closed dialog around: free the pages
        for label in self.page_labels:
            label.clear()
        self._data = b""
        super().done(result)
