"""A centre moving to a new PC: at the first run, «Restaurar una copia…» takes the copy
from the USB stick, checks and restores it off the UI thread, and the copy's own user
logs in — the window opens on the restored files."""

from pathlib import Path

import pytest

from reinsercion_desktop.services.backups import BackupService
from reinsercion_desktop.services.gate import FolderState, folder_state
from reinsercion_desktop.services.participants import ParticipantService
from tests.conftest import ADMIN_LOGIN, ADMIN_PASSWORD, valid_draft
from tests.ui.conftest import make_launcher


@pytest.fixture
def stick_copy(workspace, admin, tmp_path) -> Path:  # type: ignore[no-untyped-def]
    ParticipantService(workspace.db).create(admin, valid_draft())
    return BackupService(workspace).create(admin, to=tmp_path / "USB")


def _restore_dialog(qtbot, launcher):  # type: ignore[no-untyped-def]
    launcher.start()
    wizard = launcher.wizard
    qtbot.addWidget(wizard)
    wizard.centre_page.restore_button.click()
    dialog = launcher.restore_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    return dialog


def test_the_first_run_restores_a_copy_from_a_stick_and_opens_the_window(
    qtbot, stick_copy, tmp_path, clock
) -> None:  # type: ignore[no-untyped-def]
    new_pc = tmp_path / "nuevo-pc"
    launcher = make_launcher(new_pc, clock)
    dialog = _restore_dialog(qtbot, launcher)
    assert folder_state(new_pc) is FolderState.NEW  # the unfinished set-up went
    dialog.path_edit.setText(str(stick_copy))
    dialog.login_edit.setText(ADMIN_LOGIN)
    dialog.password_edit.setText(ADMIN_PASSWORD)
    with qtbot.waitSignal(launcher.main_window_ready, timeout=30000):
        dialog.restore_button.click()
    window = launcher.window
    qtbot.addWidget(window)
    assert window.list_dock.model.rowCount() == 1
    window.close()


def test_a_wrong_password_is_said_in_the_dialog_and_cancel_goes_back_to_the_wizard(
    qtbot, stick_copy, tmp_path, clock
) -> None:  # type: ignore[no-untyped-def]
    new_pc = tmp_path / "nuevo-pc"
    launcher = make_launcher(new_pc, clock)
    dialog = _restore_dialog(qtbot, launcher)
    dialog.path_edit.setText(str(stick_copy))
    dialog.login_edit.setText(ADMIN_LOGIN)
    dialog.password_edit.setText("no-es-esta")
    dialog.restore_button.click()
    qtbot.waitUntil(
        lambda: dialog.worker is None and dialog.restore_button.isEnabled(), timeout=30000
    )
    assert "use los de la instalación de la que se hizo la copia" in dialog.message.text()
    assert dialog.isVisible() and folder_state(new_pc) is FolderState.NEW
    dialog.cancel_button.click()
    assert launcher.wizard is not None and launcher.wizard.isVisible()  # set up anew instead
    qtbot.addWidget(launcher.wizard)
    launcher.wizard.reject()
