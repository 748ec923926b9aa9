"""Faults at opening met by the window (issue 11): a message box before (or instead of)
the login, or the login dialog's own line; never a traceback, nothing changed."""

import sys
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from reinsercion_desktop import app as app_module
from reinsercion_desktop.db.damage import DamagedDatabaseError
from reinsercion_desktop.db.engine import connect
from reinsercion_desktop.paths import DataPaths, forms_dir
from reinsercion_desktop.security import instance_lock
from reinsercion_desktop.ui.launcher import Launcher
from tests.conftest import ADMIN_LOGIN, ADMIN_PASSWORD, TEST_KEYS
from tests.services.test_instance_lock import forge_note, hold_in_another_process
from tests.services.test_opening_faults import snapshot
from tests.ui.conftest import make_launcher


@pytest.fixture
def folder(workspace, admin, participants, make_draft, monkeypatch) -> Path:  # type: ignore[no-untyped-def]
    participants.create(admin, make_draft())
    workspace.close()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # app.main sets its own
    return workspace.paths.root


def start_window(folder: Path) -> int:
    return app_module.main(["--data-dir", str(folder)])


def test_a_folder_open_in_another_process_is_said_before_the_login(folder, message_boxes) -> None:  # type: ignore[no-untyped-def]
    holder = hold_in_another_process(folder)
    try:
        before = snapshot(folder)
        assert start_window(folder) == 1
        assert snapshot(folder) == before
    finally:
        holder.communicate("")
    [(kind, _title, text)] = message_boxes.shown
    assert kind == "critical"
    assert text.startswith(
        f"La carpeta de datos ya está abierta en este equipo ({instance_lock.this_host()})"
    )


def test_a_folder_open_on_another_pc_is_said_with_its_name(folder, message_boxes) -> None:  # type: ignore[no-untyped-def]
    forge_note(folder, "RECEPCION-PC", refreshed_ago=timedelta(seconds=40))
    assert start_window(folder) == 1
    [(_kind, _title, text)] = message_boxes.shown
    assert text.startswith("La carpeta de datos está abierta en RECEPCION-PC desde ")
    assert "Ciérrela allí antes de abrirla aquí" in text


def test_a_zero_byte_database_is_said_before_the_login(folder, message_boxes) -> None:  # type: ignore[no-untyped-def]
    DataPaths(folder).database.write_bytes(b"")
    before = snapshot(folder)
    assert start_window(folder) == 1
    after = snapshot(folder)
    after.pop(instance_lock.LOCK_FILE_NAME)
    assert after == {k: v for k, v in before.items() if k != instance_lock.LOCK_FILE_NAME}
    [(_kind, _title, text)] = message_boxes.shown
    assert "está vacía (0 bytes)" in text and "Restaure la última copia buena" in text
    instance_lock.InstanceLock.acquire(folder).release()  # released on the way out


def log_in(launcher: Launcher) -> str:
    launcher.start()
    dialog = launcher.login_dialog
    assert dialog is not None
    dialog.login_edit.setText(ADMIN_LOGIN)
    dialog.password_edit.setText(ADMIN_PASSWORD)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    return dialog.error_label.text()


def test_a_newer_schema_is_said_in_the_login_dialog(qtbot, folder) -> None:  # type: ignore[no-untyped-def]
    with closing(connect(DataPaths(folder).database, TEST_KEYS.sqlcipher)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
        connection.commit()
    launcher = make_launcher(folder)
    said = log_in(launcher)
    assert "la escribió una versión más nueva del programa (esquema 0099" in said
    assert launcher.window is None
    assert list(DataPaths(folder).backups.iterdir()) == []


def test_a_bad_form_definition_is_said_naming_the_file(
    qtbot, folder, tmp_path, message_boxes
) -> None:  # type: ignore[no-untyped-def]
    from reinsercion_desktop.forms.loader import load_catalogue

    forms = tmp_path / "forms"
    forms.mkdir()
    for source in forms_dir().glob("*.json"):
        (forms / source.name).write_bytes(source.read_bytes())
    (forms / "consentimiento.v7.json").write_text('{"id": "consentimiento",\n "version": }')
    launcher = Launcher(
        make_launcher(folder).gate,
        DataPaths(folder).ui_state,
        catalogue=lambda: load_catalogue(forms),
    )
    with qtbot.waitSignal(launcher.cancelled, timeout=5000):
        log_in(launcher)
    assert launcher.window is None
    [(kind, _title, text)] = message_boxes.shown
    assert kind == "critical"
    assert text.startswith("consentimiento.v7.json: no es JSON válido (línea 2, columna")


def test_damage_met_in_the_window_is_said_not_as_unexpected(message_boxes) -> None:  # type: ignore[no-untyped-def]
    error = DamagedDatabaseError("La base de datos reinsercion.sqlite de X está dañada.")
    app_module._report_unexpected(DamagedDatabaseError, error, None)
    assert message_boxes.shown == [("critical", "Reinserción Desktop", str(error))]


def test_a_bad_form_definition_at_the_first_run_leaves_the_folder_new(  # type: ignore[no-untyped-def]
    qtbot, tmp_path, message_boxes
) -> None:
    from reinsercion_desktop.forms.loader import load_catalogue
    from reinsercion_desktop.services.gate import FolderState, Gate

    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "anexo-i.v1.json").write_bytes('{"title": "Acogida de día"}'.encode("latin-1"))
    folder = tmp_path / "nueva"
    launcher = Launcher(
        Gate(folder), DataPaths(folder).ui_state, catalogue=lambda: load_catalogue(forms)
    )
    with qtbot.waitSignal(launcher.cancelled, timeout=5000):
        launcher.start()
    assert launcher.wizard is None
    [(_kind, _title, text)] = message_boxes.shown
    assert text.startswith("anexo-i.v1.json: no está en UTF-8 (línea 1;")
    assert Gate(folder).state is FolderState.NEW  # nothing half-made
