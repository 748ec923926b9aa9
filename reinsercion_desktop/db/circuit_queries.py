"""Set-based reads for deadlines, occupancy and the monthly report (keyword-only, take `session`).

Each function is one query over many records (never a query per person), returning light
tuples; the rules that interpret them live in `domain/deadlines.py` and the services.
"""

from collections.abc import Iterable
from datetime import date

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


def _present_between(start: date, end: date) -> ColumnElement[bool]:
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


def deadline_stays(*, session: Session, since: date) -> list[tuple]:
    """Open stays and stays discharged on or after `since`, with whose they are.

    (stay id, participant id, first name, surname1, CODAPEL, vivienda id, admission,
    planned discharge, discharge, discharge type, notice date, justification)

    Raw SQL on purpose, like `queries.participant_list_rows`: at office scale (thousands of
    rows) the ORM's per-value processing is a third of the Pendientes budget.
    """
    cursor = driver_connection(session).execute(_DEADLINE_STAYS, (since.isoformat(),))
    return [
        (
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


def latest_person_forms(
    *, session: Session, since: date, form_ids: Iterable[str]
) -> list[tuple[str, str, date]]:
    """(participant id, form id, day of the latest creation, UTC) of the given forms, for the
    people with a stay open or discharged on or after `since`. Raw SQL, as above."""
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
        (person, form_id, date.fromisoformat(made[:10]))
        for person, form_id, made in cursor.fetchall()
    ]


def vivienda_form_periods(*, session: Session, form_id: str, since_period: str) -> set[tuple]:
    """(vivienda id, YYYY-MM) of the monthly forms created from `since_period` on."""
    rows = session.execute(
        select(FormInstance.vivienda_id, FormInstance.period)
        .where(FormInstance.form_id == form_id)
        .where(FormInstance.period >= since_period)  # type: ignore[operator]
        .where(FormInstance.vivienda_id.is_not(None))  # type: ignore[union-attr]
    )
    return {tuple(row) for row in rows}


def vivienda_forms(*, session: Session, form_id: str, vivienda_id: str, period: str) -> list[tuple]:
    """(id, status) of the forms of a vivienda and month, oldest first."""
    rows = session.execute(
        select(FormInstance.id, FormInstance.status)
        .where(FormInstance.form_id == form_id)
        .where(FormInstance.vivienda_id == vivienda_id)
        .where(FormInstance.period == period)
        .order_by(FormInstance.created_at)  # type: ignore[arg-type]
    )
    return [tuple(row) for row in rows]


def referrals_with_status(*, session: Session, status: str) -> list[tuple]:
    """(referral id, participant id, first name, surname1, CODAPEL, assigned, planned
    admission, vivienda id, vivienda name) of the referrals in one status."""
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
    return [tuple(row) for row in rows]


def outings_of_open_stays_discharging(
    *, session: Session, start: date, end: date
) -> list[tuple[str, date, date, str]]:
    """(stay id, start, end, kind) of the outings of open stays planned to end in [start, end]."""
    rows = session.execute(
        select(Outing.stay_id, Outing.start_date, Outing.end_date, Outing.kind)
        .join(Stay, Stay.id == Outing.stay_id)  # type: ignore[arg-type]
        .where(_NOT_DISCHARGED)
        .where(Stay.planned_discharge_date >= start)  # type: ignore[operator]
        .where(Stay.planned_discharge_date <= end)  # type: ignore[operator]
    )
    return [tuple(row) for row in rows]  # type: ignore[misc]


# -- occupancy -----------------------------------------------------------------------------


def occupants_on(*, session: Session, day: date) -> list[tuple]:
    """Who occupies a place on `day`: (stay id, vivienda id, participant id, CODAPEL, sex,
    admission, planned discharge, prison)."""
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
    return [tuple(row) for row in rows]


def outings_of_occupants_on(*, session: Session, day: date) -> list[tuple[str, date, date, str]]:
    """(stay id, start, end, kind) of every outing of the stays occupying a place on `day`."""
    rows = session.execute(
        select(Outing.stay_id, Outing.start_date, Outing.end_date, Outing.kind)
        .join(Stay, Stay.id == Outing.stay_id)  # type: ignore[arg-type]
        .where(_occupying(day))
    )
    return [tuple(row) for row in rows]  # type: ignore[misc]


# -- Anexo III -------------------------------------------------------------------------------


def vivienda_stays_between(
    *, session: Session, vivienda_id: str, start: date, end: date
) -> list[tuple]:
    """The stays of a vivienda present any day of [start, end), discharge day included:
    (stay id, CODAPEL, addiction profile, admission, programme, referring centre,
    origin centre, discharge, discharge type, abandonment reason)."""
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
        .where(_present_between(start, end))
        .order_by(Stay.admission_date, Participant.codapel)
    )
    return [tuple(row) for row in rows]


