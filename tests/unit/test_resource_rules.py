"""Rules of the resource catalogue and of referrals to it, without storage or Qt
(R-RES-1 enrolment windows, R-RES-2 status steps, the bulletin's selection)."""

from datetime import date

import pytest

from reinsercion_desktop.domain.enums import ResourceCategory as C
from reinsercion_desktop.domain.enums import ResourceReferralStatus as S
from reinsercion_desktop.domain.resource_rules import (
    PERIOD_HELP,
    Period,
    ReferralFacts,
    ResourceDraft,
    ResourceFacts,
    allowed_next,
    check_step,
    enrolment_open,
    enrolment_problem,
    enrolment_summary,
    month_label,
    next_enrolment_period,
    note_with_step,
    parse_month,
    periods_from_json,
    periods_to_json,
    read_resource,
    transition_problem,
    upcoming,
)

TODAY = date(2026, 3, 20)
PREPA = ResourceFacts(
    name="Prepa en Línea",
    category=C.ACADEMIC,
    periods=(
        Period(date(2026, 1, 14), date(2026, 2, 24)),
        Period(date(2026, 7, 10), date(2026, 8, 7)),
    ),
)
ABIERTA = ResourceFacts(name="Preparatoria Abierta", category=C.ACADEMIC, open_all_year=True)


# -- R-RES-1: enrolment windows ------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 1, 13), False),  # the day before the first period
        (date(2026, 1, 14), True),  # first day
        (date(2026, 2, 24), True),  # last day
        (date(2026, 2, 25), False),  # the day after
        (date(2026, 7, 10), True),
        (date(2026, 8, 8), False),
    ],
)
def test_r_res_1_enrolment_open_on_the_boundaries(day: date, expected: bool) -> None:
    assert enrolment_open(PREPA, day) is expected


def test_r_res_1_open_all_year_is_always_open() -> None:
    assert enrolment_open(ABIERTA, date(2026, 12, 31))
    assert enrolment_problem(ABIERTA, date(2026, 12, 31)) == ""


def test_r_res_1_refusal_names_the_resource_the_date_and_the_periods() -> None:
    assert enrolment_problem(PREPA, date(2026, 3, 20)) == (
        "El recurso «Prepa en Línea» no tiene inscripción abierta el 20/03/2026. "
        "Periodos: 14/01–24/02/2026, 10/07–07/08/2026."
    )


def test_r_res_1_no_periods_and_not_open_all_year_says_how_to_fix() -> None:
    bare = ResourceFacts(name="Taller")
    problem = enrolment_problem(bare, TODAY)
    assert "no tiene periodos de inscripción" in problem
    assert "Abierto todo el año" in problem


def test_next_enrolment_period_is_the_open_one_or_the_next() -> None:
    assert next_enrolment_period(PREPA, date(2026, 2, 1)) == PREPA.periods[0]
    assert next_enrolment_period(PREPA, date(2026, 2, 25)) == PREPA.periods[1]
    assert next_enrolment_period(PREPA, date(2026, 8, 8)) is None


def test_enrolment_summary_lines() -> None:
    assert enrolment_summary(PREPA, date(2026, 2, 1)) == "Abierta hasta el 24/02/2026"
    assert enrolment_summary(PREPA, TODAY) == "Próxima: 10/07–07/08/2026"
    assert enrolment_summary(PREPA, date(2026, 9, 1)) == "Sin fechas de inscripción próximas"
    assert enrolment_summary(ABIERTA, TODAY) == "Inscripción abierta todo el año"


def test_period_label_shows_both_years_across_new_year() -> None:
    assert Period(date(2025, 12, 20), date(2026, 1, 10)).label == "20/12/2025–10/01/2026"


def test_periods_json_round_trip_sorted_and_tolerant() -> None:
    periods = [
        Period(date(2026, 7, 1), date(2026, 7, 9)),
        Period(date(2026, 1, 1), date(2026, 1, 9)),
    ]
    assert periods_from_json(periods_to_json(periods)) == tuple(sorted(periods))
    assert periods_from_json('[{"start": "nope"}, 3]') == ()
    assert periods_from_json("not json") == ()


# -- catalogue drafts ----------------------------------------------------------------------


def draft(**overrides: object) -> ResourceDraft:
    values: dict[str, object] = {"category": "formacion_academica", "name": "Prepa en Línea"}
    return ResourceDraft(**(values | overrides))  # type: ignore[arg-type]


