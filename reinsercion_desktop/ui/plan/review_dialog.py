"""Revisar plan: date, who, the open objectives re-prioritised in a table, a summary and the
next review; Save calls `PlanService.review_plan` (R-PLAN-2, R-PLAN-3) in one go."""

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from reinsercion_desktop.db.models import PlanObjective, ReintegrationPlan
from reinsercion_desktop.domain.dates import DateInputError, format_date_es, parse_date_es
from reinsercion_desktop.domain.enums import ObjectiveStatus, Priority
from reinsercion_desktop.domain.errors import ValidationError
from reinsercion_desktop.domain.plan_rules import objective_is_open
from reinsercion_desktop.services.plans import ObjectiveUpdate
from reinsercion_desktop.services.registry import Services
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.action_dialog import ActionDialog, combo, long_text
from reinsercion_desktop.ui.widgets.inputs import SpinBox

TITLE, PRIORITY, STATUS, PROGRESS, DEADLINE = range(5)


class ReviewDialog(ActionDialog):
    """The review's table holds one row per open objective, with its editors in the cells."""

    def __init__(
        self,
        services: Services,
        session: Session,
        plan: ReintegrationPlan,
        objectives: list[PlanObjective],
        parent: QWidget,
    ):
        super().__init__(
            tr("Revisar plan"),
            parent,
            intro=tr(
                "Cambie la prioridad, el estado, el progreso o el plazo de cada objetivo. "
                "Al guardar, la revisión queda registrada con lo que ha cambiado y el plan "
                "pasa a la versión {v}."
            ).format(v=plan.current_version + 1),
            save_text=tr("Guardar revisión"),
            width=860,
        )
        self.objectives = [o for o in objectives if objective_is_open(o.status)]
        today = session.today()
        self.add_date("on_date", tr("Fecha de la revisión"), today)
        self.add("reviewer_name", tr("Revisa"), QLineEdit(session.actor.full_name))
        keys = [f"objective.{o.id}" for o in self.objectives]
        self.table = self.add("objectives", tr("Objetivos abiertos"), self._make_table(), keys=keys)
        self.add("summary", tr("Resumen"), long_text())
        self.add_date("next_review_date", tr("Próxima revisión"), None)
        self.action = lambda d: services.plans.review_plan(
            session.actor,
            plan.id,
            d.date("on_date"),
            d.text("reviewer_name"),
            d.text("summary"),
            self.updates(),
            (),
            d.date("next_review_date", required=False),
        )

    def _make_table(self) -> QTableWidget:
        table = QTableWidget(len(self.objectives), 5)
        table.setObjectName("review_table")
        table.setHorizontalHeaderLabels(
            [tr("Objetivo"), tr("Prioridad"), tr("Estado"), tr("Progreso"), tr("Plazo")]
        )
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setMinimumHeight(min(80 + 34 * len(self.objectives), 320))
        for row, objective in enumerate(self.objectives):
            item = QTableWidgetItem(objective.title)
            item.setToolTip(objective.title)
            table.setItem(row, TITLE, item)
            table.setCellWidget(row, PRIORITY, combo(Priority.choices(), objective.priority))
            table.setCellWidget(row, STATUS, combo(ObjectiveStatus.choices(), objective.status))
            spin = SpinBox()
            spin.setRange(0, 100)
            spin.setSuffix(" %")
            spin.setValue(objective.progress)
            table.setCellWidget(row, PROGRESS, spin)
            deadline = QLineEdit(format_date_es(objective.deadline))
            deadline.setPlaceholderText(tr("dd/mm/aaaa"))
            deadline.setMaxLength(10)
            table.setCellWidget(row, DEADLINE, deadline)
        return table

    def cell(self, row: int, column: int):  # type: ignore[no-untyped-def]
        return self.table.cellWidget(row, column)

    def updates(self) -> list[ObjectiveUpdate]:
        """What the table says now; a deadline that cannot be read is named with its objective."""
        updates = []
        for row, objective in enumerate(self.objectives):
            text = self.cell(row, DEADLINE).text().strip()
            try:
                deadline = parse_date_es(text) if text else None
            except DateInputError as error:
                raise ValidationError(
                    {f"objective.{objective.id}": f"«{objective.title}»: {error}"}
                ) from None
            updates.append(
                ObjectiveUpdate(
                    objective.id,
                    self.cell(row, PRIORITY).currentData(),
                    self.cell(row, STATUS).currentData(),
                    self.cell(row, PROGRESS).value(),
                    deadline,
                )
            )
        return updates
