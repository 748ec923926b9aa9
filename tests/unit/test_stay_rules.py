"""Rules of a stay, without a database: R-ADM-1, R-ADM-3, R-STAY-1, R-STAY-2, R-DIS-1, R-DIS-2,
R-ECO-1, the other admission and discharge refusals, and the day counting of SPEC §7."""

from dataclasses import replace
from datetime import date

import pytest

from reinsercion_desktop.domain.stay_rules import (
    AdmissionRequest,
    ContributionDraft,
    OutingFacts,
    Places,
    ReferralFacts,
    StayFacts,
    add_months,
    check_admission,
    check_contribution,
    check_discharge,
    check_outing,
    check_planned_discharge,
    event_date_problem,
    exceeds_nine_months,
    has_free_place,
    max_daily_contribution,
    needs_justification,
    nine_month_limit,
    outing_days,
    outing_days_used,
    outing_warnings,
    stay_days,
    stay_days_in_month,
)

TODAY = date(2026, 1, 15)
ADMISSION = date(2026, 1, 10)
REFERRAL = ReferralFacts("ref-1", "assigned", date(2025, 12, 1), voluntary=True)


def request(**overrides: object) -> AdmissionRequest:
    values: dict[str, object] = {
        "admission_date": ADMISSION,
        "today": TODAY,
        "birth_date": date(1985, 3, 7),
        "sex": "H",
        "programme": "libre_drogas",
        "programme_kind": "var",
        "referral": REFERRAL,
        "consent_signed": True,
        "person_stays": (),
        "places": Places(2, 1, 0),
        "occupants": (),
    }
    values.update(overrides)
    return AdmissionRequest(**values)  # type: ignore[arg-type]


def stay(admission: date = date(2025, 6, 1), discharge: date | None = None, **kw) -> StayFacts:  # type: ignore[no-untyped-def]
    return StayFacts(admission, discharge, **kw)


def test_a_complete_admission_has_no_problems():
    assert check_admission(request()) == {}


# -- R-ADM-1 ------------------------------------------------------------------------------------


def test_R_ADM_1_admitted_on_the_18th_birthday():
    assert check_admission(request(birth_date=date(2008, 1, 10))) == {}


def test_R_ADM_1_a_minor_is_refused_in_a_var():
    problems = check_admission(request(birth_date=date(2008, 1, 11)))  # 18 the next day
    assert "mayores de edad" in problems["participant"]
    assert "11/01/2026" in problems["participant"]


def test_R_ADM_1_born_on_29_february_comes_of_age_on_1_march():
    born = date(2008, 2, 29)
    assert (
        "cumple los 18 el 01/03/2026"
        in check_admission(
            request(birth_date=born, admission_date=date(2026, 2, 28), today=date(2026, 3, 1))
        )["participant"]
    )
    assert (
        check_admission(
            request(birth_date=born, admission_date=date(2026, 3, 1), today=date(2026, 3, 1))
        )
        == {}
    )


def test_R_ADM_1_a_reintegration_programme_admits_adolescents_not_children():
    assert (
        check_admission(request(birth_date=date(2010, 1, 1), programme_kind="reintegration")) == {}
    )
    child = check_admission(request(birth_date=date(2016, 1, 1), programme_kind="reintegration"))
    assert "desde los 12" in child["participant"]


# -- R-ADM-3 ------------------------------------------------------------------------------------


def test_R_ADM_3_admission_without_signed_consent_is_refused():
    problems = check_admission(request(consent_signed=False))
    assert set(problems) == {"consent"}
    assert "consentimiento informado firmado" in problems["consent"]


def test_R_ADM_3_admission_without_stated_voluntariness_is_refused():
    problems = check_admission(request(referral=replace(REFERRAL, voluntary=False)))
    assert "voluntariedad" in problems["consent"]


# -- admission refusals ---------------------------------------------------------------------------


