"""Retention (SPEC §10, issue 11): the setting, and closed files listed for review."""

import json
from contextlib import closing
from datetime import date

import pytest
from pypdf import PdfReader
from sqlmodel import select

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.engine import connect
from reinsercion_desktop.db.models import (
    FormInstance,
    Incident,
    Interview,
    Participant,
    Stay,
    Vivienda,
)
from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.domain.errors import PermissionDenied, UserError, ValidationError
from reinsercion_desktop.domain.permissions import PermissionAction, role_may
from reinsercion_desktop.forms.content import content_hash
from reinsercion_desktop.services.centre_settings import CentreDraft, CentreSettingsService
from reinsercion_desktop.services.check import check_workspace
from reinsercion_desktop.services.participants import draft_of
from reinsercion_desktop.services.registry import build_services


def test_retention_years_default_to_five_and_are_kept_between_1_and_50(workspace, admin):  # type: ignore[no-untyped-def]
    service = CentreSettingsService(workspace.db)
    draft = CentreDraft.of(service.centre())
    assert draft.retention_years == 5
    draft.retention_years = 8
    assert service.update_centre(admin, draft).retention_years == 8
    for wrong in (0, 51, -3):
        draft.retention_years = wrong
        with pytest.raises(ValidationError) as refused:
            service.update_centre(admin, draft)
        assert "Ley 41/2002" in refused.value.problems["retention_years"]
    assert service.centre().retention_years == 8


# -- the review list and anonymisation -----------------------------------------------------


def _vivienda_id(workspace, actor) -> str:  # type: ignore[no-untyped-def]
    with workspace.db.read() as session:
        found = queries.viviendas(session=session)
    if found:
        return found[0].id
    with workspace.db.unit_of_work(actor) as work:  # `reinsercion init` makes none
        return work.add(Vivienda(name="Vivienda de prueba", places_men=2)).id


def closed_file(workspace, admin, participants, make_draft, *, discharged: date, **draft):  # type: ignore[no-untyped-def]
    """A file with a stay discharged on `discharged`, notes, an incident and a signed form."""
    person = participants.create(admin, make_draft(**draft), confirm_similar=True)
    vivienda = _vivienda_id(workspace, admin)
    with workspace.db.unit_of_work(admin) as work:
        participant = work.get(Participant, person.id)
        participant.phone, participant.notes = "600111222", "Vive con su madre."
        stay = work.add(
            Stay(
                participant_id=person.id,
                vivienda_id=vivienda,
                admission_date=date(discharged.year - 1, 1, 10),
                discharge_date=discharged,
                discharge_type="terapeutica",
                discharge_reason="Alta de José Núñez por objetivos cumplidos",
            )
        )
        work.add(
            Incident(stay_id=stay.id, on_date=discharged, description="José Núñez llegó tarde")
        )
        work.add(
            Interview(participant_id=person.id, on_date=discharged, notes="Habla de su hermano")
        )
        values = {"nombre": "José Núñez García", "dni": "12345678Z", "fecha": "2018-01-10"}
        work.add(
            FormInstance(
                form_id="prueba",
                definition_version=1,
                participant_id=person.id,
                data=json.dumps(values, ensure_ascii=False),
                status="signed",
                signed_hash=content_hash("prueba", 1, values),
            )
        )
    return person


@pytest.fixture
def services(workspace, admin):  # type: ignore[no-untyped-def]
    return build_services(workspace)


@pytest.fixture
def old_file(workspace, admin, participants, make_draft, services, tmp_path):  # type: ignore[no-untyped-def]
    person = closed_file(workspace, admin, participants, make_draft, discharged=date(2018, 6, 30))
    scan = tmp_path / "dni-jose-nunez.pdf"
    scan.write_bytes(b"%PDF-1.4 escaneo del DNI de Jose Nunez")
    services.attachments.add(admin, person.id, scan, "DNI de José")
    return person


def test_files_closed_more_than_the_retention_years_are_listed(  # type: ignore[no-untyped-def]
    workspace, admin, participants, make_draft, services, old_file
):
    recent = closed_file(
        workspace, admin, participants, make_draft, discharged=date(2023, 3, 1),
        first_name="Luis", id_number="87654321X",
    )  # fmt: skip
    participants.create(admin, make_draft(first_name="Ana", id_number="11111111H"))
    review = services.retention.review(admin)
    assert review.retention_years == 5
    assert [row.participant_id for row in review.rows] == [old_file.id]
    row = review.rows[0]
    assert (row.closed_on, row.years_closed) == (date(2018, 6, 30), 7)
    assert (row.signed_forms, row.attachments) == (1, 1)
    assert "Núñez" in row.name
    participants.archive(admin, recent.id, "Traslado")  # archived today: closed today
    assert [row.participant_id for row in services.retention.review(admin).rows] == [old_file.id]


