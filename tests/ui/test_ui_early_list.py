"""An automated start reads the list of files while the ORM is still loading (issue 10's
«start to the list loaded ≤ 1.0 s»), and the window shows exactly those rows."""

from pathlib import Path

import pytest

from reinsercion_desktop.forms.loader import load_catalogue
from reinsercion_desktop.paths import DataPaths, forms_dir
from reinsercion_desktop.services.gate import Gate
from reinsercion_desktop.services.participants import ParticipantService
from reinsercion_desktop.ui.launcher import Launcher
from tests.conftest import ADMIN_LOGIN, ADMIN_PASSWORD


class StillLoading:
    """A background preparation that has not finished importing the services when the
    key is unwrapped (as at an automated start); the modules are in fact loaded."""

    def __init__(self) -> None:
        self.catalogue_loaded = load_catalogue(forms_dir())

    def services_ready(self) -> bool:
        return False

    def wait_for_services(self) -> None: ...

    def wait_for_window(self) -> None: ...

    def catalogue(self):  # type: ignore[no-untyped-def]
        return self.catalogue_loaded


@pytest.fixture
def folder(workspace, admin, participants, make_draft) -> Path:  # type: ignore[no-untyped-def]
    participants.create(admin, make_draft())
    workspace.close()
    return workspace.paths.root


def test_the_window_shows_the_rows_read_before_the_folder_opened(qtbot, folder, clock, monkeypatch):  # type: ignore[no-untyped-def]
    launcher = Launcher(Gate(folder, clock), DataPaths(folder).ui_state, preparation=StillLoading())  # type: ignore[arg-type]
    opened = launcher.gate.login(
        ADMIN_LOGIN, ADMIN_PASSWORD, before_open=launcher.wait_for_services
    )
    assert launcher.early_list is not None and len(launcher.early_list.rows) == 1

    def read_again(_service):  # type: ignore[no-untyped-def]
        raise AssertionError("the list was read a second time")

    monkeypatch.setattr(ParticipantService, "list_rows", read_again)
    window = launcher.show_main(opened)
    qtbot.addWidget(window)
    assert window.list_dock.model.rowCount() == 1
    assert launcher.early_list is None  # used once: a later reload reads the database
    window.close()


def test_with_the_services_loaded_the_list_is_read_the_usual_way(qtbot, folder, clock):  # type: ignore[no-untyped-def]
    launcher = Launcher(Gate(folder, clock), DataPaths(folder).ui_state)
    opened = launcher.gate.login(
        ADMIN_LOGIN, ADMIN_PASSWORD, before_open=launcher.wait_for_services
    )
    assert launcher.early_list is None
    window = launcher.show_main(opened)
    qtbot.addWidget(window)
    assert window.list_dock.model.rowCount() == 1
    window.close()
