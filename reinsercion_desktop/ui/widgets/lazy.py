"""Load when first shown, refresh when stale: the docks and the file's tabs.

Reading what nobody looks at makes the window slow (a waiting list of 1,700 protocols,
a caseload of 478 people, a plan tree…). So a dock or a tab is told when its records
changed (`invalidate`, or `load` for a file's tab) and reads them only when it is on
screen: now if it is, else when next shown. Subclasses define `refresh()`: read and
show; the base clears `stale` before calling it.
"""

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDockWidget, QWidget


class LazyDock(QDockWidget):
    """A dock that reads its records when it is on screen and they changed."""

    refresh: Callable[[], None]  # each dock's own: read and show the records

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.stale = True
        self.on_screen = False
        self.visibilityChanged.connect(self._shown)

    def invalidate(self) -> None:
        """The records changed: reload now if on screen, else when next shown."""
        self.stale = True
        if self.on_screen:
            self.reload()

    def reload(self) -> None:
        self.stale = False
        self.refresh()

    def _shown(self, visible: bool) -> None:
        # Qt 6 keeps a tabified dock that is not in front "visible" (moved off screen),
        # so visibilityChanged is the one reliable signal of being on screen.
        self.on_screen = visible
        if visible and self.stale:
            self.reload()


class LazyTab(QWidget):
    """A tab of the participant file: given the person, it reads only when in sight."""

    refresh: Callable[[], None]  # each tab's own: read and show the records

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.participant_id: str | None = None
        self.stale = False  # given a person while out of sight: read when shown

    def load(self, participant_id: str) -> None:
        """Show a person's records; read now if the tab is in sight, else when shown."""
        self.participant_id = participant_id
        self.stale = True
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        self.stale = False
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self.stale:
            self.reload()
