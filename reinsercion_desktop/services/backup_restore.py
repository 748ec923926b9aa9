"""Restoring a copy (restaurar una copia de seguridad), so that an interruption at any
moment (a kill, a power cut) is finished or rolled back at the next open.

1. The copy is verified through and through (`verify_copy`): a copy of another
   installation (another data key) is refused there.
2. The current state is saved as a verified `antes-de-restaurar` copy.
3. The copy is extracted into `<root>/.restaurando-<id>/nuevo/` (each member's SHA-256
   checked again as it is written, every file flushed). Killed here: the next open
   deletes the half-extracted folder; nothing live was touched.
4. The marker `<root>/.restaurando.json` is written (step "swap"), then each live item
   (`-wal`/`-shm` first, then the database, the key file, `documentos/`) is renamed
   into `.restaurando-<id>/anterior/` and the restored one renamed into its place.
   Killed here: the next open finishes the swap (each move is one rename, and done
   ones are skipped), never mixing a restored database with the old `-wal`.
5. Marker step "swapped"; the restored folder is opened by the normal start-up path
   (an older schema is migrated there, after its own verified copy) and an audit entry
   says which copy was restored and by whom; then the old state and the marker go.
"""

import contextlib
import hashlib
import json
import logging
import os
import secrets
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.enums import AuditAction
from reinsercion_desktop.domain.errors import describe_os_error
from reinsercion_desktop.services.backup_files import (
    BLOCK,
    DATABASE,
    DOCUMENTS,
    KEYS,
    BackupError,
    CopySource,
    Progress,
    _no_progress,
    read_manifest,
    verify_copy,
    write_copy,
)
from reinsercion_desktop.services.backup_views import BackupContents, BackupKind

if TYPE_CHECKING:
    from reinsercion_desktop.services.workspace import Workspace

log = logging.getLogger(__name__)

MARKER = ".restaurando.json"
STAGING_PREFIX = ".restaurando-"
NEW, OLD = "nuevo", "anterior"
# The order of the swap: the old database's -wal/-shm go aside before anything else.
ITEMS = ("reinsercion.sqlite-wal", "reinsercion.sqlite-shm", DATABASE, KEYS, "documentos")


@dataclass(frozen=True)
class RestoreResult:
    contents: BackupContents
    safety_copy: Path  # the state before the restore


def restore_copy(
    workspace: "Workspace", actor: Actor, path: Path, progress: Progress
) -> RestoreResult:
    """Steps 1–5 above. The workspace is closed on the way (its database replaced): the
    caller opens the folder again (the window asks to reopen, the command ends)."""
    paths, keys, clock = workspace.paths, workspace.keys, workspace.clock
    root = paths.root
    contents = verify_copy(root, keys, path, progress)
    safety = write_copy(CopySource(paths, keys, clock), BackupKind.BEFORE_RESTORE)
    staging = _staged(root, path)
    workspace.close()
    _put_in_place(root, staging)
    _record(root, keys, clock, lambda _workspace: actor, contents)
    _tidy(root, staging)
    return RestoreResult(contents, safety)


def _staged(root: Path, copy: Path) -> Path:
    """Step 3: the copy extracted beside the live folder; nothing live touched, and
    nothing left behind if it fails."""
    staging = root / f"{STAGING_PREFIX}{secrets.token_hex(4)}"
    try:
        _extract(copy, staging / NEW)
    except BaseException as error:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(error, OSError):
            raise BackupError(
                f"No se pudo preparar la restauración: {describe_os_error(error)}. No se ha "
                "cambiado nada; libere espacio y vuelva a intentarlo."
            ) from error
        raise
    return staging


def _put_in_place(root: Path, staging: Path) -> None:
    """Step 4, under the marker that lets the next open finish it."""
    _write_marker(root, staging, "swap")
    _swap(root, staging)
    _write_marker(root, staging, "swapped")


def _extract(copy: Path, target: Path) -> None:
    target.mkdir(parents=True)
    with zipfile.ZipFile(copy) as archive:
        manifest = read_manifest(archive)
        for name, entry in manifest["members"].items():
            if name not in (DATABASE, KEYS) and not name.startswith(DOCUMENTS):
                continue  # the manifest and the anchor stay in the copy
            out = target / name
            out.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            with archive.open(name) as member, out.open("wb") as handle:
                while block := member.read(BLOCK):
                    digest.update(block)
                    handle.write(block)
                handle.flush()
                os.fsync(handle.fileno())
            if digest.hexdigest() != entry.get("sha256"):
                raise BackupError(f"El archivo {name} de la copia ha cambiado: no se restaura.")
    (target / "documentos").mkdir(exist_ok=True)
    if json.loads((target / KEYS).read_text(encoding="utf-8")) == {}:
        (target / KEYS).unlink()  # a copy made before the folder had one: keep the live one


