"""Administración → Copias de seguridad with a USB stick: «Hacer una copia ahora» also
writes to the second place when it is plugged in (and says when it is not), and
«Restaurar desde un USB…» restores a copy that is not in copias/."""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from reinsercion_desktop.ui.admin.automatic_backups import SECOND_PLACE_KEY, SECOND_PLACE_USED_KEY
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


def test_a_copy_made_now_also_goes_to_the_plugged_in_stick(qtbot, dialog, tmp_path) -> None:  # type: ignore[no-untyped-def]
    stick = tmp_path / "USB"
    stick.mkdir()
    dialog.settings.setValue(SECOND_PLACE_KEY, str(stick))
    dialog.settings.remove(SECOND_PLACE_USED_KEY)
    dialog.make_button.click()
    _wait_done(qtbot, dialog)
    [on_stick] = list(stick.glob("*.rdcopia"))
    assert dialog.model.rowCount() == 1  # and one in copias/
    assert str(on_stick) in dialog.message_label.text()
    assert dialog.settings.value(SECOND_PLACE_USED_KEY)  # the reminder is satisfied


def test_a_stick_not_plugged_in_is_said(qtbot, dialog, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog.settings.setValue(SECOND_PLACE_KEY, str(tmp_path / "USB-no-puesto"))
    dialog.make_button.click()
    _wait_done(qtbot, dialog)
    assert dialog.model.rowCount() == 1
    assert "no está conectado" in dialog.message_label.text()


def test_a_copy_on_a_stick_is_restored_from_there(  # type: ignore[no-untyped-def]
    qtbot, window, dialog, message_boxes, monkeypatch, tmp_path
) -> None:
    made = window.services.backups.create(window.session.actor, to=tmp_path / "USB")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(made), ""))
    message_boxes.answer = QMessageBox.StandardButton.Yes
    dialog.elsewhere_button.click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30000)
    questions = [text for kind, _t, text in message_boxes.shown if kind == "question"]
    assert questions and made.name in questions[0]
    assert any(kind == "information" for kind, _t, _x in message_boxes.shown)
    assert Path(made).exists()  # the copy on the stick is left as it was
