"""A person's referrals to resources of the monthly offer (derivaciones a recursos).

The panel lists them and offers two steps: "Derivar a un recurso…" (propose one from the
catalogue, optionally for an objective of the plan) and "Cambiar estado…" (only the next
statuses R-RES-2 allows; a date outside the enrolment periods, R-RES-1, is refused by the
service and shown beside the date).
"""

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import ResourceCategory, ResourceReferralStatus
from reinsercion_desktop.domain.resource_rules import allowed_next
from reinsercion_desktop.services.resource_views import ReferralView
from reinsercion_desktop.services.resources import ResourceService
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.action_bar import ActionBar
from reinsercion_desktop.ui.widgets.action_dialog import ActionDialog, combo, long_text
from reinsercion_desktop.ui.widgets.inputs import ComboBox
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel, RowsTableView


def _label(vocabulary, value: str) -> str:  # type: ignore[no-untyped-def]
    return vocabulary(value).label if value in set(vocabulary) else value


def _day(get):  # type: ignore[no-untyped-def]
    """A date column: shown dd/mm/aaaa, sorted by the date (undated last)."""
    return {"text": lambda r: format_date_es(get(r)), "sort_key": lambda r: str(get(r) or "9")}


COLUMNS = (
    Column[ReferralView](tr("Recurso"), lambda r: r.resource_name, max_width=260),
    Column[ReferralView](tr("Categoría"), lambda r: _label(ResourceCategory, r.category)),
    Column[ReferralView](tr("Objetivo"), lambda r: r.objective_title, max_width=220),
    Column[ReferralView](tr("Estado"), lambda r: _label(ResourceReferralStatus, r.status)),
    Column[ReferralView](tr("Propuesto"), **_day(lambda r: r.proposed_date)),
    Column[ReferralView](tr("Inscrito/a"), **_day(lambda r: r.enrolled_date)),
    Column[ReferralView](tr("Fin"), **_day(lambda r: r.finished_date)),
)


def referrals_model() -> RowsTableModel[ReferralView]:
    """The list's model: closed referrals (finished, abandoned) in grey."""
    return RowsTableModel(
        COLUMNS,
        row_tone=lambda r: None if allowed_next(r.status) else "muted",
        row_tooltip=lambda r: r.note or None,
    )


def resource_combo(resources: ResourceService) -> QComboBox:
    """Active resources grouped under their category (headers cannot be chosen), each with
    when one can enrol."""
    box = ComboBox()
    box.setObjectName("resource_combo")
    # Long names must not widen the dialog past the screen: the list shows them whole.
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(40)
    model = box.model()
    assert isinstance(model, QStandardItemModel)
    catalogue = resources.resources()
    for category in ResourceCategory:
        members = [r for r in catalogue if r.category == category]
        if not members:
            continue
        box.addItem(f"— {category.label} —", None)
        model.item(box.count() - 1).setEnabled(False)
        for resource in members:
            box.addItem(f"{resource.name} · {resource.enrolment}", resource.id)
    first = next((i for i in range(box.count()) if box.itemData(i) is not None), -1)
    box.setCurrentIndex(first)
    return box


def refer_dialog(
    resources: ResourceService, session: Session, participant_id: str, parent: QWidget
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
        width=620,
    )
    dialog.add("resource_id", tr("Recurso"), resource_combo(resources))
    objectives = [(None, tr("(ninguno)")), *resources.open_objectives_of(participant_id)]
    objective_box = combo(objectives)
    objective_box.setSizeAdjustPolicy(
        QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
    )
    objective_box.setMinimumContentsLength(40)
    dialog.add("objective_id", tr("Objetivo del plan"), objective_box)
    dialog.add_date("proposed_date", tr("Fecha de la propuesta"), today)
    dialog.add("note", tr("Nota"), long_text())

    def save(d: ActionDialog) -> ReferralView:
        return resources.refer(
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
    resources: ResourceService, session: Session, row: ReferralView, parent: QWidget
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

    def save(d: ActionDialog) -> ReferralView:
        return resources.advance(
            session.actor,
            row.id,
            d.value("new_status") or "",
            d.date("on_date"),  # type: ignore[arg-type]
            note=d.text("note"),
        )

    dialog.action = save
    return dialog


class ResourceReferralsPanel(QWidget):
    """Derivaciones a recursos de una persona; `changed(participant_id)` after each write."""

    changed = Signal(str)

    def __init__(self, resources: ResourceService, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.resources = resources
        self.session = session
        self.participant_id: str | None = None
        self.dialog: ActionDialog | None = None

        self.model = referrals_model()
        self.table = RowsTableView(self.model, "resource_referrals_table")
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.row_activated.connect(lambda _row: self.ask_status())
        self.empty_label = QLabel(
            tr("Sin derivaciones a recursos. Use «Derivar a un recurso…» para proponer uno.")
        )
        self.empty_label.setWordWrap(True)
        set_role(self.empty_label, "hint")
        self.bar = ActionBar()
        self.refer_button = self.bar.add_button(
            tr("Derivar a un recurso…"), self.ask_referral, name="refer_button"
        )
        self.status_button = self.bar.add_button(
            tr("Cambiar estado…"), self.ask_status, name="status_button"
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.bar)
        self._update_buttons()

    @property
    def rows(self) -> list[ReferralView]:
        return self.model.rows

    def load(self, participant_id: str | None) -> None:
        self.participant_id = participant_id
        chosen = self.selected()
        rows = self.resources.referrals_of(participant_id) if participant_id else []
        self.model.set_rows(rows)
        if chosen is not None:
            self.table.select_where(lambda r: r.id == chosen.id)
        self.empty_label.setVisible(not rows)
        self._update_buttons()

    def selected(self) -> ReferralView | None:
        return self.table.current_row()

    def _update_buttons(self) -> None:
        self.refer_button.action.setEnabled(self.participant_id is not None)
        row = self.selected()
        status = self.status_button.action
        status.setEnabled(row is not None and bool(allowed_next(row.status)))
        closed = row is not None and not allowed_next(row.status)
        status.setToolTip(
            tr("La derivación está cerrada: ya no cambia de estado.") if closed else ""
        )

    def ask_referral(self) -> None:
        if self.participant_id is not None:
            self._open(refer_dialog(self.resources, self.session, self.participant_id, self))

    def ask_status(self) -> None:
        row = self.selected()
        if row is not None and allowed_next(row.status):
            self._open(status_dialog(self.resources, self.session, row, self))

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
