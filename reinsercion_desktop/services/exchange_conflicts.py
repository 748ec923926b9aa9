"""Conflicts of the exchange (R-SYNC-3, R-SYNC-4): a field changed here and at the peer to
different values. Both versions are kept until a person chooses; the choice is written
as a new change of ours whose stamps include the peer's, so it wins on both sides once
the next bundle goes, and it is audited like any other change.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from reinsercion_desktop.db import exchange_queries, exchange_state_queries, peer_queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.exchange_state_queries import PENDING, StampRow
from reinsercion_desktop.db.models_later import SyncConflict
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import AuditAction
from reinsercion_desktop.domain.errors import NotFoundError
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.domain.sync_merge import Conflict, Copy, Stamp, resolve
from reinsercion_desktop.security.actors import authorize
from reinsercion_desktop.services.exchange_records import (
    model_values,
    models_by_table,
    shared_fields,
)
from reinsercion_desktop.services.field_labels import field_label, record_kind

KEEP_LOCAL, TAKE_INCOMING = "local", "incoming"


@dataclass(frozen=True)
class ConflictView:
    id: str
    peer: str  # as this installation calls it
    kind: str  # «Ficha», «Derivación»…
    record_id: str
    record: str  # who or what (the person's name here: this screen stays local)
    field: str  # its Spanish label
    local: str  # the values as a person reads them
    incoming: str
    found_at: datetime


def shown(value: Any) -> str:
    if value is None or value == "":
        return "(vacío)"
    if isinstance(value, bool):
        return "Sí" if value else "No"
    text = str(value)
    try:  # a date is stored as ISO text; shown as everywhere else
        return format_date_es(date.fromisoformat(text)) if len(text) == 10 else text
    except ValueError:
        return text


class ConflictService:
    def __init__(self, db: Database):
        self.db = db

    def open(self, actor: Actor) -> list[ConflictView]:
        authorize(actor, PermissionAction.BUNDLE_IMPORT)
        with self.db.read() as session:
            conflicts = exchange_state_queries.open_conflicts(session=session)
            peers = {
                peer.id: peer.name
                for peer in peer_queries.peers(session=session, active_only=False)
            }
            names = _record_names(session, conflicts)
        return [
            ConflictView(
                id=kept.id,
                peer=peers.get(kept.peer_id, ""),
                kind=record_kind(kept.table_name),
                record_id=kept.record_id,
                record=names.get(kept.record_id, kept.record_id[:8]),
                field=field_label(kept.table_name, kept.field),
                local=shown(json.loads(kept.local_value)),
                incoming=shown(json.loads(kept.incoming_value)),
                found_at=kept.found_at,
            )
            for kept in conflicts
        ]

    def resolve(self, actor: Actor, conflict_id: str, choice: str) -> None:
        """Keep this side's value or take the peer's (R-SYNC-4), audited."""
        authorize(actor, PermissionAction.SYNC_CONFLICT_RESOLVE)
        if choice not in (KEEP_LOCAL, TAKE_INCOMING):
            raise ValueError(choice)
        reason = "Conflicto de intercambio resuelto"
        with self.db.unit_of_work(actor, reason=reason) as work:
            session = work.session
            kept = session.get(SyncConflict, conflict_id)
            if kept is None or kept.resolved_at is not None:
                raise NotFoundError("Ese conflicto ya se resolvió o no existe: actualice la lista.")
            model = models_by_table()[kept.table_name]
            record = work.get(model, kept.record_id)
            if record is None:
                raise NotFoundError("El registro del conflicto ya no existe.")
            chosen_stored = json.loads(
                kept.local_value if choice == KEEP_LOCAL else kept.incoming_value
            )
            if choice == TAKE_INCOMING:
                value = model_values(kept.table_name, {kept.field: chosen_stored})[kept.field]
                setattr(record, kept.field, value)
            kept.resolved_at = work.clock.now()
            kept.resolved_by = actor.login
            session.add(kept)
            session.flush()
            stamps = exchange_state_queries.stamps_of(
                session=session,
                peer_id=kept.peer_id,
                ids=[kept.record_id],
                fields_of=shared_fields,
            )
            stamp = stamps.get(kept.record_id)
            copy = stamp.copy if stamp else Copy({}, {}, Stamp())
            conflict = Conflict(
                kept.field, None, chosen_stored, Stamp(kept.incoming_mine, kept.incoming_theirs)
            )
            after = resolve(copy, {kept.field: chosen_stored}, [conflict])
            others = [
                other
                for other in exchange_state_queries.open_conflicts(
                    session=session, record_id=kept.record_id, peer_id=kept.peer_id
                )
                if other.id != kept.id
            ]
            exchange_state_queries.save_stamps(
                session=session,
                peer_id=kept.peer_id,
                rows=[
                    StampRow(
                        kept.record_id,
                        kept.table_name,
                        Copy({}, after.stamps, after.counts),
                        stamp.sent_in if stamp else None,
                        exchange_state_queries.CONFLICT if others else PENDING,
                        work.chain_tail().seq,
                    )
                ],
            )
            work.record_event(
                AuditAction.UPDATE,
                "sync_conflict",
                kept.id,
                {"campo": kept.field, "registro": kept.record_id, "eleccion": choice},
            )


def _record_names(session, conflicts: list[SyncConflict]) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """What a person recognises a participant's record by: the name (this screen stays in
    the installation). Other records are shown by their kind and short id."""
    people = [kept.record_id for kept in conflicts if kept.table_name == "participant"]
    names: dict[str, str] = {}
    for row in exchange_queries.stored_rows(
        session, "participant", ["first_name", "surname1", "surname2"], ids=people
    ):
        names[row["id"]] = " ".join(
            part for part in (row["first_name"], row["surname1"], row["surname2"]) if part
        )
    return names
