"""«Ajustes…» of Administración → Copias de seguridad: the rotation and the reminder
shown, changed with wheel-safe spin boxes, stored through the service; the status bar's
reminder uses the stored days."""

from datetime import datetime

import pytest

from reinsercion_desktop.services.backup_views import BackupSettings
from reinsercion_desktop.ui.admin.automatic_backups import SECOND_PLACE_KEY, second_place_reminder
from reinsercion_desktop.ui.admin.backups import BackupsDialog
from reinsercion_desktop.ui.widgets.inputs import SpinBox


@pytest.fixture
def dialog(qtbot, window):  # type: ignore[no-untyped-def]
    window.admin.backups_action.trigger()
    shown = window.admin.backups_dialog
    assert isinstance(shown, BackupsDialog)
    yield shown
    shown.wait_idle()


def test_ajustes_shows_changes_and_stores_the_settings(qtbot, window, dialog) -> None:  # type: ignore[no-untyped-def]
    box = dialog.settings_box
    assert not box.isVisible()
    dialog.settings_button.click()
    assert box.isVisible()
    assert {name: spin.value() for name, spin in box.spins.items()} == {
        "keep_daily": 7, "keep_weekly": 4, "keep_monthly": 12, "reminder_days": 7,
    }  # fmt: skip
    assert all(isinstance(spin, SpinBox) for spin in box.spins.values())  # wheel-safe
    assert [box.spins[n].maximum() for n in box.spins] == [60, 52, 120, 90]
    box.spins["keep_daily"].setValue(10)
    box.spins["reminder_days"].setValue(3)
    box.save_button.click()
    assert box.result_label.text() == "Ajustes guardados."
    stored = window.services.backups.settings()
    assert stored == BackupSettings(10, 4, 12, 3)
    assert dialog.sizeHint().height() <= 720 and dialog.sizeHint().width() <= 1280


def test_the_reminder_uses_the_stored_days(window) -> None:  # type: ignore[no-untyped-def]
    settings = window.settings
    settings.setValue(SECOND_PLACE_KEY, "/media/usb")
    settings.setValue("copias/segundo_lugar_usado", "2026-01-10T09:00:00")
    days = window.services.backups.settings().reminder_days
    assert second_place_reminder(settings, datetime(2026, 1, 15), days) is None  # 5 < 7
    assert "más de 3 días" in (second_place_reminder(settings, datetime(2026, 1, 15), 3) or "")
