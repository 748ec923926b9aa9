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
    staging = root / f"{STAGING_PREFIX}{secrets.token_hex(4)}"
    try:
        _extract(path, staging / NEW)
    except BaseException as error:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(error, OSError):
            raise BackupError(
                f"No se pudo preparar la restauración: {describe_os_error(error)}. No se ha "
                "cambiado nada; libere espacio y vuelva a intentarlo."
            ) from error
        raise
    workspace.close()
    _write_marker(root, staging, "swap")
    _swap(root, staging)
    _write_marker(root, staging, "swapped")
    _record(root, keys, clock, actor, contents)
    _tidy(root, staging)
    return RestoreResult(contents, safety)


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


def _record(root: Path, keys: Any, clock: Any, actor: Actor, contents: BackupContents) -> None:
    from reinsercion_desktop.services.workspace import Workspace

    restored = Workspace.open(root, keys, clock)
    try:
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
