"""The circuit's deadlines (R-STAY-3, R-WL-5, R-STAY-1, R-STAY-2), with dates worked by hand,
and the lead time of every kind: each is listed ahead of its date, never first seen late."""

from datetime import date, timedelta

import pytest

from reinsercion_desktop.domain.circuit_deadlines import (
    ReferralDeadlineFacts,
    StayDeadlineFacts,
    ViviendaFacts,
    all_deadlines,
    anexo_iii_deadlines,
    referral_deadlines,
    stay_deadlines,
)
from reinsercion_desktop.domain.deadlines import (
    KINDS,
    LEAD_DAYS,
    SOON_DAYS,
    Action,
    Deadline,
    DeadlineKind,
    anexo_iii_due,
    listed_until,
    month_bounds,
    month_label,
    sort_deadlines,
)
from reinsercion_desktop.domain.stay_rules import OutingFacts

TODAY = date(2026, 1, 15)


def stay(**overrides: object) -> StayDeadlineFacts:
    values: dict[str, object] = {
        "stay_id": "s1",
        "participant_id": "p1",
        "who": "Núñez, José (NUGA070385H)",
        "vivienda_id": "v1",
        "admission_date": date(2026, 1, 10),
    }
    values.update(overrides)
    return StayDeadlineFacts(**values)  # type: ignore[arg-type]


def of_kind(items, kind: DeadlineKind):  # type: ignore[no-untyped-def]
    return [item for item in items if item.kind is kind]


def only(items, kind: DeadlineKind):  # type: ignore[no-untyped-def]
    found = of_kind(items, kind)
    assert len(found) == 1, found
    return found[0]


# -- R-STAY-3: Anexo IV, V, VI and the discharge notice ----------------------------------------


def test_R_STAY_3_anexo_iv_due_after_the_adaptation_period() -> None:
    # Admitted 10/01/2026 + 30 days = 09/02/2026 (21 days of January left, 9 of February).
    item = only(stay_deadlines(stay(), today=TODAY), DeadlineKind.ANEXO_IV)
    assert item.due == date(2026, 2, 9)
    assert item.form_id == "anexo-iv" and item.action is Action.CREATE_FORM
    assert item.participant_id == "p1" and item.stay_id == "s1"
    assert not item.overdue(TODAY) and item.overdue(date(2026, 2, 10))
    # The adaptation period is the installation's setting: 45 days → 24/02/2026.
    longer = only(stay_deadlines(stay(), today=TODAY, adaptation_days=45), DeadlineKind.ANEXO_IV)
    assert longer.due == date(2026, 2, 24)


def test_R_STAY_3_anexo_iv_is_settled_by_a_form_made_after_the_admission() -> None:
    made = stay(form_dates={"anexo-iv": date(2026, 2, 1)})
    assert not of_kind(stay_deadlines(made, today=TODAY), DeadlineKind.ANEXO_IV)
    # One written for an earlier stay (before this admission) does not count.
    earlier = stay(form_dates={"anexo-iv": date(2025, 6, 1)})
    assert of_kind(stay_deadlines(earlier, today=TODAY), DeadlineKind.ANEXO_IV)


def test_R_STAY_3_anexo_v_two_months_before_the_planned_therapeutic_discharge() -> None:
    item = only(
        stay_deadlines(stay(planned_discharge_date=date(2026, 6, 30)), today=TODAY),
        DeadlineKind.ANEXO_V,
    )
    assert item.due == date(2026, 4, 30) and item.form_id == "anexo-v"
    # 30/04 − 2 months: there is no 30 February, the last day of February is used.
    short = only(
        stay_deadlines(stay(planned_discharge_date=date(2026, 4, 30)), today=TODAY),
        DeadlineKind.ANEXO_V,
    )
    assert short.due == date(2026, 2, 28)
    assert not of_kind(stay_deadlines(stay(), today=TODAY), DeadlineKind.ANEXO_V)
    done = stay(planned_discharge_date=date(2026, 6, 30), form_dates={"anexo-v": date(2026, 4, 2)})
    assert not of_kind(stay_deadlines(done, today=TODAY), DeadlineKind.ANEXO_V)


