"""The life of a filled form: prefilled draft → final → signed → amendment; hashes and paper copies."""

import dataclasses
import json

import pytest

from reinsercion_desktop.db.models import FormInstance
from reinsercion_desktop.domain.enums import FormStatus
from reinsercion_desktop.domain.errors import (
    PermissionDenied,
    StaleRecordError,
    UserError,
    ValidationError,
)
from reinsercion_desktop.forms.loader import FormCatalogue, load_definition
from reinsercion_desktop.paths import forms_dir
from reinsercion_desktop.services.attachments import AttachmentService
from reinsercion_desktop.services.audit_log import audit_lines
from reinsercion_desktop.services.forms import (
    FormInstanceView,
    FormService,
    altered_after_signing,
)

REPORT = {
    "integracion": "Se ha integrado bien en la dinámica de la vivienda.",
    "objetivos_generales": "Laborales y familiares.",
    "actividades_iniciadas": "Taller de empleo.",
    "fecha_ingreso": "2025-12-01",
    "vivienda": "Vivienda Triana",
}


@pytest.fixture
def forms(workspace):  # type: ignore[no-untyped-def]
    catalogue = FormCatalogue()
    catalogue.add(load_definition(forms_dir() / "anexo-iv.v1.json"))
    return FormService(workspace.db, catalogue, AttachmentService.of(workspace))


@pytest.fixture
def person(participants, admin, make_draft):  # type: ignore[no-untyped-def]
    return participants.create(admin, make_draft())


def _filled(forms, admin, person) -> FormInstanceView:  # type: ignore[no-untyped-def]
    instance = forms.create(admin, "anexo-iv", person.id)
    data = {**forms.open(admin, instance.id).data, **REPORT}
    return forms.save_draft(admin, instance.id, data, expected_version=instance.version)


def test_a_new_form_is_a_draft_prefilled_from_the_records(forms, admin, person):  # type: ignore[no-untyped-def]
    instance = forms.create(admin, "anexo-iv", person.id)
    filled = forms.open(admin, instance.id)
    assert filled.status is FormStatus.DRAFT and filled.editable
    assert filled.data["nombre"] == "José"
    assert filled.data["apellidos"] == "Núñez García"
    assert filled.data["responsable"] == "Ana Administradora"  # no responsable yet: the author
    assert filled.check.summary() == "Faltan 5 campos obligatorios."
    assert instance.definition_version == 1


def test_finalize_refuses_an_incomplete_form_and_says_what_is_missing(forms, admin, person):  # type: ignore[no-untyped-def]
    instance = forms.create(admin, "anexo-iv", person.id)
    with pytest.raises(ValidationError) as refused:
        forms.finalize(admin, instance.id)
    assert refused.value.problems["integracion"] == "Obligatorio."
    assert forms.open(admin, instance.id).status is FormStatus.DRAFT


def test_draft_final_signed_and_signed_is_read_only(forms, admin, person):  # type: ignore[no-untyped-def]
    instance = _filled(forms, admin, person)
    forms.finalize(admin, instance.id)
    signed = forms.sign(admin, instance.id)
    assert signed.status == "signed" and signed.signed_by == "admin"
    assert signed.signed_by_name == "Ana Administradora" and signed.signed_at is not None
    with pytest.raises(UserError, match="Solo se modifican los borradores"):
        forms.save_draft(admin, instance.id, {}, expected_version=signed.version)
    assert not altered_after_signing(signed)


def test_only_responsables_and_admins_sign(forms, admin, tecnico, person):  # type: ignore[no-untyped-def]
    instance = _filled(forms, admin, person)
    forms.finalize(admin, instance.id)
    with pytest.raises(PermissionDenied):
        forms.sign(tecnico, instance.id)


def test_reopen_a_final_form_before_signing(forms, admin, person):  # type: ignore[no-untyped-def]
    instance = _filled(forms, admin, person)
    forms.finalize(admin, instance.id)
    assert forms.reopen(admin, instance.id).status == "draft"


def test_an_amendment_is_a_new_linked_draft_and_needs_a_reason(forms, admin, person):  # type: ignore[no-untyped-def]
    instance = _filled(forms, admin, person)
    forms.finalize(admin, instance.id)
    forms.sign(admin, instance.id)
    with pytest.raises(ValidationError):
        forms.amend(admin, instance.id, "  ")
    amendment = forms.amend(admin, instance.id, "Error en la fecha de ingreso")
    assert amendment.id != instance.id and amendment.amends_id == instance.id
    assert amendment.status == "draft" and json.loads(amendment.data) == json.loads(instance.data)
    summaries = {summary.id: summary for summary in forms.list_for(person.id)}
    assert summaries[instance.id].superseded and summaries[instance.id].status is FormStatus.SIGNED
    assert not summaries[amendment.id].superseded
    with pytest.raises(UserError, match="ya tiene una rectificación"):
        forms.amend(admin, instance.id, "Otra vez")
    reasons = [line.reason for line in audit_lines(forms.db, participant_id="") if line.reason]
    assert "Error en la fecha de ingreso" in reasons


def test_a_stale_autosave_is_refused(forms, admin, person):  # type: ignore[no-untyped-def]
    instance = forms.create(admin, "anexo-iv", person.id)
    forms.save_draft(
        admin, instance.id, {"observaciones": "uno"}, expected_version=instance.version
    )
    with pytest.raises(StaleRecordError):
        forms.save_draft(
            admin, instance.id, {"observaciones": "dos"}, expected_version=instance.version
        )
    assert forms.open(admin, instance.id).data == {"observaciones": "uno"}


