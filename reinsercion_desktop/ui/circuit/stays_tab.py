"""Tab "Estancias" of a participant's file: stays, and the selected stay's outings,
controls, incidents and contributions, with the R-STAY-1/2 warnings in sight."""

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

from reinsercion_desktop.db.models import Outing, Stay
from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import (
    DischargeType,
    DisciplinaryCriterion,
    OutingKind,
    Programme,
)
from reinsercion_desktop.domain.stay_rules import (
    OUTING_MAX_DAYS,
    OUTING_MIN_DAYS,
    SEVERITIES,
    TOX_RESULTS,
    OutingFacts,
    StayFacts,
    outing_days,
    outing_days_used,
    stay_days,
)
from reinsercion_desktop.services.registry import Services
from reinsercion_desktop.ui.circuit import discharge_dialog as ends
from reinsercion_desktop.ui.circuit import stay_dialogs
from reinsercion_desktop.ui.circuit.parts import fill, make_table, menu_button
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.action_dialog import ActionDialog
from reinsercion_desktop.ui.widgets.lazy import LazyTab


def _label(vocabulary, value: str) -> str:  # type: ignore[no-untyped-def]
    return vocabulary(value).label if value in set(vocabulary) else value


def _money(amount: float) -> str:
    return f"{amount:,.2f} €".replace(",", "\u202f").replace(".", ",").replace("\u202f", ".")


