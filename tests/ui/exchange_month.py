"""A month of a centre and its coordinating office, played through their windows: what
each staff member does, one small function per thing done, with the widgets they use
(menus, dialogs, buttons, typed text). The test (test_exchange_month_windows.py) and the
screenshot script (scripts/exchange_month_screens.py) both play these steps.

A `Desk` is one side's window with its data folder. File dialogs answer what
`Desk.next_folder` / `Desk.next_file` hold (`answer_file_dialogs` installs that, through
pytest's monkeypatch or a plain setattr); message boxes are answered by the caller.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.ui.admin.referring_centres import ReferringCentresDialog
from reinsercion_desktop.ui.exchange.exchange_view import ExchangeDialog
from reinsercion_desktop.ui.exchange.import_preview import ImportPreviewDialog
from reinsercion_desktop.ui.main_window import MainWindow
from reinsercion_desktop.ui.participants.new_participant import NewParticipantDialog
from tests.services.exchange_pair import Side
from tests.ui.conftest import open_window, type_text

Wait = Callable[[Callable[[], bool]], None]  # until the condition holds (or fail)


@dataclass
class Desk:
    """One installation's window, as its responsable sees it."""

    side: Side
    window: MainWindow
    wait: Wait
    next_folder: Path | None = None  # what «Guardar en una carpeta…» is answered
    next_file: Path | None = None  # what «Importar un paquete…» is answered
    exchange: ExchangeDialog | None = None
    preview: ImportPreviewDialog | None = None

    @property
    def clock(self):  # type: ignore[no-untyped-def]
        return self.side.workspace.clock


def open_desk(side: Side, wait: Wait) -> Desk:
    window = open_window(side.workspace, side.services, side.admin)
    window.show()
    return Desk(side, window, wait)


def answer_file_dialogs(desks: list[Desk], patch: Callable[[object, str, object], None]) -> None:
    """The folder and file dialogs answer with the active desk's choice (the one whose
    window is the dialog's parent chain, else the first with a choice)."""

    def owner(parent: QWidget | None) -> Desk:
        while parent is not None:
            for desk in desks:
                if parent is desk.window:
                    return desk
            parent = parent.parentWidget()
        raise AssertionError("a file dialog with no window of the month behind it")

    def folder(parent, *_args, **_kwargs):  # type: ignore[no-untyped-def]
        chosen = owner(parent).next_folder
        return str(chosen) if chosen else ""

    def file(parent, *_args, **_kwargs):  # type: ignore[no-untyped-def]
        chosen = owner(parent).next_file
        return (str(chosen) if chosen else "", "")

    patch(QFileDialog, "getExistingDirectory", staticmethod(folder))
    patch(QFileDialog, "getOpenFileName", staticmethod(file))


def set_day(desks: list[Desk], day: date) -> None:
    """The test clock (one for both folders) moves to 9:00 of that day."""
    desks[0].clock.current = datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


def a_few_minutes_later(desk: Desk) -> None:
    """Each step takes a while: records made one after the other have their own times
    (the protocol's history orders a day's steps by when they were recorded)."""
    desk.clock.advance(minutes=5)


def choose(combo, data) -> None:  # type: ignore[no-untyped-def]
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def choose_text(combo, text: str) -> None:  # type: ignore[no-untyped-def]
    index = next((i for i in range(combo.count()) if text in combo.itemText(i)), -1)
    assert index >= 0, (text, [combo.itemText(i) for i in range(combo.count())])
    combo.setCurrentIndex(index)


# -- the centre: a new person and their protocol ---------------------------------------------


def add_referring_centre(desk: Desk, name: str) -> None:
    """Administración → Centros derivadores…: the CTA that refers the person."""
    desk.window.admin.centres_action.trigger()
    dialog = desk.window.findChild(ReferringCentresDialog)
    assert dialog is not None
    choose(dialog.kind_combo, "CTA")
    type_text(dialog.edits["name"], name)
    type_text(dialog.edits["municipality"], "Sevilla")
    dialog.province_combo.setCurrentText("Sevilla")
    dialog.save_button.click()
    assert dialog.message_label.text() == "Centro guardado.", dialog.message_label.text()
    dialog.close()


