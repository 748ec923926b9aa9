"""The reintegration plan through its service: start → objectives → agree → reviews →
versions and snapshots, the acuerdo form, and refusals that write nothing
(R-PLAN-1, R-PLAN-2, R-PLAN-3, R-PLAN-4)."""

import json
from datetime import date

import pytest

from reinsercion_desktop.db.models import FormInstance
from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.domain.plan_rules import ActivityDraft, ObjectiveDraft, PlanDraft
from reinsercion_desktop.forms.engine import check_form
from reinsercion_desktop.forms.loader import load_catalogue
from reinsercion_desktop.paths import forms_dir
from reinsercion_desktop.services.attachments import AttachmentService
from reinsercion_desktop.services.audit_log import audit_lines
from reinsercion_desktop.services.forms import FormService
from reinsercion_desktop.services.plans import ObjectiveUpdate, PlanService

START = date(2026, 1, 5)
TODAY = date(2026, 1, 15)  # the FakeClock's day


@pytest.fixture
def forms(workspace):  # type: ignore[no-untyped-def]
    return FormService(
        workspace.db,
        load_catalogue(forms_dir()),
        AttachmentService.of(workspace),
    )


@pytest.fixture
def plans(workspace, forms):  # type: ignore[no-untyped-def]
    return PlanService(workspace.db, forms)


@pytest.fixture
def person(participants, admin, make_draft):  # type: ignore[no-untyped-def]
    return participants.create(admin, make_draft(), confirm_similar=True)


@pytest.fixture
def plan(plans, admin, person):  # type: ignore[no-untyped-def]
    return plans.start_plan(
        admin,
        person.id,
        PlanDraft(START, "Vivir de forma autónoma", "Asistir a las citas", date(2026, 4, 5)),
    )


def objective(**overrides: object) -> ObjectiveDraft:
    values: dict = {
        "area": "formativo_laboral",
        "title": "Buscar empleo",
        "indicator": "Candidaturas enviadas",
        "target": "10 al mes",
        "deadline": date(2026, 3, 1),
        "priority": "media",
    }
    values.update(overrides)
    return ObjectiveDraft(**values)


def audit_count(workspace) -> int:  # type: ignore[no-untyped-def]
    return len(audit_lines(workspace.db))


def test_a_person_has_one_open_plan(plans, admin, person, plan, workspace) -> None:  # type: ignore[no-untyped-def]
    assert plans.plan_of(person.id).id == plan.id
    assert plan.status == "borrador" and plan.current_version == 1
    before = audit_count(workspace)
    with pytest.raises(UserError, match="ya tiene un plan abierto"):
        plans.start_plan(admin, person.id, PlanDraft(TODAY))
    assert audit_count(workspace) == before


def test_a_plan_cannot_start_in_the_future(plans, admin, person, workspace) -> None:  # type: ignore[no-untyped-def]
    before = audit_count(workspace)
    with pytest.raises(ValidationError) as refused:
        plans.start_plan(admin, person.id, PlanDraft(date(2026, 2, 1)))
    assert "start_date" in refused.value.problems
    assert plans.plan_of(person.id) is None and audit_count(workspace) == before


def test_r_plan_1_an_objective_before_the_start_is_refused_and_nothing_written(
    plans, admin, plan, workspace
) -> None:  # type: ignore[no-untyped-def]
    before = audit_count(workspace)
    with pytest.raises(ValidationError) as refused:
        plans.add_objective(admin, plan.id, objective(deadline=date(2026, 1, 1)))
    assert refused.value.problems["deadline"].startswith(
        "El plazo (01/01/2026) es anterior al inicio del plan (05/01/2026)."
    )
    assert plans.objectives_of(plan.id) == [] and audit_count(workspace) == before


def test_r_plan_2_progress_out_of_range_is_refused(plans, admin, plan, workspace) -> None:  # type: ignore[no-untyped-def]
    before = audit_count(workspace)
    with pytest.raises(ValidationError) as refused:
        plans.add_objective(admin, plan.id, objective(progress=120))
    assert refused.value.problems == {"progress": "El progreso debe estar entre 0 y 100 %."}
    assert audit_count(workspace) == before


def test_r_plan_2_status_follows_progress_when_saved(plans, admin, plan) -> None:  # type: ignore[no-untyped-def]
    saved = plans.add_objective(admin, plan.id, objective(progress=30))
    assert saved.status == "en_curso"
    done = plans.update_objective(admin, saved.id, objective(progress=100, status="en_curso"))
    assert (done.status, done.progress, done.achieved_date) == ("conseguido", 100, TODAY)


