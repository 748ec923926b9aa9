"""The Anexo II's tables as `ReportTable`s (services/anexo_ii.py assembles them): columns
typed for small-number protection (COUNT; PERCENT, DAYS, NUMBER, DATE, TEXT), totals rows
where a table counts, charts where they help. People by CODAPEL only (R-CONF-1)."""

from collections import Counter, defaultdict
from collections.abc import Iterable

from reinsercion_desktop.domain.enums import DischargeType, ReferralStatus, Sex
from reinsercion_desktop.domain.report_table import ChartSpec, Column, ColumnKind, ReportTable
from reinsercion_desktop.services.office_views import AnexoIIMonthly, FollowUpRow

NO_CENTRE, NO_PROVINCE = "Sin centro derivador", "Sin provincia"
SITUATIONS = {
    "lista_espera": "En lista de espera",
    "proceso_admision": "Proceso de admisión",
    "aplazado": "Aplazado/a",
    "ingresado": "Ingresado/a",
    "alta": "Alta",
}
DEMAND_LABELS = {
    ReferralStatus.RESIGNED: "Renuncias",
    ReferralStatus.NOT_LOCATED: "No localización",
    ReferralStatus.WITHDRAWN: "Retiradas",
}
DISCHARGE_LABELS = {
    DischargeType.THERAPEUTIC: "Terapéuticas",
    DischargeType.DERIVED: "Derivadas",
    DischargeType.VOLUNTARY: "Voluntarias",
    DischargeType.DISCIPLINARY: "Disciplinarias",
}


# -- the tables -----------------------------------------------------------------------------


def _count_columns(labels: Iterable[str]) -> tuple[Column, ...]:
    return tuple(Column(key, label, ColumnKind.COUNT) for key, label in labels)


def _counts_table(
    key: str,
    title: str,
    label: str,
    kinds: dict,
    counts: dict[str, Counter],
    note: str,
    chart_title: str,
) -> ReportTable:
    """Rows by label (sorted), one COUNT column per kind, a row total and a «Total» row."""
    columns = (
        Column("grupo", label),
        *_count_columns((str(kind), text) for kind, text in kinds.items()),
        Column("total", "Total", ColumnKind.COUNT),
    )
    rows = []
    for name in sorted(counts):
        cells = [counts[name].get(kind, 0) for kind in kinds]
        rows.append((name, *cells, sum(cells)))
    sums = [sum(row[i] for row in rows) for i in range(1, len(columns))]
    return ReportTable(
        key=key,
        title=title,
        columns=columns,
        rows=tuple(rows),
        total=("Total", *sums),
        note=note,
        chart=ChartSpec("bars", "grupo", tuple(str(k) for k in kinds), chart_title, "altas")
        if rows and chart_title
        else None,
    )


def discharge_table(
    key: str, title: str, label: str, counts: dict[str, Counter], note: str
) -> ReportTable:
    return _counts_table(key, title, label, DISCHARGE_LABELS, counts, note, title)


def demand_table(
    key: str, title: str, label: str, counts: dict[str, Counter], note: str
) -> ReportTable:
    return _counts_table(key, title, label, DEMAND_LABELS, counts, note, "")


def row_counts(row) -> Counter:  # type: ignore[no-untyped-def]
    return Counter(
        {
            DischargeType.THERAPEUTIC: row.terapeuticas,
            DischargeType.DERIVED: row.derivadas,
            DischargeType.VOLUNTARY: row.voluntarias,
            DischargeType.DISCIPLINARY: row.disciplinarias,
        }
    )


def demand_counts(demands: list, *, by: str) -> dict[str, Counter]:
    found: dict[str, Counter] = defaultdict(Counter)
    empty = NO_PROVINCE if by == "province" else NO_CENTRE
    for demand in demands:
        found[getattr(demand, by) or empty][ReferralStatus(demand.status)] += 1
    return found


_SEX_LABELS = {
    sex.value: sex.label for sex in Sex
}  # built once: one lookup per row of the follow-up


def _sex(code: str) -> str:
    return _SEX_LABELS.get(code, code)


_FOLLOW_UP_COLUMNS = (
    Column("orden", "N.º de orden", ColumnKind.NUMBER),
    Column("codapel", "CODAPEL"),
    Column("sexo", "Sexo"),
    Column("centro_derivador", "Centro derivador"),
    Column("provincia", "Provincia"),
    Column("fecha_protocolo", "Fecha de recepción del protocolo", ColumnKind.DATE),
    Column("situacion", "Situación"),
    Column("vivienda", "Vivienda"),
    Column("fecha_ingreso", "Fecha de ingreso", ColumnKind.DATE),
)


def follow_up_table(rows: list[FollowUpRow]) -> ReportTable:
    listed = sum(1 for r in rows if r.orden is not None)
    moves = Counter(r.situacion for r in rows if r.orden is None)
    return ReportTable(
        key="seguimiento_lista_espera",
        title="Informe completo de seguimiento y lista de espera actualizados",
        columns=_FOLLOW_UP_COLUMNS,
        rows=tuple(
            (
                r.orden,
                r.codapel,
                _sex(r.sexo),
                r.centro_derivador or NO_CENTRE,
                r.provincia or NO_PROVINCE,
                r.fecha_protocolo,
                SITUATIONS.get(r.situacion, r.situacion),
                r.vivienda,
                r.fecha_ingreso,
            )  # fmt: skip
            for r in rows
        ),
        note=(
            "Lista de espera a la fecha del informe (proceso de admisión primero, luego por "
            f"orden): {listed}; ingresos del mes: {moves['ingresado']}; altas del mes: "
            f"{moves['alta']}."
        ),
    )


