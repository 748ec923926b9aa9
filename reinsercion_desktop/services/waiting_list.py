"""The waiting list (lista de espera): order, free places, postponements, assignment, turns lost.

Reads build plain rows for screens and reports: CODAPEL, never names (R-CONF-1). Writes
go through one unit of work each, change the referral's status and append its history
(see referrals.record_step); a refusal is a Spanish UserError and saves nothing.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import Participant, Referral, Stay, Vivienda
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.enums import DischargeType, PostponementReason, ReferralStatus
from reinsercion_desktop.domain.errors import NotFoundError, UserError, ValidationError
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.domain.referral_rules import (
    not_located_deadline,
    not_located_due,
    planned_admission_problem,
    postponement_problem,
    transition_problem,
)
from reinsercion_desktop.domain.waiting_list import (
    FreePlaces,
    Offer,
    Vacancy,
    WaitingListRow,
    assignment_problem,
    consultation_required,
    list_rows,
    needs_decision,
    offer,
    prison_quota_problem,
)
from reinsercion_desktop.security.actors import authorize
from reinsercion_desktop.services.referral_views import ReferralView
from reinsercion_desktop.services.referral_writes import (
    close,
    get_referral,
    record_step,
    required_text,
    returns_view,
)
from reinsercion_desktop.services.referrals import read_referral
from reinsercion_desktop.services.waiting_state import load_listed, load_state, waiting_entry


@dataclass(frozen=True)
class WaitingList:
    rows: list[WaitingListRow]
    free_places: list[FreePlaces]


class WaitingListService:
    def __init__(self, db: Database):
        self.db = db

    def get(self, referral_id: str) -> ReferralView:
        """A listed protocol as screens read it (what each step returns)."""
        return read_referral(self.db, referral_id)

    # -- reading ---------------------------------------------------------------------

    def waiting_list(self) -> WaitingList:
        """Assigned protocols (proceso de admisión) first, then the queue in order (R-WL-1),
        and the free places of each vivienda in force."""
        today = self.db.clock.today()
        with self.db.read() as session:
            state = load_state(session, today)
        rows = list_rows([*state.assigned, *state.entries.values()], today)
        return WaitingList(rows, [state.places(v) for v in state.viviendas])

    def listed_rows(self) -> list[WaitingListRow]:
        """The rows of `waiting_list`, in the same order, without the free places: read
        from the listed protocols alone (no residents, no viviendas), for whoever needs
        only the people (the Anexo II, the reminders)."""
        today = self.db.clock.today()
        with self.db.read() as session:
            assigned, queue = load_listed(session)
        return list_rows([*assigned, *queue.values()], today)

    def free_places(self) -> list[FreePlaces]:
        return self.waiting_list().free_places

    def needing_decision(self) -> list[WaitingListRow]:
        """R-WL-2: postponed past 3 months from inclusion, waiting for a decision."""
        return [row for row in self.listed_rows() if row.needs_decision]

    def not_located_overdue(self) -> list[WaitingListRow]:
        """R-WL-5: assigned more than 2 days ago and still not admitted."""
        today = self.db.clock.today()
        return [
            row
            for row in self.listed_rows()
            if row.assigned_date is not None and not_located_due(row.assigned_date, today)
        ]

    def candidate_for(self, vivienda_id: str, place: str) -> Offer:
        """Who a vacancy of this kind (H, M or X) would go to, and who is passed over."""
        today = self.db.clock.today()
        with self.db.read() as session:
            state = load_state(session, today)
        occupants = state.occupants(vivienda_id)
        return offer(state.entries.values(), Vacancy(vivienda_id, place), occupants, today)

    # -- writing: postponements (R-WL-2) ---------------------------------------------

    @returns_view
    def postpone(
        self, actor: Actor, referral_id: str, reason: str, until: date, note: str = ""
    ) -> Referral:
        authorize(actor, PermissionAction.WAITING_LIST_DECIDE)
        if reason not in set(PostponementReason):
            raise ValidationError(
                {"reason": "Elija el motivo del aplazamiento: familiar, sanitario o prisión."}
            )
        with self.db.unit_of_work(actor) as work:
            referral = get_referral(work, referral_id)
            problem = postponement_problem(
                referral.included_date, until, self.db.clock.today(), referral.keep_decision
            )
            if problem:
                raise ValidationError({"until": problem})
            label = PostponementReason(reason).label.lower()
            record_step(
                work,
                referral,
                ReferralStatus.POSTPONED,
                f"Aplazado hasta el {until:%d/%m/%Y} ({label}) {note}".strip(),
            )
            referral.postponed_reason = reason
            referral.postponed_note = note.strip()[:400]
            referral.postponed_until = until
            # Postponing an assigned protocol gives its place back (the history keeps it).
            referral.vivienda_id = referral.assigned_date = referral.planned_admission_date = None
            return referral

    @returns_view
    def resume(self, actor: Actor, referral_id: str) -> Referral:
        """The reason for the postponement is over: back to waiting, in the same position."""
        authorize(actor, PermissionAction.WAITING_LIST_DECIDE)
        with self.db.unit_of_work(actor) as work:
            referral = get_referral(work, referral_id)
            if referral.status != ReferralStatus.POSTPONED:
                raise UserError("El protocolo no está aplazado.")
            if needs_decision(waiting_entry(referral), self.db.clock.today()):
                raise UserError(
                    "Han pasado más de 3 meses desde la inclusión: registre la decisión de "
                    "mantener el protocolo (con su motivo) o retírelo."
                )
            record_step(work, referral, ReferralStatus.WAITING, "Fin del aplazamiento")
            return referral

    @returns_view
    def decide_after_postponement(
        self,
        actor: Actor,
        referral_id: str,
        *,
        keep: bool,
        reason: str,
        until: date | None = None,
    ) -> Referral:
        """R-WL-2: past 3 months, keep the protocol (with the reason; optionally still
        postponed until a date) or withdraw it."""
        authorize(actor, PermissionAction.WAITING_LIST_DECIDE)
        reason = required_text(reason, "reason", "Escriba el motivo de la decisión.")
        today = self.db.clock.today()
        with self.db.unit_of_work(actor, reason=reason) as work:
            referral = get_referral(work, referral_id)
            if not needs_decision(waiting_entry(referral), today):
                raise UserError(
                    "Este protocolo no necesita decisión: no lleva aplazado más de 3 meses "
                    "desde su inclusión en lista."
                )
            if not keep:
                note = f"Retirado tras aplazamiento: {reason}"
                close(work, referral, ReferralStatus.WITHDRAWN, note)
                return referral
            referral.keep_decision = reason
            if until is not None and until <= today:
                raise ValidationError({"until": "La nueva fecha debe ser posterior a hoy."})
            if until is not None:
                note = f"Se mantiene aplazado hasta el {until:%d/%m/%Y}: {reason}"
                record_step(work, referral, ReferralStatus.POSTPONED, note)
                referral.postponed_until = until
            else:
                record_step(work, referral, ReferralStatus.WAITING, f"Se mantiene: {reason}")
            return referral

    # -- writing: assignment (R-WL-1, R-WL-3, R-WL-4, R-WL-5) -----------------------

    @returns_view
    def assign(
        self,
        actor: Actor,
        referral_id: str,
        vivienda_id: str,
        planned_admission_date: date,
        *,
        consulted_note: str = "",
        court_order_note: str = "",
        vacated_by_stay_id: str | None = None,
    ) -> Referral:
        """Assign a place (proceso de admisión) with a planned admission date.

        The place must fit the person's sex and be free (or be left by `vacated_by_stay_id`,
        a discharge announced or done: R-WL-5 sets the admission window); the person must be
        first for it (R-WL-1, R-WL-4); a prison referral must fit the 20 % quota unless a
        court order forces it, with the note to the court (R-WL-3); with several vacancies
        for the person the referring centre's consultation is recorded (R-WL-1).
        """
        authorize(actor, PermissionAction.WAITING_LIST_ASSIGN)
        with self.db.unit_of_work(actor) as work:
            referral = get_referral(work, referral_id)
            self._assign(
                work,
                referral,
                vivienda_id,
                planned_admission_date,
                consulted_note=consulted_note,
                court_order_note=court_order_note,
                vacated_by_stay_id=vacated_by_stay_id,
            )
            return referral

    @returns_view
    def resign(self, actor: Actor, referral_id: str, reason: str) -> Referral:
        """Renuncia: the person gives up the place or the list (reported six-monthly)."""
        authorize(actor, PermissionAction.WAITING_LIST_DECIDE)
        reason = required_text(reason, "reason", "Escriba el motivo de la renuncia.")
        with self.db.unit_of_work(actor) as work:
            referral = get_referral(work, referral_id)
            close(work, referral, ReferralStatus.RESIGNED, reason)
            return referral

    def mark_not_located(
        self, actor: Actor, referral_id: str, note: str = "", *, assign_next: bool = True
    ) -> tuple[ReferralView, ReferralView | None]:
        """R-WL-5: not located within 2 days of assignment → loses the turn; the place goes
        to the next person for it (returned), with the same planned date or tomorrow."""
        authorize(actor, PermissionAction.WAITING_LIST_DECIDE)
        lost, following = self._not_located(actor, referral_id, note, assign_next)
        return self.get(lost.id), self.get(following.id) if following is not None else None

    def _not_located(
        self, actor: Actor, referral_id: str, note: str, assign_next: bool
    ) -> tuple[Referral, Referral | None]:
        today = self.db.clock.today()
        with self.db.unit_of_work(actor) as work:
            referral = get_referral(work, referral_id)
            if referral.status != ReferralStatus.ASSIGNED or referral.assigned_date is None:
                raise UserError("Solo pierde el turno un protocolo con plaza asignada.")
            if not not_located_due(referral.assigned_date, today):
                deadline = not_located_deadline(referral.assigned_date)
                raise UserError(
                    f"Hay hasta el {deadline:%d/%m/%Y} para localizar a la persona (2 días desde "
                    "la asignación): siga intentándolo hasta entonces."
                )
            vivienda_id, planned = referral.vivienda_id, referral.planned_admission_date
            participant = work.get(Participant, referral.participant_id)
            close(work, referral, ReferralStatus.NOT_LOCATED, note.strip() or "No localizado/a")
            work.flush()
            if not assign_next or vivienda_id is None:
                return referral, None
            following = self._next_for(work, vivienda_id, participant.sex)
            if following is None:
                return referral, None
            self._assign(
                work,
                following,
                vivienda_id,
                max(planned or today, today + timedelta(days=1)),
                consulted_note="",
                court_order_note=following.court_order_note,
                skip_consultation=True,
                why="tras la no localización de la persona anterior",
            )
            return referral, following

    # -- internals -------------------------------------------------------------------

    def _assign(  # type: ignore[no-untyped-def]
        self,
        work,
        referral: Referral,
        vivienda_id: str,
        planned: date,
        *,
        consulted_note: str,
        court_order_note: str,
        vacated_by_stay_id: str | None = None,
        skip_consultation: bool = False,
        why: str = "",
    ) -> None:
        today = self.db.clock.today()
        problem = transition_problem(referral.status, ReferralStatus.ASSIGNED)
        if problem:
            raise UserError(problem)
        vivienda = work.get(Vivienda, vivienda_id)
        if vivienda is None:
            raise NotFoundError("La vivienda ya no existe.")
        stay_type, stay_date = self._vacated(work, vacated_by_stay_id, vivienda_id)
        problem = planned_admission_problem(planned, today, stay_type, stay_date)
        if problem:
            raise ValidationError({"planned_admission_date": problem})
        state = load_state(work.session, today, exclude_stay_id=vacated_by_stay_id)
        if vivienda.id not in {v.id for v in state.viviendas}:
            raise UserError(f"{vivienda.name} no está en vigor hoy: elija otra vivienda.")
        entry = state.entries.get(referral.id)
        if entry is None:
            raise UserError("Solo se asigna plaza a un protocolo que está en lista de espera.")
        occupants = state.occupants(vivienda.id)
        problem = assignment_problem(
            entry, state.entries.values(), state.places(vivienda), occupants, today
        )
        if problem:
            raise UserError(problem)
        override = prison_quota_problem(occupants, entry.prison, False) is not None
        note = court_order_note.strip() or referral.court_order_note
        if override and not note:
            raise ValidationError(
                {
                    "court_order_note": "El ingreso por orden judicial supera el 20 % de "
                    "derivaciones de prisión: anote la comunicación al Juzgado sobre el recurso "
                    "y el procedimiento ordinario de ingreso."
                }
            )
        free_for_sex = sum(state.places(v).free_for(entry.sex) for v in state.viviendas)
        if not skip_consultation and consultation_required(free_for_sex):
            consulted_note = consulted_note.strip()
            if not consulted_note:
                raise ValidationError(
                    {
                        "centre_consulted_note": f"Hay {free_for_sex} plazas libres para "
                        "esta persona: consulte al centro derivador qué vivienda prefiere y anote "
                        "la consulta (con quién y qué se acordó)."
                    }
                )
            referral.centre_consulted_note = consulted_note[:400]
        parts = [f"Plaza en {vivienda.name}, ingreso previsto el {planned:%d/%m/%Y}"]
        if entry.has_priority(today, vivienda.id):
            parts.append("prioridad de reingreso (alta derivada)")
        if override:
            parts.append("orden judicial: ingreso obligado pese al cupo del 20 %")
            referral.court_order_note = note[:400]
        if why:
            parts.append(why)
        record_step(work, referral, ReferralStatus.ASSIGNED, "; ".join(parts))
        referral.vivienda_id = vivienda.id
        referral.assigned_date = today
        referral.planned_admission_date = planned

    @staticmethod
    def _vacated(work, stay_id: str | None, vivienda_id: str) -> tuple[str | None, date | None]:  # type: ignore[no-untyped-def]
        """The discharge that frees the place, for the R-WL-5 admission window."""
        if stay_id is None:
            return None, None
        stay = work.get(Stay, stay_id)
        if stay is None or stay.vivienda_id != vivienda_id:
            raise ValidationError({"vacated_by_stay_id": "Esa estancia no es de esta vivienda."})
        if stay.discharge_date is not None:
            return stay.discharge_type or None, stay.discharge_date
        if stay.discharge_notice_date is None or stay.planned_discharge_date is None:
            raise UserError(
                "La estancia sigue abierta y su alta no está anunciada: la plaza aún no se "
                "puede asignar."
            )
        return DischargeType.THERAPEUTIC.value, stay.planned_discharge_date

    def _next_for(self, work, vivienda_id: str, sex: str) -> Referral | None:  # type: ignore[no-untyped-def]
        """The next person for a place of this vivienda just given up by someone of `sex`."""
        today = self.db.clock.today()
        state = load_state(work.session, today)
        vivienda = next((v for v in state.viviendas if v.id == vivienda_id), None)
        if vivienda is None:
            return None
        for kind in state.places(vivienda).vacancy_kinds(sex):
            chosen = offer(
                state.entries.values(),
                Vacancy(vivienda_id, kind),
                state.occupants(vivienda_id),
                today,
            )
            if chosen.entry is None:
                continue
            following = get_referral(work, chosen.entry.referral_id)
            # A court-ordered admission over the quota needs its note to the court first.
            return None if chosen.court_override and not following.court_order_note else following
        return None
