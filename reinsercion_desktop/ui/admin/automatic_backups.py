"""The window's automatic copies: after the first login of each day (in the background,
said in the status bar) and when the window closes (a small progress dialog; a failure
is said and the person may stay), also into the second place when it is plugged in.

The day's copy starts 20 s after the window (the start-up and the first look at the
lists go first), in a thread that no widget owns: a running thread deleted with its
window aborts the process, so closing the window waits for it instead.

The second place (a USB stick) is a folder of this PC, kept with the window's own
settings (`ventanas.ini`): a stick's path belongs to a PC, not to the data. When it
has not received a copy for the installation's reminder days (Ajustes of the backups
dialog, 7 unless changed) the status bar says so.
"""

import contextlib
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QProgressBar, QVBoxLayout

from reinsercion_desktop.services.backup_views import BackupSettings
from reinsercion_desktop.ui.admin.backup_worker import BackupWorker
from reinsercion_desktop.ui.tr import tr

if TYPE_CHECKING:
    from reinsercion_desktop.ui.main_window import MainWindow

SECOND_PLACE_KEY = "copias/segundo_lugar"
SECOND_PLACE_USED_KEY = "copias/segundo_lugar_usado"
SECOND_PLACE_DAYS = BackupSettings().reminder_days  # before the centre is set up
DAILY_COPY_DELAY_MS = 20_000
_RUNNING: set[BackupWorker] = set()  # the day's copies under way (see _run_daily_copy)


def second_place(settings: QSettings) -> Path | None:
    value = settings.value(SECOND_PLACE_KEY)
    return Path(str(value)) if value else None


def second_place_reminder(
    settings: QSettings, now: datetime, days: int = SECOND_PLACE_DAYS
) -> str | None:
    """A line for the status bar when the second place has not had a copy for `days` days
    (the installation's setting)."""
    place = second_place(settings)
    if place is None:
        return None
    used = settings.value(SECOND_PLACE_USED_KEY)
    try:
        last = datetime.fromisoformat(str(used)) if used else None
    except ValueError:
        last = None
    if last is not None and (now - last).days < days:
        return None
    return tr(
        "Hace más de {days} días que no se guarda una copia en el segundo lugar ({place}): "
        "conecte el USB."
    ).format(days=days, place=place)


def _automatic_work(window: "MainWindow"):  # type: ignore[no-untyped-def]
    settings = window.settings
    actor = window.session.actor
    place = second_place(settings)

    def work(progress):  # type: ignore[no-untyped-def]
        return window.services.backups.automatic(actor, progress, also_to=place)

    def note(paths: list[Path]) -> None:
        if place is not None and any(path.parent == place for path in paths):
            settings.setValue(SECOND_PLACE_USED_KEY, datetime.now().isoformat(timespec="seconds"))

    return work, note, settings


def start_daily_copy(window: "MainWindow") -> QTimer | None:
    """After the first login of the day: a copy in the background, said in the status bar.
    It starts `DAILY_COPY_DELAY_MS` after the window, so it never competes with the
    start-up and the first look at the lists."""
    if not window.services.backups.due_today():
        return None
    timer = QTimer(window)  # goes with the window: no copy starts after it closed
    timer.setSingleShot(True)
    timer.setInterval(DAILY_COPY_DELAY_MS)
    timer.timeout.connect(lambda: _run_daily_copy(window))
    window.daily_copy_timer = timer  # type: ignore[attr-defined]
    timer.start()
    return timer


def _run_daily_copy(window: "MainWindow") -> None:
    if not window.services.backups.due_today():
        return
    work, note, settings = _automatic_work(window)

    def done(worker: BackupWorker) -> None:
        _RUNNING.discard(worker)
        worker.deleteLater()
        window.daily_copy_worker = None  # type: ignore[attr-defined]
        with contextlib.suppress(RuntimeError):  # the window went meanwhile
            if worker.error is not None:
                QMessageBox.warning(window, tr("Copia de seguridad"), worker.error)
                return
            note(worker.result)
            days = window.services.backups.settings().reminder_days
            reminder = second_place_reminder(settings, datetime.now(), days)
            window.statusBar().showMessage(
                reminder or tr("Copia de seguridad del día hecha y comprobada."), 10000
            )

    # No parent: a running thread must never be deleted with a widget (Qt aborts).
    worker = BackupWorker(work, None, on_done=done)
    _RUNNING.add(worker)
    window.daily_copy_worker = worker  # type: ignore[attr-defined]
    worker.begin()


def wait_for_daily_copy(window: "MainWindow") -> None:
    """Closing: a day's copy not started is not started; one running is waited for."""
    timer = getattr(window, "daily_copy_timer", None)
    running = getattr(window, "daily_copy_worker", None)
    with contextlib.suppress(RuntimeError):  # already deleted: nothing to stop or wait for
        if timer is not None:
            timer.stop()
        if running is not None:
            running.wait()


def copy_on_close(window: "MainWindow") -> bool:
    """The copy made when the window closes, with a small progress dialog; False when it
    failed and the person chose to stay (never lost silently)."""
    wait_for_daily_copy(window)  # the day's copy first: two at once would only be slower
    work, note, _settings = _automatic_work(window)
    dialog = QDialog(window)
    dialog.setWindowTitle(tr("Copia de seguridad"))
    bar = QProgressBar()
    bar.setRange(0, 1000)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(tr("Haciendo la copia de seguridad antes de cerrar…")))
    layout.addWidget(bar)
    loop = QEventLoop()
    worker = BackupWorker(
        work, dialog, on_done=lambda _worker: loop.quit(), on_progress=bar.setValue
    )
    dialog.show()
    worker.begin()
    loop.exec()  # until the worker is done (its end is queued, so it cannot be missed)
    worker.wait()
    dialog.close()
    dialog.deleteLater()
    if worker.error is None:
        note(worker.result)
        return True
    answer = QMessageBox.question(
        window,
        tr("Copia de seguridad"),
        tr(
            "No se pudo hacer la copia de seguridad al cerrar: {error}\n\n¿Cerrar igualmente?"
        ).format(error=worker.error),
    )
    return answer == QMessageBox.StandardButton.Yes
