"""Administración → Copias de seguridad: the list of copies, a copy made now, a check, a
restore, the choice of the second place (`automatic_backups.py`) and «Ajustes…» (rotation
and reminder, `backup_settings.py`).

Every copy, check or restore runs off the UI thread (`BackupWorker`) with a progress
bar and «Cancelar»; a cancelled copy leaves no file (the service removes its partial
file). A restore first shows what the copy holds and asks; after it, the data folder
under the window has been replaced, so the window closes and asks to be opened again
(a fresh login reads the restored key file and users).
"""

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.domain.file_size import file_size_es
from reinsercion_desktop.services.backup_views import BackupView
from reinsercion_desktop.services.backups import BackupService
from reinsercion_desktop.ui.admin.automatic_backups import (
    SECOND_PLACE_KEY,
    SECOND_PLACE_USED_KEY,
    second_place,
)
from reinsercion_desktop.ui.admin.backup_settings import BackupSettingsBox
from reinsercion_desktop.ui.admin.backup_worker import BackupWorker
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel, RowsTableView


def _when(view: BackupView) -> str:
    return view.created.strftime("%d/%m/%Y %H:%M") if view.created else "?"


def _size(view: BackupView) -> str:
    return file_size_es(view.size)


BACKUP_COLUMNS = (
    Column[BackupView](tr("Fecha"), _when, sort_key=lambda view: view.created or datetime.min),
    Column[BackupView](tr("Tipo"), lambda view: view.kind.value),
    Column[BackupView](tr("Tamaño"), _size, sort_key=lambda view: view.size, align="right"),
    Column[BackupView](tr("Estado"), lambda view: view.state, stretch=True),
)


