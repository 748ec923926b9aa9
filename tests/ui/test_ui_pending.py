"""Pendientes through the shared rows model: «Vence», «Quién», «Qué», toned by the date
(amber within a week, red once overdue), the full text in the tooltip, «Solo vencidos»
as a filter; tens of thousands of items shown without writing their texts; a deadline
seen ahead of its date (R-STAY-2: 15 days before the 9 months), then red.

Today is 15/01/2026 (tests/conftest.py). The model is tested without a window.
"""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from reinsercion_desktop.db.models import Participant, Stay
from reinsercion_desktop.domain.deadlines import Deadline, DeadlineKind
from reinsercion_desktop.services.pending import IncompleteFile
from reinsercion_desktop.ui.circuit.pending_dock import (
    COL_DUE,
    COL_WHAT,
    COL_WHO,
    PendingDock,
    PendingModel,
)
from reinsercion_desktop.ui.widgets.table import TONES

TODAY = date(2026, 1, 15)
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole


def _text(item: Deadline) -> str:
    return "Anexo IV al centro derivador."


def item(days_ahead: int, who: str = "Ruiz, Ana (RUAN010180M)", **extra: object) -> Deadline:
    due = TODAY + timedelta(days=days_ahead)
    return Deadline(DeadlineKind.ANEXO_IV, who, due, _text, None, "p1", "s1", **extra)  # type: ignore[arg-type]


# -- the model, without a window ------------------------------------------------------------


def test_model_columns_texts_tones_and_tooltip() -> None:
    model = PendingModel()
    lacking = IncompleteFile("p9", "Sanz, Eva (SAEV)", ("gestor/a de caso",))
    model.set_items([item(-10), item(0), item(7), item(8), lacking], TODAY)
    assert [model.headerData(i, Qt.Orientation.Horizontal) for i in range(3)] == [
        "Vence",
        "Quién",
        "Qué",
    ]
    assert [model.index(r, COL_DUE).data() for r in range(5)] == [
        "05/01/2026",
        "Hoy",
        "22/01/2026",
        "23/01/2026",
        "Sin fecha",
    ]
    assert model.index(0, COL_WHO).data() == "Ruiz, Ana (RUAN010180M)"
    assert model.index(0, COL_WHAT).data() == "Anexo IV al centro derivador."
    assert model.index(4, COL_WHAT).data() == "Falta: gestor/a de caso"
    # Red once overdue, amber from a week before (the day itself included), else plain.
    tones = [model.index(r, COL_WHAT).data(_FOREGROUND) for r in range(5)]
    assert tones == [TONES["alert"], TONES["warning"], TONES["warning"], None, None]
    # Every cell's tooltip is the item's three lines: who, what (rule), when.
    assert model.index(0, COL_WHO).data(_TOOLTIP) == (
        "Ruiz, Ana (RUAN010180M)\nAnexo IV al centro derivador. (R-STAY-3)\n"
        "VENCIDO el 05/01/2026 (hace 10 días)"
    )
    assert model.index(2, COL_DUE).data(_TOOLTIP).endswith("Vence el 22/01/2026 (en 7 días)")
    assert model.index(4, COL_DUE).data(_TOOLTIP).endswith("Ficha incompleta")


