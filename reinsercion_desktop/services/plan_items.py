"""Objectives and activities of a reintegration plan: the part of `PlanService` that edits
them one at a time (R-PLAN-1, R-PLAN-2), and the look-ups the service shares."""

from datetime import date

from reinsercion_desktop.db import plan_queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import PlanActivity, PlanObjective, ReintegrationPlan
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.enums import PlanStatus
from reinsercion_desktop.domain.errors import NotFoundError, UserError, ValidationError
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.domain.plan_rules import (
    ActivityDraft,
    ObjectiveDraft,
    Problems,
    activity_done_date,
    check_activity,
    check_objective,
    normalise_progress,
)
from reinsercion_desktop.security.actors import authorize
from reinsercion_desktop.services.plan_views import (
    ActivityView,
    ObjectiveView,
    activity_view,
    objective_view,
)


def refuse_if(problems: Problems) -> None:
    if problems:
        raise ValidationError(problems)


class PlanItems:
    """Mixed into `PlanService`: needs `self.db`."""

    db: Database

    # -- objectives and activities -----------------------------------------------------------

    def add_objective(self, actor: Actor, plan_id: str, draft: ObjectiveDraft) -> ObjectiveView:
        authorize(actor, PermissionAction.PLAN_EDIT)
        today = self.db.clock.today()
        with self.db.unit_of_work(actor) as work:
            plan = self._open_plan(work, plan_id)
            refuse_if(check_objective(draft, plan.start_date))
            count = len(plan_queries.plan_objectives(session=work.session, plan_id=plan_id))
            objective = work.add(self._new_objective(plan, draft, count, today))
        return objective_view(objective, today)

    def update_objective(
        self, actor: Actor, objective_id: str, draft: ObjectiveDraft
    ) -> ObjectiveView:
        authorize(actor, PermissionAction.PLAN_EDIT)
        with self.db.unit_of_work(actor) as work:
            objective = self._objective(work, objective_id)
            plan = self._open_plan(work, objective.plan_id)
            refuse_if(check_objective(draft, plan.start_date))
            objective.area = draft.area
            objective.template_code = draft.template_code
            objective.title = draft.title.strip()
            objective.indicator = draft.indicator.strip()
            objective.target = draft.target.strip()
            objective.deadline = draft.deadline
            objective.priority = draft.priority
            objective.note = draft.note.strip()
            objective.status, objective.progress, objective.achieved_date = normalise_progress(
                draft.status, draft.progress, self.db.clock.today(), objective.achieved_date
            )
        return objective_view(objective, self.db.clock.today())

    def remove_objective(self, actor: Actor, objective_id: str) -> None:
        """Only while the plan is being prepared; later an objective is «descartado»."""
        authorize(actor, PermissionAction.PLAN_EDIT)
        with self.db.unit_of_work(actor, reason="Objetivo quitado del borrador") as work:
            objective = self._objective(work, objective_id)
            self._require_draft(self._open_plan(work, objective.plan_id), "quitar objetivos")
            for activity in plan_queries.objective_activities(
                session=work.session, objective_id=objective_id
            ):
                work.session.delete(activity)
            work.flush()
            work.session.delete(objective)

    def add_activity(self, actor: Actor, objective_id: str, draft: ActivityDraft) -> ActivityView:
        authorize(actor, PermissionAction.PLAN_EDIT)
        with self.db.unit_of_work(actor) as work:
            objective = self._objective(work, objective_id)
            plan = self._open_plan(work, objective.plan_id)
            refuse_if(check_activity(draft, plan.start_date))
            activity = work.add(
                PlanActivity(
                    objective_id=objective.id,
                    participant_id=objective.participant_id,
                    description=draft.description.strip(),
                    template_code=draft.template_code,
                    status=draft.status,
                    due_date=draft.due_date,
                    done_date=activity_done_date(draft.status, self.db.clock.today(), None),
                )
            )
        return activity_view(activity)

    def update_activity(self, actor: Actor, activity_id: str, draft: ActivityDraft) -> ActivityView:
        authorize(actor, PermissionAction.PLAN_EDIT)
        with self.db.unit_of_work(actor) as work:
            activity = self._activity(work, activity_id)
            plan = self._open_plan(work, self._objective(work, activity.objective_id).plan_id)
            refuse_if(check_activity(draft, plan.start_date))
            activity.description = draft.description.strip()
            activity.template_code = draft.template_code
            activity.status = draft.status
            activity.due_date = draft.due_date
            activity.done_date = activity_done_date(
                draft.status, self.db.clock.today(), activity.done_date
            )
        return activity_view(activity)

    def remove_activity(self, actor: Actor, activity_id: str) -> None:
        """Only while the plan is being prepared; later an activity is «anulada»."""
        authorize(actor, PermissionAction.PLAN_EDIT)
        with self.db.unit_of_work(actor, reason="Actividad quitada del borrador") as work:
            activity = self._activity(work, activity_id)
            plan = self._open_plan(work, self._objective(work, activity.objective_id).plan_id)
            self._require_draft(plan, "quitar actividades")
            work.session.delete(activity)

    # -- internals -----------------------------------------------------------------------------

    @staticmethod
    def _new_objective(
        plan: ReintegrationPlan, draft: ObjectiveDraft, position: int, day: date
    ) -> PlanObjective:
        status, progress, achieved = normalise_progress(draft.status, draft.progress, day)
        return PlanObjective(
            plan_id=plan.id,
            participant_id=plan.participant_id,
            area=draft.area,
            template_code=draft.template_code,
            title=draft.title.strip(),
            indicator=draft.indicator.strip(),
            target=draft.target.strip(),
            deadline=draft.deadline,
            priority=draft.priority,
            status=status,
            progress=progress,
            achieved_date=achieved,
            position=position,
            note=draft.note.strip(),
        )

    @staticmethod
    def _open_plan(work, plan_id: str) -> ReintegrationPlan:  # type: ignore[no-untyped-def]
        plan = work.get(ReintegrationPlan, plan_id)
        if plan is None:
            raise NotFoundError("El plan ya no existe.")
        if plan.status == PlanStatus.CLOSED:
            raise UserError("El plan está cerrado: no se modifica.")
        return plan

    @staticmethod
    def _require_draft(plan: ReintegrationPlan, what: str) -> None:
        if plan.status != PlanStatus.DRAFT:
            raise UserError(
                f"El plan ya está acordado: no se pueden {what}. Márquelo como descartado "
                "(objetivo) o anulada (actividad) en la revisión."
            )

    @staticmethod
    def _objective(work, objective_id: str) -> PlanObjective:  # type: ignore[no-untyped-def]
        objective = work.get(PlanObjective, objective_id)
        if objective is None:
            raise NotFoundError("El objetivo ya no existe.")
        return objective

    @staticmethod
    def _activity(work, activity_id: str) -> PlanActivity:  # type: ignore[no-untyped-def]
        activity = work.get(PlanActivity, activity_id)
        if activity is None:
            raise NotFoundError("La actividad ya no existe.")
        return activity
