"""Administración → Centros y viviendas (issue 13, Deliver 6): only at an office; the
centres above, the chosen one's viviendas below, «Intercambio…» on that centre, and what
it says before any centre came. An office and two centres in their own data folders
(tests/services/office_trio.py); the Intercambio screen at the office with both.
"""

import pytest

from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.security.actors import issue_actor
from reinsercion_desktop.ui.admin.office_centres import OfficeCentresDialog
from reinsercion_desktop.ui.exchange.exchange_view import ExchangeDialog
from reinsercion_desktop.ui.main_window import MainWindow
from tests.services.exchange_pair import Side
from tests.services.office_trio import ALBORADA, NUEVA_VIDA, Trio, trio_of
from tests.ui.conftest import open_window, session_for


@pytest.fixture
def trio(tmp_path):  # type: ignore[no-untyped-def]
    yield from trio_of(tmp_path)


def first_bundles(trio: Trio) -> None:
    for centre in trio.centres.values():
        assert trio.office.take(centre.export().path).state == "applied"


def office_window(qtbot, office: Side) -> MainWindow:  # type: ignore[no-untyped-def]
    main = open_window(office.workspace, office.services, office.admin)
    qtbot.addWidget(main)
    main.show()
    return main


def open_registry(qtbot, side: Side, actor=None) -> OfficeCentresDialog:  # type: ignore[no-untyped-def]
    services = side.services
    session = session_for(side.workspace, services, actor or side.admin)
    dialog = OfficeCentresDialog(
        services.office_registry, services.exchange, services.peers, session
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_menu_item_is_there_only_at_an_office(qtbot, window, trio) -> None:  # type: ignore[no-untyped-def]
    at_centre = window.admin  # the sample centre of tests/conftest.py
    assert at_centre.office_centres_action not in at_centre.actions
    assert not at_centre.office_centres_action.isVisible()
    main = office_window(qtbot, trio.office)
    try:
        action = main.admin.office_centres_action
        assert action in main.admin.actions and action.isVisible() and action.isEnabled()
        assert action.objectName() == "action_office_centres"
        assert action.text() == "Centros y viviendas…"
    finally:
        main.close()


def test_before_any_bundle_it_says_how_centres_come_and_fits(qtbot, trio) -> None:  # type: ignore[no-untyped-def]
    main = office_window(qtbot, trio.office)
    try:
        main.admin.office_centres_action.trigger()
        dialog = main.admin.office_centres_dialog
        qtbot.waitUntil(dialog.isVisible)
        hint = dialog.minimumSizeHint()
        assert hint.width() <= 1366 and hint.height() <= 768
        assert dialog.width() <= 1280 and dialog.height() <= 720
        assert dialog.centres_model.rowCount() == 0
        assert dialog.empty_label.isVisible()
        text = dialog.empty_label.text()
        assert "primer paquete" in text and "Claves de intercambio" in text
        assert "Intercambio" in text
        # … and the way to take the first bundle is right there.
        assert dialog.exchange_button.isEnabled()
        dialog.exchange_button.click()
        qtbot.waitUntil(dialog.exchange_dialog.isVisible)
        assert dialog.exchange_dialog.import_button.isEnabled()
        dialog.exchange_dialog.close()
        dialog.close()
    finally:
        main.close()


def test_choosing_a_centre_shows_its_viviendas(qtbot, trio) -> None:  # type: ignore[no-untyped-def]
    first_bundles(trio)
    dialog = open_registry(qtbot, trio.office)
    assert not dialog.empty_label.isVisible()
    model = dialog.centres_model
    assert [model.row_at(i).name for i in range(model.rowCount())] == [ALBORADA, NUEVA_VIDA]
    headers = [column.header for column in model.columns]
    assert headers[:5] == ["Centro", "Provincia", "Viviendas", "Plazas", "Ocupadas"]
    assert "Aviso" in headers and "Conflictos" in headers
    first = dialog.centre()  # the first centre is chosen as the screen opens
    assert first is not None and first.name == ALBORADA
    viviendas = dialog.viviendas_model
    assert [viviendas.row_at(i).name for i in range(viviendas.rowCount())] == [
        "Vivienda Perchel",
        "Vivienda Trinidad",
    ]
    assert dialog.centres_table.select_where(lambda c: c.name == NUEVA_VIDA)
    assert [viviendas.row_at(i).name for i in range(viviendas.rowCount())] == [
        "Vivienda Macarena",
        "Vivienda Triana",
    ]
    assert NUEVA_VIDA in dialog.viviendas_label.text()
    assert not dialog.alert_label.isVisible()  # nothing to warn of
    row = model.find(lambda c: c.name == NUEVA_VIDA)
    assert model.cell_text(row, 3) == "16" and model.cell_text(row, 4) == "0"
    assert model.cell_text(row, 5).startswith("n.º 1 · ")
    assert model.cell_text(row, 6) == "ninguno"


def test_a_centre_whose_key_was_forgotten_is_flagged_and_not_chosen(qtbot, trio) -> None:  # type: ignore[no-untyped-def]
    first_bundles(trio)
    office = trio.office
    office.services.peers.forget(office.admin, trio.office_peer[ALBORADA])
    dialog = open_registry(qtbot, office)
    model = dialog.centres_model
    row = model.find(lambda c: c.name == ALBORADA)
    assert model.cell_text(row, model.columnCount() - 1) == "Clave olvidada"
    assert "se olvidó" in (model.data(model.index(row, model.columnCount() - 1), 3) or "")
    dialog.centres_table.select_index(row)
    assert dialog.alert_label.isVisible() and "se olvidó" in dialog.alert_label.text()
    dialog.exchange_button.click()  # to take a bundle; it cannot be sent one
    exchange = dialog.exchange_dialog
    qtbot.waitUntil(exchange.isVisible)
    assert exchange.peer_combo.findData(trio.office_peer[ALBORADA]) == -1
    assert exchange.peer_combo.currentText() == NUEVA_VIDA
    exchange.close()


def test_intercambio_opens_on_the_chosen_centre(qtbot, trio) -> None:  # type: ignore[no-untyped-def]
    first_bundles(trio)
    dialog = open_registry(qtbot, trio.office)
    assert dialog.centres_table.select_where(lambda c: c.name == NUEVA_VIDA)
    assert dialog.exchange_button.isEnabled()
    dialog.exchange_button.click()
    exchange = dialog.exchange_dialog
    qtbot.waitUntil(exchange.isVisible)
    assert exchange.peer_combo.currentText() == NUEVA_VIDA
    assert exchange.peer_combo.currentData() == trio.office_peer[NUEVA_VIDA]
    exchange.close()


def test_a_tecnico_sees_the_centres_but_not_the_exchange(qtbot, trio) -> None:  # type: ignore[no-untyped-def]
    first_bundles(trio)
    office = trio.office
    tecnico = issue_actor(
        "user-t", "tec", "Tomás Técnico", Role.TECNICO, office.admin.installation_id
    )
    dialog = open_registry(qtbot, office, tecnico)
    assert dialog.centres_model.rowCount() == 2
    assert not dialog.exchange_button.isEnabled()


def test_the_exchange_at_the_office_lists_both_centres_and_their_history(qtbot, trio) -> None:  # type: ignore[no-untyped-def]
    first_bundles(trio)
    office = trio.office
    services = office.services
    session = session_for(office.workspace, services, office.admin)
    screen = ExchangeDialog(services.exchange, services.peers, session)
    qtbot.addWidget(screen)
    screen.show()
    combo = screen.peer_combo
    assert sorted(combo.itemText(i) for i in range(combo.count())) == [ALBORADA, NUEVA_VIDA]
    assert screen.choose_peer(trio.office_peer[ALBORADA])
    assert combo.currentText() == ALBORADA
    assert not screen.choose_peer("00000000-0000-0000-0000-00000000dead")
    assert combo.currentText() == ALBORADA  # an unknown one changes nothing
    history = screen.history_model
    received = {history.row_at(i).peer for i in range(history.rowCount())}
    assert received == {ALBORADA, NUEVA_VIDA}
    assert {history.row_at(i).direction for i in range(history.rowCount())} == {"Recibido"}
