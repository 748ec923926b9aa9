"""The Formularios tab and the generated editor: fill, get told what is missing, sign, amend."""

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from reinsercion_desktop.domain.enums import FormStatus
from reinsercion_desktop.forms.engine import check_form
from reinsercion_desktop.services.forms import FilledForm, FormInstanceView
from reinsercion_desktop.ui.forms.form_editor import FormEditor
from reinsercion_desktop.ui.forms.forms_tab import FormEditorDialog, FormsTab
from reinsercion_desktop.ui.widgets.files import documents_dir
from tests.ui.conftest import type_text


@pytest.fixture
def opened(window, participants, admin, make_draft):  # type: ignore[no-untyped-def]
    person = participants.create(admin, make_draft(ptm=False))
    window.open_participant(person.id)
    return person


def _create(window, form_id: str):  # type: ignore[no-untyped-def]
    dialog = window.file_view.forms_tab.create(form_id)
    assert dialog is not None
    return dialog, dialog.editor


def test_a_new_anexo_iv_is_prefilled_and_counts_what_is_missing(qtbot, window, opened):  # type: ignore[no-untyped-def]
    dialog, editor = _create(window, "anexo-iv")
    qtbot.addWidget(dialog)
    assert editor.editors["nombre"].value() == "José"
    assert editor.editors["apellidos"].value() == "Núñez García"
    assert editor.summary_label.text() == "Faltan 5 campos obligatorios."
    assert not editor.finalize_button.isEnabled()
    assert editor.error_labels["integracion"].text() == "Obligatorio."
    model = window.file_view.forms_tab.model
    assert model.rowCount() == 1 and model.cell_text(0, 1) == "Borrador"


def test_fill_finalize_sign_and_the_signed_form_is_read_only(qtbot, window, opened, message_boxes):  # type: ignore[no-untyped-def]
    dialog, editor = _create(window, "anexo-iv")
    qtbot.addWidget(dialog)
    type_text(editor.editors["fecha_ingreso"].edit, "01/12/2025")
    type_text(editor.editors["vivienda"].edit, "Vivienda Triana")
    for field_id in ("integracion", "objetivos_generales", "actividades_iniciadas"):
        type_text(editor.editors[field_id].edit, "Evolución favorable, sin incidencias.")
    assert editor.summary_label.text() == "Formulario completo."
    assert editor.saved_label.text() == "Cambios sin guardar…"
    qtbot.waitUntil(
        lambda: editor.saved_label.text() == "Borrador guardado", timeout=4000
    )  # autosave
    editor.finalize_button.click()
    assert editor.instance.status == FormStatus.FINAL.value
    assert editor.sign_button.isVisible() or not editor.isVisible()
    message_boxes.answer = QMessageBox.StandardButton.Yes
    editor.sign()
    assert editor.instance.status == FormStatus.SIGNED.value
    assert editor.editors["integracion"].edit.isReadOnly()
    stored = window.services.forms.open(window.session.actor, editor.instance.id)
    assert stored.data["fecha_ingreso"] == "2025-12-01"
    assert stored.instance.signed_by_name == "Ana Administradora"
    assert window.file_view.forms_tab.model.cell_text(0, 1) == "Firmado"


def test_amending_a_signed_form_opens_the_new_draft(
    qtbot, window, opened, message_boxes, monkeypatch
):  # type: ignore[no-untyped-def]
    dialog, editor = _create(window, "anexo-iv")
    qtbot.addWidget(dialog)
    forms = window.services.forms
    actor = window.session.actor
    data = {
        **editor.data(),
        "fecha_ingreso": "2025-12-01",
        "vivienda": "Casa",
        "integracion": "a",
        "objetivos_generales": "b",
        "actividades_iniciadas": "c",
    }
    instance = forms.save_draft(
        actor, editor.instance.id, data, expected_version=editor.instance.version
    )
    forms.finalize(actor, instance.id)
    forms.sign(actor, instance.id)
    dialog.close()
    tab = window.file_view.forms_tab
    tab.refresh()
    signed_dialog = tab.open_form(instance.id)
    qtbot.addWidget(signed_dialog)
    assert signed_dialog.editor.amend_button.isVisibleTo(signed_dialog)
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *a, **k: ("Fecha de ingreso errónea", True))
    )
    signed_dialog.editor.amend()
    assert tab.model.rowCount() == 2
    newest = tab.open_dialogs[-1].editor
    assert newest.instance.amends_id == instance.id and newest.editable
    assert "rectifica un formulario firmado" in newest.status_label.text()


