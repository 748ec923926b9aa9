"""Tab "Derivaciones" of a participant's file: the protocols, their history and next steps.

Each step calls the referral or waiting-list service; which steps are offered follows the
protocol's status (the service still decides, and its refusal is shown as it says it).
One read per refresh (`ReferralService.of_participant`: the protocols with their
history); the waiting list is read only when a protocol is in it. In a 760 × 430 file
the buttons are the new protocol, the usual next step and «Más acciones».
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
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import ReferralStatus
from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.domain.referral_rules import EDITABLE, IN_LIST, TRANSITIONS
from reinsercion_desktop.domain.waiting_list import WaitingListRow
from reinsercion_desktop.services.referral_views import ReferralView
from reinsercion_desktop.services.referrals import ReferralService
from reinsercion_desktop.services.waiting_list import WaitingListService
from reinsercion_desktop.ui.circuit import referral_steps as steps
from reinsercion_desktop.ui.circuit.exchange_column import show_exchange_column
from reinsercion_desktop.ui.circuit.parts import menu_button, shortened
from reinsercion_desktop.ui.circuit.referral_dialog import ReferralDialog
from reinsercion_desktop.ui.circuit.referrals_model import (
    COL_EXCHANGE,
    ReferralLine,
    history_model,
    referrals_model,
)
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.action_dialog import ActionDialog
from reinsercion_desktop.ui.widgets.lazy import LazyTab
from reinsercion_desktop.ui.widgets.table import RowsTableView

S = ReferralStatus


def _can(status: S, target: S) -> bool:
    return target in TRANSITIONS[status]


# Which steps a protocol in a status is offered (the service checks again).
OFFERED: dict[str, Callable[[S], bool]] = {
    "edit": lambda s: s in EDITABLE,
    "complete": lambda s: s == S.DRAFT,
    "incomplete": lambda s: _can(s, S.INCOMPLETE),
    "fix": lambda s: s == S.INCOMPLETE,
    "send": lambda s: _can(s, S.SENT),
    "receive": lambda s: s in (S.COMPLETE, S.SENT),
    "include": lambda s: s == S.RECEIVED,
    "assign": lambda s: _can(s, S.ASSIGNED),
    "postpone": lambda s: _can(s, S.POSTPONED),
    "resume": lambda s: s == S.POSTPONED,
    "decide": lambda s: s == S.POSTPONED,
    "resign": lambda s: _can(s, S.RESIGNED),
    "not_located": lambda s: s == S.ASSIGNED,
    "withdraw": lambda s: _can(s, S.WITHDRAWN),
}
# The usual next step of each status, on its own button.
NEXT_STEP = {
    S.DRAFT: "complete",
    S.INCOMPLETE: "fix",
    S.COMPLETE: "send",
    S.SENT: "receive",
    S.RECEIVED: "include",
    S.WAITING: "assign",
    S.POSTPONED: "resume",
}


class ReferralsTab(LazyTab):
    """The person's protocols (Anexo I) and the history of the one selected."""

    changed = Signal()

    def __init__(
        self,
        referrals: ReferralService,
        waiting_list: WaitingListService,
        session: Session,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.referral_service = referrals
        self.waiting_list = waiting_list
        self.session = session
        self.referrals: list[ReferralView] = []
        self.list_rows: dict[str, WaitingListRow] = {}
        self.dialog: ActionDialog | None = None  # the step dialog last opened

        self.new_button = QPushButton(tr("Nueva derivación…"))
        self.new_button.clicked.connect(self.ask_new)
        self.next_button = QPushButton()
        self.next_button.setObjectName("next_step_button")
        set_role(self.next_button, "primary")
        self.next_button.clicked.connect(self._next_step)
        self.actions = self._make_actions()
        entries: list[QAction | None] = []
        for name, action in self.actions.items():
            entries.append(action)
            if name in ("edit", "include", "decide"):
                entries.append(None)
        self.more_button = menu_button(tr("Más acciones"), entries)

        self.model = referrals_model(self)
        self.table = RowsTableView(self.model, "referrals_table")
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.row_activated.connect(lambda _line: self.actions["edit"].trigger())
        self.detail_label = QLabel()
        self.detail_label.setObjectName("referral_detail")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_role(self.detail_label, "hint")
        self.history_title = QLabel(tr("Historia del protocolo"))
        self.history_model = history_model(self)
        self.history_table = RowsTableView(self.history_model, "referral_history")
        self.empty_label = QLabel(
            tr("Esta persona no tiene protocolos de derivación. Cree uno con «Nueva derivación…».")
        )
        self.empty_label.setWordWrap(True)
        set_role(self.empty_label, "hint")

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.next_button)
        buttons.addStretch()
        buttons.addWidget(self.more_button)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table)
        top_layout.addWidget(self.empty_label)
        top_layout.addWidget(self.detail_label)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.history_title)
        bottom_layout.addWidget(self.history_table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([200, 380])
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(splitter)
        self._selection_changed()

    def _make_actions(self) -> dict[str, QAction]:
        referrals, waiting = self.referral_service, self.waiting_list
        spec: list[tuple[str, str, Callable[[ReferralView], None]]] = [
            ("edit", tr("Modificar protocolo…"), lambda r: self._open(ReferralDialog(
                referrals, self.session, r.participant_id, r, self))),
            ("complete", tr("Marcar completa"), lambda r: self._run(
                lambda: referrals.mark_complete(self.session.actor, r.id))),
            ("incomplete", tr("Incompleta…"), self._step(steps.incomplete_dialog, referrals)),
            ("fix", tr("Subsanar…"), self._step(steps.fix_dialog, referrals)),
            ("send", tr("Enviar a la oficina"), lambda r: self._run(
                lambda: referrals.send(self.session.actor, r.id))),
            ("receive", tr("Recibir…"), self._step(steps.receive_dialog, referrals)),
            ("include", tr("Incluir en lista…"), self._step(steps.include_dialog, referrals)),
            ("assign", tr("Asignar plaza…"), self._step(steps.assign_dialog, waiting)),
            ("postpone", tr("Aplazar…"), self._step(steps.postpone_dialog, waiting)),
            ("resume", tr("Fin del aplazamiento"), lambda r: self._run(
                lambda: waiting.resume(self.session.actor, r.id))),
            ("decide", tr("Decidir tras 3 meses…"), self._step(steps.decide_dialog, waiting)),
            ("resign", tr("Renuncia…"), self._step(steps.resign_dialog, waiting)),
            ("not_located", tr("No localizado/a…"), self._step(steps.not_located_dialog, waiting)),
            ("withdraw", tr("Retirar…"), self._step(steps.withdraw_dialog, referrals)),
        ]  # fmt: skip
        actions = {}
        for name, text, slot in spec:
            action = QAction(text, self)
            action.setObjectName(f"referral_{name}")
            action.triggered.connect(lambda _=False, s=slot: self._with_selected(s))
            actions[name] = action
        return actions

    # -- list ------------------------------------------------------------------------------

    def refresh(self) -> None:
        if not self.participant_id:
            return
        self.stale = False
        chosen = self.selected()
        chosen_id = chosen.id if chosen else None
        self.referrals = self.referral_service.of_participant(self.participant_id)
        ids = {r.id for r in self.referrals if r.status in IN_LIST}
        # The whole list is read only when the person is in it (position, decision due).
        rows = self.waiting_list.waiting_list().rows if ids else []
        self.list_rows = {row.referral_id: row for row in rows if row.referral_id in ids}
        self.model.set_rows(ReferralLine(r, self.list_rows.get(r.id)) for r in self.referrals)
        show_exchange_column(self.table, COL_EXCHANGE, (r.exchange for r in self.referrals))
        self.table.setVisible(bool(self.referrals))
        self.empty_label.setVisible(not self.referrals)
        if not self.table.select_where(lambda line: line.referral.id == chosen_id):
            self.table.select_index(len(self.referrals) - 1)
        self._selection_changed()

    def selected(self) -> ReferralView | None:
        line = self.table.current_row()
        return line.referral if line is not None else None

    def _selection_changed(self, *_args: object) -> None:
        referral = self.selected()
        status = S(referral.status) if referral else None
        for name, action in self.actions.items():
            action.setEnabled(status is not None and OFFERED[name](status))
        if status is not None and referral is not None:
            row = self.list_rows.get(referral.id)
            self.actions["decide"].setEnabled(bool(row and row.needs_decision))
        next_name = NEXT_STEP.get(status) if status else None
        if next_name is not None:
            self.next_button.setText(self.actions[next_name].text())
        self.next_button.setVisible(next_name is not None)
        self.history_model.set_rows(referral.events if referral else ())
        # Long notes are cut in the label (the file may be 430 px tall), whole in its tooltip.
        self.detail_label.setText(self._detail(referral, shortened) if referral else "")
        self.detail_label.setToolTip(self._detail(referral, str) if referral else "")
        self.detail_label.setVisible(referral is not None)

    def _detail(self, referral: ReferralView, cut: Callable[[str], str]) -> str:
        """What the selected protocol is waiting for, in one or two lines; `cut` shortens
        the free texts (cause, fix, reason)."""
        lines = []
        if referral.received_date:
            dates = tr("Recibido el {received}").format(
                received=format_date_es(referral.received_date)
            )
            if referral.included_date:
                dates += tr("; incluido en lista el {included}").format(
                    included=format_date_es(referral.included_date)
                )
            lines.append(dates + ".")
        row = self.list_rows.get(referral.id)
        if row is not None and row.position is not None:
            lines.append(
                tr("Puesto {n} en la lista de espera, con fecha {since} ({days} días).").format(
                    n=row.position, since=format_date_es(row.received_date), days=row.days_waiting
                )
            )
        if referral.status == S.ASSIGNED:
            lines.append(
                tr("Plaza asignada en {vivienda}; ingreso previsto el {when}.").format(
                    vivienda=referral.vivienda or "?",
                    when=format_date_es(referral.planned_admission_date),
                )
            )
        if referral.status == S.POSTPONED:
            if row is not None and not row.postponed:
                lines.append(
                    tr(
                        "El aplazamiento terminó el {until}: vuelve a optar a plaza. Anote «Fin "
                        "del aplazamiento» para dejarlo registrado."
                    ).format(until=format_date_es(referral.postponed_until))
                )
            else:
                lines.append(
                    tr("Aplazado hasta el {until}.").format(
                        until=format_date_es(referral.postponed_until)
                    )
                )
            if row is not None and row.needs_decision:
                lines.append(tr("Pasados 3 meses desde la inclusión: falta decidir."))
        if referral.status == S.INCOMPLETE:
            lines.append(tr("Incompleto: {cause}").format(cause=cut(referral.incomplete_cause)))
        elif referral.fix_note:
            lines.append(
                tr("Subsanado el {when}: {note}").format(
                    when=format_date_es(referral.fixed_date), note=cut(referral.fix_note)
                )
            )
        if referral.closed_reason:
            lines.append(
                tr("Cerrado el {when}: {reason}").format(
                    when=format_date_es(referral.closed_date), reason=cut(referral.closed_reason)
                )
            )
        if not referral.voluntary:
            lines.append(tr("Falta que conste la voluntariedad de la persona."))
        if referral.prison or referral.court_order:
            lines.append(
                tr("Procede de prisión.") if not referral.court_order else tr("Orden judicial.")
            )
        return "\n".join(lines)

    # -- actions ---------------------------------------------------------------------------

    def _with_selected(self, slot: Callable[[ReferralView], None]) -> None:
        referral = self.selected()
        if referral is not None:
            slot(referral)

    def _next_step(self) -> None:
        referral = self.selected()
        name = NEXT_STEP.get(S(referral.status)) if referral else None
        if name is not None:
            self.actions[name].trigger()

    def _step(
        self, build: Callable[..., ActionDialog], service: object
    ) -> Callable[[ReferralView], None]:
        """A step's dialog, built with the one service its Save calls."""
        return lambda referral: self._open(build(service, self.session, referral, self))

    def _open(self, dialog: ActionDialog) -> None:
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._dialog_done(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _dialog_done(self, dialog: ActionDialog) -> None:
        if isinstance(dialog.outcome, tuple) and dialog.outcome[1] is not None:
            # mark_not_located passed the place on to the next protocol of the list
            QMessageBox.information(
                self,
                tr("Plaza reasignada"),
                tr("La plaza se ha asignado al siguiente protocolo de la lista."),
            )
        self._after_write()

    def _run(self, call: Callable[[], object]) -> bool:
        """A step without a dialog; its refusal is shown as the service words it."""
        try:
            call()
        except ValidationError as error:
            QMessageBox.warning(self, tr("No se ha podido"), "\n".join(error.problems.values()))
            return False
        except UserError as error:
            QMessageBox.warning(self, tr("No se ha podido"), str(error))
            return False
        self._after_write()
        return True

    def ask_new(self) -> None:
        if self.participant_id:
            self._open(
                ReferralDialog(self.referral_service, self.session, self.participant_id, None, self)
            )

    def _after_write(self) -> None:
        self.refresh()
        self.changed.emit()
