"""Input widgets that a scrolling mouse wheel cannot change by accident.

A drop-down, spin box or date under the pointer took the wheel while the person was
scrolling the page: scrolling the Datos tab changed «Perfil» from Metadona to
Heroína/Cocaína and marked the file as changed. These take the wheel only once they
have the keyboard focus (clicked or tabbed into); otherwise the wheel goes on to the
page around them (the event is ignored, so Qt passes it to the parent). The wheel also
no longer gives them the focus.

Every drop-down, spin box and date edit of the application is one of these;
`tests/ui/test_inputs.py` walks the window to prove it.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox, QDateEdit, QDoubleSpinBox, QSpinBox, QTimeEdit, QWidget


class _WheelNeedsFocus:
    """Mixed in before the Qt class: the wheel turns the value only with the focus."""

    def _calm(self) -> None:
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # type: ignore[attr-defined]  # the wheel does not give focus
        self.setProperty("wheel_needs_focus", True)  # type: ignore[attr-defined]

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        if self.hasFocus():  # type: ignore[attr-defined]
            super().wheelEvent(event)  # type: ignore[misc]
        else:
            event.ignore()  # Qt hands an ignored wheel event on to the page around


class ComboBox(_WheelNeedsFocus, QComboBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._calm()


class SpinBox(_WheelNeedsFocus, QSpinBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._calm()


class DoubleSpinBox(_WheelNeedsFocus, QDoubleSpinBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._calm()


class DateEdit(_WheelNeedsFocus, QDateEdit):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._calm()


class TimeEdit(_WheelNeedsFocus, QTimeEdit):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._calm()