def test_admission_refused_while_the_person_has_an_open_stay():
    problems = check_admission(request(person_stays=[stay(vivienda_name="Vivienda Triana")]))
    assert "ya tiene una estancia abierta en Vivienda Triana" in problems["participant"]


def test_admission_refused_when_it_overlaps_a_closed_stay():
    earlier = stay(
        date(2025, 10, 1), date(2026, 1, 12), referral_id="old", discharge_type="derivada"
    )
    assert "Se solapa" in check_admission(request(person_stays=[earlier]))["admission_date"]
    after = replace(earlier, discharge_date=ADMISSION)  # discharged the day of the new admission
    assert check_admission(request(person_stays=[after])) == {}


def test_admission_refused_in_the_future_or_before_the_protocol():
    assert (
        "posterior a hoy"
        in check_admission(request(admission_date=date(2026, 1, 16)))["admission_date"]
    )
    early = check_admission(request(admission_date=date(2025, 11, 30)))
    assert "anterior al protocolo" in early["admission_date"]


def test_admission_refused_when_no_place_is_free_for_the_persons_sex():
    men = [("H", stay()), ("H", stay())]
    problems = check_admission(request(occupants=men))
    assert "completa" in problems["vivienda"]
    assert check_admission(request(sex="M", occupants=men)) == {}  # the women's place is free
    assert (
        "no tiene plazas para mujeres"
        in check_admission(request(sex="M", places=Places(2, 0, 0)))["vivienda"]
    )


def test_mixed_places_take_whoever_overflows_their_own():
    places = Places(1, 1, 1)
    assert has_free_place(places, ["H"], "H")  # the mixed place
    assert not has_free_place(places, ["H", "H"], "H")
    assert has_free_place(places, ["H", "H"], "M")  # her own place
    assert not has_free_place(places, ["H", "H", "M"], "M")


def test_a_place_freed_on_the_admission_day_is_free_and_a_backdated_admission_checks_later_days():
    leaving = [("H", stay(discharge=ADMISSION)), ("H", stay())]
    assert check_admission(request(occupants=leaving)) == {}
    # Backdated to 8 January: free that day, but someone came in on the 9th and filled it.
    came_later = [("H", stay()), ("H", stay(date(2026, 1, 9)))]
    problems = check_admission(request(admission_date=date(2026, 1, 8), occupants=came_later))
    assert "completa el 09/01/2026" in problems["vivienda"]


def test_admission_only_from_a_protocol_waiting_or_assigned_unless_a_court_order():
    received = replace(REFERRAL, status="received")
    assert "Recibido" in check_admission(request(referral=received))["referral"]
    assert check_admission(request(referral=replace(received, court_order=True))) == {}


# -- R-DIS-2 ------------------------------------------------------------------------------------


def test_R_DIS_2_the_referral_of_a_voluntary_discharge_cannot_be_reused():
    left = stay(
        date(2025, 6, 1), date(2025, 9, 1), referral_id="ref-1", discharge_type="voluntaria"
    )
    problems = check_admission(
        request(person_stays=[left], referral=replace(REFERRAL, status="waiting"))
    )
    assert "protocolo de derivación nuevo" in problems["referral"]


def test_R_DIS_2_a_protocol_older_than_a_disciplinary_discharge_is_refused():
    expelled = stay(
        date(2025, 6, 1), date(2025, 12, 20), referral_id="old", discharge_type="disciplinaria"
    )
    problems = check_admission(request(person_stays=[expelled]))  # protocol of 1 December
    assert "anterior al alta disciplinaria del 20/12/2025" in problems["referral"]


def test_R_DIS_2_a_new_referral_after_the_discharge_admits():
    expelled = stay(
        date(2025, 6, 1), date(2025, 11, 20), referral_id="old", discharge_type="disciplinaria"
    )
    assert check_admission(request(person_stays=[expelled])) == {}


