"""Ocupación as rows for the shared table: each vivienda's place count and prison share,
and the people living in the one chosen (plain rows from `OccupancyService.board`).

The place columns are the waiting list's (`place_columns`): «Ocupadas» are residents,
«Reservadas» assigned protocols not yet admitted, «Libres» the rest.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.ui.circuit.waiting_list_model import place_columns
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel

if TYPE_CHECKING:
    from reinsercion_desktop.services.occupancy import Occupant, ViviendaOccupancy


def prison_text(house: ViviendaOccupancy) -> str:
    share = round(house.prison_share * 100)
    flag = " ⚠" if house.prison_over_limit else ""
    return f"{house.prison_occupants} ({share} %){flag}"


def _prison_tooltip(house: ViviendaOccupancy) -> str:
    if house.prison_over_limit:
        return tr("Más del 20 % de residentes derivados de prisión (R-WL-3)")
    return tr("Residentes derivados de prisión: como mucho el 20 % (R-WL-3)")


HOUSE_NAME, HOUSE_FREE, HOUSE_OCCUPIED, HOUSE_RESERVED, HOUSE_PLACES, HOUSE_PRISON = range(6)


def houses_model(parent: object = None) -> RowsTableModel[ViviendaOccupancy]:
    columns: list[Column[ViviendaOccupancy]] = [
        Column(tr("Vivienda"), lambda h: h.name, max_width=120),
        *place_columns(),  # type: ignore[list-item]
        Column(tr("Prisión"), prison_text, align="right", sort_key=lambda h: h.prison_share,
               tone=lambda h: "alert" if h.prison_over_limit else None,
               bold=lambda h: h.prison_over_limit, tooltip=_prison_tooltip),
    ]  # fmt: skip
    return RowsTableModel(columns, parent)


# -- who is in the vivienda ------------------------------------------------------------------


@dataclass(frozen=True)
class ResidentLine:
    """A resident as the dock shows them: the board's row and their name if loaded."""

    person: Occupant
    name: str = ""

    @property
    def participant_id(self) -> str:
        return self.person.participant_id


def resident_lines(occupants: Sequence[Occupant], names: Mapping[str, str]) -> list[ResidentLine]:
    """By admission; `names`: participant id → "Apellidos, nombre" of the loaded files."""
    ordered = sorted(occupants, key=lambda person: person.admission_date)
    return [ResidentLine(p, names.get(p.participant_id, "")) for p in ordered]


def _notes(line: ResidentLine) -> str:
    notes = []
    if line.person.prison:
        notes.append(tr("Prisión"))
    if line.person.on_outing:
        notes.append(tr("De salida hoy"))
    return " · ".join(notes)


# Who and how long first: a 340 px dock shows them without scrolling.
PERSON_NAME, PERSON_DAYS, PERSON_OUTINGS, PERSON_EXTRA, PERSON_DISCHARGE = range(5)
PERSON_ADMISSION, PERSON_SEX, PERSON_NOTES, PERSON_CODAPEL = 5, 6, 7, 8


def residents_model(parent: object = None) -> RowsTableModel[ResidentLine]:
    columns: list[Column[ResidentLine]] = [
        Column(tr("Persona"), lambda r: r.name or r.person.codapel, max_width=160,
               tooltip=lambda r: r.person.codapel),
        Column(tr("Días"), lambda r: str(r.person.days_of_stay), align="right",
               sort_key=lambda r: r.person.days_of_stay,
               tooltip=lambda _r: tr("Días de estancia hasta hoy")),
        Column(tr("Salidas"), lambda r: str(r.person.outing_days), align="right",
               sort_key=lambda r: r.person.outing_days, tooltip=lambda _r: tr(
                   "Días de salida terapéutica ordinaria hasta hoy (30–40 por estancia)")),
        Column(tr("Excepc."), lambda r: str(r.person.exceptional_outing_days), align="right",
               sort_key=lambda r: r.person.exceptional_outing_days,
               tooltip=lambda _r: tr("Días de salida terapéutica excepcional hasta hoy")),
        Column(tr("Alta prevista"), lambda r: format_date_es(r.person.planned_discharge_date)),
        Column(tr("Ingreso"), lambda r: format_date_es(r.person.admission_date),
               sort_key=lambda r: r.person.admission_date),
        Column(tr("Sexo"), lambda r: r.person.sex, align="centre"),
        Column(tr("Observaciones"), _notes),
        Column(tr("CODAPEL"), lambda r: r.person.codapel),
    ]  # fmt: skip
    return RowsTableModel(
        columns, parent, row_tone=lambda r: "muted" if r.person.on_outing else None
    )
