"""The circuit in the main window: "Lista de espera" and "Ocupación" docks, the "Informes"
menu (Anexo III del mes), and where a click on a "Pendientes" item leads.

Kept apart from main_window.py so the window stays a composition of parts; the window
owns one `CircuitDocks` and calls `refresh` and `open_pending` (it places the docks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDockWidget, QMenu

from reinsercion_desktop.domain.deadlines import Action
from reinsercion_desktop.domain.participant_list import ParticipantRow
from reinsercion_desktop.services.registry import later
from reinsercion_desktop.ui.circuit.occupancy_dock import OccupancyDock
from reinsercion_desktop.ui.circuit.waiting_list_dock import WaitingListDock
from reinsercion_desktop.ui.tr import tr

if TYPE_CHECKING:
    from reinsercion_desktop.services.pending import PendingItem
    from reinsercion_desktop.ui.circuit.anexo_iii import AnexoIIIDialog
    from reinsercion_desktop.ui.main_window import MainWindow

# Which tab of the person's file settles a deadline (absent tabs are skipped).
_FORM_ACTIONS = {Action.CREATE_FORM}
_STAY_ACTIONS = {Action.RECORD_NOTICE, Action.WRITE_JUSTIFICATION, Action.PLAN_OUTINGS}
_REFERRAL_ACTIONS = {Action.RECORD_ADMISSION, Action.MARK_NOT_LOCATED}


class CircuitDocks(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        services, session = window.services, window.session
        # Behind the list until their tab is chosen: their services (and modules) load then.
        self.waiting_dock = WaitingListDock(
            later(services, "waiting_list"), later(services, "occupancy"), session, window
        )
        self.occupancy_dock = OccupancyDock(later(services, "occupancy"), session, window)
        self.anexo_dialog: AnexoIIIDialog | None = None
        self.form_window: QDialog | None = None
        self._rows: list[ParticipantRow] = []
        self._by_id: dict[str, str] | None = None
        self.waiting_dock.names = self.names_by_id
        self.occupancy_dock.names = self.names_by_id
        self.anexo_iii_action = QAction(tr("Anexo III del mes…"), window)
        self.anexo_iii_action.setObjectName("action_anexo_iii")
        self.anexo_iii_action.triggered.connect(lambda: self.ask_anexo_iii())
        self.waiting_dock.participant_chosen.connect(window.open_participant)
        self.occupancy_dock.participant_chosen.connect(window.open_participant)
        self.waiting_dock.changed.connect(self._written)

    @property
    def docks(self) -> tuple[QDockWidget, QDockWidget]:
        return (self.waiting_dock, self.occupancy_dock)

    # -- building ----------------------------------------------------------------------

    def add_to_menus(self, view_menu: QMenu, reports_menu: QMenu) -> None:
        for dock in self.docks:
            view_menu.addAction(dock.toggleViewAction())
        reports_menu.addAction(self.anexo_iii_action)

    # -- data --------------------------------------------------------------------------

    def set_participant_rows(self, rows: list[ParticipantRow]) -> None:
        """The files loaded for the list: names for the docks, looked up without a query."""
        self._rows = rows
        self._by_id = None

    # Built when a dock first needs them after a reload (20,000 names cost ~10 ms).
    def names_by_id(self) -> dict[str, str]:
        if self._by_id is None:
            self._by_id = {row.id: row.full_name for row in self._rows}
        return self._by_id

    def refresh(self) -> None:
        """After a write: the docks on screen reload now, hidden ones when shown."""
        for dock in self.docks:
            dock.invalidate()

    def _written(self, participant_id: str) -> None:
        self.window.refresh_list()
        self.window.refresh_pending()
        self.occupancy_dock.invalidate()
        view = self.window.file_view
        tab = getattr(view, "referrals_tab", None)
        if (
            tab is not None
            and view.participant is not None
            and view.participant.id == participant_id
        ):
            tab.load(participant_id)  # the open file shows the protocol's new status

    # -- Pendientes --------------------------------------------------------------------

    def open_pending(self, item: PendingItem) -> None:
        """Open what settles the item: the month's Anexo III, or the person's file on the
        tab where it is done (Formularios for a report; Estancias, Derivaciones; Plan and
        Seguimiento for case management)."""
        if item.action == Action.CREATE_ANEXO_III:
            self.ask_anexo_iii(item.vivienda_id or None, item.period or None)
            return
        if not item.participant_id:
            return
        self.window.open_participant(item.participant_id)
        view = self.window.file_view
        if view.participant is None or view.participant.id != item.participant_id:
            return  # unsaved edits kept the other file open
        if item.action in _FORM_ACTIONS:
            view.tabs.setCurrentWidget(view.forms_tab)
        elif item.action in _STAY_ACTIONS:
            self._show_tab("stays_tab")
        elif item.action == Action.OPEN_PLAN:
            self._show_tab("plan_tab")
        elif item.action == Action.OPEN_FOLLOW_UP:
            self._show_tab("follow_up_tab")
        elif item.action in _REFERRAL_ACTIONS:
            self._show_tab("referrals_tab")
            self.waiting_dock.show()
            self.waiting_dock.raise_()
            if self.waiting_dock.stale:
                self.waiting_dock.refresh()
            self.waiting_dock.select(item.referral_id)

    def _show_tab(self, name: str) -> None:
        """The file's tab kept as attribute `name`, if this build of the file has it."""
        tab = getattr(self.window.file_view, name, None)
        if tab is not None:
            self.window.file_view.tabs.setCurrentWidget(tab)

    # -- Informes ----------------------------------------------------------------------

    def ask_anexo_iii(
        self, vivienda_id: str | None = None, period: str | None = None
    ) -> AnexoIIIDialog:
        if self.anexo_dialog is not None and self.anexo_dialog.isVisible():
            self.anexo_dialog.raise_()
            return self.anexo_dialog
        # Imported when first asked for: the form window it opens is not needed to start.
        from reinsercion_desktop.ui.circuit.anexo_iii import AnexoIIIDialog

        dialog = AnexoIIIDialog(
            self.window.services.monthly_report,
            self.window.session,
            self.window,
            vivienda_id=vivienda_id,
            period=period,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._anexo_created(dialog))
        dialog.destroyed.connect(lambda *_: self._forget_anexo_dialog(dialog))
        self.anexo_dialog = dialog
        dialog.open()
        return dialog

    def _forget_anexo_dialog(self, dialog: AnexoIIIDialog) -> None:
        if self.anexo_dialog is dialog:
            self.anexo_dialog = None

    def _anexo_created(self, dialog: AnexoIIIDialog) -> None:
        from reinsercion_desktop.ui.circuit.anexo_iii import open_form_window

        if dialog.created is None:
            return
        self.window.refresh_pending()
        self.window.statusBar().showMessage(
            tr("Anexo III creado como borrador: revíselo, fírmelo e imprímalo."), 8000
        )
        self.form_window = open_form_window(
            self.window.services, self.window.session, dialog.created.id, self.window
        )
