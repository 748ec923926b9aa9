"""A file shows how its records stand with the peers (issue 13, Deliver 4): the header's
«Intercambio: …» line and the «Intercambio» column of Derivaciones, Estancias (and their
outings) and Formularios, read
anew when the Intercambio dialog closes; none of it on an installation without peers.

A centre and its office trusting each other (tests/services/exchange_pair.py).
"""

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt

from reinsercion_desktop.services.referrals import ReferralDraft
from reinsercion_desktop.ui.circuit.referrals_model import COL_EXCHANGE
from reinsercion_desktop.ui.circuit.stays_model import COL_EXCHANGE as STAYS_EXCHANGE
from reinsercion_desktop.ui.forms.forms_tab import COL_EXCHANGE as FORMS_EXCHANGE
from tests.services.exchange_pair import Side, make_pair
from tests.services.test_exchange import _edit, _shared_person, sent_protocol
from tests.ui.conftest import open_window

SENT = "Enviado, sin confirmar"


@pytest.fixture
def pair(tmp_path):  # type: ignore[no-untyped-def]
    centre, office = make_pair(tmp_path)
    yield centre, office
    centre.workspace.close()
    office.workspace.close()


def window_of(qtbot, side: Side):  # type: ignore[no-untyped-def]
    main = open_window(side.workspace, side.services, side.admin)
    qtbot.addWidget(main)
    main.show()
    return main


def referrals_shown(window):  # type: ignore[no-untyped-def]
    tab = window.file_view.referrals_tab
    window.file_view.tabs.setCurrentWidget(tab)
    assert not tab.stale
    return tab


def test_after_an_export_the_open_file_shows_its_records_sent(qtbot, pair) -> None:  # type: ignore[no-untyped-def]
    centre, _office = pair
    who, _referral_id = sent_protocol(centre)
    window = window_of(qtbot, centre)
    window.open_participant(who)
    file_view = window.file_view
    tab = referrals_shown(window)
    # A peer, nothing exchanged yet: the column is there, empty; the header says nothing.
    assert not tab.table.isColumnHidden(COL_EXCHANGE)
    assert tab.model.headerData(COL_EXCHANGE, Qt.Orientation.Horizontal) == "Intercambio"
    assert tab.model.cell_text(0, COL_EXCHANGE) == ""
    assert not file_view.exchange_line.isVisibleTo(file_view)

    window.admin.exchange()  # Administración → Intercambio…
    dialog = window.admin.exchange_dialog
    centre.export()  # as its «Enviar» button does (tests/ui/test_exchange_view.py)
    dialog.reject()  # closing it refreshes the open file
    assert tab.model.cell_text(0, COL_EXCHANGE) == SENT
    tooltip = tab.model.data(tab.model.index(0, COL_EXCHANGE), Qt.ItemDataRole.ToolTipRole)
    assert "la confirmación llega con el siguiente paquete" in tooltip  # what it means
    line = file_view.exchange_line
    assert line.isVisibleTo(file_view) and line.text() == f"Intercambio: {SENT}"
    assert line.property("role") == "hint"
    stays = file_view.stays_tab
    file_view.tabs.setCurrentWidget(stays)
    assert stays.table.isColumnHidden(STAYS_EXCHANGE)  # no stays: no column to show


