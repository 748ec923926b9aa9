"""§12 a.2) and b) tables from the circuit's records: admissions and readmissions
(R-IND-7), people referred and alternative sentences per VAR (R-IND-8, R-IND-9), places
against admission indications and resignations (R-IND-11), treatment offered by sex
against demand (R-IND-12)."""

from collections.abc import Sequence

from reinsercion_desktop.domain import indicators as ind
from reinsercion_desktop.domain.enums import Sex
from reinsercion_desktop.domain.report_table import Column, ColumnKind, ReportSection, ReportTable
from reinsercion_desktop.services.indicator_sections import (
    IndicatorFacts,
    _always,
    _stay_group,
    available,
)
from reinsercion_desktop.services.indicator_tables import (
    UNKNOWN,
    Breakdown,
    Measure,
    breakdown_table,
    count,
    share,
)

# -- R-IND-7: admissions and readmissions -----------------------------------------------------


def _admission_cells(stays: Sequence) -> tuple[object, ...]:  # type: ignore[type-arg]
    again = sum(ind.is_readmission(s.admission_date, s.first_admission) for s in stays)
    return (len(stays) - again, again, len(stays))


ADMISSION_MEASURE = Measure(
    (
        count("primeras", "Admisiones"),
        count("readmisiones", "Readmisiones"),
        count("total", "Total"),
    ),
    _admission_cells,
)
ADMISSION_NOTE = (
    "Ingresos con fecha en el período; readmisión = ingreso de una persona con una estancia "
    "anterior en cualquier vivienda de la Red."
)


def _addiction_by_sex(facts: IndicatorFacts, stays: Sequence) -> ReportTable:  # type: ignore[type-arg]
    sexes = [Sex.MAN, Sex.WOMAN]
    cells: dict[str, list[int]] = {}
    for stay in stays:
        row = cells.setdefault(stay.person.addiction or UNKNOWN, [0] * 5)
        column = (2 if ind.is_readmission(stay.admission_date, stay.first_admission) else 0) + (
            1 if stay.person.sex == Sex.WOMAN else 0
        )
        row[column] += 1
        row[4] += 1
    order = sorted(cells, key=lambda name: (name == UNKNOWN, name))
    total = [sum(cells[name][i] for name in order) for i in range(5)]
    return ReportTable(
        "admisiones_adiccion_sexo",
        "Admisiones y readmisiones por tipo de adicción y sexo",
        (
            Column("adiccion", "Tipo de adicción"),
            *(count(f"adm_{s.value}", f"Admisiones {s.label.lower()}s") for s in sexes),
            *(count(f"readm_{s.value}", f"Readmisiones {s.label.lower()}s") for s in sexes),
            count("total", "Total"),
        ),
        tuple((name, *cells[name]) for name in order),
        ("Total", *total),
        ADMISSION_NOTE,
    )


def admissions_section(facts: IndicatorFacts, breakdowns: Sequence[Breakdown]) -> ReportSection:
    stays = facts.admitted
    tables = []
    if Breakdown.ADDICTION in breakdowns or Breakdown.SEX in breakdowns:
        tables.append(_addiction_by_sex(facts, stays))
    order = (Breakdown.PROVINCE, Breakdown.VIVIENDA, Breakdown.SEX, Breakdown.AGE, Breakdown.CENTRE)
    tables += [
        breakdown_table(
            "admisiones",
            "Admisiones y readmisiones",
            b,
            stays,
            _stay_group(facts, b),
            ADMISSION_MEASURE,
            ADMISSION_NOTE,
            always=_always(facts, b),
        )  # fmt: skip
        for b in order
        if b in breakdowns
    ]
    if not tables:
        cells = _admission_cells(stays)
        tables.append(
            ReportTable(
                "admisiones",
                "Admisiones y readmisiones",
                (Column("grupo", ""), *ADMISSION_MEASURE.columns),
                (),
                ("Total", *cells),
                ADMISSION_NOTE,
            )  # fmt: skip
        )
    return ReportSection("Admisiones y readmisiones a tratamiento", tuple(tables))


# -- R-IND-8, R-IND-9: people referred and alternative sentences per VAR ------------------------


def referred_section(facts: IndicatorFacts, breakdowns: Sequence[Breakdown]) -> ReportSection:
    names = facts.names
    referred = ind.distinct_people(
        (r.vivienda_id, r.participant_id)
        for r in facts.referrals
        if r.vivienda_id and facts.in_period(r.assigned_date)
    )
    present = facts.present
    attended = ind.distinct_people((s.vivienda_id, s.participant_id) for s in present)
    alternative = ind.distinct_people(
        (s.vivienda_id, s.participant_id) for s in present if s.person.alternative_sentence
    )
    rows = tuple(
        (
            v.name,
            referred.get(v.id, 0),
            attended.get(v.id, 0),
            alternative.get(v.id, 0),
            ind.percent(alternative.get(v.id, 0), attended.get(v.id, 0)),
        )
        for v in facts.viviendas
        if v.id in names
    )
    sums = [sum(row[i] for row in rows) for i in (1, 2, 3)]
    per_var = ReportTable(
        "derivados_vivienda",
        "Personas derivadas y con pena alternativa a prisión por VAR",
        (
            Column("vivienda", "Vivienda"),
            count("derivadas", "Personas derivadas"),
            count("atendidas", "Personas atendidas"),
            count("pena_alternativa", "Con pena alternativa a prisión"),
            share("pct", "% de atendidas", "pena_alternativa"),
        ),
        rows,
        ("Total", *sums, ind.percent(sums[2], sums[1])),
        "Derivadas = personas con un protocolo asignado a la vivienda (indicación de ingreso) "
        "en el período; atendidas = presentes algún día del período; pena alternativa = "
        "atendidas con cumplimiento de pena alternativa a prisión en su ficha.",
    )
    tables = [per_var]
    if Breakdown.CENTRE in breakdowns:
        received = [r for r in facts.referrals if facts.in_period(r.received_date)]
        tables.append(
            breakdown_table(
                "protocolos",
                "Personas con protocolo recibido",
                Breakdown.CENTRE,
                received,
                lambda r: r.person.centre or "Sin centro derivador",
                Measure(
                    (count("personas", "Personas"),),
                    lambda items: (len({r.participant_id for r in items}),),
                ),
                "Personas distintas cuyo protocolo se recibió en el período, por centro derivador.",
            )  # fmt: skip
        )
    return ReportSection("Personas derivadas y penas alternativas", tuple(tables))


