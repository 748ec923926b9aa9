"""Parts shared by the circuit's tabs and docks: the button of a menu of actions, and
the shortening of a free text shown in a summary line (its full text in a tooltip)."""

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton

# Re-exported for the screens outside the circuit not yet converted (see legacy_tables).


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


SUMMARY_LIMIT = 160  # characters of a free text in a summary line: a 430 px file stays usable


def shortened(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """`text` up to `limit` characters, cut at a word with "…" (notes may be 2,000 long)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"
