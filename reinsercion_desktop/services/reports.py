"""Informes: the one entry point of the Informes dock and `reinsercion report`.

`names()` lists what can be asked for; `build` gives the dock a report with exact counts
(staff see them inside the installation); `export` writes a file that leaves it — PDF,
CSV or XLSX — protected by default (domain/disclosure.py, the installation's threshold),
exact only for a responsable who asks (an internal copy, marked on every page). Every
export is audited: which report, period, format, exact or not; never a person.

The reports themselves are built elsewhere (services for the Anexo II set, Anexo III and
the indicators); each is one line of `REPORTS`, a builder taking a `BuildContext`.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.disclosure import DEFAULT_THRESHOLD, protect
from reinsercion_desktop.domain.enums import AuditAction
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.domain.periods import PERIOD_HELP, Period, PeriodKind, written_as
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.domain.report_table import Report, ReportIssuer
from reinsercion_desktop.security.actors import authorize
from reinsercion_desktop.services.output_paths import checked_output, write_output
from reinsercion_desktop.services.report_issuer import issuer_for

if TYPE_CHECKING:
    from reinsercion_desktop.db.models import Installation

FORMATS = ("pdf", "csv", "xlsx")
EXPORT_REASON = "Exportación de un informe"
_ALL_KINDS = tuple(PeriodKind)


@dataclass(frozen=True)
class ReportChoice:
    """What the dock's list and the command line offer."""

    key: str
    title: str
    period_kinds: tuple[PeriodKind, ...]
    needs_vivienda: bool = False  # takes a vivienda (one, or every vivienda when none)
    formats: tuple[str, ...] = FORMATS


@dataclass(frozen=True)
class BuildContext:
    """What a builder gets: the database, the period, the vivienda asked for (its id, or
    None for every vivienda of the installation) and who issues the report."""

    db: Database
    period: Period
    vivienda_id: str | None
    issuer: ReportIssuer


Builder = Callable[[BuildContext], Report]


@dataclass(frozen=True)
class ReportEntry:
    choice: ReportChoice
    builder: Builder | None  # None: not in this version yet


_M, _Q, _H, _Y = PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF, PeriodKind.YEAR


def _anexo_ii(period_kind: str) -> Builder:
    def build(context: BuildContext) -> Report:
        from reinsercion_desktop.services.anexo_ii import AnexoIIService

        return getattr(AnexoIIService(context.db), period_kind)(context.period)

    return build


def _anexo_iii(context: BuildContext) -> Report:
    from reinsercion_desktop.services.anexo_iii import anexo_iii_report

    return anexo_iii_report(context.db, context.vivienda_id, context.period)


def _indicators(context: BuildContext) -> Report:
    from reinsercion_desktop.services.indicators import IndicatorService

    return IndicatorService(context.db).report(context.period, context.issuer)


# One line per report; each builder imports its service when first asked for.
REPORTS: dict[str, ReportEntry] = {
    entry.choice.key: entry
    for entry in (
        ReportEntry(
            ReportChoice("anexo-ii-mensual", "Anexo II mensual", (_M,)), _anexo_ii("monthly")
        ),
        ReportEntry(
            ReportChoice("anexo-ii-trimestral", "Anexo II trimestral", (_Q,)),
            _anexo_ii("quarterly"),
        ),
        ReportEntry(
            ReportChoice("anexo-ii-semestral", "Anexo II semestral", (_H,)),
            _anexo_ii("six_monthly"),
        ),
        ReportEntry(ReportChoice("anexo-iii", "Anexo III", (_M,), needs_vivienda=True), _anexo_iii),
        ReportEntry(ReportChoice("indicadores", "Indicadores de calidad", _ALL_KINDS), _indicators),
        ReportEntry(
            ReportChoice("oferta-mensual", "Oferta mensual de recursos", (_M,), formats=("pdf",)),
            None,  # its own PDF: ResourceService.offer_bulletin
        ),
    )
}
BULLETIN = "oferta-mensual"


def small_count_threshold(installation: "Installation | None") -> int:
    """The installation's threshold for small counts (setting of «Ajustes del centro»,
    migration 0010); the default where nothing is set up yet."""
    return DEFAULT_THRESHOLD if installation is None else installation.small_count_threshold


def issuer_of(installation: "Installation | None") -> ReportIssuer:
    """The installation issues its reports: the office (FADA) its Anexo II, a centre its own."""
    if installation is None:
        raise UserError("La instalación aún no está creada: no hay quien emita el informe.")
    return issuer_for(installation)