class StaysTab(LazyTab):
    """Estancias: the person's stays in the viviendas and what happens during each."""

    changed = Signal()

    def __init__(self, services: Services, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.session = session
        self.stays: list[Stay] = []
        self.outings: list[Outing] = []
        self.viviendas: dict[str, str] = {}
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
            tr("Más"),
            [a["cancel_outing"], None, a["tox"], a["incident"], None, a["planned"]]
            + [a["justify"], a["notice"], None, a["contribution"]],
        )

        self.table = make_table(
            [
                tr("Vivienda"),
                tr("Ingreso"),
                tr("Programa"),
                tr("Alta prevista"),
                tr("Alta"),
                tr("Días"),
            ],
            4,  # the discharge (date and type) wraps when the file is narrow
            wrap=True,
        )
        self.table.setObjectName("stays_table")
        self.table.itemSelectionChanged.connect(self._selection_changed)
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

        self.outings_table = make_table(
            [tr("Salida"), tr("Regreso"), tr("Tipo"), tr("Días"), tr("Objeto")], 4, wrap=True
        )
        self.controls_table = make_table(
            [tr("Fecha"), tr("Resultado"), tr("Sustancias"), tr("Tras salida")], 2
        )
        self.incidents_table = make_table(
            [tr("Fecha"), tr("Gravedad"), tr("Descripción")], 2, wrap=True
        )
        self.contributions_table = make_table(
            [
                tr("Desde"),
                tr("Diaria"),
                tr("Ingreso mensual"),
                tr("Origen"),
                tr("Meses"),
                tr("Autorizada por"),
            ],
            3,
        )
        self.details = QTabWidget()
        self.details.setObjectName("stay_details")
        for table, title in (
            (self.outings_table, tr("Salidas")),
            (self.controls_table, tr("Controles")),
            (self.incidents_table, tr("Incidencias")),
            (self.contributions_table, tr("Aportaciones")),
        ):
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
        bottom_layout.addWidget(self.details)
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
                lambda stay: self._open(build(self.services, self.session, stay, self))
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
        self.stays = self.services.stays.stays_of(self.participant_id)
        self.viviendas = {v.id: v.name for v in self.services.catalogues.viviendas()}
        today = self.session.today()
        fill(
            self.table,
            [
                (
                    self.viviendas.get(s.vivienda_id, "?"),
                    format_date_es(s.admission_date),
                    _label(Programme, s.programme),
                    format_date_es(s.planned_discharge_date),
                    self._discharge_text(s),
                    str(stay_days(StayFacts.of(s), today)),
                )
                for s in self.stays
            ],
        )
        self.table.setVisible(bool(self.stays))
        self.empty_label.setVisible(not self.stays)
        ids = [s.id for s in self.stays]
        row = ids.index(chosen.id) if chosen and chosen.id in ids else len(ids) - 1
        if row >= 0:
            self.table.setCurrentCell(row, 0)
        self._selection_changed()

    @staticmethod
    def _discharge_text(stay: Stay) -> str:
        if stay.discharge_date is None:
            return tr("en curso")
        kind = _label(DischargeType, stay.discharge_type).lower()
        return f"{format_date_es(stay.discharge_date)} ({kind})"

    def selected(self) -> Stay | None:
        row = self.table.currentRow()
        return self.stays[row] if 0 <= row < len(self.stays) else None

    def _selection_changed(self) -> None:
        stay = self.selected()
        open_stay = stay is not None and stay.discharge_date is None
        for action in self.actions.values():
            action.setEnabled(open_stay)
        self.outing_button.setEnabled(open_stay)
        self.discharge_button.setEnabled(open_stay)
        stays = self.services.stays
        self.outings = stays.outings_of(stay.id) if stay else []
        self.actions["cancel_outing"].setEnabled(bool(self.outings))
        self.actions["contribution"].setEnabled(stay is not None)
        self.actions["justify"].setEnabled(stay is not None)
        self.actions["notice"].setEnabled(stay is not None and stay.discharge_notice_date is None)
        fill(
            self.outings_table,
            [
                (
                    format_date_es(o.start_date),
                    format_date_es(o.end_date),
                    _label(OutingKind, o.kind),
                    str(outing_days(o)),
                    o.purpose,
                )
                for o in self.outings
            ],
        )
        controls = stays.tox_controls_of(stay.id) if stay else []
        fill(
            self.controls_table,
            [
                (
                    format_date_es(c.on_date),
                    TOX_RESULTS.get(c.result, c.result),
                    c.substances,
                    tr("Sí") if c.after_outing else "",
                )
                for c in controls
            ],
        )
        incidents = stays.incidents_of(stay.id) if stay else []
        fill(
            self.incidents_table,
            [
                (format_date_es(i.on_date), SEVERITIES.get(i.severity, i.severity), i.description)
                for i in incidents
            ],
        )
        contributions = stays.contributions_of(stay.id) if stay else []
        fill(
            self.contributions_table,
            [
                (
                    format_date_es(c.start_date),
                    _money(c.daily_amount),
                    _money(c.monthly_income),
                    c.income_origin,
                    str(c.duration_months),
                    f"{c.authorised_by} ({format_date_es(c.authorised_date)})",
                )
                for c in contributions
            ],
        )
        for index, count in enumerate(
            (len(self.outings), len(controls), len(incidents), len(contributions))
        ):
            title = (tr("Salidas"), tr("Controles"), tr("Incidencias"), tr("Aportaciones"))[index]
            self.details.setTabText(index, f"{title} ({count})" if count else title)
        warnings = stays.warnings_for(stay.id) if stay else []
        self.warnings_label.setText("\n".join(f"⚠ {w}" for w in warnings))
        self.warnings_label.setVisible(bool(warnings))
        self.summary_label.setText(self._summary(stay) if stay else "")
        self.summary_label.setVisible(stay is not None)
        self.details.setEnabled(stay is not None)

    def _summary(self, stay: Stay) -> str:
        today = self.session.today()
        facts = [OutingFacts.of(o) for o in self.outings]
        text = tr(
            "Salidas ordinarias: {taken} días disfrutados de {planned} previstos "
            "(el programa prevé de {low} a {high})."
        ).format(
            taken=outing_days_used(facts, until=today),
            planned=outing_days_used(facts),
            low=OUTING_MIN_DAYS,
            high=OUTING_MAX_DAYS,
        )
        if stay.over_9_months_justification:
            text += " " + tr("Estancia larga justificada: {text}").format(
                text=stay.over_9_months_justification
            )
        if stay.disciplinary_criterion:
            text += " " + tr("Criterio disciplinario: {criterion}.").format(
                criterion=_label(DisciplinaryCriterion, stay.disciplinary_criterion).lower()
            )
        reasons = [t for t in (stay.discharge_reason, stay.abandonment_reason) if t]
        if reasons:
            text += " " + tr("Motivo del alta: {text}").format(text=" · ".join(reasons))
        return text

    # -- actions ---------------------------------------------------------------------------

    def _with_stay(self, slot: Callable[[Stay], None]) -> None:
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
        referrals = stay_dialogs.admissible_referrals(
            self.services.referrals.of_participant(self.participant_id), self.stays
        )
        if not referrals:
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
        self._open(
            stay_dialogs.admission_dialog(
                self.services, self.session, self.participant_id, referrals, self
            )
        )

    def ask_cancel_outing(self) -> None:
        if not self.outings:
            return
        row = self.outings_table.currentRow()
        chosen = self.outings[row] if 0 <= row < len(self.outings) else None
        self._open(
            stay_dialogs.cancel_outing_dialog(
                self.services, self.session, self.outings, chosen, self
            )
        )
