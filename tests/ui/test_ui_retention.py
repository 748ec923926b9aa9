"""The retention setting in Datos del centro, and the Conservación de fichas window."""

from datetime import date

import pytest
from PySide6.QtWidgets import QFileDialog

from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.security.actors import issue_actor
from reinsercion_desktop.services.participants import ParticipantService
from reinsercion_desktop.services.registry import build_services
from reinsercion_desktop.ui.admin.centre_settings import CentreSettingsDialog
from reinsercion_desktop.ui.admin.retention import AnonymiseDialog, RetentionDialog
from tests.conftest import valid_draft
from tests.services.test_retention import closed_file
from tests.ui.conftest import session_for, type_text


def test_the_centre_settings_set_the_retention_years(qtbot, workspace, admin):  # type: ignore[no-untyped-def]
    services = build_services(workspace)
    dialog = CentreSettingsDialog(services.centre_settings, session_for(workspace, services, admin))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.retention_spin.value() == 5
    assert "Ley 41/2002" in dialog.retention_spin.toolTip()
    dialog.retention_spin.setValue(7)
    dialog.save_centre_button.click()
    assert services.centre_settings.centre().retention_years == 7
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720


# -- Administración → Conservación de fichas ------------------------------------------------


@pytest.fixture
def old_file(workspace, admin):  # type: ignore[no-untyped-def]
    participants = ParticipantService(workspace.db)
    return closed_file(workspace, admin, participants, valid_draft, discharged=date(2018, 6, 30))


def make_dialog(qtbot, workspace, actor) -> RetentionDialog:  # type: ignore[no-untyped-def]
    services = build_services(workspace)
    dialog = RetentionDialog(services.retention, session_for(workspace, services, actor))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_window_lists_closed_files_and_fits(qtbot, workspace, admin, old_file):  # type: ignore[no-untyped-def]
    dialog = make_dialog(qtbot, workspace, admin)
    assert dialog.model.rowCount() == 1
    row = dialog.model.row_at(0)
    assert row.participant_id == old_file.id and "Núñez" in row.name
    assert "5 años" in dialog.summary_label.text()
    assert not dialog.anonymise_button.isEnabled()  # nothing selected yet
    assert dialog.table.select_where(lambda r: r.participant_id == old_file.id)
    assert dialog.anonymise_button.isEnabled()
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768
    assert dialog.width() <= 1366 and dialog.height() <= 768


def test_a_responsable_sees_the_list_but_does_not_anonymise(qtbot, workspace, admin, old_file):  # type: ignore[no-untyped-def]
    responsable = issue_actor(
        "00000000-0000-0000-0000-000000000002", "resp", "Rosa", Role.RESPONSABLE,
        admin.installation_id,
    )  # fmt: skip
    dialog = make_dialog(qtbot, workspace, responsable)
    assert dialog.model.rowCount() == 1
    dialog.table.select_where(lambda r: r.participant_id == old_file.id)
    assert not dialog.anonymise_button.isEnabled()
    assert dialog.hint_label.isVisibleTo(dialog)


def test_the_confirmation_needs_a_reason_and_the_tick(qtbot, workspace, admin, old_file):  # type: ignore[no-untyped-def]
    dialog = make_dialog(qtbot, workspace, admin)
    row = dialog.model.row_at(0)
    confirm = AnonymiseDialog(row, dialog)
    qtbot.addWidget(confirm)
    confirm.show()
    assert "No se puede deshacer" in confirm.findChildren(type(dialog.summary_label))[0].text()
    assert not confirm.anonymise_button.isEnabled()
    type_text(confirm.reason_edit, "Petición escrita del interesado")
    assert not confirm.anonymise_button.isEnabled()
    confirm.confirm_check.setChecked(True)
    assert confirm.anonymise_button.isEnabled()
    hint = confirm.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720


def test_anonymising_from_the_window_offers_the_record(  # type: ignore[no-untyped-def]
    qtbot, workspace, admin, old_file, monkeypatch, tmp_path
):
    out = tmp_path / "registro.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "PDF (*.pdf)"))
    )
    dialog = make_dialog(qtbot, workspace, admin)
    row = dialog.model.row_at(0)
    record = dialog.anonymise(row, "Petición escrita del interesado")
    assert record is not None and out.is_file()
    assert dialog.model.rowCount() == 0
    assert (
        "Anonimizada" in dialog.message_label.text()
        or "Registro guardado" in dialog.message_label.text()
    )
    assert "anonimizadas hasta hoy: 1" in dialog.summary_label.text()
    assert dialog.anonymise(row, "Otra vez") is None  # refused: already anonymised


def test_the_menu_opens_the_window(qtbot, window, old_file):  # type: ignore[no-untyped-def]
    action = window.admin.retention_action
    assert action.isEnabled() and action.text() == "Conservación de fichas…"
    action.trigger()
    dialog = window.admin.retention_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.model.rowCount() == 1
    dialog.close()
