"""Making a bundle for a peer (issue 13): the records that changed here since the last
bundle to it (or every record it may have, `full`), each as a change event stamped for
the merge on the other side, streamed into the encrypted, signed file.

The audit log is the outbox (db/exchange_queries.changed_since): the fields each record
had written since the last bundle's last entry, less the entries imports from this peer
wrote. A record never sent to the peer goes whole. Everything is read in one read
transaction (one snapshot of the database); the file is written beside its final name
and renamed only once the bundle's row and the records' stamps are committed, so a
bundle that exists was recorded, and one cut short (a full USB stick, a cancel) leaves
nothing behind.
"""

import contextlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reinsercion_desktop.db import exchange_queries, exchange_state_queries, queries
from reinsercion_desktop.db.exchange_state_queries import (
    CONFLICT,
    IN,
    MADE,
    OUT,
    PENDING,
    SENT,
    StampRow,
)
from reinsercion_desktop.db.models_later import ExchangeBundle, Peer
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.change_events import encode, make_event
from reinsercion_desktop.domain.enums import AuditAction
from reinsercion_desktop.domain.errors import UserError, describe_os_error
from reinsercion_desktop.domain.exchange_policy import Direction, Flow
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.domain.sync_merge import Copy
from reinsercion_desktop.security.actors import authorize
from reinsercion_desktop.security.bundle_file import BundleHeader, bundle_file_name, write_bundle
from reinsercion_desktop.security.keyfile import KeyFile
from reinsercion_desktop.services.exchange_records import (
    EVENTS_PART,
    ExchangeCancelled,
    Scope,
    direction_between,
    event_fields,
    local_copy,
    shared_fields,
    tables_of,
    travelling_columns,
)
from reinsercion_desktop.services.output_paths import checked_output
from reinsercion_desktop.services.peers import exchange_secrets, trusted_peer_keys

if TYPE_CHECKING:
    from reinsercion_desktop.services.workspace import Workspace

Progress = Callable[[int, int], None]  # (tables done, tables in all)
BATCH = 500


@dataclass(frozen=True)
class ExportResult:
    path: Path
    bundle_id: str
    sequence: int
    peer_name: str
    full: bool
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def records(self) -> int:
        return sum(self.counts.values())


@dataclass
class _Plan:
    own_id: str
    peer: Peer
    direction: Direction
    sequence: int
    after: int  # the last audit entry the previous bundle carried
    head: int  # the log's last entry now
    acknowledged: int
    full: bool
    changed: dict[tuple[str, str], dict[str, int]]
    pending: dict[str, set[str]]
    counts: dict[str, int] = field(default_factory=dict)
    stamps: list[tuple] = field(default_factory=list)  # StampRow.as_params: compact


