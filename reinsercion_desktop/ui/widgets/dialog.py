"""The base of the application's dialogs: built in code, opened without blocking, and
returning a typed result (STYLE.md habit 6, novelWriter's `dialogs/`).

A dialog subclasses `ResultDialog[T]`; when it has what it asks for (and the service has
accepted it) it calls `finish(value)`: `outcome` holds the value, the dialog is accepted
and `produced` carries the value to whoever opened it. `ask(…, on_result=…)` opens one
with `open()`, never `exec()`, so a test drives it as a person does and a forgotten
modal cannot hang the suite (TECH-NOTES trap 12).
"""

from collections.abc import Callable
from typing import Any, Generic, Self, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QLabel, QWidget

T = TypeVar("T")


class ResultDialog(QDialog, Generic[T]):
    produced = Signal(object)  # the result, once the dialog is accepted with one

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.outcome: T | None = None

    def finish(self, value: T) -> None:
        """Close with `value` as the result."""
        self.outcome = value
        self.accept()
        self.produced.emit(value)

    def say(self, label: QLabel, text: str) -> None:
        """Show `text` in `label` (an error, a warning) and grow the dialog to hold it: a
        wrapped message of several lines would otherwise be squeezed over the fields."""
        label.setText(text)
        label.setVisible(bool(text))
        layout = self.layout()
        if layout is not None:
            layout.activate()
            needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else -1
            needed = max(needed, layout.totalMinimumSize().height())
            if needed > self.height():
                self.resize(self.width(), needed)

    @classmethod
    def ask(cls, *args: Any, on_result: Callable[[T], None] | None = None, **kwargs: Any) -> Self:
        """Build, connect `on_result` and open the dialog (window-modal, not blocking)."""
        dialog = cls(*args, **kwargs)
        if on_result is not None:
            dialog.produced.connect(on_result)
        dialog.open()
        return dialog
