"""Reads of the office's monthly Anexo II (keyword-only, take `session`; named rows).

One query each over the whole period; the counting rules are in services/office.py.
"""

from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple

from sqlalchemy import and_, or_
from sqlmodel import Session, func, select

from reinsercion_desktop.db.models import Participant, Referral, ReferringCentre, Stay, Vivienda


class ReferralPlace(NamedTuple):
    """Where a listed protocol belongs (what the waiting list's rows do not carry)."""

    centre_province: str  # the referring centre's, "" without one
    own_province: str  # the participant's
    priority_vivienda_id: str | None  # R-WL-4: where a readmission priority applies


def referral_places(*, session: Session, statuses: Iterable[str]) -> dict[str, ReferralPlace]:
    """{referral id: its places} for the referrals in the given statuses."""
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
    return {referral_id: ReferralPlace(*rest) for referral_id, *rest in rows}


class PeriodStay(NamedTuple):
    vivienda_id: str
    admission_date: date
    discharge_date: date | None
    discharge_type: str
    prison: bool


def stays_in_period(*, session: Session, start: date, end: date) -> list[PeriodStay]:
    """Stays in a vivienda any day of [start, end), the discharge day included.

    The same condition as circuit_queries.present_between, written so that SQLite walks the
    discharge-date index (the open stays and those discharged since `start`: a month's
    worth) instead of the admission-date one (every stay admitted before `end`: at office
    scale nearly all 50,000, half a second)."""
    rows = session.execute(
        select(
            Stay.vivienda_id,
            Stay.admission_date,
            Stay.discharge_date,
            Stay.discharge_type,
            Stay.prison,
        )
        .where(or_(Stay.discharge_date.is_(None), Stay.discharge_date >= start))  # type: ignore[union-attr, operator]
        # date() hides the admission-date index from the planner (see the docstring).
        .where(func.date(Stay.admission_date) < end.isoformat())
    )
    return [PeriodStay(*row) for row in rows]


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


class Move(NamedTuple):
    """An admission or a discharge, for the monthly follow-up."""

    codapel: str
    sex: str
    referring_centre: str
    province: str | None  # the referring centre's, else the person's
    received_date: date | None
    fixed_date: date | None
    vivienda: str
    admission_date: date
    discharge_date: date | None


def admissions_and_discharges(*, session: Session, start: date, end: date) -> list[Move]:
    """Stays admitted or discharged in [start, end)."""
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
    return [Move(*row) for row in rows]


class LastAdmission(NamedTuple):
    vivienda_id: str
    codapel: str
    received_date: date | None
    fixed_date: date | None
    admission_date: date


def last_admissions(*, session: Session, before: date, prison: bool = False) -> list[LastAdmission]:
    """Each vivienda's latest admission before `before` among stays with that prison flag.
    Ties: the later-received protocol, then the CODAPEL.

    The latest day per vivienda is found on the stay table alone, then only the stays of
    that day are joined and ranked: ranking every stay with its person and protocol took
    four seconds at office scale. The year before `before` is looked at first (through
    the admission-date index); only viviendas with no admission in it are looked up over
    their whole history."""
    found = _last_admissions(session, before, prison, since=before - timedelta(days=366))
    seen = {row.vivienda_id for row in found}
    everyone = set(session.execute(select(Stay.vivienda_id).distinct()).scalars())
    missing = everyone - seen
    if missing:
        found += _last_admissions(session, before, prison, only=sorted(missing))
    return found


def _last_admissions(  # type: ignore[no-untyped-def]
    session: Session, before: date, prison: bool, *, since: date | None = None, only=None
) -> list[LastAdmission]:
    latest_query = (
        select(Stay.vivienda_id, func.max(Stay.admission_date).label("day"))
        .where(Stay.admission_date < before)  # type: ignore[operator]
        .where(Stay.prison == prison)
        .group_by(Stay.vivienda_id)  # type: ignore[arg-type]
    )
    if since is not None:
        latest_query = latest_query.where(Stay.admission_date >= since)  # type: ignore[operator]
    if only is not None:
        latest_query = latest_query.where(Stay.vivienda_id.in_(only))  # type: ignore[attr-defined]
    latest = latest_query.subquery()
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
                    Referral.received_date.desc(),  # type: ignore[union-attr]
                    Participant.codapel,
                ),
            )
            .label("rank"),
        )
        .join(
            latest,
            and_(Stay.vivienda_id == latest.c.vivienda_id, Stay.admission_date == latest.c.day),
        )
        .join(Participant, Participant.id == Stay.participant_id)  # type: ignore[arg-type]
        .outerjoin(Referral, Referral.id == Stay.referral_id)  # type: ignore[arg-type]
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
    return [LastAdmission(*row) for row in rows]