def test_a_record_changed_after_signing_shows_it(forms, admin, person):  # type: ignore[no-untyped-def]
    instance = _filled(forms, admin, person)
    forms.finalize(admin, instance.id)
    forms.sign(admin, instance.id)
    with forms.db.unit_of_work(
        admin
    ) as work:  # someone edits the stored values behind the app's back
        stored = work.get(FormInstance, instance.id)
        stored.data = json.dumps({**json.loads(stored.data), "integracion": "otra cosa"})
    assert [summary.altered_after_signing for summary in forms.list_for(person.id)] == [True]


def test_autosave_audits_which_fields_changed_not_their_text(forms, admin, person):  # type: ignore[no-untyped-def]
    instance = forms.create(admin, "anexo-iv", person.id)
    data = {**forms.open(admin, instance.id).data, "observaciones": "Dato delicado"}
    forms.save_draft(admin, instance.id, data, expected_version=instance.version)
    updates = [
        line for line in audit_lines(forms.db, participant_id=person.id) if line.action == "update"
    ]
    assert list(updates[-1].changes) == ["data"]
    assert list(updates[-1].changes["data"]["campos"]) == ["observaciones"]
    assert "Dato delicado" not in json.dumps(
        [line.changes for line in audit_lines(forms.db)], ensure_ascii=False
    )


def test_forms_list_lines_name_the_codapel_and_status(forms, admin, person):  # type: ignore[no-untyped-def]
    instance = forms.create(admin, "anexo-iv", person.id)
    assert forms.list_lines(admin) == [(instance.id, "anexo-iv", person.codapel, "Borrador")]
    assert forms.list_lines(admin, "anexo-vii") == []


def test_an_issued_pdf_is_recorded_and_its_paper_copy_found_again(forms, admin, person, tmp_path):  # type: ignore[no-untyped-def]
    instance = _filled(forms, admin, person)
    forms.finalize(admin, instance.id)
    forms.sign(admin, instance.id)
    pdf = forms.issue_pdf(admin, instance.id, tmp_path / "anexo-iv.pdf")
    check = forms.check_paper(pdf)
    assert check.genuine and check.instance.id == instance.id
    assert check.message == "PDF auténtico: coincide con el formulario registrado."
    stranger = tmp_path / "otro.pdf"
    stranger.write_bytes(pdf.read_bytes() + b"\n% cambiado")
    assert not forms.check_paper(stranger).genuine


def test_paper_check_tells_a_record_changed_after_signing(forms, admin, person, tmp_path):  # type: ignore[no-untyped-def]
    instance = _filled(forms, admin, person)
    forms.finalize(admin, instance.id)
    forms.sign(admin, instance.id)
    pdf = forms.issue_pdf(admin, instance.id, tmp_path / "anexo-iv.pdf")
    with forms.db.unit_of_work(admin) as work:
        stored = work.get(FormInstance, instance.id)
        stored.data = json.dumps(
            {**json.loads(stored.data), "observaciones": "añadido a escondidas"}
        )
    assert "ha cambiado desde que se imprimió" in forms.check_paper(pdf).message


def test_printing_a_form_into_a_missing_folder_is_a_clear_error(forms, admin, person, tmp_path):  # type: ignore[no-untyped-def]
    instance = forms.create(admin, "anexo-iv", person.id)
    with pytest.raises(UserError, match="Elija otra carpeta"):
        forms.issue_pdf(admin, instance.id, tmp_path / "no-existe" / "anexo.pdf")


def test_the_scan_of_the_signed_paper_copy_attaches_to_the_form(forms, admin, person, tmp_path):  # type: ignore[no-untyped-def]
    instance = _filled(forms, admin, person)
    forms.finalize(admin, instance.id)
    forms.sign(admin, instance.id)
    scan = tmp_path / "anexo-iv-firmado.pdf"
    scan.write_bytes(b"%PDF-1.4 escaneo firmado")
    forms.attach_scan(admin, instance.id, scan)
    scans = forms.scans_of(instance.id)
    assert len(scans) == 1
    assert scans[0].participant_id == person.id and scans[0].original_name == "anexo-iv-firmado.pdf"
    assert "Copia firmada escaneada" in scans[0].description
    assert forms.attachments.verify(scans[0])


def test_the_window_gets_frozen_views_with_whose_form_it_is(forms, admin, person, tmp_path):  # type: ignore[no-untyped-def]
    created = forms.create(admin, "anexo-iv", person.id)
    assert isinstance(created, FormInstanceView) and not isinstance(created, FormInstance)
    assert (created.version, created.status, created.codapel) == (1, "draft", person.codapel)
    assert created.created_at is not None and created.values()["nombre"] == "José"
    with pytest.raises(dataclasses.FrozenInstanceError):
        created.status = FormStatus.SIGNED  # type: ignore[misc]
    saved = _filled(forms, admin, person)
    steps = [
        saved,
        forms.finalize(admin, saved.id),
        forms.sign(admin, saved.id),
        forms.amend(admin, saved.id, "Fecha errónea"),
    ]
    assert all(isinstance(step, FormInstanceView) for step in steps)
    assert [step.status for step in steps] == ["draft", "final", "signed", "draft"]
    assert steps[2].signed_by_name == "Ana Administradora" and steps[2].finalized_by == "admin"
    opened = forms.open(admin, saved.id)
    assert isinstance(opened.instance, FormInstanceView) and opened.instance == forms.view(saved.id)
    pdf = forms.issue_pdf(admin, saved.id, tmp_path / "anexo-iv.pdf")
    paper = forms.check_paper(pdf)
    assert isinstance(paper.instance, FormInstanceView) and paper.instance.codapel == person.codapel
    [line] = [line for line in forms.list_lines(admin) if line.id == saved.id]
    assert (line.form_id, line.owner, line.status_label) == ("anexo-iv", person.codapel, "Firmado")