def test_R_STAY_3_anexo_vi_within_ten_days_of_a_therapeutic_discharge_to_the_centre() -> None:
    closed = stay(
        admission_date=date(2025, 5, 2),
        discharge_date=date(2026, 1, 5),
        discharge_type="terapeutica",
        discharge_notice_date=date(2025, 12, 20),
    )
    items = stay_deadlines(closed, today=TODAY)
    item = only(items, DeadlineKind.ANEXO_VI)
    assert item.due == date(2026, 1, 15) and not item.overdue(TODAY)
    assert "centro derivador" in item.what and "oficina" not in item.what
    assert not of_kind(items, DeadlineKind.ANEXO_IV)  # a closed stay owes no Anexo IV or V
    assert not of_kind(items, DeadlineKind.DISCHARGE_NOTICE)  # the notice was recorded


@pytest.mark.parametrize("kind", ["voluntaria", "derivada", "disciplinaria"])
def test_R_STAY_3_anexo_vi_goes_to_the_office_too_in_one_item(kind: str) -> None:
    closed = stay(discharge_date=date(2026, 1, 12), discharge_type=kind)
    item = only(stay_deadlines(closed, today=TODAY), DeadlineKind.ANEXO_VI)
    assert item.due == date(2026, 1, 22)
    assert "al centro derivador y a la oficina" in item.what
    done = stay(
        discharge_date=date(2026, 1, 12), discharge_type=kind, form_dates={"anexo-vi": TODAY}
    )
    assert not of_kind(stay_deadlines(done, today=TODAY), DeadlineKind.ANEXO_VI)


def test_R_STAY_3_discharge_notice_15_days_before_a_planned_therapeutic_discharge() -> None:
    # 01/03/2026 − 15 days = 14/02/2026.
    item = only(
        stay_deadlines(stay(planned_discharge_date=date(2026, 3, 1)), today=TODAY),
        DeadlineKind.DISCHARGE_NOTICE,
    )
    assert item.due == date(2026, 2, 14) and item.action is Action.RECORD_NOTICE
    noticed = stay(planned_discharge_date=date(2026, 3, 1), discharge_notice_date=date(2026, 2, 10))
    assert not of_kind(stay_deadlines(noticed, today=TODAY), DeadlineKind.DISCHARGE_NOTICE)


def test_R_STAY_3_discharge_notice_immediately_for_the_other_discharges() -> None:
    closed = stay(discharge_date=date(2026, 1, 12), discharge_type="disciplinaria")
    item = only(stay_deadlines(closed, today=TODAY), DeadlineKind.DISCHARGE_NOTICE)
    assert item.due == date(2026, 1, 12) and item.overdue(TODAY)
    assert "de inmediato" in item.what and "disciplinaria" in item.what


# -- R-STAY-3: Anexo III -------------------------------------------------------------------------


def test_R_STAY_3_anexo_iii_due_on_day_5_of_the_following_month() -> None:
    assert anexo_iii_due("2025-12") == date(2026, 1, 5)
    viviendas = [ViviendaFacts("v1", "Vivienda Triana"), ViviendaFacts("v2", "Vivienda Vacía")]
    stays = [stay(admission_date=date(2025, 12, 10))]
    items = anexo_iii_deadlines(viviendas, stays, set(), today=date(2026, 1, 3))
    # Only December (January is not over yet), only the vivienda that had someone.
    assert [(i.vivienda_id, i.period, i.due) for i in items] == [
        ("v1", "2025-12", date(2026, 1, 5))
    ]
    item = items[0]
    assert item.who == "Vivienda Triana" and item.participant_id == ""
    assert item.action is Action.CREATE_ANEXO_III and "diciembre de 2025" in item.what
    assert not item.overdue(date(2026, 1, 5)) and item.overdue(date(2026, 1, 6))
    assert not anexo_iii_deadlines(viviendas, stays, {("v1", "2025-12")}, today=date(2026, 1, 3))


