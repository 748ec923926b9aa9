"""Case-management deadlines, pure (domain/case_deadlines.py); today is 15/01/2026."""

import json
from datetime import date, timedelta

from reinsercion_desktop.domain.case_deadlines import (
    ConferenceFacts,
    InterviewFacts,
    ObjectiveFacts,
    PlacementFacts,
    PlanFacts,
    appointment_deadlines,
    case_deadlines,
    conference_task_deadlines,
    job_follow_up_deadlines,
    latest_interviews,
    objective_deadlines,
    parse_tasks,
    review_deadlines,
)
from reinsercion_desktop.domain.deadlines import Action, DeadlineKind
from reinsercion_desktop.domain.follow_up_rules import JOB_FOLLOW_UP_DAYS

TODAY = date(2026, 1, 15)
FAR_PAST, FAR_AHEAD = TODAY - timedelta(days=90), TODAY + timedelta(days=30)


def interview(on: date, next_date: date | None, time: str = "", order: str = "", who="P1"):  # type: ignore[no-untyped-def]
    return InterviewFacts(who, f"Persona {who}", on, next_date, time, order)


def test_r_fu_1_next_appointment_listed_with_its_time() -> None:
    items = appointment_deadlines(
        [interview(date(2026, 1, 10), date(2026, 1, 20), "10:30")],
        earliest=FAR_PAST,
        latest=FAR_AHEAD,
    )
    assert [(i.kind, i.rule, i.due, i.action) for i in items] == [
        (DeadlineKind.APPOINTMENT, "R-FU-1", date(2026, 1, 20), Action.OPEN_FOLLOW_UP)
    ]
    assert items[0].what.startswith("Cita de seguimiento 10:30")
    assert items[0].participant_id == "P1"


def test_r_fu_1_later_interview_replaces_the_earlier_appointment() -> None:
    earlier = interview(date(2026, 1, 5), date(2026, 1, 20), "10:30")
    later_without = interview(date(2026, 1, 12), None)
    assert (
        appointment_deadlines([earlier, later_without], earliest=FAR_PAST, latest=FAR_AHEAD) == []
    )
    later_with = interview(date(2026, 1, 12), date(2026, 2, 2), "09:00")
    (item,) = appointment_deadlines([later_with, earlier], earliest=FAR_PAST, latest=FAR_AHEAD)
    assert item.due == date(2026, 2, 2)


def test_r_fu_1_same_day_interviews_the_one_recorded_last_counts() -> None:
    first = interview(TODAY, date(2026, 1, 20), order="2026-01-15 09:00")
    second = interview(TODAY, date(2026, 1, 22), order="2026-01-15 11:00")
    assert latest_interviews([second, first])["P1"] is second


def test_r_fu_1_appointment_not_after_the_interview_is_ignored() -> None:
    same_day = interview(date(2026, 1, 10), date(2026, 1, 10))
    assert appointment_deadlines([same_day], earliest=FAR_PAST, latest=FAR_AHEAD) == []


def test_r_fu_1_appointment_window_bounds() -> None:
    inside = interview(date(2025, 9, 1), FAR_PAST, who="A")
    too_old = interview(date(2025, 9, 1), FAR_PAST - timedelta(days=1), who="B")
    last_day = interview(TODAY, FAR_AHEAD, who="C")
    beyond = interview(TODAY, FAR_AHEAD + timedelta(days=1), who="D")
    items = appointment_deadlines(
        [inside, too_old, last_day, beyond], earliest=FAR_PAST, latest=FAR_AHEAD
    )
    assert sorted(i.participant_id for i in items) == ["A", "C"]


def objective(deadline: date | None, status: str = "pendiente", title: str = "Buscar empleo"):  # type: ignore[no-untyped-def]
    return ObjectiveFacts("O1", "P1", "Persona", title, deadline, status)


def test_r_plan_4_open_objective_past_deadline_is_overdue() -> None:
    (item,) = objective_deadlines([objective(date(2026, 1, 14), "en_curso")], today=TODAY)
    assert (item.kind, item.rule, item.action) == (
        DeadlineKind.OBJECTIVE_OVERDUE,
        "R-PLAN-4",
        Action.OPEN_PLAN,
    )
    assert item.what.startswith("Objetivo vencido: «Buscar empleo»")
    assert item.overdue(TODAY)


def test_r_plan_4_deadline_today_or_no_deadline_is_not_overdue() -> None:
    assert objective_deadlines([objective(TODAY), objective(None)], today=TODAY) == []


def test_r_plan_4_achieved_or_dropped_objective_is_not_overdue() -> None:
    past = date(2025, 12, 1)
    closed = [objective(past, status) for status in ("conseguido", "no_conseguido", "descartado")]
    assert objective_deadlines(closed, today=TODAY) == []


def plan(status: str, review: date | None, version: int = 2) -> PlanFacts:
    return PlanFacts("PL1", "P1", "Persona", status, version, review)


