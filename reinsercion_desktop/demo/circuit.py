"""Demo circuit data: referrals with their history, the waiting list and the stays.

The participants' statuses are made true by records: an open stay for each resident (en
estancia), past stays for the people discharged (alta) and for many others, the waiting
list for the people waiting (en espera) and a protocol on its way for the others
(derivado). Every place of every vivienda has a timeline of residents back to the start
of the demo's history, so occupancy, discharge types and waiting times look real at any
scale; at office scale (20,000 people, 100 viviendas) that is about 50,000 stays.

Rules kept while generating (the services would refuse otherwise): a resident's sex fits
the place, a vivienda is never over capacity, prison referrals are at most 20 % of the
occupants on every day (R-WL-3; the only exception is the court order of the list), a
person is an adult at admission (R-ADM-1), a new stay has a new protocol dated after the
previous discharge (R-DIS-2), stays over 9 months carry their justification unless they
are the one left pending on purpose (R-STAY-2), disciplinary discharges name a criterion
(R-DIS-1), contributions stay within 20 % of the cost per place and day (R-ECO-1), and a
referral's history follows the allowed status steps. Not kept: the signed consent of
each admission (R-ADM-3) is not generated as a form (paper era).

Stays of the last three years carry every detail: the protocol's whole history (created,
complete, sent, received, included, assigned, admitted), outings, controls, incidents.
Older ones, as records migrated from paper would, keep the history from the office's
reception (received, included, admitted) and no outings or controls.

Records are written in bulk (a few units of work, each audited record by record), since
the services, one unit of work per step, would take hours at office scale. Everything is
drawn from `random.Random(seed)`, so the same seed gives the same circuit (ids aside).
"""

import heapq
import random
import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from reinsercion_desktop.db import bulk
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
)
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.dates import add_months
from reinsercion_desktop.domain.enums import (
    Consensus,
    DischargeType,
    DisciplinaryCriterion,
    OutingKind,
    ParticipantStatus,
    PostponementReason,
    Programme,
    ReferralStatus,
    ReferringCentreKind,
    Sex,
)
from reinsercion_desktop.domain.referral_rules import (
    ESCALATION_CAUSE,
    postponement_limit,
    readmission_priority,
)
from reinsercion_desktop.domain.stay_rules import max_daily_contribution

# -- texts (Spanish, as staff would write them) ---------------------------------------------

THERAPEUTIC_REASONS = (
    "Objetivos del itinerario cumplidos: vivienda propia y empleo estable.",
    "Alta terapéutica: se incorpora al domicilio familiar con seguimiento del CTA.",
    "Cumple los objetivos pactados; continúa el seguimiento ambulatorio.",
)
DERIVED_REASONS = (
    "Derivado/a a comunidad terapéutica por recaída.",
    "Ingreso hospitalario de larga duración.",
    "Derivado/a a recurso de salud mental.",
    "Ingreso en prisión por causa anterior.",
)
VOLUNTARY_REASONS = ("Alta voluntaria a petición propia.",)
ABANDONMENT_REASONS = (
    "Decide volver al domicilio familiar antes de terminar el programa.",
    "No acepta las normas de convivencia de la vivienda.",
    "Consumo y abandono de la vivienda.",
    "Traslado a otra ciudad por motivos laborales.",
)
DISCIPLINARY_REASONS = {
    DisciplinaryCriterion.VIOLENCE: "Agresión física a un compañero en la vivienda.",
    DisciplinaryCriterion.DRUGS: "Introduce cocaína en la vivienda.",
    DisciplinaryCriterion.REPEATED_POSITIVES: "Tres controles positivos tras salidas terapéuticas.",
    DisciplinaryCriterion.UNAUTHORISED_ABSENCE: "Pasa dos noches fuera sin autorización.",
}
JUSTIFICATIONS = (
    "Pendiente de la adjudicación de una vivienda social; acordado con el CTA de referencia "
    "prolongar la estancia hasta la firma del contrato.",
    "Contrato de trabajo recién iniciado: el CTA y el equipo acuerdan prolongar la estancia "
    "hasta consolidar la autonomía económica.",
)
INCOMPLETE_CAUSES = (
    "Falta la radiografía de tórax y las tres baciloscopias (R-REF-2).",
    "Falta el test de embarazo reciente (R-REF-3).",
    "Falta la firma de la persona usuaria en el protocolo.",
    "Falta el informe social del CTA.",
)
FIX_NOTES = (
    "Se aportan la radiografía de tórax y las baciloscopias.",
    "Se aporta test de embarazo negativo de la semana pasada.",
    "Se recibe el protocolo firmado.",
    "Se recibe el informe social.",
)
POSTPONE_NOTES = {
    PostponementReason.FAMILY: "Cuidado de un familiar enfermo.",
    PostponementReason.HEALTH: "Intervención quirúrgica programada.",
    PostponementReason.PRISON: "Pendiente del tercer grado penitenciario.",
}
KEEP_DECISION = "La familia sigue necesitando su cuidado; el CTA pide mantener el protocolo."
WITHDRAWAL_REASON = "Pasados 3 meses sigue sin poder ingresar; el CTA lo retira."
COURT_ORDER_NOTE = (
    "Auto del Juzgado de lo Penal n.º 3: ingreso en VAR como medida alternativa. Se informa "
    "al Juzgado del recurso y del procedimiento ordinario de ingreso."
)
CONSULTED_NOTES = (
    "Consultado el CTA de referencia: prefiere esta vivienda por cercanía a la familia.",
    "Consultada la trabajadora social del centro derivador: acepta esta vivienda.",
)
RESIGNATION_REASONS = (
    "Renuncia: prefiere seguir el tratamiento ambulatorio desde su domicilio.",
    "Renuncia: ha encontrado trabajo en otra provincia.",
    "Renuncia a la plaza por motivos familiares.",
)
NOT_LOCATED_NOTE = "No localizado/a en 2 días desde la asignación; pierde el turno."
OUTING_PURPOSES = (
    "Fin de semana con la familia.",
    "Visita al domicilio familiar.",
    "Búsqueda de vivienda.",
    "Entrevistas de trabajo.",
)
EXCEPTIONAL_PURPOSES = ("Sepelio de un familiar.", "Acompañamiento a un familiar hospitalizado.")
INCIDENTS = (
    ("Regresa dos horas tarde de la salida sin avisar.", "leve"),
    ("Discusión con un compañero por las tareas de la casa.", "leve"),
    ("No acude a la cita del CTA sin justificar.", "leve"),
)
CONTRIBUTION_ORIGINS = (
    "Contrato a media jornada",
    "Subsidio por desempleo",
    "Pensión no contributiva",
)
FAMILY_CIRCUMSTANCES = (
    "Sin cargas familiares.",
    "Aporta una pensión de alimentos a un hijo menor.",
    "Ayuda económica puntual a su madre.",
)
SUBSTANCES = ("cocaína", "cannabis", "opiáceos", "benzodiacepinas")

