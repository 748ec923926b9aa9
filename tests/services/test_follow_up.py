"""Follow-up through the service: round trips of interviews, contacts, conferences, placements
and job follow-ups, newest first, and refusals that write nothing (R-FU-1, R-FU-2)."""

from dataclasses import replace
from datetime import date

import pytest

from reinsercion_desktop.db.models import CaseConference
from reinsercion_desktop.domain.errors import NotFoundError, UserError, ValidationError
from reinsercion_desktop.domain.follow_up_rules import (
    Attendee,
    ConferenceDraft,
    ConferenceTask,
    ContactDraft,
    InterviewDraft,
    JobFollowUpDraft,
    PlacementDraft,
)
from reinsercion_desktop.services.audit_log import audit_lines
from reinsercion_desktop.services.follow_up import FollowUpService, attendees_of, tasks_of

TODAY = date(2026, 1, 15)  # the FakeClock's day


@pytest.fixture
def service(workspace) -> FollowUpService:  # type: ignore[no-untyped-def]
    return FollowUpService(workspace.db)


@pytest.fixture
def person(participants, admin, make_draft):  # type: ignore[no-untyped-def]
    return participants.create(admin, make_draft())


def audit_count(db) -> int:  # type: ignore[no-untyped-def]
    return len(audit_lines(db))


