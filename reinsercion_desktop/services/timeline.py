"""La línea de tiempo de una persona: stays, outings, the plan, follow-up and work over time.

`timeline_of` turns one person's records (`case_queries.timeline_records`, one small
query per kind) into spans (something that lasted: a stay, a placement) and points
(something that happened or falls due on a day), each on one of four lanes, with a
label and a colour class the widget maps to a colour. Open spans end today.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from reinsercion_desktop.db import case_queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.sql_rows import iso_day
from reinsercion_desktop.domain.case_deadlines import parse_tasks
from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import (
    ContractType,
    DischargeType,
    InterviewKind,
    ObjectiveStatus,
    OutingKind,
    PlanStatus,
    ReferralStatus,
    ResourceReferralStatus,
    ServiceKind,
)
from reinsercion_desktop.domain.plan_rules import objective_overdue

CIRCUIT, PLAN, FOLLOW_UP, WORK = "Circuito", "Plan", "Seguimiento", "Empleo y recursos"
LANES = (CIRCUIT, PLAN, FOLLOW_UP, WORK)
CIRCLE, DIAMOND, SQUARE = "circle", "diamond", "square"
# Referral statuses that keep the person on the waiting list (the span runs on to today).
_STILL_WAITING = {"received", "waiting", "postponed", "assigned", "incomplete"}
_OPEN_RESOURCE = {ResourceReferralStatus.ENROLLED.value, ResourceReferralStatus.ONGOING.value}


@dataclass(frozen=True)
class Span:
    lane: str
    start: date
    end: date
    label: str
    colour: str  # a colour class: stay, outing, waiting, plan, placement, resource
    open: bool = False  # still going on: `end` is today

    def tooltip(self) -> str:
        until = "hoy (en curso)" if self.open else format_date_es(self.end)
        return f"{format_date_es(self.start)} – {until}\n{self.label}"


@dataclass(frozen=True)
class Point:
    lane: str
    day: date
    label: str
    colour: str  # referral, objective, overdue, achieved, review, interview, appointment…
    shape: str = CIRCLE

    def tooltip(self) -> str:
        return f"{format_date_es(self.day)}\n{self.label}"


@dataclass(frozen=True)
class Timeline:
    participant_id: str
    today: date
    spans: list[Span] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)

    @property
    def start(self) -> date:
        days = [s.start for s in self.spans] + [p.day for p in self.points]
        return min(days, default=self.today)

    @property
    def end(self) -> date:
        days = [s.end for s in self.spans] + [p.day for p in self.points] + [self.today]
        return max(days)

    @property
    def empty(self) -> bool:
        return not self.spans and not self.points


@cache  # a few codes per kind, asked for on every row of every timeline
def _label(enum: type, value: str, default: str = "") -> str:
    try:
        return enum(value).label
    except ValueError:
        return default or value


def timeline_of(db: Database, participant_id: str, today: date | None = None) -> Timeline:
    today = today or db.clock.today()
    with db.read() as session:
        records = case_queries.timeline_records(session=session, participant_id=participant_id)
    timeline = Timeline(participant_id, today)
    for kind, build in _BUILDERS.items():
        build(records[kind], timeline, records)
    timeline.spans.sort(key=lambda span: (LANES.index(span.lane), span.start))
    timeline.points.sort(key=lambda point: (LANES.index(point.lane), point.day))
    return timeline


# -- Circuito ------------------------------------------------------------------------------------


def _stays(rows: list, timeline: Timeline, _records: dict) -> None:
    for _id, vivienda, admission, discharge, kind, _referral in rows:
        end = iso_day(discharge)
        label = vivienda or "Estancia"
        if end is not None:
            label += f" · alta {_label(DischargeType, kind, 'sin tipo').lower()}"
        _span(timeline, CIRCUIT, iso_day(admission), end, label, "stay")


def _outings(rows: list, timeline: Timeline, _records: dict) -> None:
    for start, end, kind, purpose in rows:
        label = f"Salida {_label(OutingKind, kind).lower()}"
        if purpose:
            label += f": {purpose}"
        _span(timeline, CIRCUIT, iso_day(start), iso_day(end), label, "outing")


def _waiting(rows: list, timeline: Timeline, records: dict) -> None:
    """Waiting-list time: from the referral's reception to the admission it led to."""
    admissions = {
        referral: iso_day(admission) for _i, _v, admission, _d, _k, referral in records["stays"]
    }
    for referral_id, received, status, closed, _protocol in rows:
        start = iso_day(received)
        if start is None:
            continue
        end = admissions.get(referral_id) or iso_day(closed)
        if end is None and status not in _STILL_WAITING:
            continue
        label = f"Lista de espera ({_label(ReferralStatus, status).lower()})"
        _span(timeline, CIRCUIT, start, end, label, "waiting")


def _referral_events(rows: list, timeline: Timeline, _records: dict) -> None:
    for on_date, status, note in rows:
        label = f"Protocolo: {_label(ReferralStatus, status)}"
        if note:
            label += f" — {note}"
        timeline.points.append(Point(CIRCUIT, iso_day(on_date), label, "referral"))  # type: ignore[arg-type]


# -- Plan ------------------------------------------------------------------------------------------


def _plans(rows: list, timeline: Timeline, _records: dict) -> None:
    for _id, start, closed, status, version in rows:
        label = f"Plan · versión {version} · {_label(PlanStatus, status)}"
        end = iso_day(closed) if status == PlanStatus.CLOSED else None
        if status == PlanStatus.CLOSED and end is None:
            end = iso_day(start)
        _span(timeline, PLAN, iso_day(start), end, label, "plan")


