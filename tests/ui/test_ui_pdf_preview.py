"""Vista previa de PDF: pages drawn with pypdfium2, print, save a copy, shown from memory."""

import errno
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QLineEdit
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from reinsercion_desktop.ui.forms import pdf_preview
from reinsercion_desktop.ui.forms.pdf_preview import (
    PdfPreviewDialog,
    PdfPreviewError,
    render_pages,
)
from reinsercion_desktop.ui.widgets.files import documents_dir


def make_pdf(path: Path, pages: int = 2) -> Path:
    document = canvas.Canvas(str(path), pagesize=A4)
    for number in range(1, pages + 1):
        document.setFont("Helvetica", 24)
        document.drawString(72, 760, f"Pagina {number}")
        document.rect(72, 72, 300, 200, fill=1)
        document.showPage()
    document.save()
    return path


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    return make_pdf(tmp_path / "informe.pdf")


def open_preview(qtbot, source: Path | bytes, **kwargs) -> PdfPreviewDialog:  # type: ignore[no-untyped-def]
    dialog = PdfPreviewDialog(source, "Anexo I — Vista previa", **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose_save_path(monkeypatch: pytest.MonkeyPatch, target: Path | str) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "PDF"))
    )


# -- rendering ------------------------------------------------------------------------------


def test_render_pages_gives_one_image_per_page_at_the_scale_asked(pdf):  # type: ignore[no-untyped-def]
    images = render_pages(pdf, 1.0)
    assert len(images) == 2
    for image in images:  # A4 is 595.3 × 841.9 points; PDFium rounds up
        assert abs(image.width() - 595) <= 1 and abs(image.height() - 842) <= 1
    larger = render_pages(pdf, 2.0)[0]
    assert abs(larger.width() - 1191) <= 1 and abs(larger.height() - 1684) <= 1
    assert not larger.isNull()
    assert larger.pixelColor(10, 10).name() == "#ffffff"  # paper, not garbage
    assert larger.pixelColor(300, 1400).name() == "#000000"  # the black rectangle


def test_render_pages_raises_a_spanish_error_for_bad_files(tmp_path):  # type: ignore[no-untyped-def]
    with pytest.raises(PdfPreviewError, match="no existe"):
        render_pages(tmp_path / "falta.pdf", 1.0)
    broken = tmp_path / "roto.pdf"
    broken.write_bytes(b"%PDF-1.4 esto no es un PDF")
    with pytest.raises(PdfPreviewError, match="dañado o no es un PDF"):
        render_pages(broken, 1.0)


def test_preview_shows_every_page_and_the_page_count(qtbot, pdf):  # type: ignore[no-untyped-def]
    dialog = open_preview(qtbot, pdf)
    assert dialog.pages_label.text() == "2 páginas"
    assert len(dialog.page_labels) == 2
    assert all(label.pixmap() is not None for label in dialog.page_labels)
    assert not dialog.error_label.isVisible()
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()


def test_zoom_fits_the_width_or_shows_the_real_size(qtbot, pdf):  # type: ignore[no-untyped-def]
    dialog = open_preview(qtbot, pdf)
    dialog.resize(900, 700)
    qtbot.waitUntil(
        lambda: (
            abs(
                dialog.page_labels[0].pixmap().width()
                - (dialog.scroll_area.viewport().width() - 34)
            )
            <= 2
        )
    )
    dialog.zoom_combo.setCurrentIndex(dialog.zoom_combo.findData(100))
    assert dialog.zoom_combo.currentText() == "100 %"
    expected = round(595.28 * dialog.logicalDpiX() / 72)
    assert abs(dialog.page_labels[0].pixmap().width() - expected) <= 2


