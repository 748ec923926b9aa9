"""Nasty text typed in the window (issue 11): a name of only invisible characters gets the
field's message and nothing is saved; a bidi override typed in a name is not kept."""

from PySide6.QtWidgets import QDialogButtonBox

from reinsercion_desktop.ui.participants.new_participant import NewParticipantDialog
from tests.ui.conftest import type_text


def test_a_name_of_only_invisible_characters_is_refused_by_the_field(  # type: ignore[no-untyped-def]
    window, participants, admin, make_draft
) -> None:
    person = participants.create(admin, make_draft())
    window.open_participant(person.id)
    view = window.file_view
    name = view.form.inputs["surname1"]
    name.clear()
    type_text(name, "\u200b\u200b\ufeff")
    assert view.save() is False
    message = view.form.error_labels["surname1"].text()
    assert "«Primer apellido» solo tiene caracteres invisibles" in message
    assert participants.open(admin, person.id).surname1 == "Núñez"

    name.clear()
    type_text(name, "Ruiz\u202e")
    assert view.save() is True
    assert participants.open(admin, person.id).surname1 == "Ruiz"


def test_a_new_file_with_an_invisible_first_name_is_not_made(window, participants) -> None:  # type: ignore[no-untyped-def]
    window.new_action.trigger()
    dialog = window.findChild(NewParticipantDialog)
    inputs = dialog.form.inputs
    type_text(inputs["first_name"], "\u200b")
    type_text(inputs["surname1"], "Pérez")
    inputs["birth_date"].setText("01/01/1990")
    inputs["sex"].setCurrentIndex(inputs["sex"].findData("M"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert "solo tiene caracteres invisibles" in dialog.form.error_labels["first_name"].text()
    assert participants.list_rows() == []
