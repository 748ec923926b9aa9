"""`reinsercion check` reads the anchor inside each `.rdcopia` of `copias/` (issue 11): a
copy whose anchored audit head is past the live log's end says the log was cut after it
was made, naming the copy and the entries, even when the key file was put back as it was
before the cut (its own anchor then agrees with the cut log)."""

from contextlib import closing

import pytest

from reinsercion_desktop.db.engine import connect
from reinsercion_desktop.security.keyfile import KEY_FILE_NAME, KeyFile
from reinsercion_desktop.services.check import check_workspace
from reinsercion_desktop.services.registry import build_services
from tests.services.test_audit_tampering import drop_triggers


@pytest.fixture
def services(workspace, admin):  # type: ignore[no-untyped-def]
    return build_services(workspace)


def _head(workspace) -> int:  # type: ignore[no-untyped-def]
    return KeyFile.load(workspace.paths.root).anchor()["payload"]["head"]["seq"]  # type: ignore[index]


def _cut_after(workspace, seq: int) -> None:  # type: ignore[no-untyped-def]
    """What someone with the database key does: the triggers dropped, the tail deleted,
    the triggers put back."""
    with closing(connect(workspace.paths.database, workspace.keys.sqlcipher)) as connection:
        triggers = [
            row[0]
            for row in connection.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
            )
        ]
        drop_triggers(connection)
        connection.execute("DELETE FROM audit_log WHERE seq > ?", (seq,))
        for trigger in triggers:
            connection.execute(trigger)
        connection.commit()


def test_copies_of_a_sound_folder_say_nothing(workspace, services, admin, make_draft) -> None:  # type: ignore[no-untyped-def]
    person = services.participants.create(admin, make_draft())
    services.backups.create(admin)
    services.participants.open(admin, person.id)
    services.backups.create(admin)
    assert check_workspace(workspace).problems == []


def test_a_log_cut_after_a_copy_is_found_through_the_copy_even_with_the_old_key_file(
    workspace, services, admin, make_draft
) -> None:  # type: ignore[no-untyped-def]
    person = services.participants.create(admin, make_draft())
    before = _head(workspace)
    old_key_file = (workspace.paths.root / KEY_FILE_NAME).read_bytes()
    for _ in range(3):  # three reads of the file, audited
        services.participants.open(admin, person.id)
    copy = services.backups.create(admin)
    after = _head(workspace)
    assert after > before
    _cut_after(workspace, before)
    (workspace.paths.root / KEY_FILE_NAME).write_bytes(old_key_file)  # the key file agrees
    problems = check_workspace(workspace).problems
    assert problems == [
        f"La copia de seguridad {copy.name} recoge el registro de auditoría hasta la entrada "
        f"{after}, pero el registro termina ahora en la {before}: se ha cortado su final "
        "después de hacerse la copia."
    ]


def test_a_cut_log_is_said_by_the_key_file_and_by_the_copy(
    workspace, services, admin, make_draft
) -> None:  # type: ignore[no-untyped-def]
    person = services.participants.create(admin, make_draft())
    before = _head(workspace)
    services.participants.open(admin, person.id)
    copy = services.backups.create(admin)
    _cut_after(workspace, before)
    problems = check_workspace(workspace).problems
    assert any(p.startswith("Falta la entrada") for p in problems)  # the key file's anchor
    assert any(copy.name in p and "se ha cortado su final después" in p for p in problems)


def test_an_unreadable_copy_is_said(workspace, services, admin, make_draft) -> None:  # type: ignore[no-untyped-def]
    services.participants.create(admin, make_draft())
    copy = services.backups.create(admin)
    copy.write_bytes(copy.read_bytes()[:-300])  # cut: its manifest is gone
    [problem] = check_workspace(workspace).problems
    assert copy.name in problem


def test_a_restore_is_no_cut_the_copies_made_before_it_are_another_history(
    workspace, services, admin, make_draft, clock
) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from reinsercion_desktop.services.workspace import Workspace
    from tests.conftest import TEST_KEYS

    person = services.participants.create(admin, make_draft())
    restored = services.backups.create(admin)
    for _ in range(3):
        services.participants.open(admin, person.id)
    clock.current += timedelta(seconds=5)
    services.backups.create(admin)  # on the history the restore abandons
    clock.current += timedelta(seconds=5)
    services.backups.restore(admin, restored)  # an `antes-de-restaurar` copy first
    again = Workspace.open(workspace.paths.root, TEST_KEYS, clock)
    try:
        clock.current += timedelta(seconds=5)
        build_services(again).backups.create(admin)  # after it: compared
        assert check_workspace(again).problems == []
    finally:
        again.close()
