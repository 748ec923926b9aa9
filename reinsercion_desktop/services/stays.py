"""Stays (estancias): admission, outings, controls, incidents, planned discharge, discharge.

Every write is one unit of work (audited, all or nothing): the rules of
`domain/stay_rules.py` are checked inside it, on what the database holds at that
moment, and a refusal raises before anything is written. Screens read `StayView`s
(stay_views.py): a stay with everything that happened during it, in one read.
"""

from dataclasses import dataclass
from datetime import date

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import (
    EconomicContribution,
    Incident,
    Outing,
    Participant,
    Referral,
    ReferralEvent,
    Stay,
    ToxControl,
    Vivienda,
)
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.enums import (
    OutingKind,
    ParticipantStatus,
    Programme,
    ReferralStatus,
)
from reinsercion_desktop.domain.errors import NotFoundError, UserError, ValidationError
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.domain.stay_rules import (
    SEVERITIES,
    TOX_RESULTS,
    ContributionDraft,
    OutingFacts,
    Problems,
    StayFacts,
    check_admission,
    check_contribution,
    check_discharge,
    check_outing,
    check_planned_discharge,
    event_date_problem,
    outing_warnings,
)
from reinsercion_desktop.security.actors import authorize
from reinsercion_desktop.services.forms import FormInstanceView, FormService
from reinsercion_desktop.services.stay_reads import (
    CONSENT_FORM_ID,
    admission_options,
    admission_request,
    read_stays,
)
from reinsercion_desktop.services.stay_views import (
    AdmissionOptions,
    ContributionView,
    IncidentView,
    OutingView,
    StayView,
    ToxControlView,
)

LIMITS = {
    "reason": 400,
    "abandonment_reason": 400,
    "purpose": 400,
    "justification": 2000,
    "description": 2000,
    "substances": 100,
    "income_origin": 100,
    "family_circumstances": 1000,
    "authorised_by": 120,
}


@dataclass(frozen=True)
class Recorded:
    """What a write saved (a view), with the R-STAY-1 warnings it raised (shown, not refused)."""

    record: OutingView | StayView
    warnings: list[str]


def _refuse_if(problems: Problems) -> None:
    if problems:
        raise ValidationError(problems)


def _check_lengths(**texts: str) -> None:
    _refuse_if(
        {
            name: f"El texto es demasiado largo (máx. {LIMITS[name]} caracteres)."
            for name, text in texts.items()
            if len(text) > LIMITS[name]
        }
    )


def _outings(session, stay_id: str) -> list[OutingFacts]:  # type: ignore[no-untyped-def]
    return [OutingFacts.of(o) for o in queries.stay_outings(session=session, stay_id=stay_id)]