def test_46000_items_are_shown_without_writing_their_texts(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The stress set's size: the dock takes the items and paints the rows in sight; the
    text of an item ("Qué") is written only for those rows."""
    written = []

    def write(item: Deadline) -> str:
        written.append(item.facts)
        return f"Tarea {item.facts}"

    items = [
        Deadline(DeadlineKind.CONFERENCE_TASK, f"Persona {n:05d}", TODAY, write, n, f"p{n}")
        for n in range(46_000)
    ]
    window = QMainWindow()
    qtbot.addWidget(window)
    dock = PendingDock(parent=window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.resize(1366, 768)
    window.show()
    dock.set_items(items, TODAY)
    assert dock.model.rowCount() == 46_000 and written == []
    assert dock.summary_label.text() == "46000 pendientes, 0 vencidos"
    window.grab()  # painted: only the rows in sight are written
    assert 0 < len(written) < 200
    dock.overdue_check.setChecked(True)  # «Solo vencidos»: a filter over the same items
    assert dock.model.rowCount() == 0 and len(dock.items) == 46_000


def test_only_overdue_is_a_filter_that_follows_each_new_reading(qtbot) -> None:  # type: ignore[no-untyped-def]
    dock = PendingDock()
    qtbot.addWidget(dock)
    dock.set_items([item(-2), item(0), item(3)], TODAY)
    assert dock.summary() == "3 pendientes, 1 vencidos" and dock.overdue_count == 1
    dock.overdue_check.setChecked(True)
    assert [dock.model.row_at(r).due for r in range(dock.model.rowCount())] == [date(2026, 1, 13)]
    dock.set_items(dock.items, TODAY + timedelta(days=1))  # a day later: two are late
    assert dock.model.rowCount() == 2 == dock.overdue_count
    dock.overdue_check.setChecked(False)
    assert dock.model.rowCount() == 3
    dock.set_items([], TODAY)
    assert dock.summary_label.text() == "No hay nada pendiente."


def test_a_click_opens_the_item_once_even_on_a_double_click(qtbot) -> None:  # type: ignore[no-untyped-def]
    dock = PendingDock()
    qtbot.addWidget(dock)
    dock.resize(340, 400)
    dock.show()
    dock.set_items([item(-2), item(3, who="Sanz, Eva (SAEV)")], TODAY)
    chosen = []
    dock.item_chosen.connect(chosen.append)
    view = dock.table_view
    centre = view.visualRect(dock.model.index(1, COL_WHO)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert [i.who for i in chosen] == ["Sanz, Eva (SAEV)"]
    view.setCurrentIndex(dock.model.index(0, COL_DUE))
    qtbot.keyClick(view, Qt.Key.Key_Return)  # the keyboard opens it too
    assert [i.who for i in chosen] == ["Sanz, Eva (SAEV)", "Ruiz, Ana (RUAN010180M)"]


def test_dock_fits_a_narrow_side_of_the_screen(qtbot) -> None:  # type: ignore[no-untyped-def]
    dock = PendingDock()
    qtbot.addWidget(dock)
    dock.set_items([item(-400, who="Apellido Muy Largo Compuesto, Nombre (XXXX000000H)")], TODAY)
    hint = dock.minimumSizeHint()
    assert hint.width() <= 340 and hint.height() <= 430


# -- read from the service, through the session ------------------------------------------------


@pytest.fixture
def long_stay(workspace, services, admin):  # type: ignore[no-untyped-def]
    """Someone in a vivienda since 30/04/2025: 9 months on 30/01/2026, no justification
    and no planned discharge (a Stay row, as admission writes it)."""
    vivienda = services.catalogues.viviendas()[0]
    with workspace.db.unit_of_work(admin) as work:
        someone = work.add(
            Participant(
                first_name="Andrés", surname1="Aguilar", birth_date=date(1978, 2, 3), sex="H",
                codapel="AGAN030278H",
            )
        )  # fmt: skip
        work.flush()
        work.add(
            Stay(
                participant_id=someone.id, vivienda_id=vivienda.id, admission_date=date(2025, 4, 30)
            )
        )
    return someone.id


def test_R_STAY_2_seen_15_days_ahead_then_red(qtbot, services, session, clock, long_stay) -> None:  # type: ignore[no-untyped-def]
    dock = PendingDock(services.pending, session)
    qtbot.addWidget(dock)
    dock.refresh()  # 15/01: the 30/01 limit is 15 days ahead, listed (not the day after)
    (ahead,) = [i for i in dock.items if i.kind == DeadlineKind.STAY_OVER_9_MONTHS]
    assert ahead.due == date(2026, 1, 30) and ahead.participant_id == long_stay
    row = dock.model.find(lambda i: i is ahead)
    assert dock.model.index(row, COL_DUE).data() == "30/01/2026"
    assert (
        dock.model.index(row, COL_DUE).data(_TOOLTIP).endswith("Vence el 30/01/2026 (en 15 días)")
    )
    assert dock.model.index(row, COL_DUE).data(_FOREGROUND) is None
    clock.advance(days=8)  # 23/01: a week to go, amber
    dock.refresh()
    row = dock.model.find(lambda i: i.kind == DeadlineKind.STAY_OVER_9_MONTHS)
    assert dock.model.index(row, COL_DUE).data(_FOREGROUND) == TONES["warning"]
    clock.advance(days=8)  # 31/01: passed with no justification, red
    dock.refresh()
    row = dock.model.find(lambda i: i.kind == DeadlineKind.STAY_OVER_9_MONTHS)
    assert (
        dock.model.index(row, COL_DUE).data(_TOOLTIP).endswith("VENCIDO el 30/01/2026 (hace 1 día)")
    )
    assert dock.model.index(row, COL_DUE).data(_FOREGROUND) == TONES["alert"]