COST_PER_PLACE_DAY = 35.0  # € per place and day: R-ECO-1 caps contributions at 20 % of it
STAYS_PER_PARTICIPANT = 2.5  # at office scale: 20,000 people, ~50,000 stays
MIN_HISTORY_DAYS, MAX_HISTORY_DAYS = 2 * 365, 30 * 365
MIN_GAP = 30  # days between a person's discharge and their next admission (new protocol)
DETAILED_YEARS = 3  # closed stays this recent get outings, controls and incidents
CHUNK = 4000  # referrals per unit of work when writing

_T = DischargeType
# discharge type → (weight, shortest, longest stay in days)
DISCHARGES = {
    _T.THERAPEUTIC: (45, 170, 268),
    _T.VOLUNTARY: (25, 7, 150),
    _T.DISCIPLINARY: (15, 12, 200),
    _T.DERIVED: (15, 20, 220),
}
LONG_THERAPEUTIC = (280, 330)  # 6 % of therapeutic stays run past 9 months, justified
SLOT_GAP = (1, 20)  # days a place stays empty between two residents
_KINDS = list(DISCHARGES)
_WEIGHTS = [weight for weight, _low, _high in DISCHARGES.values()]
AVERAGE_CYCLE = (
    sum(w * (lo + hi) / 2 for w, lo, hi in DISCHARGES.values()) / sum(_WEIGHTS) + sum(SLOT_GAP) / 2
)
REFERRING = {ReferringCentreKind.CTA, ReferringCentreKind.CT, ReferringCentreKind.EAIIPP}

_S = ReferralStatus
# Derivado: where the person's protocol stands (weights); closed ones leave them "derivado".
REFERRED_STATUSES = {
    "draft": 18,
    "complete": 13,
    "sent": 18,
    "received": 10,
    "incomplete": 12,
    "resigned": 12,
    "not_located": 6,
    "withdrawn": 6,
}


@dataclass(frozen=True)
class DemoPerson:
    """What the circuit needs of a demo participant (as generated, before the circuit)."""

    id: str
    sex: str
    status: str
    birth_date: date
    vivienda_id: str | None
    prison_origin: bool
    court_order: bool
    referring_centre_id: str | None
    ptm: bool
    employed: bool


@dataclass(frozen=True)
class DemoVivienda:
    id: str
    name: str
    places_men: int
    places_women: int
    places_mixed: int


@dataclass(frozen=True)
class DemoCentre:
    id: str
    kind: str
    province: str


@dataclass
class CircuitSummary:
    stays: int = 0
    open_stays: int = 0
    referrals: int = 0
    events: int = 0
    outings: int = 0
    tox_controls: int = 0
    incidents: int = 0
    contributions: int = 0
    status_changes: int = 0


@dataclass(slots=True, eq=False)
class _Person:
    source: DemoPerson
    index: int
    centre: DemoCentre
    prison: bool
    adult_from: date
    window_end: date  # the last day a past stay of theirs may end
    needy: bool  # discharged (alta) and still without a stay
    role: str = ""
    stays: list["_Stay"] = field(default_factory=list)
    current: "_Current | None" = None

    @property
    def sex(self) -> str:
        return self.source.sex


@dataclass(slots=True, eq=False)
class _Stay:
    vivienda: DemoVivienda
    sex: str
    admission: date
    discharge: date | None  # None: still open
    kind: str = ""  # discharge type
    person: _Person | None = None
    planned: date | None = None
    notice: date | None = None
    justification: str = ""
    criterion: str = ""  # R-DIS-1, for a disciplinary discharge
    unannounced: bool = False  # the office not told yet (R-STAY-3)


@dataclass(slots=True)
class _Current:
    """The person's protocol that is not (yet) a stay: on the list or on its way."""

    status: str
    protocol: date
    received: date | None = None
    included: date | None = None
    events: list[tuple[date, str, str]] = field(default_factory=list)
    fields: dict = field(default_factory=dict)


def history_start(today: date, participants: int, places: int) -> date:
    """First day of the demo's history: long enough for ~2.5 stays per participant."""
    days = STAYS_PER_PARTICIPANT * participants * AVERAGE_CYCLE / max(places, 1)
    days = min(MAX_HISTORY_DAYS, max(MIN_HISTORY_DAYS, int(days)))
    return (today - timedelta(days=days)).replace(month=1, day=1)


