"""Dialog "Usuarios" (administrators): create accounts, change role, deactivate, reset password."""

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.services.accounts import AccountService, NewUser, UserView
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.inputs import ComboBox
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel, RowsTableView

USER_COLUMNS = (
    Column[UserView](tr("Usuario"), lambda u: u.login, max_width=180),
    Column[UserView](tr("Nombre"), lambda u: u.full_name, stretch=True),
    Column[UserView](tr("Rol"), lambda u: u.role.label),
    Column[UserView](
        tr("Activo"),
        lambda u: tr("Sí") if u.active else tr("No"),
        tone=lambda u: None if u.active else "muted",
    ),
)


class UsersDialog(QDialog):
    def __init__(self, accounts: AccountService, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.accounts = accounts
        self.session = session
        self.setWindowTitle(tr("Usuarios"))
        self.resize(760, 560)
        self.model = RowsTableModel(
            USER_COLUMNS, self, row_tone=lambda u: None if u.active else "muted"
        )
        self.table = RowsTableView(self.model, "users_table", sortable=True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # by name, as people look
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())

        self.login_edit = QLineEdit()
        self.login_edit.setObjectName("user_login_edit")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("user_name_edit")
        self.role_combo = ComboBox()
        for value, label in Role.choices():
            self.role_combo.addItem(label, value)
        self.active_check = QCheckBox(tr("Cuenta activa"))
        self.active_check.setChecked(True)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.message_label = QLabel()
        self.message_label.setObjectName("users_message_label")
        self.message_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Usuario"), self.login_edit)
        form.addRow(tr("Nombre completo"), self.name_edit)
        form.addRow(tr("Rol"), self.role_combo)
        form.addRow("", self.active_check)
        form.addRow(tr("Contraseña nueva"), self.password_edit)
        form.addRow(tr("Repita la contraseña"), self.repeat_edit)

        self.new_button = QPushButton(tr("Nueva cuenta"))
        self.create_button = QPushButton(tr("Crear cuenta"))
        self.update_button = QPushButton(tr("Guardar rol y estado"))
        self.password_button = QPushButton(tr("Cambiar contraseña"))
        self.new_button.clicked.connect(self._clear)
        self.create_button.clicked.connect(self.create)
        self.update_button.clicked.connect(self.update_account)
        self.password_button.clicked.connect(self.set_password)
        buttons = QHBoxLayout()
        for button in (
            self.new_button,
            self.create_button,
            self.update_button,
            self.password_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message_label)
        layout.addWidget(close)
        self.load()
        self._clear()

    def load(self) -> None:
        self.model.set_rows(self.accounts.users())

    def _current(self) -> UserView | None:
        return self.table.current_row()

    def _selected(self) -> None:
        user = self._current()
        if user is None:
            return
        self.login_edit.setText(user.login)
        self.login_edit.setReadOnly(True)
        self.name_edit.setText(user.full_name)
        self.name_edit.setReadOnly(True)  # the service changes role and state, not the name
        self.role_combo.setCurrentIndex(self.role_combo.findData(user.role.value))
        self.active_check.setChecked(user.active)
        for edit in (self.password_edit, self.repeat_edit):
            edit.clear()
        self.create_button.setEnabled(False)
        self.update_button.setEnabled(True)
        self.password_button.setEnabled(True)
        self.message_label.clear()

    def _clear(self) -> None:
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())
        for edit in (self.login_edit, self.name_edit, self.password_edit, self.repeat_edit):
            edit.clear()
        self.login_edit.setReadOnly(False)
        self.name_edit.setReadOnly(False)
        self.role_combo.setCurrentIndex(0)
        self.active_check.setChecked(True)
        self.create_button.setEnabled(True)
        self.update_button.setEnabled(False)
        self.password_button.setEnabled(False)
        self.message_label.clear()

    def _say(self, text: str, *, error: bool) -> None:
        set_role(self.message_label, "error" if error else "hint")
        self.message_label.setText(text)

    def _run(self, operation: Callable[[], object], done: str) -> None:
        """Call the service; on refusal say why and keep what was typed."""
        try:
            operation()
        except ValidationError as error:
            self._say(" ".join(error.problems.values()), error=True)
            return
        except UserError as error:
            self._say(str(error), error=True)
            return
        self.load()
        self._clear()
        self._say(done, error=False)

    def create(self) -> None:
        new = NewUser(
            self.login_edit.text(),
            self.name_edit.text(),
            Role(self.role_combo.currentData()),
            self.password_edit.text(),
            self.repeat_edit.text(),
        )
        self._run(lambda: self.accounts.create_user(self.session.actor, new), tr("Cuenta creada."))

    def update_account(self) -> None:
        user = self._current()
        if user is not None:
            self._run(
                lambda: self.accounts.update_user(
                    self.session.actor,
                    user.id,
                    role=Role(self.role_combo.currentData()),
                    active=self.active_check.isChecked(),
                ),
                tr("Cuenta actualizada."),
            )

    def set_password(self) -> None:
        user = self._current()
        if user is not None:
            self._run(
                lambda: self.accounts.change_password(
                    self.session.actor,
                    user.id,
                    self.password_edit.text(),
                    self.repeat_edit.text(),
                ),
                tr("Contraseña cambiada."),
            )
