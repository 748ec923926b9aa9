"""The access export's records: stored rows turned into labelled Spanish fields.

One function per kind of thing the export shows (a record of a table, a form with its
values by their labels, a document, a consent); links are said by the name of what
they point at, bookkeeping and internal links are left out.
"""

import json
from datetime import date, datetime
from typing import Any

from reinsercion_desktop.domain.consents import consent_state, scope_labels
from reinsercion_desktop.domain.dates import format_date_es, format_datetime_es
from reinsercion_desktop.domain.enums import (
    FormStatus,
    HivStatus,
    IdKind,
    LabelledEnum,
    ParticipantStatus,
    Role,
    Sex,
)
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.domain.file_size import file_size_es
from reinsercion_desktop.forms.loader import FormCatalogue
from reinsercion_desktop.forms.schema import FieldDef
from reinsercion_desktop.forms.values import display_value, is_empty
from reinsercion_desktop.services.field_labels import field_label, record_kind
from reinsercion_desktop.services.subject_access_views import ExportField, ExportRecord

RECORD_SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("referrals", "referral", "Derivaciones"),
    ("referral_steps", "referral_event", "Pasos de las derivaciones"),
    ("stays", "stay", "Estancias"),
    ("outings", "outing", "Salidas terapéuticas"),
    ("tox_controls", "tox_control", "Controles toxicológicos"),
    ("incidents", "incident", "Incidencias"),
    ("contributions", "economic_contribution", "Aportaciones económicas"),
    ("plans", "reintegration_plan", "Planes de reinserción"),
    ("plan_objectives", "plan_objective", "Objetivos del plan"),
    ("plan_activities", "plan_activity", "Actividades del plan"),
    ("plan_reviews", "plan_review", "Revisiones del plan"),
    ("interviews", "interview", "Entrevistas"),
    ("coordination_contacts", "coordination_contact", "Contactos de coordinación"),
    ("case_conferences", "case_conference", "Mesas técnicas de casos"),
    ("employment", "employment_placement", "Inserciones laborales"),
    ("job_follow_ups", "job_follow_up", "Seguimiento del empleo"),
    ("resource_referrals", "resource_referral", "Derivaciones a recursos"),
)
# Bookkeeping, internal links and hashes: nothing the person would read as their data.
_SKIPPED = frozenset(
    {
        "id",
        "participant_id",
        "installation_id",
        "version",
        "created_by",
        "updated_by",
        "updated_at",
        "search_key",
        "stored_name",
        "sha256",
        "data",
        "signed_hash",
        "content_hash",
        "stay_id",
        "referral_id",
        "plan_id",
        "objective_id",
        "placement_id",
        "form_instance_id",
        "amends_id",
    }
)
# Links said by the name of what they point at.
_NAMED = {
    "vivienda_id": "vivienda",
    "priority_vivienda_id": "vivienda",
    "referring_centre_id": "referring_centre",
    "origin_centre_id": "referring_centre",
    "resource_id": "resource",
    "case_manager_id": "user_by_id",
}
_PERSON_ENUMS: dict[str, type[LabelledEnum]] = {
    "sex": Sex,
    "id_kind": IdKind,
    "hiv_status": HivStatus,
    "status": ParticipantStatus,
}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Sí" if value else "No"
    if isinstance(value, list | tuple):
        return ", ".join(_text(item) for item in value)
    if isinstance(value, datetime):
        return format_datetime_es(value)
    if isinstance(value, date):
        return format_date_es(value)
    return str(value)


def _enum_label(enum: type[LabelledEnum], value: Any) -> str:
    try:
        return enum(value).label
    except ValueError:
        return str(value)


def fields_of(
    table: str, row: dict[str, Any], names: dict[str, dict[str, str]]
) -> list[ExportField]:
    fields = []
    for key, value in row.items():
        if key in _SKIPPED:
            continue
        text = _text(value)
        if key in _NAMED and value:
            text = names[_NAMED[key]].get(value, "")
            value = text
        elif table == "participant" and key in _PERSON_ENUMS and value:
            text = _enum_label(_PERSON_ENUMS[key], value)
        fields.append(ExportField(key, field_label(table, key), value, text))
    return fields


