"""The way into a data folder: what it is before anything opens, and the login that
unwraps its data key, opens the encrypted database and issues the actor.

A folder is new (nothing there yet), locked (a key file and an encrypted database), or
plain (a database written by a version before encryption, converted at the first login:
`services/conversion.py`). The login dialog is painted from what `Gate` reads here (the
key file alone: the centre's name, whether it is the demo); the database and the ORM
load only once a password has unwrapped the key.
"""

import enum
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reinsercion_desktop.db.damage import restore_advice
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.clock import Clock
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.paths import DataPaths
from reinsercion_desktop.security.files import purge_scratch
from reinsercion_desktop.security.instance_lock import FolderNotWritable, not_writable_message
from reinsercion_desktop.security.keyfile import KeyFile, WrongCredentials, normal_login
from reinsercion_desktop.security.keys import DataKeys
from reinsercion_desktop.security.throttle import Throttle

SQLITE_HEADER = b"SQLite format 3\x00"


class FolderState(enum.Enum):
    NEW = "new"
    LOCKED = "locked"
    PLAIN = "plain"


class FolderError(UserError):
    pass


@dataclass
class Opened:
    """A folder opened by a login: its workspace and who logged in."""

    workspace: "object"  # services.workspace.Workspace (imported late: it loads the ORM)
    actor: Actor
    recovery_code: str | None = None  # a new recovery code to print (after a conversion)


def folder_state(root: Path) -> FolderState:
    paths = DataPaths(root)
    database, key_file = paths.database, KeyFile.path_in(root)
    if key_file.exists() and database.with_name(database.name + ".cifrado-nuevo").exists():
        from reinsercion_desktop.services.conversion import finish_interrupted

        finish_interrupted(root)
    if any(root.glob(".restaurando*")):  # a restore cut short (services/backup_restore.py)
        from reinsercion_desktop.services.backup_restore import finish_interrupted_restore

        finish_interrupted_restore(root)
    if database.exists() and paths.unfinished_demo.exists() and not key_file.exists():
        # demo/unfinished.py: what a demo cut short wrote; its key died with the process
        raise FolderError(
            f"Los datos de demostración de {root} no llegaron a crearse del todo (se "
            "interrumpió «reinsercion demo»): vuelva a ejecutarlo en la misma carpeta, o elija "
            "otra carpeta con --data-dir."
        )
    if database.exists() and database.stat().st_size == 0:
        raise FolderError(
            f"La base de datos {database.name} de {root} está vacía (0 bytes): se perdió su "
            "contenido y no se ha tocado. "
            + restore_advice(paths.backups)
            + " Si era una instalación nueva que no llegó a crearse, borre ese archivo."
        )
    if key_file.exists():
        if not database.exists():
            raise FolderError(
                f"La carpeta de datos {root} tiene el archivo de claves pero no la base de "
                "datos. " + restore_advice(paths.backups)
            )
        if _is_plain_sqlite(database):  # the conversion is finished: not this installation's
            raise FolderError(_not_ours(root))
        return FolderState.LOCKED
    if not database.exists():
        return FolderState.NEW
    if _is_plain_sqlite(database):
        from reinsercion_desktop.db.plain import plain_problem

        problem = plain_problem(database)
        if problem == "foreign":
            raise FolderError(_not_ours(root))
        if problem == "unversioned":
            raise FolderError(
                f"La base de datos sin cifrar de {root} tiene las tablas de Reinserción Desktop "
                "pero no dice su versión del esquema: no se puede convertir sin riesgo y no se "
                "ha tocado. Restaure una copia de seguridad o pida ayuda a quien le da soporte."
            )
        if problem == "newer":
            raise FolderError(
                f"La base de datos sin cifrar de {root} la escribió una versión más nueva del "
                "programa y no se ha tocado. Instale la versión más reciente de Reinserción "
                "Desktop para abrirla."
            )
        if problem == "damaged":
            raise FolderError(
                f"La base de datos sin cifrar de {root} está dañada y no se ha tocado. "
                + restore_advice(paths.backups)
            )
        return FolderState.PLAIN
    raise FolderError(
        f"El archivo de datos de {root} está dañado, no es de Reinserción Desktop o le falta "
        f"su archivo de claves ({KeyFile.path_in(root).name}); no se ha tocado. Restaure la "
        "carpeta desde una copia de seguridad o elija otra con --data-dir."
    )


def _is_plain_sqlite(database: Path) -> bool:
    with database.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def _not_ours(root: Path) -> str:
    return (
        f"El archivo reinsercion.sqlite de {root} no es una base de datos de Reinserción "
        "Desktop (es de otro programa) y no se ha tocado. Elija la carpeta de datos correcta "
        "con --data-dir, o saque ese archivo de la carpeta."
    )


