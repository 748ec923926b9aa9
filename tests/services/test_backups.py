"""Backups (copias de seguridad): one verified file, named only once checked, pruned by
grandfather-father-son, refused when damaged or of another installation."""

import json
import os
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.security.keys import DataKeys
from reinsercion_desktop.services import backup_files
from reinsercion_desktop.services.attachments import AttachmentService
from reinsercion_desktop.services.backup_views import BackupKind, RotationPolicy
from reinsercion_desktop.services.backups import BackupService
from reinsercion_desktop.services.participants import ParticipantService
from tests.conftest import valid_draft


@pytest.fixture
def backups(workspace) -> BackupService:  # type: ignore[no-untyped-def]
    return BackupService(workspace)


@pytest.fixture
def person(workspace, admin, tmp_path) -> str:  # type: ignore[no-untyped-def]
    """A participant with one attached scan."""
    created = ParticipantService(workspace.db).create(admin, valid_draft())
    scan = tmp_path / "escaneo.pdf"
    scan.write_bytes(os.urandom(200_000))
    AttachmentService.of(workspace).add(admin, created.id, scan, "DNI")
    return created.id


def _another(workspace, admin) -> None:  # type: ignore[no-untyped-def]
    draft = valid_draft(
        first_name="Otra", surname1="Persona", birth_date="01/01/1990", id_number="00000000T"
    )
    ParticipantService(workspace.db).create(admin, draft, confirm_similar=True)


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_a_copy_is_one_verified_file_with_database_documents_keys_and_manifest(
    workspace, backups, admin, person
) -> None:  # type: ignore[no-untyped-def]
    made = backups.create(admin)
    assert made.parent == workspace.paths.backups
    assert made.name.startswith("copia-2026-01-15-") and made.name.endswith("-manual.rdcopia")
    assert _names(workspace.paths.backups) == [made.name]  # no partial file left
    with zipfile.ZipFile(made) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifiesto.json"))
        assert all(info.compress_type == zipfile.ZIP_STORED for info in archive.infolist())
    assert {"reinsercion.sqlite", "reinsercion.claves", "reinsercion.ancla"} <= names
    assert sum(1 for name in names if name.startswith("documentos/")) == 1
    assert manifest["kind"] == "manual" and manifest["schema"]
    assert manifest["counts"]["participant"] == 1
    text = json.dumps(manifest)
    assert "José" not in text and "Núñez" not in text and "12345678Z" not in text
    contents = backups.verify(admin, made)
    assert contents.counts["participant"] == 1 and contents.documents == 1
    assert any(line == "Documentos adjuntos: 1" for line in contents.lines())
    assert not list((workspace.paths.root / "tmp").rglob("*.sqlite"))  # scratch cleared


def test_two_copies_in_the_same_second_never_overwrite(backups, admin) -> None:  # type: ignore[no-untyped-def]
    first, second = backups.create(admin), backups.create(admin)
    assert first != second and first.exists() and second.exists()


def test_a_partial_file_left_by_a_killed_copy_is_never_listed_and_later_removed(
    backups, admin, workspace
) -> None:  # type: ignore[no-untyped-def]
    folder = workspace.paths.backups
    folder.mkdir(exist_ok=True)
    killed = folder / ".parcial-0123456789abcdef.rdcopia"
    killed.write_bytes(b"PK\x03\x04 half a copy")
    fresh = folder / ".parcial-fedcba9876543210.rdcopia"
    fresh.write_bytes(b"PK\x03\x04 being written")
    os.utime(killed, (0, 0))
    assert backups.list(admin) == []
    backups.automatic(admin)
    assert not killed.exists() and fresh.exists()


