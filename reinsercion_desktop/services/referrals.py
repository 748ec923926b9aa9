"""Referrals (protocolos de derivación, Anexo I): from draft to the waiting list.

draft → complete → sent → received → waiting, or incomplete (cause) → fixed (subsanación).
Each step is one unit of work (audited) that changes the status and appends a
ReferralEvent, so the history is complete; a refusal raises a Spanish UserError and
saves nothing. The waiting list itself (postpone, assign, resign…) is in waiting_list.py.
Screens read `ReferralView`s (referral_views.py): every read and every step returns one.
"""

import json
from dataclasses import dataclass, field
from datetime import date

from reinsercion_desktop.db import participant_circuit_queries as circuit
from reinsercion_desktop.db import queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import (
    FormInstance,
    Participant,
    Referral,
    ReferralEvent,
    ReferringCentre,
)
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.enums import (
    Consensus,
    ParticipantStatus,
    ReferralStatus,
    ReferringCentreKind,
)
from reinsercion_desktop.domain.errors import NotFoundError, UserError, ValidationError
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.domain.referral_rules import (
    EDITABLE,
    ESCALATION_CAUSE,
    ReferralFacts,
    completion_problems,
    fix_problem,
    is_escalated,
    open_protocol_problem,
    readmission_priority,
    received_date_problem,
)
from reinsercion_desktop.security.actors import authorize
from reinsercion_desktop.services.referral_views import (
    AnexoChoice,
    CentreChoice,
    IncompleteProtocol,
    ReferralChoices,
    ReferralEventView,
    ReferralView,
    referral_view,
)
from reinsercion_desktop.services.referral_writes import (
    NOTE_LIMIT,
    close,
    get_referral,
    record_incomplete,
    record_step,
    require_step,
    required_text,
    returns_view,
    set_participant_status,
)

ANEXO_I = "anexo-i"


@dataclass
class ReferralDraft:
    """The rule-bearing part of a protocol as edited (the rest lives in the Anexo I form).

    `referring_centre_id` None means "the participant's referring centre".
    """

    protocol_date: date | None = None
    referring_centre_id: str | None = None
    origin_centre_id: str | None = None
    form_instance_id: str | None = None
    consensus: str = Consensus.NOT_NEEDED
    exclusion_criteria: tuple[str, ...] = field(default_factory=tuple)
    exclusion_override: str = ""
    voluntary: bool = False
    court_order_note: str = ""


def read_referrals(db: Database, **which: str) -> list[ReferralView]:
    """Protocols as screens read them (`participant_id=` or `referral_id=`), each with its
    history and names, in one session."""
    # The exchange's tables load with the first file opened, not with the window.
    from reinsercion_desktop.services.exchange_states import state_labels

    with db.read() as session:
        rows = circuit.referral_rows(session=session, **which)
        events = circuit.events_of(session=session, referral_ids=[r.referral.id for r in rows])
        exchanged = state_labels(session=session, ids=[r.referral.id for r in rows]) or {}
    by_referral: dict[str, list[ReferralEventView]] = {}
    for event in events:
        by_referral.setdefault(event.referral_id, []).append(ReferralEventView.of(event))
    return [
        referral_view(
            row.referral,
            tuple(by_referral.get(row.referral.id, ())),
            referring_centre=row.referring_centre,
            origin_centre=row.origin_centre,
            vivienda=row.vivienda,
            exchange=exchanged.get(row.referral.id),
        )
        for row in rows
    ]


def read_referral(db: Database, referral_id: str) -> ReferralView:
    found = read_referrals(db, referral_id=referral_id)
    if not found:
        raise NotFoundError("La derivación ya no existe.")
    return found[0]


