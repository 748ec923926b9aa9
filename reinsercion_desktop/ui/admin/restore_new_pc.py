"""«Restaurar una copia de seguridad» at the first run: the old PC broke, the copy is on a
USB stick, and this PC's data folder is still empty.

The copy carries its own key file, so it opens with a user and password of the
installation it was made from (the new folder has none yet). The copy is checked through
and through, then restored off the UI thread with a progress bar and cancel
(`services/backup_restore.restore_into_new_folder`); on success the dialog produces the
login and password, and the launcher logs in with them.
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.services.backup_views import BackupContents
from reinsercion_desktop.ui.admin.backup_worker import BackupWorker
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.dialog import ResultDialog

# (copy, login, password, progress) → what the copy held; raises UserError in Spanish.
Restore = Callable[[Path, str, str, Callable[[int, int], None]], BackupContents]


class RestoreFromCopyDialog(ResultDialog[tuple[str, str]]):
    """Produces (login, password) once the copy has been restored into the folder."""

    def __init__(self, restore: Restore, parent: QWidget | None = None):
        super().__init__(parent)
        self.restore = restore
        self.worker: BackupWorker | None = None
        self.setWindowTitle(tr("Restaurar una copia de seguridad"))
        intro = QLabel(
            tr(
                "Elija la copia (un archivo .rdcopia, por ejemplo en un USB) y escriba un "
                "usuario y su contraseña de la instalación de la que se hizo la copia."
            )
        )
        intro.setWordWrap(True)
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("copy_path")
        self.choose_button = QPushButton(tr("Elegir…"))
        self.choose_button.clicked.connect(self.choose)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.choose_button)
        self.login_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(tr("Copia"), path_row)
        form.addRow(tr("Usuario"), self.login_edit)
        form.addRow(tr("Contraseña"), self.password_edit)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setVisible(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.restore_button = self.buttons.addButton(
            tr("Restaurar"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(
            tr("Cancelar"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.restore_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel_or_close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Elija la copia"), "", tr("Copias de Reinserción Desktop (*.rdcopia)")
        )
        if path:
            self.path_edit.setText(path)

    def start(self) -> None:
        path = self.path_edit.text().strip()
        login, password = self.login_edit.text().strip(), self.password_edit.text()
        if not path or not login or not password:
            self.say(self.message, tr("Elija la copia y escriba el usuario y la contraseña."))
            return
        self.say(self.message, tr("Comprobando y restaurando la copia…"))
        self._busy(True)

        def work(progress):  # type: ignore[no-untyped-def]
            return self.restore(Path(path).expanduser(), login, password, progress)

        self.worker = BackupWorker(
            work, None, on_done=lambda worker: self._done(worker, login, password),
            on_progress=self.progress.setValue,
        )  # fmt: skip
        self.worker.begin()

    def _done(self, worker: BackupWorker, login: str, password: str) -> None:
        self.worker = None
        worker.deleteLater()
        self._busy(False)
        if worker.error is not None:
            self.say(self.message, worker.error)
            return
        self.finish((login, password))

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setValue(0)
        for widget in (
            self.path_edit,
            self.choose_button,
            self.login_edit,
            self.password_edit,
            self.restore_button,
        ):
            widget.setEnabled(not busy)

    def cancel_or_close(self) -> None:
        if self.worker is not None:
            self.worker.cancel()  # the service stops and removes what it had written
            self.say(self.message, tr("Cancelando…"))
            return
        self.reject()

    def reject(self) -> None:
        if self.worker is not None:  # never close over a restore in progress
            return
        super().reject()

    def wait_idle(self, msecs: int = 60000) -> None:
        """Tests: until the restore has ended."""
        if self.worker is not None:
            self.worker.wait(msecs)
