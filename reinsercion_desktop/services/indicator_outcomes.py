"""§12 c) outcome tables: discharges by type (R-IND-5), resignations before admission
(R-IND-6), people still active in the network after their last therapeutic discharge
(R-IND-10)."""

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from reinsercion_desktop.domain import indicators as ind
from reinsercion_desktop.domain.dates import add_months
from reinsercion_desktop.domain.enums import DischargeType
from reinsercion_desktop.domain.report_table import (
    ChartSpec,
    Column,
    ReportSection,
    ReportTable,
)
from reinsercion_desktop.services.indicator_sections import (
    IndicatorFacts,
    _always,
    _referral_group,
    _stay_group,
)
from reinsercion_desktop.services.indicator_tables import (
    Breakdown,
    Measure,
    breakdown_table,
    count,
    share,
)

# -- R-IND-5: discharges by type -----------------------------------------------------------

TYPES = tuple(DischargeType)


def _discharge_cells(stays: Sequence) -> tuple[object, ...]:  # type: ignore[type-arg]
    counts = {kind.value: 0 for kind in TYPES}
    for stay in stays:
        if stay.discharge_type in counts:
            counts[stay.discharge_type] += 1
    shares = ind.discharge_shares(counts)
    cells: list[object] = []
    for kind in TYPES:
        cells += [counts[kind.value], shares[kind.value]]
    return (*cells, sum(counts.values()))


DISCHARGE_MEASURE = Measure(
    tuple(
        column
        for kind in TYPES
        for column in (count(kind.value, kind.label), share(f"{kind.value}_pct", "%", kind.value))
    )
    + (count("altas", "Total de altas"),),
    _discharge_cells,
)
DISCHARGE_NOTE = (
    "Altas con fecha en el período, por tipo; % = altas del tipo / todas las altas del grupo × 100."
)


def discharges_section(facts: IndicatorFacts, breakdowns: Sequence[Breakdown]) -> ReportSection:
    stays = facts.discharged
    cells = _discharge_cells(stays)
    overall = ReportTable(
        "altas_tipo",
        "Altas por tipo",
        (Column("tipo", "Tipo de alta"), count("altas", "Altas"), share("pct", "%", "altas")),
        tuple((kind.label, cells[2 * i], cells[2 * i + 1]) for i, kind in enumerate(TYPES)),
        ("Total", cells[-1], 100.0 if cells[-1] else None),
        DISCHARGE_NOTE,
        ChartSpec("bars", "tipo", ("altas",), "Altas por tipo", "altas"),
    )
    order = (
        Breakdown.PROVINCE,
        Breakdown.VIVIENDA,
        Breakdown.ADDICTION,
        Breakdown.SEX,
        Breakdown.AGE,
    )
    tables = [overall] + [
        breakdown_table(
            "altas",
            "Altas por tipo",
            b,
            stays,
            _stay_group(facts, b),
            DISCHARGE_MEASURE,
            DISCHARGE_NOTE,
            always=_always(facts, b),
        )  # fmt: skip
        for b in order
        if b in breakdowns
    ]
    return ReportSection("Altas por tipo", tuple(tables))


# -- R-IND-6: resignations before admission ---------------------------------------------------

RESIGNATION_NOTE = (
    "Renuncias = protocolos cerrados en el período como renuncia o no localizado/a, sin "
    "ingreso; % = renuncias / (renuncias + ingresos del período) × 100. Por vivienda, la "
    "renuncia cuenta en la vivienda asignada; la edad, al inicio del período (renuncias) o "
    "al ingreso (ingresos)."
)
RESIGNATION_MEASURE = Measure(
    (
        count("renuncias", "Renuncias"),
        count("ingresos", "Ingresos"),
        share("pct", "% renuncias", "renuncias"),
    ),
    lambda items: (
        sum(1 for kind, _ in items if kind == "r"),
        sum(1 for kind, _ in items if kind == "i"),
        ind.resignation_rate(
            sum(1 for kind, _ in items if kind == "r"), sum(1 for kind, _ in items if kind == "i")
        ),
    ),
)


