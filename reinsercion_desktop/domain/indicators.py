"""The formulas of the quality indicators (SPEC §7, seed `003_…` §12 «Evaluación de
calidad»): pure functions, no I/O. Each names its rule id (R-IND-n), which its test names.

Where §12 names an indicator without a formula (retention, rotation, «activos en la Red»,
adequacy of places) the standard one of addiction-treatment networks is chosen here,
written down, and used everywhere (the reports print the same text as their note).

Days are counted as SPEC §7 counts them: a stay occupies from its admission day to the
day before its discharge, an open stay up to the end of the period; periods are
[start, end) with `end` the first day after them.
"""

import statistics
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from reinsercion_desktop.domain.dates import add_months, age_on

RETENTION_DAYS = 90  # R-IND-2: retention measured at 90 days (3 months)
ACTIVE_YEARS = (1, 3)  # R-IND-10: still active 1 and 3 years after the last therapeutic discharge
ACTIVE_WINDOW_DAYS = 365  # R-IND-10: a record in the year up to the anniversary

# The forms' «grupo de edad» (valoración inicial), in order.
AGE_GROUPS: tuple[str, ...] = ("Menor de 18", "18–25", "26–35", "36–50", "Mayor de 50")


def age_group(birth_date: date, day: date) -> str:
    """The «grupo de edad» on `day`: menor de 18, 18–25, 26–35, 36–50, mayor de 50.

    The indicators take it at admission for a stay, and at the period's start for a person
    who was not admitted (a resignation, the waiting list)."""
    age = age_on(birth_date, day)
    if age < 18:
        return AGE_GROUPS[0]
    if age <= 25:
        return AGE_GROUPS[1]
    if age <= 35:
        return AGE_GROUPS[2]
    if age <= 50:
        return AGE_GROUPS[3]
    return AGE_GROUPS[4]


def percent(part: int | float, whole: int | float) -> float | None:
    """part / whole × 100, one decimal; None when there is nothing to divide by."""
    return round(100 * part / whole, 1) if whole else None


def ratio(part: int | float, whole: int | float, digits: int = 2) -> float | None:
    return round(part / whole, digits) if whole else None


# -- R-IND-1 occupancy ---------------------------------------------------------------------


def occupied_days(admission: date, discharge: date | None, start: date, end: date) -> int:
    """R-IND-1: place-days a stay occupies in [start, end): from the admission day to the
    day before the discharge (an open stay to the period's end), clipped to the period.
    Example: admitted 20/01, discharged 10/02, January → 12 days (20–31 January)."""
    return max(0, (min(discharge or end, end) - max(admission, start)).days)


def available_days(
    places: int, valid_from: date | None, valid_to: date | None, start: date, end: date
) -> int:
    """R-IND-1: available place-days = places × the days of [start, end) the vivienda is in
    service (`valid_to` is its last day)."""
    first = max(start, valid_from or start)
    after = min(end, valid_to + timedelta(days=1) if valid_to else end)
    return places * max(0, (after - first).days)


def occupancy_index(occupied: int, available: int) -> float | None:
    """R-IND-1: índice de ocupación = occupied place-days / available place-days × 100.
    Example: 8 places in January → 248 available; stays of 31, 10 and 1 days → 42 → 16.9 %."""
    return percent(occupied, available)


# -- R-IND-2 retention -----------------------------------------------------------------------


def retention_day(admission: date) -> date:
    """R-IND-2: the day a stay completes its first RETENTION_DAYS days."""
    return admission + timedelta(days=RETENTION_DAYS)


def in_retention_cohort(admission: date, start: date, end: date) -> bool:
    """R-IND-2: a stay is measured in the period in which its 90th day falls
    (admission + 90 days in [start, end)), so each stay is counted once, in one period."""
    return start <= retention_day(admission) < end


def retained(admission: date, discharge: date | None, discharge_type: str) -> bool:
    """R-IND-2: retained = still in the vivienda 90 days after admission (no discharge
    before that day), or discharged before it with a therapeutic discharge (the treatment
    was completed: retention counts drop-outs, not completions)."""
    if discharge is None or discharge >= retention_day(admission):
        return True
    return discharge_type == "terapeutica"


def retention_index(kept: int, cohort: int) -> float | None:
    """R-IND-2: índice de retención = stays retained at 90 days / stays that reached their
    90th day in the period × 100 — the «retention in treatment at 90 days» of
    addiction-treatment networks (NIDA, Principles of Drug Addiction Treatment, 3rd ed.,
    2018: «participation for less than 3 months is of limited effectiveness»; EMCDDA/
    Plan Nacional sobre Drogas treatment-outcome indicators). Example: 10 stays reach day
    90 in the period; 7 are still in the vivienda, 1 left with a therapeutic discharge on
    day 80, 2 left voluntarily → (7 + 1) / 10 = 80.0 %."""
    return percent(kept, cohort)


# -- R-IND-3 rotation ------------------------------------------------------------------------


def theoretical_places(available: int, period_days: int) -> float:
    """R-IND-3: plazas teóricas = available place-days / days of the period (the mean
    number of places in service: 8 places all year → 8; 8 places half the year → 4)."""
    return available / period_days if period_days else 0.0


def rotation_index(people: int, places: float) -> float | None:
    """R-IND-3: índice de rotación usuario/a/plaza = people attended in the period (present
    any day of it, each person once per vivienda) / theoretical places. Example: 12 people
    through a vivienda of 8 places in a year → 1.5 people per place."""
    return ratio(people, places)


# -- R-IND-4 waiting time -------------------------------------------------------------------


