"""Small parts of the administration forms: a field with its message below it, read-only
looks, and running a service call that may refuse with messages per field."""

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.enums import SPANISH_PROVINCES
from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.inputs import ComboBox

T = TypeVar("T")

# Read-only fields look it (the code always; everything for those who may not edit).
READ_ONLY_STYLE = 'QLineEdit[readOnly="true"], QSpinBox[readOnly="true"], QDoubleSpinBox[readOnly="true"] { background: #eef1f5; }'


def line_edit(limit: int | None = None, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    if limit is not None:
        edit.setMaxLength(limit + 1)  # one over, so the message can explain the limit
    edit.setPlaceholderText(placeholder)
    return edit


def hint(text: str) -> QLabel:
    label = QLabel(text)
    set_role(label, "hint")
    label.setWordWrap(True)
    return label


def row(*widgets: QWidget) -> QWidget:
    holder = QWidget()
    line = QHBoxLayout(holder)
    line.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        line.addWidget(widget)
    line.addStretch()
    return holder


def province_combo() -> QComboBox:
    combo = ComboBox()
    combo.setEditable(True)
    combo.addItems(["", *SPANISH_PROVINCES])
    return combo


def with_error(widget: QWidget, errors: dict[str, QLabel], name: str) -> QWidget:
    """The field with its message right below it (hidden while there is none)."""
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(1)
    label = QLabel()
    set_role(label, "error")
    label.setWordWrap(True)
    label.hide()
    column.addWidget(widget)
    column.addWidget(label)
    errors[name] = label
    return holder


def show_problems(errors: dict[str, QLabel], problems: dict[str, str]) -> list[str]:
    """Put each message beside its field; return the ones that have no field here."""
    shown: dict[str, list[str]] = {}
    rest = []
    for name, message in problems.items():
        key = "places" if name.startswith("places_") else name
        if key in errors:
            shown.setdefault(key, []).append(message)
        else:
            rest.append(message)
    for name, label in errors.items():
        label.setText(" ".join(dict.fromkeys(shown.get(name, []))))
        label.setVisible(name in shown)
    return rest


def make_read_only(*widgets: QWidget) -> None:
    for widget in widgets:
        if isinstance(widget, QLineEdit | QSpinBox | QDoubleSpinBox):
            widget.setReadOnly(True)
            if isinstance(widget, QLineEdit):
                widget.setPlaceholderText("")
        else:
            widget.setEnabled(False)


def say(label: QLabel, text: str, *, error: bool) -> None:
    set_role(label, "error" if error else "hint")
    label.setText(text)


def attempt(save: Callable[[], T], errors: dict[str, QLabel], message: QLabel) -> T | None:
    """Run a service call; on refusal show why (beside the fields) and return None."""
    try:
        result = save()
    except ValidationError as error:
        rest = show_problems(errors, error.problems)
        say(message, " ".join([tr("Revise los campos marcados."), *rest]), error=True)
        return None
    except UserError as error:
        show_problems(errors, {})
        say(message, str(error), error=True)
        return None
    show_problems(errors, {})
    return result
