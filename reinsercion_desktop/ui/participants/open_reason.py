"""Dialog «Motivo para abrir la ficha»: a técnico/a opening a file of someone else's
caseload says why, where the centre's settings ask it (SPEC §9).

The service decides when to ask (`ParticipantService.open` raises `ReasonRequired`);
this dialog only takes the reason and opens the file through the service with it, so
the reason lands in the audit entry of that read. Only a file actually opened closes it.
"""

from PySide6.QtWidgets import QWidget

from reinsercion_desktop.services.participants import (
    MAX_REASON,
    ParticipantService,
    ParticipantView,
)
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.action_dialog import ActionDialog, long_text


class OpenReasonDialog(ActionDialog):
    """`outcome` (and `produced`): the opened file; `reason`: what was given for it."""

    def __init__(
        self,
        participants: ParticipantService,
        session: Session,
        participant_id: str,
        parent: QWidget | None = None,
    ):
        super().__init__(
            tr("Motivo para abrir la ficha"),
            parent,
            intro=tr(
                "Esta ficha no es de su cartera de casos. Indique por qué la abre (por "
                "ejemplo «Sustituyo a su técnico/a de referencia»): el motivo queda en el "
                "registro de auditoría junto a la consulta."
            ),
            save_text=tr("Abrir ficha"),
            width=460,
        )
        self.setObjectName("open_reason_dialog")
        self.reason_edit = long_text(height=64)
        self.reason_edit.setObjectName("reason_edit")
        self.reason_edit.setPlaceholderText(tr("Motivo (máx. {n} caracteres)").format(n=MAX_REASON))
        self.add("reason", tr("Motivo"), self.reason_edit)
        self.reason = ""

        def open_with_reason(dialog: ActionDialog) -> ParticipantView:
            self.reason = dialog.text("reason")
            return participants.open(session.actor, participant_id, reason=self.reason)

        self.action = open_with_reason
