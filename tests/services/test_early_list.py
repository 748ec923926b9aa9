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


def test_the_list_keeps_every_text_and_type_as_stored(db, admin) -> None:
    """The rows travel as one JSON array (db/list_rows.py): quotes, backslashes, line
    breaks, accents and characters beyond the BMP come back exactly, a missing vivienda as
    None, the birth date as a date and «archived» as a bool."""
    from datetime import UTC, date, datetime

    from sqlmodel import select

    from reinsercion_desktop.db.models import Participant, Vivienda
    from reinsercion_desktop.services.participants import ParticipantService

    awkward = ['O\'Brien "el Rubio"', "Peña\\Ruiz", "línea\nnueva\ttab", "Ñandú 𝄞 ☕", ""]
    with db.unit_of_work(admin) as work:
        house = work.session.exec(select(Vivienda)).first()
        assert house is not None
        for number, text in enumerate(awkward):
            work.add(
                Participant(
                    first_name=text, surname1=text or "X", surname2=text,
                    birth_date=date(1970 + number, 12, 31), sex="M", codapel=f"ZZ{number}",
                    vivienda_id=house.id if number % 2 else None,
                    archived_at=datetime(2026, 1, 1, tzinfo=UTC) if number == 1 else None,
                )
            )  # fmt: skip
    with db.read() as session:
        stored = {p.codapel: p for p in session.exec(select(Participant))}
    rows = {row.codapel: row for row in ParticipantService(db).list_rows()}
    assert "Ñandú 𝄞 ☕" in stored["ZZ3"].first_name and '"' in stored["ZZ0"].surname1
    for number in range(len(awkward)):
        row, person = rows[f"ZZ{number}"], stored[f"ZZ{number}"]
        assert (row.id, row.first_name, row.surname1, row.surname2) == (
            person.id,
            person.first_name,
            person.surname1,
            person.surname2,
        )
        assert row.birth_date == date(1970 + number, 12, 31)
        assert row.vivienda_id == (house.id if number % 2 else None)
        assert row.vivienda_name == (house.name if number % 2 else "")
        assert row.archived is (number == 1)
