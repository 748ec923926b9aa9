"""Dialog "Datos del centro": saving the centre and its viviendas, messages beside the fields."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.security.actors import issue_actor
from reinsercion_desktop.services.centre_settings import CentreSettingsService
from reinsercion_desktop.services.registry import build_services
from reinsercion_desktop.ui.admin.centre_settings import CentreSettingsDialog
from tests.ui.conftest import session_for


@pytest.fixture
def service(workspace, admin) -> CentreSettingsService:  # type: ignore[no-untyped-def]
    return CentreSettingsService(workspace.db)


def make_dialog(qtbot, workspace, actor: Actor) -> CentreSettingsDialog:  # type: ignore[no-untyped-def]
    services = build_services(workspace)
    dialog = CentreSettingsDialog(services.centre_settings, session_for(workspace, services, actor))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.fixture
def dialog(qtbot, workspace, admin) -> CentreSettingsDialog:  # type: ignore[no-untyped-def]
    return make_dialog(qtbot, workspace, admin)


def _row_of(dialog: CentreSettingsDialog, name: str) -> int:
    return dialog.model.find(lambda vivienda: vivienda.name == name)


def _select(dialog: CentreSettingsDialog, name: str) -> None:
    assert dialog.table.select_where(lambda vivienda: vivienda.name == name)


def _current_row(dialog: CentreSettingsDialog) -> int:
    return dialog.table.currentIndex().row() if dialog.table.current_row() else -1


# -- Centro --------------------------------------------------------------------------------


def test_centre_tab_shows_the_data_and_the_code_read_only(dialog):  # type: ignore[no-untyped-def]
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == ["Centro", "Viviendas"]
    assert dialog.code_edit.text() == "VAR-01"
    assert dialog.code_edit.isReadOnly()
    assert dialog.centre_edits["name"].text() == "Asociación Nueva Vida"
    assert dialog.centre_province_combo.currentText() == "Sevilla"
    assert dialog.idle_spin.value() == 10
    dialog.idle_spin.setValue(0)
    assert dialog.idle_spin.text() == "Nunca"


def test_admin_saves_the_centre_and_the_context_follows(dialog, service):  # type: ignore[no-untyped-def]
    dialog.centre_edits["name"].setText("Asociación Vida Nueva")
    dialog.centre_edits["fax"].setText("954000001")
    dialog.centre_province_combo.setCurrentText("Huelva")
    dialog.idle_spin.setValue(0)
    dialog.save_centre_button.click()
    centre = service.centre()
    assert (centre.name, centre.fax, centre.province, centre.idle_lock_minutes) == (
        "Asociación Vida Nueva",
        "954000001",
        "Huelva",
        0,
    )
    assert centre.code == "VAR-01"
    assert dialog.session.centre.name == "Asociación Vida Nueva"
    assert dialog.centre_message_label.text() == "Datos del centro guardados."
    # A second save works: the dialog keeps up with the version it saved.
    dialog.centre_edits["phone"].setText("954000000")
    dialog.save_centre_button.click()
    assert service.centre().phone == "954000000"


def test_bad_centre_input_is_shown_beside_the_field_and_nothing_is_saved(dialog, service):  # type: ignore[no-untyped-def]
    version = service.centre().version
    dialog.centre_edits["name"].setText("   ")
    dialog.centre_edits["phone"].setText("9" * 21)
    dialog.save_centre_button.click()
    errors = dialog.centre_errors
    assert errors["name"].text() == "Escriba el nombre del centro."
    assert errors["phone"].text() == "Demasiado largo: el máximo es 20 caracteres."
    assert not errors["name"].isHidden()
    assert errors["entity"].isHidden()
    assert "Revise los campos marcados." in dialog.centre_message_label.text()
    assert dialog.centre_message_label.property("role") == "error"
    centre = service.centre()
    assert (centre.name, centre.version) == ("Asociación Nueva Vida", version)
    # Fixing the fields clears the messages.
    dialog.centre_edits["name"].setText("Asociación Nueva Vida")
    dialog.centre_edits["phone"].setText("")
    dialog.save_centre_button.click()
    assert errors["name"].isHidden()
    assert dialog.centre_message_label.property("role") == "hint"


def test_the_reason_outside_the_caseload_is_a_centre_setting(dialog, service):  # type: ignore[no-untyped-def]
    """SPEC §9 (issue 10): asked by default; the administrator may turn it off and on."""
    check = dialog.reason_check
    assert check.isChecked() and check.isEnabled()
    assert "cartera" in check.text()
    check.setChecked(False)
    dialog.save_centre_button.click()
    assert service.centre().reason_outside_caseload is False
    assert dialog.session.centre.reason_outside_caseload is False
    assert not dialog.reason_check.isChecked()  # reloaded as saved
    dialog.reason_check.setChecked(True)
    dialog.save_centre_button.click()
    assert service.centre().reason_outside_caseload is True
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720


@pytest.mark.parametrize("role", [Role.TECNICO, Role.RESPONSABLE])
def test_non_admin_sees_the_centre_read_only(qtbot, workspace, admin, role):  # type: ignore[no-untyped-def]
    actor = issue_actor(
        "00000000-0000-0000-0000-000000000003", "otra", "Otra", role, admin.installation_id
    )
    dialog = make_dialog(qtbot, workspace, actor)
    assert all(edit.isReadOnly() for edit in dialog.centre_edits.values())
    assert dialog.idle_spin.isReadOnly()
    assert not dialog.centre_province_combo.isEnabled()
    assert not dialog.reason_check.isEnabled()
    assert dialog.save_centre_button.isHidden()
    assert not dialog.centre_hint_label.isHidden()
    assert dialog.save_vivienda_button.isHidden() is (role is Role.TECNICO)


# -- Viviendas -----------------------------------------------------------------------------


def test_viviendas_table_lists_places_and_dates(dialog):  # type: ignore[no-untyped-def]
    model = dialog.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Nombre", "Municipio", "Hombres", "Mujeres", "Mixtas", "Desde", "Hasta"]
    row = _row_of(dialog, "Vivienda Triana")
    assert [model.cell_text(row, c) for c in range(7)] == [
        "Vivienda Triana",
        "Sevilla",
        "6",
        "2",
        "0",
        "",
        "",
    ]


def test_selecting_a_vivienda_fills_the_form_and_saving_updates_it(dialog, service):  # type: ignore[no-untyped-def]
    dialog.tabs.setCurrentIndex(1)
    _select(dialog, "Vivienda Macarena")
    assert dialog.vivienda_edits["name"].text() == "Vivienda Macarena"
    assert dialog.place_spins["places_mixed"].value() == 8
    assert dialog.vivienda_box.title() == "Vivienda «Vivienda Macarena»"
    dialog.place_spins["places_mixed"].setValue(7)
    dialog.vivienda_edits["valid_from"].setText("1/3/2026")
    dialog.save_vivienda_button.click()
    macarena = next(v for v in service.viviendas() if v.name == "Vivienda Macarena")
    assert (macarena.places_mixed, macarena.valid_from, macarena.version) == (
        7,
        date(2026, 3, 1),
        2,
    )
    assert len(service.viviendas()) == 2
    assert dialog.vivienda_message_label.text() == "Vivienda guardada."
    row = _row_of(dialog, "Vivienda Macarena")
    assert _current_row(dialog) == row
    assert dialog.model.cell_text(row, 5) == "01/03/2026"
    # Saving again works: the form now holds the version just saved.
    dialog.place_spins["places_mixed"].setValue(6)
    dialog.save_vivienda_button.click()
    assert dialog.vivienda_message_label.text() == "Vivienda guardada."
    macarena = next(v for v in service.viviendas() if v.name == "Vivienda Macarena")
    assert (macarena.places_mixed, macarena.version) == (6, 3)


def test_new_vivienda_is_added_to_the_table(dialog, service, admin):  # type: ignore[no-untyped-def]
    dialog.table.select_index(0)
    dialog.new_vivienda_button.click()
    assert dialog.table.current_row() is None
    assert dialog.vivienda_edits["name"].text() == ""
    assert dialog.vivienda_box.title() == "Nueva vivienda"
    assert dialog.vivienda_province_combo.currentText() == "Sevilla"
    dialog.vivienda_edits["name"].setText("Vivienda Alameda")
    dialog.vivienda_edits["municipality"].setText("Sevilla")
    dialog.place_spins["places_women"].setValue(5)
    dialog.save_vivienda_button.click()
    alameda = next(v for v in service.viviendas() if v.name == "Vivienda Alameda")
    assert (alameda.places_women, alameda.province, alameda.created_by) == (
        5,
        "Sevilla",
        admin.login,
    )
    assert dialog.model.rowCount() == 3
    assert _current_row(dialog) == _row_of(dialog, "Vivienda Alameda")


def test_bad_vivienda_input_is_shown_beside_the_fields_and_nothing_is_saved(dialog, service):  # type: ignore[no-untyped-def]
    dialog.new_vivienda_button.click()
    dialog.vivienda_edits["name"].setText("vivienda triana")
    dialog.vivienda_edits["valid_from"].setText("31/02/2026")
    dialog.vivienda_edits["valid_to"].setText("01/01/2020")
    dialog.save_vivienda_button.click()
    errors = dialog.vivienda_errors
    assert errors["name"].text() == "Ya hay una vivienda llamada «vivienda triana»."
    assert errors["places"].text() == (
        "La vivienda necesita al menos una plaza (hombres, mujeres o mixtas)."
    )
    assert "no existe en el calendario" in errors["valid_from"].text()
    assert errors["valid_to"].isHidden()
    assert dialog.vivienda_message_label.text() == "Revise los campos marcados."
    dialog.vivienda_edits["name"].setText("Vivienda Alameda")
    dialog.vivienda_edits["valid_from"].setText("01/06/2026")
    dialog.place_spins["places_men"].setValue(3)
    dialog.save_vivienda_button.click()
    assert errors["valid_to"].text() == "La fecha de fin es anterior a la de inicio."
    assert errors["name"].isHidden()
    assert errors["places"].isHidden()
    assert [v.name for v in service.viviendas()] == ["Vivienda Macarena", "Vivienda Triana"]


def test_tecnico_sees_viviendas_read_only(qtbot, workspace, tecnico):  # type: ignore[no-untyped-def]
    dialog = make_dialog(qtbot, workspace, tecnico)
    _select(dialog, "Vivienda Triana")
    assert dialog.vivienda_edits["name"].text() == "Vivienda Triana"
    assert all(edit.isReadOnly() for edit in dialog.vivienda_edits.values())
    assert all(spin.isReadOnly() for spin in dialog.place_spins.values())
    assert dialog.new_vivienda_button.isHidden()
