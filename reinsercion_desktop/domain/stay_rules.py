"""Rules of a stay in a VAR (estancia): admission, outings, length, discharge, contributions.

Pure functions over plain dataclasses: the stays service maps its records onto these
and turns the Spanish messages into refusals (`check_*` → {field: message}) or warnings.

Counting days (SPEC §7): a stay lasts discharge − admission (the admission day counts,
the discharge day does not); an open stay counts up to a given day as if discharged
that day. An outing lasts return − departure and occupies its days the same way.
"""

import calendar
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from reinsercion_desktop.domain.dates import add_months, age_on
from reinsercion_desktop.domain.dates import format_date_es as d
from reinsercion_desktop.domain.enums import (
    DischargeType,
    DisciplinaryCriterion,
    OutingKind,
    Programme,
    ReferralStatus,
    Sex,
)

# R-ADM-1: the seed's "superior a los 18 años" is read as adulthood: admitted from the
# 18th birthday on (age_on(birth, admission) >= 18), as Spanish law counts majority.
ADULT_AGE = 18
ADOLESCENT_MIN_AGE = 12  # a reintegration programme admits adolescents, not children
REINTEGRATION_KIND = "reintegration"  # Installation.programme_kind of such a programme
OUTING_MIN_DAYS, OUTING_MAX_DAYS = 30, 40  # R-STAY-1: ordinary outings over a stay
NEAR_DISCHARGE_DAYS = 30  # R-STAY-1: "the planned discharge approaches"
MAX_STAY_MONTHS = 9  # R-STAY-2
CONTRIBUTION_SHARE = 0.20  # R-ECO-1
RESTARTING_DISCHARGES = (DischargeType.VOLUNTARY, DischargeType.DISCIPLINARY)  # R-DIS-2
ADMITTABLE = (ReferralStatus.WAITING, ReferralStatus.ASSIGNED)
# A court order forces the admission (R-WL-3) wherever the protocol stands in the list.
ADMITTABLE_BY_COURT_ORDER = (*ADMITTABLE, "complete", "sent", "received", "postponed")
TOX_RESULTS = {"negativo": "Negativo", "positivo": "Positivo", "invalido": "No válido"}
SEVERITIES = {"leve": "Leve", "grave": "Grave", "muy_grave": "Muy grave"}

Problems = dict[str, str]
T = TypeVar("T")


class FromRecord:
    """`Facts.of(record)`: the fields of a stored record (or anything with those names)."""

    @classmethod
    def of(cls: type[T], record: Any, **extra: Any) -> T:
        names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
        return cls(**{n: getattr(record, n) for n in names if hasattr(record, n)} | extra)


@dataclass(frozen=True)
class StayFacts(FromRecord):
    """What the rules need of a stay."""

    admission_date: date
    discharge_date: date | None = None
    planned_discharge_date: date | None = None
    discharge_type: str = ""
    over_9_months_justification: str = ""  # R-STAY-2
    referral_id: str | None = None
    id: str = ""
    vivienda_name: str = ""

    @property
    def is_open(self) -> bool:
        return self.discharge_date is None

    def occupies(self, day: date) -> bool:
        return self.admission_date <= day and (self.discharge_date or date.max) > day


@dataclass(frozen=True)
class OutingFacts(FromRecord):
    start_date: date
    end_date: date
    kind: str = OutingKind.ORDINARY.value
    id: str = ""


@dataclass(frozen=True)
class ReferralFacts(FromRecord):
    id: str
    status: str
    protocol_date: date
    voluntary: bool
    court_order: bool = False


@dataclass(frozen=True)
class Places(FromRecord):
    """A vivienda's places by sex and its validity."""

    places_men: int
    places_women: int
    places_mixed: int
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass(frozen=True)
class AdmissionRequest:
    admission_date: date
    today: date
    birth_date: date
    sex: str
    programme: str
    programme_kind: str  # the installation's: "var" or "reintegration"
    referral: ReferralFacts
    consent_signed: bool  # a signed "consentimiento" given for this admission
    person_stays: Sequence[StayFacts]
    places: Places
    occupants: Sequence[tuple[str, StayFacts]]  # (sex, stay) of the vivienda's other stays


@dataclass(frozen=True)
class ContributionDraft:
    """Aportación económica as staff fill it (R-ECO-1)."""

    start_date: date
    daily_amount: float
    monthly_income: float
    income_origin: str
    duration_months: int
    family_circumstances: str
    authorised_by: str
    authorised_date: date | None


