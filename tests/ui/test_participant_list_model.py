"""The participant list on the shared rows model: its search, order and archived rows."""

from datetime import date

from PySide6.QtCore import Qt

from reinsercion_desktop.domain.participant_list import ListFilter, ParticipantRow
from reinsercion_desktop.domain.text import fold
from reinsercion_desktop.ui.participants.list_model import COL_BIRTH, ParticipantTableModel
from reinsercion_desktop.ui.widgets.table import TONES


def _row(
    pid: str, surname: str, first: str, born: date, *, archived: bool = False
) -> ParticipantRow:
    key = fold(f"{surname} {first}")
    return ParticipantRow(
        pid,
        surname,
        "",
        first,
        f"{pid.upper()}H",
        "",
        born,
        "H",
        "en_vivienda",
        None,
        "",
        archived,
        key,
        "",
    )


ROWS = [
    _row("c", "Núñez", "José", date(1985, 3, 7)),
    _row("a", "Alba", "Luis", date(1990, 1, 1)),
    _row("b", "Romo", "Ana", date(1970, 5, 5), archived=True),
]


def test_the_list_sorts_searches_and_greys_archived_files() -> None:
    model = ParticipantTableModel()
    model.set_rows(ROWS)
    # Archived files are hidden unless asked for; the name column sorts A→Z.
    assert [model.row_at(i).id for i in range(model.rowCount())] == ["a", "c"]
    assert model.total == 2
    model.apply_filter(ListFilter(text="nunez"))  # accents and case do not matter
    assert [row.id for row in model.rows] == ["c"]
    model.apply_filter(ListFilter(include_archived=True))
    assert model.index(model.row_of("b"), 0).data(Qt.ItemDataRole.ForegroundRole) == TONES["muted"]
    assert "Ficha archivada" in model.index(model.row_of("b"), 0).data(Qt.ItemDataRole.ToolTipRole)
    model.sort(COL_BIRTH, Qt.SortOrder.AscendingOrder)  # by the date, not its text
    assert [row.id for row in model.rows] == ["b", "c", "a"]
    assert model.index(0, COL_BIRTH).data() == "05/05/1970"