def outings_of_vivienda_stays_between(
    *, session: Session, vivienda_id: str, start: date, end: date
) -> list[tuple[str, date, date, str]]:
    """(stay id, start, end, kind) of every outing of those same stays."""
    rows = session.execute(
        select(Outing.stay_id, Outing.start_date, Outing.end_date, Outing.kind)
        .join(Stay, Stay.id == Outing.stay_id)  # type: ignore[arg-type]
        .where(Stay.vivienda_id == vivienda_id)
        .where(_present_between(start, end))
    )
    return [tuple(row) for row in rows]  # type: ignore[misc]


def resignations_between(
    *, session: Session, vivienda_id: str, start: date, end: date, status: str
) -> list[tuple]:
    """Referrals assigned to a vivienda whose history records `status` (renuncia) in
    [start, end): (CODAPEL, addiction profile, referring centre, origin centre, day)."""
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
    return [tuple(row) for row in rows]


# -- office ----------------------------------------------------------------------------------
# Reads of the office's monthly Anexo II.


def referral_places(*, session: Session, statuses: Iterable[str]) -> dict[str, tuple]:
    """{referral id: (referring centre's province, participant's province, vivienda id of a
    readmission priority)} for the referrals in the given statuses (what the waiting
    list's rows do not carry)."""
    rows = session.execute(
        select(
            Referral.id,
            func.coalesce(ReferringCentre.province, ""),
            Participant.province,
            Referral.priority_vivienda_id,
        )
        .join(Participant, Participant.id == Referral.participant_id)  # type: ignore[arg-type]
        .outerjoin(ReferringCentre, ReferringCentre.id == Referral.referring_centre_id)  # type: ignore[arg-type]
        .where(Referral.status.in_(list(statuses)))  # type: ignore[attr-defined]
    )
    return {referral_id: tuple(rest) for referral_id, *rest in rows}


def stays_in_period(*, session: Session, start: date, end: date) -> list[tuple]:
    """Stays in a vivienda any day of [start, end), the discharge day included:
    (vivienda id, admission, discharge, discharge type, prison)."""
    rows = session.execute(
        select(
            Stay.vivienda_id,
            Stay.admission_date,
            Stay.discharge_date,
            Stay.discharge_type,
            Stay.prison,
        ).where(_present_between(start, end))
    )
    return [tuple(row) for row in rows]


def _follow_up_columns():  # type: ignore[no-untyped-def]
    return (
        Participant.codapel,
        Participant.sex,
        func.coalesce(ReferringCentre.name, ""),
        func.coalesce(ReferringCentre.province, Participant.province),
        Referral.received_date,
        Referral.fixed_date,
        Vivienda.name,
        Stay.admission_date,
        Stay.discharge_date,
    )


def admissions_and_discharges(*, session: Session, start: date, end: date) -> list[tuple]:
    """Stays admitted or discharged in [start, end), for the monthly follow-up:
    (CODAPEL, sex, referring centre, its province, received, fixed, vivienda name,
    admission, discharge)."""
    rows = session.execute(
        select(*_follow_up_columns())
        .join(Participant, Participant.id == Stay.participant_id)  # type: ignore[arg-type]
        .join(Vivienda, Vivienda.id == Stay.vivienda_id)  # type: ignore[arg-type]
        .outerjoin(Referral, Referral.id == Stay.referral_id)  # type: ignore[arg-type]
        .outerjoin(
            ReferringCentre,
            ReferringCentre.id
            == func.coalesce(Referral.referring_centre_id, Participant.referring_centre_id),
        )
        .where(
            or_(
                and_(Stay.admission_date >= start, Stay.admission_date < end),  # type: ignore[operator]
                and_(Stay.discharge_date >= start, Stay.discharge_date < end),  # type: ignore[operator]
            )
        )
        .order_by(Stay.admission_date, Participant.codapel)
    )
    return [tuple(row) for row in rows]


def last_admissions(*, session: Session, before: date, prison: bool = False) -> list[tuple]:
    """Each vivienda's latest admission before `before` among stays with that prison flag:
    (vivienda id, CODAPEL, received, fixed, admission). Ties: the later-received protocol."""
    ranked = (
        select(
            Stay.vivienda_id,
            Participant.codapel,
            Referral.received_date,
            Referral.fixed_date,
            Stay.admission_date,
            func.row_number()
            .over(
                partition_by=Stay.vivienda_id,
                order_by=(
                    Stay.admission_date.desc(),  # type: ignore[attr-defined]
                    Referral.received_date.desc(),  # type: ignore[union-attr]
                    Participant.codapel,
                ),
            )
            .label("rank"),
        )
        .join(Participant, Participant.id == Stay.participant_id)  # type: ignore[arg-type]
        .outerjoin(Referral, Referral.id == Stay.referral_id)  # type: ignore[arg-type]
        .where(Stay.admission_date < before)  # type: ignore[operator]
        .where(Stay.prison == prison)
        .subquery()
    )
    rows = session.execute(
        select(
            ranked.c.vivienda_id,
            ranked.c.codapel,
            ranked.c.received_date,
            ranked.c.fixed_date,
            ranked.c.admission_date,
        ).where(ranked.c.rank == 1)
    )
    return [tuple(row) for row in rows]
