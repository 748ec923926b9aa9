"""The SQLite engine, the unit of work (stamps + audit in one commit) and the audit chain."""

import copy
import json
from contextlib import closing
from datetime import date

import pytest
import sqlcipher3
from sqlalchemy.exc import IntegrityError
from sqlmodel import func, select

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.audit import GENESIS_HASH
from reinsercion_desktop.db.engine import connect, make_engine
from reinsercion_desktop.db.models import AuditEntry, Participant, UserAccount, Vivienda
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.enums import AuditAction, Role
from reinsercion_desktop.security.actors import issue_actor
from reinsercion_desktop.services.audit_log import AuditService, audit_lines, broken_links
from tests.conftest import TEST_KEYS

INSTALLATION_ID = "11111111-2222-3333-4444-555555555555"


@pytest.fixture
def actor() -> Actor:
    return issue_actor("user-1", "marta", "Marta Ruiz", Role.RESPONSABLE, INSTALLATION_ID)


def count(db, model) -> int:
    with db.read() as session:
        return session.exec(select(func.count()).select_from(model)).one()


def audit(db) -> list[AuditEntry]:
    with db.read() as session:
        return list(queries.audit_entries(session=session))


def add_vivienda(db, actor, name="Vivienda Triana") -> Vivienda:
    with db.unit_of_work(actor) as work:
        return work.add(Vivienda(name=name, places_men=6))


def raw(db):  # type: ignore[no-untyped-def]
    return connect(db.path, TEST_KEYS.sqlcipher)


def replace_key(db):  # type: ignore[no-untyped-def]
    """The same database seen with another audit key (as someone without the data key)."""
    other = copy.copy(db)
    other.audit_key = bytes(32)
    return other


# -- engine ------------------------------------------------------------------------------


def test_engine_uses_wal_and_foreign_keys(db):
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000


def test_engine_without_foreign_keys_for_migrations(tmp_path):
    engine = make_engine(tmp_path / "x.sqlite", cipher_key=TEST_KEYS.sqlcipher, foreign_keys=False)
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 0
    finally:
        engine.dispose()


def test_foreign_keys_are_enforced_on_write(db, actor):
    with pytest.raises(IntegrityError), db.unit_of_work(actor) as work:
        work.add(
            Participant(
                first_name="Ana",
                surname1="Ruiz",
                birth_date=date(1980, 1, 1),
                sex="M",
                codapel="RUXX010180M",
                vivienda_id="no-such-vivienda",
            )
        )
    assert count(db, Participant) == 0
    assert count(db, AuditEntry) == 0


# -- stamping ----------------------------------------------------------------------------


def test_unit_of_work_stamps_a_new_record(db, actor, clock):
    created = add_vivienda(db, actor)
    with db.read() as session:
        stored = session.get(Vivienda, created.id)
    assert stored is not None
    assert len(stored.id) == 36
    assert stored.created_at == clock.now()
    assert stored.updated_at == clock.now()
    assert stored.created_by == stored.updated_by == "marta"
    assert stored.version == 1
    assert stored.installation_id == INSTALLATION_ID


def test_unit_of_work_keeps_an_explicit_installation_id(db, actor):
    with db.unit_of_work(actor) as work:
        record = work.add(Vivienda(name="De otra instalación", installation_id="other-inst"))
    with db.read() as session:
        assert session.get(Vivienda, record.id).installation_id == "other-inst"


def test_edit_bumps_version_and_restamps_update_only(db, actor, clock):
    created = add_vivienda(db, actor)
    first_moment = clock.now()
    clock.advance(hours=2)
    editor = issue_actor("user-2", "luis", "Luis Gil", Role.TECNICO, INSTALLATION_ID)
    with db.unit_of_work(editor) as work:
        work.get(Vivienda, created.id).name = "Vivienda Triana II"
    with db.read() as session:
        stored = session.get(Vivienda, created.id)
    assert stored.name == "Vivienda Triana II"
    assert stored.version == 2
    assert stored.created_at == first_moment
    assert stored.created_by == "marta"
    assert stored.updated_at == clock.now()
    assert stored.updated_by == "luis"

    with db.unit_of_work(editor) as work:
        work.get(Vivienda, created.id).places_men = 7
    with db.read() as session:
        assert session.get(Vivienda, created.id).version == 3


# -- audit in the same transaction -------------------------------------------------------


