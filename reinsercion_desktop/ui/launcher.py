"""The way into the window: first-run wizard if needed, then login, then the main window.

Each step opens its dialog with `open()` and goes on from its signal, so tests drive
the same path a person does without a blocking `exec()`.
"""

from PySide6.QtCore import QObject, Signal

from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.services.context import AppContext
from reinsercion_desktop.services.demo import DEMO_LOGIN, DEMO_PASSWORD, demo_database
from reinsercion_desktop.services.workspace import Workspace
from reinsercion_desktop.ui.dialogs.first_run import FirstRunWizard
from reinsercion_desktop.ui.dialogs.login import LoginDialog
from reinsercion_desktop.ui.main_window import MainWindow
from reinsercion_desktop.ui.tr import tr


class Launcher(QObject):
    main_window_ready = Signal(object)
    cancelled = Signal()

    def __init__(self, workspace: Workspace, catalogue=None, parent: QObject | None = None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.workspace = workspace
        self.catalogue = catalogue  # the form definitions, loaded and checked at start-up
        self.wizard: FirstRunWizard | None = None
        self.login_dialog: LoginDialog | None = None
        self.window: MainWindow | None = None

    def start(self) -> None:
        if self.workspace.is_initialized():
            self.ask_login()
        else:
            self.wizard = FirstRunWizard(self.workspace.db)
            self.wizard.accepted.connect(
                lambda: self.ask_login(
                    self.wizard.actor.login if self.wizard and self.wizard.actor else ""
                )
            )
            self.wizard.rejected.connect(self.cancelled)
            self.wizard.open()

    def ask_login(self, login: str = "") -> None:
        installation = self.workspace.installation()
        assert installation is not None
        hint = ""
        if demo_database(self.workspace):
            hint = tr("Datos de demostración: usuario «{login}», contraseña «{password}».").format(
                login=DEMO_LOGIN, password=DEMO_PASSWORD
            )
        self.login_dialog = LoginDialog(self.workspace.db, centre_name=installation.name, hint=hint)
        if login:
            self.login_dialog.login_edit.setText(login)
            self.login_dialog.password_edit.setFocus()
        self.login_dialog.accepted.connect(lambda: self.show_main(self.login_dialog.actor))  # type: ignore[union-attr]
        self.login_dialog.rejected.connect(self.cancelled)
        self.login_dialog.open()

    def show_main(self, actor: Actor | None) -> MainWindow:
        assert actor is not None
        self.window = MainWindow(AppContext.for_actor(self.workspace, actor, self.catalogue))
        self.window.show()
        self.main_window_ready.emit(self.window)
        return self.window
