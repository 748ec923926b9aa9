"""The audit log as the viewer reads it: the kind of record in Spanish, the person by
CODAPEL, the changed fields by their labels (it showed «participant», «referral_event»
and «Cambios: data»)."""

from datetime import UTC, datetime

import pytest

import reinsercion_desktop.db.models as models
from reinsercion_desktop.db.unit_of_work import NOT_AUDITED
from reinsercion_desktop.domain.participant import ParticipantDraft
from reinsercion_desktop.forms.loader import FormCatalogue, load_definition
from reinsercion_desktop.paths import forms_dir
from reinsercion_desktop.services.attachments import AttachmentService
from reinsercion_desktop.services.audit_log import AuditLine, AuditService, line_view
from reinsercion_desktop.services.field_labels import (
    FIELD_LABELS,
    PARTICIPANT_LABELS,
    RECORD_KINDS,
    field_label,
    readable,
    record_kind,
)
from reinsercion_desktop.services.forms import FormService
from reinsercion_desktop.services.participants import draft_of

TABLES = sorted(models.all_tables().tables)


def test_every_table_has_a_spanish_kind() -> None:
    assert models.AuditEntry.__tablename__ in TABLES
    missing = [table for table in TABLES if table not in RECORD_KINDS]
    assert missing == []
    for table in TABLES:
        assert RECORD_KINDS[table] != table and "_" not in RECORD_KINDS[table]
    assert record_kind("participant") == "Ficha"
    assert record_kind("referral") == "Derivación"
    assert record_kind("referral_event") == "Paso de la derivación"
    assert record_kind("stay") == "Estancia"
    assert record_kind("form_instance") == "Formulario"


def test_every_audited_column_has_a_spanish_label() -> None:
    missing = [
        f"{table}.{column.name}"
        for table, spec in models.all_tables().tables.items()
        for column in spec.columns
        if column.name not in NOT_AUDITED
        and column.name not in FIELD_LABELS
        and field_label(table, column.name) == readable(column.name)
    ]
    assert missing == []
    assert field_label("participant", "phone") == "Teléfono"
    assert field_label("participant", "status") == "Situación"
    assert field_label("referral", "status") == "Estado"
    assert set(PARTICIPANT_LABELS) >= set(ParticipantDraft.field_names())


def test_an_unknown_table_or_field_is_made_readable_never_left_raw() -> None:
    assert record_kind("some_new_table") == "Some new table"
    assert field_label("form_instance", "objetivos_especificos") == "Objetivos especificos"
    assert readable("") == "—"


def _line(entity: str, action: str, changes: dict, participant_id: str = "") -> AuditLine:
    return AuditLine(
        seq=1,
        at=datetime(2026, 1, 15, 9, 0, tzinfo=UTC),
        login="ana",
        action=action,
        entity=entity,
        record_id="r-1",
        participant_id=participant_id,
        changes=changes,
        reason="",
    )


@pytest.mark.parametrize(
    ("entity", "changes", "kind", "fields"),
    [
        ("referral_event", {"note": ["", "x"]}, "Paso de la derivación", ("Nota",)),
        (
            "participant",
            {"phone": ["1", "2"], "addiction_profile": ["", "Metadona"]},
            "Ficha",
            ("Perfil (sustancia principal)", "Teléfono"),
        ),
        (
            "form_instance",
            {"data": {"campos": ["fecha_ingreso", "integracion"]}},
            "Formulario",
            ("Contenido del formulario (Fecha ingreso, Integracion)",),
        ),
        ("stay", {"discharge_date": [None, "2026-01-10"]}, "Estancia", ("Fecha de alta",)),
    ],
)
def test_an_update_names_the_record_and_its_fields_in_spanish(
    entity, changes, kind, fields
) -> None:  # type: ignore[no-untyped-def]
    view = line_view(_line(entity, "update", changes, "p-1"), {"p-1": "NUGA070385H"})
    assert (view.kind, view.fields, view.codapel) == (kind, fields, "NUGA070385H")
    assert view.action_label == "Modificación"
    assert "data" not in view.details and entity not in view.details


def test_a_failed_login_says_which_user_was_typed_and_a_reason_is_kept() -> None:
    failed = line_view(_line("user_account", "login_failed", {"login": "pepe"}), {})
    assert (failed.kind, failed.codapel, failed.details) == (
        "Cuenta de usuario",
        "",
        "Usuario escrito: pepe",
    )
    created = line_view(_line("participant", "create", {"phone": [None, "1"]}, "p-1"), {})
    assert created.fields == ()  # a new record: every field, not worth listing


def test_the_service_reads_lines_ready_to_show_newest_first(
    workspace, participants, admin, make_draft
):  # type: ignore[no-untyped-def]
    person = participants.create(admin, make_draft())
    opened = participants.open(admin, person.id)
    draft = draft_of(opened)
    draft.phone = "955 000 111"
    draft.hiv_status = "negativo"
    participants.update(admin, person.id, draft, expected_version=opened.version)
    audit = AuditService(workspace.db)
    lines = audit.lines(admin, participant_id=person.id)
    # the newest read is this very reading of the log (entity «Registro de auditoría»)
    assert [line.action for line in lines] == ["read", "update", "read", "create"]
    assert lines[0].kind == "Registro de auditoría"
    lines = lines[1:]
    update = lines[0]
    assert update.kind == "Ficha"
    assert update.codapel == person.codapel == "NUGA070385H"
    assert update.fields == ("Estado VIH", "Teléfono")
    assert update.details == "Estado VIH, Teléfono"
    shown = " ".join(f"{line.kind} {line.codapel} {line.details}" for line in lines)
    assert "José" not in shown and "Núñez" not in shown  # the person by CODAPEL only
    assert "participant" not in shown and "phone" not in shown
    everyone = audit.lines(admin, limit=2)
    assert [line.seq for line in everyone] == sorted((line.seq for line in everyone), reverse=True)


def test_a_form_autosave_names_the_form_fields_not_data(workspace, participants, admin, make_draft):  # type: ignore[no-untyped-def]
    catalogue = FormCatalogue()
    catalogue.add(load_definition(forms_dir() / "anexo-iv.v1.json"))
    forms = FormService(workspace.db, catalogue, AttachmentService.of(workspace))
    person = participants.create(admin, make_draft())
    instance = forms.create(admin, "anexo-iv", person.id)
    data = {**forms.open(admin, instance.id).data, "integracion": "Bien."}
    forms.save_draft(admin, instance.id, data, expected_version=instance.version)
    (update,) = [
        line
        for line in AuditService(workspace.db).lines(admin, participant_id=person.id)
        if line.action == "update"
    ]
    assert update.kind == "Formulario"
    assert update.fields == ("Contenido del formulario (Integracion)",)
    assert update.codapel == person.codapel
