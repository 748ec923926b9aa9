"""Revisar plan: date, who, the open objectives re-prioritised in a grid, a summary and the
next review; Save calls `PlanService.review_plan` (R-PLAN-2, R-PLAN-3) in one go.

The grid has one fixed row per open objective (its title down the side) and its priority,
status, progress and deadline typed in place; what cannot be read (a progress that is not
a number, a deadline that is not a date) is named with its objective beside the grid.
"""

from PySide6.QtWidgets import QLineEdit, QWidget

from reinsercion_desktop.domain.dates import DateInputError, format_date_es, parse_date_es
from reinsercion_desktop.domain.enums import ObjectiveStatus, Priority
from reinsercion_desktop.domain.errors import ValidationError
from reinsercion_desktop.domain.plan_rules import objective_is_open
from reinsercion_desktop.services.plan_views import ObjectiveView, PlanView
from reinsercion_desktop.services.plans import ObjectiveUpdate, PlanService
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.action_dialog import ActionDialog, long_text
from reinsercion_desktop.ui.widgets.grid import GridColumn, GridModel, GridView

PRIORITY, STATUS, PROGRESS, DEADLINE = "priority", "status", "progress", "deadline"
COLUMNS = (
    GridColumn(PRIORITY, tr("Prioridad"), "choice", tuple(Priority.choices())),
    GridColumn(STATUS, tr("Estado"), "choice", tuple(ObjectiveStatus.choices())),
    GridColumn(PROGRESS, tr("Progreso (%)"), "number", placeholder=tr("0 a 100")),
    GridColumn(DEADLINE, tr("Plazo"), "date", placeholder=tr("dd/mm/aaaa")),
)
TITLE_LIMIT = 48  # the side labels: long titles are shortened (the messages name them whole)
VISIBLE_ROWS = 6  # then the grid scrolls, so the dialog fits 1280 × 720


def _side_label(title: str) -> str:
    return title if len(title) <= TITLE_LIMIT else title[: TITLE_LIMIT - 1] + "…"


class ReviewDialog(ActionDialog):
    def __init__(self, plans: PlanService, session: Session, plan: PlanView, parent: QWidget):
        super().__init__(
            tr("Revisar plan"),
            parent,
            intro=tr(
                "Cambie la prioridad, el estado, el progreso o el plazo de cada objetivo. "
                "Al guardar, la revisión queda registrada con lo que ha cambiado y el plan "
                "pasa a la versión {v}."
            ).format(v=plan.current_version + 1),
            save_text=tr("Guardar revisión"),
            width=720,
        )
        self.objectives: list[ObjectiveView] = [
            o for o in plan.objectives if objective_is_open(o.status)
        ]
        self.add_date("on_date", tr("Fecha de la revisión"), session.today())
        self.add("reviewer_name", tr("Revisa"), QLineEdit(session.actor.full_name))
        self.grid = GridModel(
            COLUMNS, self, row_labels=[_side_label(o.title) for o in self.objectives]
        )
        self.grid.set_rows(
            [
                {
                    PRIORITY: o.priority,
                    STATUS: o.status,
                    PROGRESS: str(o.progress),
                    DEADLINE: format_date_es(o.deadline),
                }
                for o in self.objectives
            ]
        )
        self.grid_view = GridView(self.grid, "review_grid")
        self._cap_height()
        keys = [f"objective.{o.id}" for o in self.objectives]
        self.add("objectives", tr("Objetivos abiertos"), self.grid_view, keys=keys)
        self.add("summary", tr("Resumen"), long_text())
        self.add_date("next_review_date", tr("Próxima revisión"), None)
        self.action = lambda d: plans.review_plan(
            session.actor,
            plan.id,
            d.date("on_date"),
            d.text("reviewer_name"),
            d.text("summary"),
            self.updates(),
            (),
            d.date("next_review_date", required=False),
        )

    def _cap_height(self) -> None:
        """A plan of many objectives scrolls inside the grid instead of growing the dialog."""
        view = self.grid_view
        rows = min(max(len(self.objectives), 2), VISIBLE_ROWS)
        height = view.horizontalHeader().sizeHint().height()
        height += rows * view.verticalHeader().defaultSectionSize()
        view.setMinimumHeight(min(view.minimumHeight(), height + 2 * view.frameWidth() + 4))

    def updates(self) -> list[ObjectiveUpdate]:
        """What the grid says now; what cannot be read is named with its objective."""
        updates, problems = [], {}
        for row, objective in enumerate(self.objectives):
            key = f"objective.{objective.id}"
            try:
                progress = self._progress(row)
                deadline = self._deadline(row)
            except ValueError as error:
                problems[key] = f"«{objective.title}»: {error}"
                continue
            updates.append(
                ObjectiveUpdate(
                    objective.id,
                    self.grid.value(row, PRIORITY),
                    self.grid.value(row, STATUS),
                    progress,
                    deadline,
                )
            )
        if problems:
            raise ValidationError(problems)
        return updates

    def _progress(self, row: int) -> int:
        text = str(self.grid.value(row, PROGRESS) or "").replace("%", "").strip()
        if not text:
            return 0
        try:
            return int(text)
        except ValueError:
            raise ValueError(tr("Escriba el progreso como un número de 0 a 100.")) from None

    def _deadline(self, row: int):  # type: ignore[no-untyped-def]
        text = str(self.grid.value(row, DEADLINE) or "").strip()
        try:
            return parse_date_es(text) if text else None
        except DateInputError as error:
            raise ValueError(str(error)) from None
