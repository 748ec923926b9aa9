"""Alembic migrations: from empty, in sync with the models, backups, released fixtures."""

import gc
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Column, Integer, MetaData, String, Table

from reinsercion_desktop.db import migrate
from reinsercion_desktop.db.engine import connect, make_engine
from reinsercion_desktop.db.models import all_tables
from reinsercion_desktop.db.plain import encrypt_copy
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.services.check import check_workspace
from reinsercion_desktop.services.gate import Gate
from reinsercion_desktop.services.workspace import Workspace
from tests.conftest import TEST_KEYS

metadata = all_tables()  # every table, the later ones too

FIXTURES = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "db").glob("rev_*.sqlite"))

# The people tests/fixtures/make_fixture_db.py puts in every fixture (its FIXTURE_PEOPLE).
SQLITE_HEADER = b"SQLite format 3\x00"
COUNTED = (
    "participant",
    "attachment",
    "user_account",
    "vivienda",
    "referring_centre",
    "installation",
    "audit_log",
)
FIXTURE_PEOPLE = {
    ("José", "Núñez", "García", "NUGA070385H"),
    ("María Ángeles", "Peña", "Ibáñez", "PEIB290272M"),
}


def tables_in(path: Path) -> set[str]:
    with closing(connect(path, TEST_KEYS.sqlcipher)) as connection:
        return {
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        }


def query(path: Path, sql: str, keys=TEST_KEYS) -> list[tuple]:  # type: ignore[no-untyped-def]
    with closing(connect(path, keys.sqlcipher)) as connection:
        return connection.execute(sql).fetchall()


def diff_against(path: Path, target: MetaData) -> list:
    engine = make_engine(path, cipher_key=TEST_KEYS.sqlcipher)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return compare_metadata(context, target)
    finally:
        engine.dispose()


@pytest.fixture
def fresh_db(tmp_path: Path) -> Path:
    path = tmp_path / "reinsercion.sqlite"
    assert (
        migrate.upgrade_to_head(path, tmp_path / "copias", cipher_key=TEST_KEYS.sqlcipher) is None
    )
    return path


def test_head_revision_constant_matches_alembic_head():
    assert migrate.script_head() == migrate.HEAD_REVISION


def test_upgrade_from_empty_creates_every_table_and_stamps_head(tmp_path, fresh_db):
    assert tables_in(fresh_db) == set(metadata.tables) | {"alembic_version"}
    assert migrate.current_revision(fresh_db, TEST_KEYS.sqlcipher) == migrate.HEAD_REVISION
    # A brand-new file needs no backup.
    assert not (tmp_path / "copias").exists() or not any((tmp_path / "copias").iterdir())


def test_upgrade_creates_the_append_only_triggers(fresh_db):
    triggers = {
        row[0] for row in query(fresh_db, "SELECT name FROM sqlite_master WHERE type='trigger'")
    }
    assert {"audit_log_no_update", "audit_log_no_delete"} <= triggers


def test_current_revision_of_missing_or_foreign_files(tmp_path):
    assert migrate.current_revision(tmp_path / "nothing.sqlite", TEST_KEYS.sqlcipher) is None
    other = tmp_path / "other.sqlite"
    with closing(connect(other, TEST_KEYS.sqlcipher)) as connection:
        connection.execute("CREATE TABLE t (x)")
    assert migrate.current_revision(other, TEST_KEYS.sqlcipher) is None


def test_models_and_migrations_are_in_sync(fresh_db):
    assert diff_against(fresh_db, metadata) == []


def test_sync_check_can_fail(fresh_db):
    """The comparison above sees a difference when there is one."""
    changed = MetaData(naming_convention=metadata.naming_convention)
    for table in metadata.tables.values():
        table.to_metadata(changed)
    Table("new_table", changed, Column("id", Integer, primary_key=True))
    changed.tables["vivienda"].append_column(Column("nickname", String(30), nullable=True))
    diff = diff_against(fresh_db, changed)
    kinds = {entry[0] if isinstance(entry, tuple) else entry[0][0] for entry in diff}
    assert "add_table" in kinds
    assert "add_column" in kinds


