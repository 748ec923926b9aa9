"""The list of files as light tuples: one SQL statement, read through any DB-API
connection.

Raw SQL on purpose: at 20,000 rows the ORM's per-value type processing costs ~0.3 s of
start-up; here only the birth date needs converting. Free of SQLAlchemy, so that an
automated start (no password to type) can read the list with the bare driver while the
ORM is still loading in the background: the decryption runs with Python's lock released.

The rows come back as one JSON array, a single step of the statement: the driver
releases Python's lock around each step, and a row-by-row read taken while the ORM
imports in the other thread waited for the lock at each of the 20,000 rows (0.5 s of
start-up instead of 0.1 s). One step decrypts and joins everything with the lock
released once; json.loads then builds the lists in C.
"""

import json
from datetime import date
from pathlib import Path

from reinsercion_desktop.db.cipher import connect

LIST_SQL = (
    "SELECT json_group_array(json_array("
    " p.id, p.surname1, p.surname2, p.first_name, p.codapel, p.id_number,"
    " p.birth_date, p.sex, p.status, p.vivienda_id, coalesce(v.name, ''),"
    " p.archived_at IS NOT NULL, p.search_key, coalesce(u.full_name, '')))"
    " FROM participant p"
    " LEFT JOIN vivienda v ON v.id = p.vivienda_id"
    " LEFT JOIN user_account u ON u.id = p.case_manager_id"
)


def rows_from(connection) -> list[tuple]:  # type: ignore[no-untyped-def]
    """Every participant, through the DB-API cursor itself (not SQLAlchemy's wrapped rows)."""
    (array,) = connection.execute(LIST_SQL).fetchone()
    to_date = date.fromisoformat
    return [
        (*row[:6], to_date(row[6]), *row[7:11], bool(row[11]), *row[12:])
        for row in json.loads(array)
    ]


def read_before_open(path: Path, cipher_key: str) -> tuple[str, list[tuple]] | None:
    """(schema revision, rows) read in one read-only transaction, before the folder is
    opened the usual way; None at the least trouble (no file yet, a wrong key, a damaged
    page, another schema): the list is then read once the folder is open, where each of
    these is met with its message."""
    if not path.is_file():
        return None
    try:
        connection = connect(path, cipher_key)
    except Exception:  # noqa: BLE001 — said properly when the folder opens
        return None
    try:
        connection.execute("PRAGMA query_only = ON")
        connection.execute("BEGIN")
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return revision, rows_from(connection)
    except Exception:  # noqa: BLE001 — idem
        return None
    finally:
        connection.close()
