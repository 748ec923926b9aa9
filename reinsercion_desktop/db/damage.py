"""A damaged database said in Spanish, with the way back: the newest backup in `copias/`.

Kept free of SQLAlchemy and SQLCipher so the gate can use it before anything heavy loads.
"""

from datetime import datetime
from pathlib import Path

from reinsercion_desktop.domain.errors import UserError

BACKUPS_DIR_NAME = "copias"  # paths.DataPaths.backups (a test keeps the two equal)
# Files in copias/ that are not copies of their own: a copy's companions and pieces of
# one being written (hidden names are skipped too).
NOT_COPIES = (".ancla", ".part", ".cifrado-nuevo", ".sin-cifrar", "-wal", "-shm", "-journal")
# SQLite's words for a page it cannot read (a flipped byte fails SQLCipher's HMAC).
DAMAGE_MESSAGES = ("file is not a database", "database disk image is malformed")


class DamagedDatabaseError(UserError):
    """A page of the database cannot be read: restore the last good backup."""


def newest_backup(backups_dir: Path) -> Path | None:
    """The most recently written copy in the folder (by modification time), if any."""
    try:
        copies = [
            path
            for path in backups_dir.iterdir()
            if not path.name.startswith(".") and not path.name.endswith(NOT_COPIES)
        ]
    except OSError:
        return None
    dated = []
    for path in copies:
        try:
            dated.append((path.stat().st_mtime, path.name, path))
        except OSError:
            continue
    return max(dated)[2] if dated else None


def restore_advice(backups_dir: Path) -> str:
    advice = (
        "Restaure la última copia buena: Administración → Copias de seguridad, o "
        "reinsercion backup restore"
    )
    newest = newest_backup(backups_dir)
    if newest is None:
        return (
            f"{advice} RUTA-DE-LA-COPIA (en {backups_dir} no hay ninguna: use la de su "
            "memoria USB o pida ayuda)."
        )
    written = datetime.fromtimestamp(newest.stat().st_mtime)
    return f"{advice} {newest} (la más reciente, del {written:%d/%m/%Y} a las {written:%H:%M})."


def damaged_message(database: Path) -> str:
    return (
        f"La base de datos {database.name} de {database.parent} está dañada (una parte no se "
        "puede leer); no se ha cambiado nada. " + restore_advice(database.parent / BACKUPS_DIR_NAME)
    )


def is_damage(error: BaseException) -> bool:
    return any(words in str(error) for words in DAMAGE_MESSAGES)
