"""Case management in the running window: the file's Plan, Seguimiento and Línea de tiempo
tabs, the resources inside the plan, the caseload dock and the resource catalogue menu; a
write on a case tab reaches Pendientes (R-FU-1) without reloading the list of files."""

from datetime import date

from reinsercion_desktop.domain.follow_up_rules import InterviewDraft
from reinsercion_desktop.domain.plan_rules import PlanDraft
from reinsercion_desktop.ui.resources.catalogue_dialog import ResourcesDialog

FILE_TABS = [
    "Datos",
    "Derivaciones",
    "Estancias",
    "Formularios",
    "Plan",
    "Seguimiento",
    "Línea de tiempo",
    "Documentos",
    "Consentimientos",
]


def _open_file(window, admin, make_draft):  # type: ignore[no-untyped-def]
    """José Núñez, whose case manager is the logged-in administrator, opened in the window."""
    person = window.services.participants.create(admin, make_draft(case_manager_id=admin.user_id))
    window.open_participant(person.id)
    return person


def test_the_file_has_the_case_tabs_and_they_load_when_shown(window, qtbot, admin, make_draft):  # type: ignore[no-untyped-def]
    person = _open_file(window, admin, make_draft)
    view = window.file_view
    assert [view.tabs.tabText(i) for i in range(view.tabs.count())] == FILE_TABS

    view.tabs.setCurrentWidget(view.plan_tab)
    assert view.plan_tab.start_button.isVisible()  # no plan yet: it offers to start one
    lower = view.plan_tab.lower_tabs
    assert [lower.tabText(i) for i in range(lower.count())] == ["Revisiones", "Recursos"]

    window.services.plans.start_plan(admin, person.id, PlanDraft(start_date=date(2026, 1, 10)))
    assert view.timeline_tab.timeline is None  # not read until shown
    view.tabs.setCurrentWidget(view.timeline_tab)
    timeline = view.timeline_tab.timeline
    assert timeline is not None and timeline.participant_id == person.id


def test_a_follow_up_write_reaches_pendientes_and_the_caseload_r_fu_1(  # type: ignore[no-untyped-def]
    window, qtbot, admin, make_draft
):
    person = _open_file(window, admin, make_draft)
    view = window.file_view
    view.tabs.setCurrentWidget(view.follow_up_tab)
    assert not any(item.kind == "appointment" for item in window.pending_dock.items)
    window.services.follow_up.add_interview(
        admin,
        person.id,
        InterviewDraft(
            on_date=date(2026, 1, 14),
            next_appointment_date=date(2026, 1, 20),
            next_appointment_time="10:30",
        ),
    )
    with qtbot.waitSignal(view.case_changed, timeout=2000):
        view.follow_up_tab.changed.emit(person.id)  # what the tab sends after its dialog saves
    items = [item for item in window.pending_dock.items if item.kind == "appointment"]
    assert [(item.participant_id, item.due) for item in items] == [(person.id, date(2026, 1, 20))]
    assert "10:30" in items[0].what
    dock = window.cases.caseload_dock
    dock.show()
    dock.raise_()
    qtbot.waitUntil(lambda: not dock.stale)
    assert [(row.participant_id, row.next_appointment) for row in dock.rows] == [
        (person.id, date(2026, 1, 20))
    ]


def test_caseload_dock_and_resource_catalogue_are_in_the_window(window, qtbot, admin, make_draft):  # type: ignore[no-untyped-def]
    person = _open_file(window, admin, make_draft)
    dock = window.cases.caseload_dock
    assert dock in window.docks
    assert dock.toggleViewAction() in window.menuBar().actions()[2].menu().actions()  # Ver
    dock.show()
    dock.raise_()
    dock.refresh()
    assert [row.participant_id for row in dock.rows] == [person.id]
    with qtbot.waitSignal(dock.open_participant, timeout=1000) as opened:
        dock.table_view.activated.emit(dock.model.index(0, 0))
    assert opened.args == [person.id]
    window.cases.resources_action.trigger()
    dialog = window.cases.resources_dialog
    assert isinstance(dialog, ResourcesDialog) and dialog.isVisible()
    dialog.close()
    assert window.file_view.participant.id == person.id