def is_value(vocabulary: type[StrEnum], value: str) -> bool:
    return value in {member.value for member in vocabulary}


def _collect(**found: Iterable[str]) -> Problems:
    """{field: its messages joined} for the fields that have any."""
    problems = {key: " ".join(messages) for key, messages in found.items()}
    return {key: text for key, text in problems.items() if text}


# -- counting ---------------------------------------------------------------------------------


def stay_days(stay: StayFacts, until: date) -> int:
    """Length in days; an open stay counts up to `until` (that day not counted)."""
    return max(0, ((stay.discharge_date or until) - stay.admission_date).days)


def outing_days(outing: OutingFacts) -> int:
    return (outing.end_date - outing.start_date).days


def outing_days_used(
    outings: Iterable[OutingFacts], *, kind: str = OutingKind.ORDINARY, until: date | None = None
) -> int:
    """Days of outings of one kind; with `until`, only the days gone by then."""
    ends = ((o, o.end_date if until is None else min(o.end_date, until)) for o in outings)
    return sum(max(0, (end - o.start_date).days) for o, end in ends if o.kind == kind)


def stay_days_in_month(stay: StayFacts, year: int, month: int) -> int:
    """Days of stay in a month, clipped; an open stay counts to the end of the month."""
    start = date(year, month, 1)
    end = start + timedelta(days=calendar.monthrange(year, month)[1])
    return max(0, (min(stay.discharge_date or end, end) - max(stay.admission_date, start)).days)


# -- R-ADM-1, R-ADM-3, R-DIS-2 and the other admission refusals ---------------------------------


def age_problem(birth_date: date, admission_date: date, programme_kind: str) -> str | None:
    """R-ADM-1: adults only in a VAR; a reintegration programme admits adolescents too."""
    age = age_on(birth_date, admission_date)
    if programme_kind == REINTEGRATION_KIND:
        if age < ADOLESCENT_MIN_AGE:
            return f"Tendría {age} años al ingresar: el programa admite desde los {ADOLESCENT_MIN_AGE}."
        return None
    if age < ADULT_AGE:
        birthday = add_months(birth_date, 12 * ADULT_AGE)  # 29 Feb → 28 Feb: not yet 18
        adult_on = d(
            birthday if age_on(birth_date, birthday) >= ADULT_AGE else birthday + timedelta(1)
        )
        return f"Tendría {age} años al ingresar: una VAR solo admite personas mayores de edad (cumple los {ADULT_AGE} el {adult_on})."
    return None


def has_free_place(places: Places, occupant_sexes: Sequence[str], sex: str) -> bool:
    """Places of one's own sex fill first, then the mixed places."""
    men, women = occupant_sexes.count(Sex.MAN), occupant_sexes.count(Sex.WOMAN)
    mixed_used = max(0, men - places.places_men) + max(0, women - places.places_women)
    own, used = (places.places_men, men) if sex == Sex.MAN else (places.places_women, women)
    return used < own or mixed_used < places.places_mixed


def _place_problems(request: AdmissionRequest) -> Iterator[str]:
    """A place for the person's sex on every day from the admission to today."""
    places, admission = request.places, request.admission_date
    if places.valid_from and admission < places.valid_from:
        yield f"La vivienda funciona desde el {d(places.valid_from)}."
    if places.valid_to and admission > places.valid_to:
        yield f"La vivienda dejó de funcionar el {d(places.valid_to)}."
    own = places.places_men if request.sex == Sex.MAN else places.places_women
    if own + places.places_mixed == 0:
        yield f"La vivienda no tiene plazas para {'hombres' if request.sex == Sex.MAN else 'mujeres'}: elija otra."
        return
    others = request.occupants
    days = {admission} | {s.admission_date for _, s in others if admission < s.admission_date}
    for day in sorted(day for day in days if day <= max(admission, request.today)):
        present = [sex for sex, stay in others if stay.occupies(day)]
        if not has_free_place(places, present, request.sex):
            yield f"La vivienda está completa el {d(day)} para esta persona ({len(present)} plazas ocupadas): dé antes un alta o elija otra vivienda."
            return


