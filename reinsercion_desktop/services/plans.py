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
    PlanActivity,
    PlanObjective,
    PlanReview,
    ReintegrationPlan,
)
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.enums import FormStatus, ObjectiveStatus, PlanStatus
from reinsercion_desktop.domain.errors import NotFoundError, UserError, ValidationError
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
    objective_overdue,
)
from reinsercion_desktop.domain.plan_templates import (
    ObjectiveTemplate,
    assessment_levels,
    proposed_templates,
)
from reinsercion_desktop.services.forms import FormInstanceView, FormService
from reinsercion_desktop.services.plan_items import PlanItems, refuse_if

ACUERDO_FORM_ID = "acuerdo-incorporacion"
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


@dataclass(frozen=True)
class PlanVersion:
    """One version of the plan: the review (or agreement) that produced it and its objectives."""

    version: int
    review: PlanReview
    objectives: list[ObjectiveState]
    changes: list[str]


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


class PlanService(PlanItems):
    def __init__(self, db: Database, forms: FormService):
        self.db = db
        self.forms = forms

    # -- reading ---------------------------------------------------------------------------

    def plan_of(self, participant_id: str) -> ReintegrationPlan | None:
        """The plan in preparation or in force, or None."""
        with self.db.read() as session:
            return plan_queries.open_plan_of(session=session, participant_id=participant_id)

    def plans_of(self, participant_id: str) -> list[ReintegrationPlan]:
        with self.db.read() as session:
            return list(plan_queries.plans_of(session=session, participant_id=participant_id))

    def get_plan(self, plan_id: str) -> ReintegrationPlan:
        with self.db.read() as session:
            plan = session.get(ReintegrationPlan, plan_id)
        if plan is None:
            raise NotFoundError("El plan ya no existe.")
        return plan

    def objectives_of(self, plan_id: str) -> list[PlanObjective]:
        with self.db.read() as session:
            return list(plan_queries.plan_objectives(session=session, plan_id=plan_id))

    def activities_of(self, plan_id: str) -> list[PlanActivity]:
        with self.db.read() as session:
            return list(plan_queries.plan_activities(session=session, plan_id=plan_id))

    def reviews_of(self, plan_id: str) -> list[PlanReview]:
        """The agreement (version 1) and every review, oldest first."""
        with self.db.read() as session:
            return list(plan_queries.plan_reviews(session=session, plan_id=plan_id))

    def version_snapshot(self, plan_id: str, version: int) -> PlanVersion:
        with self.db.read() as session:
            review = plan_queries.plan_review_of_version(
                session=session, plan_id=plan_id, version=version
            )
        if review is None:
            raise NotFoundError(f"El plan no tiene versión {version}.")
        return PlanVersion(version, review, _states(review.snapshot), json.loads(review.changes))

    def overdue_objectives(self, plan_id: str) -> list[PlanObjective]:
        """R-PLAN-4: open objectives past their deadline, today."""
        today = self.db.clock.today()
        return [
            o for o in self.objectives_of(plan_id) if objective_overdue(o.deadline, o.status, today)
        ]

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

    def start_plan(self, actor: Actor, participant_id: str, draft: PlanDraft) -> ReintegrationPlan:
        """A new plan in preparation; a person has one open plan at a time."""
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
            return work.add(
                ReintegrationPlan(
                    participant_id=participant_id,
                    start_date=draft.start_date,
                    general_goal=draft.general_goal.strip(),
                    commitments=draft.commitments.strip(),
                    next_review_date=draft.next_review_date,
                    status=PlanStatus.DRAFT.value,
                )
            )

    def update_plan(self, actor: Actor, plan_id: str, draft: PlanDraft) -> ReintegrationPlan:
        """The plan's own fields; a new start must still come before every deadline (R-PLAN-1)."""
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
            return plan

    def agree_plan(self, actor: Actor, plan_id: str, on_date: date) -> PlanReview:
        """Borrador → vigente: the acuerdo de incorporación, recorded as version 1."""
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
            return work.add(
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
    ) -> PlanReview:
        """R-PLAN-3: apply the review's changes, say what changed, bump the version — at once."""
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
            return work.add(
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

    def close_plan(
        self, actor: Actor, plan_id: str, on_date: date, reason: str
    ) -> ReintegrationPlan:
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
            return plan

    # -- the acuerdo de incorporación (form) -----------------------------------------------------

    def acuerdo_form(self, actor: Actor, plan_id: str) -> FormInstanceView:
        """The acuerdo form of the plan's current version: a new draft, or the draft refreshed;
        a finalised or signed one of this same version is returned as it is."""
        plan = self.get_plan(plan_id)
        values = acuerdo_values(plan, self.objectives_of(plan_id), self.activities_of(plan_id))
        with self.db.read() as session:
            latest = plan_queries.latest_form_of(
                session=session, participant_id=plan.participant_id, form_id=ACUERDO_FORM_ID
            )
        newest = self.forms.catalogue.latest(ACUERDO_FORM_ID).version
        if latest is not None and latest.definition_version == newest:
            data = json.loads(latest.data or "{}")
            same = all(data.get(k) == values[k] for k in ("version_plan", "fecha_inicio"))
            if latest.status != FormStatus.DRAFT and same:
                return self.forms.view(latest.id)
            if latest.status == FormStatus.DRAFT:
                return self.forms.save_draft(
                    actor, latest.id, data | values, expected_version=latest.version
                )
        created = self.forms.create(actor, ACUERDO_FORM_ID, plan.participant_id)
        data = json.loads(created.data or "{}")
        return self.forms.save_draft(
            actor, created.id, data | values, expected_version=created.version
        )


def acuerdo_values(
    plan: ReintegrationPlan,
    objectives: Sequence[PlanObjective],
    activities: Sequence[PlanActivity],
) -> dict:
    """The acuerdo form's values that come from the plan (dropped objectives left out)."""
    kept = [o for o in objectives if o.status != ObjectiveStatus.DROPPED]
    titles = {o.id: o.title for o in kept}
    return {
        "version_plan": f"v{plan.current_version}",
        "fecha_inicio": plan.start_date.isoformat(),
        "proxima_revision": plan.next_review_date.isoformat() if plan.next_review_date else "",
        "objetivo_general": plan.general_goal,
        "compromisos": plan.commitments,
        "objetivos": [
            {
                "area": o.area,
                "objetivo": o.title,
                "indicador": o.indicator,
                "meta": o.target,
                "plazo": o.deadline.isoformat() if o.deadline else "",
                "prioridad": o.priority,
            }
            for o in kept
        ],
        "actividades": [
            {
                "actividad": a.description,
                "objetivo": titles[a.objective_id],
                "fecha": a.due_date.isoformat() if a.due_date else "",
                "estado": a.status,
            }
            for a in activities
            if a.objective_id in titles
        ],
    }
