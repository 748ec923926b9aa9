"""Plazos del seguimiento de casos: what case management owes, for whom, by when.

R-FU-1, R-PLAN-4, R-PLAN-3 (review due), R-FU-2 and the monthly job-maintenance
follow-up, as the same `Deadline` items the circuit's deadlines produce, so "Pendientes"
shows them side by side. Pure functions over plain facts; `services/pending.py` reads the
facts with one set-based query per kind (`db/case_queries.py`).

Choices, in one place:

- R-FU-1: only a person's latest interview counts (latest day; the one recorded last on
  the same day): a later interview replaces the appointment an earlier one set, whether
  or not it sets a new one. An appointment not after its interview is ignored (the
  follow-up service refuses it). An appointment is listed from `today - lookback_days`
  (a missed one shows as overdue for a while) to `today + horizon_days`.
- R-PLAN-4: an open objective (pendiente, en curso) of a plan that is not closed, past
  its deadline; listed however late, until it is achieved, dropped or moved.
- Plan review: `next_review_date` of a plan that is not closed, listed however late.
- R-FU-2: each task of a case conference without a done date; a task without a due
  date falls due the day of the conference (it is owed from then).
- Job maintenance: while a placement is open (no end date), a follow-up every
  JOB_FOLLOW_UP_DAYS after the last one, or after the start when there is none yet;
  listed however late. It is owed even after the person left the programme, so the
  reader does not skip archived people for this kind.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.deadlines import (
    DEFAULT_HORIZON_DAYS,
    DEFAULT_LOOKBACK_DAYS,
    Action,
    Deadline,
    DeadlineKind,
)
from reinsercion_desktop.domain.enums import PlanStatus
from reinsercion_desktop.domain.follow_up_rules import (
    ConferenceTask,
    job_follow_up_due,
    tasks_from_json,
)
from reinsercion_desktop.domain.plan_rules import objective_overdue


@dataclass(frozen=True)
class InterviewFacts:
    """An interview and the next appointment it set. `order` breaks same-day ties
    (the creation time, ISO text: later text, later interview)."""

    participant_id: str
    who: str
    on_date: date
    next_date: date | None = None
    next_time: str = ""
    order: str = ""


@dataclass(frozen=True)
class ObjectiveFacts:
    objective_id: str
    participant_id: str
    who: str
    title: str
    deadline: date | None
    status: str


@dataclass(frozen=True)
class PlanFacts:
    plan_id: str
    participant_id: str
    who: str
    status: str
    version: int
    next_review_date: date | None


@dataclass(frozen=True)
class ConferenceFacts:
    conference_id: str
    participant_id: str
    who: str
    on_date: date
    tasks: tuple[ConferenceTask, ...]


@dataclass(frozen=True)
class PlacementFacts:
    placement_id: str
    participant_id: str
    who: str
    employer: str
    start_date: date
    end_date: date | None = None
    last_follow_up: date | None = None


def parse_tasks(text: str) -> tuple[ConferenceTask, ...]:
    """The conference's JSON task list (the follow-up rules' reader: unreadable is empty)."""
    return tuple(tasks_from_json(text))


def open_tasks(conference: ConferenceFacts) -> list[ConferenceTask]:
    return [task for task in conference.tasks if task.is_open]


def latest_interviews(interviews: Iterable[InterviewFacts]) -> dict[str, InterviewFacts]:
    """Each person's latest interview (R-FU-1: it replaces every earlier appointment)."""
    latest: dict[str, InterviewFacts] = {}
    for interview in interviews:
        held = latest.get(interview.participant_id)
        if held is None or (interview.on_date, interview.order) > (held.on_date, held.order):
            latest[interview.participant_id] = interview
    return latest


def next_appointment(interview: InterviewFacts) -> date | None:
    """The appointment the interview set, if it is after the interview (R-FU-1)."""
    if interview.next_date is None or interview.next_date <= interview.on_date:
        return None
    return interview.next_date


def _d(day: date | None) -> str:
    return format_date_es(day)


def _deadline(
    kind: DeadlineKind, rule: str, who: str, what: str, due: date, action: Action, person: str
) -> Deadline:
    return Deadline(kind, rule, who, what, due, action, participant_id=person)


# -- one kind each ------------------------------------------------------------------------------


def appointment_deadlines(
    interviews: Iterable[InterviewFacts], *, earliest: date, latest: date
) -> list[Deadline]:
    """R-FU-1: the appointment set by each person's latest interview, inside the window."""
    items = []
    for interview in latest_interviews(interviews).values():
        due = next_appointment(interview)
        if due is None or not earliest <= due <= latest:
            continue
        at = f" {interview.next_time}" if interview.next_time else ""
        items.append(
            _deadline(
                DeadlineKind.APPOINTMENT,
                "R-FU-1",
                interview.who,
                f"Cita de seguimiento{at} (fijada en la entrevista del {_d(interview.on_date)}).",
                due,
                Action.OPEN_FOLLOW_UP,
                interview.participant_id,
            )
        )
    return items


