"""The Formularios tab and the generated editor: fill, get told what is missing, sign, amend."""

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from reinsercion_desktop.domain.enums import FormStatus
from tests.ui.conftest import type_text


@pytest.fixture
def opened(window, participants, admin, make_draft):  # type: ignore[no-untyped-def]
    person = participants.create(admin, make_draft(ptm=False))
    window.open_participant(person.id)
    return person


def _create(window, form_id: str):  # type: ignore[no-untyped-def]
    dialog = window.file_view.forms_tab.create(form_id)
    assert dialog is not None
    return dialog, dialog.editor


def test_a_new_anexo_iv_is_prefilled_and_counts_what_is_missing(qtbot, window, opened):  # type: ignore[no-untyped-def]
    dialog, editor = _create(window, "anexo-iv")
    qtbot.addWidget(dialog)
    assert editor.editors["nombre"].value() == "José"
    assert editor.editors["apellidos"].value() == "Núñez García"
    assert editor.summary_label.text() == "Faltan 5 campos obligatorios."
    assert not editor.finalize_button.isEnabled()
    assert editor.error_labels["integracion"].text() == "Obligatorio."
    model = window.file_view.forms_tab.model
    assert model.rowCount() == 1 and model.cell_text(0, 1) == "Borrador"


def test_fill_finalize_sign_and_the_signed_form_is_read_only(qtbot, window, opened, message_boxes):  # type: ignore[no-untyped-def]
    dialog, editor = _create(window, "anexo-iv")
    qtbot.addWidget(dialog)
    type_text(editor.editors["fecha_ingreso"].edit, "01/12/2025")
    type_text(editor.editors["vivienda"].edit, "Vivienda Triana")
    for field_id in ("integracion", "objetivos_generales", "actividades_iniciadas"):
        type_text(editor.editors[field_id].edit, "Evolución favorable, sin incidencias.")
    assert editor.summary_label.text() == "Formulario completo."
    assert editor.saved_label.text() == "Cambios sin guardar…"
    qtbot.waitUntil(
        lambda: editor.saved_label.text() == "Borrador guardado", timeout=4000
    )  # autosave
    editor.finalize_button.click()
    assert editor.instance.status == FormStatus.FINAL.value
    assert editor.sign_button.isVisible() or not editor.isVisible()
    message_boxes.answer = QMessageBox.StandardButton.Yes
    editor.sign()
    assert editor.instance.status == FormStatus.SIGNED.value
    assert editor.editors["integracion"].edit.isReadOnly()
    stored = window.services.forms.open(window.session.actor, editor.instance.id)
    assert stored.data["fecha_ingreso"] == "2025-12-01"
    assert stored.instance.signed_by_name == "Ana Administradora"
    assert window.file_view.forms_tab.model.cell_text(0, 1) == "Firmado"


def test_amending_a_signed_form_opens_the_new_draft(
    qtbot, window, opened, message_boxes, monkeypatch
):  # type: ignore[no-untyped-def]
    dialog, editor = _create(window, "anexo-iv")
    qtbot.addWidget(dialog)
    forms = window.services.forms
    actor = window.session.actor
    data = {
        **editor.data(),
        "fecha_ingreso": "2025-12-01",
        "vivienda": "Casa",
        "integracion": "a",
        "objetivos_generales": "b",
        "actividades_iniciadas": "c",
    }
    instance = forms.save_draft(
        actor, editor.instance.id, data, expected_version=editor.instance.version
    )
    forms.finalize(actor, instance.id)
    forms.sign(actor, instance.id)
    dialog.close()
    tab = window.file_view.forms_tab
    tab.refresh()
    signed_dialog = tab.open_form(instance.id)
    qtbot.addWidget(signed_dialog)
    assert signed_dialog.editor.amend_button.isVisibleTo(signed_dialog)
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *a, **k: ("Fecha de ingreso errónea", True))
    )
    signed_dialog.editor.amend()
    assert tab.model.rowCount() == 2
    newest = tab.open_dialogs[-1].editor
    assert newest.instance.amends_id == instance.id and newest.editable
    assert "rectifica un formulario firmado" in newest.status_label.text()


def test_anexo_i_conditions_show_while_filling(qtbot, window, opened):  # type: ignore[no-untyped-def]
    dialog, editor = _create(window, "anexo-i")
    qtbot.addWidget(dialog)
    dialog.show()
    ptm = editor.editors["ptm"].combo
    assert not editor.sections["anexo_ptm"].isVisible()
    ptm.setCurrentIndex(ptm.findData(True))
    assert editor.sections["anexo_ptm"].isVisible()
    assert editor.error_labels["dosis_metadona"].text() == "Obligatorio. (PTM)"
    vih = editor.editors["vih"].combo
    vih.setCurrentIndex(vih.findData("positivo"))
    assert "R-REF-2" in editor.error_labels["pruebas"].text()
    assert editor.rows["baciloscopias"][1].isVisible()
    sexo = editor.editors["sexo"].combo
    sexo.setCurrentIndex(sexo.findData("M"))
    assert "R-REF-3" in editor.error_labels["pruebas"].text()


def test_blank_print_of_every_form_opens_a_preview(qtbot, window, opened, monkeypatch):  # type: ignore[no-untyped-def]
    shown, suggested = [], []
    monkeypatch.setattr(
        window.file_view.forms_tab,
        "_show_pdf",
        lambda path, title, offered: (shown.append(path), suggested.append(offered)),
    )
    for form_id in window.services.forms.catalogue.ids():
        window.file_view.forms_tab.print_blank(form_id)
    assert len(shown) == len(window.services.forms.catalogue.ids())
    assert all(path.read_bytes()[:5] == b"%PDF-" for path in shown)
    assert all(path.parent == window.session.data_dir / "tmp" for path in shown)
    today = window.session.today().isoformat()
    assert suggested[window.services.forms.catalogue.ids().index("anexo-i")].name == (
        f"Anexo I - en blanco - {today}.pdf"
    )


def test_anexo_vii_shows_section_means_while_entering_the_paper_copy(qtbot, window, opened):  # type: ignore[no-untyped-def]
    dialog, editor = _create(window, "anexo-vii")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not editor.means_label.isVisible()
    first_items = [f.id for f in editor.definition.sections[2].fields if f.kind == "scale_item"]
    editor.editors[first_items[0]].buttons[3].click()
    editor.editors[first_items[1]].buttons[2].click()
    assert editor.means_label.isVisible()
    assert "1.- Instalaciones 2,50" in editor.means_label.text()
