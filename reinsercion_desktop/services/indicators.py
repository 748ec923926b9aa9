"""Indicadores de calidad (seed `003_…` §12) from the circuit's records, with breakdowns
by sex, age group, addiction, province, vivienda and referring centre.

Everything a period needs is read in a few set-based queries (db/indicator_queries.py);
the formulas are domain/indicators.py (R-IND-1…12); the tables are built by
indicator_sections/indicator_outcomes/indicator_circuit. Ages: at admission for a stay, at
the period's start for a protocol without admission (resignations, demand). Province and
referring centre: the referral's centre (else the file's), its province (else the
person's), as the Anexo II counts them.

The structure, cost, satisfaction and complaints indicators (a.1, cost indices, Anexo
VII, complaints) are services/structure_indicators.py's `structure_sections(db, period)`;
`IndicatorService.report` puts them after the circuit's.
"""

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from reinsercion_desktop.db import indicator_queries, queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.domain.dates import add_months
from reinsercion_desktop.domain.indicators import ACTIVE_WINDOW_DAYS, ACTIVE_YEARS, RETENTION_DAYS
from reinsercion_desktop.domain.periods import Period
from reinsercion_desktop.domain.report_table import Report, ReportIssuer, ReportSection
from reinsercion_desktop.services import indicator_circuit, indicator_outcomes, indicator_sections
from reinsercion_desktop.services.indicator_sections import IndicatorFacts
from reinsercion_desktop.services.indicator_tables import ALL, Breakdown

REPORT_KEY = "indicadores"
REPORT_TITLE = "Indicadores de calidad de las viviendas de apoyo a la reinserción"


class IndicatorService:
    def __init__(self, db: Database):
        self.db = db

    def facts(self, period: Period) -> IndicatorFacts:
        """Everything the circuit's indicators need for a period, in five queries."""
        start, end = period.start, period.end
        with self.db.read() as session:
            viviendas = tuple(
                v
                for v in queries.viviendas(session=session)
                if (v.valid_from is None or v.valid_from < end)
                and (v.valid_to is None or v.valid_to >= start)
            )
            stays = indicator_queries.stays_for_period(
                session=session, start=start, end=end, early=start - timedelta(days=RETENTION_DAYS)
            )
            referrals = indicator_queries.referrals_for_period(
                session=session, start=start, end=end
            )
            waiting_end = indicator_queries.waiting_at(session=session, day=end)
        return IndicatorFacts(
            period, viviendas, tuple(stays), tuple(referrals), waiting_end, start, end
        )

    def sections(
        self, period: Period, *, breakdowns: Sequence[Breakdown] = ALL
    ) -> tuple[ReportSection, ...]:
        """The §12 indicators the circuit's records give, for a period, with the chosen
        breakdowns (each indicator shows those §12 asks of it)."""
        facts = self.facts(period)
        return (
            indicator_circuit.structure_section(facts),
            indicator_circuit.admissions_section(facts, breakdowns),
            indicator_circuit.referred_section(facts, breakdowns),
            indicator_sections.results_section(facts),
            indicator_sections.waiting_section(facts, breakdowns),
            indicator_outcomes.discharges_section(facts, breakdowns),
            indicator_outcomes.resignations_section(facts, breakdowns),
            indicator_outcomes.active_section(self.active_table(facts)),
        )

    def active_table(self, facts: IndicatorFacts):  # type: ignore[no-untyped-def]
        """R-IND-10: the 1- and 3-year cohorts of the period and their activity."""
        start, end = facts.period.start, facts.period.end
        with self.db.read() as session:
            since = add_months(start, -12 * max(ACTIVE_YEARS)) - timedelta(days=1)
            discharges = indicator_queries.therapeutic_discharges(
                session=session, since=since, before=end
            )
            cohorts = {
                years: indicator_outcomes.active_cohorts(facts, discharges, years)
                for years in ACTIVE_YEARS
            }
            people = sorted({person for cohort in cohorts.values() for person, _ in cohort})
            # Every window (anniversary − 365 days, anniversary] lies within this span.
            after = start - timedelta(days=ACTIVE_WINDOW_DAYS + 1)
            until = end
            found = indicator_queries.activity_dates(
                session=session, participant_ids=people, after=after, until=until
            )
            stay_rows = indicator_queries.stay_spans(
                session=session, participant_ids=people, after=after, until=until
            )
        activity: dict[str, list[date]] = defaultdict(list)
        for person, day in found:
            activity[person].append(day)
        spans: dict[str, list[tuple[date, date | None]]] = defaultdict(list)
        for person, admitted, left in stay_rows:
            spans[person].append((admitted, left))
        return indicator_outcomes.active_table(cohorts, activity, spans)

    def report(
        self,
        period: Period,
        issuer: ReportIssuer,
        *,
        breakdowns: Sequence[Breakdown] = ALL,
        scope: str = "Todas las viviendas",
    ) -> Report:
        """The «indicadores» report: the circuit's sections, then structure, costs,
        satisfaction and complaints."""
        from reinsercion_desktop.services.structure_indicators import structure_sections

        sections = [*self.sections(period, breakdowns=breakdowns)]
        sections.extend(structure_sections(self.db, period))
        return Report(
            key=REPORT_KEY,
            title=REPORT_TITLE,
            period=period,
            issuer=issuer,
            sections=tuple(sections),
            scope=scope,
            made_on=self.db.clock.today(),
        )
