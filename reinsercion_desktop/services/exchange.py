"""Intercambio (issue 13): what the window and the command line ask of the exchange with
the coordinating office (or its centres) — bundles made and taken, their history, the
peers one can send to, the records' state and the conflicts. The work itself is in
exchange_export, exchange_import, exchange_apply and exchange_conflicts.
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reinsercion_desktop.db import exchange_state_queries, peer_queries
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.security.actors import authorize
from reinsercion_desktop.services.exchange_conflicts import ConflictService, ConflictView
from reinsercion_desktop.services.exchange_export import ExportResult, export_bundle
from reinsercion_desktop.services.exchange_import import ImportResult, import_bundle
from reinsercion_desktop.services.exchange_states import (
    RECORD_STATE_LABELS,
    RecordExchange,
    record_exchange,
    state_labels,
)
from reinsercion_desktop.services.field_labels import record_kind

if TYPE_CHECKING:
    from reinsercion_desktop.services.workspace import Workspace

DIRECTION_LABELS = {"out": "Enviado", "in": "Recibido"}
# A bundle's state; a record's (sent, confirmed…) are those of exchange_states.
STATE_LABELS = {
    **RECORD_STATE_LABELS,
    "made": RECORD_STATE_LABELS[exchange_state_queries.SENT],
    "applied": "Importado",
    "held": "En espera del anterior",
    "replaced": "Sustituido por uno completo",
}
OUTCOME_LABELS = {
    "added": "nuevos",
    "changed": "actualizados",
    "merged": "combinados",
    "conflict": "en conflicto",
    "unchanged": "sin cambios",
}
_ONE = {"added": "nuevo", "changed": "actualizado", "merged": "combinado"}


@dataclass(frozen=True)
class PeerChoice:
    id: str
    name: str
    kind: str


@dataclass(frozen=True)
class BundleView:
    id: str
    peer: str
    direction: str  # «Enviado» | «Recibido»
    sequence: int
    state: str  # its Spanish label
    made_at: datetime
    applied_at: datetime | None
    summary: str  # «12 registros» or «3 nuevos, 1 en conflicto»
    note: str
    held: bool


def describe_counts(counts: dict[str, int]) -> str:
    """«3 nuevos, 1 en conflicto» for an import's outcomes; «12 registros» for an export's
    tables."""
    if any(key in OUTCOME_LABELS for key in counts):
        parts = [
            f"{counts[key]} {_ONE.get(key, label) if counts[key] == 1 else label}"
            for key, label in OUTCOME_LABELS.items()
            if counts.get(key)
        ]
        return ", ".join(parts) or "sin registros"
    total = sum(counts.values())
    return f"{total} registro{'s' if total != 1 else ''}" if total else "sin cambios"


def describe_confirmed(bundles: int) -> str:
    """What an import's acknowledgement confirmed, as a sentence; "" for nothing."""
    if not bundles:
        return ""
    if bundles == 1:
        return "Confirma que recibieron 1 paquete enviado desde aquí."
    return f"Confirma que recibieron {bundles} paquetes enviados desde aquí."


def describe_tables(counts: dict[str, int]) -> str:
    """«Ficha: 3, Derivación: 2» (what a bundle made here carries)."""
    return ", ".join(f"{record_kind(table)}: {count}" for table, count in counts.items())


class ExchangeService:
    def __init__(self, workspace: "Workspace"):
        self.workspace = workspace
        self.db = workspace.db
        self.conflicts = ConflictService(workspace.db)

    def peers(self, actor: Actor) -> list[PeerChoice]:
        """The installations bundles can be made for (trusted, confirmed)."""
        authorize(actor, PermissionAction.BUNDLE_EXPORT)
        with self.db.read() as session:
            return [
                PeerChoice(peer.id, peer.name, peer.kind)
                for peer in peer_queries.peers(session=session)
                if peer.confirmed_at is not None
            ]

    def export(
        self,
        actor: Actor,
        peer_id: str,
        target: Path | str,
        *,
        full: bool = False,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ExportResult:
        return export_bundle(
            self.workspace, actor, peer_id, target, full=full, progress=progress,
            cancelled=cancelled,
        )  # fmt: skip

    def import_bundle(
        self,
        actor: Actor,
        path: Path | str,
        *,
        dry_run: bool = False,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportResult:
        return import_bundle(
            self.workspace, actor, path, dry_run=dry_run, progress=progress, cancelled=cancelled
        )

    def history(self, actor: Actor) -> list[BundleView]:
        authorize(actor, PermissionAction.BUNDLE_IMPORT)
        with self.db.read() as session:
            names = {
                peer.id: peer.name
                for peer in peer_queries.peers(session=session, active_only=False)
            }
            bundles = exchange_state_queries.history(session=session)
        return [
            BundleView(
                id=bundle.id,
                peer=names.get(bundle.peer_id, ""),
                direction=DIRECTION_LABELS.get(bundle.direction, bundle.direction),
                sequence=bundle.sequence,
                state=STATE_LABELS.get(bundle.state, bundle.state),
                made_at=bundle.made_at,
                applied_at=bundle.applied_at,
                summary=describe_counts(json.loads(bundle.counts or "{}")),
                note=bundle.note,
                held=bundle.state == exchange_state_queries.HELD,
            )
            for bundle in bundles
        ]

    def open_conflicts(self, actor: Actor) -> list[ConflictView]:
        return self.conflicts.open(actor)

    def resolve(self, actor: Actor, conflict_id: str, choice: str) -> None:
        self.conflicts.resolve(actor, conflict_id, choice)

    def record_state(self, record_id: str) -> str:
        """How a shared record stands with the peers, in Spanish ("" if never exchanged)."""
        return self.record_states([record_id]).get(record_id, "")

    def record_states(self, ids: Iterable[str]) -> dict[str, str]:
        """{record id: how it stands with the peers, in Spanish ("" if never exchanged)}
        of many records in one batched query; {} without a trusted peer."""
        with self.db.read() as session:
            return state_labels(session=session, ids=ids) or {}

    def record_exchange(self, record_id: str) -> RecordExchange | None:
        """The state a file's header shows (label, meaning, conflict); None when there is
        no trusted peer or the record was never exchanged."""
        with self.db.read() as session:
            return record_exchange(session=session, record_id=record_id)
