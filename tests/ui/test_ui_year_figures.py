"""Administración → Datos anuales de las viviendas: a grid per year, saved through the service."""

from reinsercion_desktop.services.registry import build_services
from reinsercion_desktop.services.structure_data import parse_figure
from reinsercion_desktop.ui.admin.year_figures import YearFiguresDialog
from tests.ui.conftest import session_for


def make_dialog(qtbot, workspace, actor) -> YearFiguresDialog:  # type: ignore[no-untyped-def]
    services = build_services(workspace)
    dialog = YearFiguresDialog(services.structure_data, session_for(workspace, services, actor))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_figures_typed_the_spanish_way_are_saved_and_shown_again(qtbot, workspace, admin):  # type: ignore[no-untyped-def]
    dialog = make_dialog(qtbot, workspace, admin)
    assert dialog.year_spin.value() == 2026  # the clock's year
    assert dialog.model.row_labels == ("Vivienda Macarena", "Vivienda Triana")
    triana = dialog.model.row_labels.index("Vivienda Triana")
    dialog.model.set_value(triana, "budget_planned", "98.000")
    dialog.model.set_value(triana, "staff_weekly_hours", "75,5")
    dialog.save()
    assert dialog.message_label.text() == "Guardados los datos de 1 vivienda(s)."
    [row] = [r for r in dialog.rows if r.vivienda_name == "Vivienda Triana"]
    assert (row.budget_planned, row.staff_weekly_hours, row.full_time_weekly_hours) == (
        98_000,
        75.5,
        37.5,
    )
    assert dialog.model.value(triana, "budget_planned") == "98.000"
    assert dialog.model.value(triana, "staff_weekly_hours") == "75,50"
    dialog.save()
    assert dialog.message_label.text() == "No había cambios que guardar."
    # A bad figure: a Spanish message, nothing lost.
    dialog.model.set_value(triana, "budget_actual", "mucho")
    dialog.save()
    assert "no es un número" in dialog.message_label.text()
    dialog.model.set_value(triana, "budget_actual", "")
    dialog.model.set_value(triana, "staff_weekly_hours", "-3")
    dialog.save()
    assert "negativas" in dialog.message_label.text()
    # Fits 1280×720.
    assert dialog.width() <= 1280 and dialog.height() <= 720


def test_a_tecnico_reads_without_editing(qtbot, workspace, admin, tecnico):  # type: ignore[no-untyped-def]
    dialog = make_dialog(qtbot, workspace, tecnico)
    assert not dialog.save_button.isVisible()
    assert dialog.model.read_only


def test_parse_figure() -> None:
    assert parse_figure("98.000") == 98_000
    assert parse_figure("1.234,50 €") == 1234.5
    assert parse_figure("37,5") == 37.5
    assert parse_figure("98000.5") == 98000.5
    assert parse_figure(" ") is None