def _objectives(rows: list, timeline: Timeline, _records: dict) -> None:
    for title, deadline, status, achieved, _area in rows:
        due = iso_day(deadline)
        if due is not None:
            if objective_overdue(due, status, timeline.today):
                colour, state = "overdue", "vencido"
            elif status == ObjectiveStatus.ACHIEVED:
                colour, state = "achieved", "conseguido"
            else:
                colour, state = "objective", _label(ObjectiveStatus, status).lower()
            label = f"Plazo del objetivo «{title}» ({state})"
            timeline.points.append(Point(PLAN, due, label, colour, SQUARE))
        done = iso_day(achieved)
        if done is not None and status == ObjectiveStatus.ACHIEVED:
            timeline.points.append(Point(PLAN, done, f"Objetivo conseguido: «{title}»", "achieved"))


def _reviews(rows: list, timeline: Timeline, _records: dict) -> None:
    for on_date, version, reviewer, summary in rows:
        label = f"Revisión del plan → versión {version}"
        if reviewer:
            label += f" ({reviewer})"
        if summary:
            label += f": {summary}"
        timeline.points.append(Point(PLAN, iso_day(on_date), label, "review", DIAMOND))  # type: ignore[arg-type]


# -- Seguimiento -------------------------------------------------------------------------------------


def _interviews(rows: list, timeline: Timeline, _records: dict) -> None:
    for on_date, kind, staff, _next, _time, _made in rows:
        label = f"Entrevista {_label(InterviewKind, kind).lower()}"
        if staff:
            label += f" con {staff}"
        timeline.points.append(Point(FOLLOW_UP, iso_day(on_date), label, "interview"))  # type: ignore[arg-type]
    if rows:  # the latest interview's appointment (R-FU-1), if it is after it
        held, _kind, _staff, due, time, _made = max(rows, key=lambda row: (row[0], row[5] or ""))
        when = iso_day(due)
        if when is not None and when > iso_day(held):  # type: ignore[operator]
            label = "Próxima cita" + (f" a las {time}" if time else "")
            timeline.points.append(Point(FOLLOW_UP, when, label, "appointment", SQUARE))


def _contacts(rows: list, timeline: Timeline, _records: dict) -> None:
    for on_date, service, entity, person in rows:
        label = f"Contacto con {entity or _label(ServiceKind, service)}"
        if person:
            label += f" ({person})"
        timeline.points.append(Point(FOLLOW_UP, iso_day(on_date), label, "contact"))  # type: ignore[arg-type]


def _conferences(rows: list, timeline: Timeline, _records: dict) -> None:
    for on_date, topic, tasks in rows:
        pending = sum(1 for task in parse_tasks(tasks) if task.is_open)
        label = "Mesa de casos" + (f": {topic}" if topic else "")
        if pending:
            label += f" ({pending} tarea{'s' if pending != 1 else ''} pendiente{'s' if pending != 1 else ''})"
        timeline.points.append(Point(FOLLOW_UP, iso_day(on_date), label, "conference"))  # type: ignore[arg-type]


# -- Empleo y recursos -------------------------------------------------------------------------------


def _placements(rows: list, timeline: Timeline, _records: dict) -> None:
    for employer, position, contract, start, end, insertion in rows:
        label = employer + (f" · {position}" if position else "")
        label += f" ({_label(ContractType, contract).lower()}"
        label += ", empresa de inserción)" if insertion else ")"
        _span(timeline, WORK, iso_day(start), iso_day(end), label, "placement")


def _job_follow_ups(rows: list, timeline: Timeline, _records: dict) -> None:
    for on_date, still_employed, employer in rows:
        if still_employed:
            label, colour = f"Seguimiento del puesto en {employer}: sigue trabajando", "job"
        else:
            label, colour = f"Seguimiento del puesto en {employer}: ya no trabaja", "overdue"
        timeline.points.append(Point(WORK, iso_day(on_date), label, colour))  # type: ignore[arg-type]


def _resources(rows: list, timeline: Timeline, _records: dict) -> None:
    for name, status, proposed, enrolled, finished in rows:
        start, end = iso_day(enrolled), iso_day(finished)
        state = _label(ResourceReferralStatus, status).lower()
        if start is None:
            label = f"Propuesto el recurso {name} ({state})"
            timeline.points.append(Point(WORK, iso_day(proposed), label, "resource"))  # type: ignore[arg-type]
            continue
        if end is None and status not in _OPEN_RESOURCE:
            end = start  # abandoned or finished without a date: the enrolment day only
        _span(timeline, WORK, start, end, f"{name} ({state})", "resource")


def _span(
    timeline: Timeline, lane: str, start: date | None, end: date | None, label: str, colour: str
) -> None:
    """A span from `start` to `end`, or to today while it goes on; nothing without a start."""
    if start is None:
        return
    still = end is None
    end = max(start, timeline.today if end is None else end)
    timeline.spans.append(Span(lane, start, end, label, colour, still))


_BUILDERS: dict[str, Callable[[list, Timeline, dict], None]] = {
    "stays": _stays,
    "outings": _outings,
    "referrals": _waiting,
    "referral_events": _referral_events,
    "plans": _plans,
    "objectives": _objectives,
    "reviews": _reviews,
    "interviews": _interviews,
    "contacts": _contacts,
    "conferences": _conferences,
    "placements": _placements,
    "job_follow_ups": _job_follow_ups,
    "resource_referrals": _resources,
}


class TimelineService:
    """A participant's timeline (stays, outings, plan, follow-up) for the file's tab."""

    def __init__(self, db: Database):
        self.db = db

    def of(self, participant_id: str, today: date | None = None) -> Timeline:
        return timeline_of(self.db, participant_id, today)
