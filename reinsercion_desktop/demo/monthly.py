"""The values of every vivienda's Anexo III of several months, read at once.

What services.monthly_report.anexo_iii_data gives for one vivienda and month (three
queries each, one of them a scan of the referrals' history), for all the demo's
viviendas and months in three queries: at office scale (100 viviendas × 3 months) the
service's way took ten seconds. tests/services/test_demo_monthly.py holds the two equal.
"""

from collections import defaultdict
from datetime import date

from reinsercion_desktop.db import demo_queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.domain.deadlines import month_bounds, month_label
from reinsercion_desktop.domain.enums import OutingKind, ReferralStatus
from reinsercion_desktop.domain.stay_rules import OutingFacts, outing_days_used


def _days_in(outings: list[OutingFacts], kind: str, start: date, end: date) -> int:
    """Days of outings of one kind inside [start, end), clipped at both edges."""
    return sum(
        max(0, (min(o.end_date, end) - max(o.start_date, start)).days)
        for o in outings
        if o.kind == kind
    )


def anexo_iii_values(db: Database, viviendas: dict[str, str], months: list[str]) -> dict:
    """{(vivienda id, YYYY-MM): the report's values} for the viviendas ({id: name})."""
    bounds = {month: month_bounds(month) for month in months}
    first, last = min(s for s, _e in bounds.values()), max(e for _s, e in bounds.values())
    with db.read() as session:
        stays = demo_queries.monthly_stays(session=session, start=first, end=last)
        outing_rows = demo_queries.monthly_outings(
            session=session, stay_ids=[s.stay_id for s in stays]
        )
        resigned = demo_queries.monthly_resignations(
            session=session, start=first, end=last, status=ReferralStatus.RESIGNED.value
        )
    outings: dict[str, list[OutingFacts]] = defaultdict(list)
    for row in outing_rows:
        outings[row.stay_id].append(OutingFacts(row.start_date, row.end_date, row.kind))
    found = {}
    for month, (start, end) in bounds.items():
        for vivienda_id, name in viviendas.items():
            found[(vivienda_id, month)] = _report(
                name,
                month,
                start,
                end,
                [s for s in stays if s.vivienda_id == vivienda_id and _present(s, start, end)],
                outings,
                [r for r in resigned if r.vivienda_id == vivienda_id and start <= r.on_date < end],
            )
    return found


def _present(stay: demo_queries.MonthlyStay, start: date, end: date) -> bool:
    return stay.admission_date < end and (
        stay.discharge_date is None or stay.discharge_date >= start
    )


def _report(name, month, start, end, stays, outings, resigned) -> dict:  # type: ignore[no-untyped-def]
    usuarios, altas = [], []
    for stay in stays:
        own = outings.get(stay.stay_id, [])
        usuarios.append(
            {
                "codapel": stay.codapel,
                "perfil": stay.addiction_profile,
                "st": _days_in(own, OutingKind.ORDINARY, start, end),
                "st_excepc": _days_in(own, OutingKind.EXCEPTIONAL, start, end),
                "fecha_ingreso": stay.admission_date.isoformat(),
                "programa": stay.programme,
                "centro_derivador": stay.referring_centre,
                "centro_origen": stay.origin_centre,
                "renuncia": False,
            }
        )
        discharged = stay.discharge_date
        if discharged is not None and start <= discharged < end:
            altas.append(
                {
                    "codapel": stay.codapel,
                    "fecha_alta": discharged.isoformat(),
                    "tipo_alta": stay.discharge_type,
                    "estancia_total": (discharged - stay.admission_date).days,
                    "salidas_terap": outing_days_used(own)
                    + outing_days_used(own, kind=OutingKind.EXCEPTIONAL),
                    "motivo_abandono": stay.abandonment_reason,
                }
            )
    for row in resigned:
        usuarios.append(
            {
                "codapel": row.codapel,
                "perfil": row.addiction_profile,
                "st": 0,
                "st_excepc": 0,
                "fecha_ingreso": "",
                "programa": "",
                "centro_derivador": row.referring_centre,
                "centro_origen": row.origin_centre,
                "renuncia": True,
            }
        )
    altas.sort(key=lambda row: (row["fecha_alta"], row["codapel"]))
    return {"vivienda": name, "mes": month_label(month), "usuarios": usuarios, "altas": altas}
