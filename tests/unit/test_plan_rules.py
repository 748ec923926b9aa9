"""Rules of the reintegration plan, without storage (R-PLAN-1, R-PLAN-2, R-PLAN-3, R-PLAN-4)
and its templates (`003_…` §7–8, needs of the valoración inicial)."""

from dataclasses import replace
from datetime import date

import pytest

from reinsercion_desktop.domain.enums import PlanArea
from reinsercion_desktop.domain.plan_rules import (
    ActivityDraft,
    ObjectiveDraft,
    ObjectiveState,
    PlanDraft,
    activity_done_date,
    check_activity,
    check_objective,
    check_plan,
    check_review,
    describe_changes,
    normalise_progress,
    objective_overdue,
)
from reinsercion_desktop.domain.plan_templates import (
    ACTIVITY_TEMPLATES,
    NEED_TEMPLATES,
    OBJECTIVE_TEMPLATES,
    activity_templates_for,
    assessment_levels,
    objective_template,
    objective_templates_for,
    proposed_templates,
)

START = date(2026, 1, 10)
TODAY = date(2026, 1, 15)


def objective(**overrides: object) -> ObjectiveDraft:
    values: dict = {
        "area": "formativo_laboral",
        "title": "Buscar empleo",
        "indicator": "Candidaturas enviadas",
        "target": "10 al mes",
        "deadline": date(2026, 3, 1),
        "priority": "media",
        "status": "pendiente",
        "progress": 0,
    }
    values.update(overrides)
    return ObjectiveDraft(**values)


def state(**overrides: object) -> ObjectiveState:
    values: dict = {
        "id": "o1",
        "area": "formativo_laboral",
        "title": "Buscar empleo",
        "indicator": "Candidaturas",
        "target": "10 al mes",
        "deadline": date(2026, 3, 1),
        "priority": "media",
        "status": "en_curso",
        "progress": 40,
    }
    values.update(overrides)
    return ObjectiveState(**values)


# -- objectives (R-PLAN-1, R-PLAN-2) ------------------------------------------------------


def test_a_complete_objective_has_no_problems() -> None:
    assert check_objective(objective(), START) == {}


def test_r_plan_1_deadline_not_before_plan_start() -> None:
    problems = check_objective(objective(deadline=date(2026, 1, 9)), START)
    assert problems == {
        "deadline": "El plazo (09/01/2026) es anterior al inicio del plan (10/01/2026). "
        "Ponga un plazo a partir de esa fecha."
    }
    assert check_objective(objective(deadline=START), START) == {}


def test_r_plan_1_deadline_is_required() -> None:
    assert "plazo" in check_objective(objective(deadline=None), START)["deadline"]


@pytest.mark.parametrize("progress", [-1, 101, 250, True, "40"])
def test_r_plan_2_progress_out_of_range_is_refused(progress: object) -> None:
    problems = check_objective(objective(progress=progress), START)
    assert problems == {"progress": "El progreso debe estar entre 0 y 100 %."}


@pytest.mark.parametrize("progress", [0, 55, 100])
def test_r_plan_2_progress_within_range_is_accepted(progress: int) -> None:
    assert check_objective(objective(progress=progress), START) == {}


def test_an_objective_must_be_measurable_and_named() -> None:
    problems = check_objective(objective(title=" ", indicator="", target=""), START)
    assert problems["title"] == "Escriba el objetivo."
    assert problems["indicator"] == "Un objetivo tiene que poder medirse: escriba el indicador."
    assert problems["target"].startswith("Escriba la meta")


def test_area_priority_and_status_must_be_of_their_lists() -> None:
    problems = check_objective(objective(area="vivienda", priority="urgente", status="x"), START)
    assert set(problems) == {"area", "priority", "status"}


def test_texts_longer_than_the_columns_are_refused() -> None:
    problems = check_objective(objective(title="x" * 301, target="y" * 201), START)
    assert "300" in problems["title"] and "200" in problems["target"]


# -- R-PLAN-2: status follows progress --------------------------------------------------------


def test_r_plan_2_progress_on_a_pending_objective_puts_it_in_progress() -> None:
    assert normalise_progress("pendiente", 30, TODAY) == ("en_curso", 30, None)


