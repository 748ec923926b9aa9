"""One piece of exchange work at a time (a bundle made, previewed or imported) off the UI
thread, with its progress bar and «Cancelar».

It runs on the application's one worker thread (`ui/admin/backup_worker.py`): the
exchange services poll `cancelled()` themselves and raise ExchangeCancelled, whose
Spanish line says what was cancelled, so the worker raises nothing of its own.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from reinsercion_desktop.ui.admin.backup_worker import BackupWorker
from reinsercion_desktop.ui.tr import tr

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class ExchangeRunner:
    """The progress row of the Intercambio screen and the work it shows."""

    def __init__(self, parent: QWidget, on_busy: Callable[[bool], None]):
        self.parent = parent
        self.on_busy = on_busy  # a callback, not a Signal(bool): see BackupWorker's note
        self.worker: BackupWorker | None = None
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("exchange_progress_bar")
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setVisible(False)
        self.cancel_button = QPushButton(tr("Cancelar"))
        self.cancel_button.setObjectName("exchange_cancel_button")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.row = QHBoxLayout()
        self.row.addWidget(self.progress_bar, 1)
        self.row.addWidget(self.cancel_button)

    @property
    def busy(self) -> bool:
        return self.worker is not None

    def start(
        self,
        work: Callable[[Progress, Cancelled], Any],
        on_result: Callable[[Any], None],
        on_error: Callable[[str], None],
    ) -> bool:
        """Run `work(progress, cancelled)`; then `on_result(result)` or `on_error(line)`
        on the UI thread. False if other work is still running."""
        if self.worker is not None:
            return False

        def done(worker: BackupWorker) -> None:
            self.worker = None
            worker.deleteLater()
            self._show(False)
            if worker.error is not None:
                on_error(worker.error)
            else:
                on_result(worker.result)

        worker = BackupWorker(
            lambda progress: work(progress, worker.is_cancelled),
            self.parent,
            on_done=done,
            on_progress=self.progress_bar.setValue,
            cancel_error=None,
        )
        self.worker = worker
        self._show(True)
        worker.begin()
        return True

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.cancel_button.setEnabled(False)  # said once; the work stops at its next step

    def wait_idle(self, msecs: int = 60000) -> None:
        """Tests and the close of the screen: until the current work has ended."""
        if self.worker is not None:
            self.worker.wait(msecs)

    def _show(self, busy: bool) -> None:
        self.progress_bar.setValue(0)
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self.on_busy(busy)
