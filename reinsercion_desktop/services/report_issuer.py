"""Who issues a report, and the period a report is made for: shared by the Anexo II
(services/anexo_ii.py) and the Anexo III (services/anexo_iii.py) reports.

The issuer is the local installation: an office (FADA) signs as «Coordinación de FADA»,
a centre as «Responsable de VAR». The scope is every vivienda the database holds: an
office's folder holds the viviendas of all its centres, a centre's only its own.
"""

from datetime import date
from typing import TYPE_CHECKING

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.domain.enums import InstallationKind
from reinsercion_desktop.domain.errors import ValidationError
from reinsercion_desktop.domain.periods import WRITTEN, Period, PeriodKind
from reinsercion_desktop.domain.report_table import ReportIssuer

if TYPE_CHECKING:
    from reinsercion_desktop.db.models import Installation

ALL_VIVIENDAS = "Todas las viviendas"
SIGNER = {
    InstallationKind.OFFICE.value: "Coordinación de FADA",
    InstallationKind.CENTRE.value: "Responsable de VAR",
}


def local_issuer(db: Database) -> ReportIssuer:
    """The header and signature of the reports made here (an uninitialised folder: a
    blank centre, so that a report can still be looked at)."""
    with db.read() as session:
        local = queries.local_installation(session=session)
    if local is None:
        return ReportIssuer(
            name="", kind=InstallationKind.CENTRE.value, signer_role=SIGNER["centre"]
        )
    return issuer_for(local)


def issuer_for(installation: "Installation") -> ReportIssuer:
    return ReportIssuer(
        name=installation.name,
        kind=installation.kind,
        code=installation.code,
        province=installation.province,
        address=installation.address,
        phone=installation.phone,
        signer_role=SIGNER.get(installation.kind, SIGNER["centre"]),
    )


def require_kind(period: Period, kind: PeriodKind, report_title: str) -> None:
    """A report made for one kind of period refuses another, in Spanish."""
    if period.kind != kind:
        raise ValidationError(
            {
                "period": f"{report_title} se hace para un {kind} ({WRITTEN[kind]}); "
                f"«{period.code}» es un {period.kind}."
            }
        )


def iso_date(value: object) -> date | None:
    """A date cell from a form value (ISO text) or a date; "" and None are no date."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        return date.fromisoformat(value)
    return None
