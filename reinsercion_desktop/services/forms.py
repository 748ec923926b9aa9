"""Filled forms: create prefilled, save drafts, finalize, sign, amend, print, verify paper copies."""

import hashlib
import json
from pathlib import Path

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import (
    FormInstance,
    Installation,
    IssuedPdf,
    Participant,
    Vivienda,
)
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.enums import FormStatus, Role
from reinsercion_desktop.domain.errors import (
    NotFoundError,
    StaleRecordError,
    UserError,
    ValidationError,
    describe_os_error,
)
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.domain.text_input import clean_values
from reinsercion_desktop.forms.content import content_hash
from reinsercion_desktop.forms.engine import check_form, prefill, resolve_source
from reinsercion_desktop.forms.loader import FormCatalogue
from reinsercion_desktop.forms.schema import FormDefinition
from reinsercion_desktop.security.actors import authorize
from reinsercion_desktop.services.attachments import AttachmentService, sha256_of
from reinsercion_desktop.services.consents import record_signed_form_consent
from reinsercion_desktop.services.form_context import record_context
from reinsercion_desktop.services.forms_views import (
    FilledForm,
    FormInstanceView,
    FormLine,
    FormSummary,
    PaperCheck,
    form_view,
)
from reinsercion_desktop.services.output_paths import checked_output, write_output

__all__ = [
    "SIGNER_ROLES",
    "FilledForm",
    "FormInstanceView",
    "FormLine",
    "FormService",
    "FormSummary",
    "PaperCheck",
    "altered_after_signing",
]

SIGNER_ROLES = (Role.RESPONSABLE, Role.ADMIN)  # the table's FORM_SIGN, for the window
FORM_LIST_REASON = "Listado de formularios (reinsercion forms list)"


def altered_after_signing(instance: FormInstance | FormInstanceView) -> bool:
    """A signed form whose values no longer give the hash recorded when it was signed."""
    if instance.status != FormStatus.SIGNED:
        return False
    data = json.loads(instance.data or "{}")
    return content_hash(instance.form_id, instance.definition_version, data) != instance.signed_hash


