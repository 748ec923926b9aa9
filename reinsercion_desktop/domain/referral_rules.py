"""Rules of the referral protocol (protocolo de derivación, Anexo I) before the waiting list.

Pure functions on plain data: the service gathers the facts, these say what is wrong
in Spanish, field by field, and which status changes are allowed.

- R-ADM-2 only a registered, active CTA, CT or EAIIPP may refer.
- R-ADM-4 a ticked exclusion criterion blocks "complete" unless a reason is written.
- R-REF-4 a CT referral needs the reference CTA's consensus; a discrepancy keeps the
  protocol out of the list and is escalated to the Comisionado.
- R-REF-1 only a complete protocol enters the waiting list; an incomplete one keeps
  its cause, and its fix (subsanación) when it comes.
- R-WL-2 admission may be postponed up to 3 calendar months from inclusion; past that
  a decision is due.
- R-WL-4 a derived discharge re-referred within 4 months gets a readmission priority.
- R-WL-5 the deadlines of a turn: assignment and admission after each discharge type,
  and 2 days to locate the person assigned a place.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from reinsercion_desktop.domain.dates import add_months
from reinsercion_desktop.domain.enums import (
    Consensus,
    DischargeType,
    FormStatus,
    ReferralStatus,
    ReferringCentreKind,
)

# The exclusion checklist of the Anexo I form (field `criterios_exclusion`).
EXCLUSION_CRITERIA: dict[str, str] = {
    "enfermedad_organica_aguda": "Enfermedad orgánica aguda",
    "enfermedad_psiquiatrica_aguda": "Enfermedad psiquiátrica aguda",
    "discapacidad_fisica": "Discapacidad física que impide la autonomía",
    "alta_voluntaria_ct": "Alta voluntaria de la CT de origen",
    "alta_disciplinaria_ct": "Alta disciplinaria de la CT de origen",
}

REFERRING_KINDS: frozenset[str] = frozenset(
    {ReferringCentreKind.CTA, ReferringCentreKind.CT, ReferringCentreKind.EAIIPP}
)

POSTPONE_MAX_MONTHS = 3  # R-WL-2
PRIORITY_MONTHS = 4  # R-WL-4
ANNOUNCE_DAYS = 15  # R-WL-5: a therapeutic discharge is announced 15 days ahead
ADMISSION_MIN_DAYS, ADMISSION_MAX_DAYS = 1, 5  # R-WL-5: after other discharges
NOT_LOCATED_DAYS = 2  # R-WL-5

ESCALATION_CAUSE = (
    "Discrepancia entre la CT y el CTA de referencia: elevada al Comisionado para las "
    "Drogodependencias para su valoración."
)

_S = ReferralStatus
# Which status may follow which (the services add the paperwork each step needs).
TRANSITIONS: dict[ReferralStatus, frozenset[ReferralStatus]] = {
    _S.DRAFT: frozenset({_S.COMPLETE, _S.INCOMPLETE, _S.WITHDRAWN}),
    # A faxed protocol typed in at the office goes straight from complete to received.
    _S.COMPLETE: frozenset({_S.SENT, _S.RECEIVED, _S.INCOMPLETE, _S.WITHDRAWN}),
    _S.SENT: frozenset({_S.RECEIVED, _S.INCOMPLETE, _S.WITHDRAWN}),
    _S.RECEIVED: frozenset({_S.WAITING, _S.INCOMPLETE, _S.WITHDRAWN}),
    _S.INCOMPLETE: frozenset({_S.COMPLETE, _S.RECEIVED, _S.WITHDRAWN}),
    _S.WAITING: frozenset({_S.POSTPONED, _S.ASSIGNED, _S.RESIGNED, _S.WITHDRAWN}),
    _S.POSTPONED: frozenset({_S.POSTPONED, _S.WAITING, _S.ASSIGNED, _S.RESIGNED, _S.WITHDRAWN}),
    _S.ASSIGNED: frozenset(
        {_S.ADMITTED, _S.POSTPONED, _S.RESIGNED, _S.NOT_LOCATED, _S.WAITING, _S.WITHDRAWN}
    ),
    _S.ADMITTED: frozenset(),
    _S.RESIGNED: frozenset(),
    _S.NOT_LOCATED: frozenset(),
    _S.WITHDRAWN: frozenset(),
}
CLOSED: frozenset[ReferralStatus] = frozenset(s for s, nxt in TRANSITIONS.items() if not nxt)
IN_LIST: frozenset[ReferralStatus] = frozenset({_S.WAITING, _S.POSTPONED, _S.ASSIGNED})
EDITABLE: frozenset[ReferralStatus] = frozenset({_S.DRAFT, _S.INCOMPLETE})


@dataclass(frozen=True)
class ReferralFacts:
    """What the completion rules look at (gathered by the service from the records).

    `centre_kind` is None when the referral names no referring centre of the catalogue.
    `form_status` is None when no Anexo I form is linked.
    """

    centre_kind: str | None
    centre_name: str = ""
    centre_active: bool = True
    consensus: str = Consensus.NOT_NEEDED
    exclusion_criteria: tuple[str, ...] = ()
    exclusion_override: str = ""
    form_status: str | None = None


def transition_problem(current: str, target: ReferralStatus) -> str | None:
    """None if `current → target` is allowed, else a Spanish sentence saying why not."""
    now = ReferralStatus(current)
    if target in TRANSITIONS[now]:
        return None
    if now in CLOSED:
        return (
            f"El protocolo está cerrado ({now.label.lower()}): para un nuevo ingreso "
            "hay que empezar una derivación nueva."
        )
    return f"Un protocolo en estado «{now.label}» no puede pasar a «{target.label}»."


def referring_centre_problem(kind: str | None, name: str = "", active: bool = True) -> str | None:
    """R-ADM-2: only a registered, active CTA, CT or EAIIPP may refer to a VAR."""
    if kind is None:
        return (
            "La derivación no tiene centro derivador: elija un CTA, una CT o el EAIIPP "
            "del catálogo de centros derivadores."
        )
    if kind not in REFERRING_KINDS:
        label = ReferringCentreKind(kind).label if kind in set(ReferringCentreKind) else kind
        return (
            f"{name or 'Este centro'} ({label}) no puede derivar a una VAR: el ingreso solo se "
            "hace a través de un CTA, una CT o el EAIIPP registrados. Pida la derivación a uno "
            "de ellos."
        )
    if not active:
        return (
            f"{name or 'El centro derivador'} está dado de baja en el catálogo: reactívelo "
            "o elija otro centro derivador."
        )
    return None


def exclusion_problem(criteria: tuple[str, ...] | list[str], override: str) -> str | None:
    """R-ADM-4: ticked exclusion criteria block completion unless a reason is written."""
    unknown = [code for code in criteria if code not in EXCLUSION_CRITERIA]
    if unknown:
        return f"Criterio de exclusión desconocido: {', '.join(unknown)}."
    if criteria and not override.strip():
        ticked = "; ".join(EXCLUSION_CRITERIA[code].lower() for code in criteria)
        return (
            f"Hay criterios de exclusión marcados ({ticked}). Desmárquelos si no se cumplen o "
            "escriba la justificación del ingreso pese a ellos."
        )
    return None


def consensus_problem(kind: str | None, consensus: str) -> str | None:
    """R-REF-4: a CT referral needs "consensuado" (a discrepancy is escalated, see below);
    "no_procede" is only for referrals that do not come from a CT."""
    if consensus not in set(Consensus):
        return f"Valor de consenso desconocido: {consensus}."
    if kind == ReferringCentreKind.CT:
        if consensus == Consensus.NOT_NEEDED:
            return (
                "La derivación viene de una comunidad terapéutica: indique si hay consenso con "
                "el CTA de referencia (consensuado o discrepancia)."
            )
        return None
    if consensus != Consensus.NOT_NEEDED:
        return (
            "El consenso con el CTA solo procede cuando deriva una comunidad terapéutica: "
            "marque «No procede»."
        )
    return None


def is_escalated(kind: str | None, consensus: str) -> bool:
    """R-REF-4: a CT referral in discrepancy with its CTA goes to the Comisionado, not to the list."""
    return kind == ReferringCentreKind.CT and consensus == Consensus.DISCREPANCY


def form_problem(form_status: str | None) -> str | None:
    """A linked Anexo I must be final or signed before the referral is complete."""
    if form_status is None or form_status in (FormStatus.FINAL, FormStatus.SIGNED):
        return None
    return (
        "El protocolo (Anexo I) vinculado está en borrador: revíselo y márquelo como "
        "definitivo (o fírmelo) antes de dar la derivación por completa."
    )


def completion_problems(facts: ReferralFacts) -> dict[str, str]:
    """Every reason the protocol cannot be marked complete (empty: it can).

    R-ADM-2, R-ADM-4, R-REF-4 and the linked Anexo I. A CT discrepancy is *not* listed
    here: it is a legitimate outcome that the service records as an escalation.
    """
    checks = {
        "referring_centre": referring_centre_problem(
            facts.centre_kind, facts.centre_name, facts.centre_active
        ),
        "exclusion_criteria": exclusion_problem(facts.exclusion_criteria, facts.exclusion_override),
        "consensus": consensus_problem(facts.centre_kind, facts.consensus),
        "form": form_problem(facts.form_status),
    }
    return {key: text for key, text in checks.items() if text}


def list_date(received_date: date | None, fixed_date: date | None) -> date | None:
    """R-WL-1/R-REF-1: the date that orders the waiting list.

    It is the date the *complete* protocol was received: the received date, or the fix
    date when the protocol was fixed (subsanado) after it was received.
    Example: received 10/01, incomplete, fixed 20/01 → the list date is 20/01;
    fixed at the centre 05/01 and received 10/01 → 10/01.
    """
    if received_date is None:
        return None
    if fixed_date is not None and fixed_date > received_date:
        return fixed_date
    return received_date


def fix_problem(
    fixed_date: date, note: str, incomplete_since: date | None, today: date
) -> str | None:
    """R-REF-1: a fix (subsanación) has a date (not in the future) and says what was fixed."""
    if not note.strip():
        return "Escriba qué se ha subsanado (documento aportado, dato corregido…)."
    if fixed_date > today:
        return "La fecha de subsanación no puede ser futura."
    if incomplete_since is not None and fixed_date < incomplete_since:
        return "La fecha de subsanación es anterior a la fecha en que se marcó como incompleto."
    return None


def received_date_problem(received: date, protocol_date: date, today: date) -> str | None:
    if received > today:
        return "La fecha de recepción no puede ser futura."
    if received < protocol_date:
        return (
            f"La fecha de recepción es anterior a la del protocolo ({protocol_date:%d/%m/%Y}): "
            "revísela."
        )
    return None


def open_protocol_problem(statuses: list[str]) -> str | None:
    """The protocol is unique ("un único protocolo"): no second one while one is open."""
    for status in map(ReferralStatus, statuses):
        if status not in CLOSED:
            return (
                f"Esta persona ya tiene un protocolo de derivación abierto ({status.label.lower()}): "
                "el protocolo es único; siga con ese o retírelo antes de crear otro."
            )
    return None


# -- R-WL-2: postponement --------------------------------------------------------------


def postponement_limit(included_date: date) -> date:
    """The last day admission may be postponed to: 3 calendar months from inclusion."""
    return add_months(included_date, POSTPONE_MAX_MONTHS)


def postponement_problem(
    included_date: date | None, until: date, today: date, keep_decision: str = ""
) -> str | None:
    """R-WL-2: refuse a postponement beyond 3 months from inclusion (unless already decided)."""
    if included_date is None:
        return "Solo se aplaza el ingreso de un protocolo incluido en la lista de espera."
    if until <= today:
        return "La fecha hasta la que se aplaza el ingreso debe ser posterior a hoy."
    limit = postponement_limit(included_date)
    if until > limit and not keep_decision.strip():
        return (
            f"El ingreso solo puede aplazarse hasta 3 meses desde la inclusión en lista "
            f"(hasta el {limit:%d/%m/%Y}). Elija una fecha anterior o, pasado ese plazo, "
            "registre la decisión de mantener el protocolo (con su motivo) o retirarlo."
        )
    return None


def decision_due(status: str, included_date: date | None, keep_decision: str, today: date) -> bool:
    """R-WL-2: still postponed past 3 months from inclusion, with no decision recorded."""
    return (
        status == ReferralStatus.POSTPONED
        and included_date is not None
        and today > postponement_limit(included_date)
        and not keep_decision.strip()
    )


# -- R-WL-4: readmission priority -------------------------------------------------------


def readmission_priority(
    discharge_type: str, discharge_date: date | None, vivienda_id: str, today: date
) -> tuple[date, str] | None:
    """R-WL-4: (priority until, vivienda) when a derived discharge is re-referred within 4 months."""
    if discharge_type != DischargeType.DERIVED or discharge_date is None:
        return None
    until = add_months(discharge_date, PRIORITY_MONTHS)
    return (until, vivienda_id) if today <= until else None


# -- R-WL-5: deadlines after a discharge --------------------------------------------------


def assignment_deadline(
    discharge_type: str, *, discharge_date: date | None, planned_discharge_date: date | None = None
) -> date:
    """R-WL-5: by when the next protocol must be assigned to the place being left.

    Therapeutic: when the discharge is announced, 15 days before the planned discharge.
    Voluntary, disciplinary or derived: at once, the day of the discharge.
    """
    if discharge_type == DischargeType.THERAPEUTIC:
        if planned_discharge_date is None:
            raise ValueError("a therapeutic discharge needs its planned date")
        return planned_discharge_date - timedelta(days=ANNOUNCE_DAYS)
    if discharge_date is None:
        raise ValueError("an unplanned discharge needs its date")
    return discharge_date


def admission_window(discharge_type: str, *, discharge_date: date) -> tuple[date, date | None]:
    """R-WL-5: (earliest, latest) planned admission for the place left by a discharge.

    Therapeutic: from the (planned) discharge day, on a date agreed with the centre (no
    latest). Other discharges: 1 to 5 days after the discharge.
    """
    if discharge_type == DischargeType.THERAPEUTIC:
        return discharge_date, None
    return (
        discharge_date + timedelta(days=ADMISSION_MIN_DAYS),
        discharge_date + timedelta(days=ADMISSION_MAX_DAYS),
    )


def planned_admission_problem(
    planned: date,
    today: date,
    discharge_type: str | None = None,
    discharge_date: date | None = None,
) -> str | None:
    """R-WL-5: the planned admission date fits the discharge that freed the place."""
    if planned < today:
        return "La fecha prevista de ingreso no puede ser anterior a hoy."
    if discharge_type is None or discharge_date is None:
        return None
    earliest, latest = admission_window(discharge_type, discharge_date=discharge_date)
    if planned < earliest:
        return f"La plaza queda libre el {discharge_date:%d/%m/%Y}: prevea el ingreso desde el {earliest:%d/%m/%Y}."
    if latest is not None and planned > latest:
        return (
            f"Tras un alta {DischargeType(discharge_type).label.lower()} el ingreso se hace "
            f"entre 1 y 5 días después: elija una fecha entre el {earliest:%d/%m/%Y} y el "
            f"{latest:%d/%m/%Y}."
        )
    return None


def not_located_deadline(assigned_date: date) -> date:
    """R-WL-5: the last day to locate the person assigned a place."""
    return assigned_date + timedelta(days=NOT_LOCATED_DAYS)


def not_located_due(assigned_date: date, today: date) -> bool:
    """R-WL-5: more than 2 days since assignment: the turn may be passed on."""
    return today > not_located_deadline(assigned_date)
