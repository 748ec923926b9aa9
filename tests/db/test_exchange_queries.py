"""The exchange's reads (db/exchange_queries.py): the audit log as the outbox — the fields
each record had written since a point, less what imports wrote — and the records as
stored."""

from datetime import date

from sqlmodel import select

from reinsercion_desktop.db import exchange_queries as exchange
from reinsercion_desktop.db.models import Participant


def test_the_fields_written_since_a_point_of_the_log(db, admin, participants, make_draft) -> None:  # type: ignore[no-untyped-def]
    with db.read() as session:
        start = exchange.last_audit_seq(session)
    created = participants.create(admin, make_draft())
    with db.read() as session:
        after_create = exchange.last_audit_seq(session)
    with db.unit_of_work(admin) as work:
        person = work.get(Participant, created.id)
        assert person is not None
        person.phone, person.notes = "600111222", "Nota interna"
    with db.read() as session:
        since_start = exchange.changed_since(session, after=start, tables=["participant"])
        since_create = exchange.changed_since(session, after=after_create, tables=["participant"])
        imported = exchange.changed_since(
            session, after=start, tables=["participant"], skip=[(start + 1, after_create)]
        )
        other_tables = exchange.changed_since(session, after=start, tables=["stay"])
    fields = since_start[("participant", created.id)]
    assert {"first_name", "surname1", "birth_date", "phone", "notes"} <= set(fields)
    assert fields["phone"] > fields["first_name"]  # the last entry that changed each
    assert {key: set(names) for key, names in since_create.items()} == {
        ("participant", created.id): {"phone", "notes"}
    }
    assert imported == since_create  # the entries an import wrote are not ours to send
    assert other_tables == {}


def test_records_are_read_as_stored(db, admin, participants, make_draft) -> None:  # type: ignore[no-untyped-def]
    created = participants.create(admin, make_draft())
    with db.read() as session:
        (row,) = exchange.stored_rows(
            session, "participant", ["first_name", "birth_date", "ptm"], ids=[created.id]
        )
        everyone = list(exchange.stored_rows(session, "participant", ["sex"]))
        nobody = list(exchange.stored_rows(session, "participant", ["sex"], ids=[]))
        count = len(session.exec(select(Participant)).all())
    assert row == {"id": created.id, "first_name": "José", "birth_date": "1985-03-07", "ptm": 0}
    assert date.fromisoformat(row["birth_date"]) == date(1985, 3, 7)
    assert len(everyone) == count and nobody == []


def test_the_gaps_between_what_imports_wrote_are_read_and_nothing_else() -> None:
    gaps = list(exchange._gaps(10, [(30, 40), (12, 20), (41, 50), (5, 8)]))
    assert gaps == [(10, 12), (20, 30), (50, 2**62)]
    assert list(exchange._gaps(0, [])) == [(0, 2**62)]
