"""The login in the real window (issue 10): a wrong password, a locked account, the
recovery key, and the recovery sheet offered to an administrator until printed."""

from PySide6.QtWidgets import QDialogButtonBox

from reinsercion_desktop.security.keyfile import MAX_LOGIN, KeyFile
from tests.conftest import ADMIN_LOGIN, ADMIN_PASSWORD
from tests.ui.conftest import make_launcher


def _try(qtbot, launcher, login: str, password: str) -> str:  # type: ignore[no-untyped-def]
    dialog = launcher.login_dialog
    dialog.login_edit.setText(login)
    dialog.password_edit.setText(password)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    return dialog.error_label.text()


def test_wrong_passwords_then_a_locked_account_are_said_in_the_dialog(
    qtbot, workspace, admin, clock
):  # type: ignore[no-untyped-def]
    workspace.close()
    launcher = make_launcher(workspace.paths.root, clock)
    launcher.start()
    qtbot.addWidget(launcher.login_dialog)
    assert launcher.login_dialog.login_edit.maxLength() == MAX_LOGIN
    for attempt in range(5):
        clock.advance(seconds=60)
        assert _try(qtbot, launcher, ADMIN_LOGIN, f"mala-{attempt}") == (
            "Usuario o contraseña incorrectos."
        )
    clock.advance(seconds=60)
    dialog = launcher.login_dialog
    dialog.show()
    qtbot.waitExposed(dialog)
    message = _try(qtbot, launcher, ADMIN_LOGIN, ADMIN_PASSWORD)
    assert "bloqueado durante" in message and launcher.window is None
    # The three-line message makes room for itself: seen squeezed over the fields, in
    # the real window under Xvfb, before the dialog grew with its message.
    qtbot.wait(10)
    label = dialog.error_label
    assert label.height() >= label.heightForWidth(label.width())
    assert label.geometry().top() >= dialog.password_edit.geometry().bottom()


def test_the_recovery_key_opens_the_window_with_a_new_password(qtbot, workspace, setup_data, clock):  # type: ignore[no-untyped-def]
    from reinsercion_desktop.services.setup import SetupService

    service = SetupService(workspace.db, workspace.paths.root, workspace.keys)
    service.initialize(setup_data)
    code = service.recovery_code
    workspace.close()
    launcher = make_launcher(workspace.paths.root, clock)
    launcher.start()
    login = launcher.login_dialog
    qtbot.addWidget(login)
    login.recovery_button.click()
    recovery = launcher.recovery_login
    qtbot.addWidget(recovery)
    recovery.code_edit.setText("AAAAA" + code[5:])
    recovery.login_edit.setText(ADMIN_LOGIN)
    recovery.password_edit.setText("nueva-clave-1")
    recovery.repeat_edit.setText("nueva-clave-1")
    recovery.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert "no son correctos" in recovery.error_label.text()
    recovery.code_edit.setText(code)
    with qtbot.waitSignal(launcher.main_window_ready, timeout=5000):
        recovery.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    window = launcher.window
    qtbot.addWidget(window)
    # The recovery sheet was never printed: the administrator is shown it now.
    assert launcher.recovery_dialog is not None and launcher.recovery_dialog.isVisible()
    launcher.recovery_dialog.kept_check.setChecked(True)
    launcher.recovery_dialog.ok_button.click()
    assert KeyFile.load(workspace.paths.root).pending_recovery(window.services.setup.keys) is None
    window.close()
    # The new password opens the data from now on.
    again = make_launcher(workspace.paths.root, clock)
    again.gate.login(ADMIN_LOGIN, "nueva-clave-1").workspace.close()
