"""Dock "Lista de espera": the places of each vivienda, the queue in order, and its decisions.

The order, the place counts and every refusal come from `WaitingListService` (R-WL-1..5);
the dock shows them and opens one small dialog per decision. It reads only while on
screen (LazyDock). At 340 px wide the queue scrolls sideways and the less frequent
decisions are under «Más acciones».
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import ReferralStatus
from reinsercion_desktop.domain.errors import UserError

# Re-exported for the screens outside the circuit not yet converted (see legacy_tables).
from reinsercion_desktop.ui.circuit.parts import menu_button
from reinsercion_desktop.ui.circuit.waiting_list_model import (
    WaitingLine,
    free_places_model,
    free_summary,
    waiting_lines,
    waiting_list_model,
)
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.lazy import LazyDock
from reinsercion_desktop.ui.widgets.table import RowsTableView

if TYPE_CHECKING:
    from reinsercion_desktop.domain.waiting_list import FreePlaces
    from reinsercion_desktop.services.occupancy import OccupancyService
    from reinsercion_desktop.services.waiting_list import WaitingListService

_S = ReferralStatus


class WaitingListDock(LazyDock):
    participant_chosen = Signal(str)
    changed = Signal(str)  # a decision was saved for this participant ("" if unknown)

    def __init__(
        self,
        waiting_list: WaitingListService,
        occupancy: OccupancyService,
        session: Session,
        parent: QWidget | None = None,
    ):
        super().__init__(tr("Lista de espera"), parent)
        self.waiting_list = waiting_list
        self.occupancy = occupancy
        self.session = session
        self.setObjectName("dock_waiting_list")
        # Participant id → "Apellidos, nombre", from the files already loaded (no query).
        self.names: Callable[[], Mapping[str, str]] = dict
        self.places: list[FreePlaces] = []
        self.last_dialog: QWidget | None = None

        self.places_model = free_places_model(self)
        self.model = waiting_list_model(self)
        self.places_label = QLabel()
        self.places_label.setObjectName("free_places_label")
        self.places_label.setWordWrap(True)
        self.places_view = RowsTableView(self.places_model, "free_places_table")
        self.places_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.places_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table_view = RowsTableView(self.model, "waiting_table")
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        set_role(self.count_label, "hint")
        self.message_label = QLabel()
        self.message_label.setObjectName("waiting_message")
        self.message_label.setWordWrap(True)
        set_role(self.message_label, "hint")

        self.assign_button = QPushButton(tr("Asignar plaza…"))
        set_role(self.assign_button, "primary")
        self.assign_button.clicked.connect(self.ask_assign)
        self.postpone_action = self._action(tr("Aplazar…"), lambda: self._step("postpone_dialog"))
        self.resign_action = self._action(tr("Renuncia…"), lambda: self._step("resign_dialog"))
        self.not_located_action = self._action(
            tr("No localizado/a…"), lambda: self._step("not_located_dialog")
        )
        self.resume_action = self._action(tr("Fin del aplazamiento"), self.resume)
        self.decide_action = self._action(
            tr("Decidir tras 3 meses de aplazamiento…"), lambda: self._step("decide_dialog")
        )
        self.open_action = self._action(tr("Abrir la ficha"), self._open_selected)
        self.refresh_action = self._action(tr("Actualizar"), self.refresh)
        self.more_button = menu_button(
            tr("Más acciones"),
            [self.postpone_action, self.resume_action, self.decide_action, None]
            + [self.resign_action, self.not_located_action, None]
            + [self.open_action, self.refresh_action],
        )
        self.table_view.row_activated.connect(lambda _line: self._open_selected())
        self.table_view.selectionModel().selectionChanged.connect(self._selection_changed)

        buttons = QHBoxLayout()
        buttons.addWidget(self.assign_button)
        buttons.addStretch()
        buttons.addWidget(self.more_button)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.places_label)
        layout.addWidget(self.places_view)
        layout.addSpacing(6)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table_view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message_label)
        self.setWidget(body)
        self._selection_changed()

    def _action(self, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # -- loading -------------------------------------------------------------------------

    def refresh(self) -> None:
        selected = self.selected()
        waiting = self.waiting_list.waiting_list()
        self.stale = False
        self.places = waiting.free_places
        self.places_model.set_rows(self.places)
        self.places_view.fit_height(most=6)
        self.places_label.setText(free_summary(self.places, self.session.today()))
        rows = waiting.rows
        self.model.set_rows(waiting_lines(rows, self.places, self.names()))
        queued = sum(1 for r in rows if r.position is not None)
        self.count_label.setText(
            tr(
                "{queued} en lista (por fecha de recepción) · {assigned} en proceso de admisión "
                "· {postponed} aplazado(s)"
            ).format(
                queued=queued,
                assigned=len(rows) - queued,
                postponed=sum(1 for r in rows if r.postponed),
            )
        )
        if selected is not None:
            self.select(selected.referral_id)
        self._selection_changed()

    # -- selection -----------------------------------------------------------------------

    def selected(self) -> WaitingLine | None:
        return self.table_view.current_row()

    def select(self, referral_id: str) -> bool:
        return self.table_view.select_where(lambda line: line.referral_id == referral_id)

    def _selection_changed(self, *_args: object) -> None:
        line = self.selected()
        status = line.row.status if line else None
        self.assign_button.setEnabled(status in (_S.WAITING, _S.POSTPONED))
        self.postpone_action.setEnabled(status in (_S.WAITING, _S.ASSIGNED, _S.POSTPONED))
        self.resign_action.setEnabled(line is not None)
        self.not_located_action.setEnabled(status == _S.ASSIGNED)
        self.resume_action.setEnabled(status == _S.POSTPONED)
        self.decide_action.setEnabled(line is not None and line.row.needs_decision)
        self.open_action.setEnabled(line is not None)

    def _open_selected(self) -> None:
        line = self.selected()
        if line is not None and line.participant_id:
            self.participant_chosen.emit(line.participant_id)

    # -- decisions -----------------------------------------------------------------------

    def leaving(self) -> dict[str, list[tuple[str, str]]]:
        """Residents with a planned discharge, by vivienda: whose place may be assigned ahead."""
        found: dict[str, list[tuple[str, str]]] = {}
        for house in self.occupancy.board():
            for person in house.occupants:
                if person.planned_discharge_date is not None:
                    found.setdefault(house.vivienda_id, []).append(
                        (
                            person.stay_id,
                            tr("{code} · alta prevista el {day}").format(
                                code=person.codapel,
                                day=format_date_es(person.planned_discharge_date),
                            ),
                        )
                    )
        return found

    def ask_assign(self) -> QWidget | None:
        from reinsercion_desktop.ui.circuit.assign_vacancy import assign_vacancy_dialog

        line = self.selected()
        if line is None:
            return None
        dialog = assign_vacancy_dialog(
            self.waiting_list, self.session, line, self.places, self.leaving(), self
        )
        return self._open(dialog, line)

    def _step(self, name: str) -> QWidget | None:
        """One of the protocol's step dialogs (postpone, resign, not located, decide)."""
        from reinsercion_desktop.ui.circuit import referral_steps

        line = self.selected()
        if line is None:
            return None
        try:
            referral = self.waiting_list.get(line.referral_id)
        except UserError as error:
            QMessageBox.warning(self, tr("No se puede"), str(error))
            return None
        build = getattr(referral_steps, name)
        return self._open(build(self.waiting_list, self.session, referral, self), line)

    def _open(self, dialog, line: WaitingLine) -> QWidget:  # type: ignore[no-untyped-def]
        dialog.accepted.connect(lambda: self._saved(dialog, line))
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, dialog, line: WaitingLine) -> None:  # type: ignore[no-untyped-def]
        result = dialog.outcome
        following = result[1] if isinstance(result, tuple) and len(result) == 2 else None
        text = tr("{who}: {what}.").format(
            who=line.name or line.row.codapel, what=dialog.windowTitle()
        )
        if following is not None:
            text += " " + tr("La plaza pasa al siguiente protocolo de la lista.")
        self.message_label.setText(text)
        self.refresh()
        self.changed.emit(line.participant_id)

    def resume(self) -> None:
        line = self.selected()
        if line is None:
            return
        try:
            self.waiting_list.resume(self.session.actor, line.referral_id)
        except UserError as error:
            QMessageBox.warning(self, tr("No se ha guardado"), str(error))
            return
        self.message_label.setText(
            tr("{who}: vuelve a la lista en su puesto.").format(who=line.name or line.row.codapel)
        )
        self.refresh()
        self.changed.emit(line.participant_id)
