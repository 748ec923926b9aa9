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
from reinsercion_desktop.domain.deadlines import LEAD_DAYS, Action, DeadlineKind, sort_deadlines
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
    (item,) = objective_deadlines([objective(date(2026, 1, 14), "en_curso")], latest=FAR_AHEAD)
    assert (item.kind, item.rule, item.action) == (
        DeadlineKind.OBJECTIVE_DEADLINE,
        "R-PLAN-4",
        Action.OPEN_PLAN,
    )
    assert item.what.startswith("Objetivo del plan: «Buscar empleo» (plazo 14/01/2026)")
    assert item.overdue(TODAY) and item.tone(TODAY) == "alert"


def test_r_plan_4_objective_listed_15_days_before_its_deadline() -> None:
    """Once listed only when already overdue; now from 15 days before, amber in the last week."""
    by = TODAY + timedelta(days=LEAD_DAYS[DeadlineKind.OBJECTIVE_DEADLINE])
    ahead = objective(date(2026, 1, 30))  # 15 days ahead: listed, not yet overdue
    beyond = objective(date(2026, 1, 31))
    (item,) = objective_deadlines([ahead, beyond, objective(None)], latest=by)
    assert item.due == date(2026, 1, 30) and not item.overdue(TODAY) and item.tone(TODAY) is None
    assert item.tone(date(2026, 1, 23)) == "warning"
    (today,) = objective_deadlines([objective(TODAY)], latest=by)
    assert not today.overdue(TODAY) and today.tone(TODAY) == "warning"


def test_r_plan_4_achieved_or_dropped_objective_is_not_listed() -> None:
    past = date(2025, 12, 1)
    closed = [objective(past, status) for status in ("conseguido", "no_conseguido", "descartado")]
    assert objective_deadlines(closed, latest=FAR_AHEAD) == []


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


def test_case_deadlines_each_from_its_lead_time() -> None:
    """R-FU-1 appointments, R-FU-2 tasks and job follow-ups a week ahead; plan reviews
    (R-PLAN-3) and objectives (R-PLAN-4) two weeks ahead."""
    assert LEAD_DAYS[DeadlineKind.APPOINTMENT] == 7 and LEAD_DAYS[DeadlineKind.PLAN_REVIEW] == 15
    on = TODAY + timedelta(days=7)
    later = on + timedelta(days=1)
    items = case_deadlines(
        today=TODAY,
        interviews=[
            interview(TODAY, on, who="A"),
            interview(TODAY, later, who="B"),
        ],
        plans=[
            plan("vigente", TODAY + timedelta(days=15)),
            plan("vigente", later + timedelta(days=8)),
        ],
        conferences=[
            conference(
                {"task": "t", "owner": "o", "due": on.isoformat(), "done": ""},
                {"task": "u", "owner": "o", "due": later.isoformat(), "done": ""},
            )
        ],
        placements=[
            placement(on - timedelta(days=JOB_FOLLOW_UP_DAYS)),
            placement(later - timedelta(days=JOB_FOLLOW_UP_DAYS)),
        ],
    )
    assert sorted((i.kind.value, i.due) for i in items) == sorted(
        [
            ("appointment", on),
            ("plan_review", TODAY + timedelta(days=15)),
            ("conference_task", on),
            ("job_follow_up", on),
        ]
    )


def test_all_case_deadlines_sorted_soonest_first() -> None:
    items = case_deadlines(
        today=TODAY,
        interviews=[interview(date(2026, 1, 10), date(2026, 1, 20))],
        objectives=[objective(date(2026, 1, 2))],
        plans=[plan("vigente", date(2026, 1, 16))],
        conferences=[conference({"task": "t", "owner": "o", "due": "2026-01-18", "done": ""})],
        placements=[placement(date(2026, 1, 1))],  # due 31/01: beyond the week
        leads={DeadlineKind.JOB_FOLLOW_UP: 30},
    )
    items = sort_deadlines(items)
    assert [i.kind for i in items] == [
        DeadlineKind.OBJECTIVE_DEADLINE,
        DeadlineKind.PLAN_REVIEW,
        DeadlineKind.CONFERENCE_TASK,
        DeadlineKind.APPOINTMENT,
        DeadlineKind.JOB_FOLLOW_UP,
    ]
    assert [i.due for i in items] == sorted(i.due for i in items)
