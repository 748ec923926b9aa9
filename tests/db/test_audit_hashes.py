"""The audit log's hashes (db/audit.py): the fast chain hash equals the reference one, and a
record's keyed hash is the same from the ORM object being written and from the row read
back raw, whatever its column types and however older versions stored a date and time."""

import json
from contextlib import closing
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy.dialects import sqlite

from reinsercion_desktop.db.audit import (
    codec_for,
    entry_hash,
    text_entry_hash,
    to_json_value,
    utc_text,
    value_mac,
)
from reinsercion_desktop.db.engine import connect
from reinsercion_desktop.db.models import FormInstance, Installation, Participant
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.enums import Role

KEY = bytes(range(32))


@pytest.mark.parametrize(
    "text",
    ["", "plain", 'comillas "dobles" y \\ barra', "ñandú — «VIH»", "línea\nnueva\t\x01", "😀"],
)
def test_the_fast_chain_hash_is_the_reference_one(text: str) -> None:
    fields = {
        "at": datetime(2026, 1, 15, 9, 0, 0, 123, tzinfo=UTC),
        "actor_id": text,
        "actor_login": "ana",
        "installation_id": "i",
        "action": "update",
        "entity": "participant",
        "record_id": "r",
        "participant_id": text,
        "changes": json.dumps({"@contenido": text}, ensure_ascii=False),
        "reason": text,
    }
    as_text = {**fields, "at": to_json_value(fields["at"])}
    assert text_entry_hash("a" * 64, as_text) == entry_hash("a" * 64, fields)


def test_a_date_and_time_reads_alike_however_it_was_stored() -> None:
    moment = datetime(2026, 1, 15, 9, 30, 0, tzinfo=UTC)
    madrid = moment.astimezone(timezone(timedelta(hours=1)))
    texts = {
        utc_text(moment),
        utc_text(madrid),
        utc_text("2026-01-15 09:30:00.000000"),  # as the ORM stores it
        utc_text("2026-01-15 09:30:00+00:00"),  # as bulk writes of older versions did
    }
    assert texts == {"2026-01-15 09:30:00.000000"}


@pytest.mark.parametrize(
    "text",
    [
        "2026-01-15 09:30:00.000001",
        "1999-12-31 23:59:59.999999",
        "2026-13-45 09:30:00.000000",  # not a date: kept as it is, either way
        "2026-01-15 24:00:00.000000",
        "0000-01-01 00:00:00.000000",
        "2026-01-15 09:30:00+00:00",  # as bulk writes store an aware time
        "2026-01-15 09:30:00.000250+00:00",
        "2026-02-30 09:30:00+00:00",  # not a date: kept as it is, either way
    ],
)
def test_a_text_as_the_orm_or_bulk_writes_it_is_taken_as_parsing_would_give_it(
    text: str,
) -> None:
    """utc_text reads such a text without parsing it (an import reads 300,000 of them):
    what parsing it and writing it again gives."""
    try:
        moment = datetime.fromisoformat(text)
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
        slow = moment.isoformat(" ", "microseconds")
    except ValueError:
        slow = text
    assert utc_text(text) == slow


def test_equal_values_of_two_records_hash_apart() -> None:
    """Else the hashes of an HIV status would group people by it."""
    one = value_mac(KEY, "participant", "p-1", "hiv_status", "positivo")
    two = value_mac(KEY, "participant", "p-2", "hiv_status", "positivo")
    assert one != two
    assert value_mac(KEY, "participant", "p-1", "hiv_status", None) != value_mac(
        KEY, "participant", "p-1", "hiv_status", ""
    )


def test_a_records_hash_is_the_same_written_and_read_back(db) -> None:  # type: ignore[no-untyped-def]
    actor = Actor("u-1", "ana", "Ana", Role.ADMIN, "inst-1")
    with db.unit_of_work(actor) as work:
        centre = work.add(
            Installation(
                kind="centre", name="Nueva Vida", code="V-1", cost_per_place_day=35, is_local=True
            )
        )
        person = work.add(
            Participant(
                first_name="Ana",
                surname1="Ruiz",
                birth_date=date(1980, 1, 1),
                sex="M",
                codapel="RUXX010180M",
                methadone_dose_mg=40,
                archived_at=datetime(2026, 1, 2, 10, 0, tzinfo=timezone(timedelta(hours=2))),
            )
        )
        form = work.add(
            FormInstance(
                form_id="anexo-iv",
                definition_version=1,
                participant_id=person.id,
                data='{"a": "ñ"}',
            )
        )
    dialect = sqlite.dialect()
    with closing(connect(db.path, db.cipher_key)) as connection:
        for record in (centre, person, form):
            table = type(record).__table__  # type: ignore[attr-defined]
            cursor = connection.execute(f"SELECT * FROM {table.name} WHERE id = ?", (record.id,))
            columns = tuple(d[0] for d in cursor.description)
            row = cursor.fetchone()
            codec = codec_for(table, dialect)
            written = codec.content_mac(KEY, codec.record_texts(record))
            assert codec.row_content_mac(KEY, columns, row) == written, table.name
            (recorded,) = connection.execute(
                "SELECT changes FROM audit_log WHERE record_id = ?", (record.id,)
            ).fetchone()
            assert json.loads(recorded)["@contenido"] == codec.row_content_mac(
                db.audit_key, columns, row
            )
