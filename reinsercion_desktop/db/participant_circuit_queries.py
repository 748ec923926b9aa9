"""One person's circuit, read in a handful of queries: protocols with their history and
names, stays with their outings, controls, incidents and contributions.

The Derivaciones and Estancias tabs show all of it from one read each (never a query
per stay or per protocol); the services turn the records into frozen views.
"""

from collections.abc import Collection
from datetime import datetime
from typing import NamedTuple

from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, select

from reinsercion_desktop.db.models import (
    EconomicContribution,
    FormInstance,
    Incident,
    Outing,
    Referral,
    ReferralEvent,
    ReferringCentre,
    Stay,
    ToxControl,
    Vivienda,
)

# -- protocols -----------------------------------------------------------------------------


class ReferralRow(NamedTuple):
    """A stored referral with the names it refers to ("" where none)."""

    referral: Referral
    referring_centre: str
    origin_centre: str
    vivienda: str


def referral_rows(
    *, session: Session, participant_id: str | None = None, referral_id: str | None = None
) -> list[ReferralRow]:
    """A person's referrals (oldest first), or one referral, with the centres' and the
    vivienda's names."""
    referring = aliased(ReferringCentre)
    origin = aliased(ReferringCentre)
    query = (
        select(
            Referral,
            func.coalesce(referring.name, ""),
            func.coalesce(origin.name, ""),
            func.coalesce(Vivienda.name, ""),
        )
        .outerjoin(referring, referring.id == Referral.referring_centre_id)  # type: ignore[arg-type]
        .outerjoin(origin, origin.id == Referral.origin_centre_id)  # type: ignore[arg-type]
        .outerjoin(Vivienda, Vivienda.id == Referral.vivienda_id)  # type: ignore[arg-type]
        .order_by(Referral.protocol_date, Referral.created_at)  # type: ignore[arg-type]
    )
    if participant_id is not None:
        query = query.where(Referral.participant_id == participant_id)
    if referral_id is not None:
        query = query.where(Referral.id == referral_id)
    return [ReferralRow(*row) for row in session.execute(query)]


def events_of(*, session: Session, referral_ids: Collection[str]) -> list[ReferralEvent]:
    """The history of these referrals, each in the order it happened."""
    if not referral_ids:
        return []
    return list(
        session.exec(
            select(ReferralEvent)
            .where(col(ReferralEvent.referral_id).in_(list(referral_ids)))
            .order_by(ReferralEvent.on_date, ReferralEvent.created_at)  # type: ignore[arg-type]
        ).all()
    )


class AnexoRow(NamedTuple):
    id: str
    status: str
    updated_at: datetime | None


def anexo_forms(*, session: Session, participant_id: str, form_id: str) -> list[AnexoRow]:
    """The person's instances of one form (the Anexo I a protocol links to), oldest first."""
    rows = session.execute(
        select(FormInstance.id, FormInstance.status, FormInstance.updated_at)
        .where(FormInstance.participant_id == participant_id)
        .where(FormInstance.form_id == form_id)
        .order_by(FormInstance.created_at)  # type: ignore[arg-type]
    )
    return [AnexoRow(*row) for row in rows]


# -- stays ---------------------------------------------------------------------------------


class StayRow(NamedTuple):
    stay: Stay
    vivienda: str  # its name


def stay_rows(
    *, session: Session, participant_id: str | None = None, stay_id: str | None = None
) -> list[StayRow]:
    """A person's stays (oldest first), or one stay, with the vivienda's name."""
    query = (
        select(Stay, Vivienda.name)
        .join(Vivienda, Vivienda.id == Stay.vivienda_id)  # type: ignore[arg-type]
        .order_by(Stay.admission_date, Stay.created_at)  # type: ignore[arg-type]
    )
    if participant_id is not None:
        query = query.where(Stay.participant_id == participant_id)
    if stay_id is not None:
        query = query.where(Stay.id == stay_id)
    return [StayRow(*row) for row in session.execute(query)]


class StayRecords(NamedTuple):
    """What happened during some stays, each list in date order."""

    outings: list[Outing]
    tox_controls: list[ToxControl]
    incidents: list[Incident]
    contributions: list[EconomicContribution]


def stay_records(*, session: Session, stay_ids: Collection[str]) -> StayRecords:
    """Outings, toxicology controls, incidents and contributions of these stays."""
    if not stay_ids:
        return StayRecords([], [], [], [])
    ids = list(stay_ids)

    def of(model, day):  # type: ignore[no-untyped-def]
        return list(
            session.exec(
                select(model).where(col(model.stay_id).in_(ids)).order_by(day, model.created_at)
            ).all()
        )

    return StayRecords(
        outings=of(Outing, Outing.start_date),
        tox_controls=of(ToxControl, ToxControl.on_date),
        incidents=of(Incident, Incident.on_date),
        contributions=of(EconomicContribution, EconomicContribution.start_date),
    )
