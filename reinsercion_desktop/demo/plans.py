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
from reinsercion_desktop.demo.case_texts import (
    COMMITMENTS,
    CONFERENCE_DECISIONS,
    CONFERENCE_TASKS,
    CONTACT_ENTITIES,
    EMPLOYERS,
    INSERTION_COMPANIES,
    INTERVIEW_NOTES,
    JOB_NOTES,
    POSITIONS,
    REVIEW_SUMMARIES,
)
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.enums import (
    ActivityStatus,
    ContractType,
    DischargeType,
    InterviewKind,
    ObjectiveStatus,
    PlanArea,
    PlanStatus,
    Priority,
    ResourceCategory,
    ResourceReferralStatus,
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
INTERVIEW_EVERY = 14
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
# Which catalogue a plan area sends people to.
_CATEGORIES = {
    PlanArea.TRAINING_WORK: (
        ResourceCategory.ACADEMIC,
        ResourceCategory.JOB_TRAINING,
        ResourceCategory.JOB_BOARD,
    ),
    PlanArea.LEISURE: (ResourceCategory.LEISURE,),
    PlanArea.SOCIAL: (ResourceCategory.LEISURE, ResourceCategory.OTHER_SERVICES),
    PlanArea.HEALTH: (ResourceCategory.OTHER_SERVICES,),
    PlanArea.LEGAL: (ResourceCategory.OTHER_SERVICES,),
}


@dataclass
class CaseSummary:
    plans: int = 0
    objectives: int = 0
    reviews: int = 0
    interviews: int = 0
    conferences: int = 0
    placements: int = 0
    resource_referrals: int = 0
    counts: dict = field(default_factory=dict)


@dataclass(slots=True)
class _Case:
    participant_id: str
    manager: str
    ptm: bool
    admission: date
    discharge: date | None
    discharge_type: str

    @property
    def end(self) -> date:  # the last day of case work so far
        return self.discharge or date.max


def need_levels(rng: random.Random) -> dict[str, str]:
    """A plausible needs assessment: three to five areas of moderate or high need."""
    needy = set(rng.sample(sorted(NEED_TEMPLATES), rng.randint(3, 5)))
    return {
        area: rng.choice(("moderada", "alta"))
        if area in needy
        else rng.choice(("sin_necesidad", "leve"))
        for area in NEED_TEMPLATES
    }


class _CaseWriter:
    def __init__(self, db: Database, actor: Actor, rng: random.Random, resources: list[Resource]):
        self.db, self.actor, self.rng = db, actor, rng
        self.today = db.clock.today()
        self.at = db.clock.now()
        self.rows: dict[type, list[dict]] = defaultdict(list)
        self.owners: dict[type, list[str]] = defaultdict(list)
        self.summary = CaseSummary()
        self.names: dict[str, str] = {}
        self.open_cases = 0
        self.stable_keys: dict[str, str] = {}  # objective id → a seed that does not depend on UUIDs
        self.by_category: dict[str, list[Resource]] = defaultdict(list)
        for resource in resources:
            if resource.active:
                self.by_category[resource.category].append(resource)

    # -- writing -----------------------------------------------------------------------

    def _add(self, model: type, owner: str, record_id: str = "", **values: object) -> str:
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

    def case(self, case: _Case, levels: dict[str, str]) -> None:
        end = min(case.end, self.today)
        self._interviews(case, end)
        self._contacts(case, end)
        plan_start = case.admission + timedelta(days=self.rng.randint(5, 12))
        if plan_start > end:
            return  # admitted a few days ago: the plan is still to be talked through
        objectives = self._plan(case, plan_start, end, levels)
        if case.discharge is None and (end - case.admission).days > 60 and self.rng.random() < 0.25:
            self._conference(case, end)
        self._employment(case, end)
        self._resource_referrals(case, objectives, end)

    def _plan(
        self, case: _Case, start: date, end: date, levels: dict[str, str]
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
            next_review = last + timedelta(days=REVIEW_EVERY)  # some fall overdue: Pendientes
        self._add(
            ReintegrationPlan, case.participant_id, plan_id,
            participant_id=case.participant_id, start_date=start, status=status.value,
            current_version=version, general_goal=GENERAL_GOAL,
            commitments=rng.choice(COMMITMENTS), agreed_date=agreed,
            next_review_date=next_review, closed_date=case.discharge,
            closed_reason="Alta de la vivienda" if case.discharge else "",
        )  # fmt: skip
        written = []
        for position, state in enumerate(final):
            closed = state.status not in (ObjectiveStatus.PENDING, ObjectiveStatus.IN_PROGRESS)
            when = min(state.deadline or end, end) if closed else None
            self._add(
                PlanObjective, case.participant_id, state.id, participant_id=case.participant_id,
                plan_id=plan_id, area=state.area, template_code=templates[position].code,
                title=state.title, indicator=state.indicator, target=state.target,
                deadline=state.deadline, priority=state.priority, status=state.status,
                progress=state.progress, position=position, achieved_date=when,
            )  # fmt: skip
            self._activity(case, state, start, end)
            written.append((state.id, state))
        for number, on, changes, snapshot, summary in reviews:
            self._add(
                PlanReview, case.participant_id, participant_id=case.participant_id,
                plan_id=plan_id, on_date=on, reviewer_name=self.names.get(case.manager, ""),
                plan_version=number, summary=summary, changes=json.dumps(changes, ensure_ascii=False),
                snapshot=json.dumps(snapshot, ensure_ascii=False),
                next_review_date=on + timedelta(days=REVIEW_EVERY),
            )  # fmt: skip
        self.summary.plans += 1
        self.summary.objectives += len(final)
        self.summary.reviews += len(reviews)
        return written

    def _state_on(
        self, state: ObjectiveState, start: date, on: date, case: _Case
    ) -> ObjectiveState:
        """Where an objective stands on `on`: progress grows with time; most are met."""
        # The same objective tells the same story at each review, run after run.
        rng = random.Random(self.stable_keys[state.id])
        deadline = state.deadline or on
        span = max(1, (deadline - start).days)
        pace = rng.uniform(0.7, 1.25)
        fate = rng.random()
        progress = min(100, int(100 * pace * (on - start).days / span))
        status = (
            ObjectiveStatus.PENDING.value if progress < 5 else ObjectiveStatus.IN_PROGRESS.value
        )
        if fate < 0.06 and (on - start).days > 45:
            status = ObjectiveStatus.DROPPED.value
        elif on >= deadline or progress >= 100:
            if fate < 0.7:
                status, progress = ObjectiveStatus.ACHIEVED.value, 100
            elif fate < 0.82:
                status = ObjectiveStatus.NOT_ACHIEVED.value
            else:
                progress = min(progress, rng.randint(55, 90))  # overdue and still open
        if (
            case.discharge is not None
            and on >= case.discharge
            and status in ("pendiente", "en_curso")
        ):
            status = (
                ObjectiveStatus.ACHIEVED.value
                if case.discharge_type == DischargeType.THERAPEUTIC and fate < 0.5
                else ObjectiveStatus.NOT_ACHIEVED.value
            )
        status, progress, _when = normalise_progress(status, progress, on)
        return ObjectiveState(
            state.id, state.area, state.title, state.indicator, state.target,
            state.deadline, state.priority, status, progress,
        )  # fmt: skip

    def _reviews(self, case, plan_id, states, achieved, start, agreed, end) -> list[tuple]:  # type: ignore[no-untyped-def]
        """Version 1 when agreed, then a review about every two months; the last one may be
        late (a reminder in Pendientes)."""
        rng = self.rng
        snapshot = [s.as_json() for s in states]
        reviews = [(1, agreed, [], snapshot, "Acuerdo inicial firmado con el/la participante.")]
        before = states
        on = agreed + timedelta(days=REVIEW_EVERY + rng.randint(-5, 10))
        version = 1
        while on <= end and (end - on).days > 3:
            if case.discharge is None and (end - on).days < 20 and rng.random() < 0.2:
                break  # this review was not held: the plan shows it as due
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
                        rng.choice(REVIEW_SUMMARIES),
                    )
                )
                before = after
            on += timedelta(days=REVIEW_EVERY + rng.randint(-5, 10))
        return reviews

    def _activity(self, case: _Case, state: ObjectiveState, start: date, end: date) -> None:
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
        self._add(
            PlanActivity, case.participant_id, participant_id=case.participant_id,
            objective_id=state.id, description=template.description, template_code=template.code,
            status=status.value, due_date=due,
            done_date=min(due, end) if status == ActivityStatus.DONE else None,
        )  # fmt: skip

    def _interviews(self, case: _Case, end: date) -> None:
        rng = self.rng
        on = case.admission + timedelta(days=rng.randint(2, 5))
        every = INTERVIEW_EVERY if case.discharge is None else INTERVIEW_EVERY * 2
        last = None
        while on <= end:
            kind = InterviewKind.FAMILY if rng.random() < 0.12 else InterviewKind.INDIVIDUAL
            self.summary.interviews += 1
            last = self._add(
                Interview, case.participant_id, participant_id=case.participant_id, on_date=on,
                kind=kind.value, staff_name=self.names.get(case.manager, ""),
                notes=rng.choice(INTERVIEW_NOTES), next_appointment_date=None,
                next_appointment_time="",
            )  # fmt: skip
            on += timedelta(days=every + rng.randint(-2, 3))
        if last is not None and case.discharge is None:
            row = self.rows[Interview][-1]
            # One in eight open cases missed the last appointment (overdue in Pendientes).
            self.open_cases += 1
            missed = self.open_cases % 8 == 3 and row["on_date"] < end - timedelta(days=2)
            ahead = -1 if missed else rng.randint(1, 14)
            row["next_appointment_date"] = end + timedelta(days=ahead)
            row["next_appointment_time"] = rng.choice(
                ("09:30", "10:00", "11:00", "12:30", "13:00", "17:00")
            )

    def _contacts(self, case: _Case, end: date) -> None:
        rng = self.rng
        span = (end - case.admission).days
        for _ in range(min(3, 1 + span // 90)):
            kind = rng.choice(list(CONTACT_ENTITIES))
            entity, person = rng.choice(CONTACT_ENTITIES[kind])
            self._add(
                CoordinationContact, case.participant_id, participant_id=case.participant_id,
                on_date=case.admission + timedelta(days=rng.randint(0, max(span, 0))),
                service_kind=kind.value, entity=entity, contact_person=person,
                channel=rng.choice(("Teléfono", "Correo electrónico", "Reunión", "Informe")),
                notes="Coordinación del caso: se comparte la evolución y se acuerdan los siguientes pasos.",
            )  # fmt: skip

    def _conference(self, case: _Case, end: date) -> None:
        rng = self.rng
        on = end - timedelta(days=rng.randint(10, 40))
        manager = self.names.get(case.manager, "Gestor/a de caso")
        attendees = [
            {"name": manager, "entity": "VAR (gestor/a de caso)"},
            {"name": "Carmen Ortega Ruiz", "entity": "CTA de referencia"},
            {"name": "Pedro Salas Jiménez", "entity": "Servicios Sociales Comunitarios"},
        ]
        if rng.random() < 0.4:
            attendees.append({"name": "Inés Calvo Romero", "entity": "Servicio Andaluz de Empleo"})
        done_task, open_task = rng.sample(CONFERENCE_TASKS, 2)
        # Every third open task is late (Pendientes shows it overdue); the others are ahead.
        late = -2 if self.summary.conferences % 3 == 0 else rng.randint(3, 20)
        tasks = [
            {"task": done_task[0], "owner": done_task[1], "due": (on + timedelta(days=7)).isoformat(),
             "done": (on + timedelta(days=6)).isoformat()},
            {"task": open_task[0], "owner": open_task[1],
             "due": (end + timedelta(days=late)).isoformat(), "done": ""},
        ]  # fmt: skip
        self._add(
            CaseConference, case.participant_id, participant_id=case.participant_id, on_date=on,
            attendees=json.dumps(attendees, ensure_ascii=False), topic="Revisión del itinerario",
            decisions=rng.choice(CONFERENCE_DECISIONS), tasks=json.dumps(tasks, ensure_ascii=False),
        )  # fmt: skip
        self.summary.conferences += 1

    def _employment(self, case: _Case, end: date) -> None:
        rng = self.rng
        if case.discharge is None:
            eligible = (end - case.admission).days > 120 and rng.random() < 0.3
        else:
            eligible = case.discharge_type == DischargeType.THERAPEUTIC and rng.random() < 0.5
        if not eligible:
            return
        start = case.admission + timedelta(
            days=rng.randint(90, max(91, (end - case.admission).days - 10))
        )
        if start > self.today:
            return
        insertion = rng.random() < 0.4
        placement = self._add(
            EmploymentPlacement, case.participant_id, participant_id=case.participant_id,
            employer=rng.choice(INSERTION_COMPANIES if insertion else EMPLOYERS),
            insertion_company=insertion, position=rng.choice(POSITIONS),
            contract_type=rng.choice((ContractType.TEMPORARY, ContractType.TEMPORARY,
                                      ContractType.PERMANENT, ContractType.TRAINING)).value,
            hours_per_week=rng.choice((20, 30, 40)), start_date=start, end_date=None,
        )  # fmt: skip
        on = start + timedelta(days=30)
        while on <= self.today - timedelta(days=rng.randint(0, 12)):
            self._add(
                JobFollowUp, case.participant_id, participant_id=case.participant_id,
                placement_id=placement, on_date=on, still_employed=True, notes=rng.choice(JOB_NOTES),
            )  # fmt: skip
            on += timedelta(days=30)
        self.summary.placements += 1

    def _resource_referrals(self, case: _Case, objectives: list, end: date) -> None:
        rng = self.rng
        for objective_id, state in objectives:
            categories = _CATEGORIES.get(PlanArea(state.area))
            if not categories or rng.random() < 0.4:
                continue
            choices = [r for c in categories for r in self.by_category.get(c.value, ())]
            open_ones = [r for r in choices if r.open_all_year]
            status = {
                ObjectiveStatus.ACHIEVED: ResourceReferralStatus.FINISHED,
                ObjectiveStatus.IN_PROGRESS: rng.choice(
                    (ResourceReferralStatus.ENROLLED, ResourceReferralStatus.ONGOING)
                ),
                ObjectiveStatus.NOT_ACHIEVED: ResourceReferralStatus.ABANDONED,
                ObjectiveStatus.DROPPED: ResourceReferralStatus.ABANDONED,
            }.get(ObjectiveStatus(state.status), ResourceReferralStatus.PROPOSED)
            if status != ResourceReferralStatus.PROPOSED:
                choices = open_ones  # enrolled: only where enrolment is always open (R-RES-1)
            if not choices:
                continue
            resource = rng.choice(choices)
            proposed = min(end, case.admission + timedelta(days=rng.randint(15, 40)))
            enrolled = (
                None
                if status == ResourceReferralStatus.PROPOSED
                else min(end, proposed + timedelta(days=7))
            )
            finished = (
                min(end, (state.deadline or end))
                if status in (ResourceReferralStatus.FINISHED, ResourceReferralStatus.ABANDONED)
                else None
            )
            self._add(
                ResourceReferral, case.participant_id, participant_id=case.participant_id,
                resource_id=resource.id, objective_id=objective_id, status=status.value,
                proposed_date=proposed, enrolled_date=enrolled, finished_date=finished,
            )  # fmt: skip
            self.summary.resource_referrals += 1


def add_case_management(
    db: Database, actor: Actor, *, seed: int, resources: list[Resource]
) -> tuple[CaseSummary, dict[str, dict[str, str]]]:
    """Write the case work of everyone in a stay or discharged in the last year.

    Returns the summary and each person's needs levels (for the assessment forms)."""
    rng = random.Random(f"cases-{seed}")
    writer = _CaseWriter(db, actor, rng, resources)
    today = writer.today
    with db.read() as session:
        rows = demo_queries.people_with_stays(session=session)
        writer.names = demo_queries.staff_names(session=session)
    levels_by_person: dict[str, dict[str, str]] = {}
    for participant_id, manager, ptm, admission, discharge, discharge_type in rows:
        if discharge is not None and (today - discharge).days > RECENT_DAYS:
            continue
        case = _Case(participant_id, manager or "", bool(ptm), admission, discharge, discharge_type)
        levels = need_levels(rng)
        levels_by_person[participant_id] = levels
        writer.case(case, levels)
        writer.flush()
    writer.flush(force=True)
    return writer.summary, levels_by_person