def test_a_single_page_says_pagina(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    dialog = open_preview(qtbot, make_pdf(tmp_path / "uno.pdf", pages=1))
    assert dialog.pages_label.text() == "1 página"


def test_corrupt_pdf_shows_a_spanish_message_instead_of_pages(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    broken = tmp_path / "roto.pdf"
    broken.write_bytes(b"%PDF-1.4\n%%EOF garbage")
    dialog = open_preview(qtbot, broken)
    assert dialog.error_label.isVisible()
    assert "roto.pdf está dañado o no es un PDF" in dialog.error_label.text()
    assert dialog.page_labels == []
    assert not dialog.print_button.isEnabled()
    assert not dialog.save_button.isEnabled()
    assert dialog.close_button.isEnabled()


def test_missing_pdf_says_so(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    dialog = open_preview(qtbot, tmp_path / "falta.pdf")
    assert "El archivo no existe: falta.pdf." in dialog.error_label.text()


# -- save -------------------------------------------------------------------------------------


def test_save_as_copies_the_bytes_and_reports_the_path(qtbot, pdf, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    saved: list[Path] = []
    dialog = open_preview(qtbot, pdf, on_saved=saved.append)
    choose_save_path(monkeypatch, tmp_path / "copias" / "anexo")  # no extension: .pdf is added
    (tmp_path / "copias").mkdir()
    dialog.save_button.click()
    copy = tmp_path / "copias" / "anexo.pdf"
    assert copy.read_bytes() == pdf.read_bytes()
    assert saved == [copy]


def test_cancelling_the_save_dialog_does_nothing(qtbot, pdf, monkeypatch, message_boxes):  # type: ignore[no-untyped-def]
    saved: list[Path] = []
    dialog = open_preview(qtbot, pdf, on_saved=saved.append)
    choose_save_path(monkeypatch, "")
    assert dialog.save_as() is None
    assert saved == [] and message_boxes.shown == []


def test_save_into_a_missing_folder_warns_and_does_not_crash(
    qtbot, pdf, tmp_path, monkeypatch, message_boxes
):  # type: ignore[no-untyped-def]
    saved: list[Path] = []
    dialog = open_preview(qtbot, pdf, on_saved=saved.append)
    choose_save_path(monkeypatch, tmp_path / "no-existe" / "copia.pdf")
    dialog.save_button.click()
    [(kind, title, text)] = message_boxes.shown
    assert (kind, title) == ("warning", "No se pudo guardar")
    assert "la carpeta no existe" in text and text.endswith("Elija otra carpeta.")
    assert saved == []
    assert dialog.isVisible()


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "el disco está lleno"),
        (PermissionError(errno.EACCES, "Permission denied"), "no hay permiso para escribir"),
        (OSError(errno.EROFS, "Read-only file system"), "no hay permiso para escribir"),
    ],
)
def test_a_full_disk_or_a_read_only_folder_is_explained(
    qtbot, pdf, tmp_path, monkeypatch, message_boxes, error, reason
):  # type: ignore[no-untyped-def]
    dialog = open_preview(qtbot, pdf)
    target = tmp_path / "copia.pdf"
    choose_save_path(monkeypatch, target)

    def failing_copy(destination, data):  # type: ignore[no-untyped-def]
        Path(destination).write_bytes(b"%PDF-1.4 a medias")
        raise error

    monkeypatch.setattr(pdf_preview, "write_copy", failing_copy)
    assert dialog.save_as() is None
    [(_kind, _title, text)] = message_boxes.shown
    assert reason in text and "Elija otra carpeta" in text
    if error.errno == errno.ENOSPC:
        assert not target.exists()  # no half-written copy left behind


# -- from memory ----------------------------------------------------------------------------


def test_a_pdf_made_in_memory_is_shown_printed_and_saved_without_a_file(  # type: ignore[no-untyped-def]
    qtbot, pdf, tmp_path, monkeypatch
):
    """Previews of personal data are never written in clear to be shown (issue 10)."""
    data = pdf.read_bytes()
    pdf.unlink()
    before = sorted(tmp_path.rglob("*"))
    dialog = open_preview(qtbot, data)
    assert dialog.pages_label.text() == "2 páginas" and not dialog.error_label.isVisible()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "impreso.pdf"))
    assert dialog.print_to(printer)
    assert sorted(tmp_path.rglob("*")) == sorted([*before, tmp_path / "impreso.pdf"])
    choose_save_path(monkeypatch, tmp_path / "copia.pdf")
    assert dialog.save_as() == tmp_path / "copia.pdf"
    assert (tmp_path / "copia.pdf").read_bytes() == data
    dialog.close_button.click()


def test_bad_bytes_show_a_spanish_message(qtbot):  # type: ignore[no-untyped-def]
    dialog = open_preview(qtbot, b"%PDF-1.4 esto no es un PDF")
    assert "El documento está dañado o no es un PDF." in dialog.error_label.text()
    assert not dialog.print_button.isEnabled()


def test_a_preview_of_a_file_leaves_the_file_alone(qtbot, pdf):  # type: ignore[no-untyped-def]
    dialog = open_preview(qtbot, pdf)
    dialog.close_button.click()
    assert pdf.exists()


