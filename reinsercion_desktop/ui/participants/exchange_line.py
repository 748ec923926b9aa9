"""The line of a file's header that says how the person's record stands with the peers
(issue 13): «Intercambio: Confirmado», or «Intercambio: En conflicto» as a warning with
where to resolve it. Shown only on an installation with a trusted peer, once the record
was exchanged; the service gives the text and its meaning (services/exchange_states).
"""

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr

if TYPE_CHECKING:
    from reinsercion_desktop.services.exchange import ExchangeService


class ExchangeStateLine(QLabel):
    """«Intercambio: …» for the record in view; hidden when there is nothing to say."""

    def __init__(self, exchange: "ExchangeService", parent: QWidget | None = None):
        super().__init__(parent)
        self.exchange = exchange
        self.setObjectName("exchange_state")
        # On one line: a wrapped chip grew two lines tall in a 500 px file (1920 × 1080,
        # docks on both sides); the longest text is ~170 px beside the access button.
        self.hide()

    def load(self, record_id: str) -> None:
        state = self.exchange.record_exchange(record_id)
        if state is None:
            self.clear()
            self.hide()
            return
        self.setText(tr("Intercambio: {state}").format(state=state.label))
        self.setToolTip(state.meaning)
        set_role(self, "chip-archived" if state.conflict else "hint")
        self.show()
