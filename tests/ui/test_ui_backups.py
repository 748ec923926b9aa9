"""Administración → Copias de seguridad: the list, a copy off the UI thread with its
progress and cancel, a check, a restore that shows what the copy holds first; the
window's automatic copies."""

import pytest
from PySide6.QtWidgets import QMessageBox

from reinsercion_desktop.services import backup_files
from reinsercion_desktop.ui.admin.automatic_backups import (
    SECOND_PLACE_KEY,
    copy_on_close,
    second_place_reminder,
)
from reinsercion_desktop.ui.admin.backup_worker import BackupWorker
from reinsercion_desktop.ui.admin.backups import BackupsDialog


@pytest.fixture
def dialog(qtbot, window):  # type: ignore[no-untyped-def]
    window.admin.backups_action.trigger()
    shown = window.admin.backups_dialog
    assert isinstance(shown, BackupsDialog)
    yield shown
    shown.wait_idle()


def _wait_done(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=30000)


def test_the_menu_offers_backups_and_a_copy_is_made_off_the_ui_thread(
    qtbot, window, dialog
) -> None:  # type: ignore[no-untyped-def]
    assert window.admin.backups_action in window.admin.actions
    assert dialog.model.rowCount() == 0
    dialog.make_button.click()
    assert dialog.progress_bar.isVisible() and dialog.cancel_button.isVisible()
    _wait_done(qtbot, dialog)
    assert dialog.model.rowCount() == 1
    assert "comprobada" in dialog.message_label.text()
    assert not dialog.progress_bar.isVisible()
    dialog.table.select_index(0)
    dialog.verify_button.click()
    _wait_done(qtbot, dialog)
    assert "es correcta" in dialog.message_label.text()


def test_cancel_leaves_no_file(qtbot, window, dialog, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    started = []
    real = backup_files._add_file

    def slow_add(archive, name, path, counter):  # type: ignore[no-untyped-def]
        started.append(name)
        dialog.cancel()  # the person presses «Cancelar» while the copy is written
        return real(archive, name, path, counter)

    monkeypatch.setattr(backup_files, "_add_file", slow_add)
    dialog.make_button.click()
    _wait_done(qtbot, dialog)
    assert started
    assert "cancelada" in dialog.message_label.text()
    assert list(window.services.backups.folder.iterdir()) == []


def test_restore_shows_what_the_copy_holds_then_closes_the_window(  # type: ignore[no-untyped-def]
    qtbot, window, dialog, message_boxes
) -> None:
    made = window.services.backups.create(window.session.actor)
    dialog.reload()
    dialog.table.select_where(lambda view: view.path == made)
    message_boxes.answer = QMessageBox.StandardButton.No
    dialog.restore_button.click()
    _wait_done(qtbot, dialog)
    kind, _title, text = message_boxes.shown[-1]
    assert kind == "question" and made.name in text and "Cuenta de usuario: 1" in text
    assert "cancelada" in dialog.message_label.text()
    message_boxes.answer = QMessageBox.StandardButton.Yes
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30000)
    assert any(kind == "information" for kind, _t, _x in message_boxes.shown)


def test_closing_the_window_makes_a_copy_and_says_when_it_fails(  # type: ignore[no-untyped-def]
    qtbot, window, message_boxes, monkeypatch
) -> None:
    folder = window.services.backups.folder
    assert copy_on_close(window)
    assert [path.name.endswith(".rdcopia") for path in folder.iterdir()] == [True]

    def full(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup_files, "_add_bytes", full)
    message_boxes.answer = QMessageBox.StandardButton.No
    assert not copy_on_close(window)  # the person stays: the failure was said
    kind, _title, text = message_boxes.shown[-1]
    assert kind == "question" and "No se pudo hacer la copia" in text
    window.automatic_backups = True
    window.close()
    assert window.isVisible()  # the close was refused, not silently done without a copy
    window.automatic_backups = False


def test_second_place_reminder(window) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    settings = window.settings
    assert second_place_reminder(settings, datetime(2026, 1, 15)) is None
    settings.setValue(SECOND_PLACE_KEY, "/media/usb")
    assert "más de 7 días" in (second_place_reminder(settings, datetime(2026, 1, 15)) or "")


def test_a_worker_reporting_progress_many_times_does_not_crash(qtbot) -> None:  # type: ignore[no-untyped-def]
    """PySide6 6.12's Signal.emit drops a reference to True at every call: a worker that
    emitted its progress aborted the process («bool_dealloc») after a few thousand."""
    seen: list[int] = []
    done: list[object] = []

    def work(progress):  # type: ignore[no-untyped-def]
        for step in range(20_000):
            progress(step, 20_000)
        return "hecho"

    worker = BackupWorker(work, on_done=lambda w: done.append(w.result), on_progress=seen.append)
    worker.begin()
    qtbot.waitUntil(lambda: bool(done), timeout=30000)
    worker.wait()
    assert done == ["hecho"]


def test_the_launcher_makes_the_days_copy_after_login_and_one_on_closing(
    qtbot, data_dir, workspace, admin
) -> None:  # type: ignore[no-untyped-def]
    from reinsercion_desktop.services.gate import Gate
    from tests.ui.conftest import make_launcher

    workspace.close()
    launcher = make_launcher(data_dir)
    window = launcher.show_main(Gate(data_dir).login("admin", "secreta123"))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: getattr(window, "daily_copy_worker", 1) is None, timeout=30000)
    assert "Copia de seguridad del día" in window.statusBar().currentMessage()
    copies = sorted((data_dir / "copias").glob("copia-*-mensual.rdcopia"))
    assert len(copies) == 1  # the first copy of the month
    window.close()
    assert len(list((data_dir / "copias").glob("copia-*.rdcopia"))) == 2
