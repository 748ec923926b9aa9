"""Dialog "Usuarios" (administrators): create accounts, change role, deactivate, reset password."""

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.services.accounts import (
    NewUser,
    change_password,
    create_user,
    list_users,
    update_user,
)
from reinsercion_desktop.services.registry import Services
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.inputs import ComboBox


class UsersDialog(QDialog):
    def __init__(self, services: Services, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.session = session
        self.accounts = services.accounts
        self.setWindowTitle(tr("Usuarios"))
        self.resize(760, 520)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([tr("Usuario"), tr("Nombre"), tr("Rol"), tr("Activo")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.currentCellChanged.connect(lambda *_: self._selected())

        self.login_edit = QLineEdit()
        self.name_edit = QLineEdit()
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
        self.message_label.setWordWrap(True)
        set_role(self.message_label, "error")
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
        self.update_button.clicked.connect(self.update)
        self.password_button.clicked.connect(self.set_password)
        buttons = QHBoxLayout()
        for button in (
            self.new_button,
            self.create_button,
            self.update_button,
            self.password_button,
        ):
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message_label)
        layout.addWidget(close)
        self._users: list = []
        self.load()
        self._clear()

    def load(self) -> None:
        self._users = list_users(self.db)
        self.table.setRowCount(len(self._users))
        for row, user in enumerate(self._users):
            for column, text in enumerate(
                (
                    user.login,
                    user.full_name,
                    Role(user.role).label,
                    tr("Sí") if user.active else tr("No"),
                )
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def _current(self):  # type: ignore[no-untyped-def]
        row = self.table.currentRow()
        return self._users[row] if 0 <= row < len(self._users) else None

    def _selected(self) -> None:
        user = self._current()
        if user is None:
            return
        self.login_edit.setText(user.login)
        self.login_edit.setReadOnly(True)
        self.name_edit.setText(user.full_name)
        self.role_combo.setCurrentIndex(self.role_combo.findData(user.role))
        self.active_check.setChecked(user.active)
        self.create_button.setEnabled(False)
        self.update_button.setEnabled(True)
        self.password_button.setEnabled(True)

    def _clear(self) -> None:
        self.table.clearSelection()
        self.table.setCurrentCell(-1, -1)
        for edit in (self.login_edit, self.name_edit, self.password_edit, self.repeat_edit):
            edit.clear()
        self.login_edit.setReadOnly(False)
        self.role_combo.setCurrentIndex(0)
        self.active_check.setChecked(True)
        self.create_button.setEnabled(True)
        self.update_button.setEnabled(False)
        self.password_button.setEnabled(False)
        self.message_label.clear()

    def _run(self, operation, done: str) -> None:  # type: ignore[no-untyped-def]
        try:
            operation()
        except ValidationError as error:
            self.message_label.setText(" ".join(error.problems.values()))
            return
        except UserError as error:
            self.message_label.setText(str(error))
            return
        self.load()
        self._clear()
        self.message_label.setText(done)

    def create(self) -> None:
        new = NewUser(
            self.login_edit.text(),
            self.name_edit.text(),
            Role(self.role_combo.currentData()),
            self.password_edit.text(),
            self.repeat_edit.text(),
        )
        self._run(lambda: create_user(self.db, self.session.actor, new), tr("Cuenta creada."))

    def update(self) -> None:
        user = self._current()
        if user is not None:
            self._run(
                lambda: update_user(
                    self.db,
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
                lambda: change_password(
                    self.db,
                    self.session.actor,
                    user.id,
                    self.password_edit.text(),
                    self.repeat_edit.text(),
                ),
                tr("Contraseña cambiada."),
            )
