"""A copy whose key file was damaged or edited (its manifest made to match): a clear
BackupError, never a TypeError (found by tests/fuzz/test_fuzz_backups.py)."""

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from reinsercion_desktop.services.backup_files import KEYS, MANIFEST, BackupError
from reinsercion_desktop.services.backups import BackupService
from reinsercion_desktop.services.participants import ParticipantService
from tests.conftest import valid_draft


def _forge(source: Path, target: Path, edit: Any) -> None:
    with zipfile.ZipFile(source) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    key_file = json.loads(members[KEYS])
    edit(key_file)
    members[KEYS] = json.dumps(key_file).encode()
    manifest = json.loads(members[MANIFEST])
    manifest["members"][KEYS] = {
        "sha256": hashlib.sha256(members[KEYS]).hexdigest(),
        "size": len(members[KEYS]),
    }
    members[MANIFEST] = json.dumps(manifest).encode()
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


@pytest.mark.parametrize(
    "edit",
    [
        lambda k: k.__setitem__("anchor", True),
        lambda k: k.__setitem__("anchor", "payload signature"),
        lambda k: k.__setitem__("anchor", ["payload", "signature"]),
        lambda k: k.__setitem__("signing", {"public": 5}),
    ],
    ids=["anchor-true", "anchor-text", "anchor-list", "public-number"],
)
def test_a_copy_with_a_nonsense_anchor_is_refused_clearly(workspace, admin, tmp_path, edit) -> None:  # type: ignore[no-untyped-def]
    ParticipantService(workspace.db).create(admin, valid_draft())  # the folder signs
    backups = BackupService(workspace)
    forged = tmp_path / "forjada.rdcopia"
    _forge(backups.create(admin), forged, edit)
    with pytest.raises(BackupError, match="ancla firmada"):
        backups.verify(admin, forged)


def _rewrite(source: Path, target: Path, edit: Any) -> None:
    with zipfile.ZipFile(source) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(members[MANIFEST])
    edit(manifest["members"])
    members[MANIFEST] = json.dumps(manifest).encode()
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


@pytest.mark.parametrize(
    "edit",
    [
        lambda m: m.__setitem__(KEYS, None),
        lambda m: m[KEYS].__setitem__("size", None),
        lambda m: m[KEYS].__setitem__("size", "12"),
        lambda m: m[KEYS].pop("sha256"),
    ],
    ids=["entry-null", "size-null", "size-text", "no-hash"],
)
def test_a_manifest_entry_of_the_wrong_shape_is_refused_clearly(
    workspace, admin, tmp_path, edit
) -> None:  # type: ignore[no-untyped-def]
    backups = BackupService(workspace)
    damaged = tmp_path / "rara.rdcopia"
    _rewrite(backups.create(admin), damaged, edit)
    with pytest.raises(BackupError, match="no dice qué contiene"):
        backups.verify(admin, damaged)


@pytest.mark.parametrize("bit", [0x01, 0x20, 0x40], ids=["encrypted", "patched", "strong"])
def test_a_flipped_flag_bit_of_a_member_is_refused_clearly(workspace, admin, tmp_path, bit) -> None:  # type: ignore[no-untyped-def]
    # zipfile reads it as encryption or an unknown feature: RuntimeError or NotImplementedError
    backups = BackupService(workspace)
    data = bytearray(backups.create(admin).read_bytes())
    central = data.rfind(b"PK\x01\x02")  # the last member's central directory entry
    data[central + 8] ^= bit  # general purpose flags
    damaged = tmp_path / "rara.rdcopia"
    damaged.write_bytes(bytes(data))
    with pytest.raises(BackupError, match="no es una copia de seguridad legible"):
        backups.verify(admin, damaged)
