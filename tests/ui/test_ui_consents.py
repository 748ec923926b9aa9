"""The file's «Consentimientos» tab: the list, registering and revoking, the header's
warning when no consent for treatment is in force (R-CON-2, R-CON-3)."""

from datetime import date

from PySide6.QtWidgets import QApplication

from reinsercion_desktop.ui.participants.consent_dialogs import (
    RecordConsentDialog,
    RevokeConsentDialog,
)
from tests.ui.conftest import type_text

DIALOG_WIDTH, DIALOG_HEIGHT = 1280, 720


def _open(window, services, admin, make_draft):  # type: ignore[no-untyped-def]
    person = services.participants.create(admin, make_draft(case_manager_id=admin.user_id))
    window.open_participant(person.id)
    view = window.file_view
    view.tabs.setCurrentWidget(view.consents_tab)
    QApplication.processEvents()
    return person, view


def test_the_tab_lists_and_registers_a_consent(qtbot, window, services, admin, make_draft) -> None:  # type: ignore[no-untyped-def]
    person, view = _open(window, services, admin, make_draft)
    tab = view.consents_tab
    assert tab.model.rowCount() == 0 and view.consent_warning.isVisibleTo(view)
    tab.record_button.click()
    dialog = tab.dialog
    assert isinstance(dialog, RecordConsentDialog)
    size = dialog.sizeHint()
    assert size.width() <= DIALOG_WIDTH and size.height() <= DIALOG_HEIGHT
    dialog.save()  # nothing ticked: said in the dialog, nothing written
    assert dialog.isVisible() and "al menos un" in dialog.error_label.text()
    dialog.scope_checks["tratamiento"].setChecked(True)
    dialog.scope_checks["datos-salud"].setChecked(True)
    dialog.date_edit.setText("10/01/2026")
    dialog.save()
    assert not dialog.isVisible()
    assert tab.model.rowCount() == 1
    [row] = tab.model.rows
    assert row.state == "Vigente" and row.granted_on == date(2026, 1, 10)
    assert not view.consent_warning.isVisibleTo(view)


def test_revoking_shows_revocado_el_and_the_warning(
    qtbot, window, services, admin, make_draft
) -> None:  # type: ignore[no-untyped-def]
    person, view = _open(window, services, admin, make_draft)
    services.consents.record(admin, person.id, ["tratamiento"], date(2026, 1, 2))
    tab = view.consents_tab
    tab.reload()
    tab.table.selectRow(0)
    tab.revoke_button.click()
    dialog = tab.dialog
    assert isinstance(dialog, RevokeConsentDialog)
    dialog.date_edit.setText("01/01/2026")
    type_text(dialog.note_edit, "Lo pidió por escrito, sin presión")
    dialog.save()  # before the grant: refused in the dialog
    assert dialog.isVisible() and "anterior" in dialog.error_label.text()
    dialog.date_edit.setText("12/01/2026")
    dialog.save()
    assert not dialog.isVisible()
    [kept] = services.consents.summary(admin, person.id).records
    assert kept.state == "Revocado el 12/01/2026"
    index = tab.model.index(0, 3)
    assert tab.model.data(index) == "Revocado el 12/01/2026"
    assert view.consent_warning.isVisibleTo(view)


def test_revoke_without_a_vigente_row_chosen_says_so(
    qtbot, window, services, admin, make_draft
) -> None:  # type: ignore[no-untyped-def]
    _person, view = _open(window, services, admin, make_draft)
    tab = view.consents_tab
    tab.revoke_button.click()
    assert tab.dialog is None and "vigente" in tab.hint_label.text()
