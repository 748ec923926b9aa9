"""Ocupación: each vivienda on a given day — places by sex, who is in, who is coming,
free places, prison share.

Counting (SPEC §7): a person occupies a place from the admission day up to the day
before the discharge; an open stay has lasted `day − admission` days on `day` (as if
discharged that day); outing days are return − departure, counted up to `day`.
A protocol assigned to the vivienda (proceso de admisión) reserves a place: it is not
occupied, and not free either. The places are counted by `domain.places.count_places`,
as the waiting list counts them, so the two docks agree.
R-WL-3: people referred from prison should be at most 20 % of a vivienda's occupants.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from reinsercion_desktop.db import circuit_queries, queries
from reinsercion_desktop.db import waiting_list_queries as listed
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.domain.enums import OutingKind, ReferralStatus
from reinsercion_desktop.domain.places import PlaceCount, count_places
from reinsercion_desktop.domain.stay_rules import OutingFacts, outing_days_used

PRISON_MAX_SHARE = 0.20  # R-WL-3


@dataclass(frozen=True)
class Occupant:
    """Una persona en la vivienda ese día (CODAPEL only: the board may be shown or exported)."""

    stay_id: str
    participant_id: str
    codapel: str
    sex: str
    admission_date: date
    days_of_stay: int
    outing_days: int  # ordinary outing days taken up to the day (R-STAY-1 counts these)
    exceptional_outing_days: int
    planned_discharge_date: date | None
    prison: bool
    on_outing: bool  # away on an outing that day (still occupies the place)


@dataclass(frozen=True)
class Reservation:
    """A place reserved by an assigned protocol (proceso de admisión), CODAPEL only."""

    referral_id: str
    participant_id: str
    codapel: str
    sex: str
    assigned_date: date | None
    planned_admission_date: date | None


@dataclass(frozen=True)
class ViviendaOccupancy(PlaceCount):
    """A vivienda on a day: its place count (occupied, reserved, free) and who is in it."""

    vivienda_id: str = ""
    name: str = ""
    prison_occupants: int = 0
    occupants: tuple[Occupant, ...] = ()
    reservations: tuple[Reservation, ...] = ()

    @property
    def prison_share(self) -> float:
        """Prison occupants / occupants (0 when empty)."""
        return self.prison_occupants / self.occupied if self.occupants else 0.0

    @property
    def prison_over_limit(self) -> bool:
        """R-WL-3: more than 20 % of the occupants come from prison."""
        return self.prison_share > PRISON_MAX_SHARE


def occupancy_board(db: Database, day: date | None = None) -> list[ViviendaOccupancy]:
    """Every vivienda in service on `day` (default today), by name, with its occupants."""
    today = db.clock.today()
    day = day or today
    with db.read() as session:
        viviendas = [
            v
            for v in queries.viviendas(session=session)
            if (v.valid_from is None or v.valid_from <= day)
            and (v.valid_to is None or day <= v.valid_to)
        ]
        occupant_rows = circuit_queries.occupants_on(session=session, day=day)
        outing_rows = circuit_queries.outings_of_occupants_on(session=session, day=day)
        assigned = listed.listed_referrals(
            session=session, statuses=[ReferralStatus.ASSIGNED.value]
        )
        # Admissions recorded ahead hold their place, as the waiting list counts them.
        ahead = listed.open_stays(session=session, admitted_after=day) if day >= today else []
    outings: dict[str, list[OutingFacts]] = defaultdict(list)
    for outing in outing_rows:
        outings[outing.stay_id].append(OutingFacts(outing.start_date, outing.end_date, outing.kind))
    by_vivienda: dict[str, list[Occupant]] = defaultdict(list)
    for row in occupant_rows:
        own = outings.get(row.stay_id, [])
        by_vivienda[row.vivienda_id].append(
            Occupant(
                stay_id=row.stay_id,
                participant_id=row.participant_id,
                codapel=row.codapel,
                sex=row.sex,
                admission_date=row.admission_date,
                days_of_stay=(day - row.admission_date).days,
                outing_days=outing_days_used(own, until=day),
                exceptional_outing_days=outing_days_used(
                    own, kind=OutingKind.EXCEPTIONAL, until=day
                ),
                planned_discharge_date=row.planned_discharge_date,
                prison=bool(row.prison),
                on_outing=any(o.start_date <= day < o.end_date for o in own),
            )
        )
    reserved: dict[str, list[Reservation]] = defaultdict(list)
    for referral in assigned:
        if referral.vivienda_id and (referral.assigned_date or day) <= day:
            reserved[referral.vivienda_id].append(
                Reservation(
                    referral_id=referral.id,
                    participant_id=referral.participant_id,
                    codapel=referral.codapel,
                    sex=referral.sex,
                    assigned_date=referral.assigned_date,
                    planned_admission_date=referral.planned_admission_date,
                )
            )
    for stay in ahead:
        reserved[stay.vivienda_id].append(
            Reservation(
                referral_id="",
                participant_id=stay.participant_id,
                codapel=stay.codapel,
                sex=stay.sex,
                assigned_date=None,
                planned_admission_date=stay.admission_date,
            )
        )
    board = []
    for vivienda in viviendas:
        occupants = tuple(by_vivienda.get(vivienda.id, ()))
        reservations = tuple(reserved.get(vivienda.id, ()))
        count = count_places(
            (vivienda.places_men, vivienda.places_women, vivienda.places_mixed),
            (o.sex for o in occupants),
            (r.sex for r in reservations),
        )
        board.append(
            ViviendaOccupancy(
                **vars(count),
                vivienda_id=vivienda.id,
                name=vivienda.name,
                prison_occupants=sum(1 for o in occupants if o.prison),
                occupants=occupants,
                reservations=reservations,
            )
        )
    return board


class OccupancyService:
    """The occupancy board of the viviendas, for the "Ocupación" dock."""

    def __init__(self, db: Database):
        self.db = db

    def board(self, day: date | None = None) -> list[ViviendaOccupancy]:
        return occupancy_board(self.db, day)
