"""The participant's file and «Nueva ficha» as a person uses them: the wheel scrolls the
page and changes nothing, a corrected field loses its message at once, the tabs fit a
1366×768 laptop, the lock says why it locked, the sheet is suggested where it is found."""

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

from reinsercion_desktop.services.field_labels import PARTICIPANT_LABELS
from reinsercion_desktop.ui.main_window import MainWindow
from reinsercion_desktop.ui.participants.new_participant import NewParticipantDialog
from reinsercion_desktop.ui.participants.participant_form import GROUPS
from reinsercion_desktop.ui.widgets.files import documents_dir
from tests.ui.conftest import type_text

# A file's tab in the centre of the window on a 1366×768 laptop (docks beside it).
TAB_WIDTH, TAB_HEIGHT = 760, 430
DIALOG_WIDTH, DIALOG_HEIGHT = 1280, 720
DOCK_WIDTH = 340


def _wheel(widget: QWidget, degrees: int) -> None:
    """Turn the wheel with the pointer over the middle of `widget`, as a mouse does: the
    event enters the window and goes to whatever is under the pointer, then up to the
    parents that do not take it (a sent event would not travel up)."""
    window = widget.window()
    point = widget.mapTo(window, widget.rect().center())
    under = window.childAt(point)
    assert under is widget or widget.isAncestorOf(under), (widget, under)
    QTest.wheelEvent(window.windowHandle(), QPointF(point), QPoint(0, degrees * 8))
    QApplication.processEvents()  # delivered now, not during the next turn


