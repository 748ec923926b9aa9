"""The look of the application without an application-wide style sheet.

A global Qt style sheet routes every widget through QStyleSheetStyle, which made the
form editor five times slower to build (170 ms instead of 35 ms for an Anexo I); an
application-wide event filter in Python costs as much again. So the colours live in a
palette, and the few roles a widget takes (error, hint, title, chip, primary) are set
with `set_role`, which applies them at once.
"""

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QPlainTextEdit, QWidget

WINDOW = "#f6f7f9"
INK = "#1b1d21"
SELECTION = "#cfe0f5"
READ_ONLY = "#eef1f5"
DISABLED_TEXT = "#5f6873"
DISABLED_BUTTON = "#e9ecf0"

_TEXT_COLOURS = {"error": "#b3261e", "hint": "#5f6b7a", "title": "#1d3557"}
_CHIPS = {"chip": ("#e3f0ea", "#1e5e3f"), "chip-archived": ("#f3e3e3", "#8a1c1c")}
PRIMARY = ("#1d5fa8", "#ffffff")


def application_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, WINDOW),
        (QPalette.ColorRole.WindowText, INK),
        (QPalette.ColorRole.Base, "#ffffff"),
        (QPalette.ColorRole.AlternateBase, "#f3f5f8"),
        (QPalette.ColorRole.Text, INK),
        (QPalette.ColorRole.Button, "#eef1f5"),
        (QPalette.ColorRole.ButtonText, INK),
        (QPalette.ColorRole.Highlight, SELECTION),
        (QPalette.ColorRole.HighlightedText, INK),
        (QPalette.ColorRole.ToolTipBase, "#ffffff"),
        (QPalette.ColorRole.ToolTipText, INK),
        (QPalette.ColorRole.PlaceholderText, "#8a93a0"),
    ):
        palette.setColor(role, QColor(colour))
    # What cannot be used must look so, and still be read (contrast ≥ 4.5:1, WCAG AA):
    # a disabled «Guardar» says what it would do once the form allows it.
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.Text,
    ):
        palette.setColor(disabled, role, QColor(DISABLED_TEXT))
    palette.setColor(disabled, QPalette.ColorRole.Button, QColor(DISABLED_BUTTON))
    return palette


def apply_role(widget: QWidget) -> None:
    """Give a widget the look of its `role` property (called again when the role changes)."""
    role = widget.property("role")
    palette = widget.palette()
    if role in _TEXT_COLOURS:
        palette.setColor(QPalette.ColorRole.WindowText, QColor(_TEXT_COLOURS[role]))
        widget.setPalette(palette)
        if role == "title":
            font = QFont(widget.font())
            font.setPointSize(16)
            font.setWeight(QFont.Weight.DemiBold)
            widget.setFont(font)
    elif role in _CHIPS:
        background, text = _CHIPS[role]
        palette.setColor(QPalette.ColorRole.Window, QColor(background))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(text))
        widget.setPalette(palette)
        widget.setAutoFillBackground(True)
        widget.setContentsMargins(8, 2, 8, 2)
    elif role == "primary" and isinstance(widget, QAbstractButton):
        background, text = PRIMARY
        palette.setColor(QPalette.ColorRole.Button, QColor(background))
        palette.setColor(QPalette.ColorRole.ButtonText, QColor(text))
        # Disabled, a primary button looks like any disabled one: readable grey on grey,
        # never white on pale blue (which could not be read).
        disabled = QPalette.ColorGroup.Disabled
        palette.setColor(disabled, QPalette.ColorRole.Button, QColor(DISABLED_BUTTON))
        palette.setColor(disabled, QPalette.ColorRole.ButtonText, QColor(DISABLED_TEXT))
        widget.setPalette(palette)


def show_read_only(widget: QLineEdit | QPlainTextEdit, read_only: bool) -> None:
    """Read-only text looks greyed, so nobody tries to type into a signed form."""
    widget.setReadOnly(read_only)
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor(READ_ONLY if read_only else "#ffffff"))
    widget.setPalette(palette)


def set_role(widget: QWidget, role: str) -> None:
    """Mark a widget with a role (also readable by a dialog's own style sheet) and apply it."""
    widget.setProperty("role", role)
    apply_role(widget)


def install_style(app: QApplication) -> None:
    app.setPalette(application_palette())