def test_R_DIS_2_a_derived_discharge_re_enters_on_the_same_referral_but_a_therapeutic_one_does_not():
    derived = stay(
        date(2025, 6, 1), date(2025, 12, 1), referral_id="ref-1", discharge_type="derivada"
    )
    reentry = replace(REFERRAL, status="admitted")
    assert check_admission(request(person_stays=[derived], referral=reentry)) == {}
    ended = replace(derived, discharge_type="terapeutica")
    assert "ya se usó" in check_admission(request(person_stays=[ended]))["referral"]


# -- R-STAY-1 -----------------------------------------------------------------------------------

OPEN = StayFacts(date(2025, 6, 1), planned_discharge_date=date(2026, 2, 1))


def test_R_STAY_1_outing_days_are_return_minus_departure():
    outing = OutingFacts(date(2025, 7, 4), date(2025, 7, 7))
    assert outing_days(outing) == 3
    assert outing_days_used([outing], until=date(2025, 7, 5)) == 1


def test_R_STAY_1_overlapping_outings_are_refused_back_to_back_are_not():
    first = OutingFacts(date(2025, 7, 4), date(2025, 7, 7), id="a")
    assert (
        "Se solapa"
        in check_outing(OPEN, OutingFacts(date(2025, 7, 6), date(2025, 7, 9)), [first])["overlap"]
    )
    assert check_outing(OPEN, OutingFacts(date(2025, 7, 7), date(2025, 7, 9)), [first]) == {}


def test_R_STAY_1_outings_outside_the_stay_are_refused():
    assert (
        "antes del ingreso"
        in check_outing(OPEN, OutingFacts(date(2025, 5, 30), date(2025, 6, 2)), [])["dates"]
    )
    closed = replace(OPEN, discharge_date=date(2025, 9, 1))
    assert (
        "después del alta"
        in check_outing(closed, OutingFacts(date(2025, 8, 30), date(2025, 9, 2)), [])["dates"]
    )
    late = check_outing(OPEN, OutingFacts(date(2026, 1, 30), date(2026, 2, 3)), [])
    assert "alta prevista" in late["dates"]
    assert (
        "posterior a la de salida"
        in check_outing(OPEN, OutingFacts(date(2025, 7, 4), date(2025, 7, 4)), [])["dates"]
    )


def test_R_STAY_1_warns_when_planned_outings_go_over_40_days():
    outings = [
        OutingFacts(date(2025, 7, 1), date(2025, 7, 21)),
        OutingFacts(date(2025, 9, 1), date(2025, 9, 22)),
    ]
    warnings = outing_warnings(OPEN, outings, date(2025, 10, 1))
    assert warnings == [
        "Las salidas terapéuticas suman 41 días: el programa prevé entre 30 y 40 por estancia."
    ]
    assert outing_warnings(OPEN, outings[:1], date(2025, 10, 1)) == []


def test_R_STAY_1_warns_when_discharge_is_near_with_fewer_than_30_days_taken():
    taken = [OutingFacts(date(2025, 7, 1), date(2025, 7, 21))]  # 20 days
    warnings = outing_warnings(OPEN, taken, TODAY)  # planned discharge in 17 days
    assert len(warnings) == 1 and "solo se han disfrutado 20 días" in warnings[0]
    assert outing_warnings(OPEN, taken, date(2025, 12, 1)) == []  # not near yet
    enough = [*taken, OutingFacts(date(2025, 9, 1), date(2025, 9, 11))]
    assert outing_warnings(OPEN, enough, TODAY) == []


def test_R_STAY_1_exceptional_outings_are_counted_apart():
    outings = [
        OutingFacts(date(2025, 7, 1), date(2025, 7, 31)),
        OutingFacts(date(2025, 8, 1), date(2025, 8, 20), "excepcional"),
    ]
    assert outing_days_used(outings) == 30
    assert outing_days_used(outings, kind="excepcional") == 19
    assert outing_warnings(OPEN, outings, TODAY) == []


# -- R-STAY-2 -----------------------------------------------------------------------------------