def referral_reuse_problem(
    referral: ReferralFacts, person_stays: Sequence[StayFacts]
) -> str | None:
    """R-DIS-2: after a voluntary or disciplinary discharge only a new referral admits.

    A referral already used for a stay serves again only for the re-entry after a derived
    discharge (R-WL-4); a referral dated before the person's last voluntary or
    disciplinary discharge is an old one and cannot be used either.
    """
    restart = "Tras un alta voluntaria o disciplinaria el procedimiento empieza de nuevo: registre un protocolo de derivación nuevo."
    for stay in person_stays:
        if stay.referral_id != referral.id or stay.is_open:
            continue
        if stay.discharge_type in RESTARTING_DISCHARGES:
            kind = DischargeType(stay.discharge_type).label.lower()
            return (
                f"Este protocolo terminó con un alta {kind} el {d(stay.discharge_date)}. {restart}"
            )
        if stay.discharge_type != DischargeType.DERIVED:
            return f"Este protocolo ya se usó para la estancia del {d(stay.admission_date)} al {d(stay.discharge_date)}: un nuevo ingreso necesita un protocolo nuevo."
    restarting = [s for s in person_stays if s.discharge_type in RESTARTING_DISCHARGES]
    last = max(restarting, key=lambda s: s.discharge_date or date.min, default=None)
    if last and last.discharge_date and referral.protocol_date < last.discharge_date:
        kind = DischargeType(last.discharge_type).label.lower()
        return f"El protocolo es del {d(referral.protocol_date)}, anterior al alta {kind} del {d(last.discharge_date)}. {restart}"
    return None


def _referral_problems(request: AdmissionRequest) -> Iterator[str]:
    referral, stays = request.referral, request.person_stays
    allowed = ADMITTABLE_BY_COURT_ORDER if referral.court_order else ADMITTABLE
    reentry = any(
        s.referral_id == referral.id and s.discharge_type == DischargeType.DERIVED for s in stays
    )
    if referral.status not in allowed and not (reentry and referral.status == "admitted"):
        is_known = is_value(ReferralStatus, referral.status)
        label = ReferralStatus(referral.status).label if is_known else referral.status
        yield f"El protocolo está «{label}»: solo ingresa un protocolo en lista de espera o en proceso de admisión (o con orden judicial)."
    reuse = referral_reuse_problem(referral, stays)
    if reuse:
        yield reuse


def _admission_date_problems(request: AdmissionRequest) -> Iterator[str]:
    admission = request.admission_date
    if admission > request.today:
        yield "La fecha de ingreso no puede ser posterior a hoy."
    if admission < request.referral.protocol_date:
        yield f"La fecha de ingreso es anterior al protocolo de derivación ({d(request.referral.protocol_date)})."
    for stay in request.person_stays:
        if stay.discharge_date and admission < stay.discharge_date:
            yield f"Se solapa con la estancia del {d(stay.admission_date)} al {d(stay.discharge_date)}."


def _person_problems(request: AdmissionRequest) -> Iterator[str]:
    age = age_problem(request.birth_date, request.admission_date, request.programme_kind)
    if age:
        yield age
    for stay in request.person_stays:
        if stay.is_open:
            where = f" en {stay.vivienda_name}" if stay.vivienda_name else ""
            yield f"Esta persona ya tiene una estancia abierta{where} desde el {d(stay.admission_date)}: dé antes el alta."


def _consent_problems(request: AdmissionRequest) -> Iterator[str]:
    """R-ADM-3: stated voluntariness and the signed informed consent."""
    if not request.referral.voluntary:
        yield "Falta la voluntariedad: el protocolo debe recoger que la persona la manifiesta."
    if not request.consent_signed:
        yield "Falta el consentimiento informado firmado: rellene el formulario «Consentimiento informado», imprímalo para la firma y márquelo como firmado."


def check_admission(request: AdmissionRequest) -> Problems:
    """Every reason the admission cannot be recorded, by field; empty when it can."""
    return _collect(
        participant=_person_problems(request),
        admission_date=_admission_date_problems(request),
        referral=_referral_problems(request),
        programme=[]
        if is_value(Programme, request.programme)
        else ["Elija el programa: libre de drogas o PTM."],
        consent=_consent_problems(request),
        vivienda=_place_problems(request),
    )


# -- R-STAY-1: outings -------------------------------------------------------------------------


def _outing_date_problems(stay: StayFacts, outing: OutingFacts) -> Iterator[str]:
    if outing.end_date <= outing.start_date:
        yield "La fecha de regreso debe ser posterior a la de salida."
    if outing.start_date < stay.admission_date:
        yield f"La salida empieza antes del ingreso ({d(stay.admission_date)})."
    if stay.discharge_date and outing.end_date > stay.discharge_date:
        yield f"La salida termina después del alta ({d(stay.discharge_date)})."
    elif stay.planned_discharge_date and outing.end_date > stay.planned_discharge_date:
        yield f"La salida termina después del alta prevista ({d(stay.planned_discharge_date)}): cambie antes el alta prevista."