_DERIVED_COLUMNS = (
    Column("codapel", "CODAPEL"),
    Column("fecha_protocolo", "Fecha de recepción del protocolo", ColumnKind.DATE),
    Column("situacion", "Situación"),
    Column("vivienda", "Vivienda"),
    Column("fecha_ingreso", "Fecha de ingreso", ColumnKind.DATE),
)


def derived_tables(rows: list[FollowUpRow], *, only: str | None = None) -> list[ReportTable]:
    """One table per referring centre (rows already ordered by centre); with `only`,
    that centre's table alone (empty when it has nobody in the list or in the month)."""
    by_centre: dict[str, list[FollowUpRow]] = defaultdict(list)
    for row in rows:
        by_centre[row.centro_derivador or NO_CENTRE].append(row)
    names = [only] if only is not None else sorted(by_centre)
    return [
        ReportTable(
            key=f"seguimiento_derivados_{number}",
            title=f"Usuarios/as derivados/as por {name}",
            columns=_DERIVED_COLUMNS,
            rows=tuple(
                (
                    r.codapel,
                    r.fecha_protocolo,
                    SITUATIONS.get(r.situacion, r.situacion),
                    r.vivienda,
                    r.fecha_ingreso,
                )  # fmt: skip
                for r in by_centre.get(name, [])
            ),
        )
        for number, name in enumerate(names, start=1)
    ]


def occupancy_table(data: AnexoIIMonthly) -> ReportTable:
    rows = tuple(
        (r.vivienda, r.plazas, r.plazas_dia_disponibles, r.plazas_dia_ocupadas, r.indice)
        for r in data.ocupacion
    )
    places, available, used = (sum(row[i] for row in rows) for i in (1, 2, 3))
    return ReportTable(
        key="ocupacion",
        title="Índice de ocupación por VAR",
        columns=(
            Column("vivienda", "Vivienda"),
            Column("plazas", "Plazas", ColumnKind.NUMBER),
            Column("disponibles", "Plazas-día disponibles", ColumnKind.NUMBER),
            Column("ocupadas", "Plazas-día ocupadas", ColumnKind.NUMBER),
            Column("indice", "Índice de ocupación (%)", ColumnKind.PERCENT),
        ),
        rows=rows,
        total=(
            "Total",
            places,
            available,
            used,
            round(100 * used / available, 1) if available else None,
        ),  # fmt: skip
        note=(
            "Índice = plazas-día ocupadas / plazas-día disponibles × 100. Una estancia ocupa "
            "desde el día de ingreso hasta el anterior al alta (abierta: hasta fin de mes); "
            "disponibles = plazas × días del mes en que la vivienda está en servicio."
        ),
        chart=ChartSpec("bars", "vivienda", ("indice",), "Índice de ocupación por VAR", "%")
        if rows
        else None,
    )


def waiting_time_table(data: AnexoIIMonthly) -> ReportTable:
    return ReportTable(
        key="tiempo_espera",
        title="Tiempo de espera del último ingreso, excepto los procedentes de IIPP",
        columns=(
            Column("vivienda", "Vivienda"),
            Column("codapel", "CODAPEL"),
            Column("fecha_protocolo", "Fecha de recepción del protocolo", ColumnKind.DATE),
            Column("fecha_ingreso", "Fecha de ingreso", ColumnKind.DATE),
            Column("dias", "Días de espera", ColumnKind.DAYS),
        ),
        rows=tuple(
            (r.vivienda, r.codapel, r.fecha_protocolo, r.fecha_ingreso, r.dias)
            for r in data.tiempo_espera
        ),
        note=(
            "Último ingreso de cada vivienda hasta el fin del mes, sin los procedentes de "
            "IIPP. Espera = fecha de ingreso − fecha de recepción del protocolo completo "
            "(o de su subsanación)."
        ),
    )


def incomplete_tables(rows: list[tuple]) -> tuple[ReportTable, ReportTable]:
    """Per centre: how many, how many fixed; then each protocol with cause and fix.
    `rows`: queries.incomplete_referral_rows (centre, kind, CODAPEL, marked on, cause,
    fix date, fix note)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    details = []
    for centre, _kind, codapel, marked, cause, fixed_on, fix_note in rows:
        name = centre or NO_CENTRE
        counts[name]["subsanados" if fixed_on else "pendientes"] += 1
        details.append(
            (name, codapel, marked, cause, fix_note if fixed_on else "Sin subsanar", fixed_on)
        )
    summary = _counts_table(
        "protocolos_incompletos_centro",
        "Protocolos incompletos por centro derivador",
        "Centro derivador",
        {"subsanados": "Subsanados", "pendientes": "Sin subsanar"},
        counts,
        "Protocolos marcados como incompletos en el período.",
        "",
    )
    detail = ReportTable(
        key="protocolos_incompletos",
        title="Protocolos incompletos: causa y subsanación",
        columns=(
            Column("centro_derivador", "Centro derivador"),
            Column("codapel", "CODAPEL"),
            Column("fecha_incompleto", "Marcado incompleto", ColumnKind.DATE),
            Column("causa", "Causa"),
            Column("subsanacion", "Subsanación"),
            Column("fecha_subsanacion", "Fecha de subsanación", ColumnKind.DATE),
        ),
        rows=tuple(sorted(details, key=lambda r: (r[0], r[2], r[1]))),
    )
    return summary, detail