def test_the_start_cannot_move_past_a_deadline(plans, admin, plan) -> None:  # type: ignore[no-untyped-def]
    plans.add_objective(admin, plan.id, objective(deadline=date(2026, 1, 10)))
    with pytest.raises(ValidationError, match="Buscar empleo"):
        plans.update_plan(admin, plan.id, PlanDraft(date(2026, 1, 12)))


def test_objectives_and_activities_are_removed_only_from_a_draft(plans, admin, plan) -> None:  # type: ignore[no-untyped-def]
    first = plans.add_objective(admin, plan.id, objective())
    second = plans.add_objective(admin, plan.id, objective(title="Curso FPO", area="legal"))
    activity = plans.add_activity(admin, first.id, ActivityDraft("Cursos FPO.", date(2026, 2, 1)))
    plans.remove_objective(admin, first.id)
    assert [o.id for o in plans.objectives_of(plan.id)] == [second.id]
    assert plans.activities_of(plan.id) == []
    kept = plans.add_activity(admin, second.id, ActivityDraft("Seguimiento judicial"))
    plans.agree_plan(admin, plan.id, TODAY)
    with pytest.raises(UserError, match="descartado"):
        plans.remove_objective(admin, second.id)
    with pytest.raises(UserError, match="anulada"):
        plans.remove_activity(admin, kept.id)
    assert activity.id not in {a.id for a in plans.activities_of(plan.id)}


def test_activities_follow_their_rules(plans, admin, plan) -> None:  # type: ignore[no-untyped-def]
    goal = plans.add_objective(admin, plan.id, objective())
    with pytest.raises(ValidationError) as refused:
        plans.add_activity(admin, goal.id, ActivityDraft("Taller", date(2025, 12, 1)))
    assert "due_date" in refused.value.problems
    activity = plans.add_activity(admin, goal.id, ActivityDraft("Taller", date(2026, 2, 1)))
    done = plans.update_activity(admin, activity.id, ActivityDraft("Taller", status="realizada"))
    assert done.done_date == TODAY


def test_agreeing_needs_an_objective(plans, admin, plan, workspace) -> None:  # type: ignore[no-untyped-def]
    before = audit_count(workspace)
    with pytest.raises(ValidationError) as refused:
        plans.agree_plan(admin, plan.id, TODAY)
    assert "objectives" in refused.value.problems
    assert plans.get_plan(plan.id).status == "borrador" and audit_count(workspace) == before


def test_r_plan_3_agreement_and_two_reviews_keep_every_version(
    plans, admin, plan, workspace, clock
) -> None:  # type: ignore[no-untyped-def]
    job = plans.add_objective(admin, plan.id, objective())
    family = plans.add_objective(
        admin, plan.id, objective(area="familiar", title="Recuperar contacto", priority="baja")
    )
    agreement = plans.agree_plan(admin, plan.id, date(2026, 1, 10))
    agreed = plans.get_plan(plan.id)
    assert (agreed.status, agreed.agreed_date, agreed.current_version) == (
        "vigente",
        date(2026, 1, 10),
        1,
    )
    assert agreement.plan_version == 1 and agreement.summary == "Acuerdo inicial"
    assert list(agreement.changes) == [
        "Nuevo objetivo: «Buscar empleo».",
        "Nuevo objetivo: «Recuperar contacto».",
    ]

    first = plans.review_plan(
        admin,
        plan.id,
        TODAY,
        "Ana Administradora",
        "Buena evolución",
        [
            ObjectiveUpdate(job.id, "alta", "en_curso", 40, date(2026, 3, 1)),
            ObjectiveUpdate(family.id, "baja", "pendiente", 0, date(2026, 3, 1)),
        ],
        [objective(area="sanitaria", title="Acudir al CTA", deadline=date(2026, 4, 1))],
        next_review_date=date(2026, 2, 15),
    )
    assert first.plan_version == 2 and first.reviewer_name == "Ana Administradora"
    assert list(first.changes) == [
        "«Buscar empleo»: prioridad Media → Alta",
        "«Buscar empleo»: estado Pendiente → En curso",
        "«Buscar empleo»: progreso 0 % → 40 %",
        "Nuevo objetivo: «Acudir al CTA».",
    ]
    assert plans.get_plan(plan.id).next_review_date == date(2026, 2, 15)

    clock.advance(days=30)
    second = plans.review_plan(
        admin,
        plan.id,
        date(2026, 2, 14),
        "Ana Administradora",
        "",
        [
            ObjectiveUpdate(job.id, "alta", "en_curso", 100, date(2026, 3, 1)),
            ObjectiveUpdate(family.id, "baja", "descartado", 0, date(2026, 3, 1)),
        ],
    )
    assert plans.get_plan(plan.id).current_version == 3
    assert list(second.changes) == [
        "«Buscar empleo»: estado En curso → Conseguido",
        "«Buscar empleo»: progreso 40 % → 100 %",
        "Descartado: «Recuperar contacto».",
    ]
    achieved = next(o for o in plans.objectives_of(plan.id) if o.id == job.id)
    assert achieved.achieved_date == date(2026, 2, 14)

    assert [r.plan_version for r in plans.reviews_of(plan.id)] == [1, 2, 3]
    v1, v2 = plans.version_snapshot(plan.id, 1), plans.version_snapshot(plan.id, 2)
    assert [(o.title, o.priority, o.progress) for o in v1.objectives] == [
        ("Buscar empleo", "media", 0),
        ("Recuperar contacto", "baja", 0),
    ]
    assert [o.title for o in v2.objectives][-1] == "Acudir al CTA"
    assert v2.objectives[0].progress == 40 and v2.changes == list(first.changes)