def test_the_forms_list_shows_the_state_of_the_forms_that_travel(qtbot, pair) -> None:  # type: ignore[no-untyped-def]
    centre, _office = pair
    who, _referral_id = sent_protocol(centre)
    anexo = centre.services.forms.create(centre.admin, "anexo-i", who)
    centre.services.forms.create(centre.admin, "consentimiento", who)
    window = window_of(qtbot, centre)
    window.open_participant(who)
    tab = window.file_view.forms_tab
    window.file_view.tabs.setCurrentWidget(tab)
    assert not tab.table.isColumnHidden(FORMS_EXCHANGE)
    assert tab.model.headerData(FORMS_EXCHANGE, Qt.Orientation.Horizontal) == "Intercambio"

    def shown() -> dict[str, str]:
        return {
            s.form_id: tab.model.cell_text(row, FORMS_EXCHANGE)
            for row, s in enumerate(tab.summaries)
        }

    assert shown() == {"anexo-i": "", "consentimiento": ""}
    window.admin.exchange()
    centre.export()
    window.admin.exchange_dialog.reject()  # closing it refreshes the open file
    assert shown() == {"anexo-i": SENT, "consentimiento": ""}  # a consent never travels
    row = next(n for n, s in enumerate(tab.summaries) if s.id == anexo.id)
    tooltip = tab.model.data(tab.model.index(row, FORMS_EXCHANGE), Qt.ItemDataRole.ToolTipRole)
    assert "la confirmación llega con el siguiente paquete" in tooltip


def test_a_conflict_shows_in_the_header_as_a_warning(qtbot, pair) -> None:  # type: ignore[no-untyped-def]
    centre, office = pair
    who = _shared_person(pair)
    _edit(centre, who, phone="611000001")
    _edit(office, who, phone="622000002")
    centre.take(office.export().path)
    window = window_of(qtbot, centre)
    window.open_participant(who)
    line = window.file_view.exchange_line
    assert line.text() == "Intercambio: En conflicto"
    assert line.property("role") == "chip-archived"
    assert "Administración → Intercambio → Conflictos" in line.toolTip()
    tab = referrals_shown(window)
    assert tab.model.cell_text(0, COL_EXCHANGE) == "Confirmado"


def test_without_a_peer_the_file_shows_no_exchange(
    qtbot, window, participants, admin, make_draft
) -> None:  # type: ignore[no-untyped-def]
    person = participants.create(admin, make_draft())
    window.services.referrals.create(
        admin, person.id, ReferralDraft(protocol_date=date(2026, 1, 2), voluntary=True)
    )
    window.open_participant(person.id)
    tab = referrals_shown(window)
    assert tab.model.rowCount() == 1
    assert tab.table.isColumnHidden(COL_EXCHANGE)
    assert not window.file_view.exchange_line.isVisibleTo(window.file_view)
    window.services.forms.create(admin, "anexo-i", person.id)
    forms = window.file_view.forms_tab
    forms.refresh()
    assert forms.model.rowCount() == 1
    assert forms.table.isColumnHidden(FORMS_EXCHANGE)


def test_a_conflict_in_a_list_is_in_the_warning_colour() -> None:
    from reinsercion_desktop.services.stay_views import OutingView, StayView
    from reinsercion_desktop.ui.circuit.stays_model import (
        COL_OUTING_EXCHANGE,
        outings_model,
        stays_model,
    )
    from reinsercion_desktop.ui.widgets.table import TONES

    model = stays_model()
    stay = StayView(
        id="s1", participant_id="p1", vivienda_id="v1", admission_date=date(2026, 1, 20)
    )
    model.set_rows([replace(stay, exchange="En conflicto"), replace(stay, exchange="Confirmado")])
    tones = [
        model.index(row, STAYS_EXCHANGE).data(Qt.ItemDataRole.ForegroundRole) for row in (0, 1)
    ]
    assert tones[0] == TONES["warning"] and tones[1] != TONES["warning"]
    assert "Conflictos" in model.index(0, STAYS_EXCHANGE).data(Qt.ItemDataRole.ToolTipRole)
    outings = outings_model()
    outing = OutingView("o1", "s1", date(2026, 1, 28), date(2026, 2, 1), "ordinaria")
    outings.set_rows([replace(outing, exchange="En conflicto"), outing])
    assert [outings.cell_text(row, COL_OUTING_EXCHANGE) for row in (0, 1)] == ["En conflicto", ""]
    tone = outings.index(0, COL_OUTING_EXCHANGE).data(Qt.ItemDataRole.ForegroundRole)
    assert tone == TONES["warning"]