def test_upgrade_of_a_populated_database_backs_it_up_first(
    tmp_path, workspace, admin, participants, make_draft
):
    participants.create(admin, make_draft())
    participants.create(
        admin,
        make_draft(
            first_name="María",
            surname1="Peña",
            surname2="Ibáñez",
            birth_date="29/02/1972",
            sex="M",
            id_kind="nie",
            id_number="X1234567L",
        ),
    )
    database, backups = workspace.paths.database, workspace.paths.backups
    workspace.close()
    assert list(backups.iterdir()) == []

    # Already at head: nothing to do, no backup.
    assert migrate.upgrade_to_head(database, backups, cipher_key=TEST_KEYS.sqlcipher) is None
    assert list(backups.iterdir()) == []

    # Asked to (re)apply a revision on an existing file: a verified backup comes first.
    backup = migrate.upgrade_to_head(
        database, backups, cipher_key=TEST_KEYS.sqlcipher, target=migrate.HEAD_REVISION
    )
    assert backup is not None
    assert backup.parent == backups
    assert sorted(backups.glob("*.sqlite")) == [backup]
    assert query(backup, "PRAGMA integrity_check") == [("ok",)]
    names = {row for row in query(backup, "SELECT first_name, surname1 FROM participant")}
    assert names == {("José", "Núñez"), ("María", "Peña")}
    for table in ("installation", "vivienda", "user_account", "audit_log"):
        assert query(backup, f"SELECT count(*) FROM {table}") == query(
            database, f"SELECT count(*) FROM {table}"
        )
    assert migrate.current_revision(backup, TEST_KEYS.sqlcipher) == migrate.HEAD_REVISION


def test_backup_is_closed_when_upgrade_returns(workspace, admin):
    """The backup's connections are closed on return: one self-contained file, no -wal/-shm.

    Cyclic garbage collection is paused so that only an explicit close can release them
    (otherwise the result would depend on when the collector happens to run).
    """
    database, backups = workspace.paths.database, workspace.paths.backups
    workspace.close()
    gc.collect()
    gc.disable()
    try:
        backup = migrate.upgrade_to_head(
            database, backups, cipher_key=TEST_KEYS.sqlcipher, target=migrate.HEAD_REVISION
        )
        left_in_folder = sorted(path.name for path in backups.iterdir())
    finally:
        gc.enable()
        gc.collect()
    assert backup is not None
    assert left_in_folder == [backup.name]


