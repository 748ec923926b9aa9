"""Participant files through the service: create, look-alikes, edit, open, archive, audit."""

from datetime import date

import pytest

from reinsercion_desktop.db.models import Installation, Participant
from reinsercion_desktop.domain.errors import (
    NotFoundError,
    StaleRecordError,
    UserError,
    ValidationError,
)
from reinsercion_desktop.domain.participant_list import ListFilter, filter_rows
from reinsercion_desktop.services.audit_log import AuditService, audit_lines
from reinsercion_desktop.services.catalogues import CatalogueService
from reinsercion_desktop.services.participants import SimilarPeopleFound, draft_of


def stored(workspace, participant_id):
    with workspace.db.read() as session:
        return session.get(Participant, participant_id)


def count_participants(participants) -> int:
    return len(participants.list_rows())


MARIA = dict(
    first_name="María",
    surname1="Peña",
    surname2="Ibáñez",
    birth_date="29/02/1972",
    sex="M",
    id_kind="nie",
    id_number="X1234567L",
)


# -- create ------------------------------------------------------------------------------


def test_create_derives_codapel_and_search_key(workspace, admin, participants, make_draft, clock):
    person = participants.create(
        admin, make_draft(first_name="  José ", id_number="12.345.678-z", notes="  sangría  ")
    )
    saved = stored(workspace, person.id)
    assert saved.first_name == "José"
    assert saved.birth_date == date(1985, 3, 7)
    assert saved.codapel == "NUGA070385H"
    assert saved.id_number == "12345678Z"
    assert saved.search_key == "nunez garcia jose 12345678z nuga070385h"
    assert saved.notes == "  sangría  "  # notes are kept as typed
    assert saved.version == 1
    assert saved.created_at == clock.now()
    assert saved.created_by == "admin"
    assert saved.installation_id == admin.installation_id


def test_created_participant_appears_in_the_list(workspace, admin, participants, make_draft):
    vivienda = CatalogueService(workspace.db).viviendas()[0]
    person = participants.create(
        admin,
        make_draft(vivienda_id=vivienda.id, case_manager_id=admin.user_id, status="en_estancia"),
    )
    (row,) = participants.list_rows()
    assert row.id == person.id
    assert row.full_name == "Núñez García, José"
    assert row.codapel == "NUGA070385H"
    assert row.vivienda_name == vivienda.name
    assert row.case_manager == "Ana Administradora"
    assert row.archived is False
    assert [r.id for r in filter_rows(participants.list_rows(), ListFilter(text="nunez jose"))] == [
        person.id
    ]
    assert filter_rows(participants.list_rows(), ListFilter(text="12.345.678-Z"))[0].id == person.id


def test_codapel_follows_the_installation_recipe(workspace, admin, participants, make_draft):
    with workspace.db.unit_of_work(admin) as work:
        work.get(Installation, admin.installation_id).codapel_recipe = "{AP1}{AP2}{DDMMAAAA}{SEXO}"
    person = participants.create(admin, make_draft())
    assert stored(workspace, person.id).codapel == "NUGA07031985H"


def test_methadone_dose_is_dropped_without_ptm(workspace, admin, participants, make_draft):
    person = participants.create(admin, make_draft(ptm=False, methadone_dose_mg=60))
    assert stored(workspace, person.id).methadone_dose_mg is None
    other = participants.create(admin, make_draft(**MARIA, ptm=True, methadone_dose_mg=60))
    assert stored(workspace, other.id).methadone_dose_mg == 60


def test_invalid_draft_is_refused_field_by_field_and_nothing_saved(admin, participants, make_draft):
    with pytest.raises(ValidationError) as caught:
        participants.create(admin, make_draft(first_name="", birth_date="31/02/1990"))
    assert set(caught.value.problems) == {"first_name", "birth_date"}
    assert "no existe" in str(caught.value)
    assert count_participants(participants) == 0


def test_duplicate_id_number_is_refused_on_id_number(workspace, admin, participants, make_draft):
    first = participants.create(admin, make_draft())
    before = len(audit_lines(workspace.db))
    # Another person entirely (name, birth date), typed with the same DNI.
    other = make_draft(**{**MARIA, "id_kind": "dni", "id_number": "12.345.678-Z"})
    with pytest.raises(ValidationError) as caught:
        participants.create(admin, other)
    assert set(caught.value.problems) == {"id_number"}
    assert "12345678Z" in caught.value.problems["id_number"]
    assert "NUGA070385H" in caught.value.problems["id_number"]
    assert [r.id for r in participants.list_rows()] == [first.id]
    assert len(audit_lines(workspace.db)) == before


