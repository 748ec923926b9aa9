"""The peers' table (centros y oficinas de confianza): reads for services/peers.py."""

from collections.abc import Sequence

from sqlmodel import Session, select

from reinsercion_desktop.db.models_later import Peer


def peers(*, session: Session, active_only: bool = True) -> Sequence[Peer]:
    query = select(Peer)
    if active_only:
        query = query.where(Peer.active == True)  # noqa: E712
    return session.exec(query.order_by(Peer.name)).all()


def peer_of_installation(*, session: Session, installation_id: str) -> Peer | None:
    """The peer row of another installation (one per installation, active or not)."""
    return session.exec(select(Peer).where(Peer.peer_installation_id == installation_id)).first()