def test_anexo_i_conditions_show_while_filling(qtbot, window, opened):  # type: ignore[no-untyped-def]
    dialog, editor = _create(window, "anexo-i")
    qtbot.addWidget(dialog)
    dialog.show()
    ptm = editor.editors["ptm"].combo
    assert not editor.sections["anexo_ptm"].isVisible()
    ptm.setCurrentIndex(ptm.findData(True))
    assert editor.sections["anexo_ptm"].isVisible()
    assert editor.error_labels["dosis_metadona"].text() == "Obligatorio. (PTM)"
    vih = editor.editors["vih"].combo
    vih.setCurrentIndex(vih.findData("positivo"))
    assert "R-REF-2" in editor.error_labels["pruebas"].text()
    assert editor.rows["baciloscopias"][1].isVisible()
    sexo = editor.editors["sexo"].combo
    sexo.setCurrentIndex(sexo.findData("M"))
    assert "R-REF-3" in editor.error_labels["pruebas"].text()


def test_blank_print_of_every_form_opens_a_preview(qtbot, window, opened, monkeypatch):  # type: ignore[no-untyped-def]
    shown, suggested = [], []
    monkeypatch.setattr(
        window.file_view.forms_tab,
        "_show_pdf",
        lambda data, title, offered: (shown.append(data), suggested.append(offered)),
    )
    for form_id in window.services.forms.catalogue.ids():
        window.file_view.forms_tab.print_blank(form_id)
    assert len(shown) == len(window.services.forms.catalogue.ids())
    assert all(data[:5] == b"%PDF-" for data in shown)  # made in memory, no file written
    assert not (window.session.data_dir / "tmp").exists()
    today = window.session.today().isoformat()
    assert suggested[window.services.forms.catalogue.ids().index("anexo-i")].name == (
        f"Anexo I - en blanco - {today}.pdf"
    )


def test_anexo_vii_shows_section_means_while_entering_the_paper_copy(qtbot, window, opened):  # type: ignore[no-untyped-def]
    dialog, editor = _create(window, "anexo-vii")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not editor.means_label.isVisible()
    first_items = [f.id for f in editor.definition.sections[2].fields if f.kind == "scale_item"]
    editor.editors[first_items[0]].buttons[3].click()
    editor.editors[first_items[1]].buttons[2].click()
    assert editor.means_label.isVisible()
    assert "1.- Instalaciones 2,50" in editor.means_label.text()


# -- the editor and the list on a real screen (issue 9) ----------------------------------------


def _value_that_holds(condition, field):  # type: ignore[no-untyped-def]
    """A value of `field` that makes `condition` true (to show what depends on it)."""
    if condition.contains is not None:
        return [condition.contains]
    if condition.any_of:
        return condition.any_of[0]
    if condition.filled is None:
        return condition.equals
    if not condition.filled:
        return None
    if field.kind == "multi_choice":
        return [field.options[0].code]
    if field.kind == "choice":
        return field.options[0].code
    return {"yes_no": True, "number": 1, "date": "2025-01-01"}.get(field.kind, "algo")


def _conditions(definition):  # type: ignore[no-untyped-def]
    for section in definition.sections:
        if section.visible_when is not None:
            yield section.visible_when
        for field in section.fields:
            yield from (c for c in (field.visible_when, field.required_when) if c is not None)


