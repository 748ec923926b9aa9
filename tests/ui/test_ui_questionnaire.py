"""Anexo VII en pantalla: one question at a time, keys 1/2/3, review, leaving keeps the answers."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from reinsercion_desktop.forms.loader import load_definition
from reinsercion_desktop.forms.schema import FormDefinition
from reinsercion_desktop.paths import forms_dir
from reinsercion_desktop.ui.forms.questionnaire import QuestionnaireDialog
from tests.ui.conftest import type_text


@pytest.fixture(scope="module")
def definition() -> FormDefinition:
    return load_definition(forms_dir() / "anexo-vii.v1.json")


def open_questionnaire(qtbot, definition, data=None) -> QuestionnaireDialog:  # type: ignore[no-untyped-def]
    dialog = QuestionnaireDialog(definition, data or {})
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def scale_items(definition: FormDefinition):  # type: ignore[no-untyped-def]
    return [field for field in definition.fields() if field.kind == "scale_item"]


def test_starts_with_a_welcome_page_and_shows_nothing_personal(qtbot, definition):  # type: ignore[no-untyped-def]
    dialog = open_questionnaire(
        qtbot, definition, {"edad": 41, "vivienda": "Vivienda Triana", "ref": "EXP-7"}
    )
    assert dialog.current_kind == "start"
    assert dialog.next_button.text() == "Empezar"
    assert not dialog.back_button.isEnabled()
    shown = " ".join(label.text() for label in dialog.findChildren(type(dialog.section_label)))
    for private in ("41", "Vivienda Triana", "EXP-7"):
        assert private not in shown


def test_one_question_at_a_time_with_section_and_progress(qtbot, definition):  # type: ignore[no-untyped-def]
    dialog = open_questionnaire(qtbot, definition)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.progress_label.text() == "Pregunta 1 de 21"
    assert dialog.section_label.text() == "1.- Instalaciones"
    buttons = dialog.answer_buttons["i1_espacios"]
    assert [button.text() for button in buttons] == ["Bien", "Regular", "Mal"]
    assert all(button.isCheckable() and not button.isChecked() for button in buttons)
    for _ in range(4):
        qtbot.keyClick(dialog, Qt.Key.Key_Right)
    assert dialog.progress_label.text() == "Pregunta 5 de 21"
    assert dialog.section_label.text() == "2.- Normas"
    assert [b.text() for b in dialog.answer_buttons["i5_aplicacion_normativa"]] == [
        "Mal",
        "Regular",
        "Bien",
    ]
    qtbot.keyClick(dialog, Qt.Key.Key_Backspace)
    qtbot.keyClick(dialog, Qt.Key.Key_Left)
    assert dialog.progress_label.text() == "Pregunta 3 de 21"


def test_keys_answer_every_item_with_the_score_of_the_option_shown(qtbot, definition):  # type: ignore[no-untyped-def]
    dialog = open_questionnaire(qtbot, definition)
    qtbot.keyClick(dialog, Qt.Key.Key_Enter)
    expected = {}
    for number, field in enumerate(scale_items(definition)):
        assert dialog.progress_label.text() == f"Pregunta {number + 1} de 21"
        position = number % 3
        qtbot.keyClick(dialog, (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3)[position])
        assert dialog.answer_buttons[field.id][position].isChecked()
        expected[field.id] = field.options[position].score
        qtbot.keyClick(dialog, Qt.Key.Key_Right)
    assert dialog.current_kind == "text"
    answers = dialog.answers()
    assert {key: answers[key] for key in expected} == expected
    assert set(answers) == set(expected) | {"comentarios", "mejoras"}


def test_the_score_follows_the_option_order_not_the_key(qtbot, definition):  # type: ignore[no-untyped-def]
    dialog = open_questionnaire(qtbot, definition)
    dialog.go_to(1)  # i1_espacios: Bien 3, Regular 2, Mal 1
    qtbot.keyClick(dialog, Qt.Key.Key_1)
    dialog.go_to(5)  # i5_aplicacion_normativa: Mal 1, Regular 2, Bien 3
    qtbot.keyClick(dialog, Qt.Key.Key_3)
    dialog.go_to(9)  # i9_aporte_economico: Siempre 1, Algunas veces 2, Nunca 3
    qtbot.keyClick(dialog, Qt.Key.Key_1)
    answers = dialog.answers()
    assert answers["i1_espacios"] == 3
    assert answers["i5_aplicacion_normativa"] == 3
    assert answers["i9_aporte_economico"] == 1
    assert "i2_equipamiento" not in answers  # answers are optional


def test_a_click_answers_and_keys_work_on_a_focused_button(qtbot, definition):  # type: ignore[no-untyped-def]
    dialog = open_questionnaire(qtbot, definition)
    dialog.go_to(2)  # i2_equipamiento
    regular = dialog.answer_buttons["i2_equipamiento"][1]
    regular.click()
    assert dialog.answers()["i2_equipamiento"] == 2
    dialog.answer_buttons["i2_equipamiento"][2].click()  # changing one's mind
    assert dialog.answers()["i2_equipamiento"] == 1
    assert not regular.isChecked()
    qtbot.keyClick(regular, Qt.Key.Key_Return)  # Enter on a focused answer moves on
    assert dialog.progress_label.text() == "Pregunta 3 de 21"
    assert dialog.answers()["i2_equipamiento"] == 1


def test_preloaded_answers_show_as_checked(qtbot, definition):  # type: ignore[no-untyped-def]
    data = {
        "i1_espacios": 1,
        "i5_aplicacion_normativa": 3,
        "mejoras": "Más actividades por la tarde",
    }
    dialog = open_questionnaire(qtbot, definition, data)
    assert [b.isChecked() for b in dialog.answer_buttons["i1_espacios"]] == [False, False, True]
    assert [b.isChecked() for b in dialog.answer_buttons["i5_aplicacion_normativa"]] == [
        False,
        False,
        True,
    ]
    assert dialog.text_edits["mejoras"].toPlainText() == "Más actividades por la tarde"
    answers = dialog.answers()
    assert answers["i1_espacios"] == 1 and answers["i5_aplicacion_normativa"] == 3
    assert answers["mejoras"] == "Más actividades por la tarde"
    assert "edad" not in answers  # the header is staff's job


def test_open_questions_take_text_and_keys_do_not_turn_the_page(qtbot, definition):  # type: ignore[no-untyped-def]
    dialog = open_questionnaire(qtbot, definition)
    dialog.go_to(22)
    assert dialog.current_kind == "text"
    assert dialog.progress_label.text() == "Pregunta abierta 1 de 2"
    edit = dialog.text_edits["comentarios"]
    type_text(edit, "Me sentí bien acompañado; 1 2 3")
    qtbot.keyClick(edit, Qt.Key.Key_Right)  # at the end of the text: stays here
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert dialog.current_index == 22
    assert dialog.answers()["comentarios"] == "Me sentí bien acompañado; 1 2"
    dialog.next_button.click()
    assert dialog.progress_label.text() == "Pregunta abierta 2 de 2"


def test_review_lists_the_unanswered_items_and_goes_back_to_them(qtbot, definition):  # type: ignore[no-untyped-def]
    items = scale_items(definition)
    data = {
        field.id: 2
        for field in items
        if field.id not in ("i2_equipamiento", "i14_utilidad_actividades")
    }
    dialog = open_questionnaire(qtbot, definition, data)
    dialog.go_to(len(dialog.pages) - 1)
    assert dialog.current_kind == "review"
    assert dialog.finish_button.isVisible() and not dialog.next_button.isVisible()
    assert dialog.review_summary.text().startswith("Ha contestado 19 de 21 preguntas.")
    rows = [dialog.review_list.item(i).text() for i in range(dialog.review_list.count())]
    assert rows == [
        "Pregunta 2. ¿Cómo valora el equipamiento que tiene la vivienda?",
        f"Pregunta 14. {definition.field('i14_utilidad_actividades').label}",
    ]
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter never finishes by surprise
    assert dialog.isVisible() and dialog.current_kind == "review"
    dialog.review_list.itemClicked.emit(dialog.review_list.item(1))
    assert dialog.progress_label.text() == "Pregunta 14 de 21"
    qtbot.keyClick(dialog, Qt.Key.Key_3)
    dialog.go_to(len(dialog.pages) - 1)
    assert dialog.review_list.count() == 1


def test_all_answered_says_so(qtbot, definition):  # type: ignore[no-untyped-def]
    dialog = open_questionnaire(qtbot, definition, {f.id: 3 for f in scale_items(definition)})
    dialog.go_to(len(dialog.pages) - 1)
    assert "21 de 21" in dialog.review_summary.text()
    assert dialog.review_list.count() == 0


def test_terminar_accepts_the_dialog(qtbot, definition):  # type: ignore[no-untyped-def]
    dialog = open_questionnaire(qtbot, definition, {"i1_espacios": 3})
    dialog.go_to(len(dialog.pages) - 1)
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        dialog.finish_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.answers()["i1_espacios"] == 3


def test_escape_asks_and_no_keeps_the_questionnaire_open(qtbot, definition, message_boxes):  # type: ignore[no-untyped-def]
    dialog = open_questionnaire(qtbot, definition)
    dialog.go_to(1)
    qtbot.keyClick(dialog, Qt.Key.Key_2)
    message_boxes.answer = QMessageBox.StandardButton.No
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    [(kind, title, _text)] = message_boxes.shown
    assert (kind, title) == ("question", "¿Salir del cuestionario?")
    assert dialog.isVisible()
    assert dialog.current_index == 1


def test_leaving_keeps_the_answers_so_far_for_a_draft(qtbot, definition, message_boxes):  # type: ignore[no-untyped-def]
    dialog = open_questionnaire(qtbot, definition)
    dialog.go_to(1)
    qtbot.keyClick(dialog, Qt.Key.Key_2)
    message_boxes.answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        dialog.exit_button.click()
    assert not dialog.isVisible()
    assert dialog.answers()["i1_espacios"] == 2


def test_fits_1280x720_and_opens_no_larger_than_the_screen(qtbot, definition):  # type: ignore[no-untyped-def]
    dialog = open_questionnaire(qtbot, definition)
    hint = dialog.minimumSizeHint()  # the largest of its pages: questions, open text, review
    assert hint.width() <= 1280 and hint.height() <= 720
    room = dialog.screen().availableGeometry().size()
    assert dialog.width() <= room.width() and dialog.height() <= room.height()