def test_R_STAY_2_nine_calendar_months():
    assert nine_month_limit(StayFacts(date(2026, 1, 15))) == date(2026, 10, 15)
    assert add_months(date(2025, 5, 31), 9) == date(2026, 2, 28)
    assert add_months(date(2027, 5, 31), 9) == date(2028, 2, 29)


def test_R_STAY_2_an_open_stay_past_nine_months_needs_a_justification():
    long_stay = StayFacts(date(2025, 4, 14))  # 9 months reached on 14/01/2026
    assert not needs_justification(long_stay, date(2026, 1, 14))
    assert needs_justification(long_stay, TODAY)
    assert not needs_justification(
        replace(long_stay, over_9_months_justification="Motivos."), TODAY
    )
    assert exceeds_nine_months(replace(long_stay, over_9_months_justification="Motivos."), TODAY)


def test_R_STAY_2_a_planned_discharge_past_nine_months_is_refused_without_justification():
    recent = StayFacts(date(2025, 12, 1))
    assert check_planned_discharge(recent, date(2026, 9, 1), TODAY) == {}
    problems = check_planned_discharge(recent, date(2026, 9, 2), TODAY)
    assert "límite el 01/09/2026" in problems["justification"]
    justified = replace(
        recent, over_9_months_justification="Pendiente de juicio; acordado con el CTA."
    )
    assert check_planned_discharge(justified, date(2026, 9, 2), TODAY) == {}
    assert (
        "posterior al ingreso"
        in check_planned_discharge(recent, date(2025, 12, 1), TODAY)["planned_discharge_date"]
    )


def test_R_STAY_2_discharging_a_stay_past_nine_months_needs_the_justification():
    long_stay = StayFacts(date(2025, 3, 1))
    problems = check_discharge(
        long_stay, discharge_date=TODAY, discharge_type="terapeutica", criterion="", today=TODAY
    )
    assert set(problems) == {"justification"}


# -- R-DIS-1 and the discharge refusals ------------------------------------------------------------


def discharge(day: date = TODAY, kind: str = "terapeutica", criterion: str = "", **kw) -> dict:  # type: ignore[no-untyped-def]
    return check_discharge(
        StayFacts(date(2025, 12, 1)),
        discharge_date=day,
        discharge_type=kind,
        criterion=criterion,
        today=TODAY,
        **kw,
    )


def test_R_DIS_1_a_disciplinary_discharge_names_one_of_the_four_criteria():
    problems = discharge(kind="disciplinaria")
    assert "uno de sus cuatro criterios" in problems["criterion"]
    assert discharge(kind="disciplinaria", criterion="violencia") == {}
    assert (
        "Solo un alta disciplinaria"
        in discharge(kind="voluntaria", criterion="drogas")["criterion"]
    )
    assert "Elija el tipo de alta" in discharge(kind="otra")["discharge_type"]


def test_discharge_refused_before_admission_or_in_the_future_and_allowed_on_the_admission_day():
    assert "anterior al ingreso" in discharge(date(2025, 11, 30))["discharge_date"]
    assert "posterior a hoy" in discharge(date(2026, 1, 16))["discharge_date"]
    assert discharge(date(2025, 12, 1)) == {}


def test_discharge_refused_twice_over_a_later_stay_or_with_outings_after_it():
    closed = StayFacts(date(2025, 12, 1), date(2025, 12, 20))
    again = check_discharge(
        closed, discharge_date=TODAY, discharge_type="voluntaria", criterion="", today=TODAY
    )
    assert "ya tiene alta (20/12/2025)" in again["stay"]
    later = [StayFacts(date(2026, 1, 5), id="later")]
    assert "ingreso posterior del 05/01/2026" in discharge(other_stays=later)["discharge_date"]
    outing = [OutingFacts(date(2026, 1, 14), date(2026, 1, 18))]
    assert "salidas que terminan después del alta" in discharge(outings=outing)["discharge_date"]


# -- R-ECO-1 ------------------------------------------------------------------------------------

