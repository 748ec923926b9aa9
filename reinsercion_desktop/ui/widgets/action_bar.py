"""A row of buttons that fits any width: what does not fit goes in «Más acciones».

A tab in a narrow central area (760 px beside the docks) cannot show six buttons in a
row. `ActionBar` shows its buttons from the left while they fit, and puts the rest (and
the actions meant for the menu only) in a «Más acciones» menu button at the right, so
the bar's minimum width is that one button. Each entry is a `QAction`: code enables,
hides or renames the action and its button (or menu entry) follows.
"""

from collections.abc import Callable

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import QMenu, QPushButton, QSizePolicy, QToolButton, QWidget

from reinsercion_desktop.ui.style import set_role
from reinsercion_desktop.ui.tr import tr

SPACING = 6


class BarButton(QPushButton):
    """A button of the bar; `action` drives it (text, enabled, visible)."""

    def __init__(self, action: QAction, parent: QWidget):
        super().__init__(action.text(), parent)
        self.action = action
        self.clicked.connect(lambda _checked=False: action.trigger())


class ActionBar(QWidget):
    def __init__(self, parent: QWidget | None = None, *, more_text: str = ""):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._entries: list[tuple[QAction, BarButton]] = []
        self._menu_only: list[QAction | None] = []
        self.more_button = QToolButton(self)
        self.more_button.setObjectName("more_actions")
        self.more_button.setText(more_text or tr("Más acciones"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_menu = QMenu(self.more_button)
        self.more_button.setMenu(self.more_menu)
        self.overflow: list[QAction] = []  # the buttons' actions shown in the menu now

    # -- building ------------------------------------------------------------------------

    def add_button(
        self,
        text: str,
        slot: Callable[[], None],
        *,
        name: str = "",
        primary: bool = False,
    ) -> BarButton:
        """A button; hide, disable or rename it through its `action`."""
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())
        button = BarButton(action, self)
        if name:
            button.setObjectName(name)
            action.setObjectName(f"{name}_action")
        if primary:
            set_role(button, "primary")
        action.changed.connect(lambda: self._follow(action, button))
        self._entries.append((action, button))
        self._arrange()
        return button

    def add_menu_action(self, action: QAction | None) -> None:
        """An action shown only in «Más acciones» (None: a separator)."""
        if action is not None:
            action.changed.connect(self._arrange)
        self._menu_only.append(action)
        self._arrange()

    # -- sizes ---------------------------------------------------------------------------

    def _more_width(self) -> int:
        # Room for the menu arrow, which the style draws in the corner over the text.
        return self.more_button.sizeHint().width() + 18

    def _height(self) -> int:
        heights = [b.sizeHint().height() for _a, b in self._entries]
        return max([self.more_button.sizeHint().height(), *heights])

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        widths = [b.sizeHint().width() for a, b in self._entries if a.isVisible()]
        width = sum(widths) + SPACING * len(widths) + self._more_width()
        return QSize(width, self._height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self._more_width(), self._height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._arrange()

    # -- placing -------------------------------------------------------------------------

    def _follow(self, action: QAction, button: BarButton) -> None:
        button.setText(action.text())
        button.setEnabled(action.isEnabled())
        button.setToolTip(action.toolTip() if action.toolTip() != action.text() else "")
        self.updateGeometry()
        self._arrange()

    def _arrange(self) -> None:
        """Buttons from the left while they fit; the rest, in order, in the menu."""
        width, height = self.width(), self._height()
        shown = [(a, b) for a, b in self._entries if a.isVisible()]
        menu_only = any(a is not None and a.isVisible() for a in self._menu_only)
        needed = sum(b.sizeHint().width() for _a, b in shown) + SPACING * max(len(shown) - 1, 0)
        room = width - (self._more_width() + SPACING if menu_only else 0)
        if needed > room:  # the menu button is needed for the overflow anyway
            room = width - self._more_width() - SPACING
        x, overflow, full = 0, [], False
        for action, button in self._entries:
            if not action.isVisible():
                button.hide()
                continue
            wide = button.sizeHint().width()
            if full or x + wide > room:
                full = True
                overflow.append(action)
                button.hide()
                continue
            button.setGeometry(x, 0, wide, height)
            button.show()
            x += wide + SPACING
        self.overflow = overflow
        self._fill_menu()
        more = bool(overflow) or menu_only
        self.more_button.setVisible(more)
        if more:
            self.more_button.setGeometry(width - self._more_width(), 0, self._more_width(), height)

    def _fill_menu(self) -> None:
        self.more_menu.clear()
        for action in self.overflow:
            self.more_menu.addAction(action)
        if self.overflow and self._menu_only:
            self.more_menu.addSeparator()
        for action in self._menu_only:
            if action is None:
                self.more_menu.addSeparator()
            else:
                self.more_menu.addAction(action)