# -- R-IND-11: places against indications and resignations (a.2) ------------------------------------


def adequacy_table(facts: IndicatorFacts) -> ReportTable:
    start, end, days = facts.period.start, facts.period.end, facts.period.days
    indications = {v.id: 0 for v in facts.viviendas}
    resignations = {v.id: 0 for v in facts.viviendas}
    for r in facts.referrals:
        if r.vivienda_id in indications and facts.in_period(r.assigned_date):
            indications[r.vivienda_id] += 1
    for r in facts.resigned:
        if r.vivienda_id in resignations:
            resignations[r.vivienda_id] += 1
    places = {v.id: ind.theoretical_places(available(v, start, end), days) for v in facts.viviendas}
    ids = [v.id for v in facts.viviendas]
    mean_i = ind.regional_mean([indications[i] for i in ids], [places[i] for i in ids])
    mean_r = ind.regional_mean([resignations[i] for i in ids], [places[i] for i in ids])
    rows, dev_i, dev_r = [], [], []
    for v in facts.viviendas:
        per_i = ind.per_place(indications[v.id], places[v.id])
        per_r = ind.per_place(resignations[v.id], places[v.id])
        dev_i.append(ind.deviation(per_i, mean_i))
        dev_r.append(ind.deviation(per_r, mean_r))
        rows.append((v.name, round(places[v.id], 2), indications[v.id], per_i, dev_i[-1],
                     resignations[v.id], per_r, dev_r[-1]))  # fmt: skip
    total = (
        "Media regional", round(sum(places.values()), 2), sum(indications.values()), mean_i,
        ind.mean_absolute_deviation(dev_i), sum(resignations.values()), mean_r,
        ind.mean_absolute_deviation(dev_r),
    )  # fmt: skip
    number = ColumnKind.NUMBER
    return ReportTable(
        "adecuacion_plazas",
        "Adecuación de plazas a las indicaciones de ingreso y a las renuncias",
        (
            Column("vivienda", "Vivienda"),
            Column("plazas", "Plazas teóricas", number),
            count("indicaciones", "Indicaciones de ingreso"),
            Column("ind_plaza", "Indicaciones por plaza", number, of="indicaciones"),
            Column("ind_desv", "Desviación", number, of="indicaciones"),
            count("renuncias", "Renuncias"),
            Column("ren_plaza", "Renuncias por plaza", number, of="renuncias"),
            Column("ren_desv", "Desviación", number, of="renuncias"),
        ),
        tuple(rows),
        total,
        "Indicaciones de ingreso = protocolos asignados a la vivienda en el período; renuncias "
        "= sus protocolos cerrados por renuncia o no localización. Por plaza = número / plazas "
        "teóricas; media regional = total / plazas teóricas de la Red; desviación = valor de la "
        "vivienda − media regional (en la fila de la media: la desviación media absoluta).",
    )


# -- R-IND-12: treatment offered by sex against demand -------------------------------------------


def sex_offer_table(facts: IndicatorFacts) -> ReportTable:
    start, end, days = facts.period.start, facts.period.end, facts.period.days
    included = [r for r in facts.referrals if facts.in_period(r.included_date)]
    rows = []
    for sex in (Sex.MAN, Sex.WOMAN):
        offering = [
            v for v in facts.viviendas
            if ind.offers_sex(sex, v.places_men, v.places_women, v.places_mixed)
        ]  # fmt: skip
        places = sum(
            ind.places_for_sex(sex, v.places_men, v.places_women, v.places_mixed)
            * ind.theoretical_places(available(v, start, end), days)
            / max(1, v.places_men + v.places_women + v.places_mixed)
            for v in offering
        )
        demand = sum(1 for r in included if r.person.sex == sex)
        waiting = facts.waiting_at_end.get(sex.value, 0)
        rows.append((sex.label, len(offering), round(places, 2), demand, waiting,
                     ind.ratio(demand, places)))  # fmt: skip
    number = ColumnKind.NUMBER
    return ReportTable(
        "oferta_sexo",
        "Viviendas que ofertan tratamiento según sexo y demanda",
        (
            Column("sexo", "Sexo"),
            Column("viviendas", "Viviendas que ofertan", number),
            Column("plazas", "Plazas teóricas (propias y mixtas)", number),
            count("demandas", "Demandas en el período"),
            count("en_lista", "En lista de espera al cierre"),
            Column("demanda_plaza", "Demanda por plaza", number, of="demandas"),
        ),
        tuple(rows),
        note=(
            "Una vivienda oferta tratamiento a hombres si tiene plazas de hombres o mixtas, a "
            "mujeres si las tiene de mujeres o mixtas; demandas = protocolos incluidos en la "
            "lista en el período; demanda por plaza = demandas / plazas teóricas."
        ),
    )


def structure_section(facts: IndicatorFacts) -> ReportSection:
    return ReportSection(
        "Recursos materiales: plazas, indicaciones y oferta por sexo",
        (adequacy_table(facts), sex_offer_table(facts)),
    )
