"""The «Ajustes…» part of Administración → Copias de seguridad: how many automatic copies
of each kind are kept and after how many days without a copy in the second place the
window reminds it. Stored on the installation (BackupService.save_settings, audited);
only an administrator changes them, others see them."""

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QWidget

from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.services.backup_views import SETTING_RANGES, BackupSettings
from reinsercion_desktop.services.backups import BackupService
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.inputs import SpinBox

LABELS = {
    "keep_daily": tr("Copias diarias guardadas"),
    "keep_weekly": tr("Copias semanales guardadas"),
    "keep_monthly": tr("Copias mensuales guardadas"),
    "reminder_days": tr("Aviso si el segundo lugar lleva sin copia (días)"),
}


class BackupSettingsBox(QGroupBox):
    """Four wheel-safe spin boxes and «Guardar ajustes»; hidden until «Ajustes…»."""

    def __init__(self, backups: BackupService, session: Session, parent: QWidget | None = None):
        super().__init__(tr("Ajustes de las copias"), parent)
        self.backups, self.session = backups, session
        self.spins: dict[str, SpinBox] = {}
        form = QFormLayout(self)
        for name, (low, high) in SETTING_RANGES.items():
            spin = SpinBox()
            spin.setRange(low, high)
            spin.setObjectName(f"{name}_spin")
            self.spins[name] = spin
            form.addRow(LABELS[name], spin)
        self.save_button = QPushButton(tr("Guardar ajustes"))
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.result_label, 1)
        row.addWidget(self.save_button)
        form.addRow(row)
        self.save_button.clicked.connect(self.save)
        editable = session.can(Role.ADMIN)
        for spin in self.spins.values():
            spin.setEnabled(editable)
        self.save_button.setEnabled(editable)
        if not editable:
            self.result_label.setText(tr("Solo un administrador/a cambia estos ajustes."))
        self.load()

    def load(self) -> None:
        stored = self.backups.settings()
        for name, spin in self.spins.items():
            spin.setValue(getattr(stored, name))

    def chosen(self) -> BackupSettings:
        return BackupSettings(**{name: spin.value() for name, spin in self.spins.items()})

    def save(self) -> None:
        try:
            self.backups.save_settings(self.session.actor, self.chosen())
        except ValidationError as refused:
            self.result_label.setText(" ".join(refused.problems.values()))
            return
        except UserError as refused:
            self.result_label.setText(str(refused))
            return
        self.load()
        self.result_label.setText(tr("Ajustes guardados."))
