"""The reads of Pendientes: one set-based query per kind of record, as named rows.

Keyword-only functions that take `session`. Raw SQL on the DB-API cursor (`sql_rows`):
at office scale (20,000 people, 50,000 stays, 100,000 interviews) the ORM's per-value
processing would be most of the list's time budget. Each read is bounded by what the
list can show today (the lead time of its kind, the look-back of the paperwork after a
discharge), so the rows fetched are the candidates, not the history.

Names are read once for everybody (`people`) instead of joined into every query: the
same person appears in several kinds, and one read of 20,000 short rows costs less than
the joins.
"""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import NamedTuple

from sqlmodel import Session

from reinsercion_desktop.db.sql_rows import driver_connection, iso_day
from reinsercion_desktop.domain.case_deadlines import (
    InterviewFacts,
    ObjectiveFacts,
    PlacementFacts,
    PlanFacts,
)
from reinsercion_desktop.domain.plan_rules import OPEN_OBJECTIVE_STATUSES

_OPEN_OBJECTIVES = ", ".join(f"'{status.value}'" for status in sorted(OPEN_OBJECTIVE_STATUSES))
_CLOSED_PLAN = "'cerrado'"


def _rows(session: Session, sql: str, values: tuple = ()) -> list[tuple]:
    return driver_connection(session).execute(sql, values).fetchall()


# -- people -------------------------------------------------------------------------------


class PersonRow(NamedTuple):
    """A participant's name; the flags are SQLite's truth values, 1 or 0."""

    id: str
    first_name: str
    surname1: str
    codapel: str
    archived: int
    no_case_manager: int
    no_referring_centre: int
    no_id_number: int


def people(*, session: Session) -> list[PersonRow]:
    """Every participant's name, whether archived, and what their file lacks."""
    rows = _rows(
        session,
        "SELECT id, first_name, surname1, codapel, archived_at IS NOT NULL,"
        " case_manager_id IS NULL, referring_centre_id IS NULL, id_number = ''"
        " FROM participant",
    )
    return list(map(PersonRow._make, rows))


def adaptation_days(*, session: Session) -> int | None:
    """The local installation's adaptation period (Anexo IV), None before set-up."""
    found = _rows(session, "SELECT adaptation_days FROM installation WHERE is_local = 1")
    return found[0][0] if found else None


# -- the circuit -----------------------------------------------------------------------------


class StayRow(NamedTuple):
    id: str
    participant_id: str
    vivienda_id: str
    admission_date: date
    planned_discharge_date: date | None
    discharge_date: date | None
    discharge_type: str
    discharge_notice_date: date | None
    over_9_months_justification: str


def deadline_stays(*, session: Session, since: date) -> list[StayRow]:
    """Open stays and stays discharged on or after `since`."""
    return [
        StayRow(
            *row[:3],
            date.fromisoformat(row[3]),
            iso_day(row[4]),
            iso_day(row[5]),
            row[6],
            iso_day(row[7]),
            row[8],
        )
        for row in _rows(
            session,
            "SELECT id, participant_id, vivienda_id, admission_date, planned_discharge_date,"
            " discharge_date, discharge_type, discharge_notice_date, over_9_months_justification"
            " FROM stay WHERE discharge_date IS NULL OR discharge_date >= ?",
            (since.isoformat(),),
        )
    ]


class FormMadeRow(NamedTuple):
    participant_id: str
    form_id: str
    made: date  # the day of the latest creation (UTC)


def latest_person_forms(
    *, session: Session, since: date, form_ids: Iterable[str]
) -> list[FormMadeRow]:
    """The latest creation of each of the given forms, for the people with a stay open or
    discharged on or after `since`."""
    ids = tuple(form_ids)
    marks = ", ".join("?" for _ in ids)
    # `+f.form_id`: through the people's own forms, not through every report of that kind.
    rows = _rows(
        session,
        "SELECT f.participant_id, f.form_id, max(f.created_at) FROM form_instance f"
        f" WHERE +f.form_id IN ({marks}) AND f.participant_id IN"
        " (SELECT participant_id FROM stay WHERE discharge_date IS NULL OR discharge_date >= ?)"
        " GROUP BY f.participant_id, f.form_id",
        (*ids, since.isoformat()),
    )
    return [FormMadeRow(person, form, date.fromisoformat(made[:10])) for person, form, made in rows]


