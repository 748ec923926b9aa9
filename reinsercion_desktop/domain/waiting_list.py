"""Waiting-list rules (lista de espera): order, vacancies, postponements, quota, priority, deadlines.

Pure functions on plain dataclasses; the waiting-list service feeds them from the records.

- R-WL-1 order by the date the complete protocol was received (then creation time); a
  vacancy goes to the first person compatible with the place's sex; with several
  vacancies the referring centre is consulted (a note is recorded).
- R-WL-2 postponement (familiar, sanitaria, prisión) up to 3 calendar months from
  inclusion; past that a decision is required (keep with a reason, or withdraw).
- R-WL-3 at most 20 % of a VAR's occupants referred from prison; a court order overrides.
- R-WL-4 a readmission priority (see referral_rules.readmission_priority) goes first,
  for the first vacancy of the same VAR.

A postponement ends on its date (`effective_status`): from then on the person is waiting
again for every purpose (offers, the dock, the reports), even before «Fin del
aplazamiento» is recorded. The places of a vivienda are counted in domain/places.py.

The deadlines of one protocol's turn (R-WL-5) are in referral_rules.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from reinsercion_desktop.domain.enums import ReferralStatus, Sex
from reinsercion_desktop.domain.places import PlaceCount, count_places, place_fits
from reinsercion_desktop.domain.places import PlaceKind as PlaceKind  # long imported from here
from reinsercion_desktop.domain.referral_rules import decision_due

PRISON_QUOTA_PERCENT = 20  # R-WL-3

_EPOCH = datetime.min


@dataclass(frozen=True)
class WaitingEntry:
    """One protocol on the list (waiting or postponed), as the rules see it."""

    referral_id: str
    sex: str
    list_date: date  # see referral_rules.list_date
    code: str = ""  # CODAPEL, for messages
    created_at: datetime | None = None
    status: str = ReferralStatus.WAITING
    included_date: date | None = None
    postponed_until: date | None = None
    keep_decision: str = ""
    prison: bool = False
    court_order: bool = False
    priority_until: date | None = None
    priority_vivienda_id: str | None = None
    centre: str = ""  # referring centre's name, for the list
    vivienda_id: str | None = None  # once assigned
    assigned_date: date | None = None
    planned_admission_date: date | None = None
    participant_id: str = ""

    def has_priority(self, today: date, vivienda_id: str | None = None) -> bool:
        """R-WL-4: a readmission priority still running (for this vivienda, if given)."""
        if self.priority_until is None or self.priority_until < today:
            return False
        return vivienda_id is None or vivienda_id == self.priority_vivienda_id


@dataclass(frozen=True)
class Vacancy:
    """A free place of one vivienda, for men, women or either (mixed)."""

    vivienda_id: str
    place: str = PlaceKind.MIXED


@dataclass(frozen=True)
class Occupant:
    """Someone with an open stay in the vivienda (or assigned to it)."""

    sex: str
    prison: bool = False


@dataclass(frozen=True)
class Offer:
    """The outcome of offering a vacancy: who gets it, and who was passed over and why."""

    entry: WaitingEntry | None
    priority: bool = False
    court_override: bool = False
    passed_over: tuple[tuple[str, str], ...] = ()


# -- R-WL-1: order ---------------------------------------------------------------------


def order_key(entry: WaitingEntry, today: date) -> tuple:
    """Readmission priorities first (R-WL-4), then list date, creation time and id."""
    return (
        not entry.has_priority(today),
        entry.list_date,
        (entry.created_at or _EPOCH).replace(tzinfo=None),  # stored times come back naive
        entry.referral_id,
    )


def ordered(entries: Iterable[WaitingEntry], today: date) -> list[WaitingEntry]:
    return sorted(entries, key=lambda entry: order_key(entry, today))


def consultation_required(free_for_sex: int) -> bool:
    """R-WL-1: with several vacancies the person fits, the referring centre is consulted.

    "Several vacancies" is counted literally: more than one free place the person's sex
    can take, in any vivienda (the centre says which VAR suits the person best).
    """
    return free_for_sex > 1


# -- R-WL-2: postponement (the limits themselves are in referral_rules) ------------------


def needs_decision(entry: WaitingEntry, today: date) -> bool:
    """R-WL-2: still postponed past 3 months from inclusion, with no decision recorded."""
    return decision_due(entry.status, entry.included_date, entry.keep_decision, today)


def needing_decision(entries: Iterable[WaitingEntry], today: date) -> list[WaitingEntry]:
    return [entry for entry in ordered(entries, today) if needs_decision(entry, today)]


def effective_status(
    status: str, postponed_until: date | None, today: date, *, decision_pending: bool = False
) -> ReferralStatus:
    """R-WL-2: the status a protocol has in fact on `today`.

    A postponement lasts until its date: from `postponed_until` on (or at once, without
    a date) the person is waiting again — offered the next vacancy, shown «En espera»,
    reported as «lista de espera» — even if nobody has recorded «Fin del aplazamiento».
    Past 3 months from inclusion with no decision recorded (`decision_pending`, see
    `needs_decision`) the protocol stays postponed until that decision is made.
    """
    if status != ReferralStatus.POSTPONED or decision_pending:
        return ReferralStatus(status)
    if postponed_until is not None and today < postponed_until:
        return ReferralStatus.POSTPONED
    return ReferralStatus.WAITING


def entry_status(entry: WaitingEntry, today: date) -> ReferralStatus:
    """`effective_status` of one listed protocol."""
    return effective_status(
        entry.status,
        entry.postponed_until,
        today,
        decision_pending=needs_decision(entry, today),
    )


def unavailable_reason(entry: WaitingEntry, today: date) -> str | None:
    """Why a listed person cannot take a place today (None: they can)."""
    if needs_decision(entry, today):
        return "aplazado más de 3 meses: pendiente de decisión"
    status = entry_status(entry, today)
    if status == ReferralStatus.POSTPONED:
        return f"ingreso aplazado hasta el {entry.postponed_until:%d/%m/%Y}"
    if status != ReferralStatus.WAITING:
        return "no está en espera"
    return None


@dataclass(frozen=True)
class WaitingListRow:
    """One line of the list, without names (R-CONF-1). `position` is None once assigned;
    `received_date` is the date the complete protocol was received (referral_rules.list_date);
    `status` is the one recorded, `effective_status` the one in force today (a
    postponement whose date has passed is waiting again)."""

    position: int | None
    referral_id: str
    codapel: str
    sex: str
    referring_centre: str
    received_date: date
    days_waiting: int
    status: str
    priority: bool
    postponed_until: date | None
    needs_decision: bool
    prison: bool
    court_order: bool
    vivienda_id: str | None
    assigned_date: date | None
    planned_admission_date: date | None
    effective_status: str = ""
    participant_id: str = ""
    included_date: date | None = None

    @property
    def postponed(self) -> bool:
        """Postponed today (the date not reached, or a decision pending)."""
        return self.effective_status == ReferralStatus.POSTPONED


def list_rows(entries: Iterable[WaitingEntry], today: date) -> list[WaitingListRow]:
    """Assigned protocols (proceso de admisión) first, then the queue numbered in order."""
    items = list(entries)
    assigned = sorted(
        (e for e in items if e.status == ReferralStatus.ASSIGNED),
        key=lambda e: (e.assigned_date or today, *order_key(e, today)[1:]),
    )
    queue = ordered((e for e in items if e.status != ReferralStatus.ASSIGNED), today)
    numbered = [(None, e) for e in assigned] + list(enumerate(queue, start=1))
    return [
        WaitingListRow(
            position=position,
            referral_id=e.referral_id,
            codapel=e.code,
            sex=e.sex,
            referring_centre=e.centre,
            received_date=e.list_date,
            days_waiting=(today - e.list_date).days,
            status=e.status,
            priority=e.has_priority(today),
            postponed_until=e.postponed_until if e.status == ReferralStatus.POSTPONED else None,
            needs_decision=needs_decision(e, today),
            prison=e.prison,
            court_order=e.court_order,
            vivienda_id=e.vivienda_id if position is None else None,
            assigned_date=e.assigned_date if position is None else None,
            planned_admission_date=e.planned_admission_date if position is None else None,
            effective_status=entry_status(e, today).value,
            participant_id=e.participant_id,
            included_date=e.included_date,
        )
        for position, e in numbered
    ]


# -- R-WL-3: prison quota ------------------------------------------------------------------


def prison_quota_ok(occupants: Sequence[Occupant], candidate_prison: bool) -> bool:
    """R-WL-3: after admitting the candidate, prison referrals ≤ 20 % of the occupants.

    Formula, counted after the admission: (prison occupants + candidate) / (occupants + 1)
    ≤ 0.20, in whole numbers as 5 × prison ≤ total. Only a prison candidate can break it.
    Worked examples: 5 occupants none from prison, a prison candidate → 1 of 6 = 16.7 %,
    admitted; 6 occupants one from prison, a prison candidate → 2 of 7 = 28.6 %, refused;
    4 occupants none from prison → 1 of 5 = 20 %, admitted (the limit itself is allowed);
    an empty house → 1 of 1 = 100 %, refused: the first resident cannot be a prison referral
    unless a court order forces it.
    """
    if not candidate_prison:
        return True
    prison_after = sum(1 for person in occupants if person.prison) + 1
    total_after = len(occupants) + 1
    return prison_after * 100 <= PRISON_QUOTA_PERCENT * total_after


def prison_quota_problem(
    occupants: Sequence[Occupant], prison: bool, court_order: bool
) -> str | None:
    """Spanish refusal for R-WL-3, or None (within the quota, or forced by a court order)."""
    if court_order or prison_quota_ok(occupants, prison):
        return None
    prison_after = sum(1 for person in occupants if person.prison) + 1
    return (
        f"Con esta persona, las derivaciones de prisión serían {prison_after} de "
        f"{len(occupants) + 1} residentes, más del 20 % que permite la vivienda. Ofrezca la "
        "plaza a la siguiente persona de la lista (salvo orden judicial de ingreso)."
    )


# -- R-WL-1/3/4: who gets a vacancy ------------------------------------------------------


def offer(
    waiting: Iterable[WaitingEntry],
    vacancy: Vacancy,
    occupants: Sequence[Occupant],
    today: date,
) -> Offer:
    """Who the vacancy goes to.

    A still-running readmission priority for this vivienda comes first (R-WL-4); then the
    list in order (R-WL-1), among people whose sex fits the place, skipping people whose
    admission is postponed or awaits a decision (R-WL-2), people with a priority for
    another vivienda, and prison referrals over the quota without a court order (R-WL-3).
    """
    passed: list[tuple[str, str]] = []
    entries = [entry for entry in ordered(waiting, today) if place_fits(vacancy.place, entry.sex)]
    first_priority = [e for e in entries if e.has_priority(today, vacancy.vivienda_id)]
    rest = [e for e in entries if not e.has_priority(today, vacancy.vivienda_id)]
    for entry in first_priority + rest:
        reason = unavailable_reason(entry, today)
        if (
            reason is None
            and entry.has_priority(today)
            and not entry.has_priority(today, vacancy.vivienda_id)
        ):
            reason = "reingreso con prioridad en otra vivienda"
        if reason is None and not prison_quota_ok(occupants, entry.prison):
            if entry.court_order:
                return Offer(entry, entry in first_priority, True, tuple(passed))
            reason = "cupo del 20 % de derivaciones de prisión completo"
        if reason is not None:
            passed.append((entry.referral_id, reason))
            continue
        return Offer(entry, entry in first_priority, False, tuple(passed))
    return Offer(None, passed_over=tuple(passed))


def next_candidate(
    waiting: Iterable[WaitingEntry],
    vacancy: Vacancy,
    occupants: Sequence[Occupant],
    today: date,
) -> WaitingEntry | None:
    """R-WL-1: the first compatible person for the vacancy (see `offer` for the reasons)."""
    return offer(waiting, vacancy, occupants, today).entry


def assignment_problem(
    entry: WaitingEntry,
    waiting: Iterable[WaitingEntry],
    places: "FreePlaces",
    occupants: Sequence[Occupant],
    today: date,
) -> str | None:
    """R-WL-1/3/4: why this person may not take a place of this vivienda now (None: may).

    The place must fit the person's sex and be free; a prison referral must fit the
    quota (or have a court order); and the person must be the one `offer` chooses for
    one of the kinds of free place they can take.
    """
    kinds = places.vacancy_kinds(entry.sex)
    if not kinds:
        sex_word = "hombres" if entry.sex == Sex.MAN else "mujeres"
        return (
            f"{places.name} no tiene plaza libre para {sex_word}: elija otra vivienda "
            "o espere a que se anuncie un alta."
        )
    quota = prison_quota_problem(occupants, entry.prison, entry.court_order)
    if quota:
        return quota
    offers = [offer(waiting, Vacancy(places.vivienda_id, kind), occupants, today) for kind in kinds]
    if any(o.entry is not None and o.entry.referral_id == entry.referral_id for o in offers):
        return None
    own = [why for o in offers for rid, why in o.passed_over if rid == entry.referral_id]
    first = next((o.entry for o in offers if o.entry is not None), None)
    if own or first is None:
        return f"No se puede asignar plaza a esta persona ahora: {own[0] if own else 'no está disponible'}."
    ground = (
        "tiene prioridad de reingreso tras un alta derivada"
        if first.has_priority(today, places.vivienda_id)
        else f"su protocolo se recibió el {first.list_date:%d/%m/%Y}"
    )
    return (
        f"La plaza de {places.name} corresponde antes a {first.code} ({ground}). "
        "Asígnesela a esa persona, o regístrele antes un aplazamiento o una renuncia."
    )


# -- free places -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FreePlaces(PlaceCount):
    """One vivienda's places as the list needs them (counted by `places.count_places`).

    `leaving` counts residents with an announced discharge (their place can be assigned
    ahead, R-WL-5); they still occupy their place, so it is not among the free ones.
    """

    vivienda_id: str = ""
    name: str = ""
    leaving: int = 0


def free_places(
    vivienda_id: str,
    name: str,
    places: tuple[int, int, int],
    residents: Iterable[Occupant],
    leaving: int = 0,
    reserved: Iterable[Occupant] = (),
) -> FreePlaces:
    """The count of `places.count_places` for a vivienda, its residents and reservations."""
    count = count_places(
        places, (person.sex for person in residents), (person.sex for person in reserved)
    )
    return FreePlaces(**vars(count), vivienda_id=vivienda_id, name=name, leaving=leaving)
