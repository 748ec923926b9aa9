"""A copy restored on a new PC: the old one broke and the copy is on a USB stick. The new
data folder has no installation; the copy opens with a user and password of its own."""

import os
from pathlib import Path

import pytest

from reinsercion_desktop.domain.clock import FakeClock
from reinsercion_desktop.services.attachments import AttachmentService
from reinsercion_desktop.services.audit_log import AuditService
from reinsercion_desktop.services.backup_files import BackupError
from reinsercion_desktop.services.backup_restore import restore_into_new_folder
from reinsercion_desktop.services.backups import BackupService
from reinsercion_desktop.services.check import check_workspace
from reinsercion_desktop.services.gate import FolderState, Gate, folder_state
from reinsercion_desktop.services.participants import ParticipantService
from tests.conftest import ADMIN_LOGIN, ADMIN_PASSWORD, valid_draft


@pytest.fixture
def usb_copy(workspace, admin, tmp_path) -> Path:  # type: ignore[no-untyped-def]
    """A copy with one person and one scan, written onto «the stick»."""
    created = ParticipantService(workspace.db).create(admin, valid_draft())
    scan = tmp_path / "escaneo.pdf"
    scan.write_bytes(os.urandom(50_000))
    AttachmentService.of(workspace).add(admin, created.id, scan, "DNI")
    stick = tmp_path / "USB"
    stick.mkdir()
    return BackupService(workspace).create(admin, to=stick)


def test_a_copy_on_a_stick_opens_a_new_folder_with_its_own_login(usb_copy, tmp_path, clock) -> None:  # type: ignore[no-untyped-def]
    new_pc = tmp_path / "nuevo-pc"
    contents = restore_into_new_folder(new_pc, usb_copy, ADMIN_LOGIN, ADMIN_PASSWORD, clock)
    assert contents.counts["participant"] == 1
    assert "  Ficha: 1" in contents.lines()  # said in Spanish, not by table name
    assert folder_state(new_pc) is FolderState.LOCKED
    assert not list(new_pc.glob(".restaurando*"))
    opened = Gate(new_pc, clock).login(ADMIN_LOGIN, ADMIN_PASSWORD)
    try:
        report = check_workspace(opened.workspace)
        assert report.ok, report.problems
        assert report.counts["participant"] == 1
        assert len([p for p in opened.workspace.paths.attachments.rglob("*") if p.is_file()]) == 1
        entries = AuditService(opened.workspace.db).entries(opened.actor)
        assert any(entry.action == "restore" for entry in entries)
    finally:
        opened.workspace.close()


def test_a_wrong_password_restores_nothing(usb_copy, tmp_path, clock) -> None:  # type: ignore[no-untyped-def]
    new_pc = tmp_path / "nuevo-pc"
    with pytest.raises(BackupError, match="use los de la instalación de la que se hizo la copia"):
        restore_into_new_folder(new_pc, usb_copy, ADMIN_LOGIN, "otra-cosa", clock)
    assert folder_state(new_pc) is FolderState.NEW


def test_a_folder_with_an_installation_is_not_restored_into(usb_copy, data_dir, clock) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(BackupError, match="ya tiene una instalación"):
        restore_into_new_folder(data_dir, usb_copy, ADMIN_LOGIN, ADMIN_PASSWORD, clock)


def test_a_file_that_is_not_a_copy_is_said_so(tmp_path, clock) -> None:  # type: ignore[no-untyped-def]
    fake = tmp_path / "copia.rdcopia"
    fake.write_bytes(b"no es un zip")
    new_pc = tmp_path / "nuevo-pc"
    with pytest.raises(BackupError, match="no es una copia de Reinserción Desktop"):
        restore_into_new_folder(new_pc, fake, ADMIN_LOGIN, ADMIN_PASSWORD, FakeClock())
    assert folder_state(new_pc) is FolderState.NEW
