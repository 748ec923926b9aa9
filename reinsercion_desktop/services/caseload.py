"""Mi cartera de casos: a case manager's people and what each of them is waiting for.

One row per open file of the case manager, most urgent first (overdue objectives, then
the soonest appointment), from one set-based query per kind of record
(`db/case_queries.py`), so the busiest case manager's list stays well under half a
second at office scale.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import NamedTuple

from reinsercion_desktop.db import case_queries, queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.case_deadlines import (
    InterviewFacts,
    next_appointment,
    parse_tasks,
)
from reinsercion_desktop.domain.enums import ParticipantStatus, PlanStatus
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.domain.plan_rules import objective_overdue
from reinsercion_desktop.security.actors import authorize, require_issued
from reinsercion_desktop.services.pending import who_label

NO_PLAN = "Sin plan"


@dataclass(frozen=True)
class CaseloadRow:
    participant_id: str
    who: str
    status: str  # the participant's status, as the screen says it
    vivienda: str
    plan: str  # "Vigente (acordado) · versión 2", or NO_PLAN
    open_objectives: int
    overdue_objectives: int
    next_appointment: date | None
    next_appointment_time: str
    open_tasks: int
    employed: bool  # an open employment placement


@cache  # a handful of codes, asked for on each of hundreds of rows
def _label(enum: type, value: str) -> str:
    try:
        return enum(value).label
    except ValueError:
        return value


def _plan_label(plans: list[tuple[str, int, date]]) -> str:
    """The current plan: the latest not closed, else the latest closed one."""
    if not plans:
        return NO_PLAN
    status, version, _start = max(
        plans, key=lambda plan: (plan[0] != PlanStatus.CLOSED, plan[2], plan[1])
    )
    return f"{_label(PlanStatus, status)} · versión {version}"


def caseload(db: Database, case_manager_id: str, today: date | None = None) -> list[CaseloadRow]:
    """The case manager's open files, most overdue objectives first, then soonest appointment."""
    today = today or db.clock.today()
    mine = {"case_manager_id": case_manager_id}
    with db.read() as session:
        people = case_queries.caseload_people(session=session, **mine)
        plan_rows = case_queries.plans(session=session, open_only=False, **mine)
        objectives = case_queries.open_objectives(session=session, **mine)
        appointments = case_queries.latest_appointments(session=session, earliest=today, **mine)
        conferences = case_queries.conferences_with_open_tasks(session=session, **mine)
        placements = case_queries.open_placements(session=session, **mine)
    plans: dict[str, list[tuple[str, int, date]]] = {}
    for plan in plan_rows:
        plans.setdefault(plan.participant_id, []).append(
            (plan.status, plan.current_version, plan.start_date)
        )
    open_count: Counter[str] = Counter()
    overdue: Counter[str] = Counter()
    for objective in objectives:
        open_count[objective.participant_id] += 1
        overdue[objective.participant_id] += objective_overdue(
            objective.deadline, objective.status, today
        )
    next_at: dict[str, tuple[date, str]] = {}
    for seen in appointments:
        person, time = seen.participant_id, seen.appointment_time
        day = next_appointment(
            InterviewFacts(person, "", seen.on_date, seen.appointment_date, time)
        )
        if day is not None:
            next_at[person] = (day, time)
    tasks: Counter[str] = Counter()
    for conference in conferences:
        tasks[conference.participant_id] += sum(
            1 for task in parse_tasks(conference.tasks) if task.is_open
        )
    employed = {placement.participant_id for placement in placements}
    rows = [
        CaseloadRow(
            participant_id=person.id,
            who=who_label(person.first_name, person.surname1, person.codapel),
            status=_label(ParticipantStatus, person.status),
            vivienda=person.vivienda,
            plan=_plan_label(plans.get(person.id, [])),
            open_objectives=open_count[person.id],
            overdue_objectives=overdue[person.id],
            next_appointment=next_at[person.id][0] if person.id in next_at else None,
            next_appointment_time=next_at[person.id][1] if person.id in next_at else "",
            open_tasks=tasks[person.id],
            employed=person.id in employed,
        )
        for person in people
    ]
    return sorted(
        rows,
        key=lambda row: (-row.overdue_objectives, row.next_appointment or date.max, row.who),
    )


def week_end(today: date) -> date:
    """The Sunday of today's week: "esta semana" is the calendar week."""
    return today + timedelta(days=6 - today.weekday())


def summary(rows: list[CaseloadRow], today: date) -> str:
    """ "12 participantes · 3 objetivos vencidos · 4 citas esta semana"."""
    people = len(rows)
    late = sum(row.overdue_objectives for row in rows)
    end = week_end(today)
    week = sum(1 for row in rows if row.next_appointment and today <= row.next_appointment <= end)
    return " · ".join(
        (
            f"{people} participante{'s' if people != 1 else ''}",
            f"{late} objetivo{'s' if late != 1 else ''} vencido{'s' if late != 1 else ''}",
            f"{week} cita{'s' if week != 1 else ''} esta semana",
        )
    )


class CaseManagerChoice(NamedTuple):
    user_id: str
    name: str


def case_manager_choices(db: Database, actor: Actor) -> list[CaseManagerChoice]:
    """Whose caseload the actor may see: técnicos only their own; responsables and
    administrators any active user, the actor first."""
    require_issued(actor)
    me = CaseManagerChoice(actor.user_id, actor.full_name)
    if not actor.may(PermissionAction.CASELOAD_OTHERS):
        return [me]
    with db.read() as session:
        users = [
            CaseManagerChoice(u.id, u.full_name)
            for u in queries.users(session=session, active_only=True)
        ]
    mine = [user for user in users if user.user_id == actor.user_id]
    others = [user for user in users if user.user_id != actor.user_id]
    return (mine or [me]) + others


def busiest_case_manager(db: Database) -> str | None:
    """The user with the most open files (for the benchmark and the demo)."""
    with db.read() as session:
        counts = case_queries.case_manager_counts(session=session)
    return counts[0].case_manager_id if counts else None


class CaseloadService:
    """ "Mi cartera de casos": a case manager's people and whose caseloads one may see."""

    def __init__(self, db: Database):
        self.db = db

    def rows(
        self, actor: Actor, case_manager_id: str, today: date | None = None
    ) -> list[CaseloadRow]:
        """A case manager's people: one's own (every role), another's (from responsable up)."""
        if case_manager_id == actor.user_id:
            require_issued(actor)
        else:
            authorize(actor, PermissionAction.CASELOAD_OTHERS)
        return caseload(self.db, case_manager_id, today)

    def choices(self, actor: Actor) -> list[CaseManagerChoice]:
        return case_manager_choices(self.db, actor)

    def busiest(self) -> str | None:
        """The user with the most open files (for screenshots and the benchmark)."""
        return busiest_case_manager(self.db)