def record_of(table: str, row: dict[str, Any], names: dict[str, dict[str, str]]) -> ExportRecord:
    created = row.get("created_at")
    title = record_kind(table) + (f" · {format_date_es(created)}" if created else "")
    return ExportRecord(row["id"], title, tuple(fields_of(table, row, names)))


def _form_value_text(definition_field: FieldDef, value: Any) -> str:
    if definition_field.kind in ("fixed_table", "free_table") and isinstance(value, list | dict):
        rows = value.values() if isinstance(value, dict) else value
        labels = {column.id: column for column in definition_field.columns}
        lines = []
        for row in rows:
            if not isinstance(row, dict):
                continue
            parts = [
                f"{labels[k].label}: {display_value(labels[k], v)}"
                for k, v in row.items()
                if k in labels and not is_empty(v)
            ]
            if parts:
                lines.append("; ".join(parts))
        return "\n".join(lines)
    return display_value(definition_field, value)


def form_record(row: dict[str, Any], catalogue: FormCatalogue) -> ExportRecord:
    form_id, version = row["form_id"], row["definition_version"]
    values: dict[str, Any] = json.loads(row.get("data") or "{}")
    try:
        definition = catalogue.get(form_id, version)
    except UserError:
        definition = None
    label = definition.label if definition is not None else form_id
    try:
        status = FormStatus(row["status"]).label
    except ValueError:
        status = row["status"]
    facts = [
        ExportField("form", "Formulario", form_id, label),
        ExportField("status", "Estado", row["status"], status),
        ExportField("created_at", "Creado el", row["created_at"], _text(row["created_at"])),
        ExportField("signed_at", "Firmado el", row.get("signed_at"), _text(row.get("signed_at"))),
        ExportField(
            "signed_by_name",
            "Firmado por",
            row.get("signed_by_name") or "",
            row.get("signed_by_name") or "",
        ),
    ]
    if definition is not None:
        for field in definition.fields():
            if field.holds_data and field.id in values:
                value = values[field.id]
                facts.append(
                    ExportField(
                        field.id, field.label or field.id, value, _form_value_text(field, value)
                    )
                )
    else:  # a definition this version lacks: the stored names, readable
        facts += [
            ExportField(k, field_label("form_instance", k), v, _text(v)) for k, v in values.items()
        ]
    title = f"{label} · {format_date_es(row['created_at'])}"
    return ExportRecord(row["id"], title, tuple(facts))


def attachment_record(row: dict[str, Any]) -> ExportRecord:
    facts = (
        ExportField("description", "Descripción", row["description"], row["description"]),
        ExportField(
            "original_name", "Nombre del archivo", row["original_name"], row["original_name"]
        ),
        ExportField("created_at", "Fecha", row["created_at"], _text(row["created_at"])),
        ExportField("size_bytes", "Tamaño", row["size_bytes"], file_size_es(row["size_bytes"])),
    )
    return ExportRecord(row["id"], f"Documento · {row['original_name']}", facts)


def consent_record(row: dict[str, Any], forms: dict[str, str]) -> ExportRecord:
    labels = scope_labels(row["scope"])
    linked = forms.get(row.get("form_instance_id") or "", "")
    facts = (
        ExportField("scope", "Alcance", row["scope"].split(","), "; ".join(labels)),
        ExportField("granted_on", "Otorgado el", row["granted_on"], _text(row["granted_on"])),
        ExportField(
            "state", "Estado", consent_state(row["revoked_on"]), consent_state(row["revoked_on"])
        ),
        ExportField("revoked_on", "Revocado el", row["revoked_on"], _text(row["revoked_on"])),
        ExportField(
            "revocation_note",
            "Nota de la revocación",
            row["revocation_note"],
            row["revocation_note"],
        ),
        ExportField("form", "Formulario firmado", linked, linked),
    )
    return ExportRecord(row["id"], f"Consentimiento · {format_date_es(row['granted_on'])}", facts)


def role_label(role: str) -> str:
    return _enum_label(Role, role) if role else ""
