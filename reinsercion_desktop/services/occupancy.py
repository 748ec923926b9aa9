"""Ocupación: each vivienda on a given day — places by sex, who is in, free places, prison share.

Counting (SPEC §7): a person occupies a place from the admission day up to the day
before the discharge; an open stay has lasted `day − admission` days on `day` (as if
discharged that day); outing days are return − departure, counted up to `day`.
Places of one's own sex are filled first, then mixed places (as admissions do).
R-WL-3: people referred from prison should be at most 20 % of a vivienda's occupants.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from reinsercion_desktop.db import circuit_queries, queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.domain.enums import OutingKind, Sex
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
class ViviendaOccupancy:
    vivienda_id: str
    name: str
    places_men: int
    places_women: int
    places_mixed: int
    occupied_men: int
    occupied_women: int
    free_men: int  # places only for men still free
    free_women: int
    free_mixed: int
    prison_occupants: int
    occupants: tuple[Occupant, ...]

    @property
    def places(self) -> int:
        return self.places_men + self.places_women + self.places_mixed

    @property
    def occupied(self) -> int:
        return len(self.occupants)

    @property
    def free(self) -> int:
        return self.free_men + self.free_women + self.free_mixed

    @property
    def prison_share(self) -> float:
        """Prison occupants / occupants (0 when empty)."""
        return self.prison_occupants / self.occupied if self.occupants else 0.0

    @property
    def prison_over_limit(self) -> bool:
        """R-WL-3: more than 20 % of the occupants come from prison."""
        return self.prison_share > PRISON_MAX_SHARE


def free_places(
    places_men: int, places_women: int, places_mixed: int, men: int, women: int
) -> tuple[int, int, int]:
    """(free men-only, free women-only, free mixed): own-sex places fill first, then mixed."""
    mixed_used = max(0, men - places_men) + max(0, women - places_women)
    return (
        max(0, places_men - men),
        max(0, places_women - women),
        max(0, places_mixed - mixed_used),
    )


def occupancy_board(db: Database, day: date | None = None) -> list[ViviendaOccupancy]:
    """Every vivienda in service on `day` (default today), by name, with its occupants."""
    day = day or db.clock.today()
    with db.read() as session:
        viviendas = [
            v
            for v in queries.viviendas(session=session)
            if (v.valid_from is None or v.valid_from <= day)
            and (v.valid_to is None or day <= v.valid_to)
        ]
        occupant_rows = circuit_queries.occupants_on(session=session, day=day)
        outing_rows = circuit_queries.outings_of_occupants_on(session=session, day=day)
    outings: dict[str, list[OutingFacts]] = defaultdict(list)
    for stay_id, start, end, kind in outing_rows:
        outings[stay_id].append(OutingFacts(start, end, kind))
    by_vivienda: dict[str, list[Occupant]] = defaultdict(list)
    for (
        stay_id,
        vivienda_id,
        participant_id,
        codapel,
        sex,
        admission,
        planned,
        prison,
    ) in occupant_rows:
        own = outings.get(stay_id, [])
        by_vivienda[vivienda_id].append(
            Occupant(
                stay_id=stay_id,
                participant_id=participant_id,
                codapel=codapel,
                sex=sex,
                admission_date=admission,
                days_of_stay=(day - admission).days,
                outing_days=outing_days_used(own, until=day),
                exceptional_outing_days=outing_days_used(
                    own, kind=OutingKind.EXCEPTIONAL, until=day
                ),
                planned_discharge_date=planned,
                prison=bool(prison),
                on_outing=any(o.start_date <= day < o.end_date for o in own),
            )
        )
    board = []
    for vivienda in viviendas:
        occupants = tuple(by_vivienda.get(vivienda.id, ()))
        men = sum(1 for o in occupants if o.sex == Sex.MAN)
        women = sum(1 for o in occupants if o.sex == Sex.WOMAN)
        free_men, free_women, free_mixed = free_places(
            vivienda.places_men, vivienda.places_women, vivienda.places_mixed, men, women
        )
        board.append(
            ViviendaOccupancy(
                vivienda_id=vivienda.id,
                name=vivienda.name,
                places_men=vivienda.places_men,
                places_women=vivienda.places_women,
                places_mixed=vivienda.places_mixed,
                occupied_men=men,
                occupied_women=women,
                free_men=free_men,
                free_women=free_women,
                free_mixed=free_mixed,
                prison_occupants=sum(1 for o in occupants if o.prison),
                occupants=occupants,
            )
        )
    return board


class OccupancyService:
    """The occupancy board of the viviendas, for the "Ocupación" dock."""

    def __init__(self, db: Database):
        self.db = db

    def board(self, day: date | None = None) -> list[ViviendaOccupancy]:
        return occupancy_board(self.db, day)
