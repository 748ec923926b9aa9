"""The monthly Anexo II's figures, computed once: the office's screen (OfficeService
.monthly_report) and the Anexo II report (services/anexo_ii.py) both read them from here.

Counting, as SPEC §7:

- Índice de ocupación por VAR: occupied place-days / available place-days of the month.
  A stay occupies from its admission day to the day before its discharge (an open stay to
  the month's end), clipped to the month (stay_rules.stay_days_in_month); available
  place-days are the vivienda's places × the days of the month it is in force. Example: 8
  places in January → 248; stays of 31, 10 and 1 days → 42 → 16.9 %.
- Tipología de alta por VAR: discharges dated within the month, by type.
- Tiempo de espera del último ingreso, excepto IIPP: per vivienda, the latest admission up
  to the month's end of a stay not referred from prison; waiting days = admission − the
  date the complete protocol was received (referral_rules.list_date: received, or fixed
  when the fix came later).
- Seguimiento y lista de espera: the waiting list as it stands ("actualizada", assigned
  first, then the queue by position), then the admissions of the month (ingresado) and its
  discharges (alta). A person is «aplazado» while the postponement lasts: once its date
  has passed they are in the list again (domain.waiting_list.effective_status, the rule
  the waiting list follows when offering a vacancy). The same rows, by referring centre,
  are the report to the other centres (seguimiento de derivados).

Rows name people by CODAPEL only (R-CONF-1).
"""

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from reinsercion_desktop.db import office_queries, queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import Vivienda
from reinsercion_desktop.db.office_queries import LastAdmission, Move, PeriodStay
from reinsercion_desktop.domain.enums import DischargeType, ReferralStatus
from reinsercion_desktop.domain.periods import Period
from reinsercion_desktop.domain.referral_rules import list_date
from reinsercion_desktop.domain.stay_rules import StayFacts, stay_days_in_month
from reinsercion_desktop.services.office_views import (
    ADMITTED,
    DISCHARGED,
    AnexoIIMonthly,
    DischargeTypesRow,
    FollowUpRow,
    OccupancyRow,
    RegionalRow,
    WaitingTimeRow,
)

LISTED = (ReferralStatus.WAITING, ReferralStatus.POSTPONED, ReferralStatus.ASSIGNED)
# Situación in the Anexo II's follow-up tables.
SITUATION = {
    ReferralStatus.WAITING: "lista_espera",
    ReferralStatus.POSTPONED: "aplazado",
    ReferralStatus.ASSIGNED: "proceso_admision",
}
DISCHARGE_COLUMNS = {
    DischargeType.THERAPEUTIC: "terapeuticas",
    DischargeType.DERIVED: "derivadas",
    DischargeType.VOLUNTARY: "voluntarias",
    DischargeType.DISCIPLINARY: "disciplinarias",
}


def monthly_tables(db: Database, listed: Sequence[RegionalRow], month: Period) -> AnexoIIMonthly:
    """The month's four tables; `listed` are the rows of the regional waiting list as it
    stands (OfficeService.listed_rows)."""
    start, end = month.start, month.end
    with db.read() as session:
        viviendas = [v for v in queries.viviendas(session=session) if in_force(v, start, end)]
        stays = office_queries.stays_in_period(session=session, start=start, end=end)
        moves = office_queries.admissions_and_discharges(session=session, start=start, end=end)
        last = office_queries.last_admissions(session=session, before=end, prison=False)
    return AnexoIIMonthly(
        month=month.code,
        label=month.label,
        seguimiento_lista_espera=follow_up(listed, moves, start, end),
        ocupacion=occupancy(viviendas, stays, start, end),
        tipologia_altas_var=discharge_types(viviendas, stays, start, end),
        tiempo_espera=waiting_times(viviendas, last),
    )


def in_force(vivienda: Vivienda, start: date, end: date) -> bool:
    """In service any day of [start, end)."""
    return (vivienda.valid_from is None or vivienda.valid_from < end) and (
        vivienda.valid_to is None or vivienda.valid_to >= start
    )


def _days_in_force(vivienda: Vivienda, start: date, end: date) -> int:
    first = max(start, vivienda.valid_from or start)
    after = min(end, vivienda.valid_to + timedelta(days=1) if vivienda.valid_to else end)
    return max(0, (after - first).days)


def occupancy(
    viviendas: list[Vivienda], stays: list[PeriodStay], start: date, end: date
) -> list[OccupancyRow]:
    occupied: dict[str, int] = defaultdict(int)
    for stay in stays:
        facts = StayFacts(admission_date=stay.admission_date, discharge_date=stay.discharge_date)
        occupied[stay.vivienda_id] += stay_days_in_month(facts, start.year, start.month)
    rows = []
    for vivienda in viviendas:
        places = vivienda.places_men + vivienda.places_women + vivienda.places_mixed
        available = places * _days_in_force(vivienda, start, end)
        used = occupied.get(vivienda.id, 0)
        index = round(100 * used / available, 1) if available else None
        rows.append(OccupancyRow(vivienda.name, places, available, used, index))
    return rows


def discharge_types(
    viviendas: list[Vivienda], stays: list[PeriodStay], start: date, end: date
) -> list[DischargeTypesRow]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for stay in stays:
        discharge, kind = stay.discharge_date, stay.discharge_type
        if discharge is not None and start <= discharge < end and kind in DISCHARGE_COLUMNS:
            counts[stay.vivienda_id][DISCHARGE_COLUMNS[DischargeType(kind)]] += 1
    return [DischargeTypesRow(v.name, **counts.get(v.id, {})) for v in viviendas]


def waiting_times(viviendas: list[Vivienda], last: list[LastAdmission]) -> list[WaitingTimeRow]:
    by_vivienda = {row.vivienda_id: row for row in last}
    rows = []
    for vivienda in viviendas:
        found = by_vivienda.get(vivienda.id)
        if found is None:
            continue
        listed = list_date(found.received_date, found.fixed_date)
        days = (found.admission_date - listed).days if listed else None
        rows.append(
            WaitingTimeRow(vivienda.name, found.codapel, listed, found.admission_date, days)
        )
    return rows


def follow_up(
    listed: Sequence[RegionalRow], moves: list[Move], start: date, end: date
) -> list[FollowUpRow]:
    rows = [
        FollowUpRow(
            orden=r.row.position,
            codapel=r.row.codapel,
            sexo=r.row.sex,
            centro_derivador=r.row.referring_centre,
            provincia=r.province,
            fecha_protocolo=r.row.received_date,
            situacion=SITUATION[ReferralStatus(r.row.effective_status)],
            vivienda=r.vivienda,
            fecha_ingreso=r.row.planned_admission_date,
        )
        for r in listed
    ]
    for move in moves:
        gone = move.discharge_date is not None and start <= move.discharge_date < end
        rows.append(
            FollowUpRow(
                orden=None,
                codapel=move.codapel,
                sexo=move.sex,
                centro_derivador=move.referring_centre,
                provincia=move.province or "",
                fecha_protocolo=list_date(move.received_date, move.fixed_date),
                situacion=DISCHARGED if gone else ADMITTED,
                vivienda=move.vivienda,
                fecha_ingreso=move.admission_date,
            )
        )
    return rows
