"""The reads that prove the audit log and the records it describes (`reinsercion check`,
the anchor's keeper).

At office scale the log holds hundreds of thousands of entries and the tables as many
records: these reads go through the DB-API connection (`sql_rows.driver_connection`),
rows as tuples, without the ORM's per-value processing.
"""

import hmac
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.dialects import sqlite
from sqlmodel import Session

from reinsercion_desktop.db.audit import (
    CONTENT_KEY,
    GENESIS,
    GENESIS_HASH,
    HASHED_FIELDS,
    MAC_CHARS,
    ChainPoint,
    codec_for,
    text_entry_hash,
    to_json_value,
    value_mac,
)
from reinsercion_desktop.db.models import Attachment, AuditEntry, FormInstance, all_tables
from reinsercion_desktop.db.sql_rows import batched_rows, driver_connection
from reinsercion_desktop.domain.enums import FormStatus

# The append-only triggers every database must keep (migration 0001), by name → body.
APPEND_ONLY_TRIGGERS = {
    "audit_log_no_update": "BEFORE UPDATE ON audit_log",
    "audit_log_no_delete": "BEFORE DELETE ON audit_log",
}
_RECORD_ACTIONS = ("create", "update", "delete")
_CONTENT_MARK = f'"{CONTENT_KEY}": "'
DELETED = "-"  # a record's last entry deleted it
UNKNOWN = ""  # its last entry is older than the records' hashes (no `@contenido`)


def chain_tail(*, session: Session) -> ChainPoint:
    """The log's last entry (the genesis when it is empty), with the number of entries."""
    row = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)  # type: ignore[union-attr]
    ).first()
    count = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    return ChainPoint(row[0], row[1], count) if row else GENESIS


def hash_at(*, session: Session, seq: int) -> str | None:
    """The hash of entry `seq` (None: there is no such entry)."""
    if seq == 0:
        return GENESIS_HASH
    return session.execute(select(AuditEntry.hash).where(AuditEntry.seq == seq)).scalar()


@dataclass
class ChainScan:
    """One pass over the whole log: where its links break, its tail, the hashes of the
    entries asked for, and what each record's last entry recorded of it."""

    count: int = 0
    tail: ChainPoint = GENESIS
    broken: list[int] = field(default_factory=list)
    hashes: dict[int, str] = field(default_factory=dict)
    # record id → the keyed hash its last entry recorded, DELETED or UNKNOWN
    contents: dict[str, str] = field(default_factory=dict)
    entities: dict[str, str] = field(default_factory=dict)  # record id → table


def scan_chain(
    *,
    session: Session,
    wanted: set[int] = frozenset(),  # type: ignore[assignment]
    records: bool = True,
) -> ChainScan:
    """`records=False`: the links only (a backup's check), without what each record's
    last entry recorded (check's comparison of records with the log)."""
    scan = ChainScan()
    previous = GENESIS_HASH
    columns = ", ".join(("seq", *HASHED_FIELDS, "prev_hash", "hash"))
    cursor = driver_connection(session).execute(f"SELECT {columns} FROM audit_log ORDER BY seq")
    names = HASHED_FIELDS
    contents, entities = scan.contents, scan.entities
    last: tuple[int, str] | None = None
    stamps: dict[str | None, str | None] = {}  # the stored `at` → its ISO form (they repeat)
    for row in batched_rows(cursor):
        seq, prev_hash, digest = row[0], row[-2], row[-1]
        values = dict(zip(names, row[1:-2], strict=True))
        at = values["at"]
        iso = stamps.get(at)
        if iso is None:
            iso = stamps[at] = to_json_value(_stored_datetime(at))
        values["at"] = iso
        if prev_hash != previous or text_entry_hash(previous, values) != digest:
            scan.broken.append(seq)
        previous = digest
        scan.count += 1
        last = (seq, digest)
        if seq in wanted:
            scan.hashes[seq] = digest
        if not records:
            continue
        action, entity = values["action"], values["entity"]
        record_id, changes = values["record_id"], values["changes"]
        if action in _RECORD_ACTIONS and record_id:
            entities[record_id] = entity
            if action == "delete":
                contents[record_id] = DELETED
            else:
                start = changes.find(_CONTENT_MARK) if changes else -1
                contents[record_id] = (
                    changes[start + len(_CONTENT_MARK) : start + len(_CONTENT_MARK) + MAC_CHARS]
                    if start >= 0
                    else UNKNOWN
                )
    if last is not None:
        scan.tail = ChainPoint(last[0], last[1], scan.count)
    return scan


