"""Consentimientos: what the person agreed to, when, on which paper, and its revocation.

Records are never deleted: a revocation dates and explains itself (R-CON-1, R-CON-2);
revoking part of a record's scope splits it, the revoked codes moving to a record of
their own that shows «Revocado el …», so what is still in force reads as such. Every
write goes through the unit of work (audited). Signing the `consentimiento` form
records the treatment and health-data consents linked to it (R-CON-4,
`record_signed_form_consent`, called from the form's sign path).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from reinsercion_desktop.db import subject_access_queries as q
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import ConsentRecord, FormInstance, Participant
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.consents import (
    CONSENT_FORM_ID,
    SIGNED_FORM_SCOPES,
    TREATMENT,
    check_grant,
    check_revocation,
    checked_scope,
    consent_state,
    parse_scope,
    scope_labels,
    vigente_scopes,
)
from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import FormStatus
from reinsercion_desktop.domain.errors import NotFoundError, UserError
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.forms.values import as_date
from reinsercion_desktop.security.actors import authorize


@dataclass(frozen=True)
class ConsentView:
    """One consent record as the file shows it."""

    id: str
    scope: tuple[str, ...]  # codes
    scope_labels: tuple[str, ...]
    granted_on: date
    revoked_on: date | None
    revocation_note: str
    form_instance_id: str | None
    form_label: str  # «Consentimiento firmado el 03/02/2026», or ""
    version: int

    @property
    def state(self) -> str:
        return consent_state(self.revoked_on)

    @property
    def vigente(self) -> bool:
        return self.revoked_on is None


@dataclass(frozen=True)
class ConsentSummary:
    """The file's consent tab and header: the records and whether treatment is covered."""

    records: tuple[ConsentView, ...]
    vigente: frozenset[str]  # codes in force today (R-CON-3)

    @property
    def treatment_missing(self) -> bool:
        return TREATMENT not in self.vigente


def _view(record: ConsentRecord, form: FormInstance | None) -> ConsentView:
    form_label = ""
    if form is not None:
        when = form.signed_at or form.created_at
        signed = "firmado" if form.status == FormStatus.SIGNED.value else "sin firmar"
        form_label = f"Consentimiento {signed} ({format_date_es(when)})"
    return ConsentView(
        id=record.id,
        scope=parse_scope(record.scope),
        scope_labels=scope_labels(record.scope),
        granted_on=record.granted_on,
        revoked_on=record.revoked_on,
        revocation_note=record.revocation_note,
        form_instance_id=record.form_instance_id,
        form_label=form_label,
        version=record.version,
    )


def consent_views(session, participant_id: str) -> list[ConsentView]:  # type: ignore[no-untyped-def]
    records = q.consents_of(session=session, participant_id=participant_id)
    return [
        _view(r, session.get(FormInstance, r.form_instance_id) if r.form_instance_id else None)
        for r in records
    ]


def record_signed_form_consent(work, instance: FormInstance, today: date) -> None:  # type: ignore[no-untyped-def]
    """R-CON-4: a signed `consentimiento` gets its consent record (treatment and health
    data), dated as the form says, unless one is linked to it already."""
    if instance.form_id != CONSENT_FORM_ID or not instance.participant_id:
        return
    if q.consent_linked_to(session=work.session, form_instance_id=instance.id) is not None:
        return
    import json

    stated = as_date(json.loads(instance.data or "{}").get("fecha"))
    granted_on = stated if stated is not None and stated <= today else today
    work.add(
        ConsentRecord(
            participant_id=instance.participant_id,
            form_instance_id=instance.id,
            scope=checked_scope(SIGNED_FORM_SCOPES),
            granted_on=granted_on,
        )
    )


class ConsentService:
    def __init__(self, db: Database):
        self.db = db

    def summary(self, actor: Actor, participant_id: str) -> ConsentSummary:
        """The person's consents (a part of the file: opening the file audits the read)."""
        authorize(actor, PermissionAction.PARTICIPANT_OPEN)
        today = self.db.clock.today()
        with self.db.read() as session:
            views = consent_views(session, participant_id)
        held = vigente_scopes(
            ((",".join(v.scope), v.granted_on, v.revoked_on) for v in views), today
        )
        return ConsentSummary(records=tuple(views), vigente=frozenset(held))

    def record(
        self,
        actor: Actor,
        participant_id: str,
        scope: Iterable[str],
        granted_on: date,
        *,
        form_instance_id: str | None = None,
    ) -> ConsentView:
        """Register a consent (R-CON-3: in force from `granted_on`)."""
        authorize(actor, PermissionAction.CONSENT_RECORD)
        stored = checked_scope(scope)
        check_grant(granted_on, self.db.clock.today())
        with self.db.unit_of_work(actor) as work:
            if work.get(Participant, participant_id) is None:
                raise NotFoundError("La ficha ya no existe.")
            form = None
            if form_instance_id:
                form = work.get(FormInstance, form_instance_id)
                if form is None or form.participant_id != participant_id:
                    raise UserError("El formulario elegido no es de esta persona.")
            record = work.add(
                ConsentRecord(
                    participant_id=participant_id,
                    form_instance_id=form_instance_id,
                    scope=stored,
                    granted_on=granted_on,
                )
            )
            work.flush()
            return _view(record, form)

    def revoke(
        self,
        actor: Actor,
        consent_id: str,
        revoked_on: date,
        note: str,
        *,
        scope: Iterable[str] | None = None,
        expected_version: int | None = None,
    ) -> ConsentView:
        """Revoke a consent, whole or some of its codes (`scope`); R-CON-1, R-CON-2."""
        authorize(actor, PermissionAction.CONSENT_RECORD)
        today = self.db.clock.today()
        with self.db.unit_of_work(actor) as work:
            record = work.get(ConsentRecord, consent_id)
            if record is None:
                raise NotFoundError("El consentimiento ya no existe.")
            if expected_version is not None and record.version != expected_version:
                raise UserError("Otra persona cambió este consentimiento: vuelva a abrir la ficha.")
            if record.revoked_on is not None:
                raise UserError(
                    f"Este consentimiento ya está revocado ({format_date_es(record.revoked_on)})."
                )
            cleaned = check_revocation(record.granted_on, revoked_on, today, note)
            held = parse_scope(record.scope)
            chosen = set(scope) if scope is not None else set(held)
            if not chosen or not chosen <= set(held):
                raise UserError("Elija qué parte de este consentimiento se revoca.")
            form = (
                work.get(FormInstance, record.form_instance_id) if record.form_instance_id else None
            )
            if chosen == set(held):
                revoked = record
            else:  # the revoked codes get a record of their own; the rest stays in force
                record.scope = checked_scope(set(held) - chosen)
                revoked = work.add(
                    ConsentRecord(
                        participant_id=record.participant_id,
                        form_instance_id=record.form_instance_id,
                        scope=checked_scope(chosen),
                        granted_on=record.granted_on,
                    )
                )
            revoked.revoked_on = revoked_on
            revoked.revocation_note = cleaned
            work.flush()
            return _view(revoked, form)
