"""Dock "Lista de espera": free places per vivienda, the queue in order, and its decisions.

The order, the free places and every refusal come from `WaitingListService` (R-WL-1..5);
the dock shows them and opens one small dialog per decision. It reloads only while it
is on screen: a hidden tab is marked stale and reloads when it is shown.
"""

from collections.abc import Callable, Mapping

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import ReferralStatus
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.domain.waiting_list import FreePlaces
from reinsercion_desktop.services.registry import Services
from reinsercion_desktop.ui.circuit.waiting_list_model import (
    FreePlacesModel,
    WaitingLine,
    WaitingListModel,
    free_summary,
    waiting_lines,
)
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.lazy import LazyDock

_S = ReferralStatus


def table_view(model, name: str, widths: tuple[int, ...]) -> QTableView:  # type: ignore[no-untyped-def]
    """A read-only, whole-row table over a model, columns resizable, the last one stretched."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in enumerate(widths):
        header.resizeSection(column, width)
    return view


def fit_columns(view: QTableView, stretch: int) -> None:
    """Columns as wide as their contents, `stretch` taking the rest; no sideways scrolling."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)


def fit_height(view: QTableView, rows: int, most: int) -> None:
    """A short table exactly as tall as its rows (up to `most`, then it scrolls)."""
    shown = min(max(rows, 1), most)
    height = view.horizontalHeader().sizeHint().height() + shown * 24 + 2 * view.frameWidth()
    view.setFixedHeight(height)


def select_row(view: QTableView, row: int) -> None:
    index = view.model().index(row, 0)
    view.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    view.scrollTo(index)


