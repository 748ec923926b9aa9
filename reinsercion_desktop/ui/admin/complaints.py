"""Administración → Quejas y reclamaciones: the complaints of a year, recorded and answered.

Every staff member may record a complaint (it is often made to whoever is on duty);
only a responsable or an administrator answers it, in the centre's name: the others see
«Contestar…» disabled with the reason in its tooltip, and the service refuses them too.
The list shows the person by CODAPEL (or «Anónima»), never by name; the selected
complaint's text and answer read below it. §12 c counts them by kind.
"""

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.services.participants import ParticipantService
from reinsercion_desktop.services.structure_data import ComplaintView, StructureDataService
from reinsercion_desktop.ui.admin.complaint_dialogs import (
    AnswerComplaintDialog,
    NewComplaintDialog,
)
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.inputs import ComboBox, SpinBox
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel, RowsTableView

ANSWER_DUE_DAYS = 15  # an answer later than this shows as late


def _waiting(row: ComplaintView, today: date) -> int:
    return ((row.answered_on or today) - row.received_on).days


def complaint_columns(today: date) -> tuple[Column[ComplaintView], ...]:
    def late(row: ComplaintView) -> bool:
        return _waiting(row, today) > ANSWER_DUE_DAYS

    return (
        Column(
            tr("Fecha"), lambda r: format_date_es(r.received_on), sort_key=lambda r: r.received_on
        ),
        Column(tr("Vivienda"), lambda r: r.vivienda_name),
        Column(tr("Tipo"), lambda r: r.kind.label),
        Column(tr("Persona"), lambda r: r.codapel or tr("Anónima")),
        Column(
            tr("Estado"),
            lambda r: tr("Contestada") if r.answered else tr("Pendiente"),
            tone=lambda r: None if r.answered else ("alert" if late(r) else "warning"),
            tooltip=lambda r: (
                None
                if r.answered
                else tr("Sin respuesta desde hace {n} días").format(n=_waiting(r, today))
            ),
        ),
        Column(
            tr("Días hasta la respuesta"),
            lambda r: str(_waiting(r, today)) if r.answered else "",
            sort_key=lambda r: _waiting(r, today),
            tone=lambda r: "alert" if r.answered and late(r) else None,
            align="right",
        ),
        Column(tr("Descripción"), lambda r: r.description, stretch=True),
    )


