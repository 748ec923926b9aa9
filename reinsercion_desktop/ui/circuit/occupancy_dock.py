"""Dock "Ocupación": each vivienda today — places by sex, occupied, free, prison share — and
who is in it, with days of stay and outing days used (from `occupancy_board`).

R-WL-3: a prison share over 20 % is shown in red. Like the waiting list, the dock reloads
only while on screen.
"""

from collections.abc import Callable, Mapping

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.services.occupancy import Occupant, ViviendaOccupancy
from reinsercion_desktop.services.registry import Services
from reinsercion_desktop.ui.circuit.waiting_list_dock import (
    fit_columns,
    fit_height,
    select_row,
    table_view,
)
from reinsercion_desktop.ui.circuit.waiting_list_model import (
    ALERT,
    MUTED,
    PRIORITY,
    PlainRowsModel,
    bold_font,
)
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.lazy import LazyDock

HOUSE_NAME, HOUSE_PLACES, HOUSE_OCCUPIED, HOUSE_FREE, HOUSE_PRISON = range(5)
PERSON_NAME, PERSON_SEX, PERSON_ADMISSION, PERSON_DAYS, PERSON_OUTINGS, PERSON_EXTRA = range(6)
PERSON_DISCHARGE, PERSON_NOTES, PERSON_CODAPEL = 6, 7, 8


def _by_sex(men: int, women: int, mixed: int) -> str:
    parts = [f"{n} {letter}" for n, letter in ((men, "H"), (women, "M"), (mixed, "X")) if n]
    return " · ".join(parts) or "0"


class HousesModel(PlainRowsModel):
    HEADERS = (tr("Vivienda"), tr("Plazas"), tr("Ocupadas"), tr("Libres"), tr("Prisión"))
    RIGHT = frozenset({HOUSE_PRISON})

    def cell(self, house: ViviendaOccupancy, column: int) -> str:
        if column == HOUSE_NAME:
            return house.name
        if column == HOUSE_PLACES:
            return _by_sex(house.places_men, house.places_women, house.places_mixed)
        if column == HOUSE_OCCUPIED:
            return _by_sex(house.occupied_men, house.occupied_women, 0)
        if column == HOUSE_FREE:
            return _by_sex(house.free_men, house.free_women, house.free_mixed)
        share = round(house.prison_share * 100)
        flag = " ⚠" if house.prison_over_limit else ""
        return f"{house.prison_occupants} ({share} %){flag}"

    def colour(self, house: ViviendaOccupancy, column: int) -> QColor | None:
        if column == HOUSE_PRISON and house.prison_over_limit:
            return ALERT
        if column == HOUSE_FREE:
            return PRIORITY if house.free else MUTED
        return None

    def font(self, house: ViviendaOccupancy, column: int) -> QFont | None:
        if column == HOUSE_PRISON and house.prison_over_limit:
            return bold_font()
        return None

    def tooltip(self, house: ViviendaOccupancy, column: int) -> str | None:
        if column == HOUSE_PRISON:
            if house.prison_over_limit:
                return tr("Más del 20 % de residentes derivados de prisión (R-WL-3)")
            return tr("Residentes derivados de prisión: como mucho el 20 % (R-WL-3)")
        if column in (HOUSE_PLACES, HOUSE_OCCUPIED, HOUSE_FREE):
            return tr("H: hombres · M: mujeres · X: plazas mixtas")
        return None


