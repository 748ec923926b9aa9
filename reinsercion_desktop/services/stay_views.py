"""What the screens read of a stay: frozen views, never the stored rows.

A `StayView` is one stay with everything the Estancias tab shows of it — outings,
toxicology controls, incidents, contributions, the outing days and the R-STAY-1/2
warnings of the day — so the tab makes one call per refresh. Attribute names are the
stored records' (`.id`, `.admission_date`, `.discharge_date`…).
"""

from dataclasses import dataclass
from datetime import date, datetime

from reinsercion_desktop.domain.enums import DischargeType, OutingKind, ReferralStatus
from reinsercion_desktop.domain.stay_rules import (
    ADMITTABLE,
    ADMITTABLE_BY_COURT_ORDER,
    FromRecord,
    OutingFacts,
    StayFacts,
    needs_justification,
    outing_days,
    outing_days_used,
    outing_warnings,
    stay_days,
)
from reinsercion_desktop.services.referral_views import ReferralView


@dataclass(frozen=True)
class OutingView(FromRecord):
    """Salida terapéutica."""

    id: str
    stay_id: str
    start_date: date
    end_date: date
    kind: str
    purpose: str = ""
    exchange: str | None = None  # with the peers: as ReferralView.exchange

    @property
    def days(self) -> int:
        return outing_days(self)  # type: ignore[arg-type]


@dataclass(frozen=True)
class ToxControlView(FromRecord):
    id: str
    stay_id: str
    on_date: date
    result: str
    substances: str = ""
    after_outing: bool = False


@dataclass(frozen=True)
class IncidentView(FromRecord):
    id: str
    stay_id: str
    on_date: date
    description: str
    severity: str


@dataclass(frozen=True)
class ContributionView(FromRecord):
    """Aportación económica (R-ECO-1)."""

    id: str
    stay_id: str
    start_date: date
    monthly_income: float
    income_origin: str
    duration_months: int
    daily_amount: float
    family_circumstances: str = ""
    authorised_by: str = ""
    authorised_date: date | None = None


@dataclass(frozen=True)
class StayView(FromRecord):
    """Estancia en una VAR with what happened during it, as of `today` of the read.

    `days` is its length (an open stay up to today); `outing_days_taken` the ordinary
    outing days gone by, `outing_days_planned` those recorded (taken or planned);
    `warnings` the R-STAY-1 warnings and the R-STAY-2 missing justification.
    """

    id: str
    participant_id: str
    vivienda_id: str
    admission_date: date
    referral_id: str | None = None
    programme: str = ""
    prison: bool = False
    court_order: bool = False
    planned_discharge_date: date | None = None
    discharge_date: date | None = None
    discharge_type: str = ""
    discharge_reason: str = ""
    disciplinary_criterion: str = ""
    abandonment_reason: str = ""
    over_9_months_justification: str = ""
    discharge_notice_date: date | None = None
    updated_at: datetime | None = None
    version: int = 0
    vivienda: str = ""  # its name
    days: int = 0
    outing_days_taken: int = 0
    outing_days_planned: int = 0
    outings: tuple[OutingView, ...] = ()
    tox_controls: tuple[ToxControlView, ...] = ()
    incidents: tuple[IncidentView, ...] = ()
    contributions: tuple[ContributionView, ...] = ()
    warnings: tuple[str, ...] = ()
    exchange: str | None = None  # with the peers: as ReferralView.exchange

    @property
    def is_open(self) -> bool:
        return self.discharge_date is None


def stay_warnings(stay: StayFacts, outings: list[OutingFacts], today: date) -> list[str]:
    """R-STAY-1 warnings and the R-STAY-2 missing justification of one stay, today."""
    warnings = outing_warnings(stay, outings, today)
    if needs_justification(stay, today):
        warnings.append("La estancia pasa de 9 meses: falta la justificación por escrito.")
    return warnings


def stay_view(
    stay: object,
    vivienda: str,
    today: date,
    outings: tuple[OutingView, ...] = (),
    tox_controls: tuple[ToxControlView, ...] = (),
    incidents: tuple[IncidentView, ...] = (),
    contributions: tuple[ContributionView, ...] = (),
    exchange: str | None = None,
) -> StayView:
    facts = StayFacts.of(stay)
    outing_facts = [OutingFacts.of(o) for o in outings]
    return StayView.of(
        stay,
        vivienda=vivienda,
        days=stay_days(facts, today),
        outing_days_taken=outing_days_used(outing_facts, kind=OutingKind.ORDINARY, until=today),
        outing_days_planned=outing_days_used(outing_facts, kind=OutingKind.ORDINARY),
        outings=outings,
        tox_controls=tox_controls,
        incidents=incidents,
        contributions=contributions,
        warnings=tuple(stay_warnings(facts, outing_facts, today)),
        exchange=exchange,
    )


# -- admission -------------------------------------------------------------------------------


def admissible(referrals: list[ReferralView], stays: list[StayView]) -> list[ReferralView]:
    """The protocols an admission may be recorded for: in the list or in admission process
    (any open one with a court order, R-WL-3), or re-entry after a derived discharge."""
    derived = {s.referral_id for s in stays if s.discharge_type == DischargeType.DERIVED}
    return [
        r
        for r in referrals
        if r.status in (ADMITTABLE_BY_COURT_ORDER if r.court_order else ADMITTABLE)
        or (r.status == ReferralStatus.ADMITTED and r.id in derived)
    ]


@dataclass(frozen=True)
class ViviendaChoice:
    id: str
    name: str


@dataclass(frozen=True)
class AdmissionOptions:
    """What the admission dialog offers: the admissible protocols, the viviendas in
    service and who signed the person's valid informed consent ("" if none, R-ADM-3)."""

    referrals: tuple[ReferralView, ...]
    viviendas: tuple[ViviendaChoice, ...]
    consent_signed_by: str
