"""A plain SQLite file (written before the data were encrypted): read what the login
needs from it, and export it to an encrypted, verified copy (SQLCipher's
`sqlcipher_export`)."""

import sqlite3
from contextlib import closing
from pathlib import Path

from reinsercion_desktop.db.backup_copy import copy_matches, table_counts
from reinsercion_desktop.db.engine import connect
from reinsercion_desktop.db.migrate import known_revisions
from reinsercion_desktop.domain.errors import UserError

SQLITE_HEADER = b"SQLite format 3\x00"


class ConversionError(UserError):
    pass


def is_plain(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def _plain(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


# Tables every version of Reinserción Desktop has had (another program's file has not).
OUR_TABLES = {"installation", "user_account"}


def plain_problem(path: Path) -> str | None:
    """Why a plain SQLite file cannot be converted: "foreign" (another program's),
    "unversioned" (our tables, no schema version), "newer" (a schema this version does not
    know), "damaged"; None if it can."""
    try:
        with closing(_plain(path)) as connection:
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not tables >= OUR_TABLES:
                return "foreign"
            if "alembic_version" not in tables:
                return "unversioned"
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            if row is None:
                return "unversioned"
            if row[0] not in known_revisions():  # converted first, it would be refused after
                return "newer"
    except sqlite3.DatabaseError:
        return "damaged"
    return None


def plain_centre_name(path: Path) -> str:
    try:
        with closing(_plain(path)) as connection:
            row = connection.execute("SELECT name FROM installation WHERE is_local = 1").fetchone()
    except sqlite3.DatabaseError:
        return ""
    return row[0] if row else ""


def plain_password_hash(path: Path, login: str) -> str | None:
    """The password hash of an active account, or None."""
    with closing(_plain(path)) as connection:
        row = connection.execute(
            "SELECT password_hash, active FROM user_account WHERE login = ?", (login,)
        ).fetchone()
    return row[0] if row and row[1] else None


def encrypt_copy(plain: Path, target: Path, cipher_key: str) -> None:
    """An encrypted, verified copy of a plain SQLite file at `target`."""
    import sqlcipher3

    target.unlink(missing_ok=True)
    try:
        with closing(sqlite3.connect(plain)) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the main file
            before = table_counts(connection)
        source = sqlcipher3.connect(str(plain))
        try:
            source.execute(f"ATTACH DATABASE ? AS encrypted KEY {cipher_key}", (str(target),))
            source.execute("SELECT sqlcipher_export('encrypted')")
            source.execute("DETACH DATABASE encrypted")
        finally:
            source.close()
        with closing(connect(target, cipher_key)) as copy:
            sound = copy_matches(copy, before)
    except (sqlite3.DatabaseError, sqlcipher3.DatabaseError) as error:
        target.unlink(missing_ok=True)
        raise ConversionError(
            "No se pudo cifrar la base de datos (está dañada o no es de Reinserción Desktop); "
            "no se ha tocado."
        ) from error
    if not sound:
        target.unlink(missing_ok=True)
        raise ConversionError(
            "No se pudo cifrar la base de datos (la copia cifrada no coincide); no se ha tocado. "
            "Revise el disco y vuelva a intentarlo."
        )


def installation_and_users(
    path: Path, cipher_key: str
) -> tuple[tuple[str, str], list[tuple[str, str]]]:
    """(name, code) of the installation and (login, password hash) of its active users."""
    with closing(connect(path, cipher_key)) as copy:
        installation = copy.execute(
            "SELECT name, code FROM installation WHERE is_local = 1"
        ).fetchone()
        users = copy.execute(
            "SELECT login, password_hash FROM user_account WHERE active = 1"
        ).fetchall()
    return (tuple(installation) if installation else ("", "")), [tuple(u) for u in users]  # type: ignore[return-value]
