"""A PDF's pages as images, drawn by PDFium (pypdfium2): for the preview and for printing.

A PDF made by the application is opened from its bytes in memory (`open_pdf`): nothing
personal is written to disk to be shown. A file is read into memory once (`read_pdf`):
no file handle stays open, and printing works even if the file goes away.
"""

from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtGui import QImage

from reinsercion_desktop.domain.errors import describe_os_error
from reinsercion_desktop.ui.tr import tr


class PdfPreviewError(Exception):
    """The PDF cannot be shown; the message is in Spanish, ready for the user."""


def read_pdf(path: Path) -> pdfium.PdfDocument:
    """Open the PDF from its bytes (no file handle kept); Spanish errors for a missing or bad file."""
    return open_pdf(read_pdf_bytes(path), Path(path).name)


def read_pdf_bytes(path: Path) -> bytes:
    """A PDF file's bytes; Spanish errors for a missing or unreadable file."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise PdfPreviewError(
            tr("El archivo no existe: {name}.").format(name=Path(path).name)
        ) from None
    except OSError as error:
        raise PdfPreviewError(
            tr("No se puede leer el archivo {name}: {reason}.").format(
                name=Path(path).name, reason=describe_os_error(error)
            )
        ) from error


def open_pdf(data: bytes, name: str = "") -> pdfium.PdfDocument:
    """Open a PDF from its bytes; Spanish errors for a bad one (`name` says which)."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise PdfPreviewError(
            tr("El archivo {name} está dañado o no es un PDF.").format(name=name)
            if name
            else tr("El documento está dañado o no es un PDF.")
        ) from error
    if len(document) == 0:
        document.close()
        raise PdfPreviewError(tr("El documento no tiene páginas."))
    return document


def render_page(document: pdfium.PdfDocument, index: int, scale: float) -> QImage:
    """One page as an opaque RGB image of (page size in points × scale) pixels."""
    page = document[index]
    try:
        bitmap = page.render(scale=scale, rev_byteorder=True, prefer_bgrx=True)
        try:
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGBX8888,
            )
            return image.copy()  # own the pixels before PDFium frees its buffer
        finally:
            bitmap.close()
    finally:
        page.close()


def render_pages(path: Path, scale: float) -> list[QImage]:
    """Every page of the PDF at `scale` (1.0 = 72 dpi). Raises PdfPreviewError."""
    document = read_pdf(path)
    try:
        return [render_page(document, index, scale) for index in range(len(document))]
    finally:
        document.close()
