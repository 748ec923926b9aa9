"""One backup (copia de seguridad) as ONE file a person can carry on a USB stick.

A `.rdcopia` is a zip (stored, not compressed: every member is already encrypted) of

    manifiesto.json     format, when, app version, schema, kind, counts per kind of
                        record, the SHA-256 and size of every member (no personal data)
    reinsercion.sqlite  an SQLCipher online backup with the database's own key
    reinsercion.claves  the key file (data key wrapped per user and under the recovery key)
    reinsercion.ancla   the audit anchor that matches the copied database
    documentos/…        the attachments as stored (encrypted with the files key)

It is written as `.parcial-<random>` in the target folder and gets its final name
(`copia-2026-12-07-183012-a1b2-diaria.rdcopia`) only after it was checked: the database
copy opened with the key, `PRAGMA integrity_check`, the audit chain unbroken and its
head the one the copied anchor signs; then the zip read back and every member's SHA-256
compared with the manifest. Any failure removes the partial file. `verify_copy` does
the same checks on a copy already made (the database extracted to the private scratch
folder, deleted after: it stays encrypted with the data key).
"""

import contextlib
import hashlib
import json
import os
import secrets
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from reinsercion_desktop import __version__
from reinsercion_desktop.db.backup_copy import CopyFacts, examine, online_backup
from reinsercion_desktop.db.engine import WrongKeyError
from reinsercion_desktop.domain.clock import Clock
from reinsercion_desktop.domain.errors import UserError, describe_os_error
from reinsercion_desktop.paths import DataPaths
from reinsercion_desktop.security.files import PARTIAL_SUFFIX, ScratchFolder
from reinsercion_desktop.security.keyfile import KEY_FILE_NAME
from reinsercion_desktop.security.keys import DataKeys
from reinsercion_desktop.services.audit_anchor import AnchorError, signed_anchor
from reinsercion_desktop.services.backup_views import (
    PARTIAL_PREFIX,
    SUFFIX,
    BackupContents,
    BackupKind,
)

FORMAT = 1
MANIFEST = "manifiesto.json"
DATABASE = "reinsercion.sqlite"
KEYS = KEY_FILE_NAME
ANCHOR = "reinsercion.ancla"
DOCUMENTS = "documentos/"
BLOCK = 1 << 20

# Called with (bytes done, bytes in all); raising (e.g. BackupCancelled) stops the work.
Progress = Callable[[int, int], None]


class BackupError(UserError):
    pass


class BackupCancelled(BackupError):
    def __init__(self) -> None:
        super().__init__("Copia de seguridad cancelada: no se ha guardado nada.")


@dataclass(frozen=True)
class CopySource:
    """What a copy is made of: a data folder and its keys."""

    paths: DataPaths
    keys: DataKeys
    clock: Clock


def _no_progress(_done: int, _total: int) -> None:
    return None


# -- writing -------------------------------------------------------------------------------


def pre_migration_copy(paths: DataPaths, keys: DataKeys, clock: Clock) -> Callable[[], Path]:
    """What `db/migrate.upgrade_to_head` calls before it touches the schema: a verified
    copy of the new kind (the migration does not run if it fails)."""
    return lambda: write_copy(CopySource(paths, keys, clock), BackupKind.BEFORE_MIGRATION)


