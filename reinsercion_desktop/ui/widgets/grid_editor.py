"""An editable grid of free rows with its «Añadir» and «Quitar» buttons (a conference's
attendees and tasks, a resource's enrolment periods)."""

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from reinsercion_desktop.ui.widgets.grid import GridColumn, GridModel, GridView


class GridEditor(QWidget):
    """`grid` holds the rows (plain dicts); «Añadir» puts the cursor on the new row's first
    cell, «Quitar» removes the row of the current cell."""

    def __init__(
        self,
        columns: list[GridColumn],
        add_text: str,
        remove_text: str,
        *,
        name: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.grid = GridModel(columns, self)
        self.view = GridView(self.grid, name)
        self.add_button = QPushButton(add_text)
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton(remove_text)
        self.remove_button.clicked.connect(self.remove_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(buttons)

    def add_row(self, values: dict[str, Any] | None = None) -> int:
        """A new row, its first cell current: typing there starts editing it."""
        row = self.grid.add_row(values)
        self.view.setCurrentIndex(self.grid.index(row, 0))
        self.view.setFocus()
        return row

    def remove_row(self) -> None:
        self.grid.remove_row(self.view.current_row())

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.grid.set_rows(rows)
