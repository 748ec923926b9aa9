"""The places of a vivienda: who lives there, who has one reserved, what is left free.

One count for every screen and rule (R-WL-1, R-WL-5): the Lista de espera and the
Ocupación docks, the assignment of a vacancy and the office's list all read a vivienda
through `count_places`, so they cannot disagree on it.

- «Ocupadas»: people in residence (an open stay; someone on an outing still holds it).
- «Reservadas»: protocols assigned to the vivienda (proceso de admisión): the person is
  not there yet, but the place is no longer free.
- «Libres»: the rest. Men and women fill the places of their own sex first, then the
  mixed places (as admissions do); residents and reservations count alike.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from reinsercion_desktop.domain.enums import Sex


class PlaceKind(StrEnum):
    """The sex a place is for (plazas de hombres, de mujeres, mixtas)."""

    MEN = "H"
    WOMEN = "M"
    MIXED = "X"


def place_fits(place: str, sex: str) -> bool:
    """R-WL-1: a men's place takes a man, a women's place a woman, a mixed place either."""
    return place == PlaceKind.MIXED or place == sex


@dataclass(frozen=True)
class PlaceCount:
    """A vivienda's places by sex, and how many are occupied, reserved and free."""

    places_men: int
    places_women: int
    places_mixed: int
    occupied_men: int  # in residence
    occupied_women: int
    reserved_men: int  # assigned, not yet admitted (proceso de admisión)
    reserved_women: int
    free_men: int  # men's places still free
    free_women: int
    free_mixed: int

    @property
    def places(self) -> int:
        return self.places_men + self.places_women + self.places_mixed

    @property
    def occupied(self) -> int:
        return self.occupied_men + self.occupied_women

    @property
    def reserved(self) -> int:
        return self.reserved_men + self.reserved_women

    @property
    def free(self) -> int:
        return self.free_men + self.free_women + self.free_mixed

    @property
    def free_total(self) -> int:
        return self.free

    def free_for(self, sex: str) -> int:
        own = self.free_men if sex == Sex.MAN else self.free_women
        return own + self.free_mixed

    def vacancy_kinds(self, sex: str) -> list[str]:
        """The kinds of free place this sex can take here, own-sex places first."""
        kinds = []
        if sex == Sex.MAN and self.free_men:
            kinds.append(PlaceKind.MEN)
        if sex == Sex.WOMAN and self.free_women:
            kinds.append(PlaceKind.WOMEN)
        if self.free_mixed:
            kinds.append(PlaceKind.MIXED)
        return kinds


def _men_and_women(sexes: Iterable[str]) -> tuple[int, int]:
    people = list(sexes)
    men = sum(1 for sex in people if sex == Sex.MAN)
    return men, len(people) - men


def count_places(
    places: tuple[int, int, int], residents: Iterable[str], reserved: Iterable[str] = ()
) -> PlaceCount:
    """The count of a vivienda with `places` (men's, women's, mixed), the sexes of its
    residents and of the people it is reserved for. Worked example: 6 men's places, 5
    men in residence and 1 assigned → 5 occupied, 1 reserved, 0 free."""
    men_places, women_places, mixed_places = places
    occupied_men, occupied_women = _men_and_women(residents)
    reserved_men, reserved_women = _men_and_women(reserved)
    men, women = occupied_men + reserved_men, occupied_women + reserved_women
    overflow = max(0, men - men_places) + max(0, women - women_places)
    return PlaceCount(
        places_men=men_places,
        places_women=women_places,
        places_mixed=mixed_places,
        occupied_men=occupied_men,
        occupied_women=occupied_women,
        reserved_men=reserved_men,
        reserved_women=reserved_women,
        free_men=max(0, men_places - men),
        free_women=max(0, women_places - women),
        free_mixed=max(0, mixed_places - overflow),
    )