def create_person(desk: Desk, names: tuple[str, str, str], birth: str, sex: str) -> str:
    """Archivo → Nueva ficha…: the person typed in, the CODAPEL computed; the file opens."""
    window = desk.window
    window.new_action.trigger()
    dialog = window.findChild(NewParticipantDialog)
    assert dialog is not None
    inputs = dialog.form.inputs
    for name, value in zip(("first_name", "surname1", "surname2"), names, strict=True):
        type_text(inputs[name], value)
    type_text(inputs["birth_date"], birth)
    choose(inputs["sex"], sex)
    type_text(inputs["address"], "C/ Betis 12")
    type_text(inputs["municipality"], "Sevilla")
    inputs["province"].setCurrentText("Sevilla")
    dialog.buttons.accepted.emit()
    assert dialog.created is not None, dialog.message_label.text()
    assert window.file_view.participant is not None
    return dialog.created.id


def show_tab(desk: Desk, name: str):  # type: ignore[no-untyped-def]
    view = desk.window.file_view
    tab = getattr(view, name)
    view.tabs.setCurrentWidget(tab)
    return tab


def create_protocol(desk: Desk, centre_name: str, protocol_day: date) -> None:
    """Derivaciones → Nueva derivación… (Anexo I): date, CTA, voluntariness; then
    «Marcar completa» and «Enviar a la oficina»."""
    tab = show_tab(desk, "referrals_tab")
    tab.new_button.click()
    dialog = tab.dialog
    dialog.fields["protocol_date"].setText(format_date_es(protocol_day))
    choose_text(dialog.centre_combo, centre_name)
    dialog.voluntary_check.setChecked(True)
    dialog.save_button.click()
    assert tab.referrals, dialog.message_label.text()
    assert tab.next_button.text() == "Marcar completa"
    tab.next_button.click()
    assert tab.next_button.text() == "Enviar a la oficina"
    tab.next_button.click()


# -- the exchange ------------------------------------------------------------------------


def open_exchange(desk: Desk) -> ExchangeDialog:
    """Administración → Intercambio…"""
    desk.window.admin.exchange_action.trigger()
    dialog = desk.window.admin.exchange_dialog
    desk.wait(dialog.isVisible)
    desk.exchange = dialog
    return dialog


def send_bundle(desk: Desk, folder: Path) -> Path:
    """Intercambio → «Guardar en una carpeta o memoria USB…» into `folder` (the USB
    stick carried to the other desk): the new bundle's path."""
    dialog = desk.exchange or open_exchange(desk)
    before = set(folder.iterdir())
    desk.next_folder = folder
    dialog.to_folder_button.click()
    desk.wait(lambda: not dialog.runner.busy)
    (made,) = set(folder.iterdir()) - before
    assert str(made) in dialog.message_label.text(), dialog.message_label.text()
    return made


def preview_bundle(desk: Desk, path: Path) -> ImportPreviewDialog:
    """Intercambio → «Importar un paquete…»: the file chosen, its preview shown."""
    dialog = desk.exchange or open_exchange(desk)
    dialog.preview_dialog = None
    desk.next_file = path
    dialog.import_button.click()
    desk.wait(lambda: not dialog.runner.busy)
    desk.wait(lambda: getattr(dialog, "preview_dialog", None) is not None)
    preview = dialog.preview_dialog
    desk.wait(preview.isVisible)
    desk.preview = preview
    return preview


def import_previewed(desk: Desk) -> str:
    """«Importar» in the preview: what the Intercambio screen then says."""
    assert desk.exchange is not None and desk.preview is not None
    desk.preview.import_button.click()
    desk.wait(lambda: not desk.exchange.runner.busy)  # type: ignore[union-attr]
    desk.preview = None
    return desk.exchange.message_label.text()


def close_exchange(desk: Desk) -> None:
    if desk.exchange is not None:
        desk.exchange.close_button.click()
        desk.exchange = None


# -- the office: the protocol received, listed, a place assigned ----------------------------


def open_file_from_list(desk: Desk, participant_id: str) -> None:
    """A click on the person's row in Participantes."""
    dock = desk.window.list_dock
    row = dock.model.row_of(participant_id)
    assert row >= 0, "the person is not in the list of files"
    dock.table_view.clicked.emit(dock.model.index(row, 0))
    assert desk.window.file_view.participant.id == participant_id