def test_saving_onto_the_file_shown_changes_nothing(qtbot, pdf, monkeypatch):  # type: ignore[no-untyped-def]
    before = pdf.read_bytes()
    dialog = open_preview(qtbot, pdf)
    choose_save_path(monkeypatch, pdf)
    assert dialog.save_as() == pdf
    assert pdf.read_bytes() == before
    dialog.close_button.click()


# -- print ----------------------------------------------------------------------------------


class FakePrintDialog(QDialog):
    """Stands in for QPrintDialog (a plain dialog, opened with open()): the printer prints to PDF."""

    output: Path
    created: list["FakePrintDialog"] = []

    def __init__(self, printer: QPrinter, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.printer = printer
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.output))
        FakePrintDialog.created.append(self)


def test_print_asks_with_the_print_dialog_and_prints_every_page(qtbot, pdf, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    FakePrintDialog.output = tmp_path / "impreso.pdf"
    FakePrintDialog.created = []
    monkeypatch.setattr(pdf_preview, "QPrintDialog", FakePrintDialog)
    dialog = open_preview(qtbot, pdf)
    dialog.print_button.click()
    [print_dialog] = FakePrintDialog.created
    assert print_dialog.isVisible() and print_dialog.windowTitle() == "Imprimir"
    assert not FakePrintDialog.output.exists()  # nothing printed before the user accepts
    assert print_dialog.printer.docName() == "Anexo I — Vista previa"
    print_dialog.accept()
    printed = PdfReader(FakePrintDialog.output)
    assert len(printed.pages) == 2
    width, height = (float(v) for v in printed.pages[0].mediabox[2:])
    assert abs(width - 595) < 2 and abs(height - 842) < 2  # A4, like the document
    page = render_pages(FakePrintDialog.output, 1.0)[1]
    assert page.pixelColor(150, 700).lightness() < 40  # the rectangle, where it was
    assert page.pixelColor(500, 100).lightness() > 240


def test_cancelling_the_print_dialog_prints_nothing(qtbot, pdf, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    FakePrintDialog.output = tmp_path / "impreso.pdf"
    FakePrintDialog.created = []
    monkeypatch.setattr(pdf_preview, "QPrintDialog", FakePrintDialog)
    dialog = open_preview(qtbot, pdf)
    dialog.print_button.click()
    FakePrintDialog.created[0].reject()
    assert not FakePrintDialog.output.exists()


def test_print_to_a_high_resolution_pdf_printer(qtbot, pdf, tmp_path):  # type: ignore[no-untyped-def]
    dialog = open_preview(qtbot, pdf)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "alta.pdf"))
    assert dialog.print_to(printer)
    assert len(PdfReader(tmp_path / "alta.pdf").pages) == 2


def test_printing_to_a_file_offers_the_suggested_name_in_documents(qtbot, pdf, tmp_path):  # type: ignore[no-untyped-def]
    """Qt's own print dialog offered «<docName>.pdf» in the folder the program started from."""
    suggested = tmp_path / "Documentos" / "Anexo I - NUGA070385H - 2026-12-07.pdf"
    dialog = open_preview(qtbot, pdf, suggested=suggested)
    assert dialog.make_printer().docName() == "Anexo I - NUGA070385H - 2026-12-07"
    dialog.print_button.click()
    print_dialog = dialog._print_dialog
    assert print_dialog is not None and print_dialog.isVisible()
    file_field = print_dialog.findChild(QLineEdit, "filename")
    if file_field is not None:  # Qt's own dialog; a system dialog names it from docName
        assert file_field.text() == str(suggested)
    print_dialog.reject()


def test_without_a_suggestion_the_title_is_offered_in_documents(qtbot, pdf, monkeypatch):  # type: ignore[no-untyped-def]
    defaults: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda _p, _c, default="", *a, **k: (defaults.append(default), ("", ""))[1]),
    )
    dialog = open_preview(qtbot, pdf)
    dialog.save_button.click()
    assert defaults == [str(documents_dir() / "Anexo I — Vista previa.pdf")]


def test_the_preview_fits_a_small_screen(qtbot, pdf):  # type: ignore[no-untyped-def]
    """Dialogs must fit 1280×720; the pages scroll."""
    dialog = open_preview(qtbot, pdf.read_bytes())
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720
    dialog.close_button.click()