def test_create_appends_an_audit_entry(db, actor, clock):
    created = add_vivienda(db, actor)
    entries = audit(db)
    assert len(entries) == 1
    entry = entries[0]
    assert entry.action == AuditAction.CREATE.value
    assert entry.entity == "vivienda"
    assert entry.record_id == created.id
    assert entry.actor_login == "marta"
    assert entry.actor_id == "user-1"
    assert entry.installation_id == INSTALLATION_ID
    assert entry.at == clock.now()
    # Which fields the creation set and a keyed hash of the record, never the values.
    values = json.loads(entry.changes)
    assert set(values) == {"@campos", "@contenido"}
    assert {"name", "places_men"} <= set(values["@campos"])
    assert "version" not in values["@campos"] and "created_at" not in values["@campos"]
    assert len(values["@contenido"]) == 32
    assert "Triana" not in entry.changes


def test_update_audits_old_and_new_values(db, actor):
    created = add_vivienda(db, actor)
    with db.unit_of_work(actor, reason="cambio de nombre") as work:
        work.get(Vivienda, created.id).name = "Vivienda Nueva"
    entry = audit(db)[-1]
    assert entry.action == "update"
    assert entry.record_id == created.id
    changes = json.loads(entry.changes)
    assert set(changes) == {"name", "@contenido"}
    assert "Triana" not in entry.changes and "Nueva" not in entry.changes
    assert entry.reason == "cambio de nombre"
    # The keyed hashes prove the old and the new value to whoever holds the data key.
    line = audit_lines(db)[-1]
    service = AuditService(db)
    assert service.proves(line, "name", "Vivienda Nueva")
    assert service.proves(line, "name", "Vivienda Triana", old=True)
    assert not service.proves(line, "name", "Vivienda Triana")
    assert not AuditService(replace_key(db)).proves(line, "name", "Vivienda Nueva")


def test_delete_is_audited(db, actor):
    created = add_vivienda(db, actor)
    with db.unit_of_work(actor) as work:
        work.session.delete(work.get(Vivienda, created.id))
    assert count(db, Vivienda) == 0
    entry = audit(db)[-1]
    assert (entry.action, entry.record_id) == ("delete", created.id)


def test_failure_inside_unit_of_work_keeps_neither_record_nor_audit(db, actor):
    add_vivienda(db, actor)
    before = (count(db, Vivienda), count(db, AuditEntry))

    class Boom(Exception):
        pass

    with pytest.raises(Boom), db.unit_of_work(actor) as work:
        work.add(Vivienda(name="Vivienda fantasma", places_mixed=4))
        work.flush()  # the record and its audit entry reach the database...
        raise Boom  # ...and are rolled back together
    assert (count(db, Vivienda), count(db, AuditEntry)) == before
    with db.read() as session:
        assert [v.name for v in queries.viviendas(session=session)] == ["Vivienda Triana"]


def test_failed_edit_keeps_the_old_values_and_version(db, actor):
    created = add_vivienda(db, actor)
    with pytest.raises(RuntimeError), db.unit_of_work(actor) as work:
        work.get(Vivienda, created.id).name = "Nunca guardado"
        work.flush()
        raise RuntimeError("fallo")
    with db.read() as session:
        stored = session.get(Vivienda, created.id)
    assert (stored.name, stored.version) == ("Vivienda Triana", 1)
    assert [e.action for e in audit(db)] == ["create"]


def test_no_op_edit_does_not_bump_version_nor_audit(db, actor):
    created = add_vivienda(db, actor)
    with db.unit_of_work(actor) as work:
        vivienda = work.get(Vivienda, created.id)
        vivienda.name = "Vivienda Triana"
        vivienda.places_men = 6
    with db.read() as session:
        assert session.get(Vivienda, created.id).version == 1
    assert len(audit(db)) == 1


def test_changing_a_value_and_back_is_a_no_op(db, actor):
    created = add_vivienda(db, actor)
    with db.unit_of_work(actor) as work:
        vivienda = work.get(Vivienda, created.id)
        vivienda.name = "Otro"
        vivienda.name = "Vivienda Triana"
    with db.read() as session:
        assert session.get(Vivienda, created.id).version == 1
    assert len(audit(db)) == 1


def test_changes_made_in_a_read_session_are_not_saved(db, actor):
    created = add_vivienda(db, actor)
    with db.read() as session:
        session.get(Vivienda, created.id).name = "Cambio perdido"
    with db.read() as session:
        assert session.get(Vivienda, created.id).name == "Vivienda Triana"


def test_password_hash_is_redacted_in_the_audit(db, actor):
    secret = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA"
    with db.unit_of_work(actor) as work:
        user = work.add(
            UserAccount(login="pepe", full_name="Pepe Pérez", role="tecnico", password_hash=secret)
        )
    with db.unit_of_work(actor) as work:
        work.get(UserAccount, user.id).password_hash = secret + "-nuevo"
    created, updated = audit(db)
    assert "password_hash" in json.loads(created.changes)["@campos"]
    assert set(json.loads(updated.changes)) == {"password_hash", "@contenido"}
    for entry in (created, updated):
        assert "argon2" not in entry.changes and "pepe" not in entry.changes


