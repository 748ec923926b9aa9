"""Set-based reads for deadlines, occupancy and the monthly report (keyword-only, take `session`).

Each function is one query over many records (never a query per person), returning light
named rows (they unpack as tuples too); the rules that interpret them live in
`domain/deadlines.py` and the services. The office's reads are in office_queries.py.
"""

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
)

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


class LatestForm(NamedTuple):
    participant_id: str
    form_id: str
    created_on: date  # day of the latest creation, UTC


class ViviendaPeriod(NamedTuple):
    vivienda_id: str
    period: str  # YYYY-MM


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


class StayOuting(NamedTuple):
    stay_id: str
    start_date: date
    end_date: date
    kind: str


def _outings(query) -> list[StayOuting]:  # type: ignore[no-untyped-def]
    return [StayOuting(*row) for row in query]


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
