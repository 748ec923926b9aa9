"""The §12 structure data of the demo: each vivienda's year figures and its complaints.

Year figures (Datos anuales de las viviendas), for every vivienda and every year of the
demo's history: the budget planned from the installation's cost per place and day
(places × 365 × cost, within ±3 %, the cost ~2 % lower each year back), the actual budget of each closed year within ±4 % of
the planned one (empty for the current year, not closed yet), and the weekly hours of a
small care team of 2 to 4 people at a full-time 37.5 h.

Complaints (quejas y reclamaciones): 0 to 4 per vivienda and year, mostly about the
treatment received, the house rules, the food and the facilities; recorded by a
técnico/a on the day received, answered by the responsable, most within 15 days, a few
later; one of the current month may still wait for its answer. Some are anonymous; the
others are made by someone who lived in the vivienda that day (their CODAPEL shows).

Written in bulk, audited record by record, as the rest of the demo (db/bulk.py).
"""

import bisect
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from reinsercion_desktop.db import bulk, demo_queries, queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import Complaint, ViviendaYear, new_id
from reinsercion_desktop.demo.complaint_texts import ANSWERS, DESCRIPTIONS, KIND_WEIGHTS
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.domain.structure_indicators import DEFAULT_FULL_TIME_HOURS

# A profile without a cost per place and day (contributions not used) still has budgets.
FALLBACK_COST_PER_PLACE_DAY = 35.0
PLANNED_SPREAD = 0.03  # planned budget: cost × places × 365, within ±3 %
# Prices of years past: a place cost about 2 % less each year back (Spain's CPI has
# averaged near 2 % a year since 2000), so a 1997 budget is not today's.
PRICE_RISE = 0.02


def cost_in(year: int, this_year: int, cost_today: float) -> float:
    """The cost per place and day of `year`, from today's."""
    return cost_today / (1 + PRICE_RISE) ** max(0, this_year - year)


ACTUAL_SPREAD = 0.04  # actual budget of a closed year: within ±4 % of the planned one
COMPLAINTS_PER_YEAR = (0, 1, 1, 1, 2, 2, 2, 3, 3, 4)  # drawn from, per vivienda and year
ANSWER_DAYS = (2, 15)  # most answers come within 15 days
LATE_SHARE = 0.12  # a few are answered later
LATE_DAYS = (16, 40)
ANONYMOUS_SHARE = 0.35
RECENT_SHARE = 0.1  # of the viviendas, with a complaint of the last 12 days
UNANSWERED_THIS_MONTH = 0.5  # of the current month's complaints, still waiting


@dataclass
class StructureSummary:
    year_figures: int = 0
    complaints: int = 0


def team_hours(rng: random.Random, places: int) -> float:
    """Weekly hours of a care team of 2 to 4 full-time people (75–150 h for 6–8 places)."""
    low = 2 if places <= 6 else 3 if places >= 9 else 2 + (rng.random() < 0.5)
    people = min(4, low + (rng.random() < 0.4))
    return people * DEFAULT_FULL_TIME_HOURS


def add_structure(
    db: Database, actor: Actor, *, seed: int, cost_per_place_day: float
) -> StructureSummary:
    """Year figures and complaints for every vivienda of the demo (see the docstring)."""
    rng = random.Random(f"structure-{seed}")
    today, now = db.clock.today(), db.clock.now()
    cost = cost_per_place_day or FALLBACK_COST_PER_PLACE_DAY
    with db.read() as session:
        viviendas = queries.viviendas(session=session)
        staff = demo_queries.staff(session=session)
        spans = demo_queries.stay_spans(session=session)
    technicians = [s.login for s in staff if s.role == Role.TECNICO] or [actor.login]
    answerer = next((s.login for s in staff if s.role == Role.RESPONSABLE), actor.login)
    residents = _Residents(spans)
    rows: dict[type, list[dict]] = defaultdict(list)
    owners: dict[type, list[str]] = defaultdict(list)
    for vivienda in viviendas:
        opened = vivienda.valid_from or today.replace(month=1, day=1)
        places = vivienda.places_men + vivienda.places_women + vivienda.places_mixed
        hours = team_hours(rng, places)
        for year in range(opened.year, today.year + 1):
            planned = round(
                cost_in(year, today.year, cost)
                * places
                * 365
                * rng.uniform(1 - PLANNED_SPREAD, 1 + PLANNED_SPREAD),
                -2,
            )
            actual = None
            if year < today.year:
                actual = round(planned * rng.uniform(1 - ACTUAL_SPREAD, 1 + ACTUAL_SPREAD), -1)
            rows[ViviendaYear].append(
                {
                    "id": new_id(),
                    "vivienda_id": vivienda.id,
                    "year": year,
                    "budget_planned": planned,
                    "budget_actual": actual,
                    "staff_weekly_hours": hours,
                    "full_time_weekly_hours": DEFAULT_FULL_TIME_HOURS,
                }
            )
            owners[ViviendaYear].append("")
            first = max(opened, date(year, 1, 1))
            last = min(today, date(year, 12, 31))
            for _ in range(rng.choice(COMPLAINTS_PER_YEAR)):
                day = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
                if not first <= day <= last:
                    continue  # the year's part still to come (or before the house opened)
                row = _recorded(rng, today, vivienda.id, day, residents, technicians, answerer, now)
                rows[Complaint].append(row)
                owners[Complaint].append(row["participant_id"] or "")
        if rng.random() < RECENT_SHARE and today - timedelta(days=12) >= opened:
            # Something said these last days: the responsable may not have answered yet.
            day = today - timedelta(days=rng.randint(0, 12))
            rows[Complaint].append(
                _recorded(rng, today, vivienda.id, day, residents, technicians, answerer, now)
            )
            owners[Complaint].append(rows[Complaint][-1]["participant_id"] or "")
    bulk.create_in_order(
        db=db,
        actor=actor,
        at=db.clock.now(),
        order=(ViviendaYear, Complaint),
        rows=rows,
        owners=owners,
    )
    return StructureSummary(len(rows[ViviendaYear]), len(rows[Complaint]))


