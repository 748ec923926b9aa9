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
from reinsercion_desktop.domain.deadlines import month_bounds
from reinsercion_desktop.domain.enums import ReferralStatus
from reinsercion_desktop.domain.stay_rules import OutingFacts
from reinsercion_desktop.services.monthly_report import anexo_iii_report


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
            found[(vivienda_id, month)] = anexo_iii_report(
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
