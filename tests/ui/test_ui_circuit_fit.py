"""The circuit fits the office PC (1366 × 768): the Derivaciones and Estancias tabs in a file
area of 760 × 430, the Lista de espera and Ocupación docks at 340 px wide, and every dialog
of the circuit within 1280 × 720 — with a person in the list, a long stay with warnings,
long names and notes, the sizes a busy centre has. And with that file open, each tab
reads its records in one call per refresh (plain views), none when a row is chosen."""

from datetime import date

import pytest
from PySide6.QtWidgets import QWidget

from reinsercion_desktop.db.models import Stay
from reinsercion_desktop.services.catalogues import ReferringCentreDraft
from reinsercion_desktop.services.referrals import ReferralDraft
from reinsercion_desktop.ui.circuit import discharge_dialog as ends
from reinsercion_desktop.ui.circuit import referral_steps as steps
from reinsercion_desktop.ui.circuit import stay_dialogs
from reinsercion_desktop.ui.circuit.anexo_iii import AnexoIIIDialog
from reinsercion_desktop.ui.circuit.assign_vacancy import assign_vacancy_dialog
from reinsercion_desktop.ui.circuit.referral_dialog import ReferralDialog

FILE_AREA = (760, 430)
DOCK_WIDTH = 340
DIALOG = (1280, 720)
LONG = "Centro de Tratamiento Ambulatorio de Sevilla Este, Unidad de Día"


@pytest.fixture
def busy(window, workspace, participants, admin, make_draft):  # type: ignore[no-untyped-def]
    """A person postponed in the list and living in a vivienda for 10 months, warned."""
    services = window.services
    centre = services.catalogues.save_referring_centre(
        admin, ReferringCentreDraft("CTA", LONG, province="Sevilla")
    )
    person = participants.create(admin, make_draft(referring_centre_id=centre.id))
    referrals = services.referrals
    referral = referrals.create(
        admin, person.id, ReferralDraft(protocol_date=date(2025, 12, 1), voluntary=True)
    )
    referrals.mark_complete(admin, referral.id)
    referrals.send(admin, referral.id)
    referrals.receive(admin, referral.id, date(2025, 12, 2))
    referrals.include(admin, referral.id)
    services.waiting_list.postpone(
        admin, referral.id, "sanitaria", date(2026, 2, 1), "Intervención y convalecencia " * 6
    )
    vivienda = services.catalogues.viviendas()[0]
    with workspace.db.unit_of_work(admin) as work:
        work.add(
            Stay(
                participant_id=person.id,
                vivienda_id=vivienda.id,
                admission_date=date(2025, 3, 1),
                planned_discharge_date=date(2026, 1, 20),
                over_9_months_justification="Coordinado con el CTA: " + "motivo " * 60,
            )
        )
    window.open_participant(person.id)
    return person, services.referrals.get(referral.id)


def _fits(widget: QWidget, width: int, height: int) -> None:
    hint = widget.minimumSizeHint()
    assert hint.width() <= width and hint.height() <= height, (type(widget).__name__, hint)


def test_the_derivaciones_and_estancias_tabs_fit_a_760_by_430_file(window, busy):  # type: ignore[no-untyped-def]
    view = window.file_view
    for tab in (view.referrals_tab, view.stays_tab):
        view.tabs.setCurrentWidget(tab)
        assert not tab.stale and tab.model.rowCount() == 1
        _fits(tab, *FILE_AREA)
        tab.resize(*FILE_AREA)
        # Nothing clipped: the buttons in sight, the rest under «Más acciones».
        assert tab.more_button.text() == "Más acciones"
        assert tab.more_button.geometry().right() <= FILE_AREA[0]
    assert view.stays_tab.warnings_label.isVisibleTo(view.stays_tab)


def test_the_two_docks_are_usable_at_340_px(qtbot, window, busy):  # type: ignore[no-untyped-def]
    window.refresh_list()
    for dock in window.circuit.docks:
        dock.show()
        dock.raise_()
        dock.refresh()
        assert dock.minimumSizeHint().width() <= DOCK_WIDTH, dock.objectName()
        assert dock.widget().minimumSizeHint().width() <= DOCK_WIDTH, dock.objectName()
    waiting = window.circuit.waiting_dock
    waiting.resize(DOCK_WIDTH, 600)
    assert waiting.more_button.text() == "Más acciones"
    assert waiting.more_button.geometry().right() <= DOCK_WIDTH


