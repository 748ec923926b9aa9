"""Waiting-list rules without a database: R-WL-1 … R-WL-5 and free places."""

from datetime import date, datetime

import pytest

from reinsercion_desktop.domain.referral_rules import (
    add_months,
    admission_window,
    assignment_deadline,
    not_located_deadline,
    not_located_due,
    planned_admission_problem,
    postponement_limit,
    postponement_problem,
    readmission_priority,
)
from reinsercion_desktop.domain.waiting_list import (
    Occupant,
    PlaceKind,
    Vacancy,
    WaitingEntry,
    assignment_problem,
    consultation_required,
    free_places,
    list_rows,
    needing_decision,
    needs_decision,
    next_candidate,
    offer,
    ordered,
    prison_quota_ok,
    prison_quota_problem,
)

TODAY = date(2026, 3, 1)
V1, V2 = "viv-1", "viv-2"


def entry(rid, sex="H", received=date(2026, 1, 10), **kw):
    return WaitingEntry(referral_id=rid, sex=sex, list_date=received, **kw)


def residents(n, prison=0, sex="H"):
    return [Occupant(sex, i < prison) for i in range(n)]


# -- R-WL-1 ----------------------------------------------------------------------------------


def test_R_WL_1_order_is_received_date_then_creation_time():
    a = entry("a", received=date(2026, 1, 12))
    b = entry("b", received=date(2026, 1, 10), created_at=datetime(2026, 1, 10, 12))
    c = entry("c", received=date(2026, 1, 10), created_at=datetime(2026, 1, 10, 9))
    assert [e.referral_id for e in ordered([a, b, c], TODAY)] == ["c", "b", "a"]


def test_R_WL_1_vacancy_goes_to_the_first_person_of_a_compatible_sex():
    woman = entry("w", sex="M", received=date(2026, 1, 1))
    man = entry("m", sex="H", received=date(2026, 1, 5))
    assert next_candidate([woman, man], Vacancy(V1, PlaceKind.MEN), [], TODAY) is man
    assert next_candidate([woman, man], Vacancy(V1, PlaceKind.WOMEN), [], TODAY) is woman
    assert next_candidate([man, woman], Vacancy(V1, PlaceKind.MIXED), [], TODAY) is woman


def test_R_WL_1_no_compatible_person_means_no_candidate():
    assert next_candidate([entry("m")], Vacancy(V1, PlaceKind.WOMEN), [], TODAY) is None


def test_R_WL_1_several_vacancies_require_consulting_the_centre():
    assert not consultation_required(1)
    assert consultation_required(2)


def test_R_WL_1_assignment_refused_to_someone_behind_or_to_the_wrong_sex():
    places = free_places(V1, "Triana", (1, 0, 0), [])
    first = entry("a", received=date(2026, 1, 2), code="AAA")
    second = entry("b", received=date(2026, 1, 5))
    woman = entry("w", sex="M")
    assert assignment_problem(first, [first, second], places, [], TODAY) is None
    assert "corresponde antes a AAA" in assignment_problem(
        second, [first, second], places, [], TODAY
    )
    assert "para mujeres" in assignment_problem(woman, [woman], places, [], TODAY)


def test_R_WL_1_list_rows_show_assigned_first_then_numbered_queue():
    assigned = entry("x", status="assigned", assigned_date=date(2026, 2, 20), code="XX")
    later, sooner = entry("l", received=date(2026, 2, 1)), entry("s", received=date(2026, 1, 1))
    rows = list_rows([later, assigned, sooner], TODAY)
    assert [(r.position, r.referral_id) for r in rows] == [(None, "x"), (1, "s"), (2, "l")]
    assert rows[0].codapel == "XX" and rows[1].days_waiting == 59


# -- R-WL-2 ----------------------------------------------------------------------------------


def test_R_WL_2_postponement_up_to_three_calendar_months_is_accepted():
    assert postponement_limit(date(2025, 11, 30)) == date(2026, 2, 28)
    assert postponement_problem(date(2026, 1, 10), date(2026, 4, 10), TODAY) is None


def test_R_WL_2_postponement_beyond_three_months_is_refused():
    message = postponement_problem(date(2026, 1, 10), date(2026, 4, 11), TODAY)
    assert "10/04/2026" in message and "3 meses" in message


def test_R_WL_2_postponement_beyond_is_allowed_once_a_keep_decision_exists():
    assert (
        postponement_problem(date(2026, 1, 10), date(2026, 5, 1), TODAY, "sigue en prisión") is None
    )


def test_R_WL_2_postponed_past_three_months_needs_a_decision():
    late = entry("late", status="postponed", included_date=date(2025, 11, 20))
    on_time = entry("ok", status="postponed", included_date=date(2025, 12, 1))
    decided = entry("kept", status="postponed", included_date=date(2025, 11, 1), keep_decision="x")
    waiting = entry("w", included_date=date(2025, 10, 1))
    assert needs_decision(late, TODAY)
    assert not needs_decision(on_time, TODAY)  # limit 01/03/2026 is today: still allowed
    assert [e.referral_id for e in needing_decision([late, on_time, decided, waiting], TODAY)] == [
        "late"
    ]


def test_R_WL_2_postponed_person_is_passed_over_until_the_date():
    postponed = entry(
        "p", received=date(2026, 1, 1), status="postponed",
        included_date=date(2026, 1, 2), postponed_until=date(2026, 3, 15),
    )  # fmt: skip
    nxt = entry("n", received=date(2026, 1, 5))
    chosen = offer([postponed, nxt], Vacancy(V1), [], TODAY)
    assert chosen.entry is nxt
    assert chosen.passed_over == (("p", "ingreso aplazado hasta el 15/03/2026"),)
    assert next_candidate([postponed, nxt], Vacancy(V1), [], date(2026, 3, 15)) is postponed


