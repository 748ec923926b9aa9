"""The main window: participant list, Pendientes and the circuit as docks, the open file in the centre."""

import gc
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QToolBar,
    QWidget,
)

from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.domain.participant_list import ParticipantRow, status_counts
from reinsercion_desktop.services.registry import Services, later
from reinsercion_desktop.ui import window_parts
from reinsercion_desktop.ui.admin.idle_lock import IdleWatcher
from reinsercion_desktop.ui.admin.login import LoginDialog
from reinsercion_desktop.ui.circuit.docks import CircuitDocks
from reinsercion_desktop.ui.circuit.pending_dock import PendingDock
from reinsercion_desktop.ui.follow_up.docks import CaseDocks
from reinsercion_desktop.ui.participants.list_dock import ParticipantListDock
from reinsercion_desktop.ui.participants.new_participant import NewParticipantDialog
from reinsercion_desktop.ui.participants.participant_file import ParticipantFileView
from reinsercion_desktop.ui.reports.docks import ReportDocks
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.files import suggested_pdf

STATE_VERSION = 4  # 2: Lista de espera and Ocupación docks; 3: Mi cartera de casos; 4: Informes
WIDE_SCREEN = 1600  # logical pixels from which Pendientes gets a column of its own


class MainWindow(QMainWindow):
    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        services: Services,
        session: Session,
        ui_state: Path,
        parent: QWidget | None = None,
        first_rows: list[ParticipantRow] | None = None,
    ):
        """`first_rows`: the list of files, when the launcher has read it already."""
        super().__init__(parent)
        self.services = services
        self.session = session
        session.setParent(self)
        installation = session.centre
        self.setWindowTitle(tr("Reinserción Desktop — {name}").format(name=installation.name))
        self.resize(self._first_size())
        self.ui_state = ui_state
        self.automatic_backups = False  # the launcher turns on the daily and closing copies
        self.settings = QSettings(str(ui_state), QSettings.Format.IniFormat)

        self.file_view = ParticipantFileView(
            services.participants, services.attachments, services, session
        )
        self.lock_page = window_parts.lock_page()
        self.central_stack = QStackedWidget()
        self.central_stack.addWidget(self.file_view)
        self.central_stack.addWidget(self.lock_page)
        self.setCentralWidget(self.central_stack)

        self.list_dock = ParticipantListDock(self)
        # Read once the window is on screen (`_first_pending`): its service loads then.
        self.pending_dock = PendingDock(later(services, "pending"), session, self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.list_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.pending_dock)
        self.circuit = CircuitDocks(self)
        self.cases = CaseDocks(self)
        self.reports = ReportDocks(self)
        self.place_docks()

        window_parts.make_actions(self)
        window_parts.make_menus(self)
        window_parts.make_toolbar(self)
        window_parts.make_status_bar(self)

        self.session.changed.connect(self._centre_changed)
        self.list_dock.participant_chosen.connect(self.open_participant)
        self.pending_dock.item_chosen.connect(self.circuit.open_pending)
        self.file_view.saved.connect(self._after_write)
        self.file_view.case_changed.connect(self._after_case_write)

        self.idle_watcher = IdleWatcher(installation.idle_lock_minutes, session.clock, self)
        self.idle_watcher.idle.connect(self.lock_after_idle)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self.idle_watcher.watch_windows(app)
        self._layout_before_lock = QByteArray()

        self.refresh_references()
        self.refresh_list(first_rows)
        self.restore_layout()
        # What is due (~0.4 s to read at office scale) is read once the window is on
        # screen: the list of files comes first, then the status bar says what is due.
        self._announced = False

    # -- building ----------------------------------------------------------------------

    # -- data ---------------------------------------------------------------------------

    def refresh_references(self) -> None:
        catalogues = self.services.catalogues
        all_viviendas = catalogues.viviendas()
        viviendas = [(v.id, v.name) for v in all_viviendas]
        self._places = [
            (v.name, v.places_men, v.places_women, v.places_mixed) for v in all_viviendas
        ]
        self.references = {
            "referring_centres": [
                (c.id, f"{c.kind} · {c.name}") for c in catalogues.referring_centres()
            ],
            "case_managers": [
                (u.id, u.full_name) for u in self.services.accounts.users(active_only=True)
            ],
            "viviendas": viviendas,
        }
        self.file_view.set_references(self.references)
        self.list_dock.set_viviendas(viviendas)

    def refresh_list(self, rows: list[ParticipantRow] | None = None) -> None:
        if rows is None:
            rows = self.services.participants.list_rows()
        self.list_dock.set_rows(rows)
        self.circuit.set_participant_rows(rows)
        # Tens of thousands of long-lived rows: keep the cyclic GC from walking them on
        # every collection, which otherwise lands as a 30-50 ms pause on a keystroke.
        gc.freeze()
        self.file_view.welcome.set_summary(
            self.session.centre.name, status_counts(rows), self._places
        )

    def refresh_pending(self) -> None:
        self.pending_dock.set_items(self.services.pending.items(), self.session.today())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if not self._announced:  # once shown: a message set earlier overlaps the labels
            self._announced = True
            QTimer.singleShot(0, self._first_pending)

    def _first_pending(self) -> None:
        self.refresh_pending()
        self.announce_pending()

    def announce_pending(self) -> None:
        """At login: "N pendientes, M vencidos" in the status bar, Pendientes in front if late."""
        self.statusBar().showMessage(self.pending_dock.summary(), 30000)
        if self.pending_dock.overdue_count:
            self.pending_dock.show()
            self.pending_dock.raise_()

    def _after_write(self, participant_id: str) -> None:
        self.refresh_list()
        self.refresh_pending()
        self.circuit.refresh()
        self.cases.refresh()
        self.reports.refresh()
        self.list_dock.select(participant_id)

    def records_came_in(self) -> None:
        """A bundle brought records (a protocol, a place assigned, a stay): the list, the
        docks and the open file show them; unsaved edits in the file are kept."""
        self.refresh_references()
        opened = self.file_view.participant
        self._after_write(opened.id if opened else "")
        self.file_view.records_came_in()

    def _after_case_write(self, _participant_id: str) -> None:
        """A plan or follow-up write: what is due changes; the list of files does not."""
        self.refresh_pending()
        self.cases.refresh()

    # -- actions ------------------------------------------------------------------------

    def open_participant(self, participant_id: str) -> None:
        self.file_view.open(participant_id)

    def new_participant(self) -> None:
        dialog = NewParticipantDialog(
            self.services.participants, self.session, self.references, self
        )
        dialog.accepted.connect(lambda: self._created(dialog))
        dialog.open()

    def _created(self, dialog: NewParticipantDialog) -> None:
        if dialog.created is not None:
            self._after_write(dialog.created.id)
            self.open_participant(dialog.created.id)

    def print_file(self) -> None:
        participant = self.file_view.participant
        if participant is None:
            self.statusBar().showMessage(tr("Abra primero una ficha para imprimirla."), 5000)
            return
        default = suggested_pdf(tr("Ficha"), participant.codapel, self.session.today())
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Guardar la ficha en PDF"), str(default), tr("PDF (*.pdf)")
        )
        if path:
            self.write_sheet(Path(path))

    def write_sheet(self, path: Path) -> Path | None:
        assert self.file_view.participant is not None
        try:
            written = self.services.printing.participant_sheet(
                self.session.actor, self.file_view.participant.id, path
            )
        except UserError as error:
            QMessageBox.warning(self, tr("No se pudo imprimir"), str(error))
            return None
        self.statusBar().showMessage(tr("Ficha guardada en {path}").format(path=written), 8000)
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(written)))
        return written

    def _centre_changed(self) -> None:
        installation = self.session.centre
        self.idle_watcher.policy.minutes = installation.idle_lock_minutes
        if installation.idle_lock_minutes > 0:
            self.idle_watcher.timer.start()
        else:
            self.idle_watcher.timer.stop()
        self.installation_label.setText(
            tr("{name} ({code})").format(name=installation.name, code=installation.code)
        )
        self.setWindowTitle(tr("Reinserción Desktop — {name}").format(name=installation.name))

    def _viviendas_changed(self) -> None:
        self.refresh_references()
        self.refresh_list()

    def about(self) -> None:
        from reinsercion_desktop import __version__

        QMessageBox.about(
            self,
            tr("Acerca de Reinserción Desktop"),
            tr(
                "Reinserción Desktop {version}\nGestión de viviendas de apoyo a la reinserción y programas de reinserción social.\nFunciona sin conexión; los datos están en {path}."
            ).format(version=__version__, path=self.session.data_dir),
        )

    # -- idle lock ----------------------------------------------------------------------

    def lock(self) -> None:
        """Hide every personal datum and ask for the password again (Bloquear sesión)."""
        self._lock(idle=False)

    def lock_after_idle(self) -> None:
        self._lock(idle=True)

    def _lock(self, *, idle: bool) -> None:
        if self.central_stack.currentWidget() is self.lock_page:
            return
        self.idle_watcher.paused = True
        # The whole layout, so tabbed docks come back as they were (a hidden tab is not visible).
        self._layout_before_lock = self.saveState(STATE_VERSION)
        for dock in self.docks:
            dock.hide()
        self.central_stack.setCurrentWidget(self.lock_page)
        self.menuBar().setEnabled(False)
        for toolbar in self.findChildren(QToolBar):
            toolbar.setEnabled(False)
        self.locked.emit()
        self.unlock_dialog = LoginDialog(
            self.services.accounts.authenticate,
            centre_name=self.session.centre.name,
            fixed_login=self.session.actor.login,
            idle=idle,
            parent=self,
        )
        self.unlock_dialog.accepted.connect(self._unlock)
        self.unlock_dialog.rejected.connect(self.close)
        self.unlock_dialog.open()

    def _unlock(self) -> None:
        self.central_stack.setCurrentWidget(self.file_view)
        self.restoreState(self._layout_before_lock, STATE_VERSION)
        self.menuBar().setEnabled(True)
        for toolbar in self.findChildren(QToolBar):
            toolbar.setEnabled(True)
        self.idle_watcher.resume()
        self.unlocked.emit()

    @property
    def docks(self) -> tuple[QDockWidget, ...]:
        return (
            self.list_dock,
            self.pending_dock,
            *self.circuit.docks,
            *self.cases.docks,
            *self.reports.docks,
        )

    @property
    def is_locked(self) -> bool:
        return self.central_stack.currentWidget() is self.lock_page

    # -- layout -------------------------------------------------------------------------

    def restore_layout(self) -> None:
        geometry = self.settings.value("main/geometry")
        state = self.settings.value("main/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state, STATE_VERSION)
            self.show_dock_tabs_whole()

    def save_layout(self) -> None:
        self.settings.setValue("main/geometry", self.saveGeometry())
        self.settings.setValue("main/state", self.saveState(STATE_VERSION))
        self.settings.sync()

    def _available(self) -> QRect:
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen else QRect(0, 0, 1366, 768)

    def _first_size(self) -> QSize:
        """Room for the file and the list, never more than the screen offers (a 1366×768
        laptop, or 1920×1080 at 150 %: 1280×720 logical pixels)."""
        available = self._available()
        return QSize(min(1440, available.width()), min(860, available.height()))

    def place_docks(self, wide: bool | None = None) -> None:
        """Every dock in one column of tabs on the left (Participantes in front); on a wide
        screen, Pendientes and the caseload get a column of their own on the right."""
        if wide is None:
            wide = self._available().width() >= WIDE_SCREEN
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.setTabPosition(Qt.DockWidgetArea.AllDockWidgetAreas, QTabWidget.TabPosition.North)
        for dock in self.docks:
            dock.setFloating(False)
        self.addDockWidget(left, self.list_dock)
        for dock in self.circuit.docks:
            self.tabifyDockWidget(self.list_dock, dock)
        if wide:
            self.addDockWidget(right, self.pending_dock)
            self.tabifyDockWidget(self.pending_dock, self.cases.caseload_dock)
        else:
            for dock in (self.pending_dock, self.cases.caseload_dock):
                self.tabifyDockWidget(self.list_dock, dock)
        for dock in self.reports.docks:  # Informes: last tab of the left column
            self.tabifyDockWidget(self.list_dock, dock)
        for dock in self.docks:
            dock.show()
        self.list_dock.raise_()
        if wide:
            self.pending_dock.raise_()
            self.resizeDocks(
                [self.list_dock, self.pending_dock], [560, 320], Qt.Orientation.Horizontal
            )
        else:
            self.resizeDocks([self.list_dock], [480], Qt.Orientation.Horizontal)
        self.show_dock_tabs_whole()

    def show_dock_tabs_whole(self) -> None:
        """Five docks share a column: their tabs keep their whole titles and scroll with
        arrows, instead of shrinking to «Particip…», «Pendi…»."""
        for bar in self.findChildren(QTabBar):
            if bar.parent() is self:  # the docks' tab bars (a file's tabs live deeper)
                bar.setElideMode(Qt.TextElideMode.ElideNone)
                bar.setUsesScrollButtons(True)
                bar.setExpanding(False)

    def reset_layout(self) -> None:
        self.place_docks()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if not self.is_locked and not self.file_view.confirm_leave():
            event.ignore()
            return
        # Salir closes the application, not only this window: a form editor, a preview or
        # the catalogue left open would keep the process (and the database) running.
        for other in QApplication.topLevelWidgets():
            if other is not self and other.isVisible() and not other.close():
                event.ignore()  # that window asked to stay (unsaved work): so does this one
                return
        from reinsercion_desktop.ui.admin.automatic_backups import (
            copy_on_close,
            wait_for_daily_copy,
        )

        wait_for_daily_copy(self)
        if self.automatic_backups and not copy_on_close(self):
            event.ignore()  # the copy failed and the person chose to stay
            return
        if not self.is_locked:
            self.save_layout()
        self.idle_watcher.timer.stop()
        event.accept()

    def close_after_restore(self) -> None:
        """The data folder was replaced under the window: it closes, to be opened again."""
        self.automatic_backups = False
        self.close()
