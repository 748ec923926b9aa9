"""Year figures, complaints and the §12 structure tables built from them (a hand example)."""

import json
from datetime import date

import pytest

from reinsercion_desktop.db.models import FormInstance, Stay
from reinsercion_desktop.domain.errors import PermissionDenied, StaleRecordError, ValidationError
from reinsercion_desktop.domain.periods import Period
from reinsercion_desktop.domain.report_table import ColumnKind
from reinsercion_desktop.services.structure_data import (
    ComplaintDraft,
    StructureDataService,
    YearFiguresDraft,
)
from reinsercion_desktop.services.structure_indicators import structure_sections


@pytest.fixture
def structure(workspace, admin) -> StructureDataService:  # type: ignore[no-untyped-def]
    return StructureDataService(workspace.db)


def vivienda_ids(structure: StructureDataService) -> dict[str, str]:
    return {row.vivienda_name: row.vivienda_id for row in structure.year_figures(2025)}


def test_year_figures_are_recorded_edited_and_listed_per_vivienda(structure, admin) -> None:
    rows = structure.year_figures(2025)
    assert [(r.vivienda_name, r.places, r.version) for r in rows] == [
        ("Vivienda Macarena", 8, None),
        ("Vivienda Triana", 8, None),
    ]
    triana = vivienda_ids(structure)["Vivienda Triana"]
    saved = structure.save_year_figures(
        admin, triana, 2025, YearFiguresDraft(budget_planned=73_000, staff_weekly_hours=75)
    )
    assert (saved.budget_planned, saved.budget_actual, saved.full_time_weekly_hours) == (
        73_000,
        None,
        37.5,
    )
    structure.save_year_figures(
        admin,
        triana,
        2025,
        YearFiguresDraft(budget_planned=73_000, staff_weekly_hours=75, budget_actual=57_500),
        expected_version=saved.version,
    )
    [row] = [r for r in structure.year_figures(2025) if r.vivienda_id == triana]
    assert row.budget_actual == 57_500
    with pytest.raises(StaleRecordError):
        structure.save_year_figures(
            admin, triana, 2025, YearFiguresDraft(1, 1), expected_version=saved.version
        )


def test_bad_year_figures_get_spanish_messages(structure, admin, tecnico) -> None:
    triana = vivienda_ids(structure)["Vivienda Triana"]
    with pytest.raises(ValidationError) as refused:
        structure.save_year_figures(
            admin,
            triana,
            1899,
            YearFiguresDraft(budget_planned=-5, staff_weekly_hours=-1, full_time_weekly_hours=0),
        )
    assert set(refused.value.problems) == {
        "year",
        "budget_planned",
        "staff_weekly_hours",
        "full_time_weekly_hours",
    }
    assert "negativas" in refused.value.problems["staff_weekly_hours"]
    with pytest.raises(PermissionDenied):
        structure.save_year_figures(tecnico, triana, 2025, YearFiguresDraft(1, 1))


def test_a_complaint_is_recorded_by_staff_and_answered_by_a_responsable(
    structure, admin, tecnico
) -> None:
    triana = vivienda_ids(structure)["Vivienda Triana"]
    complaint = structure.record_complaint(
        tecnico,
        ComplaintDraft(
            received_on="03/11/2025",
            vivienda_id=triana,
            kind="alimentacion",
            description="La cena llega fría.",
        ),
    )
    assert (complaint.codapel, complaint.answered, complaint.vivienda_name) == (
        "",  # anonymous
        False,
        "Vivienda Triana",
    )
    with pytest.raises(PermissionDenied):
        structure.answer_complaint(tecnico, complaint.id, "Se calienta.", "05/11/2025")
    with pytest.raises(ValidationError) as refused:
        structure.answer_complaint(admin, complaint.id, "Se calienta.", "01/11/2025")
    assert refused.value.problems == {
        "answered_on": "La respuesta no puede ser anterior a la recepción de la queja."
    }
    answered = structure.answer_complaint(
        admin, complaint.id, "Se cambia el horario.", date(2025, 11, 10)
    )
    assert answered.answered_on == date(2025, 11, 10) and answered.answer
    listed = structure.complaints(tecnico, date(2025, 1, 1), date(2026, 1, 1))
    assert [c.id for c in listed] == [complaint.id]
    with pytest.raises(ValidationError) as refused:
        structure.record_complaint(
            tecnico,
            ComplaintDraft(received_on="31/02/2025", vivienda_id=triana, kind="x", description=""),
        )
    assert set(refused.value.problems) == {"received_on", "kind", "description"}


def _table(period: Period, workspace, key: str):  # type: ignore[no-untyped-def]
    tables = [t for s in structure_sections(workspace.db, period) for t in s.tables]
    return next(t for t in tables if t.key == key)