def receive_and_include(desk: Desk, received: date) -> None:
    """Derivaciones → «Recibir…» on the day it came, then «Incluir en lista…»."""
    tab = show_tab(desk, "referrals_tab")
    assert tab.next_button.text() == "Recibir…", tab.next_button.text()
    tab.next_button.click()
    tab.dialog.fields["received_date"].setText(format_date_es(received))
    tab.dialog.save_button.click()
    assert tab.next_button.text() == "Incluir en lista…", tab.next_button.text()
    a_few_minutes_later(desk)
    tab.next_button.click()
    tab.dialog.save_button.click()


def show_waiting_list(desk: Desk):  # type: ignore[no-untyped-def]
    dock = desk.window.circuit.waiting_dock
    dock.show()
    dock.raise_()
    if dock.stale:
        dock.refresh()
    return dock


def show_occupancy(desk: Desk, vivienda: str):  # type: ignore[no-untyped-def]
    """Ver → Ocupación: the viviendas, and a click on one shows who lives there."""
    dock = desk.window.circuit.occupancy_dock
    dock.show()
    dock.raise_()
    if dock.stale:
        dock.refresh()
    assert dock.houses_view.select_where(lambda house: vivienda in house.name)
    return dock


def assign_place(  # noqa: PLR0913 (what the office decides, one argument each)
    desk: Desk,
    referral_id: str,
    vivienda: str,
    planned: date,
    note: str,
    before_saving: Callable[[], None] = lambda: None,
) -> None:
    """Lista de espera: the protocol chosen, «Asignar plaza…», vivienda, planned day and
    the consultation note when several places are free; `before_saving` sees it filled."""
    a_few_minutes_later(desk)
    dock = show_waiting_list(desk)
    assert dock.select(referral_id)
    dock.assign_button.click()
    dialog = dock.last_dialog
    choose_text(dialog.fields["vivienda"], vivienda)
    dialog.fields["planned_admission_date"].setText(format_date_es(planned))
    if dialog.row_visible("centre_consulted_note"):  # several places free (R-WL-1)
        type_text(dialog.fields["centre_consulted_note"], note)
    before_saving()
    dialog.save_button.click()
    assert dialog.outcome is not None, [label.text() for label in dialog.error_labels.values()]


# -- the centre: consent, admission, the month's Anexo III ----------------------------------


def new_form(desk: Desk, title: str):  # type: ignore[no-untyped-def]
    """Formularios → «Nuevo formulario» → the form by its title: its editor window."""
    tab = show_tab(desk, "forms_tab")
    (action,) = [a for a in tab.new_button.menu().actions() if a.text() == title]
    action.trigger()
    dialog = tab.open_dialogs[-1]
    desk.wait(dialog.isVisible)
    return dialog


def fill_missing(editor, value_for: Callable[[str], str]) -> None:  # type: ignore[no-untyped-def]
    """Types what the form still asks for, field by field, as the editor lists it."""
    for field_id in list(editor.check.missing):
        type_text(editor.editors[field_id].focus_target(), value_for(field_id))


def finalize_and_sign(desk: Desk, dialog) -> None:  # type: ignore[no-untyped-def]
    """«Marcar como definitivo», then «Firmar» (the question answered Yes by the caller)."""
    editor = dialog.editor
    assert editor.summary_label.text() == "Formulario completo.", editor.summary_label.text()
    editor.finalize_button.click()
    editor.sign_button.click()
    assert editor.instance.status == "signed", editor.instance.status
    dialog.close()


def admit(desk: Desk, planned: date) -> None:
    """Estancias → «Ingresar…» on the planned day, the assigned vivienda proposed."""
    tab = show_tab(desk, "stays_tab")
    tab.admit_button.click()
    dialog = tab.dialog
    assert dialog.fields["admission_date"].text() == format_date_es(planned)
    dialog.save_button.click()
    assert dialog.outcome is not None, [label.text() for label in dialog.error_labels.values()]


def anexo_iii_of_the_month(desk: Desk, vivienda: str, period: str):  # type: ignore[no-untyped-def]
    """Informes → «Anexo III del mes…»: the vivienda and the month over, «Generar y
    abrir»: its editor window."""
    desk.window.circuit.anexo_iii_action.trigger()
    dialog = desk.window.circuit.anexo_dialog
    choose_text(dialog.vivienda_combo, vivienda)
    choose(dialog.month_combo, period)
    preview = dialog.preview_label.text()
    dialog.create_button.click()
    assert dialog.created is not None, dialog.message_label.text()
    return preview, desk.window.circuit.form_window
