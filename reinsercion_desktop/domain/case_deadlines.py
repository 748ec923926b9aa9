"""Plazos del seguimiento de casos: what case management owes, for whom, by when.

R-FU-1, R-PLAN-4, R-PLAN-3 (review due), R-FU-2 and the monthly job-maintenance
follow-up, as the same `Deadline` items the circuit's deadlines produce, so "Pendientes"
shows them side by side, each from its lead time (`deadlines.KINDS`) before its date.
Pure functions over plain facts; `services/pending.py` reads the facts with one
set-based query per kind (`db/pending_queries.py`).

Choices, in one place:

- R-FU-1: only a person's latest interview counts (latest day; the one recorded last on
  the same day): a later interview replaces the appointment an earlier one set, whether
  or not it sets a new one. An appointment not after its interview is ignored (the
  follow-up service refuses it). An appointment is listed from `today - lookback_days`
  (a missed one shows as overdue for a while).
- R-PLAN-4: an open objective (pendiente, en curso) of a plan that is not closed, from
  its lead time before its deadline; listed however late, until it is achieved, dropped
  or moved.
- Plan review: `next_review_date` of a plan that is not closed, listed however late.
- R-FU-2: each task of a case conference without a done date; a task without a due
  date falls due the day of the conference (it is owed from then).
- Job maintenance: while a placement is open (no end date), a follow-up every
  JOB_FOLLOW_UP_DAYS after the last one, or after the start when there is none yet;
  listed however late. It is owed even after the person left the programme, so the
  reader does not skip archived people for this kind.

The facts are named rows (NamedTuple): one per record of tens of thousands, made fast.
"""

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import NamedTuple

from reinsercion_desktop.domain import deadline_texts as texts
from reinsercion_desktop.domain.deadlines import (
    DEFAULT_LOOKBACK_DAYS,
    Deadline,
    DeadlineKind,
    listed_until,
)
from reinsercion_desktop.domain.enums import PlanStatus
from reinsercion_desktop.domain.follow_up_rules import (
    ConferenceTask,
    job_follow_up_due,
    tasks_from_json,
)
from reinsercion_desktop.domain.plan_rules import objective_is_open


class InterviewFacts(NamedTuple):
    """An interview and the next appointment it set. `order` breaks same-day ties
    (the creation time, ISO text: later text, later interview)."""

    participant_id: str
    who: str
    on_date: date
    next_date: date | None = None
    next_time: str = ""
    order: str = ""


class ObjectiveFacts(NamedTuple):
    objective_id: str
    participant_id: str
    who: str
    title: str
    deadline: date | None
    status: str


class PlanFacts(NamedTuple):
    plan_id: str
    participant_id: str
    who: str
    status: str
    version: int
    next_review_date: date | None


class ConferenceFacts(NamedTuple):
    conference_id: str
    participant_id: str
    who: str
    on_date: date
    tasks: tuple[ConferenceTask, ...]


class PlacementFacts(NamedTuple):
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


# -- one kind each ------------------------------------------------------------------------------


def appointment_deadlines(
    interviews: Iterable[InterviewFacts], *, earliest: date, latest: date
) -> list[Deadline]:
    """R-FU-1: the appointment set by each person's latest interview, inside the window."""
    items = []
    kind = DeadlineKind.APPOINTMENT
    for interview in latest_interviews(interviews).values():
        due = next_appointment(interview)
        if due is None or not earliest <= due <= latest:
            continue
        facts = (interview.next_time, interview.on_date)
        items.append(
            Deadline(
                kind, interview.who, due, texts.appointment_text, facts, interview.participant_id
            )
        )
    return items


def objective_deadlines(objectives: Iterable[ObjectiveFacts], *, latest: date) -> list[Deadline]:
    """R-PLAN-4: open objectives whose deadline is by `latest` (past ones included)."""
    kind = DeadlineKind.OBJECTIVE_DEADLINE
    return [
        Deadline(
            kind,
            objective.who,
            objective.deadline,
            texts.objective_text,
            objective.title,
            objective.participant_id,
        )
        for objective in objectives
        if objective.deadline is not None
        and objective.deadline <= latest
        and objective_is_open(objective.status)
    ]


def review_deadlines(plans: Iterable[PlanFacts], *, latest: date) -> list[Deadline]:
    """The planned review of every plan that is not closed, due by `latest`."""
    kind = DeadlineKind.PLAN_REVIEW
    return [
        Deadline(
            kind,
            plan.who,
            plan.next_review_date,
            texts.review_text,
            plan.version,
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
    kind = DeadlineKind.CONFERENCE_TASK
    for conference in conferences:
        for task in open_tasks(conference):
            due = task.due or conference.on_date
            if due > latest:
                continue
            facts = (task.task, task.owner)
            items.append(
                Deadline(
                    kind, conference.who, due, texts.task_text, facts, conference.participant_id
                )
            )
    return items


def job_follow_up_deadlines(
    placements: Iterable[PlacementFacts], *, today: date, latest: date
) -> list[Deadline]:
    """A monthly job-maintenance follow-up of every open placement, due by `latest`
    (the Seguimiento tab's rule: `follow_up_rules.job_follow_up_due`)."""
    items = []
    kind = DeadlineKind.JOB_FOLLOW_UP
    for placement in placements:
        due = job_follow_up_due(placement, placement.last_follow_up, today)
        if due is None or due > latest:
            continue
        facts = (placement.employer, placement.last_follow_up, placement.start_date)
        items.append(
            Deadline(kind, placement.who, due, texts.job_text, facts, placement.participant_id)
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
    leads: Mapping[DeadlineKind, int] | None = None,
    lookback_days: int = DEFAULT_LOOKBACK_DAYS,
) -> list[Deadline]:
    """Every case-management deadline listed today (from its lead time before it), kind
    by kind: `sort_deadlines` orders them (once, with the circuit's)."""
    until = listed_until(today, leads)
    return [
        *appointment_deadlines(
            interviews,
            earliest=today - timedelta(days=lookback_days),
            latest=until[DeadlineKind.APPOINTMENT],
        ),
        *objective_deadlines(objectives, latest=until[DeadlineKind.OBJECTIVE_DEADLINE]),
        *review_deadlines(plans, latest=until[DeadlineKind.PLAN_REVIEW]),
        *conference_task_deadlines(conferences, latest=until[DeadlineKind.CONFERENCE_TASK]),
        *job_follow_up_deadlines(placements, today=today, latest=until[DeadlineKind.JOB_FOLLOW_UP]),
    ]
