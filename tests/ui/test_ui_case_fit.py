"""The case screens fit the office PC: the Plan, Seguimiento and Línea de tiempo tabs in a
central area of 760 × 430 (the Plan tab alone needed 811 px), «Mi cartera de casos» in a
dock 340 px wide (it asked for 420), every dialog within 1280 × 720 (the catalogue opened
at 1300 × 740); buttons that do not fit go in «Más acciones»."""

from datetime import date

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QWidget

from reinsercion_desktop.domain.follow_up_rules import (
    Attendee,
    ConferenceDraft,
    ConferenceTask,
    InterviewDraft,
    PlacementDraft,
)
from reinsercion_desktop.domain.plan_rules import ActivityDraft, ObjectiveDraft, PlanDraft
from reinsercion_desktop.ui.follow_up.caseload_dock import CaseloadDock
from reinsercion_desktop.ui.follow_up.conference_dialog import ConferenceDialog
from reinsercion_desktop.ui.follow_up.follow_up_tab import FollowUpTab
from reinsercion_desktop.ui.follow_up.timeline_tab import TimelineTab
from reinsercion_desktop.ui.plan.plan_dialogs import ObjectiveDialog
from reinsercion_desktop.ui.plan.plan_tab import PlanTab
from reinsercion_desktop.ui.plan.review_dialog import ReviewDialog
from reinsercion_desktop.ui.plan.versions_dialog import VersionsDialog
from reinsercion_desktop.ui.resources.catalogue_dialog import ResourcesDialog
from reinsercion_desktop.ui.resources.referrals_panel import ResourceReferralsPanel, refer_dialog
from reinsercion_desktop.ui.widgets.action_bar import ActionBar

CENTRAL = QSize(760, 430)  # the file's tab area at 1366 × 768 with the docks beside it
DOCK_WIDTH = 340
SCREEN = QSize(1280, 720)
TOOLTIP = Qt.ItemDataRole.ToolTipRole
LONG_TITLE = "Entrenar en técnicas de búsqueda de empleo y elaborar el currículum vitae"


def fits(size: QSize, room: QSize) -> bool:
    return size.width() <= room.width() and size.height() <= room.height()


@pytest.fixture
def case(window, admin, make_draft):  # type: ignore[no-untyped-def]
    """A person with an agreed plan of twelve long objectives, follow-up of every kind."""
    services = window.services
    person = services.participants.create(
        admin, make_draft(case_manager_id=admin.user_id), confirm_similar=True
    )
    plans = services.plans
    plan = plans.start_plan(admin, person.id, PlanDraft(date(2025, 10, 1), "Objetivo general"))
    for number in range(12):
        objective = plans.add_objective(
            admin,
            plan.id,
            ObjectiveDraft(
                "formativo_laboral",
                f"{LONG_TITLE} ({number + 1})",
                "Currículum hecho y enviado a tres empresas",
                "Un currículum",
                date(2026, 3, 1),
            ),
        )
        plans.add_activity(admin, objective.id, ActivityDraft("Taller de currículum."))
    plans.agree_plan(admin, plan.id, date(2025, 10, 10))
    follow_up = services.follow_up
    follow_up.add_interview(
        admin,
        person.id,
        InterviewDraft(
            on_date=date(2026, 1, 10),
            staff_name="Ana Administradora",
            notes="Está motivado y ha empezado a buscar trabajo. " * 6,
            next_appointment_date=date(2026, 1, 20),
            next_appointment_time="9:30",
        ),
    )
    follow_up.add_conference(
        admin,
        person.id,
        ConferenceDraft(
            on_date=date(2026, 1, 12),
            topic="Empleo",
            attendees=(Attendee("Ana", "VAR Triana"), Attendee("Luis", "SAE")),
            decisions="Inscribir en la bolsa de empleo.",
            tasks=(ConferenceTask("Inscribir en el SAE", "Luis", date(2026, 1, 20)),),
        ),
    )
    follow_up.add_placement(
        admin,
        person.id,
        PlacementDraft(
            employer="Reciclajes Sur",
            contract_type="temporal",
            start_date=date(2025, 12, 1),
            insertion_company=True,
        ),
    )
    return person.id


def _shown(qtbot, widget: QWidget, size: QSize) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.addWidget(widget)
    widget.resize(size)
    widget.show()
    return widget