class StayService:
    def __init__(self, db: Database, forms: FormService | None = None):
        self.db = db
        self.forms = forms

    # -- reading ---------------------------------------------------------------------

    def stays_of(self, participant_id: str) -> list[StayView]:
        """A person's stays, oldest first, each with its outings, controls, incidents,
        contributions and today's warnings: one read."""
        return read_stays(self.db, participant_id=participant_id)

    def stay(self, stay_id: str) -> StayView:
        found = read_stays(self.db, stay_id=stay_id)
        if not found:
            raise NotFoundError("La estancia ya no existe.")
        return found[0]

    def open_stay_of(self, participant_id: str) -> StayView | None:
        return next((s for s in self.stays_of(participant_id) if s.is_open), None)

    def outings_of(self, stay_id: str) -> list[OutingView]:
        return list(self.stay(stay_id).outings)

    def tox_controls_of(self, stay_id: str) -> list[ToxControlView]:
        return list(self.stay(stay_id).tox_controls)

    def incidents_of(self, stay_id: str) -> list[IncidentView]:
        return list(self.stay(stay_id).incidents)

    def contributions_of(self, stay_id: str) -> list[ContributionView]:
        return list(self.stay(stay_id).contributions)

    def warnings_for(self, stay_id: str) -> list[str]:
        """R-STAY-1 warnings and the R-STAY-2 missing justification of one stay, today."""
        return list(self.stay(stay_id).warnings)

    def admission_options(self, participant_id: str) -> AdmissionOptions:
        """What an admission of this person may be recorded with (R-ADM-2, R-ADM-3)."""
        return admission_options(self.db, participant_id)

    # -- admission (R-ADM-1, R-ADM-3, R-DIS-2) -------------------------------------------

    def start_consent(self, actor: Actor, participant_id: str) -> FormInstanceView:
        """A new draft of the informed consent, prefilled, for the admission dialog to offer."""
        authorize(actor, PermissionAction.STAY_ADMIT)
        if self.forms is None:
            raise UserError("Los formularios no están disponibles aquí.")
        return self.forms.create(actor, CONSENT_FORM_ID, participant_id)

    def admit(
        self,
        actor: Actor,
        referral_id: str,
        vivienda_id: str,
        admission_date: date,
        programme: str = Programme.DRUG_FREE,
    ) -> StayView:
        """Ingreso: the stay, the referral marked admitted (with its event), the person in residence."""
        authorize(actor, PermissionAction.STAY_ADMIT)
        today = self.db.clock.today()
        with self.db.unit_of_work(actor) as work:
            session = work.session
            referral = work.get(Referral, referral_id)
            if referral is None:
                raise NotFoundError("El protocolo de derivación ya no existe.")
            vivienda = work.get(Vivienda, vivienda_id)
            if vivienda is None:
                raise NotFoundError("La vivienda ya no existe.")
            person = work.get(Participant, referral.participant_id)
            if person is None:
                raise NotFoundError("La ficha ya no existe.")
            if person.archived_at is not None:
                raise UserError(
                    "La ficha está archivada: restáurela antes de registrar el ingreso."
                )
            request = admission_request(
                session, referral, vivienda, person, admission_date, str(programme), today
            )
            _refuse_if(check_admission(request))
            stay = work.add(
                Stay(
                    participant_id=person.id,
                    referral_id=referral.id,
                    vivienda_id=vivienda.id,
                    admission_date=admission_date,
                    programme=str(programme),
                    prison=referral.prison,
                    court_order=referral.court_order,
                )
            )
            referral.status = ReferralStatus.ADMITTED.value
            referral.vivienda_id = vivienda.id
            work.add(
                ReferralEvent(
                    referral_id=referral.id,
                    on_date=admission_date,
                    status=ReferralStatus.ADMITTED.value,
                    note=f"Ingreso en {vivienda.name}"[:400],
                )
            )
            person.status = ParticipantStatus.RESIDENT.value
            person.vivienda_id = vivienda.id
        return self.stay(stay.id)

    # -- during the stay (R-STAY-1) --------------------------------------------------------

    def record_outing(
        self,
        actor: Actor,
        stay_id: str,
        start_date: date,
        end_date: date,
        kind: str = OutingKind.ORDINARY,
        purpose: str = "",
    ) -> Recorded:
        """A therapeutic outing (planned or taken); overlaps and dates outside the stay refused."""
        authorize(actor, PermissionAction.STAY_RECORD)
        _check_lengths(purpose=purpose)
        with self.db.unit_of_work(actor) as work:
            stay = self._get(work, stay_id)
            others = _outings(work.session, stay_id)
            new = OutingFacts(start_date, end_date, str(kind))
            _refuse_if(check_outing(StayFacts.of(stay), new, others))
            outing = work.add(
                Outing(
                    stay_id=stay.id,
                    start_date=start_date,
                    end_date=end_date,
                    kind=str(kind),
                    purpose=purpose.strip(),
                )
            )
            warnings = outing_warnings(StayFacts.of(stay), [*others, new], self.db.clock.today())
        return Recorded(OutingView.of(outing), warnings)

    def cancel_outing(self, actor: Actor, outing_id: str, reason: str) -> None:
        """Remove an outing recorded by mistake or called off (audited with the reason)."""
        authorize(actor, PermissionAction.STAY_RECORD)
        reason = reason.strip()
        if not reason:
            raise ValidationError({"reason": "Indique por qué se anula la salida."})
        _check_lengths(reason=reason)
        with self.db.unit_of_work(actor, reason=reason) as work:
            outing = work.get(Outing, outing_id)
            if outing is None:
                raise NotFoundError("La salida ya no existe.")
            work.session.delete(outing)

    def record_tox_control(
        self,
        actor: Actor,
        stay_id: str,
        on_date: date,
        result: str,
        *,
        substances: str = "",
        after_outing: bool = False,
    ) -> ToxControlView:
        authorize(actor, PermissionAction.STAY_RECORD)
        _check_lengths(substances=substances)
        if result not in TOX_RESULTS:
            raise ValidationError({"result": "Elija el resultado: negativo, positivo o no válido."})
        with self.db.unit_of_work(actor) as work:
            stay = self._get(work, stay_id)
            self._refuse_event_date(stay, on_date)
            control = work.add(
                ToxControl(
                    stay_id=stay.id,
                    on_date=on_date,
                    result=result,
                    substances=substances.strip(),
                    after_outing=after_outing,
                )
            )
        return ToxControlView.of(control)

    def record_incident(
        self, actor: Actor, stay_id: str, on_date: date, description: str, severity: str = "leve"
    ) -> IncidentView:
        authorize(actor, PermissionAction.STAY_RECORD)
        description = description.strip()
        if not description:
            raise ValidationError({"description": "Describa la incidencia."})
        if severity not in SEVERITIES:
            raise ValidationError({"severity": "Elija la gravedad: leve, grave o muy grave."})
        _check_lengths(description=description)
        with self.db.unit_of_work(actor) as work:
            stay = self._get(work, stay_id)
            self._refuse_event_date(stay, on_date)
            incident = work.add(
                Incident(
                    stay_id=stay.id, on_date=on_date, description=description, severity=severity
                )
            )
        return IncidentView.of(incident)

    # -- length (R-STAY-2) and discharge (R-DIS-1) ----------------------------------------------

    def set_planned_discharge(
        self, actor: Actor, stay_id: str, planned: date, justification: str = ""
    ) -> Recorded:
        """Alta prevista; past 9 months only with the written justification (R-STAY-2)."""
        authorize(actor, PermissionAction.STAY_DISCHARGE)
        justification = justification.strip()
        _check_lengths(justification=justification)
        with self.db.unit_of_work(actor) as work:
            stay = self._get(work, stay_id)
            if justification:
                stay.over_9_months_justification = justification
            facts = StayFacts.of(stay)
            today = self.db.clock.today()
            _refuse_if(check_planned_discharge(facts, planned, today))
            stay.planned_discharge_date = planned
            outings = _outings(work.session, stay_id)
            warnings = outing_warnings(StayFacts.of(stay), outings, today)
        return Recorded(self.stay(stay_id), warnings)

    def justify_long_stay(self, actor: Actor, stay_id: str, justification: str) -> StayView:
        """The written reasons (coordinated with the CTA) for a stay beyond 9 months."""
        authorize(actor, PermissionAction.STAY_RECORD)
        justification = justification.strip()
        if not justification:
            raise ValidationError({"justification": "Escriba la justificación."})
        _check_lengths(justification=justification)
        with self.db.unit_of_work(actor) as work:
            stay = self._get(work, stay_id)
            stay.over_9_months_justification = justification
        return self.stay(stay_id)

    def record_discharge_notice(self, actor: Actor, stay_id: str, notice_date: date) -> StayView:
        """The notice of the discharge sent to the office (R-STAY-3): 15 days ahead of a
        planned therapeutic discharge, at once for the others. It settles the reminder and
        lets the office assign the place ahead (R-WL-5)."""
        authorize(actor, PermissionAction.STAY_DISCHARGE)
        if notice_date > self.db.clock.today():
            raise ValidationError(
                {"notice_date": "La fecha del aviso no puede ser posterior a hoy."}
            )
        with self.db.unit_of_work(actor) as work:
            stay = self._get(work, stay_id)
            if notice_date < stay.admission_date:
                raise ValidationError({"notice_date": "El aviso no puede ser anterior al ingreso."})
            if stay.discharge_date is None and stay.planned_discharge_date is None:
                raise ValidationError(
                    {"notice_date": "Indique primero el alta prevista: el aviso anuncia esa fecha."}
                )
            stay.discharge_notice_date = notice_date
        return self.stay(stay_id)

    def discharge(
        self,
        actor: Actor,
        stay_id: str,
        discharge_date: date,
        discharge_type: str,
        reason: str = "",
        criterion: str = "",
        abandonment_reason: str = "",
        *,
        justification: str = "",
    ) -> StayView:
        """Alta: closes the stay; the person is "de alta" unless another stay is open."""
        authorize(actor, PermissionAction.STAY_DISCHARGE)
        reason, abandonment_reason = reason.strip(), abandonment_reason.strip()
        justification = justification.strip()
        _check_lengths(
            reason=reason, abandonment_reason=abandonment_reason, justification=justification
        )
        with self.db.unit_of_work(actor) as work:
            stay = self._get(work, stay_id)
            if justification:
                stay.over_9_months_justification = justification
            session = work.session
            rows = queries.participant_stay_rows(
                session=session, participant_id=stay.participant_id
            )
            others = [StayFacts.of(s) for s, _name in rows if s.id != stay.id]
            outings = _outings(session, stay_id)
            problems = check_discharge(
                StayFacts.of(stay),
                discharge_date=discharge_date,
                discharge_type=str(discharge_type),
                criterion=str(criterion or ""),
                today=self.db.clock.today(),
                other_stays=others,
                outings=outings,
            )
            _refuse_if(problems)
            stay.discharge_date = discharge_date
            stay.discharge_type = str(discharge_type)
            stay.discharge_reason = reason
            stay.disciplinary_criterion = str(criterion or "")
            stay.abandonment_reason = abandonment_reason
            person = work.get(Participant, stay.participant_id)
            if person is not None and not any(s.is_open for s in others):
                person.status = ParticipantStatus.DISCHARGED.value
                person.vivienda_id = None
        return self.stay(stay_id)

    # -- R-ECO-1 -------------------------------------------------------------------------------

    def add_contribution(
        self, actor: Actor, stay_id: str, draft: ContributionDraft
    ) -> ContributionView:
        """Aportación económica: ≤ 20 % of the cost per place and day, with prior authorisation."""
        authorize(actor, PermissionAction.STAY_RECORD)
        _check_lengths(
            income_origin=draft.income_origin,
            family_circumstances=draft.family_circumstances,
            authorised_by=draft.authorised_by,
        )
        with self.db.unit_of_work(actor) as work:
            stay = self._get(work, stay_id)
            installation = queries.local_installation(session=work.session)
            cost = installation.cost_per_place_day if installation else 0.0
            _refuse_if(check_contribution(draft, StayFacts.of(stay), cost, self.db.clock.today()))
            contribution = work.add(
                EconomicContribution(
                    stay_id=stay.id,
                    start_date=draft.start_date,
                    monthly_income=draft.monthly_income,
                    income_origin=draft.income_origin.strip(),
                    duration_months=draft.duration_months,
                    family_circumstances=draft.family_circumstances.strip(),
                    daily_amount=round(draft.daily_amount, 2),
                    authorised_by=draft.authorised_by.strip(),
                    authorised_date=draft.authorised_date,
                )
            )
        return ContributionView.of(contribution)

    # -- internals -------------------------------------------------------------------

    @staticmethod
    def _get(work, stay_id: str) -> Stay:  # type: ignore[no-untyped-def]
        stay = work.get(Stay, stay_id)
        if stay is None:
            raise NotFoundError("La estancia ya no existe.")
        return stay

    def _refuse_event_date(self, stay: Stay, on_date: date) -> None:
        problem = event_date_problem(StayFacts.of(stay), on_date, self.db.clock.today())
        if problem:
            raise ValidationError({"on_date": problem})
