"""The caseload of a case manager and one person's timeline, from stored rows (today 15/01/2026)."""

import json
from datetime import UTC, date, datetime

import pytest

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.models import (
    CaseConference,
    CoordinationContact,
    EmploymentPlacement,
    Interview,
    JobFollowUp,
    Outing,
    Participant,
    PlanObjective,
    PlanReview,
    Referral,
    ReferralEvent,
    ReintegrationPlan,
    Resource,
    ResourceReferral,
    Stay,
    UserAccount,
)
from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.security.actors import issue_actor
from reinsercion_desktop.services.caseload import (
    NO_PLAN,
    case_manager_choices,
    caseload,
    summary,
)
from reinsercion_desktop.services.timeline import (
    CIRCUIT,
    DIAMOND,
    FOLLOW_UP,
    PLAN,
    SQUARE,
    WORK,
    timeline_of,
)

TODAY = date(2026, 1, 15)


def person(work, n: int, manager: str | None, *, archived: bool = False) -> str:  # type: ignore[no-untyped-def]
    row = work.add(
        Participant(
            first_name=f"Nombre{n}",
            surname1=f"Apellido{n}",
            birth_date=date(1980, 1, 1),
            sex="H",
            codapel=f"AP{n:04d}H",
            status="en_estancia",
            case_manager_id=manager,
            archived_at=datetime(2025, 12, 1, tzinfo=UTC) if archived else None,
        )
    )
    work.flush()
    return row.id


def plan(work, who: str, status: str = "vigente", version: int = 1, **fields) -> str:  # type: ignore[no-untyped-def]
    row = work.add(
        ReintegrationPlan(
            participant_id=who,
            start_date=fields.pop("start_date", date(2025, 9, 1)),
            status=status,
            current_version=version,
            **fields,
        )
    )
    work.flush()
    return row.id


def objective(work, plan_id: str, who: str, deadline: date, status: str = "pendiente", **f) -> None:  # type: ignore[no-untyped-def]
    work.add(
        PlanObjective(
            plan_id=plan_id,
            participant_id=who,
            area="sanitaria",
            title=f.pop("title", "Objetivo"),
            deadline=deadline,
            status=status,
            **f,
        )
    )


def interview(work, who: str, on: date, next_date: date | None, time: str = "", **f) -> None:  # type: ignore[no-untyped-def]
    work.add(
        Interview(
            participant_id=who, on_date=on, next_appointment_date=next_date,
            next_appointment_time=time, **f,
        )
    )  # fmt: skip
    work.flush()


@pytest.fixture
def other_manager(db, admin) -> str:  # type: ignore[no-untyped-def]
    with db.unit_of_work(admin) as work:
        user = work.add(
            UserAccount(login="lucia", full_name="Lucía Gestora", role="tecnico", password_hash="x")
        )
    return user.id


@pytest.fixture
def load(db, admin, other_manager):  # type: ignore[no-untyped-def]
    """Admin's caseload: A (2 overdue), B (1 overdue, appointment 20/01), C (appointment 16/01),
    D (nothing); E is Lucía's, F archived."""
    me = admin.user_id
    ids: dict[str, str] = {}
    with db.unit_of_work(admin) as work:
        for n, key in enumerate("ABCD", start=1):
            ids[key] = person(work, n, me)
        ids["E"] = person(work, 5, other_manager)
        ids["F"] = person(work, 6, me, archived=True)
        a = plan(work, ids["A"], version=3)
        for deadline in (date(2026, 1, 1), date(2026, 1, 10)):
            objective(work, a, ids["A"], deadline)
        objective(work, a, ids["A"], date(2026, 3, 1), "en_curso")  # open, not overdue
        objective(work, a, ids["A"], date(2025, 12, 1), "conseguido")  # closed
        plan(work, ids["A"], "cerrado", version=5, start_date=date(2024, 1, 1))
        b = plan(work, ids["B"], "borrador")
        objective(work, b, ids["B"], date(2026, 1, 14))
        interview(work, ids["B"], date(2026, 1, 12), date(2026, 1, 20), "10:30")
        work.add(
            CaseConference(
                participant_id=ids["B"],
                on_date=date(2026, 1, 8),
                tasks=json.dumps(
                    [
                        {"task": "t1", "owner": "o", "due": "2026-01-20", "done": ""},
                        {"task": "t2", "owner": "o", "due": "2026-01-20", "done": ""},
                        {"task": "t3", "owner": "o", "due": "2026-01-20", "done": "2026-01-09"},
                    ]
                ),
            )
        )
        interview(work, ids["C"], date(2026, 1, 5), date(2026, 1, 16), "09:00")
        work.add(
            EmploymentPlacement(
                participant_id=ids["C"], employer="Panadería", contract_type="temporal",
                start_date=date(2025, 12, 1),
            )
        )  # fmt: skip
        interview(work, ids["D"], date(2026, 1, 2), date(2026, 1, 10))  # a past appointment
        interview(work, ids["E"], date(2026, 1, 12), date(2026, 1, 16))
    return ids


