"""The §12 indicator tables from one period's facts (IndicatorFacts, read by
services/indicators.py in a few queries). Formulas: domain/indicators.py (R-IND-n); each
table's note is the formula in Spanish, printed as the indicator's help.
"""

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reinsercion_desktop.db.indicator_queries import IndicatorReferral, IndicatorStay
from reinsercion_desktop.db.models import Vivienda
from reinsercion_desktop.domain import indicators as ind
from reinsercion_desktop.domain.enums import ReferralStatus
from reinsercion_desktop.domain.periods import Period
from reinsercion_desktop.domain.referral_rules import list_date
from reinsercion_desktop.domain.report_table import (
    ChartSpec,
    Column,
    ColumnKind,
    ReportSection,
    ReportTable,
)
from reinsercion_desktop.services.indicator_tables import (
    Breakdown,
    Measure,
    breakdown_table,
    count,
    person_group,
    share,
)

CLOSED_UNADMITTED = (ReferralStatus.RESIGNED.value, ReferralStatus.NOT_LOCATED.value)


@dataclass(frozen=True)
class IndicatorFacts:
    period: Period
    viviendas: tuple[Vivienda, ...]  # those in service some day of the period
    stays: tuple[IndicatorStay, ...]
    referrals: tuple[IndicatorReferral, ...]
    waiting_at_end: dict[str, int]
    start: date  # the period's bounds, kept (Period computes `end` on each call)
    end: date

    @property
    def names(self) -> dict[str, str]:
        return {v.id: v.name for v in self.viviendas}

    def in_period(self, day: date | None) -> bool:
        return day is not None and self.start <= day < self.end

    @property
    def present(self) -> list[IndicatorStay]:
        """Stays in a vivienda any day of the period (the discharge day included)."""
        start, end = self.start, self.end
        return [
            s
            for s in self.stays
            if s.admission_date < end and (s.discharge_date is None or s.discharge_date >= start)
        ]

    @property
    def admitted(self) -> list[IndicatorStay]:
        return [s for s in self.stays if self.in_period(s.admission_date)]

    @property
    def discharged(self) -> list[IndicatorStay]:
        return [s for s in self.stays if self.in_period(s.discharge_date) and s.discharge_type]

    @property
    def resigned(self) -> list[IndicatorReferral]:
        return [
            r
            for r in self.referrals
            if r.status in CLOSED_UNADMITTED and self.in_period(r.closed_date)
        ]


def places_of(vivienda: Vivienda) -> int:
    return vivienda.places_men + vivienda.places_women + vivienda.places_mixed


def available(vivienda: Vivienda, start: date, end: date) -> int:
    return ind.available_days(
        places_of(vivienda), vivienda.valid_from, vivienda.valid_to, start, end
    )


def _stay_group(facts: IndicatorFacts, breakdown: Breakdown):  # type: ignore[no-untyped-def]
    names = facts.names

    def group(stay: IndicatorStay) -> str:
        return person_group(
            stay.person,
            breakdown,
            age_on=stay.admission_date,
            vivienda=names.get(stay.vivienda_id, ""),
        )

    return group


def _referral_group(facts: IndicatorFacts, breakdown: Breakdown):  # type: ignore[no-untyped-def]
    names = facts.names

    def group(referral: IndicatorReferral) -> str:
        vivienda = names.get(referral.vivienda_id or "", "")
        return person_group(referral.person, breakdown, age_on=facts.start, vivienda=vivienda)

    return group


def _always(facts: IndicatorFacts, breakdown: Breakdown) -> list[str]:
    return [v.name for v in facts.viviendas] if breakdown == Breakdown.VIVIENDA else []


# -- R-IND-1, 2, 3: occupancy, retention, rotation by VAR ------------------------------------