class BackupsDialog(QDialog):
    """The list of copies and what can be done with them."""

    restored = Signal()  # the data folder was replaced: the window must close

    def __init__(
        self,
        backups: BackupService,
        session: Session,
        settings: QSettings,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.backups, self.session, self.settings = backups, session, settings
        self.worker: BackupWorker | None = None
        self._then: list[Callable[[], None]] = []
        self.setWindowTitle(tr("Copias de seguridad"))
        self.resize(820, 480)
        self.model = RowsTableModel(BACKUP_COLUMNS, self)
        self.table = RowsTableView(self.model, "backups_table", sortable=True)
        self.make_button = QPushButton(tr("Hacer una copia ahora"))
        self.verify_button = QPushButton(tr("Comprobar"))
        self.restore_button = QPushButton(tr("Restaurar…"))
        self.elsewhere_button = QPushButton(tr("Restaurar desde un USB…"))
        self.second_place_button = QPushButton(tr("Segundo lugar…"))
        self.settings_button = QPushButton(tr("Ajustes…"))
        self.settings_button.setCheckable(True)
        self.settings_box = BackupSettingsBox(backups, session)
        self.settings_box.setVisible(False)
        self.close_button = QPushButton(tr("Cerrar"))
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setVisible(False)
        self.cancel_button = QPushButton(tr("Cancelar"))
        self.cancel_button.setVisible(False)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.second_place_label = QLabel()
        self.second_place_label.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (
            self.make_button,
            self.verify_button,
            self.restore_button,
            self.elsewhere_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.settings_button)
        buttons.addWidget(self.second_place_button)
        buttons.addWidget(self.close_button)
        working = QHBoxLayout()
        working.addWidget(self.progress_bar, 1)
        working.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Copias en {folder}").format(folder=backups.folder)))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.second_place_label)
        layout.addWidget(self.settings_box)
        layout.addLayout(working)
        layout.addWidget(self.message_label)
        layout.addLayout(buttons)
        self.make_button.clicked.connect(self.make_copy)
        self.verify_button.clicked.connect(self.verify_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        self.elsewhere_button.clicked.connect(self.restore_elsewhere)
        self.second_place_button.clicked.connect(self.choose_second_place)
        self.settings_button.toggled.connect(self.settings_box.setVisible)
        self.close_button.clicked.connect(self.reject)
        self.cancel_button.clicked.connect(self.cancel)
        self.restore_button.setEnabled(session.can(Role.ADMIN))
        self.elsewhere_button.setEnabled(session.can(Role.ADMIN))
        self.reload()

    # -- the list ------------------------------------------------------------------------

    def reload(self) -> None:
        chosen = self.table.current_row()
        self.model.set_rows(self.backups.list(self.session.actor))
        if chosen is not None:  # the same copy stays selected after a check
            self.table.select_where(lambda view: view.path == chosen.path)
        place = second_place(self.settings)
        self.second_place_label.setText(
            tr("Segundo lugar: {folder}").format(folder=place)
            if place
            else tr("Sin segundo lugar: elija uno (por ejemplo un USB) con «Segundo lugar…».")
        )

    def _selected(self) -> BackupView | None:
        view = self.table.current_row()
        if view is None:
            self.message_label.setText(tr("Elija primero una copia de la lista."))
        return view

    # -- work off the UI thread ----------------------------------------------------------

    def _start(self, work, on_success, busy_text: str) -> None:  # type: ignore[no-untyped-def]
        if self.worker is not None:
            return
        self.worker = BackupWorker(
            work,
            self,
            on_done=lambda worker: self._finished(worker, on_success),
            on_progress=self.progress_bar.setValue,
        )
        self._busy(True)
        self.message_label.setText(busy_text)
        self.worker.begin()

    def _finished(self, worker: BackupWorker, on_success) -> None:  # type: ignore[no-untyped-def]
        if worker.error is not None:
            self.message_label.setText(worker.error)
        else:
            on_success(worker.result)
        self._done()

    def _busy(self, busy: bool) -> None:
        self.progress_bar.setValue(0)
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        for button in (
            self.make_button,
            self.verify_button,
            self.second_place_button,
            self.close_button,
        ):
            button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy and self.session.can(Role.ADMIN))
        self.elsewhere_button.setEnabled(not busy and self.session.can(Role.ADMIN))

    def _done(self) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.deleteLater()
        self._busy(False)
        self.reload()
        waiting, self._then = self._then, []
        for then in waiting:
            then()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def reject(self) -> None:
        if self.worker is not None:  # never close over work in progress
            self.message_label.setText(tr("Espere a que termine o pulse «Cancelar»."))
            return
        super().reject()

    def wait_idle(self, msecs: int = 60000) -> None:
        """Tests and the close of the window: until the current work has ended."""
        if self.worker is not None:
            self.worker.wait(msecs)

    # -- the actions ---------------------------------------------------------------------

    def make_copy(self) -> None:
        """A copy here, and another in the second place when it is plugged in: a person who
        chose a USB stick expects «Hacer una copia ahora» to put one on it."""
        actor = self.session.actor
        place = second_place(self.settings)
        present = place if place is not None and place.is_dir() else None

        def work(progress):  # type: ignore[no-untyped-def]
            made = [self.backups.create(actor, progress=progress)]
            if present is not None:
                made.append(self.backups.create(actor, to=present, progress=progress))
            return made

        def said(made) -> None:  # type: ignore[no-untyped-def]
            text = tr("Copia hecha y comprobada: {path}").format(path=made[0])
            if len(made) > 1:
                self.settings.setValue(
                    SECOND_PLACE_USED_KEY, datetime.now().isoformat(timespec="seconds")
                )
                text += "\n" + tr("Y otra en el segundo lugar: {path}").format(path=made[1])
            elif place is not None:
                text += "\n" + tr(
                    "El segundo lugar ({place}) no está conectado: esta copia solo está en "
                    "este equipo."
                ).format(place=place)
            self.message_label.setText(text)

        self._start(work, said, tr("Haciendo la copia…"))

    def verify_selected(self) -> None:
        view = self._selected()
        if view is None:
            return
        actor = self.session.actor
        self._start(
            lambda progress: self.backups.verify(actor, view.path, progress),
            lambda contents: self.message_label.setText(
                tr("La copia {name} es correcta.").format(name=view.name)
            ),
            tr("Comprobando la copia…"),
        )

    def restore_selected(self) -> None:
        view = self._selected()
        if view is not None:
            self.restore_from(view.path)

    def restore_elsewhere(self) -> None:
        """A copy that is not in `copias/`: on a USB stick, or in the second place."""
        place = second_place(self.settings)
        path, _ = QFileDialog.getOpenFileName(
            self,
            tr("Elija la copia que quiere restaurar"),
            str(place) if place is not None else "",
            tr("Copias de Reinserción Desktop (*.rdcopia)"),
        )
        if path:
            self.restore_from(Path(path))

    def restore_from(self, path: Path) -> None:
        actor = self.session.actor
        self._start(
            lambda progress: self.backups.inspect(actor, path, progress),
            self._confirm_restore,
            tr("Comprobando la copia antes de restaurarla…"),
        )

    def _confirm_restore(self, contents) -> None:  # type: ignore[no-untyped-def]
        text = "\n".join(contents.lines())
        answer = QMessageBox.question(
            self,
            tr("Restaurar una copia"),
            tr(
                "{contents}\n\nSe hará antes una copia de los datos actuales. Después la "
                "aplicación se cerrará y tendrá que volver a abrirla. ¿Restaurar esta copia?"
            ).format(contents=text),
        )
        if answer != QMessageBox.StandardButton.Yes:
            self.message_label.setText(tr("Restauración cancelada: no se ha cambiado nada."))
            return
        actor, path = self.session.actor, contents.path
        self._after_work(
            lambda: self._start(
                lambda progress: self.backups.restore(actor, path, progress),
                self._restored,
                tr("Restaurando…"),
            )
        )

    def _restored(self, result) -> None:  # type: ignore[no-untyped-def]
        QMessageBox.information(
            self,
            tr("Copia restaurada"),
            tr(
                "Copia restaurada. Los datos anteriores quedaron en {path}. La aplicación se "
                "cerrará: vuelva a abrirla para seguir."
            ).format(path=result.safety_copy.name),
        )
        self._after_work(self._close_restored)

    def _close_restored(self) -> None:
        self.accept()
        self.restored.emit()

    def _after_work(self, then: Callable[[], None]) -> None:
        """`then` once the current worker is done with (its result is handled first)."""
        if self.worker is not None:
            self._then.append(then)  # run by _done
        else:
            then()

    def choose_second_place(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, tr("Segundo lugar para las copias (por ejemplo un USB)")
        )
        if folder:
            self.settings.setValue(SECOND_PLACE_KEY, folder)
            self.reload()
