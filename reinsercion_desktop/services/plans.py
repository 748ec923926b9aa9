"""The individual reintegration plan (itinerario / acuerdo de incorporación), SPEC §6.

A plan is prepared as a draft with the person, agreed (version 1, the acuerdo), then
reviewed: each review re-prioritises, records what changed (R-PLAN-3) and bumps the
version, keeping a snapshot of the objectives so any version can be shown again.
Every write is one unit of work; the rules of `domain/plan_rules.py` are checked first
and a refusal writes nothing.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reinsercion_desktop.db import plan_queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import (
    Participant,
    PlanObjective,
    PlanReview,
    ReintegrationPlan,
)
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.enums import PlanStatus
from reinsercion_desktop.domain.errors import NotFoundError, UserError, ValidationError
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.domain.plan_rules import (
    LIMITS,
    ObjectiveDraft,
    ObjectiveState,
    PlanDraft,
    Problems,
    check_objective,
    check_plan,
    check_review,
    deadline_problem,
    describe_changes,
    normalise_progress,
)
from reinsercion_desktop.domain.plan_templates import (
    ObjectiveTemplate,
    assessment_levels,
    proposed_templates,
)
from reinsercion_desktop.security.actors import authorize
from reinsercion_desktop.services.forms import FormService
from reinsercion_desktop.services.plan_acuerdo import PlanAcuerdo
from reinsercion_desktop.services.plan_items import PlanItems, refuse_if
from reinsercion_desktop.services.plan_views import (
    ActivityView,
    ObjectiveView,
    PlanVersion,
    PlanView,
    ReviewView,
    activity_view,
    objective_view,
    plan_view,
    review_view,
)

ASSESSMENT_FORM_ID = "valoracion-inicial"
AGREEMENT_SUMMARY = "Acuerdo inicial"


@dataclass(frozen=True)
class ObjectiveUpdate:
    """What a review may change of an open objective (R-PLAN-3)."""

    objective_id: str
    priority: str
    status: str
    progress: int
    deadline: date | None


def state_of(objective: PlanObjective) -> ObjectiveState:
    return ObjectiveState(
        id=objective.id,
        area=objective.area,
        title=objective.title,
        indicator=objective.indicator,
        target=objective.target,
        deadline=objective.deadline,
        priority=objective.priority,
        status=objective.status,
        progress=objective.progress,
    )


def _snapshot(objectives: Sequence[PlanObjective]) -> str:
    return json.dumps([state_of(o).as_json() for o in objectives], ensure_ascii=False)


def _states(snapshot: str) -> list[ObjectiveState]:
    return [ObjectiveState.from_json(values) for values in json.loads(snapshot or "[]")]


class PlanService(PlanItems, PlanAcuerdo):
    def __init__(self, db: Database, forms: FormService):
        self.db = db
        self.forms = forms

    # -- reading (views: the window never holds a stored row) --------------------------------

    def plan_of(self, participant_id: str) -> PlanView | None:
        """The plan in preparation or in force, with its objectives, activities and
        reviews (one read for the Plan tab), or None."""
        with self.db.read() as session:
            plan = plan_queries.open_plan_of(session=session, participant_id=participant_id)
            return self._whole(session, plan) if plan is not None else None

    def plans_of(self, participant_id: str) -> list[PlanView]:
        """Every plan of a person, newest start first, each with its parts."""
        with self.db.read() as session:
            plans = plan_queries.plans_of(session=session, participant_id=participant_id)
            return [self._whole(session, plan) for plan in plans]

    def get_plan(self, plan_id: str) -> PlanView:
        with self.db.read() as session:
            plan = session.get(ReintegrationPlan, plan_id)
            if plan is None:
                raise NotFoundError("El plan ya no existe.")
            return self._whole(session, plan)

    def objectives_of(self, plan_id: str) -> list[ObjectiveView]:
        today = self.db.clock.today()
        with self.db.read() as session:
            rows = plan_queries.plan_objectives(session=session, plan_id=plan_id)
            return [objective_view(o, today) for o in rows]

    def activities_of(self, plan_id: str) -> list[ActivityView]:
        with self.db.read() as session:
            return [
                activity_view(a)
                for a in plan_queries.plan_activities(session=session, plan_id=plan_id)
            ]

    def reviews_of(self, plan_id: str) -> list[ReviewView]:
        """The agreement (version 1) and every review, oldest first."""
        with self.db.read() as session:
            return [
                review_view(r) for r in plan_queries.plan_reviews(session=session, plan_id=plan_id)
            ]

    def version_snapshot(self, plan_id: str, version: int) -> PlanVersion:
        with self.db.read() as session:
            review = plan_queries.plan_review_of_version(
                session=session, plan_id=plan_id, version=version
            )
        if review is None:
            raise NotFoundError(f"El plan no tiene versión {version}.")
        return PlanVersion(
            version, review_view(review), _states(review.snapshot), json.loads(review.changes)
        )

    def overdue_objectives(self, plan_id: str) -> list[ObjectiveView]:
        """R-PLAN-4: open objectives past their deadline, today."""
        return [o for o in self.objectives_of(plan_id) if o.overdue]

    def _whole(self, session, plan: ReintegrationPlan) -> PlanView:  # type: ignore[no-untyped-def]
        return plan_view(
            plan,
            self.db.clock.today(),
            plan_queries.plan_objectives(session=session, plan_id=plan.id),
            plan_queries.plan_activities(session=session, plan_id=plan.id),
            plan_queries.plan_reviews(session=session, plan_id=plan.id),
        )

    def proposals_for(self, participant_id: str) -> list[ObjectiveTemplate]:
        """Objective templates for the needs the latest valoración inicial rated moderate
        or high (none without an assessment)."""
        with self.db.read() as session:
            person = session.get(Participant, participant_id)
            form = plan_queries.latest_form_of(
                session=session, participant_id=participant_id, form_id=ASSESSMENT_FORM_ID
            )
        if person is None or form is None:
            return []
        levels = assessment_levels(json.loads(form.data or "{}"))
        return proposed_templates(levels, ptm=person.ptm)

    # -- the plan --------------------------------------------------------------------------

    def start_plan(self, actor: Actor, participant_id: str, draft: PlanDraft) -> PlanView:
        """A new plan in preparation; a person has one open plan at a time."""
        authorize(actor, PermissionAction.PLAN_EDIT)
        refuse_if(check_plan(draft, self.db.clock.today()))
        assert draft.start_date is not None
        with self.db.unit_of_work(actor) as work:
            if work.get(Participant, participant_id) is None:
                raise NotFoundError("La ficha ya no existe.")
            if plan_queries.open_plan_of(session=work.session, participant_id=participant_id):
                raise UserError(
                    "Esta persona ya tiene un plan abierto: revíselo, o ciérrelo antes de "
                    "empezar otro."
                )
            plan = work.add(
                ReintegrationPlan(
                    participant_id=participant_id,
                    start_date=draft.start_date,
                    general_goal=draft.general_goal.strip(),
                    commitments=draft.commitments.strip(),
                    next_review_date=draft.next_review_date,
                    status=PlanStatus.DRAFT.value,
                )
            )
        return plan_view(plan, self.db.clock.today())

    def update_plan(self, actor: Actor, plan_id: str, draft: PlanDraft) -> PlanView:
        """The plan's own fields; a new start must still come before every deadline (R-PLAN-1)."""
        authorize(actor, PermissionAction.PLAN_EDIT)
        refuse_if(check_plan(draft, self.db.clock.today()))
        assert draft.start_date is not None
        with self.db.unit_of_work(actor) as work:
            plan = self._open_plan(work, plan_id)
            if plan.status != PlanStatus.DRAFT and draft.start_date != plan.start_date:
                raise ValidationError(
                    {"start_date": "El plan ya está acordado: su fecha de inicio no cambia."}
                )
            objectives = plan_queries.plan_objectives(session=work.session, plan_id=plan_id)
            late = [o.title for o in objectives if deadline_problem(o.deadline, draft.start_date)]
            if late:
                raise ValidationError(
                    {
                        "start_date": "Hay objetivos con plazo anterior a ese inicio: "
                        + "; ".join(f"«{t}»" for t in late)
                        + ". Cambie antes sus plazos."
                    }
                )
            plan.start_date = draft.start_date
            plan.general_goal = draft.general_goal.strip()
            plan.commitments = draft.commitments.strip()
            plan.next_review_date = draft.next_review_date
        return self.get_plan(plan_id)

    def agree_plan(self, actor: Actor, plan_id: str, on_date: date) -> ReviewView:
        """Borrador → vigente: the acuerdo de incorporación, recorded as version 1."""
        authorize(actor, PermissionAction.PLAN_AGREE)
        with self.db.unit_of_work(actor) as work:
            plan = self._open_plan(work, plan_id)
            if plan.status != PlanStatus.DRAFT:
                raise UserError("El plan ya está acordado: los cambios se hacen revisándolo.")
            objectives = plan_queries.plan_objectives(session=work.session, plan_id=plan_id)
            problems = check_review(
                on_date,
                AGREEMENT_SUMMARY,
                [],
                plan_start=plan.start_date,
                last_review=None,
                today=self.db.clock.today(),
            )
            if not objectives:
                problems["objectives"] = "Añada al menos un objetivo antes de acordar el plan."
            refuse_if(problems)
            plan.status = PlanStatus.AGREED.value
            plan.agreed_date = on_date
            plan.current_version = 1
            review = work.add(
                PlanReview(
                    plan_id=plan.id,
                    participant_id=plan.participant_id,
                    on_date=on_date,
                    reviewer_name=actor.full_name,
                    plan_version=1,
                    summary=AGREEMENT_SUMMARY,
                    changes=json.dumps(
                        describe_changes([], [state_of(o) for o in objectives]),
                        ensure_ascii=False,
                    ),
                    snapshot=_snapshot(objectives),
                    next_review_date=plan.next_review_date,
                )
            )
        return review_view(review)

    def review_plan(
        self,
        actor: Actor,
        plan_id: str,
        on_date: date | None,
        reviewer_name: str,
        summary: str,
        objective_updates: Sequence[ObjectiveUpdate] = (),
        new_objectives: Sequence[ObjectiveDraft] = (),
        next_review_date: date | None = None,
    ) -> ReviewView:
        """R-PLAN-3: apply the review's changes, say what changed, bump the version — at once."""
        authorize(actor, PermissionAction.PLAN_REVIEW)
        with self.db.unit_of_work(actor) as work:
            plan = self._open_plan(work, plan_id)
            if plan.status != PlanStatus.AGREED:
                raise UserError("Solo se revisa un plan acordado: acuérdelo primero.")
            session = work.session
            objectives = {
                o.id: o for o in plan_queries.plan_objectives(session=session, plan_id=plan_id)
            }
            before_review = plan_queries.plan_reviews(session=session, plan_id=plan_id)
            before = _states(before_review[-1].snapshot) if before_review else []
            day = on_date or self.db.clock.today()
            problems = self._apply_updates(plan, objectives, objective_updates, day)
            for number, draft in enumerate(new_objectives, start=1):
                found = check_objective(draft, plan.start_date)
                if found:
                    problems[f"new_objectives.{number}"] = f"Nuevo objetivo {number}: " + " ".join(
                        found.values()
                    )
            added = (
                [
                    self._new_objective(plan, d, len(objectives) + i, day)
                    for i, d in enumerate(new_objectives)
                ]
                if not problems
                else []
            )
            after = [*objectives.values(), *added]
            changes = describe_changes(before, [state_of(o) for o in after])
            problems.update(
                check_review(
                    on_date,
                    summary,
                    changes,
                    plan_start=plan.start_date,
                    last_review=before_review[-1].on_date if before_review else None,
                    today=self.db.clock.today(),
                    next_review_date=next_review_date,
                    reviewer_name=reviewer_name,
                )
            )
            refuse_if(problems)
            for objective in added:
                work.add(objective)
            plan.current_version += 1
            if next_review_date is not None:
                plan.next_review_date = next_review_date
            review = work.add(
                PlanReview(
                    plan_id=plan.id,
                    participant_id=plan.participant_id,
                    on_date=day,
                    reviewer_name=reviewer_name.strip(),
                    plan_version=plan.current_version,
                    summary=summary.strip(),
                    changes=json.dumps(changes, ensure_ascii=False),
                    snapshot=_snapshot(after),
                    next_review_date=next_review_date,
                )
            )
        return review_view(review)

    def _apply_updates(
        self,
        plan: ReintegrationPlan,
        objectives: dict[str, PlanObjective],
        updates: Sequence[ObjectiveUpdate],
        day: date,
    ) -> Problems:
        """Set each update through the R-PLAN-2 normaliser; the problems, by objective."""
        problems: Problems = {}
        for update in updates:
            objective = objectives.get(update.objective_id)
            if objective is None:
                raise NotFoundError("Uno de los objetivos ya no existe: vuelva a abrir el plan.")
            draft = ObjectiveDraft(
                area=objective.area,
                title=objective.title,
                indicator=objective.indicator,
                target=objective.target,
                deadline=update.deadline,
                priority=update.priority,
                status=update.status,
                progress=update.progress,
            )
            found = check_objective(draft, plan.start_date)
            if found:
                problems[f"objective.{objective.id}"] = f"«{objective.title}»: " + " ".join(
                    found.values()
                )
                continue
            objective.priority = update.priority
            objective.deadline = update.deadline
            objective.status, objective.progress, objective.achieved_date = normalise_progress(
                update.status, update.progress, day, objective.achieved_date
            )
        return problems

    def close_plan(self, actor: Actor, plan_id: str, on_date: date, reason: str) -> PlanView:
        authorize(actor, PermissionAction.PLAN_CLOSE)
        reason = reason.strip()
        problems: Problems = {}
        if not reason:
            problems["reason"] = "Indique por qué se cierra el plan."
        elif len(reason) > LIMITS["reason"]:
            problems["reason"] = (
                f"El texto es demasiado largo (máx. {LIMITS['reason']} caracteres)."
            )
        if on_date > self.db.clock.today():
            problems["on_date"] = "La fecha de cierre no puede ser posterior a hoy."
        refuse_if(problems)
        with self.db.unit_of_work(actor, reason=reason) as work:
            plan = self._open_plan(work, plan_id)
            if on_date < plan.start_date:
                raise ValidationError({"on_date": "El plan no puede cerrarse antes de empezar."})
            plan.status = PlanStatus.CLOSED.value
            plan.closed_date = on_date
            plan.closed_reason = reason
        return self.get_plan(plan_id)