def test_r_plan_2_pending_without_progress_stays_pending() -> None:
    assert normalise_progress("pendiente", 0, TODAY) == ("pendiente", 0, None)


def test_r_plan_2_full_progress_on_an_open_objective_achieves_it() -> None:
    assert normalise_progress("en_curso", 100, TODAY) == ("conseguido", 100, TODAY)
    assert normalise_progress("pendiente", 100, TODAY) == ("conseguido", 100, TODAY)


def test_r_plan_2_an_achieved_objective_is_at_full_progress() -> None:
    assert normalise_progress("conseguido", 60, TODAY) == ("conseguido", 100, TODAY)


def test_r_plan_2_closing_dates_the_objective_and_keeps_the_first_date() -> None:
    assert normalise_progress("no_conseguido", 20, TODAY) == ("no_conseguido", 20, TODAY)
    assert normalise_progress("descartado", 0, TODAY) == ("descartado", 0, TODAY)
    earlier = date(2026, 1, 2)
    assert normalise_progress("conseguido", 100, TODAY, earlier) == ("conseguido", 100, earlier)


def test_r_plan_2_reopening_clears_the_achieved_date() -> None:
    assert normalise_progress("en_curso", 80, TODAY, date(2026, 1, 2)) == ("en_curso", 80, None)


def test_r_plan_2_in_progress_at_zero_stays_in_progress() -> None:
    assert normalise_progress("en_curso", 0, TODAY) == ("en_curso", 0, None)


# -- R-PLAN-4 ----------------------------------------------------------------------------------


def test_r_plan_4_open_objective_past_its_deadline_is_overdue() -> None:
    assert objective_overdue(date(2026, 1, 14), "en_curso", TODAY)
    assert not objective_overdue(TODAY, "en_curso", TODAY)
    assert not objective_overdue(date(2026, 1, 14), "conseguido", TODAY)
    assert not objective_overdue(None, "pendiente", TODAY)


# -- the plan and its activities ---------------------------------------------------------------


def test_plan_start_is_required_and_not_in_the_future() -> None:
    assert "inicio" in check_plan(PlanDraft(None), TODAY)["start_date"]
    assert "posterior a hoy" in check_plan(PlanDraft(date(2026, 1, 16)), TODAY)["start_date"]
    assert check_plan(PlanDraft(TODAY, next_review_date=date(2026, 4, 15)), TODAY) == {}


def test_plan_next_review_must_follow_the_start() -> None:
    problems = check_plan(PlanDraft(START, next_review_date=START), TODAY)
    assert problems == {
        "next_review_date": "La próxima revisión debe ser posterior al inicio del plan (10/01/2026)."
    }


def test_activity_needs_a_description_and_a_date_inside_the_plan() -> None:
    assert check_activity(ActivityDraft("Cursos FPO.", date(2026, 2, 1)), START) == {}
    problems = check_activity(ActivityDraft(" ", date(2026, 1, 1), status="hecha"), START)
    assert problems["description"] == "Describa la actividad."
    assert "anterior al inicio del plan (10/01/2026)" in problems["due_date"]
    assert "status" in problems
    assert check_activity(ActivityDraft("Sin fecha"), START) == {}


def test_a_done_activity_keeps_the_day_it_was_done() -> None:
    assert activity_done_date("realizada", TODAY, None) == TODAY
    assert activity_done_date("realizada", TODAY, START) == START
    assert activity_done_date("en_curso", TODAY, START) is None


# -- R-PLAN-3: what a review changed ------------------------------------------------------------


def test_r_plan_3_describes_each_change_of_an_objective() -> None:
    before = [state()]
    after = [
        state(
            priority="alta",
            status="conseguido",
            progress=100,
            deadline=date(2026, 5, 1),
            target="12 al mes",
        )
    ]
    assert describe_changes(before, after) == [
        "«Buscar empleo»: meta 10 al mes → 12 al mes",
        "«Buscar empleo»: prioridad Media → Alta",
        "«Buscar empleo»: estado En curso → Conseguido",
        "«Buscar empleo»: progreso 40 % → 100 %",
        "«Buscar empleo»: plazo 01/03/2026 → 01/05/2026",
    ]


