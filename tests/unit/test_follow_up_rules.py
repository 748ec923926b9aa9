"""Follow-up rules without storage: interviews (R-FU-1), contacts, case conferences (R-FU-2),
placements and the monthly job-maintenance follow-up."""

from dataclasses import dataclass, replace
from datetime import date

import pytest

from reinsercion_desktop.domain.follow_up_rules import (
    Attendee,
    ConferenceDraft,
    ConferenceTask,
    ContactDraft,
    InterviewDraft,
    JobFollowUpDraft,
    PlacementDraft,
    attendees_from_json,
    attendees_to_json,
    check_conference,
    check_contact,
    check_interview,
    check_job_follow_up,
    check_placement,
    check_task_done,
    job_follow_up_due,
    normalise_time,
    tasks_from_json,
    tasks_to_json,
)

TODAY = date(2026, 1, 15)
INTERVIEW = InterviewDraft(
    on_date=date(2026, 1, 10),
    kind="individual",
    staff_name="Ana",
    notes="Bien.",
    next_appointment_date=date(2026, 1, 20),
    next_appointment_time="10:30",
)


# -- interviews -------------------------------------------------------------------------------


def test_a_complete_interview_passes() -> None:
    assert check_interview(INTERVIEW, TODAY) == {}
    assert (
        check_interview(
            replace(INTERVIEW, next_appointment_date=None, next_appointment_time=""), TODAY
        )
        == {}
    )


def test_interview_date_is_required_and_not_in_the_future() -> None:
    assert "Escriba la fecha" in check_interview(replace(INTERVIEW, on_date=None), TODAY)["on_date"]
    future = replace(INTERVIEW, on_date=date(2026, 1, 16), next_appointment_date=date(2026, 2, 1))
    assert check_interview(future, TODAY) == {"on_date": "La fecha no puede ser posterior a hoy."}
    assert check_interview(replace(INTERVIEW, on_date=TODAY), TODAY) == {}


def test_interview_kind_must_be_known() -> None:
    assert "tipo" in check_interview(replace(INTERVIEW, kind="chat"), TODAY)["kind"]


def test_interview_notes_up_to_4000_characters() -> None:
    assert check_interview(replace(INTERVIEW, notes="x" * 4000), TODAY) == {}
    assert "4000" in check_interview(replace(INTERVIEW, notes="x" * 4001), TODAY)["notes"]


@pytest.mark.parametrize("day", [date(2026, 1, 10), date(2026, 1, 9)])
def test_r_fu_1_next_appointment_after_the_interview(day: date) -> None:
    problems = check_interview(replace(INTERVIEW, next_appointment_date=day), TODAY)
    assert problems == {
        "next_appointment_date": "La próxima cita tiene que ser posterior a la entrevista."
    }


def test_r_fu_1_next_appointment_time_must_be_a_time() -> None:
    for bad in ("25:00", "10:75", "mañana", "1030"):
        problems = check_interview(replace(INTERVIEW, next_appointment_time=bad), TODAY)
        assert problems == {"next_appointment_time": "Escriba la hora como 10:30."}, bad


def test_r_fu_1_a_time_without_a_date_is_refused() -> None:
    problems = check_interview(replace(INTERVIEW, next_appointment_date=None), TODAY)
    assert "fecha de la próxima cita" in problems["next_appointment_date"]


def test_times_are_read_as_staff_type_them() -> None:
    assert normalise_time("9:30") == "09:30"
    assert normalise_time(" 09.05 ") == "09:05"
    assert normalise_time("17h00") == "17:00"
    assert normalise_time("24:00") is None
    assert normalise_time("") is None


# -- coordination contacts --------------------------------------------------------------------

CONTACT = ContactDraft(on_date=date(2026, 1, 12), service_kind="salud", entity="Centro de salud")


def test_contact_needs_date_service_kind_and_entity() -> None:
    assert check_contact(CONTACT, TODAY) == {}
    problems = check_contact(ContactDraft(on_date=None, service_kind="", entity="  "), TODAY)
    assert set(problems) == {"on_date", "service_kind", "entity"}
    assert check_contact(replace(CONTACT, on_date=date(2026, 2, 1)), TODAY)["on_date"]


def test_contact_lengths_are_limited() -> None:
    problems = check_contact(replace(CONTACT, entity="x" * 151, notes="y" * 2001), TODAY)
    assert "150" in problems["entity"] and "2000" in problems["notes"]


# -- case conferences (R-FU-2) ----------------------------------------------------------------

