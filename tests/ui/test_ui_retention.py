"""The retention setting in Datos del centro, and the Conservación de fichas window."""

from reinsercion_desktop.services.registry import build_services
from reinsercion_desktop.ui.admin.centre_settings import CentreSettingsDialog
from tests.ui.conftest import session_for


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
