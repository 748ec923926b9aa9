"""Parts shared by the circuit tabs: read-only tables and the button of a menu of actions."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
)


def make_table(columns: list[str], stretch: int, *, wrap: bool = False) -> QTableWidget:
    """Whole rows selected, nothing edited in place, column `stretch` takes the room left;
    `wrap`: long texts wrap and rows grow to show them (notes, descriptions)."""
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(wrap)
    table.verticalHeader().hide()
    if wrap:  # small tables: rows follow their text as the columns change width
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    # In a tall wrapped row, a date centred vertically scrolls out of sight with its text.
    top = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft if table.wordWrap() else None
    table.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if top is not None:
                item.setTextAlignment(top)
            table.setItem(row, column, item)


def menu_button(text: str, actions: list[QAction | None]) -> QToolButton:
    """A button opening a menu of actions (None: a separator), for the less frequent ones,
    so the tab's buttons fit beside the docks."""
    button = QToolButton()
    button.setText(text)
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
