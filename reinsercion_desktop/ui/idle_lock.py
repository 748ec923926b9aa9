"""Watches keyboard and mouse for the whole application and asks for the lock when idle."""

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from reinsercion_desktop.domain.clock import Clock
from reinsercion_desktop.security.idle import IdlePolicy

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


class IdleWatcher(QObject):
    """Install on the QApplication; emits `idle` once per idle period."""

    idle = Signal()

    def __init__(self, minutes: int, clock: Clock, parent: QObject | None = None):
        super().__init__(parent)
        self.clock = clock
        self.policy = IdlePolicy(minutes, clock.now())
        self.paused = False
        self.timer = QTimer(self)
        self.timer.setInterval(15_000)
        self.timer.timeout.connect(self.check)
        if minutes > 0:
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in _ACTIVITY and not self.paused:
            self.policy.touch(self.clock.now())
        return False

    def check(self) -> None:
        if not self.paused and self.policy.should_lock(self.clock.now()):
            self.paused = True
            self.idle.emit()

    def resume(self) -> None:
        self.policy.touch(self.clock.now())
        self.paused = False
