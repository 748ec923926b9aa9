"""The Derivaciones tab's lists as rows for the shared table: the person's protocols (with
their place in the waiting list) and the history of the one selected."""

from dataclasses import dataclass

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import ReferralStatus
from reinsercion_desktop.domain.waiting_list import WaitingListRow
from reinsercion_desktop.services.referral_views import ReferralEventView, ReferralView
from reinsercion_desktop.ui.circuit.exchange_column import exchange_column
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel


@dataclass(frozen=True)
class ReferralLine:
    """A protocol and, while it is in the waiting list, its line there (position, the
    status in force today)."""

    referral: ReferralView
    listed: WaitingListRow | None = None

    @property
    def postponement_over(self) -> bool:
        """Recorded as postponed, but the date has passed: waiting again (R-WL-2)."""
        row = self.listed
        return row is not None and row.status == ReferralStatus.POSTPONED and not row.postponed


def status_text(line: ReferralLine) -> str:
    text = ReferralStatus(line.referral.status).label
    if line.postponement_over:
        text = tr("{status} (fin del aplazamiento)").format(status=ReferralStatus.WAITING.label)
    row = line.listed
    if row is not None and row.position is not None:
        text += tr(" · nº {n}").format(n=row.position)
    return text


def _status_tone(line: ReferralLine) -> str | None:
    row = line.listed
    if row is not None and row.needs_decision:
        return "alert"
    status = line.referral.status
    if status == ReferralStatus.INCOMPLETE:
        return "alert"
    if status == ReferralStatus.ASSIGNED:
        return "info"
    if status in (ReferralStatus.RESIGNED, ReferralStatus.WITHDRAWN, ReferralStatus.NOT_LOCATED):
        return "muted"
    return None


COL_PROTOCOL, COL_CENTRE, COL_STATUS, COL_RECEIVED, COL_EXCHANGE = range(5)


def referrals_model(parent: object = None) -> RowsTableModel[ReferralLine]:
    columns: list[Column[ReferralLine]] = [
        Column(tr("Protocolo"), lambda r: format_date_es(r.referral.protocol_date),
               sort_key=lambda r: r.referral.protocol_date),
        Column(tr("Centro derivador"),
               lambda r: r.referral.referring_centre or tr("— sin centro —"), stretch=True),
        Column(tr("Estado"), status_text, tone=_status_tone),
        Column(tr("Recibido"), lambda r: format_date_es(r.referral.received_date)),
        exchange_column(lambda r: r.referral.exchange),  # hidden without a peer
    ]  # fmt: skip
    return RowsTableModel(columns, parent)


def history_model(parent: object = None) -> RowsTableModel[ReferralEventView]:
    columns: list[Column[ReferralEventView]] = [
        Column(tr("Fecha"), lambda e: format_date_es(e.on_date)),
        Column(tr("Estado"), lambda e: e.label),
        Column(tr("Nota"), lambda e: e.note, prose=True),
    ]
    return RowsTableModel(columns, parent)