CONFERENCE = ConferenceDraft(
    on_date=date(2026, 1, 14),
    topic="Búsqueda de empleo",
    attendees=(Attendee("Ana", "VAR Triana"), Attendee("Luis", "Servicios sociales")),
    decisions="Derivar a orientación laboral.",
    tasks=(ConferenceTask("Pedir cita SAE", "Ana", date(2026, 1, 30)),),
)


def test_a_complete_conference_passes() -> None:
    assert check_conference(CONFERENCE, TODAY) == {}


def test_conference_needs_date_not_in_future_and_decisions() -> None:
    problems = check_conference(replace(CONFERENCE, on_date=None, decisions=" "), TODAY)
    assert set(problems) == {"on_date", "decisions"}
    future = replace(CONFERENCE, on_date=date(2026, 1, 16), tasks=())
    assert check_conference(future, TODAY) == {"on_date": "La fecha no puede ser posterior a hoy."}


def test_conference_needs_an_attendee_with_name_and_entity() -> None:
    assert (
        "al menos un asistente"
        in check_conference(replace(CONFERENCE, attendees=()), TODAY)["attendees"]
    )
    no_entity = replace(CONFERENCE, attendees=(Attendee("Ana", ""), Attendee("Luis", " ")))
    assert check_conference(no_entity, TODAY) == {
        "attendees": "Indique la entidad de cada asistente."
    }
    no_name = replace(CONFERENCE, attendees=(Attendee("", "SAE"),))
    assert check_conference(no_name, TODAY) == {"attendees": "Indique el nombre de cada asistente."}


def test_cleaning_drops_empty_rows_and_trims() -> None:
    draft = replace(
        CONFERENCE,
        attendees=(Attendee(" Ana ", "VAR "), Attendee("", "  ")),
        tasks=(ConferenceTask("", "", None), ConferenceTask(" Llamar ", " Ana", date(2026, 1, 20))),
    ).cleaned()
    assert draft.attendees == (Attendee("Ana", "VAR"),)
    assert draft.tasks == (ConferenceTask("Llamar", "Ana", date(2026, 1, 20)),)


def test_r_fu_2_each_task_has_description_owner_and_due_date() -> None:
    tasks = (ConferenceTask("", "", None), ConferenceTask("Llamar", "Ana", date(2026, 1, 20)))
    problem = check_conference(replace(CONFERENCE, tasks=tasks), TODAY)["tasks"]
    assert "Tarea 1: describa la tarea." in problem
    assert "Tarea 1: indique quién se encarga." in problem
    assert "Tarea 1: indique la fecha límite." in problem
    assert "Tarea 2" not in problem


def test_r_fu_2_task_due_not_before_the_conference() -> None:
    early = (ConferenceTask("Llamar", "Ana", date(2026, 1, 13)),)
    problem = check_conference(replace(CONFERENCE, tasks=early), TODAY)["tasks"]
    assert problem == "Tarea 1: la fecha límite no puede ser anterior a la mesa (14/01/2026)."
    same_day = (ConferenceTask("Llamar", "Ana", date(2026, 1, 14)),)
    assert check_conference(replace(CONFERENCE, tasks=same_day), TODAY) == {}


def test_r_fu_2_completing_a_task() -> None:
    task = ConferenceTask("Llamar", "Ana", date(2026, 1, 20))
    conference_day = date(2026, 1, 14)
    assert check_task_done(conference_day, task, TODAY, TODAY) == {}
    assert (
        "antes de la mesa"
        in check_task_done(conference_day, task, date(2026, 1, 13), TODAY)["done"]
    )
    assert check_task_done(conference_day, task, date(2026, 1, 16), TODAY)["done"]
    done = replace(task, done=TODAY)
    assert (
        "ya se marcó hecha el 15/01/2026"
        in check_task_done(conference_day, done, TODAY, TODAY)["done"]
    )
    assert task.is_open and not done.is_open


def test_attendees_and_tasks_survive_json() -> None:
    tasks = [ConferenceTask("Llamar", "Ana", date(2026, 1, 20), date(2026, 1, 15))]
    text = tasks_to_json(tasks)
    assert '"due": "2026-01-20"' in text and '"done": "2026-01-15"' in text
    assert tasks_from_json(text) == tasks
    assert tasks_from_json(tasks_to_json([replace(tasks[0], done=None)]))[0].done is None
    people = [Attendee("José", "Cáritas")]
    assert attendees_from_json(attendees_to_json(people)) == people
    assert tasks_from_json("") == [] and attendees_from_json("[]") == []


# -- placements -------------------------------------------------------------------------------

PLACEMENT = PlacementDraft(
    employer="Reciclajes Sur", contract_type="temporal", start_date=date(2025, 12, 1)
)