def test_r_plan_3_a_review_that_changes_nothing_is_refused(plans, admin, plan, workspace) -> None:  # type: ignore[no-untyped-def]
    job = plans.add_objective(admin, plan.id, objective())
    plans.agree_plan(admin, plan.id, TODAY)
    before = audit_count(workspace)
    same = ObjectiveUpdate(job.id, "media", "pendiente", 0, date(2026, 3, 1))
    with pytest.raises(ValidationError) as refused:
        plans.review_plan(admin, plan.id, TODAY, "Ana", "  ", [same])
    assert refused.value.problems == {
        "summary": "La revisión no cambia nada: escriba al menos un resumen."
    }
    assert plans.get_plan(plan.id).current_version == 1 and audit_count(workspace) == before


def test_a_bad_update_in_a_review_writes_nothing(plans, admin, plan, workspace) -> None:  # type: ignore[no-untyped-def]
    job = plans.add_objective(admin, plan.id, objective())
    other = plans.add_objective(admin, plan.id, objective(title="Curso"))
    plans.agree_plan(admin, plan.id, TODAY)
    before = audit_count(workspace)
    with pytest.raises(ValidationError) as refused:
        plans.review_plan(
            admin,
            plan.id,
            TODAY,
            "Ana",
            "Cambios",
            [
                ObjectiveUpdate(job.id, "alta", "en_curso", 50, date(2026, 3, 1)),
                ObjectiveUpdate(other.id, "alta", "en_curso", 150, date(2025, 12, 1)),
            ],
        )
    message = refused.value.problems[f"objective.{other.id}"]
    assert message.startswith("«Curso»: El plazo (01/12/2025) es anterior al inicio del plan")
    assert "entre 0 y 100 %" in message
    assert plans.objectives_of(plan.id)[0].priority == "media"
    assert audit_count(workspace) == before


def test_only_an_agreed_plan_is_reviewed_and_a_closed_one_is_frozen(plans, admin, plan) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match="acuérdelo primero"):
        plans.review_plan(admin, plan.id, TODAY, "Ana", "Resumen")
    with pytest.raises(ValidationError):
        plans.close_plan(admin, plan.id, TODAY, " ")
    plans.close_plan(admin, plan.id, TODAY, "Alta terapéutica")
    assert plans.plan_of(plan.participant_id) is None
    assert [p.status for p in plans.plans_of(plan.participant_id)] == ["cerrado"]
    with pytest.raises(UserError, match="cerrado"):
        plans.add_objective(admin, plan.id, objective())


def test_r_plan_4_overdue_objectives(plans, admin, plan) -> None:  # type: ignore[no-untyped-def]
    late = plans.add_objective(admin, plan.id, objective(deadline=date(2026, 1, 14)))
    plans.add_objective(admin, plan.id, objective(title="A tiempo", deadline=TODAY))
    plans.add_objective(
        admin, plan.id, objective(title="Hecho", deadline=date(2026, 1, 6), status="conseguido")
    )
    assert [o.id for o in plans.overdue_objectives(plan.id)] == [late.id]