class ComplaintsDialog(QDialog):
    def __init__(
        self,
        service: StructureDataService,
        participants: ParticipantService,
        session: Session,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("complaints_dialog")
        self.setWindowTitle(tr("Quejas y reclamaciones"))
        self.service, self.participants, self.session = service, participants, session
        self.can_answer = session.can(Role.RESPONSABLE)
        self.viviendas: list[tuple[str, str]] = []
        self.child_dialog: QDialog | None = None
        self.year_spin = SpinBox()
        self.year_spin.setObjectName("complaints_year_spin")
        self.year_spin.setRange(1900, 2100)
        self.year_spin.setValue(session.today().year)
        self.vivienda_combo = ComboBox()
        self.vivienda_combo.setObjectName("complaints_vivienda_combo")
        self.vivienda_combo.setMinimumContentsLength(24)
        self.model = RowsTableModel(complaint_columns(session.today()), self)
        self.table = RowsTableView(self.model, "complaints_table", sortable=True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.table.row_activated.connect(lambda _row: self.answer())
        self.summary_label = QLabel()
        self.summary_label.setObjectName("complaints_summary")
        self.detail_edit = QPlainTextEdit()
        self.detail_edit.setObjectName("complaint_detail")
        self.detail_edit.setReadOnly(True)
        self.detail_edit.setFixedHeight(110)
        self.message_label = QLabel()
        self.message_label.setObjectName("complaints_message")
        self.message_label.setWordWrap(True)
        set_role(self.message_label, "error")
        self.new_button = QPushButton(tr("Nueva queja…"))
        self.new_button.setObjectName("new_complaint_button")
        set_role(self.new_button, "primary")
        self.new_button.clicked.connect(self.record)
        self.answer_button = QPushButton(tr("Contestar…"))
        self.answer_button.setObjectName("answer_complaint_button")
        self.answer_button.clicked.connect(self.answer)
        if not self.can_answer:
            self.answer_button.setToolTip(
                tr(
                    "Solo un responsable o un administrador contesta las quejas, "
                    "en nombre del centro."
                )
            )
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Año")))
        top.addWidget(self.year_spin)
        top.addSpacing(12)
        top.addWidget(QLabel(tr("Vivienda")))
        top.addWidget(self.vivienda_combo)
        top.addStretch()
        top.addWidget(self.summary_label)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.answer_button)
        buttons.addWidget(self.message_label, 1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail_edit)
        layout.addLayout(buttons)
        self.resize(1100, 600)
        self._fill_viviendas()
        self.year_spin.valueChanged.connect(lambda _year: self.reload())
        self.vivienda_combo.currentIndexChanged.connect(lambda _index: self._apply_filter())
        self.reload()

    # -- reading -----------------------------------------------------------------------

    def _fill_viviendas(self) -> None:
        """The viviendas in force in the chosen year (and «Todas»), keeping the choice."""
        chosen = self.vivienda_combo.currentData()
        self.viviendas = [
            (row.vivienda_id, row.vivienda_name)
            for row in self.service.year_figures(self.year_spin.value())
        ]
        self.vivienda_combo.blockSignals(True)
        self.vivienda_combo.clear()
        self.vivienda_combo.addItem(tr("Todas"), None)
        for vivienda_id, name in self.viviendas:
            self.vivienda_combo.addItem(name, vivienda_id)
        index = self.vivienda_combo.findData(chosen)
        self.vivienda_combo.setCurrentIndex(max(index, 0))
        self.vivienda_combo.blockSignals(False)

    def reload(self, select_id: str | None = None) -> None:
        year = self.year_spin.value()
        self._fill_viviendas()
        try:
            rows = self.service.complaints(
                self.session.actor, date(year, 1, 1), date(year + 1, 1, 1)
            )
        except UserError as error:
            self.message_label.setText(str(error))
            rows = []
        self.model.set_rows(rows)
        self._apply_filter()
        if select_id:
            self.table.select_where(lambda row: row.id == select_id)
        self._selected()

    def _apply_filter(self) -> None:
        vivienda_id = self.vivienda_combo.currentData()
        self.model.set_filter(
            None if vivienda_id is None else lambda r: r.vivienda_id == vivienda_id
        )
        shown = self.model.rows
        pending = sum(not row.answered for row in shown)
        self.summary_label.setText(
            tr("{n} queja(s), {pending} pendiente(s) de respuesta").format(
                n=len(shown), pending=pending
            )
        )
        self._selected()

    def _selected(self) -> None:
        row = self.table.current_row()
        self.answer_button.setEnabled(self.can_answer and row is not None)
        if row is None:
            self.detail_edit.setPlainText("")
            return
        answer = (
            tr("Respuesta del {day}: {text}").format(
                day=format_date_es(row.answered_on), text=row.answer
            )
            if row.answered
            else tr("Sin respuesta todavía.")
        )
        self.detail_edit.setPlainText(f"{row.description}\n\n{answer}")

    # -- the two steps -------------------------------------------------------------------

    def record(self) -> None:
        self.message_label.clear()
        try:
            people = self.participants.list_rows()
        except UserError as error:
            self.message_label.setText(str(error))
            return
        self.child_dialog = NewComplaintDialog.ask(
            self.service,
            self.session,
            self.viviendas,
            people,
            self,
            vivienda_id=self.vivienda_combo.currentData(),
            on_result=self._stored,
        )

    def answer(self) -> None:
        row = self.table.current_row()
        if row is None or not self.can_answer:
            return
        self.message_label.clear()
        self.child_dialog = AnswerComplaintDialog.ask(
            self.service, self.session, row, self, on_result=self._stored
        )

    def _stored(self, complaint: ComplaintView) -> None:
        if complaint.received_on.year != self.year_spin.value():
            self.year_spin.blockSignals(True)
            self.year_spin.setValue(complaint.received_on.year)
            self.year_spin.blockSignals(False)
        if self.vivienda_combo.currentData() not in (None, complaint.vivienda_id):
            self.vivienda_combo.setCurrentIndex(0)  # «Todas»: the new one must show
        self.reload(select_id=complaint.id)
