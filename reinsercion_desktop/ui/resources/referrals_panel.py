"""A person's referrals to resources of the monthly offer (derivaciones a recursos).

The panel lists them and offers two steps: "Derivar a un recurso…" (propose one from the
catalogue, optionally for an objective of the plan) and "Cambiar estado…" (only the next
statuses R-RES-2 allows; a date outside the enrolment periods, R-RES-1, is refused by the
service and shown beside the date).
"""

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import ResourceCategory, ResourceReferralStatus
from reinsercion_desktop.domain.resource_rules import allowed_next
from reinsercion_desktop.services.registry import Services
from reinsercion_desktop.services.resources import ReferralRow
from reinsercion_desktop.ui.circuit.parts import fill, make_table
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.action_dialog import ActionDialog, combo, long_text
from reinsercion_desktop.ui.widgets.inputs import ComboBox

COLUMNS = ("Recurso", "Categoría", "Objetivo", "Estado", "Propuesto", "Inscrito/a", "Fin")


def _label(vocabulary, value: str) -> str:  # type: ignore[no-untyped-def]
    return vocabulary(value).label if value in set(vocabulary) else value


def row_cells(row: ReferralRow) -> tuple[str, ...]:
    r = row.referral
    return (
        row.resource_name,
        _label(ResourceCategory, row.category),
        row.objective_title,
        _label(ResourceReferralStatus, r.status),
        format_date_es(r.proposed_date),
        format_date_es(r.enrolled_date),
        format_date_es(r.finished_date),
    )


def resource_combo(services: Services, session: Session) -> QComboBox:
    """Active resources grouped under their category (headers cannot be chosen), each with
    when one can enrol."""
    box = ComboBox()
    box.setObjectName("resource_combo")
    model = box.model()
    assert isinstance(model, QStandardItemModel)
    resources = services.resources.resources()
    for category in ResourceCategory:
        members = [r for r in resources if r.category == category]
        if not members:
            continue
        box.addItem(f"— {category.label} —", None)
        model.item(box.count() - 1).setEnabled(False)
        for resource in members:
            summary = services.resources.enrolment_summary(resource)
            box.addItem(f"{resource.name} · {summary}", resource.id)
    first = next((i for i in range(box.count()) if box.itemData(i) is not None), -1)
    box.setCurrentIndex(first)
    return box


def refer_dialog(
    services: Services, session: Session, participant_id: str, parent: QWidget
) -> ActionDialog:
    today = session.today()
    dialog = ActionDialog(
        tr("Derivar a un recurso"),
        parent,
        intro=tr(
            "La derivación queda «Propuesta»; la inscripción se registra después con "
            "«Cambiar estado…», dentro de un periodo de inscripción del recurso."
        ),
        save_text=tr("Derivar"),
        width=680,
    )
    dialog.add("resource_id", tr("Recurso"), resource_combo(services, session))
    objectives = [(None, tr("(ninguno)")), *services.resources.open_objectives_of(participant_id)]
    dialog.add("objective_id", tr("Objetivo del plan"), combo(objectives))
    dialog.add_date("proposed_date", tr("Fecha de la propuesta"), today)
    dialog.add("note", tr("Nota"), long_text())

    def save(d: ActionDialog):  # type: ignore[no-untyped-def]
        return services.resources.refer(
            session.actor,
            participant_id,
            d.value("resource_id") or "",
            d.date("proposed_date"),  # type: ignore[arg-type]
            objective_id=d.value("objective_id"),
            note=d.text("note"),
        )

    dialog.action = save
    return dialog


def status_dialog(
    services: Services, session: Session, row: ReferralRow, parent: QWidget
) -> ActionDialog:
    today = session.today()
    current = _label(ResourceReferralStatus, row.status)
    dialog = ActionDialog(
        tr("Cambiar estado de la derivación"),
        parent,
        intro=tr("«{resource}»: ahora «{status}».").format(
            resource=row.resource_name, status=current
        ),
    )
    choices = [(s.value, s.label) for s in allowed_next(row.status)]
    dialog.add("new_status", tr("Nuevo estado"), combo(choices))
    dialog.add_date("on_date", tr("Fecha"), today)
    dialog.add("note", tr("Nota"), long_text())

    def save(d: ActionDialog):  # type: ignore[no-untyped-def]
        return services.resources.advance(
            session.actor,
            row.referral.id,
            d.value("new_status") or "",
            d.date("on_date"),  # type: ignore[arg-type]
            note=d.text("note"),
        )

    dialog.action = save
    return dialog


class ResourceReferralsPanel(QWidget):
    """Derivaciones a recursos de una persona; `changed(participant_id)` after each write."""

    changed = Signal(str)

    def __init__(self, services: Services, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.session = session
        self.participant_id: str | None = None
        self.rows: list[ReferralRow] = []
        self.dialog: ActionDialog | None = None

        self.table = make_table([tr(c) for c in COLUMNS], 0, wrap=True)
        self.table.setObjectName("resource_referrals_table")
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.empty_label = QLabel(
            tr("Sin derivaciones a recursos. Use «Derivar a un recurso…» para proponer uno.")
        )
        self.empty_label.setWordWrap(True)
        set_role(self.empty_label, "hint")
        self.refer_button = QPushButton(tr("Derivar a un recurso…"))
        self.refer_button.setObjectName("refer_button")
        self.refer_button.clicked.connect(self.ask_referral)
        self.status_button = QPushButton(tr("Cambiar estado…"))
        self.status_button.setObjectName("status_button")
        self.status_button.clicked.connect(self.ask_status)

        buttons = QHBoxLayout()
        buttons.addWidget(self.refer_button)
        buttons.addWidget(self.status_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        self._update_buttons()

    def load(self, participant_id: str | None) -> None:
        self.participant_id = participant_id
        self.rows = self.services.resources.referrals_of(participant_id) if participant_id else []
        fill(self.table, [row_cells(row) for row in self.rows])
        self.empty_label.setVisible(not self.rows)
        self._update_buttons()

    def selected(self) -> ReferralRow | None:
        index = self.table.currentRow()
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.rows[index] if rows and 0 <= index < len(self.rows) else None

    def _update_buttons(self) -> None:
        self.refer_button.setEnabled(self.participant_id is not None)
        row = self.selected()
        self.status_button.setEnabled(row is not None and bool(allowed_next(row.status)))
        self.status_button.setToolTip(
            ""
            if row is None or allowed_next(row.status)
            else tr("La derivación está cerrada: ya no cambia de estado.")
        )

    def ask_referral(self) -> None:
        if self.participant_id is not None:
            self._open(refer_dialog(self.services, self.session, self.participant_id, self))

    def ask_status(self) -> None:
        row = self.selected()
        if row is not None and allowed_next(row.status):
            self._open(status_dialog(self.services, self.session, row, self))

    def _open(self, dialog: ActionDialog) -> None:
        self.dialog = dialog
        dialog.accepted.connect(self._saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _saved(self) -> None:
        if self.participant_id is None:
            return
        self.load(self.participant_id)
        self.changed.emit(self.participant_id)