def _editor_window(forms, session, definition, data=None):  # type: ignore[no-untyped-def]
    """Any form of the catalogue in its editor window, as a draft (monthly ones too)."""
    instance = FormInstanceView(
        id="sin-guardar",
        form_id=definition.id,
        definition_version=definition.version,
        version=1,
        status=FormStatus.DRAFT,
        data="{}",
    )
    data = data or {}
    filled = FilledForm(instance, definition, data, check_form(definition, data))
    return FormEditorDialog(FormEditor(forms, session, filled))


def _shown_windows() -> set[int]:
    return {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}


def test_opening_every_form_makes_no_stray_window(qtbot, services, session):  # type: ignore[no-untyped-def]
    """Fields with no label (static texts, signatures) showed an empty window each."""
    before = _shown_windows()
    catalogue = services.forms.catalogue
    for form_id in catalogue.ids():
        definition = catalogue.latest(form_id)
        dialog = _editor_window(services.forms, session, definition)
        qtbot.addWidget(dialog)
        dialog.show()
        editor = dialog.editor
        fields = {field.id: field for field in definition.fields()}
        for condition in _conditions(definition):  # each condition on, then off again
            editor._load({condition.field: _value_that_holds(condition, fields[condition.field])})
            editor._load({})
        stray = [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and id(w) not in before and w is not dialog
        ]
        assert stray == [], f"{form_id}: {[type(w).__name__ for w in stray]}"
        dialog.close()


def test_the_missing_fields_list_takes_you_to_each_field(qtbot, window, opened):  # type: ignore[no-untyped-def]
    dialog, editor = _create(window, "anexo-i")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    problems = editor.problems_list
    assert problems.isVisible()
    assert problems.count() == len(editor.check.errors)
    first = editor.check.missing[0]
    section, label = editor.definition.section_of(first).title, editor.definition.field(first).label
    assert problems.item(0).text() == f"{section} · {label}: Obligatorio."
    # The last one lies far below: out of sight until chosen in the list.
    field_id = problems.field_ids()[-1]
    holder = editor.rows[field_id][1]
    viewport = editor.scroll.viewport()

    def in_sight() -> bool:
        top_left = holder.mapTo(viewport, QPoint(0, 0))
        shown = QSize(holder.width(), min(holder.height(), viewport.height()))
        return viewport.rect().contains(QRect(top_left, shown))

    assert not in_sight()
    item = problems.item(problems.count() - 1)
    problems.scrollToItem(item)
    qtbot.mouseClick(
        problems.viewport(), Qt.MouseButton.LeftButton, pos=problems.visualItemRect(item).center()
    )
    target = editor.editors[field_id].focus_target()
    qtbot.waitUntil(target.hasFocus)
    assert in_sight()


def test_the_forms_list_is_plain_rows_and_red_when_altered_after_signing() -> None:
    from datetime import datetime

    from reinsercion_desktop.services.forms import FormSummary
    from reinsercion_desktop.ui.forms.forms_tab import forms_model

    def summary(**changes):  # type: ignore[no-untyped-def]
        values = dict(
            id="1", form_id="anexo-iv", title="Anexo IV", version=1, status=FormStatus.SIGNED,
            updated_at=datetime(2026, 1, 15, 10, 30), updated_by="admin",
            signed_by_name="Ana Administradora", amends_id=None, superseded=False,
            altered_after_signing=False,
        )  # fmt: skip
        return FormSummary(**{**values, **changes})

    model = forms_model()
    model.set_rows([summary(), summary(id="2", altered_after_signing=True, amends_id="1")])
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(5)]
    assert headers == ["Formulario", "Estado", "Última modificación", "Firmado por", "Notas"]
    assert [model.cell_text(0, i) for i in (0, 1, 3, 4)] == [
        "Anexo IV (v1)", "Firmado", "Ana Administradora", "",
    ]  # fmt: skip
    assert model.cell_text(1, 4) == "rectificación, ¡MODIFICADO DESPUÉS DE FIRMAR!"
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole).name() == "#b3261e"


