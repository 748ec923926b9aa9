"""Dock «Informes»: choose a report and its period (and a vivienda for the Anexo III), see
its tables with their notes and charts, and save it as PDF, CSV or XLSX.

Building and saving run off the UI thread (the backups' worker) with a busy bar and
«Cancelar»: a cancelled build is dropped when it ends, a cancelled save leaves no file
(it is written beside the target under a «-parcial» name and moved into place only when
whole). The dock shows staff the exact counts; the files protect small counts unless a
responsable asks for an internal copy (the service decides, and its refusal is shown).

The report service is reached through `reports()` when the dock is first shown, never at
start-up (the window's start-up imports no report builder, nor matplotlib).
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import shiboken6
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.domain.errors import UserError, describe_os_error
from reinsercion_desktop.error_reports import log_unexpected, unexpected_message
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.files import documents_dir, safe_file_name
from reinsercion_desktop.ui.widgets.inputs import ComboBox
from reinsercion_desktop.ui.widgets.lazy import LazyDock

if TYPE_CHECKING:
    from reinsercion_desktop.domain.periods import Period, PeriodKind
    from reinsercion_desktop.domain.report_table import Report
    from reinsercion_desktop.ui.admin.backup_worker import BackupWorker

log = logging.getLogger(__name__)
_RUNNING: set[BackupWorker] = set()  # builds and saves under way, the cancelled ones too


class ReportChoiceLike(Protocol):
    """What `ReportService.names()` lists (services/reports.py ReportChoice)."""

    key: str
    title: str
    period_kinds: tuple[PeriodKind, ...]
    needs_vivienda: bool
    formats: tuple[str, ...]


class ReportSource(Protocol):
    """The part of `ReportService` the dock uses."""

    def names(self) -> Sequence[Any]: ...

    def build(
        self, actor: Any, name: str, period: Period, *, vivienda_code: str | None = None
    ) -> Report: ...

    def export(
        self,
        actor: Any,
        name: str,
        period: Period,
        fmt: str,
        target: Path,
        *,
        vivienda_code: str | None = None,
        exact: bool = False,
    ) -> Path: ...


def format_filter(fmt: str) -> str:
    return {
        "pdf": tr("PDF (*.pdf)"),
        "csv": tr("CSV para Excel (*.csv)"),
        "xlsx": tr("Libro de Excel (*.xlsx)"),
    }.get(fmt, f"{fmt.upper()} (*.{fmt})")


def suggested_name(key: str, period: Period, vivienda_code: str | None, fmt: str) -> str:
    """«anexo-ii-mensual-2026-11.pdf»: the report and its period, never a person."""
    parts = [key, period.code, *([vivienda_code] if vivienda_code else [])]
    return safe_file_name("-".join(parts)) + f".{fmt}"


def partial_path(target: Path) -> Path:
    """Where a save is written before it is whole (same folder: the move is atomic)."""
    return target.with_name(f"~{target.stem}-parcial{target.suffix}")


class ReportsDock(LazyDock):
    def __init__(
        self,
        reports: Callable[[], ReportSource],
        session: Session,
        viviendas: Callable[[], Sequence[tuple[str, str]]] = tuple,
        parent: QWidget | None = None,
    ):
        """`reports()` gives the report service; `viviendas()` (code, name) pairs."""
        super().__init__(tr("Informes"), parent)
        self.setObjectName("dock_reports")
        self.reports, self.session, self.viviendas = reports, session, viviendas
        self.choices: list[Any] = []
        self.worker: BackupWorker | None = None  # the work the dock waits for
        # Every worker still running (a cancelled one ends in its thread) → what it does.
        self.jobs: dict[BackupWorker, dict[str, Any]] = {}
        self.saved: Path | None = None
        self.built = False  # the content is made when the dock is first on screen

    def _build(self) -> None:
        """The dock's content, and the modules it needs, the first time it is on screen:
        a tab behind the list costs the window's start-up nothing."""
        from reinsercion_desktop.ui.reports.period_picker import PeriodPicker
        from reinsercion_desktop.ui.reports.report_view import ReportView

        self.built = True
        session = self.session
        self.report_combo = ComboBox()
        self.report_combo.setObjectName("report_choice")
        self.period_picker = PeriodPicker(session.today())
        self.vivienda_combo = ComboBox()
        self.vivienda_combo.setObjectName("report_vivienda")
        self.vivienda_label = QLabel(tr("Vivienda"))
        self.view_button = QPushButton(tr("Ver"))
        self.view_button.setObjectName("report_view_button")
        set_role(self.view_button, "primary")
        self.save_button = QPushButton(tr("Guardar como…"))
        self.save_button.setObjectName("report_save_button")
        self.exact_check = QCheckBox(tr("Copia interna con cifras exactas"))
        self.exact_check.setObjectName("report_exact_check")
        self.exact_check.setToolTip(
            tr("Sin «<5»: cada página lo indica. Solo para uso interno del centro.")
        )
        self.exact_check.setVisible(session.can(Role.RESPONSABLE))
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 0)  # the services say nothing of their progress
        self.progress_bar.setMaximumHeight(12)
        self.progress_bar.setTextVisible(False)
        self.cancel_button = QPushButton(tr("Cancelar"))
        self.cancel_button.setObjectName("report_cancel_button")
        self.status_label = QLabel()
        self.status_label.setObjectName("report_status")
        self.status_label.setWordWrap(True)
        self.status_label.hide()  # until there is something to say
        self.report_view = ReportView()

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(tr("Informe"), self.report_combo)
        form.addRow(tr("Período"), self.period_picker)
        form.addRow(self.vivienda_label, self.vivienda_combo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.view_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch()
        busy = QHBoxLayout()
        busy.addWidget(self.progress_bar, 1)
        busy.addWidget(self.cancel_button)
        self.busy_row = QWidget()
        self.busy_row.setLayout(busy)
        busy.setContentsMargins(0, 0, 0, 0)
        self.busy_row.hide()
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.exact_check)
        layout.addWidget(self.busy_row)
        layout.addWidget(self.status_label)
        layout.addWidget(self.report_view, 1)
        self.setWidget(body)

        self.report_combo.currentIndexChanged.connect(self._choice_changed)
        self.view_button.clicked.connect(self.build)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.cancel)
        self._set_idle(True)  # nothing to build before the reports are listed

    # -- choosing ------------------------------------------------------------------------

    def refresh(self) -> None:
        """First shown: the reports on offer; after a write: the viviendas again."""
        if not self.built:
            self._build()
        current = self.vivienda_combo.currentData()
        self.vivienda_combo.clear()
        self.vivienda_combo.addItem(tr("Todas las viviendas"), None)
        for code, name in self.viviendas():
            self.vivienda_combo.addItem(tr("{name} ({code})").format(name=name, code=code), code)
        self.vivienda_combo.setCurrentIndex(max(self.vivienda_combo.findData(current), 0))
        if not self.choices:
            try:
                self.choices = list(self.reports().names())
            except UserError as error:
                self.say(str(error), error=True)
                return
            except Exception as error:  # noqa: BLE001 - the window stays; a reference, no trace
                self.stale = True  # asked again when next shown
                self.say(unexpected_message(log_unexpected(error, log)), error=True)
                return
            self.report_combo.blockSignals(True)
            self.report_combo.clear()
            for choice in self.choices:
                self.report_combo.addItem(choice.title, choice.key)
            self.report_combo.blockSignals(False)
            self.say("")
            self._choice_changed()

    def choice(self) -> Any:
        index = self.report_combo.currentIndex()
        return self.choices[index] if 0 <= index < len(self.choices) else None

    def choose(self, key: str, period: Period | None = None) -> None:
        """Select a report (and a period), as a person would."""
        if self.stale:
            self.reload()
        self.report_combo.setCurrentIndex(max(self.report_combo.findData(key), 0))
        if period is not None:
            self.period_picker.set_period(period)

    def vivienda_code(self) -> str | None:
        choice = self.choice()
        if choice is None or not choice.needs_vivienda:
            return None
        return self.vivienda_combo.currentData()

    def _choice_changed(self, *_args: object) -> None:
        choice = self.choice()
        needs = bool(choice and choice.needs_vivienda)
        self.vivienda_label.setVisible(needs)
        self.vivienda_combo.setVisible(needs)
        if choice is not None:
            self.period_picker.set_kinds(choice.period_kinds)
        self._set_idle(self.worker is None)

    def _set_idle(self, idle: bool) -> None:
        choice = self.choice()
        self.view_button.setEnabled(idle and choice is not None)
        self.save_button.setEnabled(idle and bool(choice and choice.formats))
        self.report_combo.setEnabled(idle)
        self.busy_row.setVisible(not idle)

    def say(self, text: str, *, error: bool = False) -> None:
        set_role(self.status_label, "error" if error else "hint")
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))

    # -- building ------------------------------------------------------------------------

    def build(self) -> None:
        choice = self.choice()
        if choice is None or self.worker is not None:
            return
        service, actor = self.reports(), self.session.actor
        key, period, vivienda = choice.key, self.period_picker.period(), self.vivienda_code()

        def work(_progress: Callable[[int, int], None]) -> Report:
            return service.build(actor, key, period, vivienda_code=vivienda)

        self._start(work, {"kind": "build"})
        self.say(
            tr("Calculando «{title}», {period}…").format(title=choice.title, period=period.label)
        )

    # -- saving --------------------------------------------------------------------------

    def save(self) -> None:
        choice = self.choice()
        if choice is None or self.worker is not None or not choice.formats:
            return
        period, vivienda = self.period_picker.period(), self.vivienda_code()
        filters = [format_filter(fmt) for fmt in choice.formats]
        default = documents_dir() / suggested_name(choice.key, period, vivienda, choice.formats[0])
        path, chosen = QFileDialog.getSaveFileName(
            self, tr("Guardar el informe"), str(default), ";;".join(filters), filters[0]
        )
        if not path:
            return
        target = Path(path)
        fmt = target.suffix.lower().lstrip(".")
        if fmt not in choice.formats:  # no or another extension: the filter chosen says
            fmt = choice.formats[filters.index(chosen)] if chosen in filters else choice.formats[0]
            target = target.with_name(f"{target.name}.{fmt}")
        self.save_to(target, fmt)

    def save_to(self, target: Path, fmt: str) -> None:
        """Write the chosen report to `target` off the UI thread (protected by default)."""
        choice = self.choice()
        if choice is None or self.worker is not None:
            return
        service, actor = self.reports(), self.session.actor
        key, period, vivienda = choice.key, self.period_picker.period(), self.vivienda_code()
        exact = self.exact_check.isVisible() and self.exact_check.isChecked()
        partial = partial_path(target)

        def work(_progress: Callable[[int, int], None]) -> Path:
            return service.export(
                actor, key, period, fmt, partial, vivienda_code=vivienda, exact=exact
            )

        self._start(work, {"kind": "save", "target": target, "partial": partial})
        self.say(tr("Guardando {name}…").format(name=target.name))

    # -- the worker ----------------------------------------------------------------------

    def _start(self, work: Callable[[Callable[[int, int], None]], Any], job: dict) -> None:
        # No parent: a running thread must never be deleted with a widget (Qt aborts);
        # `_RUNNING` keeps it alive until it has ended, even if the dock went first.
        from reinsercion_desktop.ui.admin.backup_worker import BackupWorker

        worker = BackupWorker(work, None, on_done=self._done)
        _RUNNING.add(worker)
        self.jobs[worker] = job
        self.worker = worker
        self._set_idle(False)
        worker.begin()

    def cancel(self) -> None:
        """Stop waiting: the work ends in its thread and what it made is thrown away."""
        if self.worker is None:
            return
        self.jobs[self.worker]["cancelled"] = True
        self.worker = None
        self._set_idle(True)
        self.say(tr("Cancelado."))

    def _done(self, worker: BackupWorker) -> None:
        _RUNNING.discard(worker)
        worker.wait()  # `finished` comes as the thread ends: let it be over before deleting
        worker.deleteLater()
        job = self.jobs.pop(worker, {})
        if job.get("cancelled"):
            if job.get("kind") == "save":  # nothing half-written stays behind
                with contextlib.suppress(OSError):
                    job["partial"].unlink(missing_ok=True)
            return
        if not shiboken6.isValid(self):  # the window closed while it worked
            return
        self.worker = None
        self._set_idle(True)
        if worker.error is not None:
            self.say(worker.error, error=True)
            return
        if job["kind"] == "build":
            self.report_view.show_report(worker.result)
            self.say(tr("Listo. Cifras exactas: uso interno del centro."))
            return
        self._finish_save(worker, job["target"])

    def _finish_save(self, worker: BackupWorker, target: Path) -> None:
        written = Path(worker.result) if worker.result else partial_path(target)
        try:
            os.replace(written, target)
        except OSError as error:
            with contextlib.suppress(OSError):
                written.unlink(missing_ok=True)
            reason = describe_os_error(error)
            self.say(
                tr("No se pudo guardar el informe: {reason}.").format(reason=reason), error=True
            )
            return
        self.saved = target
        self.say(tr("Guardado en {path}").format(path=target))