def test_r_plan_3_new_dropped_and_removed_objectives() -> None:
    before = [state(), state(id="o2", title="Curso")]
    after = [state(status="descartado"), state(id="o3", title="Recuperar contacto")]
    assert describe_changes(before, after) == [
        "Descartado: «Buscar empleo».",
        "Nuevo objetivo: «Recuperar contacto».",
        "Eliminado: «Curso».",
    ]


def test_r_plan_3_no_change_gives_no_sentence() -> None:
    assert describe_changes([state()], [state()]) == []


def test_r_plan_3_a_review_with_no_change_and_no_summary_is_refused() -> None:
    kwargs = {"plan_start": START, "last_review": None, "today": TODAY}
    assert check_review(TODAY, "", [], **kwargs) == {
        "summary": "La revisión no cambia nada: escriba al menos un resumen."
    }
    assert check_review(TODAY, "Sigue igual, va bien.", [], **kwargs) == {}
    assert check_review(TODAY, "", ["«X»: progreso 0 % → 10 %"], **kwargs) == {}


def test_r_plan_3_a_review_is_dated_between_the_last_one_and_today() -> None:
    changes = ["x"]
    future = check_review(
        date(2026, 1, 16), "", changes, plan_start=START, last_review=None, today=TODAY
    )
    assert "posterior a hoy" in future["on_date"]
    early = check_review(
        START, "", changes, plan_start=START, last_review=date(2026, 1, 12), today=TODAY
    )
    assert (
        early["on_date"] == "La revisión no puede ser anterior a 12/01/2026 (la última revisión)."
    )
    missing = check_review(None, "", changes, plan_start=START, last_review=None, today=TODAY)
    assert "fecha" in missing["on_date"]
    nobody = check_review(
        TODAY, "", changes, plan_start=START, last_review=None, today=TODAY, reviewer_name=" "
    )
    assert nobody == {"reviewer_name": "Escriba quién hace la revisión."}
    next_before = check_review(
        TODAY, "", changes, plan_start=START, last_review=None, today=TODAY, next_review_date=TODAY
    )
    assert next_before == {"next_review_date": "La próxima revisión debe ser posterior a esta."}


def test_snapshot_state_round_trips_through_json() -> None:
    original = state()
    assert ObjectiveState.from_json(original.as_json()) == original
    assert ObjectiveState.from_json(replace(original, deadline=None).as_json()).deadline is None


# -- templates ----------------------------------------------------------------------------------


def test_every_area_has_objective_templates_with_unique_codes_and_measures() -> None:
    codes = [t.code for t in OBJECTIVE_TEMPLATES] + [t.code for t in ACTIVITY_TEMPLATES]
    assert len(codes) == len(set(codes))
    assert len(OBJECTIVE_TEMPLATES) == 21  # every specific objective of §7
    for area in PlanArea:
        assert objective_templates_for(area), area
        assert activity_templates_for(area), area
    assert all(t.indicator and t.target for t in OBJECTIVE_TEMPLATES)
    methadone = objective_template("SAN-1")
    assert methadone is not None and methadone.title.startswith(
        "Realizar un adecuado seguimiento de la evolución"
    )


def test_every_need_proposes_known_templates() -> None:
    for codes in NEED_TEMPLATES.values():
        assert all(objective_template(code) for code in codes)


def test_templates_are_proposed_for_moderate_or_high_needs_only() -> None:
    data = {
        "necesidades": {
            "empleo": {"nivel": "alta", "descripcion": "Sin trabajo"},
            "salud": {"nivel": "moderada"},
            "familiar": {"nivel": "leve"},
            "juridica": {"nivel": "sin_necesidad"},
        }
    }
    levels = assessment_levels(data)
    codes = [t.code for t in proposed_templates(levels, ptm=False)]
    assert codes == ["SAN-2", "FL-1", "FL-3", "FL-6", "DP-2"]
    with_ptm = [t.code for t in proposed_templates(levels, ptm=True)]
    assert with_ptm[0] == "SAN-1"
    assert assessment_levels({}) == {} and assessment_levels({"necesidades": []}) == {}
