"""Lista de espera and the places of each vivienda, as rows for the shared table.

The queue's lines and the viviendas' place counts are plain rows from the waiting-list
service, shown through `Column`s in a `RowsTableModel` (no database call in `data()`).
The place columns («Plazas», «Ocupadas», «Reservadas», «Libres») are shared with the
Ocupación dock, so both docks name and count a vivienda the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import ReferralStatus, Sex

# Re-exported for the screens outside the circuit not yet converted (see legacy_tables).
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel

if TYPE_CHECKING:
    from reinsercion_desktop.domain.places import PlaceCount
    from reinsercion_desktop.domain.waiting_list import FreePlaces, WaitingListRow

# -- the place count of a vivienda (both docks) ----------------------------------------------


def by_sex(men: int, women: int, mixed: int = 0) -> str:
    """ "5 H · 1 M · 2 X" (hombres, mujeres, mixtas); "0" when none."""
    parts = [f"{n} {letter}" for n, letter in ((men, "H"), (women, "M"), (mixed, "X")) if n]
    return " · ".join(parts) or "0"


def _sex_letters(_count: object) -> str:
    return tr("H: hombres · M: mujeres · X: plazas mixtas (para cualquiera)")


def place_columns() -> list[Column[PlaceCount]]:
    """«Libres», «Ocupadas», «Reservadas», «Plazas» of a vivienda (domain.places); what is
    free first, so a 340 px dock shows it without scrolling sideways."""
    return [
        Column(tr("Libres"), lambda c: by_sex(c.free_men, c.free_women, c.free_mixed),
               sort_key=lambda c: c.free, tone=lambda c: "good" if c.free else "muted",
               bold=lambda c: c.free > 0, tooltip=_sex_letters),
        Column(tr("Ocupadas"), lambda c: by_sex(c.occupied_men, c.occupied_women),
               sort_key=lambda c: c.occupied,
               tooltip=lambda _c: tr("Personas que viven en la vivienda (en estancia)")),
        Column(tr("Reservadas"), lambda c: by_sex(c.reserved_men, c.reserved_women),
               sort_key=lambda c: c.reserved, tone=lambda c: "info" if c.reserved else None,
               tooltip=lambda _c: tr(
                   "Plazas asignadas a un protocolo en proceso de admisión: la persona aún "
                   "no ha ingresado, pero la plaza ya no está libre")),
        Column(tr("Plazas"), lambda c: by_sex(c.places_men, c.places_women, c.places_mixed),
               sort_key=lambda c: c.places, tooltip=_sex_letters),
    ]  # fmt: skip


def free_places_model(parent: object = None) -> RowsTableModel[FreePlaces]:
    """Each vivienda in force: its places, occupied, reserved and free, and the announced
    discharges whose place may be assigned ahead."""
    columns: list[Column[FreePlaces]] = [
        Column(tr("Vivienda"), lambda p: p.name, bold=lambda p: p.free > 0, max_width=120),
        *place_columns(),  # type: ignore[list-item]
        Column(tr("Altas anunc."), lambda p: str(p.leaving), sort_key=lambda p: p.leaving,
               align="right", tooltip=lambda _p: tr(
                   "Residentes con el alta anunciada: su plaza se puede asignar ya (R-WL-5)")),
    ]  # fmt: skip
    return RowsTableModel(columns, parent)


def free_summary(places: Sequence[FreePlaces], today: date) -> str:
    men = sum(p.free_for(Sex.MAN) for p in places)
    women = sum(p.free_for(Sex.WOMAN) for p in places)
    reserved = sum(p.reserved for p in places)
    text = tr("Plazas libres el {day}: {men} para hombres, {women} para mujeres").format(
        day=format_date_es(today), men=men, women=women
    )
    if reserved:
        text += tr(" · {n} reservada(s)").format(n=reserved)
    return text


# -- the queue -------------------------------------------------------------------------------


@dataclass(frozen=True)
class WaitingLine:
    """One line of the list as the dock shows it: the service's row and who it is."""

    row: WaitingListRow
    name: str = ""  # "" when the person is not among the loaded files
    vivienda_name: str = ""  # once assigned
    free_for_sex: int = 0  # free places this person's sex can take, in every vivienda

    @property
    def referral_id(self) -> str:
        return self.row.referral_id

    @property
    def participant_id(self) -> str:
        return self.row.participant_id


def waiting_lines(
    rows: Sequence[WaitingListRow],
    places: Sequence[FreePlaces],
    names: Mapping[str, str],
) -> list[WaitingLine]:
    """`names`: participant id → "Apellidos, nombre" of the files loaded."""
    houses = {p.vivienda_id: p.name for p in places}
    free = {sex.value: sum(p.free_for(sex.value) for p in places) for sex in Sex}
    return [
        WaitingLine(
            row=row,
            name=names.get(row.participant_id, ""),
            vivienda_name=houses.get(row.vivienda_id or "", ""),
            free_for_sex=free.get(row.sex, 0),
        )
        for row in rows
    ]


