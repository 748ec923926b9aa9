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
    text: str  # «Fecha de ingreso: Obligatorio.»


def problems_of(definition: FormDefinition, check: FormCheck) -> list[Problem]:
    """The check's errors in the order of the form, each named by its field's label."""
    fields = {field.id: field for field in definition.fields()}
    ordered = [field_id for field_id in fields if field_id in check.errors]
    ordered += [field_id for field_id in check.errors if field_id not in fields]
    problems = []
    for field_id in ordered:
        field = fields.get(field_id)
        name = field.label if field is not None and field.label else ""
        if field is not None and not name:
            name = definition.section_of(field_id).title
        message = check.errors[field_id]
        problems.append(Problem(field_id, f"{name}: {message}" if name else message))
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
        row = self.fontMetrics().height() + 6
        self.setMaximumHeight(VISIBLE_ROWS * row + 2 * self.frameWidth() + 4)
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
        self.setVisible(bool(problems))

    def field_ids(self) -> list[str]:
        return [problem.field_id for problem in self._shown]

    def _chosen(self, item: QListWidgetItem) -> None:
        self.field_chosen.emit(str(item.data(_FIELD)))
