"""A DB-API connection to the encrypted database with the bare driver, no SQLAlchemy:
the engine opens its connections this way, and so do the backups, the benchmark, and the
window's first read of the list of files while the ORM is still loading (db/list_rows.py).
"""

from pathlib import Path

from reinsercion_desktop.domain.errors import UserError


class WrongKeyError(UserError):
    pass


def connect(path: Path, cipher_key: str):  # type: ignore[no-untyped-def]
    """A DB-API connection to an encrypted file, its key checked."""
    import sqlcipher3

    connection = sqlcipher3.connect(str(path), check_same_thread=False)
    apply_key(connection, cipher_key)
    return connection


def apply_key(dbapi_connection, cipher_key: str) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    try:
        # SQLCipher writes its own error lines on stderr (a damaged page, a wrong key):
        # the person gets one Spanish line instead (set per process; cheap to repeat).
        cursor.execute("PRAGMA cipher_log_level = NONE")
        cursor.execute(f"PRAGMA key = {cipher_key}")
        cursor.execute("SELECT count(*) FROM sqlite_master")  # a wrong key fails here
    except Exception as error:  # sqlcipher3.DatabaseError: "file is not a database"
        raise WrongKeyError(
            "La clave no abre la base de datos de esta carpeta: el archivo de claves no es el "
            "suyo o la base de datos está dañada. Restaure una copia de seguridad."
        ) from error
    finally:
        cursor.close()
