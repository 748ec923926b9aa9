"""The Seguimiento tab with real clicks: an interview whose next appointment is refused
beside its field and then saved (R-FU-1), a case conference with a task that is then
marked done (R-FU-2), a placement with a job follow-up and its end."""

import pytest

from reinsercion_desktop.ui.follow_up.follow_up_tab import FollowUpTab
from tests.ui.conftest import type_text


@pytest.fixture
def tab(qtbot, window, participants, admin, make_draft):  # type: ignore[no-untyped-def]
    person = participants.create(admin, make_draft())
    widget = FollowUpTab(window.services.follow_up, window.session)
    qtbot.addWidget(widget)
    widget.show()
    widget.load(person.id)
    assert not widget.stale
    return widget


def _cells(table, row: int = 0) -> list[str]:  # type: ignore[no-untyped-def]
    model = table.rows_model
    return [model.cell_text(row, column) for column in range(model.columnCount())]


def _choose(combo, data) -> None:  # type: ignore[no-untyped-def]
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def test_r_fu_1_interview_with_a_next_appointment(tab, qtbot) -> None:  # type: ignore[no-untyped-def]
    saved: list[str] = []
    tab.changed.connect(saved.append)
    panel = tab.interviews
    assert panel.empty_label.isVisibleTo(panel) and not panel.edit_button.isEnabled()
    panel.new_button.click()
    dialog = tab.dialog
    assert dialog.fields["staff_name"].text() == "Ana Administradora"  # the logged-in user
    assert dialog.fields["on_date"].text() == "15/01/2026"
    _choose(dialog.fields["kind"], "familiar")
    type_text(dialog.fields["notes"], "Habla con su hermana; está más tranquilo.")
    dialog.fields["next_appointment_date"].setText("14/01/2026")
    dialog.fields["next_appointment_time"].setText("10:30")
    dialog.save_button.click()
    assert (
        dialog.error_labels["next_appointment_date"].text()
        == "La próxima cita tiene que ser posterior a la entrevista."
    )
    assert dialog.isVisible() and panel.records == [] and saved == []

    dialog.fields["next_appointment_date"].setText("22/01/2026")
    dialog.fields["next_appointment_time"].setText("diez")
    dialog.save_button.click()
    assert dialog.error_labels["next_appointment_time"].text() == "Escriba la hora como 10:30."
    assert dialog.error_labels["next_appointment_date"].isHidden()

    dialog.fields["next_appointment_time"].setText("9:30")
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert _cells(panel.table) == [
        "15/01/2026",
        "Familiar",
        "Ana Administradora",
        "22/01/2026 09:30",
        "Habla con su hermana; está más tranquilo.",
    ]
    assert saved == [tab.participant_id]
    assert tab.tabs.tabText(0) == "Entrevistas (1)"

    panel.edit_button.click()
    assert tab.dialog.fields["next_appointment_time"].text() == "09:30"
    tab.dialog.fields["next_appointment_time"].setText("11:00")
    tab.dialog.save_button.click()
    assert _cells(panel.table)[3] == "22/01/2026 11:00"


def test_coordination_contact(tab) -> None:  # type: ignore[no-untyped-def]
    tab.tabs.setCurrentWidget(tab.contacts)
    tab.contacts.new_button.click()
    dialog = tab.dialog
    _choose(dialog.fields["service_kind"], "empleo")
    dialog.save_button.click()
    assert "Escriba la entidad" in dialog.error_labels["entity"].text()
    dialog.fields["entity"].setText("SAE Sevilla")
    dialog.save_button.click()
    assert _cells(tab.contacts.table)[:3] == [
        "15/01/2026",
        "Empleo y orientación laboral",
        "SAE Sevilla",
    ]


