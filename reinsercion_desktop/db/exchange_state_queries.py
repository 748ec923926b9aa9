"""The exchange's own bookkeeping (issue 13): the bundles made and taken with each peer,
where each shared record stands with each peer (its stamps), and the conflicts kept.

Portable SQL only (an office on PostgreSQL comes next): the upsert is the standard
`INSERT … ON CONFLICT … DO UPDATE`, which SQLite and PostgreSQL both read.
"""

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sqlmodel import Session, col, func, select

from reinsercion_desktop.db.exchange_queries import WRITES
from reinsercion_desktop.db.models_later import ExchangeBundle, Peer, SyncConflict
from reinsercion_desktop.db.sql_rows import batched_rows, driver_connection, id_chunks
from reinsercion_desktop.domain.change_events import COMMON, compact_stamps
from reinsercion_desktop.domain.sync_merge import Copy, Stamp, Stamps

OUT, IN = "out", "in"
MADE, CONFIRMED, APPLIED, HELD, REPLACED = "made", "confirmed", "applied", "held", "replaced"
# A record's state with a peer: PENDING (a change of ours to send: a conflict resolved),
# SENT (not yet confirmed), CONFIRMED, CONFLICT (a person must choose).
PENDING, SENT, CONFLICT = "pending", "sent", "conflict"


def last_bundle(*, session: Session, peer_id: str, direction: str) -> ExchangeBundle | None:
    """The peer's last bundle in `direction` (made, or applied when taken)."""
    query = select(ExchangeBundle).where(
        ExchangeBundle.peer_id == peer_id, ExchangeBundle.direction == direction
    )
    if direction == IN:
        query = query.where(ExchangeBundle.state == APPLIED)
    return session.exec(query.order_by(col(ExchangeBundle.sequence).desc()).limit(1)).first()


def bundle(*, session: Session, bundle_id: str) -> ExchangeBundle | None:
    return session.get(ExchangeBundle, bundle_id)


def in_sequence_taken(*, session: Session, peer_id: str, sequence: int) -> ExchangeBundle | None:
    """The bundle from the peer with this sequence, if one was taken (applied or held)."""
    return session.exec(
        select(ExchangeBundle).where(
            ExchangeBundle.peer_id == peer_id,
            ExchangeBundle.direction == IN,
            ExchangeBundle.sequence == sequence,
        )
    ).first()


def import_ranges(*, session: Session, peer_id: str) -> list[tuple[int, int]]:
    """The audit entries written by imports from the peer (their records came from it and
    are not sent back as changes of ours)."""
    rows = session.exec(
        select(ExchangeBundle.audit_from, ExchangeBundle.audit_to).where(
            ExchangeBundle.peer_id == peer_id,
            ExchangeBundle.direction == IN,
            ExchangeBundle.state == APPLIED,
            ExchangeBundle.audit_to >= ExchangeBundle.audit_from,
            ExchangeBundle.audit_from > 0,
        )
    ).all()
    return [(int(low), int(high)) for low, high in rows]


def last_sender_head(*, session: Session, peer_id: str) -> int:
    """The highest audit head the peer's bundles have reported."""
    query = select(func.max(ExchangeBundle.sender_audit_seq)).where(
        ExchangeBundle.peer_id == peer_id, ExchangeBundle.direction == IN
    )
    return int(session.exec(query).one() or 0)


def held(*, session: Session, peer_id: str) -> list[ExchangeBundle]:
    return list(
        session.exec(
            select(ExchangeBundle)
            .where(
                ExchangeBundle.peer_id == peer_id,
                ExchangeBundle.direction == IN,
                ExchangeBundle.state == HELD,
            )
            .order_by(ExchangeBundle.sequence)
        ).all()
    )


def history(*, session: Session, limit: int = 500) -> list[ExchangeBundle]:
    return list(
        session.exec(
            select(ExchangeBundle).order_by(col(ExchangeBundle.made_at).desc()).limit(limit)
        ).all()
    )


def confirm_out(*, session: Session, peer_id: str, up_to: int) -> int:
    """The peer applied our bundles up to `up_to`: they, and the records they carried,
    are confirmed. Returns how many bundles changed state."""
    connection = driver_connection(session)
    changed = connection.execute(
        "UPDATE exchange_bundle SET state = ? WHERE peer_id = ? AND direction = ? "
        "AND state = ? AND sequence <= ?",
        (CONFIRMED, peer_id, OUT, MADE, up_to),
    ).rowcount
    if changed:  # a record's stamp is confirmed with the bundle that last carried it
        connection.execute(
            "UPDATE sync_stamp SET state = ? WHERE peer_id = ? AND state = ? AND sent_in <= ?",
            (CONFIRMED, peer_id, SENT, up_to),
        )
    return int(changed or 0)


# -- stamps -------------------------------------------------------------------------------


@dataclass
class StampRow:
    """One record's place with one peer (table sync_stamp) as the exchange works on it."""

    record_id: str
    table: str
    copy: Copy  # values empty: the stamps and counts only
    sent_in: int | None = None
    state: str = SENT
    folded_to: int = 0

    def as_params(self, peer_id: str) -> tuple:
        return (
            peer_id,
            self.record_id,
            self.table,
            self.copy.counts.mine,
            self.copy.counts.theirs,
            stamps_text(self.copy.stamps),
            self.sent_in,
            self.state,
            self.folded_to,
        )


