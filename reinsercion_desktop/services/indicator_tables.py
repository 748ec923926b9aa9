"""Building blocks of the indicator tables: breakdowns (by sex, age group, addiction,
province, vivienda, referring centre) and the generic «one row per group» table.

A breakdown table puts every item in exactly one group, so its count cells sum to its
«Total» row (what a reader checks, and what small-number protection relies on).
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from reinsercion_desktop.db.indicator_queries import PersonFacts
from reinsercion_desktop.domain.enums import Sex
from reinsercion_desktop.domain.indicators import AGE_GROUPS, age_group
from reinsercion_desktop.domain.report_table import ChartSpec, Column, ColumnKind, ReportTable

T = TypeVar("T")
UNKNOWN = "Sin indicar"
NO_VIVIENDA = "Sin vivienda asignada"
NO_CENTRE = "Sin centro derivador"


class Breakdown(StrEnum):
    SEX = "sexo"
    AGE = "edad"
    ADDICTION = "adiccion"
    PROVINCE = "provincia"
    VIVIENDA = "vivienda"
    CENTRE = "centro"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def by(self) -> str:
        """«por sexo», «por grupo de edad»… for a table's title."""
        return "por " + _LABELS[self].lower()


_LABELS = {
    Breakdown.SEX: "Sexo",
    Breakdown.AGE: "Grupo de edad",
    Breakdown.ADDICTION: "Tipo de adicción",
    Breakdown.PROVINCE: "Provincia",
    Breakdown.VIVIENDA: "Vivienda",
    Breakdown.CENTRE: "Centro derivador",
}
ALL: tuple[Breakdown, ...] = tuple(Breakdown)


def sex_label(code: str) -> str:
    try:
        return Sex(code).label
    except ValueError:
        return UNKNOWN


def person_group(person: PersonFacts, breakdown: Breakdown, *, age_on: date, vivienda: str) -> str:
    """The group a person falls in: age at `age_on` (admission for a stay, the period's
    start for someone not admitted); `vivienda` is the one the record belongs to."""
    if breakdown == Breakdown.SEX:
        return sex_label(person.sex)
    if breakdown == Breakdown.AGE:
        return age_group(person.birth_date, age_on)
    if breakdown == Breakdown.ADDICTION:
        return person.addiction or UNKNOWN
    if breakdown == Breakdown.PROVINCE:
        return person.province or UNKNOWN
    if breakdown == Breakdown.CENTRE:
        return person.centre or NO_CENTRE
    return vivienda or NO_VIVIENDA


def ordered_groups(groups: Iterable[str], breakdown: Breakdown) -> list[str]:
    """Sex and age groups in their natural order; the others alphabetically, with the
    «sin…» rows last."""
    found = set(groups)
    if breakdown == Breakdown.SEX:
        natural = [Sex(code).label for code in ("H", "M")]
    elif breakdown == Breakdown.AGE:
        natural = list(AGE_GROUPS)
    else:
        natural = []
    first = [group for group in natural if group in found]
    rest = sorted(found - set(first), key=lambda g: (g in (UNKNOWN, NO_VIVIENDA, NO_CENTRE), g))
    return first + rest


def group_by(items: Iterable[T], key: Callable[[T], str]) -> dict[str, list[T]]:
    grouped: dict[str, list[T]] = defaultdict(list)
    for item in items:
        grouped[key(item)].append(item)
    return grouped


@dataclass(frozen=True)
class Measure:
    """An indicator's columns and how one group's items become their cells."""

    columns: tuple[Column, ...]
    cells: Callable[[Sequence[Any]], tuple[Any, ...]]


def breakdown_table(
    key: str,
    title: str,
    breakdown: Breakdown,
    items: Sequence[T],
    group_of: Callable[[T], str],
    measure: Measure,
    note: str,
    *,
    always: Iterable[str] = (),
    chart: ChartSpec | None = None,
) -> ReportTable:
    """One row per group (`always`: groups shown even when empty, e.g. every vivienda),
    and the «Total» row measured over all the items."""
    grouped = group_by(items, group_of)
    groups = ordered_groups([*grouped, *always], breakdown)
    rows = tuple((group, *measure.cells(grouped.get(group, []))) for group in groups)
    return ReportTable(
        key=f"{key}_{breakdown.value}",
        title=f"{title} {breakdown.by}",
        columns=(Column("grupo", breakdown.label), *measure.columns),
        rows=rows,
        total=("Total", *measure.cells(items)),
        note=note,
        chart=chart,
    )


def count(key: str, label: str) -> Column:
    return Column(key, label, ColumnKind.COUNT)


def share(key: str, label: str, of: str) -> Column:
    return Column(key, label, ColumnKind.PERCENT, of=of)