def _stored_datetime(text: str | None) -> datetime | None:
    """A datetime as SQLite keeps it (UTC, no offset), aware as the ORM returns it."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC) if text else None


@dataclass(frozen=True)
class RecordFinding:
    """A record that is not what its audit entries say."""

    entity: str
    record_id: str
    kind: str  # "edited", "unaudited", "reappeared", "removed"


def record_findings(*, session: Session, key: bytes, scan: ChainScan) -> list[RecordFinding]:
    """Each record's stored content against the keyed hash its last audit entry recorded;
    records with no entry (added outside the application), deleted ones back, and audited
    ones gone without a deletion entry."""
    from reinsercion_desktop.db.models import SYNCED_TABLES  # every table, loaded now

    findings: list[RecordFinding] = []
    connection = driver_connection(session)
    dialect = session.get_bind().dialect
    seen: set[str] = set()
    for model in SYNCED_TABLES:
        table = model.__table__  # type: ignore[attr-defined]
        codec = codec_for(table, dialect)
        cursor = connection.execute(f'SELECT * FROM "{table.name}"')
        columns = tuple(description[0] for description in cursor.description)
        id_index = columns.index("id")
        for row in batched_rows(cursor):
            record_id = row[id_index]
            seen.add(record_id)
            recorded = scan.contents.get(record_id)
            if recorded is None:
                findings.append(RecordFinding(table.name, record_id, "unaudited"))
            elif recorded == DELETED:
                findings.append(RecordFinding(table.name, record_id, "reappeared"))
            elif recorded != UNKNOWN and (codec.row_content_mac(key, columns, row) != recorded):
                findings.append(RecordFinding(table.name, record_id, "edited"))
    tables = {model.__tablename__ for model in SYNCED_TABLES}  # type: ignore[attr-defined]
    for record_id, recorded in scan.contents.items():
        entity = scan.entities[record_id]
        if recorded != DELETED and record_id not in seen and entity in tables:
            findings.append(RecordFinding(entity, record_id, "removed"))
    return findings


def trigger_bodies(*, session: Session) -> dict[str, str]:
    """The audit log's triggers as SQLite keeps them: name → SQL."""
    rows = driver_connection(session).execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
    )
    return {name: sql or "" for name, sql in rows}


def missing_append_only_triggers(*, session: Session) -> list[str]:
    """The append-only triggers that are gone, or no longer refuse the change."""
    bodies = {
        name: " ".join(sql.split()).upper() for name, sql in trigger_bodies(session=session).items()
    }
    return [
        name
        for name, when in APPEND_ONLY_TRIGGERS.items()
        if when.upper() not in bodies.get(name, "") or "RAISE(ABORT" not in bodies.get(name, "")
    ]


def signed_forms(*, session: Session) -> list[FormInstance]:
    query = select(FormInstance).where(FormInstance.status == FormStatus.SIGNED.value)
    return list(session.execute(query).scalars())


def all_attachments(*, session: Session) -> list[Attachment]:
    return list(session.execute(select(Attachment)).scalars())


def proves_value(
    *,
    key: bytes,
    entity: str,
    record_id: str,
    field: str,
    value: object,
    recorded: object,
    old: bool = False,
) -> bool:
    """Whether `value` (as a service would write it) is the one whose keyed hash an update
    recorded for `field`: [hash of the old value, hash of the new one]."""
    table = all_tables().tables.get(entity)
    if table is None or field not in table.c or not isinstance(recorded, list):
        return False
    if len(recorded) != 2:
        return False
    codec = codec_for(table, _SQLITE)
    expected = value_mac(key, entity, record_id, field, codec.text_of(field, value))
    return hmac.compare_digest(expected, str(recorded[0 if old else 1]))


_SQLITE = sqlite.dialect()
