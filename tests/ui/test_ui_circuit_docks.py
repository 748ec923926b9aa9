"""The circuit docks: Lista de espera (order, free places, decisions), Pendientes with the
circuit's deadlines, Ocupación, and the monthly Anexo III.

Centre of these tests (tests/conftest.py): Triana (6 men's places, 2 women's) and
Macarena (8 mixed); today is 15/01/2026. Occupants are Stay rows written directly, as
the stay service would.
"""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from reinsercion_desktop.db.models import Stay
from reinsercion_desktop.domain.deadlines import DeadlineKind
from reinsercion_desktop.services.catalogues import ReferringCentreDraft
from reinsercion_desktop.services.referrals import ReferralDraft
from reinsercion_desktop.services.registry import SERVICE_NAMES
from reinsercion_desktop.ui.circuit.occupancy_model import (
    HOUSE_FREE,
    HOUSE_OCCUPIED,
    HOUSE_PRISON,
    HOUSE_RESERVED,
    PERSON_CODAPEL,
    PERSON_DAYS,
    PERSON_NAME,
    PERSON_OUTINGS,
)
from reinsercion_desktop.ui.circuit.pending_dock import COL_DUE, COL_WHO
from reinsercion_desktop.ui.circuit.waiting_list_model import COL_RECEIVED, COL_STATUS
from reinsercion_desktop.ui.main_window import MainWindow
from reinsercion_desktop.ui.widgets.table import TONES

TODAY = date(2026, 1, 15)


@pytest.fixture
def ctx(window, workspace):  # type: ignore[no-untyped-def]
    """The window's services, and who is logged in."""
    services = window.services
    named = {name: getattr(services, name) for name in SERVICE_NAMES}
    return SimpleNamespace(**named, actor=window.session.actor, workspace=workspace)


@pytest.fixture
def cta(ctx):  # type: ignore[no-untyped-def]
    draft = ReferringCentreDraft("CTA", "CTA Sevilla")
    return ctx.catalogues.save_referring_centre(ctx.actor, draft).id


@pytest.fixture
def houses(ctx):  # type: ignore[no-untyped-def]
    return {v.name.split()[-1]: v.id for v in ctx.catalogues.viviendas()}


@pytest.fixture
def person(ctx, make_draft, cta):  # type: ignore[no-untyped-def]
    count = iter(range(1, 100))

    def make(sex="H"):  # type: ignore[no-untyped-def]
        n = next(count)
        draft = make_draft(
            first_name=f"Persona{n}", surname1=f"Apellido{n}", birth_date=f"{n:02d}/03/1981",
            sex=sex, id_number="", referring_centre_id=cta,
        )  # fmt: skip
        return ctx.participants.create(ctx.actor, draft, confirm_similar=True)

    return make


@pytest.fixture
def listed(ctx, person):  # type: ignore[no-untyped-def]
    """A person whose protocol is in the waiting list, received on the given date."""

    def make(received, sex="H"):  # type: ignore[no-untyped-def]
        someone = person(sex)
        referrals, actor = ctx.referrals, ctx.actor
        referral = referrals.create(actor, someone.id, ReferralDraft(protocol_date=received))
        referrals.mark_complete(actor, referral.id)
        referrals.send(actor, referral.id)
        referrals.receive(actor, referral.id, received_date=received)
        referrals.include(actor, referral.id)
        return someone, referral.id

    return make


@pytest.fixture
def resident(ctx, person):  # type: ignore[no-untyped-def]
    """Someone living in a vivienda since `admitted` (a Stay row, as admission writes it)."""

    def make(vivienda_id, admitted, sex="H", prison=False):  # type: ignore[no-untyped-def]
        someone = person(sex)
        with ctx.workspace.db.unit_of_work(ctx.actor) as work:
            work.add(Stay(participant_id=someone.id, vivienda_id=vivienda_id,
                          admission_date=admitted, prison=prison))  # fmt: skip
        return someone

    return make


def _dock(window):  # type: ignore[no-untyped-def]
    dock = window.circuit.waiting_dock
    dock.show()
    dock.raise_()
    window.refresh_list()  # the names the dock shows come from the loaded files
    dock.refresh()
    return dock


def _row_of(dock, referral_id: str) -> int:  # type: ignore[no-untyped-def]
    return dock.model.find(lambda line: line.referral_id == referral_id)


def _select(dock, referral_id: str) -> None:  # type: ignore[no-untyped-def]
    assert dock.select(referral_id)
    assert dock.selected().referral_id == referral_id


# -- the docks in the window ---------------------------------------------------------------


