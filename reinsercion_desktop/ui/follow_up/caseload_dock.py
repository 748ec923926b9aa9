"""Dock "Mi cartera de casos": a case manager's people, overdue objectives in red, the next
appointments; double-click or Enter opens the person's file.

Rows, order and the summary come from the caseload service; the dock reloads only while
it is on screen (a hidden tab is marked stale and reloads when shown), like the waiting
list. The list is the shared rows model: a dock 340 px wide shows the first columns and
scrolls sideways for the rest.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.inputs import ComboBox
from reinsercion_desktop.ui.widgets.lazy import LazyDock
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel, RowsTableView

if TYPE_CHECKING:
    from reinsercion_desktop.services.caseload import CaseloadRow, CaseloadService

WHO, STATUS, VIVIENDA, PLAN, OPEN, OVERDUE, APPOINTMENT, TASKS, WORK = range(9)


def _appointment(row: CaseloadRow) -> str:
    if row.next_appointment is None:
        return ""
    time = f" {row.next_appointment_time}" if row.next_appointment_time else ""
    return format_date_es(row.next_appointment) + time


def _late(row: CaseloadRow) -> str | None:
    return "alert" if row.overdue_objectives else None


class CaseloadModel(RowsTableModel["CaseloadRow"]):
    """The caseload's rows; `today` makes today's appointments bold."""

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        self.today = date.min
        columns = (
            Column["CaseloadRow"](tr("Participante"), lambda r: r.who, tone=_late, max_width=220),
            Column["CaseloadRow"](tr("Situación"), lambda r: r.status, max_width=140),
            Column["CaseloadRow"](tr("Vivienda"), lambda r: r.vivienda, max_width=160),
            Column["CaseloadRow"](tr("Plan"), lambda r: r.plan, max_width=200),
            Column["CaseloadRow"](
                tr("Objetivos abiertos"),
                lambda r: str(r.open_objectives),
                sort_key=lambda r: r.open_objectives,
                align="right",
            ),
            Column["CaseloadRow"](
                tr("Vencidos"),
                lambda r: str(r.overdue_objectives),
                sort_key=lambda r: r.overdue_objectives,
                tooltip=lambda r: (
                    tr("Objetivos abiertos con el plazo ya pasado (R-PLAN-4)")
                    if r.overdue_objectives
                    else None
                ),
                tone=_late,
                bold=lambda r: bool(r.overdue_objectives),
                align="right",
            ),
            Column["CaseloadRow"](
                tr("Próxima cita"),
                _appointment,
                sort_key=lambda r: (r.next_appointment or date.max, r.next_appointment_time),
                bold=lambda r: r.next_appointment == self.today,
            ),
            Column["CaseloadRow"](
                tr("Tareas de mesa"),
                lambda r: str(r.open_tasks) if r.open_tasks else "",
                sort_key=lambda r: r.open_tasks,
                align="right",
            ),
            Column["CaseloadRow"](
                tr("Empleo"), lambda r: tr("Sí") if r.employed else "", align="centre"
            ),
        )
        super().__init__(columns, parent)


class CaseloadDock(LazyDock):
    open_participant = Signal(str)  # the participant id, on double-click or Enter

    def __init__(self, caseload: CaseloadService, session: Session, parent: QWidget | None = None):
        super().__init__(tr("Mi cartera de casos"), parent)
        self.caseload = caseload
        self.session = session
        self.setObjectName("dock_caseload")
        self.rows: list[CaseloadRow] = []

        self.manager_combo = ComboBox()
        self.manager_combo.setObjectName("case_manager_combo")
        self.manager_combo.setMinimumContentsLength(12)
        self.manager_combo.setSizeAdjustPolicy(
            ComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.manager_combo.setEnabled(False)  # filled when the dock is first on screen
        self.summary_label = QLabel()
        self.summary_label.setObjectName("caseload_summary")
        self.summary_label.setWordWrap(True)
        font = self.summary_label.font()
        font.setBold(True)
        self.summary_label.setFont(font)
        self.hint_label = QLabel(tr("Doble clic o Intro abre la ficha."))
        self.hint_label.setWordWrap(True)
        set_role(self.hint_label, "hint")
        self.model = CaseloadModel(self)
        self.table_view = RowsTableView(self.model, "caseload_table")
        self.table_view.row_activated.connect(self._chosen)  # Enter, and double-click
        self.manager_combo.currentIndexChanged.connect(lambda _index: self.refresh())

        chooser = QHBoxLayout()
        label = QLabel(tr("Gestor/a de caso"))
        label.setBuddy(self.manager_combo)
        label.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        chooser.addWidget(label)
        chooser.addWidget(self.manager_combo, 1)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(chooser)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table_view, 1)
        layout.addWidget(self.hint_label)
        self.setWidget(body)

    @property
    def case_manager_id(self) -> str:
        return self.manager_combo.currentData() or self.session.actor.user_id

    def _fill_managers(self) -> None:
        """The case managers this user may look at: read when first needed, not while the
        window starts (the dock is a tab behind the list until chosen)."""
        if self.manager_combo.count():
            return
        self.manager_combo.blockSignals(True)
        for user_id, name in self.caseload.choices(self.session.actor):
            self.manager_combo.addItem(name, user_id)
        self.manager_combo.blockSignals(False)
        self.manager_combo.setEnabled(self.manager_combo.count() > 1)

    def select_case_manager(self, user_id: str) -> bool:
        self._fill_managers()
        index = self.manager_combo.findData(user_id)
        if index >= 0:
            self.manager_combo.setCurrentIndex(index)
        return index >= 0

    # -- loading -------------------------------------------------------------------------

    def refresh(self) -> None:
        self._fill_managers()
        today = self.session.today()
        self.rows = self.caseload.rows(self.session.actor, self.case_manager_id, today)
        self.stale = False
        self.model.today = today
        self.model.set_rows(self.rows)
        from reinsercion_desktop.services.caseload import summary

        self.summary_label.setText(summary(self.rows, today))

    def _chosen(self, row: CaseloadRow) -> None:
        self.open_participant.emit(row.participant_id)
