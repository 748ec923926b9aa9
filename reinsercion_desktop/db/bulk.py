"""Bulk creation of audited records, for demo data at office scale.

Hundreds of thousands of circuit records in seconds, each with the same "create" audit
entry, chained the same way, that the unit of work would have written one by one (the
fields set, the keyed hash of the record as stored: `db/audit.py`).
"""

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import TYPE_CHECKING

from sqlmodel import Session, select

from reinsercion_desktop.db.audit import (
    CONTENT_KEY,
    FIELDS_KEY,
    GENESIS,
    HASHED_FIELDS,
    ChainPoint,
    codec_for,
    entry_hash,
    mac,
    stored_text,
    to_json_value,
    utc_text,
)
from reinsercion_desktop.db.models import AuditEntry
from reinsercion_desktop.db.sql_rows import driver_connection
from reinsercion_desktop.db.unit_of_work import BOOKKEEPING, NOT_AUDITED, UNIT_OF_WORK
from reinsercion_desktop.domain.actor import Actor

if TYPE_CHECKING:
    from reinsercion_desktop.db.engine import Database


def _process(session: Session, table, names: list[str], rows: list[list]) -> None:  # type: ignore[no-untyped-def]
    """Convert the values in place as the ORM would store them (dates to text, booleans…)."""
    dialect = session.get_bind().dialect
    by_name = {column.name: column.type.bind_processor(dialect) for column in table.columns}
    converting = [(i, by_name[name]) for i, name in enumerate(names) if by_name[name]]
    caches: dict[int, dict] = {i: {} for i, _ in converting}
    for row in rows:
        for i, process in converting:
            value = row[i]
            if value is not None:
                cache = caches[i]
                stored = cache.get(value)
                if stored is None:
                    stored = process(value)
                    if isinstance(stored, datetime):  # as sqlite3's adapter writes it, once
                        stored = stored.isoformat(" ")  # (not per row, inside executemany)
                    cache[value] = stored
                row[i] = stored


def _insert(session: Session, table, names: list[str], rows: list[list]) -> None:  # type: ignore[no-untyped-def]
    """executemany on the DB-API cursor (values already as stored)."""
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


def _content_cells(records: list[list], label: str, i: int, default, temporal: bool) -> list:  # type: ignore[no-untyped-def]
    """One column's part of each record's content text («name\x1fvalue»), None where it is
    left out (empty, or its default) — as TableCodec.content writes it. Column by column,
    a value's text worked out once (a bulk write repeats dates, statuses, numbers)."""
    cells: list[str | None] = []
    append = cells.append
    shown: dict = {}
    for record in records:
        stored = record[i]
        if stored is None:
            append(None)
        elif type(stored) is str and not temporal:
            append(None if stored == default else label + stored)
        else:
            cell = shown.get(stored)
            if cell is None:
                text = utc_text(stored) if temporal else stored_text(stored)
                cell = shown[stored] = "" if text == default else label + text  # type: ignore[operator]
            append(cell or None)
    return cells


def _listed_cells(records: list[list], i: int, quoted: str) -> list[str | None]:
    """One column's name in each record's list of fields set, None where it is empty."""
    return [None if record[i] is None else quoted for record in records]


def _by_record(records: list[list], columns: list[list], separator: str) -> list[str]:
    """Each record's cells of every column, those left out dropped, joined (C loops)."""
    if not columns:
        return [""] * len(records)
    return [separator.join(filter(None, cells)) for cells in zip(*columns, strict=True)]