def test_new_docks_have_stable_names_menus_and_survive_a_lock(qtbot, window):  # type: ignore[no-untyped-def]
    for name in ("dock_waiting_list", "dock_occupancy", "dock_pending", "dock_participants"):
        assert window.findChild(QDockWidget, name) is not None
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&Informes" in titles
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Ver")
    toggles = [a.text() for a in view_menu.actions()]
    assert "Lista de espera" in toggles and "Ocupación" in toggles
    # Tabbed with the participant list, which stays in front.
    assert window.tabifiedDockWidgets(window.list_dock)
    qtbot.wait(20)
    assert not window.list_dock.visibleRegion().isEmpty()
    waiting = window.circuit.waiting_dock
    assert waiting.visibleRegion().isEmpty() and not waiting.on_screen and waiting.stale
    waiting.raise_()  # its tab in front: it loads
    qtbot.wait(20)
    assert waiting.on_screen and not waiting.stale
    window.list_dock.raise_()
    window.lock()
    assert not any(dock.isVisible() for dock in window.docks)
    window._unlock()
    assert window.list_dock.isVisible()
    assert all(dock.toggleViewAction().isChecked() for dock in window.docks)


def test_a_layout_saved_before_the_new_docks_does_not_hide_them(qtbot, window):  # type: ignore[no-untyped-def]
    waiting = window.circuit.waiting_dock
    waiting.hide()
    window.settings.setValue("main/state", window.saveState(1))  # as version 1 saved it
    window.settings.sync()
    again = MainWindow(window.services, window.session, window.ui_state)
    qtbot.addWidget(again)
    again.show()
    assert again.circuit.waiting_dock.toggleViewAction().isChecked()
    assert again.circuit.waiting_dock in again.tabifiedDockWidgets(again.list_dock)
    # The current layout (version 2) is restored as saved.
    again.circuit.occupancy_dock.hide()
    again.save_layout()
    third = MainWindow(window.services, window.session, window.ui_state)
    qtbot.addWidget(third)
    third.show()
    assert not third.circuit.occupancy_dock.toggleViewAction().isChecked()
    third.reset_layout()
    assert third.circuit.occupancy_dock.toggleViewAction().isChecked()
    assert third.circuit.occupancy_dock in third.tabifiedDockWidgets(third.list_dock)


# -- Lista de espera -----------------------------------------------------------------------


def test_waiting_list_in_order_with_free_places(qtbot, window, listed):  # type: ignore[no-untyped-def]
    late, late_id = listed(date(2026, 1, 12))
    early, early_id = listed(date(2026, 1, 3), sex="M")
    dock = _dock(window)
    lines = dock.model.rows
    assert [(line.row.position, line.referral_id) for line in lines] == [
        (1, early_id), (2, late_id),
    ]  # fmt: skip
    assert lines[0].name == "Apellido2 García, Persona2" and lines[0].participant_id == early.id
    assert dock.model.index(0, COL_STATUS).data() == "En espera"
    assert dock.model.index(0, COL_RECEIVED).data() == "03/01/2026"
    view = dock.table_view
    where = view.visualRect(dock.model.index(1, 1)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)  # a view needs a press
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert window.file_view.participant.id == late.id  # a double click opens the file
    places = {p.name: p for p in dock.places_model.rows}
    assert (places["Vivienda Triana"].free_men, places["Vivienda Triana"].free_women) == (6, 2)
    assert places["Vivienda Macarena"].free_mixed == 8
    assert "14 para hombres, 10 para mujeres" in dock.places_label.text()
    assert "2 en lista" in dock.count_label.text()