def objective_deadlines(objectives: Iterable[ObjectiveFacts], *, today: date) -> list[Deadline]:
    """R-PLAN-4: open objectives past their deadline."""
    return [
        _deadline(
            DeadlineKind.OBJECTIVE_OVERDUE,
            "R-PLAN-4",
            objective.who,
            f"Objetivo vencido: «{objective.title}» (plazo {_d(objective.deadline)}): "
            "actualice su estado o revise el plazo.",
            objective.deadline,  # type: ignore[arg-type]
            Action.OPEN_PLAN,
            objective.participant_id,
        )
        for objective in objectives
        if objective_overdue(objective.deadline, objective.status, today)
    ]


def review_deadlines(plans: Iterable[PlanFacts], *, latest: date) -> list[Deadline]:
    """The planned review of every plan that is not closed, due by `latest`."""
    return [
        _deadline(
            DeadlineKind.PLAN_REVIEW,
            "R-PLAN-3",
            plan.who,
            f"Revisión del plan (versión {plan.version}) prevista el {_d(plan.next_review_date)}.",
            plan.next_review_date,
            Action.OPEN_PLAN,
            plan.participant_id,
        )
        for plan in plans
        if plan.status != PlanStatus.CLOSED
        and plan.next_review_date is not None
        and plan.next_review_date <= latest
    ]


def conference_task_deadlines(
    conferences: Iterable[ConferenceFacts], *, latest: date
) -> list[Deadline]:
    """R-FU-2: every task of a case conference not yet done, due by `latest`."""
    items = []
    for conference in conferences:
        for task in open_tasks(conference):
            due = task.due or conference.on_date
            if due > latest:
                continue
            owner = task.owner or "sin asignar"
            items.append(
                _deadline(
                    DeadlineKind.CONFERENCE_TASK,
                    "R-FU-2",
                    conference.who,
                    f"Tarea de la mesa de casos: {task.task or 'sin descripción'} "
                    f"(responsable: {owner}).",
                    due,
                    Action.OPEN_FOLLOW_UP,
                    conference.participant_id,
                )
            )
    return items


def job_follow_up_deadlines(
    placements: Iterable[PlacementFacts], *, today: date, latest: date
) -> list[Deadline]:
    """A monthly job-maintenance follow-up of every open placement, due by `latest`
    (the Seguimiento tab's rule: `follow_up_rules.job_follow_up_due`)."""
    items = []
    for placement in placements:
        due = job_follow_up_due(placement, placement.last_follow_up, today)
        if due is None or due > latest:
            continue
        since = (
            f"el último fue el {_d(placement.last_follow_up)}"
            if placement.last_follow_up
            else f"empezó a trabajar el {_d(placement.start_date)}"
        )
        items.append(
            _deadline(
                DeadlineKind.JOB_FOLLOW_UP,
                "",
                placement.who,
                f"Seguimiento mensual del puesto de trabajo en {placement.employer} ({since}).",
                due,
                Action.OPEN_FOLLOW_UP,
                placement.participant_id,
            )
        )
    return items


# -- everything ----------------------------------------------------------------------------------


def case_deadlines(
    *,
    today: date,
    interviews: Iterable[InterviewFacts] = (),
    objectives: Iterable[ObjectiveFacts] = (),
    plans: Iterable[PlanFacts] = (),
    conferences: Iterable[ConferenceFacts] = (),
    placements: Iterable[PlacementFacts] = (),
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    lookback_days: int = DEFAULT_LOOKBACK_DAYS,
) -> list[Deadline]:
    """Every case-management deadline due by `today + horizon_days`, soonest first."""
    latest = today + timedelta(days=horizon_days)
    items = [
        *appointment_deadlines(
            interviews, earliest=today - timedelta(days=lookback_days), latest=latest
        ),
        *objective_deadlines(objectives, today=today),
        *review_deadlines(plans, latest=latest),
        *conference_task_deadlines(conferences, latest=latest),
        *job_follow_up_deadlines(placements, today=today, latest=latest),
    ]
    return sort_deadlines(items)


def sort_deadlines(items: Iterable[Deadline]) -> list[Deadline]:
    """Soonest (most overdue) first; same day: in the order of DeadlineKind, then by who."""
    order = {kind: index for index, kind in enumerate(DeadlineKind)}
    return sorted(items, key=lambda item: (item.due, order[item.kind], item.who))
