"""Login dialog: at start-up, and to unlock after a lock (by hand or after idle time)."""

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.security.keyfile import MAX_LOGIN
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.dialog import ResultDialog

Authenticate = Callable[[str, str], Actor]  # (login, password) → the actor, or UserError


class LoginDialog(ResultDialog[Actor]):
    recovery_requested = Signal()  # «¿Ha perdido todas las contraseñas?»
    first_painted = Signal()  # on screen: what the window needs may start loading

    """`outcome` (and `actor`) is the logged-in actor once accepted. `fixed_login` asks
    only for the password, to unlock; `idle` says the lock came after idle time."""

    def __init__(
        self,
        authenticate: Authenticate,
        *,
        centre_name: str,
        fixed_login: str | None = None,
        idle: bool = False,
        hint: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.authenticate = authenticate
        self._painted = False
        self.setWindowTitle(
            tr("Reinserción Desktop — Iniciar sesión")
            if not fixed_login
            else tr("Sesión bloqueada")
        )
        self.setMinimumWidth(380)

        title = QLabel(centre_name)
        set_role(title, "title")
        title.setWordWrap(True)
        if not fixed_login:
            intro_text = tr("Escriba su usuario y contraseña.")
        elif idle:
            intro_text = tr(
                "La sesión se bloqueó por inactividad. Escriba su contraseña para seguir."
            )
        else:
            intro_text = tr("La sesión está bloqueada. Escriba su contraseña para seguir.")
        intro = QLabel(intro_text)
        intro.setObjectName("login_intro")
        intro.setWordWrap(True)
        self.login_edit = QLineEdit(fixed_login or "")
        self.login_edit.setObjectName("login_edit")
        self.login_edit.setReadOnly(bool(fixed_login))
        self.login_edit.setMaxLength(MAX_LOGIN)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel()
        set_role(self.error_label, "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        hint_label = QLabel(hint)
        set_role(hint_label, "hint")
        hint_label.setVisible(bool(hint))

        form = QFormLayout()
        form.addRow(tr("Usuario"), self.login_edit)
        form.addRow(tr("Contraseña"), self.password_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Entrar"))
        if fixed_login:
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
                tr("Salir de la aplicación")
            )
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(hint_label)
        self.recovery_button = QPushButton(tr("¿Ha perdido todas las contraseñas?"))
        self.recovery_button.setObjectName("recovery_button")
        self.recovery_button.setFlat(True)
        self.recovery_button.clicked.connect(self.recovery_requested)
        self.recovery_button.setVisible(not fixed_login)
        layout.addWidget(self.recovery_button)
        layout.addWidget(self.buttons)
        (
            self.password_edit if fixed_login or self.login_edit.text() else self.login_edit
        ).setFocus()

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt override)
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    @property
    def actor(self) -> Actor | None:
        return self.outcome

    def try_login(self) -> None:
        try:
            actor = self.authenticate(self.login_edit.text(), self.password_edit.text())
        except UserError as error:
            self.say(self.error_label, str(error))
            self.password_edit.clear()
            self.password_edit.setFocus()
            return
        self.finish(actor)
