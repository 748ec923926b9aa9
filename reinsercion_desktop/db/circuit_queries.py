"""Set-based reads for deadlines, occupancy and the monthly report (keyword-only, take `session`).

Each function is one query over many records (never a query per person), returning light
named rows (they unpack as tuples too); the rules that interpret them live in
`domain/deadlines.py` and the services. The office's reads are in office_queries.py.
"""

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from sqlalchemy import Column, ColumnElement, and_, literal_column, or_, type_coerce
from sqlalchemy.orm import aliased
from sqlmodel import Session, func, select

from reinsercion_desktop.db.models import (
    FormInstance,
    Outing,
    Participant,
    Referral,
    ReferralEvent,
    ReferringCentre,
    Stay,
    Vivienda,
)
from reinsercion_desktop.db.sql_rows import driver_connection, iso_day

_NOT_DISCHARGED = Stay.discharge_date.is_(None)  # type: ignore[union-attr]


def _unindexed(column: Column) -> ColumnElement:
    """`+table.column`: SQLite's documented way to keep the planner off an index on it.

    Without statistics SQLite would walk `ix_stay_admission_date` over nearly every stay
    ever made, where the few open ones are found at once through `ix_stay_discharge_date`.
    """
    return type_coerce(literal_column(f"+{column.table.name}.{column.name}"), column.type)  # type: ignore[attr-defined]


_ADMISSION = _unindexed(Stay.__table__.c.admission_date)  # type: ignore[attr-defined]


def _occupying(day: date) -> ColumnElement[bool]:
    """In the vivienda that day: admitted on or before it, not yet discharged (SPEC §7)."""
    return and_(
        day >= _ADMISSION,
        or_(_NOT_DISCHARGED, Stay.discharge_date > day),  # type: ignore[operator]
    )


def present_between(start: date, end: date) -> ColumnElement[bool]:
    """In the vivienda any day of [start, end), the discharge day included."""
    return and_(
        Stay.admission_date < end,  # type: ignore[arg-type]
        or_(_NOT_DISCHARGED, Stay.discharge_date >= start),  # type: ignore[operator]
    )


# -- deadlines (Pendientes) ----------------------------------------------------------------


_DEADLINE_STAYS = (
    "SELECT s.id, s.participant_id, p.first_name, p.surname1, p.codapel, s.vivienda_id,"
    " s.admission_date, s.planned_discharge_date, s.discharge_date, s.discharge_type,"
    " s.discharge_notice_date, s.over_9_months_justification"
    " FROM stay s JOIN participant p ON p.id = s.participant_id"
    " WHERE s.discharge_date IS NULL OR s.discharge_date >= ?"
)


class DeadlineStay(NamedTuple):
    stay_id: str
    participant_id: str
    first_name: str
    surname1: str
    codapel: str
    vivienda_id: str
    admission_date: date
    planned_discharge_date: date | None
    discharge_date: date | None
    discharge_type: str
    discharge_notice_date: date | None
    justification: str


def deadline_stays(*, session: Session, since: date) -> list[DeadlineStay]:
    """Open stays and stays discharged on or after `since`, with whose they are.

    Raw SQL on purpose, like `queries.participant_list_rows`: at office scale (thousands of
    rows) the ORM's per-value processing is a third of the Pendientes budget.
    """
    cursor = driver_connection(session).execute(_DEADLINE_STAYS, (since.isoformat(),))
    return [
        DeadlineStay(
            *row[:6],
            date.fromisoformat(row[6]),
            iso_day(row[7]),
            iso_day(row[8]),
            row[9],
            iso_day(row[10]),
            row[11],
        )
        for row in cursor.fetchall()
    ]


class LatestForm(NamedTuple):
    participant_id: str
    form_id: str
    created_on: date  # day of the latest creation, UTC


def latest_person_forms(
    *, session: Session, since: date, form_ids: Iterable[str]
) -> list[LatestForm]:
    """The latest instance of each of the given forms, for the people with a stay open or
    discharged on or after `since`. Raw SQL, as above."""
    ids = list(form_ids)
    marks = ", ".join("?" for _ in ids)
    # `+f.form_id`: through the people's own forms, not through every report of that kind.
    cursor = driver_connection(session).execute(
        "SELECT f.participant_id, f.form_id, max(f.created_at) FROM form_instance f"
        f" WHERE +f.form_id IN ({marks}) AND f.participant_id IN"
        " (SELECT participant_id FROM stay WHERE discharge_date IS NULL OR discharge_date >= ?)"
        " GROUP BY f.participant_id, f.form_id",
        (*ids, since.isoformat()),
    )
    return [
        LatestForm(person, form_id, date.fromisoformat(made[:10]))
        for person, form_id, made in cursor.fetchall()
    ]


