"""Watches keyboard and mouse in the application's windows and asks for the lock when idle.

The filter sits on each top-level QWindow, where input arrives before Qt hands it to
a widget, not on the whole application: an application-wide filter in Python would
also see every paint, layout and child event and slow every screen down.
"""

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow

from reinsercion_desktop.domain.clock import Clock
from reinsercion_desktop.security.idle import IdlePolicy

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


class IdleWatcher(QObject):
    """Emits `idle` once per idle period; `watch_windows` follows every window that gets focus."""

    idle = Signal()

    def __init__(self, minutes: int, clock: Clock, parent: QObject | None = None):
        super().__init__(parent)
        self.clock = clock
        self.policy = IdlePolicy(minutes, clock.now())
        self.paused = False
        self._watched: set[int] = set()
        self.timer = QTimer(self)
        self.timer.setInterval(15_000)
        self.timer.timeout.connect(self.check)
        if minutes > 0:
            self.timer.start()

    def watch_windows(self, app: QGuiApplication) -> None:
        for window in app.topLevelWindows():
            self.watch(window)
        app.focusWindowChanged.connect(self.watch)

    def watch(self, window: QWindow | None) -> None:
        if window is not None and id(window) not in self._watched:
            self._watched.add(id(window))
            window.installEventFilter(self)
            window.destroyed.connect(lambda *_: self._watched.discard(id(window)))

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
