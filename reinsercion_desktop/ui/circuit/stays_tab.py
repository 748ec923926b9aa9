"""Tab "Estancias" of a participant's file: stays, and the selected stay's outings,
controls, incidents and contributions, with the R-STAY-1/2 warnings in sight.

One read per refresh: `StayService.stays_of` gives every stay with what happened during
it (`StayView`), so choosing another stay asks nothing of the database. In a 760 × 430
file the buttons are admission, outing, discharge and «Más acciones»; the tables scroll.
"""

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.enums import DisciplinaryCriterion
from reinsercion_desktop.domain.stay_rules import OUTING_MAX_DAYS, OUTING_MIN_DAYS
from reinsercion_desktop.services.stay_views import OutingView, StayView
from reinsercion_desktop.services.stays import StayService
from reinsercion_desktop.ui.circuit import discharge_dialog as ends
from reinsercion_desktop.ui.circuit import stay_dialogs
from reinsercion_desktop.ui.circuit.exchange_column import show_exchange_column
from reinsercion_desktop.ui.circuit.parts import menu_button, shortened
from reinsercion_desktop.ui.circuit.stays_model import (
    COL_EXCHANGE,
    COL_OUTING_EXCHANGE,
    contributions_model,
    controls_model,
    incidents_model,
    label,
    outings_model,
    stays_model,
)
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.action_dialog import ActionDialog
from reinsercion_desktop.ui.widgets.lazy import LazyTab
from reinsercion_desktop.ui.widgets.table import RowsTableView


