"""The window fits the screens centres have: a 1366×768 laptop, and 1920×1080 at 150 %
(1280×720 logical pixels). Every tab of a file and every dock is visited; nothing may
push the window's minimum size past 1280×720. And every input of every screen ignores
the mouse wheel unless it has the focus.
"""

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

from reinsercion_desktop.demo.builder import make_demo
from reinsercion_desktop.services.setup import DEMO_LOGIN, DEMO_PASSWORD
from tests.ui.conftest import make_launcher

LIMIT = (1280, 720)


@pytest.fixture
def demo_window(qtbot, workspace):  # type: ignore[no-untyped-def]
    make_demo(workspace, participants=40, seed=5)
    launcher = make_launcher(workspace.paths.root)
    window = launcher.show_main(launcher.gate.login(DEMO_LOGIN, DEMO_PASSWORD))
    qtbot.addWidget(window)
    yield window
    window.hide()


def _too_big(window) -> tuple[int, int] | None:  # type: ignore[no-untyped-def]
    QApplication.processEvents()
    size = window.minimumSizeHint().expandedTo(window.minimumSize())
    if size.width() > LIMIT[0] or size.height() > LIMIT[1]:
        return size.width(), size.height()
    return None


def _busiest_people(window) -> list[str]:  # type: ignore[no-untyped-def]
    """A resident with a plan and follow-up first, then a few others."""
    session = window.session
    rows = window.services.caseload.rows(session.actor, session.actor.user_id, session.today())
    chosen = [row.participant_id for row in rows[:2]]
    model = window.list_dock.model
    chosen += [model.row_at(i).id for i in range(min(3, model.rowCount()))]
    return list(dict.fromkeys(chosen))


@pytest.mark.parametrize("wide", [False, True], ids=["una-columna", "dos-columnas"])
def test_every_tab_and_dock_fits_1280x720(demo_window, wide) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    window.place_docks(wide=wide)
    assert _too_big(window) is None
    for participant_id in _busiest_people(window):
        window.open_participant(participant_id)
        tabs = window.file_view.tabs
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            assert _too_big(window) is None, (tabs.tabText(index), _too_big(window))
    for dock in window.docks:
        dock.show()
        dock.raise_()
        assert _too_big(window) is None, (dock.windowTitle(), _too_big(window))


def _inputs(root: QWidget) -> list[QWidget]:
    return [*root.findChildren(QComboBox), *root.findChildren(QAbstractSpinBox)]


def test_every_input_of_the_window_ignores_the_wheel_unless_focused(demo_window) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    window.open_participant(_busiest_people(window)[0])
    tabs = window.file_view.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        QApplication.processEvents()
    inputs = _inputs(window)
    assert len(inputs) > 10
    careless = [
        f"{type(w).__name__} {w.objectName()}"
        for w in inputs
        if not w.property("wheel_needs_focus")
    ]
    assert careless == []


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


@pytest.mark.parametrize(
    ("screen", "dpr", "most"),
    [((1366, 768), 1, (1366, 768)), ((1920, 1080), 1.5, (1920, 1080))],
    ids=["portatil-1366", "1920-al-150"],
)
def test_screenshot_is_no_wider_than_the_screen(tmp_path, screen, dpr, most) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "demo"
    env = dict(os.environ)
    config = tmp_path / "screen.json"
    width, height = screen
    config.write_text(
        '{"screens": [{"name": "s", "x": 0, "y": 0, '
        f'"width": {width}, "height": {height}, "logicalDpi": 96, "logicalBaseDpi": 96, '
        f'"dpr": {dpr}}}]}}',
        encoding="utf-8",
    )
    env.update(
        QT_QPA_PLATFORM=f"offscreen:configfile={config}",
        REINSERCION_USER=DEMO_LOGIN,
        REINSERCION_PASSWORD=DEMO_PASSWORD,
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "reinsercion_desktop.cli",
            "--data-dir",
            str(data),
            "demo",
            "--participants",
            "30",
        ],
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    shot = tmp_path / "ventana.png"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "reinsercion_desktop",
            "--data-dir",
            str(data),
            "--screenshot",
            str(shot),
            "--open-first",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    shot_width, shot_height = _png_size(shot)
    assert shot_width <= most[0] and shot_height <= most[1], (shot_width, shot_height)
