"""The file's «Datos» tab: the person's data as a form, with save, discard and archive.

The page scrolls as a whole inside the file's tab (which may be ~760×430 on a 1366×768
laptop): the buttons and the message stay above the form, the form reflows to one
column and long labels go above their fields. The mouse wheel scrolls the page and
never changes a drop-down under the pointer (`ui.widgets.inputs`).
"""

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.ui.participants.participant_form import (
    FormScrollArea,
    ParticipantForm,
    problem_summary,
)
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr


class DataTab(QWidget):
    """The widgets of the Datos tab; the file view decides what the buttons do."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("data_tab")
        self.form = ParticipantForm()
        self.save_button = QPushButton(tr("Guardar cambios"))
        self.save_button.setObjectName("save_button")
        set_role(self.save_button, "primary")
        self.discard_button = QPushButton(tr("Descartar cambios"))
        self.archive_button = QPushButton(tr("Archivar ficha…"))
        self.message_label = QLabel()
        self.message_label.setObjectName("data_message_label")
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.RichText)
        self.message_label.linkActivated.connect(self.form.focus_field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch()
        buttons.addWidget(self.archive_button)
        self.scroll = FormScrollArea(self.form)
        self.scroll.setObjectName("data_scroll")
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.message_label)
        layout.addWidget(self.scroll, 1)
        self.message_label.hide()

    def say(self, text: str, *, error: bool = False) -> None:
        """A plain message above the form (a hint, or an error)."""
        set_role(self.message_label, "error" if error else "hint")
        self.message_label.setText(escape(text))
        self.message_label.setVisible(bool(text))  # no empty line above the form

    def say_problems(self, problems: dict[str, str]) -> None:
        """The fields still to correct, each a link to it; empty once all are corrected."""
        if not problems:
            self.say("")
            return
        set_role(self.message_label, "error")
        self.message_label.show()
        self.message_label.setText(
            problem_summary(
                tr("No se ha guardado: hay {n} campo(s) por corregir:").format(n=len(problems)),
                problems,
            )
        )