class OutingRow(NamedTuple):
    stay_id: str
    start_date: date
    end_date: date
    kind: str


def outings_of_open_stays_discharging(
    *, session: Session, start: date, end: date
) -> list[OutingRow]:
    """The outings of the open stays planned to end from `start` to `end` (R-STAY-1)."""
    rows = _rows(
        session,
        "SELECT o.stay_id, o.start_date, o.end_date, o.kind FROM outing o"
        " JOIN stay s ON s.id = o.stay_id WHERE s.discharge_date IS NULL"
        " AND s.planned_discharge_date >= ? AND s.planned_discharge_date <= ?",
        (start.isoformat(), end.isoformat()),
    )
    return [
        OutingRow(stay, date.fromisoformat(first), date.fromisoformat(last), kind)
        for stay, first, last, kind in rows
    ]


class AssignedReferralRow(NamedTuple):
    id: str
    participant_id: str
    assigned_date: date | None
    planned_admission_date: date | None
    vivienda_id: str
    vivienda_name: str


def assigned_referrals(*, session: Session) -> list[AssignedReferralRow]:
    """The referrals in "proceso de admisión", with the vivienda they were assigned."""
    rows = _rows(
        session,
        "SELECT r.id, r.participant_id, r.assigned_date, r.planned_admission_date,"
        " coalesce(r.vivienda_id, ''), coalesce(v.name, '') FROM referral r"
        " LEFT JOIN vivienda v ON v.id = r.vivienda_id WHERE r.status = 'assigned'",
    )
    return [
        AssignedReferralRow(key, person, iso_day(assigned), iso_day(planned), house, name)
        for key, person, assigned, planned, house, name in rows
    ]


class ViviendaRow(NamedTuple):
    id: str
    name: str
    valid_from: date | None
    valid_to: date | None


def viviendas(*, session: Session) -> list[ViviendaRow]:
    rows = _rows(session, "SELECT id, name, valid_from, valid_to FROM vivienda ORDER BY name")
    return [
        ViviendaRow(key, name, iso_day(first), iso_day(last)) for key, name, first, last in rows
    ]


def monthly_reports_made(*, session: Session, form_id: str, since_period: str) -> set[tuple]:
    """(vivienda id, YYYY-MM) of the monthly forms created from `since_period` on."""
    rows = _rows(
        session,
        "SELECT vivienda_id, period FROM form_instance WHERE form_id = ? AND period >= ?"
        " AND vivienda_id IS NOT NULL",
        (form_id, since_period),
    )
    return {tuple(row) for row in rows}


# -- case management ---------------------------------------------------------------------------
#
# These build the domain's facts directly, one named row per record, naming each person
# from `names` (participant id → label): the rows of anyone not in it (the archived) are
# left out, as a join would.


def latest_appointments(
    *, session: Session, earliest: date, latest: date, names: Mapping[str, str]
) -> list[InterviewFacts]:
    """Each person's latest interview, when it set an appointment from `earliest` to
    `latest` (R-FU-1: a later interview replaces the appointment of an earlier one).

    SQLite takes the bare columns of a group from the row of its max(), so one grouped
    pass finds every person's latest interview. When the window holds a small part of
    the history (years of interviews), only the interviews held since the oldest one
    that set an appointment in it are grouped: any later interview is among them; they
    are read from `ix_interview_person_latest` alone, already in the group's order.
    """
    window = (earliest.isoformat(), latest.isoformat())
    ((in_window,),) = _rows(
        session,
        "SELECT count(*) FROM interview WHERE next_appointment_date BETWEEN ? AND ?",
        window,
    )
    if not in_window:
        return []
    ((total,),) = _rows(session, "SELECT count(*) FROM interview")
    since, source = "", "interview"
    if in_window * 3 < total:
        ((since,),) = _rows(
            session,
            "SELECT min(on_date) FROM interview WHERE next_appointment_date BETWEEN ? AND ?",
            window,
        )
        source = "interview INDEXED BY ix_interview_person_latest"
    rows = _rows(
        session,
        "SELECT participant_id, on_date, next_appointment_date, next_appointment_time, made"
        " FROM (SELECT participant_id, on_date, next_appointment_date, next_appointment_time,"
        " coalesce(created_at, '') AS made, max(on_date || coalesce(created_at, ''))"
        f" FROM {source} WHERE on_date >= ? GROUP BY participant_id)"
        " WHERE next_appointment_date BETWEEN ? AND ?",
        (since, *window),
    )
    return [
        InterviewFacts(
            person, who, date.fromisoformat(held), date.fromisoformat(due), time or "", made
        )
        for person, held, due, time, made in rows
        if (who := names.get(person)) is not None
    ]


