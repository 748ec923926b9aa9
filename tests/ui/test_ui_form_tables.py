"""Table fields of a form on the shared grid: fixed rows with side labels, free rows, choices
and yes/no picked, dates and numbers typed and read as a single field reads them."""

import pytest
from PySide6.QtCore import Qt

from reinsercion_desktop.forms.engine import check_form
from reinsercion_desktop.forms.loader import load_definition
from reinsercion_desktop.forms.schema import FormDefinition
from reinsercion_desktop.paths import forms_dir
from reinsercion_desktop.ui.forms.table_editor import TableEditor, grid_column


@pytest.fixture(scope="module")
def anexo_i() -> FormDefinition:
    return load_definition(forms_dir() / "anexo-i.v1.json")


@pytest.fixture
def table(qtbot, anexo_i):  # type: ignore[no-untyped-def]
    def make(field_id: str) -> TableEditor:
        editor = TableEditor(anexo_i.field(field_id))
        qtbot.addWidget(editor)
        return editor

    return make


def _cell(editor: TableEditor, row: int, column_id: str):  # type: ignore[no-untyped-def]
    column = [c.id for c in editor.model.columns].index(column_id)
    return editor.model.index(row, column)


def test_columns_become_grid_columns(anexo_i) -> None:  # type: ignore[no-untyped-def]
    pruebas = {column.id: grid_column(column) for column in anexo_i.field("pruebas").columns}
    assert pruebas["adjunto"].kind == "choice"
    assert pruebas["adjunto"].options == ((True, "Sí"), (False, "No"))
    assert pruebas["fecha"].kind == "date" and pruebas["fecha"].placeholder == "dd/mm/aaaa"
    column = anexo_i.field("historia_toxicologica").columns[-1]
    via = grid_column(column)
    assert via.kind == "choice"
    assert via.options == tuple((option.code, option.label) for option in column.options)


def test_a_fixed_table_shows_its_rows_down_the_side_and_keeps_its_values(table) -> None:  # type: ignore[no-untyped-def]
    editor = table("pruebas")
    stored = {"hemograma": {"fecha": "2025-12-01", "resultado": "Normal", "adjunto": True}}
    changes: list[bool] = []
    editor.changed.connect(lambda: changes.append(True))
    editor.set_value(stored)
    assert changes == []  # loading is not an edit
    assert editor.model.headerData(0, Qt.Orientation.Vertical) == "Hemograma completo"
    assert _cell(editor, 0, "fecha").data() == "01/12/2025"  # shown as typed in Spain
    assert _cell(editor, 0, "adjunto").data() == "Sí"  # the label, the code kept
    assert editor.value() == stored
    editor.model.setData(_cell(editor, 1, "adjunto"), False)
    assert changes == [True]
    assert editor.value()["bioquimica"] == {"adjunto": False}  # «No» is a value, not empty


def test_a_date_that_cannot_be_read_is_kept_and_the_check_says_so(table, anexo_i) -> None:  # type: ignore[no-untyped-def]
    editor = table("baciloscopias")
    editor.model.setData(_cell(editor, 0, "fecha"), "31/02/2025")
    editor.model.setData(_cell(editor, 1, "fecha"), " 3/1/2025 ")
    value = editor.value()
    assert value == {"primera": {"fecha": "31/02/2025"}, "segunda": {"fecha": "2025-01-03"}}
    check = check_form(anexo_i, {"baciloscopias": value, "vih": "positivo"})
    assert "baciloscopias" in check.errors


def test_free_rows_are_added_typed_and_removed(table) -> None:  # type: ignore[no-untyped-def]
    editor = table("tratamientos_metadona")
    editor.set_value([{"numero": 1, "dosis": 62.5, "reinicio": False}])
    assert _cell(editor, 0, "dosis").data() == "62,5"  # a decimal comma
    editor.add_button.click()
    assert editor.model.rowCount() == 2
    editor.model.setData(_cell(editor, 1, "numero"), "2")
    editor.model.setData(_cell(editor, 1, "fecha_inclusion"), "05/06/2024")
    editor.model.setData(_cell(editor, 1, "dosis"), "1.234,5")
    assert editor.value() == [
        {"numero": 1, "dosis": 62.5, "reinicio": False},
        {"numero": 2, "fecha_inclusion": "2024-06-05", "dosis": 1234.5},
    ]
    editor.add_button.click()  # an empty row is not kept
    assert len(editor.value()) == 2
    editor.grid.setCurrentIndex(editor.model.index(0, 0))
    editor.remove_button.click()
    assert [row["numero"] for row in editor.value()] == [2]


def test_a_signed_form_s_tables_cannot_be_edited(table) -> None:  # type: ignore[no-untyped-def]
    editor = table("tratamientos_anteriores")
    editor.set_value([{"anio": 2019, "lugar": "CTA Sevilla"}])
    editor.set_read_only(True)
    assert not editor.add_button.isEnabled() and not editor.remove_button.isEnabled()
    assert not editor.model.flags(editor.model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    editor.set_read_only(False)
    assert editor.model.flags(editor.model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