def test_R_STAY_3_anexo_iii_counts_a_discharge_on_the_first_day_and_not_after() -> None:
    viviendas = [ViviendaFacts("v1", "Vivienda Triana")]
    left_on_first = stay(
        admission_date=date(2025, 10, 1),
        discharge_date=date(2025, 12, 1),
        discharge_type="voluntaria",
    )
    periods = [
        i.period for i in anexo_iii_deadlines(viviendas, [left_on_first], set(), today=TODAY)
    ]
    assert periods == ["2025-10", "2025-11", "2025-12"]


# -- R-WL-5 -----------------------------------------------------------------------------------------


def referral(**overrides: object) -> ReferralDeadlineFacts:
    values: dict[str, object] = {
        "referral_id": "r1",
        "participant_id": "p9",
        "who": "Peña, María (PEIB290272M)",
        "assigned_date": date(2026, 1, 2),
        "planned_admission_date": date(2026, 1, 16),
        "vivienda_id": "v1",
        "vivienda_name": "Vivienda Triana",
    }
    values.update(overrides)
    return ReferralDeadlineFacts(**values)  # type: ignore[arg-type]


def test_R_WL_5_admission_due_on_the_planned_date_after_a_therapeutic_notice() -> None:
    items = referral_deadlines(referral(), [])
    item = only(items, DeadlineKind.ADMISSION)
    assert item.due == date(2026, 1, 16) and item.referral_id == "r1"
    assert not item.overdue(TODAY) and item.overdue(date(2026, 1, 17))
    assert not of_kind(items, DeadlineKind.NOT_LOCATED)  # 14 days ahead: not the 2-day case


def test_R_WL_5_admission_within_five_days_of_a_voluntary_discharge() -> None:
    gone = stay(discharge_date=date(2026, 1, 10), discharge_type="voluntaria")
    late_plan = referral(assigned_date=date(2026, 1, 10), planned_admission_date=date(2026, 1, 20))
    # 10/01 + 5 days = 15/01: the planned 20/01 is past the rule's limit.
    assert only(referral_deadlines(late_plan, [gone]), DeadlineKind.ADMISSION).due == date(
        2026, 1, 15
    )
    early = referral(assigned_date=date(2026, 1, 10), planned_admission_date=date(2026, 1, 12))
    assert only(referral_deadlines(early, [gone]), DeadlineKind.ADMISSION).due == date(2026, 1, 12)
    # A therapeutic discharge, another vivienda or an assignment 6 days later is not that case.
    for unrelated in (
        stay(discharge_date=date(2026, 1, 10), discharge_type="terapeutica"),
        stay(discharge_date=date(2026, 1, 10), discharge_type="voluntaria", vivienda_id="v2"),
        stay(discharge_date=date(2026, 1, 4), discharge_type="voluntaria"),
    ):
        assert only(referral_deadlines(late_plan, [unrelated]), DeadlineKind.ADMISSION).due == date(
            2026, 1, 20
        )


def test_R_WL_5_not_located_after_two_days() -> None:
    gone = stay(discharge_date=date(2026, 1, 10), discharge_type="disciplinaria")
    assigned = referral(assigned_date=date(2026, 1, 10), planned_admission_date=None)
    item = only(referral_deadlines(assigned, [gone]), DeadlineKind.NOT_LOCATED)
    assert item.due == date(2026, 1, 12) and item.action is Action.MARK_NOT_LOCATED
    assert not item.overdue(date(2026, 1, 12)) and item.overdue(date(2026, 1, 13))
    # An assignment with admission planned within 5 days is the same urgent case.
    quick = referral(assigned_date=date(2026, 1, 10), planned_admission_date=date(2026, 1, 13))
    assert only(referral_deadlines(quick, []), DeadlineKind.NOT_LOCATED).due == date(2026, 1, 12)


# -- R-STAY-2 and R-STAY-1 ----------------------------------------------------------------------------


def nine_month_items(facts: StayDeadlineFacts, today: date):  # type: ignore[no-untyped-def]
    return of_kind(all_deadlines(today=today, stays=[facts]), DeadlineKind.STAY_OVER_9_MONTHS)


