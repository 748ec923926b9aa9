"""What the exchange reads (issue 13): the records changed here since a point of the audit
log, and the records themselves with the fields that travel, as the database stores them.

The audit log is the exchange's outbox: every write to a record appends an entry naming
the fields it set or changed (db/unit_of_work.py), so the changes made since the last
bundle are the entries after the last one that bundle carried — less those an import
wrote, which came from the peer and must not be sent back as ours.
"""

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from reinsercion_desktop.db.audit import CONTENT_KEY, FIELDS_KEY
from reinsercion_desktop.db.sql_rows import batched_rows, driver_connection, id_chunks
from reinsercion_desktop.domain.enums import AuditAction

WRITES = (AuditAction.CREATE.value, AuditAction.UPDATE.value)


def changed_since(
    session: Session,
    *,
    after: int,
    tables: Iterable[str],
    skip: Sequence[tuple[int, int]] = (),
) -> dict[tuple[str, str], dict[str, int]]:
    """{(table, record id): {field: the last entry that changed it}} for the writes logged
    after entry `after`, in `tables`, leaving out the entries in the `skip` ranges
    (inclusive: what imports wrote)."""
    wanted = sorted(set(tables))
    if not wanted:
        return {}
    marks = ", ".join("?" for _ in wanted)
    connection = driver_connection(session)
    changed: dict[tuple[str, str], dict[str, int]] = {}
    # The gaps between the skipped ranges, each read through the log's key: an office
    # that took 300,000 records in one import does not read them again to skip them.
    for low, high in _gaps(after, skip):
        cursor = connection.execute(
            f"SELECT seq, entity, record_id, changes FROM audit_log WHERE seq > ? "
            f"AND seq < ? AND action IN (?, ?) AND entity IN ({marks}) ORDER BY seq",
            (low, high, *WRITES, *wanted),
        )
        for seq, entity, record_id, text in batched_rows(cursor):
            fields = changed.setdefault((entity, record_id), {})
            for name in _fields_of(text):
                fields[name] = seq
    return changed


