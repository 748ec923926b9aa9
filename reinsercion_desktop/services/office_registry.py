"""Centros y viviendas (issue 13, Deliver 6): the office's registry of the centres it
coordinates, as their bundles brought them — each centre with its viviendas, their
places and the people staying now, the peer it is here, and how the exchange with it
stands (last bundles both ways, open conflicts, a warning on its audit log or its keys).

Nothing here is personal data: names of centres and viviendas, counts and dates.
"""

from dataclasses import dataclass
from datetime import date, datetime

from reinsercion_desktop.db import office_registry_queries as registry
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.exchange_state_queries import IN, OUT
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.security.actors import authorize

NO_KEYS = (
    "No hay claves intercambiadas con este centro: no se le pueden enviar paquetes ni "
    "recibir los suyos. Importe su clave en «Claves de intercambio…»."
)
FORGOTTEN = (
    "La clave de este centro se olvidó: no se le pueden enviar paquetes ni recibir los "
    "suyos hasta importarla de nuevo."
)
UNCONFIRMED = "La huella de la clave de este centro no está confirmada."


@dataclass(frozen=True)
class ViviendaEntry:
    """Una vivienda de un centro, as the registry shows it."""

    id: str
    name: str
    code: str
    municipality: str
    places_men: int
    places_women: int
    places_mixed: int
    staying: int  # people staying there today
    in_service: bool
    valid_to: date | None

    @property
    def places(self) -> int:
        return self.places_men + self.places_women + self.places_mixed

    @property
    def service_text(self) -> str:
        if self.in_service:
            return "En servicio"
        if self.valid_to is not None:
            return f"De baja desde el {format_date_es(self.valid_to)}"
        return "Todavía no en servicio"


@dataclass(frozen=True)
class BundleMark:
    """The last bundle one way: its number and when (made here, or taken here)."""

    sequence: int
    at: datetime


@dataclass(frozen=True)
class CentreEntry:
    """Un centro coordinado por la oficina, with its viviendas and its exchange."""

    id: str
    name: str
    code: str
    province: str
    viviendas: tuple[ViviendaEntry, ...]
    places: int  # of the viviendas in service
    occupied: int  # people staying now, in any of its viviendas
    peer_id: str | None  # the trusted peer this centre is (None: keys never exchanged)
    trusted: bool  # a peer bundles can be made for (active, fingerprint confirmed)
    last_in: BundleMark | None
    last_out: BundleMark | None
    conflicts: int
    audit_flagged: bool  # its last bundle warned of its audit log (backwards, unsigned)
    warning: str  # a few Spanish words for the list («Sin claves», «Auditoría a revisar»)
    alerts: tuple[str, ...]  # Spanish sentences: why the row is flagged

    @property
    def flagged(self) -> bool:
        return bool(self.alerts)


class OfficeRegistryService:
    def __init__(self, db: Database):
        self.db = db

    def centres(self, actor: Actor) -> list[CentreEntry]:
        """Every centre whose installation came in a bundle, by name."""
        authorize(actor, PermissionAction.OFFICE_REGISTRY_READ)
        today = self.db.clock.today()
        with self.db.read() as session:
            centres = registry.centres(session=session)
            ids = [centre.id for centre in centres]
            viviendas = registry.viviendas_of(session=session, installation_ids=ids)
            staying = registry.staying_by_vivienda(session=session, installation_ids=ids, day=today)
            peers = registry.peers_of(session=session, installation_ids=ids)
            peer_ids = [peer.id for peer in peers.values()]
            bundles = registry.last_bundles(session=session, peer_ids=peer_ids)
            conflicts = registry.open_conflicts_by_peer(session=session, peer_ids=peer_ids)
        by_centre: dict[str, list[ViviendaEntry]] = {}
        for row in viviendas:
            by_centre.setdefault(row.installation_id, []).append(_vivienda(row, staying, today))
        return [
            _centre(centre, tuple(by_centre.get(centre.id, ())), peers.get(centre.id), bundles,
                    conflicts)
            for centre in centres
        ]  # fmt: skip


def _vivienda(row: registry.ViviendaRow, staying: dict[str, int], today: date) -> ViviendaEntry:
    in_service = (row.valid_from is None or row.valid_from <= today) and (
        row.valid_to is None or today <= row.valid_to
    )
    return ViviendaEntry(
        id=row.id,
        name=row.name,
        code=row.code,
        municipality=row.municipality,
        places_men=row.places_men,
        places_women=row.places_women,
        places_mixed=row.places_mixed,
        staying=staying.get(row.id, 0),
        in_service=in_service,
        valid_to=row.valid_to,
    )


def _mark(bundle: registry.LastBundle | None) -> BundleMark | None:
    if bundle is None:
        return None
    return BundleMark(bundle.sequence, bundle.applied_at or bundle.made_at)


def _centre(
    centre: registry.CentreRow,
    viviendas: tuple[ViviendaEntry, ...],
    peer: registry.PeerRow | None,
    bundles: dict[tuple[str, str], registry.LastBundle],
    conflicts: dict[str, int],
) -> CentreEntry:
    last_in = bundles.get((peer.id, IN)) if peer else None
    last_out = bundles.get((peer.id, OUT)) if peer else None
    # exchange_import notes the last bundle taken when the sender's signed audit head went
    # backwards (or came unsigned); it stays noted while the head is behind what it was.
    audit_note = last_in.note if last_in is not None else ""
    alerts: list[str] = []
    short: list[str] = []
    if peer is None:
        alerts.append(NO_KEYS)
        short.append("Sin claves")
    elif not peer.active:
        alerts.append(FORGOTTEN)
        short.append("Clave olvidada")
    elif not peer.confirmed:
        alerts.append(UNCONFIRMED)
        short.append("Huella sin confirmar")
    if audit_note:
        alerts.append(audit_note)
        short.append("Registro de auditoría a revisar")
    in_service = [v for v in viviendas if v.in_service]
    return CentreEntry(
        id=centre.id,
        name=centre.name,
        code=centre.code,
        province=centre.province,
        viviendas=viviendas,
        places=sum(v.places for v in in_service),
        occupied=sum(v.staying for v in viviendas),
        peer_id=peer.id if peer else None,
        trusted=peer is not None and peer.active and peer.confirmed,
        last_in=_mark(last_in),
        last_out=_mark(last_out),
        conflicts=conflicts.get(peer.id, 0) if peer else 0,
        audit_flagged=bool(audit_note),
        warning=" · ".join(short),
        alerts=tuple(alerts),
    )
