"""The circuit's planner: every stay and protocol of the demo people, in memory.

`plan` runs the steps in order: the residents' open stays; the people who show each edge
of the circuit; every place's timeline back to the start of the history; the list's
length in days for each sex (first in, first out: R-WL-1); the protocols that are not
stays; who lived each past stay; the prison share (R-WL-3); the leftovers; and the office
filling today's free places from the list (R-WL-5). `circuit_writer.Writer` stores it.
"""

import random
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from reinsercion_desktop.demo.circuit_model import (
    REFERRED_STATUSES,
    REFERRING,
    DemoCentre,
    DemoPerson,
    DemoVivienda,
    Person,
    Queue,
    Stay,
    d,
)
from reinsercion_desktop.demo.circuit_protocols import ProtocolSteps
from reinsercion_desktop.demo.circuit_texts import JUSTIFICATIONS
from reinsercion_desktop.demo.circuit_timelines import TimelineSteps
from reinsercion_desktop.demo.profiles import Profile
from reinsercion_desktop.domain.dates import add_months
from reinsercion_desktop.domain.enums import ParticipantStatus, ReferringCentreKind, Sex
from reinsercion_desktop.domain.referral_rules import readmission_priority


class Planner(ProtocolSteps, TimelineSteps):
    """Plans every stay and protocol in memory (`plan`); `Writer` then stores them."""

    def __init__(
        self,
        rng: random.Random,
        today: date,
        start: date,
        people: Sequence[DemoPerson],
        viviendas: Sequence[DemoVivienda],
        centres: Sequence[DemoCentre],
        profile: Profile,
        avoid: set[str] = frozenset(),  # type: ignore[assignment]
    ):
        self.rng, self.today, self.start, self.profile = rng, today, start, profile
        self.viviendas = list(viviendas)
        self.by_vivienda = {v.id: v for v in viviendas}
        self.centres = list(centres)
        self.avoid = avoid
        self.people = [self._person(i, p) for i, p in enumerate(people)]
        self.stays: list[Stay] = []
        self.residents: dict[tuple[str, str], list[Stay]] = defaultdict(list)
        self.changes: dict[str, dict] = {}  # participant id → field → new value
        self.protected: date | None = None  # see _timelines
        self.origin = start - timedelta(days=1)
        self.length = (today - self.origin).days + 2
        self.queues: dict[str, Queue] = {}
        self.list_opens: dict[str, date] = {}  # per sex: the earliest reception still waiting
        self.dropped = 0

    def plan(self) -> None:
        self._open_stays()
        self._designate()
        self._timelines()
        self._queue_dates()
        for person in self.people:
            self._current_protocol(person)
        self._assign()
        self._check_prison_share()
        self._leftovers()
        self._office_today()

    # -- people ----------------------------------------------------------------------

    def _person(self, index: int, source: DemoPerson) -> Person:
        centre = self._centre_for(source)
        admissible = add_months(source.birth_date, 12 * self.profile.min_admission_age)
        return Person(
            source=source,
            index=index,
            centre=centre,
            prison=source.prison_origin or centre.kind == ReferringCentreKind.EAIIPP,
            admissible_from=admissible + timedelta(days=1),
            window_end=self.today,
            needy=source.status == ParticipantStatus.DISCHARGED,
        )

    def _centre_for(self, source: DemoPerson) -> DemoCentre:
        """R-ADM-2: the person's own centre if it may refer, else a CTA of their province."""
        own = next((c for c in self.centres if c.id == source.referring_centre_id), None)
        if own is not None and own.kind in REFERRING:
            return own
        ctas = [c for c in self.centres if c.kind == ReferringCentreKind.CTA]
        same = [c for c in ctas if own is not None and c.province == own.province]
        return (same or ctas)[0]

    def _choose(self, status: str, test) -> Person | None:  # type: ignore[no-untyped-def]
        """Someone of a status for an edge case."""
        found = [
            p
            for p in self.people
            if p.source.status == status
            and not p.role
            and p.source.id not in self.avoid
            and test(p)
        ]
        return self.rng.choice(found) if found else None

    # -- residents and their open stays ---------------------------------------------------

    def _open_stays(self) -> None:
        """One open stay per resident, admitted over the last months; one is past 9 months
        with its justification, one reaches 9 months in a few days and needs it (R-STAY-2)."""
        rng, today = self.rng, self.today
        people = [
            p
            for p in self.people
            if p.source.status == ParticipantStatus.RESIDENT and p.source.vivienda_id
        ]
        long_ones = [p for p in people if p.source.id not in self.avoid and not p.prison][:2]
        for number, person in enumerate(long_ones):
            person.role = ("over9_justified", "over9_missing")[number]
        earliest = self.start + timedelta(days=40)
        for person in people:
            vivienda = self.by_vivienda[person.source.vivienda_id]  # type: ignore[index]
            if person.role == "over9_justified":
                admission = today - timedelta(days=rng.randint(285, 330))
            elif person.role == "over9_missing":
                admission = add_months(today, -9) + timedelta(days=rng.randint(3, 12))
            else:
                admission = today - timedelta(days=rng.randint(2, 255))
            stay = Stay(vivienda, person.sex, max(admission, earliest), None, person=person)
            person.stays.append(stay)
            self.stays.append(stay)
            self.residents[(vivienda.id, person.sex)].append(stay)
            self._planned_discharge(person, stay)

    def _planned_discharge(self, person: Person, stay: Stay) -> None:
        """Most residents have a planned (therapeutic) discharge; within 15 days of it the
        office has been told (R-STAY-3), 15 to 20 days ahead."""
        rng, today, admission = self.rng, self.today, stay.admission
        nine = add_months(admission, 9)
        if person.role == "over9_justified":
            stay.justification = rng.choice(JUSTIFICATIONS)
            stay.planned = today + timedelta(days=rng.randint(20, 60))
        elif person.role == "over9_missing":
            stay.planned = nine + timedelta(days=rng.randint(20, 45))
        elif rng.random() < 0.6:
            planned = admission + timedelta(days=rng.randint(180, 265))
            if planned <= today:
                planned = today + timedelta(days=rng.randint(3, 60))
            if planned <= nine:
                stay.planned = planned
        if stay.planned is not None and (stay.planned - today).days <= 15:
            notice = stay.planned - timedelta(days=15 + rng.randint(0, 5))
            stay.notice = min(today, max(notice, admission))

    # -- edge cases ---------------------------------------------------------------------

    def _designate(self) -> None:
        """The people whose records show each edge of the circuit at least once."""
        waiting, referred = ParticipantStatus.WAITING, ParticipantStatus.REFERRED
        roles = [
            (waiting, "priority", lambda p: not p.prison and p.source.documented),
            (waiting, "decision_due", lambda p: True),
            (waiting, "kept", lambda p: True),
            (waiting, "court_order", lambda p: True),
            (waiting, "prison", lambda p: p.prison),
            (waiting, "fixed_waiting", lambda p: True),
            (referred, "resigned_assigned", lambda p: True),
            (referred, "fixed", lambda p: True),
            (referred, "escalated", lambda p: True),
            *((referred, status, lambda p: True) for status in REFERRED_STATUSES),
        ]
        for status, role, test in roles:
            person = self._choose(status, test)
            if person is not None:
                person.role = role
        # A planned therapeutic discharge comes after months in the house.
        settled = self.today - timedelta(days=150)
        for role in ("announced", "notice_missing", "anexo_v", "few_outings", "incident"):
            person = self._choose(
                ParticipantStatus.RESIDENT,
                lambda p: p.stays and not p.prison and p.stays[-1].admission <= settled,
            )
            if person is not None:
                person.role = role
                self._plan_role(person.stays[-1], role)
        court = next((p for p in self.people if p.role == "court_order"), None)
        if court is not None:
            court.prison = True
            self.changes[court.source.id] = {"court_order": True, "prison_origin": True}

    def _plan_role(self, stay: Stay, role: str) -> None:
        """Planned discharges that put each kind of deadline in Pendientes (R-STAY-3): the
        office told of one, not yet told of another (a late notice), an Anexo V coming up,
        a discharge near with few outings taken (R-STAY-1)."""
        days = {"announced": (4, 12), "notice_missing": (3, 12), "anexo_v": (62, 72)}
        days["few_outings"] = (10, 25)
        if role not in days:
            return
        rng, today = self.rng, self.today
        planned = today + timedelta(days=rng.randint(*days[role]))
        if stay.admission < planned <= add_months(stay.admission, 9):
            stay.planned, stay.notice = planned, None
            if role != "notice_missing" and (planned - today).days <= 15:
                notice = planned - timedelta(days=15 + rng.randint(0, 3))
                stay.notice = min(today, max(stay.admission, notice))

    # -- the last steps -----------------------------------------------------------------

    def _leftovers(self) -> None:
        """People marked discharged who got no stay (tiny demos, a handful at most): their
        file says referred, as their protocol ended in a resignation; R-WL-4 for the rest."""
        for person in self.people:
            status = self.changes.get(person.source.id, {}).get("status", person.source.status)
            if status == ParticipantStatus.DISCHARGED and not person.stays:
                self.changes.setdefault(person.source.id, {})["status"] = (
                    ParticipantStatus.REFERRED.value
                )
                current = self._listed((30, 200))
                self._opening(current, "waiting")
                person.current = self._closed(person, current, "resigned")
            elif person.source.status == ParticipantStatus.WAITING:
                self._natural_priority(person)

    def _natural_priority(self, person: Person) -> None:
        """R-WL-4 as the include step computes it, for whoever it applies to."""
        current = person.current
        last = person.stays[-1] if person.stays else None
        if current is None or current.included is None or last is None or last.discharge is None:
            return
        found = readmission_priority(last.kind, last.discharge, last.vivienda.id, current.included)
        if found is None:
            return
        until, vivienda_id = found
        current.fields.update(priority_until=until, priority_vivienda_id=vivienda_id)
        for i, (day, status, note) in enumerate(current.events):
            if status == "waiting":
                extra = f"; prioridad de reingreso (alta derivada) hasta el {d(until)}"
                current.events[i] = (day, status, note + extra)
                break

    def sexes(self) -> tuple[str, str]:
        return Sex.MAN.value, Sex.WOMAN.value