def export_bundle(
    workspace: "Workspace",
    actor: Actor,
    peer_id: str,
    target: Path | str,
    *,
    full: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportResult:
    """Write the next bundle for the peer at `target` (a folder: the bundle's own name in
    it; a file name: that name) and record it. A Spanish UserError otherwise."""
    authorize(actor, PermissionAction.BUNDLE_EXPORT)
    secrets = exchange_secrets(workspace, actor)
    recipient = trusted_peer_keys(workspace.db, peer_id)
    db, today = workspace.db, workspace.clock.today()
    with db.read() as session:
        plan = _plan(session, peer_id, full)
        header = BundleHeader(
            sender=plan.own_id,
            recipient=recipient.installation_id,
            sequence=plan.sequence,
            first_change=(1 if plan.full else plan.after + 1)
            if plan.head > plan.after or plan.full
            else None,
            last_change=plan.head if plan.head > plan.after or plan.full else None,
            acknowledged_up_to=plan.acknowledged,
            counts=plan.counts,  # filled while the events stream out
            audit_head=KeyFile.load(workspace.paths.root).anchor(),
            created_at=workspace.clock.now(),
        )
        path = _final_path(target, bundle_file_name(today, header.bundle_id), workspace)
        partial = path.with_name(path.name + ".parcial")
        events = _events(session, plan, progress, cancelled)
        try:
            with _written(partial) as out:
                write_bundle(
                    out,
                    header=header,
                    parts=[(EVENTS_PART, events)],
                    signing_key=secrets.signing_key,
                    recipient=recipient.recipient,
                )
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    try:
        _record(workspace, actor, plan, header, path.name)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return ExportResult(
        path, header.bundle_id, plan.sequence, plan.peer.name, plan.full, dict(plan.counts)
    )


def _plan(session: Any, peer_id: str, full: bool) -> _Plan:
    own = queries.local_installation(session=session)
    peer = session.get(Peer, peer_id)
    assert own is not None and peer is not None  # trusted_peer_keys found it
    direction = direction_between(own.kind, peer.kind, sending=True)
    head = exchange_queries.last_audit_seq(session)  # the first read: the snapshot starts
    last_out = exchange_state_queries.last_bundle(session=session, peer_id=peer_id, direction=OUT)
    last_in = exchange_state_queries.last_bundle(session=session, peer_id=peer_id, direction=IN)
    after = last_out.audit_to if last_out else 0
    # Which fields of a record already exchanged changed here since: needed only once
    # some record has a stamp (the first bundle of a centre sends every record whole).
    changed = {}
    if exchange_state_queries.any_stamp(session=session, peer_id=peer_id):
        changed = exchange_queries.changed_since(
            session,
            after=after,
            tables=[table for table, _ in tables_of(direction)],
            skip=exchange_state_queries.import_ranges(session=session, peer_id=peer_id),
        )
    return _Plan(
        own_id=own.id,
        peer=peer,
        direction=direction,
        sequence=(last_out.sequence if last_out else 0) + 1,
        after=after,
        head=head,
        acknowledged=last_in.sequence if last_in else 0,
        full=full or last_out is None,
        changed=changed,
        pending=exchange_state_queries.pending_by_table(session=session, peer_id=peer_id),
    )


def _events(
    session: Any,
    plan: _Plan,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
) -> Iterator[bytes]:
    scope = Scope(session, plan.direction, plan.peer.peer_installation_id)
    tables = tables_of(plan.direction)
    for done, (table, flow) in enumerate(tables):
        if progress:
            progress(done, len(tables))
        rows = _rows_to_send(session, plan, scope, table, flow)
        batch: list[dict] = []
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                yield _encoded(session, plan, table, flow, batch)
                batch = []
                if cancelled and cancelled():
                    raise ExchangeCancelled("La exportación")
        if batch:
            yield _encoded(session, plan, table, flow, batch)
    if progress:
        progress(len(tables), len(tables))


def _rows_to_send(
    session: Any, plan: _Plan, scope: Scope, table: str, flow: Flow
) -> Iterator[dict]:
    columns = ["updated_at", "updated_by", *travelling_columns(flow)]
    where = {"form_id": sorted(flow.forms)} if flow.forms else None
    if plan.full:
        ids = scope.all_ids(table)
    else:
        # What changed since the last bundle (a record made since is among them), what a
        # resolved conflict left to send, and — for an office sending a centre — the
        # records new to the centre's view (a protocol just assigned to one of its
        # viviendas brings its person, history and Anexo I).
        ids = {record_id for (kind, record_id) in plan.changed if kind == table}
        ids |= plan.pending.get(table, set())
        scoped = scope.all_ids(table)
        if scoped is not None:
            sent = exchange_state_queries.stamped_among(
                session=session, peer_id=plan.peer.id, ids=scoped
            )
            ids = (ids | (scoped - sent)) & scoped
    yield from exchange_queries.stored_rows(
        session, table, columns, ids=None if ids is None else sorted(ids), where=where
    )


def _encoded(session: Any, plan: _Plan, table: str, flow: Flow, rows: list[dict]) -> bytes:
    known = exchange_state_queries.stamps_of(
        session=session,
        peer_id=plan.peer.id,
        ids=[row["id"] for row in rows],
        fields_of=shared_fields,
    )
    lines = []
    for row in rows:
        if not flow.carries(row):
            continue
        fields = event_fields(flow, row)
        values = {name: value for name, value in fields.items() if name != "id"}
        stamp = known.get(row["id"])
        copy = local_copy(values, stamp, plan.changed.get((table, row["id"]), {}))
        if stamp is None:
            state = SENT
        elif stamp.state == CONFLICT:
            state = CONFLICT
        elif copy.counts.mine > stamp.copy.counts.mine or stamp.state == PENDING:
            state = SENT  # a change of ours goes in this bundle
        else:
            state = stamp.state
        event = make_event(
            table,
            fields,
            copy,
            origin=row["installation_id"] or plan.own_id,
            changed_at=row["updated_at"],
            changed_by=row["updated_by"] or "",
        )
        lines.append(encode(event))
        stamps = copy.stamps
        plan.stamps.append(
            StampRow(
                row["id"], table, Copy({}, stamps, copy.counts), plan.sequence, state, plan.head
            ).as_params(plan.peer.id)
        )
        plan.counts[table] = plan.counts.get(table, 0) + 1
    return b"".join(lines)


def _record(
    workspace: "Workspace", actor: Actor, plan: _Plan, header: BundleHeader, name: str
) -> None:
    """The bundle's row, the records' stamps and the audit entry, in one unit of work."""
    counts_text = _counts_json(plan.counts)
    with workspace.db.unit_of_work(actor) as work:
        work.session.add(
            ExchangeBundle(
                id=header.bundle_id,
                peer_id=plan.peer.id,
                direction=OUT,
                sequence=plan.sequence,
                audit_from=plan.after + 1,
                audit_to=plan.head,
                acknowledged=plan.acknowledged,
                state=MADE,
                counts=counts_text,
                made_at=workspace.clock.now(),
                file_name=name,
                note="completo" if plan.full else "",
            )
        )
        work.flush()
        exchange_state_queries.save_stamp_params(session=work.session, params=plan.stamps)
        work.record_event(
            AuditAction.EXPORT,
            "exchange_bundle",
            header.bundle_id,
            {
                "secuencia": plan.sequence,
                "registros": sum(plan.counts.values()),
                "completo": plan.full,
            },
        )


def _counts_json(counts: dict[str, int]) -> str:
    return json.dumps(counts, sort_keys=True, separators=(",", ":"))


def _final_path(target: Path | str, default_name: str, workspace: "Workspace") -> Path:
    if not str(target).strip():  # Path("") is the current folder: never a silent choice
        raise UserError(
            "Falta dónde guardar el paquete: elija una carpeta, una memoria USB o un archivo."
        )
    chosen = Path(target).expanduser()
    if chosen.is_dir():
        chosen = chosen / default_name
    return checked_output(chosen, data_root=workspace.paths.root, what="el paquete")


@contextlib.contextmanager
def _written(path: Path) -> Iterator:  # type: ignore[type-arg]
    try:
        out = path.open("wb")
    except OSError as error:
        raise UserError(
            f"No se pudo escribir el paquete en {path.parent}: {describe_os_error(error)}. "
            "Elija otra carpeta o compruebe que la memoria USB está conectada."
        ) from None
    with out:
        yield out
        out.flush()
        os.fsync(out.fileno())