class WaitingListDock(LazyDock):
    participant_chosen = Signal(str)
    changed = Signal(str)  # a decision was saved for this participant ("" if unknown)

    def __init__(self, services: Services, session: Session, parent: QWidget | None = None):
        super().__init__(tr("Lista de espera"), parent)
        self.services = services
        self.session = session
        self.setObjectName("dock_waiting_list")
        self.setMinimumWidth(420)
        self.people: Callable[[], Mapping[str, tuple[str, str]]] = dict
        self.places: list[FreePlaces] = []
        self.last_dialog: QWidget | None = None

        self.places_model = FreePlacesModel(self)
        self.model = WaitingListModel(self)
        self.places_label = QLabel()
        self.places_label.setObjectName("free_places_label")
        self.places_view = table_view(self.places_model, "free_places_table", ())
        fit_columns(self.places_view, stretch=0)
        self.places_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.places_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table_view = table_view(
            self.model, "waiting_table", (30, 170, 40, 80, 40, 210, 170, 105)
        )
        self.count_label = QLabel()
        set_role(self.count_label, "hint")
        self.message_label = QLabel()
        self.message_label.setObjectName("waiting_message")
        self.message_label.setWordWrap(True)
        set_role(self.message_label, "hint")

        self.assign_button = QPushButton(tr("Asignar plaza…"))
        set_role(self.assign_button, "primary")
        self.postpone_button = QPushButton(tr("Aplazar…"))
        self.resign_button = QPushButton(tr("Renuncia…"))
        self.not_located_button = QPushButton(tr("No localizado/a…"))
        self.more_button = QToolButton()
        self.more_button.setText(tr("Más"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more = QMenu(self.more_button)
        self.resume_action = more.addAction(tr("Fin del aplazamiento"))
        self.decide_action = more.addAction(tr("Decidir tras 3 meses de aplazamiento…"))
        more.addSeparator()
        self.open_action = more.addAction(tr("Abrir la ficha"))
        self.refresh_action = more.addAction(tr("Actualizar"))
        self.more_button.setMenu(more)

        self.assign_button.clicked.connect(self.ask_assign)
        self.postpone_button.clicked.connect(lambda: self._step("postpone_dialog"))
        self.resign_button.clicked.connect(lambda: self._step("resign_dialog"))
        self.not_located_button.clicked.connect(lambda: self._step("not_located_dialog"))
        self.decide_action.triggered.connect(lambda: self._step("decide_dialog"))
        self.resume_action.triggered.connect(self.resume)
        self.open_action.triggered.connect(self._open_selected)
        self.refresh_action.triggered.connect(self.refresh)
        self.table_view.doubleClicked.connect(self._open_selected)
        self.table_view.selectionModel().selectionChanged.connect(self._selection_changed)

        buttons = QHBoxLayout()
        for button in (
            self.assign_button,
            self.postpone_button,
            self.resign_button,
            self.not_located_button,
        ):
            buttons.addWidget(button)
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

    # -- loading -------------------------------------------------------------------------

    def refresh(self) -> None:
        selected = self.selected()
        waiting = self.services.waiting_list.waiting_list()
        self.stale = False
        self.places = waiting.free_places
        self.places_model.set_rows(self.places)
        self.places_label.setText(free_summary(self.places, self.session.today()))
        self.model.set_rows(waiting_lines(waiting.rows, self.places, self.people()))
        rows = waiting.rows
        queued = sum(1 for r in rows if r.position is not None)
        self.count_label.setText(
            tr(
                "{queued} en lista (por fecha de recepción) · {assigned} en proceso de admisión "
                "· {postponed} aplazado(s)"
            ).format(
                queued=queued,
                assigned=len(rows) - queued,
                postponed=sum(1 for r in rows if r.status == _S.POSTPONED),
            )
        )
        self._fit_places()
        if selected is not None:
            self.select(selected.referral_id)
        self._selection_changed()

    def _fit_places(self) -> None:
        fit_height(self.places_view, self.places_model.rowCount(), most=6)

    # -- selection -----------------------------------------------------------------------

    def selected(self) -> WaitingLine | None:
        rows = self.table_view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select(self, referral_id: str) -> bool:
        row = self.model.row_of(referral_id)
        if row >= 0:
            select_row(self.table_view, row)
        return row >= 0

    def _selection_changed(self, *_args) -> None:  # type: ignore[no-untyped-def]
        line = self.selected()
        status = line.row.status if line else None
        self.assign_button.setEnabled(status in (_S.WAITING, _S.POSTPONED))
        self.postpone_button.setEnabled(status in (_S.WAITING, _S.ASSIGNED, _S.POSTPONED))
        self.resign_button.setEnabled(line is not None)
        self.not_located_button.setEnabled(status == _S.ASSIGNED)
        self.resume_action.setEnabled(status == _S.POSTPONED)
        self.decide_action.setEnabled(line is not None and line.row.needs_decision)
        self.open_action.setEnabled(line is not None)

    def _participant_of(self, line: WaitingLine) -> str:
        if line.participant_id:
            return line.participant_id
        try:
            return self.services.referrals.get(line.referral_id).participant_id
        except UserError:
            return ""

    def _open_selected(self, *_args) -> None:  # type: ignore[no-untyped-def]
        line = self.selected()
        if line is not None and (participant_id := self._participant_of(line)):
            self.participant_chosen.emit(participant_id)

    # -- decisions -----------------------------------------------------------------------

    def leaving(self) -> dict[str, list[tuple[str, str]]]:
        """Residents with a planned discharge, by vivienda: whose place may be assigned ahead."""
        found: dict[str, list[tuple[str, str]]] = {}
        for house in self.services.occupancy.board():
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
            self.services, self.session, line, self.places, self.leaving(), self
        )
        return self._open(dialog, line)

    def _step(self, name: str) -> QWidget | None:
        """One of the protocol's step dialogs (postpone, resign, not located, decide)."""
        from reinsercion_desktop.ui.circuit import referral_steps

        line = self.selected()
        if line is None:
            return None
        try:
            referral = self.services.referrals.get(line.referral_id)
        except UserError as error:
            QMessageBox.warning(self, tr("No se puede"), str(error))
            return None
        dialog = getattr(referral_steps, name)(self.services, self.session, referral, self)
        return self._open(dialog, line)

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
        self.changed.emit(self._participant_of(line))

    def resume(self) -> None:
        line = self.selected()
        if line is None:
            return
        try:
            self.services.waiting_list.resume(self.session.actor, line.referral_id)
        except UserError as error:
            QMessageBox.warning(self, tr("No se ha guardado"), str(error))
            return
        self.message_label.setText(
            tr("{who}: vuelve a la lista en su puesto.").format(who=line.name or line.row.codapel)
        )
        self.refresh()
        self.changed.emit(self._participant_of(line))