def test_every_circuit_dialog_fits_1280_by_720(qtbot, window, busy):  # type: ignore[no-untyped-def]
    person, referral = busy
    services, session = window.services, window.session
    tab = window.file_view.stays_tab
    window.file_view.tabs.setCurrentWidget(tab)
    stay = tab.stays[0]
    listed = window.circuit.waiting_dock
    listed.refresh()
    (line,) = listed.model.rows
    stays, waiting, referrals = services.stays, services.waiting_list, services.referrals
    dialogs = [
        ReferralDialog(referrals, session, person.id, referral, tab),
        ReferralDialog(referrals, session, person.id, None, tab),
        *(
            build(referrals, session, referral, tab)
            for build in (
                steps.incomplete_dialog,
                steps.fix_dialog,
                steps.receive_dialog,
                steps.include_dialog,
                steps.withdraw_dialog,
            )
        ),
        *(
            build(waiting, session, referral, tab)
            for build in (
                steps.assign_dialog,
                steps.postpone_dialog,
                steps.decide_dialog,
                steps.resign_dialog,
                steps.not_located_dialog,
            )
        ),
        assign_vacancy_dialog(waiting, session, line, listed.places, listed.leaving(), tab),
        stay_dialogs.admission_dialog(stays, session, stays.admission_options(person.id), tab),
        stay_dialogs.cancel_outing_dialog(stays, session, list(stay.outings), None, tab),
        *(
            build(stays, session, stay, tab)
            for build in (
                stay_dialogs.outing_dialog,
                stay_dialogs.tox_dialog,
                stay_dialogs.incident_dialog,
                ends.planned_discharge_dialog,
                ends.justify_dialog,
                ends.notice_dialog,
                ends.discharge_dialog,
                ends.contribution_dialog,
            )
        ),
        AnexoIIIDialog(services.monthly_report, session, tab),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        size = dialog.sizeHint().expandedTo(dialog.minimumSizeHint())
        assert size.width() <= DIALOG[0] and size.height() <= DIALOG[1], (
            dialog.windowTitle(),
            size,
        )


class _Spy:
    """A service that counts the calls the screen makes, and passes them on."""

    def __init__(self, service: object):
        self.service = service
        self.calls: list[str] = []

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        attribute = getattr(self.service, name)
        if not callable(attribute):
            return attribute

        def call(*args, **kwargs):  # type: ignore[no-untyped-def]
            self.calls.append(name)
            return attribute(*args, **kwargs)

        return call


def test_each_tab_reads_once_per_refresh_and_not_on_selection(window, workspace, admin, busy):  # type: ignore[no-untyped-def]
    person, _referral = busy
    view = window.file_view
    stays_tab, referrals_tab = view.stays_tab, view.referrals_tab
    with workspace.db.unit_of_work(admin) as work:  # a second, earlier stay
        work.add(
            Stay(
                participant_id=person.id,
                vivienda_id=window.services.catalogues.viviendas()[1].id,
                admission_date=date(2024, 1, 1),
                discharge_date=date(2024, 3, 1),
                discharge_type="voluntaria",
            )
        )
    stays_tab.stay_service = stays = _Spy(stays_tab.stay_service)
    view.tabs.setCurrentWidget(stays_tab)  # first in sight: it reads
    assert stays.calls == ["stays_of"] and len(stays_tab.stays) == 2
    stays_tab.table.select_index(0)
    stays_tab.table.select_index(1)
    assert stays.calls == ["stays_of"]  # a stay's outings, controls… came with it
    referrals_tab.referral_service = referrals = _Spy(referrals_tab.referral_service)
    view.tabs.setCurrentWidget(referrals_tab)
    referrals_tab.table.select_index(0)
    assert referrals.calls == ["of_participant"]  # the history came with the protocols
    assert [e.status for e in referrals_tab.history_model.rows][-1] == "postponed"
