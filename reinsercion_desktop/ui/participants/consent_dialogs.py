"""The two dialogs of the file's «Consentimientos» tab: register a consent, revoke one.

Both call the consent service and close only once it accepted (ResultDialog); a refusal
(a date after today, a revocation before the grant, no note) is said in the dialog and
nothing is written. Dates are typed dd/mm/aaaa, as everywhere in the application.
"""

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.consents import CONSENT_SCOPES, MAX_NOTE_LENGTH
from reinsercion_desktop.domain.dates import DateInputError, format_date_es, parse_date_es
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.services.consents import ConsentService, ConsentView
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.dialog import ResultDialog


class _ConsentDialog(ResultDialog[ConsentView]):
    """`write`: the dialog's own call to the consent service, made on «Guardar»."""

    def __init__(self, title: str, write: Callable[[], ConsentView], parent: QWidget | None):
        super().__init__(parent)
        self._write_with_service = write
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.scope_checks: dict[str, QCheckBox] = {}
        self.date_edit = QLineEdit()
        self.date_edit.setPlaceholderText(tr("dd/mm/aaaa"))
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        set_role(self.error_label, "error")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def _scopes(self, codes: tuple[str, ...], checked: bool) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        for code in codes:
            check = QCheckBox(CONSENT_SCOPES.get(code, code))
            check.setChecked(checked)
            self.scope_checks[code] = check
            column.addWidget(check)
        return box

    def chosen(self) -> list[str]:
        return [code for code, check in self.scope_checks.items() if check.isChecked()]

    def typed_date(self) -> date:
        try:
            return parse_date_es(self.date_edit.text())
        except DateInputError as error:
            raise UserError(str(error)) from None

    def save(self) -> None:
        try:
            view = self._write_with_service()
        except UserError as error:
            self.say(self.error_label, str(error))
            return
        self.finish(view)


class RecordConsentDialog(_ConsentDialog):
    """«Registrar consentimiento…»: what the person agreed to, and on which day."""

    def __init__(
        self,
        consents: ConsentService,
        session: Session,
        participant_id: str,
        parent: QWidget | None = None,
    ):
        super().__init__(tr("Registrar consentimiento"), self._write, parent)
        self.consents, self.session, self.participant_id = consents, session, participant_id
        self.date_edit.setText(format_date_es(session.today()))
        self.form.addRow(tr("Consiente en"), self._scopes(tuple(CONSENT_SCOPES), False))
        self.form.addRow(tr("Fecha del consentimiento"), self.date_edit)

    def _write(self) -> ConsentView:
        return self.consents.record(
            self.session.actor, self.participant_id, self.chosen(), self.typed_date()
        )


class RevokeConsentDialog(_ConsentDialog):
    """«Revocar…»: all of a consent or some of what it covers, on a day, with a note."""

    def __init__(
        self,
        consents: ConsentService,
        session: Session,
        consent: ConsentView,
        parent: QWidget | None = None,
    ):
        super().__init__(tr("Revocar consentimiento"), self._write, parent)
        self.consents, self.session, self.consent = consents, session, consent
        self.date_edit.setText(format_date_es(session.today()))
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(MAX_NOTE_LENGTH)
        self.note_edit.setPlaceholderText(
            tr("Qué pidió la persona y cómo (por escrito, en entrevista…)")
        )
        granted = QLabel(format_date_es(consent.granted_on))
        self.form.addRow(tr("Otorgado el"), granted)
        self.form.addRow(tr("Revoca"), self._scopes(consent.scope, True))
        self.form.addRow(tr("Fecha de la revocación"), self.date_edit)
        self.form.addRow(tr("Nota"), self.note_edit)

    def _write(self) -> ConsentView:
        return self.consents.revoke(
            self.session.actor,
            self.consent.id,
            self.typed_date(),
            self.note_edit.text(),
            scope=self.chosen(),
            expected_version=self.consent.version,
        )