def open_objectives_due(
    *, session: Session, by: date, names: Mapping[str, str]
) -> list[ObjectiveFacts]:
    """Open objectives (pendiente, en curso) of plans not closed, with a deadline by `by`.

    One pass over the objectives (`+`: SQLite's way to keep the planner off an index):
    open ones are most of them, and reaching each through the status index costs more.
    """
    rows = _rows(
        session,
        "SELECT o.id, o.participant_id, o.title, o.deadline, o.status FROM plan_objective o"
        f" WHERE +o.status IN ({_OPEN_OBJECTIVES}) AND +o.deadline <= ? AND o.plan_id NOT IN"
        f" (SELECT id FROM reintegration_plan WHERE status = {_CLOSED_PLAN})",
        (by.isoformat(),),
    )
    return [
        ObjectiveFacts(key, person, who, title, date.fromisoformat(due), status)
        for key, person, title, due, status in rows
        if (who := names.get(person)) is not None
    ]


def plan_reviews_due(*, session: Session, by: date, names: Mapping[str, str]) -> list[PlanFacts]:
    """Plans not closed whose next review is by `by`."""
    rows = _rows(
        session,
        "SELECT id, participant_id, status, current_version, next_review_date"
        f" FROM reintegration_plan WHERE status != {_CLOSED_PLAN} AND next_review_date <= ?",
        (by.isoformat(),),
    )
    return [
        PlanFacts(key, person, who, status, version, date.fromisoformat(review))
        for key, person, status, version, review in rows
        if (who := names.get(person)) is not None
    ]


class ConferenceRow(NamedTuple):
    id: str
    participant_id: str
    who: str
    on_date: date
    tasks: str  # the JSON task list, read by the follow-up rules


def conferences_with_open_tasks(
    *, session: Session, names: Mapping[str, str]
) -> list[ConferenceRow]:
    """Case conferences with a task whose "done" is empty (unreadable JSON: none)."""
    rows = _rows(
        session,
        "SELECT c.id, c.participant_id, c.on_date, c.tasks FROM case_conference c"
        " WHERE CASE WHEN json_valid(c.tasks) THEN EXISTS (SELECT 1 FROM json_each(c.tasks) t"
        " WHERE coalesce(json_extract(t.value, '$.done'), '') = '') ELSE 0 END",
    )
    return [
        ConferenceRow(key, person, who, date.fromisoformat(held), tasks)
        for key, person, held, tasks in rows
        if (who := names.get(person)) is not None
    ]


def open_placements(*, session: Session, names: Mapping[str, str]) -> list[PlacementFacts]:
    """Placements without an end date, with the day of their last job follow-up."""
    rows = _rows(
        session,
        "SELECT e.id, e.participant_id, e.employer, e.start_date,"
        " (SELECT max(f.on_date) FROM job_follow_up f WHERE f.placement_id = e.id)"
        " FROM employment_placement e WHERE e.end_date IS NULL",
    )
    return [
        PlacementFacts(key, person, who, employer, date.fromisoformat(start), None, iso_day(last))
        for key, person, employer, start, last in rows
        if (who := names.get(person)) is not None
    ]
