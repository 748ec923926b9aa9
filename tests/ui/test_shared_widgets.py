"""The shared parts every screen is built from: the rows table, calm inputs, lazy docks
and tabs, and the dialog that returns a typed result.

The table model is tested without a window: it is plain Python over plain rows.
"""

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea, QVBoxLayout, QWidget

from reinsercion_desktop.ui.widgets.dialog import ResultDialog
from reinsercion_desktop.ui.widgets.inputs import ComboBox, DateEdit, DoubleSpinBox, SpinBox
from reinsercion_desktop.ui.widgets.lazy import LazyDock, LazyTab
from reinsercion_desktop.ui.widgets.table import TONES, Column, RowsTableModel, RowsTableView


@dataclass(frozen=True)
class Person:
    name: str
    days: int
    note: str = ""
    archived: bool = False


COLUMNS = (
    Column[Person]("Persona", lambda p: p.name),
    Column[Person]("Días", lambda p: str(p.days), sort_key=lambda p: p.days, align="right"),
    Column[Person](
        "Nota", lambda p: p.note, tone=lambda p: "alert" if p.days > 90 else None, prose=True
    ),
)
ROWS = [Person("Ruiz, Ana", 12, "Bien"), Person("Alba, Luis", 120, "Vence"), Person("Sanz, Eva", 7)]


def _model() -> RowsTableModel[Person]:
    model = RowsTableModel(COLUMNS, row_tone=lambda p: "muted" if p.archived else None)
    model.set_rows(ROWS)
    return model


def test_model_shows_rows_through_columns_with_translated_headers() -> None:
    model = _model()
    assert model.rowCount() == 3 and model.columnCount() == 3
    assert [model.headerData(i, Qt.Orientation.Horizontal) for i in range(3)] == [
        "Persona",
        "Días",
        "Nota",
    ]
    assert model.index(1, 0).data() == "Alba, Luis"
    assert model.index(1, 1).data() == "120"
    assert model.index(1, 1).data(Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    )
    assert model.data(QModelIndex()) is None
    assert model.index(0, 0).data(Qt.ItemDataRole.UserRole) == ROWS[0]


def test_model_computes_text_only_when_asked() -> None:
    calls: list[str] = []

    def text(p: Person) -> str:
        calls.append(p.name)
        return p.name

    model = RowsTableModel([Column[Person]("Persona", text)])
    model.set_rows([Person(f"P{i}", i) for i in range(46_000)])
    assert calls == []  # 46,000 rows set, no text built up front
    assert model.index(45_999, 0).data() == "P45999"
    assert calls == ["P45999"]


def test_tooltip_holds_the_full_text_and_the_note() -> None:
    columns = [Column[Person]("Nota", lambda p: p.note, tooltip=lambda p: f"{p.days} días")]
    model = RowsTableModel(columns)
    model.set_rows([Person("A", 3, "Un texto largo que se corta en la columna")])
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == (
        "Un texto largo que se corta en la columna\n3 días"
    )


def test_cell_tone_wins_over_the_row_tone() -> None:
    model = _model()
    model.set_rows([Person("Vieja", 200, "x", archived=True)])
    assert model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole) == TONES["alert"]
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) == TONES["muted"]


def test_sort_by_key_and_filter_keep_each_other() -> None:
    model = _model()
    model.sort(1, Qt.SortOrder.DescendingOrder)  # by days, numerically (120 > 12 > 7)
    assert [p.days for p in model.rows] == [120, 12, 7]
    model.set_filter(lambda p: p.days < 100)
    assert [p.days for p in model.rows] == [12, 7]
    model.set_rows(ROWS + [Person("Nuevo", 50)])  # new rows: same order, same filter
    assert [p.days for p in model.rows] == [50, 12, 7]
    assert model.find(lambda p: p.name == "Sanz, Eva") == 2
    assert model.find(lambda p: p.name == "Nadie") == -1


def test_view_fits_columns_to_content_within_limits(qtbot) -> None:  # type: ignore[no-untyped-def]
    long_name = "Fernández de la Cruz y Martínez-Villalobos, María de los Ángeles " * 3
    columns = [
        Column[Person]("N", lambda p: p.name),
        Column[Person]("Días", lambda p: str(p.days), max_width=200),
        Column[Person]("Nota", lambda p: p.note, stretch=True),
    ]
    model = RowsTableModel(columns)
    view = RowsTableView(model, "people")
    qtbot.addWidget(view)
    model.set_rows([Person("Ana", 3), Person(long_name, 4)])
    header = view.horizontalHeader()
    assert header.sectionSize(0) == 320  # the long name is capped, then elided
    assert 40 <= header.sectionSize(1) < 100  # "Días": as wide as its header
    assert view.textElideMode() == Qt.TextElideMode.ElideRight
    assert header.sectionResizeMode(2) == header.ResizeMode.Stretch


