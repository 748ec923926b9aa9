"""Bulk creation of audited records, for demo data at office scale.

Hundreds of thousands of circuit records in seconds, each with the same "create" audit
entry, chained the same way, that the unit of work would have written one by one.
"""

import hashlib
import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlmodel import Session, select

from reinsercion_desktop.db.audit import GENESIS_HASH, HASHED_FIELDS, entry_hash, to_json_value
from reinsercion_desktop.db.models import AuditEntry
from reinsercion_desktop.db.sql_rows import driver_connection
from reinsercion_desktop.db.unit_of_work import BOOKKEEPING, JSON_DOCUMENTS, NOT_AUDITED
from reinsercion_desktop.domain.actor import Actor

if TYPE_CHECKING:
    from reinsercion_desktop.db.engine import Database


def _bind_processors(session: Session, table) -> list:  # type: ignore[no-untyped-def]
    dialect = session.get_bind().dialect
    return [column.type.bind_processor(dialect) for column in table.columns]


def _insert(session: Session, table, names: list[str], rows: list[list]) -> None:  # type: ignore[no-untyped-def]
    """executemany on the DB-API cursor with the values converted as the ORM would store them."""
    processors = _bind_processors(session, table)
    by_name = {column.name: p for column, p in zip(table.columns, processors, strict=True)}
    converting = [(i, by_name[name]) for i, name in enumerate(names) if by_name[name]]
    caches: dict[int, dict] = {i: {} for i, _ in converting}
    for row in rows:
        for i, process in converting:
            value = row[i]
            if value is not None:
                cache = caches[i]
                stored = cache.get(value)
                if stored is None:
                    stored = cache[value] = process(value)
                row[i] = stored
    marks = ", ".join("?" for _ in names)
    connection = driver_connection(session)
    # A bigger page cache while the indexes take rows in random order (then as it was).
    cache = connection.execute("PRAGMA cache_size").fetchone()[0]
    connection.execute("PRAGMA cache_size=-262144")
    try:
        connection.executemany(
            f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({marks})", rows
        )
    finally:
        connection.execute(f"PRAGMA cache_size={int(cache)}")


def _is_temporal(column) -> bool:  # type: ignore[no-untyped-def]
    """Dates and datetimes, also behind a type decorator (the aware UTC datetimes)."""
    kind = getattr(column.type, "impl_instance", column.type)
    try:
        return kind.python_type in (date, datetime)
    except NotImplementedError:
        return False


def bulk_create(
    *,
    session: Session,
    model: type,
    rows: Sequence[dict],
    owners: Sequence[str],
    actor: Actor,
    at: datetime,
) -> None:
    """Insert many new records of one kind, each with its audit entry ("create", chained
    after the last entry), exactly as the unit of work would record them one by one.

    `rows`: column → value (the id included; missing columns take their default);
    `owners`: the participant each record belongs to, for `audit --participant`. Run it in
    a unit of work that stages no ORM record, so the chain is written by one hand.
    A row may carry its own `created_at`/`updated_at` and `created_by`/`updated_by` (a
    document dated when, and by whom, it was written); a JSON document column (a form's values) is audited as the unit of work
    audits it: the list of the fields it holds.
    The entries' hashes are `audit.entry_hash`'s, built from a template (the first of each
    call is checked against it): at office scale hashing is most of the time.
    """
    table = model.__table__  # type: ignore[attr-defined]
    names = [column.name for column in table.columns]
    documents = sorted(JSON_DOCUMENTS & set(names))
    defaults = {
        column.name: None
        if column.default is None or column.default.is_callable
        else column.default.arg
        for column in table.columns
    }
    # The audit's changes of a creation: every column but id and bookkeeping, by name.
    audited = [
        (name, _is_temporal(table.c[name]))
        for name in sorted(names)
        if name not in BOOKKEEPING and name not in NOT_AUDITED and name != "id"
    ]
    stamp = {
        "created_at": at,
        "updated_at": at,
        "created_by": actor.login,
        "updated_by": actor.login,
        "version": 1,
    }
    previous = (
        session.execute(
            select(AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)  # type: ignore[union-attr]
        ).scalar()
        or GENESIS_HASH
    )
    same = {
        "at": at,
        "actor_id": actor.user_id,
        "actor_login": actor.login,
        "installation_id": actor.installation_id,
        "action": "create",
        "entity": table.name,
        "reason": "",
    }
    dump = json.JSONEncoder(ensure_ascii=False).encode
    text = {key: dump(to_json_value(value)) for key, value in same.items()}
    # json.dumps({"prev": …, **fields}, sort_keys=True, ensure_ascii=False), spelled out.
    head = (
        f'{{"action": {text["action"]}, "actor_id": {text["actor_id"]}, '
        f'"actor_login": {text["actor_login"]}, "at": {text["at"]}, "changes": '
    )
    middle = f', "entity": {text["entity"]}, "installation_id": {text["installation_id"]}, '
    tail = f', "reason": {text["reason"]}, "record_id": '
    records: list[list] = []
    entries: list[list] = []
    for row, owner in zip(rows, owners, strict=True):
        values = {**defaults, "installation_id": actor.installation_id, **row, **stamp}
        for name, default in (("created_at", at), ("updated_at", at)):
            values[name] = row.get(name) or default
        for name in ("created_by", "updated_by"):
            values[name] = row.get(name) or actor.login
        records.append([values[name] for name in names])
        changed = {
            name: (values[name].isoformat() if temporal and values[name] else values[name])
            for name, temporal in audited
        }
        for name in documents:
            held = json.loads(values[name] or "{}")
            changed[name] = {"campos": sorted(k for k, v in held.items() if v is not None)}
        changes = dump(changed)
        owner = owner or ""
        record_id = values["id"]
        payload = (
            f'{head}{dump(changes)}{middle}"participant_id": {dump(owner)}, '
            f'"prev": {dump(previous)}{tail}{dump(record_id)}}}'
        )
        digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        if not entries:
            fields = {**same, "record_id": record_id, "participant_id": owner, "changes": changes}
            assert digest == entry_hash(previous, fields), "the audit hash changed its format"
        entries.append(
            [
                at,
                actor.user_id,
                actor.login,
                actor.installation_id,
                "create",
                table.name,
                record_id,
                owner,
                changes,
                "",
                previous,
                digest,
            ]
        )
        previous = digest
    _insert(session, table, names, records)
    _insert(session, AuditEntry.__table__, [*HASHED_FIELDS, "prev_hash", "hash"], entries)  # type: ignore[attr-defined]


def create_in_order(
    *,
    db: "Database",
    actor: Actor,
    at: datetime,
    order: Sequence[type],
    rows: dict[type, list[dict]],
    owners: dict[type, list[str]],
) -> None:
    """Write the staged rows of several kinds in one unit of work, parents first (`order`):
    how the demo writes a batch of its generated records."""
    with db.unit_of_work(actor) as work:
        for model in order:
            if rows.get(model):
                bulk_create(
                    session=work.session,
                    model=model,
                    rows=rows[model],
                    owners=owners[model],
                    actor=actor,
                    at=at,
                )
