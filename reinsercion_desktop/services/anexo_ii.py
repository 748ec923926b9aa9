"""Anexo II — Informe de seguimiento y lista de espera de VAR, as the FADA issues it
(seed §6 and Anexo II): monthly, quarterly and six-monthly `Report`s filled from the
records. Every output (dock, PDF, CSV, XLSX) reads these; small-number protection acts on
their COUNT columns later, in the outputs.

Scope: every vivienda this database holds — an office's folder holds all the viviendas of
its centres, a centre's folder only its own — so the same code is the office's report and
a centre's. The header and signature are the local installation's (services/report_issuer).
People are named by CODAPEL only (R-CONF-1).

Definitions (SPEC §7):

- Monthly figures: see services/anexo_ii_figures.py (occupancy, discharge types, waiting
  time of the last admission not from prison, follow-up and waiting list).
- An alta counts in the period its discharge date falls in: [start, end), so a discharge on
  the period's last day is in, one on the next period's first day is not.
- «Demanda sin ingreso»: a protocol (referral) that ended in the period — its closing date
  inside [start, end) — as resigned (renuncia), not located (no localización) or withdrawn
  (retirada), and that has no stay of its own (it never led to an admission).
- Province: the referring centre's; without one, the person's. Referring centre: the
  protocol's; without one, the person's file's.
- Protocolos incompletos: the protocols marked incomplete on a day of the period (the
  first such day), with their cause, and their fix (subsanación) and its date when it came.
"""

from collections import Counter, defaultdict
from datetime import timedelta

from reinsercion_desktop.db import anexo_ii_queries, queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.domain.enums import DischargeType, ReferralStatus
from reinsercion_desktop.domain.errors import NotFoundError
from reinsercion_desktop.domain.periods import Period, PeriodKind
from reinsercion_desktop.domain.report_table import Report, ReportSection
from reinsercion_desktop.services.anexo_ii_figures import monthly_tables
from reinsercion_desktop.services.anexo_ii_tables import (
    DISCHARGE_LABELS,
    NO_CENTRE,
    NO_PROVINCE,
    demand_counts,
    demand_table,
    derived_tables,
    discharge_table,
    follow_up_table,
    incomplete_tables,
    occupancy_table,
    row_counts,
    waiting_time_table,
)
from reinsercion_desktop.services.office import OfficeService
from reinsercion_desktop.services.report_issuer import ALL_VIVIENDAS, local_issuer, require_kind

TITLE = "Anexo II — Informe de seguimiento y lista de espera de VAR"
DEMANDS = (ReferralStatus.RESIGNED, ReferralStatus.NOT_LOCATED, ReferralStatus.WITHDRAWN)
_DISCHARGE_NOTE = "Altas con fecha de alta dentro del período, por tipo."
_DEMAND_NOTE = (
    "Demanda sin ingreso: protocolo cerrado en el período por renuncia, no localización o "
    "retirada, sin estancia en VAR."
)
_ONE_DAY = timedelta(days=1)
_PROVINCE_NOTE = " Provincia del centro derivador (si no consta, la de la persona)."


