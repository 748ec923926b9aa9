"""Pendientes: what needs doing, soonest first — the circuit's deadlines, case
management's, then the incomplete files.

The rules are in `domain/circuit_deadlines.py` (R-STAY-3, R-WL-5, R-STAY-1, R-STAY-2) and
`domain/case_deadlines.py` (R-FU-1, R-FU-2, R-PLAN-3 reviews, R-PLAN-4, job follow-ups),
each kind listed from its lead time before its date (`domain/deadlines.KINDS`). This
module reads what they need with one set-based query per kind of record
(`db/pending_queries.py`), bounded by what the list can show today, so the list stays
fast at office scale: a plan for each of 20,000 people is tens of thousands of items.

The items are the domain's `Deadline` named rows (their text written when read), and an
`IncompleteFile` for each file that lacks what the circuit will need.
"""

import gc
from collections import defaultdict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta

from reinsercion_desktop.db import pending_queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.domain.case_deadlines import ConferenceFacts, case_deadlines, parse_tasks
from reinsercion_desktop.domain.circuit_deadlines import (
    ReferralDeadlineFacts,
    StayDeadlineFacts,
    ViviendaFacts,
    all_deadlines,
)
from reinsercion_desktop.domain.deadlines import (
    ANEXO_VI_DAYS,
    DEFAULT_ADAPTATION_DAYS,
    DEFAULT_LOOKBACK_DAYS,
    Deadline,
    DeadlineKind,
    first_reported_month,
    listed_until,
    period_of,
    sort_deadlines,
)
from reinsercion_desktop.domain.stay_rules import NEAR_DISCHARGE_DAYS, OutingFacts

REPORT_FORMS = ("anexo-iv", "anexo-v", "anexo-vi")
FILE_KIND = "file"
MAX_FILES = 500  # incomplete files listed: a first run's import is fixed in the list


@dataclass(frozen=True)
class IncompleteFile:
    """An open file that lacks a case manager, a referring centre or an ID number: it has
    no date, and reads like a deadline to the list (`kind` "file", `due` None)."""

    participant_id: str
    who: str
    missing: tuple[str, ...]
    due: None = None
    kind: str = FILE_KIND
    rule: str = ""
    action: str = "open_file"
    form_id: str = ""
    stay_id: str = ""
    referral_id: str = ""
    vivienda_id: str = ""
    period: str = ""

    @property
    def what(self) -> str:
        return "Falta: " + ", ".join(self.missing)

    def overdue(self, today: date) -> bool:
        return False

    def tone(self, today: date) -> str | None:
        return None


PendingItem = Deadline | IncompleteFile


def who_label(first_name: str, surname1: str, codapel: str) -> str:
    """How the centre's own screen names a person: surname, name (CODAPEL)."""
    return f"{surname1}, {first_name} ({codapel})"


class _People:
    """Who is who, read once for every kind: the label of each person, and who is archived."""

    def __init__(self, rows: list[pending_queries.PersonRow]):
        self.rows = rows
        self.label: dict[str, str] = {}  # everybody (a job follow-up is owed after leaving)
        self.active: dict[str, str] = {}  # whose other records are listed
        for row in rows:
            label = self.label[row.id] = who_label(row.first_name, row.surname1, row.codapel)
            if not row.archived:
                self.active[row.id] = label


def pending_items(
    db: Database,
    today: date | None = None,
    *,
    leads: Mapping[DeadlineKind, int] | None = None,
    lookback_days: int = DEFAULT_LOOKBACK_DAYS,
) -> list[PendingItem]:
    """What the list shows today: the deadlines from their lead time before them (overdue
    first), then the incomplete files."""
    with _collector_paused():
        return _listed(db, today or db.clock.today(), leads, lookback_days)


