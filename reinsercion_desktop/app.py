"""`reinsercion-desktop`: the composition root (paths → logging → migrate → window)."""

import argparse
import gc
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from reinsercion_desktop import __version__
from reinsercion_desktop.argparse_es import SpanishArgumentParser
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.logging_setup import configure_logging
from reinsercion_desktop.paths import DataPaths, forms_dir, resolve_data_dir

log = logging.getLogger("reinsercion.app")
USER_ENV = "REINSERCION_USER"
PASSWORD_ENV = "REINSERCION_PASSWORD"


# What --screenshot may show (kept here: the window's modules load only once asked for).
FILE_TABS = (
    "datos",
    "derivaciones",
    "estancias",
    "formularios",
    "plan",
    "seguimiento",
    "linea-de-tiempo",
    "documentos",
    "consentimientos",
)
# --dock: the panel a picture puts in front (ui/screenshot.py); «indicadores» is the
# Informes dock with the month's indicators, at their first chart.
DOCKS = (
    "participantes", "lista-de-espera", "ocupacion", "pendientes", "cartera", "informes",
    "indicadores",
)  # fmt: skip


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = SpanishArgumentParser(prog="reinsercion-desktop", description="Reinserción Desktop")
    parser.add_version(f"reinsercion-desktop {__version__}")
    parser.add_argument("--data-dir", help="carpeta de datos")
    parser.add_argument(
        "--demo", action="store_true", help="abre (y si hace falta crea) la carpeta de demostración"
    )
    parser.add_argument(
        "--screenshot", metavar="FILE", help="guarda una captura de la ventana principal y sale"
    )
    parser.add_argument(
        "--open-first",
        action="store_true",
        help="con --screenshot: abre antes la primera ficha de la lista",
    )
    parser.add_argument(
        "--open-form",
        metavar="FORM_ID",
        help="con --open-first: captura ese formulario de la ficha",
    )
    parser.add_argument(
        "--open-tab",
        choices=FILE_TABS,
        help="con --screenshot: abre una ficha de su cartera con plan vigente, en esa pestaña",
    )
    parser.add_argument("--dock", choices=DOCKS, help="con --screenshot: pone ese panel delante")
    parser.add_argument(
        "--stop-at",
        choices=("login",),
        help="se detiene en el inicio de sesión (con --screenshot, lo captura) y sale",
    )
    parser.add_argument("--bench-startup", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def demo_data_dir(explicit: str | None) -> Path:
    """--demo without --data-dir uses a demo folder of its own, never the real data."""
    if explicit or os.environ.get("REINSERCION_DATA_DIR"):
        return resolve_data_dir(explicit)
    return resolve_data_dir(None).with_name("ReinsercionDesktop-demo")


def _collect_from_now_on(*_window) -> None:  # type: ignore[no-untyped-def]
    """The window is up: what start-up made lives as long as the process, so it is kept
    out of the collector's way (`gc.freeze`), and collection resumes."""
    gc.freeze()
    gc.enable()


def main(argv: Sequence[str] | None = None) -> int:
    # Start-up creates some hundred thousand objects (Qt's bindings, the ORM's classes, the
    # form definitions) that all live until the process ends; the collector's full passes
    # over them cost ~0.1 s (measured), so it waits until the window is up.
    gc.disable()
    try:
        return _run(argv)
    finally:
        gc.enable()  # whatever way it ended (an error, a cancelled login, a test's call)


def _run(argv: Sequence[str] | None) -> int:
    started = time.perf_counter()
    args = parse_args(argv)
    from reinsercion_desktop.ui.qt_imports import lighten_import_hook

    lighten_import_hook()  # first: every later import goes through PySide6's hook
    data_dir = demo_data_dir(args.data_dir) if args.demo else resolve_data_dir(args.data_dir)
    configure_logging(DataPaths(data_dir).logs)
    # An unattended run has nobody to close a message box: it would wait forever (CI's
    # smoke run of the frozen app), so it reports on stderr and exits 1 instead.
    unattended = bool(args.screenshot or args.bench_startup or args.stop_at)
    preparation = None
    if unattended and args.stop_at != "login":
        # Nobody types: the ORM and the services load from now, beside Qt's own loading.
        from reinsercion_desktop.ui.preparation import Preparation

        preparation = Preparation(_load_catalogue)
        preparation.start()

    from reinsercion_desktop.ui.qt_setup import make_application

    app = make_application(sys.argv[:1])
    if preparation is not None:
        preparation.qt_ready.set()
    if not unattended:
        sys.excepthook = _report_unexpected
    from reinsercion_desktop.security.instance_lock import InstanceLock

    try:  # one program at a time on a folder; released when the window closes
        lock = InstanceLock.acquire(data_dir)
    except UserError as error:
        return _refuse(error, unattended)
    lock.keep_fresh()  # a thread: the note stays fresh even while the window is busy
    try:
        return _run_locked(app, args, data_dir, unattended, started, preparation)
    finally:
        lock.release()


def _refuse(error: UserError, unattended: bool) -> int:
    if unattended:
        print(f"reinsercion-desktop: {error}", file=sys.stderr)
    else:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "Reinserción Desktop", str(error))
    return 1


