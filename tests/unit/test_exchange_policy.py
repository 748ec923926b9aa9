"""What flows between a centre and its office (domain/exchange_policy.py): every name in
the allow-list is a real table and column; what identifies a person beyond the protocol
never leaves the centre; the questionnaires travel without the person; an incoming record
with anything else is refused."""

import pytest

from reinsercion_desktop.db.models import SYNCED_TABLES, all_tables
from reinsercion_desktop.domain.exchange_policy import (
    BOOKKEEPING,
    POLICY,
    Direction,
    NotAllowed,
    check_incoming,
    flow,
)


def test_every_table_and_field_named_exists_and_is_a_synced_record() -> None:
    tables = all_tables().tables
    synced = {model.__tablename__ for model in SYNCED_TABLES}  # type: ignore[attr-defined]
    for direction, flows in POLICY.items():
        for table, allowed in flows.items():
            assert table in synced, (direction, table)
            columns = set(tables[table].c.keys())
            missing = set(allowed.fields) | set(BOOKKEEPING)
            assert missing <= columns, (direction, table, missing - columns)


def test_what_identifies_a_person_beyond_the_protocol_stays_in_the_centre() -> None:
    person = set(flow(Direction.TO_OFFICE, "participant").fields)  # type: ignore[union-attr]
    for private in ("id_number", "notes", "gender_identity", "education_level",
                    "employment_situation", "search_key", "case_manager_id",
                    "pending_judicial", "archive_reason"):  # fmt: skip
        assert private not in person
    # Nothing of the plan, the follow-up, the consents or the attachments leaves at all.
    for table in ("interview", "reintegration_plan", "plan_objective", "consent_record",
                  "attachment", "tox_control", "incident", "user_account", "complaint"):  # fmt: skip
        assert flow(Direction.TO_OFFICE, table) is None
        assert flow(Direction.TO_CENTRE, table) is None
    # An assigned protocol reaches the centre as the circuit sends it: by name, no more.
    to_centre = flow(Direction.TO_CENTRE, "participant")
    assert to_centre is not None and set(to_centre.fields) == person
    forms = flow(Direction.TO_CENTRE, "form_instance")
    assert forms is not None and forms.forms == {"anexo-i"}


def test_only_the_circuit_forms_travel_and_the_questionnaire_without_the_person() -> None:
    forms = flow(Direction.TO_OFFICE, "form_instance")
    assert forms is not None
    assert forms.carries({"form_id": "anexo-iii"})
    assert not forms.carries({"form_id": "valoracion-inicial"})
    assert not forms.carries({"form_id": "acuerdo-incorporacion"})
    row = {"id": "f1", "form_id": "anexo-vii", "participant_id": "p1", "data": "{}"}
    assert forms.fields_of(row)["participant_id"] is None
    assert forms.fields_of({**row, "form_id": "anexo-iv"})["participant_id"] == "p1"


def test_a_row_travels_with_the_listed_fields_only() -> None:
    person = flow(Direction.TO_OFFICE, "participant")
    assert person is not None
    sent = person.fields_of({"id": "p1", "first_name": "Ana", "id_number": "12345678Z"})
    assert sent["first_name"] == "Ana" and "id_number" not in sent


def test_an_incoming_record_with_anything_else_is_refused() -> None:
    check_incoming(Direction.TO_CENTRE, "referral", {"id": "r", "status": "assigned"})
    with pytest.raises(NotAllowed):  # a person's DNI never travels
        check_incoming(Direction.TO_CENTRE, "participant", {"id": "p", "id_number": "1Z"})
    with pytest.raises(NotAllowed):  # nor a case's interviews
        check_incoming(Direction.TO_CENTRE, "interview", {"id": "i"})
    with pytest.raises(NotAllowed):  # a centre cannot send its users
        check_incoming(Direction.TO_OFFICE, "user_account", {"id": "u"})