def received_params(
    peer_id: str,
    record_id: str,
    table: str,
    version: int,
    base_version: int,
    stamps: Mapping[str, Stamp],
    state: str,
    folded_to: int,
) -> tuple:
    """`StampRow.as_params` of a record taken new from the peer, described as the peer
    counts it (its `version`, `base_version` and stamps): flipped to this side's counting
    without a Copy per record (300,000 in a first bundle)."""
    if isinstance(stamps, Stamps) and not stamps.apart and stamps.names:
        text = _flipped_common_only(stamps.common)
    else:
        text = stamps_text({name: stamp.flipped() for name, stamp in stamps.items()})
    return (peer_id, record_id, table, base_version, version, text, None, state, folded_to)


@lru_cache(maxsize=1024)
def _flipped_common_only(common: Stamp) -> str:
    return _common_only(common.flipped())


def stamps_text(stamps: Mapping[str, Stamp]) -> str:
    """The fields' pairs as JSON, compact as a change event carries them: the commonest
    pair under "*", the others by name (a few bytes for a record sent whole)."""
    if isinstance(stamps, Stamps) and not stamps.apart and stamps.names:
        return _common_only(stamps.common)
    return _JSON.encode(compact_stamps(stamps)) if stamps else "{}"


@lru_cache(maxsize=1024)
def _common_only(common: Stamp) -> str:
    """A record whose fields all share one pair (most of a full bundle's 300,000): its
    text, written once per pair."""
    return _JSON.encode(compact_stamps(Stamps(("",), common)))


def stamps_of_text(text: str | None, fields: Iterable[str]) -> Mapping[str, Stamp]:
    document = json.loads(text or "{}")
    common = document.pop(COMMON, None)
    apart = {name: Stamp(m, t) for name, (m, t) in document.items()}
    if common is None:
        return apart
    return Stamps(set(fields) | set(apart), Stamp(*common), apart)


_JSON = json.JSONEncoder(separators=(",", ":"))


def stamps_of(
    *,
    session: Session,
    peer_id: str,
    ids: Iterable[str],
    fields_of: Callable[[str], Iterable[str]],
) -> dict[str, StampRow]:
    """The stamps of these records with the peer; `fields_of(table)` names the fields a
    record's common pair ("*") stands for."""
    connection = driver_connection(session)
    found: dict[str, StampRow] = {}
    for chunk in id_chunks(ids):
        marks = ", ".join("?" for _ in chunk)
        cursor = connection.execute(
            "SELECT record_id, table_name, mine, theirs, stamps, sent_in, state, folded_to "
            f"FROM sync_stamp WHERE peer_id = ? AND record_id IN ({marks})",
            (peer_id, *chunk),
        )
        for record_id, table, mine, theirs, text, sent_in, state, folded in batched_rows(cursor):
            stamps = stamps_of_text(text, fields_of(table))
            found[record_id] = StampRow(
                record_id, table, Copy({}, stamps, Stamp(mine, theirs)), sent_in, state, folded
            )
    return found


_UPSERT = (
    "INSERT INTO sync_stamp (peer_id, record_id, table_name, mine, theirs, stamps, sent_in, "
    "state, folded_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (peer_id, record_id) DO UPDATE SET table_name = excluded.table_name, "
    "mine = excluded.mine, theirs = excluded.theirs, stamps = excluded.stamps, "
    "sent_in = excluded.sent_in, state = excluded.state, folded_to = excluded.folded_to"
)


def save_stamps(*, session: Session, peer_id: str, rows: Sequence[StampRow]) -> None:
    save_stamp_params(session=session, params=[row.as_params(peer_id) for row in rows])


def save_stamp_params(*, session: Session, params: Sequence[tuple]) -> None:
    """Stamps already as `StampRow.as_params` (what an export keeps of 300,000 records)."""
    if params:
        driver_connection(session).executemany(_UPSERT, params)


def trusted_peer_ids(*, session: Session) -> list[str]:
    """The peers bundles are exchanged with: active, their keys confirmed."""
    query = select(Peer.id).where(Peer.active == True, Peer.confirmed_at != None)  # noqa: E711, E712
    return list(session.exec(query).all())


def states_query(peer_ids: Sequence[str] | None, record_ids: Sequence[str]) -> tuple[str, tuple]:
    """The SQL (and its parameters) of the states of some records with these peers (or
    every peer known). The peers are named so that SQLite looks the stamps up by the
    primary key (peer_id, record_id): `record_id IN (…)` alone scans the whole table
    (300,000 stamps at an office)."""
    if peer_ids is None:
        peers_sql, peer_params = "SELECT id FROM peer", ()
    else:
        peers_sql, peer_params = ", ".join("?" for _ in peer_ids), tuple(peer_ids)
    marks = ", ".join("?" for _ in record_ids)
    return (
        f"SELECT record_id, peer_id, state FROM sync_stamp WHERE peer_id IN ({peers_sql}) "
        f"AND record_id IN ({marks})",
        (*peer_params, *record_ids),
    )