def test_structure_tables_match_a_hand_computed_year(
    workspace, structure, admin, participants, make_draft
) -> None:
    """Triana, 8 places, 2025: 73,000 € planned, 57,500 € real, 75 h a week.
    Staff: 2 FTE, 4 places per FTE. Stays: 1 Jan–20 Jul (200 days, therapeutic) and open
    since 2 Dec (30 days): 230 real place-days. Potential: 8 × 365 = 2,920.
    Costs: 73,000 / 2,920 = 25 €; 57,500 / 230 = 250 €; 73,000 / 1 = 73,000 €.
    Macarena has no figures: «—» (None) where a budget or hours are needed."""
    ids = vivienda_ids(structure)
    triana = ids["Vivienda Triana"]
    structure.save_year_figures(
        admin,
        triana,
        2025,
        YearFiguresDraft(budget_planned=73_000, staff_weekly_hours=75, budget_actual=57_500),
    )
    person = participants.create(admin, make_draft())
    with workspace.db.unit_of_work(admin) as work:
        work.add(
            Stay(
                participant_id=person.id,
                vivienda_id=triana,
                admission_date=date(2025, 1, 1),
                discharge_date=date(2025, 7, 20),
                discharge_type="terapeutica",
            )
        )
        work.add(
            Stay(participant_id=person.id, vivienda_id=triana, admission_date=date(2025, 12, 2))
        )
    year = Period.parse("2025")

    staff = _table(year, workspace, "estructura_personal")
    assert staff.rows == (
        ("Vivienda Macarena", None, 37.5, None, 8, None),
        ("Vivienda Triana", 75.0, 37.5, 2.0, 8, 4.0),
    )
    assert staff.total == ("Total", 75.0, None, 2.0, 16, 8.0)
    assert staff.note.startswith("Equivalentes a jornada completa = horas semanales")

    costs = _table(year, workspace, "costes")
    assert costs.rows[1] == ("Vivienda Triana", 73_000, 2920, 25.0, 57_500, 230, 250.0, 1, 73_000)
    assert costs.rows[0] == ("Vivienda Macarena", None, 2920, None, None, 0, None, 0, None)
    assert costs.total == ("Total", 73_000, 5840, 12.5, 57_500, 230, 250.0, 1, 73_000)
    assert [c.kind for c in costs.columns][7:] == [ColumnKind.COUNT, ColumnKind.MONEY]
    assert "prorratea" not in costs.note

    # A month: the budget is prorated (December: 31 of 365 days) and the note says so.
    december = _table(Period.parse("2025-12"), workspace, "costes")
    assert december.rows[1][1] == pytest.approx(73_000 * 31 / 365)
    assert december.rows[1][5] == 30
    assert "(31 de 365)" in december.note


def test_satisfaction_and_complaints_tables(workspace, structure, admin, tecnico) -> None:
    """Two questionnaires of 2025 and one of 2024: Instalaciones (3, 1) and (2) → 2
    questionnaires, 3 answers, mean 2; Normas (2) → 1, 1, 2; total (3, 1, 2) and (2) → 2.
    Complaints of 2025: two about the food (answered 16 and 14 days later: one in time),
    one about the staff (unanswered); the one of 2024 is not counted."""
    answers = [
        {
            "fecha_alta": "2025-05-10",
            "i1_espacios": "bien",
            "i2_equipamiento": "mal",
            "i3_info_normativa": "regular",
        },
        {"fecha_alta": "2025-06-01", "i1_espacios": "regular"},
        {"fecha_alta": "2024-06-01", "i1_espacios": "mal"},
    ]
    with workspace.db.unit_of_work(admin) as work:
        for data in answers:
            work.add(
                FormInstance(
                    form_id="anexo-vii", definition_version=1, data=json.dumps(data), status="final"
                )
            )
    year = Period.parse("2025")
    satisfaction = _table(year, workspace, "satisfaccion")
    by_section = {row[0]: row[1:] for row in satisfaction.rows}
    assert by_section["1.- Instalaciones"] == (2, 3, 2.0)
    assert by_section["2.- Normas"] == (1, 1, 2.0)
    assert by_section["3.- Profesionales"] == (0, 0, None)
    assert satisfaction.total == ("Total", 2, 4, 2.0)

    triana = vivienda_ids(structure)["Vivienda Triana"]
    for day, kind in (
        ("02/03/2025", "alimentacion"),
        ("04/03/2025", "alimentacion"),
        ("05/03/2025", "personal"),
        ("05/03/2024", "personal"),
    ):
        made = structure.record_complaint(
            tecnico,
            ComplaintDraft(received_on=day, vivienda_id=triana, kind=kind, description="Queja"),
        )
        if kind == "alimentacion":
            structure.answer_complaint(admin, made.id, "Respuesta", date(2025, 3, 18))
    complaints = _table(year, workspace, "quejas")
    by_kind = {row[0]: row[1:] for row in complaints.rows}
    assert by_kind["Alimentación"] == (
        2,
        pytest.approx(200 / 3),
        1,
    )  # answered on 18 Mar: 16 days late, 14 in time
    assert by_kind["Personal"] == (1, pytest.approx(100 / 3), 0)
    assert complaints.total == ("Total", 3, 100.0, 1)


def test_the_small_count_threshold_is_a_centre_setting_audited_like_the_others(
    workspace, admin
) -> None:
    """SPEC §9: 5 by default; an administrator changes it (audited), within 2–20."""
    from dataclasses import replace

    from reinsercion_desktop.services.centre_settings import CentreDraft, CentreSettingsService

    settings = CentreSettingsService(workspace.db)
    assert settings.small_count_threshold() == 5
    draft = CentreDraft.of(settings.centre())
    with pytest.raises(ValidationError) as refused:
        settings.update_centre(admin, replace(draft, small_count_threshold=1))
    assert "umbral" in refused.value.problems["small_count_threshold"]
    settings.update_centre(admin, replace(draft, small_count_threshold=10))
    assert settings.small_count_threshold() == 10
    assert settings.centre().small_count_threshold == 10
    from sqlmodel import select

    from reinsercion_desktop.db.models import AuditEntry

    with workspace.db.read() as session:
        changes = session.exec(
            select(AuditEntry.changes).where(AuditEntry.entity == "installation")
        )
        assert any("small_count_threshold" in text for text in changes)
