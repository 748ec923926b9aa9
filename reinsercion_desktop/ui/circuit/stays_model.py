"""The Estancias tab's lists as rows for the shared table: the person's stays and, for the
one selected, its outings, toxicology controls, incidents and contributions (all parts
of the `StayView` read in one call)."""

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import DischargeType, OutingKind, Programme
from reinsercion_desktop.domain.stay_rules import SEVERITIES, TOX_RESULTS
from reinsercion_desktop.services.stay_views import (
    ContributionView,
    IncidentView,
    OutingView,
    StayView,
    ToxControlView,
)
from reinsercion_desktop.ui.circuit.exchange_column import exchange_column
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel


def label(vocabulary, value: str) -> str:  # type: ignore[no-untyped-def]
    """The Spanish label of a stored code (the code itself if unknown)."""
    return vocabulary(value).label if value in set(vocabulary) else value


def money(amount: float) -> str:
    """12.345,50 € (Spanish separators)."""
    return f"{amount:,.2f} €".replace(",", "\u202f").replace(".", ",").replace("\u202f", ".")


def discharge_text(stay: StayView) -> str:
    if stay.discharge_date is None:
        return tr("en curso")
    kind = label(DischargeType, stay.discharge_type).lower()
    return f"{format_date_es(stay.discharge_date)} ({kind})"


COL_VIVIENDA, COL_ADMISSION, COL_PROGRAMME, COL_PLANNED, COL_DISCHARGE, COL_DAYS = range(6)
COL_EXCHANGE = 6


def stays_model(parent: object = None) -> RowsTableModel[StayView]:
    columns: list[Column[StayView]] = [
        Column(tr("Vivienda"), lambda s: s.vivienda or "?", max_width=200),
        Column(tr("Ingreso"), lambda s: format_date_es(s.admission_date),
               sort_key=lambda s: s.admission_date),
        Column(tr("Programa"), lambda s: label(Programme, s.programme)),
        Column(tr("Alta prevista"), lambda s: format_date_es(s.planned_discharge_date)),
        # The discharge (date and type) wraps when the file is narrow.
        Column(tr("Alta"), discharge_text, prose=True,
               tone=lambda s: None if s.discharge_date else "info"),
        Column(tr("Días"), lambda s: str(s.days), align="right", sort_key=lambda s: s.days),
        exchange_column(lambda s: s.exchange),  # hidden without a peer
    ]  # fmt: skip
    return RowsTableModel(columns, parent)


COL_OUTING_EXCHANGE = 5


def outings_model(parent: object = None) -> RowsTableModel[OutingView]:
    columns: list[Column[OutingView]] = [
        Column(tr("Salida"), lambda o: format_date_es(o.start_date)),
        Column(tr("Regreso"), lambda o: format_date_es(o.end_date)),
        Column(tr("Tipo"), lambda o: label(OutingKind, o.kind)),
        Column(tr("Días"), lambda o: str(o.days), align="right"),
        Column(tr("Objeto"), lambda o: o.purpose, prose=True),
        exchange_column(lambda o: o.exchange),  # hidden without a peer
    ]
    return RowsTableModel(columns, parent)


def controls_model(parent: object = None) -> RowsTableModel[ToxControlView]:
    columns: list[Column[ToxControlView]] = [
        Column(tr("Fecha"), lambda c: format_date_es(c.on_date)),
        Column(tr("Resultado"), lambda c: TOX_RESULTS.get(c.result, c.result),
               tone=lambda c: "alert" if c.result == "positivo" else None),
        Column(tr("Sustancias"), lambda c: c.substances, stretch=True),
        Column(tr("Tras salida"), lambda c: tr("Sí") if c.after_outing else ""),
    ]  # fmt: skip
    return RowsTableModel(columns, parent)


def incidents_model(parent: object = None) -> RowsTableModel[IncidentView]:
    columns: list[Column[IncidentView]] = [
        Column(tr("Fecha"), lambda i: format_date_es(i.on_date)),
        Column(tr("Gravedad"), lambda i: SEVERITIES.get(i.severity, i.severity),
               tone=lambda i: "alert" if i.severity != "leve" else None),
        Column(tr("Descripción"), lambda i: i.description, prose=True),
    ]  # fmt: skip
    return RowsTableModel(columns, parent)


def contributions_model(parent: object = None) -> RowsTableModel[ContributionView]:
    columns: list[Column[ContributionView]] = [
        Column(tr("Desde"), lambda c: format_date_es(c.start_date)),
        Column(tr("Diaria"), lambda c: money(c.daily_amount), align="right"),
        Column(tr("Ingreso mensual"), lambda c: money(c.monthly_income), align="right"),
        Column(tr("Origen"), lambda c: c.income_origin, stretch=True),
        Column(tr("Meses"), lambda c: str(c.duration_months), align="right"),
        Column(tr("Autorizada por"),
               lambda c: f"{c.authorised_by} ({format_date_es(c.authorised_date)})"),
    ]  # fmt: skip
    return RowsTableModel(columns, parent)