def check_writable(root: Path) -> None:
    """A folder or data file that cannot be written, said before anything is made: SQLite
    would open it read-only and fail at the first save, half-way."""
    paths = DataPaths(root)
    for path in (root, paths.database, KeyFile.path_in(root)):
        if path.exists() and not os.access(path, os.W_OK):
            target = root if path == root else f"{path.name} de {root}"
            raise FolderNotWritable(
                f"No se puede escribir en {'la carpeta de datos ' if path == root else ''}"
                f"{target} (es de solo lectura); no se ha cambiado nada. Pida permiso de "
                "escritura (o quite «solo lectura») y vuelva a abrirla."
            )


class Gate:
    """Before anything opens: the folder's state and the login dialog's texts; then the
    login itself."""

    def __init__(self, root: Path, clock: Clock | None = None):
        self.root = root
        self.clock = clock or Clock()
        check_writable(root)
        try:
            DataPaths(root).ensure()  # a file where the folder should be is said here, in Spanish
            purge_scratch(root)  # documents a crashed session had decrypted for a viewer
        except PermissionError as error:
            raise FolderNotWritable(not_writable_message(root, error)) from error
        self.state = folder_state(root)
        self._key_file = KeyFile.load(root) if self.state is FolderState.LOCKED else None

    @property
    def key_file(self) -> KeyFile:
        assert self._key_file is not None, "only a locked folder has a key file"
        return self._key_file

    def centre_name(self) -> str:
        if self._key_file is not None:
            return self._key_file.centre_name
        if self.state is FolderState.PLAIN:
            from reinsercion_desktop.db.plain import plain_centre_name

            return plain_centre_name(DataPaths(self.root).database)
        return ""

    def is_demo(self) -> bool:
        return self._key_file is not None and self._key_file.is_demo

    # -- logging in ----------------------------------------------------------------------

    def login(
        self,
        login: str,
        password: str,
        *,
        before_open: Callable[[DataKeys], object] | None = None,
    ) -> Opened:
        """Open the folder as this user: unwrap the data key, open the database, issue the
        actor. A wrong password, an unknown or inactive user: the same refusal.

        `before_open`: called with the unwrapped keys before the database opens (the
        window waits there for the ORM its background thread is loading, and reads the
        list of files meanwhile: services/early_list.py)."""
        login = normal_login(login)
        if self.state is FolderState.NEW:
            raise FolderError(
                "Esta carpeta de datos aún no tiene instalación: configúrela primero."
            )
        if self.state is FolderState.PLAIN:
            from reinsercion_desktop.services.conversion import convert_at_login

            workspace, code = convert_at_login(self.root, login, password, self.clock)
            self.state = FolderState.LOCKED
            self._key_file = KeyFile.load(self.root)
            return Opened(workspace, self._actor(workspace, login), code)
        throttle = Throttle(self.key_file, self.clock)
        throttle.check(login)  # locked or waiting: refused before any work
        try:
            keys = self.key_file.unlock(login, password)
        except WrongCredentials:
            throttle.failed(login)
            self.key_file.save()
            raise
        refused = throttle.succeeded(login)
        self.key_file.save()
        if before_open is not None:
            before_open(keys)
        workspace = self.open_with(keys)
        actor = self._actor(workspace, login)
        if refused:  # the attempts refused while the data were closed, now in the audit log
            from reinsercion_desktop.services.accounts import record_refused_logins

            record_refused_logins(workspace.db, refused)  # type: ignore[attr-defined]
        return Opened(workspace, actor)

    def reset_with_recovery(self, code: str, login: str, password: str, repeated: str) -> Opened:
        """Every password lost: the recovery key opens the data, and this user (an active
        account) gets a new password, which wraps the key again and lifts any lock."""
        from reinsercion_desktop.services.registry import build_services

        workspace = self.recover(code)
        try:
            actor = self._actor(workspace, login)
            accounts = build_services(workspace).accounts  # type: ignore[arg-type]
            accounts.change_password(actor, actor.user_id, password, repeated)
        except BaseException:
            workspace.close()  # type: ignore[attr-defined]
            raise
        key_file = KeyFile.load(self.root)
        Throttle(key_file, self.clock).unlock(login)
        key_file.save()
        self._key_file = key_file
        return Opened(workspace, actor)

    def recover(self, code: str) -> "object":
        """The workspace opened with the printed recovery key (every password lost)."""
        return self.open_with(self.key_file.unlock_with_recovery(code))

    def open_with(self, keys: DataKeys):  # type: ignore[no-untyped-def]
        from reinsercion_desktop.db.engine import WrongKeyError
        from reinsercion_desktop.services.workspace import Workspace

        try:
            return Workspace.open(self.root, keys, self.clock)
        except WrongKeyError as error:  # another installation's key file, or page 1 damaged
            raise WrongKeyError(
                f"{error} {restore_advice(DataPaths(self.root).backups)}"
            ) from error

    @staticmethod
    def _actor(workspace, login: str) -> Actor:  # type: ignore[no-untyped-def]
        from reinsercion_desktop.services.accounts import logged_in

        try:
            return logged_in(workspace.db, login)
        except WrongCredentials:
            workspace.close()
            raise