def test_R_STAY_2_justification_listed_15_days_before_the_nine_months_then_red() -> None:
    """Admitted 20/04/2025: 9 months are reached on 20/01/2026. The reminder used to appear
    the day after (21/01), already overdue; it appears 15 days before, on 05/01/2026."""
    long_stay = stay(admission_date=date(2025, 4, 20))
    assert KINDS[DeadlineKind.STAY_OVER_9_MONTHS].lead_days == 15
    assert nine_month_items(long_stay, date(2026, 1, 4)) == []
    (ahead,) = nine_month_items(long_stay, date(2026, 1, 5))
    assert ahead.due == date(2026, 1, 20) and ahead.rule == "R-STAY-2"
    assert ahead.action is Action.WRITE_JUSTIFICATION
    assert ahead.tone(date(2026, 1, 5)) is None  # 15 days ahead: plain
    assert ahead.tone(date(2026, 1, 13)) == "warning"  # within a week: amber
    (due_today,) = nine_month_items(long_stay, date(2026, 1, 20))
    assert (
        not due_today.overdue(date(2026, 1, 20)) and due_today.tone(date(2026, 1, 20)) == "warning"
    )
    (late,) = nine_month_items(long_stay, date(2026, 1, 21))
    assert late.overdue(date(2026, 1, 21)) and late.tone(date(2026, 1, 21)) == "alert"
    assert "supera los 9 meses el 20/01/2026" in late.what


def test_R_STAY_2_planned_discharge_decides_whether_a_justification_is_owed() -> None:
    # Planned to end after the 9 months: owed, listed from 05/01/2026 as well.
    beyond = stay(admission_date=date(2025, 4, 20), planned_discharge_date=date(2026, 3, 1))
    assert [i.due for i in nine_month_items(beyond, date(2026, 1, 5))] == [date(2026, 1, 20)]
    # Planned to end within them: nothing owed ahead; still there after the day: owed, late.
    within = stay(admission_date=date(2025, 4, 20), planned_discharge_date=date(2026, 1, 18))
    assert nine_month_items(within, date(2026, 1, 15)) == []
    assert nine_month_items(within, date(2026, 1, 20)) == []
    (late,) = nine_month_items(within, date(2026, 1, 21))
    assert late.overdue(date(2026, 1, 21))
    # A written justification settles it.
    justified = stay(admission_date=date(2025, 4, 20), justification="Pendiente de empleo.")
    assert nine_month_items(justified, date(2026, 2, 1)) == []


def test_R_STAY_1_warns_when_discharge_is_near_with_fewer_than_30_outing_days() -> None:
    outings = (
        OutingFacts(date(2025, 10, 1), date(2025, 10, 21), "ordinaria"),  # 20 days
        OutingFacts(date(2026, 1, 10), date(2026, 1, 20), "ordinaria"),  # 5 taken by 15/01
        OutingFacts(date(2025, 11, 1), date(2025, 11, 16), "excepcional"),  # not counted
    )
    near = stay(
        admission_date=date(2025, 6, 1), planned_discharge_date=date(2026, 2, 10), outings=outings
    )
    item = only(stay_deadlines(near, today=TODAY), DeadlineKind.FEW_OUTINGS)
    assert item.due == date(2026, 2, 10) and "25 días" in item.what
    # 31 days ahead is not "near" yet; 30 ordinary days taken is enough.
    far = stay(admission_date=date(2025, 6, 1), planned_discharge_date=date(2026, 2, 15))
    assert not of_kind(stay_deadlines(far, today=TODAY), DeadlineKind.FEW_OUTINGS)
    enough = stay(
        admission_date=date(2025, 6, 1),
        planned_discharge_date=date(2026, 2, 10),
        outings=(OutingFacts(date(2025, 9, 1), date(2025, 10, 1), "ordinaria"),),
    )
    assert not of_kind(stay_deadlines(enough, today=TODAY), DeadlineKind.FEW_OUTINGS)


# -- the list ---------------------------------------------------------------------------------------


