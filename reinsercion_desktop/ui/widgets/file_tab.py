"""The base of the participant file's tabs: each reads its records only when in sight.

Opening a file hands every tab the person; only the tab on screen reads now, the others
when first shown. Subclasses define `refresh()` (read and show; it clears `stale`).
"""

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget


class FileTab(QWidget):
    refresh: Callable[[], None]  # each tab's own: read and show the records, clear `stale`

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.participant_id: str | None = None
        self.stale = False  # given a person while out of sight: read when shown

    def load(self, participant_id: str) -> None:
        """Show a person's records; read now if the tab is in sight, else when shown."""
        self.participant_id = participant_id
        self.stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self.stale:
            self.refresh()
