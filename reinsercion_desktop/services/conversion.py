"""A plain installation (written before the data were encrypted) converted at the first
login of the new version.

The person logs in with the password they had (checked against the hashes the plain
database keeps). Then a new data key is made; the database is exported to an encrypted
file beside it and verified (integrity and the rows of every table); the key file is
written with a wrap for every active user (from the password hashes already stored:
everybody keeps their password) and a new recovery key, to print; the plain file is set
aside, the encrypted one takes its name, and the plain one is overwritten and deleted.
Plain backups in `copias/` are encrypted the same way, and so are the attachments in
`documentos/` (`encrypt_attachments`). A crash at any step leaves either the plain folder
as it was, or the finished files that the next start completes (the attachments: at the
next opening of the folder, while `documentos/.cifrado-pendiente` says they are not done).
"""

import contextlib
import logging
import os
from pathlib import Path

from reinsercion_desktop.db.migrate import backup_database
from reinsercion_desktop.db.plain import (
    ConversionError,
    encrypt_copy,
    installation_and_users,
    is_plain,
    plain_password_hash,
)
from reinsercion_desktop.domain.clock import Clock
from reinsercion_desktop.domain.errors import describe_os_error
from reinsercion_desktop.paths import DataPaths
from reinsercion_desktop.security.files import (
    PARTIAL_SUFFIX,
    encrypt_file,
    is_encrypted,
    wipe_file,
)
from reinsercion_desktop.security.keyfile import KeyFile, WrongCredentials, normal_login
from reinsercion_desktop.security.keys import DataKeys
from reinsercion_desktop.security.passwords import verify_password

log = logging.getLogger(__name__)

NEW_SUFFIX = ".cifrado-nuevo"  # the encrypted copy until it takes the database's name
OLD_SUFFIX = ".sin-cifrar"  # the plain file set aside until it is wiped
ATTACHMENTS_PENDING = ".cifrado-pendiente"  # in documentos/: files still to encrypt


def wipe(path: Path) -> None:
    """Overwrite a file with zeros, flush it, and delete it (with its -wal and -shm)."""
    for part in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        if not part.exists():
            continue
        size = part.stat().st_size
        with part.open("r+b") as handle:
            handle.write(b"\0" * size)
            handle.flush()
            os.fsync(handle.fileno())
        part.unlink()


def finish_interrupted(root: Path) -> None:
    """A conversion cut short after the key file was written: put the files in place."""
    database = DataPaths(root).database
    new = database.with_name(database.name + NEW_SUFFIX)
    old = database.with_name(database.name + OLD_SUFFIX)
    if not KeyFile.exists_in(root) or not new.exists():
        return
    if database.exists() and not old.exists():
        database.rename(old)
    elif database.exists():
        wipe(database)
    new.rename(database)
    wipe(old)
    log.info("an interrupted conversion was completed")


def convert_at_login(root: Path, login: str, password: str, clock: Clock):  # type: ignore[no-untyped-def]
    """Check the password on the plain database, encrypt the folder, open it; returns the
    workspace and the new recovery code (to print)."""
    from reinsercion_desktop.services.workspace import Workspace

    paths = DataPaths(root)
    database = paths.database
    stored = plain_password_hash(database, normal_login(login))
    if stored is None or not verify_password(stored, password):
        raise WrongCredentials()
    keys = DataKeys.generate()
    new = database.with_name(database.name + NEW_SUFFIX)
    pending = paths.attachments / ATTACHMENTS_PENDING
    try:
        # Before the key file exists: from then on the files' key is known, and a crash
        # leaves this mark for the next opening to finish the attachments.
        pending.touch()
        encrypt_copy(database, new, keys.sqlcipher)
        # The converted data, kept also as a backup (encrypted like everything else).
        backup_database(new, paths.backups, "al-cifrar", keys.sqlcipher)
        _write_key_file(new, root, keys)
        database.rename(database.with_name(database.name + OLD_SUFFIX))
        finish_interrupted(root)
        for backup in sorted(paths.backups.glob("*.sqlite")):
            _encrypt_in_place(backup, keys)
        encrypt_attachments(paths.attachments, keys.files)
        pending.unlink()
    except OSError as error:
        raise ConversionError(
            f"No se pudo cifrar la carpeta de datos: {describe_os_error(error)}. Libere espacio "
            "o compruebe los permisos y vuelva a intentarlo."
        ) from error
    workspace = Workspace.open(root, keys, clock)
    return workspace, KeyFile.load(root).pending_recovery(keys)


