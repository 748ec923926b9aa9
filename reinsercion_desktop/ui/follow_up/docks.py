"""Case management in the main window: the "Mi cartera de casos" dock and the resource
catalogue (with its monthly bulletin) in the menus.

Kept apart from main_window.py like circuit/docks.py: the window owns one `CaseDocks`
and calls `add_to_menus` and `refresh` (the window places the docks).
"""

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDockWidget, QMenu

from reinsercion_desktop.services.registry import later
from reinsercion_desktop.ui.follow_up.caseload_dock import CaseloadDock
from reinsercion_desktop.ui.tr import tr

if TYPE_CHECKING:
    from reinsercion_desktop.ui.main_window import MainWindow


class CaseDocks(QObject):
    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window
        # Its service (and module) loads when the tab is first chosen.
        self.caseload_dock = CaseloadDock(
            later(window.services, "caseload"), window.session, window
        )
        self.caseload_dock.open_participant.connect(window.open_participant)
        self.resources_dialog: QDialog | None = None
        self.resources_action = QAction(tr("Catálogo de recursos…"), window)
        self.resources_action.setObjectName("action_resources")
        self.resources_action.triggered.connect(self.show_resources)

    @property
    def docks(self) -> tuple[QDockWidget, ...]:
        return (self.caseload_dock,)

    def add_to_menus(self, view_menu: QMenu, case_menu: QMenu) -> None:
        view_menu.addAction(self.caseload_dock.toggleViewAction())
        case_menu.addAction(self.resources_action)

    def refresh(self) -> None:
        self.caseload_dock.invalidate()

    def show_resources(self) -> None:
        from reinsercion_desktop.ui.resources.catalogue_dialog import ResourcesDialog

        if self.resources_dialog is None:
            self.resources_dialog = ResourcesDialog(
                self.window.services.resources, self.window.session, self.window
            )
            self.resources_dialog.finished.connect(self._resources_closed)
        self.resources_dialog.open()
        self.resources_dialog.raise_()

    def _resources_closed(self, _result: int) -> None:
        # The catalogue may have changed: the open file's resource list shows it next time.
        self.resources_dialog = None
        view = self.window.file_view
        if view.participant is not None:  # a file is open: its page (and panel) is built
            view.resources_panel.load(view.participant.id)