def test_assign_the_first_through_the_dock_and_refuse_one_out_of_order(  # type: ignore[no-untyped-def]
    window, listed, houses, message_boxes
):
    first, first_id = listed(date(2026, 1, 3))
    _second, second_id = listed(date(2026, 1, 8))
    dock = _dock(window)

    # The second person is not first for the place: the service says why, in Spanish.
    _select(dock, second_id)
    dialog = dock.ask_assign()
    vivienda = dialog.fields["vivienda"]
    vivienda.setCurrentIndex(vivienda.findData(houses["Triana"]))
    assert dialog.row_visible("centre_consulted_note")  # 14 places for a man: consult
    dialog.fields["centre_consulted_note"].setPlainText("Con CTA Sevilla")
    dialog.save_button.click()
    kind, _title, text = message_boxes.shown[-1]
    assert kind == "warning" and "corresponde antes a" in text
    assert dialog.isVisible() and dialog.outcome is None
    dialog.reject()

    # The first one gets it; the status changes to "proceso de admisión".
    _select(dock, first_id)
    dialog = dock.ask_assign()
    vivienda = dialog.fields["vivienda"]
    vivienda.setCurrentIndex(vivienda.findData(houses["Triana"]))
    dialog.save_button.click()  # without the consultation note: shown beside the field
    assert "consulte al centro derivador" in dialog.error_labels["centre_consulted_note"].text()
    dialog.fields["centre_consulted_note"].setPlainText("Con CTA Sevilla: prefiere Triana")
    dialog.save_button.click()
    assert not dialog.isVisible()
    line = dock.model.row_at(_row_of(dock, first_id))
    assert line.row.status == "assigned" and line.row.position is None
    assert dock.model.index(0, COL_STATUS).data() == "Admisión: Vivienda Triana, 16/01/2026"
    triana = next(p for p in dock.places_model.rows if p.vivienda_id == houses["Triana"])
    assert (triana.occupied_men, triana.reserved_men, triana.free_men) == (0, 1, 5)
    # Ocupación counts and names the place as the list does: reserved, not occupied.
    occupancy = window.circuit.occupancy_dock
    occupancy.show()
    occupancy.raise_()
    occupancy.refresh()
    in_list = dock.places_model.find(lambda p: p.vivienda_id == houses["Triana"])
    on_board = occupancy.houses_model.find(lambda h: h.vivienda_id == houses["Triana"])
    for column in range(1, 5):  # Plazas, Ocupadas, Reservadas, Libres
        assert dock.places_model.cell_text(in_list, column) == (
            occupancy.houses_model.cell_text(on_board, column)
        )
    assert occupancy.houses_model.cell_text(on_board, HOUSE_RESERVED) == "1 H"
    occupancy.houses_view.select_where(lambda h: h.vivienda_id == houses["Triana"])
    assert "Plaza reservada: " in occupancy.people_label.text()
    dock.raise_()
    assert first.first_name in dock.message_label.text() or "Apellido1" in dock.message_label.text()
    # The assignment is a deadline now (admission due on the planned day); its click opens
    # the file on Derivaciones and points at the protocol in the list.
    item = next(i for i in window.pending_dock.items if i.referral_id == first_id)
    dock.table_view.clearSelection()
    window.circuit.open_pending(item)
    file_view = window.file_view
    assert file_view.participant is not None and file_view.participant.id == first.id
    assert file_view.tabs.currentWidget() is getattr(
        file_view, "referrals_tab", file_view.tabs.widget(0)
    )
    assert dock.selected().referral_id == first_id


def test_postpone_and_not_located_from_the_dock(window, ctx, listed, houses, clock, message_boxes):  # type: ignore[no-untyped-def]
    _a, first_id = listed(date(2026, 1, 3))
    _b, second_id = listed(date(2026, 1, 8))
    dock = _dock(window)
    _select(dock, second_id)
    dock.postpone_action.trigger()
    dialog = dock.last_dialog
    reason = dialog.fields["reason"]
    reason.setCurrentIndex(reason.findData("sanitaria"))
    dialog.fields["until"].setText("20/02/2026")
    dialog.save_button.click()
    assert not dialog.isVisible()
    line = dock.model.row_at(_row_of(dock, second_id))
    assert line.row.status == "postponed"
    assert dock.model.index(_row_of(dock, second_id), COL_STATUS).data() == (
        "Aplazado hasta 20/02/2026"
    )

    ctx.waiting_list.assign(
        ctx.actor, first_id, houses["Triana"], date(2026, 1, 16), consulted_note="Con CTA"
    )
    dock.refresh()
    _select(dock, first_id)
    assert dock.not_located_action.isEnabled()
    dock.not_located_action.trigger()  # too early: the service refuses, in Spanish
    dock.last_dialog.save_button.click()
    assert "Hay hasta el 17/01/2026" in message_boxes.shown[-1][2]
    dock.last_dialog.reject()
    clock.advance(days=3)
    dock.not_located_action.trigger()
    dock.last_dialog.save_button.click()
    assert ctx.referrals.get(first_id).status == "not_located"
    assert _row_of(dock, first_id) == -1


# -- Pendientes ----------------------------------------------------------------------------


def test_pending_shows_the_overdue_anexo_iv_in_red_and_a_click_opens_the_file(  # type: ignore[no-untyped-def]
    qtbot, window, resident, houses
):
    someone = resident(houses["Triana"], TODAY - timedelta(days=40))
    window.refresh_pending()
    dock = window.pending_dock
    model, view = dock.model, dock.table_view
    row = next(i for i in range(model.rowCount()) if model.row_at(i).kind == DeadlineKind.ANEXO_IV)
    index = model.index(row, COL_DUE)
    assert index.data() == "05/01/2026"
    assert model.index(row, COL_WHO).data().startswith("Apellido1, Persona1")
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "Apellido1, Persona1" in tooltip and "VENCIDO el 05/01/2026 (hace 10 días)" in tooltip
    assert "(R-STAY-3)" in tooltip
    assert index.data(Qt.ItemDataRole.ForegroundRole).name() == "#b3261e"
    assert "vencidos" in dock.summary_label.text()
    dock.show()
    dock.raise_()
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    file_view = window.file_view
    assert file_view.participant is not None and file_view.participant.id == someone.id
    assert file_view.tabs.currentWidget() is file_view.forms_tab
    dock.overdue_check.setChecked(True)  # only what is late
    assert 0 < model.rowCount() == dock.overdue_count < len(dock.items)
    dock.overdue_check.setChecked(False)


