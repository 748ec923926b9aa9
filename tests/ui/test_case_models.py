"""The case lists' models, tested without a window: the caseload, the resource catalogue and
its filter, a person's referrals, the plan's reviews, the follow-up lists — each the
shared rows model over the services' frozen views."""

from datetime import date

from PySide6.QtCore import Qt

from reinsercion_desktop.domain.follow_up_rules import Attendee, ConferenceTask
from reinsercion_desktop.domain.resource_rules import Period
from reinsercion_desktop.services.caseload import CaseloadRow
from reinsercion_desktop.services.follow_up_views import ConferenceView, PlacementView
from reinsercion_desktop.services.plan_views import ReviewView
from reinsercion_desktop.services.resource_views import ReferralView, ResourceView
from reinsercion_desktop.ui.follow_up.caseload_dock import (
    APPOINTMENT,
    OVERDUE,
    TASKS,
    WHO,
    CaseloadModel,
)
from reinsercion_desktop.ui.follow_up.follow_up_tab import (
    CONFERENCE_COLUMNS,
    PLACEMENT_COLUMNS,
    TASK_COLUMNS,
    TaskLine,
)
from reinsercion_desktop.ui.plan.plan_tab import REVIEW_COLUMNS
from reinsercion_desktop.ui.resources.catalogue_model import (
    ENROLMENT,
    NAME,
    catalogue_filter,
    catalogue_model,
)
from reinsercion_desktop.ui.resources.referrals_panel import referrals_model
from reinsercion_desktop.ui.widgets.table import TONES, RowsTableModel

TODAY = date(2026, 1, 15)
FOREGROUND, FONT = Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole
TOOLTIP, ALIGN = Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole


def _person(who: str, overdue: int = 0, appointment: date | None = None) -> CaseloadRow:
    return CaseloadRow(
        participant_id=who.lower(),
        who=who,
        status="Residente",
        vivienda="VAR Triana",
        plan="Vigente (acordado) · versión 2",
        open_objectives=3,
        overdue_objectives=overdue,
        next_appointment=appointment,
        next_appointment_time="10:30" if appointment else "",
        open_tasks=0,
        employed=False,
    )


def test_caseload_model_marks_overdue_in_red_and_todays_appointment_in_bold() -> None:
    model = CaseloadModel()
    model.today = TODAY
    model.set_rows([_person("Núñez, José", 2, TODAY), _person("Pérez, Ana", 0, date(2026, 2, 1))])
    assert model.headerData(WHO, Qt.Orientation.Horizontal) == "Participante"
    assert model.index(0, OVERDUE).data() == "2"
    assert model.index(0, OVERDUE).data(FOREGROUND) == TONES["alert"]
    assert model.index(0, WHO).data(FOREGROUND) == TONES["alert"]
    assert model.index(1, WHO).data(FOREGROUND) is None
    assert "R-PLAN-4" in model.index(0, OVERDUE).data(TOOLTIP)
    assert model.index(0, OVERDUE).data(FONT).bold()
    assert model.index(0, APPOINTMENT).data() == "15/01/2026 10:30"
    assert model.index(0, APPOINTMENT).data(FONT).bold()
    assert model.index(1, APPOINTMENT).data(FONT) is None
    assert model.index(0, TASKS).data() == ""  # no open tasks: nothing to read
    assert model.index(0, OVERDUE).data(ALIGN) & Qt.AlignmentFlag.AlignRight


def _resource(name: str, category: str, *, active: bool = True, **text: str) -> ResourceView:
    return ResourceView(
        id=name,
        category=category,
        name=name,
        provider=text.get("provider", ""),
        description=text.get("description", ""),
        requirements=text.get("requirements", ""),
        duration="",
        schedule="",
        cost="Gratuito",
        contact="",
        open_all_year=False,
        periods=(Period(date(2026, 1, 10), date(2026, 1, 24)),),
        starts_on=None,
        ends_on=None,
        active=active,
        version=1,
        enrolment="Abierta hasta el 24/01/2026",
    )