def test_valid_draft_gives_column_values() -> None:
    values, problems = read_resource(
        draft(
            name="  Prepa en Línea ",
            enrolment_periods=[("10/07/2026", "07/08/2026"), ("14/01/2026", "24/02/2026")],
            starts_on="01/09/2026",
            ends_on="",
        )
    )
    assert problems == {}
    assert values["name"] == "Prepa en Línea"
    assert periods_from_json(values["enrolment_periods"])[0].start == date(2026, 1, 14)
    assert values["starts_on"] == date(2026, 9, 1) and values["ends_on"] is None


def test_draft_needs_category_and_name() -> None:
    _, problems = read_resource(draft(category="deportes", name="  "))
    assert problems == {
        "category": "Elija la categoría del recurso.",
        "name": "Escriba el nombre del recurso.",
    }


def test_draft_period_end_before_start_is_refused_naming_the_period() -> None:
    _, problems = read_resource(draft(enrolment_periods=[("24/02/2026", "14/01/2026")]))
    assert problems["enrolment_periods"].startswith("Periodo 1: el fin (14/01/2026)")


def test_draft_period_on_one_day_is_valid() -> None:
    _, problems = read_resource(draft(enrolment_periods=[("14/01/2026", "14/01/2026")]))
    assert problems == {}


def test_draft_overlapping_periods_refused_even_touching_on_one_day() -> None:
    _, problems = read_resource(
        draft(enrolment_periods=[("01/01/2026", "31/01/2026"), ("31/01/2026", "15/02/2026")])
    )
    assert "se solapan" in problems["enrolment_periods"]


def test_draft_unreadable_or_half_period() -> None:
    _, problems = read_resource(
        draft(enrolment_periods=[("31/02/2026", "01/03/2026"), ("", "1/3/26")])
    )
    message = problems["enrolment_periods"]
    assert "Periodo 1: La fecha 31/02/2026 no existe" in message
    assert "Periodo 2: escriba la fecha de inicio y la de fin." in message


def test_draft_open_all_year_with_periods_is_contradictory() -> None:
    _, problems = read_resource(
        draft(open_all_year=True, enrolment_periods=[("01/01/2026", "31/01/2026")])
    )
    assert "todo el año" in problems["enrolment_periods"]


def test_draft_course_end_not_before_start_and_bad_dates() -> None:
    _, problems = read_resource(draft(starts_on="10/03/2026", ends_on="09/03/2026"))
    assert problems == {
        "ends_on": "El curso no puede terminar (09/03/2026) antes de empezar (10/03/2026)."
    }
    _, problems = read_resource(draft(starts_on="ayer"))
    assert "no es una fecha" in problems["starts_on"]


def test_draft_lengths_per_column() -> None:
    _, problems = read_resource(draft(cost="x" * 61, name="n" * 151, duration="d" * 100))
    assert set(problems) == {"cost", "name"}
    assert "60" in problems["cost"]


# -- R-RES-2: status steps -----------------------------------------------------------------


def test_r_res_2_allowed_next_statuses() -> None:
    assert allowed_next("propuesto") == (S.ENROLLED, S.ABANDONED)
    assert allowed_next("inscrito") == (S.ONGOING, S.ABANDONED)
    assert allowed_next("en_curso") == (S.FINISHED, S.ABANDONED)
    assert allowed_next("finalizado") == ()
    assert allowed_next("abandonado") == ()
    assert allowed_next("otra cosa") == ()


@pytest.mark.parametrize(
    ("current", "new"),
    [
        ("propuesto", "inscrito"),
        ("inscrito", "en_curso"),
        ("en_curso", "finalizado"),
        ("propuesto", "abandonado"),
        ("inscrito", "abandonado"),
        ("en_curso", "abandonado"),
    ],
)
def test_r_res_2_allowed_steps(current: str, new: str) -> None:
    assert transition_problem(current, new) == ""


def test_r_res_2_skipping_a_step_names_the_allowed_ones() -> None:
    assert transition_problem("propuesto", "finalizado") == (
        "No se puede pasar de «Propuesto» a «Finalizado». "
        "Desde «Propuesto» puede pasar a «Inscrito/a» o «Abandonado»."
    )
    assert "«En curso»" in transition_problem("inscrito", "propuesto")


def test_r_res_2_closed_referrals_do_not_move() -> None:
    assert transition_problem("finalizado", "abandonado") == (
        "La derivación está «Finalizado»: ya no cambia de estado."
    )
    assert "ya no cambia" in transition_problem("abandonado", "inscrito")


PROPOSED = ReferralFacts("propuesto", date(2026, 2, 1))