def status_text(line: WaitingLine) -> str:
    """The situation today: a postponement whose date has passed is «En espera» again."""
    row = line.row
    if row.needs_decision:
        return tr("Aplazado más de 3 meses: decidir")
    if row.status == ReferralStatus.ASSIGNED:
        return tr("Admisión: {place}, {day}").format(
            place=line.vivienda_name or tr("vivienda"),
            day=format_date_es(row.planned_admission_date),
        )
    if row.postponed:
        if row.postponed_until is not None:
            return tr("Aplazado hasta {day}").format(day=format_date_es(row.postponed_until))
        return tr("Aplazado")
    if row.status == ReferralStatus.POSTPONED and row.postponed_until is not None:
        return tr("En espera (aplazado hasta {day})").format(
            day=format_date_es(row.postponed_until)
        )
    return tr("En espera")


def notes_text(line: WaitingLine) -> str:
    row = line.row
    notes = []
    if row.priority:
        notes.append(tr("★ Prioridad de reingreso"))
    if row.prison:
        notes.append(tr("Prisión"))
    if row.court_order:
        notes.append(tr("Orden judicial"))
    return " · ".join(notes)


def _line_tone(line: WaitingLine) -> str | None:
    row = line.row
    if row.needs_decision:
        return "alert"
    if row.status == ReferralStatus.ASSIGNED:
        return "info"
    if row.postponed:
        return "muted"
    return None


def _status_tooltip(line: WaitingLine) -> str | None:
    row = line.row
    if row.status == ReferralStatus.ASSIGNED:
        return tr(
            "Proceso de admisión en {place}: plaza asignada el {assigned}, ingreso previsto "
            "el {day}"
        ).format(
            place=line.vivienda_name,
            assigned=format_date_es(row.assigned_date),
            day=format_date_es(row.planned_admission_date),
        )
    if row.status == ReferralStatus.POSTPONED and not row.postponed:
        return tr(
            "El aplazamiento ha terminado: la persona vuelve a optar a plaza. Anote «Fin del "
            "aplazamiento» para dejarlo registrado."
        )
    return None


def _sex_tooltip(line: WaitingLine) -> str:
    sex = line.row.sex
    return tr("{sex}: {n} plaza(s) libre(s) compatible(s) hoy").format(
        sex=Sex(sex).label if sex in set(Sex) else sex, n=line.free_for_sex
    )


def _priority_tone(line: WaitingLine) -> str | None:
    return _line_tone(line) or ("good" if line.row.priority else None)


# The person and their situation first: a 340 px dock shows them without scrolling.
COL_POSITION, COL_PERSON, COL_STATUS, COL_DAYS, COL_RECEIVED, COL_SEX = range(6)
COL_NOTES, COL_CODAPEL, COL_CENTRE = 6, 7, 8


def waiting_list_model(parent: object = None) -> RowsTableModel[WaitingLine]:
    """Assigned protocols first (proceso de admisión), then the queue in its order."""
    priority = tr("Alta derivada reciente: primera vacante de la misma vivienda (R-WL-4)")
    columns: list[Column[WaitingLine]] = [
        Column(tr("Nº"), lambda w: "—" if w.row.position is None else str(w.row.position),
               align="centre", tone=_priority_tone, max_width=44),
        Column(tr("Persona"), lambda w: w.name or w.row.codapel, max_width=160,
               bold=lambda w: w.row.priority,
               tooltip=lambda w: priority if w.row.priority else None),
        Column(tr("Situación"), status_text, tooltip=_status_tooltip, max_width=240),
        Column(tr("Días"), lambda w: str(w.row.days_waiting), align="right",
               sort_key=lambda w: w.row.days_waiting),
        Column(tr("Recibido"), lambda w: format_date_es(w.row.received_date),
               sort_key=lambda w: w.row.received_date,
               tooltip=lambda _w: tr("Recepción del protocolo completo: ordena la lista (R-WL-1)")),
        Column(tr("Sexo"), lambda w: w.row.sex, align="centre", tooltip=_sex_tooltip),
        Column(tr("Observaciones"), notes_text, tone=_priority_tone),
        Column(tr("CODAPEL"), lambda w: w.row.codapel),
        Column(tr("Centro derivador"), lambda w: w.row.referring_centre),
    ]  # fmt: skip
    return RowsTableModel(columns, parent, row_tone=_line_tone)