def test_templates_are_proposed_from_the_latest_assessment(plans, admin, person, workspace) -> None:  # type: ignore[no-untyped-def]
    assert plans.proposals_for(person.id) == []
    needs = {"necesidades": {"juridica": {"nivel": "alta"}, "empleo": {"nivel": "leve"}}}
    with workspace.db.unit_of_work(admin) as work:
        work.add(
            FormInstance(
                form_id="valoracion-inicial",
                definition_version=1,
                participant_id=person.id,
                data=json.dumps(needs),
            )
        )
    assert [t.code for t in plans.proposals_for(person.id)] == ["LEG-1", "LEG-2"]


def test_the_acuerdo_form_is_built_from_the_current_version(plans, forms, admin, plan) -> None:  # type: ignore[no-untyped-def]
    job = plans.add_objective(admin, plan.id, objective(priority="alta"))
    plans.add_objective(admin, plan.id, objective(title="Descartado luego", area="legal"))
    plans.add_activity(admin, job.id, ActivityDraft("Cursos FPO.", date(2026, 2, 1)))
    form = plans.acuerdo_form(admin, plan.id)
    data = json.loads(form.data)
    assert (form.form_id, form.definition_version, form.status) == (
        "acuerdo-incorporacion",
        2,
        "draft",
    )
    assert data["version_plan"] == "v1" and data["nombre"] == "José Núñez García"
    assert data["objetivos"][0] == {
        "area": "formativo_laboral",
        "objetivo": "Buscar empleo",
        "indicador": "Candidaturas enviadas",
        "meta": "10 al mes",
        "plazo": "2026-03-01",
        "prioridad": "alta",
    }
    assert data["actividades"] == [
        {
            "actividad": "Cursos FPO.",
            "objetivo": "Buscar empleo",
            "fecha": "2026-02-01",
            "estado": "prevista",
        }
    ]
    # refreshing a draft updates the same instance
    plans.update_plan(admin, plan.id, PlanDraft(START, "Otro objetivo general", "Compromisos"))
    again = plans.acuerdo_form(admin, plan.id)
    assert again.id == form.id
    assert json.loads(again.data)["objetivo_general"] == "Otro objetivo general"
    filled = forms.open(admin, again.id)
    missing = set(check_form(filled.definition, filled.data, today=TODAY).errors)
    assert missing <= {"gestor_caso"}  # the only thing the plan cannot know here
    # once finalised, the same version is not re-issued; a new version gets a new form
    data = json.loads(again.data) | {"gestor_caso": "Ana Administradora"}
    forms.save_draft(admin, again.id, data, expected_version=again.version)
    forms.finalize(admin, again.id)
    assert plans.acuerdo_form(admin, plan.id).id == again.id
    plans.agree_plan(admin, plan.id, TODAY)
    plans.review_plan(admin, plan.id, TODAY, "Ana", "Revisión", [])
    newer = plans.acuerdo_form(admin, plan.id)
    assert newer.id != again.id and json.loads(newer.data)["version_plan"] == "v2"


# -- what the Plan tab reads ---------------------------------------------------------------


def test_the_tab_reads_the_plan_with_its_parts_in_one_frozen_view(
    plans, admin, person, plan, workspace, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import FrozenInstanceError

    from reinsercion_desktop.services.plan_views import PlanView

    late = plans.add_objective(admin, plan.id, objective(deadline=date(2026, 1, 10)))
    plans.add_activity(admin, late.id, ActivityDraft("Entrevista en el SAE", date(2026, 1, 9)))
    plans.agree_plan(admin, plan.id, date(2026, 1, 12))
    reads = []
    real_read = workspace.db.read
    monkeypatch.setattr(workspace.db, "read", lambda: reads.append(1) or real_read())
    shown = plans.plan_of(person.id)
    assert len(reads) == 1  # one read gives the tab all it shows
    assert isinstance(shown, PlanView) and shown.id == plan.id
    assert [o.title for o in shown.objectives] == ["Buscar empleo"]
    assert shown.objectives[0].overdue and shown.overdue_objectives == [shown.objectives[0]]
    assert [a.description for a in shown.activities] == ["Entrevista en el SAE"]
    assert [(r.plan_version, r.summary) for r in shown.reviews] == [(1, "Acuerdo inicial")]
    assert shown.reviews[0].changes == ("Nuevo objetivo: «Buscar empleo».",)
    assert shown.is_agreed and not shown.is_draft
    with pytest.raises(FrozenInstanceError):
        shown.status = "cerrado"  # type: ignore[misc]
    assert shown.objective(late.id) == shown.objectives[0]
