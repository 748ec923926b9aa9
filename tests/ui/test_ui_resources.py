"""The resource catalogue dialog and a person's referrals panel, driven as staff would."""

from types import SimpleNamespace

import pytest

from reinsercion_desktop.domain.resource_rules import ResourceDraft
from reinsercion_desktop.ui.forms.pdf_preview import PdfPreviewDialog
from reinsercion_desktop.ui.resources.catalogue_dialog import ResourcesDialog
from reinsercion_desktop.ui.resources.referrals_panel import ResourceReferralsPanel
from tests.ui.conftest import type_text


@pytest.fixture
def context(workspace, services, session):  # type: ignore[no-untyped-def]
    """The services, who is logged in and the session, as the window has them."""
    return SimpleNamespace(
        resources=services.resources,
        actor=session.actor,
        services=services,
        session=session,
        workspace=workspace,
    )


@pytest.fixture
def person(participants, admin, make_draft) -> str:  # type: ignore[no-untyped-def]
    return participants.create(admin, make_draft(), confirm_similar=True).id


# -- referrals panel -----------------------------------------------------------------------


def test_refer_then_enrol_outside_and_inside_the_window(qtbot, context, person) -> None:  # type: ignore[no-untyped-def]
    resources = context.resources
    resources.add_resource(
        context.actor,
        ResourceDraft(
            category="capacitacion_empleo",
            name="Curso de panadería",
            enrolment_periods=[("10/01/2026", "24/01/2026")],
        ),
    )
    panel = ResourceReferralsPanel(context.services.resources, context.session)
    qtbot.addWidget(panel)
    panel.load(person)
    assert panel.model.rowCount() == 0 and not panel.empty_label.isHidden()
    assert not panel.status_button.isEnabled()

    panel.ask_referral()
    dialog = panel.dialog
    assert dialog is not None
    combo = dialog.fields["resource_id"]
    assert combo.itemText(0) == "— Capacitación para el empleo —"  # a header, not a choice
    assert combo.currentText() == "Curso de panadería · Abierta hasta el 24/01/2026"
    dialog.fields["proposed_date"].setText("05/01/2026")
    with qtbot.waitSignal(panel.changed) as emitted:
        dialog.submit()
    assert emitted.args == [person]
    assert panel.model.rowCount() == 1
    assert panel.model.cell_text(0, 3) == "Propuesto"

    panel.table.selectRow(0)
    assert panel.status_button.isEnabled()
    panel.ask_status()
    step = panel.dialog
    statuses = step.fields["new_status"]
    assert [statuses.itemText(i) for i in range(statuses.count())] == ["Inscrito/a", "Abandonado"]
    step.fields["on_date"].setText("09/01/2026")
    step.submit()
    assert step.isVisible()  # refused: R-RES-1, the message beside the date
    assert step.error_labels["on_date"].text() == (
        "El recurso «Curso de panadería» no tiene inscripción abierta el 09/01/2026. "
        "Periodos: 10/01–24/01/2026."
    )
    assert resources.referrals_of(person)[0].status == "propuesto"
    step.fields["on_date"].setText("12/01/2026")
    step.submit()
    assert not step.isVisible()
    assert panel.model.cell_text(0, 3) == "Inscrito/a"
    assert panel.model.cell_text(0, 5) == "12/01/2026"


# -- catalogue dialog ----------------------------------------------------------------------


def set_period(dialog: ResourcesDialog, start: str, end: str) -> None:
    grid = dialog.form.periods_grid
    if grid.rowCount() == 0:
        dialog.form.add_period(start, end)
    grid.set_value(0, "start", start)
    grid.set_value(0, "end", end)


def test_catalogue_bad_period_is_shown_beside_it_then_saved(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    dialog = ResourcesDialog(context.services.resources, context.session)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.form.fields["name"], "Prepa en Línea")
    dialog.form.category_combo.setCurrentIndex(
        dialog.form.category_combo.findData("formacion_academica")
    )
    set_period(dialog, "24/02/2026", "14/01/2026")
    assert dialog.save() is False
    assert dialog.form.error_text("enrolment_periods").startswith(
        "Periodo 1: el fin (14/01/2026) es anterior al inicio (24/02/2026)"
    )
    assert dialog.form.error_text("name") == ""
    assert not dialog.message_label.isHidden()
    assert context.resources.resources() == []

    set_period(dialog, "14/01/2026", "24/02/2026")
    assert dialog.save() is True
    assert dialog.form.error_text("enrolment_periods") == ""
    assert dialog.model.rowCount() == 1
    assert dialog.model.cell_text(0, 3) == "Abierta hasta el 24/02/2026"
    assert dialog.form_title.text() == "Prepa en Línea"

    # Filtering by category and by text (accents ignored).
    dialog.category_filter.setCurrentIndex(dialog.category_filter.findData("bolsa_trabajo"))
    assert dialog.model.rowCount() == 0
    dialog.category_filter.setCurrentIndex(0)
    dialog.search_edit.setText("linea")
    assert dialog.model.rowCount() == 1
    dialog.search_edit.setText("panaderia")
    assert dialog.model.rowCount() == 0


def test_catalogue_edit_deactivate_and_bulletin(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    added = context.resources.add_resource(
        context.actor,
        ResourceDraft(category="otros_servicios", name="Asistencia jurídica", open_all_year=True),
    )
    dialog = ResourcesDialog(context.services.resources, context.session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.select(added.id)
    assert dialog.current_id == added.id
    assert dialog.form.open_all_year_check.isChecked()
    assert not dialog.form.periods_editor.isEnabled()
    dialog.form.fields["cost"].setText("Gratuito")
    assert dialog.save()
    assert context.resources.resource(added.id).cost == "Gratuito"

    bulletin = dialog.ask_bulletin()
    assert bulletin.fields["period"].text() == "2026-01"
    bulletin.fields["period"].setText("enero")
    bulletin.submit()
    assert "AAAA-MM" in bulletin.error_labels["period"].text()
    bulletin.fields["period"].setText("2026-02")
    bulletin.submit()
    preview = dialog.subdialog
    assert isinstance(preview, PdfPreviewDialog)
    assert preview.pdf_path == context.workspace.paths.root / "exportaciones" / (
        "oferta-mensual-2026-02.pdf"
    )
    assert preview.pdf_path.exists() and preview.images
    preview.close()

    dialog.toggle_active()
    assert context.resources.resources() == []
    assert dialog.active_button.text() == "Reactivar"
    assert dialog.model.rowCount() == 0  # inactive ones are hidden unless asked for
    dialog.inactive_check.setChecked(True)
    assert dialog.model.rowCount() == 1
