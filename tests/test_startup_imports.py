"""The window's start-up imports neither the demo builders nor the benchmark (issue 9): the
launcher once imported the demo (~1,500 lines) on every start.

A fresh process goes the way `reinsercion-desktop` goes on an initialised data folder:
`app.main` up to the list loaded (`--bench-startup`, logged in from the environment),
then the launcher's own way in, the login dialog, offscreen.
"""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ADMIN_LOGIN, ADMIN_PASSWORD

REPO_ROOT = Path(__file__).resolve().parents[1]

SCRIPT = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path

    from reinsercion_desktop.app import main
    from reinsercion_desktop.ui.launcher import Launcher

    shown_with = []  # the modules loaded when the window is shown (READY)
    show_main = Launcher.show_main
    def noting_show_main(self, opened):
        window = show_main(self, opened)
        shown_with.extend(name for name in sys.modules if name.startswith("reinsercion_desktop."))
        return window
    Launcher.show_main = noting_show_main
    assert main(["--bench-startup"]) == 0  # composition root → login → the window, filled
    Launcher.show_main = show_main

    from reinsercion_desktop.paths import DataPaths
    from reinsercion_desktop.services.gate import Gate
    from reinsercion_desktop.ui.launcher import Launcher
    from reinsercion_desktop.ui.qt_setup import make_application

    app = make_application(sys.argv[:1])
    folder = Path(sys.argv[1])
    launcher = Launcher(Gate(folder), DataPaths(folder).ui_state)
    launcher.start()  # an initialised folder: the login dialog
    app.processEvents()
    assert launcher.login_dialog is not None and launcher.login_dialog.isVisible()
    window = launcher.show_main(launcher.gate.login(sys.argv[2], sys.argv[3]))
    app.processEvents()
    assert window.isVisible()
    ours = sorted(name for name in sys.modules if name.startswith(("reinsercion_desktop.", "reportlab", "matplotlib")))
    print(json.dumps([ours, shown_with]))
    window.close()
    """
)


def run_script(script: str, *args: str, data_dir: Path | None = None):  # type: ignore[no-untyped-def]
    """`script` in a fresh offscreen process, logged in as the tests' administrator on
    `data_dir`; the JSON its last line prints."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])),
        "REINSERCION_USER": ADMIN_LOGIN,
        "REINSERCION_PASSWORD": ADMIN_PASSWORD,
    }
    if data_dir is not None:
        env["REINSERCION_DATA_DIR"] = str(data_dir)
    completed = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=110,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_the_window_start_up_imports_neither_the_demo_nor_the_benchmark_nor_reportlab(
    workspace, admin, data_dir
) -> None:  # type: ignore[no-untyped-def]
    workspace.close()  # the folder is initialised; the new process opens it itself
    imported, at_ready = run_script(
        SCRIPT, str(data_dir), ADMIN_LOGIN, ADMIN_PASSWORD, data_dir=data_dir
    )
    # The tables the first screen never reads load on first use (~0.1 s of start-up).
    assert "reinsercion_desktop.ui.main_window" in at_ready
    assert "reinsercion_desktop.db.models_later" not in at_ready
    assert "reinsercion_desktop.ui.main_window" in imported  # the window was built
    assert [name for name in imported if name.split(".")[1:2] in (["demo"], ["bench"])] == []
    # Nor ReportLab (~0.1 s): nothing is printed before the window is up.
    assert [name for name in imported if name.startswith("reportlab")] == []
    # The Informes dock is in the window, a tab behind the list: its content (and the
    # modules it needs), its charts, matplotlib (0.5–1 s) and the report service load when
    # it is first on screen — opening the window costs nothing for them (issue 12).
    assert "reinsercion_desktop.ui.reports.reports_dock" in imported
    assert "reinsercion_desktop.ui.reports.report_view" not in imported
    assert "reinsercion_desktop.ui.reports.period_picker" not in imported
    assert "reinsercion_desktop.ui.reports.charts_view" not in imported
    # The docks behind the list read (and import their services) when first chosen.
    assert "reinsercion_desktop.services.caseload" not in imported
    assert "reinsercion_desktop.services.occupancy" not in imported
    assert "reinsercion_desktop.reports.charts" not in imported
    assert "reinsercion_desktop.services.reports" not in imported
    assert [name for name in imported if name.startswith("matplotlib")] == []


