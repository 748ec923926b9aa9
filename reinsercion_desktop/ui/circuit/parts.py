"""The button of a menu of actions, shared by the circuit's tabs and docks."""

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton

# Re-exported for the screens outside the circuit not yet converted (see legacy_tables).
from reinsercion_desktop.ui.circuit.legacy_tables import fill as fill
from reinsercion_desktop.ui.circuit.legacy_tables import make_table as make_table


def menu_button(text: str, actions: list[QAction | None]) -> QToolButton:
    """A button opening a menu of actions (None: a separator), for the less frequent ones,
    so the buttons that are always in sight fit a narrow tab or dock."""
    button = QToolButton()
    button.setText(text)
    button.setObjectName("more_actions_button")
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    for action in actions:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)
    button.setMenu(menu)
    # Room for the menu arrow, which the style draws in the corner over the text.
    button.setMinimumWidth(button.sizeHint().width() + 14)
    return button