class ReferralService:
    def __init__(self, db: Database):
        self.db = db

    # -- reading ---------------------------------------------------------------------

    def get(self, referral_id: str) -> ReferralView:
        """One protocol with its history and names."""
        return read_referral(self.db, referral_id)

    def history(self, referral_id: str) -> list[ReferralEventView]:
        return list(self.get(referral_id).events)

    def of_participant(self, participant_id: str) -> list[ReferralView]:
        """The person's protocols, oldest first, each with its history: one read."""
        return read_referrals(self.db, participant_id=participant_id)

    def choices(self, participant_id: str, current_centre_id: str | None = None) -> ReferralChoices:
        """What a protocol of this person may name: the active referring centres (and the
        one it already names), and the person's Anexo I forms to link."""
        with self.db.read() as session:
            centres = queries.referring_centres(session=session)
            anexos = circuit.anexo_forms(
                session=session, participant_id=participant_id, form_id=ANEXO_I
            )
        return ReferralChoices(
            centres=tuple(
                CentreChoice(c.id, c.kind, c.name, c.active)
                for c in centres
                if c.active or c.id == current_centre_id
            ),
            anexos=tuple(AnexoChoice(a.id, a.status, a.updated_at) for a in anexos),
        )

    def incomplete_protocols(self, start: date, end: date) -> list[IncompleteProtocol]:
        """R-REF-1: incomplete protocols with their cause and fix, by referring centre."""
        with self.db.read() as session:
            rows = queries.incomplete_referral_rows(session=session, start=start, end=end)
        return [IncompleteProtocol(*row) for row in rows]

    # -- writing ---------------------------------------------------------------------

    @returns_view
    def create(
        self, actor: Actor, participant_id: str, draft: ReferralDraft | None = None
    ) -> Referral:
        """A draft protocol for the person, from their referring centre; prison and court
        order are taken from the file (prison also when the EAIIPP refers)."""
        authorize(actor, PermissionAction.REFERRAL_EDIT)
        draft = draft or ReferralDraft()
        with self.db.unit_of_work(actor) as work:
            participant = work.get(Participant, participant_id)
            if participant is None:
                raise NotFoundError("La ficha ya no existe.")
            if participant.archived_at is not None:
                raise UserError(
                    "La ficha está archivada: restáurela antes de crear una derivación."
                )
            others = queries.referrals_of(session=work.session, participant_id=participant_id)
            problem = open_protocol_problem([other.status for other in others])
            if problem:
                raise UserError(problem)
            referral = Referral(
                participant_id=participant.id,
                protocol_date=draft.protocol_date or self.db.clock.today(),
                status=ReferralStatus.DRAFT.value,
            )
            self._apply(work, referral, participant, draft)
            work.add(referral)
            work.flush()  # the history event refers to it
            work.add(
                ReferralEvent(
                    referral_id=referral.id,
                    on_date=self.db.clock.today(),
                    status=ReferralStatus.DRAFT.value,
                    note="Protocolo creado",
                )
            )
            return referral

    @returns_view
    def update(self, actor: Actor, referral_id: str, draft: ReferralDraft) -> Referral:
        """Edit a draft or incomplete protocol (a sent one changes only by a fix)."""
        authorize(actor, PermissionAction.REFERRAL_EDIT)
        with self.db.unit_of_work(actor) as work:
            referral = get_referral(work, referral_id)
            if ReferralStatus(referral.status) not in EDITABLE:
                raise UserError(
                    "Solo se modifica un protocolo en borrador o incompleto; "
                    "para corregir otro, márquelo como incompleto y registre la subsanación."
                )
            participant = work.get(Participant, referral.participant_id)
            if draft.protocol_date is not None:
                referral.protocol_date = draft.protocol_date
            self._apply(work, referral, participant, draft)
            return referral

    @returns_view
    def mark_complete(self, actor: Actor, referral_id: str) -> Referral:
        """R-ADM-2, R-ADM-4, R-REF-4 and the linked Anexo I must be in order.

        A CT referral in discrepancy with its CTA is not completed: it is recorded as
        incomplete with the escalation to the Comisionado as its cause (R-REF-4); the
        Comisionado's answer is then recorded as its fix.
        """
        authorize(actor, PermissionAction.REFERRAL_CHECK)
        with self.db.unit_of_work(actor) as work:
            referral = get_referral(work, referral_id)
            if referral.status == ReferralStatus.INCOMPLETE:
                raise UserError(
                    "El protocolo está incompleto: registre la subsanación (qué se aportó y "
                    "cuándo) en lugar de marcarlo como completo."
                )
            require_step(referral, ReferralStatus.COMPLETE)
            facts = self._facts(work, referral)
            problems = completion_problems(facts)
            if problems:
                raise ValidationError(problems)
            if is_escalated(facts.centre_kind, facts.consensus):
                record_incomplete(work, referral, ESCALATION_CAUSE)
                return referral
            record_step(work, referral, ReferralStatus.COMPLETE, "Protocolo completo")
            return referral

    @returns_view
    def mark_incomplete(self, actor: Actor, referral_id: str, cause: str) -> Referral:
        """R-REF-1: the protocol stays out of the list; its cause is kept for the report."""
        authorize(actor, PermissionAction.REFERRAL_CHECK)
        cause = required_text(cause, "cause", "Escriba qué falta o qué está mal en el protocolo.")
        with self.db.unit_of_work(actor) as work:
            referral = get_referral(work, referral_id)
            record_incomplete(work, referral, cause)
            return referral

    @returns_view
    def record_fix(
        self,
        actor: Actor,
        referral_id: str,
        note: str,
        *,
        fixed_date: date | None = None,
        consensus: str | None = None,
    ) -> Referral:
        """R-REF-1: the subsanación, with its date and what was fixed; the cause is kept.

        The protocol returns to received (if the office had received it) or complete,
        after the completion rules are checked again. For an escalated discrepancy, pass
        the Comisionado's outcome as `consensus` ("consensuado").
        """
        authorize(actor, PermissionAction.REFERRAL_CHECK)
        today = self.db.clock.today()
        fixed_date = fixed_date or today
        with self.db.unit_of_work(actor) as work:
            referral = get_referral(work, referral_id)
            if referral.status != ReferralStatus.INCOMPLETE:
                raise UserError("Solo se subsana un protocolo marcado como incompleto.")
            since = self._incomplete_since(work, referral)
            problem = fix_problem(fixed_date, note, since, today)
            if problem:
                raise ValidationError({"fix_note": problem})
            note = required_text(note, "fix_note", "Escriba qué se ha subsanado.")
            if consensus is not None:
                referral.consensus = consensus
            facts = self._facts(work, referral)
            problems = completion_problems(facts)
            if not problems and is_escalated(facts.centre_kind, facts.consensus):
                problems["consensus"] = (
                    "Sigue constando la discrepancia con el CTA: registre la resolución del "
                    "Comisionado (consensuado) o retire el protocolo."
                )
            if problems:
                raise ValidationError(problems)
            target = ReferralStatus.RECEIVED if referral.received_date else ReferralStatus.COMPLETE
            record_step(work, referral, target, f"Subsanado: {note}")
            referral.fixed_date = fixed_date
            referral.fix_note = note
            return referral

    @returns_view
    def send(self, actor: Actor, referral_id: str) -> Referral:
        authorize(actor, PermissionAction.REFERRAL_SEND)
        with self.db.unit_of_work(actor) as work:
            referral = get_referral(work, referral_id)
            record_step(work, referral, ReferralStatus.SENT, "Enviado a la oficina coordinadora")
            return referral

    @returns_view
    def receive(
        self, actor: Actor, referral_id: str, received_date: date | None = None
    ) -> Referral:
        """The office has the protocol: its received date orders the list (R-WL-1)."""
        authorize(actor, PermissionAction.REFERRAL_RECEIVE)
        today = self.db.clock.today()
        received_date = received_date or today
        with self.db.unit_of_work(actor) as work:
            referral = get_referral(work, referral_id)
            problem = received_date_problem(received_date, referral.protocol_date, today)
            if problem:
                raise ValidationError({"received_date": problem})
            if referral.status == ReferralStatus.INCOMPLETE and referral.fixed_date is None:
                # R-REF-1: an incomplete protocol comes back only through its fix.
                raise UserError(
                    f"El protocolo está incompleto ({referral.incomplete_cause}): anote antes su "
                    "subsanación."
                )
            record_step(
                work, referral, ReferralStatus.RECEIVED, f"Recibido el {received_date:%d/%m/%Y}"
            )
            referral.received_date = received_date
            return referral

    @returns_view
    def include(
        self, actor: Actor, referral_id: str, included_date: date | None = None
    ) -> Referral:
        """R-REF-1: a received, complete protocol enters the waiting list.

        R-WL-4: if the person's last stay ended in a derived discharge less than 4 months
        ago, the protocol takes the readmission priority for that vivienda.
        """
        authorize(actor, PermissionAction.REFERRAL_INCLUDE)
        today = self.db.clock.today()
        included_date = included_date or today
        with self.db.unit_of_work(actor) as work:
            referral = get_referral(work, referral_id)
            if referral.status == ReferralStatus.INCOMPLETE:
                raise UserError(
                    f"El protocolo está incompleto ({referral.incomplete_cause}): registre la "
                    "subsanación antes de incluirlo en la lista de espera."
                )
            require_step(referral, ReferralStatus.WAITING)
            facts = self._facts(work, referral)
            problems = completion_problems(facts)
            if problems:
                raise ValidationError(problems)
            if is_escalated(facts.centre_kind, facts.consensus):
                raise UserError(ESCALATION_CAUSE + " No entra en lista hasta su resolución.")
            if referral.received_date and not (referral.received_date <= included_date <= today):
                raise ValidationError(
                    {"included_date": "La fecha de inclusión va de la recepción a hoy."}
                )
            note = "Incluido en lista de espera"
            stay = queries.last_discharged_stay(
                session=work.session, participant_id=referral.participant_id
            )
            if stay is not None:
                priority = readmission_priority(
                    stay.discharge_type, stay.discharge_date, stay.vivienda_id, included_date
                )
                if priority is not None:
                    referral.priority_until, referral.priority_vivienda_id = priority
                    note += (
                        f"; prioridad de reingreso (alta derivada) hasta el {priority[0]:%d/%m/%Y}"
                    )
            record_step(work, referral, ReferralStatus.WAITING, note)
            referral.included_date = included_date
            set_participant_status(work, referral.participant_id, ParticipantStatus.WAITING)
            return referral

    @returns_view
    def withdraw(self, actor: Actor, referral_id: str, reason: str) -> Referral:
        authorize(actor, PermissionAction.REFERRAL_WITHDRAW)
        reason = required_text(reason, "reason", "Escriba por qué se retira el protocolo.")
        with self.db.unit_of_work(actor, reason=reason) as work:
            referral = get_referral(work, referral_id)
            close(work, referral, ReferralStatus.WITHDRAWN, reason)
            return referral

    # -- internals -------------------------------------------------------------------

    def _apply(self, work, referral: Referral, participant, draft: ReferralDraft) -> None:  # type: ignore[no-untyped-def]
        centre_id = draft.referring_centre_id or participant.referring_centre_id
        centre = work.get(ReferringCentre, centre_id) if centre_id else None
        if centre_id and centre is None:
            raise ValidationError({"referring_centre": "El centro derivador ya no existe."})
        if draft.form_instance_id:
            form = work.get(FormInstance, draft.form_instance_id)
            if form is None or form.form_id != ANEXO_I or form.participant_id != participant.id:
                raise ValidationError(
                    {"form": "El formulario vinculado no es un Anexo I de esta persona."}
                )
        for name in ("exclusion_override", "court_order_note"):
            if len(getattr(draft, name).strip()) > NOTE_LIMIT:
                raise ValidationError({name: f"Demasiado largo: máximo {NOTE_LIMIT} caracteres."})
        referral.referring_centre_id = centre_id
        referral.origin_centre_id = draft.origin_centre_id
        referral.form_instance_id = draft.form_instance_id
        referral.consensus = draft.consensus
        referral.exclusion_criteria = json.dumps(list(draft.exclusion_criteria))
        referral.exclusion_override = draft.exclusion_override.strip()
        referral.voluntary = draft.voluntary
        referral.prison = participant.prison_origin or (
            centre is not None and centre.kind == ReferringCentreKind.EAIIPP
        )
        referral.court_order = participant.court_order
        referral.court_order_note = draft.court_order_note.strip()

    @staticmethod
    def _facts(work, referral: Referral) -> ReferralFacts:  # type: ignore[no-untyped-def]
        centre = (
            work.get(ReferringCentre, referral.referring_centre_id)
            if referral.referring_centre_id
            else None
        )
        form = (
            work.get(FormInstance, referral.form_instance_id) if referral.form_instance_id else None
        )
        return ReferralFacts(
            centre_kind=centre.kind if centre else None,
            centre_name=centre.name if centre else "",
            centre_active=centre.active if centre else False,
            consensus=referral.consensus,
            exclusion_criteria=tuple(json.loads(referral.exclusion_criteria or "[]")),
            exclusion_override=referral.exclusion_override,
            form_status=form.status if form else None,
        )

    @staticmethod
    def _incomplete_since(work, referral: Referral) -> date | None:  # type: ignore[no-untyped-def]
        events = queries.referral_events(session=work.session, referral_id=referral.id)
        dates = [e.on_date for e in events if e.status == ReferralStatus.INCOMPLETE]
        return dates[-1] if dates else None