def record_states(
    *, session: Session, ids: Iterable[str], peer_ids: Sequence[str] | None = None
) -> dict[str, str]:
    """{record id: its worst state with any peer (`peer_ids`, or every peer known)}:
    conflict, then pending, then sent, then confirmed. A record sent (or confirmed) and
    written here since is pending: its change goes in the next bundle. One query per 500
    ids, and one per peer for the changes since."""
    if peer_ids is not None and not peer_ids:
        return {}
    order = {CONFLICT: 0, PENDING: 1, SENT: 2, CONFIRMED: 3}
    states: dict[str, str] = {}
    went: dict[str, list[str]] = {}  # peer → its records sent or confirmed
    connection = driver_connection(session)
    for chunk in id_chunks(ids):
        cursor = connection.execute(*states_query(peer_ids, chunk))
        for record_id, peer_id, state in batched_rows(cursor):
            if state in (SENT, CONFIRMED):
                went.setdefault(peer_id, []).append(record_id)
            if record_id not in states or order.get(state, 4) < order.get(states[record_id], 4):
                states[record_id] = state
    for peer_id, record_ids in went.items():
        for record_id in _written_since_sent(session, peer_id, record_ids):
            if order[PENDING] < order.get(states[record_id], 4):
                states[record_id] = PENDING
    return states


def _written_since_sent(session: Session, peer_id: str, record_ids: list[str]) -> set[str]:
    """Those of the records written here after the last bundle made for the peer, by a
    person (the entries imports wrote are left out): through the log's record index."""
    last = last_bundle(session=session, peer_id=peer_id, direction=OUT)
    after = last.audit_to if last else 0
    imported = import_ranges(session=session, peer_id=peer_id)
    written: set[str] = set()
    connection = driver_connection(session)
    for chunk in id_chunks(record_ids):
        marks = ", ".join("?" for _ in chunk)
        cursor = connection.execute(
            f"SELECT record_id, seq FROM audit_log WHERE record_id IN ({marks}) AND seq > ? "
            "AND action IN (?, ?)",
            (*chunk, after, *WRITES),
        )
        written.update(
            record_id
            for record_id, seq in batched_rows(cursor)
            if not any(low <= seq <= high for low, high in imported)
        )
    return written


# -- conflicts ----------------------------------------------------------------------------


def open_conflicts(
    *, session: Session, record_id: str | None = None, peer_id: str | None = None
) -> list[SyncConflict]:
    query = select(SyncConflict).where(SyncConflict.resolved_at == None)  # noqa: E711
    if record_id is not None:
        query = query.where(SyncConflict.record_id == record_id)
    if peer_id is not None:
        query = query.where(SyncConflict.peer_id == peer_id)
    return list(session.exec(query.order_by(SyncConflict.found_at, SyncConflict.field)).all())


def stamped_ids(*, session: Session, peer_id: str) -> set[str]:
    """Every record exchanged with the peer (a large bundle asks once, not per batch)."""
    cursor = driver_connection(session).execute(
        "SELECT record_id FROM sync_stamp WHERE peer_id = ?", (peer_id,)
    )
    return {record_id for (record_id,) in batched_rows(cursor)}


def stamped_among(*, session: Session, peer_id: str, ids: Iterable[str]) -> set[str]:
    """Which of these records have been exchanged with the peer."""
    found: set[str] = set()
    connection = driver_connection(session)
    for chunk in id_chunks(ids):
        marks = ", ".join("?" for _ in chunk)
        cursor = connection.execute(
            f"SELECT record_id FROM sync_stamp WHERE peer_id = ? AND record_id IN ({marks})",
            (peer_id, *chunk),
        )
        found.update(record_id for (record_id,) in batched_rows(cursor))
    return found


def any_stamp(*, session: Session, peer_id: str) -> bool:
    row = (
        driver_connection(session)
        .execute("SELECT 1 FROM sync_stamp WHERE peer_id = ? LIMIT 1", (peer_id,))
        .fetchone()
    )
    return row is not None


def pending_by_table(*, session: Session, peer_id: str) -> dict[str, set[str]]:
    """{table: records with a change of ours for the peer no audit entry shows} (a
    conflict resolved by keeping our value)."""
    cursor = driver_connection(session).execute(
        "SELECT table_name, record_id FROM sync_stamp WHERE peer_id = ? AND state = ?",
        (peer_id, PENDING),
    )
    found: dict[str, set[str]] = {}
    for table, record_id in batched_rows(cursor):
        found.setdefault(table, set()).add(record_id)
    return found


def first_bundle_in(*, session: Session, peer_id: str) -> ExchangeBundle | None:
    """The first bundle applied from the peer."""
    query = select(ExchangeBundle).where(
        ExchangeBundle.peer_id == peer_id,
        ExchangeBundle.direction == IN,
        ExchangeBundle.state == APPLIED,
    )
    return session.exec(query.order_by(col(ExchangeBundle.sequence)).limit(1)).first()
