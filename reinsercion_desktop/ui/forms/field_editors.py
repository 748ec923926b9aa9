"""One editor widget per field kind. Each reads and writes the stored value of its field.

Values are stored as the definitions say (dates ISO, choices by code, scale items by
score); what the user types that cannot be read is kept as typed, so the check can
say what is wrong instead of losing it.
"""

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.dates import DateInputError, parse_date_es
from reinsercion_desktop.forms.schema import FieldDef
from reinsercion_desktop.forms.values import as_date, number_of
from reinsercion_desktop.ui.style import set_role, show_read_only
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.inputs import ComboBox


def date_text(value: Any) -> str:
    parsed = as_date(value)
    return parsed.strftime("%d/%m/%Y") if parsed else ("" if value is None else str(value))


def typed_date(text: str) -> str | None:
    """ISO when readable, the text as typed when not (the check explains), None when empty."""
    text = text.strip()
    if not text:
        return None
    try:
        return parse_date_es(text).isoformat()
    except DateInputError:
        return text


def typed_number(text: str) -> Any:
    """A number when readable ("62,5" too), the text as typed when not, None when empty."""
    if not text.strip():
        return None
    number = number_of(text)
    if number is None:
        return text
    return int(number) if number.is_integer() else number


class FieldEditor(QWidget):
    """Base: `changed` on every edit, `value()`, `set_value()`, `set_read_only()`."""

    changed = Signal()

    def __init__(self, field: FieldDef, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)

    def value(self) -> Any:
        return None

    def set_value(self, value: Any) -> None:
        pass

    def set_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)

    def focus_target(self) -> QWidget:
        return self


class TextEditor(FieldEditor):
    def __init__(self, field: FieldDef, parent: QWidget | None = None):
        super().__init__(field, parent)
        self.edit = QLineEdit()
        if field.kind == "date":
            self.edit.setPlaceholderText(tr("dd/mm/aaaa"))
            self.edit.setMaximumWidth(160)
        elif field.kind == "number":
            self.edit.setPlaceholderText(field.unit)
            self.edit.setMaximumWidth(160)
        self.edit.textEdited.connect(self.changed)
        self.layout_.addWidget(self.edit)

    def value(self) -> Any:
        text = self.edit.text()
        if self.field.kind == "date":
            return typed_date(text)
        if self.field.kind == "number":
            return typed_number(text)
        return text

    def set_value(self, value: Any) -> None:
        self.edit.setText(
            date_text(value) if self.field.kind == "date" else ("" if value is None else str(value))
        )

    def set_read_only(self, read_only: bool) -> None:
        show_read_only(self.edit, read_only)

    def focus_target(self) -> QWidget:
        return self.edit


class LongTextEditor(FieldEditor):
    def __init__(self, field: FieldDef, parent: QWidget | None = None):
        super().__init__(field, parent)
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.edit.setMinimumHeight(90)
        self.edit.textChanged.connect(self.changed)
        self.layout_.addWidget(self.edit)

    def value(self) -> Any:
        return self.edit.toPlainText()

    def set_value(self, value: Any) -> None:
        self.edit.blockSignals(True)
        self.edit.setPlainText(value or "")
        self.edit.blockSignals(False)

    def set_read_only(self, read_only: bool) -> None:
        show_read_only(self.edit, read_only)

    def focus_target(self) -> QWidget:
        return self.edit


class ChoiceEditor(FieldEditor):
    """Choice (codes) and yes/no, as a combo box: keyboard-friendly and compact."""

    def __init__(self, field: FieldDef, parent: QWidget | None = None):
        super().__init__(field, parent)
        self.combo = ComboBox()
        self.combo.addItem(tr("— elija —"), None)
        if field.kind == "yes_no":
            self.combo.addItem(tr("Sí"), True)
            self.combo.addItem(tr("No"), False)
        else:
            for option in field.options:
                self.combo.addItem(option.label, option.code)
        self.combo.currentIndexChanged.connect(self.changed)
        self.layout_.addWidget(self.combo)

    def value(self) -> Any:
        return self.combo.currentData()

    def offer_only(self, codes: set[str]) -> None:
        """Hide the options this programme does not offer (R-ADM-1: no «Menor de 18» in a
        VAR); a value already stored stays shown, so the check beside it can say why."""
        current = self.combo.currentData()
        for index in range(self.combo.count() - 1, 0, -1):
            code = self.combo.itemData(index)
            if code not in codes and code != current:
                self.combo.removeItem(index)

    def set_value(self, value: Any) -> None:
        self.combo.blockSignals(True)
        index = next(
            (
                i
                for i in range(self.combo.count())
                if self.combo.itemData(i) == value and value is not None
            ),
            0,
        )
        self.combo.setCurrentIndex(index)
        self.combo.blockSignals(False)

    def focus_target(self) -> QWidget:
        return self.combo


