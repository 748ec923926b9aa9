"""Pendientes with case management's deadlines, from stored rows (today 15/01/2026)."""

import json
from datetime import UTC, date, datetime

import pytest

from reinsercion_desktop.db.models import (
    CaseConference,
    EmploymentPlacement,
    Interview,
    JobFollowUp,
    Participant,
    PlanObjective,
    ReintegrationPlan,
)
from reinsercion_desktop.domain.deadlines import Action, DeadlineKind
from reinsercion_desktop.services.pending import pending_items

TODAY = date(2026, 1, 15)


class People:
    """Participants and their case records, written straight through a unit of work."""

    def __init__(self, work) -> None:  # type: ignore[no-untyped-def]
        self.work = work
        self.count = 0

    def person(self, *, archived: bool = False) -> str:
        self.count += 1
        n = self.count
        person = self.work.add(
            Participant(
                first_name=f"Nombre{n}",
                surname1=f"Apellido{n}",
                birth_date=date(1980, 1, 1),
                sex="H",
                codapel=f"AP{n:04d}H",
                archived_at=datetime(2025, 12, 1, tzinfo=UTC) if archived else None,
            )
        )
        self.work.flush()
        return person.id

    def plan(self, person: str, status: str = "vigente", **fields: object) -> str:
        plan = self.work.add(
            ReintegrationPlan(
                participant_id=person,
                start_date=date(2025, 10, 1),
                status=status,
                **fields,  # type: ignore[arg-type]
            )
        )
        self.work.flush()
        return plan.id

    def objective(self, plan: str, person: str, title: str, deadline: date, status: str) -> None:
        self.work.add(
            PlanObjective(
                plan_id=plan,
                participant_id=person,
                area="formativo_laboral",
                title=title,
                deadline=deadline,
                status=status,
            )
        )

    def interview(self, person: str, on: date, next_date: date | None, time: str = "") -> None:
        self.work.add(
            Interview(
                participant_id=person,
                on_date=on,
                next_appointment_date=next_date,
                next_appointment_time=time,
            )
        )
        self.work.flush()  # the later interview is also recorded later

    def conference(self, person: str, *tasks: dict) -> None:
        self.work.add(
            CaseConference(
                participant_id=person, on_date=date(2026, 1, 8), tasks=json.dumps(list(tasks))
            )
        )

    def placement(self, person: str, start: date, end: date | None = None) -> str:
        placement = self.work.add(
            EmploymentPlacement(
                participant_id=person,
                employer="Limpiezas Sur",
                contract_type="temporal",
                start_date=start,
                end_date=end,
            )
        )
        self.work.flush()
        return placement.id


@pytest.fixture
def case(db, admin):  # type: ignore[no-untyped-def]
    """Who is who, by role in the tests below."""
    made: dict[str, str] = {}
    with db.unit_of_work(admin) as work:
        build = People(work)
        # Appointment kept (latest interview) and one replaced by a later interview.
        made["appointment"] = build.person()
        build.interview(made["appointment"], date(2026, 1, 9), date(2026, 1, 20), "10:30")
        made["replaced"] = build.person()
        build.interview(made["replaced"], date(2026, 1, 2), date(2026, 1, 16), "09:00")
        build.interview(made["replaced"], date(2026, 1, 13), None)
        # Objectives: overdue, achieved (past deadline), and overdue in a closed plan.
        made["objectives"] = build.person()
        plan = build.plan(made["objectives"], next_review_date=date(2026, 1, 30))
        build.objective(plan, made["objectives"], "Obtener el DNI", date(2026, 1, 5), "en_curso")
        build.objective(plan, made["objectives"], "Abrir cuenta", date(2026, 1, 3), "conseguido")
        made["closed_plan"] = build.person()
        closed = build.plan(made["closed_plan"], "cerrado", next_review_date=date(2026, 1, 10))
        build.objective(closed, made["closed_plan"], "Curso", date(2026, 1, 5), "pendiente")
        # Conference: one open task, one done.
        made["conference"] = build.person()
        build.conference(
            made["conference"],
            {"task": "Pedir cita en el SAE", "owner": "Lucía", "due": "2026-01-12", "done": ""},
            {
                "task": "Llamar a la familia",
                "owner": "Ana",
                "due": "2026-01-10",
                "done": "2026-01-11",
            },
        )
        # Placements: open one of an archived person (counted), ended one (not).
        made["job"] = build.person(archived=True)
        job = build.placement(made["job"], date(2025, 11, 1))
        work.add(
            JobFollowUp(placement_id=job, participant_id=made["job"], on_date=date(2025, 12, 20))
        )
        made["ended_job"] = build.person()
        build.placement(made["ended_job"], date(2025, 11, 1), end=date(2025, 12, 31))
        # An archived person's appointment, objective and review are not listed.
        made["archived"] = build.person(archived=True)
        build.interview(made["archived"], date(2026, 1, 9), date(2026, 1, 20))
        archived_plan = build.plan(made["archived"], next_review_date=date(2026, 1, 10))
        build.objective(archived_plan, made["archived"], "Otro", date(2026, 1, 5), "pendiente")
    return made


def case_items(db):  # type: ignore[no-untyped-def]
    case_kinds = {
        DeadlineKind.APPOINTMENT,
        DeadlineKind.OBJECTIVE_DEADLINE,
        DeadlineKind.PLAN_REVIEW,
        DeadlineKind.CONFERENCE_TASK,
        DeadlineKind.JOB_FOLLOW_UP,
    }
    return [item for item in pending_items(db, TODAY) if item.kind in case_kinds]