def test_r_fu_2_conference_with_a_task_then_done(tab) -> None:  # type: ignore[no-untyped-def]
    panel = tab.conferences
    tab.tabs.setCurrentWidget(panel)
    panel.new_button.click()
    dialog = tab.dialog
    attendees = dialog.attendees_editor
    assert attendees.grid.value(0, "name") == "Ana Administradora"  # the user, by default
    dialog.topic_edit.setText("Empleo")
    dialog.save_button.click()
    assert dialog.error_labels["attendees"].text() == "Indique la entidad de cada asistente."
    assert "Escriba las decisiones" in dialog.error_labels["decisions"].text()

    attendees.grid.set_value(0, "entity", "VAR Triana")
    attendees.add_button.click()
    attendees.grid.set_value(1, "name", "Luis Pardo")
    attendees.grid.set_value(1, "entity", "SAE")
    attendees.add_button.click()  # an empty row: dropped when saving
    type_text(dialog.decisions_edit, "Inscripción en la bolsa de empleo.")
    tasks = dialog.tasks_editor
    tasks.add_button.click()
    tasks.grid.set_value(0, "task", "Inscribir en el SAE")
    tasks.grid.set_value(0, "due", "10/01/2026")
    dialog.save_button.click()
    problem = dialog.error_labels["tasks"].text()
    assert "Tarea 1: indique quién se encarga." in problem
    assert "anterior a la mesa (15/01/2026)" in problem

    tasks.grid.set_value(0, "owner", "Luis Pardo")
    tasks.grid.set_value(0, "due", "30/01/2026")
    dialog.save_button.click()
    assert not dialog.isVisible()
    row = _cells(panel.table)
    assert row[2] == "Ana Administradora (VAR Triana), Luis Pardo (SAE)"
    assert row[4] == "Inscribir en el SAE (Luis Pardo, 30/01/2026)"
    assert _cells(panel.tasks_table) == [
        "Inscribir en el SAE",
        "Luis Pardo",
        "30/01/2026",
        "pendiente",
    ]

    assert panel.done_button.isEnabled()
    panel.done_button.click()
    tab.dialog.fields["done"].setText("14/01/2026")
    tab.dialog.save_button.click()
    assert "antes de la mesa" in tab.dialog.error_labels["done"].text()
    tab.dialog.fields["done"].setText("15/01/2026")
    tab.dialog.save_button.click()
    assert _cells(panel.table)[4] == ""
    assert _cells(panel.tasks_table)[3] == "15/01/2026"
    assert not panel.done_button.isEnabled()

    panel.edit_button.click()  # editing keeps the task done
    tab.dialog.topic_edit.setText("Empleo y vivienda")
    tab.dialog.save_button.click()
    assert _cells(panel.table)[1] == "Empleo y vivienda"
    assert _cells(panel.tasks_table)[3] == "15/01/2026"


def test_placement_with_a_job_follow_up_and_its_end(tab) -> None:  # type: ignore[no-untyped-def]
    panel = tab.employment
    tab.tabs.setCurrentWidget(panel)
    panel.new_button.click()
    dialog = tab.dialog
    dialog.fields["employer"].setText("Reciclajes Sur")
    dialog.fields["insertion_company"].setChecked(True)
    dialog.fields["hours_per_week"].setText("70")
    dialog.save_button.click()
    assert dialog.error_labels["hours_per_week"].text() == "Las horas semanales van de 1 a 60."
    assert dialog.error_labels["start_date"].text() == "Escriba la fecha de inicio."
    dialog.fields["hours_per_week"].setText("30")
    dialog.fields["start_date"].setText("01/12/2025")
    dialog.save_button.click()
    assert _cells(panel.table) == ["Reciclajes Sur", "Sí", "Temporal", "01/12/2025", "en curso"]
    assert panel.next_label.text() == "Próximo seguimiento del puesto: 31/12/2025 (vencido)."

    panel.follow_up_button.click()
    follow_up = tab.dialog
    follow_up.fields["on_date"].setText("30/11/2025")
    follow_up.save_button.click()
    assert "anterior al inicio de la inserción" in follow_up.error_labels["on_date"].text()
    follow_up.fields["on_date"].setText("14/01/2026")
    type_text(follow_up.fields["notes"], "Contento; el encargado está satisfecho.")
    follow_up.save_button.click()
    assert _cells(panel.follow_ups_table) == [
        "14/01/2026",
        "Sí",
        "Contento; el encargado está satisfecho.",
    ]
    assert panel.next_label.text() == "Próximo seguimiento del puesto: 13/02/2026."

    panel.end_button.click()
    ending = tab.dialog
    ending.save_button.click()
    assert ending.error_labels["end_reason"].text() == "Indique el motivo de la finalización."
    type_text(ending.fields["end_reason"], "Fin de contrato")
    ending.save_button.click()
    assert _cells(panel.table)[4] == "15/01/2026 (Fin de contrato)"
    assert not panel.end_button.isEnabled()
    assert panel.next_label.isHidden()