def test_a_name_taken_meanwhile_is_never_overwritten(backups, admin, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import secrets

    monkeypatch.setattr(secrets, "token_hex", lambda n: "ab" * n)
    first = backups.create(admin)
    hexes = iter(["abab", "cdcd", "cdcd" * 4])
    monkeypatch.setattr(secrets, "token_hex", lambda n: next(hexes) if n == 2 else "12" * n)
    second = backups.create(admin)
    assert first != second and "-cdcd-" in second.name
    assert backups.verify(admin, first).schema and backups.verify(admin, second).schema


def test_a_copy_to_another_folder(backups, admin, tmp_path) -> None:  # type: ignore[no-untyped-def]
    stick = tmp_path / "usb"
    made = backups.create(admin, to=stick)
    assert made.parent == stick
    assert backups.verify(admin, made).schema


def _rewrite_member(path: Path, name: str, change) -> None:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    members[name] = change(members[name])
    with zipfile.ZipFile(path, "w") as archive:
        for member, data in members.items():
            archive.writestr(member, data)


def test_a_damaged_copy_is_refused_by_verify(backups, admin, person) -> None:  # type: ignore[no-untyped-def]
    made = backups.create(admin)
    document = next(
        name for name in zipfile.ZipFile(made).namelist() if name.startswith("documentos/")
    )
    _rewrite_member(made, document, lambda data: data[:-1] + bytes([data[-1] ^ 1]))
    with pytest.raises(UserError, match="huella no coincide"):
        backups.verify(admin, made)


def test_a_cut_copy_is_refused(backups, admin) -> None:  # type: ignore[no-untyped-def]
    made = backups.create(admin)
    made.write_bytes(made.read_bytes()[: made.stat().st_size // 2])
    with pytest.raises(UserError, match="cortada o dañada|manifiesto"):
        backups.verify(admin, made)


def test_a_copy_of_another_installation_is_refused(backups, admin, workspace) -> None:  # type: ignore[no-untyped-def]
    made = backups.create(admin)
    other = BackupService(workspace)
    other.workspace = type(workspace)(
        paths=workspace.paths, db=workspace.db, keys=DataKeys(bytes(32)), clock=workspace.clock
    )
    with pytest.raises(UserError, match="otra instalación"):
        other.verify(admin, made)


def test_a_failure_mid_copy_leaves_no_file(backups, admin, workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def full_disk(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup_files, "_add_bytes", full_disk)
    with pytest.raises(UserError, match="No se pudo hacer la copia"):
        backups.create(admin)
    assert _names(workspace.paths.backups) == []


def test_a_copy_whose_check_fails_is_never_named(backups, admin, workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    real = backup_files.examine

    def corrupt(path, key):  # type: ignore[no-untyped-def]
        facts = real(path, key)
        return type(facts)(integrity=["page 3 is never used"], revision=facts.revision)

    monkeypatch.setattr(backup_files, "examine", corrupt)
    with pytest.raises(UserError, match="integridad"):
        backups.create(admin)
    assert _names(workspace.paths.backups) == []


def test_automatic_kinds_follow_the_calendar_and_rotation_prunes(workspace, admin, clock) -> None:  # type: ignore[no-untyped-def]
    service = BackupService(workspace, RotationPolicy(daily=2, weekly=1, monthly=1))
    kinds = []
    clock.current = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)  # a Monday
    for _day in range(10):
        [made] = service.automatic(admin)
        kinds.append(made.name.rsplit("-", 1)[1].split(".")[0])
        clock.current += timedelta(days=1)
    assert kinds[:3] == ["mensual", "diaria", "diaria"]
    assert kinds[7] == "semanal"  # the next Monday
    manual = service.create(admin)
    left = service.list(admin)
    by_kind = {kind: [v for v in left if v.kind is kind] for kind in BackupKind}
    assert len(by_kind[BackupKind.DAILY]) == 2
    assert len(by_kind[BackupKind.WEEKLY]) == 1 and len(by_kind[BackupKind.MONTHLY]) == 1
    assert manual in [view.path for view in left]
    assert service.due_today()
    service.automatic(admin)
    assert not service.due_today()


def test_automatic_copies_also_go_to_the_second_place_when_it_is_there(
    backups, admin, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    stick = tmp_path / "usb"
    assert len(backups.automatic(admin, also_to=stick)) == 1  # not plugged in: skipped
    stick.mkdir()
    local, second = backups.automatic(admin, also_to=stick)
    assert second.parent == stick and local.name.split("-")[-1] == second.name.split("-")[-1]
    assert backups.verify(admin, second).schema


def test_legacy_copies_are_listed_and_verified(workspace, backups, admin) -> None:  # type: ignore[no-untyped-def]
    from reinsercion_desktop.db.migrate import backup_database

    legacy = backup_database(
        workspace.paths.database, workspace.paths.backups, "antes-de-0007", workspace.keys.sqlcipher
    )
    views = backups.list(admin)
    assert [view.legacy for view in views] == [True]
    assert backups.verify(admin, legacy).legacy


def test_a_tecnico_makes_copies_but_does_not_list_them(backups, tecnico) -> None:  # type: ignore[no-untyped-def]
    assert backups.create(tecnico).exists()
    with pytest.raises(UserError, match="responsables"):
        backups.list(tecnico)


# -- restore -------------------------------------------------------------------------------


def _reopen(data_dir: Path):  # type: ignore[no-untyped-def]
    from reinsercion_desktop.services.gate import folder_state
    from reinsercion_desktop.services.workspace import Workspace
    from tests.conftest import TEST_KEYS

    folder_state(data_dir)  # the open path's hook: an interrupted restore is settled here
    return Workspace.open(data_dir, TEST_KEYS)


def test_restore_brings_back_records_documents_and_audits_it(
    workspace, backups, admin, person, data_dir
) -> None:  # type: ignore[no-untyped-def]
    made = backups.create(admin)
    _another(workspace, admin)
    contents = backups.inspect(admin, made)
    assert contents.counts["participant"] == 1  # shown before anything is replaced
    result = backups.restore(admin, made)
    assert result.safety_copy.name.endswith("-antes-de-restaurar.rdcopia")
    assert not list(data_dir.glob(".restaurando*"))
    reopened = _reopen(data_dir)
    try:
        from reinsercion_desktop.services.audit_log import AuditService
        from reinsercion_desktop.services.check import check_workspace

        report = check_workspace(reopened)
        assert report.ok, report.problems
        assert report.counts["participant"] == 1
        assert len(list(reopened.paths.attachments.rglob("*"))) >= 1
        entries = AuditService(reopened.db).entries(admin)
        assert any(entry.action == "restore" for entry in entries)
    finally:
        reopened.close()


@pytest.mark.parametrize("cut_after", [0, 1, 2, 3, 4])
def test_a_restore_cut_mid_swap_is_finished_at_the_next_open(
    workspace, backups, admin, person, data_dir, monkeypatch, cut_after
) -> None:  # type: ignore[no-untyped-def]
    from reinsercion_desktop.services import backup_restore

    made = backups.create(admin)
    _another(workspace, admin)
    real_replace, moves = os.replace, []

    def dying_replace(source, target):  # type: ignore[no-untyped-def]
        if len(moves) >= cut_after and ".restaurando-" in str(source) + str(target):
            raise KeyboardInterrupt  # the kill, between two renames
        moves.append(target)
        real_replace(source, target)

    monkeypatch.setattr(backup_restore.os, "replace", dying_replace)
    with pytest.raises(KeyboardInterrupt):
        backups.restore(admin, made)
    monkeypatch.setattr(backup_restore.os, "replace", real_replace)
    reopened = _reopen(data_dir)
    try:
        from reinsercion_desktop.services.check import check_workspace

        report = check_workspace(reopened)
        assert report.ok, report.problems
        assert report.counts["participant"] == 1  # finished: the copy's state
    finally:
        reopened.close()
    assert not list(data_dir.glob(".restaurando*"))


def test_a_restore_killed_while_extracting_changes_nothing(
    workspace, backups, admin, person, data_dir, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from reinsercion_desktop.services import backup_restore

    made = backups.create(admin)
    _another(workspace, admin)

    def killed(*_args):  # type: ignore[no-untyped-def]
        (data_dir / ".restaurando-dead" / "nuevo").mkdir(parents=True)
        raise KeyboardInterrupt

    monkeypatch.setattr(backup_restore, "_extract", killed)
    with pytest.raises(KeyboardInterrupt):
        backups.restore(admin, made)
    workspace.close()
    reopened = _reopen(data_dir)
    try:
        from reinsercion_desktop.services.check import check_workspace

        report = check_workspace(reopened)
        assert report.ok, report.problems
        assert report.counts["participant"] == 2  # as before the restore
    finally:
        reopened.close()
    assert not list(data_dir.glob(".restaurando*"))


# -- before a migration --------------------------------------------------------------------

FIXTURE = Path(__file__).parents[1] / "fixtures" / "db" / "rev_0006.sqlite"


def _old_folder(tmp_path: Path) -> Path:
    import shutil

    data = tmp_path / "vieja"
    (data / "copias").mkdir(parents=True)
    shutil.copyfile(FIXTURE, data / "reinsercion.sqlite")
    return data


def test_a_migration_first_makes_a_verified_copy_of_the_new_kind(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reinsercion_desktop.services.backup_files import verify_copy
    from reinsercion_desktop.services.gate import Gate

    data = _old_folder(tmp_path)
    workspace = Gate(data).login("admin", "secreta123").workspace  # converted, then migrated
    try:
        copies = list((data / "copias").glob("*-antes-de-migrar.rdcopia"))
        assert len(copies) == 1
        assert verify_copy(data, workspace.keys, copies[0]).schema == "0006"
        assert not list((data / "copias").glob(".parcial-*"))
    finally:
        workspace.close()


def test_no_migration_unless_the_copy_verified(workspace, admin, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import alembic.command

    from reinsercion_desktop.db import migrate
    from reinsercion_desktop.services.backup_files import pre_migration_copy

    real = backup_files.examine

    def corrupt(path, key):  # type: ignore[no-untyped-def]
        facts = real(path, key)
        return type(facts)(integrity=["row 7 missing from index"], revision=facts.revision)

    def never(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("migrated without a verified copy")

    monkeypatch.setattr(backup_files, "examine", corrupt)
    monkeypatch.setattr(alembic.command, "upgrade", never)
    paths = workspace.paths
    with pytest.raises(UserError, match="integridad"):
        migrate.upgrade_to_head(
            paths.database,
            paths.backups,
            cipher_key=workspace.keys.sqlcipher,
            target=migrate.HEAD_REVISION,
            make_backup=pre_migration_copy(paths, workspace.keys, workspace.clock),
        )
    assert list(paths.backups.iterdir()) == []


def test_a_database_with_a_damaged_page_fails_the_check(workspace, admin, person, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reinsercion_desktop.db.backup_copy import examine, online_backup

    copy = tmp_path / "copia.sqlite"
    online_backup(workspace.paths.database, copy, workspace.keys.sqlcipher)
    assert examine(copy, workspace.keys.sqlcipher).integrity == []
    data = bytearray(copy.read_bytes())
    data[4096 * 3 + 100] ^= 0xFF  # one byte of the fourth page
    copy.write_bytes(bytes(data))
    facts = examine(copy, workspace.keys.sqlcipher)
    assert facts.integrity and facts.revision is None


def test_a_damaged_live_database_gets_a_clear_message_and_no_copy(workspace, admin, person) -> None:  # type: ignore[no-untyped-def]
    database = workspace.paths.database
    workspace.db.dispose()
    data = bytearray(database.read_bytes())
    data[4096 * 3 + 100] ^= 0xFF
    database.write_bytes(bytes(data))
    with pytest.raises(UserError, match="dañada"):
        BackupService(workspace).create(admin)
    assert _names(workspace.paths.backups) == []
