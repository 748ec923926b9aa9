"""The thread that runs long work off the UI thread: a copy made, checked or restored
(copias de seguridad: `ui/admin/backups.py`, `ui/admin/automatic_backups.py`), a bundle
made or taken (intercambio: `ui/exchange/`)."""

import contextlib
import logging
import os
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, QTimer

from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.error_reports import log_unexpected, unexpected_message
from reinsercion_desktop.services.backup_files import BackupCancelled

log = logging.getLogger(__name__)


class BackupWorker(QThread):
    """Runs `work(progress)` in its own thread; `progress` raises BackupCancelled once
    `cancel()` was called, so the service stops and removes what it had written.

    It emits no Python signal from the thread: PySide6 6.12's `Signal.emit` drops a
    reference to `True` at every call, and a copy reports progress hundreds of times (the
    process aborted, «bool_dealloc»). The thread only sets attributes; the UI thread
    reads the progress with a timer and hears the end from QThread's own `finished`
    (emitted by Qt), then calls `on_done(worker)`.
    """

    def __init__(
        self,
        work: Callable[[Callable[[int, int], None]], Any],
        parent: Any = None,
        *,
        on_done: Callable[["BackupWorker"], None] | None = None,
        on_progress: Callable[[int], None] | None = None,
        cancel_error: Callable[[], Exception] | None = BackupCancelled,
    ):
        """`cancel_error` is what `progress` raises once cancelled; None for a service that
        polls `is_cancelled` itself (the exchange: it says what was cancelled)."""
        super().__init__(parent)
        self.work = work
        self.cancel_error = cancel_error
        self.on_done, self.on_progress = on_done, on_progress
        self.per_mille = 0
        self.result: Any = None
        self.error: str | None = None
        self._cancelled = threading.Event()
        self.timer = QTimer(self)
        self.timer.setInterval(100)
        self.timer.timeout.connect(self._tick)
        self.finished.connect(self._report)  # queued to the UI thread, where self lives

    def begin(self) -> None:
        self.timer.start()
        self.start()

    def cancel(self) -> None:
        self._cancelled.set()

    def is_cancelled(self) -> bool:
        """Polled by the work from its thread (an Event: safe across threads)."""
        return self._cancelled.is_set()

    def _progress(self, done: int, total: int) -> None:
        if self._cancelled.is_set() and self.cancel_error is not None:
            raise self.cancel_error()
        self.per_mille = int(1000 * done / max(total, 1))

    def _tick(self) -> None:
        if self.on_progress is not None:
            self.on_progress(self.per_mille)

    def _report(self) -> None:
        self.timer.stop()
        if self.on_done is not None:
            self.on_done(self)

    def run(self) -> None:  # noqa: D102 (Qt override)
        _yield_to_the_window()
        try:
            self.result = self.work(self._progress)
        except UserError as error:
            self.error = str(error)
        except Exception as error:  # noqa: BLE001 - the person gets a reference, not a trace
            self.error = unexpected_message(log_unexpected(error, log))


def _yield_to_the_window() -> None:
    """Lower this thread's priority (Linux: a thread's own nice value, inherited by the
    threads it starts), so that on a busy PC the window's thread gets the processor
    first and does not stall while a copy is checked."""
    if hasattr(os, "setpriority") and sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
