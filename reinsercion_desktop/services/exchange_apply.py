"""Applying a bundle's change events inside one unit of work (issue 13).

Each event meets the local copy of its record through domain/sync_merge.py, after this
side's changes not yet sent were folded into the local stamps (so they are never
overwritten unseen). A record new here is inserted in batches through db/bulk.py (the
same audit entries the unit of work writes, at office scale); a changed one is updated
through the ORM, audited field by field. A conflict keeps the local value and stores the
incoming one for a person to choose. Foreign keys are checked at the commit, so the
import is whole or nothing.
"""

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from reinsercion_desktop.db import exchange_queries, exchange_state_queries
from reinsercion_desktop.db.bulk import bulk_create
from reinsercion_desktop.db.exchange_state_queries import CONFIRMED, CONFLICT, SENT, StampRow
from reinsercion_desktop.db.models import Participant
from reinsercion_desktop.db.models_later import Peer, SyncConflict
from reinsercion_desktop.db.unit_of_work import UnitOfWork
from reinsercion_desktop.domain.change_events import BadEvent, ChangeEvent, decode
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.domain.exchange_policy import Direction, NotAllowed, check_incoming, flow
from reinsercion_desktop.domain.participant import search_key
from reinsercion_desktop.domain.sync_merge import Copy, Outcome, merge
from reinsercion_desktop.services.exchange_records import (
    ExchangeCancelled,
    derived,
    local_copy,
    model_values,
    models_by_table,
    owners_of,
    shared_fields,
    tables_of,
)

BATCH = 1000
MAX_ID = 36
# Above this many records, the ids already here are read once, table by table, instead of
# looked up batch by batch (each lookup of an absent id still reads index pages).
LARGE = 20_000


class BadPayload(UserError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            f"El paquete no se puede importar: {detail}. No se ha importado nada: avise a "
            "quien lo envió."
        )


@dataclass
class Outcomes:
    """What an import did (or would do), by outcome and by table."""

    counts: Counter = field(default_factory=Counter)
    by_table: dict[str, Counter] = field(default_factory=dict)

    def add(self, table: str, outcome: str, count: int = 1) -> None:
        self.counts[outcome] += count
        self.by_table.setdefault(table, Counter())[outcome] += count

    def get(self, outcome: str) -> int:
        return int(self.counts.get(outcome, 0))

    def as_json(self) -> str:
        return json.dumps(dict(sorted(self.counts.items())), separators=(",", ":"))