def waiting_days(admission: date, listed: date | None) -> int | None:
    """R-IND-4: waiting time = admission date − the date the complete protocol was received
    (referral_rules.list_date: received, or fixed when fixed later). None without one."""
    return (admission - listed).days if listed is not None else None


def median_and_mean(values: Sequence[int]) -> tuple[float | None, float | None]:
    """R-IND-4: (median, mean) of the waiting days, one decimal; (None, None) when empty.
    Example: 10, 20, 60 → median 20.0, mean 30.0."""
    if not values:
        return None, None
    return round(float(statistics.median(values)), 1), round(statistics.fmean(values), 1)


# -- R-IND-5 discharges by type ---------------------------------------------------------------


def discharge_shares(counts: dict[str, int]) -> dict[str, float | None]:
    """R-IND-5: % of a type = discharges of that type dated in the period / all discharges
    dated in the period × 100. Example: 3 therapeutic, 1 voluntary → 75.0 % and 25.0 %."""
    whole = sum(counts.values())
    return {kind: percent(count, whole) for kind, count in counts.items()}


# -- R-IND-6 resignations before admission ----------------------------------------------------


def resignation_rate(resignations: int, admissions: int) -> float | None:
    """R-IND-6: % de renuncias antes del ingreso = resignations / (resignations + admissions)
    × 100, where resignations are the protocols closed in the period as «renuncia» or «no
    localizado/a» (they ended without admission) and admissions the stays admitted in the
    period: the denominator is every protocol that reached an outcome in the period.
    Example: 2 resignations, 6 admissions → 25.0 %."""
    return percent(resignations, resignations + admissions)


# -- R-IND-7 admissions and readmissions -------------------------------------------------------


def is_readmission(admission: date, first_admission: date) -> bool:
    """R-IND-7: a readmission is an admission of a person with an earlier stay in the
    network (any vivienda): their first admission is before this one."""
    return first_admission < admission


# -- R-IND-8 and R-IND-9: people referred and alternative sentences per VAR ---------------------


def distinct_people(pairs: Iterable[tuple[str, str]]) -> dict[str, int]:
    """R-IND-8/R-IND-9: {group: distinct people} from (group, person) pairs: a person
    counts once per group however many records they have in it."""
    seen: dict[str, set[str]] = {}
    for group, person in pairs:
        seen.setdefault(group, set()).add(person)
    return {group: len(people) for group, people in seen.items()}


# -- R-IND-10 still active after the last therapeutic discharge ---------------------------------


def anniversary(day: date, years: int) -> date:
    """The same day `years` later (29 February → 28 February)."""
    return add_months(day, 12 * years)


def last_therapeutic_discharge(discharges: Iterable[date], until: date) -> date | None:
    """R-IND-10: the person's last therapeutic discharge on or before `until`."""
    return max((day for day in discharges if day <= until), default=None)


def still_active(
    discharge: date,
    years: int,
    activity: Iterable[date],
    stays: Iterable[tuple[date, date | None]] = (),
) -> bool:
    """R-IND-10: «continúa en activo en la Red» N years after the last therapeutic
    discharge = some record of the person dated in the year up to the anniversary and after
    the discharge: (max(discharge, anniversary − 365 days), anniversary]. Records: a new
    protocol, a stay present that year, a follow-up interview, a coordination contact, a
    referral to a resource, an employment follow-up. The cohort of a period is the people
    whose anniversary of their last therapeutic discharge (last as of the anniversary)
    falls in it. Example: discharged 10/03/2025; interview 01/02/2026 → active at 1 year
    (anniversary 10/03/2026)."""
    due = anniversary(discharge, years)
    after = max(discharge, due - timedelta(days=ACTIVE_WINDOW_DAYS))
    if any(after < day <= due for day in activity):
        return True
    # A stay (admission, discharge or None) present any day of the window.
    return any(admitted <= due and (left is None or left > after) for admitted, left in stays)


# -- R-IND-11 adequacy of places (a.2) ------------------------------------------------------------


def per_place(count: int, places: float) -> float | None:
    """R-IND-11: indications (or resignations) per theoretical place."""
    return ratio(count, places)


def regional_mean(counts: Sequence[int], places: Sequence[float]) -> float | None:
    """R-IND-11: the regional mean = all indications / all theoretical places (weighted by
    places, so a vivienda of 20 places weighs more than one of 4)."""
    return ratio(sum(counts), sum(places))


def deviation(value: float | None, mean: float | None) -> float | None:
    """R-IND-11: a vivienda's deviation from the regional mean = its figure − the mean.
    Example: 12 indications for 6 places → 2.0; the region 30 for 20 → 1.5; deviation 0.5."""
    if value is None or mean is None:
        return None
    return round(value - mean, 2)


def mean_absolute_deviation(deviations: Sequence[float | None]) -> float | None:
    """R-IND-11: «desviación media» = mean of the viviendas' |deviation|."""
    known = [abs(d) for d in deviations if d is not None]
    return round(statistics.fmean(known), 2) if known else None


# -- R-IND-12 treatment offered by sex against demand -------------------------------------------


def offers_sex(sex: str, places_men: int, places_women: int, places_mixed: int) -> bool:
    """R-IND-12: a vivienda offers treatment to men ("H") with men's or mixed places, to
    women ("M") with women's or mixed places."""
    own = places_men if sex == "H" else places_women
    return own + places_mixed > 0


def places_for_sex(sex: str, places_men: int, places_women: int, places_mixed: int) -> int:
    """R-IND-12: the places a person of that sex can take: their own plus the mixed ones."""
    return (places_men if sex == "H" else places_women) + places_mixed
