"""The file's «Consentimientos» tab: what the person agreed to, and what they revoked.

A list (scope, granted, linked form, «Vigente» / «Revocado el dd/mm/aaaa») read when the
tab is in sight (LazyTab), and the two buttons that open the dialogs of
`consent_dialogs.py`. `changed` tells the file to refresh its header's warning.
"""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.services.consents import ConsentService, ConsentView
from reinsercion_desktop.ui.participants.consent_dialogs import (
    RecordConsentDialog,
    RevokeConsentDialog,
)
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.lazy import LazyTab
from reinsercion_desktop.ui.widgets.table import Column, RowsTableModel, RowsTableView

CONSENT_COLUMNS = (
    Column[ConsentView](tr("Alcance"), lambda c: "; ".join(c.scope_labels), prose=True),
    Column[ConsentView](
        tr("Otorgado"), lambda c: format_date_es(c.granted_on), sort_key=lambda c: c.granted_on
    ),
    # Capped (the full text in its tooltip): the scope, wrapped, needs the room on a
    # narrow file view between two docks.
    Column[ConsentView](tr("Formulario"), lambda c: c.form_label or tr("—"), max_width=150),
    Column[ConsentView](
        tr("Estado"),
        lambda c: c.state,
        tooltip=lambda c: c.revocation_note or None,
        tone=lambda c: None if c.vigente else "alert",
    ),
)


class ConsentsTab(LazyTab):
    changed = Signal(str)

    def __init__(self, consents: ConsentService, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.consents = consents
        self.session = session
        self.dialog: RecordConsentDialog | RevokeConsentDialog | None = None  # tests answer it
        self.model = RowsTableModel(CONSENT_COLUMNS, self)
        self.table = RowsTableView(self.model, "consents_table", sortable=True)
        self.record_button = QPushButton(tr("Registrar consentimiento…"))
        self.record_button.setObjectName("record_consent_button")
        self.revoke_button = QPushButton(tr("Revocar…"))
        self.revoke_button.setObjectName("revoke_consent_button")
        self.record_button.clicked.connect(self.ask_record)
        self.revoke_button.clicked.connect(self.ask_revoke)
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        set_role(self.hint_label, "hint")
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.revoke_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        if self.participant_id is None:
            return
        summary = self.consents.summary(self.session.actor, self.participant_id)
        self.model.set_rows(list(summary.records))
        self.hint_label.setText(
            tr("Aún no hay consentimientos: se registran al firmar el consentimiento informado.")
            if not summary.records
            else ""
        )
        self.hint_label.setVisible(not summary.records)

    def ask_record(self) -> None:
        if self.participant_id is None:
            return
        self.dialog = RecordConsentDialog.ask(
            self.consents, self.session, self.participant_id, self, on_result=self._written
        )

    def ask_revoke(self) -> None:
        consent = self.table.current_row()
        if consent is None or not consent.vigente:
            self.hint_label.setText(tr("Elija en la lista un consentimiento vigente."))
            self.hint_label.show()
            return
        self.dialog = RevokeConsentDialog.ask(
            self.consents, self.session, consent, self, on_result=self._written
        )

    def _written(self, _view: ConsentView) -> None:
        self.reload()
        if self.participant_id:
            self.changed.emit(self.participant_id)