def test_the_forms_tab_fits_a_narrow_file_area(qtbot, services, session) -> None:  # type: ignore[no-untyped-def]
    tab = FormsTab(services.forms, session)
    qtbot.addWidget(tab)
    hint = tab.minimumSizeHint()
    assert hint.width() <= 760 and hint.height() <= 430


def test_every_form_editor_fits_1280x720_and_opens_within_the_screen(qtbot, services, session):  # type: ignore[no-untyped-def]
    catalogue = services.forms.catalogue
    for form_id in catalogue.ids():
        dialog = _editor_window(services.forms, session, catalogue.latest(form_id))
        qtbot.addWidget(dialog)
        hint = dialog.minimumSizeHint()
        assert hint.width() <= 1280 and hint.height() <= 720, form_id
        # what the form's fields need across fits too: no sideways scrolling at 1280
        assert dialog.editor.scroll.widget().minimumSizeHint().width() <= 1200, form_id
        room = dialog.screen().availableGeometry().size()
        assert dialog.width() <= room.width() and dialog.height() <= room.height()


# -- the name a PDF is offered under -----------------------------------------------------------


@pytest.fixture
def offered(monkeypatch):  # type: ignore[no-untyped-def]
    """The default path each «Guardar como PDF» dialog was given (the dialog is cancelled)."""
    defaults: list[str] = []

    def ask(_parent, _caption, default="", *args, **kwargs):  # type: ignore[no-untyped-def]
        defaults.append(default)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    return defaults


def _preview_of(parent):  # type: ignore[no-untyped-def]
    from reinsercion_desktop.ui.forms.pdf_preview import PdfPreviewDialog

    [preview] = [d for d in parent.findChildren(PdfPreviewDialog) if d.isVisible()]
    return preview


def test_a_form_pdf_is_offered_in_documents_by_form_codapel_and_day(  # type: ignore[no-untyped-def]
    qtbot, window, opened, offered
):
    dialog, editor = _create(window, "anexo-i")
    qtbot.addWidget(dialog)
    editor.print_button.click()
    preview = _preview_of(window.file_view.forms_tab)
    preview.save_button.click()
    name = f"Anexo I - {opened.codapel} - {window.session.today().isoformat()}.pdf"
    assert offered == [str(documents_dir() / name)]  # not «Vista previa.pdf» where it started
    assert preview.make_printer().docName() == name.removesuffix(".pdf")  # printed to a file
    preview.close()


def test_the_monthly_anexo_iii_pdf_is_named_by_vivienda_and_month(  # type: ignore[no-untyped-def]
    qtbot, window, offered
):
    from reinsercion_desktop.ui.circuit.anexo_iii import preview_form

    services, session = window.services, window.session
    triana = next(v for v in services.catalogues.viviendas() if v.name == "Vivienda Triana")
    report = services.monthly_report.create_anexo_iii(session.actor, triana.id, "2025-12")
    assert report.vivienda_name == "Vivienda Triana" and report.codapel == ""
    preview = preview_form(services, session, report.id, window)
    assert preview is not None
    qtbot.addWidget(preview)
    preview.save_button.click()
    assert offered == [str(documents_dir() / "Anexo III - Vivienda Triana - 2025-12.pdf")]
    preview.close()


def test_r_adm_1_a_var_s_initial_assessment_does_not_offer_under_18_on_screen(
    qtbot, window, opened
):  # type: ignore[no-untyped-def]
    """The printout and the check already refuse it (tests/forms); the drop-down follows."""
    dialog, editor = _create(window, "valoracion-inicial")
    qtbot.addWidget(dialog)
    combo = editor.editors["grupo_edad"].combo
    codes = [combo.itemData(i) for i in range(combo.count())]
    assert "menor_18" not in codes and "18_25" in codes