def by_person(items, person: str):  # type: ignore[no-untyped-def]
    return [(item.kind, item.due) for item in items if item.participant_id == person]


def test_r_fu_1_appointment_in_pendientes_and_replaced_by_a_later_interview(db, case) -> None:  # type: ignore[no-untyped-def]
    items = case_items(db)
    assert by_person(items, case["appointment"]) == [("appointment", date(2026, 1, 20))]
    (item,) = [i for i in items if i.participant_id == case["appointment"]]
    assert item.what.startswith("Cita de seguimiento 10:30")
    assert item.who == "Apellido1, Nombre1 (AP0001H)"
    assert item.action == Action.OPEN_FOLLOW_UP and item.rule == "R-FU-1"
    assert by_person(items, case["replaced"]) == []


def test_r_plan_4_overdue_objective_listed_achieved_and_closed_plan_not(db, case) -> None:  # type: ignore[no-untyped-def]
    items = case_items(db)
    assert by_person(items, case["objectives"]) == [
        ("objective_deadline", date(2026, 1, 5)),
        ("plan_review", date(2026, 1, 30)),  # 15 days ahead: the review's lead time
    ]
    overdue = next(i for i in items if i.kind == "objective_deadline")
    assert "«Obtener el DNI»" in overdue.what and overdue.overdue(TODAY)
    assert overdue.action == Action.OPEN_PLAN
    assert by_person(items, case["closed_plan"]) == []


def test_r_fu_2_open_conference_task_listed_done_task_gone(db, case) -> None:  # type: ignore[no-untyped-def]
    items = [i for i in case_items(db) if i.participant_id == case["conference"]]
    assert [(i.kind, i.due) for i in items] == [("conference_task", date(2026, 1, 12))]
    assert items[0].what == "Tarea de la mesa de casos: Pedir cita en el SAE (responsable: Lucía)."


def test_job_follow_up_of_an_archived_person_with_an_open_placement(db, case) -> None:  # type: ignore[no-untyped-def]
    items = case_items(db)
    assert by_person(items, case["job"]) == [("job_follow_up", date(2026, 1, 19))]
    assert by_person(items, case["ended_job"]) == []


def test_archived_people_have_no_case_reminders_but_their_job_follow_up(db, case) -> None:  # type: ignore[no-untyped-def]
    assert by_person(case_items(db), case["archived"]) == []


def test_case_items_merged_with_the_others_soonest_first(db, case) -> None:  # type: ignore[no-untyped-def]
    items = pending_items(db, TODAY)
    dated = [item.due for item in items if item.due is not None]
    assert dated == sorted(dated)
    assert len(case_items(db)) == 5
    # The incomplete files (no case manager) follow every dated item.
    files = [index for index, item in enumerate(items) if item.kind == "file"]
    assert files and min(files) == len(dated)


def test_lead_times_bound_what_is_listed(db, case) -> None:  # type: ignore[no-untyped-def]
    short = {kind: 4 for kind in DeadlineKind}
    items = [i for i in pending_items(db, TODAY, leads=short) if i.due is not None]
    assert all(item.due <= date(2026, 1, 19) for item in items)
    kinds = {item.kind for item in items}
    assert "appointment" not in kinds and "job_follow_up" in kinds


def test_r_plan_4_objective_listed_15_days_before_its_deadline(db, admin) -> None:  # type: ignore[no-untyped-def]
    """Objectives used to be listed only once overdue: now from 15 days before."""
    with db.unit_of_work(admin) as work:
        build = People(work)
        person = build.person()
        plan = build.plan(person, next_review_date=date(2026, 1, 31))  # 16 days: not yet
        build.objective(plan, person, "Curso de carretillero", date(2026, 1, 30), "pendiente")
        build.objective(plan, person, "Carné de conducir", date(2026, 1, 31), "en_curso")
    items = [i for i in pending_items(db, TODAY) if i.participant_id == person and i.due]
    assert [(i.kind, i.due) for i in items] == [("objective_deadline", date(2026, 1, 30))]
    assert "«Curso de carretillero»" in items[0].what and not items[0].overdue(TODAY)


def test_r_fu_1_latest_interview_found_among_years_of_history(db, admin) -> None:  # type: ignore[no-untyped-def]
    """With most interviews outside the window, only the recent ones are grouped: the
    answer is the same (the latest interview of each person decides)."""
    with db.unit_of_work(admin) as work:
        build = People(work)
        kept, replaced, missed = build.person(), build.person(), build.person()
        for month in range(1, 13):  # a year of old interviews, appointments long past
            build.interview(kept, date(2024, month, 1), date(2024, month, 15))
            build.interview(missed, date(2024, month, 2), date(2024, month, 16))
        build.interview(kept, date(2026, 1, 10), date(2026, 1, 20), "09:30")
        build.interview(replaced, date(2026, 1, 5), date(2026, 1, 18))
        build.interview(replaced, date(2026, 1, 12), None)
        build.interview(missed, date(2025, 12, 20), date(2026, 1, 2))
    items = {i.participant_id: i for i in case_items(db) if i.kind == "appointment"}
    assert {person: item.due for person, item in items.items()} == {
        kept: date(2026, 1, 20),
        missed: date(2026, 1, 2),  # a missed appointment stays listed, overdue
    }
    assert items[missed].overdue(TODAY) and "09:30" in items[kept].what