def test_login_summary_in_the_status_bar_raises_pendientes(qtbot, window, resident, houses):  # type: ignore[no-untyped-def]
    resident(houses["Triana"], TODAY - timedelta(days=40))
    again = MainWindow(window.services, window.session, window.ui_state)
    qtbot.addWidget(again)
    assert again.statusBar().currentMessage() == ""
    again.show()
    # Read once the window is on screen, so the list of files is not kept waiting.
    qtbot.waitUntil(lambda: again.statusBar().currentMessage() != "")
    message = again.statusBar().currentMessage()
    assert message.endswith("vencidos") and message == again.pending_dock.summary()
    assert again.pending_dock.overdue_count >= 1


# -- Ocupación -----------------------------------------------------------------------------


def test_occupancy_shows_places_occupants_and_flags_the_prison_share(window, resident, houses):  # type: ignore[no-untyped-def]
    resident(houses["Triana"], TODAY - timedelta(days=40), prison=True)
    resident(houses["Triana"], TODAY - timedelta(days=10), sex="M")
    dock = window.circuit.occupancy_dock
    dock.show()
    dock.raise_()
    window.refresh_list()
    dock.refresh()
    model = dock.houses_model
    row = next(i for i, h in enumerate(model.rows) if h.vivienda_id == houses["Triana"])
    assert model.index(row, HOUSE_OCCUPIED).data() == "1 H · 1 M"
    assert model.index(row, HOUSE_FREE).data() == "5 H · 1 M"
    prison = model.index(row, HOUSE_PRISON)
    assert prison.data() == "1 (50 %) ⚠"
    assert prison.data(Qt.ItemDataRole.ForegroundRole) == TONES["alert"]
    assert "2 de 16 plazas ocupadas" in dock.summary_label.text()
    dock.houses_view.setCurrentIndex(model.index(row, 0))
    people = dock.people_model
    assert people.rowCount() == 2
    assert people.index(0, PERSON_NAME).data() == "Apellido1 García, Persona1"
    assert people.index(0, PERSON_CODAPEL).data() == people.row_at(0).person.codapel
    days = people.index(0, PERSON_DAYS).data(), people.index(0, PERSON_OUTINGS).data()
    assert days == ("40", "0")


# -- Anexo III -----------------------------------------------------------------------------


def test_anexo_iii_dialog_creates_the_month_and_opens_it(window, resident, houses, message_boxes):  # type: ignore[no-untyped-def]
    resident(houses["Triana"], date(2025, 11, 20))
    window.refresh_pending()
    months = [i for i in window.pending_dock.items if i.kind == DeadlineKind.ANEXO_III]
    assert [(i.vivienda_id, i.period) for i in months] == [
        (houses["Triana"], "2025-11"), (houses["Triana"], "2025-12"),
    ]  # fmt: skip
    item = months[1]
    window.circuit.open_pending(item)  # the deadline opens the dialog on that vivienda and month
    dialog = window.circuit.anexo_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.vivienda_combo.currentData() == houses["Triana"]
    assert dialog.month_combo.currentData() == "2025-12"
    assert dialog.month_combo.currentText() == "diciembre de 2025"
    assert (
        dialog.preview_label.text() == "Diciembre de 2025: 1 usuarios/as · 0 altas · 0 renuncias."
    )
    dialog.create_button.click()
    assert dialog.created is not None and dialog.created.period == "2025-12"
    editor_window = window.circuit.form_window
    assert editor_window is not None and editor_window.isVisible()
    assert editor_window.editor.definition.id == "anexo-iii"
    assert [i.period for i in window.pending_dock.items if i.kind == DeadlineKind.ANEXO_III] == [
        "2025-11"
    ]
    editor_window.close()

    # A second one for the same month is refused, in the dialog.
    window.circuit.anexo_iii_action.trigger()
    again = window.circuit.anexo_dialog
    again.vivienda_combo.setCurrentIndex(again.vivienda_combo.findData(houses["Triana"]))
    again.month_combo.setCurrentIndex(again.month_combo.findData("2025-12"))
    again.create_button.click()
    assert again.isVisible() and "Ya existe el Anexo III" in again.message_label.text()
    again.reject()
