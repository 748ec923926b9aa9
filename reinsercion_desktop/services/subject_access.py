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
from datetime import date
from pathlib import Path

from reinsercion_desktop.db import queries
from reinsercion_desktop.db import subject_access_queries as q
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.errors import NotFoundError, UserError, describe_os_error
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.forms.loader import FormCatalogue
from reinsercion_desktop.security.actors import authorize
from reinsercion_desktop.security.files import TamperedFile, decrypt_file
from reinsercion_desktop.services.audit_log import audit_lines, line_view
from reinsercion_desktop.services.output_paths import checked_output, write_output
from reinsercion_desktop.services.subject_access_records import (
    RECORD_SECTIONS,
    attachment_record,
    consent_record,
    fields_of,
    form_record,
    record_of,
    role_label,
)
from reinsercion_desktop.services.subject_access_views import (
    AccessAuditRow,
    ExportResult,
    ExportSection,
    SubjectAccessReport,
)

EXPORT_REASON = "Exportó los datos de la persona (derecho de acceso)"

# (key in the JSON, table, title), in the order the export shows them.

Progress = Callable[[int, str], None]


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
            found = q.participant_ids_for(session=session, reference=reference) if reference else []
        if len(found) > 1:
            raise UserError(
                f"Hay {len(found)} personas con el CODAPEL «{reference[:40]}»: use el "
                "identificador de la ficha."
            )
        if not found:
            raise NotFoundError(
                f"No hay ninguna persona con el identificador o CODAPEL «{reference[:40]}»: "
                "compruébelo en la lista de participantes."
            )
        return found[0]

    def suggested_name(self, actor: Actor, participant_id: str) -> str:
        authorize(actor, PermissionAction.SUBJECT_ACCESS_EXPORT)
        with self.db.read() as session:
            codapels = queries.codapels_of(session=session, participant_ids=[participant_id])
        return suggested_file_name(codapels.get(participant_id, ""), self.db.clock.today())

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
            ExportSection(key, title, tuple(record_of(table, row, names) for row in records[table]))
            for key, table, title in RECORD_SECTIONS
        ]
        forms = [form_record(row, self.catalogue) for row in records["form_instance"]]
        sections.append(ExportSection("forms", "Formularios", tuple(forms)))
        sections.append(
            ExportSection(
                "attachments",
                "Documentos adjuntos",
                tuple(attachment_record(row) for row in records["attachment"]),
            )
        )
        form_titles = {form.id: form.title for form in forms}
        sections.append(
            ExportSection(
                "consents",
                "Consentimientos",
                tuple(consent_record(row, form_titles) for row in records["consent_record"]),
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
            issued_by_role=role_label(actor.role),
            person=tuple(fields_of("participant", person, names)),
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
                    role=role_label(names["user_role_by_login"].get(line.login, "")),
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
