"""The plan tab driven with clicks: start a plan, add an objective from a template (a deadline
before the start gets its message beside the field), agree, review with a change, read the
reviews and versions, print the acuerdo, see an overdue objective in red."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from reinsercion_desktop.domain.plan_rules import ActivityDraft, ObjectiveDraft
from reinsercion_desktop.ui.plan.plan_dialogs import ActivityDialog, ObjectiveDialog
from reinsercion_desktop.ui.plan.plan_tab import PlanTab
from reinsercion_desktop.ui.plan.review_dialog import DEADLINE, PRIORITY, PROGRESS, ReviewDialog
from reinsercion_desktop.ui.plan.versions_dialog import VersionsDialog


@pytest.fixture
def person(window, make_draft):  # type: ignore[no-untyped-def]
    return window.services.participants.create(
        window.session.actor, make_draft(), confirm_similar=True
    )


@pytest.fixture
def tab(qtbot, window, person):  # type: ignore[no-untyped-def]
    widget = PlanTab(window.services.plans, window.services.forms, window.session)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.load(person.id)
    return widget


def choose(combo, data) -> None:  # type: ignore[no-untyped-def]
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def texts(model, row: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.cell_text(row, c) for c in range(model.columnCount())]


def test_plan_from_start_to_review(qtbot, window, tab, person, message_boxes) -> None:  # type: ignore[no-untyped-def]
    emitted: list[str] = []
    tab.changed.connect(emitted.append)
    assert tab.pages.currentIndex() == 0 and tab.start_button.isVisible()

    # start the plan
    click(qtbot, tab.start_button)
    tab.dialog.fields["start_date"].setText("05/01/2026")
    tab.dialog.fields["next_review_date"].setText("05/04/2026")
    click(qtbot, tab.dialog.save_button)
    assert tab.pages.currentIndex() == 1 and emitted == [person.id]
    assert tab.header_label.text().startswith("En preparación · inicio 05/01/2026")
    assert "v1" in tab.header_label.text()

    # an objective from a template; first with a deadline before the start
    click(qtbot, tab.objective_button)
    dialog = tab.dialog
    assert isinstance(dialog, ObjectiveDialog)
    choose(dialog.area_combo, "formativo_laboral")
    assert dialog.template_combo.itemData(0) == ""  # "Objetivo propio…"
    choose(dialog.template_combo, "FL-6")
    assert dialog.title_edit.toPlainText().startswith("Entrenar en técnicas de búsqueda de empleo")
    assert dialog.indicator_edit.text() and dialog.target_edit.text()
    dialog.deadline_edit.setText("01/01/2026")
    click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert dialog.error_labels["deadline"].isVisible()
    assert "es anterior al inicio del plan (05/01/2026)" in dialog.error_labels["deadline"].text()
    assert window.services.plans.objectives_of(tab.plan.id) == []
    dialog.deadline_edit.setText("30/04/2026")
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    area = tab.tree.topLevelItem(0)
    assert area.text(0) == "Formativa-laboral"
    objective = area.child(0)
    assert objective.text(0).startswith("Entrenar en técnicas")
    assert (objective.text(3), objective.text(4), objective.text(6)) == (
        "30/04/2026",
        "Media",
        "0 %",
    )
    assert window.services.plans.objectives_of(tab.plan.id)[0].template_code == "FL-6"

    # an activity for the selected objective, from §8's templates
    tab.tree.setCurrentItem(objective)
    click(qtbot, tab.activity_button)
    activity_dialog = tab.dialog
    assert isinstance(activity_dialog, ActivityDialog)
    choose(activity_dialog.template_combo, "ACT-LAB-7")
    activity_dialog.due_edit.setText("02/02/2026")
    click(qtbot, activity_dialog.save_button)
    assert tab.tree.topLevelItem(0).child(0).child(0).text(0) == "↳ Técnicas de búsqueda de empleo."

    # agree
    click(qtbot, tab.agree_button)
    click(qtbot, tab.dialog.save_button)
    assert tab.header_label.text().startswith("Vigente (acordado)")
    assert "acordado 15/01/2026" in tab.header_label.text()
    assert not tab.agree_button.isVisible() and tab.review_button.isEnabled()
    assert tab.reviews_model.rowCount() == 1
    assert tab.lower_tabs.tabText(0) == "Revisiones"

    # review: raise the priority and record progress
    click(qtbot, tab.review_button)
    review = tab.dialog
    assert isinstance(review, ReviewDialog)
    assert review.fields["reviewer_name"].text() == "Ana Administradora"
    assert review.grid.headerData(0, Qt.Orientation.Vertical).startswith("Entrenar en")
    review.grid.set_value(0, PRIORITY, "alta")
    review.grid.set_value(0, PROGRESS, "40")
    click(qtbot, review.save_button)
    assert not review.isVisible()
    kind, title, shown = message_boxes.shown[-1]
    assert kind == "information" and "versión 2" in title
    assert "prioridad Media → Alta" in shown and "progreso 0 % → 40 %" in shown
    assert "v2" in tab.header_label.text()
    newest = texts(tab.reviews_model, 0)
    assert newest[:3] == ["15/01/2026", "Ana Administradora", "v2"]
    assert "estado Pendiente → En curso" in newest[3]
    assert tab.tree.topLevelItem(0).child(0).text(5) == "En curso"

    # versions: the agreement kept the objective as it was
    click(qtbot, tab.versions_button)
    versions = tab.dialog
    assert isinstance(versions, VersionsDialog)
    assert versions.version_combo.count() == 2
    choose(versions.version_combo, 1)
    assert versions.objectives_model.cell_text(0, 5) == "Media"
    choose(versions.version_combo, 2)
    assert versions.objectives_model.cell_text(0, 5) == "Alta"
    # the review's changes, one sentence a row of the shared list
    assert any("Media → Alta" in row for row in versions.changes_model.rows)
    versions.close()
    assert person.id in emitted


def test_a_review_without_change_or_summary_is_refused_beside_the_summary(
    qtbot, window, tab, person
) -> None:  # type: ignore[no-untyped-def]
    plans, actor = window.services.plans, window.session.actor
    from reinsercion_desktop.domain.plan_rules import PlanDraft

    plan = plans.start_plan(actor, person.id, PlanDraft(date(2026, 1, 5)))
    plans.add_objective(
        actor,
        plan.id,
        ObjectiveDraft("legal", "Informar y orientar.", "Citas", "Todas", date(2026, 3, 1)),
    )
    plans.agree_plan(actor, plan.id, date(2026, 1, 10))
    tab.refresh()
    click(qtbot, tab.review_button)
    click(qtbot, tab.dialog.save_button)
    assert tab.dialog.isVisible()
    assert tab.dialog.error_labels["summary"].text() == (
        "La revisión no cambia nada: escriba al menos un resumen."
    )
    tab.dialog.grid.set_value(0, DEADLINE, "01/01/2026")
    click(qtbot, tab.dialog.save_button)
    assert (
        "«Informar y orientar.»: El plazo (01/01/2026)"
        in tab.dialog.error_labels["objectives"].text()
    )
    assert plans.get_plan(plan.id).current_version == 1


def test_overdue_objectives_are_red_and_counted(qtbot, window, tab, person) -> None:  # type: ignore[no-untyped-def]
    plans, actor = window.services.plans, window.session.actor
    from reinsercion_desktop.domain.plan_rules import PlanDraft

    plan = plans.start_plan(actor, person.id, PlanDraft(date(2026, 1, 2)))
    late = plans.add_objective(
        actor,
        plan.id,
        ObjectiveDraft("familiar", "Llamar a casa", "Llamadas", "1 a la semana", date(2026, 1, 10)),
    )
    plans.add_activity(actor, late.id, ActivityDraft("Acogida familiar"))
    tab.refresh()
    assert tab.overdue_label.isVisible()
    assert tab.overdue_label.text() == "1 objetivo(s) vencido(s): revise sus plazos."
    item = tab.tree.topLevelItem(0).child(0)
    assert item.text(5) == "Pendiente · Vencido"
    assert item.foreground(0).color().name() == "#b3261e"


def test_the_acuerdo_is_created_and_previewed(qtbot, window, tab, person) -> None:  # type: ignore[no-untyped-def]
    from reinsercion_desktop.domain.plan_rules import PlanDraft
    from reinsercion_desktop.ui.forms.pdf_preview import PdfPreviewDialog

    plans, actor = window.services.plans, window.session.actor
    plan = plans.start_plan(actor, person.id, PlanDraft(date(2026, 1, 2)))
    plans.add_objective(
        actor,
        plan.id,
        ObjectiveDraft("legal", "Informar y orientar.", "Citas", "Todas", date(2026, 3, 1)),
    )
    tab.refresh()
    click(qtbot, tab.acuerdo_button)
    assert isinstance(tab.dialog, PdfPreviewDialog)
    forms = window.services.forms.list_for(person.id)
    assert [(f.form_id, f.version) for f in forms] == [("acuerdo-incorporacion", 2)]
    tab.dialog.close()


def test_a_review_progress_that_is_not_a_number_is_named_with_its_objective(
    qtbot, window, tab, person
) -> None:  # type: ignore[no-untyped-def]
    plans, actor = window.services.plans, window.session.actor
    from reinsercion_desktop.domain.plan_rules import PlanDraft

    plan = plans.start_plan(actor, person.id, PlanDraft(date(2026, 1, 5)))
    plans.add_objective(
        actor,
        plan.id,
        ObjectiveDraft("legal", "Informar y orientar.", "Citas", "Todas", date(2026, 3, 1)),
    )
    plans.agree_plan(actor, plan.id, date(2026, 1, 10))
    tab.refresh()
    click(qtbot, tab.review_button)
    review = tab.dialog
    assert review.grid.value(0, PROGRESS) == "0" and review.grid.value(0, PRIORITY) == "media"
    review.grid.set_value(0, PROGRESS, "cuarenta")
    review.fields["summary"].setPlainText("Sigue igual")
    click(qtbot, review.save_button)
    assert review.isVisible()
    assert review.error_labels["objectives"].text() == (
        "«Informar y orientar.»: Escriba el progreso como un número de 0 a 100."
    )
    review.grid.set_value(0, PROGRESS, "40 %")
    click(qtbot, review.save_button)
    assert not review.isVisible()
    assert plans.objectives_of(plan.id)[0].progress == 40


def test_the_plan_buttons_that_do_not_fit_are_in_mas_acciones(qtbot, window, tab, person) -> None:  # type: ignore[no-untyped-def]
    from reinsercion_desktop.domain.plan_rules import PlanDraft

    window.services.plans.start_plan(window.session.actor, person.id, PlanDraft(date(2026, 1, 5)))
    tab.refresh()
    tab.resize(420, 500)
    qtbot.waitUntil(lambda: not tab.versions_button.isVisible())
    menu = [action.text() for action in tab.bar.more_menu.actions() if not action.isSeparator()]
    assert "Versiones…" in menu and "Cerrar plan…" in menu
    assert "Acordar plan" in menu or tab.agree_button.isVisible()
    tab.resize(1100, 700)
    qtbot.waitUntil(tab.versions_button.isVisible)
    assert "Versiones…" not in [a.text() for a in tab.bar.more_menu.actions()]