def test_duplicate_id_number_is_refused_even_when_look_alikes_are_confirmed(
    workspace, admin, participants, make_draft
):
    first = participants.create(admin, make_draft())
    before = len(audit_lines(workspace.db))
    other = make_draft(**{**MARIA, "id_kind": "dni", "id_number": "12345678Z"})
    with pytest.raises(ValidationError) as caught:
        participants.create(admin, other, confirm_similar=True)
    assert set(caught.value.problems) == {"id_number"}
    assert [r.id for r in participants.list_rows()] == [first.id]
    assert len(audit_lines(workspace.db)) == before


def test_look_alike_needs_confirmation(workspace, admin, participants, make_draft):
    first = participants.create(admin, make_draft())
    twin = make_draft(first_name="Jose", surname1="Nunez", surname2="Garcia", id_number="")
    with pytest.raises(SimilarPeopleFound) as caught:
        participants.create(admin, twin)
    (similar,) = caught.value.similar
    assert similar.record_id == first.id
    assert similar.codapel == "NUGA070385H"
    assert similar.why == "misma fecha de nacimiento y nombre parecido"
    assert "José Núñez García" in str(caught.value)
    assert count_participants(participants) == 1

    second = participants.create(admin, twin, confirm_similar=True)
    assert second.id != first.id
    assert count_participants(participants) == 2


def test_different_people_are_not_look_alikes(admin, participants, make_draft):
    participants.create(admin, make_draft())
    # Same birth date, different person and document.
    participants.create(admin, make_draft(**{**MARIA, "birth_date": "07/03/1985"}))
    assert count_participants(participants) == 2


def test_find_similar_excludes_the_file_itself(admin, participants, make_draft):
    person = participants.create(admin, make_draft())
    assert participants.find_similar(make_draft(), exclude_id=person.id) == []
    assert [s.record_id for s in participants.find_similar(make_draft())] == [person.id]


# -- update ------------------------------------------------------------------------------


def test_update_saves_bumps_version_and_rederives(
    workspace, admin, participants, make_draft, clock
):
    person = participants.create(admin, make_draft())
    opened = participants.open(admin, person.id)
    draft = draft_of(opened)
    draft.surname2 = "López"
    draft.phone = "600 123 456"
    clock.advance(days=1)
    updated = participants.update(admin, person.id, draft, expected_version=opened.version)
    saved = stored(workspace, person.id)
    assert saved.version == updated.version == 2
    assert (saved.surname2, saved.phone) == ("López", "600 123 456")
    assert saved.codapel == "NULO070385H"
    assert "lopez" in saved.search_key and "garcia" not in saved.search_key
    assert saved.updated_at == clock.now()
    line = audit_lines(workspace.db, participant_id=person.id)[-1]
    assert {"surname2", "codapel", "phone"} <= set(line.changes)
    assert "search_key" not in line.changes
    # Keyed hashes, never the values: with the data key they prove old and new.
    assert "López" not in str(line.changes) and "NULO" not in str(line.changes)
    audit = AuditService(workspace.db)
    assert audit.proves(line, "surname2", "López")
    assert audit.proves(line, "surname2", "García", old=True)
    assert audit.proves(line, "codapel", "NULO070385H")


def test_update_with_stale_version_is_refused_and_saves_nothing(
    workspace, admin, participants, make_draft
):
    person = participants.create(admin, make_draft())
    opened_here = participants.open(admin, person.id)
    # Someone else saves first.
    first_edit = draft_of(opened_here)
    first_edit.phone = "111"
    participants.update(admin, person.id, first_edit, expected_version=opened_here.version)
    before = len(audit_lines(workspace.db))

    late_edit = draft_of(opened_here)
    late_edit.phone = "222"
    late_edit.first_name = "Pepe"
    with pytest.raises(StaleRecordError) as caught:
        participants.update(admin, person.id, late_edit, expected_version=opened_here.version)
    assert "admin" in str(caught.value)
    saved = stored(workspace, person.id)
    assert (saved.phone, saved.first_name, saved.version) == ("111", "José", 2)
    assert len(audit_lines(workspace.db)) == before


def test_update_to_an_id_number_of_another_file_is_refused(
    workspace, admin, participants, make_draft
):
    participants.create(admin, make_draft())
    maria = participants.create(admin, make_draft(**MARIA))
    draft = draft_of(stored(workspace, maria.id))
    draft.id_kind, draft.id_number = "dni", "12345678Z"
    with pytest.raises(ValidationError) as caught:
        participants.update(admin, maria.id, draft, expected_version=1)
    assert "id_number" in caught.value.problems
    assert stored(workspace, maria.id).id_number == "X1234567L"