def _write_key_file(encrypted: Path, root: Path, keys: DataKeys) -> None:
    """Wraps for every active user of the (encrypted) copy, and a new recovery key."""
    (name, code), users = installation_and_users(encrypted, keys.sqlcipher)
    key_file = KeyFile.create(root, name=name, code=code)
    for user_login, password_hash in users:
        key_file.add_user(keys, user_login, password_hash)
    key_file.new_recovery(keys)
    key_file.save()


def _encrypt_in_place(path: Path, keys: DataKeys) -> None:
    if not is_plain(path):
        return  # already encrypted
    temporary = path.with_name(path.name + NEW_SUFFIX)
    try:
        encrypt_copy(path, temporary, keys.sqlcipher)
    except ConversionError:
        log.warning("a plain backup could not be encrypted and was removed: %s", path.name)
        with contextlib.suppress(OSError):
            temporary.unlink()
        wipe(path)
        return
    aside = path.with_name(path.name + OLD_SUFFIX)
    path.rename(aside)
    temporary.rename(path)
    wipe(aside)


def finish_attachments(paths: DataPaths, keys: DataKeys) -> None:
    """At each opening: a conversion cut short before every attachment was encrypted is
    completed (one `stat` when there is nothing to do). A failure is logged and retried
    at the next opening; it never keeps the folder from opening."""
    pending = paths.attachments / ATTACHMENTS_PENDING
    if not pending.exists():
        return
    try:
        count = encrypt_attachments(paths.attachments, keys.files)
        pending.unlink()
    except OSError as error:
        log.warning("attachments still to encrypt: %s", describe_os_error(error))
        return
    log.info("an interrupted conversion encrypted %d more attachments", count)


def encrypt_attachments(folder: Path, key: bytes) -> int:
    """Encrypt every plain file under `documentos/` in place; returns how many.

    Each one atomically: an encrypted copy beside it (flushed to disk), the plain one
    renamed aside, the copy takes its name, the plain one is overwritten and deleted. Run
    again after a crash, it first puts the pieces of a file cut short back in order."""
    files = [p for p in folder.rglob("*") if p.is_file() and p.name != ATTACHMENTS_PENDING]
    for path in files:  # what a crash left half done
        if path.name.endswith(NEW_SUFFIX):
            original = path.with_name(path.name.removesuffix(NEW_SUFFIX))
            if original.exists():
                path.unlink()  # maybe incomplete; encrypted anyway: made again below
            else:  # complete (flushed before the plain one was set aside)
                path.rename(original)
        elif path.name.endswith(PARTIAL_SUFFIX):
            wipe_file(path)  # an unfinished copy (of a scan being added, or encrypted)
    count = 0
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.name.endswith(OLD_SUFFIX):
            original = path.with_name(path.name.removesuffix(OLD_SUFFIX))
            if original.exists():
                wipe_file(path)  # its encrypted copy took its place
            else:
                path.rename(original)
                count += _encrypt_attachment(original, key)
        elif path.name != ATTACHMENTS_PENDING and not path.name.endswith(
            (NEW_SUFFIX, PARTIAL_SUFFIX)
        ):
            count += _encrypt_attachment(path, key)
    return count


def _encrypt_attachment(path: Path, key: bytes) -> int:
    if is_encrypted(path):
        return 0
    new = path.with_name(path.name + NEW_SUFFIX)
    aside = path.with_name(path.name + OLD_SUFFIX)
    encrypt_file(key, path, new)
    path.rename(aside)
    new.rename(path)
    wipe_file(aside)
    return 1
