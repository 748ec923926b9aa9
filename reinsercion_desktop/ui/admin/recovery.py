"""The recovery key, shown once: after the set-up (or the conversion of a plain
installation), for the administrator to print and keep under lock. Until they say it is
printed, it is shown again at their next login."""

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.errors import UserError, ValidationError, describe_os_error
from reinsercion_desktop.security.keyfile import MAX_LOGIN, KeyFile, WrongCredentials
from reinsercion_desktop.services.gate import Gate, Opened
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.dialog import ResultDialog
from reinsercion_desktop.ui.widgets.files import suggested_pdf


class RecoverySheetDialog(QDialog):
    def __init__(self, code: str, folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.code = code
        self.folder = folder
        self.saved_to: Path | None = None
        self.setWindowTitle(tr("Clave de recuperación"))
        intro = QLabel(
            tr(
                "Los datos de esta instalación están cifrados. Esta clave los abre cuando se han "
                "perdido todas las contraseñas: imprima la hoja y guárdela bajo llave, lejos del "
                "ordenador. No se volverá a mostrar una vez que confirme que la ha guardado."
            )
        )
        intro.setWordWrap(True)
        self.code_label = QLabel(code)
        self.code_label.setObjectName("recovery_code")
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setWordWrap(True)
        font = QFont("monospace")
        font.setPointSize(14)
        font.setBold(True)
        self.code_label.setFont(font)
        self.save_button = QPushButton(tr("Guardar la hoja en PDF para imprimirla…"))
        self.save_button.clicked.connect(self.save_sheet)
        self.kept_check = QCheckBox(tr("He impreso la hoja y la he guardado en lugar seguro"))
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        set_role(self.message_label, "hint")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("Continuar"))
        self.ok_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            tr("Recordármelo la próxima vez")
        )
        self.kept_check.toggled.connect(self.ok_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.code_label)
        layout.addWidget(self.save_button)
        layout.addWidget(self.message_label)
        layout.addWidget(self.kept_check)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def save_sheet(self) -> None:
        default = suggested_pdf(tr("Clave de recuperación"), "", date.today())
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Guardar la hoja de recuperación"), str(default), tr("PDF (*.pdf)")
        )
        if path:
            self.write_sheet(Path(path))

    def write_sheet(self, path: Path) -> bool:
        from reinsercion_desktop.pdf.recovery_sheet import RecoverySheet, render_recovery_sheet

        key_file = KeyFile.load(self.folder)
        sheet = RecoverySheet(
            centre_name=key_file.centre_name,
            centre_code=str(key_file.content["installation"].get("code", "")),
            code=self.code,
            made_on=format_date_es(date.today()),
        )
        try:
            render_recovery_sheet(sheet, path)
        except OSError as error:
            QMessageBox.warning(
                self,
                tr("No se pudo guardar"),
                tr("No se pudo guardar la hoja: {reason}. Elija otra carpeta.").format(
                    reason=describe_os_error(error)
                ),
            )
            return False
        self.saved_to = path
        self.message_label.setText(
            tr("Hoja guardada en {path}: imprímala y después borre el archivo.").format(path=path)
        )
        return True

    def accept(self) -> None:
        key_file = KeyFile.load(self.folder)
        key_file.recovery_printed()
        key_file.save()
        super().accept()


class RecoveryLoginDialog(ResultDialog[Opened]):
    """Every password lost: the printed recovery key, an administrator's login and a new
    password for them. The key opens the data; the new password wraps it again."""

    def __init__(self, gate: Gate, parent: QWidget | None = None):
        super().__init__(parent)
        self.gate = gate
        self.setWindowTitle(tr("Entrar con la clave de recuperación"))
        intro = QLabel(
            tr(
                "Escriba la clave de la hoja de recuperación (los espacios son opcionales), el "
                "usuario de un administrador/a y la contraseña nueva que tendrá a partir de ahora."
            )
        )
        intro.setWordWrap(True)
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("recovery_code_edit")
        self.code_edit.setPlaceholderText("XXXXX XXXXX XXXXX XXXXX XXXXX XXXXX XXXXX XXXXX")
        self.login_edit = QLineEdit()
        self.login_edit.setMaxLength(MAX_LOGIN)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        set_role(self.error_label, "error")
        form = QFormLayout()
        form.addRow(tr("Clave de recuperación"), self.code_edit)
        form.addRow(tr("Usuario"), self.login_edit)
        form.addRow(tr("Contraseña nueva"), self.password_edit)
        form.addRow(tr("Repita la contraseña"), self.repeat_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Entrar"))
        self.buttons.accepted.connect(self.try_recover)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def try_recover(self) -> None:
        try:
            opened = self.gate.reset_with_recovery(
                self.code_edit.text(),
                self.login_edit.text(),
                self.password_edit.text(),
                self.repeat_edit.text(),
            )
        except UserError as error:
            message = (
                " ".join(error.problems.values())
                if isinstance(error, ValidationError)
                else str(error)
            )
            if isinstance(error, WrongCredentials):
                message = tr("La clave de recuperación o el usuario no son correctos.")
            self.say(self.error_label, message)
            return
        self.finish(opened)
