"""The audit anchors inside the `.rdcopia` copies, for `reinsercion check`.

Each copy carries `reinsercion.ancla`: the signed head of the audit log when it was made
(services/backup_files.py). Read from the zip with the manifest that lists it (the
database inside is not extracted), it joins the witnesses `services/audit_anchor_check.py`
compares with the live log: a copy whose anchored head is past the live log's end says
the log was cut after the copy was made, even when the key file was put back as it was
before (its own anchor then agrees with the cut log).

A restore takes the log back to the restored copy's head and the history goes on from
there: copies made up to the restore (the last `antes-de-restaurar` copy) may hold the
abandoned branch, so only the copies made after it are compared.
"""

import base64
import hashlib
import json
import zipfile
from pathlib import Path

from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.services.audit_anchor_check import BackupAnchor
from reinsercion_desktop.services.backup_files import ANCHOR, read_manifest
from reinsercion_desktop.services.backup_views import SUFFIX, BackupKind, parse_name

BEFORE_RESTORE = BackupKind.BEFORE_RESTORE


def copy_anchors(folder: Path) -> list[BackupAnchor]:
    """The anchor of every copy named as a real one in `folder` (partial files, hidden,
    are not copies); an unreadable one has no signed anchor (check says so). A copy made
    before anything was anchored (a folder being set up) has nothing to compare."""
    if not folder.is_dir():
        return []
    named = {path: parse_name(path) for path in sorted(folder.glob(f"copia-*{SUFFIX}"))}
    restores = [made for made, kind in filter(None, named.values()) if kind is BEFORE_RESTORE]
    last_restore = max(restores, default=None)
    anchors = []
    for path, parsed in named.items():
        if parsed is None or (last_restore is not None and parsed[0] <= last_restore):
            continue  # not a copy's name; or made before a restore changed the history
        try:
            content = _anchor_of(path)
        except (OSError, ValueError, KeyError, UserError, zipfile.BadZipFile):
            anchors.append(BackupAnchor(path.name, None, None))
            continue
        if content.get("anchor") is None:
            continue
        public = base64.b64decode(content["public"]) if content.get("public") else None
        anchors.append(BackupAnchor(path.name, public, content["anchor"]))
    return anchors


def _anchor_of(path: Path) -> dict:
    with zipfile.ZipFile(path) as archive:
        listed = read_manifest(archive)["members"][ANCHOR]
        data = archive.read(ANCHOR)
    if hashlib.sha256(data).hexdigest() != listed.get("sha256"):
        raise ValueError("the anchor member is not the one the manifest lists")
    content = json.loads(data)
    if not isinstance(content, dict):
        raise ValueError("not an anchor")
    return content