def test_caseload_lists_the_managers_open_files_most_urgent_first(db, admin, load) -> None:  # type: ignore[no-untyped-def]
    rows = caseload(db, admin.user_id, TODAY)
    assert [row.participant_id for row in rows] == [load[k] for k in "ABCD"]
    a, b, c, d = rows
    assert (a.open_objectives, a.overdue_objectives, a.plan) == (
        3,
        2,
        "Vigente (acordado) · versión 3",
    )
    assert (b.overdue_objectives, b.next_appointment, b.next_appointment_time) == (
        1,
        date(2026, 1, 20),
        "10:30",
    )
    assert (b.open_tasks, b.plan) == (2, "En preparación · versión 1")
    assert (c.next_appointment, c.employed, c.plan) == (date(2026, 1, 16), True, NO_PLAN)
    assert (d.next_appointment, d.employed, d.open_tasks) == (None, False, 0)
    assert a.who == "Apellido1, Nombre1 (AP0001H)" and a.status == "En estancia"


def test_caseload_of_another_manager(db, load, other_manager) -> None:  # type: ignore[no-untyped-def]
    assert [row.participant_id for row in caseload(db, other_manager, TODAY)] == [load["E"]]


def test_caseload_summary_line(db, admin, load) -> None:  # type: ignore[no-untyped-def]
    rows = caseload(db, admin.user_id, TODAY)  # Thursday: the week ends on Sunday 18/01
    assert summary(rows, TODAY) == "4 participantes · 3 objetivos vencidos · 1 cita esta semana"
    assert summary([], TODAY) == "0 participantes · 0 objetivos vencidos · 0 citas esta semana"


def test_case_manager_choices_by_role(db, admin, tecnico, other_manager) -> None:  # type: ignore[no-untyped-def]
    assert case_manager_choices(db, tecnico) == [(tecnico.user_id, tecnico.full_name)]
    choices = case_manager_choices(db, admin)
    assert choices[0][0] == admin.user_id
    assert {user for user, _name in choices} == {admin.user_id, other_manager}
    boss = issue_actor("x", "jefa", "Jefa", Role.RESPONSABLE, admin.installation_id)
    assert {user for user, _ in case_manager_choices(db, boss)} >= {admin.user_id, other_manager}


def test_case_queries_return_named_rows(db, admin, load) -> None:  # type: ignore[no-untyped-def]
    from reinsercion_desktop.db import case_queries

    with db.read() as session:
        people = case_queries.caseload_people(session=session, case_manager_id=admin.user_id)
        late = case_queries.open_objectives(session=session, due_before=TODAY)
        plans = case_queries.plans(session=session, open_only=False)
        counts = case_queries.case_manager_counts(session=session)
    assert {p.codapel for p in people} == {"AP0001H", "AP0002H", "AP0003H", "AP0004H"}
    assert {(o.participant_id, o.deadline) for o in late} >= {(load["A"], date(2026, 1, 1))}
    assert {p.current_version for p in plans if p.participant_id == load["A"]} == {3, 5}
    assert counts[0].case_manager_id == admin.user_id and counts[0].open_files == 4
    first, *_rest = people  # still unpacks like the tuples it replaced
    identifier, *_ = first
    assert identifier == first.id


# -- timeline --------------------------------------------------------------------------------------


@pytest.fixture
def history(db, admin):  # type: ignore[no-untyped-def]
    """One person with a record of every kind the timeline draws."""
    with db.read() as session:
        vivienda = queries.viviendas(session=session)[0]
    with db.unit_of_work(admin) as work:
        who = person(work, 1, admin.user_id)
        referral = work.add(
            Referral(
                participant_id=who, protocol_date=date(2025, 3, 1),
                received_date=date(2025, 3, 5), status="admitted",
            )
        )  # fmt: skip
        work.flush()
        work.add(
            ReferralEvent(referral_id=referral.id, on_date=date(2025, 3, 5), status="received")
        )
        old = work.add(
            Stay(
                participant_id=who, referral_id=referral.id, vivienda_id=vivienda.id,
                admission_date=date(2025, 4, 1), discharge_date=date(2025, 6, 30),
                discharge_type="voluntaria",
            )
        )  # fmt: skip
        work.add(Stay(participant_id=who, vivienda_id=vivienda.id, admission_date=date(2025, 9, 1)))
        work.flush()
        work.add(Outing(stay_id=old.id, start_date=date(2025, 5, 2), end_date=date(2025, 5, 4)))
        plan_id = plan(work, who, version=2, next_review_date=date(2026, 3, 1))
        objective(work, plan_id, who, date(2026, 1, 1), title="Renovar la tarjeta sanitaria")
        objective(
            work, plan_id, who, date(2025, 12, 1), "conseguido",
            title="Empadronarse", achieved_date=date(2025, 11, 20),
        )  # fmt: skip
        work.add(
            PlanReview(
                plan_id=plan_id, participant_id=who, on_date=date(2025, 12, 15),
                reviewer_name="Ana", plan_version=2, summary="Nuevo plazo",
            )
        )  # fmt: skip
        interview(work, who, date(2026, 1, 9), date(2026, 1, 23), "10:30", staff_name="Ana")
        work.add(
            CoordinationContact(
                participant_id=who, on_date=date(2025, 10, 3), service_kind="salud",
                entity="Centro de salud Triana",
            )
        )  # fmt: skip
        work.add(CaseConference(participant_id=who, on_date=date(2025, 11, 5), topic="Empleo"))
        job = work.add(
            EmploymentPlacement(
                participant_id=who, employer="Panadería Sol", contract_type="temporal",
                start_date=date(2025, 11, 1),
            )
        )  # fmt: skip
        work.flush()
        work.add(JobFollowUp(placement_id=job.id, participant_id=who, on_date=date(2025, 12, 1)))
        course = work.add(Resource(category="formacion_academica", name="Curso de cocina"))
        work.flush()
        work.add(
            ResourceReferral(
                participant_id=who, resource_id=course.id, status="en_curso",
                proposed_date=date(2025, 10, 1), enrolled_date=date(2025, 10, 15),
            )
        )  # fmt: skip
        work.add(
            ResourceReferral(
                participant_id=who, resource_id=course.id, proposed_date=date(2025, 12, 10)
            )
        )
    return who