def _dump(workspace) -> str:  # type: ignore[no-untyped-def]
    with closing(connect(workspace.paths.database, workspace.keys.sqlcipher)) as connection:
        tables = [
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        return "\n".join(
            repr(row) for table in tables for row in connection.execute(f'SELECT * FROM "{table}"')
        )


def test_anonymising_removes_every_identifying_value_and_keeps_check_sound(  # type: ignore[no-untyped-def]
    workspace, admin, services, old_file
):
    dump = _dump(workspace)
    assert "Núñez" in dump and "12345678Z" in dump and "600111222" in dump
    folder = workspace.paths.attachments / old_file.id
    assert any(folder.iterdir())
    record = services.retention.anonymise(admin, old_file.id, "Petición escrita del 10/01/2026")
    dump = _dump(workspace)
    for value in ("Núñez", "12345678Z", "600111222", "hermano", "madre", "DNI de José"):
        assert value not in dump, value
    assert not folder.exists()
    assert (record.attachments, record.files_removed, record.files_left) == (1, 1, 0)
    assert record.signed_forms == 1 and record.form_values >= 2
    assert record.label == f"Anonimizada {old_file.id[:8]}"
    with workspace.db.read() as session:
        person = session.get(Participant, old_file.id)
        assert person.anonymised_at is not None
        assert person.birth_date == date(1985, 7, 1)
        assert person.codapel == old_file.codapel and person.sex == "H"
        stay = session.exec(select(Stay)).one()
        assert stay.discharge_date == date(2018, 6, 30) and stay.discharge_type == "terapeutica"
    report = check_workspace(workspace)
    assert report.ok, report.problems
    assert any("anonimizó" in note for note in report.notes)
    review = services.retention.review(admin)
    assert (review.rows, review.anonymised) == ([], 1)


def test_an_anonymised_file_is_not_anonymised_again_nor_edited(  # type: ignore[no-untyped-def]
    admin, services, participants, old_file
):
    services.retention.anonymise(admin, old_file.id, "Petición del interesado")
    with pytest.raises(UserError, match="ya está anonimizada"):
        services.retention.anonymise(admin, old_file.id, "Otra vez")
    view = participants.open(admin, old_file.id)
    with pytest.raises(UserError, match="anonimizada"):
        participants.update(admin, old_file.id, draft_of(view), expected_version=view.version)
    with pytest.raises(UserError, match="anonimizada"):
        participants.restore(admin, old_file.id)
    assert view.first_name == "Anonimizada" and view.id_number == ""


def test_an_open_file_and_an_empty_reason_are_refused(  # type: ignore[no-untyped-def]
    workspace, admin, services, participants, make_draft
):
    person = participants.create(admin, make_draft())
    with pytest.raises(UserError, match="no está cerrada"):
        services.retention.anonymise(admin, person.id, "Petición")
    with pytest.raises(ValidationError):
        services.retention.anonymise(admin, person.id, "   ")
    with workspace.db.read() as session:
        assert session.get(Participant, person.id).first_name == "José"


def test_only_an_administrator_anonymises(services, tecnico, old_file):  # type: ignore[no-untyped-def]
    assert not role_may(Role.RESPONSABLE, PermissionAction.ANONYMISE)
    assert role_may(Role.RESPONSABLE, PermissionAction.RETENTION_LIST)
    with pytest.raises(PermissionDenied):
        services.retention.anonymise(tecnico, old_file.id, "Petición")


def test_the_record_is_a_pdf_without_the_removed_values(  # type: ignore[no-untyped-def]
    services, admin, old_file, tmp_path, workspace
):
    record = services.retention.anonymise(admin, old_file.id, "Petición del 10/01/2026")
    out = services.retention.write_record(
        record, tmp_path / "registro.pdf", data_root=workspace.paths.root
    )
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert "Anonimizada" in text and "Petición del 10/01/2026" in text
    assert "copias de seguridad" in text
    assert "Núñez" not in text and "12345678Z" not in text


def test_anonymising_empties_the_values_an_exchange_conflict_kept(  # type: ignore[no-untyped-def]
    workspace, admin, services, old_file
):
    """A conflict keeps both values of one of the person's fields until someone chooses
    (issue 13): anonymising the file empties both, and names nothing."""
    from datetime import UTC, datetime

    from reinsercion_desktop.db.models import Peer, SyncConflict

    with workspace.db.unit_of_work(admin) as work:
        peer = work.add(
            Peer(
                name="FADA", kind="office", peer_installation_id="inst-office", code="FADA",
                signing_public="A" * 44, age_recipient="age1" + "q" * 58,
                fingerprint="ABCD EFGH JKMN PQRS",
            )
        )  # fmt: skip
        work.flush()
        work.session.add(
            SyncConflict(
                peer_id=peer.id, table_name="participant", record_id=old_file.id,
                field="phone", local_value='"600111222"', incoming_value='"699000111"',
                incoming_mine=2, incoming_theirs=1, bundle_id="b1",
                found_at=datetime(2026, 1, 5, tzinfo=UTC),
            )
        )  # fmt: skip
    assert "699000111" in _dump(workspace)
    services.retention.anonymise(admin, old_file.id, "Petición escrita del 10/01/2026")
    dump = _dump(workspace)
    assert "600111222" not in dump and "699000111" not in dump
    with workspace.db.read() as session:
        conflict = session.exec(select(SyncConflict)).one()
        assert (conflict.local_value, conflict.incoming_value) == ("null", "null")
        assert conflict.field == "phone"  # which field, still: not a value