def _d(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def _ids() -> Iterator[str]:
    """UUIDs (version 4) handed out in ascending batches: the indexes fill in order."""
    while True:
        yield from sorted(str(uuid.uuid4()) for _ in range(5000))


class _Planner:
    """Plans every stay and protocol in memory (`plan`); `_Writer` then stores them."""

    def __init__(
        self,
        rng: random.Random,
        today: date,
        start: date,
        people: Sequence[DemoPerson],
        viviendas: Sequence[DemoVivienda],
        centres: Sequence[DemoCentre],
        avoid: set[str],
    ):
        self.rng, self.today, self.start = rng, today, start
        self.viviendas = list(viviendas)
        self.by_vivienda = {v.id: v for v in viviendas}
        self.centres = list(centres)
        self.avoid = avoid
        self.people = [self._person(i, p) for i, p in enumerate(people)]
        self.stays: list[_Stay] = []
        self.residents: dict[tuple[str, str], list[_Stay]] = defaultdict(list)
        self.changes: dict[str, dict] = {}  # participant id → field → new value
        self.protected: date | None = None  # see _timelines
        self.origin = start - timedelta(days=1)
        self.length = (today - self.origin).days + 2
        self.dropped = 0

    def plan(self) -> None:
        self._open_stays()
        self._designate()
        for person in self.people:
            self._current_protocol(person)
        self._timelines()
        self._assign()
        self._check_prison_share()
        self._leftovers()

    # -- people ----------------------------------------------------------------------

    def _person(self, index: int, source: DemoPerson) -> _Person:
        centre = self._centre_for(source)
        return _Person(
            source=source,
            index=index,
            centre=centre,
            prison=source.prison_origin or centre.kind == ReferringCentreKind.EAIIPP,
            adult_from=add_months(source.birth_date, 18 * 12) + timedelta(days=1),
            window_end=self.today,
            needy=source.status == ParticipantStatus.DISCHARGED,
        )

    def _centre_for(self, source: DemoPerson) -> DemoCentre:
        """R-ADM-2: the person's own centre if it may refer to a VAR, else a CTA."""
        own = next((c for c in self.centres if c.id == source.referring_centre_id), None)
        if own is not None and own.kind in REFERRING:
            return own
        ctas = [c for c in self.centres if c.kind == ReferringCentreKind.CTA]
        same = [c for c in ctas if own is not None and c.province == own.province]
        return (same or ctas)[0]

    def _choose(self, status: str, test) -> _Person | None:  # type: ignore[no-untyped-def]
        """Someone of a status for an edge case (not among the demo-forms people)."""
        found = [
            p
            for p in self.people
            if p.source.status == status
            and not p.role
            and p.source.id not in self.avoid
            and test(p)
        ]
        return self.rng.choice(found) if found else None

    # -- residents and their open stays ---------------------------------------------------

    def _open_stays(self) -> None:
        """One open stay per resident, admitted over the last months (two past 9 months)."""
        rng, today = self.rng, self.today
        people = [
            p
            for p in self.people
            if p.source.status == ParticipantStatus.RESIDENT and p.source.vivienda_id
        ]
        long_ones = [p for p in people if p.source.id not in self.avoid and not p.prison][:2]
        for number, person in enumerate(long_ones):
            person.role = ("over9_justified", "over9_missing")[number]
        for person in people:
            vivienda = self.by_vivienda[person.source.vivienda_id]  # type: ignore[index]
            long = person.role.startswith("over9")
            days = rng.randint(285, 330) if long else rng.randint(2, 255)
            admission = max(self.today - timedelta(days=days), self.start + timedelta(days=40))
            stay = _Stay(vivienda, person.sex, admission, None, person=person)
            person.stays.append(stay)
            person.window_end = admission - timedelta(days=MIN_GAP)
            self.stays.append(stay)
            self.residents[(vivienda.id, person.sex)].append(stay)
            if person.role == "over9_justified":
                stay.justification = rng.choice(JUSTIFICATIONS)
                stay.planned = today + timedelta(days=rng.randint(20, 60))
            elif not long and rng.random() < 0.6:
                planned = admission + timedelta(days=rng.randint(180, 265))
                if planned <= today:
                    planned = today + timedelta(days=rng.randint(3, 60))
                if planned <= add_months(admission, 9):
                    stay.planned = planned
                    if (planned - today).days <= 15 and rng.random() < 0.7:
                        stay.notice = today - timedelta(days=rng.randint(0, 2))

    def _vacant_sexes(self) -> list[str]:
        return [
            sex
            for v in self.viviendas
            for sex, places in _slots(v, self.residents)
            if places > len(self.residents.get((v.id, sex), []))
        ]

    # -- edge cases ---------------------------------------------------------------------

    def _designate(self) -> None:
        """The people whose records show each edge of the circuit at least once."""
        waiting, referred = ParticipantStatus.WAITING, ParticipantStatus.REFERRED
        vacant = self._vacant_sexes()
        roles = [
            (waiting, "assigned", lambda p: not p.prison and p.sex in vacant),
            (waiting, "priority", lambda p: not p.prison),
            (waiting, "decision_due", lambda p: True),
            (waiting, "kept", lambda p: True),
            (waiting, "court_order", lambda p: True),
            (waiting, "prison", lambda p: p.prison),
            (waiting, "fixed_waiting", lambda p: True),
            (referred, "resigned_assigned", lambda p: True),
            (referred, "fixed", lambda p: True),
            (referred, "escalated", lambda p: True),
            *((referred, status, lambda p: True) for status in REFERRED_STATUSES),
        ]
        for status, role, test in roles:
            person = self._choose(status, test)
            if person is not None:
                person.role = role
        for role in ("announced", "notice_missing", "anexo_v", "few_outings", "incident"):
            person = self._choose(ParticipantStatus.RESIDENT, lambda p: p.stays and not p.prison)
            if person is not None:
                person.role = role
                self._plan_role(person.stays[-1], role)
        court = next((p for p in self.people if p.role == "court_order"), None)
        if court is not None:
            court.prison = True
            self.changes[court.source.id] = {"court_order": True, "prison_origin": True}

    def _plan_role(self, stay: _Stay, role: str) -> None:
        """Planned discharges that put each kind of deadline in Pendientes (R-STAY-3)."""
        days = {"announced": (4, 12), "notice_missing": (3, 12), "anexo_v": (25, 55)}
        days["few_outings"] = (10, 25)
        if role not in days:
            return
        planned = self.today + timedelta(days=self.rng.randint(*days[role]))
        if stay.admission < planned <= add_months(stay.admission, 9):
            stay.planned = planned
            stay.notice = self.today - timedelta(days=1) if role == "announced" else None

    # -- protocols that are not stays (yet) ------------------------------------------------

    def _current_protocol(self, person: _Person) -> None:
        status = person.source.status
        if status == ParticipantStatus.WAITING:
            person.current = self._waiting(person)
        elif status == ParticipantStatus.REFERRED:
            person.current = self._referred(person)
        if person.current is not None:
            person.window_end = min(person.window_end, person.current.protocol)

    @staticmethod
    def _opening(current: _Current, upto: str) -> None:
        """The first steps of a protocol: created, complete, sent, received, included."""
        steps = [
            (current.protocol, "draft", "Protocolo creado"),
            (current.protocol, "complete", "Protocolo completo"),
            (current.protocol, "sent", "Enviado a la oficina coordinadora"),
        ]
        if current.received:
            steps.append((current.received, "received", f"Recibido el {_d(current.received)}"))
        if current.included:
            steps.append((current.included, "waiting", "Incluido en lista de espera"))
        order = ["draft", "complete", "sent", "received", "waiting"]
        current.events.extend(s for s in steps if order.index(s[1]) <= order.index(upto))

    def _listed(self, received_days: tuple[int, int], included_after: int = 3) -> _Current:
        rng, today = self.rng, self.today
        received = today - timedelta(days=rng.randint(*received_days))
        included = min(today, received + timedelta(days=rng.randint(0, included_after)))
        protocol = received - timedelta(days=rng.randint(1, 12))
        return _Current("waiting", protocol, received, included)

    def _waiting(self, person: _Person) -> _Current:
        rng, today, role = self.rng, self.today, person.role
        if role == "assigned":
            current = self._listed((560, 600), 0)  # the oldest on the list: first in turn
        elif role == "fixed_waiting":
            current = self._listed((20, 420))
        elif role in ("decision_due", "kept"):
            current = self._listed((100, 160))
        else:
            current = self._listed((1, 420))
        self._opening(current, "waiting")
        included = current.included
        assert included is not None
        limit = postponement_limit(included)
        if role == "fixed_waiting":
            self._fixed_after_reception(current)
        elif role in ("decision_due", "kept"):
            self._postpone(person, current, included + timedelta(days=10), limit)
            if role == "kept":
                until = today + timedelta(days=rng.randint(20, 40))
                note = f"Se mantiene aplazado hasta el {_d(until)}: {KEEP_DECISION}"
                current.events.append((limit + timedelta(days=2), "postponed", note))
                current.fields.update(keep_decision=KEEP_DECISION, postponed_until=until)
        elif role == "court_order":
            current.fields.update(court_order=True, court_order_note=COURT_ORDER_NOTE)
        elif not role and rng.random() < 0.15 and limit > today:
            on = included + timedelta(days=rng.randint(0, (today - included).days))
            until = on + timedelta(days=rng.randint(1, max(1, (limit - on).days)))
            if today < until <= limit:
                self._postpone(person, current, on, until)
        return current

    def _postpone(self, person: _Person, current: _Current, on: date, until: date) -> None:
        """R-WL-2: for family or health reasons, or prison, up to 3 months from inclusion."""
        reasons = [PostponementReason.FAMILY, PostponementReason.HEALTH]
        reason = PostponementReason.PRISON if person.prison else self.rng.choice(reasons)
        note = POSTPONE_NOTES[reason]
        text = f"Aplazado hasta el {_d(until)} ({reason.label.lower()}) {note}"
        current.events.append((on, "postponed", text))
        current.status = "postponed"
        current.fields.update(postponed_reason=reason.value, postponed_note=note)
        current.fields["postponed_until"] = until

    def _fixed_after_reception(self, current: _Current) -> None:
        """R-REF-1: received, found incomplete, fixed (the list date is the fix date)."""
        received = current.received
        assert received is not None
        fixed = min(self.today, received + timedelta(days=9))
        cause, note = INCOMPLETE_CAUSES[0], FIX_NOTES[0]
        current.events = [e for e in current.events if e[1] != "waiting"]
        current.events += [
            (received + timedelta(days=2), "incomplete", cause),
            (fixed, "received", f"Subsanado: {note}"),
            (fixed, "waiting", "Incluido en lista de espera"),
        ]
        current.included = fixed
        current.fields.update(incomplete_cause=cause, fixed_date=fixed, fix_note=note)

    def _referred(self, person: _Person) -> _Current:
        rng, today, role = self.rng, self.today, person.role
        if role == "resigned_assigned":
            status = "resigned"
        elif role in ("fixed", "escalated") or role in REFERRED_STATUSES:
            status = role
        else:
            status = rng.choices(list(REFERRED_STATUSES), weights=REFERRED_STATUSES.values())[0]
        if status in ("draft", "complete", "sent", "incomplete", "fixed", "escalated"):
            return self._early(_Current(status, today - timedelta(days=rng.randint(0, 45))))
        if status == "received":
            current = self._listed((0, 20))
            current.included, current.status = None, "received"
            self._opening(current, "received")
            return current
        current = self._listed((60, 400))
        self._opening(current, "waiting")
        return self._closed(person, current, status)

    def _early(self, current: _Current) -> _Current:
        """Draft, complete, sent, incomplete (R-REF-1), fixed, or escalated (R-REF-4)."""
        rng, protocol, status = self.rng, current.protocol, current.status
        if status == "escalated":
            current.events = [(protocol, "draft", "Protocolo creado")]
            current.events.append((protocol, "incomplete", ESCALATION_CAUSE))
            current.status = "incomplete"
            current.fields.update(
                incomplete_cause=ESCALATION_CAUSE, consensus=Consensus.DISCREPANCY.value
            )
            cts = [c for c in self.centres if c.kind == ReferringCentreKind.CT]
            if cts:
                current.fields["referring_centre_id"] = cts[0].id
            return current
        self._opening(current, status if status in ("draft", "complete") else "sent")
        if status in ("incomplete", "fixed"):
            cause = rng.choice(INCOMPLETE_CAUSES)
            marked = min(self.today, protocol + timedelta(days=rng.randint(1, 5)))
            current.events.append((marked, "incomplete", cause))
            current.status = "incomplete"
            current.fields["incomplete_cause"] = cause
            if status == "fixed":
                fixed = min(self.today, marked + timedelta(days=rng.randint(1, 10)))
                note = FIX_NOTES[INCOMPLETE_CAUSES.index(cause)]
                current.events.append((fixed, "complete", f"Subsanado: {note}"))
                current.status = "complete"
                current.fields.update(fixed_date=fixed, fix_note=note)
        return current

    def _closed(self, person: _Person, current: _Current, status: str) -> _Current:
        """Renuncia, no localizado/a, retirado: the protocol left the list (derivado again)."""
        rng, today = self.rng, self.today
        included = current.included
        assert included is not None
        if status == "withdrawn":  # R-WL-2: postponed past 3 months, withdrawn by decision
            limit = postponement_limit(included)
            self._postpone(person, current, included + timedelta(days=7), limit)
            closed = min(today, limit + timedelta(days=rng.randint(1, 20)))
            text = f"Retirado tras aplazamiento: {WITHDRAWAL_REASON}"
            current.events.append((closed, "withdrawn", text))
            current.fields.update(closed_date=closed, closed_reason=text)
            current.status = "withdrawn"
            return current
        closed = min(today, included + timedelta(days=rng.randint(10, 60)))
        if person.role == "resigned_assigned":  # in the month just over: Anexo III shows it
            closed = max(included + timedelta(days=3), today.replace(day=1) - timedelta(days=20))
        if status == "not_located" or person.role == "resigned_assigned" or rng.random() < 0.4:
            houses = [v for v in self.viviendas if _places(v, person.sex)]
            vivienda = rng.choice(houses or self.viviendas)
            assigned = max(included, closed - timedelta(days=3))
            planned = assigned + timedelta(days=2)
            note = f"Plaza en {vivienda.name}, ingreso previsto el {_d(planned)}"
            current.events.append((assigned, "assigned", note))
            current.fields.update(
                vivienda_id=vivienda.id, assigned_date=assigned, planned_admission_date=planned
            )
            if status == "not_located":  # R-WL-5: 2 days to locate the person
                closed = min(today, assigned + timedelta(days=3))
        reason = NOT_LOCATED_NOTE if status == "not_located" else rng.choice(RESIGNATION_REASONS)
        current.events.append((closed, status, reason))
        current.fields.update(closed_date=closed, closed_reason=reason)
        current.status = status
        return current

    # -- every place's timeline ---------------------------------------------------------------

    def _timelines(self) -> None:
        """Each place of each vivienda, from today back to the start: residents one after
        another, a few days empty between them. The place of the person in "proceso de
        admisión" was left by a voluntary discharge six days ago (R-WL-5)."""
        rng, today = self.rng, self.today
        assigned = next((p for p in self.people if p.role == "assigned"), None)
        for vivienda in self.viviendas:
            # While a resident referred from prison is in, places change hands the same
            # day: the house never drops below five occupants under them (R-WL-3).
            inmates = [
                stay.admission
                for sex in (Sex.MAN.value, Sex.WOMAN.value)
                for stay in self.residents.get((vivienda.id, sex), [])
                if stay.person is not None and stay.person.prison
            ]
            self.protected = min(inmates, default=None)
            for sex, places in _slots(vivienda, self.residents):
                open_here = self.residents.get((vivienda.id, sex), [])
                for number in range(places):
                    forced = ""
                    if number < len(open_here):
                        cursor = open_here[number].admission - self._gap(
                            open_here[number].admission
                        )
                    elif assigned is not None and assigned.sex == sex:
                        cursor, forced = today - timedelta(days=6), _T.VOLUNTARY
                        self._assign_vacancy(assigned, vivienda, cursor)
                        assigned = None
                    else:
                        cursor = today - timedelta(days=rng.randint(1, 45))
                    self._backwards(vivienda, sex, cursor, forced)

    def _backwards(self, vivienda: DemoVivienda, sex: str, cursor: date, forced: str) -> None:
        rng = self.rng
        while True:
            kind = forced or rng.choices(_KINDS, weights=_WEIGHTS)[0]
            _weight, low, high = DISCHARGES[kind]
            if kind == _T.THERAPEUTIC and rng.random() < 0.06:
                low, high = LONG_THERAPEUTIC
            admission = cursor - timedelta(days=rng.randint(low, high))
            if admission < self.start:
                return
            self.stays.append(
                _Stay(vivienda, sex, admission, cursor, kind, unannounced=bool(forced))
            )
            forced = ""
            cursor = admission - self._gap(admission)

    def _gap(self, admission: date) -> timedelta:
        """Days the place stayed empty before this admission."""
        if self.protected is not None and admission >= self.protected:
            return timedelta(0)
        return timedelta(days=self.rng.randint(*SLOT_GAP))

    def _assign_vacancy(self, person: _Person, vivienda: DemoVivienda, left: date) -> None:
        """Proceso de admisión: assigned two days after the discharge, admission due two
        days ago, person not yet located (R-WL-5)."""
        current = person.current
        assert current is not None
        assigned, planned = left + timedelta(days=2), left + timedelta(days=4)
        note = f"Plaza en {vivienda.name}, ingreso previsto el {_d(planned)}"
        current.events.append((assigned, "assigned", note))
        current.status = "assigned"
        current.fields.update(
            vivienda_id=vivienda.id,
            assigned_date=assigned,
            planned_admission_date=planned,
            centre_consulted_note=self.rng.choice(CONSULTED_NOTES),
        )

    # -- who lived each past stay ---------------------------------------------------------------

    def _span(self, stay: _Stay) -> tuple[int, int]:
        """Days occupied, as indexes: admission up to the day before the discharge (SPEC §7);
        an open stay occupies today."""
        end = stay.discharge or self.today + timedelta(days=1)
        return (stay.admission - self.origin).days, (end - self.origin).days

    def _occupancy(self, *, prison_only: bool = False) -> dict[str, list[int]]:
        """Per vivienda and day: occupants (or prison occupants) of the planned stays."""
        table = {v.id: [0] * self.length for v in self.viviendas}
        for stay in self.stays:
            if prison_only and (stay.person is None or not stay.person.prison):
                continue
            a, b = self._span(stay)
            counts = table[stay.vivienda.id]
            counts[a] += 1
            counts[b] -= 1
        for counts in table.values():
            total = 0
            for i, step in enumerate(counts):
                total += step
                counts[i] = total
        return table

    def _assign(self) -> None:
        """Past stays in order of admission, each to someone of the place's sex who is an
        adult, free (last discharge at least a month before) and whose own story allows it;
        discharged people without a stay first. A prison referral takes a stay only if the
        vivienda keeps within 20 % of prison occupants every day of it (R-WL-3)."""
        rng = self.rng
        self._priority_stay()
        occupied = self._occupancy()
        prison = {v.id: [0] * self.length for v in self.viviendas}
        for stay in self.stays:
            if stay.person is not None and stay.person.prison:
                if self._fits_prison(stay, occupied, prison):
                    self._take(stay, prison)
                else:
                    self._leave_today(stay, occupied)
        pending: list[tuple[date, int, _Person]] = []
        for person in self.people:
            start = max(person.adult_from, self.start - timedelta(days=400))
            start += timedelta(days=rng.randint(0, 120))
            if start < person.window_end:
                pending.append((start, person.index, person))
        heapq.heapify(pending)
        pools: dict[tuple[str, bool, bool], list[_Person]] = defaultdict(list)
        for stay in sorted(
            (s for s in self.stays if s.person is None), key=lambda s: (s.admission, s.sex)
        ):
            while pending and pending[0][0] <= stay.admission:
                _day, _i, person = heapq.heappop(pending)
                pools[(person.sex, person.prison, person.needy)].append(person)
            chosen = self._pick(pools, stay, self._fits_prison(stay, occupied, prison))
            if chosen is None:
                self.dropped += 1
                continue
            stay.person = chosen
            chosen.stays.append(stay)
            chosen.needy = False
            if chosen.prison:
                self._take(stay, prison)
            assert stay.discharge is not None
            back = stay.discharge + timedelta(days=rng.randint(MIN_GAP, 540))
            if back < chosen.window_end:
                heapq.heappush(pending, (back, chosen.index, chosen))
        self.stays = [s for s in self.stays if s.person is not None]
        for person in self.people:
            person.stays.sort(key=lambda s: s.admission)

    def _pick(
        self, pools: dict[tuple[str, bool, bool], list[_Person]], stay: _Stay, may_prison: bool
    ) -> _Person | None:
        rng, sex, discharge = self.rng, stay.sex, stay.discharge
        assert discharge is not None
        needy = [(sex, True, True), (sex, False, True)] if may_prison else [(sex, False, True)]
        others = [(sex, False, False)] + ([(sex, True, False)] if may_prison else [])
        while True:
            pool = next((pools[key] for key in needy if pools[key]), None)
            if pool is None:
                sizes = [len(pools[key]) for key in others]
                if not any(sizes):
                    return None
                pool = pools[rng.choices(others, weights=sizes)[0]]
            i = rng.randrange(len(pool))
            pool[i], pool[-1] = pool[-1], pool[i]
            person = pool.pop()
            if person.window_end >= discharge:
                return person

    def _fits_prison(self, stay: _Stay, occupied, prison) -> bool:  # type: ignore[no-untyped-def]
        """R-WL-3 on every day of the stay: 5 × (prison occupants + 1) ≤ occupants."""
        a, b = self._span(stay)
        own = occupied[stay.vivienda.id][a:b]
        return bool(own) and 5 * (max(prison[stay.vivienda.id][a:b]) + 1) <= min(own)

    def _take(self, stay: _Stay, prison) -> None:  # type: ignore[no-untyped-def]
        a, b = self._span(stay)
        counts = prison[stay.vivienda.id]
        for i in range(a, b):
            counts[i] += 1

    def _leave_today(self, stay: _Stay, occupied) -> None:  # type: ignore[no-untyped-def]
        """A resident referred from prison who would break the 20 % (small demos, where a
        house is half empty): discharged today, voluntarily, instead."""
        person = stay.person
        assert person is not None
        occupied[stay.vivienda.id][self._span(stay)[1] - 1] -= 1
        stay.discharge, stay.kind, stay.planned, stay.notice = self.today, _T.VOLUNTARY, None, None
        person.role = person.role or "left_today"
        self.changes.setdefault(person.source.id, {}).update(
            status=ParticipantStatus.DISCHARGED.value, vivienda_id=None
        )

    def _priority_stay(self) -> None:
        """R-WL-4: the listed person whose derived discharge was a month or two ago."""
        person = next((p for p in self.people if p.role == "priority"), None)
        if person is None or person.current is None:
            return
        today = self.today
        recent = [
            s
            for s in self.stays
            if s.person is None
            and s.sex == person.sex
            and s.discharge is not None
            and today - timedelta(days=75) <= s.discharge <= today - timedelta(days=20)
            and s.admission > person.adult_from
        ]
        if not recent:
            return
        stay = recent[0]
        assert stay.discharge is not None
        stay.kind, stay.person = _T.DERIVED, person
        person.stays.append(stay)
        person.window_end = stay.admission - timedelta(days=MIN_GAP)
        current = person.current
        current.protocol = stay.discharge + timedelta(days=3)
        current.received = current.included = current.protocol + timedelta(days=2)
        current.events.clear()
        self._opening(current, "waiting")

    def _check_prison_share(self) -> None:
        """Recount with the stays actually lived (a place may have stayed empty when nobody
        was free) and drop any past prison stay that breaks the 20 %, until none does."""
        while True:
            occupied, prison = self._occupancy(), self._occupancy(prison_only=True)
            broken = []
            for stay in self.stays:
                if stay.person is None or not stay.person.prison:
                    continue
                a, b = self._span(stay)
                own, inmates = occupied[stay.vivienda.id], prison[stay.vivienda.id]
                if any(5 * inmates[i] > own[i] for i in range(a, b)):
                    broken.append(stay)
            if not broken:
                return
            residents = [s for s in broken if s.discharge is None]
            for stay in residents:
                self._leave_today(stay, occupied)
            for stay in [s for s in broken if s not in residents]:
                assert stay.person is not None
                stay.person.stays.remove(stay)
                stay.person = None
                self.dropped += 1
            self.stays = [s for s in self.stays if s.person is not None]

    def _leftovers(self) -> None:
        """People marked discharged who got no stay (tiny demos, a handful at most): their
        file says referred, as their protocol ended in a resignation; R-WL-4 for the rest."""
        for person in self.people:
            status = self.changes.get(person.source.id, {}).get("status", person.source.status)
            if status == ParticipantStatus.DISCHARGED and not person.stays:
                self.changes.setdefault(person.source.id, {})["status"] = (
                    ParticipantStatus.REFERRED.value
                )
                current = self._listed((30, 200))
                self._opening(current, "waiting")
                person.current = self._closed(person, current, "resigned")
            elif person.source.status == ParticipantStatus.WAITING:
                self._natural_priority(person)

    def _natural_priority(self, person: _Person) -> None:
        """R-WL-4 as the include step computes it, for whoever it applies to."""
        current = person.current
        last = person.stays[-1] if person.stays else None
        if current is None or current.included is None or last is None or last.discharge is None:
            return
        found = readmission_priority(last.kind, last.discharge, last.vivienda.id, current.included)
        if found is None:
            return
        until, vivienda_id = found
        current.fields.update(priority_until=until, priority_vivienda_id=vivienda_id)
        for i, (day, status, note) in enumerate(current.events):
            if status == "waiting":
                extra = f"; prioridad de reingreso (alta derivada) hasta el {_d(until)}"
                current.events[i] = (day, status, note + extra)
                break


def _slots(
    vivienda: DemoVivienda, residents: dict[tuple[str, str], list[_Stay]]
) -> list[tuple[str, int]]:
    """(sex, places) of a vivienda; mixed places go first to residents over their own-sex
    places, the rest by turns."""
    men_over = max(0, len(residents.get((vivienda.id, Sex.MAN.value), [])) - vivienda.places_men)
    mixed_men = min(vivienda.places_mixed, men_over)
    rest = vivienda.places_mixed - mixed_men
    women_over = max(
        0, len(residents.get((vivienda.id, Sex.WOMAN.value), [])) - vivienda.places_women
    )
    mixed_women = min(rest, women_over)
    rest -= mixed_women
    return [
        (Sex.MAN.value, vivienda.places_men + mixed_men + (rest + 1) // 2),
        (Sex.WOMAN.value, vivienda.places_women + mixed_women + rest // 2),
    ]


def _places(vivienda: DemoVivienda, sex: str) -> int:
    own = vivienda.places_men if sex == Sex.MAN else vivienda.places_women
    return own + vivienda.places_mixed


# -- writing ------------------------------------------------------------------------------------

_ORDER = (Referral, ReferralEvent, Stay, Outing, ToxControl, Incident, EconomicContribution)


class _Writer:
    """Turns the plan into rows and stores them in units of work of a few thousand protocols."""

    def __init__(self, db: Database, actor: Actor, planner: _Planner):
        self.db, self.actor, self.planner = db, actor, planner
        self.rng, self.today = planner.rng, planner.today
        self.at = db.clock.now()
        self.ids = _ids()
        self.rows: dict[type, list[dict]] = defaultdict(list)
        self.owners: dict[type, list[str]] = defaultdict(list)
        self.summary = CircuitSummary()
        self.criteria = list(DisciplinaryCriterion)
        self.disciplinary = 0
        self.detailed_since = self.today - timedelta(days=365 * DETAILED_YEARS)

    def write(self) -> CircuitSummary:
        for person in self.planner.people:
            previous: date | None = None
            for stay in person.stays:
                self._stay(person, stay, previous)
                previous = stay.discharge
            if person.current is not None:
                self._current(person, person.current)
            if len(self.rows[Referral]) >= CHUNK:
                self._flush()
        self._flush()
        self._participants()
        return self.summary

    def _add(self, model: type, owner: str, **values: object) -> str:
        values["id"] = record_id = next(self.ids)
        self.rows[model].append(values)
        self.owners[model].append(owner)
        return record_id

    def _flush(self) -> None:
        if not self.rows:
            return
        bulk.create_in_order(
            db=self.db,
            actor=self.actor,
            at=self.at,
            order=_ORDER,
            rows=self.rows,
            owners=self.owners,
        )
        counts = {model: len(rows) for model, rows in self.rows.items()}
        s = self.summary
        s.referrals += counts.get(Referral, 0)
        s.events += counts.get(ReferralEvent, 0)
        s.stays += counts.get(Stay, 0)
        s.outings += counts.get(Outing, 0)
        s.tox_controls += counts.get(ToxControl, 0)
        s.incidents += counts.get(Incident, 0)
        s.contributions += counts.get(EconomicContribution, 0)
        self.rows.clear()
        self.owners.clear()

    def _participants(self) -> None:
        """The few files the circuit had to change (court order, left today, leftovers)."""
        if not self.planner.changes:
            return
        with self.db.unit_of_work(self.actor) as work:
            for participant_id, changes in self.planner.changes.items():
                record = work.get(Participant, participant_id)
                if record is not None:
                    for name, value in changes.items():
                        setattr(record, name, value)
        self.summary.status_changes = sum(
            "status" in changes for changes in self.planner.changes.values()
        )

    # -- a protocol ---------------------------------------------------------------------

    def _referral(self, person: _Person, status: str, protocol: date, **fields: object) -> str:
        centre = person.centre
        consensus = Consensus.AGREED if centre.kind == ReferringCentreKind.CT else None
        values: dict = {
            "participant_id": person.source.id,
            "referring_centre_id": centre.id,
            "protocol_date": protocol,
            "status": status,
            "consensus": (consensus or Consensus.NOT_NEEDED).value,
            "voluntary": True,
            "prison": person.prison,
        }
        if centre.kind == ReferringCentreKind.CT:
            ctas = [c for c in self.planner.centres if c.kind == ReferringCentreKind.CTA]
            same = [c for c in ctas if c.province == centre.province]
            values["origin_centre_id"] = (same or ctas)[0].id if ctas else None
        values.update(fields)
        return self._add(Referral, person.source.id, **values)

    def _events(self, person: _Person, referral_id: str, events: list[tuple[date, str, str]]):  # type: ignore[no-untyped-def]
        for on_date, status, note in events:
            self._add(
                ReferralEvent,
                person.source.id,
                referral_id=referral_id,
                on_date=on_date,
                status=status,
                note=note[:400],
            )

    def _current(self, person: _Person, current: _Current) -> None:
        fields = dict(current.fields)
        fields.setdefault("court_order", person.source.court_order)
        referral_id = self._referral(
            person,
            current.status,
            current.protocol,
            received_date=current.received,
            included_date=current.included,
            **fields,
        )
        self._events(person, referral_id, current.events)

    # -- a stay and its protocol ---------------------------------------------------------

    def _stay(self, person: _Person, stay: _Stay, previous: date | None) -> None:
        rng, admission = self.rng, stay.admission
        low = max(previous or admission - timedelta(days=400), person.adult_from)
        received = max(low, admission - timedelta(days=rng.randint(5, 120)))
        protocol = max(low, received - timedelta(days=rng.randint(1, 12)))
        included = min(admission, received + timedelta(days=rng.randint(0, 2)))
        assigned = max(included, admission - timedelta(days=rng.randint(1, 5)))
        vivienda = stay.vivienda
        is_open = stay.discharge is None
        court_order = person.source.court_order and is_open
        migrated = admission < self.detailed_since
        referral_id = self._referral(
            person,
            ReferralStatus.ADMITTED.value,
            protocol,
            received_date=received,
            included_date=included,
            vivienda_id=vivienda.id,
            assigned_date=None if migrated else assigned,
            planned_admission_date=None if migrated else admission,
            court_order=court_order,
        )
        current = _Current("admitted", protocol, received, included)
        _Planner._opening(current, "waiting")
        if migrated:  # as records migrated from paper: from the office's reception on
            current.events = [e for e in current.events if e[1] in ("received", "waiting")]
        else:
            note = f"Plaza en {vivienda.name}, ingreso previsto el {_d(admission)}"
            current.events.append((assigned, "assigned", note))
        current.events += [
            (admission, "admitted", f"Ingreso en {vivienda.name}"),
        ]
        self._events(person, referral_id, current.events)
        values = self._discharge(stay)
        stay_id = self._add(
            Stay,
            person.source.id,
            participant_id=person.source.id,
            referral_id=referral_id,
            vivienda_id=vivienda.id,
            admission_date=admission,
            programme=(Programme.METHADONE if person.source.ptm else Programme.DRUG_FREE).value,
            prison=person.prison,
            court_order=court_order,
            **values,
        )
        if is_open:
            self.summary.open_stays += 1
        if is_open or (stay.discharge and stay.discharge >= self.detailed_since):
            self._life(person, stay, stay_id)

    def _discharge(self, stay: _Stay) -> dict:
        """Planned discharge, notice, type, reasons and the 9-month justification."""
        rng, today = self.rng, self.today
        values: dict = {
            "planned_discharge_date": stay.planned,
            "discharge_notice_date": stay.notice,
            "over_9_months_justification": stay.justification,
        }
        discharge = stay.discharge
        if discharge is None:
            return values
        kind = stay.kind
        values.update(discharge_date=discharge, discharge_type=kind)
        if discharge > add_months(stay.admission, 9):  # R-STAY-2
            values["over_9_months_justification"] = rng.choice(JUSTIFICATIONS)
        if kind == _T.THERAPEUTIC:
            values["planned_discharge_date"] = discharge
            values["discharge_reason"] = rng.choice(THERAPEUTIC_REASONS)
            notice = discharge - timedelta(days=15 + rng.randint(0, 5))
            values["discharge_notice_date"] = max(notice, stay.admission)
        else:
            values["discharge_notice_date"] = discharge
            if kind == _T.DERIVED:
                values["discharge_reason"] = rng.choice(DERIVED_REASONS)
            elif kind == _T.VOLUNTARY:
                values["discharge_reason"] = rng.choice(VOLUNTARY_REASONS)
                values["abandonment_reason"] = rng.choice(ABANDONMENT_REASONS)
            else:  # R-DIS-1: one of the four criteria
                criterion = self.criteria[self.disciplinary % len(self.criteria)]
                self.disciplinary += 1
                stay.criterion = criterion.value
                values["disciplinary_criterion"] = criterion.value
                values["discharge_reason"] = DISCIPLINARY_REASONS[criterion]
        recent = (today - discharge).days <= 60
        if stay.unannounced or (recent and kind != _T.THERAPEUTIC and rng.random() < 0.15):
            values["discharge_notice_date"] = None  # not yet told to the office (R-STAY-3)
        return values

    # -- outings, controls, incidents, contributions -----------------------------------------

    def _life(self, person: _Person, stay: _Stay, stay_id: str) -> None:
        rng, today, owner = self.rng, self.today, person.source.id
        end = stay.discharge or stay.planned or today + timedelta(days=20)
        last_day = min(stay.discharge or today, today)
        day = stay.admission + timedelta(days=30)
        taken, count = 0, 0
        limit = 1 if person.role == "few_outings" else 12
        positives = stay.criterion == DisciplinaryCriterion.REPEATED_POSITIVES
        while count < limit:
            exceptional = rng.random() < 0.05
            length = rng.randint(1, 3) if exceptional else rng.randint(3, 6)
            back = day + timedelta(days=length)
            if back > end or (not exceptional and taken + length > 40):
                break
            kind = OutingKind.EXCEPTIONAL if exceptional else OutingKind.ORDINARY
            purposes = EXCEPTIONAL_PURPOSES if exceptional else OUTING_PURPOSES
            self._add(
                Outing,
                owner,
                stay_id=stay_id,
                start_date=day,
                end_date=back,
                kind=kind.value,
                purpose=rng.choice(purposes),
            )
            taken += 0 if exceptional else length
            count += 1
            if back <= last_day and (positives or rng.random() < 0.5):
                self._control(owner, stay_id, back, True, positive=positives)
            day = back + timedelta(days=rng.randint(10, 28))
        if stay.discharge is None:  # monthly controls while in the house
            check = stay.admission + timedelta(days=7)
            while check <= today:
                self._control(owner, stay_id, check, False)
                check += timedelta(days=rng.randint(28, 40))
            self._open_extras(person, stay, stay_id)
        elif stay.kind == _T.DISCIPLINARY:
            criterion = DisciplinaryCriterion(stay.criterion)
            self._add(
                Incident,
                owner,
                stay_id=stay_id,
                on_date=max(stay.admission, stay.discharge - timedelta(days=rng.randint(0, 2))),
                description=DISCIPLINARY_REASONS[criterion],
                severity="muy_grave" if criterion == DisciplinaryCriterion.VIOLENCE else "grave",
            )

    def _control(
        self, owner: str, stay_id: str, day: date, after_outing: bool, *, positive: bool = False
    ) -> None:
        roll = self.rng.random()
        result = (
            "positivo" if positive or roll < 0.06 else "invalido" if roll < 0.08 else "negativo"
        )
        self._add(
            ToxControl,
            owner,
            stay_id=stay_id,
            on_date=day,
            result=result,
            substances=self.rng.choice(SUBSTANCES) if result == "positivo" else "",
            after_outing=after_outing,
        )

    def _open_extras(self, person: _Person, stay: _Stay, stay_id: str) -> None:
        """A minor incident now and then; a contribution from those with an income (R-ECO-1)."""
        rng, today, owner = self.rng, self.today, person.source.id
        days_in = (today - stay.admission).days
        if days_in > 10 and (person.role == "incident" or rng.random() < 0.08):
            description, severity = rng.choice(INCIDENTS)
            on = stay.admission + timedelta(days=rng.randint(5, days_in))
            self._add(
                Incident,
                owner,
                stay_id=stay_id,
                on_date=on,
                description=description,
                severity=severity,
            )
        if (
            days_in > 70
            and (person.source.employed or person.role == "incident")
            and (person.role == "incident" or rng.random() < 0.5)
        ):
            income = float(rng.randint(450, 1100))
            daily = round(min(max_daily_contribution(COST_PER_PLACE_DAY), income * 0.15 / 30), 2)
            start = stay.admission + timedelta(days=rng.randint(30, 60))
            self._add(
                EconomicContribution,
                owner,
                stay_id=stay_id,
                start_date=start,
                monthly_income=income,
                income_origin=rng.choice(CONTRIBUTION_ORIGINS),
                duration_months=rng.randint(6, 12),
                family_circumstances=rng.choice(FAMILY_CIRCUMSTANCES),
                daily_amount=daily,
                authorised_by="Comisionado para las Drogodependencias",
                authorised_date=start - timedelta(days=rng.randint(3, 15)),
            )


def add_circuit(
    db: Database,
    actor: Actor,
    *,
    people: Sequence[DemoPerson],
    viviendas: Sequence[DemoVivienda],
    centres: Sequence[DemoCentre],
    start: date,
    seed: int,
    avoid: set[str] = frozenset(),  # type: ignore[assignment]
) -> CircuitSummary:
    """Plan and store the whole circuit for the demo people (see the module's docstring)."""
    if not people:
        return CircuitSummary()
    rng = random.Random(f"circuit-{seed}")
    planner = _Planner(rng, db.clock.today(), start, people, viviendas, centres, set(avoid))
    planner.plan()
    return _Writer(db, actor, planner).write()
