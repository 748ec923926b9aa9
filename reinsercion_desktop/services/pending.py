"""Pendientes: what needs doing, soonest first — incomplete files, the circuit's deadlines
and case management's.

The deadlines (R-STAY-3, R-WL-5, R-STAY-1, R-STAY-2) are worked out in
`domain/deadlines.py`, case management's (R-FU-1, R-FU-2, R-PLAN-3 reviews, R-PLAN-4,
job follow-ups) in `domain/case_deadlines.py`; this module reads what they need with a
handful of set-based queries (open and recent stays, assigned referrals, the reports
already made; one query per kind of case record), so the list stays fast at office
scale (tens of thousands of people and stays, hundreds of thousands of notes).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from reinsercion_desktop.db import case_queries, circuit_queries, queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.domain.case_deadlines import (
    ConferenceFacts,
    InterviewFacts,
    ObjectiveFacts,
    PlacementFacts,
    PlanFacts,
    case_deadlines,
    parse_tasks,
    sort_deadlines,
)
from reinsercion_desktop.domain.deadlines import (
    ANEXO_VI_DAYS,
    DEFAULT_ADAPTATION_DAYS,
    DEFAULT_HORIZON_DAYS,
    DEFAULT_LOOKBACK_DAYS,
    NEAR_DISCHARGE_DAYS,
    Deadline,
    ReferralDeadlineFacts,
    StayDeadlineFacts,
    ViviendaFacts,
    all_deadlines,
    first_reported_month,
    period_of,
)
from reinsercion_desktop.domain.enums import ReferralStatus
from reinsercion_desktop.domain.stay_rules import OutingFacts

REPORT_FORMS = ("anexo-iv", "anexo-v", "anexo-vi")
FILE_KIND = "file"


@dataclass(frozen=True)
class PendingItem:
    """One line of "Pendientes". `participant_id` is empty for a vivienda's monthly report."""

    participant_id: str
    who: str
    what: str
    due: date | None = None
    kind: str = FILE_KIND  # "file" (incomplete file) or a DeadlineKind value
    rule: str = ""
    action: str = "open_file"  # an Action value: what a click should open
    form_id: str = ""
    stay_id: str = ""
    referral_id: str = ""
    vivienda_id: str = ""
    period: str = ""

    def overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today


def who_label(first_name: str, surname1: str, codapel: str) -> str:
    """How the centre's own screen names a person: surname, name (CODAPEL)."""
    return f"{surname1}, {first_name} ({codapel})"


def pending_items(
    db: Database,
    today: date | None = None,
    *,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    lookback_days: int = DEFAULT_LOOKBACK_DAYS,
) -> list[PendingItem]:
    """Deadlines due up to `horizon_days` ahead (overdue first), then incomplete files."""
    today = today or db.clock.today()
    window = {"horizon_days": horizon_days, "lookback_days": lookback_days}
    deadlines = sort_deadlines(
        circuit_deadlines(db, today, **window) + case_management_deadlines(db, today, **window)
    )
    files = sorted(_incomplete_files(db), key=lambda item: item.who)
    # Stable sort: deadlines keep their own order (due, kind, who) among equal dates.
    return sorted([_item(d) for d in deadlines] + files, key=lambda item: item.due or date.max)


