"""Tabs whose pages scroll instead of widening the window.

A page that needs more room than the screen gives (the plan's objectives and their
buttons, a long form) would otherwise raise the window's minimum size past a 1366×768
laptop and be cut off. Each page sits in a scroll area: narrower or shorter than the
page's own minimum, it scrolls; wider, the page stretches as before. The tab bar
itself scrolls when its labels do not fit.

The pages are still the widgets given to `addTab`: `currentWidget`, `setCurrentWidget`,
`widget(i)` and `indexOf` speak of them, never of the scroll areas around them.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QWidget


class ScrollingTabs(QTabWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setUsesScrollButtons(True)
        self.tabBar().setExpanding(False)
        self.setElideMode(Qt.TextElideMode.ElideNone)

    def addTab(self, page: QWidget, label: str) -> int:  # type: ignore[override]  # noqa: N802
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(page)
        return super().addTab(area, label)

    def widget(self, index: int) -> QWidget | None:  # type: ignore[override]
        area = super().widget(index)
        return area.widget() if isinstance(area, QScrollArea) else area

    def currentWidget(self) -> QWidget | None:  # type: ignore[override]  # noqa: N802
        return self.widget(self.currentIndex())

    def indexOf(self, page: QWidget) -> int:  # type: ignore[override]  # noqa: N802
        for index in range(self.count()):
            if self.widget(index) is page:
                return index
        return -1

    def setCurrentWidget(self, page: QWidget) -> None:  # type: ignore[override]  # noqa: N802
        index = self.indexOf(page)
        if index >= 0:
            self.setCurrentIndex(index)
