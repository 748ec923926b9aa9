"""«Exportar sus datos (derecho de acceso)…» on the file: shown to responsables and up,
run off the UI thread with progress, ending with the paths and «Abrir la carpeta»."""

import json
from pathlib import Path

from PySide6.QtWidgets import QApplication

from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.services.accounts import NewUser
from reinsercion_desktop.ui.participants.access_export import AccessExportDialog
from tests.ui.conftest import open_window

PASSWORD = "clave-segura-1"
DIALOG_WIDTH, DIALOG_HEIGHT = 1280, 720


def _window(qtbot, workspace, services, actor):  # type: ignore[no-untyped-def]
    window = open_window(workspace, services, actor)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_export_is_hidden_for_a_tecnico(qtbot, workspace, services, admin, make_draft) -> None:  # type: ignore[no-untyped-def]
    services.accounts.create_user(admin, NewUser("toni", "Toni Técnico", Role.TECNICO, PASSWORD))
    toni = services.accounts.authenticate("toni", PASSWORD)
    person = services.participants.create(admin, make_draft(case_manager_id=toni.user_id))
    window = _window(qtbot, workspace, services, toni)
    window.open_participant(person.id)
    assert not window.file_view.access_button.isVisibleTo(window)
    window.close()


def test_the_export_writes_pdf_and_json_off_the_ui_thread(
    qtbot, workspace, services, admin, make_draft, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    person = services.participants.create(admin, make_draft(case_manager_id=admin.user_id))
    window = _window(qtbot, workspace, services, admin)
    window.open_participant(person.id)
    view = window.file_view
    assert view.access_button.isVisibleTo(window)
    view.access_button.click()
    dialog = view.access_dialog
    assert isinstance(dialog, AccessExportDialog)
    size = dialog.sizeHint()
    assert size.width() <= DIALOG_WIDTH and size.height() <= DIALOG_HEIGHT
    suggested = Path(dialog.path_edit.text()).name
    assert person.codapel in suggested and "José" not in suggested
    dialog.path_edit.setText(str(tmp_path / suggested))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=30000)
    assert dialog.open_button.isVisible(), dialog.message_label.text()
    pdf = tmp_path / suggested
    assert pdf.is_file() and str(pdf) in dialog.message_label.text()
    data = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
    assert data["person"]["codapel"] == person.codapel
    dialog.close_dialog()
    window.close()


def test_a_refused_path_is_said_in_the_dialog(
    qtbot, workspace, services, admin, make_draft
) -> None:  # type: ignore[no-untyped-def]
    person = services.participants.create(admin, make_draft(case_manager_id=admin.user_id))
    window = _window(qtbot, workspace, services, admin)
    window.open_participant(person.id)
    window.file_view.access_button.click()
    dialog = window.file_view.access_dialog
    dialog.path_edit.setText(str(workspace.paths.root / "acceso.pdf"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=30000)
    QApplication.processEvents()
    assert "carpeta de datos" in dialog.message_label.text()
    assert not dialog.open_button.isVisible()
    assert not (workspace.paths.root / "acceso.pdf").exists()
    dialog.close_dialog()
    window.close()