def circuit_deadlines(
    db: Database,
    today: date,
    *,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    lookback_days: int = DEFAULT_LOOKBACK_DAYS,
) -> list[Deadline]:
    """Every circuit deadline due from `today - lookback_days` to `today + horizon_days`."""
    # Oldest discharge that still matters: an Anexo VI due (discharge + 10 days) within the
    # look-back, or someone present in the oldest month whose Anexo III is still listed.
    since = min(
        today - timedelta(days=lookback_days + ANEXO_VI_DAYS),
        first_reported_month(today, lookback_days),
    )
    with db.read() as session:
        installation = queries.local_installation(session=session)
        stay_rows = circuit_queries.deadline_stays(session=session, since=since)
        form_rows = circuit_queries.latest_person_forms(
            session=session, since=since, form_ids=REPORT_FORMS
        )
        outing_rows = circuit_queries.outings_of_open_stays_discharging(
            session=session, start=today, end=today + timedelta(days=NEAR_DISCHARGE_DAYS)
        )
        referral_rows = circuit_queries.referrals_with_status(
            session=session, status=ReferralStatus.ASSIGNED.value
        )
        viviendas = [
            ViviendaFacts(v.id, v.name, v.valid_from, v.valid_to)
            for v in queries.viviendas(session=session)
        ]
        done = circuit_queries.vivienda_form_periods(
            session=session, form_id="anexo-iii", since_period=period_of(since)
        )
    forms: dict[str, dict[str, date]] = defaultdict(dict)
    for participant_id, form_id, made in form_rows:
        forms[participant_id][form_id] = made
    outings: dict[str, list[OutingFacts]] = defaultdict(list)
    for stay_id, start, end, kind in outing_rows:
        outings[stay_id].append(OutingFacts(start, end, kind))
    stays = [
        StayDeadlineFacts(
            stay_id=stay_id,
            participant_id=participant_id,
            who=who_label(first, surname, codapel),
            vivienda_id=vivienda_id,
            admission_date=admission,
            planned_discharge_date=planned,
            discharge_date=discharged,
            discharge_type=discharge_type,
            discharge_notice_date=notice,
            justification=justification,
            form_dates=forms.get(participant_id, {}),
            outings=outings.get(stay_id, ()),
        )
        for (
            stay_id,
            participant_id,
            first,
            surname,
            codapel,
            vivienda_id,
            admission,
            planned,
            discharged,
            discharge_type,
            notice,
            justification,
        ) in stay_rows
    ]
    referrals = [
        ReferralDeadlineFacts(
            referral_id=referral_id,
            participant_id=participant_id,
            who=who_label(first, surname, codapel),
            assigned_date=assigned,
            planned_admission_date=planned,
            vivienda_id=vivienda_id or "",
            vivienda_name=vivienda_name,
        )
        for (
            referral_id,
            participant_id,
            first,
            surname,
            codapel,
            assigned,
            planned,
            vivienda_id,
            vivienda_name,
        ) in referral_rows
    ]
    return all_deadlines(
        today=today,
        stays=stays,
        referrals=referrals,
        viviendas=viviendas,
        anexo_iii_done=done,
        adaptation_days=installation.adaptation_days if installation else DEFAULT_ADAPTATION_DAYS,
        horizon_days=horizon_days,
        lookback_days=lookback_days,
    )


def case_management_deadlines(
    db: Database,
    today: date,
    *,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    lookback_days: int = DEFAULT_LOOKBACK_DAYS,
) -> list[Deadline]:
    """Appointments, overdue objectives, plan reviews, conference tasks and job follow-ups."""
    latest = today + timedelta(days=horizon_days)
    with db.read() as session:
        interviews = case_queries.latest_appointments(
            session=session, earliest=today - timedelta(days=lookback_days), latest=latest
        )
        objectives = case_queries.open_objectives(session=session, due_before=today)
        plans = case_queries.plans(session=session, review_by=latest)
        conferences = case_queries.conferences_with_open_tasks(session=session)
        placements = case_queries.open_placements(session=session)
    return case_deadlines(
        today=today,
        interviews=[
            InterviewFacts(person, who_label(first, surname, codapel), held, due, time, made)
            for person, first, surname, codapel, held, due, time, made in interviews
        ],
        objectives=[
            ObjectiveFacts(key, person, who_label(first, surname, codapel), title, due, status)
            for key, person, first, surname, codapel, title, due, status in objectives
        ],
        plans=[
            PlanFacts(key, person, who_label(first, surname, codapel), status, version, review)
            for key, person, first, surname, codapel, status, version, review, _start in plans
        ],
        conferences=[
            ConferenceFacts(
                key, person, who_label(first, surname, codapel), held, parse_tasks(tasks)
            )
            for key, person, first, surname, codapel, held, tasks in conferences
        ],
        placements=[
            PlacementFacts(
                key, person, who_label(first, surname, codapel), employer, start, None, last
            )
            for key, person, first, surname, codapel, employer, start, last in placements
        ],
        horizon_days=horizon_days,
        lookback_days=lookback_days,
    )


def _item(deadline: Deadline) -> PendingItem:
    return PendingItem(
        participant_id=deadline.participant_id,
        who=deadline.who,
        what=deadline.what,
        due=deadline.due,
        kind=deadline.kind.value,
        rule=deadline.rule,
        action=deadline.action.value,
        form_id=deadline.form_id,
        stay_id=deadline.stay_id,
        referral_id=deadline.referral_id,
        vivienda_id=deadline.vivienda_id,
        period=deadline.period,
    )


def _incomplete_files(db: Database) -> list[PendingItem]:
    """Open files that lack a case manager, a referring centre or an ID number."""
    items = []
    with db.read() as session:
        rows = queries.incomplete_files(session=session)
    for participant_id, first, surname, codapel, no_manager, no_centre, no_id in rows:
        missing = [
            text
            for flag, text in (
                (no_manager, "gestor/a de caso"),
                (no_centre, "centro derivador"),
                (no_id, "documento de identidad"),
            )
            if flag
        ]
        items.append(
            PendingItem(
                participant_id, who_label(first, surname, codapel), "Falta: " + ", ".join(missing)
            )
        )
    return items


class PendingService:
    """What is due, for the "Pendientes" dock."""

    def __init__(self, db: Database):
        self.db = db

    def items(self, today: date | None = None) -> list[PendingItem]:
        return pending_items(self.db, today)