def test_catalogue_model_and_its_filter_by_category_and_words_without_accents() -> None:
    model = catalogue_model()
    model.set_rows(
        [
            _resource("Prepa en Línea", "formacion_academica", provider="SEP"),
            _resource("Curso de panadería", "capacitacion_empleo", requirements="Mayor de edad"),
            _resource("Bolsa municipal", "bolsa_trabajo", active=False),
        ]
    )
    assert model.cell_text(0, ENROLMENT) == "Abierta hasta el 24/01/2026"
    assert model.cell_text(2, NAME) == "Bolsa municipal (desactivado)"
    assert model.index(2, NAME).data(FOREGROUND) == TONES["muted"]
    assert catalogue_filter(None, "  ") is None
    model.set_filter(catalogue_filter(None, "linea sep"))
    assert [r.name for r in model.rows] == ["Prepa en Línea"]
    model.set_filter(catalogue_filter("capacitacion_empleo", "MAYOR"))
    assert [r.name for r in model.rows] == ["Curso de panadería"]
    model.set_filter(catalogue_filter("bolsa_trabajo", "panaderia"))
    assert model.rows == []


def _referral(status: str, enrolled: date | None = None) -> ReferralView:
    return ReferralView(
        id=status,
        participant_id="p",
        resource_id="r",
        objective_id=None,
        status=status,
        proposed_date=date(2026, 1, 5),
        enrolled_date=enrolled,
        finished_date=None,
        note="12/01/2026 Inscrito/a",
        version=1,
        resource_name="Curso de panadería",
        category="capacitacion_empleo",
        objective_title="",
    )


def test_referrals_model_greys_closed_referrals_and_shows_the_note() -> None:
    model = referrals_model()
    model.set_rows([_referral("inscrito", date(2026, 1, 12)), _referral("abandonado")])
    assert [model.cell_text(0, c) for c in range(model.columnCount())] == [
        "Curso de panadería",
        "Capacitación para el empleo",
        "",
        "Inscrito/a",
        "05/01/2026",
        "12/01/2026",
        "",
    ]
    assert model.index(0, 0).data(FOREGROUND) is None
    assert model.index(1, 0).data(FOREGROUND) == TONES["muted"]
    assert "Inscrito/a" in model.index(0, 0).data(TOOLTIP)


def test_plan_reviews_list_the_summary_and_the_changes() -> None:
    model = RowsTableModel(REVIEW_COLUMNS)
    model.set_rows(
        [
            ReviewView(
                id="r",
                plan_id="p",
                participant_id="x",
                on_date=TODAY,
                reviewer_name="Ana",
                plan_version=2,
                summary="Avanza",
                changes=("«Empleo»: prioridad Media → Alta",),
                next_review_date=None,
            )
        ]
    )
    assert [model.cell_text(0, c) for c in range(4)] == [
        "15/01/2026",
        "Ana",
        "v2",
        "Avanza\n«Empleo»: prioridad Media → Alta",
    ]


def test_follow_up_lists_read_the_views() -> None:
    conference = ConferenceView(
        id="c",
        participant_id="p",
        on_date=TODAY,
        topic="Empleo",
        attendees=(Attendee("Ana", "VAR"), Attendee("Luis", "SAE")),
        decisions="Inscribir.",
        tasks=(
            ConferenceTask("Inscribir en el SAE", "Luis", date(2026, 1, 20)),
            ConferenceTask("CV", "Ana", date(2026, 1, 18), TODAY),
        ),
        version=1,
    )
    conferences = RowsTableModel(CONFERENCE_COLUMNS)
    conferences.set_rows([conference])
    assert conferences.cell_text(0, 2) == "Ana (VAR), Luis (SAE)"
    assert conferences.cell_text(0, 4) == "Inscribir en el SAE (Luis, 20/01/2026)"
    tasks = RowsTableModel(TASK_COLUMNS)
    tasks.set_rows(TaskLine(i, t) for i, t in enumerate(conference.tasks))
    assert [tasks.cell_text(r, 3) for r in range(2)] == ["pendiente", "15/01/2026"]
    assert tasks.index(0, 3).data(FOREGROUND) == TONES["warning"]

    placement = PlacementView(
        id="e",
        participant_id="p",
        employer="Reciclajes Sur",
        insertion_company=True,
        position="Peón",
        contract_type="temporal",
        hours_per_week=30,
        start_date=date(2025, 12, 1),
        end_date=None,
        end_reason="",
        notes="",
        version=1,
    )
    placements = RowsTableModel(PLACEMENT_COLUMNS)
    placements.set_rows([placement])
    assert [placements.cell_text(0, c) for c in range(5)] == [
        "Reciclajes Sur",
        "Sí",
        "Temporal",
        "01/12/2025",
        "en curso",
    ]