def test_a_file_that_is_not_a_database_gets_a_clear_error_and_is_left_alone(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    garbage = b"esto no es una base de datos " * 200
    (data / "reinsercion.sqlite").write_bytes(garbage)
    with pytest.raises(UserError):
        Workspace.open(data, TEST_KEYS)
    assert (data / "reinsercion.sqlite").read_bytes() == garbage


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_released_database_upgrades_to_head_without_loss(tmp_path, fixture):
    """Every released schema opens: a plain one (before encryption) is converted at the
    first login (its admin keeps the password), an encrypted one opens with its key; both
    are migrated to head after a backup, with nothing lost."""
    data = tmp_path / "data"
    (data / "copias").mkdir(parents=True)
    database = data / "reinsercion.sqlite"
    shutil.copyfile(fixture, database)
    plain = database.read_bytes()[:16] == SQLITE_HEADER
    if plain:
        with closing(sqlite3.connect(database)) as connection:
            revision_before = connection.execute(
                "SELECT version_num FROM alembic_version"
            ).fetchone()[0]
            counts_before = {
                table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in COUNTED
            }
        opened = Gate(data).login("admin", "secreta123")
        workspace = opened.workspace
        assert opened.recovery_code  # the conversion made a recovery key to print
    else:
        revision_before = migrate.current_revision(database, TEST_KEYS.sqlcipher)
        counts_before = {
            table: query(database, f"SELECT count(*) FROM {table}")[0][0] for table in COUNTED
        }
        workspace = Workspace.open(data, TEST_KEYS)
    keys = workspace.keys
    try:
        assert revision_before is not None
        assert migrate.current_revision(database, keys.sqlcipher) == migrate.HEAD_REVISION
        people = set(
            query(database, "SELECT first_name, surname1, surname2, codapel FROM participant", keys)
        )
        assert people == FIXTURE_PEOPLE
        assert query(database, "PRAGMA foreign_key_check", keys) == []
        assert query(database, "PRAGMA integrity_check", keys) == [("ok",)]
        for table, before in counts_before.items():
            after = query(database, f"SELECT count(*) FROM {table}", keys)[0][0]
            assert after >= before if table == "audit_log" else after == before, table
        if revision_before != migrate.HEAD_REVISION or plain:
            assert any((data / "copias").glob("*.sqlite")) or any(
                (data / "copias").glob("copia-*-antes-de-migrar.rdcopia")  # the workspace's
            )
        # Nothing is left in clear: no backup, no database, no file beside them.
        for path in data.rglob("*"):
            if path.is_file():
                assert SQLITE_HEADER not in path.read_bytes()[:16], path.name
                assert "Núñez".encode() not in path.read_bytes(), path.name
        # The file passes the full check (audit chain included).
        report = check_workspace(workspace)
    finally:
        workspace.close()
    # The fixtures keep their attachments' records, not their files: check says so.
    assert [problem for problem in report.problems if "documento adjunto" not in problem] == []
    assert report.counts["participant"] == len(FIXTURE_PEOPLE)


def test_there_is_a_fixture_for_the_head_revision():
    assert any(f.stem == f"rev_{migrate.HEAD_REVISION}" for f in FIXTURES), (
        "run tests/fixtures/make_fixture_db.py for the new revision and commit the file"
    )


def test_0007_asks_a_reason_outside_the_caseload_in_existing_centres(tmp_path: Path) -> None:
    """SPEC §9: an installation upgraded from 0006 asks the reason from the start."""
    [before] = [f for f in FIXTURES if f.stem == "rev_0006"]  # a plain one: encrypt it first
    database = tmp_path / "reinsercion.sqlite"
    encrypt_copy(before, database, TEST_KEYS.sqlcipher)
    migrate.upgrade_to_head(
        database, tmp_path / "copias", cipher_key=TEST_KEYS.sqlcipher, target="0007"
    )
    assert query(database, "SELECT reason_outside_caseload FROM installation") == [(1,)]


def test_0008_indexes_participants_by_case_manager_and_the_caseload_starts_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A caseload read scanned every participant (on the encrypted file every page read is
    decrypted: 1.1 s at office scale); from 0008 it starts from the case manager's files."""
    from reinsercion_desktop.db import case_queries

    [before] = [f for f in FIXTURES if f.stem == "rev_0007"]
    database = tmp_path / "reinsercion.sqlite"
    encrypt_copy(before, database, TEST_KEYS.sqlcipher)
    migrate.upgrade_to_head(
        database, tmp_path / "copias", cipher_key=TEST_KEYS.sqlcipher, target="0008"
    )
    with closing(connect(database, TEST_KEYS.sqlcipher)) as connection:
        manager = connection.execute(
            "SELECT case_manager_id FROM participant WHERE case_manager_id IS NOT NULL"
        ).fetchone()[0]
        first_steps = []

        def planned(_session, sql: str, values: tuple) -> list:  # type: ignore[no-untyped-def]
            plan = connection.execute("EXPLAIN QUERY PLAN " + sql, values).fetchall()
            first_steps.append(plan[0][3])
            return []

        monkeypatch.setattr(case_queries, "_run", planned)
        case_queries.open_objectives(session=None, case_manager_id=manager)  # type: ignore[arg-type]
        case_queries.latest_appointments(session=None, case_manager_id=manager)  # type: ignore[arg-type]
    assert (
        first_steps
        == ["SEARCH p USING INDEX ix_participant_case_manager_id (case_manager_id=?)"] * 2
    )


def test_0010_adds_year_figures_complaints_and_the_small_count_threshold(tmp_path: Path) -> None:
    """An installation upgraded from 0009 protects counts under 5 (SPEC §9) from the start,
    and the new tables are there, empty; the 0010 fixture keeps its figures and complaint."""
    [before] = [f for f in FIXTURES if f.stem == "rev_0009"]
    database = tmp_path / "reinsercion.sqlite"
    shutil.copyfile(before, database)
    migrate.upgrade_to_head(
        database, tmp_path / "copias", cipher_key=TEST_KEYS.sqlcipher, target="0010"
    )
    assert query(database, "SELECT small_count_threshold FROM installation") == [(5,)]
    assert query(database, "SELECT count(*) FROM vivienda_year") == [(0,)]
    assert query(database, "SELECT count(*) FROM complaint") == [(0,)]
    [released] = [f for f in FIXTURES if f.stem == "rev_0010"]
    assert query(
        released, "SELECT year, budget_planned, staff_weekly_hours FROM vivienda_year"
    ) == [(2025, 98000.0, 75.0)]
    assert query(released, "SELECT kind, answered_on FROM complaint") == [
        ("alimentacion", "2025-12-09")
    ]


def test_0011_adds_the_peers_table_empty_and_the_fixture_keeps_its_trusted_office(
    tmp_path: Path,
) -> None:
    """Issue 13: an upgraded installation trusts nobody yet; the 0011 fixture's office
    keeps its confirmed fingerprint."""
    [before] = [f for f in FIXTURES if f.stem == "rev_0010"]
    database = tmp_path / "reinsercion.sqlite"
    shutil.copyfile(before, database)
    migrate.upgrade_to_head(
        database, tmp_path / "copias", cipher_key=TEST_KEYS.sqlcipher, target="0011"
    )
    assert query(database, "SELECT count(*) FROM peer") == [(0,)]
    [released] = [f for f in FIXTURES if f.stem == "rev_0011"]
    [(name, kind, fingerprint, active)] = query(
        released, "SELECT name, kind, fingerprint, active FROM peer"
    )
    assert (name, kind, active) == ("Oficina FADA", "office", 1)
    assert len(fingerprint) == 19 and fingerprint.count(" ") == 3
