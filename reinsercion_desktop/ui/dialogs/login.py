"""Login dialog: at start-up, and to unlock after the idle lock."""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.services.accounts import authenticate
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr


class LoginDialog(QDialog):
    def __init__(
        self,
        db: Database,
        *,
        centre_name: str,
        fixed_login: str | None = None,
        hint: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self.setWindowTitle(
            tr("Reinserción Desktop — Iniciar sesión")
            if not fixed_login
            else tr("Sesión bloqueada")
        )
        self.setMinimumWidth(380)

        title = QLabel(centre_name)
        set_role(title, "title")
        title.setWordWrap(True)
        intro = QLabel(
            tr("La sesión se bloqueó por inactividad. Escriba su contraseña para seguir.")
            if fixed_login
            else tr("Escriba su usuario y contraseña.")
        )
        intro.setWordWrap(True)
        self.login_edit = QLineEdit(fixed_login or "")
        self.login_edit.setObjectName("login_edit")
        self.login_edit.setReadOnly(bool(fixed_login))
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
        layout.addWidget(self.buttons)
        (
            self.password_edit if fixed_login or self.login_edit.text() else self.login_edit
        ).setFocus()

    def try_login(self) -> None:
        try:
            self.actor = authenticate(self.db, self.login_edit.text(), self.password_edit.text())
        except UserError as error:
            self.error_label.setText(str(error))
            self.error_label.show()
            self.password_edit.clear()
            self.password_edit.setFocus()
            return
        self.accept()
