"""Anonimizar una ficha cerrada a petición (GDPR art. 17, SPEC §10).

One unit of work (the one write path, which audits every change): the identifying
fields of the person and of every record of their file are emptied
(domain/anonymisation.py says which, and why the rest stays), the identifying values of
their forms removed, their attachments' rows deleted, and `anonymised_at` set. After
the commit the encrypted files of the attachments are deleted from `documentos/`: a
scan cannot be redacted. The audit log is not touched: it holds keyed hashes, never
values, so the chain and `reinsercion check` stay sound.

Backups made before keep the old data until the rotation removes them; the record and
the confirmation say so. Signed forms of an anonymised file no longer match their
signature: `reinsercion check` notes them instead of reporting an alteration.
"""

import json
import logging
import shutil
from collections import Counter

from reinsercion_desktop.db import retention_queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import FormInstance, Participant, Record, Stay
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.anonymisation import (
    BACKUPS_NOTE,
    IDENTIFYING_FIELDS,
    AnonymisationRecord,
    anonymised_names,
    emptied_value,
    form_value_removed,
    reduced_birth_date,
)
from reinsercion_desktop.domain.errors import NotFoundError, UserError, ValidationError
from reinsercion_desktop.domain.participant import search_key
from reinsercion_desktop.domain.referral_rules import CLOSED
from reinsercion_desktop.forms.loader import FormCatalogue
from reinsercion_desktop.services.attachments import AttachmentService
from reinsercion_desktop.services.field_labels import record_kind

log = logging.getLogger(__name__)

MAX_REASON = 300
REASON_PREFIX = "Anonimización a petición (RGPD art. 17): "
ALREADY = "Esta ficha ya está anonimizada: no se puede cambiar, reabrir ni anonimizar de nuevo."


def check_reason(reason: str) -> str:
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": "Indique por qué se anonimiza (la petición, su fecha)."})
    if len(reason) > MAX_REASON:
        raise ValidationError(
            {"reason": f"El motivo es demasiado largo (máx. {MAX_REASON} caracteres)."}
        )
    return reason


def anonymise_file(
    db: Database,
    catalogue: FormCatalogue,
    attachments: AttachmentService,
    actor: Actor,
    participant_id: str,
    reason: str,
) -> AnonymisationRecord:
    """The caller authorised the actor. Refused: a missing, open or anonymised file."""
    reason = check_reason(reason)
    fields: Counter[str] = Counter()
    records: Counter[str] = Counter()
    form_values = forms = signed = issued = 0
    with db.unit_of_work(actor, reason=REASON_PREFIX + reason) as work:
        participant = work.get(Participant, participant_id)
        if participant is None:
            raise NotFoundError("La ficha ya no existe.")
        if participant.anonymised_at is not None:
            raise UserError(ALREADY)
        session = work.session
        owned = retention_queries.person_records(session=session, participant_id=participant_id)
        _refuse_open(participant, owned)
        now = db.clock.now()
        fields["participant"] += _empty_identifying(participant)
        first, surname1, surname2 = anonymised_names(participant.id)
        participant.first_name, participant.surname1, participant.surname2 = (
            first,
            surname1,
            surname2,
        )
        participant.search_key = search_key(first, surname1, surname2, "", participant.codapel)
        participant.birth_date = reduced_birth_date(participant.birth_date)
        participant.anonymised_at = now
        records["participant"] += 1
        for record in owned:
            table = record.__tablename__  # type: ignore[attr-defined]
            emptied = _empty_identifying(record)
            if isinstance(record, FormInstance):
                removed = _empty_form_values(record, catalogue)
                form_values += removed
                forms += 1
                signed += record.status == "signed"
                emptied += removed
            if emptied:
                fields[table] += emptied
                records[table] += 1
        # The exchange may keep both values of one of these fields until someone chooses.
        record_ids = [participant.id, *(record.id for record in owned)]
        for conflict in retention_queries.conflicts_of(session=session, record_ids=record_ids):
            for column in IDENTIFYING_FIELDS["sync_conflict"]:
                setattr(conflict, column, emptied_value("sync_conflict", column))
            fields["sync_conflict"] += len(IDENTIFYING_FIELDS["sync_conflict"])
            records["sync_conflict"] += 1
        issued = retention_queries.issued_pdf_count(session=session, participant_id=participant_id)
        stored = list(
            retention_queries.attachments_of(session=session, participant_id=participant_id)
        )
        paths = [attachments.path_of(attachment) for attachment in stored]
        retention_queries.delete_all(session=session, records=stored)
        label = f"{first} {surname1}"
        codapel = participant.codapel
    removed, left = _delete_files(paths, attachments.folder / participant_id)
    return AnonymisationRecord(
        participant_id=participant_id,
        label=label,
        codapel=codapel,
        at=now,
        by_login=actor.login,
        by_name=actor.full_name,
        reason=reason,
        fields_by_kind=tuple(
            (record_kind(table), records[table], count) for table, count in fields.items() if count
        ),
        form_values=form_values,
        forms=forms,
        signed_forms=signed,
        attachments=len(stored),
        files_removed=removed,
        files_left=left,
        issued_pdfs=issued,
    )


def _refuse_open(participant: Participant, owned: list[Record]) -> None:
    if participant.archived_at is not None:
        return
    open_stay = any(isinstance(r, Stay) and r.discharge_date is None for r in owned)
    open_referral = any(
        r.__tablename__ == "referral" and r.status not in CLOSED  # type: ignore[attr-defined]
        for r in owned
    )
    discharged = any(isinstance(r, Stay) for r in owned)
    if open_stay or open_referral or not discharged:
        raise UserError(
            "La ficha no está cerrada (tiene una estancia o una derivación abiertas, o no "
            "ha tenido ninguna): archívela o registre el alta antes de anonimizarla."
        )


def _empty_identifying(record: Record) -> int:
    """Empty the record's identifying text columns; how many held something."""
    table = record.__tablename__  # type: ignore[attr-defined]
    count = 0
    for column in IDENTIFYING_FIELDS.get(table, ()):
        empty = emptied_value(table, column)
        value = getattr(record, column)
        if value not in (None, "", empty):
            count += 1
        if value != empty:
            setattr(record, column, empty)
    return count


def _empty_form_values(instance: FormInstance, catalogue: FormCatalogue) -> int:
    """Remove the form's identifying values (domain/anonymisation.form_value_removed); a
    form whose definition is missing loses every text value."""
    data = json.loads(instance.data or "{}")
    try:
        definition = catalogue.get(instance.form_id, instance.definition_version)
        doomed = {
            field.id
            for field in definition.fields()
            if form_value_removed(field.kind, field.source)
        }
    except UserError:
        doomed = {name for name, value in data.items() if isinstance(value, str | list | dict)}
    removed = [name for name in doomed if data.get(name) not in (None, "", [], {})]
    if not removed:
        return 0
    for name in removed:
        del data[name]
    instance.data = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return len(removed)


def _delete_files(paths: list, folder) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Delete the attachments' encrypted files, then the person's folder if empty."""
    removed = left = 0
    for path in paths:
        try:
            path.unlink(missing_ok=True)
            removed += 1
        except OSError:
            log.warning("an anonymised attachment's file could not be deleted: %s", path.name)
            left += 1
    try:
        if folder.is_dir() and not any(folder.iterdir()):
            shutil.rmtree(folder)
    except OSError:
        log.warning("the anonymised person's attachment folder could not be removed")
    return removed, left


__all__ = ["BACKUPS_NOTE", "AnonymisationRecord", "anonymise_file", "check_reason"]
