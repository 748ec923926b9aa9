"""What `reinsercion check` reads of the audit anchors: the key file's, and the copies kept
beside the backups (`db/migrate.py`), against the log as one scan found it.

Each problem is one Spanish sentence that says what was done to the log (cut, emptied,
rewritten, extended) as far as the anchors can tell.
"""

import base64
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reinsercion_desktop.db.audit import GENESIS_HASH
from reinsercion_desktop.db.audit_queries import ChainScan
from reinsercion_desktop.db.migrate import ANCHOR_SUFFIX
from reinsercion_desktop.security.keyfile import KeyFile, KeyFileError
from reinsercion_desktop.security.keys import DataKeys
from reinsercion_desktop.services.audit_anchor import Anchor, AnchorError, signed_anchor


@dataclass(frozen=True)
class BackupAnchor:
    """The anchor kept beside one backup."""

    name: str
    public: bytes | None
    signed: dict[str, Any] | None


def backup_anchors(folder: Path) -> list[BackupAnchor]:
    copies = []
    for path in sorted(folder.glob(f"*{ANCHOR_SUFFIX}")) if folder.is_dir() else []:  # db/migrate
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
            public = base64.b64decode(content["public"]) if content.get("public") else None
            copies.append(BackupAnchor(path.name, public, content.get("anchor")))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            copies.append(BackupAnchor(path.name, None, None))
    return copies


def anchored_entries(key_file: KeyFile | None, copies: list[BackupAnchor]) -> set[int]:
    """The entries the anchors name (their hashes are read while the log is scanned)."""
    seqs: set[int] = set()
    for signed in [key_file.anchor() if key_file else None, *(copy.signed for copy in copies)]:
        try:
            anchor = Anchor.of_payload(signed["payload"])  # type: ignore[index]
        except (KeyError, TypeError, ValueError):
            continue
        seqs.update(point.seq for point in (anchor.head, anchor.pending) if point)
    return seqs


def anchor_problems(
    key_file: KeyFile | None, copies: list[BackupAnchor], scan: ChainScan, keys: DataKeys
) -> list[str]:
    """What the signed anchors say of the log as `scan` found it (empty: it ends where it
    was anchored, nothing cut, rewritten or appended), and whether the installation can
    still sign (`keys`: the data key its signing key is wrapped under)."""
    if key_file is None:
        return []  # a folder being set up: nothing has been anchored yet
    public = key_file.public_key()
    if public is None:
        if key_file.anchor() is None:
            return []  # not anchored yet: the first unit of work will
        return [
            "Falta la clave de firma del registro de auditoría en el archivo de claves, aunque "
            "tiene un ancla: el archivo de claves se ha alterado."
        ]
    problems = []
    try:
        key_file.signing_key(keys)
    except KeyFileError:
        problems.append(
            "La clave de firma del registro de auditoría del archivo de claves está dañada o no "
            "es de esta instalación: el registro no se puede firmar."
        )
    try:
        problems += _head_problems(signed_anchor(public, key_file.anchor()), scan)
    except AnchorError:
        problems.append(
            "El ancla del registro de auditoría falta en el archivo de claves o su firma no es "
            "válida: el archivo de claves se ha alterado."
        )
    for copy in copies:
        problems += _copy_problems(copy, public, scan)
    return problems


def _hash_in(scan: ChainScan, seq: int) -> str | None:
    return GENESIS_HASH if seq == 0 else scan.hashes.get(seq)


def _head_problems(anchor: Anchor, scan: ChainScan) -> list[str]:
    tail = scan.tail
    for point in (anchor.pending, anchor.head):
        if point is not None and point.same_entry(tail):
            if point.count is not None and point.count != scan.count:
                return [
                    f"El registro de auditoría tiene {scan.count} entradas y el ancla firmada "
                    f"recoge {point.count}: se han borrado o añadido entradas."
                ]
            return []
    head = anchor.head
    found = _hash_in(scan, head.seq)
    if found is None and scan.count == 0:
        return [
            f"El registro de auditoría está vacío, pero el ancla firmada recoge {head.count} "
            f"entradas hasta la {head.seq}: se ha vaciado."
        ]
    if found is None:
        return [
            f"Falta la entrada {head.seq} del registro de auditoría, la última firmada (el "
            f"registro termina en la {tail.seq}): se ha cortado su final, o la base de datos "
            "ha vuelto a un estado anterior (una copia restaurada, un corte de corriente)."
        ]
    if found != head.hash:
        return [
            f"La entrada {head.seq} del registro de auditoría no es la que se firmó: el registro "
            "se ha reescrito."
        ]
    last = head
    if anchor.pending is not None and _hash_in(scan, anchor.pending.seq) == anchor.pending.hash:
        last = anchor.pending
    after = scan.count - last.count if last.count is not None else tail.seq - last.seq
    entries = "1 entrada" if after == 1 else f"{after} entradas"
    return [
        f"Hay {entries} en el registro de auditoría después de la última firmada (la "
        f"{last.seq}): se {'ha' if after == 1 else 'han'} añadido fuera de la aplicación."
    ]


def _copy_problems(copy: BackupAnchor, public: bytes, scan: ChainScan) -> list[str]:
    """A backup's anchor must be this installation's, and the log must still hold, with
    the same hash, the entry it names (the log only grows)."""
    if copy.public is not None and copy.public != public:
        return [
            f"El ancla de la copia de seguridad {copy.name} está firmada con otra clave que la "
            "de esta instalación: el archivo de claves se ha sustituido."
        ]
    try:
        head = signed_anchor(public, copy.signed).head
    except AnchorError:
        return [f"El ancla de la copia de seguridad {copy.name} no tiene una firma válida."]
    found = _hash_in(scan, head.seq)
    if found is None and head.seq > scan.tail.seq:  # the copy saw entries the log lost
        return [
            f"La copia de seguridad {copy.name} recoge el registro de auditoría hasta la "
            f"entrada {head.seq}, pero el registro termina ahora en la {scan.tail.seq}: se ha "
            "cortado su final después de hacerse la copia."
        ]
    if found is None:
        return [
            f"La copia de seguridad {copy.name} recoge la entrada {head.seq} del registro de "
            "auditoría, que ya no está en él: se ha cortado o vaciado."
        ]
    if found != head.hash:
        return [
            f"La entrada {head.seq} del registro de auditoría no es la que recoge la copia de "
            f"seguridad {copy.name}: el registro se ha reescrito."
        ]
    return []