def test_update_keeping_its_own_id_number_is_fine(workspace, admin, participants, make_draft):
    person = participants.create(admin, make_draft())
    draft = draft_of(stored(workspace, person.id))
    draft.municipality = "Écija"
    participants.update(admin, person.id, draft, expected_version=1)
    assert stored(workspace, person.id).municipality == "Écija"


def test_update_of_a_missing_file(admin, participants, make_draft):
    with pytest.raises(NotFoundError):
        participants.update(admin, "no-such-id", make_draft(), expected_version=1)


# -- open --------------------------------------------------------------------------------


def test_open_audits_a_read(workspace, admin, participants, make_draft):
    person = participants.create(admin, make_draft())
    opened = participants.open(admin, person.id)
    assert opened.first_name == "José"
    last = audit_lines(workspace.db)[-1]
    assert (last.action, last.entity, last.record_id, last.participant_id, last.login) == (
        "read",
        "participant",
        person.id,
        person.id,
        "admin",
    )
    assert stored(workspace, person.id).version == 1


def test_open_of_a_missing_file_is_not_found_and_not_audited(workspace, admin, participants):
    before = len(audit_lines(workspace.db))
    with pytest.raises(NotFoundError):
        participants.open(admin, "no-such-id")
    assert len(audit_lines(workspace.db)) == before


# -- archive -----------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   "])
def test_archive_requires_a_reason(workspace, admin, participants, make_draft, reason):
    person = participants.create(admin, make_draft())
    with pytest.raises(ValidationError) as caught:
        participants.archive(admin, person.id, reason)
    assert set(caught.value.problems) == {"reason"}
    assert stored(workspace, person.id).archived_at is None


def test_archive_reason_too_long(workspace, admin, participants, make_draft):
    person = participants.create(admin, make_draft())
    with pytest.raises(ValidationError):
        participants.archive(admin, person.id, "x" * 401)


def test_archive_hides_from_the_list_and_restore_brings_back(
    workspace, admin, participants, make_draft, clock
):
    person = participants.create(admin, make_draft())
    other = participants.create(admin, make_draft(**MARIA))
    participants.archive(admin, person.id, "  Traslado a otra provincia ")

    saved = stored(workspace, person.id)
    assert saved.archived_at == clock.now()
    assert saved.archive_reason == "Traslado a otra provincia"
    rows = participants.list_rows()
    assert [r.id for r in filter_rows(rows, ListFilter())] == [other.id]
    assert [r.id for r in filter_rows(rows, ListFilter(text="nunez"))] == []
    assert [r.id for r in filter_rows(rows, ListFilter(text="nunez", include_archived=True))] == [
        person.id
    ]
    last = audit_lines(workspace.db, participant_id=person.id)[-1]
    assert (last.action, last.reason) == ("update", "Traslado a otra provincia")

    with pytest.raises(UserError, match="ya está archivada"):
        participants.archive(admin, person.id, "Otra vez")

    participants.restore(admin, person.id)
    saved = stored(workspace, person.id)
    assert (saved.archived_at, saved.archive_reason) == (None, "")
    assert {r.id for r in filter_rows(participants.list_rows(), ListFilter())} == {
        person.id,
        other.id,
    }


def test_archive_of_a_missing_file(admin, participants):
    with pytest.raises(NotFoundError):
        participants.archive(admin, "no-such-id", "motivo")


# -- the audit story ---------------------------------------------------------------------


def test_create_open_update_tell_the_story_in_the_audit(
    workspace, admin, participants, make_draft, tecnico
):
    person = participants.create(admin, make_draft())
    maria = participants.create(admin, make_draft(**MARIA))
    opened = participants.open(tecnico, person.id)
    draft = draft_of(opened)
    draft.employment_situation = "Desempleado/a"
    participants.update(tecnico, person.id, draft, expected_version=opened.version)
    participants.open(admin, maria.id)

    story = audit_lines(workspace.db, participant_id=person.id)
    assert [line.action for line in story] == ["create", "read", "update"]
    assert [line.login for line in story] == ["admin", "tecnico", "tecnico"]
    assert {line.record_id for line in story} == {person.id}
    assert set(story[2].changes) == {"employment_situation"}
    assert AuditService(workspace.db).proves(story[2], "employment_situation", "Desempleado/a")
    assert [line.action for line in audit_lines(workspace.db, participant_id=maria.id)] == [
        "create",
        "read",
    ]