class OccupantsModel(PlainRowsModel):
    HEADERS = (
        tr("Persona"),
        tr("Sexo"),
        tr("Ingreso"),
        tr("Días"),
        tr("Salidas"),
        tr("Excepc."),
        tr("Alta prevista"),
        tr("Observaciones"),
        tr("CODAPEL"),
    )
    RIGHT = frozenset({PERSON_DAYS, PERSON_OUTINGS, PERSON_EXTRA})
    CENTRED = frozenset({PERSON_SEX})

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.names: Mapping[str, str] = {}  # participant id → "Apellidos, nombre"

    def cell(self, person: Occupant, column: int) -> str:
        if column == PERSON_NAME:
            return self.names.get(person.participant_id) or person.codapel
        if column == PERSON_CODAPEL:
            return person.codapel
        if column == PERSON_SEX:
            return person.sex
        if column == PERSON_ADMISSION:
            return format_date_es(person.admission_date)
        if column == PERSON_DAYS:
            return str(person.days_of_stay)
        if column == PERSON_OUTINGS:
            return str(person.outing_days)
        if column == PERSON_EXTRA:
            return str(person.exceptional_outing_days)
        if column == PERSON_DISCHARGE:
            return format_date_es(person.planned_discharge_date)
        notes = []
        if person.prison:
            notes.append(tr("Prisión"))
        if person.on_outing:
            notes.append(tr("De salida hoy"))
        return " · ".join(notes)

    def colour(self, person: Occupant, column: int) -> QColor | None:
        return MUTED if person.on_outing else None

    def tooltip(self, person: Occupant, column: int) -> str | None:
        if column == PERSON_OUTINGS:
            return tr("Días de salida terapéutica ordinaria hasta hoy (30–40 por estancia)")
        if column == PERSON_EXTRA:
            return tr("Días de salida terapéutica excepcional hasta hoy")
        if column == PERSON_DAYS:
            return tr("Días de estancia hasta hoy")
        if column == PERSON_NAME:
            return person.codapel
        return None


class OccupancyDock(LazyDock):
    participant_chosen = Signal(str)

    def __init__(self, services: Services, session: Session, parent: QWidget | None = None):
        super().__init__(tr("Ocupación"), parent)
        self.services = services
        self.session = session
        self.setObjectName("dock_occupancy")
        self.setMinimumWidth(420)
        # Participant id → "Apellidos, nombre", from the files already loaded (no query).
        self.names: Callable[[], Mapping[str, str]] = dict
        self.houses_model = HousesModel(self)
        self.people_model = OccupantsModel(self)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("occupancy_summary")
        self.houses_view = table_view(self.houses_model, "occupancy_table", ())
        fit_columns(self.houses_view, stretch=HOUSE_NAME)
        self.people_label = QLabel()
        set_role(self.people_label, "hint")
        self.people_view = table_view(
            self.people_model, "occupants_table", (200, 40, 80, 44, 54, 58, 90, 110)
        )
        self.houses_view.selectionModel().currentRowChanged.connect(self._house_changed)
        self.people_view.doubleClicked.connect(self._open_person)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.houses_view)
        layout.addSpacing(6)
        layout.addWidget(self.people_label)
        layout.addWidget(self.people_view, 1)
        self.setWidget(body)

    def refresh(self) -> None:
        current = self.current_house()
        today = self.session.today()
        board = self.services.occupancy.board(today)
        self.stale = False
        self.people_model.names = self.names()
        self.houses_model.set_rows(board)
        fit_height(self.houses_view, len(board), most=8)
        places = sum(h.places for h in board)
        occupied = sum(h.occupied for h in board)
        self.summary_label.setText(
            tr("{day}: {occupied} de {places} plazas ocupadas en {n} vivienda(s)").format(
                day=format_date_es(today), occupied=occupied, places=places, n=len(board)
            )
        )
        wanted = 0
        for row, house in enumerate(board):
            if current is not None and house.vivienda_id == current.vivienda_id:
                wanted = row
        if board:
            select_row(self.houses_view, wanted)
        self._show_people()

    def current_house(self) -> ViviendaOccupancy | None:
        index = self.houses_view.currentIndex()
        return self.houses_model.row_at(index.row()) if index.isValid() else None

    def _house_changed(self, *_args) -> None:  # type: ignore[no-untyped-def]
        self._show_people()

    def _show_people(self) -> None:
        house = self.current_house()
        occupants = list(house.occupants) if house else []
        occupants.sort(key=lambda person: person.admission_date)
        self.people_model.set_rows(occupants)
        if house is None:
            self.people_label.setText("")
            return
        self.people_label.setText(
            tr("En {name}: {n} persona(s). Doble clic para abrir la ficha.").format(
                name=house.name, n=len(occupants)
            )
        )

    def _open_person(self, index) -> None:  # type: ignore[no-untyped-def]
        if index.isValid():
            self.participant_chosen.emit(self.people_model.row_at(index.row()).participant_id)
