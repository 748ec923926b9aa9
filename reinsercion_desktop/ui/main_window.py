"""The main window: participant list, Pendientes and the circuit as docks, the open file in the centre."""

import gc
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.domain.participant_list import status_counts
from reinsercion_desktop.services.registry import Services
from reinsercion_desktop.ui.admin.idle_lock import IdleWatcher
from reinsercion_desktop.ui.admin.login import LoginDialog
from reinsercion_desktop.ui.circuit.docks import CircuitDocks
from reinsercion_desktop.ui.circuit.pending_dock import PendingDock
from reinsercion_desktop.ui.follow_up.docks import CaseDocks
from reinsercion_desktop.ui.participants.list_dock import ParticipantListDock
from reinsercion_desktop.ui.participants.new_participant import NewParticipantDialog
from reinsercion_desktop.ui.participants.participant_file import ParticipantFileView
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr

STATE_VERSION = 3  # 2: Lista de espera and Ocupación docks; 3: Mi cartera de casos


class MainWindow(QMainWindow):
    locked = Signal()
    unlocked = Signal()

    def __init__(
        self, services: Services, session: Session, ui_state: Path, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.services = services
        self.session = session
        session.setParent(self)
        installation = session.centre
        self.setWindowTitle(tr("Reinserción Desktop — {name}").format(name=installation.name))
        self.resize(1440, 860)
        self.ui_state = ui_state
        self.settings = QSettings(str(ui_state), QSettings.Format.IniFormat)

        self.file_view = ParticipantFileView(services, session)
        self.lock_page = self._lock_page()
        self.central_stack = QStackedWidget()
        self.central_stack.addWidget(self.file_view)
        self.central_stack.addWidget(self.lock_page)
        self.setCentralWidget(self.central_stack)

        self.list_dock = ParticipantListDock(self)
        self.pending_dock = PendingDock(services.pending, session, self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.list_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.pending_dock)
        self.circuit = CircuitDocks(self)
        self.circuit.place()
        self.cases = CaseDocks(self)
        self.cases.place()
        self.resizeDocks([self.list_dock, self.pending_dock], [640, 280], Qt.Orientation.Horizontal)

        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        self._make_status_bar()

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
        self.refresh_list()
        self.refresh_pending()
        self.restore_layout()
        self._announced = False

    # -- building ----------------------------------------------------------------------

    def _action(
        self, text: str, slot, shortcut: QKeySequence | str | None = None, name: str = ""
    ) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        action.setObjectName(name)
        return action

    def _make_actions(self) -> None:
        self.new_action = self._action(
            tr("Nueva ficha…"), self.new_participant, QKeySequence.StandardKey.New, "action_new"
        )
        self.find_action = self._action(
            tr("Buscar"), self.list_dock.focus_search, QKeySequence.StandardKey.Find, "action_find"
        )
        self.save_action = self._action(
            tr("Guardar ficha"), self.file_view.save, QKeySequence.StandardKey.Save, "action_save"
        )
        self.print_action = self._action(
            tr("Imprimir ficha (PDF)…"),
            self.print_file,
            QKeySequence.StandardKey.Print,
            "action_print",
        )
        self.lock_action = self._action(tr("Bloquear sesión"), self.lock, "Ctrl+L", "action_lock")
        self.quit_action = self._action(
            tr("Salir"), self.close, QKeySequence.StandardKey.Quit, "action_quit"
        )
        self.reset_layout_action = self._action(
            tr("Restablecer disposición de paneles"), self.reset_layout, None, "action_reset_layout"
        )
        self.users_action = self._action(tr("Usuarios…"), self.manage_users, None, "action_users")
        self.centre_settings_action = self._action(
            tr("Datos del centro y viviendas…"),
            self.centre_settings,
            None,
            "action_centre_settings",
        )
        self.centres_action = self._action(
            tr("Centros derivadores…"), self.manage_centres, None, "action_centres"
        )
        self.audit_action = self._action(
            tr("Registro de auditoría…"), self.show_audit, None, "action_audit"
        )
        self.about_action = self._action(
            tr("Acerca de Reinserción Desktop"), self.about, None, "action_about"
        )
        is_admin = self.session.actor.can(Role.ADMIN)
        self.users_action.setEnabled(is_admin)
        self.audit_action.setEnabled(self.session.actor.can(Role.RESPONSABLE))
        self.centres_action.setEnabled(True)

    def _make_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu(tr("&Archivo"))
        for action in (self.new_action, self.save_action, self.print_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.lock_action)
        file_menu.addAction(self.quit_action)
        edit_menu = menu.addMenu(tr("&Edición"))
        edit_menu.addAction(self.find_action)
        view_menu = menu.addMenu(tr("&Ver"))
        view_menu.addAction(self.list_dock.toggleViewAction())
        view_menu.addAction(self.pending_dock.toggleViewAction())
        reports_menu = QMenu(tr("&Informes"), self)
        self.circuit.add_to_menus(view_menu, reports_menu)
        resources_menu = QMenu(tr("&Recursos"), self)
        self.cases.add_to_menus(view_menu, resources_menu)
        view_menu.addSeparator()
        view_menu.addAction(self.reset_layout_action)
        menu.addMenu(reports_menu)
        menu.addMenu(resources_menu)
        admin_menu = menu.addMenu(tr("A&dministración"))
        for action in (
            self.centre_settings_action,
            self.users_action,
            self.centres_action,
            self.audit_action,
        ):
            admin_menu.addAction(action)
        help_menu = menu.addMenu(tr("A&yuda"))
        help_menu.addAction(self.about_action)

    def _make_toolbar(self) -> None:
        toolbar = QToolBar(tr("Barra de herramientas"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.new_action, self.find_action, self.save_action, self.print_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.lock_action)
        self.addToolBar(toolbar)

    def _make_status_bar(self) -> None:
        installation = self.session.centre
        actor = self.session.actor
        self.installation_label = QLabel(
            tr("{name} ({code})").format(name=installation.name, code=installation.code)
        )
        self.user_label = QLabel(
            tr("{name} · {role}").format(name=actor.full_name, role=actor.role.label)
        )
        self.folder_label = QLabel(tr("Datos: {path}").format(path=self.session.data_dir))
        set_role(self.folder_label, "hint")
        bar = self.statusBar()
        bar.addWidget(self.installation_label)
        bar.addWidget(self.user_label)
        bar.addPermanentWidget(self.folder_label)

    def _lock_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        label = QLabel(tr("Sesión bloqueada. Escriba su contraseña para volver."))
        set_role(label, "title")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addStretch()
        layout.addWidget(label)
        layout.addStretch()
        return page

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

    def refresh_list(self) -> None:
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
        self.list_dock.select(participant_id)

    def _after_case_write(self, _participant_id: str) -> None:
        """A plan or follow-up write: what is due changes; the list of files does not."""
        self.refresh_pending()
        self.cases.refresh()

    # -- actions ------------------------------------------------------------------------

    def open_participant(self, participant_id: str) -> None:
        self.file_view.open(participant_id)

    def new_participant(self) -> None:
        dialog = NewParticipantDialog(self.services, self.session, self.references, self)
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
        default = Path.home() / f"ficha-{participant.codapel}.pdf"
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

    def manage_users(self) -> None:
        from reinsercion_desktop.ui.admin.users import UsersDialog

        dialog = UsersDialog(self.services, self.session, self)
        dialog.finished.connect(lambda _result: self.refresh_references())
        dialog.open()

    def centre_settings(self) -> None:
        from reinsercion_desktop.ui.admin.centre_settings import CentreSettingsDialog

        dialog = CentreSettingsDialog(self.services, self.session, self)
        dialog.finished.connect(lambda _result: self._viviendas_changed())
        dialog.open()

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

    def manage_centres(self) -> None:
        from reinsercion_desktop.ui.admin.referring_centres import ReferringCentresDialog

        dialog = ReferringCentresDialog(self.services, self.session, self)
        dialog.finished.connect(lambda _result: self.refresh_references())
        dialog.open()

    def show_audit(self) -> None:
        from reinsercion_desktop.ui.admin.audit_viewer import AuditDialog

        participant = self.file_view.participant
        dialog = AuditDialog(
            self.services, self.session, participant.id if participant else None, self
        )
        dialog.open()

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
        return (self.list_dock, self.pending_dock, *self.circuit.docks, *self.cases.docks)

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

    def save_layout(self) -> None:
        self.settings.setValue("main/geometry", self.saveGeometry())
        self.settings.setValue("main/state", self.saveState(STATE_VERSION))
        self.settings.sync()

    def reset_layout(self) -> None:
        for dock, area in (
            (self.list_dock, Qt.DockWidgetArea.LeftDockWidgetArea),
            (self.pending_dock, Qt.DockWidgetArea.RightDockWidgetArea),
        ):
            dock.setFloating(False)
            self.addDockWidget(area, dock)
            dock.show()
        self.circuit.place()
        self.cases.place()
        self.resizeDocks([self.list_dock, self.pending_dock], [640, 280], Qt.Orientation.Horizontal)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if not self.is_locked and not self.file_view.confirm_leave():
            event.ignore()
            return
        if not self.is_locked:
            self.save_layout()
        self.idle_watcher.timer.stop()
        event.accept()