def event_lines(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The events part's lines, however its chunks fall."""
    rest = b""
    for chunk in chunks:
        rest += chunk
        *lines, rest = rest.split(b"\n")
        yield from (line for line in lines if line)
    if rest:
        yield rest


def written_at(event: ChangeEvent) -> dict[str, str]:
    """A record new here keeps the time it was last written at its origin as its creation,
    not the import's: a protocol's steps of one day, made at the office, sort in the order
    they were taken (histories sort by date, then by when each step was written). Its
    `updated_at` is the import's: when it was last written here."""
    if event.changed_at is None:
        return {}
    return {"created_at": event.changed_at}


class Applier:
    def __init__(
        self,
        work: UnitOfWork,
        *,
        peer: Peer,
        direction: Direction,
        sender: str,
        bundle_id: str,
        local_changes: dict[tuple[str, str], dict[str, int]],
        progress: Callable[[int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        expected: int = 0,
    ):
        self.work, self.peer, self.direction = work, peer, direction
        self.sender, self.bundle_id = sender, bundle_id
        self.local_changes = local_changes
        self.progress, self.cancelled = progress, cancelled
        self.outcomes = Outcomes()
        self.done = 0
        self.seen: set[str] = set()
        self.large = expected > LARGE
        self.present: dict[str, set[str]] = {}
        self.stamped = (
            exchange_state_queries.stamped_ids(session=work.session, peer_id=peer.id)
            if self.large
            else None
        )
        self.order = [table for table, _ in tables_of(direction)]
        # Entries before this one were folded into the stamps of the records touched.
        self.folded_to = work.chain_tail().seq
        exchange_queries.defer_references(work.session)

    def apply(self, lines: Iterable[bytes]) -> None:
        if not self.large:
            self._apply_all(lines)
            return
        with exchange_queries.large_cache(self.work.session):
            self._apply_all(lines)

    def _apply_all(self, lines: Iterable[bytes]) -> None:
        batch: list[ChangeEvent] = []
        for line in lines:
            event = self._read(line)
            if batch and (batch[0].table != event.table or len(batch) >= BATCH):
                self._apply_batch(batch)
                batch = []
            batch.append(event)
        if batch:
            self._apply_batch(batch)

    def _read(self, line: bytes) -> ChangeEvent:
        try:
            event = decode(line)
            check_incoming(self.direction, event.table, event.fields)
        except BadEvent as error:
            raise BadPayload(str(error)) from None
        except NotAllowed:
            raise BadPayload("trae datos que no le corresponde enviar") from None
        if not event.record_id or len(event.record_id) > MAX_ID or len(event.origin) > MAX_ID:
            raise BadPayload("trae un identificador de registro que no es válido")
        if event.table == "installation" and event.record_id != self.sender:
            raise BadPayload("trae los datos de otra instalación")
        if event.record_id in self.seen:
            raise BadPayload("trae dos veces el mismo registro")
        self.seen.add(event.record_id)
        return event

    def _apply_batch(self, events: list[ChangeEvent]) -> None:
        if self.cancelled and self.cancelled():
            raise ExchangeCancelled("La importación")
        session = self.work.session
        table = events[0].table
        allowed = flow(self.direction, table)
        assert allowed is not None
        ids = [event.record_id for event in events]
        here, stamped = ids, ids
        if self.large:
            if table not in self.present:
                self.present[table] = exchange_queries.all_ids(session, table)
            here = [record_id for record_id in ids if record_id in self.present[table]]
            stamped = [record_id for record_id in ids if record_id in self.stamped]
            if not here and not stamped:
                self._add_new(table, events)
                return
        local_rows = {
            row["id"]: row
            for row in exchange_queries.stored_rows(session, table, list(allowed.fields), ids=here)
        }
        stamps = exchange_state_queries.stamps_of(
            session=session, peer_id=self.peer.id, ids=stamped, fields_of=shared_fields
        )
        inserts: list[dict[str, Any]] = []
        new_stamps: list[StampRow] = []
        for event in events:
            stamp = stamps.get(event.record_id)
            local = self._local_copy(table, event, local_rows.get(event.record_id), stamp)
            result = merge(local, event.copy().flipped())
            self.outcomes.add(table, result.outcome)
            if result.outcome == Outcome.ADDED:
                values = {
                    **result.copy.values,
                    "id": event.record_id,
                    "installation_id": event.origin,
                    **written_at(event),
                }
                row = model_values(table, values)
                derived(table, row)
                inserts.append(row)
            elif result.taken:
                self._update(table, event.record_id, result.writes)
            for conflict in result.conflicts:
                self._keep_conflict(table, event.record_id, conflict)
            if result.conflicts:
                state = CONFLICT
            elif stamp is not None and stamp.state == CONFLICT:
                state = CONFLICT if self._still_open(event.record_id) else CONFIRMED
            elif local is not None and local.counts.mine > (stamp.copy.counts.mine if stamp else 0):
                state = SENT  # changes of ours the peer has not seen yet go in the next bundle
            else:
                state = CONFIRMED
            new_stamps.append(
                StampRow(
                    event.record_id,
                    table,
                    Copy({}, result.copy.stamps, result.copy.counts),
                    stamp.sent_in if stamp else None,
                    state,
                    self.folded_to,
                )
            )
        if inserts:
            self._insert(table, inserts)
        exchange_state_queries.save_stamps(session=session, peer_id=self.peer.id, rows=new_stamps)
        self._advance(len(events))

    def _add_new(self, table: str, events: list[ChangeEvent]) -> None:
        """A batch of records neither here nor ever exchanged (most of a first bundle): each
        is added as it comes (`merge` of nothing: ADDED, the sender's copy flipped to this
        side's counting, confirmed), without the merge's objects per record."""
        rows: list[dict[str, Any]] = []
        stamps: list[tuple] = []
        for event in events:
            row = model_values(
                table,
                {
                    **event.fields,
                    "id": event.record_id,
                    "installation_id": event.origin,
                    **written_at(event),
                },
            )
            derived(table, row)
            rows.append(row)
            stamps.append(
                exchange_state_queries.received_params(
                    self.peer.id,
                    event.record_id,
                    table,
                    event.version,
                    event.base_version,
                    event.stamps,
                    CONFIRMED,
                    self.folded_to,
                )  # fmt: skip
            )
        self.outcomes.add(table, Outcome.ADDED, len(events))
        self._insert(table, rows)
        exchange_state_queries.save_stamp_params(session=self.work.session, params=stamps)
        self._advance(len(events))

    def _advance(self, count: int) -> None:
        self.done += count
        if self.progress:
            self.progress(self.done)

    def _local_copy(
        self, table: str, event: ChangeEvent, row: dict | None, stamp: StampRow | None
    ) -> Copy | None:
        if row is None:
            return None
        values = {name: row[name] for name in event.fields if name in row}
        return local_copy(values, stamp, self.local_changes.get((table, event.record_id), {}))

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        session = self.work.session
        session.flush()  # what the ORM staged goes before, in the chain and the tables
        owners = list(owners_of(session, table, rows))
        bulk_create(
            session=session,
            model=models_by_table()[table],
            rows=rows,
            owners=owners,
            actor=self.work.actor,
            at=self.work.clock.now(),
        )

    def _update(self, table: str, record_id: str, writes: dict[str, Any]) -> None:
        record = self.work.get(models_by_table()[table], record_id)
        if record is None:  # inserted earlier in this same bundle (a repeated event)
            self.work.session.flush()
            record = self.work.get(models_by_table()[table], record_id)
        assert record is not None
        values = model_values(table, writes)
        for name, value in values.items():
            setattr(record, name, value)
        if isinstance(record, Participant):  # the list's search key follows the name
            record.search_key = search_key(
                record.first_name, record.surname1, record.surname2, record.id_number,
                record.codapel,
            )  # fmt: skip

    def _keep_conflict(self, table: str, record_id: str, conflict: Any) -> None:
        session = self.work.session
        existing = next(
            (
                kept
                for kept in exchange_state_queries.open_conflicts(
                    session=session, record_id=record_id, peer_id=self.peer.id
                )
                if kept.field == conflict.field
            ),
            None,
        )
        kept = existing or SyncConflict(
            peer_id=self.peer.id,
            table_name=table,
            record_id=record_id,
            field=conflict.field,
            incoming_mine=0,
            incoming_theirs=0,
            bundle_id=self.bundle_id,
            found_at=self.work.clock.now(),
        )
        kept.local_value = json.dumps(conflict.local, ensure_ascii=False)
        kept.incoming_value = json.dumps(conflict.incoming, ensure_ascii=False)
        kept.incoming_mine = conflict.incoming_stamp.mine
        kept.incoming_theirs = conflict.incoming_stamp.theirs
        kept.bundle_id = self.bundle_id
        session.add(kept)

    def _still_open(self, record_id: str) -> bool:
        return bool(
            exchange_state_queries.open_conflicts(
                session=self.work.session, record_id=record_id, peer_id=self.peer.id
            )
        )