PREPARATION = textwrap.dedent(
    """
    import json, sys
    from reinsercion_desktop.ui.preparation import Preparation

    preparation = Preparation(lambda: "catálogo")
    preparation.start()
    assert preparation.catalogue() == "catálogo"
    before_qt = sorted(name for name in sys.modules if name.startswith("PySide6.Qt"))
    hook_first = "shiboken6" in sys.modules
    services = "reinsercion_desktop.services.registry" in sys.modules
    preparation.wait_for_window()
    window = "reinsercion_desktop.ui.main_window" in sys.modules
    print(json.dumps([before_qt, services, window, hook_first]))
    """
)


def test_an_automated_start_loads_the_services_before_qt_and_the_window_after() -> None:
    """The automated start (benchmark, screenshots) begins loading the ORM and the services
    before the QApplication exists: that step must not import Qt (a module of the window
    builds a QFont when loaded), and the window's modules load once they are waited for."""
    before_qt, services, window, hook_first = run_script(PREPARATION)
    assert services and window
    assert before_qt == []  # no Qt module before the QApplication…
    assert hook_first  # …but shiboken's import hook was in place before the first import


def test_a_bad_form_definition_found_while_preparing_is_raised_where_the_forms_are_asked() -> None:
    from reinsercion_desktop.domain.errors import UserError
    from reinsercion_desktop.ui.preparation import Preparation

    def bad_catalogue():  # type: ignore[no-untyped-def]
        raise UserError("El archivo de formulario anexo-i.v1.json no es válido.")

    preparation = Preparation(bad_catalogue)
    preparation.start()
    with pytest.raises(UserError, match="anexo-i.v1.json"):
        preparation.catalogue()
    preparation.wait_for_window()  # and the thread ends without loading the window


ONE_THREAD_IMPORTS = textwrap.dedent(
    """
    import json, sys, threading, time
    events = []

    def hook(event, args):
        if event == "import":
            events.append((time.perf_counter(), threading.current_thread().name, args[0]))

    sys.addaudithook(hook)
    from reinsercion_desktop.app import main

    assert main(["--bench-startup"]) == 0
    background = [moment for moment, thread, _name in events if thread == "preload"]
    start, end = background[0], background[-1]
    print(json.dumps(sorted({
        name for moment, thread, name in events
        if thread == "MainThread" and start <= moment <= end
    })))
    """
)
# What the main thread may import while the background thread imports: Qt and the
# login's own window (before the background reaches the window's modules), one small
# constant, and the SQLCipher driver, which only the main thread opens.
OWN_IMPORTS = (
    "PySide6.Qt",
    "reinsercion_desktop.ui.",
    "sqlcipher3",
    "reinsercion_desktop.domain.demo_account",
)


def test_while_the_background_thread_imports_the_main_thread_imports_nothing_it_shares(
    workspace, admin, data_dir
) -> None:  # type: ignore[no-untyped-def]
    """Two threads importing one package can fail («partially initialized module»): one
    automated start in 25 did. The main thread imports what the login needs before the
    background thread starts, and waits for the ORM before it opens the database."""
    workspace.close()
    imported = run_script(ONE_THREAD_IMPORTS, data_dir=data_dir)
    assert [name for name in imported if not name.startswith(OWN_IMPORTS)] == []


def test_pyside_import_hook_check_is_a_name_test() -> None:
    """PySide6's per-import check read each module's source (~0.2 s of start-up, and the
    race above): after `lighten_import_hook` it answers from the module's name."""
    import types

    from reinsercion_desktop.ui.qt_imports import lighten_import_hook

    assert lighten_import_hook()
    from shibokensupport import feature  # type: ignore[import-not-found]

    assert feature._mod_uses_pyside(types.ModuleType("reinsercion_desktop.ui.main_window"))
    assert not feature._mod_uses_pyside(types.ModuleType("pydantic"))