class StaysTab(LazyTab):
    """Estancias: the person's stays in the viviendas and what happens during each."""

    changed = Signal()

    def __init__(self, stays: StayService, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.stay_service = stays
        self.session = session
        self.stays: list[StayView] = []
        self.dialog: ActionDialog | None = None

        self.admit_button = QPushButton(tr("Ingresar…"))
        self.admit_button.clicked.connect(self.ask_admission)
        self.actions = self._make_actions()
        self.outing_button = QPushButton(self.actions["outing"].text())
        self.outing_button.clicked.connect(self.actions["outing"].trigger)
        self.discharge_button = QPushButton(self.actions["discharge"].text())
        self.discharge_button.clicked.connect(self.actions["discharge"].trigger)
        a = self.actions
        self.more_button = menu_button(
            tr("Más acciones"),
            [a["cancel_outing"], None, a["tox"], a["incident"], None, a["planned"]]
            + [a["justify"], a["notice"], None, a["contribution"]],
        )

        self.model = stays_model(self)
        self.table = RowsTableView(self.model, "stays_table")
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.empty_label = QLabel(
            tr("Esta persona no ha tenido estancias. El ingreso se registra con «Ingresar…».")
        )
        self.empty_label.setWordWrap(True)
        set_role(self.empty_label, "hint")
        self.warnings_label = QLabel()
        self.warnings_label.setObjectName("stay_warnings")
        self.warnings_label.setWordWrap(True)
        set_role(self.warnings_label, "chip-archived")
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        set_role(self.summary_label, "hint")

        self.outings_model = outings_model(self)
        self.controls_model = controls_model(self)
        self.incidents_model = incidents_model(self)
        self.contributions_model = contributions_model(self)
        self.outings_table = RowsTableView(self.outings_model, "outings_table")
        self.details = QTabWidget()
        self.details.setObjectName("stay_details")
        self.details.setUsesScrollButtons(True)
        self._detail_titles = (
            tr("Salidas"),
            tr("Controles"),
            tr("Incidencias"),
            tr("Aportaciones"),
        )
        self.detail_tables = (
            self.outings_table,
            RowsTableView(self.controls_model, "controls_table"),
            RowsTableView(self.incidents_model, "incidents_table"),
            RowsTableView(self.contributions_model, "contributions_table"),
        )
        for table, title in zip(self.detail_tables, self._detail_titles, strict=True):
            self.details.addTab(table, title)

        buttons = QHBoxLayout()
        for button in (self.admit_button, self.outing_button, self.discharge_button):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(self.more_button)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table)
        top_layout.addWidget(self.empty_label)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.warnings_label)
        bottom_layout.addWidget(self.summary_label)
        bottom_layout.addWidget(self.details, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([160, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(splitter)
        self._selection_changed()

    def _make_actions(self) -> dict[str, QAction]:
        def on_stay(build: Callable[..., ActionDialog]) -> Callable[[], None]:
            return lambda: self._with_stay(
                lambda stay: self._open(build(self.stay_service, self.session, stay, self))
            )

        spec = [
            ("outing", tr("Salida…"), on_stay(stay_dialogs.outing_dialog)),
            ("cancel_outing", tr("Anular salida…"), self.ask_cancel_outing),
            ("tox", tr("Control toxicológico…"), on_stay(stay_dialogs.tox_dialog)),
            ("incident", tr("Incidencia…"), on_stay(stay_dialogs.incident_dialog)),
            ("planned", tr("Alta prevista…"), on_stay(ends.planned_discharge_dialog)),
            ("justify", tr("Justificar estancia larga…"), on_stay(ends.justify_dialog)),
            ("notice", tr("Aviso de alta a la oficina…"), on_stay(ends.notice_dialog)),
            ("discharge", tr("Alta…"), on_stay(ends.discharge_dialog)),
            ("contribution", tr("Aportación económica…"), on_stay(ends.contribution_dialog)),
        ]
        actions = {}
        for name, text, slot in spec:
            action = QAction(text, self)
            action.setObjectName(f"stay_{name}")
            action.triggered.connect(lambda _=False, s=slot: s())
            actions[name] = action
        return actions

    # -- list ------------------------------------------------------------------------------

    def refresh(self) -> None:
        if not self.participant_id:
            return
        self.stale = False
        chosen = self.selected()
        chosen_id = chosen.id if chosen else None
        self.stays = self.stay_service.stays_of(self.participant_id)
        self.model.set_rows(self.stays)
        show_exchange_column(self.table, COL_EXCHANGE, (s.exchange for s in self.stays))
        self.table.setVisible(bool(self.stays))
        self.empty_label.setVisible(not self.stays)
        if not self.table.select_where(lambda stay: stay.id == chosen_id):
            self.table.select_index(len(self.stays) - 1)
        self._selection_changed()

    def selected(self) -> StayView | None:
        return self.table.current_row()

    @property
    def outings(self) -> list[OutingView]:
        stay = self.selected()
        return list(stay.outings) if stay else []

    def _selection_changed(self, *_args: object) -> None:
        stay = self.selected()
        open_stay = stay is not None and stay.is_open
        for action in self.actions.values():
            action.setEnabled(open_stay)
        self.outing_button.setEnabled(open_stay)
        self.discharge_button.setEnabled(open_stay)
        self.actions["cancel_outing"].setEnabled(bool(stay and stay.outings))
        self.actions["contribution"].setEnabled(stay is not None)
        self.actions["justify"].setEnabled(stay is not None)
        self.actions["notice"].setEnabled(stay is not None and stay.discharge_notice_date is None)
        parts = (
            (self.outings_model, stay.outings if stay else ()),
            (self.controls_model, stay.tox_controls if stay else ()),
            (self.incidents_model, stay.incidents if stay else ()),
            (self.contributions_model, stay.contributions if stay else ()),
        )
        for index, (model, rows) in enumerate(parts):
            model.set_rows(rows)
            title = self._detail_titles[index]
            self.details.setTabText(index, f"{title} ({len(rows)})" if rows else title)
        outings = stay.outings if stay else ()
        show_exchange_column(self.outings_table, COL_OUTING_EXCHANGE, (o.exchange for o in outings))
        warnings = stay.warnings if stay else ()
        self.warnings_label.setText("\n".join(f"⚠ {w}" for w in warnings))
        self.warnings_label.setVisible(bool(warnings))
        # Long texts are cut in the label (the file may be 430 px tall), whole in its tooltip.
        self.summary_label.setText(self._summary(stay, shortened) if stay else "")
        self.summary_label.setToolTip(self._summary(stay, str) if stay else "")
        self.summary_label.setVisible(stay is not None)
        self.details.setEnabled(stay is not None)

    def _summary(self, stay: StayView, cut: Callable[[str], str]) -> str:
        text = tr(
            "Salidas ordinarias: {taken} días disfrutados de {planned} previstos "
            "(el programa prevé de {low} a {high})."
        ).format(
            taken=stay.outing_days_taken,
            planned=stay.outing_days_planned,
            low=OUTING_MIN_DAYS,
            high=OUTING_MAX_DAYS,
        )
        if stay.over_9_months_justification:
            text += " " + tr("Estancia larga justificada: {text}").format(
                text=cut(stay.over_9_months_justification)
            )
        if stay.disciplinary_criterion:
            text += " " + tr("Criterio disciplinario: {criterion}.").format(
                criterion=label(DisciplinaryCriterion, stay.disciplinary_criterion).lower()
            )
        reasons = [t for t in (stay.discharge_reason, stay.abandonment_reason) if t]
        if reasons:
            text += " " + tr("Motivo del alta: {text}").format(text=cut(" · ".join(reasons)))
        return text

    # -- actions ---------------------------------------------------------------------------

    def _with_stay(self, slot: Callable[[StayView], None]) -> None:
        stay = self.selected()
        if stay is not None:
            slot(stay)

    def _open(self, dialog: ActionDialog) -> None:
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._dialog_done(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _dialog_done(self, dialog: ActionDialog) -> None:
        warnings = getattr(dialog.outcome, "warnings", None)
        self.refresh()
        self.changed.emit()
        if warnings:  # R-STAY-1: saved, with something to keep in mind
            QMessageBox.information(self, tr("Guardado, con avisos"), "\n\n".join(warnings))

    def ask_admission(self) -> None:
        if not self.participant_id:
            return
        options = self.stay_service.admission_options(self.participant_id)
        if not options.referrals:
            QMessageBox.warning(
                self,
                tr("No se puede ingresar"),
                tr(
                    "Esta persona no tiene un protocolo en lista de espera o en proceso de "
                    "admisión (ni con orden judicial). Siga antes su derivación en la pestaña "
                    "Derivaciones."
                ),
            )
            return
        self._open(stay_dialogs.admission_dialog(self.stay_service, self.session, options, self))

    def ask_cancel_outing(self) -> None:
        outings = self.outings
        if not outings:
            return
        chosen = self.outings_table.current_row()
        self._open(
            stay_dialogs.cancel_outing_dialog(
                self.stay_service, self.session, outings, chosen, self
            )
        )
