"""The list of files read with the bare driver while the ORM still loads (issue 10's
automated start): the same rows as the service reads, or nothing at the least doubt."""

from pathlib import Path

import pytest

from reinsercion_desktop.db import migrate
from reinsercion_desktop.db.cipher import connect
from reinsercion_desktop.security.keys import DataKeys
from reinsercion_desktop.services.early_list import read_list_early
from reinsercion_desktop.services.gate import Gate
from tests.conftest import ADMIN_LOGIN, ADMIN_PASSWORD, TEST_KEYS


@pytest.fixture
def folder(workspace, admin, participants, make_draft) -> Path:  # type: ignore[no-untyped-def]
    participants.create(admin, make_draft())
    participants.create(admin, make_draft(first_name="Rocío", surname1="Vega", id_number=""))
    workspace.close()
    return workspace.paths.root


def test_the_early_rows_are_the_services_rows(folder, clock) -> None:
    early = read_list_early(folder, TEST_KEYS)
    assert early is not None and early.revision == migrate.HEAD_REVISION
    opened = Gate(folder, clock).login(ADMIN_LOGIN, ADMIN_PASSWORD)
    try:
        from reinsercion_desktop.services.participants import ParticipantService

        assert early.if_current() == ParticipantService(opened.workspace.db).list_rows()
        assert len(early.rows) == 2
    finally:
        opened.workspace.close()


def test_rows_read_under_another_schema_are_not_used(folder) -> None:
    """A migration at opening may change what the list shows: read again after it."""
    with connect(folder / "reinsercion.sqlite", TEST_KEYS.sqlcipher) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0008'")
    early = read_list_early(folder, TEST_KEYS)
    assert early is not None and early.revision == "0008"
    assert early.if_current() is None


def test_any_trouble_means_no_early_rows(folder, tmp_path) -> None:
    assert read_list_early(tmp_path / "nueva", TEST_KEYS) is None  # no database yet
    assert read_list_early(folder, DataKeys.generate()) is None  # not its key
    database = folder / "reinsercion.sqlite"
    with connect(database, TEST_KEYS.sqlcipher) as connection:
        connection.execute("DROP TABLE alembic_version")
    assert read_list_early(folder, TEST_KEYS) is None  # said properly when it opens


def test_the_login_hands_the_keys_to_whoever_waits_before_opening(folder, clock) -> None:
    seen: list[DataKeys] = []
    opened = Gate(folder, clock).login(ADMIN_LOGIN, ADMIN_PASSWORD, before_open=seen.append)
    opened.workspace.close()
    assert [keys.sqlcipher for keys in seen] == [TEST_KEYS.sqlcipher]
