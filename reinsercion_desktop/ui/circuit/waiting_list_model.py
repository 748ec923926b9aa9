"""Lista de espera and its free places as table models over plain rows (no database call in data()).

`PlainRowsModel` is the small shared shape: a list of frozen rows, a header tuple and a
`cell(row, column)` that formats; the occupancy dock uses it too.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import ReferralStatus, Sex
from reinsercion_desktop.domain.waiting_list import FreePlaces, WaitingListRow
from reinsercion_desktop.ui.tr import tr

_DISPLAY = Qt.ItemDataRole.DisplayRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_FONT = Qt.ItemDataRole.FontRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)

ALERT = QColor("#b3261e")
MUTED = QColor("#6b7480")
ASSIGNED = QColor("#1d5fa8")
PRIORITY = QColor("#1e5e3f")


def bold_font() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class PlainRowsModel(QAbstractTableModel):
    """Rows kept as given; subclasses say how a cell reads and looks."""

    HEADERS: tuple[str, ...] = ()
    RIGHT: frozenset[int] = frozenset()  # numeric columns, right-aligned
    CENTRED: frozenset[int] = frozenset()

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    @property
    def rows(self) -> list[Any]:
        return self._rows

    def rowCount(self, parent=QModelIndex()) -> int:  # type: ignore[no-untyped-def]  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # type: ignore[no-untyped-def]  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=_DISPLAY):  # type: ignore[no-untyped-def]
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == _DISPLAY:
            return self.cell(row, column)
        if role == _FOREGROUND:
            return self.colour(row, column)
        if role == _FONT:
            return self.font(row, column)
        if role == _TOOLTIP:
            return self.tooltip(row, column)
        if role == _ALIGN:
            if column in self.RIGHT:
                return _RIGHT
            if column in self.CENTRED:
                return _CENTRE
        return None

    # -- what subclasses fill in ----------------------------------------------------------

    def cell(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def colour(self, row: Any, column: int) -> QColor | None:
        return None

    def font(self, row: Any, column: int) -> QFont | None:
        return None

    def tooltip(self, row: Any, column: int) -> str | None:
        return None


# -- the queue ---------------------------------------------------------------------------


@dataclass(frozen=True)
class WaitingLine:
    """One line of the list as the dock shows it: the service's row and who it is."""

    row: WaitingListRow
    participant_id: str = ""  # "" when the person is not among the loaded files
    name: str = ""
    vivienda_name: str = ""  # once assigned
    free_for_sex: int = 0  # free places this person's sex can take, in every vivienda

    @property
    def referral_id(self) -> str:
        return self.row.referral_id


def waiting_lines(
    rows: Sequence[WaitingListRow],
    places: Sequence[FreePlaces],
    people: Mapping[str, tuple[str, str]],
) -> list[WaitingLine]:
    """`people`: CODAPEL → (participant id, "Apellidos, nombre") of the files loaded."""
    names = {p.vivienda_id: p.name for p in places}
    free = {sex.value: sum(p.free_for(sex.value) for p in places) for sex in Sex}
    lines = []
    for row in rows:
        participant_id, name = people.get(row.codapel, ("", ""))
        lines.append(
            WaitingLine(
                row=row,
                participant_id=participant_id,
                name=name,
                vivienda_name=names.get(row.vivienda_id or "", ""),
                free_for_sex=free.get(row.sex, 0),
            )
        )
    return lines


(
    COL_POSITION,
    COL_PERSON,
    COL_SEX,
    COL_RECEIVED,
    COL_DAYS,
    COL_STATUS,
    COL_NOTES,
    COL_CODAPEL,
    COL_CENTRE,
) = range(9)


def status_text(line: WaitingLine) -> str:
    row = line.row
    if row.needs_decision:
        return tr("Aplazado más de 3 meses: decidir")
    if row.status == ReferralStatus.ASSIGNED:
        return tr("Admisión: {place}, {day}").format(
            place=line.vivienda_name or tr("vivienda"),
            day=format_date_es(row.planned_admission_date),
        )
    if row.status == ReferralStatus.POSTPONED:
        if row.postponed_until is not None:
            return tr("Aplazado hasta {day}").format(day=format_date_es(row.postponed_until))
        return tr("Aplazado")
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