def _gaps(after: int, skip: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The open intervals (low, high) of entry numbers after `after` outside `skip`."""
    low = after
    for first, last in sorted(skip):
        if last <= low:
            continue
        if first > low + 1:
            yield low, first
        low = max(low, last)
    yield low, 2**62


def _fields_of(text: str) -> set[str]:
    """The fields an entry's `changes` names: those a creation set, or an update's keys."""
    try:
        changes = json.loads(text or "{}")
    except ValueError:
        return set()
    if not isinstance(changes, dict):
        return set()
    if FIELDS_KEY in changes:
        return {str(name) for name in changes[FIELDS_KEY]}
    return {str(name) for name in changes if name != CONTENT_KEY}


def last_audit_seq(session: Session) -> int:
    row = driver_connection(session).execute("SELECT max(seq) FROM audit_log").fetchone()
    return int(row[0] or 0)


def stored_rows(
    session: Session,
    table: str,
    columns: Sequence[str],
    *,
    ids: Iterable[str] | None = None,
    where: Mapping[str, Sequence[str]] | None = None,
) -> Iterator[dict]:
    """The rows of `table` (all, or those of `ids`), `columns` only, as stored, in batches.

    `where` keeps the rows whose column is one of the values given (the forms that
    travel). Names come from the exchange policy, never from a bundle."""
    selected = ", ".join(f'"{name}"' for name in ("id", *columns) if name)
    filters, parameters = [], []
    for column, values in (where or {}).items():
        filters.append(f'"{column}" IN ({", ".join("?" for _ in values)})')
        parameters.extend(values)
    connection = driver_connection(session)
    if ids is None:
        clause = f" WHERE {' AND '.join(filters)}" if filters else ""
        yield from _batched(
            connection.execute(f'SELECT {selected} FROM "{table}"{clause}', parameters)
        )
        return
    for chunk in id_chunks(ids):
        clause = " AND ".join([f"id IN ({', '.join('?' for _ in chunk)})", *filters])
        yield from _batched(
            connection.execute(
                f'SELECT {selected} FROM "{table}" WHERE {clause}', [*chunk, *parameters]
            )
        )


def _batched(cursor) -> Iterator[dict]:  # type: ignore[no-untyped-def]
    names = [description[0] for description in cursor.description]
    for row in batched_rows(cursor):
        yield dict(zip(names, row, strict=True))


# -- the records a centre is sent by its office ---------------------------------------------


def centre_referrals(session: Session, centre_id: str) -> dict[str, tuple[str, str | None]]:
    """{referral id: (participant id, Anexo I form id)} of the referrals that concern a
    centre: made there, or assigned (or given priority) to one of its viviendas."""
    cursor = driver_connection(session).execute(
        "SELECT r.id, r.participant_id, r.form_instance_id FROM referral r "
        "WHERE r.installation_id = ? OR r.vivienda_id IN (SELECT v.id FROM vivienda v "
        "WHERE v.installation_id = ?) OR r.priority_vivienda_id IN (SELECT v.id FROM "
        "vivienda v WHERE v.installation_id = ?)",
        (centre_id, centre_id, centre_id),
    )
    return {referral: (person, form) for referral, person, form in batched_rows(cursor)}


def ids_where(session: Session, table: str, column: str, values: Iterable[str]) -> set[str]:
    """The ids of `table` whose `column` is one of `values` (names from the policy)."""
    found: set[str] = set()
    connection = driver_connection(session)
    for chunk in id_chunks(values):
        marks = ", ".join("?" for _ in chunk)
        cursor = connection.execute(
            f'SELECT id FROM "{table}" WHERE "{column}" IN ({marks})', chunk
        )
        found.update(record_id for (record_id,) in batched_rows(cursor))
    return found


def participants_of(session: Session, table: str, ids: Iterable[str]) -> dict[str, str]:
    """{record id: its participant} for records of `table` (a stay, a referral)."""
    found: dict[str, str] = {}
    connection = driver_connection(session)
    for chunk in id_chunks(ids):
        marks = ", ".join("?" for _ in chunk)
        cursor = connection.execute(
            f'SELECT id, participant_id FROM "{table}" WHERE id IN ({marks})', chunk
        )
        found.update((key, person or "") for key, person in batched_rows(cursor))
    return found


# -- values as stored → as the models take them ---------------------------------------------


@cache
def _readers(table: Table) -> tuple[frozenset[str], dict[str, Any]]:
    """The table's column names, and the converters of those whose stored form is not
    the model's (dates, times, booleans)."""
    dialect = sqlite.dialect()
    converters = {
        column.name: column.type.dialect_impl(dialect).result_processor(dialect, None)
        for column in table.columns
    }
    names = frozenset(converters)
    return names, {name: reader for name, reader in converters.items() if reader is not None}


def as_model_values(table: Table, stored: Mapping[str, Any]) -> dict[str, Any]:
    """A record's values as stored (what a change event carries) in the models' Python
    types; ValueError for a value its column cannot hold or a column it does not have."""
    names, readers = _readers(table)
    if not stored.keys() <= names:
        raise ValueError(", ".join(sorted(stored.keys() - names)))
    values = dict(stored)
    try:
        for name, reader in readers.items():  # a handful of columns, not every field
            value = values.get(name)
            if value is not None:
                values[name] = reader(value)
    except (TypeError, KeyError, OverflowError) as error:
        raise ValueError(str(error)) from None
    return values


class MissingReferences(Exception):
    """A commit refused by a foreign key (checked at the end of an import)."""


@contextmanager
def references_checked() -> Iterator[None]:
    try:
        yield
    except IntegrityError:
        raise MissingReferences() from None


def defer_references(session: Session) -> None:
    """Foreign keys checked at the commit of this transaction, not at each statement: an
    import is whole or nothing, whatever order its records come in (SQLite's
    `defer_foreign_keys`; PostgreSQL would declare the constraints DEFERRABLE)."""
    driver_connection(session).execute("PRAGMA defer_foreign_keys = ON")


def all_ids(session: Session, table: str) -> set[str]:
    """Every id of `table` (a large import asks once instead of once per batch)."""
    cursor = driver_connection(session).execute(f'SELECT id FROM "{table}"')
    return {record_id for (record_id,) in batched_rows(cursor)}


@contextmanager
def large_cache(session: Session) -> Iterator[None]:
    """A 256 MB page cache while a large import writes (its stamps and records land in
    indexes in random order: with the default cache each insert decrypts pages again)."""
    connection = driver_connection(session)
    before = connection.execute("PRAGMA cache_size").fetchone()[0]
    connection.execute("PRAGMA cache_size=-262144")
    try:
        yield
    finally:
        connection.execute(f"PRAGMA cache_size={int(before)}")
