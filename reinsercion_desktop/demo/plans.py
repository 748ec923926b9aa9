"""Demo case management: plans in every state with their reviews, follow-up, employment, resources.

Built on the circuit the demo already wrote: everyone in a stay, and everyone discharged in
the last year, gets the case work their time in the programme would have produced — a plan
(in preparation for the newly admitted, agreed and reviewed for the others, closed at
discharge) whose objectives come from the templates of `003_…` §7 proposed by their needs,
fortnightly interviews with the next appointment, contacts with other services, some case
conferences with open tasks, job placements with monthly follow-ups, and referrals to the
resource catalogue. Deterministic for a seed; written in bulk (audited) so the office scale
stays quick. A few people also get their needs assessment as a valoracion-inicial form.
"""

import json
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from reinsercion_desktop.db import bulk, demo_queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import (
    CaseConference,
    CoordinationContact,
    EmploymentPlacement,
    Interview,
    JobFollowUp,
    PlanActivity,
    PlanObjective,
    PlanReview,
    ReintegrationPlan,
    Resource,
    ResourceReferral,
    new_id,
)
from reinsercion_desktop.demo.case_texts import ANDALUSIAN_CASE_TEXTS, CaseTexts
from reinsercion_desktop.demo.follow_up import Case, FollowUpSteps
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.enums import (
    ActivityStatus,
    DischargeType,
    ObjectiveStatus,
    PlanStatus,
    Priority,
)
from reinsercion_desktop.domain.plan_rules import (
    ObjectiveState,
    describe_changes,
    normalise_progress,
)
from reinsercion_desktop.domain.plan_templates import (
    GENERAL_GOAL,
    NEED_TEMPLATES,
    OBJECTIVE_TEMPLATES,
    activity_templates_for,
    proposed_templates,
)

RECENT_DAYS = 365  # discharged longer ago: no case work in the demo
REVIEW_EVERY = 60
CHUNK = 4000  # rows of one kind kept before writing
_ORDER = (
    ReintegrationPlan,
    PlanObjective,
    PlanActivity,
    PlanReview,
    Interview,
    CoordinationContact,
    CaseConference,
    EmploymentPlacement,
    JobFollowUp,
    ResourceReferral,
)


@dataclass
class CaseSummary:
    plans: int = 0
    objectives: int = 0
    reviews: int = 0
    interviews: int = 0
    conferences: int = 0
    placements: int = 0
    resource_referrals: int = 0
    plans_open: int = 0
    counts: dict = field(default_factory=dict)


def need_levels(rng: random.Random) -> dict[str, str]:
    """A plausible needs assessment: three to five areas of moderate or high need."""
    needy = set(rng.sample(sorted(NEED_TEMPLATES), rng.randint(3, 5)))
    return {
        area: rng.choice(("moderada", "alta"))
        if area in needy
        else rng.choice(("sin_necesidad", "leve"))
        for area in NEED_TEMPLATES
    }


