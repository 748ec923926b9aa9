"""A small dialog of labelled fields whose Save calls one service action.

The circuit has many short steps (receive, postpone, record an outing…), each a handful
of fields and one service call. `ActionDialog` gives them one shape: every field has its
message label beside it; Save runs `action(dialog)`; a `ValidationError` from the service
puts each message beside its field (or above the buttons when no field owns it), a
`UserError` is shown in a message box, and only a success closes the dialog with the
service's result in `outcome` (and `produced`, see `ResultDialog`). The rules stay in the services: the dialog only reads
what was typed (dates as dd/mm/aaaa) and shows what the service says.
"""

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reinsercion_desktop.domain.dates import DateInputError, format_date_es, parse_date_es
from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.dialog import ResultDialog
from reinsercion_desktop.ui.widgets.inputs import ComboBox

Action = Callable[["ActionDialog"], Any]


def combo(items: Iterable[tuple[Any, str]], current: Any = None) -> QComboBox:
    """A combo of (data, label) items, with `current` chosen when present."""
    box = ComboBox()
    for value, label in items:
        box.addItem(label, value)
    index = box.findData(current)
    if current is not None and index >= 0:
        box.setCurrentIndex(index)
    return box


def long_text(text: str = "", height: int = 70) -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


class ActionDialog(ResultDialog[Any]):
    """Fields with their messages beside them; Save calls `action` and closes on success."""

    def __init__(
        self,
        title: str,
        parent: QWidget | None = None,
        *,
        intro: str = "",
        save_text: str = "",
        width: int = 520,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(width)
        self.action: Action | None = None
        self.fields: dict[str, QWidget] = {}
        self.error_labels: dict[str, QLabel] = {}
        self._rows: dict[str, tuple[QLabel, QWidget]] = {}
        self._owners: dict[str, str] = {}  # the service's problem key → the field showing it
        self._until_needed: set[str] = set()

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.intro_label = QLabel(intro)
        self.intro_label.setWordWrap(True)
        set_role(self.intro_label, "hint")
        self.intro_label.setVisible(bool(intro))
        self.message_label = QLabel()
        self.message_label.setObjectName("message_label")
        self.message_label.setWordWrap(True)
        set_role(self.message_label, "error")
        self.message_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(save_text or tr("Guardar"))
        set_role(self.save_button, "primary")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addLayout(self.form)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)

    # -- building --------------------------------------------------------------------------

    def add(
        self,
        name: str,
        label: str,
        widget: QWidget,
        *,
        keys: Iterable[str] = (),
        until_needed: bool = False,
    ) -> Any:
        """A row: the widget with its message label under it; `keys` are the service's
        problem names shown beside this field (the field's own name always is).
        `until_needed`: the row stays hidden until the service asks for it (a problem)."""
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = QLabel()
        error.setWordWrap(True)
        set_role(error, "error")
        error.hide()
        column.addWidget(error)
        caption = QLabel(label)
        self.form.addRow(caption, holder)
        self.fields[name] = widget
        self.error_labels[name] = error
        self._rows[name] = (caption, holder)
        for key in (name, *keys):
            self._owners[key] = name
        if until_needed:
            self._until_needed.add(name)
            self.set_row_visible(name, False)
        return widget

    def add_date(
        self, name: str, label: str, value: date | None = None, *, keys: Iterable[str] = ()
    ) -> QLineEdit:
        edit = QLineEdit(format_date_es(value))
        edit.setPlaceholderText(tr("dd/mm/aaaa"))
        edit.setMaxLength(10)
        edit.setMaximumWidth(130)
        return self.add(name, label, edit, keys=keys)

    def set_row_visible(self, name: str, visible: bool) -> None:
        caption, holder = self._rows[name]
        caption.setVisible(visible)
        holder.setVisible(visible)

    def row_visible(self, name: str) -> bool:
        return not self._rows[name][1].isHidden()

    # -- reading what was typed ------------------------------------------------------------

    def text(self, name: str) -> str:
        widget = self.fields[name]
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QComboBox):
            return widget.currentText()
        assert isinstance(widget, QLineEdit)
        return widget.text()

    def value(self, name: str) -> Any:
        widget = self.fields[name]
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        return self.text(name)

    def date(self, name: str, *, required: bool = True) -> date | None:
        """The date typed in a field; its reading problem is shown beside it."""
        text = self.text(name).strip()
        if not text:
            if required:
                raise ValidationError({name: tr("Escriba la fecha (dd/mm/aaaa).")})
            return None
        try:
            return parse_date_es(text)
        except DateInputError as error:
            raise ValidationError({name: str(error)}) from None

    # -- saving ----------------------------------------------------------------------------

    def submit(self) -> None:
        """Run the action; close only when the service accepted it."""
        self.show_problems({})
        if self.action is None:
            self.accept()
            return
        try:
            value = self.action(self)
        except ValidationError as error:
            self.show_problems(error.problems)
            return
        except UserError as error:
            QMessageBox.warning(self, tr("No se ha guardado"), str(error))
            return
        self.finish(value)

    def show_problems(self, problems: dict[str, str]) -> None:
        """Each message beside its field; the rest, and a count, above the buttons."""
        beside: dict[str, list[str]] = {}
        general: list[str] = []
        for key, message in problems.items():
            owner = self._owners.get(key)
            if owner in self._until_needed:
                self.set_row_visible(owner, True)
            if owner is not None and self.row_visible(owner):
                beside.setdefault(owner, []).append(message)
            else:
                general.append(message)
        for name, label in self.error_labels.items():
            label.setText(" ".join(beside.get(name, [])))
            label.setVisible(name in beside)
        if beside and not general:
            general.append(
                tr(
                    "No se ha guardado: revise {n} campo(s); el motivo está junto a cada uno."
                ).format(n=len(beside))
            )
        self.message_label.setText("\n".join(general))
        self.message_label.setVisible(bool(general))
        first = next((name for name in self.fields if name in beside), None)
        if first is not None:
            self.fields[first].setFocus()