def check_outing(stay: StayFacts, outing: OutingFacts, others: Sequence[OutingFacts]) -> Problems:
    """An outing lies inside the stay and overlaps no other (back to back is fine)."""
    overlaps = [
        f"Se solapa con la salida del {d(o.start_date)} al {d(o.end_date)}."
        for o in others
        if o.id != outing.id and outing.start_date < o.end_date and o.start_date < outing.end_date
    ]
    kind_ok = is_value(OutingKind, outing.kind)
    return _collect(
        kind=[] if kind_ok else ["Elija el tipo de salida: ordinaria o excepcional."],
        dates=_outing_date_problems(stay, outing),
        overlap=overlaps,
    )


def event_date_problem(stay: StayFacts, day: date, today: date) -> str | None:
    """A control or an incident falls within the stay (its discharge day included), not later than today."""
    if day > today:
        return "La fecha no puede ser posterior a hoy."
    if day < stay.admission_date or day > (stay.discharge_date or date.max):
        until = f" al {d(stay.discharge_date)}" if stay.discharge_date else ""
        return f"La fecha debe caer dentro de la estancia (del {d(stay.admission_date)}{until})."
    return None


def outing_warnings(stay: StayFacts, outings: Sequence[OutingFacts], today: date) -> list[str]:
    """R-STAY-1 warnings, not refusals: over 40 days planned; discharge near, < 30 taken."""
    warnings = []
    planned = outing_days_used(outings)
    if planned > OUTING_MAX_DAYS:
        warnings.append(
            f"Las salidas terapéuticas suman {planned} días: el programa prevé entre {OUTING_MIN_DAYS} y {OUTING_MAX_DAYS} por estancia."
        )
    due = stay.planned_discharge_date
    taken = outing_days_used(outings, until=today)
    near = stay.is_open and due is not None and 0 <= (due - today).days <= NEAR_DISCHARGE_DAYS
    if near and taken < OUTING_MIN_DAYS:
        warnings.append(
            f"El alta prevista es el {d(due)} y solo se han disfrutado {taken} días de salidas terapéuticas: el programa prevé al menos {OUTING_MIN_DAYS}."
        )
    return warnings


# -- R-STAY-2: nine months -----------------------------------------------------------------------


def nine_month_limit(stay: StayFacts) -> date:
    """The last discharge date within 9 calendar months of the admission."""
    return add_months(stay.admission_date, MAX_STAY_MONTHS)


def exceeds_nine_months(stay: StayFacts, today: date) -> bool:
    """The stay lasts, or is planned to last, beyond 9 calendar months."""
    end = stay.discharge_date or max(today, stay.planned_discharge_date or today)
    return end > nine_month_limit(stay)


def needs_justification(stay: StayFacts, today: date) -> bool:
    """R-STAY-2: over (or planned over) 9 months and no written justification yet.

    Takes a `StayFacts` or a stored stay itself (the attribute names are the same).
    """
    return exceeds_nine_months(stay, today) and not stay.over_9_months_justification.strip()


def _justification_problems(stay: StayFacts, today: date) -> Iterator[str]:
    if needs_justification(stay, today):
        yield f"La estancia supera o superará los {MAX_STAY_MONTHS} meses (ingreso el {d(stay.admission_date)}, límite el {d(nine_month_limit(stay))}): escriba la justificación, coordinada con el CTA, que se remitirá a la oficina."


def check_planned_discharge(stay: StayFacts, planned: date, today: date) -> Problems:
    """R-STAY-2 at planning time: a planned discharge past 9 months needs the justification."""
    closed = [] if stay.is_open else [f"La estancia ya tiene alta ({d(stay.discharge_date)})."]
    early = planned <= stay.admission_date
    return _collect(
        stay=closed,
        planned_discharge_date=["El alta prevista debe ser posterior al ingreso."] if early else [],
        justification=_justification_problems(replace(stay, planned_discharge_date=planned), today),
    )


# -- R-DIS-1 and the discharge refusals ------------------------------------------------------------


def _type_problems(discharge_type: str) -> Iterator[str]:
    if not is_value(DischargeType, discharge_type):
        yield "Elija el tipo de alta: terapéutica, derivada, voluntaria o disciplinaria."