CONTRIBUTION = ContributionDraft(
    start_date=date(2026, 1, 1),
    daily_amount=10.0,
    monthly_income=480.0,
    income_origin="Pensión no contributiva",
    duration_months=12,
    family_circumstances="Vive solo; sin cargas familiares.",
    authorised_by="Comisionado para las Drogodependencias",
    authorised_date=date(2025, 12, 15),
)


@pytest.mark.parametrize("amount", [0.01, 10.0])
def test_R_ECO_1_a_contribution_up_to_20_percent_authorised_and_documented_is_accepted(amount):  # type: ignore[no-untyped-def]
    assert max_daily_contribution(50.0) == 10.0
    assert (
        check_contribution(
            replace(CONTRIBUTION, daily_amount=amount), StayFacts(date(2025, 12, 1)), 50.0, TODAY
        )
        == {}
    )


def test_R_ECO_1_over_20_percent_is_refused():
    problems = check_contribution(
        replace(CONTRIBUTION, daily_amount=10.01), StayFacts(date(2025, 12, 1)), 50.0, TODAY
    )
    assert "como máximo 10.00 € al día" in problems["daily_amount"]
    unset = check_contribution(CONTRIBUTION, StayFacts(date(2025, 12, 1)), 0.0, TODAY)
    assert "coste por plaza y día" in unset["daily_amount"]


def test_R_ECO_1_without_prior_authorisation_is_refused():
    stay_ = StayFacts(date(2025, 12, 1))
    unauthorised = check_contribution(replace(CONTRIBUTION, authorised_by=""), stay_, 50.0, TODAY)
    assert "autorización previa" in unauthorised["authorisation"]
    after = check_contribution(
        replace(CONTRIBUTION, authorised_date=date(2026, 1, 2)), stay_, 50.0, TODAY
    )
    assert "previa al inicio" in after["authorisation"]


def test_R_ECO_1_without_the_documentation_is_refused():
    bare = replace(
        CONTRIBUTION,
        monthly_income=0,
        income_origin=" ",
        duration_months=0,
        family_circumstances="",
    )
    problems = check_contribution(bare, StayFacts(date(2025, 12, 1)), 50.0, TODAY)
    for words in ("ingreso mensual", "origen", "cuántos meses", "circunstancias familiares"):
        assert words in problems["documentation"]
    outside = check_contribution(CONTRIBUTION, StayFacts(date(2026, 1, 5)), 50.0, TODAY)
    assert "durante la estancia" in outside["documentation"]


# -- counting (SPEC §7) ---------------------------------------------------------------------------


def test_stay_length_counts_the_admission_day_not_the_discharge_day():
    assert stay_days(StayFacts(date(2026, 1, 1), date(2026, 1, 31)), TODAY) == 30
    assert stay_days(StayFacts(date(2026, 1, 1)), TODAY) == 14  # open: up to today


def test_days_of_stay_in_a_month_are_clipped():
    across = StayFacts(date(2025, 12, 20), date(2026, 2, 3))
    assert stay_days_in_month(across, 2025, 12) == 12  # 20..31 December
    assert stay_days_in_month(across, 2026, 1) == 31
    assert stay_days_in_month(across, 2026, 2) == 2  # 1 and 2 February; the 3rd not
    assert stay_days_in_month(StayFacts(date(2026, 2, 10)), 2026, 2) == 19  # open: to the end
    assert stay_days_in_month(across, 2026, 3) == 0


def test_controls_and_incidents_fall_within_the_stay_and_not_in_the_future():
    closed = StayFacts(date(2025, 12, 1), date(2026, 1, 10))
    assert event_date_problem(closed, date(2026, 1, 10), TODAY) is None
    assert "dentro de la estancia" in (event_date_problem(closed, date(2026, 1, 11), TODAY) or "")
    assert "posterior a hoy" in (
        event_date_problem(StayFacts(date(2025, 12, 1)), date(2026, 1, 16), TODAY) or ""
    )