class AnexoIIService:
    """The Anexo II set: `monthly`, `quarterly`, `six_monthly` (see the module docstring)."""

    def __init__(self, db: Database):
        self.db = db
        self.office = OfficeService(db)

    # -- monthly ------------------------------------------------------------------------

    def monthly(self, period: Period, *, referring_centre_id: str | None = None) -> Report:
        """«anexo-ii-mensual». For the CTAs (C.P.D.s): the complete follow-up and waiting
        list, occupancy, discharge types and the waiting time of the last admission per
        VAR; for the other CTAs and CTs: their derived users, one table per centre.

        With `referring_centre_id` the report is that centre's alone: only its derived
        users (a centre is not sent the other centres' people)."""
        require_kind(period, PeriodKind.MONTH, "El Anexo II mensual")
        centre = self._centre_name(referring_centre_id) if referring_centre_id else None
        data = monthly_tables(self.db, self.office.listed_rows(), period)
        derived = ReportSection(
            "Al resto de C.T.A.s y C.T.s",
            tuple(derived_tables(data.seguimiento_derivados, only=centre)),
            intro="Informe de seguimiento y lista de espera de los/as usuarios/as derivados/as.",
        )
        if centre is not None:
            return self._report("anexo-ii-mensual", period, (derived,), scope=centre)
        cpd = ReportSection(
            "A CTAs — C.P.D.s",
            (
                follow_up_table(data.seguimiento_lista_espera),
                occupancy_table(data),
                discharge_table(
                    "tipologia_altas_var",
                    "Tipología de alta por VAR",
                    "Vivienda",
                    {row.vivienda: row_counts(row) for row in data.tipologia_altas_var},
                    _DISCHARGE_NOTE,
                ),
                waiting_time_table(data),
            ),
            intro="Mensualmente.",
        )
        return self._report("anexo-ii-mensual", period, (cpd, derived))

    # -- quarterly ----------------------------------------------------------------------

    def quarterly(self, period: Period) -> Report:
        """«anexo-ii-trimestral», for the C.P.D.s: discharge types per province, demands
        without admission per province, discharge types per referring centre."""
        require_kind(period, PeriodKind.QUARTER, "El Anexo II trimestral")
        with self.db.read() as session:
            discharges = anexo_ii_queries.discharges_between(
                session=session, start=period.start, end=period.end
            )
            demands = self._demands(session, period)
        by_province: dict[str, Counter] = defaultdict(Counter)
        by_centre: dict[str, Counter] = defaultdict(Counter)
        for row in discharges:
            if row.discharge_type in DISCHARGE_LABELS:
                by_province[row.province or NO_PROVINCE][DischargeType(row.discharge_type)] += 1
                by_centre[row.referring_centre or NO_CENTRE][DischargeType(row.discharge_type)] += 1
        section = ReportSection(
            "A C.P.D.s",
            (
                discharge_table(
                    "tipologia_altas_provincia",
                    "Tipología de altas por provincias",
                    "Provincia",
                    by_province,
                    _DISCHARGE_NOTE + _PROVINCE_NOTE,
                ),
                demand_table(
                    "demandas_provincia",
                    "Demandas sin ingreso por provincias",
                    "Provincia",
                    demand_counts(demands, by="province"),
                    _DEMAND_NOTE + _PROVINCE_NOTE,
                ),
                discharge_table(
                    "tipologia_altas_centro",
                    "Tipologías de altas por centro derivador",
                    "Centro derivador",
                    by_centre,
                    _DISCHARGE_NOTE,
                ),
            ),
            intro="Cada tres meses.",
        )
        return self._report("anexo-ii-trimestral", period, (section,))

    # -- six-monthly --------------------------------------------------------------------

    def six_monthly(self, period: Period) -> Report:
        """«anexo-ii-semestral», for the C.P.D.s: demands without admission per referring
        centre (renuncias, no localización), and the incomplete protocols per referring
        centre with their cause and fix."""
        require_kind(period, PeriodKind.HALF, "El Anexo II semestral")
        with self.db.read() as session:
            demands = self._demands(session, period)
            # queries.incomplete_referral_rows takes its end inclusive.
            incomplete = queries.incomplete_referral_rows(
                session=session, start=period.start, end=period.end - _ONE_DAY
            )
        section = ReportSection(
            "A C.P.D.s",
            (
                demand_table(
                    "demandas_centro",
                    "Demandas sin ingreso por centro derivador",
                    "Centro derivador",
                    demand_counts(demands, by="referring_centre"),
                    _DEMAND_NOTE,
                ),
                *incomplete_tables(incomplete),
            ),
            intro="Cada seis meses.",
        )
        return self._report("anexo-ii-semestral", period, (section,))

    # -- helpers ------------------------------------------------------------------------

    def _report(
        self, key: str, period: Period, sections: tuple[ReportSection, ...], scope: str = ""
    ) -> Report:
        return Report(
            key=key,
            title=TITLE,
            period=period,
            issuer=local_issuer(self.db),
            sections=sections,
            scope=scope or ALL_VIVIENDAS,
            made_on=self.db.clock.today(),
        )

    def _centre_name(self, centre_id: str) -> str:
        with self.db.read() as session:
            centres = {c.id: c.name for c in queries.referring_centres(session=session)}
        if centre_id not in centres:
            raise NotFoundError("El centro derivador no existe: elija uno de la lista.")
        return centres[centre_id]

    @staticmethod
    def _demands(session, period: Period) -> list[anexo_ii_queries.EndedDemand]:  # type: ignore[no-untyped-def]
        return anexo_ii_queries.demands_without_admission(
            session=session,
            start=period.start,
            end=period.end,
            statuses=[status.value for status in DEMANDS],
        )