class MultiChoiceEditor(FieldEditor):
    def __init__(self, field: FieldDef, parent: QWidget | None = None):
        super().__init__(field, parent)
        grid = QGridLayout()
        columns = 2 if len(field.options) > 6 else 1
        self.checks: dict[str, QCheckBox] = {}
        for index, option in enumerate(field.options):
            check = QCheckBox(option.label)
            check.toggled.connect(self.changed)
            grid.addWidget(check, index // columns, index % columns)
            self.checks[option.code] = check
        self.layout_.addLayout(grid)

    def value(self) -> Any:
        return [code for code, check in self.checks.items() if check.isChecked()]

    def set_value(self, value: Any) -> None:
        for code, check in self.checks.items():
            check.blockSignals(True)
            check.setChecked(isinstance(value, list) and code in value)
            check.blockSignals(False)

    def focus_target(self) -> QWidget:
        return next(iter(self.checks.values()))


class ScaleItemEditor(FieldEditor):
    """Three answers in the definition's print order; stores the chosen answer's score."""

    def __init__(self, field: FieldDef, parent: QWidget | None = None):
        super().__init__(field, parent)
        row = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.buttons: dict[int, QRadioButton] = {}
        for option in field.options:
            button = QRadioButton(option.label)
            self.group.addButton(button, option.score or 0)
            self.buttons[option.score or 0] = button
            row.addWidget(button)
        row.addStretch()
        self.group.idToggled.connect(lambda _id, on: on and self.changed.emit())
        self.layout_.addLayout(row)

    def value(self) -> Any:
        chosen = self.group.checkedId()
        return chosen if chosen in self.buttons else None

    def set_value(self, value: Any) -> None:
        self.group.setExclusive(False)
        for score, button in self.buttons.items():
            button.blockSignals(True)
            button.setChecked(score == value)
            button.blockSignals(False)
        self.group.setExclusive(True)

    def focus_target(self) -> QWidget:
        return next(iter(self.buttons.values()))


class TextBlock(FieldEditor):
    """Static text (its placeholders filled) or the list of paper signatures: nothing to edit."""

    def __init__(self, field: FieldDef, parent: QWidget | None = None):
        super().__init__(field, parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if field.kind == "signatures":
            self.label.setText(
                tr("Firmas en el papel impreso: {roles}.").format(roles=", ".join(field.signers))
            )
            set_role(self.label, "hint")
        self.layout_.addWidget(self.label)

    def show_text(self, text: str) -> None:
        if self.field.kind == "static_text":
            self.label.setText(text)

    def set_read_only(self, read_only: bool) -> None:
        pass


def _table_editor(field: FieldDef) -> FieldEditor:
    from reinsercion_desktop.ui.forms.table_editor import TableEditor

    return TableEditor(field)


EDITORS: dict[str, type[FieldEditor]] = {
    "text": TextEditor,
    "date": TextEditor,
    "number": TextEditor,
    "long_text": LongTextEditor,
    "choice": ChoiceEditor,
    "yes_no": ChoiceEditor,
    "multi_choice": MultiChoiceEditor,
    "scale_item": ScaleItemEditor,
    "static_text": TextBlock,
    "signatures": TextBlock,
}


def make_editor(field: FieldDef) -> FieldEditor:
    if field.kind in ("fixed_table", "free_table"):
        return _table_editor(field)
    return EDITORS[field.kind](field)
