"""Qt fixtures: the application styled as in production, message boxes that never block."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget

from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.paths import DataPaths
from reinsercion_desktop.services.gate import Gate
from reinsercion_desktop.services.registry import Services, build_services
from reinsercion_desktop.services.workspace import Workspace
from reinsercion_desktop.ui.launcher import Launcher
from reinsercion_desktop.ui.main_window import MainWindow
from reinsercion_desktop.ui.qt_setup import install_spanish, load_fonts
from reinsercion_desktop.ui.session import Session


@pytest.fixture(scope="session", autouse=True)
def styled_app(qapp: QApplication) -> QApplication:
    load_fonts(qapp)
    install_spanish(qapp)
    return qapp


class MessageBoxes:
    """Records every message box; `answer` is what question() returns."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.answer = QMessageBox.StandardButton.Yes
        self.text_answer: tuple[str, bool] = ("", False)

    def _record(self, kind: str):  # type: ignore[no-untyped-def]
        def show(_parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
            self.shown.append((kind, title, text))
            return self.answer if kind == "question" else QMessageBox.StandardButton.Ok

        return show


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> MessageBoxes:
    """A forgotten modal would hang the suite (TECH-NOTES trap 12): every box is patched."""
    boxes = MessageBoxes()
    for kind in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(boxes._record(kind)))
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda *a, **k: None))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: boxes.text_answer))
    return boxes


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, accents included: qtbot.keyClicks aborts on non-ASCII (TECH-NOTES trap 4)."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


@pytest.fixture
def services(workspace: Workspace) -> Services:
    """The services of the test's data folder, built as the application builds them."""
    return build_services(workspace)


def session_for(workspace: Workspace, services: Services, actor: Actor) -> Session:
    centre = services.setup.centre()
    assert centre is not None
    return Session(actor, workspace.clock, centre, workspace.paths.root)


@pytest.fixture
def session(workspace: Workspace, services: Services, admin: Actor) -> Session:
    """The administrator's session (who, clock, centre), as the launcher makes it."""
    return session_for(workspace, services, admin)


def make_launcher(folder: Path, clock=None) -> Launcher:  # type: ignore[no-untyped-def]
    """The way into the window, built as `app.py` builds it: from the folder's gate."""
    return Launcher(Gate(folder, clock), DataPaths(folder).ui_state)


def open_window(workspace: Workspace, services: Services, actor: Actor) -> MainWindow:
    return MainWindow(services, session_for(workspace, services, actor), workspace.paths.ui_state)


@pytest.fixture
def window(qtbot, workspace: Workspace, services: Services, admin: Actor) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    main = open_window(workspace, services, admin)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()