def write_copy(
    source: CopySource,
    kind: BackupKind,
    folder: Path | None = None,
    progress: Progress = _no_progress,
) -> Path:
    """Write, check and name one copy of the data folder in `folder` (default `copias/`);
    its path. BackupError (in Spanish) and nothing left behind if any step fails."""
    folder = folder or source.paths.backups
    scratch = ScratchFolder(source.paths.root)
    partial = folder / f"{PARTIAL_PREFIX}{secrets.token_hex(8)}{SUFFIX}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        database, handle = scratch.new_file("copia.sqlite")
        handle.close()
        database.unlink()  # the backup makes it (0600 folder)
        facts, anchor, key_file = _snapshot(source, database)
        manifest = _manifest(source, kind, facts)
        documents = _documents(source.paths.attachments)
        total = database.stat().st_size + sum(path.stat().st_size for _name, path in documents)
        counter = _Counter(progress, total)
        with _create(partial) as raw:
            with zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
                members = manifest["members"]
                members[DATABASE] = _add_file(archive, DATABASE, database, counter)
                members[KEYS] = _add_bytes(archive, KEYS, key_file)
                members[ANCHOR] = _add_bytes(archive, ANCHOR, anchor)
                for name, path in documents:
                    members[name] = _add_file(archive, name, path, counter)
                archive.writestr(MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
            raw.flush()
            os.fsync(raw.fileno())
        _check_members(partial, _no_progress)  # what is on disk reads back as written
        final = _publish(partial, folder, source.clock, kind)
        _sync_folder(folder)
        return final
    except BackupCancelled:
        raise
    except BackupError:
        raise
    except WrongKeyError as error:
        raise BackupError(
            "La clave no abre la base de datos: no se ha hecho la copia de seguridad. "
            "Avise al soporte."
        ) from error
    except OSError as error:
        raise BackupError(
            f"No se pudo hacer la copia de seguridad en {folder}: {describe_os_error(error)}. "
            "Libere espacio o elija otro lugar y vuelva a intentarlo."
        ) from error
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()
        _drop_scratch(scratch)


def _snapshot(source: CopySource, database: Path) -> tuple[CopyFacts, bytes, bytes]:
    """The online backup, checked, with the anchor that signs its audit head. The anchor
    is read before and after the backup: a unit of work committing meanwhile moves it, and
    the copy matches one of the two."""
    root = source.paths.root
    before = _read_key_file(root)
    online_backup(source.paths.database, database, source.keys.sqlcipher)
    after = _read_key_file(root)
    facts = examine(database, source.keys.sqlcipher)
    _require_sound(facts)
    if before is None and after is None:
        after = {}  # a folder not yet encrypted or set up: no key file to carry
    for content in (after, before):
        if content is not None and _anchor_matches(content, facts):
            key_file = content
            break
    else:
        raise BackupError(
            "El registro de auditoría de la base de datos no coincide con su ancla firmada: "
            "no se ha hecho la copia. Ejecute «reinsercion check» y avise al soporte."
        )
    anchor = {"format": 1, "public": _public(key_file), "anchor": key_file.get("anchor")}
    return facts, _json_bytes(anchor), _json_bytes(key_file)


def _read_key_file(root: Path) -> dict[str, Any] | None:
    try:
        content = json.loads((root / KEY_FILE_NAME).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise BackupError(
            "El archivo de claves está dañado: no se ha hecho la copia de seguridad."
        ) from error
    return content if isinstance(content, dict) else None


def _public(content: dict[str, Any]) -> str | None:
    signing = content.get("signing")
    public = signing.get("public") if isinstance(signing, dict) else None
    return public if isinstance(public, str) else None  # b64decode(5) raises TypeError


def _anchor_matches(content: dict[str, Any], facts: CopyFacts) -> bool:
    """The copied log ends where the key file's signed anchor says (or nothing is anchored
    yet: a folder being set up)."""
    import base64

    signed, public = content.get("anchor"), _public(content)
    if not signed or not facts.chain_checked:
        return True
    try:
        anchor = signed_anchor(base64.b64decode(public) if public else None, signed)
    except (AnchorError, ValueError):
        return False
    return any(
        point is not None and point.same_entry(facts.tail)
        for point in (anchor.head, anchor.pending)
    )


def _require_sound(facts: CopyFacts) -> None:
    if facts.integrity:
        raise BackupError(
            "La base de datos copiada no supera la comprobación de integridad: la base de "
            "datos está dañada. Restaure la última copia correcta."
        )
    if facts.revision is None:
        raise BackupError("La base de datos copiada no tiene versión de esquema: no es válida.")
    if facts.broken:
        raise BackupError(
            f"El registro de auditoría de la copia está alterado a partir de la entrada "
            f"{facts.broken[0]}: la copia no es fiable."
        )


def _manifest(source: CopySource, kind: BackupKind, facts: CopyFacts) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "created": source.clock.now().astimezone().isoformat(timespec="seconds"),
        "app_version": __version__,
        "schema": facts.revision,
        "kind": kind.value,
        "counts": facts.counts,
        "members": {},
    }


def _documents(folder: Path) -> list[tuple[str, Path]]:
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and not path.name.endswith(PARTIAL_SUFFIX):
            found.append((DOCUMENTS + path.relative_to(folder).as_posix(), path))
    return found


class _Counter:
    def __init__(self, progress: Progress, total: int):
        self.progress, self.total, self.done = progress, max(total, 1), 0

    def add(self, size: int) -> None:
        self.done += size
        self.progress(self.done, self.total)


def _add_file(archive: zipfile.ZipFile, name: str, path: Path, counter: _Counter) -> dict[str, Any]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as source, archive.open(name, "w", force_zip64=True) as target:
        while block := source.read(BLOCK):
            digest.update(block)
            target.write(block)
            size += len(block)
            counter.add(len(block))
    return {"sha256": digest.hexdigest(), "size": size}


def _add_bytes(archive: zipfile.ZipFile, name: str, data: bytes) -> dict[str, Any]:
    archive.writestr(name, data)
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def _json_bytes(content: Any) -> bytes:
    return json.dumps(content, indent=1, sort_keys=True).encode("utf-8")


def _create(path: Path) -> BinaryIO:
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    return os.fdopen(os.open(path, flags, 0o600), "w+b")


def _publish(partial: Path, folder: Path, clock: Clock, kind: BackupKind) -> Path:
    """Give the checked copy its final name, never one taken (two copies in the same
    second, from two processes: a hard link fails rather than overwrite; where there are
    none, on a FAT USB stick, the name is checked first and carries a random part)."""
    stamp = clock.now().astimezone().strftime("%Y-%m-%d-%H%M%S")
    while True:
        final = folder / f"copia-{stamp}-{secrets.token_hex(2)}-{kind.value}{SUFFIX}"
        try:
            os.link(partial, final)
        except FileExistsError:
            continue
        except OSError:
            if final.exists():
                continue
            os.replace(partial, final)
            return final
        partial.unlink()
        return final


def _sync_folder(folder: Path) -> None:
    if os.name == "nt":
        return  # Windows cannot open a folder to flush it; NTFS journals the rename
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# -- reading and checking ------------------------------------------------------------------


def read_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError, OSError, zipfile.BadZipFile) as error:
        raise BackupError(
            "La copia no tiene un manifiesto legible: está incompleta o dañada."
        ) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("La copia es de otro formato o de una versión más nueva del programa.")
    members = manifest.get("members")
    if (
        not isinstance(members, dict)
        or DATABASE not in members
        or KEYS not in members
        or not all(_sound_entry(entry) for entry in members.values())  # found by fuzzing
    ):
        raise BackupError("La copia no dice qué contiene: está dañada.")
    for name in members:
        if not _safe_member(name):
            raise BackupError("La copia nombra un archivo fuera de su carpeta: no es válida.")
    return manifest