def results_section(facts: IndicatorFacts) -> ReportSection:
    period, start, end = facts.period, facts.period.start, facts.period.end
    occupied: dict[str, int] = {}
    for stay in facts.stays:
        days = ind.occupied_days(stay.admission_date, stay.discharge_date, start, end)
        occupied[stay.vivienda_id] = occupied.get(stay.vivienda_id, 0) + days
    cohorts: dict[str, list[IndicatorStay]] = defaultdict(list)
    for stay in facts.stays:
        if ind.in_retention_cohort(stay.admission_date, start, end):
            cohorts[stay.vivienda_id].append(stay)
    attended = Counter(v for v, _p in {(s.vivienda_id, s.participant_id) for s in facts.present})
    rows_occ, rows_ret, rows_rot = [], [], []
    totals = [0, 0, 0, 0, 0, 0.0]
    for vivienda in facts.viviendas:
        free = available(vivienda, start, end)
        used = occupied.get(vivienda.id, 0)
        places = round(ind.theoretical_places(free, period.days), 2)
        rows_occ.append((vivienda.name, places, free, used, ind.occupancy_index(used, free)))
        own = cohorts.get(vivienda.id, [])
        kept = sum(ind.retained(s.admission_date, s.discharge_date, s.discharge_type) for s in own)
        rows_ret.append((vivienda.name, len(own), kept, ind.retention_index(kept, len(own))))
        people = attended.get(vivienda.id, 0)
        rows_rot.append((vivienda.name, people, places, ind.rotation_index(people, places)))
        for i, value in enumerate((free, used, len(own), kept, people, places)):
            totals[i] += value
    free_all, used_all, cohort_all, kept_all, people_all, places_all = totals
    tables = [
        ReportTable(
            "ocupacion_vivienda",
            "Índice de ocupación por VAR",
            (
                Column("vivienda", "Vivienda"),
                Column("plazas", "Plazas teóricas", ColumnKind.NUMBER),
                Column("disponibles", "Estancias-día disponibles", ColumnKind.NUMBER),
                Column("ocupadas", "Estancias-día ocupadas", ColumnKind.NUMBER),
                Column("indice", "Índice de ocupación", ColumnKind.PERCENT),
            ),
            tuple(rows_occ),
            (
                "Total",
                round(places_all, 2),
                free_all,
                used_all,
                ind.occupancy_index(int(used_all), int(free_all)),
            ),
            "Estancias-día ocupadas / estancias-día disponibles × 100. Una estancia ocupa desde "
            "el día de ingreso hasta el día anterior al alta (abierta: hasta el fin del período), "
            "recortada al período; disponibles = plazas × días en servicio de la vivienda.",
        )
    ]
    if len(period.months) > 1:
        tables.append(_occupancy_trend(facts))
    tables.append(
        ReportTable(
            "retencion_vivienda",
            "Índice de retención por VAR (a 90 días)",
            (
                Column("vivienda", "Vivienda"),
                count("cohorte", "Estancias que cumplen 90 días"),
                count("retenidas", "Retenidas"),
                share("indice", "Índice de retención", "retenidas"),
            ),
            tuple(rows_ret),
            ("Total", cohort_all, kept_all, ind.retention_index(int(kept_all), int(cohort_all))),
            "Estancias que a los 90 días del ingreso seguían en la vivienda, o que antes "
            "terminaron con alta terapéutica / estancias cuyo día 90 cae en el período × 100 "
            "(retención en tratamiento a 3 meses).",
        )
    )
    tables.append(
        ReportTable(
            "rotacion_vivienda",
            "Índice de rotación usuario/a/plaza por VAR",
            (
                Column("vivienda", "Vivienda"),
                count("personas", "Personas atendidas"),
                Column("plazas", "Plazas teóricas", ColumnKind.NUMBER),
                Column("indice", "Índice de rotación", ColumnKind.NUMBER, of="personas"),
            ),
            tuple(rows_rot),
            (
                "Total",
                people_all,
                round(places_all, 2),
                ind.rotation_index(int(people_all), places_all),
            ),
            "Personas atendidas en el período (presentes algún día en la vivienda) / plazas "
            "teóricas (estancias-día disponibles / días del período).",
        )
    )
    return ReportSection("Índices de ocupación, retención y rotación", tuple(tables))


def _occupancy_trend(facts: IndicatorFacts) -> ReportTable:
    rows = []
    for code in facts.period.months:
        month = Period.parse(code)
        first, after = month.start, month.end
        used = sum(
            ind.occupied_days(s.admission_date, s.discharge_date, first, after) for s in facts.stays
        )
        free = sum(available(v, first, after) for v in facts.viviendas)
        rows.append((month.label, free, used, ind.occupancy_index(used, free)))
    return ReportTable(
        "ocupacion_meses",
        "Índice de ocupación de la red, mes a mes",
        (
            Column("mes", "Mes"),
            Column("disponibles", "Estancias-día disponibles", ColumnKind.NUMBER),
            Column("ocupadas", "Estancias-día ocupadas", ColumnKind.NUMBER),
            Column("indice", "Índice de ocupación", ColumnKind.PERCENT),
        ),
        tuple(rows),
        note="El mismo índice, de todas las viviendas, para cada mes del período.",
        chart=ChartSpec("trend", "mes", ("indice",), "Ocupación mensual", "%"),
    )


# -- R-IND-4: waiting time to admission ------------------------------------------------------------


def _waits(stays: Sequence[IndicatorStay]) -> list[int]:
    found = []
    for stay in stays:
        days = ind.waiting_days(stay.admission_date, list_date(stay.received_date, stay.fixed_date))
        if days is not None:
            found.append(days)
    return found


def _wait_cells(stays: Sequence[IndicatorStay]) -> tuple[object, ...]:
    waits = _waits(stays)
    median, mean = ind.median_and_mean(waits)
    return (len(waits), median, mean)


WAIT_MEASURE = Measure(
    (
        count("ingresos", "Ingresos"),
        Column("mediana", "Mediana (días)", ColumnKind.DAYS, of="ingresos"),
        Column("media", "Media (días)", ColumnKind.DAYS, of="ingresos"),
    ),
    _wait_cells,
)
WAIT_NOTE = (
    "Fecha de ingreso − fecha de recepción del protocolo completo (o de su subsanación, si "
    "fue posterior), de los ingresos del período; mediana y media en días. No cuentan los "
    "ingresos derivados desde prisión, cuya espera depende de la excarcelación."
)


def waiting_section(facts: IndicatorFacts, breakdowns: Sequence[Breakdown]) -> ReportSection:
    stays = [s for s in facts.admitted if not s.prison]
    wanted = [
        b
        for b in (Breakdown.VIVIENDA, Breakdown.ADDICTION, Breakdown.SEX, Breakdown.AGE)
        if b in breakdowns
    ]
    tables = tuple(
        breakdown_table(
            "espera",
            "Tiempo de espera para el ingreso",
            b,
            stays,
            _stay_group(facts, b),
            WAIT_MEASURE,
            WAIT_NOTE,
            always=_always(facts, b),
        )  # fmt: skip
        for b in wanted
    )
    if not tables:
        tables = (
            _overall("espera", "Tiempo de espera para el ingreso", stays, WAIT_MEASURE, WAIT_NOTE),
        )
    return ReportSection("Tiempo de espera para iniciar tratamiento", tables)


def _overall(
    key: str, title: str, items: Sequence[object], measure: Measure, note: str
) -> ReportTable:
    return ReportTable(
        key,
        title,
        (Column("grupo", ""), *measure.columns),
        (),
        ("Total", *measure.cells(items)),
        note,
    )