def _listed(
    db: Database, today: date, leads: Mapping[DeadlineKind, int] | None, lookback_days: int
) -> list[PendingItem]:
    # A function of its own: the names and rows it reads are freed as it returns, before
    # the collector is back, which then only meets the items.
    window = {"leads": leads, "lookback_days": lookback_days}
    with db.read() as session:
        people = _People(pending_queries.people(session=session))
    deadlines = circuit_deadlines(db, today, people, **window)
    deadlines += case_management_deadlines(db, today, people, **window)
    return [*sort_deadlines(deadlines), *_incomplete_files(people)]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while the items are built: each of the tens of
    thousands of rows and items (tuples without cycles) would otherwise make it walk the
    young ones again and again, a quarter of the list's time at office scale."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def circuit_deadlines(
    db: Database,
    today: date,
    people: _People | None = None,
    *,
    leads: Mapping[DeadlineKind, int] | None = None,
    lookback_days: int = DEFAULT_LOOKBACK_DAYS,
) -> list[Deadline]:
    """The circuit's deadlines listed today, from the look-back to each kind's lead time."""
    # Oldest discharge that still matters: an Anexo VI due (discharge + 10 days) within the
    # look-back, or someone present in the oldest month whose Anexo III is still listed.
    since = min(
        today - timedelta(days=lookback_days + ANEXO_VI_DAYS),
        first_reported_month(today, lookback_days),
    )
    near = today + timedelta(days=NEAR_DISCHARGE_DAYS)
    with db.read() as session:
        if people is None:
            people = _People(pending_queries.people(session=session))
        adaptation = pending_queries.adaptation_days(session=session)
        stay_rows = pending_queries.deadline_stays(session=session, since=since)
        form_rows = pending_queries.latest_person_forms(
            session=session, since=since, form_ids=REPORT_FORMS
        )
        outing_rows = pending_queries.outings_of_open_stays_discharging(
            session=session, start=today, end=near
        )
        referral_rows = pending_queries.assigned_referrals(session=session)
        house_rows = pending_queries.viviendas(session=session)
        done = pending_queries.monthly_reports_made(
            session=session, form_id="anexo-iii", since_period=period_of(since)
        )
    forms: dict[str, dict[str, date]] = defaultdict(dict)
    for form in form_rows:
        forms[form.participant_id][form.form_id] = form.made
    outings: dict[str, list[OutingFacts]] = defaultdict(list)
    for outing in outing_rows:
        outings[outing.stay_id].append(OutingFacts(outing.start_date, outing.end_date, outing.kind))
    label = people.label
    stays = [
        StayDeadlineFacts(
            stay_id=row.id,
            participant_id=row.participant_id,
            who=label.get(row.participant_id, ""),
            vivienda_id=row.vivienda_id,
            admission_date=row.admission_date,
            planned_discharge_date=row.planned_discharge_date,
            discharge_date=row.discharge_date,
            discharge_type=row.discharge_type,
            discharge_notice_date=row.discharge_notice_date,
            justification=row.over_9_months_justification,
            form_dates=forms.get(row.participant_id, {}),
            outings=outings.get(row.id, ()),
        )
        for row in stay_rows
    ]
    referrals = [
        ReferralDeadlineFacts(
            referral_id=row.id,
            participant_id=row.participant_id,
            who=label.get(row.participant_id, ""),
            assigned_date=row.assigned_date,
            planned_admission_date=row.planned_admission_date,
            vivienda_id=row.vivienda_id,
            vivienda_name=row.vivienda_name,
        )
        for row in referral_rows
    ]
    return all_deadlines(
        today=today,
        stays=stays,
        referrals=referrals,
        viviendas=[ViviendaFacts(*row) for row in house_rows],
        anexo_iii_done=done,
        adaptation_days=DEFAULT_ADAPTATION_DAYS if adaptation is None else adaptation,
        leads=leads,
        lookback_days=lookback_days,
    )


def case_management_deadlines(
    db: Database,
    today: date,
    people: _People | None = None,
    *,
    leads: Mapping[DeadlineKind, int] | None = None,
    lookback_days: int = DEFAULT_LOOKBACK_DAYS,
) -> list[Deadline]:
    """Appointments, objectives, plan reviews, conference tasks and job follow-ups listed
    today. Archived people owe only their job follow-ups."""
    until = listed_until(today, leads)
    with db.read() as session:
        if people is None:
            people = _People(pending_queries.people(session=session))
        active = people.active
        interviews = pending_queries.latest_appointments(
            session=session,
            earliest=today - timedelta(days=lookback_days),
            latest=until[DeadlineKind.APPOINTMENT],
            names=active,
        )
        objectives = pending_queries.open_objectives_due(
            session=session, by=until[DeadlineKind.OBJECTIVE_DEADLINE], names=active
        )
        plans = pending_queries.plan_reviews_due(
            session=session, by=until[DeadlineKind.PLAN_REVIEW], names=active
        )
        conferences = pending_queries.conferences_with_open_tasks(session=session, names=active)
        # A job follow-up is owed even after the person left the programme.
        placements = pending_queries.open_placements(session=session, names=people.label)
    return case_deadlines(
        today=today,
        interviews=interviews,
        objectives=objectives,
        plans=plans,
        conferences=[
            ConferenceFacts(
                row.id, row.participant_id, row.who, row.on_date, parse_tasks(row.tasks)
            )
            for row in conferences
        ],
        placements=placements,
        leads=leads,
        lookback_days=lookback_days,
    )


def _incomplete_files(people: _People) -> list[IncompleteFile]:
    """Open files that lack a case manager, a referring centre or an ID number, by name."""
    items = []
    for row in people.rows:
        if row.archived or not (row.no_case_manager or row.no_referring_centre or row.no_id_number):
            continue
        missing = tuple(
            text
            for flag, text in (
                (row.no_case_manager, "gestor/a de caso"),
                (row.no_referring_centre, "centro derivador"),
                (row.no_id_number, "documento de identidad"),
            )
            if flag
        )
        if missing:
            items.append(IncompleteFile(row.id, people.label[row.id], missing))
    items.sort(key=lambda item: item.who)
    return items[:MAX_FILES]


class PendingService:
    """What is due, for the "Pendientes" dock."""

    def __init__(self, db: Database):
        self.db = db

    def items(self, today: date | None = None) -> list[PendingItem]:
        return pending_items(self.db, today)