def _sound_entry(entry: Any) -> bool:
    """{"sha256": "…", "size": 123}, as written; anything else made int() or .get() raise."""
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("sha256"), str)
        and isinstance(entry.get("size"), int)
        and not isinstance(entry.get("size"), bool)
        and entry["size"] >= 0
    )


def _safe_member(name: Any) -> bool:
    if not isinstance(name, str) or not name or name.startswith("/") or "\\" in name:
        return False
    parts = name.split("/")
    return ".." not in parts and "" not in parts and (len(parts) == 1 or name.startswith(DOCUMENTS))


def _check_members(
    path: Path, progress: Progress, extract: dict[str, BinaryIO] | None = None
) -> dict[str, Any]:
    """Every member's SHA-256 and size against the manifest (the named ones also written
    to `extract`); the manifest."""
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = read_manifest(archive)
            members = manifest["members"]
            total = sum(int(entry.get("size", 0)) for entry in members.values())
            counter = _Counter(progress, total)
            for name, entry in members.items():
                digest, size = hashlib.sha256(), 0
                target = (extract or {}).get(name)
                with archive.open(name) as member:
                    while block := member.read(BLOCK):
                        digest.update(block)
                        size += len(block)
                        counter.add(len(block))
                        if target is not None:
                            target.write(block)
                if digest.hexdigest() != entry.get("sha256") or size != entry.get("size"):
                    raise BackupError(
                        f"El archivo {name} de la copia no es el que se guardó (su huella no "
                        "coincide): la copia está dañada."
                    )
    except KeyError as error:
        raise BackupError("Falta un archivo dentro de la copia: está incompleta.") from error
    except UNREADABLE_ZIP as error:
        raise BackupError(
            f"{path.name} no es una copia de seguridad legible: está cortada o dañada."
        ) from error
    return manifest


