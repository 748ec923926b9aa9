"""Reads of the office's registry of its centres (issue 13): the centres whose first bundle
came in, their viviendas with the people staying in each, the peer each centre is, and
the exchange with it (last bundles both ways, open conflicts).

A handful of set-based queries, whatever the number of centres (keyword-only, take
`session`; named rows). Portable SQL only, built with SQLAlchemy expressions: the office
moves to PostgreSQL next.
"""

from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import and_, func, or_
from sqlmodel import Session, col, select

from reinsercion_desktop.db.exchange_state_queries import APPLIED, IN, OUT
from reinsercion_desktop.db.models import Installation, Stay, Vivienda
from reinsercion_desktop.db.models_later import ExchangeBundle, Peer, SyncConflict

CENTRE = "centre"  # InstallationKind.CENTRE, as stored


class CentreRow(NamedTuple):
    id: str
    name: str
    code: str
    province: str


class ViviendaRow(NamedTuple):
    id: str
    installation_id: str
    name: str
    code: str
    municipality: str
    places_men: int
    places_women: int
    places_mixed: int
    valid_from: date | None
    valid_to: date | None


class PeerRow(NamedTuple):
    id: str
    installation_id: str
    name: str
    active: bool
    confirmed: bool


class LastBundle(NamedTuple):
    peer_id: str
    direction: str
    sequence: int
    made_at: datetime
    applied_at: datetime | None
    note: str


def centres(*, session: Session) -> list[CentreRow]:
    """The centres this installation knows of (not itself), by name."""
    query = (
        select(Installation.id, Installation.name, Installation.code, Installation.province)
        .where(Installation.kind == CENTRE, Installation.is_local == False)  # noqa: E712
        .order_by(Installation.name)
    )
    return [CentreRow(*row) for row in session.exec(query).all()]


def viviendas_of(*, session: Session, installation_ids: list[str]) -> list[ViviendaRow]:
    """The viviendas the given installations own, by name (in service or not)."""
    if not installation_ids:
        return []
    query = (
        select(
            Vivienda.id,
            Vivienda.installation_id,
            Vivienda.name,
            Vivienda.code,
            Vivienda.municipality,
            Vivienda.places_men,
            Vivienda.places_women,
            Vivienda.places_mixed,
            Vivienda.valid_from,
            Vivienda.valid_to,
        )  # fmt: skip
        .where(col(Vivienda.installation_id).in_(installation_ids))
        .order_by(Vivienda.name)
    )
    return [ViviendaRow(*row) for row in session.exec(query).all()]


def staying_by_vivienda(
    *, session: Session, installation_ids: list[str], day: date
) -> dict[str, int]:
    """{vivienda id: people staying there on `day`} (admitted on or before it, not yet
    discharged: SPEC §7), for the viviendas of the given installations."""
    if not installation_ids:
        return {}
    query = (
        select(Stay.vivienda_id, func.count())
        .join(Vivienda, col(Vivienda.id) == Stay.vivienda_id)
        .where(
            col(Vivienda.installation_id).in_(installation_ids),
            Stay.admission_date <= day,  # type: ignore[operator]
            or_(col(Stay.discharge_date).is_(None), col(Stay.discharge_date) > day),
        )
        .group_by(Stay.vivienda_id)
    )
    return {vivienda_id: int(count) for vivienda_id, count in session.exec(query).all()}


def peers_of(*, session: Session, installation_ids: list[str]) -> dict[str, PeerRow]:
    """{installation id: the peer it is here}, forgotten ones included (keys never
    exchanged: no entry)."""
    if not installation_ids:
        return {}
    query = select(
        Peer.id, Peer.peer_installation_id, Peer.name, Peer.active, Peer.confirmed_at
    ).where(col(Peer.peer_installation_id).in_(installation_ids))
    found: dict[str, PeerRow] = {}
    for peer_id, installation_id, name, active, confirmed_at in session.exec(query).all():
        row = PeerRow(peer_id, installation_id, name, bool(active), confirmed_at is not None)
        if installation_id not in found or (row.active and not found[installation_id].active):
            found[installation_id] = row
    return found


def last_bundles(*, session: Session, peer_ids: list[str]) -> dict[tuple[str, str], LastBundle]:
    """{(peer id, "in" | "out"): its last bundle}: made here, or applied when taken (a
    bundle held for a missing one is not yet received)."""
    if not peer_ids:
        return {}
    counted = or_(ExchangeBundle.direction == OUT, ExchangeBundle.state == APPLIED)
    newest = (
        select(
            ExchangeBundle.peer_id,
            ExchangeBundle.direction,
            func.max(ExchangeBundle.sequence).label("sequence"),
        )
        .where(col(ExchangeBundle.peer_id).in_(peer_ids), counted)
        .group_by(ExchangeBundle.peer_id, ExchangeBundle.direction)
        .subquery()
    )
    query = select(
        ExchangeBundle.peer_id,
        ExchangeBundle.direction,
        ExchangeBundle.sequence,
        ExchangeBundle.made_at,
        ExchangeBundle.applied_at,
        ExchangeBundle.note,
    ).join(
        newest,
        and_(
            ExchangeBundle.peer_id == newest.c.peer_id,
            ExchangeBundle.direction == newest.c.direction,
            ExchangeBundle.sequence == newest.c.sequence,
        ),
    )
    return {
        (row[0], row[1]): LastBundle(*row)
        for row in session.exec(query).all()
        if row[1] in (IN, OUT)
    }


def open_conflicts_by_peer(*, session: Session, peer_ids: list[str]) -> dict[str, int]:
    """{peer id: its conflicts still waiting for a person to choose}."""
    if not peer_ids:
        return {}
    query = (
        select(SyncConflict.peer_id, func.count())
        .where(col(SyncConflict.peer_id).in_(peer_ids), col(SyncConflict.resolved_at).is_(None))
        .group_by(SyncConflict.peer_id)
    )
    return {peer_id: int(count) for peer_id, count in session.exec(query).all()}