class ReportService:
    def __init__(self, db: Database, reports: Mapping[str, ReportEntry] | None = None):
        self.db = db
        self.reports = REPORTS if reports is None else reports

    def names(self) -> list[ReportChoice]:
        return [entry.choice for entry in self.reports.values()]

    def choice(self, name: str) -> ReportChoice:
        entry = self.reports.get(name.strip())
        if entry is None:
            known = ", ".join(self.reports)
            raise UserError(f"No existe el informe «{name}»: los informes son {known}.")
        return entry.choice

    def build(
        self, actor: Actor, name: str, period: Period, *, vivienda_code: str | None = None
    ) -> Report:
        """The report with exact counts, for the dock (staff of the installation)."""
        authorize(actor, PermissionAction.REPORT_VIEW)
        return self._build(name, period, vivienda_code)

    def export(
        self,
        actor: Actor,
        name: str,
        period: Period,
        fmt: str,
        target: Path | str,
        *,
        vivienda_code: str | None = None,
        exact: bool = False,
    ) -> Path:
        """Write the report as `fmt` at `target`; protected unless `exact` (responsable)."""
        authorize(actor, PermissionAction.REPORT_VIEW)
        if exact:
            authorize(actor, PermissionAction.REPORT_EXACT)
        choice = self.choice(name)
        fmt = fmt.strip().lower()
        if fmt not in choice.formats:
            offered = " o ".join(f"--format {f}" for f in choice.formats)
            raise UserError(
                f"El formato «{fmt}» no está disponible para {choice.key}: use {offered}."
            )
        what = f"el {fmt.upper()}" if fmt == "pdf" else f"el archivo {fmt.upper()}"
        out = checked_output(target, data_root=self.db.path.parent, what=what)
        self._check_period(choice, period)
        if choice.key == BULLETIN:
            self._audit(actor, choice, period, fmt, exact=False)
            from reinsercion_desktop.services.resources import ResourceService

            return ResourceService(self.db).offer_bulletin(out, period.code)
        report = self._build(choice.key, period, vivienda_code)
        with self.db.read() as session:
            threshold = small_count_threshold(queries.local_installation(session=session))
        report = replace(report, exact=True) if exact else protect(report, threshold)
        self._audit(actor, choice, period, fmt, exact=exact)
        return write_output(
            out, _render(report, fmt, threshold), data_root=self.db.path.parent, what=what
        )

    # -- inside ---------------------------------------------------------------------------
    def _build(self, name: str, period: Period, vivienda_code: str | None) -> Report:
        choice = self.choice(name)
        self._check_period(choice, period)
        if vivienda_code is not None and not choice.needs_vivienda:
            raise UserError(f"El informe «{choice.key}» no es de una vivienda: quite --vivienda.")
        with self.db.read() as session:
            installation = queries.local_installation(session=session)
            vivienda_id = _vivienda_id(session, vivienda_code) if vivienda_code else None
        entry = self.reports[choice.key]
        if entry.builder is None:
            raise UserError(f"El informe «{choice.key}» aún no se puede generar en esta versión.")
        context = BuildContext(self.db, period, vivienda_id, issuer_of(installation))
        return entry.builder(context)

    @staticmethod
    def _check_period(choice: ReportChoice, period: Period) -> None:
        if period.kind not in choice.period_kinds:
            forms = " o ".join(written_as(kind) for kind in choice.period_kinds)
            raise UserError(
                f"El informe «{choice.key}» no es de un {period.kind}: escriba el período "
                f"como {forms}."
            )

    def _audit(
        self, actor: Actor, choice: ReportChoice, period: Period, fmt: str, *, exact: bool
    ) -> None:
        changes = {"informe": choice.key, "periodo": period.code, "formato": fmt, "exactas": exact}
        with self.db.unit_of_work(actor, reason=EXPORT_REASON) as work:
            work.record_event(AuditAction.READ, "report", choice.key, changes)


def parse_period(text: str) -> Period:
    """The period as typed, or a UserError showing the accepted forms."""
    try:
        return Period.parse(text)
    except ValueError as error:
        message = str(error)
        if PERIOD_HELP not in message:
            message += f" Escríbalo como {PERIOD_HELP}."
        raise UserError(message) from None


def _vivienda_id(session: Any, code: str) -> str:
    wanted = code.strip().casefold()
    for vivienda in queries.viviendas(session=session):
        if vivienda.code and vivienda.code.casefold() == wanted:
            return vivienda.id
    raise UserError(
        f"No hay ninguna vivienda con el código «{code.strip()}»: compruébelo en "
        "la lista de viviendas del centro."
    )


def _render(report: Report, fmt: str, threshold: int) -> bytes:
    if fmt == "csv":
        from reinsercion_desktop.reports.csv_file import csv_bytes

        return csv_bytes(report)
    if fmt == "xlsx":
        from reinsercion_desktop.reports.xlsx_file import xlsx_bytes

        return xlsx_bytes(report)
    from reinsercion_desktop.reports.pdf_file import pdf_bytes

    return pdf_bytes(report, threshold=threshold)
