"""The demo data shows forms in every status, amendments included, and all of them sound."""

from reinsercion_desktop.demo.builder import make_demo
from reinsercion_desktop.forms.loader import load_catalogue
from reinsercion_desktop.paths import forms_dir
from reinsercion_desktop.services.attachments import AttachmentService
from reinsercion_desktop.services.forms import FormService
from reinsercion_desktop.services.participants import ParticipantService


def test_demo_forms_cover_every_status_and_an_amendment(workspace):  # type: ignore[no-untyped-def]
    make_demo(workspace, participants=30, seed=3)
    forms = FormService(
        workspace.db,
        load_catalogue(forms_dir()),
        AttachmentService.of(workspace),
    )
    summaries = [
        summary
        for row in ParticipantService(workspace.db).list_rows()
        for summary in forms.list_for(row.id)
    ]
    assert {summary.status.value for summary in summaries} == {"draft", "final", "signed"}
    assert any(summary.amends_id for summary in summaries)
    assert any(summary.superseded for summary in summaries)
    assert not any(summary.altered_after_signing for summary in summaries)
    assert {summary.form_id for summary in summaries} >= {"anexo-i", "anexo-vii", "consentimiento"}
