"""Set-based reads of the waiting list: listed protocols and who holds a place (named rows).

One query each over every listed protocol or open stay, never a query per person; the
rows are light named tuples (at office scale building 1,700 full ORM records was half of
a refresh of the list).
"""

from collections.abc import Sequence
from datetime import date, datetime
from typing import NamedTuple

from sqlmodel import Session, select

from reinsercion_desktop.db.models import Participant, Referral, ReferringCentre, Stay


class ListedReferral(NamedTuple):
    """A protocol in the list (waiting, postponed or assigned), with whose it is."""

    id: str
    participant_id: str
    status: str
    protocol_date: date
    received_date: date | None
    fixed_date: date | None
    included_date: date | None
    created_at: datetime | None
    postponed_until: date | None
    keep_decision: str
    prison: bool
    court_order: bool
    priority_until: date | None
    priority_vivienda_id: str | None
    vivienda_id: str | None
    assigned_date: date | None
    planned_admission_date: date | None
    codapel: str
    sex: str
    referring_centre: str  # its name, "" without one


def listed_referrals(*, session: Session, statuses: Sequence[str]) -> list[ListedReferral]:
    """The referrals in the given statuses, with the person's CODAPEL and sex."""
    rows = session.execute(
        select(
            Referral.id,
            Referral.participant_id,
            Referral.status,
            Referral.protocol_date,
            Referral.received_date,
            Referral.fixed_date,
            Referral.included_date,
            Referral.created_at,
            Referral.postponed_until,
            Referral.keep_decision,
            Referral.prison,
            Referral.court_order,
            Referral.priority_until,
            Referral.priority_vivienda_id,
            Referral.vivienda_id,
            Referral.assigned_date,
            Referral.planned_admission_date,
            Participant.codapel,
            Participant.sex,
            ReferringCentre.name,
        )
        .join(Participant, Participant.id == Referral.participant_id)  # type: ignore[arg-type]
        .outerjoin(ReferringCentre, ReferringCentre.id == Referral.referring_centre_id)  # type: ignore[arg-type]
        .where(Referral.status.in_(list(statuses)))  # type: ignore[attr-defined]
    )
    return [ListedReferral(*row[:-1], row[-1] or "") for row in rows]


class OpenStay(NamedTuple):
    """A stay still open (no discharge date): someone holding a place."""

    id: str
    vivienda_id: str
    participant_id: str
    codapel: str
    sex: str
    prison: bool
    admission_date: date
    discharge_notice_date: date | None
    planned_discharge_date: date | None


def open_stays(*, session: Session, admitted_after: date | None = None) -> list[OpenStay]:
    """Every open stay; with `admitted_after`, only those admitted after that day."""
    query = (
        select(
            Stay.id,
            Stay.vivienda_id,
            Stay.participant_id,
            Participant.codapel,
            Participant.sex,
            Stay.prison,
            Stay.admission_date,
            Stay.discharge_notice_date,
            Stay.planned_discharge_date,
        )
        .join(Participant, Participant.id == Stay.participant_id)  # type: ignore[arg-type]
        .where(Stay.discharge_date.is_(None))  # type: ignore[union-attr]
    )
    if admitted_after is not None:
        query = query.where(Stay.admission_date > admitted_after)  # type: ignore[operator]
    return [OpenStay(*row) for row in session.execute(query)]
