"""What the exchange reads (issue 13): the records changed here since a point of the audit
log, and the records themselves with the fields that travel, as the database stores them.

The audit log is the exchange's outbox: every write to a record appends an entry naming
the fields it set or changed (db/unit_of_work.py), so the changes made since the last
bundle are the entries after the last one that bundle carried — less those an import
wrote, which came from the peer and must not be sent back as ours.
"""

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence

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
) -> dict[tuple[str, str], set[str]]:
    """{(table, record id): fields changed} by the writes logged after entry `after`, in
    `tables`, leaving out the entries in the `skip` ranges (inclusive: what imports wrote)."""
    wanted = sorted(set(tables))
    if not wanted:
        return {}
    marks = ", ".join("?" for _ in wanted)
    cursor = driver_connection(session).execute(
        f"SELECT seq, entity, record_id, changes FROM audit_log WHERE seq > ? "
        f"AND action IN (?, ?) AND entity IN ({marks}) ORDER BY seq",
        (after, *WRITES, *wanted),
    )
    changed: dict[tuple[str, str], set[str]] = {}
    for seq, entity, record_id, text in batched_rows(cursor):
        if any(low <= seq <= high for low, high in skip):
            continue
        changed.setdefault((entity, record_id), set()).update(_fields_of(text))
    return changed


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
