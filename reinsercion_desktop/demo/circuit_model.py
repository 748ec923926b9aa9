"""The demo circuit's plan in memory: people, stays and protocols before they are records."""

import math
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from reinsercion_desktop.domain.enums import DischargeType, ReferringCentreKind, Sex

STAYS_PER_PARTICIPANT = 2.5  # at office scale: 20,000 people, ~50,000 stays
MIN_HISTORY_DAYS, MAX_HISTORY_DAYS = 2 * 365, 30 * 365
MIN_GAP = 30  # days between a person's discharge and their next admission (new protocol)
DETAILED_YEARS = 3  # closed stays this recent get outings, controls and incidents
CHUNK = 4000  # referrals per unit of work when writing
WAIT_LIMITS = (30, 270)  # days: the shortest and longest wait the list shows

_T = DischargeType
# discharge type → (weight, shortest, longest stay in days)
DISCHARGES = {
    _T.THERAPEUTIC: (45, 170, 268),
    _T.VOLUNTARY: (25, 7, 150),
    _T.DISCIPLINARY: (15, 12, 200),
    _T.DERIVED: (15, 20, 220),
}
LONG_THERAPEUTIC = (280, 330)  # 6 % of therapeutic stays run past 9 months, justified
# Days a place stays empty between two residents: with people waiting, the office assigns
# it within days (R-WL-5), and a therapeutic discharge is announced ahead.
SLOT_GAP = (1, 6)
KINDS = list(DISCHARGES)
WEIGHTS = [weight for weight, _low, _high in DISCHARGES.values()]
NON_THERAPEUTIC = [_T.VOLUNTARY, _T.DISCIPLINARY, _T.DERIVED]
AVERAGE_CYCLE = (
    sum(w * (lo + hi) / 2 for w, lo, hi in DISCHARGES.values()) / sum(WEIGHTS) + sum(SLOT_GAP) / 2
)
REFERRING = {ReferringCentreKind.CTA, ReferringCentreKind.CT, ReferringCentreKind.EAIIPP}

# Derivado: where the person's protocol stands (weights); closed ones leave them "derivado".
REFERRED_STATUSES = {
    "draft": 18,
    "complete": 13,
    "sent": 18,
    "received": 10,
    "incomplete": 12,
    "resigned": 12,
    "not_located": 6,
    "withdrawn": 6,
}


@dataclass(frozen=True)
class DemoPerson:
    """What the circuit needs of a demo participant (as generated, before the circuit)."""

    id: str
    sex: str
    status: str
    birth_date: date
    vivienda_id: str | None
    prison_origin: bool
    court_order: bool
    referring_centre_id: str | None
    ptm: bool
    employed: bool
    documented: bool = True  # has an identity document (nobody is admitted without one)


@dataclass(frozen=True)
class DemoVivienda:
    id: str
    name: str
    places_men: int
    places_women: int
    places_mixed: int


@dataclass(frozen=True)
class DemoCentre:
    id: str
    kind: str
    province: str


@dataclass
class CircuitSummary:
    stays: int = 0
    open_stays: int = 0
    referrals: int = 0
    events: int = 0
    outings: int = 0
    tox_controls: int = 0
    incidents: int = 0
    contributions: int = 0
    status_changes: int = 0


@dataclass(slots=True, eq=False)
class Person:
    source: DemoPerson
    index: int
    centre: DemoCentre
    prison: bool
    admissible_from: date  # R-ADM-1 as the programme applies it
    window_end: date  # the last day a past stay of theirs may end
    needy: bool  # discharged (alta) and still without a stay
    role: str = ""
    stays: list["Stay"] = field(default_factory=list)
    current: "Current | None" = None

    @property
    def sex(self) -> str:
        return self.source.sex


@dataclass(slots=True, eq=False)
class Stay:
    vivienda: DemoVivienda
    sex: str
    admission: date
    discharge: date | None  # None: still open
    kind: str = ""  # discharge type
    person: Person | None = None
    planned: date | None = None
    notice: date | None = None
    justification: str = ""
    criterion: str = ""  # R-DIS-1, for a disciplinary discharge
    unannounced: bool = False  # the office not told yet (R-STAY-3)
    received: date | None = None  # the complete protocol reached the list (R-WL-1)


@dataclass(slots=True)
class Current:
    """The person's protocol that is not (yet) a stay: on the list or on its way."""

    status: str
    protocol: date
    received: date | None = None
    included: date | None = None
    events: list[tuple[date, str, str]] = field(default_factory=list)
    fields: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Queue:
    """How long the list of one sex is, in days of admissions (R-WL-1, first in, first out).

    A protocol admitted on day t was received `wait(t)` days before: the wait swells and
    shrinks with the seasons but never so fast that a later protocol gets in first.
    """

    days: int
    phase: float

    def wait(self, day: date) -> int:
        amplitude = min(0.25, 0.8 * 365 / (2 * math.pi * self.days))
        angle = 2 * math.pi * day.toordinal() / 365 + self.phase
        return round(self.days * (1 + amplitude * math.sin(angle)))

    def head(self, day: date) -> date:
        """The latest reception a protocol admitted on `day` may have."""
        return day - timedelta(days=self.wait(day))


def history_start(today: date, participants: int, places: int) -> date:
    """First day of the demo's history: long enough for ~2.5 stays per participant."""
    days = STAYS_PER_PARTICIPANT * participants * AVERAGE_CYCLE / max(places, 1)
    days = min(MAX_HISTORY_DAYS, max(MIN_HISTORY_DAYS, int(days)))
    return (today - timedelta(days=days)).replace(month=1, day=1)


def d(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def ids() -> Iterator[str]:
    """UUIDs (version 4) handed out in ascending batches: the indexes fill in order."""
    while True:
        yield from sorted(str(uuid.uuid4()) for _ in range(5000))


def places_for(vivienda: DemoVivienda, sex: str) -> int:
    own = vivienda.places_men if sex == Sex.MAN else vivienda.places_women
    return own + vivienda.places_mixed


def slots(
    vivienda: DemoVivienda, residents: dict[tuple[str, str], list[Stay]]
) -> list[tuple[str, int]]:
    """(sex, places) of a vivienda; mixed places go first to residents over their own-sex
    places, the rest by turns."""
    men_over = max(0, len(residents.get((vivienda.id, Sex.MAN.value), [])) - vivienda.places_men)
    mixed_men = min(vivienda.places_mixed, men_over)
    rest = vivienda.places_mixed - mixed_men
    women_over = max(
        0, len(residents.get((vivienda.id, Sex.WOMAN.value), [])) - vivienda.places_women
    )
    mixed_women = min(rest, women_over)
    rest -= mixed_women
    return [
        (Sex.MAN.value, vivienda.places_men + mixed_men + (rest + 1) // 2),
        (Sex.WOMAN.value, vivienda.places_women + mixed_women + rest // 2),
    ]