class ViviendaPeriod(NamedTuple):
    vivienda_id: str
    period: str  # YYYY-MM


def vivienda_form_periods(
    *, session: Session, form_id: str, since_period: str
) -> set[ViviendaPeriod]:
    """The (vivienda, month) of the monthly forms created from `since_period` on (they
    compare equal to plain (vivienda id, YYYY-MM) tuples)."""
    rows = session.execute(
        select(FormInstance.vivienda_id, FormInstance.period)
        .where(FormInstance.form_id == form_id)
        .where(FormInstance.period >= since_period)  # type: ignore[operator]
        .where(FormInstance.vivienda_id.is_not(None))  # type: ignore[union-attr]
    )
    return {ViviendaPeriod(*row) for row in rows}


class FormState(NamedTuple):
    id: str
    status: str


def vivienda_forms(
    *, session: Session, form_id: str, vivienda_id: str, period: str
) -> list[FormState]:
    """The forms of a vivienda and month, oldest first."""
    rows = session.execute(
        select(FormInstance.id, FormInstance.status)
        .where(FormInstance.form_id == form_id)
        .where(FormInstance.vivienda_id == vivienda_id)
        .where(FormInstance.period == period)
        .order_by(FormInstance.created_at)  # type: ignore[arg-type]
    )
    return [FormState(*row) for row in rows]


class StatusReferral(NamedTuple):
    referral_id: str
    participant_id: str
    first_name: str
    surname1: str
    codapel: str
    assigned_date: date | None
    planned_admission_date: date | None
    vivienda_id: str | None
    vivienda_name: str


def referrals_with_status(*, session: Session, status: str) -> list[StatusReferral]:
    """The referrals in one status, with whose they are and the vivienda's name."""
    rows = session.execute(
        select(
            Referral.id,
            Referral.participant_id,
            Participant.first_name,
            Participant.surname1,
            Participant.codapel,
            Referral.assigned_date,
            Referral.planned_admission_date,
            Referral.vivienda_id,
            func.coalesce(Vivienda.name, ""),
        )
        .join(Participant, Participant.id == Referral.participant_id)  # type: ignore[arg-type]
        .outerjoin(Vivienda, Vivienda.id == Referral.vivienda_id)  # type: ignore[arg-type]
        .where(Referral.status == status)
    )
    return [StatusReferral(*row) for row in rows]


class StayOuting(NamedTuple):
    stay_id: str
    start_date: date
    end_date: date
    kind: str


def _outings(query) -> list[StayOuting]:  # type: ignore[no-untyped-def]
    return [StayOuting(*row) for row in query]


def outings_of_open_stays_discharging(
    *, session: Session, start: date, end: date
) -> list[StayOuting]:
    """The outings of open stays planned to end in [start, end]."""
    rows = session.execute(
        select(Outing.stay_id, Outing.start_date, Outing.end_date, Outing.kind)
        .join(Stay, Stay.id == Outing.stay_id)  # type: ignore[arg-type]
        .where(_NOT_DISCHARGED)
        .where(Stay.planned_discharge_date >= start)  # type: ignore[operator]
        .where(Stay.planned_discharge_date <= end)  # type: ignore[operator]
    )
    return _outings(rows)


# -- occupancy -----------------------------------------------------------------------------


class OccupantRow(NamedTuple):
    stay_id: str
    vivienda_id: str
    participant_id: str
    codapel: str
    sex: str
    admission_date: date
    planned_discharge_date: date | None
    prison: bool


def occupants_on(*, session: Session, day: date) -> list[OccupantRow]:
    """Who occupies a place on `day`, by admission."""
    rows = session.execute(
        select(
            Stay.id,
            Stay.vivienda_id,
            Stay.participant_id,
            Participant.codapel,
            Participant.sex,
            Stay.admission_date,
            Stay.planned_discharge_date,
            Stay.prison,
        )
        .join(Participant, Participant.id == Stay.participant_id)  # type: ignore[arg-type]
        .where(_occupying(day))
        .order_by(_ADMISSION)
    )
    return [OccupantRow(*row) for row in rows]


