"""Schema migrations at start-up: verified backup first, foreign keys off, check after.

Traps handled (TECH-NOTES): a batch rebuild with foreign keys on can cascade-delete
child rows, so migrations run with them off and `foreign_key_check` runs after; DDL
runs inside one transaction so a failed migration leaves the old schema intact.
"""

import json
from collections.abc import Callable
from contextlib import closing
from datetime import datetime
from pathlib import Path

from reinsercion_desktop.db.backup_copy import copy_matches, table_counts
from reinsercion_desktop.db.damage import DamagedDatabaseError, damaged_message, is_damage
from reinsercion_desktop.db.engine import connect, make_engine
from reinsercion_desktop.domain.errors import UserError, describe_os_error

# The newest revision this code knows; a test keeps it equal to Alembic's head,
# so start-up can tell "nothing to do" without importing Alembic's machinery.
HEAD_REVISION = "0013"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# The key file beside the database (security.keyfile.KEY_FILE_NAME: db may not import it;
# a test keeps the two equal) and the audit anchor copied beside each backup.
KEY_FILE_NAME = "reinsercion.claves"
ANCHOR_SUFFIX = ".ancla"


class MigrationError(UserError):
    pass


def alembic_config():  # type: ignore[no-untyped-def]
    # Alembic is imported only when a migration is due: it costs ~0.15 s of start-up.
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def script_head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(path: Path, cipher_key: str) -> str | None:
    """The schema revision stamped in a database file (None: empty or not ours)."""
    import sqlcipher3

    if not path.exists():
        return None
    try:
        with closing(connect(path, cipher_key)) as connection:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlcipher3.OperationalError:
        return None  # no version table: an empty file, or not ours
    except sqlcipher3.DatabaseError as error:
        if is_damage(error):
            raise DamagedDatabaseError(damaged_message(path)) from error
        raise MigrationError(
            f"El archivo {path} no es una base de datos de Reinserción Desktop o está dañado; "
            "no se ha modificado. Restaure una copia de seguridad o elija otra carpeta de datos."
        ) from error
    return row[0] if row else None


def refuse_unversioned(path: Path, cipher_key: str) -> None:
    """Tables but no schema version: nobody can tell which migrations it needs (they
    would fail half-way on tables already there, after a backup)."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with closing(connect(path, cipher_key)) as connection:
        tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if tables:
        raise MigrationError(_unversioned(path))


def _unversioned(path: Path) -> str:
    return (
        f"La base de datos {path} tiene tablas pero no dice su versión del esquema (le falta "
        "alembic_version): no se puede actualizar sin riesgo y no se ha tocado. Restaure una "
        "copia de seguridad o pida ayuda a quien le da soporte."
    )


def known_revisions() -> set[str]:
    """The revisions this version can migrate from: one file per revision in versions/,
    named after it (a test keeps the names equal to Alembic's revisions)."""
    return {path.name.split("_", 1)[0] for path in (MIGRATIONS_DIR / "versions").glob("*.py")}


def refuse_newer(path: Path, revision: str | None) -> None:
    """A database written by a newer version of the program: refused before anything
    (no backup: one was made on every start, in a loop)."""
    if revision is not None and revision not in known_revisions():
        raise MigrationError(
            f"La base de datos {path} la escribió una versión más nueva del programa (esquema "
            f"{revision}; esta versión llega hasta el {HEAD_REVISION}) y no se ha tocado. "
            "Instale la versión más reciente de Reinserción Desktop para abrirla."
        )


def backup_database(path: Path, backups_dir: Path, label: str, cipher_key: str) -> Path:
    """Copy the file with SQLite's online backup (encrypted with the same key) and prove
    the copy is sound."""
    import sqlcipher3

    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backups_dir / f"{path.stem}-{stamp}-{label}.sqlite"
    try:
        with (
            closing(connect(path, cipher_key)) as source,
            closing(connect(target, cipher_key)) as copy,
        ):
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # the backup is one self-contained file
            sound = copy_matches(copy, table_counts(source))
    except sqlcipher3.DatabaseError as error:
        target.unlink(missing_ok=True)
        raise MigrationError(
            f"No se pudo copiar la base de datos antes de actualizarla ({error}); no se ha "
            "tocado. Revise el disco y vuelva a intentarlo."
        ) from error
    except OSError as error:
        raise MigrationError(
            f"No se pudo hacer la copia de seguridad en {backups_dir}: {describe_os_error(error)}. "
            "Libere espacio en el disco o elija otra carpeta de datos."
        ) from error
    if not sound:
        target.unlink(missing_ok=True)
        raise MigrationError(
            "La copia de seguridad previa a la actualización no es correcta; "
            "no se ha tocado la base de datos. Revise el disco y vuelva a intentarlo."
        )
    _copy_anchor(path, target)
    return target


def _copy_anchor(database: Path, target: Path) -> None:
    """The signed head of the audit log (and the public key that signs it) beside the
    backup, in `<backup>.ancla`: a witness, outside the live database and key file, of how
    far the log went when the copy was made (`reinsercion check` compares the live log
    with it). Only the anchor: the key file's wrapped keys stay where they are."""
    try:
        content = json.loads((database.parent / KEY_FILE_NAME).read_text(encoding="utf-8"))
        anchor, public = content.get("anchor"), (content.get("signing") or {}).get("public")
    except (OSError, ValueError, AttributeError):
        return  # a folder being converted or set up: nothing anchored yet
    if not anchor:
        return
    witness = {"format": 1, "database": target.name, "public": public, "anchor": anchor}
    try:
        target.with_suffix(ANCHOR_SUFFIX).write_text(
            json.dumps(witness, indent=1, sort_keys=True), encoding="utf-8"
        )
    except OSError as error:
        raise MigrationError(
            f"No se pudo guardar el ancla junto a la copia de seguridad {target.name}: "
            f"{describe_os_error(error)}. Libere espacio en el disco y vuelva a intentarlo."
        ) from error


def upgrade_to_head(
    path: Path,
    backups_dir: Path,
    *,
    cipher_key: str,
    target: str = "head",
    make_backup: Callable[[], Path] | None = None,
) -> Path | None:
    """Bring the file to the newest schema; returns the backup made (None if new or current).

    `make_backup`: the workspace's verified copy of the whole folder (a `.rdcopia`,
    services/backup_files.py; it raises, and nothing is migrated, if the copy fails its
    checks); without it (a bare file), `backup_database`'s copy of the file alone."""
    revision = current_revision(path, cipher_key)
    if revision == HEAD_REVISION and target == "head":
        return None
    refuse_newer(path, revision)
    if revision is None:
        refuse_unversioned(path, cipher_key)
    backup = None
    if path.exists() and path.stat().st_size > 0:
        if make_backup is not None:
            backup = make_backup()
        else:
            backup = backup_database(path, backups_dir, f"antes-de-{target}", cipher_key)
    from alembic import command

    engine = make_engine(path, cipher_key=cipher_key, foreign_keys=False)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, target)
        with engine.connect() as connection:
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    finally:
        engine.dispose()
    if broken:
        raise MigrationError(
            f"La actualización dejó {len(broken)} referencias rotas; la copia de seguridad "
            f"está en {backup}. No siga trabajando y avise al soporte."
        )
    return backup
