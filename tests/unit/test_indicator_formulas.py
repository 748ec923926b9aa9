"""The §12 indicator formulas (domain/indicators.py), each on a hand-computed example."""

from datetime import date

from reinsercion_desktop.domain import indicators as ind


def test_age_groups_at_a_given_day():
    born = date(2000, 6, 15)
    assert ind.age_group(born, date(2018, 6, 14)) == "Menor de 18"  # 17 the day before
    assert ind.age_group(born, date(2018, 6, 15)) == "18–25"
    assert ind.age_group(born, date(2026, 6, 15)) == "26–35"
    assert ind.age_group(date(1975, 1, 1), date(2026, 1, 1)) == "Mayor de 50"  # 51
    assert ind.age_group(date(1976, 1, 2), date(2026, 1, 1)) == "36–50"  # 49


def test_r_ind_1_occupancy_index():
    # January 2026, a vivienda of 8 places: 8 × 31 = 248 available place-days.
    start, end = date(2026, 1, 1), date(2026, 2, 1)
    assert ind.available_days(8, None, None, start, end) == 248
    # In service from 22/01: 8 × 10 days.
    assert ind.available_days(8, date(2026, 1, 22), None, start, end) == 80
    # Closed after 10/01 (its last day): 8 × 10 days.
    assert ind.available_days(8, None, date(2026, 1, 10), start, end) == 80
    # Stays: open all month (31), 20/01–30/01 (10), admitted 31/01 (1), left 01/01 (0).
    days = [
        ind.occupied_days(date(2025, 12, 1), None, start, end),
        ind.occupied_days(date(2026, 1, 20), date(2026, 1, 30), start, end),
        ind.occupied_days(date(2026, 1, 31), None, start, end),
        ind.occupied_days(date(2025, 11, 1), date(2026, 1, 1), start, end),
    ]
    assert days == [31, 10, 1, 0]
    # 42 / 248 × 100 = 16.935… → 16.9 %
    assert ind.occupancy_index(sum(days), 248) == 16.9
    assert ind.occupancy_index(0, 0) is None


def test_r_ind_2_retention_index_at_90_days():
    start, end = date(2026, 4, 1), date(2026, 7, 1)
    # Admitted 02/01/2026: day 90 is 02/04/2026, inside the 2nd quarter → in its cohort.
    assert ind.in_retention_cohort(date(2026, 1, 2), start, end)
    assert not ind.in_retention_cohort(date(2025, 12, 31), start, end)  # day 90: 31/03
    admitted = date(2026, 1, 2)
    assert ind.retained(admitted, None, "")  # still there
    assert ind.retained(admitted, date(2026, 4, 2), "voluntaria")  # left on day 90
    assert ind.retained(admitted, date(2026, 3, 20), "terapeutica")  # completed early
    assert not ind.retained(admitted, date(2026, 3, 20), "voluntaria")  # dropped out
    # 7 still there + 1 therapeutic before day 90, of 10 → 80.0 %
    assert ind.retention_index(8, 10) == 80.0


def test_r_ind_3_rotation_index():
    # 8 places all year: 8 × 365 place-days / 365 days = 8 theoretical places.
    assert ind.theoretical_places(8 * 365, 365) == 8
    # Half the year in service: 4 places.
    assert ind.theoretical_places(8 * 182, 364) == 4
    # 12 people through 8 places → 1.5
    assert ind.rotation_index(12, 8.0) == 1.5
    assert ind.rotation_index(3, 0.0) is None


def test_r_ind_4_waiting_time_median_and_mean():
    # Received 10/01, admitted 30/01 → 20 days; no protocol date → not counted.
    assert ind.waiting_days(date(2026, 1, 30), date(2026, 1, 10)) == 20
    assert ind.waiting_days(date(2026, 1, 30), None) is None
    # 10, 20, 60 → median 20, mean 30; 10, 20 → median 15
    assert ind.median_and_mean([10, 60, 20]) == (20.0, 30.0)
    assert ind.median_and_mean([10, 20]) == (15.0, 15.0)
    assert ind.median_and_mean([]) == (None, None)


