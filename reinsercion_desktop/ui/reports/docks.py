"""The Informes dock in the main window, and «Informes e indicadores…» in the Informes menu.

Kept apart from main_window.py like circuit/docks.py: the window owns one `ReportDocks`,
places its dock with the others (the last tab of the left column) and calls `refresh` after
a write.
The report service is asked for only when the dock is first shown.
"""

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMenu

from reinsercion_desktop.ui.reports.reports_dock import ReportsDock
from reinsercion_desktop.ui.tr import tr

if TYPE_CHECKING:
    from reinsercion_desktop.ui.main_window import MainWindow


class ReportDocks(QObject):
    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window
        services = window.services
        self.reports_dock = ReportsDock(
            lambda: services.reports,  # type: ignore[attr-defined]  # services/reports.py, issue 12
            window.session,
            lambda: [(v.code, v.name) for v in services.catalogues.viviendas()],
            window,
        )
        self.reports_action = QAction(tr("Informes e indicadores…"), window)
        self.reports_action.setObjectName("action_reports")
        self.reports_action.triggered.connect(lambda: self.show_reports())

    @property
    def docks(self) -> tuple[QDockWidget, ...]:
        return (self.reports_dock,)

    def add_to_menus(self, view_menu: QMenu, reports_menu: QMenu) -> None:
        view_menu.addAction(self.reports_dock.toggleViewAction())
        reports_menu.addAction(self.reports_action)

    def refresh(self) -> None:
        self.reports_dock.invalidate()

    def show_reports(self) -> ReportsDock:
        self.reports_dock.show()
        self.reports_dock.raise_()
        return self.reports_dock
