"""§12 structure, cost and quality formulas (R-IND-S1…S10), each on a hand-computed example."""

from datetime import date

import pytest

from reinsercion_desktop.domain import structure_indicators as rules
from reinsercion_desktop.domain.structure_indicators import ComplaintFacts


def test_full_time_equivalents_and_places_per_fte() -> None:
    """R-IND-S1/S2: 75 h a week over a 37.5 h job = 2 FTE; 8 places / 2 FTE = 4."""
    fte = rules.full_time_equivalents(75, 37.5)
    assert fte == 2.0
    assert rules.places_per_fte(8, fte) == 4.0
    # No hours, no full-time figure: nothing to divide, not a zero.
    assert rules.full_time_equivalents(75, 0) is None
    assert rules.places_per_fte(8, None) is None
    assert rules.places_per_fte(8, 0.0) is None


def test_days_in_force_clip_the_viviendas_validity_to_the_period() -> None:
    """R-IND-S3: a vivienda opened on 1 March 2025 is in force 306 days of 2025
    (365 − 31 − 28); one closed on 30 June (its last day), 181 days (31+28+31+30+31+30)."""
    year = (date(2025, 1, 1), date(2026, 1, 1))
    assert rules.days_in_force(date(2025, 3, 1), None, *year) == 306
    assert rules.days_in_force(None, date(2025, 6, 30), *year) == 181
    assert rules.days_in_force(None, None, *year) == 365
    assert rules.days_in_force(date(2026, 2, 1), None, *year) == 0
    assert rules.potential_place_days(8, 365) == 2920


def test_occupied_place_days_count_as_spec_7_says() -> None:
    """R-IND-S4 in January 2025: a stay from 20 Dec to 11 Jan counts 1–10 Jan (10 days,
    the discharge day not); one open since 20 Jan counts 20–31 Jan (12); one discharged
    on 1 Jan counts nothing."""
    january = (date(2025, 1, 1), date(2025, 2, 1))
    stays = [
        (date(2024, 12, 20), date(2025, 1, 11)),
        (date(2025, 1, 20), None),
        (date(2024, 11, 5), date(2025, 1, 1)),
    ]
    assert rules.occupied_place_days(stays, *january) == 10 + 12 + 0


def test_budget_is_prorated_by_days_in_a_shorter_period() -> None:
    """R-IND-S5: January of a 98,000 € year is 98,000 × 31 / 365 = 8,323.29 €."""
    assert rules.prorated_budget(98_000, 31, 365) == pytest.approx(8323.2877, abs=1e-4)
    assert rules.prorated_budget(98_000, 365, 365) == 98_000
    assert rules.prorated_budget(None, 31, 365) is None


def test_cost_indices() -> None:
    """R-IND-S6/S7/S8: 73,000 € over 2,920 potential place-days = 25 €; 57,500 € real over
    230 occupied place-days = 250 €; 73,000 € over 4 therapeutic discharges = 18,250 €."""
    assert rules.cost_per(73_000, 2920) == 25.0
    assert rules.cost_per(57_500, 230) == 250.0
    assert rules.cost_per(73_000, 4) == 18_250.0
    assert rules.cost_per(None, 230) is None  # the real budget, before the year closes
    assert rules.cost_per(73_000, 0) is None  # no therapeutic discharge


def test_section_score_is_the_mean_of_the_answered_questions() -> None:
    """R-IND-S9: one questionnaire answers 3 and 2, another 1, a third none of the
    section: 2 questionnaires, 3 answers, mean (3 + 2 + 1) / 3 = 2."""
    score = rules.section_score([[3, 2], [1], []])
    assert score == rules.SectionScore(questionnaires=2, answers=3, mean=2.0)
    assert rules.section_score([]).mean is None


def test_complaints_by_kind_with_share_and_answers_in_time() -> None:
    """R-IND-S10: 4 complaints, 3 about the food (75 %), 1 about the staff (25 %); of the
    food ones, one answered in 15 days (in time), one in 16 (late), one not yet."""
    received = date(2025, 3, 1)
    complaints = [
        ComplaintFacts("alimentacion", received, date(2025, 3, 16)),  # 15 days
        ComplaintFacts("alimentacion", received, date(2025, 3, 17)),  # 16 days
        ComplaintFacts("alimentacion", received, None),
        ComplaintFacts("personal", received, received),
    ]
    rows = rules.complaints_by_kind(complaints, ["alimentacion", "personal", "otros"])
    assert [(r.kind, r.count, r.share, r.answered_in_time) for r in rows] == [
        ("alimentacion", 3, 75.0, 1),
        ("personal", 1, 25.0, 1),
        ("otros", 0, 0.0, 0),
    ]
    assert [r.share for r in rules.complaints_by_kind([], ["otros"])] == [None]