def test_a_placement_needs_employer_contract_and_start() -> None:
    assert check_placement(PLACEMENT, TODAY) == {}
    problems = check_placement(
        PlacementDraft(employer=" ", contract_type="x", start_date=None), TODAY
    )
    assert set(problems) == {"employer", "contract_type", "start_date"}


def test_placement_end_not_before_start_and_needs_a_reason() -> None:
    ended = replace(PLACEMENT, end_date=date(2025, 11, 30), end_reason="Fin de contrato")
    assert "anterior al inicio" in check_placement(ended, TODAY)["end_date"]
    same_day = replace(PLACEMENT, end_date=date(2025, 12, 1), end_reason="Fin de contrato")
    assert check_placement(same_day, TODAY) == {}
    no_reason = replace(PLACEMENT, end_date=date(2026, 1, 10))
    assert check_placement(no_reason, TODAY) == {
        "end_reason": "Indique el motivo de la finalización."
    }
    future = replace(PLACEMENT, end_date=date(2026, 2, 1), end_reason="Fin")
    assert "posterior a hoy" in check_placement(future, TODAY)["end_date"]


@pytest.mark.parametrize(
    ("hours", "ok"), [(None, True), (1, True), (60, True), (0, False), (61, False)]
)
def test_placement_hours_between_1_and_60(hours: int | None, ok: bool) -> None:
    problems = check_placement(replace(PLACEMENT, hours_per_week=hours), TODAY)
    assert (problems == {}) is ok
    if not ok:
        assert problems["hours_per_week"] == "Las horas semanales van de 1 a 60."


def test_placement_dates_keep_its_follow_ups_inside() -> None:
    follow_ups = [date(2025, 12, 10)]
    later_start = replace(PLACEMENT, start_date=date(2025, 12, 15))
    assert "10/12/2025" in check_placement(later_start, TODAY, follow_ups)["start_date"]
    early_end = replace(PLACEMENT, end_date=date(2025, 12, 5), end_reason="Despido")
    assert "10/12/2025" in check_placement(early_end, TODAY, follow_ups)["end_date"]


# -- job follow-ups ---------------------------------------------------------------------------


@dataclass
class Placement:
    start_date: date
    end_date: date | None = None


def test_job_follow_up_lies_within_the_placement_and_not_in_the_future() -> None:
    placement = Placement(date(2025, 12, 1), date(2026, 1, 10))
    assert check_job_follow_up(placement, JobFollowUpDraft(date(2025, 12, 1)), TODAY) == {}
    assert check_job_follow_up(placement, JobFollowUpDraft(date(2026, 1, 10)), TODAY) == {}
    before = check_job_follow_up(placement, JobFollowUpDraft(date(2025, 11, 30)), TODAY)
    assert "anterior al inicio de la inserción (01/12/2025)" in before["on_date"]
    after = check_job_follow_up(placement, JobFollowUpDraft(date(2026, 1, 11)), TODAY)
    assert "posterior al fin de la inserción (10/01/2026)" in after["on_date"]
    open_placement = Placement(date(2025, 12, 1))
    future = check_job_follow_up(open_placement, JobFollowUpDraft(date(2026, 1, 16)), TODAY)
    assert future == {"on_date": "La fecha no puede ser posterior a hoy."}
    assert (
        "Escriba la fecha"
        in check_job_follow_up(open_placement, JobFollowUpDraft(None), TODAY)["on_date"]
    )
    long_notes = JobFollowUpDraft(TODAY, notes="x" * 2001)
    assert "2000" in check_job_follow_up(open_placement, long_notes, TODAY)["notes"]


def test_job_follow_up_due_monthly_while_the_placement_is_open() -> None:
    placement = Placement(date(2025, 12, 1))
    assert job_follow_up_due(placement, None, TODAY) == date(2025, 12, 31)
    assert job_follow_up_due(placement, date(2026, 1, 10), TODAY) == date(2026, 2, 9)


def test_no_job_follow_up_due_once_the_placement_ended() -> None:
    assert job_follow_up_due(Placement(date(2025, 12, 1), date(2026, 1, 10)), None, TODAY) is None
    # Ends later (data from elsewhere): due only if the date falls before the end.
    ends_soon = Placement(date(2026, 1, 1), date(2026, 1, 20))
    assert job_follow_up_due(ends_soon, None, TODAY) is None
    ends_later = Placement(date(2026, 1, 1), date(2026, 3, 1))
    assert job_follow_up_due(ends_later, None, TODAY) == date(2026, 1, 31)
