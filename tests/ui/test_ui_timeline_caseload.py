"""The caseload dock, the timeline widget and case items in Pendientes, in the real window."""

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.models import (
    Interview,
    Participant,
    PlanObjective,
    ReintegrationPlan,
    Stay,
    UserAccount,
)
from reinsercion_desktop.services.timeline import Point, Span, Timeline
from reinsercion_desktop.ui.circuit.pending_dock import COL_WHAT
from reinsercion_desktop.ui.follow_up.caseload_dock import OVERDUE, CaseloadDock
from reinsercion_desktop.ui.follow_up.timeline_tab import TimelineTab
from reinsercion_desktop.ui.follow_up.timeline_view import TimelineWidget
from reinsercion_desktop.ui.widgets.table import TONES

TODAY = date(2026, 1, 15)


@pytest.fixture
def people(workspace, admin):  # type: ignore[no-untyped-def]
    """Admin manages Núñez (an overdue objective, an appointment on 16/01) and Pérez;
    García is Lucía's."""
    db = workspace.db
    with db.read() as session:
        vivienda = queries.viviendas(session=session)[0]
    with db.unit_of_work(admin) as work:
        lucia = work.add(
            UserAccount(login="lucia", full_name="Lucía Gestora", role="tecnico", password_hash="x")
        )
        work.flush()
        ids = {}
        for key, surname, manager in (
            ("nunez", "Nunez", admin.user_id),
            ("perez", "Perez", admin.user_id),
            ("garcia", "Garcia", lucia.id),
        ):
            person = work.add(
                Participant(
                    first_name="Jose", surname1=surname, birth_date=date(1980, 1, 1), sex="H",
                    codapel=f"{surname.upper()}H", case_manager_id=manager,
                )
            )  # fmt: skip
            work.flush()
            ids[key] = person.id
        plan = work.add(
            ReintegrationPlan(
                participant_id=ids["nunez"], start_date=date(2025, 9, 1), status="vigente"
            )
        )
        work.flush()
        work.add(
            PlanObjective(
                plan_id=plan.id, participant_id=ids["nunez"], area="sanitaria",
                title="Tarjeta sanitaria", deadline=date(2026, 1, 5),
            )
        )  # fmt: skip
        work.add(
            Interview(
                participant_id=ids["nunez"], on_date=date(2026, 1, 9),
                next_appointment_date=date(2026, 1, 16), next_appointment_time="10:30",
            )
        )  # fmt: skip
        work.add(
            Stay(
                participant_id=ids["nunez"],
                vivienda_id=vivienda.id,
                admission_date=date(2025, 9, 1),
            )
        )
    ids["lucia"] = lucia.id
    return ids


def test_caseload_dock_lists_my_people_overdue_in_red(qtbot, window, people) -> None:  # type: ignore[no-untyped-def]
    dock = CaseloadDock(window.services.caseload, window.session)
    qtbot.addWidget(dock)
    dock.refresh()
    assert dock.windowTitle() == "Mi cartera de casos"
    assert [row.participant_id for row in dock.rows] == [people["nunez"], people["perez"]]
    assert dock.summary_label.text() == "2 participantes · 1 objetivo vencido · 1 cita esta semana"
    overdue = dock.model.index(0, OVERDUE)
    assert overdue.data() == "1"
    assert overdue.data(Qt.ItemDataRole.ForegroundRole) == TONES["alert"]
    assert dock.model.index(1, OVERDUE).data(Qt.ItemDataRole.ForegroundRole) is None
    # An administrator may look at Lucía's caseload.
    assert dock.manager_combo.isEnabled()
    assert dock.select_case_manager(people["lucia"])
    assert [row.participant_id for row in dock.rows] == [people["garcia"]]


def test_caseload_dock_double_click_opens_the_participant(qtbot, window, people) -> None:  # type: ignore[no-untyped-def]
    dock = CaseloadDock(window.services.caseload, window.session)
    qtbot.addWidget(dock)
    dock.show()  # shown: it loads itself
    qtbot.waitUntil(lambda: len(dock.rows) == 2)
    view = dock.table_view
    rect = view.visualRect(dock.model.index(1, 0))
    with qtbot.waitSignal(dock.open_participant) as signal:
        # A real double-click: a click, then the double-click event.
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [people["perez"]]
    view.setCurrentIndex(dock.model.index(0, 0))
    with qtbot.waitSignal(dock.open_participant) as signal:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert signal.args == [people["nunez"]]


def test_timeline_widget_paints_and_has_a_tooltip_for_a_point(qtbot) -> None:  # type: ignore[no-untyped-def]
    timeline = Timeline(
        "p",
        TODAY,
        spans=[Span("Circuito", date(2025, 6, 1), TODAY, "Vivienda Triana", "stay", True)],
        points=[
            Point("Plan", date(2025, 10, 1), "Revisión del plan → versión 2", "review", "diamond")
        ],
    )
    widget = TimelineWidget()
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    widget.show()
    widget.set_timeline(timeline)
    image = widget.grab().toImage()
    assert not image.isNull() and image.width() >= 900
    colours = {image.pixelColor(x, y).name() for x in range(0, 900, 7) for y in range(0, 300, 5)}
    assert "#3f6fb0" in colours  # the stay's bar was painted
    centre = widget.canvas.point_centre(timeline.points[0]).toPoint()
    assert widget.tooltip_at(centre) == "01/10/2025\nRevisión del plan → versión 2"
    bar = widget.canvas.span_rect(timeline.spans[0]).center().toPoint()
    assert widget.tooltip_at(bar).startswith("01/06/2025 – hoy (en curso)")
    assert widget.tooltip_at(QPoint(5, 5)) == ""  # the lane names column


def test_timeline_zoom_buttons_change_the_scale(qtbot) -> None:  # type: ignore[no-untyped-def]
    timeline = Timeline(
        "p", TODAY, spans=[Span("Circuito", date(2022, 1, 1), TODAY, "Vivienda", "stay", True)]
    )
    widget = TimelineWidget()
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    widget.show()
    widget.set_timeline(timeline)
    whole = widget.canvas.px_per_day
    widget.year_button.click()
    year = widget.canvas.px_per_day
    widget.quarter_button.click()
    assert whole < year < widget.canvas.px_per_day
    assert widget.canvas.horizontalScrollBar().maximum() > 0  # scrolls sideways


def test_timeline_tab_loads_a_participant(qtbot, window, people) -> None:  # type: ignore[no-untyped-def]
    tab = TimelineTab(window.services.timeline, window.session)
    qtbot.addWidget(tab)
    tab.resize(1000, 500)
    tab.show()
    tab.load(people["nunez"])
    assert tab.timeline is not None
    assert {span.colour for span in tab.timeline.spans} == {"stay", "plan"}
    assert not tab.legend.grab().toImage().isNull()


def test_pendientes_shows_a_case_item_and_opens_the_file(window, people) -> None:  # type: ignore[no-untyped-def]
    window.refresh_pending()
    model = window.pending_dock.model
    rows = [model.row_at(row) for row in range(model.rowCount())]
    case = [item for item in rows if item.kind == "appointment"]
    assert len(case) == 1 and case[0].participant_id == people["nunez"]
    assert "Cita de seguimiento 10:30" in model.index(rows.index(case[0]), COL_WHAT).data()
    window.pending_dock.table_view.activated.emit(model.index(rows.index(case[0]), 0))
    assert window.file_view.participant is not None
    assert window.file_view.participant.id == people["nunez"]