class WaitingListModel(PlainRowsModel):
    """Assigned protocols first (proceso de admisión), then the queue in its order."""

    HEADERS = (
        tr("Nº"),
        tr("Persona"),
        tr("Sexo"),
        tr("Recibido"),
        tr("Días"),
        tr("Situación"),
        tr("Observaciones"),
        tr("CODAPEL"),
        tr("Centro derivador"),
    )
    RIGHT = frozenset({COL_DAYS})
    CENTRED = frozenset({COL_POSITION, COL_SEX})

    def cell(self, line: WaitingLine, column: int) -> str:
        row = line.row
        if column == COL_POSITION:
            return "—" if row.position is None else str(row.position)
        if column == COL_PERSON:
            return line.name or row.codapel
        if column == COL_CODAPEL:
            return row.codapel
        if column == COL_SEX:
            return row.sex
        if column == COL_RECEIVED:
            return format_date_es(row.received_date)
        if column == COL_DAYS:
            return str(row.days_waiting)
        if column == COL_STATUS:
            return status_text(line)
        if column == COL_NOTES:
            return notes_text(line)
        return row.referring_centre

    def colour(self, line: WaitingLine, column: int) -> QColor | None:
        row = line.row
        if row.needs_decision:
            return ALERT
        if row.status == ReferralStatus.ASSIGNED:
            return ASSIGNED
        if row.status == ReferralStatus.POSTPONED:
            return MUTED
        if row.priority and column in (COL_POSITION, COL_NOTES):
            return PRIORITY
        return None

    def font(self, line: WaitingLine, column: int) -> QFont | None:
        return bold_font() if line.row.priority else None

    def tooltip(self, line: WaitingLine, column: int) -> str | None:
        row = line.row
        if column == COL_SEX:
            free = line.free_for_sex
            return tr("{sex}: {n} plaza(s) libre(s) compatible(s) hoy").format(
                sex=Sex(row.sex).label if row.sex in set(Sex) else row.sex, n=free
            )
        if column == COL_RECEIVED:
            return tr("Recepción del protocolo completo: ordena la lista (R-WL-1)")
        if column == COL_STATUS and row.status == ReferralStatus.ASSIGNED:
            return tr(
                "Proceso de admisión en {place}: plaza asignada el {assigned}, ingreso previsto "
                "el {day}"
            ).format(
                place=line.vivienda_name,
                assigned=format_date_es(row.assigned_date),
                day=format_date_es(row.planned_admission_date),
            )
        if row.priority:
            return tr("Alta derivada reciente: primera vacante de la misma vivienda (R-WL-4)")
        return None

    def row_of(self, referral_id: str) -> int:
        for index, line in enumerate(self._rows):
            if line.referral_id == referral_id:
                return index
        return -1


# -- free places -------------------------------------------------------------------------

(
    FREE_VIVIENDA,
    FREE_PLACES,
    FREE_TAKEN,
    FREE_MEN,
    FREE_WOMEN,
    FREE_MIXED,
    FREE_LEAVING,
) = range(7)


def places_text(places: FreePlaces) -> str:
    parts = []
    for count, letter in (
        (places.places_men, "H"),
        (places.places_women, "M"),
        (places.places_mixed, "X"),
    ):
        if count:
            parts.append(f"{count} {letter}")
    return " · ".join(parts) or "0"


class FreePlacesModel(PlainRowsModel):
    """Each vivienda in force: its places, who holds one (in residence or assigned), free ones."""

    HEADERS = (
        tr("Vivienda"),
        tr("Plazas"),
        tr("Ocupadas"),
        tr("Libres H"),
        tr("Libres M"),
        tr("Libres X"),
        tr("Altas anunc."),
    )
    RIGHT = frozenset({FREE_TAKEN, FREE_MEN, FREE_WOMEN, FREE_MIXED, FREE_LEAVING})

    def cell(self, places: FreePlaces, column: int) -> str:
        if column == FREE_VIVIENDA:
            return places.name
        if column == FREE_PLACES:
            return places_text(places)
        if column == FREE_TAKEN:
            return str(places.occupied_men + places.occupied_women)
        if column == FREE_MEN:
            return str(places.free_men)
        if column == FREE_WOMEN:
            return str(places.free_women)
        if column == FREE_MIXED:
            return str(places.free_mixed)
        return str(places.leaving)

    def colour(self, places: FreePlaces, column: int) -> QColor | None:
        if column in (FREE_MEN, FREE_WOMEN, FREE_MIXED):
            value = (places.free_men, places.free_women, places.free_mixed)[column - FREE_MEN]
            return PRIORITY if value else MUTED
        return None

    def font(self, places: FreePlaces, column: int) -> QFont | None:
        return bold_font() if column == FREE_VIVIENDA and places.free_total else None

    def tooltip(self, places: FreePlaces, column: int) -> str | None:
        if column in (FREE_PLACES, FREE_MEN, FREE_WOMEN, FREE_MIXED):
            return tr("H: hombres · M: mujeres · X: plazas mixtas (para cualquiera)")
        if column == FREE_TAKEN:
            return tr("Personas en la vivienda más plazas ya asignadas (proceso de admisión)")
        if column == FREE_LEAVING:
            return tr("Residentes con el alta anunciada: su plaza se puede asignar ya (R-WL-5)")
        return None


def free_summary(places: Sequence[FreePlaces], today: date) -> str:
    men = sum(p.free_for(Sex.MAN) for p in places)
    women = sum(p.free_for(Sex.WOMAN) for p in places)
    return tr("Plazas libres el {day}: {men} para hombres, {women} para mujeres").format(
        day=format_date_es(today), men=men, women=women
    )
