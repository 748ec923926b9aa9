"""The acuerdo de incorporación v2 on paper, built from a real plan: objectives with their
measures and priority, activities, commitments, the plan version and the three signers."""

import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from reinsercion_desktop.domain.plan_rules import ActivityDraft, ObjectiveDraft, PlanDraft
from reinsercion_desktop.domain.plan_templates import objective_template
from reinsercion_desktop.forms.loader import load_catalogue
from reinsercion_desktop.paths import forms_dir
from reinsercion_desktop.services.attachments import AttachmentService
from reinsercion_desktop.services.forms import FormService
from reinsercion_desktop.services.plans import PlanService


def from_template(code: str, deadline: date, priority: str) -> ObjectiveDraft:
    template = objective_template(code)
    assert template is not None
    return ObjectiveDraft(
        area=template.area,
        title=template.title,
        indicator=template.indicator,
        target=template.target,
        deadline=deadline,
        priority=priority,
        template_code=code,
    )


@pytest.fixture
def acuerdo_pdf(workspace, admin, participants, make_draft, tmp_path) -> Path:  # type: ignore[no-untyped-def]
    forms = FormService(
        workspace.db,
        load_catalogue(forms_dir()),
        AttachmentService.of(workspace),
    )
    plans = PlanService(workspace.db, forms)
    person = participants.create(admin, make_draft(), confirm_similar=True)
    plan = plans.start_plan(
        admin,
        person.id,
        PlanDraft(
            date(2026, 1, 5),
            "Promover y facilitar la Incorporación Social desde la autonomía personal.",
            "José acude a las citas; el equipo le acompaña en la búsqueda de empleo.",
            date(2026, 4, 5),
        ),
    )
    job = plans.add_objective(admin, plan.id, from_template("FL-6", date(2026, 4, 30), "alta"))
    plans.add_objective(admin, plan.id, from_template("SAN-1", date(2026, 3, 31), "media"))
    plans.add_objective(admin, plan.id, from_template("FAM-1", date(2026, 6, 30), "baja"))
    plans.add_activity(
        admin, job.id, ActivityDraft("Técnicas de búsqueda de empleo.", date(2026, 2, 2))
    )
    plans.agree_plan(admin, plan.id, date(2026, 1, 12))
    form = plans.acuerdo_form(admin, plan.id)
    out = tmp_path / "acuerdo.pdf"
    forms.issue_pdf(admin, form.id, out)
    return out


def test_acuerdo_pdf_holds_the_objectives_and_the_three_signers(acuerdo_pdf: Path) -> None:
    text = " ".join(page.extract_text() for page in PdfReader(acuerdo_pdf).pages)
    flat = re.sub(r"\s+", " ", text)
    for expected in (
        "ACUERDO DE INCORPORACIÓN",
        "Versión del plan",
        "v1",
        "Prioridad",
        "Alta",
        "Baja",
        "10 candidaturas",
        "Metadona",
        "Formativa-laboral",
        "30/04/2026",
        "Técnicas de búsqueda de empleo.",
        "acompaña en la búsqueda de empleo",
        "Participante",
        "Gestor/a de caso",
        "Responsable de la VAR",
    ):
        assert expected in flat, expected
