"""Derecho de acceso (RGPD art. 15): everything about one person, on request.

One read gathers the file's fields, every record that names the person (the circuit,
the stay's life, the plan, follow-up, forms with their values, documents, consents)
and the audit of who saw and changed the file (who by name and role, what by its
Spanish labels, never a value). It is written as a readable PDF and a JSON file, both
through `output_paths` (refused onto devices, links, the data folder; written under a
temporary name). The documents themselves are decrypted into a folder beside the PDF
only when asked. The export is audited in the person's file before anything is read.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reinsercion_desktop.db import queries
from reinsercion_desktop.db import subject_access_queries as q
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.domain.actor import Actor
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
from reinsercion_desktop.domain.errors import NotFoundError, UserError, describe_os_error
from reinsercion_desktop.domain.file_size import file_size_es
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.forms.loader import FormCatalogue
from reinsercion_desktop.forms.schema import FieldDef
from reinsercion_desktop.forms.values import display_value, is_empty
from reinsercion_desktop.security.actors import authorize
from reinsercion_desktop.security.files import TamperedFile, decrypt_file
from reinsercion_desktop.services.audit_log import audit_lines, line_view
from reinsercion_desktop.services.field_labels import field_label, record_kind
from reinsercion_desktop.services.output_paths import checked_output, write_output
from reinsercion_desktop.services.subject_access_views import (
    AccessAuditRow,
    ExportField,
    ExportRecord,
    ExportResult,
    ExportSection,
    SubjectAccessReport,
)

EXPORT_REASON = "Exportó los datos de la persona (derecho de acceso)"

# (key in the JSON, table, title), in the order the export shows them.
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

Progress = Callable[[int, str], None]


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


def _fields(table: str, row: dict[str, Any], names: dict[str, dict[str, str]]) -> list[ExportField]:
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


def _record(table: str, row: dict[str, Any], names: dict[str, dict[str, str]]) -> ExportRecord:
    created = row.get("created_at")
    title = record_kind(table) + (f" · {format_date_es(created)}" if created else "")
    return ExportRecord(row["id"], title, tuple(_fields(table, row, names)))


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


def _form_record(row: dict[str, Any], catalogue: FormCatalogue) -> ExportRecord:
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


def _attachment_record(row: dict[str, Any]) -> ExportRecord:
    facts = (
        ExportField("description", "Descripción", row["description"], row["description"]),
        ExportField(
            "original_name", "Nombre del archivo", row["original_name"], row["original_name"]
        ),
        ExportField("created_at", "Fecha", row["created_at"], _text(row["created_at"])),
        ExportField("size_bytes", "Tamaño", row["size_bytes"], file_size_es(row["size_bytes"])),
    )
    return ExportRecord(row["id"], f"Documento · {row['original_name']}", facts)


def _consent_record(row: dict[str, Any], forms: dict[str, str]) -> ExportRecord:
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


def _role_label(role: str) -> str:
    return _enum_label(Role, role) if role else ""


def suggested_file_name(codapel: str, today: date) -> str:
    """«acceso-<CODAPEL>-20260115.pdf»: the person by CODAPEL, never by name."""
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", codapel).strip("-") or "persona"
    return f"acceso-{safe}-{today:%Y%m%d}.pdf"


@dataclass(frozen=True)
class _Gathered:
    report: SubjectAccessReport
    attachments: tuple[tuple[str, str], ...]  # (encrypted path, file name to give it)


class SubjectAccessService:
    """The access export for the window and `reinsercion persona exportar`."""

    def __init__(
        self, db: Database, catalogue: FormCatalogue, attachments_folder: Path, files_key: bytes
    ):
        self.db = db
        self.catalogue = catalogue
        self.attachments_folder = attachments_folder
        self._files_key = files_key

    def resolve(self, actor: Actor, reference: str) -> str:
        """The participant id a reference names (an id or a CODAPEL)."""
        authorize(actor, PermissionAction.SUBJECT_ACCESS_EXPORT)
        reference = reference.strip()
        with self.db.read() as session:
            found = q.participant_id_of(session=session, reference=reference) if reference else None
        if found is None:
            raise NotFoundError(
                f"No hay ninguna persona con el identificador o CODAPEL «{reference[:40]}»: "
                "compruébelo en la lista de participantes."
            )
        return found

    def suggested_name(self, actor: Actor, participant_id: str) -> str:
        authorize(actor, PermissionAction.SUBJECT_ACCESS_EXPORT)
        with self.db.read() as session:
            codapels = queries.codapels_of(session=session, participant_ids=[participant_id])
        return suggested_file_name(codapels.get(participant_id, ""), self.db.clock.today())

    def report(self, actor: Actor, participant_id: str) -> SubjectAccessReport:
        """Gather (audited as an export) without writing files."""
        authorize(actor, PermissionAction.SUBJECT_ACCESS_EXPORT)
        self._audit(actor, participant_id)
        return self._gather(actor, participant_id).report

    def export(
        self,
        actor: Actor,
        participant_id: str,
        out_pdf: Path,
        *,
        out_json: Path | None = None,
        with_documents: bool = False,
        progress: Progress | None = None,
    ) -> ExportResult:
        """Write the PDF (and the JSON, and the documents' folder when asked)."""
        authorize(actor, PermissionAction.SUBJECT_ACCESS_EXPORT)
        step = progress or (lambda _percent, _what: None)
        root = self.db.path.parent
        out_pdf = checked_output(out_pdf, data_root=root)
        if out_json is not None:
            out_json = checked_output(out_json, data_root=root, what="el archivo JSON")
            if out_json.resolve() == out_pdf.resolve():
                raise UserError("El PDF y el JSON no pueden tener el mismo nombre: cambie uno.")
        documents = out_pdf.with_name(f"{out_pdf.stem}-documentos") if with_documents else None
        if documents is not None and documents.exists():
            raise UserError(
                f"Ya existe la carpeta {documents}: muévala o elija otro nombre para el PDF."
            )
        step(5, "Leyendo los datos de la persona…")
        self._audit(actor, participant_id)
        gathered = self._gather(actor, participant_id)
        step(40, "Preparando el PDF…")
        from reinsercion_desktop.pdf.subject_access import render_subject_access

        write_output(out_pdf, render_subject_access(gathered.report), data_root=root)
        if out_json is not None:
            step(75, "Escribiendo el archivo JSON…")
            text = json.dumps(gathered.report.to_json(), ensure_ascii=False, indent=2)
            write_output(
                out_json, (text + "\n").encode("utf-8"), data_root=root, what="el archivo JSON"
            )
        written = 0
        if documents is not None:
            step(85, "Descifrando los documentos…")
            written = self._write_documents(documents, gathered.attachments)
        step(100, "Hecho.")
        return ExportResult(
            pdf=str(out_pdf),
            json=str(out_json) if out_json is not None else None,
            documents=str(documents) if documents is not None else None,
            documents_written=written,
        )

    # -- reading ---------------------------------------------------------------------

    def _audit(self, actor: Actor, participant_id: str) -> None:
        with self.db.unit_of_work(actor, reason=EXPORT_REASON) as work:
            if q.participant_row(session=work.session, participant_id=participant_id) is None:
                raise NotFoundError("La ficha ya no existe.")
            work.record_read("participant", participant_id, participant_id=participant_id)

    def _gather(self, actor: Actor, participant_id: str) -> _Gathered:
        with self.db.read() as session:
            person = q.participant_row(session=session, participant_id=participant_id)
            if person is None:
                raise NotFoundError("La ficha ya no existe.")
            records = q.person_records(session=session, participant_id=participant_id)
            names = q.names_for_export(session=session)
            installation = queries.local_installation(session=session)
        sections = [
            ExportSection(key, title, tuple(_record(table, row, names) for row in records[table]))
            for key, table, title in RECORD_SECTIONS
        ]
        forms = [_form_record(row, self.catalogue) for row in records["form_instance"]]
        sections.append(ExportSection("forms", "Formularios", tuple(forms)))
        sections.append(
            ExportSection(
                "attachments",
                "Documentos adjuntos",
                tuple(_attachment_record(row) for row in records["attachment"]),
            )
        )
        form_titles = {form.id: form.title for form in forms}
        sections.append(
            ExportSection(
                "consents",
                "Consentimientos",
                tuple(_consent_record(row, form_titles) for row in records["consent_record"]),
            )
        )
        full_name = " ".join(
            part for part in (person["first_name"], person["surname1"], person["surname2"]) if part
        )
        report = SubjectAccessReport(
            participant_id=participant_id,
            codapel=person["codapel"],
            full_name=full_name,
            centre_name=installation.name if installation else "",
            centre_code=installation.code if installation else "",
            centre_entity=installation.entity if installation else "",
            centre_address=" · ".join(
                p
                for p in ((installation.address, installation.province) if installation else ())
                if p
            ),
            issued_at=self.db.clock.now(),
            issued_by=actor.full_name,
            issued_by_role=_role_label(actor.role),
            person=tuple(_fields("participant", person, names)),
            sections=tuple(sections),
            audit=tuple(self._audit_rows(participant_id, names)),
        )
        attachments = tuple(
            (
                str(self.attachments_folder / participant_id / row["stored_name"]),
                row["original_name"],
            )
            for row in records["attachment"]
        )
        return _Gathered(report, attachments)

    def _audit_rows(
        self, participant_id: str, names: dict[str, dict[str, str]]
    ) -> list[AccessAuditRow]:
        rows = []
        for line in audit_lines(self.db, participant_id=participant_id):
            view = line_view(line, {})
            what = f"{view.action_label} · {view.kind}"
            if view.fields:
                what += f": {', '.join(view.fields)}"
            if view.reason:
                what += f" · Motivo: {view.reason}"
            rows.append(
                AccessAuditRow(
                    at=line.at,
                    who=names["user_name_by_login"].get(line.login, line.login),
                    role=_role_label(names["user_role_by_login"].get(line.login, "")),
                    what=what,
                )
            )
        return rows

    def _write_documents(self, folder: Path, attachments: tuple[tuple[str, str], ...]) -> int:
        try:
            folder.mkdir()
            for number, (stored, name) in enumerate(attachments, start=1):
                safe = re.sub(r"[\\/:*?\"<>|\x00-\x1f]+", "_", Path(name).name) or "documento"
                target = folder / f"{number:03d}-{safe}"
                with open(target, "xb") as handle:
                    decrypt_file(self._files_key, Path(stored), handle)
        except TamperedFile as error:
            raise UserError(
                f"Un documento de la persona está dañado en la carpeta de datos ({name}): "
                "el PDF y el JSON se escribieron, los documentos no todos."
            ) from error
        except OSError as error:
            raise UserError(
                f"No se pudieron escribir los documentos en {folder}: {describe_os_error(error)}."
            ) from error
        return len(attachments)