def refused(db, call, *args) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Run a write that must be refused; nothing may reach the audit log."""
    before = audit_count(db)
    with pytest.raises(ValidationError) as error:
        call(*args)
    assert audit_count(db) == before
    return error.value.problems


INTERVIEW = InterviewDraft(
    on_date=date(2026, 1, 10),
    staff_name="Ana Administradora",
    notes="Está motivado.",
    next_appointment_date=date(2026, 1, 20),
    next_appointment_time="9:30",
)
CONFERENCE = ConferenceDraft(
    on_date=date(2026, 1, 12),
    topic="Empleo",
    attendees=(Attendee("Ana", "VAR Triana"), Attendee("", ""), Attendee("Luis", "SAE")),
    decisions="Inscribir en la bolsa de empleo.",
    tasks=(
        ConferenceTask("Inscribir en el SAE", "Luis", date(2026, 1, 20)),
        ConferenceTask("Actualizar el CV", "Ana", date(2026, 1, 25)),
    ),
)
PLACEMENT = PlacementDraft(
    employer="Reciclajes Sur (empresa de inserción)",
    contract_type="temporal",
    start_date=date(2025, 12, 1),
    insertion_company=True,
    position="Peón",
    hours_per_week=30,
)


def test_r_fu_1_interviews_round_trip_newest_first(service, admin, person, workspace) -> None:  # type: ignore[no-untyped-def]
    first = service.add_interview(admin, person.id, replace(INTERVIEW, on_date=date(2026, 1, 2)))
    second = service.add_interview(admin, person.id, INTERVIEW)
    stored = service.interviews_of(person.id)
    assert [i.id for i in stored] == [second.id, first.id]
    assert stored[0].next_appointment_time == "09:30"  # stored as HH:MM
    assert stored[0].next_appointment_date == date(2026, 1, 20)
    assert stored[0].created_by == admin.login
    entries = audit_lines(workspace.db, participant_id=person.id)
    assert any(line.entity == "interview" for line in entries)

    edited = service.update_interview(
        admin, first.id, replace(INTERVIEW, on_date=date(2026, 1, 2), notes="Cambio.")
    )
    assert edited.notes == "Cambio." and edited.version == 2


def test_r_fu_1_an_appointment_before_the_interview_writes_nothing(
    service, admin, person, workspace
) -> None:  # type: ignore[no-untyped-def]
    bad = replace(INTERVIEW, next_appointment_date=date(2026, 1, 9))
    problems = refused(workspace.db, service.add_interview, admin, person.id, bad)
    assert problems == {
        "next_appointment_date": "La próxima cita tiene que ser posterior a la entrevista."
    }
    assert service.interviews_of(person.id) == []
    stored = service.add_interview(admin, person.id, INTERVIEW)
    problems = refused(workspace.db, service.update_interview, admin, stored.id, bad)
    assert "próxima cita" in problems["next_appointment_date"]
    assert service.interviews_of(person.id)[0].next_appointment_date == date(2026, 1, 20)


def test_unknown_or_archived_person_is_refused(service, admin, person, participants) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError):
        service.add_interview(admin, "no-such-person", INTERVIEW)
    participants.archive(admin, person.id, "Traslado a otra provincia")
    with pytest.raises(UserError, match="archivada"):
        service.add_interview(admin, person.id, INTERVIEW)


def test_contacts_round_trip_and_refusal(service, admin, person, workspace) -> None:  # type: ignore[no-untyped-def]
    draft = ContactDraft(
        on_date=date(2026, 1, 13),
        service_kind="empleo",
        entity="SAE Sevilla",
        contact_person="Marta",
        channel="teléfono",
    )
    older = service.add_contact(admin, person.id, replace(draft, on_date=date(2026, 1, 3)))
    newer = service.add_contact(admin, person.id, draft)
    assert [c.id for c in service.contacts_of(person.id)] == [newer.id, older.id]
    problems = refused(
        workspace.db, service.add_contact, admin, person.id, replace(draft, entity=" ")
    )
    assert set(problems) == {"entity"}
    updated = service.update_contact(admin, older.id, replace(draft, notes="Nueva nota"))
    assert updated.notes == "Nueva nota"


def test_r_fu_2_conference_with_tasks_round_trip(service, admin, person, workspace) -> None:  # type: ignore[no-untyped-def]
    conference = service.add_conference(admin, person.id, CONFERENCE)
    stored = service.conferences_of(person.id)[0]
    assert stored.id == conference.id
    assert attendees_of(stored) == [Attendee("Ana", "VAR Triana"), Attendee("Luis", "SAE")]
    assert [(t.task, t.owner, t.due, t.done) for t in tasks_of(stored)] == [
        ("Inscribir en el SAE", "Luis", date(2026, 1, 20), None),
        ("Actualizar el CV", "Ana", date(2026, 1, 25), None),
    ]
    done = service.complete_task(admin, conference.id, 1, TODAY)
    assert [t.done for t in tasks_of(done)] == [None, TODAY]
    # The stored JSON keeps the shape Pendientes reads: ISO dates, "" while open.
    with workspace.db.read() as session:
        stored_tasks = session.get(CaseConference, conference.id).tasks
    assert '"done": ""' in stored_tasks and '"done": "2026-01-15"' in stored_tasks


def test_r_fu_2_completing_a_task_refusals(service, admin, person, workspace) -> None:  # type: ignore[no-untyped-def]
    conference = service.add_conference(admin, person.id, CONFERENCE)
    problems = refused(
        workspace.db, service.complete_task, admin, conference.id, 0, date(2026, 1, 11)
    )
    assert "antes de la mesa" in problems["done"]
    with pytest.raises(NotFoundError):
        service.complete_task(admin, conference.id, 5, TODAY)
    service.complete_task(admin, conference.id, 0, TODAY)
    problems = refused(workspace.db, service.complete_task, admin, conference.id, 0, TODAY)
    assert "ya se marcó hecha" in problems["done"]


def test_r_fu_2_conference_refusals_write_nothing(service, admin, person, workspace) -> None:  # type: ignore[no-untyped-def]
    bad = replace(
        CONFERENCE,
        attendees=(Attendee("Ana", ""),),
        decisions="",
        tasks=(ConferenceTask("Llamar", "", date(2026, 1, 1)),),
    )
    problems = refused(workspace.db, service.add_conference, admin, person.id, bad)
    assert problems["attendees"] == "Indique la entidad de cada asistente."
    assert "Escriba las decisiones" in problems["decisions"]
    assert "quién se encarga" in problems["tasks"] and "anterior a la mesa" in problems["tasks"]
    assert service.conferences_of(person.id) == []
    stored = service.add_conference(admin, person.id, CONFERENCE)
    refused(workspace.db, service.update_conference, admin, stored.id, bad)
    changed = service.update_conference(admin, stored.id, replace(CONFERENCE, topic="Vivienda"))
    assert changed.topic == "Vivienda"


def test_placements_and_job_follow_ups(service, admin, person, workspace) -> None:  # type: ignore[no-untyped-def]
    old = service.add_placement(
        admin,
        person.id,
        replace(
            PLACEMENT,
            start_date=date(2025, 6, 1),
            end_date=date(2025, 8, 31),
            end_reason="Fin de contrato",
        ),
    )
    placement = service.add_placement(admin, person.id, PLACEMENT)
    assert [p.id for p in service.placements_of(person.id)] == [placement.id, old.id]
    assert service.next_job_follow_ups([placement, old]) == {placement.id: date(2025, 12, 31)}

    first = service.add_job_follow_up(admin, placement.id, JobFollowUpDraft(date(2025, 12, 20)))
    second = service.add_job_follow_up(
        admin, placement.id, JobFollowUpDraft(date(2026, 1, 14), notes="Contento en el puesto.")
    )
    stored = service.job_follow_ups_of(placement.id)
    assert [f.id for f in stored] == [second.id, first.id]
    assert stored[0].participant_id == person.id
    assert service.next_job_follow_ups([placement]) == {placement.id: date(2026, 2, 13)}

    problems = refused(
        workspace.db,
        service.add_job_follow_up,
        admin,
        placement.id,
        JobFollowUpDraft(date(2025, 11, 30)),
    )
    assert "anterior al inicio" in problems["on_date"]
    # Moving the start after a follow-up would leave it outside: refused.
    later = replace(PLACEMENT, start_date=date(2025, 12, 21))
    problems = refused(workspace.db, service.update_placement, admin, placement.id, later)
    assert "20/12/2025" in problems["start_date"]

    ended = service.end_placement(admin, placement.id, date(2026, 1, 14), "Fin de la obra")
    assert ended.end_date == date(2026, 1, 14) and ended.end_reason == "Fin de la obra"
    assert service.next_job_follow_ups([ended]) == {}
    with pytest.raises(UserError, match="ya está finalizada"):
        service.end_placement(admin, placement.id, TODAY, "Otra vez")
    updated = service.update_job_follow_up(
        admin, first.id, JobFollowUpDraft(date(2025, 12, 22), still_employed=True)
    )
    assert updated.on_date == date(2025, 12, 22)
    problems = refused(
        workspace.db,
        service.update_job_follow_up,
        admin,
        first.id,
        JobFollowUpDraft(date(2026, 1, 15)),
    )
    assert "posterior al fin" in problems["on_date"]


def test_ending_a_placement_refusals_write_nothing(service, admin, person, workspace) -> None:  # type: ignore[no-untyped-def]
    placement = service.add_placement(admin, person.id, PLACEMENT)
    problems = refused(workspace.db, service.end_placement, admin, placement.id, TODAY, " ")
    assert problems == {"end_reason": "Indique el motivo de la finalización."}
    problems = refused(
        workspace.db, service.end_placement, admin, placement.id, date(2025, 11, 1), "Despido"
    )
    assert "anterior al inicio" in problems["end_date"]
    problems = refused(workspace.db, service.end_placement, admin, placement.id, None, "Despido")
    assert "fecha de fin" in problems["end_date"]
    problems = refused(
        workspace.db, service.add_placement, admin, person.id, replace(PLACEMENT, hours_per_week=0)
    )
    assert set(problems) == {"hours_per_week"}
    assert service.placements_of(person.id)[0].end_date is None


def test_placements_carry_their_follow_ups_and_the_next_one_due(service, admin, person) -> None:  # type: ignore[no-untyped-def]
    placement = service.add_placement(admin, person.id, PLACEMENT)
    assert placement.follow_ups == () and placement.next_follow_up == date(2025, 12, 31)
    service.add_job_follow_up(admin, placement.id, JobFollowUpDraft(date(2025, 12, 20), True))
    service.add_job_follow_up(admin, placement.id, JobFollowUpDraft(date(2026, 1, 14), True))
    [shown] = service.placements_of(person.id)
    assert [f.on_date for f in shown.follow_ups] == [date(2026, 1, 14), date(2025, 12, 20)]
    assert shown.next_follow_up == date(2026, 2, 13) and shown.is_open
    ended = service.end_placement(admin, placement.id, TODAY, "Fin de contrato")
    assert ended.next_follow_up is None and not ended.is_open
    assert len(ended.follow_ups) == 2


def test_a_conference_view_has_its_attendees_and_tasks_read(service, admin, person) -> None:  # type: ignore[no-untyped-def]
    conference = service.add_conference(admin, person.id, CONFERENCE)
    assert conference.attendees == (Attendee("Ana", "VAR Triana"), Attendee("Luis", "SAE"))
    assert [t.task for t in conference.open_tasks] == ["Inscribir en el SAE", "Actualizar el CV"]
