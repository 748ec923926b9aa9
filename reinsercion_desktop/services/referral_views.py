"""What the screens read of a referral: frozen views, never the stored rows.

`ReferralView` is a protocol (Anexo I) with its history and the names it refers to,
read in one go for a person's file; attribute names are the stored record's, so code
reading `.id`, `.status` or `.postponed_until` reads a view the same way. The choices a
protocol's dialog offers (referring centres, the person's Anexo I forms) come as views
too, so the dialog asks nothing of the database.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from reinsercion_desktop.domain.enums import ReferralStatus
from reinsercion_desktop.domain.stay_rules import FromRecord


@dataclass(frozen=True)
class ReferralEventView(FromRecord):
    """One step of a protocol's history."""

    id: str
    referral_id: str
    on_date: date
    status: str
    note: str = ""

    @property
    def label(self) -> str:
        return ReferralStatus(self.status).label if self.status in set(ReferralStatus) else ""


@dataclass(frozen=True)
class ReferralView(FromRecord):
    """Protocolo de derivación: its state in the circuit, the names it refers to and its
    history (oldest first). `exclusion_criteria` is the list of ticked codes (stored as
    JSON); `referring_centre`, `origin_centre` and `vivienda` are names ("" if none)."""

    id: str
    participant_id: str
    protocol_date: date
    status: str
    referring_centre_id: str | None = None
    origin_centre_id: str | None = None
    form_instance_id: str | None = None
    received_date: date | None = None
    included_date: date | None = None
    incomplete_cause: str = ""
    fixed_date: date | None = None
    fix_note: str = ""
    consensus: str = ""
    exclusion_criteria: tuple[str, ...] = ()
    exclusion_override: str = ""
    voluntary: bool = False
    prison: bool = False
    court_order: bool = False
    court_order_note: str = ""
    postponed_reason: str = ""
    postponed_note: str = ""
    postponed_until: date | None = None
    keep_decision: str = ""
    priority_until: date | None = None
    priority_vivienda_id: str | None = None
    vivienda_id: str | None = None
    assigned_date: date | None = None
    planned_admission_date: date | None = None
    centre_consulted_note: str = ""
    closed_date: date | None = None
    closed_reason: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    version: int = 0
    referring_centre: str = ""
    origin_centre: str = ""
    vivienda: str = ""
    events: tuple[ReferralEventView, ...] = ()
    # How it stands with the peers (services/exchange_states): None without a trusted
    # peer, "" never exchanged, else «Confirmado», «En conflicto»…
    exchange: str | None = None

    @property
    def status_label(self) -> str:
        return ReferralStatus(self.status).label


def referral_view(
    referral: Any,
    events: tuple[ReferralEventView, ...] = (),
    *,
    referring_centre: str = "",
    origin_centre: str = "",
    vivienda: str = "",
    exchange: str | None = None,
) -> ReferralView:
    """The view of a stored referral (read after its unit of work, so stamps are final)."""
    return ReferralView.of(
        referral,
        exclusion_criteria=tuple(json.loads(referral.exclusion_criteria or "[]")),
        referring_centre=referring_centre,
        origin_centre=origin_centre,
        vivienda=vivienda,
        events=events,
        exchange=exchange,
    )


@dataclass(frozen=True)
class CentreChoice:
    """A referring centre a protocol may name (inactive ones only when already named)."""

    id: str
    kind: str
    name: str
    active: bool

    @property
    def label(self) -> str:
        return f"{self.kind} · {self.name}"


@dataclass(frozen=True)
class AnexoChoice:
    """One of the person's Anexo I forms, to link to the protocol."""

    id: str
    status: str  # FormStatus value
    updated_at: datetime | None


@dataclass(frozen=True)
class ReferralChoices:
    """What the protocol's dialog offers: referring centres and the person's Anexo I forms."""

    centres: tuple[CentreChoice, ...]
    anexos: tuple[AnexoChoice, ...]


@dataclass(frozen=True)
class IncompleteProtocol:
    """One line of the six-monthly "protocolos incompletos por centro derivador" (R-REF-1)."""

    centre: str
    centre_kind: str
    codapel: str
    marked_on: date
    cause: str
    fixed_date: date | None
    fix_note: str