def _recorded(  # type: ignore[no-untyped-def]
    rng: random.Random,
    today: date,
    vivienda_id: str,
    day: date,
    residents,
    technicians,
    answerer,
    now: datetime,
) -> dict:
    """A complaint as stored: recorded by a técnico/a that day, answered by the responsable."""
    row = _complaint(rng, today, vivienda_id, day, residents)
    row["created_at"] = _at(rng, day, now)
    row["created_by"] = rng.choice(technicians)
    if row["answered_on"] is not None:
        row["updated_at"] = max(_at(rng, row["answered_on"], now), row["created_at"])
        row["updated_by"] = answerer
    return row


def _complaint(
    rng: random.Random, today: date, vivienda_id: str, day: date, residents: "_Residents"
) -> dict:
    kinds = list(KIND_WEIGHTS)
    kind = rng.choices(kinds, weights=[KIND_WEIGHTS[k] for k in kinds])[0]
    present = residents.on(vivienda_id, day)
    person = None if not present or rng.random() < ANONYMOUS_SHARE else rng.choice(present)
    late = rng.random() < LATE_SHARE
    answer_day = day + timedelta(days=rng.randint(*(LATE_DAYS if late else ANSWER_DAYS)))
    this_month = (day.year, day.month) == (today.year, today.month)
    waiting = answer_day > today or (this_month and rng.random() < UNANSWERED_THIS_MONTH)
    answered = None if waiting else answer_day
    return {
        "id": new_id(),
        "received_on": day,
        "vivienda_id": vivienda_id,
        "participant_id": person,
        "kind": kind.value,
        "description": rng.choice(DESCRIPTIONS[kind]),
        "answer": rng.choice(ANSWERS[kind]) if answered else "",
        "answered_on": answered,
    }


def _at(rng: random.Random, day: date, now: datetime) -> datetime:
    """A time of the working day, never later than now (a complaint of this morning)."""
    at = datetime.combine(day, time(9 + rng.randint(0, 8), rng.randint(0, 59)), tzinfo=UTC)
    return min(at, now)


class _Residents:
    """Who lived in each vivienda on a given day: the open stays, and the closed ones by
    admission date (only those admitted within the longest stay before the day matter)."""

    def __init__(self, spans: list[demo_queries.StaySpan]):
        self.open: dict[str, list[demo_queries.StaySpan]] = defaultdict(list)
        self.closed: dict[str, list[demo_queries.StaySpan]] = defaultdict(list)
        for span in spans:
            (self.closed if span.discharge_date else self.open)[span.vivienda_id].append(span)
        for stays in self.closed.values():
            stays.sort(key=lambda s: s.admission_date)
        self.admissions = {
            key: [s.admission_date for s in stays] for key, stays in self.closed.items()
        }
        self.longest = max(
            (s.discharge_date - s.admission_date for s in spans if s.discharge_date),
            default=timedelta(0),
        )

    def on(self, vivienda_id: str, day: date) -> list[str]:
        stays = self.closed.get(vivienda_id, [])
        admissions = self.admissions.get(vivienda_id, [])
        since = bisect.bisect_left(admissions, day - self.longest)
        admitted = bisect.bisect_right(admissions, day)
        present = [
            s.participant_id for s in stays[since:admitted] if day <= (s.discharge_date or day)
        ]
        return present + [
            s.participant_id for s in self.open.get(vivienda_id, []) if s.admission_date <= day
        ]
