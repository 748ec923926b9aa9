"""Nasty text typed in the window (issue 11): a name of only invisible characters gets the
field's message and nothing is saved; a bidi override typed in a name is not kept."""

from PySide6.QtWidgets import QDialogButtonBox

from reinsercion_desktop.ui.participants.new_participant import NewParticipantDialog
from tests.ui.conftest import type_text


def test_a_name_of_only_invisible_characters_is_refused_by_the_field(  # type: ignore[no-untyped-def]
    window, participants, admin, make_draft
) -> None:
    person = participants.create(admin, make_draft())
    window.open_participant(person.id)
    view = window.file_view
    name = view.form.inputs["surname1"]
    name.clear()
    type_text(name, "\u200b\u200b\ufeff")
    assert view.save() is False
    message = view.form.error_labels["surname1"].text()
    assert "«Primer apellido» solo tiene caracteres invisibles" in message
    assert participants.open(admin, person.id).surname1 == "Núñez"

    name.clear()
    type_text(name, "Ruiz\u202e")
    assert view.save() is True
    assert participants.open(admin, person.id).surname1 == "Ruiz"


def test_a_new_file_with_an_invisible_first_name_is_not_made(window, participants) -> None:  # type: ignore[no-untyped-def]
    window.new_action.trigger()
    dialog = window.findChild(NewParticipantDialog)
    inputs = dialog.form.inputs
    type_text(inputs["first_name"], "\u200b")
    type_text(inputs["surname1"], "Pérez")
    inputs["birth_date"].setText("01/01/1990")
    inputs["sex"].setCurrentIndex(inputs["sex"].findData("M"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert "solo tiene caracteres invisibles" in dialog.form.error_labels["first_name"].text()
    assert participants.list_rows() == []


def test_saving_a_preview_onto_a_device_or_a_folder_is_refused(  # type: ignore[no-untyped-def]
    qtbot, tmp_path, monkeypatch, message_boxes
) -> None:
    """«Guardar como PDF» asks the same check as the command line's --out."""
    import os
    import stat

    from PySide6.QtWidgets import QFileDialog

    from reinsercion_desktop.ui.forms.pdf_preview import PdfPreviewDialog
    from tests.ui.test_ui_pdf_preview import make_pdf

    dialog = PdfPreviewDialog(make_pdf(tmp_path / "informe.pdf"), "Vista previa")
    qtbot.addWidget(dialog)
    device = tmp_path / "tuberia.pdf"
    os.mkfifo(device)
    (tmp_path / "carpeta.pdf").mkdir()
    for target, message in ((device, "dispositivo"), (tmp_path / "carpeta.pdf", "carpeta")):
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", staticmethod(lambda *a, t=target, **k: (str(t), ""))
        )
        assert dialog.save_as() is None
        assert message in message_boxes.shown[-1][2]
    assert stat.S_ISFIFO(os.lstat(device).st_mode)
    assert list((tmp_path / "carpeta.pdf").iterdir()) == []
