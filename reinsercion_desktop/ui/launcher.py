"""The way into the window: first-run wizard if needed, then login, then the main window.

The login dialog is painted from the key file alone (`services.gate.Gate`): the data
are encrypted and open only with the key a password unwraps. While the person types,
the ORM and the services are imported in the background, so the window follows the
password at once. Each step opens its dialog with `open()` and goes on from its signal,
so tests drive the same path a person does without a blocking `exec()`.
"""

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.demo_account import DEMO_LOGIN, DEMO_PASSWORD
from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.security.keyfile import KeyFile
from reinsercion_desktop.services.gate import FolderState, Gate, Opened
from reinsercion_desktop.ui.admin.login import LoginDialog
from reinsercion_desktop.ui.preparation import Preparation
from reinsercion_desktop.ui.tr import tr

if TYPE_CHECKING:
    from reinsercion_desktop.security.keys import DataKeys
    from reinsercion_desktop.services.early_list import EarlyList

PAINT_GRACE_MS = 1000


class Launcher(QObject):
    main_window_ready = Signal(object)
    cancelled = Signal()
    automatic_backups = True  # the day's first copy and one on closing (ui/admin/backups.py)

    def __init__(  # type: ignore[no-untyped-def]
        self,
        gate: Gate,
        ui_state: Path,
        catalogue=None,
        parent: QObject | None = None,
        preparation: Preparation | None = None,
    ):
        """`preparation`: already started by an automated start (app.py), else made here
        once the login dialog is painted."""
        super().__init__(parent)
        self.gate = gate
        self.ui_state = ui_state  # where the window keeps its layout
        # The form definitions: loaded, or a callable that loads them (in the background
        # while the person types the password).
        self.catalogue = catalogue
        self._preparation = preparation
        self.wizard = None
        self.login_dialog: LoginDialog | None = None
        self.window = None
        self.opened: Opened | None = None
        # An automated start (its preparation begun by app.py, which imported what the early
        # read needs) reads the list while the ORM loads; a person typing has no wait.
        self._read_early = preparation is not None
        self.early_list: EarlyList | None = None
        self.recovery_dialog = None
        self.restore_dialog = None

    def start(self) -> None:
        if self.gate.state is FolderState.NEW:
            self.ask_setup()
        else:
            self.ask_login()

    def ask_setup(self) -> None:
        from reinsercion_desktop.security.keys import DataKeys
        from reinsercion_desktop.services.registry import build_services
        from reinsercion_desktop.ui.admin.first_run import FirstRunWizard

        workspace = self.gate.open_with(DataKeys.generate())
        if self._forms_said_bad(workspace):
            workspace.discard_unfinished()
            return
        services = build_services(workspace, self._catalogue())
        self.wizard = FirstRunWizard(services.setup)
        self.wizard.accepted.connect(lambda: self._set_up(workspace, services))
        self.wizard.rejected.connect(workspace.discard_unfinished)
        self.wizard.rejected.connect(self.cancelled)
        self.wizard.centre_page.restore_button.clicked.connect(lambda: self.ask_restore(workspace))
        self.wizard.open()

    def ask_restore(self, unfinished) -> None:  # type: ignore[no-untyped-def]
        """A copy from another PC instead of a new installation: the unfinished one goes
        (the folder is new again), the copy is restored, and its user logs in. Cancelled,
        the wizard starts again."""
        from reinsercion_desktop.services.backup_restore import restore_into_new_folder
        from reinsercion_desktop.ui.admin.restore_new_pc import RestoreFromCopyDialog

        assert self.wizard is not None
        self.wizard.blockSignals(True)  # closing it is neither a set-up nor a cancel
        self.wizard.reject()
        unfinished.discard_unfinished()
        root, clock = self.gate.root, self.gate.clock

        def restore(path, login, password, progress):  # type: ignore[no-untyped-def]
            return restore_into_new_folder(root, path, login, password, clock, progress)

        self.restore_dialog = RestoreFromCopyDialog(restore)
        self.restore_dialog.produced.connect(lambda answer: self._restored(*answer))
        self.restore_dialog.rejected.connect(self.ask_setup)
        self.restore_dialog.open()

    def _restored(self, login: str, password: str) -> None:
        self.gate = Gate(self.gate.root, self.gate.clock)
        try:
            opened = self.gate.login(login, password)
        except UserError as error:  # e.g. the copy's account is locked: the login says it
            QMessageBox.warning(None, tr("Reinserción Desktop"), str(error))
            self.ask_login(login)
            return
        self.show_main(opened)

    def _set_up(self, workspace, services) -> None:  # type: ignore[no-untyped-def]
        login = self.wizard.actor.login if self.wizard and self.wizard.actor else ""
        code = getattr(services.setup, "recovery_code", None)
        workspace.close()
        self.gate = Gate(self.gate.root, self.gate.clock)
        if code:
            self.show_recovery(code, then=lambda: self.ask_login(login))
        else:
            self.ask_login(login)

    def ask_login(self, login: str = "") -> None:
        hint = ""
        if self.gate.is_demo():
            hint = tr("Datos de demostración: usuario «{login}», contraseña «{password}».").format(
                login=DEMO_LOGIN, password=DEMO_PASSWORD
            )
        self.login_dialog = LoginDialog(
            self._log_in, centre_name=self.gate.centre_name(), hint=hint
        )
        if login:
            self.login_dialog.login_edit.setText(login)
            self.login_dialog.password_edit.setFocus()
        self.login_dialog.produced.connect(lambda _actor: self.show_main(self.opened))
        self.login_dialog.rejected.connect(self.cancelled)
        self.login_dialog.recovery_requested.connect(self.ask_recovery)
        # The imports that follow hold Python's lock for ~0.6 s: started before the dialog
        # is on screen they delayed its painting fourfold (measured), so they wait for it.
        self.login_dialog.first_painted.connect(self.prepare, Qt.ConnectionType.QueuedConnection)
        QTimer.singleShot(PAINT_GRACE_MS, self.prepare)  # a dialog never painted (minimised)
        self.login_dialog.open()

    def prepare(self) -> None:
        """Load the ORM, the services, the form definitions and the window's modules in
        the background (while the person types, or while Argon2id unwraps the key of an
        automated login)."""
        if self._preparation is None:  # once: from the first paint, or the grace timer
            self._preparation = Preparation(self.catalogue)
            self._preparation.qt_ready.set()
            self._preparation.start()

    def wait_until_prepared(self) -> None:
        """Until what loads while the person types has loaded (the benchmark's typist)."""
        self.prepare()
        assert self._preparation is not None
        self._preparation.wait_for_window()

    def _catalogue(self):  # type: ignore[no-untyped-def]
        if self._preparation is not None:
            return self._preparation.catalogue()  # a bad form definition raises here
        if callable(self.catalogue):
            self.catalogue = self.catalogue()
        return self.catalogue

    def load_forms(self):  # type: ignore[no-untyped-def]
        """The form definitions now (a bad one raises its DefinitionError)."""
        return self._catalogue()

    def _forms_said_bad(self, workspace) -> bool:  # type: ignore[no-untyped-def]
        """Load the form definitions; a bad one is said (naming the file), the folder
        closed, and True returned: the program cannot work without its forms."""
        try:
            self._catalogue()
        except UserError as error:
            workspace.close()
            QMessageBox.critical(None, tr("Reinserción Desktop"), str(error))
            # From the event loop: at the first run this comes before `app.exec()` starts.
            QTimer.singleShot(0, self.cancelled.emit)
            return True
        return False

    def ask_recovery(self) -> None:
        """«¿Ha perdido todas las contraseñas?»: the recovery key and a new password."""
        from reinsercion_desktop.ui.admin.recovery import RecoveryLoginDialog

        self.recovery_login = RecoveryLoginDialog(self.gate, self.login_dialog)
        self.recovery_login.produced.connect(self._recovered)
        self.recovery_login.open()

    def _recovered(self, opened: Opened) -> None:
        if self.login_dialog is not None:
            self.login_dialog.blockSignals(True)  # closing it is not a cancel
            self.login_dialog.accept()
        self.show_main(opened)

    def _log_in(self, login: str, password: str) -> Actor:
        self.opened = self.gate.login(login, password, before_open=self.wait_for_services)
        return self.opened.actor

    def wait_for_services(self, keys: "DataKeys | None" = None) -> None:
        """Before the database opens: the ORM loading in the background has loaded (two
        threads importing the same modules is how import races start). Still loading (an
        automated start, or a very fast typist): the list of files is read meanwhile,
        with the bare driver, which decrypts with Python's lock released."""
        if self._preparation is not None:
            if self._read_early and keys is not None and not self._preparation.services_ready():
                from reinsercion_desktop.services.early_list import read_list_early

                self.early_list = read_list_early(self.gate.root, keys)
            self._preparation.wait_for_services()

    def show_main(self, opened: Opened | None):  # type: ignore[no-untyped-def]
        assert opened is not None
        self.opened = opened
        workspace = opened.workspace
        if self._forms_said_bad(workspace):
            return None
        from reinsercion_desktop.services.registry import build_services

        services = build_services(workspace, self._catalogue())  # type: ignore[arg-type]
        centre = services.setup.centre()
        assert centre is not None
        # The list of files: read already while the ORM loaded, or now, while the window's
        # modules may still be loading in the background (decrypting releases the lock).
        early, self.early_list = self.early_list, None
        rows = early.if_current() if early is not None else None
        if rows is None:
            rows = services.participants.list_rows()
        if self._preparation is not None:
            self._preparation.wait_for_window()
        from reinsercion_desktop.ui.main_window import MainWindow
        from reinsercion_desktop.ui.session import Session

        session = Session(opened.actor, workspace.clock, centre, workspace.paths.root)  # type: ignore[attr-defined]
        self.window = MainWindow(services, session, self.ui_state, first_rows=rows)
        self.window.destroyed.connect(lambda *_: workspace.close())  # type: ignore[attr-defined]
        self.window.show()
        if self.automatic_backups:  # a copy when it closes, and the day's first
            from reinsercion_desktop.ui.admin.automatic_backups import start_daily_copy

            self.window.automatic_backups = True
            start_daily_copy(self.window)
        self.main_window_ready.emit(self.window)
        code = opened.recovery_code
        if code is None and opened.actor.can(Role.ADMIN):  # made but never printed
            code = KeyFile.load(workspace.paths.root).pending_recovery(workspace.keys)  # type: ignore[attr-defined]
        if code:
            self.show_recovery(code)
        return self.window

    def show_recovery(self, code: str, then=None) -> None:  # type: ignore[no-untyped-def]
        from reinsercion_desktop.ui.admin.recovery import RecoverySheetDialog

        self.recovery_dialog = RecoverySheetDialog(code, self.gate.root, self.window)
        if then is not None:
            self.recovery_dialog.finished.connect(lambda _result: then())
        self.recovery_dialog.open()