def _run_locked(app, args, data_dir: Path, unattended: bool, started: float, preparation) -> int:  # type: ignore[no-untyped-def]
    try:
        gate = _open_gate(data_dir, demo=args.demo, preparation=preparation)
    except UserError as error:
        return _refuse(error, unattended)

    from reinsercion_desktop.ui.launcher import Launcher

    # The form definitions are read and checked while the person types the password (a bad
    # one is said before the window opens, never at print time).
    launcher = Launcher(
        gate, DataPaths(data_dir).ui_state, catalogue=_load_catalogue, preparation=preparation
    )
    launcher.automatic_backups = not unattended  # a picture or a timing makes no copy
    launcher.cancelled.connect(app.quit)
    launcher.main_window_ready.connect(_collect_from_now_on)
    if args.stop_at == "login":
        launcher.start()
        return _picture_of_login(app, launcher, args.screenshot, started)
    if unattended:
        login, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
        if not login or password is None:
            print(f"reinsercion-desktop: defina {USER_ENV} y {PASSWORD_ENV}.", file=sys.stderr)
            return 1
        launcher.prepare()  # the imports and the forms overlap the password's Argon2id
        try:
            opened = gate.login(login, password, before_open=launcher.wait_for_services)
            launcher.load_forms()  # a bad definition said here, on stderr, not in a box
            window = launcher.show_main(opened)
        except UserError as error:
            print(f"reinsercion-desktop: {error}", file=sys.stderr)
            return 1
        if args.screenshot:
            from reinsercion_desktop.ui import screenshot

            # What the window does once on screen (Pendientes read, and put in front when
            # something is late) first: the dock the picture asks for must stay in front.
            app.processEvents()
            target = window
            if args.open_tab:
                screenshot.open_case(window, args.open_tab)
            elif args.open_first and window.list_dock.model.rowCount():
                window.open_participant(window.list_dock.model.row_at(0).id)
                if args.open_form:
                    target = screenshot.open_form(window, args.open_form) or window
            if args.dock:
                screenshot.show_dock(window, args.dock)
            return screenshot.save_picture(app, target, Path(args.screenshot))
        # READY: the window is shown with its list of files; what it queued for after it
        # is on screen (Pendientes, the status bar's summary) runs before the process ends.
        print(f"READY {time.perf_counter() - started:.4f}", flush=True)
        app.processEvents()
        return 0
    launcher.start()
    return app.exec()


def _load_catalogue():  # type: ignore[no-untyped-def]
    from reinsercion_desktop.forms.loader import load_catalogue

    return load_catalogue(forms_dir())


def _open_gate(data_dir: Path, *, demo: bool, preparation=None):  # type: ignore[no-untyped-def]
    """The folder's way in; --demo fills a new folder with the demo centre first (once
    the background thread has imported what it imports: the demo imports most of the
    same modules, and two threads importing one package can fail)."""
    from reinsercion_desktop.services.gate import FolderState, Gate

    if demo:  # a demo cut short is recognised and made again (demo/unfinished.py)
        from reinsercion_desktop.demo.unfinished import begin_demo

        begin_demo(data_dir)
    gate = Gate(data_dir)
    if demo and gate.state is FolderState.NEW:
        if preparation is not None:
            preparation.wait_for_window()
        from reinsercion_desktop.demo.builder import make_demo
        from reinsercion_desktop.security.keys import DataKeys
        from reinsercion_desktop.services.workspace import Workspace

        workspace = Workspace.open(data_dir, DataKeys.generate())
        try:
            make_demo(workspace)
        finally:
            workspace.close()
        gate = Gate(data_dir)
    return gate


def _picture_of_login(app, launcher, path: str | None, started: float) -> int:  # type: ignore[no-untyped-def]
    """--stop-at login: the login dialog as it first appears (saved if --screenshot)."""
    dialog = launcher.login_dialog or launcher.wizard
    app.processEvents()
    print(f"LOGIN {time.perf_counter() - started:.4f}", flush=True)
    if path and dialog is not None:
        from reinsercion_desktop.ui import screenshot

        return screenshot.save_picture(app, dialog, Path(path))
    return 0


def _report_unexpected(kind, value, trace) -> None:  # type: ignore[no-untyped-def]
    """An unexpected error is logged under a reference and explained in Spanish, never
    with its own text (it may carry a name or a diagnosis); the window stays up."""
    from PySide6.QtWidgets import QMessageBox

    from reinsercion_desktop.error_reports import log_unexpected, unexpected_message

    if isinstance(value, UserError):  # met deep down (a damaged page): said as it is
        QMessageBox.critical(None, "Reinserción Desktop", str(value))
        return
    if value.__traceback__ is None:
        value = value.with_traceback(trace)
    QMessageBox.critical(
        None, "Reinserción Desktop", unexpected_message(log_unexpected(value, log))
    )


if __name__ == "__main__":
    sys.exit(main())
