"""Every place's timeline, the list's length, and who lived each past stay. A mixin of
`Planner`.

Each place of each vivienda is lived in back to the start of the history, residents one
after another with a few days between them. The protocols are admitted first in, first
out (R-WL-1): one admitted on day t was received `Queue.wait(t)` days before, the length of
that sex's list; so today's list holds protocols received since the last admission's,
and a past stay goes to someone free on the day their protocol was received. A prison
referral takes a stay only if the vivienda stays within 20 % of prison occupants every day
of it (R-WL-3).
"""

import heapq
import math
from collections import defaultdict
from datetime import date, timedelta

from reinsercion_desktop.demo.circuit_model import (
    DISCHARGES,
    KINDS,
    LONG_THERAPEUTIC,
    MIN_GAP,
    NON_THERAPEUTIC,
    SLOT_GAP,
    WAIT_LIMITS,
    WEIGHTS,
    DemoVivienda,
    Person,
    Queue,
    Stay,
    places_for,
    slots,
)
from reinsercion_desktop.domain.enums import DischargeType, ParticipantStatus

PROTOCOL_DAYS = 12  # at most, between the protocol and its reception

_T = DischargeType


class TimelineSteps:
    """Needs the planner's rng, today, start, people, viviendas, stays, residents."""

    def _timelines(self) -> None:  # type: ignore[misc]
        """Each place of each vivienda, from today back to the start. A place free today
        was left a few days ago when people of its sex are waiting (the office is filling
        it now, R-WL-5), else some weeks ago."""
        rng, today = self.rng, self.today
        waiting = {sex: 0 for sex in self.sexes()}
        for person in self.people:
            if person.source.status == ParticipantStatus.WAITING and person.role not in (
                "decision_due",
                "kept",
            ):
                waiting[person.sex] += 1
        for vivienda in self.viviendas:
            # While a resident referred from prison is in, places change hands the same
            # day: the house never drops below five occupants under them (R-WL-3).
            inmates = [
                stay.admission
                for sex in self.sexes()
                for stay in self.residents.get((vivienda.id, sex), [])
                if stay.person is not None and stay.person.prison
            ]
            self.protected = min(inmates, default=None)
            for sex, places in slots(vivienda, self.residents):
                open_here = self.residents.get((vivienda.id, sex), [])
                for number in range(places):
                    forced = ""
                    if number < len(open_here):
                        admission = open_here[number].admission
                        cursor = admission - self._gap(admission)
                    elif waiting[sex] > 2:
                        waiting[sex] -= 1
                        cursor = today - timedelta(days=rng.randint(1, 4))
                        forced = rng.choice(NON_THERAPEUTIC)
                    else:
                        cursor = today - timedelta(days=rng.randint(1, 45))
                    self._backwards(vivienda, sex, cursor, forced)

    def _backwards(self, vivienda: DemoVivienda, sex: str, cursor: date, forced: str) -> None:
        rng = self.rng
        while True:
            kind = forced or rng.choices(KINDS, weights=WEIGHTS)[0]
            _weight, low, high = DISCHARGES[kind]
            if kind == _T.THERAPEUTIC and rng.random() < 0.06:
                low, high = LONG_THERAPEUTIC
            admission = cursor - timedelta(days=rng.randint(low, high))
            if admission < self.start:
                return
            self.stays.append(Stay(vivienda, sex, admission, cursor, kind))
            forced = ""
            cursor = admission - self._gap(admission)

    def _gap(self, admission: date) -> timedelta:
        """Days the place stayed empty before this admission."""
        if self.protected is not None and admission >= self.protected:
            return timedelta(0)
        return timedelta(days=self.rng.randint(*SLOT_GAP))

    # -- the list's length (R-WL-1) --------------------------------------------------------

    def _queue_dates(self) -> None:
        """When each stay's protocol was received, and since when today's list holds
        protocols: the wait is as long as the list of that sex takes to be admitted."""
        rng, today = self.rng, self.today
        for sex in self.sexes():
            stays = [s for s in self.stays if s.sex == sex]
            recent = sum(1 for s in stays if (today - s.admission).days <= 365)
            waiting = sum(
                1
                for p in self.people
                if p.sex == sex and p.source.status == ParticipantStatus.WAITING
            )
            days = round(waiting * 365 / max(recent, 1))
            queue = Queue(
                min(WAIT_LIMITS[1], max(WAIT_LIMITS[0], days)), rng.random() * 2 * math.pi
            )
            self.queues[sex] = queue
            latest = date.min
            for stay in stays:
                stay.received = queue.head(stay.admission) - timedelta(days=rng.randint(0, 4))
                latest = max(latest, stay.received)
            opens = max(queue.head(today), latest + timedelta(days=1))
            self.list_opens[sex] = min(opens, today - timedelta(days=1))
        for stay in self.stays:
            if stay.person is not None and stay.received is not None:
                protocol_at_latest = stay.received - timedelta(days=PROTOCOL_DAYS)
                stay.person.window_end = min(stay.person.window_end, protocol_at_latest)

    # -- who lived each past stay ---------------------------------------------------------------

    def _span(self, stay: Stay) -> tuple[int, int]:
        """Days occupied, as indexes: admission up to the day before the discharge (SPEC §7);
        an open stay occupies today."""
        end = stay.discharge or self.today + timedelta(days=1)
        return (stay.admission - self.origin).days, (end - self.origin).days

    def _occupancy(self, *, prison_only: bool = False) -> dict[str, list[int]]:
        """Per vivienda and day: occupants (or prison occupants) of the planned stays."""
        table = {v.id: [0] * self.length for v in self.viviendas}
        for stay in self.stays:
            if prison_only and (stay.person is None or not stay.person.prison):
                continue
            a, b = self._span(stay)
            counts = table[stay.vivienda.id]
            counts[a] += 1
            counts[b] -= 1
        for counts in table.values():
            total = 0
            for i, step in enumerate(counts):
                total += step
                counts[i] = total
        return table

    def _assign(self) -> None:
        """Past stays in order of reception, each to someone of the place's sex who could
        be referred then (admissible, last discharge at least a month before, no protocol
        of theirs still open); discharged people without a stay first."""
        rng = self.rng
        self._priority_stay()
        occupied = self._occupancy()
        prison = {v.id: [0] * self.length for v in self.viviendas}
        for stay in self.stays:
            if stay.person is not None and stay.person.prison:
                if self._fits_prison(stay, occupied, prison):
                    self._take(stay, prison)
                else:
                    self._leave_today(stay, occupied)
        pending: list[tuple[date, int, Person]] = []
        for person in self.people:
            start = max(person.admissible_from, self.start - timedelta(days=400))
            start += timedelta(days=rng.randint(0, 120))
            if start < person.window_end and person.source.documented:
                pending.append((start, person.index, person))
        heapq.heapify(pending)
        pools: dict[tuple[str, bool, bool], list[Person]] = defaultdict(list)
        unlived = sorted(
            (s for s in self.stays if s.person is None), key=lambda s: (s.received, s.sex)
        )
        for stay in unlived:
            assert stay.received is not None and stay.discharge is not None
            protocol = stay.received - timedelta(days=PROTOCOL_DAYS)
            while pending and pending[0][0] <= protocol:
                _day, _i, person = heapq.heappop(pending)
                pools[(person.sex, person.prison, person.needy)].append(person)
            chosen = self._pick(pools, stay, self._fits_prison(stay, occupied, prison))
            if chosen is None:
                self.dropped += 1
                continue
            stay.person = chosen
            chosen.stays.append(stay)
            chosen.needy = False
            if chosen.prison:
                self._take(stay, prison)
            back = stay.discharge + timedelta(days=rng.randint(MIN_GAP, 540))
            if back < chosen.window_end:
                heapq.heappush(pending, (back, chosen.index, chosen))
        self.stays = [s for s in self.stays if s.person is not None]
        for person in self.people:
            person.stays.sort(key=lambda s: s.admission)

    def _pick(
        self, pools: dict[tuple[str, bool, bool], list[Person]], stay: Stay, may_prison: bool
    ) -> Person | None:
        rng, sex, discharge = self.rng, stay.sex, stay.discharge
        assert discharge is not None
        needy = [(sex, True, True), (sex, False, True)] if may_prison else [(sex, False, True)]
        others = [(sex, False, False)] + ([(sex, True, False)] if may_prison else [])
        while True:
            pool = next((pools[key] for key in needy if pools[key]), None)
            if pool is None:
                sizes = [len(pools[key]) for key in others]
                if not any(sizes):
                    return None
                pool = pools[rng.choices(others, weights=sizes)[0]]
            i = rng.randrange(len(pool))
            pool[i], pool[-1] = pool[-1], pool[i]
            person = pool.pop()
            if person.window_end >= discharge:
                return person

    def _fits_prison(self, stay: Stay, occupied, prison) -> bool:  # type: ignore[no-untyped-def]
        """R-WL-3 on every day of the stay: 5 × (prison occupants + 1) ≤ occupants."""
        a, b = self._span(stay)
        own = occupied[stay.vivienda.id][a:b]
        return bool(own) and 5 * (max(prison[stay.vivienda.id][a:b]) + 1) <= min(own)

    def _take(self, stay: Stay, prison) -> None:  # type: ignore[no-untyped-def]
        a, b = self._span(stay)
        counts = prison[stay.vivienda.id]
        for i in range(a, b):
            counts[i] += 1

    def _leave_today(self, stay: Stay, occupied) -> None:  # type: ignore[no-untyped-def]
        """A resident referred from prison who would break the 20 % (small demos, where a
        house is half empty): discharged today, voluntarily, instead."""
        person = stay.person
        assert person is not None
        occupied[stay.vivienda.id][self._span(stay)[1] - 1] -= 1
        stay.discharge, stay.kind, stay.planned, stay.notice = self.today, _T.VOLUNTARY, None, None
        person.role = person.role or "left_today"
        self.changes.setdefault(person.source.id, {}).update(
            status=ParticipantStatus.DISCHARGED.value, vivienda_id=None
        )

    def _priority_stay(self) -> None:
        """R-WL-4: the listed person whose derived discharge was a month or two ago, from a
        vivienda whose places of their sex are all taken (their priority waits for one)."""
        person = next((p for p in self.people if p.role == "priority"), None)
        if person is None or person.current is None:
            return
        today = self.today
        full = {
            v.id
            for v in self.viviendas
            if len(self.residents.get((v.id, person.sex), [])) >= places_for(v, person.sex)
        }
        recent = [
            s
            for s in self.stays
            if s.person is None
            and s.sex == person.sex
            and s.discharge is not None
            and today - timedelta(days=75) <= s.discharge <= today - timedelta(days=20)
            and s.admission > person.admissible_from
            and s.received is not None
        ]
        if not recent:
            return
        stay = min(recent, key=lambda s: (s.vivienda.id not in full, s.admission))
        assert stay.discharge is not None and stay.received is not None
        stay.kind, stay.person = _T.DERIVED, person
        person.stays.append(stay)
        person.window_end = stay.received - timedelta(days=PROTOCOL_DAYS)
        current = person.current
        current.protocol = stay.discharge + timedelta(days=3)
        current.received = current.included = current.protocol + timedelta(days=2)
        current.events.clear()
        current.fields.clear()
        current.status = "waiting"
        self._opening(current, "waiting")

    def _check_prison_share(self) -> None:
        """Recount with the stays actually lived (a place may have stayed empty when nobody
        was free) and drop any past prison stay that breaks the 20 %, until none does."""
        while True:
            occupied, prison = self._occupancy(), self._occupancy(prison_only=True)
            broken = []
            for stay in self.stays:
                if stay.person is None or not stay.person.prison:
                    continue
                a, b = self._span(stay)
                own, inmates = occupied[stay.vivienda.id], prison[stay.vivienda.id]
                if any(5 * inmates[i] > own[i] for i in range(a, b)):
                    broken.append(stay)
            if not broken:
                return
            residents = [s for s in broken if s.discharge is None]
            for stay in residents:
                self._leave_today(stay, occupied)
            for stay in [s for s in broken if s not in residents]:
                assert stay.person is not None
                stay.person.stays.remove(stay)
                stay.person = None
                self.dropped += 1
            self.stays = [s for s in self.stays if s.person is not None]