# -- R-WL-3 ----------------------------------------------------------------------------------


def test_R_WL_3_one_prison_referral_of_six_is_within_the_quota():
    assert prison_quota_ok(residents(5), candidate_prison=True)  # 1/6 = 16.7 %
    assert prison_quota_ok(residents(4), candidate_prison=True)  # 1/5 = 20 %: the limit


def test_R_WL_3_prison_quota_refuses_a_second_prison_referral_of_seven():
    assert not prison_quota_ok(residents(6, prison=1), candidate_prison=True)  # 2/7
    assert "2 de 7" in prison_quota_problem(residents(6, prison=1), True, court_order=False)


def test_R_WL_3_non_prison_candidates_never_break_the_quota():
    assert prison_quota_ok(residents(2, prison=2), candidate_prison=False)


def test_R_WL_3_court_order_forces_admission_over_the_quota():
    assert prison_quota_problem(residents(6, prison=1), True, court_order=True) is None
    forced = entry("court", received=date(2026, 1, 1), prison=True, court_order=True)
    chosen = offer([forced], Vacancy(V1), residents(6, prison=1), TODAY)
    assert chosen.entry is forced and chosen.court_override


def test_R_WL_3_prison_referral_over_the_quota_is_passed_over_for_the_next():
    prison = entry("prison", received=date(2026, 1, 1), prison=True)
    other = entry("other", received=date(2026, 1, 2))
    chosen = offer([prison, other], Vacancy(V1), residents(6, prison=1), TODAY)
    assert chosen.entry is other
    assert chosen.passed_over[0][0] == "prison"


# -- R-WL-4 ----------------------------------------------------------------------------------


def test_R_WL_4_derived_discharge_within_four_months_gives_priority():
    assert readmission_priority("derivada", date(2025, 12, 1), V1, TODAY) == (date(2026, 4, 1), V1)


def test_R_WL_4_no_priority_after_four_months_or_for_other_discharges():
    assert readmission_priority("derivada", date(2025, 10, 31), V1, TODAY) is None
    assert readmission_priority("voluntaria", date(2026, 2, 1), V1, TODAY) is None


def test_R_WL_4_priority_takes_the_first_vacancy_of_the_same_vivienda_only():
    early = entry("early", received=date(2025, 12, 1))
    back = entry(
        "back", received=date(2026, 2, 20),
        priority_until=date(2026, 4, 1), priority_vivienda_id=V1,
    )  # fmt: skip
    assert ordered([early, back], TODAY)[0] is back
    assert next_candidate([early, back], Vacancy(V1), [], TODAY) is back
    other = offer([early, back], Vacancy(V2), [], TODAY)
    assert other.entry is early
    # expired priority: an ordinary place in the list
    assert next_candidate([early, back], Vacancy(V1), [], date(2026, 4, 2)) is early


# -- R-WL-5 ----------------------------------------------------------------------------------


def test_R_WL_5_therapeutic_discharge_is_assigned_fifteen_days_ahead():
    deadline = assignment_deadline(
        "terapeutica", discharge_date=None, planned_discharge_date=date(2026, 3, 31)
    )
    assert deadline == date(2026, 3, 16)
    assert admission_window("terapeutica", discharge_date=date(2026, 3, 31)) == (
        date(2026, 3, 31),
        None,
    )


def test_R_WL_5_other_discharges_assign_at_once_and_admit_in_one_to_five_days():
    for kind in ("voluntaria", "disciplinaria", "derivada"):
        assert assignment_deadline(kind, discharge_date=date(2026, 3, 1)) == date(2026, 3, 1)
        assert admission_window(kind, discharge_date=date(2026, 3, 1)) == (
            date(2026, 3, 2),
            date(2026, 3, 6),
        )
    assert planned_admission_problem(date(2026, 3, 6), TODAY, "voluntaria", TODAY) is None
    assert "entre 1 y 5 días" in planned_admission_problem(
        date(2026, 3, 7), TODAY, "voluntaria", TODAY
    )
    assert "desde el 02/03/2026" in planned_admission_problem(TODAY, TODAY, "derivada", TODAY)
    assert "anterior a hoy" in planned_admission_problem(date(2026, 2, 28), TODAY)


def test_R_WL_5_not_located_after_two_days_loses_the_turn():
    assigned = date(2026, 3, 1)
    assert not_located_deadline(assigned) == date(2026, 3, 3)
    assert not not_located_due(assigned, date(2026, 3, 3))
    assert not_located_due(assigned, date(2026, 3, 4))


# -- free places ---------------------------------------------------------------------------------


def test_free_places_count_mixed_places_for_either_sex():
    places = free_places(V1, "Triana", (2, 1, 2), residents(3) + residents(1, sex="M"))
    # 3 men in 2 men's places → one man overflows into the mixed places
    assert (places.free_men, places.free_women, places.free_mixed) == (0, 0, 1)
    assert places.free_for("H") == 1 and places.free_for("M") == 1
    assert places.vacancy_kinds("H") == [PlaceKind.MIXED]


def test_free_places_of_an_empty_house():
    places = free_places(V1, "Triana", (6, 2, 0), [])
    assert places.free_for("H") == 6 and places.free_for("M") == 2 and places.free_total == 8
    assert places.vacancy_kinds("M") == [PlaceKind.WOMEN]


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 11, 15), 3, date(2026, 2, 15)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(start, months, expected):
    assert add_months(start, months) == expected