def test_r_res_2_step_date_not_in_the_future_nor_before_the_proposal() -> None:
    future = check_step(PROPOSED, "abandonado", date(2026, 3, 21), TODAY, ABIERTA)
    assert "posterior a hoy" in future["on_date"]
    early = check_step(PROPOSED, "abandonado", date(2026, 1, 31), TODAY, ABIERTA)
    assert "anterior a la propuesta (01/02/2026)" in early["on_date"]
    assert check_step(PROPOSED, "abandonado", date(2026, 2, 1), TODAY, ABIERTA) == {}
    assert check_step(PROPOSED, "abandonado", TODAY, TODAY, ABIERTA) == {}


def test_r_res_2_later_steps_not_before_the_enrolment() -> None:
    enrolled = ReferralFacts("inscrito", date(2026, 2, 1), date(2026, 2, 10))
    problems = check_step(enrolled, "en_curso", date(2026, 2, 9), TODAY, PREPA)
    assert "anterior a la inscripción (10/02/2026)" in problems["on_date"]


def test_r_res_1_enrolling_checks_the_window_other_steps_do_not() -> None:
    referral = ReferralFacts("propuesto", date(2026, 1, 10))
    refused = check_step(referral, "inscrito", TODAY, TODAY, PREPA)
    assert refused == {"on_date": enrolment_problem(PREPA, TODAY)}
    assert check_step(referral, "inscrito", date(2026, 2, 24), TODAY, PREPA) == {}
    assert check_step(referral, "abandonado", TODAY, TODAY, PREPA) == {}


def test_r_res_2_a_bad_transition_is_reported_alone() -> None:
    problems = check_step(PROPOSED, "finalizado", date(2030, 1, 1), TODAY, PREPA)
    assert list(problems) == ["new_status"]


def test_note_keeps_a_dated_line_per_step_within_the_limit() -> None:
    note = note_with_step("", "en_curso", date(2026, 3, 2), "Empieza el lunes")
    assert note == "02/03/2026 · En curso: Empieza el lunes"
    long = note_with_step("x" * 990, "finalizado", date(2026, 3, 3), "")
    assert long == "03/03/2026 · Finalizado"


# -- the bulletin's selection --------------------------------------------------------------


def test_parse_month_and_label() -> None:
    assert parse_month("2026-11") == (date(2026, 11, 1), date(2026, 11, 30))
    assert parse_month("2026-12") == (date(2026, 12, 1), date(2026, 12, 31))
    assert parse_month("2028-2") == (date(2028, 2, 1), date(2028, 2, 29))
    assert month_label(date(2026, 11, 1)) == "noviembre de 2026"
    for bad in ("2026-13", "11/2026", "", "2026-00"):
        with pytest.raises(ValueError, match="AAAA-MM"):
            parse_month(bad)
    assert PERIOD_HELP == "El periodo tiene que ser AAAA-MM, por ejemplo 2026-11."


def test_upcoming_selects_and_orders() -> None:
    first, last = date(2026, 11, 1), date(2026, 11, 30)
    in_month = ResourceFacts(
        "Curso B", C.JOB_TRAINING, periods=(Period(date(2026, 11, 20), date(2026, 12, 5)),)
    )
    soon = ResourceFacts(
        "Curso A", C.JOB_TRAINING, periods=(Period(date(2027, 1, 20), date(2027, 2, 5)),)
    )
    beyond = ResourceFacts(
        "Lejano", C.JOB_TRAINING, periods=(Period(date(2027, 3, 1), date(2027, 3, 5)),)
    )
    past = ResourceFacts(
        "Pasado", C.ACADEMIC, periods=(Period(date(2025, 1, 1), date(2025, 2, 1)),)
    )
    course_running = ResourceFacts(
        "Liga", C.LEISURE, starts_on=date(2026, 9, 1), ends_on=date(2026, 12, 15)
    )
    course_over = ResourceFacts(
        "Liga vieja", C.LEISURE, starts_on=date(2026, 9, 1), ends_on=date(2026, 10, 31)
    )
    one_day_course = ResourceFacts("Charla", C.JOB_BOARD, starts_on=date(2026, 12, 30))
    chosen = upcoming(
        [course_running, soon, beyond, past, in_month, ABIERTA, course_over, one_day_course],
        first,
        last,
        horizon_days=60,
    )
    assert [r.name for r in chosen] == [
        "Preparatoria Abierta",
        "Curso B",
        "Curso A",
        "Charla",
        "Liga",
    ]