def test_all_deadlines_keep_the_lead_time_and_put_the_overdue_first() -> None:
    stays = [
        stay(stay_id="far", admission_date=date(2026, 1, 14)),  # Anexo IV on 13/02: 29 days
        stay(stay_id="soon", admission_date=date(2025, 12, 20)),  # Anexo IV on 19/01
        stay(stay_id="late", admission_date=date(2025, 12, 1)),  # Anexo IV on 31/12: overdue
        stay(  # Anexo VI due 05/04/2025: older than the 90-day look-back
            stay_id="old",
            discharge_date=date(2025, 3, 26),
            discharge_type="terapeutica",
            discharge_notice_date=date(2025, 3, 1),
        ),
    ]
    items = sort_deadlines(all_deadlines(today=TODAY, stays=stays))  # Anexo IV: 15 days ahead
    assert [(i.stay_id, i.kind, i.due) for i in items] == [
        ("late", DeadlineKind.ANEXO_IV, date(2025, 12, 31)),
        ("soon", DeadlineKind.ANEXO_IV, date(2026, 1, 19)),
    ]
    wider = sort_deadlines(
        all_deadlines(today=TODAY, stays=stays, leads={DeadlineKind.ANEXO_IV: 30})
    )
    assert [i.stay_id for i in wider] == ["late", "soon", "far"]


# -- lead times: listed ahead of the date, amber within a week, red once overdue --------------


def test_every_kind_has_a_rule_an_action_and_a_lead_time() -> None:
    assert set(KINDS) == set(DeadlineKind)
    assert all(spec.lead_days > 0 and isinstance(spec.action, Action) for spec in KINDS.values())
    assert LEAD_DAYS[DeadlineKind.STAY_OVER_9_MONTHS] == 15
    assert listed_until(TODAY)[DeadlineKind.ANEXO_IV] == TODAY + timedelta(days=15)
    assert listed_until(TODAY, {DeadlineKind.ANEXO_IV: 3})[DeadlineKind.ANEXO_IV] == date(
        2026, 1, 18
    )


def _first_listed(facts: StayDeadlineFacts, kind: DeadlineKind, start: date) -> date:
    """The first day from `start` on which all_deadlines lists a deadline of that kind."""
    day = start
    while not of_kind(all_deadlines(today=day, stays=[facts]), kind):
        day += timedelta(days=1)
        assert day < start + timedelta(days=400), kind
    return day


@pytest.mark.parametrize(
    ("kind", "facts", "due"),
    [
        # R-STAY-3: admitted 01/01/2026 → Anexo IV on 31/01, listed from 16/01.
        (DeadlineKind.ANEXO_IV, stay(admission_date=date(2026, 1, 1)), date(2026, 1, 31)),
        # R-STAY-3: planned 30/06 → Anexo V 30/04, listed from 15/04.
        (
            DeadlineKind.ANEXO_V,
            stay(planned_discharge_date=date(2026, 6, 30), form_dates={"anexo-iv": TODAY}),
            date(2026, 4, 30),
        ),
        # R-STAY-3: planned 30/06 → notice 15/06, listed from 31/05.
        (
            DeadlineKind.DISCHARGE_NOTICE,
            stay(planned_discharge_date=date(2026, 6, 30)),
            date(2026, 6, 15),
        ),
        # R-STAY-1: planned 30/06 with no outings → listed from 31/05 (30 days ahead).
        (
            DeadlineKind.FEW_OUTINGS,
            stay(planned_discharge_date=date(2026, 6, 30)),
            date(2026, 6, 30),
        ),
    ],
)
def test_circuit_deadlines_are_listed_from_their_lead_time(kind, facts, due) -> None:  # type: ignore[no-untyped-def]
    first = _first_listed(facts, kind, TODAY)
    assert first == due - timedelta(days=LEAD_DAYS[kind])
    (item,) = of_kind(all_deadlines(today=first, stays=[facts]), kind)
    assert item.due == due and not item.overdue(first)


def test_paperwork_after_a_discharge_is_listed_from_the_discharge() -> None:
    # R-STAY-3: Anexo VI due 10 days after the discharge; its 10-day lead covers them all.
    closed = stay(
        discharge_date=date(2026, 1, 12),
        discharge_type="terapeutica",
        discharge_notice_date=date(2025, 12, 28),
    )
    (item,) = of_kind(all_deadlines(today=date(2026, 1, 12), stays=[closed]), DeadlineKind.ANEXO_VI)
    assert item.listed_from() == date(2026, 1, 12) and item.tone(date(2026, 1, 12)) is None
    assert item.tone(date(2026, 1, 15)) == "warning" and item.tone(date(2026, 1, 23)) == "alert"