def test_r_ind_5_discharge_shares():
    # 3 therapeutic, 1 voluntary, 0 others → 75 %, 25 %, 0 %
    shares = ind.discharge_shares({"terapeutica": 3, "voluntaria": 1, "disciplinaria": 0})
    assert shares == {"terapeutica": 75.0, "voluntaria": 25.0, "disciplinaria": 0.0}
    assert ind.discharge_shares({"terapeutica": 0}) == {"terapeutica": None}


def test_r_ind_6_resignation_rate():
    # 2 resignations, 6 admissions: 2 / 8 = 25 %
    assert ind.resignation_rate(2, 6) == 25.0
    assert ind.resignation_rate(1, 2) == 33.3
    assert ind.resignation_rate(0, 0) is None


def test_r_ind_7_readmission():
    first = date(2024, 3, 1)
    assert ind.is_readmission(date(2026, 2, 1), first)
    assert not ind.is_readmission(first, first)  # the first admission itself


def test_r_ind_8_and_9_distinct_people_per_group():
    # Triana: A twice and B → 2 people; Macarena: A → 1
    pairs = [("Triana", "A"), ("Triana", "A"), ("Triana", "B"), ("Macarena", "A")]
    assert ind.distinct_people(pairs) == {"Triana": 2, "Macarena": 1}


def test_r_ind_10_still_active_after_the_last_therapeutic_discharge():
    discharge = date(2025, 3, 10)
    assert ind.anniversary(discharge, 1) == date(2026, 3, 10)
    assert ind.anniversary(date(2024, 2, 29), 1) == date(2025, 2, 28)
    # An interview on 01/02/2026 is within (10/03/2025, 10/03/2026]
    assert ind.still_active(discharge, 1, [date(2026, 2, 1)])
    assert not ind.still_active(discharge, 1, [date(2026, 3, 11)])  # after the anniversary
    assert not ind.still_active(discharge, 1, [discharge])  # the discharge day itself
    # At 3 years the window is the third year only: (10/03/2027, 10/03/2028]
    assert not ind.still_active(discharge, 3, [date(2026, 2, 1)])
    assert ind.still_active(discharge, 3, [date(2027, 12, 1)])
    # A stay that began before the window and was still open at its start
    assert ind.still_active(discharge, 3, [], [(date(2026, 6, 1), None)])
    assert not ind.still_active(discharge, 3, [], [(date(2026, 6, 1), date(2027, 1, 1))])
    # The last therapeutic discharge as of a day
    days = [date(2023, 5, 1), date(2025, 3, 10)]
    assert ind.last_therapeutic_discharge(days, date(2024, 5, 1)) == date(2023, 5, 1)
    assert ind.last_therapeutic_discharge(days, date(2026, 3, 10)) == date(2025, 3, 10)


def test_r_ind_11_places_against_indications_and_deviation():
    # Triana 12 indications / 6 places = 2.0; Macarena 18 / 14 = 1.29; region 30 / 20 = 1.5
    assert ind.per_place(12, 6) == 2.0
    mean = ind.regional_mean([12, 18], [6, 14])
    assert mean == 1.5
    assert ind.deviation(2.0, mean) == 0.5
    assert ind.deviation(ind.per_place(18, 14), mean) == -0.21
    # Mean absolute deviation: (0.5 + 0.21) / 2 = 0.355 → 0.35 or 0.36 (binary float)
    assert ind.mean_absolute_deviation([0.5, -0.21, None]) in (0.35, 0.36)


def test_r_ind_12_treatment_offered_by_sex():
    # Triana: 6 men's, 2 women's; Macarena: 8 mixed; a men-only house of 4
    assert ind.offers_sex("H", 6, 2, 0) and ind.offers_sex("M", 6, 2, 0)
    assert ind.offers_sex("M", 0, 0, 8)
    assert not ind.offers_sex("M", 4, 0, 0)
    assert ind.places_for_sex("H", 6, 2, 0) == 6
    assert ind.places_for_sex("M", 0, 0, 8) == 8
