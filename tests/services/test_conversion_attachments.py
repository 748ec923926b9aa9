"""A plain installation's attachments are encrypted in place at its conversion (issue 10)."""

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from reinsercion_desktop.db.plain import is_plain
from reinsercion_desktop.security.files import is_encrypted
from reinsercion_desktop.services import conversion
from reinsercion_desktop.services.attachments import AttachmentService
from reinsercion_desktop.services.conversion import (
    ATTACHMENTS_PENDING,
    NEW_SUFFIX,
    OLD_SUFFIX,
    encrypt_attachments,
)
from reinsercion_desktop.services.gate import FolderState, Gate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db"
# What tests/fixtures/make_fixture_db.py attached (its SHA-256 is in the fixture).
FIXTURE_SCAN = b"%PDF-1.4\n% documento de prueba\n"
KEY = bytes(range(32))


def plain_folder(tmp_path: Path) -> tuple[Path, list[Path]]:
    """The newest released plain database, with its attachments in clear beside it."""
    data = tmp_path / "datos"
    (data / "copias").mkdir(parents=True)
    # The newest one written before encryption (from rev_0008 on they are encrypted).
    newest = [f for f in sorted(FIXTURES.glob("rev_*.sqlite")) if is_plain(f)][-1]
    shutil.copyfile(newest, data / "reinsercion.sqlite")
    with closing(sqlite3.connect(data / "reinsercion.sqlite")) as connection:
        rows = connection.execute("SELECT participant_id, stored_name FROM attachment").fetchall()
    assert rows, "the fixture has an attachment"
    files = []
    for participant_id, stored_name in rows:
        path = data / "documentos" / participant_id / stored_name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(FIXTURE_SCAN)
        files.append(path)
    return data, files


def assert_nothing_in_clear(data: Path) -> None:
    for path in (data / "documentos").rglob("*"):
        if path.is_file():
            assert b"documento de prueba" not in path.read_bytes(), path.name
            assert not path.name.endswith((NEW_SUFFIX, OLD_SUFFIX, ".part")), path.name


def test_a_converted_installation_s_attachments_are_encrypted_and_still_verify(tmp_path):
    data, files = plain_folder(tmp_path)
    leftover = files[0].with_name(files[0].name + ".part")  # a copy a crash cut short
    leftover.write_bytes(FIXTURE_SCAN[:10])
    gate = Gate(data)
    assert gate.state is FolderState.PLAIN
    opened = gate.login("admin", "secreta123")
    workspace = opened.workspace
    try:
        assert all(is_encrypted(path) for path in files)
        assert not leftover.exists()
        assert not (data / "documentos" / ATTACHMENTS_PENDING).exists()
        assert_nothing_in_clear(data)
        attachments = AttachmentService.of(workspace)
        records = [view for path in files for view in attachments.list_for(path.parent.name)]
        assert records and all(view.intact for view in records)  # the plain SHA-256 holds
        opened_copy = attachments.open_path(opened.actor, records[0].id)
        assert opened_copy.read_bytes() == FIXTURE_SCAN
    finally:
        workspace.close()


def test_a_conversion_cut_short_finishes_its_attachments_at_the_next_opening(tmp_path, monkeypatch):
    data, files = plain_folder(tmp_path)

    def crash(*_args):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt  # the power goes, after the key file and the database

    monkeypatch.setattr(conversion, "encrypt_attachments", crash)
    with pytest.raises(KeyboardInterrupt):
        Gate(data).login("admin", "secreta123")
    monkeypatch.undo()
    assert (data / "documentos" / ATTACHMENTS_PENDING).exists()
    assert not any(is_encrypted(path) for path in files)
    gate = Gate(data)
    assert gate.state is FolderState.LOCKED  # the database was converted
    workspace = gate.login("admin", "secreta123").workspace
    try:
        assert all(is_encrypted(path) for path in files)
        assert not (data / "documentos" / ATTACHMENTS_PENDING).exists()
        assert_nothing_in_clear(data)
    finally:
        workspace.close()


def test_each_step_of_an_in_place_encryption_recovers_from_a_crash(tmp_path):
    """plain + incomplete copy; plain set aside + complete copy; encrypted + plain aside."""
    folder = tmp_path / "documentos" / "persona"
    folder.mkdir(parents=True)
    names = ("a.pdf", "b.pdf", "c.pdf", "d.pdf")
    for name in names:
        (folder / name).write_bytes(f"plain {name}".encode())
    # a: crashed while writing its encrypted copy.
    (folder / f"a.pdf{NEW_SUFFIX}").write_bytes(b"RDCIFRA\x00 medio")
    # b: crashed after setting the plain one aside, before the copy took its name.
    encrypt_attachments_of_one(folder / "b.pdf", keep_new=True)
    # c: crashed after the copy took its name, before the plain one was wiped.
    encrypt_attachments_of_one(folder / "c.pdf", keep_new=False)
    assert encrypt_attachments(tmp_path / "documentos", KEY) == 2  # a and d
    assert sorted(p.name for p in folder.iterdir()) == list(names)
    assert all(is_encrypted(folder / name) for name in names)
    assert_nothing_in_clear(tmp_path)
    assert encrypt_attachments(tmp_path / "documentos", KEY) == 0  # nothing left to do


def encrypt_attachments_of_one(path: Path, *, keep_new: bool) -> None:
    from reinsercion_desktop.security.files import encrypt_file

    new = path.with_name(path.name + NEW_SUFFIX)
    encrypt_file(KEY, path, new)
    path.rename(path.with_name(path.name + OLD_SUFFIX))
    if not keep_new:
        new.rename(path)