def test_R_WL_5_admission_listed_15_days_ahead_and_not_located_from_the_assignment() -> None:
    far = referral(assigned_date=date(2026, 1, 2), planned_admission_date=date(2026, 2, 20))
    # Planned 20/02: listed from 05/02 (not on 04/02).
    assert not all_deadlines(today=date(2026, 2, 4), stays=[], referrals=[far])
    (item,) = all_deadlines(today=date(2026, 2, 5), stays=[], referrals=[far])
    assert item.kind is DeadlineKind.ADMISSION
    quick = referral(assigned_date=date(2026, 1, 10), planned_admission_date=date(2026, 1, 13))
    kinds = {i.kind for i in all_deadlines(today=date(2026, 1, 10), stays=[], referrals=[quick])}
    assert kinds == {DeadlineKind.ADMISSION, DeadlineKind.NOT_LOCATED}


def test_R_STAY_3_anexo_iii_listed_from_the_first_of_the_next_month() -> None:
    viviendas = [ViviendaFacts("v1", "Vivienda Triana")]
    stays = [stay(admission_date=date(2025, 12, 10))]
    listed = all_deadlines(today=date(2026, 1, 1), stays=stays, viviendas=viviendas)
    (monthly,) = of_kind(listed, DeadlineKind.ANEXO_III)
    assert monthly.due == date(2026, 1, 5) and monthly.listed_from() == date(2026, 1, 1)
    december = all_deadlines(today=date(2025, 12, 31), stays=stays, viviendas=viviendas)
    assert not of_kind(december, DeadlineKind.ANEXO_III)  # the month is not over


def test_tone_amber_within_a_week_red_once_overdue() -> None:
    item = Deadline(DeadlineKind.ANEXO_IV, "X", date(2026, 1, 22), str)
    assert SOON_DAYS == 7
    assert item.tone(date(2026, 1, 14)) is None  # 8 days ahead
    assert item.tone(date(2026, 1, 15)) == "warning"  # 7 days ahead
    assert item.tone(date(2026, 1, 22)) == "warning"  # due today
    assert item.tone(date(2026, 1, 23)) == "alert" and item.overdue(date(2026, 1, 23))


def test_an_item_writes_its_text_only_when_read() -> None:
    written: list[object] = []

    def write(item: Deadline) -> str:
        written.append(item.facts)
        return "texto"

    item = Deadline(DeadlineKind.ANEXO_V, "X", TODAY, write, (1, "a"))
    assert written == []
    assert item.what == "texto" and written == [(1, "a")]
    assert (item.rule, item.action, item.form_id) == ("R-STAY-3", Action.CREATE_FORM, "anexo-v")


def test_sort_puts_the_soonest_first_then_kind_then_who() -> None:
    def item(kind: DeadlineKind, who: str, day: int) -> Deadline:
        return Deadline(kind, who, date(2026, 1, day), str)

    items = [
        item(DeadlineKind.ANEXO_V, "Ruiz", 20),
        item(DeadlineKind.ANEXO_IV, "Sanz", 20),
        item(DeadlineKind.ANEXO_IV, "Alba", 20),
        item(DeadlineKind.FEW_OUTINGS, "Zapata", 3),
    ]
    assert [(i.kind, i.who) for i in sort_deadlines(items)] == [
        (DeadlineKind.FEW_OUTINGS, "Zapata"),
        (DeadlineKind.ANEXO_IV, "Alba"),
        (DeadlineKind.ANEXO_IV, "Sanz"),
        (DeadlineKind.ANEXO_V, "Ruiz"),
    ]


def test_months_are_written_in_spanish_and_checked() -> None:
    assert month_label("2026-01") == "enero de 2026"
    assert month_bounds("2024-02") == (date(2024, 2, 1), date(2024, 3, 1))
    for bad in ("2026-1", "enero", "2026-13"):
        with pytest.raises(ValueError):
            month_bounds(bad)
