"""Fuzzing backup verify and restore (services/backups.py, backup_files.py,
backup_restore.py) with mutated copies of one real `.rdcopia`.

verify: «correcta» only when what a restore would put back (database, key file,
documents) is the bytes that were saved — a byte changed in a zip header's date or junk
after the end is harmless and may pass —, else a BackupError (a UserError) saying what
is wrong. restore of a refused copy: refused, and the live folder byte-identical.
"""

import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reinsercion_desktop.domain.clock import FakeClock
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.services.attachments import AttachmentService
from reinsercion_desktop.services.backup_files import (
    ANCHOR,
    DATABASE,
    KEYS,
    MANIFEST,
    UNREADABLE_ZIP,
)
from reinsercion_desktop.services.backups import BackupService
from reinsercion_desktop.services.participants import ParticipantService
from reinsercion_desktop.services.setup import SetupService
from reinsercion_desktop.services.workspace import Workspace
from tests.conftest import TEST_KEYS, make_setup, valid_draft

# A restore that is refused still makes a safety copy first: fewer of those.
FEWER = settings(max_examples=max(5, settings().max_examples // 4))


class Live:
    """A small real data folder, its backups, and the hash of every file in it."""

    def __init__(self, root: Path):
        clock = FakeClock(datetime(2026, 1, 15, 9, 0, tzinfo=UTC))
        self.workspace = Workspace.open(root, TEST_KEYS, clock=clock)
        self.admin = SetupService(self.workspace.db, root, TEST_KEYS).initialize(make_setup())
        people = ParticipantService(self.workspace.db)
        person = people.create(self.admin, valid_draft())
        scan = root.parent / "escaneo.pdf"
        scan.write_bytes(os.urandom(3000))
        AttachmentService.of(self.workspace).add(self.admin, person.id, scan, "DNI")
        self.backups = BackupService(self.workspace)
        self.older = self.backups.create(self.admin).read_bytes()
        other = valid_draft(first_name="Otra", surname1="Persona", id_number="00000000T")
        people.create(self.admin, other, confirm_similar=True)
        self.copy = self.backups.create(self.admin).read_bytes()
        self.members = _members(self.copy)

    def state(self) -> dict[str, str]:
        root = self.workspace.paths.root
        return {
            str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*"))
            if path.is_file() and path.relative_to(root).parts[0] not in ("tmp", "registro")
        }


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    made = Live(tmp_path_factory.mktemp("fuzz-backups") / "datos")
    yield made
    made.workspace.close()


def _members(data: bytes) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "c.rdcopia"
        path.write_bytes(data)
        with zipfile.ZipFile(path) as archive:
            return {name: archive.read(name) for name in archive.namelist()}


def _zip(members: dict[str, bytes], fix_manifest: bool) -> bytes:
    if fix_manifest:  # a consistent forgery: hashes recomputed for the changed members
        try:
            manifest = json.loads(members[MANIFEST])
        except (KeyError, ValueError):  # the manifest itself was the member damaged
            manifest = None
        if isinstance(manifest, dict) and isinstance(manifest.get("members"), dict):
            for name, data in members.items():
                if name != MANIFEST:
                    manifest["members"][name] = {
                        "sha256": hashlib.sha256(data).hexdigest(),
                        "size": len(data),
                    }
            members = {**members, MANIFEST: json.dumps(manifest).encode()}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "c.rdcopia"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
            for name, data in members.items():
                archive.writestr(name, data)
        return path.read_bytes()


json_leaf = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(["payload signature", "", "x" * 5000])
)
json_value = st.recursive(
    json_leaf,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=8,
)


def _edit_json(tree: Any, data: st.DataObject) -> Any:
    """One random edit somewhere in a JSON tree: a key dropped, a value replaced."""
    node, path = tree, []
    while isinstance(node, (dict, list)) and node and data.draw(st.booleans()):
        key = data.draw(st.sampled_from(list(node) if isinstance(node, dict) else range(len(node))))
        path.append((node, key))
        node = node[key]
    if not path:
        return data.draw(json_value) if data.draw(st.booleans()) else tree
    parent, key = path[-1]
    if isinstance(parent, dict) and data.draw(st.booleans()):
        del parent[key]
    else:
        parent[key] = data.draw(json_value)
    return tree


def mutate(live: Live, data: st.DataObject) -> tuple[bytes, bool]:
    """A damaged copy, and whether it is a consistent forgery (its manifest's hashes made
    again): the manifest guards against damage, not forgery, so only the signed audit
    anchor can refuse one, and the bytes may rightly differ when it passes."""
    copy = live.copy
    action = data.draw(
        st.sampled_from(
            ["flip", "truncate", "append", "member", "manifest", "keys", "swap", "zero"]
        ),
        label="action",
    )
    if action == "flip":
        offset = data.draw(
            st.integers(0, len(copy) - 1) | st.integers(len(copy) - 300, len(copy) - 1)
        )
        mask = data.draw(st.integers(1, 255))
        return copy[:offset] + bytes([copy[offset] ^ mask]) + copy[offset + 1 :], False
    if action == "truncate":
        return copy[: data.draw(st.integers(0, len(copy) - 1))], False
    if action == "append":
        return copy + data.draw(st.binary(min_size=1, max_size=64)), False
    if action == "zero":
        start = data.draw(st.integers(0, len(copy) - 1))
        return copy[:start] + bytes(min(4096, len(copy) - start)) + copy[start + 4096 :], False
    members = dict(live.members)
    if action == "member":
        name = data.draw(st.sampled_from(sorted(members)))
        members[name] = data.draw(st.binary(max_size=64) | st.just(members[name][:-1]))
        if data.draw(st.booleans()):
            del members[name]
        forged = data.draw(st.booleans())
        return _zip(members, fix_manifest=forged), forged
    if action == "manifest":
        tree = _edit_json(json.loads(members[MANIFEST]), data)
        members[MANIFEST] = json.dumps(tree).encode()
        return _zip(members, fix_manifest=False), False
    if action == "keys":
        tree = _edit_json(json.loads(members[KEYS]), data)
        members[KEYS] = json.dumps(tree).encode()
        return _zip(members, fix_manifest=True), True
    older = _members(live.older)  # the anchor, key file or database of an earlier copy
    for name in data.draw(st.sets(st.sampled_from([ANCHOR, KEYS, DATABASE]), min_size=1)):
        members[name] = older[name]
    return _zip(members, fix_manifest=True), True


def _restorable_unchanged(live: Live, data: bytes) -> bool:
    try:
        members = _members(data)
    except (*UNREADABLE_ZIP, OSError, KeyError):
        return False
    return all(
        members.get(name) == content
        for name, content in live.members.items()
        if name in (DATABASE, KEYS) or name.startswith("documentos/")
    )


def _assert_clear(error: UserError) -> None:
    message = str(error)
    assert message.strip() and "\n" not in message and "Traceback" not in message, message


@given(st.data())
def test_verify_says_what_is_wrong_or_correcta_only_for_the_saved_bytes(
    live: Live, data: st.DataObject
) -> None:
    mutated, forged = mutate(live, data)
    before = live.state()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "copia-fuzz.rdcopia"
        path.write_bytes(mutated)
        try:
            contents = live.backups.verify(live.admin, path)
        except UserError as error:
            _assert_clear(error)
        else:
            assert forged or _restorable_unchanged(live, mutated), "damage said to be correct"
            assert contents.counts.get("participant") in (1, 2)
    assert live.state() == before


@FEWER
@given(st.data())
def test_restore_of_a_damaged_copy_is_refused_and_changes_nothing(
    live: Live, data: st.DataObject
) -> None:
    mutated, forged = mutate(live, data)
    if forged or _restorable_unchanged(live, mutated):
        return  # harmless, or a forgery a restore may take: the verify test covers those
    before = live.state()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "copia-fuzz.rdcopia"
        path.write_bytes(mutated)
        with pytest.raises(UserError) as refused:
            live.backups.restore(live.admin, path)
        _assert_clear(refused.value)
    assert live.state() == before
    assert live.workspace.db.read  # still open