class CaseWriter(FollowUpSteps):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        rng: random.Random,
        resources: list[Resource],
        texts: CaseTexts,
    ):
        self.db, self.actor, self.rng, self.texts = db, actor, rng, texts
        self.today = db.clock.today()
        self.at = db.clock.now()
        self.rows: dict[type, list[dict]] = defaultdict(list)
        self.owners: dict[type, list[str]] = defaultdict(list)
        self.summary = CaseSummary()
        self.names: dict[str, str] = {}
        self.fallback_name = ""
        self.open_cases = 0
        self.placements = 0
        self.assessed: dict[str, tuple[dict[str, str], date]] = {}
        self.stable_keys: dict[str, str] = {}  # objective id → a seed that does not depend on UUIDs
        self.by_category: dict[str, list[Resource]] = defaultdict(list)
        for resource in resources:
            if resource.active:
                self.by_category[resource.category].append(resource)

    # -- writing -----------------------------------------------------------------------

    def add(self, model: type, owner: str, record_id: str = "", **values: object) -> str:
        values["id"] = record_id = record_id or new_id()
        self.rows[model].append(values)
        self.owners[model].append(owner)
        return record_id

    def flush(self, force: bool = False) -> None:
        if not self.rows or (not force and max(len(r) for r in self.rows.values()) < CHUNK):
            return
        bulk.create_in_order(
            db=self.db,
            actor=self.actor,
            at=self.at,
            order=_ORDER,
            rows=self.rows,
            owners=self.owners,
        )
        for model, rows in self.rows.items():
            self.summary.counts[model.__tablename__] = self.summary.counts.get(
                model.__tablename__, 0
            ) + len(rows)
        self.rows.clear()
        self.owners.clear()

    # -- one person --------------------------------------------------------------------

    def case(self, case: Case, levels: dict[str, str]) -> None:
        end = min(case.end, self.today)
        self._interviews(case, end)
        self._contacts(case, end)
        plan_start = case.admission + timedelta(days=self.rng.randint(5, 12))
        if plan_start > end:
            return  # admitted a few days ago: the plan is still to be talked through
        # The needs assessment the plan's objectives were proposed from, days before it.
        assessed = max(case.admission, plan_start - timedelta(days=self.rng.randint(1, 4)))
        self.assessed[case.participant_id] = (levels, assessed)
        objectives = self._plan(case, plan_start, end, levels)
        if case.discharge is None and (end - case.admission).days > 60 and self.rng.random() < 0.25:
            self._conference(case, end)
        self._employment(case, end)
        self._resource_referrals(case, objectives, end)

    def _plan(
        self, case: Case, start: date, end: date, levels: dict[str, str]
    ) -> list[tuple[str, ObjectiveState]]:
        rng = self.rng
        if case.discharge is not None:
            status, agreed = PlanStatus.CLOSED, start + timedelta(days=rng.randint(5, 12))
        elif (end - start).days < 21:
            status, agreed = PlanStatus.DRAFT, None
        else:
            status, agreed = PlanStatus.AGREED, start + timedelta(days=rng.randint(5, 12))
        templates = proposed_templates(levels, ptm=case.ptm)
        templates = rng.sample(templates, min(len(templates), rng.randint(3, 5))) or list(
            OBJECTIVE_TEMPLATES[-2:]
        )
        plan_id = new_id()
        states: list[ObjectiveState] = []
        achieved: dict[str, date | None] = {}
        for template in templates:
            objective_id = new_id()
            self.stable_keys[objective_id] = f"{self.rng.random()}"
            deadline = start + timedelta(days=rng.choice((60, 90, 120, 150, 180, 240)))
            priority = rng.choice((Priority.HIGH, Priority.MEDIUM, Priority.MEDIUM, Priority.LOW))
            state = ObjectiveState(
                objective_id, template.area.value, template.title, template.indicator,
                template.target, deadline, priority.value, ObjectiveStatus.PENDING.value, 0,
            )  # fmt: skip
            states.append(state)
            achieved[objective_id] = None
        reviews = (
            self._reviews(case, plan_id, states, achieved, start, agreed, end) if agreed else []
        )
        final = [self._state_on(s, start, end, case) for s in states] if agreed else states
        version = max((number for number, *_ in reviews), default=1)
        next_review = None
        if status == PlanStatus.AGREED:
            last = reviews[-1][1] if reviews else agreed
            next_review = last + timedelta(days=REVIEW_EVERY)
            # Reviews are held or rescheduled; one plan in twenty-five is a review behind.
            self.summary.plans_open += 1
            if next_review < self.today and self.summary.plans_open % 25 != 24:
                next_review = self.today + timedelta(days=rng.randint(5, 30))
        self.add(
            ReintegrationPlan, case.participant_id, plan_id,
            participant_id=case.participant_id, start_date=start, status=status.value,
            current_version=version, general_goal=GENERAL_GOAL,
            commitments=rng.choice(self.texts.commitments), agreed_date=agreed,
            next_review_date=next_review, closed_date=case.discharge,
            closed_reason="Alta de la vivienda" if case.discharge else "",
        )  # fmt: skip
        written = []
        for position, state in enumerate(final):
            closed = state.status not in (ObjectiveStatus.PENDING, ObjectiveStatus.IN_PROGRESS)
            when = min(state.deadline or end, end) if closed else None
            self.add(
                PlanObjective, case.participant_id, state.id, participant_id=case.participant_id,
                plan_id=plan_id, area=state.area, template_code=templates[position].code,
                title=state.title, indicator=state.indicator, target=state.target,
                deadline=state.deadline, priority=state.priority, status=state.status,
                progress=state.progress, position=position, achieved_date=when,
            )  # fmt: skip
            self._activity(case, state, start, end)
            written.append((state.id, state))
        for number, on, changes, snapshot, summary in reviews:
            self.add(
                PlanReview, case.participant_id, participant_id=case.participant_id,
                plan_id=plan_id, on_date=on, reviewer_name=self._staff_name(case),
                plan_version=number, summary=summary, changes=json.dumps(changes, ensure_ascii=False),
                snapshot=json.dumps(snapshot, ensure_ascii=False),
                next_review_date=on + timedelta(days=REVIEW_EVERY),
            )  # fmt: skip
        self.summary.plans += 1
        self.summary.objectives += len(final)
        self.summary.reviews += len(reviews)
        return written

    def _state_on(self, state: ObjectiveState, start: date, on: date, case: Case) -> ObjectiveState:
        """Where an objective stands on `on`: progress grows with time; most are met."""
        # The same objective tells the same story at each review, run after run.
        rng = random.Random(self.stable_keys[state.id])
        deadline = state.deadline or on
        span = max(1, (deadline - start).days)
        pace = rng.uniform(0.7, 1.25)
        fate = rng.random()
        dropped_at, missed_at = rng.randint(10, 50), rng.randint(40, 90)
        progress = min(100, int(100 * pace * (on - start).days / span))
        status = (
            ObjectiveStatus.PENDING.value if progress < 5 else ObjectiveStatus.IN_PROGRESS.value
        )
        if fate < 0.06 and (on - start).days > 45:
            # Set aside before it got far: a dropped objective never reads 100 %.
            status, progress = ObjectiveStatus.DROPPED.value, min(progress, dropped_at)
        elif on >= deadline or progress >= 100:
            if fate < 0.75:
                status, progress = ObjectiveStatus.ACHIEVED.value, 100
            elif fate < 0.985 or (on - deadline).days > 30:
                # the review at its deadline (or the next) closes it as not achieved
                status, progress = ObjectiveStatus.NOT_ACHIEVED.value, min(progress, missed_at)
            else:
                progress = min(progress, missed_at)  # overdue, still open (R-PLAN-4)
        if (
            case.discharge is not None
            and on >= case.discharge
            and status in ("pendiente", "en_curso")
        ):
            achieved = case.discharge_type == DischargeType.THERAPEUTIC and fate < 0.5
            status = (
                ObjectiveStatus.ACHIEVED.value if achieved else ObjectiveStatus.NOT_ACHIEVED.value
            )
        status, progress, _when = normalise_progress(status, progress, on)
        return ObjectiveState(
            state.id, state.area, state.title, state.indicator, state.target,
            state.deadline, state.priority, status, progress,
        )  # fmt: skip

    def _reviews(self, case, plan_id, states, achieved, start, agreed, end) -> list[tuple]:  # type: ignore[no-untyped-def]
        """Version 1 when agreed, then a review about every two months."""
        rng = self.rng
        snapshot = [s.as_json() for s in states]
        reviews = [(1, agreed, [], snapshot, "Acuerdo inicial firmado con el/la participante.")]
        before = states
        on = agreed + timedelta(days=REVIEW_EVERY + rng.randint(-5, 10))
        version = 1
        while on <= end and (end - on).days > 3:
            after = [self._state_on(s, start, on, case) for s in states]
            changes = describe_changes(before, after)
            if changes:
                version += 1
                reviews.append(
                    (
                        version,
                        on,
                        changes,
                        [s.as_json() for s in after],
                        rng.choice(self.texts.review_summaries),
                    )
                )
                before = after
            on += timedelta(days=REVIEW_EVERY + rng.randint(-5, 10))
        return reviews

    def _activity(self, case: Case, state: ObjectiveState, start: date, end: date) -> None:
        templates = activity_templates_for(state.area)
        if not templates:
            return
        template = self.rng.choice(templates)
        status = {
            ObjectiveStatus.ACHIEVED: ActivityStatus.DONE,
            ObjectiveStatus.IN_PROGRESS: ActivityStatus.IN_PROGRESS,
            ObjectiveStatus.DROPPED: ActivityStatus.CANCELLED,
            ObjectiveStatus.NOT_ACHIEVED: ActivityStatus.CANCELLED,
        }.get(ObjectiveStatus(state.status), ActivityStatus.PLANNED)
        due = start + timedelta(days=self.rng.randint(20, 50))
        self.add(
            PlanActivity, case.participant_id, participant_id=case.participant_id,
            objective_id=state.id, description=template.description, template_code=template.code,
            status=status.value, due_date=due,
            done_date=min(due, end) if status == ActivityStatus.DONE else None,
        )  # fmt: skip


def add_case_management(
    db: Database,
    actor: Actor,
    *,
    seed: int,
    resources: list[Resource],
    texts: CaseTexts = ANDALUSIAN_CASE_TEXTS,
) -> tuple[CaseSummary, dict[str, tuple[dict[str, str], date]]]:
    """Write the case work of everyone in a stay or discharged in the last year.

    Returns the summary and, for each person with a plan, the needs levels it was proposed
    from and the day of that assessment (for the ficha de valoración inicial)."""
    rng = random.Random(f"cases-{seed}")
    writer = CaseWriter(db, actor, rng, resources, texts)
    today = writer.today
    with db.read() as session:
        rows = demo_queries.people_with_stays(session=session)
        writer.names = demo_queries.staff_names(session=session)
        writer.fallback_name = demo_queries.first_technician(session=session)
    for row in rows:
        if row.discharge_date is not None and (today - row.discharge_date).days > RECENT_DAYS:
            continue
        case = Case(
            row.participant_id,
            row.case_manager_id or "",
            bool(row.ptm),
            row.admission_date,
            row.discharge_date,
            row.discharge_type,
            row.birth_date,
        )
        writer.case(case, need_levels(rng))
        writer.flush()
    writer.flush(force=True)
    return writer.summary, writer.assessed