def test_plan_review_due_for_open_plans_up_to_the_horizon() -> None:
    items = review_deadlines(
        [plan("vigente", date(2025, 12, 1)), plan("borrador", FAR_AHEAD)], latest=FAR_AHEAD
    )
    assert [(i.kind, i.due, i.action) for i in items] == [
        (DeadlineKind.PLAN_REVIEW, date(2025, 12, 1), Action.OPEN_PLAN),
        (DeadlineKind.PLAN_REVIEW, FAR_AHEAD, Action.OPEN_PLAN),
    ]
    assert "versión 2" in items[0].what


def test_plan_review_closed_plan_or_beyond_horizon_has_no_reminder() -> None:
    beyond = FAR_AHEAD + timedelta(days=1)
    items = review_deadlines(
        [plan("cerrado", date(2025, 12, 1)), plan("vigente", beyond), plan("vigente", None)],
        latest=FAR_AHEAD,
    )
    assert items == []


def conference(*tasks: dict, on: date = date(2026, 1, 8)) -> ConferenceFacts:
    return ConferenceFacts("C1", "P1", "Persona", on, parse_tasks(json.dumps(list(tasks))))


def test_r_fu_2_open_task_with_owner_and_due_date() -> None:
    task = {"task": "Pedir cita en el SAE", "owner": "Lucía (SAE)", "due": "2026-01-20", "done": ""}
    (item,) = conference_task_deadlines([conference(task)], latest=FAR_AHEAD)
    assert (item.kind, item.rule, item.due) == (
        DeadlineKind.CONFERENCE_TASK,
        "R-FU-2",
        date(2026, 1, 20),
    )
    assert (
        item.what == "Tarea de la mesa de casos: Pedir cita en el SAE (responsable: Lucía (SAE))."
    )


def test_r_fu_2_done_task_is_gone_and_a_task_without_due_is_due_at_the_conference() -> None:
    done = {"task": "Llamar", "owner": "Ana", "due": "2026-01-10", "done": "2026-01-09"}
    undated = {"task": "Informe", "owner": "Ana", "due": "", "done": ""}
    (item,) = conference_task_deadlines([conference(done, undated)], latest=FAR_AHEAD)
    assert item.due == date(2026, 1, 8)
    assert "Informe" in item.what


def test_r_fu_2_unreadable_task_list_is_no_task() -> None:
    assert parse_tasks("no es json") == ()
    assert parse_tasks('{"task": "x"}') == ()


def placement(start: date, last: date | None = None, end: date | None = None) -> PlacementFacts:
    return PlacementFacts("E1", "P1", "Persona", "Limpiezas Sur", start, end, last)


def test_job_follow_up_monthly_after_start_or_last_follow_up() -> None:
    start = date(2025, 12, 1)
    (first,) = job_follow_up_deadlines([placement(start)], today=TODAY, latest=FAR_AHEAD)
    assert first.due == start + timedelta(days=JOB_FOLLOW_UP_DAYS)
    assert first.kind == DeadlineKind.JOB_FOLLOW_UP and first.action == Action.OPEN_FOLLOW_UP
    (next_one,) = job_follow_up_deadlines(
        [placement(start, last=date(2026, 1, 5))], today=TODAY, latest=FAR_AHEAD
    )
    assert next_one.due == date(2026, 2, 4)
    assert "Limpiezas Sur" in next_one.what


def test_job_follow_up_none_once_the_placement_ended_or_beyond_horizon() -> None:
    ended = placement(date(2025, 10, 1), end=date(2025, 12, 31))
    recent = placement(TODAY)  # due 14/02/2026: the horizon's last day
    assert job_follow_up_deadlines([ended], today=TODAY, latest=FAR_AHEAD) == []
    assert (
        job_follow_up_deadlines([recent], today=TODAY, latest=FAR_AHEAD - timedelta(days=1)) == []
    )
    assert len(job_follow_up_deadlines([recent], today=TODAY, latest=FAR_AHEAD)) == 1


def test_all_case_deadlines_sorted_soonest_first() -> None:
    items = case_deadlines(
        today=TODAY,
        interviews=[interview(date(2026, 1, 10), date(2026, 1, 20))],
        objectives=[objective(date(2026, 1, 2))],
        plans=[plan("vigente", date(2026, 1, 16))],
        conferences=[conference({"task": "t", "owner": "o", "due": "2026-01-18", "done": ""})],
        placements=[placement(date(2026, 1, 1))],
    )
    assert [i.kind for i in items] == [
        DeadlineKind.OBJECTIVE_OVERDUE,
        DeadlineKind.PLAN_REVIEW,
        DeadlineKind.CONFERENCE_TASK,
        DeadlineKind.APPOINTMENT,
        DeadlineKind.JOB_FOLLOW_UP,
    ]
    assert [i.due for i in items] == sorted(i.due for i in items)