def test_the_case_tabs_fit_a_central_area_of_760_by_430(qtbot, window, case) -> None:  # type: ignore[no-untyped-def]
    services, session = window.services, window.session
    plan_tab = PlanTab(services.plans, services.forms, session)
    panel = ResourceReferralsPanel(services.resources, session)
    plan_tab.lower_tabs.addTab(panel, "Recursos")  # as the file view does
    tabs = [
        plan_tab,
        FollowUpTab(services.follow_up, session),
        TimelineTab(services.timeline, session),
    ]
    for tab in tabs:
        _shown(qtbot, tab, CENTRAL)
        tab.load(case)
        assert tab.participant_id == case and not tab.stale
        hint = tab.minimumSizeHint()
        assert fits(hint, CENTRAL), (type(tab).__name__, hint)
    panel.load(case)
    assert fits(panel.minimumSizeHint(), CENTRAL)
    # A long note stays on one line (elided, whole in the tooltip): wrapped in a narrow
    # window it made the row a word wide and a screen tall.
    interviews = tabs[1].interviews.table
    assert interviews.rows_model.rowCount() == 1
    assert interviews.rowHeight(0) < 2 * interviews.fontMetrics().height()
    assert "buscar trabajo" in interviews.rows_model.index(0, 4).data(TOOLTIP)
    # At that width the plan's buttons that do not fit are in «Más acciones».
    bar = plan_tab.bar
    assert bar.more_button.isVisible()
    assert bar.width() <= CENTRAL.width()
    shown = [b for _a, b in bar._entries if b.isVisible()]
    assert shown and all(b.geometry().right() < bar.more_button.geometry().left() for b in shown)


def test_the_caseload_fits_a_dock_340_px_wide(qtbot, window, case) -> None:  # type: ignore[no-untyped-def]
    dock = CaseloadDock(window.services.caseload, window.session)
    _shown(qtbot, dock, QSize(DOCK_WIDTH, 500))
    qtbot.waitUntil(lambda: len(dock.rows) == 1)
    assert dock.minimumSizeHint().width() <= DOCK_WIDTH
    assert dock.minimumWidth() <= DOCK_WIDTH


def _opened_size(qtbot, dialog) -> QSize:  # type: ignore[no-untyped-def]
    if dialog.parent() is None:  # the others go with their owner
        qtbot.addWidget(dialog)
    dialog.show()
    size = dialog.size()
    dialog.close()
    return size


def test_the_case_dialogs_fit_1280_by_720(qtbot, window, case) -> None:  # type: ignore[no-untyped-def]
    services, session = window.services, window.session
    owner = QWidget()
    qtbot.addWidget(owner)
    plan = services.plans.plan_of(case)
    assert plan is not None and len(plan.objectives) == 12
    conference = services.follow_up.conferences_of(case)[0]
    dialogs = [
        ResourcesDialog(services.resources, session),
        ReviewDialog(services.plans, session, plan, owner),
        ObjectiveDialog(services.plans, session, plan, owner, plan.objectives[0]),
        VersionsDialog(services.plans, plan.id, list(plan.reviews), owner),
        ConferenceDialog(services.follow_up, session, case, owner, conference),
        refer_dialog(services.resources, session, case, owner),
    ]
    for dialog in dialogs:
        least = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        assert fits(least, SCREEN), (type(dialog).__name__, least)
        opened = _opened_size(qtbot, dialog)
        assert fits(opened, SCREEN), (type(dialog).__name__, opened)


# -- the bar of buttons ------------------------------------------------------------------------


def test_action_bar_moves_what_does_not_fit_into_mas_acciones(qtbot) -> None:  # type: ignore[no-untyped-def]
    pressed: list[str] = []
    bar = ActionBar()
    buttons = [
        bar.add_button(text, lambda t=text: pressed.append(t))
        for text in ("Añadir objetivo", "Añadir actividad", "Revisar plan…", "Versiones…")
    ]
    _shown(qtbot, bar, QSize(1000, 40))
    assert all(b.isVisible() for b in buttons) and not bar.more_button.isVisible()
    assert bar.minimumSizeHint().width() < buttons[0].sizeHint().width() + 60

    bar.resize(300, 40)
    assert buttons[0].isVisible() and not buttons[-1].isVisible()
    assert bar.more_button.isVisible()
    in_menu = [a.text() for a in bar.more_menu.actions()]
    assert in_menu[-1] == "Versiones…" and "Añadir objetivo" not in in_menu
    bar.more_menu.actions()[-1].trigger()
    assert pressed == ["Versiones…"]

    buttons[-1].action.setEnabled(False)  # the menu entry follows its button
    assert not bar.more_menu.actions()[-1].isEnabled()
    buttons[1].action.setVisible(False)  # hidden: neither a button nor a menu entry
    assert not buttons[1].isVisible()
    assert "Añadir actividad" not in [a.text() for a in bar.more_menu.actions()]

    bar.resize(1000, 40)
    assert buttons[-1].isVisible() and not buttons[-1].isEnabled()
    assert not bar.more_button.isVisible()


def test_action_bar_menu_only_actions_keep_the_menu_button(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QAction

    bar = ActionBar()
    bar.add_button("Nueva mesa", lambda: None)
    close = QAction("Cerrar plan…", bar)
    bar.add_menu_action(close)
    _shown(qtbot, bar, QSize(800, 40))
    assert bar.more_button.isVisible()
    assert [a.text() for a in bar.more_menu.actions()] == ["Cerrar plan…"]
    close.setVisible(False)
    assert not bar.more_button.isVisible()