def test_timeline_spans_of_every_kind(db, history) -> None:  # type: ignore[no-untyped-def]
    timeline = timeline_of(db, history, TODAY)
    spans = {(s.lane, s.colour, s.start, s.end, s.open) for s in timeline.spans}
    assert (CIRCUIT, "stay", date(2025, 4, 1), date(2025, 6, 30), False) in spans
    assert (CIRCUIT, "stay", date(2025, 9, 1), TODAY, True) in spans  # open: ends today
    assert (CIRCUIT, "outing", date(2025, 5, 2), date(2025, 5, 4), False) in spans
    assert (CIRCUIT, "waiting", date(2025, 3, 5), date(2025, 4, 1), False) in spans
    assert (PLAN, "plan", date(2025, 9, 1), TODAY, True) in spans
    assert (WORK, "placement", date(2025, 11, 1), TODAY, True) in spans
    assert (WORK, "resource", date(2025, 10, 15), TODAY, True) in spans
    stay = next(s for s in timeline.spans if s.colour == "stay" and not s.open)
    assert stay.label.endswith("· alta voluntaria")
    assert "Panadería Sol" in next(s.label for s in timeline.spans if s.colour == "placement")


def test_timeline_points_of_every_kind(db, history) -> None:  # type: ignore[no-untyped-def]
    points = {(p.lane, p.colour, p.shape, p.day) for p in timeline_of(db, history, TODAY).points}
    assert (CIRCUIT, "referral", "circle", date(2025, 3, 5)) in points
    assert (PLAN, "overdue", SQUARE, date(2026, 1, 1)) in points  # R-PLAN-4
    assert (PLAN, "achieved", SQUARE, date(2025, 12, 1)) in points
    assert (PLAN, "achieved", "circle", date(2025, 11, 20)) in points
    assert (PLAN, "review", DIAMOND, date(2025, 12, 15)) in points
    assert (FOLLOW_UP, "interview", "circle", date(2026, 1, 9)) in points
    assert (FOLLOW_UP, "appointment", SQUARE, date(2026, 1, 23)) in points
    assert (FOLLOW_UP, "contact", "circle", date(2025, 10, 3)) in points
    assert (FOLLOW_UP, "conference", "circle", date(2025, 11, 5)) in points
    assert (WORK, "job", "circle", date(2025, 12, 1)) in points
    assert (WORK, "resource", "circle", date(2025, 12, 10)) in points  # only proposed


def test_timeline_labels_and_tooltips(db, history) -> None:  # type: ignore[no-untyped-def]
    timeline = timeline_of(db, history, TODAY)
    review = next(p for p in timeline.points if p.colour == "review")
    assert review.label == "Revisión del plan → versión 2 (Ana): Nuevo plazo"
    assert review.tooltip() == "15/12/2025\nRevisión del plan → versión 2 (Ana): Nuevo plazo"
    stay = next(s for s in timeline.spans if s.open and s.colour == "stay")
    assert stay.tooltip().startswith("01/09/2025 – hoy (en curso)")
    assert (timeline.start, timeline.end) == (date(2025, 3, 5), date(2026, 1, 23))


def test_timeline_of_someone_without_records_is_empty(db, admin) -> None:  # type: ignore[no-untyped-def]
    with db.unit_of_work(admin) as work:
        who = person(work, 9, None)
    timeline = timeline_of(db, who, TODAY)
    assert timeline.empty and timeline.start == timeline.end == TODAY
