"""Administración → Quejas y reclamaciones: any staff member records a complaint (the
person chosen by name, shown by CODAPEL), a responsable or administrator answers it, a
técnico/a cannot (button disabled, service refuses), a bad date is said beside its field."""

from datetime import date

import pytest

from reinsercion_desktop.domain.errors import PermissionDenied
from reinsercion_desktop.services.registry import build_services
from reinsercion_desktop.services.structure_data import ComplaintDraft
from reinsercion_desktop.ui.admin.complaint_dialogs import (
    AnswerComplaintDialog,
    NewComplaintDialog,
    person_label,
)
from reinsercion_desktop.ui.admin.complaints import ComplaintsDialog
from tests.ui.conftest import open_window, session_for, type_text


@pytest.fixture
def person(workspace, admin, make_draft):  # type: ignore[no-untyped-def]
    return build_services(workspace).participants.create(admin, make_draft())


def open_dialog(qtbot, workspace, actor) -> ComplaintsDialog:  # type: ignore[no-untyped-def]
    services = build_services(workspace)
    dialog = ComplaintsDialog(
        services.structure_data, services.participants, session_for(workspace, services, actor)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def new_complaint(qtbot, dialog: ComplaintsDialog) -> NewComplaintDialog:  # type: ignore[no-untyped-def]
    dialog.new_button.click()
    child = dialog.child_dialog
    assert isinstance(child, NewComplaintDialog)
    qtbot.addWidget(child)
    return child


def test_a_tecnico_records_a_complaint_but_cannot_answer_it(
    qtbot, workspace, admin, tecnico, person
):  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, workspace, tecnico)
    assert dialog.model.rowCount() == 0
    assert [dialog.vivienda_combo.itemText(i) for i in range(3)] == [
        "Todas",
        "Vivienda Macarena",
        "Vivienda Triana",
    ]
    child = new_complaint(qtbot, dialog)
    assert child.received_edit.text() == "15/01/2026"  # today by default
    child.vivienda_combo.setCurrentIndex(child.vivienda_combo.findText("Vivienda Triana"))
    child.kind_combo.setCurrentIndex(child.kind_combo.findData("alimentacion"))
    # The chooser offers the person by name; the list will show only the CODAPEL.
    labels = child.person_edit.completer().model().stringList()
    assert labels == [
        person_label(row) for row in build_services(workspace).participants.list_rows()
    ]
    assert "Núñez" in labels[0]
    child.person_edit.setText(labels[0])
    type_text(child.description_edit, "Pide más fruta en las cenas; raciones escasas.")
    child.save_button.click()
    assert not child.isVisible()
    [row] = dialog.model.rows
    assert row.codapel == person.codapel and row.vivienda_name == "Vivienda Triana"
    texts = [dialog.model.cell_text(0, c) for c in range(dialog.model.columnCount())]
    assert texts[:6] == [
        "15/01/2026",
        "Vivienda Triana",
        "Alimentación",
        person.codapel,
        "Pendiente",
        "",
    ]
    assert "Núñez" not in " ".join(texts)  # never the name in the list
    assert dialog.table.current_row() == row  # the new complaint is selected
    assert "Pide más fruta" in dialog.detail_edit.toPlainText()
    # Answering is for responsables: disabled, the reason in the tooltip; refused anyway.
    assert not dialog.answer_button.isEnabled()
    assert "responsable" in dialog.answer_button.toolTip()
    dialog.answer()
    assert dialog.child_dialog is child  # nothing opened
    with pytest.raises(PermissionDenied):
        dialog.service.answer_complaint(tecnico, row.id, "Respuesta", date(2026, 1, 15))
    # A name not in the files is not taken for a person.
    child = new_complaint(qtbot, dialog)
    child.person_edit.setText("Alguien que no existe")
    child.description_edit.setPlainText("Texto")
    child.save_button.click()
    assert child.isVisible()
    assert "deje el campo vacío" in child.error_labels["participant_id"].text()
    child.reject()


