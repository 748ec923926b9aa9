"""Who is logged in, the clock and the centre: the small value every screen shares.

Built by the launcher after a login, passed to each screen with the services it uses.
It signals `changed` when the centre's data are saved (name, idle lock…), so the window
updates its title and status bar without a screen changing shared state itself.
"""

from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.clock import Clock
from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.services.setup import CentreView


class Session(QObject):
    changed = Signal()

    def __init__(
        self,
        actor: Actor,
        clock: Clock,
        centre: CentreView,
        data_dir: Path,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._actor = actor
        self._centre = centre
        self.clock = clock
        self.data_dir = data_dir  # shown in the status bar and "Acerca de"

    @property
    def actor(self) -> Actor:
        return self._actor

    @property
    def centre(self) -> CentreView:
        return self._centre

    def set_centre(self, centre: CentreView) -> None:
        """The centre's data were saved: every screen that shows them follows."""
        if centre != self._centre:
            self._centre = centre
            self.changed.emit()

    def can(self, role: Role) -> bool:
        return self._actor.can(role)

    def today(self) -> date:
        return self.clock.today()

    @property
    def scratch_dir(self) -> Path:
        """Where previews are written before they are shown (inside the data folder)."""
        return self.data_dir / "tmp"