def _bring_into_view(scroll: QScrollArea, widget: QWidget) -> None:
    centre = widget.mapTo(scroll.widget(), widget.rect().center())
    scroll.ensureVisible(centre.x(), centre.y(), 0, widget.height() // 2 + 2)


def _value(widget: QWidget) -> object:
    if isinstance(widget, QComboBox):
        return (widget.currentIndex(), widget.currentText())
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    assert isinstance(widget, QPlainTextEdit)
    return widget.toPlainText()


def _new_dialog(window: MainWindow) -> NewParticipantDialog:
    window.new_action.trigger()
    dialog = window.findChild(NewParticipantDialog)
    assert dialog is not None
    return dialog


def _save(dialog: NewParticipantDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


# -- the mouse wheel ------------------------------------------------------------------------


def test_wheel_over_every_input_of_the_datos_tab_changes_nothing(
    qtbot, window, participants, admin, make_draft
):  # type: ignore[no-untyped-def]
    """Scrolling the Datos tab changed «Perfil» from Metadona to Heroína/Cocaína and
    marked the file as changed: now the wheel scrolls the page and nothing else."""
    vivienda_id = window.references["viviendas"][0][0]
    person = participants.create(
        admin,
        make_draft(
            addiction_profile="Metadona",
            ptm=True,
            methadone_dose_mg=60,
            education_level="Primaria",
            employment_situation="Desempleado/a",
            province="Sevilla",
            vivienda_id=vivienda_id,
            case_manager_id=admin.user_id,
        ),
    )
    window.open_participant(person.id)
    view = window.file_view
    assert view.tabs.currentWidget() is view.data_tab
    QApplication.processEvents()  # laid out, as the event loop does before anyone scrolls
    form = view.form
    assert QApplication.focusWidget() not in form.inputs.values()  # scrolling, not editing
    before = {name: _value(widget) for name, widget in form.inputs.items()}
    assert before["addiction_profile"] == (2, "Metadona")
    scrollbar = view.data_tab.scroll.verticalScrollBar()
    assert scrollbar.maximum() > 0  # the form is taller than the tab: the page scrolls
    for name, widget in form.inputs.items():
        if not widget.isEnabled():
            continue  # the dose when not in PTM: a disabled field takes no input at all
        for degrees in (-15, 15, -15):
            _bring_into_view(view.data_tab.scroll, widget)  # the wheel moved the page
            _wheel(widget, degrees)
        assert _value(widget) == before[name], name
    assert {name: _value(widget) for name, widget in form.inputs.items()} == before
    assert view.dirty is False
    assert not view.save_button.isEnabled()
    # The wheel went to the page: it scrolled.
    scrollbar.setValue(0)
    _wheel(form.inputs["first_name"], -15)
    assert scrollbar.value() > 0


# -- messages that go once corrected ---------------------------------------------------------


def test_each_message_in_nueva_ficha_goes_as_soon_as_its_field_is_edited(window):  # type: ignore[no-untyped-def]
    dialog = _new_dialog(window)
    labels = dialog.form.error_labels
    inputs = dialog.form.inputs
    inputs["birth_date"].setText("31/02/1990")
    _save(dialog)
    assert not labels["first_name"].isHidden()
    assert not labels["surname1"].isHidden()
    assert not labels["birth_date"].isHidden()
    assert not labels["sex"].isHidden()
    summary = dialog.message_label
    assert "Hay 4 campo(s) por corregir" in summary.text()
    assert '<a href="first_name">Nombre</a>' in summary.text()

    type_text(inputs["first_name"], "José")
    assert labels["first_name"].isHidden() and labels["first_name"].text() == ""
    assert "Hay 3 campo(s)" in summary.text() and 'href="first_name"' not in summary.text()
    type_text(inputs["surname1"], "Núñez")
    inputs["birth_date"].setText("07/03/1985")
    assert labels["surname1"].isHidden() and labels["birth_date"].isHidden()
    assert "Hay 1 campo(s)" in summary.text()
    inputs["sex"].setCurrentIndex(inputs["sex"].findData("H"))
    assert labels["sex"].isHidden()
    assert summary.isHidden()
    # Fields not edited keep their message until then.
    inputs["id_number"].setText("12345678A")
    _save(dialog)
    assert "letra del DNI" in labels["id_number"].text()
    inputs["id_kind"].setCurrentIndex(inputs["id_kind"].findData("nie"))
    assert labels["id_number"].isHidden()  # judged with the kind of document


def test_a_field_in_the_summary_is_one_click_away(qtbot, window):  # type: ignore[no-untyped-def]
    dialog = _new_dialog(window)
    qtbot.waitExposed(dialog)
    dialog.form.inputs["first_name"].setText("Ana")
    dialog.form.inputs["surname1"].setText("Ruiz")
    dialog.form.inputs["birth_date"].setText("01/01/1990")
    dialog.form.inputs["sex"].setCurrentIndex(dialog.form.inputs["sex"].findData("M"))
    dialog.form.inputs["notes"].setPlainText("x" * 4001)  # the last field of the form
    _save(dialog)
    assert 'href="notes"' in dialog.message_label.text()
    dialog.form.inputs["first_name"].setFocus()
    dialog.message_label.linkActivated.emit("notes")
    assert dialog.focusWidget() is dialog.form.inputs["notes"]


def test_datos_tab_clears_a_corrected_message_and_its_summary(
    window, participants, admin, make_draft
):  # type: ignore[no-untyped-def]
    person = participants.create(admin, make_draft())
    window.open_participant(person.id)
    view = window.file_view
    view.form.inputs["birth_date"].setText("01/01/2031")
    view.form.inputs["phone"].setText("9" * 21)
    assert view.save() is False
    assert "2 campo(s) por corregir" in view.message_label.text()
    view.form.inputs["birth_date"].setText("07/03/1985")
    assert view.form.error_labels["birth_date"].isHidden()
    assert "1 campo(s) por corregir" in view.message_label.text()
    view.form.inputs["phone"].setText("955 000 000")
    assert view.message_label.text() == ""
    assert view.save() is True
    assert view.message_label.text() == "Cambios guardados."


def test_form_labels_are_the_field_labels_the_audit_viewer_uses() -> None:
    for _title, specs in GROUPS:
        for spec in specs:
            assert spec.label == PARTICIPANT_LABELS[spec.name]


# -- fitting the office laptop ---------------------------------------------------------------


def test_datos_and_documentos_fit_a_small_tab_and_the_form_scrolls(
    qtbot, window, participants, admin, make_draft
):  # type: ignore[no-untyped-def]
    person = participants.create(admin, make_draft())
    window.open_participant(person.id)
    view = window.file_view
    for tab in (view.data_tab, view.documents_tab):
        hint = tab.minimumSizeHint()
        assert hint.width() <= TAB_WIDTH and hint.height() <= TAB_HEIGHT, (tab, hint)
    # At that size the whole form is reached by scrolling, none of it clipped.
    view.data_tab.resize(TAB_WIDTH, TAB_HEIGHT)
    view.tabs.setCurrentWidget(view.data_tab)
    qtbot.waitUntil(lambda: view.data_tab.scroll.viewport().width() <= TAB_WIDTH)
    scroll = view.data_tab.scroll
    QApplication.processEvents()
    assert scroll.verticalScrollBar().maximum() > 0
    notes = view.form.inputs["notes"]
    bottom = notes.mapTo(view.form, notes.rect().bottomLeft()).y()
    reachable = scroll.verticalScrollBar().maximum() + scroll.viewport().height()
    assert bottom <= reachable  # the last field is reached by scrolling, not cut off
    right = max(w.mapTo(view.form, w.rect().topRight()).x() for w in view.form.inputs.values())
    assert right <= scroll.viewport().width()  # and nothing is wider than the tab


def test_the_list_dock_and_the_welcome_page_fit_a_small_screen(window):  # type: ignore[no-untyped-def]
    """The list dock asked for 557 px (filters in one row, a fixed 420 minimum) and the
    welcome page for 451 px of height."""
    assert window.list_dock.minimumSizeHint().width() <= DOCK_WIDTH
    assert window.list_dock.minimumWidth() <= DOCK_WIDTH
    hint = window.file_view.welcome.minimumSizeHint()
    assert hint.width() <= TAB_WIDTH and hint.height() <= TAB_HEIGHT


def test_new_file_dialog_fits_the_screen(window):  # type: ignore[no-untyped-def]
    dialog = _new_dialog(window)
    hint = dialog.minimumSizeHint()
    assert hint.width() <= DIALOG_WIDTH and hint.height() <= DIALOG_HEIGHT
    assert dialog.width() <= DIALOG_WIDTH and dialog.height() <= DIALOG_HEIGHT


# -- the lock says why ------------------------------------------------------------------------


def test_a_lock_by_hand_does_not_say_inactividad(window):  # type: ignore[no-untyped-def]
    window.lock()
    intro = window.unlock_dialog.findChild(QWidget, "login_intro")
    assert intro.text() == "La sesión está bloqueada. Escriba su contraseña para seguir."
    assert "inactividad" not in intro.text()
    hint = window.unlock_dialog.minimumSizeHint()
    assert hint.width() <= DIALOG_WIDTH and hint.height() <= DIALOG_HEIGHT


def test_a_lock_after_idle_time_says_so(window):  # type: ignore[no-untyped-def]
    window.lock_after_idle()
    intro = window.unlock_dialog.findChild(QWidget, "login_intro")
    assert "por inactividad" in intro.text()


# -- printing the sheet ------------------------------------------------------------------------


def test_print_suggests_the_sheet_by_codapel_in_documents(
    window, participants, admin, make_draft, monkeypatch
):  # type: ignore[no-untyped-def]
    """It suggested «ficha-CODAPEL.pdf» in the home folder."""
    asked: list[str] = []

    def ask(_parent, _title, suggested, _filter):  # type: ignore[no-untyped-def]
        asked.append(suggested)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    person = participants.create(admin, make_draft())
    window.open_participant(person.id)
    window.print_file()
    (suggested,) = asked
    path = Path(suggested)
    assert path.name == f"Ficha - {person.codapel} - 2026-01-15.pdf"
    assert path.parent == documents_dir()
    assert "José" not in path.name and "Núñez" not in path.name


@pytest.mark.parametrize("archived", [False, True])
def test_the_header_says_the_status_and_whether_archived(
    window, participants, admin, make_draft, archived
):  # type: ignore[no-untyped-def]
    person = participants.create(admin, make_draft())
    if archived:
        participants.archive(admin, person.id, "Traslado")
    window.open_participant(person.id)
    view = window.file_view
    assert view.title_label.text() == "José Núñez García"
    assert f"CODAPEL {person.codapel}" in view.subtitle_label.text()
    assert view.status_chip.text() == ("Archivada" if archived else "Derivado/a")
    assert view.archive_button.text() == ("Recuperar ficha" if archived else "Archivar ficha…")