def test_an_administrator_answers_and_the_list_says_how_long_it_took(qtbot, workspace, admin):  # type: ignore[no-untyped-def]
    services = build_services(workspace)
    viviendas = {
        row.vivienda_name: row.vivienda_id for row in services.structure_data.year_figures(2026)
    }
    stored = services.structure_data.record_complaint(
        admin,
        ComplaintDraft(
            date(2026, 1, 2), viviendas["Vivienda Macarena"], "instalaciones", "Ducha fría"
        ),
    )
    services.structure_data.record_complaint(
        admin, ComplaintDraft(date(2025, 12, 20), viviendas["Vivienda Triana"], "normas", "Horario")
    )
    dialog = open_dialog(qtbot, workspace, admin)
    assert dialog.model.rowCount() == 1  # this year only
    assert dialog.model.cell_text(0, 3) == "Anónima"
    assert dialog.model.cell_text(0, 4) == "Pendiente"
    assert dialog.summary_label.text() == "1 queja(s), 1 pendiente(s) de respuesta"
    dialog.table.select_index(0)
    assert dialog.answer_button.isEnabled()
    dialog.answer_button.click()
    child = dialog.child_dialog
    assert isinstance(child, AnswerComplaintDialog)
    qtbot.addWidget(child)
    child.answered_edit.setText("12/01/2026")
    type_text(child.answer_edit, "Reparación del calentador el día 10.")
    child.save_button.click()
    assert not child.isVisible()
    assert dialog.table.current_row().id == stored.id
    assert [dialog.model.cell_text(0, c) for c in (4, 5)] == ["Contestada", "10"]
    assert "Respuesta del 12/01/2026: Reparación" in dialog.detail_edit.toPlainText()
    # The year and the vivienda filter the list.
    dialog.year_spin.setValue(2025)
    assert [r.kind.value for r in dialog.model.rows] == ["normas"]
    dialog.vivienda_combo.setCurrentIndex(dialog.vivienda_combo.findText("Vivienda Macarena"))
    assert dialog.model.rowCount() == 0
    assert dialog.summary_label.text().startswith("0 queja(s)")
    # Fits the smallest screen.
    assert dialog.width() <= 1366 and dialog.height() <= 768


def test_a_bad_date_is_said_beside_its_field_and_nothing_is_stored(qtbot, workspace, admin):  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, workspace, admin)
    child = new_complaint(qtbot, dialog)
    child.received_edit.setText("31/02/2026")
    child.description_edit.setPlainText("La lavadora no funciona.")
    child.save_button.click()
    assert child.isVisible()
    assert child.error_labels["received_on"].text()  # the service's Spanish message
    assert child.error_labels["received_on"].isVisible()
    child.received_edit.setText("20/01/2026")  # after today
    child.save_button.click()
    assert "posterior a hoy" in child.error_labels["received_on"].text()
    assert dialog.model.rowCount() == 0
    child.received_edit.setText("14/01/2026")
    child.save_button.click()
    assert not child.isVisible() and dialog.model.rowCount() == 1
    # An answer dated before the complaint was received is refused, in Spanish.
    dialog.table.select_index(0)
    dialog.answer()
    answer = dialog.child_dialog
    assert isinstance(answer, AnswerComplaintDialog)
    qtbot.addWidget(answer)
    answer.answered_edit.setText("10/01/2026")
    answer.answer_edit.setPlainText("Se repara.")
    answer.save_button.click()
    assert answer.isVisible()
    assert "anterior a la recepción" in answer.error_labels["answered_on"].text()
    answer.reject()
    assert dialog.model.cell_text(0, 4) == "Pendiente"


def test_every_staff_member_finds_it_in_the_administracion_menu(
    qtbot, workspace, services, tecnico
):  # type: ignore[no-untyped-def]
    main = open_window(workspace, services, tecnico)
    qtbot.addWidget(main)
    main.show()
    action = main.admin.complaints_action
    assert action in main.admin.actions and action.isEnabled()
    action.trigger()
    shown = main.admin.complaints_dialog
    assert isinstance(shown, ComplaintsDialog) and shown.isVisible()
    assert shown.new_button.isEnabled() and not shown.answer_button.isEnabled()
    shown.reject()
    main.close()