def outings_of_occupants_on(*, session: Session, day: date) -> list[StayOuting]:
    """Every outing of the stays occupying a place on `day`."""
    rows = session.execute(
        select(Outing.stay_id, Outing.start_date, Outing.end_date, Outing.kind)
        .join(Stay, Stay.id == Outing.stay_id)  # type: ignore[arg-type]
        .where(_occupying(day))
    )
    return _outings(rows)


# -- Anexo III -------------------------------------------------------------------------------


class ReportedStay(NamedTuple):
    stay_id: str
    codapel: str
    addiction_profile: str
    admission_date: date
    programme: str
    referring_centre: str
    origin_centre: str
    discharge_date: date | None
    discharge_type: str
    abandonment_reason: str


def vivienda_stays_between(
    *, session: Session, vivienda_id: str, start: date, end: date
) -> list[ReportedStay]:
    """The stays of a vivienda present any day of [start, end), discharge day included."""
    referring = aliased(ReferringCentre)
    origin = aliased(ReferringCentre)
    rows = session.execute(
        select(
            Stay.id,
            Participant.codapel,
            Participant.addiction_profile,
            Stay.admission_date,
            Stay.programme,
            func.coalesce(referring.name, ""),
            func.coalesce(origin.name, ""),
            Stay.discharge_date,
            Stay.discharge_type,
            Stay.abandonment_reason,
        )
        .join(Participant, Participant.id == Stay.participant_id)  # type: ignore[arg-type]
        .outerjoin(Referral, Referral.id == Stay.referral_id)  # type: ignore[arg-type]
        .outerjoin(
            referring,
            referring.id
            == func.coalesce(Referral.referring_centre_id, Participant.referring_centre_id),
        )
        .outerjoin(origin, origin.id == Referral.origin_centre_id)  # type: ignore[arg-type]
        .where(Stay.vivienda_id == vivienda_id)
        .where(present_between(start, end))
        .order_by(Stay.admission_date, Participant.codapel)
    )
    return [ReportedStay(*row) for row in rows]


def outings_of_vivienda_stays_between(
    *, session: Session, vivienda_id: str, start: date, end: date
) -> list[StayOuting]:
    """Every outing of those same stays."""
    rows = session.execute(
        select(Outing.stay_id, Outing.start_date, Outing.end_date, Outing.kind)
        .join(Stay, Stay.id == Outing.stay_id)  # type: ignore[arg-type]
        .where(Stay.vivienda_id == vivienda_id)
        .where(present_between(start, end))
    )
    return _outings(rows)


class Resignation(NamedTuple):
    codapel: str
    addiction_profile: str
    referring_centre: str
    origin_centre: str
    on_date: date


def resignations_between(
    *, session: Session, vivienda_id: str, start: date, end: date, status: str
) -> list[Resignation]:
    """Referrals assigned to a vivienda whose history records `status` (renuncia) in
    [start, end), with the first day it was recorded."""
    referring = aliased(ReferringCentre)
    origin = aliased(ReferringCentre)
    rows = session.execute(
        select(
            Participant.codapel,
            Participant.addiction_profile,
            func.coalesce(referring.name, ""),
            func.coalesce(origin.name, ""),
            func.min(ReferralEvent.on_date),
        )
        .join(Referral, Referral.id == ReferralEvent.referral_id)  # type: ignore[arg-type]
        .join(Participant, Participant.id == Referral.participant_id)  # type: ignore[arg-type]
        .outerjoin(referring, referring.id == Referral.referring_centre_id)  # type: ignore[arg-type]
        .outerjoin(origin, origin.id == Referral.origin_centre_id)  # type: ignore[arg-type]
        .where(Referral.vivienda_id == vivienda_id)
        .where(ReferralEvent.status == status)
        .where(ReferralEvent.on_date >= start)  # type: ignore[operator]
        .where(ReferralEvent.on_date < end)  # type: ignore[operator]
        .group_by(Referral.id)
        .order_by(func.min(ReferralEvent.on_date), Participant.codapel)
    )
    return [Resignation(*row) for row in rows]
