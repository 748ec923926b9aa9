"""Dock "Ocupación": each vivienda today — places, occupied, reserved, free, prison share —
and who lives in the one chosen, with days of stay and outing days used.

The place count is the waiting list's (domain.places): «Ocupadas» are residents,
«Reservadas» protocols assigned and not yet admitted, «Libres» the rest, so both docks
agree. R-WL-3: a prison share over 20 % is shown in red. It reads only while on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.ui.circuit.occupancy_model import (
    houses_model,
    resident_lines,
    residents_model,
)
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.lazy import LazyDock
from reinsercion_desktop.ui.widgets.table import RowsTableView

if TYPE_CHECKING:
    from reinsercion_desktop.services.occupancy import OccupancyService, ViviendaOccupancy


class OccupancyDock(LazyDock):
    participant_chosen = Signal(str)

    def __init__(
        self, occupancy: OccupancyService, session: Session, parent: QWidget | None = None
    ):
        super().__init__(tr("Ocupación"), parent)
        self.occupancy = occupancy
        self.session = session
        self.setObjectName("dock_occupancy")
        # Participant id → "Apellidos, nombre", from the files already loaded (no query).
        self.names: Callable[[], Mapping[str, str]] = dict
        self.houses_model = houses_model(self)
        self.people_model = residents_model(self)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("occupancy_summary")
        self.summary_label.setWordWrap(True)
        self.houses_view = RowsTableView(self.houses_model, "occupancy_table")
        self.people_label = QLabel()
        self.people_label.setWordWrap(True)
        set_role(self.people_label, "hint")
        self.people_view = RowsTableView(self.people_model, "occupants_table")
        self.houses_view.selectionModel().currentRowChanged.connect(self._show_people)
        self.people_view.row_activated.connect(
            lambda line: self.participant_chosen.emit(line.participant_id)
        )

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
        board = self.occupancy.board(today)
        self.stale = False
        self.houses_model.set_rows(board)
        self.houses_view.fit_height(most=8)
        self.summary_label.setText(
            tr(
                "{day}: {occupied} de {places} plazas ocupadas, {reserved} reservada(s) y "
                "{free} libre(s) en {n} vivienda(s)"
            ).format(
                day=format_date_es(today),
                occupied=sum(h.occupied for h in board),
                reserved=sum(h.reserved for h in board),
                free=sum(h.free for h in board),
                places=sum(h.places for h in board),
                n=len(board),
            )
        )
        if board:
            wanted = current.vivienda_id if current is not None else board[0].vivienda_id
            if not self.houses_view.select_where(lambda h: h.vivienda_id == wanted):
                self.houses_view.select_index(0)
        self._show_people()

    def current_house(self) -> ViviendaOccupancy | None:
        index = self.houses_view.currentIndex()
        return self.houses_model.row_at(index.row()) if index.isValid() else None

    def _show_people(self, *_args: object) -> None:
        house = self.current_house()
        self.people_model.set_rows(resident_lines(house.occupants if house else (), self.names()))
        if house is None:
            self.people_label.setText("")
            return
        text = tr("En {name}: {n} persona(s). Doble clic para abrir la ficha.").format(
            name=house.name, n=len(house.occupants)
        )
        for reservation in house.reservations:
            text += "\n" + tr("Plaza reservada: {code}, ingreso previsto el {day}.").format(
                code=reservation.codapel,
                day=format_date_es(reservation.planned_admission_date),
            )
        self.people_label.setText(text)