def test_view_gives_the_row_record(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = _model()
    view = RowsTableView(model, "people")
    qtbot.addWidget(view)
    assert view.current_row() is None
    assert view.select_where(lambda p: p.name == "Sanz, Eva")
    assert view.current_row() == ROWS[2]
    with qtbot.waitSignal(view.row_activated) as signal:
        view.activated.emit(model.index(0, 0))
    assert signal.args == [ROWS[0]]


def _wheel(widget: QWidget) -> bool:
    """Turn the wheel over `widget`; True if the widget took the event."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


@pytest.mark.parametrize("kind", [ComboBox, SpinBox, DoubleSpinBox, DateEdit])
def test_inputs_ignore_the_wheel_unless_focused_and_the_page_scrolls(qtbot, kind) -> None:  # type: ignore[no-untyped-def]
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addSpacing(800)
    field = kind()
    if isinstance(field, ComboBox):
        field.addItems(["Alcohol", "Metadona", "Heroína/Cocaína"])
        field.setCurrentIndex(1)
    elif isinstance(field, SpinBox | DoubleSpinBox):
        field.setValue(5)
    layout.addWidget(field)
    layout.addSpacing(800)
    scroll = QScrollArea()
    scroll.setWidget(page)
    scroll.resize(300, 400)
    qtbot.addWidget(scroll)
    scroll.show()
    scroll.ensureWidgetVisible(field)
    qtbot.waitExposed(scroll)
    before = field.currentIndex() if isinstance(field, ComboBox) else field.text()
    taken = _wheel(field)
    after = field.currentIndex() if isinstance(field, ComboBox) else field.text()
    assert after == before  # the value did not move …
    # … and the event is left unaccepted, so Qt hands a real (spontaneous) wheel event on
    # to the scroll area around the field: the page scrolls instead.
    assert not taken
    assert field.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel gives no focus
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    assert _wheel(field)
    now = field.currentIndex() if isinstance(field, ComboBox) else field.text()
    assert now != before  # once focused, the wheel is the person's choice


class _CountingDock(LazyDock):
    def __init__(self) -> None:
        super().__init__("Prueba")
        self.reads = 0

    def refresh(self) -> None:
        self.reads += 1


def test_lazy_dock_reads_when_shown_and_when_stale(qtbot) -> None:  # type: ignore[no-untyped-def]
    dock = _CountingDock()
    qtbot.addWidget(dock)
    dock.invalidate()
    assert dock.reads == 0  # not on screen: nothing read
    dock.show()
    qtbot.waitUntil(lambda: dock.reads == 1)
    dock.invalidate()  # on screen: read now
    assert dock.reads == 2 and not dock.stale
    dock.hide()
    dock.invalidate()
    assert dock.reads == 2 and dock.stale


class _CountingTab(LazyTab):
    def __init__(self) -> None:
        super().__init__()
        self.read_for: list[str] = []

    def refresh(self) -> None:
        assert self.participant_id is not None
        self.read_for.append(self.participant_id)


def test_lazy_tab_reads_the_person_when_in_sight(qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = _CountingTab()
    qtbot.addWidget(tab)
    tab.load("p1")
    tab.load("p2")
    assert tab.read_for == [] and tab.stale
    tab.show()
    assert tab.read_for == ["p2"]  # only the last person, once
    tab.load("p3")
    assert tab.read_for == ["p2", "p3"]


class _AskName(ResultDialog[str]):
    def answer(self, text: str) -> None:
        if text.strip():
            self.finish(text.strip())


def test_result_dialog_returns_its_typed_result(qtbot) -> None:  # type: ignore[no-untyped-def]
    got: list[str] = []
    dialog = _AskName.ask(None, on_result=got.append)
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.outcome is None
    dialog.answer("  ")
    assert dialog.isVisible() and got == []
    dialog.answer(" Ana ")
    assert not dialog.isVisible()
    assert dialog.outcome == "Ana" and got == ["Ana"]


def test_grid_of_free_rows_edits_in_place_and_gives_plain_rows(qtbot) -> None:  # type: ignore[no-untyped-def]
    from reinsercion_desktop.ui.widgets.grid import GridColumn, GridModel, GridView

    columns = [
        GridColumn("year", "Año", "number"),
        GridColumn("code", "Programa", "choice", (("PTM", "Metadona"), ("CT", "Comunidad"))),
    ]
    model = GridModel(columns)
    changes: list[int] = []
    model.changed.connect(lambda: changes.append(1))
    row = model.add_row()
    assert model.setData(model.index(row, 0), " 2019 ")
    assert model.setData(model.index(row, 1), "CT")
    assert model.index(row, 1).data() == "Comunidad"  # the label shown, the code kept
    assert model.rows() == [{"year": "2019", "code": "CT"}]
    model.add_row()
    assert model.rows() == [{"year": "2019", "code": "CT"}, {}]
    model.remove_row(0)
    assert model.rows() == [{}] and len(changes) == 5
    view = GridView(model, "grid")
    qtbot.addWidget(view)
    view.set_read_only(True)
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable


def test_grid_of_fixed_rows_keeps_its_rows(qtbot) -> None:  # type: ignore[no-untyped-def]
    from reinsercion_desktop.ui.widgets.grid import GridColumn, GridModel

    model = GridModel([GridColumn("start", "Inicio")], row_labels=("Tabaco", "Alcohol"))
    model.set_rows([{"start": "14"}])
    assert model.rowCount() == 2
    assert model.headerData(1, Qt.Orientation.Vertical) == "Alcohol"
    assert model.rows() == [{"start": "14"}, {}]
    with pytest.raises(ValueError):
        model.add_row()


def test_a_pdf_is_suggested_in_documents_named_by_form_codapel_and_day() -> None:
    from datetime import date

    from reinsercion_desktop.ui.widgets.files import documents_dir, suggested_pdf

    path = suggested_pdf("Anexo I", "NUGA070385H", date(2026, 12, 7))
    assert path.name == "Anexo I - NUGA070385H - 2026-12-07.pdf"
    assert path.parent == documents_dir()
    assert suggested_pdf('Informe: "alta"/VI', "", date(2026, 1, 2)).name == (
        "Informe alta VI - 2026-01-02.pdf"
    )


def test_a_sortable_view_starts_with_the_first_column_a_to_z(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = _model()
    view = RowsTableView(model, "people", sortable=True)
    qtbot.addWidget(view)
    assert [p.name for p in model.rows] == ["Alba, Luis", "Ruiz, Ana", "Sanz, Eva"]