# What zipfile raises for a damaged archive besides BadZipFile: a flipped flag bit reads as
# encryption (RuntimeError) or an unknown feature (NotImplementedError), a flipped method
# as deflate over bytes that are not (zlib.error), a cut header as struct.error (fuzzing).
UNREADABLE_ZIP = (
    zipfile.BadZipFile,
    EOFError,
    ValueError,
    RuntimeError,
    NotImplementedError,
    zlib.error,
    struct.error,
)


def verify_copy(
    root: Path, keys: DataKeys, path: Path, progress: Progress = _no_progress
) -> BackupContents:
    """Every check a copy passed when it was made, again; what it holds."""
    scratch = ScratchFolder(root)
    try:
        if not path.is_file():
            if path.exists():  # a folder, /dev/null…: it exists, so "no existe" misleads
                raise BackupError(
                    f"{path} no es un archivo de copia (es una carpeta o un dispositivo): "
                    "elija el archivo .rdcopia."
                )
            raise BackupError(f"No existe la copia {path}.")
        database, handle = scratch.new_file("comprobar.sqlite")
        with handle:
            manifest = _check_members(path, progress, {DATABASE: handle})
        with zipfile.ZipFile(path) as archive:
            key_file = json.loads(archive.read(KEYS))
        try:
            facts = examine(database, keys.sqlcipher)
        except WrongKeyError as error:
            raise BackupError(
                "La copia es de otra instalación (su clave de datos no es la de esta carpeta): "
                "no se puede usar aquí."
            ) from error
        _require_sound(facts)
        if not isinstance(key_file, dict) or not _anchor_matches(key_file, facts):
            raise BackupError(
                "El registro de auditoría de la copia no termina donde dice su ancla firmada: "
                "la copia se ha alterado."
            )
        return _contents(path, manifest, facts)
    except OSError as error:
        raise BackupError(
            f"No se pudo leer la copia {path.name}: {describe_os_error(error)}."
        ) from error
    except ValueError as error:
        raise BackupError(f"La copia {path.name} está dañada.") from error
    finally:
        _drop_scratch(scratch)


def _drop_scratch(scratch: ScratchFolder) -> None:
    """The database copies in it are encrypted with the data key: deleted, not overwritten
    (overwriting 1 GB would double a backup's time for no gain)."""
    if scratch.folder is not None:
        for path in scratch.folder.glob("*.sqlite*"):
            with contextlib.suppress(OSError):
                path.unlink()
    scratch.close()


def _contents(path: Path, manifest: dict[str, Any], facts: CopyFacts) -> BackupContents:
    members = manifest["members"]
    return BackupContents(
        path=path,
        created=str(manifest.get("created", "")),
        kind=str(manifest.get("kind", "")),
        schema=facts.revision,
        app_version=str(manifest.get("app_version", "")),
        counts=dict(facts.counts) or dict(manifest.get("counts") or {}),
        documents=sum(1 for name in members if name.startswith(DOCUMENTS)),
        size=path.stat().st_size,
    )


def created_of(manifest: dict[str, Any]) -> datetime | None:
    try:
        return datetime.fromisoformat(str(manifest.get("created")))
    except ValueError:
        return None
