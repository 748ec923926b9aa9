"""What is missing or wrong in a form, as a list that takes you to each field.

"Faltan 7 campos obligatorios" alone leaves a long form to be searched by eye: below
that line the editor lists each field by its label with its message, and choosing one
(click, or Enter) scrolls the form to the field and puts the cursor in it.
"""

from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from reinsercion_desktop.forms.engine import FormCheck
from reinsercion_desktop.forms.schema import FormDefinition
from reinsercion_desktop.ui.tr import tr

VISIBLE_ROWS = 4  # a short list: the form below keeps the room; more rows scroll
_ERROR = QColor("#b3261e")
_FIELD = Qt.ItemDataRole.UserRole


class Problem(NamedTuple):
    field_id: str
    text: str  # «Datos personales · Fecha de nacimiento: Obligatorio.»


def problems_of(definition: FormDefinition, check: FormCheck) -> list[Problem]:
    """The check's errors in the order of the form, each named by its section and label
    (a label alone, «Del equipo», can be found in more than one place)."""
    fields = {field.id: field for field in definition.fields()}
    ordered = [field_id for field_id in fields if field_id in check.errors]
    ordered += [field_id for field_id in check.errors if field_id not in fields]
    problems = []
    for field_id in ordered:
        message = check.errors[field_id]
        field = fields.get(field_id)
        if field is None:  # a rule's finding about the whole form
            problems.append(Problem(field_id, message))
            continue
        section = definition.section_of(field_id).title
        name = f"{section} · {field.label}" if field.label else section
        problems.append(Problem(field_id, f"{name}: {message}"))
    return problems


class ProblemList(QListWidget):
    """Emits `field_chosen(field id)` when a problem is clicked or activated with Enter."""

    field_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("problems_list")
        self.setAccessibleName(tr("Campos por completar o corregir"))
        self.setToolTip(tr("Pulse un campo para ir a él"))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setUniformItemSizes(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._shown: tuple[Problem, ...] = ()
        self.itemClicked.connect(self._chosen)
        self.itemActivated.connect(self._chosen)

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """Rebuilt only when the problems change: the editor calls this on every keystroke."""
        problems = tuple(problems)
        if problems != self._shown:
            self._shown = problems
            self.clear()
            for problem in problems:
                item = QListWidgetItem(problem.text)
                item.setData(_FIELD, problem.field_id)
                item.setToolTip(problem.text)
                item.setForeground(_ERROR)
                self.addItem(item)
            self._fit_height()
        self.setVisible(bool(problems))

    def _fit_height(self) -> None:
        """As tall as its problems, up to VISIBLE_ROWS (then it scrolls)."""
        rows = min(self.count(), VISIBLE_ROWS)
        if rows:
            height = rows * self.sizeHintForRow(0) + 2 * self.frameWidth() + 2
            self.setFixedHeight(height)

    def field_ids(self) -> list[str]:
        return [problem.field_id for problem in self._shown]

    def _chosen(self, item: QListWidgetItem) -> None:
        self.field_chosen.emit(str(item.data(_FIELD)))