def resignations_section(facts: IndicatorFacts, breakdowns: Sequence[Breakdown]) -> ReportSection:
    order = (
        Breakdown.VIVIENDA,
        Breakdown.CENTRE,
        Breakdown.PROVINCE,
        Breakdown.ADDICTION,
        Breakdown.SEX,
        Breakdown.AGE,
    )
    tables = []
    for b in order if breakdowns else ():
        if b not in breakdowns:
            continue
        of_referral, of_stay = _referral_group(facts, b), _stay_group(facts, b)
        items = [("r", of_referral(r)) for r in facts.resigned]
        items += [("i", of_stay(s)) for s in facts.admitted]
        tables.append(
            breakdown_table(
                "renuncias",
                "Renuncias antes del ingreso",
                b,
                items,
                lambda item: item[1],
                RESIGNATION_MEASURE,
                RESIGNATION_NOTE,
                always=_always(facts, b),
            )  # fmt: skip
        )
    if not tables:
        items = [("r", "")] * len(facts.resigned) + [("i", "")] * len(facts.admitted)
        total = RESIGNATION_MEASURE.cells(items)
        tables.append(
            ReportTable(
                "renuncias",
                "Renuncias antes del ingreso",
                (Column("grupo", ""), *RESIGNATION_MEASURE.columns),
                (),
                ("Total", *total),
                RESIGNATION_NOTE,
            )  # fmt: skip
        )
    return ReportSection("Renuncias antes del ingreso", tuple(tables))


# -- R-IND-10: still active 1 and 3 years after the last therapeutic discharge --------------------


def active_cohorts(
    facts: IndicatorFacts,
    discharges: Sequence[tuple[str, date]],
    years: int,
) -> list[tuple[str, date]]:
    """(person, last therapeutic discharge) whose `years` anniversary falls in the period;
    «last» as of the anniversary (a later therapeutic discharge before it replaces it)."""
    by_person: dict[str, list[date]] = defaultdict(list)
    for person, day in discharges:
        by_person[person].append(day)
    # Discharges whose anniversary can fall in the period (a day's margin for 29/02).
    low = add_months(facts.start, -12 * years) - timedelta(days=1)
    high = add_months(facts.end, -12 * years) + timedelta(days=1)
    cohort = []
    for person, days in by_person.items():
        for day in days:
            if not low <= day < high:
                continue
            due = ind.anniversary(day, years)
            if facts.in_period(due) and ind.last_therapeutic_discharge(days, due) == day:
                cohort.append((person, day))
    return cohort


def active_table(
    cohorts: dict[int, list[tuple[str, date]]],
    activity: dict[str, list[date]],
    spans: dict[str, list[tuple[date, date | None]]],
) -> ReportTable:
    rows = []
    for years, cohort in sorted(cohorts.items()):
        active = sum(
            ind.still_active(day, years, activity.get(person, ()), spans.get(person, ()))
            for person, day in cohort
        )
        label = "1 año" if years == 1 else f"{years} años"
        rows.append((label, len(cohort), active, ind.percent(active, len(cohort))))
    return ReportTable(
        "activos_red",
        "Personas que continúan en activo en la Red tras su última alta terapéutica",
        (
            Column("plazo", "Plazo"),
            count("cohorte", "Aniversarios en el período"),
            count("activos", "En activo"),
            share("pct", "%", "activos"),
        ),
        tuple(rows),
        note=(
            "Personas cuya última alta terapéutica cumple 1 o 3 años en el período; en activo = "
            "con algún registro en el año anterior al aniversario y posterior al alta: un "
            "protocolo nuevo, una estancia, una entrevista de seguimiento, un contacto de "
            "coordinación, una derivación a un recurso o un seguimiento laboral."
        ),
    )


def active_section(table: ReportTable) -> ReportSection:
    return ReportSection("Continuidad en la Red tras el alta terapéutica", (table,))
