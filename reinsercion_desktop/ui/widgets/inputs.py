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


def _calm(widget: QWidget) -> None:
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel does not give focus
    widget.setProperty("wheel_needs_focus", True)


class ComboBox(QComboBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        _calm(self)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class SpinBox(QSpinBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        _calm(self)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class DoubleSpinBox(QDoubleSpinBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        _calm(self)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class DateEdit(QDateEdit):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        _calm(self)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class TimeEdit(QTimeEdit):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        _calm(self)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()
