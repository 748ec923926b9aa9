"""Dock "Mi cartera de casos": a case manager's people, overdue objectives in red, the next
appointments; double-click or Enter opens the person's file.

Rows, order and the summary come from `services.caseload`; the dock reloads only while it
is on screen (a hidden tab is marked stale and reloads when shown), like the waiting list.
"""

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.services.caseload import (
    CaseloadRow,
    summary,
)
from reinsercion_desktop.services.registry import Services
from reinsercion_desktop.ui.circuit.waiting_list_dock import table_view
from reinsercion_desktop.ui.circuit.waiting_list_model import ALERT, PlainRowsModel, bold_font
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.inputs import ComboBox
from reinsercion_desktop.ui.widgets.lazy import LazyDock

WHO, STATUS, VIVIENDA, PLAN, OPEN, OVERDUE, APPOINTMENT, TASKS, WORK = range(9)


class CaseloadModel(PlainRowsModel):
    HEADERS = (
        tr("Participante"),
        tr("Situación"),
        tr("Vivienda"),
        tr("Plan"),
        tr("Objetivos abiertos"),
        tr("Vencidos"),
        tr("Próxima cita"),
        tr("Tareas de mesa"),
        tr("Empleo"),
    )
    RIGHT = frozenset({OPEN, OVERDUE, TASKS})
    CENTRED = frozenset({WORK})

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.today = date.min

    def cell(self, row: CaseloadRow, column: int) -> str:
        if column == WHO:
            return row.who
        if column == STATUS:
            return row.status
        if column == VIVIENDA:
            return row.vivienda
        if column == PLAN:
            return row.plan
        if column == OPEN:
            return str(row.open_objectives)
        if column == OVERDUE:
            return str(row.overdue_objectives)
        if column == APPOINTMENT:
            if row.next_appointment is None:
                return ""
            time = f" {row.next_appointment_time}" if row.next_appointment_time else ""
            return format_date_es(row.next_appointment) + time
        if column == TASKS:
            return str(row.open_tasks) if row.open_tasks else ""
        return tr("Sí") if row.employed else ""

    def colour(self, row: CaseloadRow, column: int) -> QColor | None:
        if row.overdue_objectives and column in (WHO, OVERDUE):
            return ALERT
        return None

    def font(self, row: CaseloadRow, column: int) -> QFont | None:
        if column == OVERDUE and row.overdue_objectives:
            return bold_font()
        if column == APPOINTMENT and row.next_appointment == self.today:
            return bold_font()
        return None

    def tooltip(self, row: CaseloadRow, column: int) -> str | None:
        if column == OVERDUE and row.overdue_objectives:
            return tr("Objetivos abiertos con el plazo ya pasado (R-PLAN-4)")
        return None


class CaseloadDock(LazyDock):
    open_participant = Signal(str)  # the participant id, on double-click or Enter

    def __init__(self, services: Services, session: Session, parent: QWidget | None = None):
        super().__init__(tr("Mi cartera de casos"), parent)
        self.services = services
        self.session = session
        self.setObjectName("dock_caseload")
        self.setMinimumWidth(420)
        self.rows: list[CaseloadRow] = []

        self.manager_combo = ComboBox()
        self.manager_combo.setObjectName("case_manager_combo")
        for user_id, name in services.caseload.choices(session.actor):
            self.manager_combo.addItem(name, user_id)
        self.manager_combo.setEnabled(self.manager_combo.count() > 1)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("caseload_summary")
        self.summary_label.setFont(bold_font())
        self.hint_label = QLabel(tr("Doble clic o Intro abre la ficha."))
        set_role(self.hint_label, "hint")
        self.model = CaseloadModel(self)
        self.table_view = table_view(
            self.model, "caseload_table", (200, 90, 120, 170, 70, 70, 110, 70, 60)
        )
        self.table_view.activated.connect(self._chosen)  # Enter, and double-click
        self.manager_combo.currentIndexChanged.connect(lambda _index: self.refresh())

        chooser = QHBoxLayout()
        label = QLabel(tr("Gestor/a de caso"))
        label.setBuddy(self.manager_combo)
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

    def select_case_manager(self, user_id: str) -> bool:
        index = self.manager_combo.findData(user_id)
        if index >= 0:
            self.manager_combo.setCurrentIndex(index)
        return index >= 0

    # -- loading -------------------------------------------------------------------------

    def refresh(self) -> None:
        today = self.session.today()
        self.rows = self.services.caseload.rows(self.case_manager_id, today)
        self.stale = False
        self.model.today = today
        self.model.set_rows(self.rows)
        self.summary_label.setText(summary(self.rows, today))

    def _chosen(self, index) -> None:  # type: ignore[no-untyped-def]
        if index.isValid():
            self.open_participant.emit(self.model.row_at(index.row()).participant_id)
