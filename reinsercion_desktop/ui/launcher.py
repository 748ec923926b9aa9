"""The way into the window: first-run wizard if needed, then login, then the main window.

Each step opens its dialog with `open()` and goes on from its signal, so tests drive
the same path a person does without a blocking `exec()`.
"""

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.clock import Clock
from reinsercion_desktop.services.registry import Services
from reinsercion_desktop.services.setup import DEMO_LOGIN, DEMO_PASSWORD
from reinsercion_desktop.ui.admin.first_run import FirstRunWizard
from reinsercion_desktop.ui.admin.login import LoginDialog
from reinsercion_desktop.ui.main_window import MainWindow
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.tr import tr


class Launcher(QObject):
    main_window_ready = Signal(object)
    cancelled = Signal()

    def __init__(
        self,
        services: Services,
        clock: Clock,
        data_dir: Path,
        ui_state: Path,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.services = services
        self.clock = clock
        self.data_dir = data_dir
        self.ui_state = ui_state  # where the window keeps its layout
        self.wizard: FirstRunWizard | None = None
        self.login_dialog: LoginDialog | None = None
        self.window: MainWindow | None = None

    def start(self) -> None:
        if self.services.setup.is_initialized():
            self.ask_login()
        else:
            self.wizard = FirstRunWizard(self.services.setup)
            self.wizard.accepted.connect(
                lambda: self.ask_login(
                    self.wizard.actor.login if self.wizard and self.wizard.actor else ""
                )
            )
            self.wizard.rejected.connect(self.cancelled)
            self.wizard.open()

    def ask_login(self, login: str = "") -> None:
        centre = self.services.setup.centre()
        assert centre is not None
        hint = ""
        if self.services.setup.is_demo():
            hint = tr("Datos de demostración: usuario «{login}», contraseña «{password}».").format(
                login=DEMO_LOGIN, password=DEMO_PASSWORD
            )
        self.login_dialog = LoginDialog(
            self.services.accounts.authenticate, centre_name=centre.name, hint=hint
        )
        if login:
            self.login_dialog.login_edit.setText(login)
            self.login_dialog.password_edit.setFocus()
        self.login_dialog.produced.connect(self.show_main)
        self.login_dialog.rejected.connect(self.cancelled)
        self.login_dialog.open()

    def session_for(self, actor: Actor) -> Session:
        centre = self.services.setup.centre()
        assert centre is not None, "log in only after set-up"
        return Session(actor, self.clock, centre, self.data_dir)

    def show_main(self, actor: Actor | None) -> MainWindow:
        assert actor is not None
        self.window = MainWindow(self.services, self.session_for(actor), self.ui_state)
        self.window.show()
        self.main_window_ready.emit(self.window)
        return self.window