def _criterion_problems(discharge_type: str, criterion: str) -> Iterator[str]:
    if not is_value(DischargeType, discharge_type):
        return
    if discharge_type == DischargeType.DISCIPLINARY:
        if not is_value(DisciplinaryCriterion, criterion):  # R-DIS-1
            names = "; ".join(c.label.lower() for c in DisciplinaryCriterion)
            yield f"Un alta disciplinaria indica uno de sus cuatro criterios: {names}."
    elif criterion:
        yield "Solo un alta disciplinaria lleva criterio disciplinario."


def _discharge_date_problems(
    stay: StayFacts,
    day: date,
    today: date,
    later: Sequence[StayFacts],
    outings: Sequence[OutingFacts],
) -> Iterator[str]:
    if day < stay.admission_date:
        yield f"El alta no puede ser anterior al ingreso ({d(stay.admission_date)})."
    if day > today:
        yield "El alta no puede ser posterior a hoy: para una fecha futura anote el alta prevista."
    for other in later:
        if other.id != stay.id and stay.admission_date <= other.admission_date < day:
            yield f"Se solapa con el ingreso posterior del {d(other.admission_date)}."
    after = ", ".join(f"{d(o.start_date)}–{d(o.end_date)}" for o in outings if o.end_date > day)
    if after:
        yield f"Hay salidas que terminan después del alta ({after}): anúlelas o corríjalas antes."


def check_discharge(
    stay: StayFacts,
    *,
    discharge_date: date,
    discharge_type: str,
    criterion: str,
    today: date,
    other_stays: Sequence[StayFacts] = (),
    outings: Sequence[OutingFacts] = (),
) -> Problems:
    """Refused: twice, before admission, in the future, over a later stay, R-DIS-1, R-STAY-2."""
    if not stay.is_open:
        return {"stay": f"Esta estancia ya tiene alta ({d(stay.discharge_date)})."}
    closed = replace(stay, discharge_date=max(discharge_date, stay.admission_date))
    return _collect(
        discharge_type=_type_problems(discharge_type),
        criterion=_criterion_problems(discharge_type, criterion),
        discharge_date=_discharge_date_problems(stay, discharge_date, today, other_stays, outings),
        justification=_justification_problems(closed, today),
    )


# -- R-ECO-1 ---------------------------------------------------------------------------------------


def max_daily_contribution(cost_per_place_day: float) -> float:
    return round(cost_per_place_day * CONTRIBUTION_SHARE, 2)


def _amount_problems(draft: ContributionDraft, cost_per_place_day: float) -> Iterator[str]:
    top = max_daily_contribution(cost_per_place_day)
    if cost_per_place_day <= 0:
        yield "Falta el coste por plaza y día en los ajustes del centro: sin él no se comprueba el límite del 20 %."
    elif draft.daily_amount <= 0:
        yield "Indique la aportación diaria."
    elif round(draft.daily_amount, 2) > top:
        yield f"La aportación no puede pasar del 20 % del coste por plaza y día: como máximo {top:.2f} € al día."


def _authorisation_problems(draft: ContributionDraft, today: date) -> Iterator[str]:
    if not draft.authorised_by.strip() or draft.authorised_date is None:
        yield "Hace falta la autorización previa del Comisionado: indique quién la dio y en qué fecha."
    elif draft.authorised_date > draft.start_date or draft.authorised_date > today:
        yield "La autorización debe ser previa al inicio de la aportación."


def _documentation_problems(draft: ContributionDraft, stay: StayFacts) -> Iterator[str]:
    if draft.monthly_income <= 0:
        yield "Indique la prestación o ingreso mensual."
    if not draft.income_origin.strip():
        yield "Indique el origen de los ingresos."
    if draft.duration_months < 1:
        yield "Indique cuántos meses durarán los ingresos."
    if not draft.family_circumstances.strip():
        yield "Describa las circunstancias familiares que influyen."
    if draft.start_date < stay.admission_date or draft.start_date >= (
        stay.discharge_date or date.max
    ):
        yield "La aportación debe empezar durante la estancia."


def check_contribution(
    draft: ContributionDraft, stay: StayFacts, cost_per_place_day: float, today: date
) -> Problems:
    """R-ECO-1: ≤ 20 % of the cost per place and day, authorised beforehand, documented."""
    return _collect(
        daily_amount=_amount_problems(draft, cost_per_place_day),
        authorisation=_authorisation_problems(draft, today),
        documentation=_documentation_problems(draft, stay),
    )