def test_record_read_audits_a_read_with_participant(db, actor):
    with db.unit_of_work(actor) as work:
        work.record_read("participant", "p-1", participant_id="p-1")
    entry = audit(db)[0]
    assert (entry.action, entry.entity, entry.record_id, entry.participant_id) == (
        "read",
        "participant",
        "p-1",
        "p-1",
    )
    assert entry.changes == ""


def test_participant_writes_carry_the_participant_id(db, actor):
    with db.unit_of_work(actor) as work:
        person = work.add(
            Participant(
                first_name="Ana",
                surname1="Ruiz",
                birth_date=date(1980, 1, 1),
                sex="M",
                codapel="RUXX010180M",
                search_key="ana ruiz",
            )
        )
    entry = audit(db)[0]
    assert entry.participant_id == person.id
    assert "search_key" not in json.loads(entry.changes)


def test_audit_entries_are_chained(db, actor, clock):
    add_vivienda(db, actor, "Uno")
    clock.advance(minutes=1)
    with db.unit_of_work(actor) as work:
        work.add(Vivienda(name="Dos"))
        work.add(Vivienda(name="Tres"))
    entries = audit(db)
    assert len(entries) == 3
    assert entries[0].prev_hash == GENESIS_HASH
    for previous, entry in zip(entries, entries[1:], strict=False):
        assert entry.prev_hash == previous.hash
    assert len({e.hash for e in entries}) == 3
    assert broken_links(db) == []


# -- append-only and tamper evidence -----------------------------------------------------


def test_audit_log_refuses_update(db, actor):
    add_vivienda(db, actor)
    with (
        closing(raw(db)) as connection,
        pytest.raises(sqlcipher3.IntegrityError, match="append-only"),
    ):
        connection.execute("UPDATE audit_log SET actor_login = 'nadie'")
    assert audit(db)[0].actor_login == "marta"


def test_audit_log_refuses_delete(db, actor):
    add_vivienda(db, actor)
    with (
        closing(raw(db)) as connection,
        pytest.raises(sqlcipher3.IntegrityError, match="append-only"),
    ):
        connection.execute("DELETE FROM audit_log")
    assert count(db, AuditEntry) == 1


def test_broken_links_reports_an_altered_entry(db, actor):
    for name in ("Uno", "Dos", "Tres"):
        add_vivienda(db, actor, name)
    entries = audit(db)
    assert broken_links(db) == []
    target = entries[1].seq
    with closing(raw(db)) as connection:
        connection.execute("DROP TRIGGER audit_log_no_update")
        connection.execute("UPDATE audit_log SET reason = 'falso' WHERE seq = ?", (target,))
        connection.commit()
    assert broken_links(db) == [target]


def test_broken_links_reports_a_removed_entry(db, actor):
    for name in ("Uno", "Dos", "Tres"):
        add_vivienda(db, actor, name)
    entries = audit(db)
    with closing(raw(db)) as connection:
        connection.execute("DROP TRIGGER audit_log_no_delete")
        connection.execute("DELETE FROM audit_log WHERE seq = ?", (entries[1].seq,))
        connection.commit()
    assert broken_links(db) == [entries[2].seq]


def test_audit_lines_read_back_the_story(db, actor):
    created = add_vivienda(db, actor)
    with db.unit_of_work(actor) as work:
        work.get(Vivienda, created.id).name = "Nueva"
    lines = audit_lines(db)
    assert [line.action for line in lines] == ["create", "update"]
    assert set(lines[1].changes) == {"name"}  # the record's own hash is kept apart
    assert len(lines[1].content) == 32
    assert "campos: Nombre de la vivienda" in lines[1].summary()  # labels, not column names
    assert lines[0].action_label == "Alta de registro"


def test_a_child_staged_with_its_parent_in_one_unit_is_inserted_after_it(
    workspace, admin, participants, make_draft
):  # type: ignore[no-untyped-def]
    """No ORM relationships: the unit of work must still insert a stay before its outing."""
    from datetime import date

    from reinsercion_desktop.db.models import Outing, Stay, Vivienda
    from reinsercion_desktop.db.queries import viviendas

    person = participants.create(admin, make_draft())
    with workspace.db.read() as session:
        vivienda: Vivienda = viviendas(session=session)[0]
    with workspace.db.unit_of_work(admin) as work:
        stay = work.add(
            Stay(
                participant_id=person.id, vivienda_id=vivienda.id, admission_date=date(2025, 11, 2)
            )
        )
        work.add(Outing(stay_id=stay.id, start_date=date(2025, 12, 1), end_date=date(2025, 12, 3)))
    with workspace.db.read() as session:
        assert session.get(Stay, stay.id) is not None