def _chain_tail(session: Session) -> ChainPoint:
    """Where the entries go: the unit of work's running tail (so a number is never given
    twice), or the log's last entry."""
    work = session.info.get(UNIT_OF_WORK)
    if work is not None:
        return work.chain_tail()  # type: ignore[no-any-return]
    row = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)  # type: ignore[union-attr]
    ).first()
    return ChainPoint(row[0], row[1]) if row else GENESIS


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
    document dated when, and by whom, it was written).
    The entries' hashes are `audit.entry_hash`'s, built from a template (the first of each
    call is checked against it): at office scale hashing is most of the time.
    """
    table = model.__table__  # type: ignore[attr-defined]
    names = [column.name for column in table.columns]
    defaults = {
        column.name: None
        if column.default is None or column.default.is_callable
        else column.default.arg
        for column in table.columns
    }
    codec = codec_for(table, session.get_bind().dialect)
    key = session.info[UNIT_OF_WORK].audit_key if UNIT_OF_WORK in session.info else b""
    position = {name: i for i, name in enumerate(names)}
    # The record's hash: its non-default columns by name (TableCodec.content, spelled out).
    content_columns = [
        (f"{name}\x1f", position[name], codec.defaults.get(name), name in codec.temporal)
        for name in codec.names
    ]
    content_prefix = f"registro\x1f{table.name}\x1e"
    # The fields a creation sets: every column but id, bookkeeping and the derived ones.
    listed = [
        (position[name], json.dumps(name))
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
    records: list[list] = []
    for row in rows:
        values = {**defaults, "installation_id": actor.installation_id, **row, **stamp}
        for name, default in (("created_at", at), ("updated_at", at)):
            values[name] = row.get(name) or default
        for name in ("created_by", "updated_by"):
            values[name] = row.get(name) or actor.login
        records.append([values[name] for name in names])
    _process(session, table, names, records)

    tail = _chain_tail(session)
    previous, seq = tail.hash, tail.seq
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
    quote = encode_basestring  # what `dump` does with a text, without the call through it
    # json.dumps({"prev": …, **fields}, sort_keys=True, ensure_ascii=False), spelled out.
    head = (
        f'{{"action": {text["action"]}, "actor_id": {text["actor_id"]}, '
        f'"actor_login": {text["actor_login"]}, "at": {text["at"]}, "changes": '
    )
    middle = f', "entity": {text["entity"]}, "installation_id": {text["installation_id"]}, '
    tail_text = f', "reason": {text["reason"]}, "record_id": '
    fields_open = f'{{"{FIELDS_KEY}": ['
    content_open = f'], "{CONTENT_KEY}": "'
    entry_table = AuditEntry.__table__  # type: ignore[attr-defined]
    entry_names = ["seq", *HASHED_FIELDS, "prev_hash", "hash"]
    # Of an entry's columns only its time is stored otherwise than it is held (the others
    # are text and numbers), and it is the same in every entry: converted once.
    at_row = [[0, at, *([""] * (len(entry_names) - 2))]]
    _process(session, entry_table, entry_names, at_row)
    at_stored = at_row[0][1]
    entries: list[list] = []
    contents = _by_record(
        records, [_content_cells(records, *column) for column in content_columns], "\x1e"
    )
    listings = _by_record(records, [_listed_cells(records, *column) for column in listed], ", ")
    for record, owner, content, listing in zip(records, owners, contents, listings, strict=True):
        # json.dumps({"@campos": […], "@contenido": …}, sort_keys=True), spelled out.
        changes = f'{fields_open}{listing}{content_open}{mac(key, content_prefix + content)}"}}'
        owner = owner or ""
        record_id = record[position["id"]]
        payload = (
            f'{head}{quote(changes)}{middle}"participant_id": {quote(owner)}, '
            f'"prev": {quote(previous)}{tail_text}{quote(record_id)}}}'
        )
        digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        seq += 1
        if not entries:
            fields = {**same, "record_id": record_id, "participant_id": owner, "changes": changes}
            assert digest == entry_hash(previous, fields), "the audit hash changed its format"
        entries.append(
            [
                seq,
                at_stored,
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
    _insert(session, entry_table, entry_names, entries)
    work = session.info.get(UNIT_OF_WORK)
    if work is not None and entries:
        work.chain_extended(ChainPoint(seq, previous), len(entries))


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