class FormService:
    def __init__(self, db: Database, catalogue: FormCatalogue, attachments: AttachmentService):
        self.db = db
        self.catalogue = catalogue
        self.attachments = attachments

    # -- reading ---------------------------------------------------------------------

    def definition_of(self, instance: FormInstance | FormInstanceView) -> FormDefinition:
        """Always the version it was filled with (SPEC §5)."""
        return self.catalogue.get(instance.form_id, instance.definition_version)

    def list_for(self, participant_id: str) -> list[FormSummary]:
        # The exchange's tables load with the first file opened, not with the window.
        from reinsercion_desktop.services.exchange_states import state_labels

        with self.db.read() as session:
            instances = list(queries.forms_of(session=session, participant_id=participant_id))
            exchanged = state_labels(session=session, ids=[i.id for i in instances]) or {}
        amended = {instance.amends_id for instance in instances if instance.amends_id}
        return [
            FormSummary(
                id=instance.id,
                form_id=instance.form_id,
                title=self.definition_of(instance).title,
                version=instance.definition_version,
                status=FormStatus(instance.status),
                updated_at=instance.updated_at,
                updated_by=instance.updated_by,
                signed_by_name=instance.signed_by_name,
                amends_id=instance.amends_id,
                superseded=instance.id in amended,
                altered_after_signing=altered_after_signing(instance),
                exchange=exchanged.get(instance.id),
            )
            for instance in instances
        ]

    def list_lines(self, actor: Actor, form_id: str | None = None) -> list[FormLine]:
        """(id, form, CODAPEL, status label) for `reinsercion forms list`.

        The listing is audited as one read per person listed (not one read of the whole
        list): `reinsercion audit --participant` then answers «who saw this person's
        forms» as it does for opening the file, and no entry holds a list of people."""
        authorize(actor, PermissionAction.FORM_LIST)
        with self.db.unit_of_work(actor, reason=FORM_LIST_REASON) as work:
            rows = queries.form_list_lines(session=work.session, form_id=form_id)
            for person in dict.fromkeys(row[5] for row in rows if row[5]):
                work.record_read("form_instance", "", participant_id=person)
        return [
            FormLine(rid, fid, code, FormStatus(status).label)
            for rid, fid, _v, code, status, _person in rows
        ]

    def open(self, actor: Actor, instance_id: str) -> FilledForm:
        """A filled form with its check; opening it is audited as a read."""
        authorize(actor, PermissionAction.FORM_OPEN)
        with self.db.unit_of_work(actor) as work:
            instance = self._get(work, instance_id)
            work.record_read(
                "form_instance", instance.id, participant_id=instance.participant_id or ""
            )
            view = _view(work.session, instance)
        return self._filled(view)

    def view(self, instance_id: str) -> FormInstanceView:
        """The record of a filled form as it is now (whose it is, its state), not audited:
        for naming a PDF or refreshing a list after the form was opened."""
        with self.db.read() as session:
            instance = session.get(FormInstance, instance_id)
            if instance is None:
                raise NotFoundError("El formulario ya no existe.")
            return _view(session, instance)

    def _filled(self, instance: FormInstanceView) -> FilledForm:
        definition = self.definition_of(instance)
        data = instance.values()
        return FilledForm(
            instance, definition, data, check_form(definition, data, today=self.db.clock.today())
        )

    # -- the life of a form --------------------------------------------------------------

    def create(self, actor: Actor, form_id: str, participant_id: str) -> FormInstanceView:
        """A new draft of the newest definition, prefilled from the participant's records."""
        authorize(actor, PermissionAction.FORM_CREATE)
        definition = self.catalogue.latest(form_id)
        if definition.owner != "participant":
            raise UserError(
                f"{definition.title} es mensual por vivienda: se genera desde sus registros."
            )
        with self.db.unit_of_work(actor) as work:
            participant = work.get(Participant, participant_id)
            if participant is None:
                raise NotFoundError("La ficha ya no existe.")
            context = record_context(
                work.session, participant, self.db.clock.today(), actor.full_name
            )
            data = prefill(definition, context)
            instance = work.add(
                FormInstance(
                    form_id=definition.id,
                    definition_version=definition.version,
                    participant_id=participant_id,
                    data=_dump(data),
                    status=FormStatus.DRAFT.value,
                )
            )
            return _flushed_view(work, instance)

    def save_draft(
        self, actor: Actor, instance_id: str, data: dict, *, expected_version: int
    ) -> FormInstanceView:
        """Keep what was typed (autosave). Only drafts change; values are checked on finalize."""
        authorize(actor, PermissionAction.FORM_SAVE)
        with self.db.unit_of_work(actor) as work:
            instance = self._get(work, instance_id)
            self._require_status(instance, FormStatus.DRAFT, "Solo se modifican los borradores.")
            if instance.version != expected_version:
                raise StaleRecordError(
                    f"{instance.updated_by} guardó este formulario mientras lo tenía abierto: ciérrelo y vuelva a abrirlo."
                )
            instance.data = _dump(data)
            return _flushed_view(work, instance)

    def finalize(self, actor: Actor, instance_id: str) -> FormInstanceView:
        """Draft → final, only when nothing is missing or wrong."""
        authorize(actor, PermissionAction.FORM_FINALIZE)
        with self.db.unit_of_work(actor) as work:
            instance = self._get(work, instance_id)
            self._require_status(instance, FormStatus.DRAFT, "Solo un borrador pasa a definitivo.")
            check = check_form(
                self.definition_of(instance),
                json.loads(instance.data or "{}"),
                today=self.db.clock.today(),
            )
            if not check.complete:
                raise ValidationError(check.errors)
            instance.status = FormStatus.FINAL.value
            instance.finalized_at = self.db.clock.now()
            instance.finalized_by = actor.login
            return _flushed_view(work, instance)

    def reopen(self, actor: Actor, instance_id: str) -> FormInstanceView:
        """Final → draft, to correct something before it is signed."""
        authorize(actor, PermissionAction.FORM_REOPEN)
        with self.db.unit_of_work(actor) as work:
            instance = self._get(work, instance_id)
            self._require_status(
                instance, FormStatus.FINAL, "Solo un formulario definitivo sin firmar se reabre."
            )
            instance.status = FormStatus.DRAFT.value
            instance.finalized_at = None
            instance.finalized_by = ""
            return _flushed_view(work, instance)

    def sign(self, actor: Actor, instance_id: str) -> FormInstanceView:
        """Final → signed: who and when, and the hash of what was signed."""
        authorize(actor, PermissionAction.FORM_SIGN)
        with self.db.unit_of_work(actor) as work:
            instance = self._get(work, instance_id)
            self._require_status(
                instance, FormStatus.FINAL, "Primero pase el formulario a definitivo."
            )
            data = json.loads(instance.data or "{}")
            instance.status = FormStatus.SIGNED.value
            instance.signed_at = self.db.clock.now()
            instance.signed_by = actor.login
            instance.signed_by_name = actor.full_name
            instance.signed_hash = content_hash(instance.form_id, instance.definition_version, data)
            record_signed_form_consent(work, instance, self.db.clock.today())  # R-CON-4
            return _flushed_view(work, instance)

    def amend(self, actor: Actor, instance_id: str, reason: str) -> FormInstanceView:
        """A signed form is never edited: its amendment is a new draft linked to it."""
        authorize(actor, PermissionAction.FORM_AMEND)
        reason = reason.strip()
        if not reason:
            raise ValidationError({"reason": "Indique el motivo de la rectificación."})
        if len(reason) > 400:
            raise ValidationError({"reason": "El motivo es demasiado largo (máx. 400)."})
        with self.db.unit_of_work(actor, reason=reason) as work:
            instance = self._get(work, instance_id)
            self._require_status(
                instance, FormStatus.SIGNED, "Solo se rectifica un formulario firmado."
            )
            if queries.amendment_of(session=work.session, form_instance_id=instance.id):
                raise UserError("Este formulario ya tiene una rectificación: corrija esa.")
            amendment = work.add(
                FormInstance(
                    form_id=instance.form_id,
                    definition_version=instance.definition_version,
                    participant_id=instance.participant_id,
                    vivienda_id=instance.vivienda_id,
                    period=instance.period,
                    data=instance.data,
                    status=FormStatus.DRAFT.value,
                    amends_id=instance.id,
                    amendment_reason=reason,
                )
            )
            return _flushed_view(work, amendment)

    # -- paper ---------------------------------------------------------------------------

    def issue_pdf(self, actor: Actor, instance_id: str, out_path: Path) -> Path:
        """Print a filled form into a file (the command line): `issue_pdf_bytes`, written."""
        out_path = checked_output(out_path, data_root=self.db.path.parent)
        self.issue_pdf_bytes(actor, instance_id, out_path)
        return out_path

    def issue_pdf_bytes(
        self, actor: Actor, instance_id: str, out_path: Path | None = None
    ) -> bytes:
        """Print a filled form; the PDF's SHA-256 is recorded so the paper copy finds its record.

        Made in memory: the preview shows and prints it from there, so no copy in clear
        is left in the data folder. With `out_path`, it is also written there first (a
        file that cannot be written is not recorded)."""
        authorize(actor, PermissionAction.FORM_PRINT)
        from reinsercion_desktop.pdf.form_renderer import FormStamp, form_pdf_bytes

        with self.db.unit_of_work(actor) as work:
            instance = self._get(work, instance_id)
            work.record_read(
                "form_instance", instance.id, participant_id=instance.participant_id or ""
            )
            view = _view(work.session, instance)
        filled = self._filled(view)
        digest = content_hash(instance.form_id, instance.definition_version, filled.data)
        stamp = FormStamp(
            record_id=instance.id,
            form_id=instance.form_id,
            version=instance.definition_version,
            status_label=FormStatus(instance.status).label,
            content_hash=digest,
        )
        data = form_pdf_bytes(
            filled.definition,
            filled.data,
            self._header(filled.definition, instance.id),
            stamp=stamp,
            signed=_signed(instance),
        )
        if out_path is not None:
            self._write(out_path, data)
        with self.db.unit_of_work(actor) as work:
            work.add(
                IssuedPdf(
                    form_instance_id=instance.id,
                    sha256=hashlib.sha256(data).hexdigest(),
                    content_hash=digest,
                    status_at_issue=instance.status,
                    definition_version=instance.definition_version,
                )
            )
        return data

    def blank_pdf(self, form_id: str, out_path: Path) -> Path:
        """The blank form written into a file (the command line)."""
        out_path = checked_output(out_path, data_root=self.db.path.parent)
        self._write(out_path, self.blank_pdf_bytes(form_id))
        return out_path

    def blank_pdf_bytes(self, form_id: str) -> bytes:
        """The form as the paper to fill by hand (no record, nothing personal), in memory."""
        from reinsercion_desktop.pdf.form_renderer import form_pdf_bytes

        definition = self.catalogue.latest(form_id)
        with self.db.read() as session:
            installation = queries.local_installation(session=session)
        # What the programme allows shapes the paper too (no «Menor de 18» in a VAR, R-ADM-1).
        kind = (
            {"installation": {"programme_kind": installation.programme_kind}}
            if installation
            else {}
        )
        data = {
            f.id: v
            for f in definition.fields()
            if f.source.startswith("installation.programme")
            and (v := resolve_source(kind, f.source)) is not None
        }
        return form_pdf_bytes(definition, data, self._header(definition, ""), blank=True)

    def check_paper(self, pdf_path: Path) -> PaperCheck:
        """Is this PDF one we issued, and does its record still hold what was printed?"""
        try:
            sha = sha256_of(pdf_path)
        except OSError as error:
            raise UserError(
                f"No se puede leer {pdf_path.name}: {describe_os_error(error)}."
            ) from error
        with self.db.read() as session:
            issued = queries.issued_pdf_by_sha256(session=session, sha256=sha)
            stored = session.get(FormInstance, issued.form_instance_id) if issued else None
            instance = _view(session, stored) if stored is not None else None
        if issued is None or instance is None:
            return PaperCheck(
                None, None, "Este PDF no lo emitió esta instalación, o se ha modificado después."
            )
        now = content_hash(instance.form_id, instance.definition_version, instance.values())
        if now != issued.content_hash:
            return PaperCheck(
                sha,
                instance,
                "PDF auténtico, pero el formulario ha cambiado desde que se imprimió.",
            )
        if altered_after_signing(instance):
            return PaperCheck(sha, instance, "¡El registro se modificó después de firmarse!")
        return PaperCheck(sha, instance, "PDF auténtico: coincide con el formulario registrado.")

    def attach_scan(self, actor: Actor, instance_id: str, path: Path) -> None:
        """The scan of the signed paper copy, kept with the participant's documents."""
        authorize(actor, PermissionAction.ATTACHMENT_ADD)
        with self.db.read() as session:
            instance = session.get(FormInstance, instance_id)
        if instance is None or instance.participant_id is None:
            raise NotFoundError("El formulario ya no existe.")
        definition = self.definition_of(instance)
        self.attachments.add(
            actor,
            instance.participant_id,
            path,
            f"Copia firmada escaneada: {definition.title}",
            form_instance_id=instance.id,
        )

    def scans_of(self, instance_id: str) -> list:
        with self.db.read() as session:
            return list(queries.scans_of(session=session, form_instance_id=instance_id))

    # -- internals -------------------------------------------------------------------

    def _header(self, definition: FormDefinition, record_id: str):  # type: ignore[no-untyped-def]
        # ReportLab is imported when something is printed: it costs ~0.14 s of start-up.
        from reinsercion_desktop.pdf.base import DocumentHeader

        with self.db.read() as session:
            installation: Installation | None = queries.local_installation(session=session)
        address = (
            ", ".join(part for part in (installation.address, installation.province) if part)
            if installation
            else ""
        )
        return DocumentHeader(
            centre_name=installation.name if installation else "",
            centre_code=installation.code if installation else "",
            entity=installation.entity if installation else "",
            address_line=address,
            title=definition.title,
            subtitle=definition.subtitle,
            version=f"{definition.id} v{definition.version}",
            record_id=record_id,
        )

    def _write(self, out_path: Path, data: bytes) -> None:
        write_output(out_path, data, data_root=self.db.path.parent)

    @staticmethod
    def _get(work, instance_id: str) -> FormInstance:  # type: ignore[no-untyped-def]
        instance = work.get(FormInstance, instance_id)
        if instance is None:
            raise NotFoundError("El formulario ya no existe.")
        return instance

    @staticmethod
    def _require_status(instance: FormInstance, status: FormStatus, message: str) -> None:
        if instance.status != status.value:
            raise UserError(f"{message} Este está «{FormStatus(instance.status).label}».")


def _signed(instance: FormInstance) -> tuple[str, str] | None:
    """Who signed the record and when, as printed inside the signature box."""
    if instance.status != FormStatus.SIGNED.value or instance.signed_at is None:
        return None
    return instance.signed_by_name or instance.signed_by, instance.signed_at.strftime("%d/%m/%Y")


def _view(session, instance: FormInstance) -> FormInstanceView:  # type: ignore[no-untyped-def]
    """The view of a row, with whose it is: the person's CODAPEL, or the vivienda."""
    person = session.get(Participant, instance.participant_id) if instance.participant_id else None
    vivienda = session.get(Vivienda, instance.vivienda_id) if instance.vivienda_id else None
    return form_view(
        instance,
        codapel=person.codapel if person else "",
        vivienda_name=vivienda.name if vivienda else "",
    )


def _flushed_view(work, instance: FormInstance) -> FormInstanceView:  # type: ignore[no-untyped-def]
    """Write now, so the view carries the version and times the unit of work stamps."""
    work.flush()
    return _view(work.session, instance)


def _dump(data: dict) -> str:
    """The values as stored: every string cleaned as the unit of work cleans columns."""
    return json.dumps(clean_values(data), ensure_ascii=False, sort_keys=True, default=str)