def _write_marker(root: Path, staging: Path, step: str) -> None:
    temporary = root / f"{MARKER}.{secrets.token_hex(4)}.tmp"
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump({"staging": staging.name, "step": step}, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, root / MARKER)


def _swap(root: Path, staging: Path) -> None:
    """Idempotent: run again after an interruption, it does only what is left."""
    new, old = staging / NEW, staging / OLD
    old.mkdir(exist_ok=True)
    database_swapped = not (new / DATABASE).exists()
    for item in ITEMS:
        live, incoming, aside = root / item, new / item, old / item
        if item.endswith(("-wal", "-shm")):
            if not database_swapped and live.exists():
                os.replace(live, aside)  # the old database's journal, never the new one's
            continue
        if incoming.exists():
            if live.exists():
                os.replace(live, aside)
            os.replace(incoming, live)


def _record(
    root: Path, keys: Any, clock: Any, who: Callable[[Any], Actor], contents: BackupContents
) -> None:
    """Step 5: the restored folder opened once, the audit line written by `who(workspace)`
    (the actor who restored; on a new PC, the copy's user logging in)."""
    from reinsercion_desktop.services.workspace import Workspace

    restored = Workspace.open(root, keys, clock)
    try:
        actor = who(restored)
        with restored.db.unit_of_work(actor, reason="Restauración de una copia") as work:
            work.record_event(
                AuditAction.RESTORE,
                "backup",
                changes={"copia": contents.path.name, "hecha": contents.created},
            )
    finally:
        restored.close()


def _tidy(root: Path, staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
    with contextlib.suppress(OSError):
        (root / MARKER).unlink()


def finish_interrupted_restore(root: Path) -> None:
    """At the next open after a restore was cut short: finish the swap if it had begun,
    else drop what was extracted. Leaves the folder either as before or as restored."""
    marker = root / MARKER
    step, staging_name = "", ""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        content = json.loads(marker.read_text(encoding="utf-8"))
        step, staging_name = str(content.get("step", "")), str(content.get("staging", ""))
    staging = root / staging_name if staging_name.startswith(STAGING_PREFIX) else None
    if staging is not None and staging.is_dir() and step == "swap":
        log.warning("a restore was interrupted during the swap: finishing it")
        _swap(root, staging)
    elif step == "swapped":
        log.warning("a restore was interrupted after the swap: its audit entry may be missing")
    for leftover in root.glob(f"{STAGING_PREFIX}*"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
    with contextlib.suppress(OSError):
        marker.unlink()


def needs_finishing(root: Path) -> bool:
    return (root / MARKER).exists() or any(root.glob(f"{STAGING_PREFIX}*"))


def restore_into_new_folder(  # noqa: PLR0913 (each is needed and they are different)
    root: Path,
    path: Path,
    login: str,
    password: str,
    clock: Any,
    progress: Progress = _no_progress,
) -> BackupContents:
    """A copy restored on a new PC (the old one broke; the copy is on a USB stick): into a
    data folder with no installation yet, opened with a login and password of the copy's
    own users. The copy is verified first, then steps 3–5 above (nothing live to put
    aside), with an audit entry in the restored log saying who restored which copy.

    Any active user of the copy may do it: nothing is replaced, and their password
    already opens everything the copy holds."""
    from reinsercion_desktop.paths import DataPaths
    from reinsercion_desktop.security.keyfile import KeyFile, WrongCredentials, normal_login
    from reinsercion_desktop.services.accounts import logged_in
    from reinsercion_desktop.services.gate import FolderState, folder_state

    if folder_state(root) is not FolderState.NEW:
        raise BackupError(
            "La carpeta de datos ya tiene una instalación: restaure la copia desde "
            "Administración → Copias de seguridad, o elija una carpeta vacía."
        )
    DataPaths(root).ensure()  # the scratch folder the check decrypts into
    try:
        with zipfile.ZipFile(path) as archive:
            content = json.loads(archive.read(KEYS))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise BackupError(
            f"{path.name} no es una copia de Reinserción Desktop que se pueda leer."
        ) from error
    if not isinstance(content, dict) or "users" not in content:
        raise BackupError(f"La copia {path.name} no trae su archivo de claves: no se puede abrir.")
    try:
        keys = KeyFile(KeyFile.path_in(root), content).unlock(normal_login(login), password)
    except WrongCredentials:
        raise BackupError(
            "Usuario o contraseña incorrectos: use los de la instalación de la que se hizo "
            "la copia."
        ) from None
    contents = verify_copy(root, keys, path, progress)
    staging = _staged(root, path)
    _put_in_place(root, staging)
    _record(root, keys, clock, lambda restored: logged_in(restored.db, login), contents)
    _tidy(root, staging)
    return contents
