"""Plazos del circuito: what is due, for whom, by when (R-STAY-3, R-WL-5, R-STAY-1, R-STAY-2).

Pure functions over plain facts; the pending service reads the records into these
dataclasses with a few set-based queries and shows the result in "Pendientes".

Choices where the seed (003_…, instructions V and VI) leaves room, in one place:

- A report "exists" when an instance of its form (any status: a draft already started
  counts) was created for the person on or after the stay's admission day, so a report
  of an earlier stay does not settle the current one.
- Anexo IV is due `adaptation_days` (installation setting, default 30) after admission;
  Anexo V two calendar months before the planned discharge (a planned discharge is a
  therapeutic one); both only while the stay is open. Anexo VI is due 10 days after any
  discharge; for voluntary, derived and disciplinary discharges the same report goes to
  the office too, and the one item says so.
- Anexo III of a month is due on day 5 of the following month (ANEXO_III_DUE_DAY) for
  every vivienda that had someone any day of that month; it is listed once the month is
  over (it is built from the month's records).
- The discharge notice to the office: 15 days before the planned therapeutic discharge;
  the discharge day itself for the other types; settled by `discharge_notice_date`.
- R-WL-5: an assigned referral ("proceso de admisión") is due for admission on its planned
  date; right after a voluntary, derived or disciplinary discharge in the same vivienda
  (assigned within 5 days of it) admission is due at most 5 days after that discharge,
  and a reminder to mark the person "no localizado/a" falls 2 days after the assignment.
- R-STAY-2: an open stay that lasts, or is planned to last, beyond 9 months without a
  written justification: due the day it reaches 9 months.
- R-STAY-1: an open stay whose planned discharge is within 30 days with fewer than 30
  days of ordinary outings taken so far: due the planned discharge day.
- The list keeps what falls due by `today + horizon_days` (30). What concerns a person still
  in the vivienda, or a referral in admission, stays listed however late; the paperwork
  after a discharge and the monthly reports go back `lookback_days` (90): older ones
  belong to the history, not to the to-do list (and reading every discharge of years
  past would not fit the list's time budget at office scale).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from reinsercion_desktop.domain.dates import add_months, format_date_es
from reinsercion_desktop.domain.enums import DischargeType
from reinsercion_desktop.domain.stay_rules import (
    MAX_STAY_MONTHS,
    NEAR_DISCHARGE_DAYS,
    OUTING_MIN_DAYS,
    OutingFacts,
    outing_days_used,
)

DEFAULT_ADAPTATION_DAYS = 30
ANEXO_V_MONTHS_BEFORE = 2
ANEXO_VI_DAYS = 10
ANEXO_III_DUE_DAY = 5  # of the month after the one reported
THERAPEUTIC_NOTICE_DAYS = 15
ADMISSION_MAX_DAYS = 5  # R-WL-5: admission within 1–5 days of a non-therapeutic discharge
NOT_LOCATED_DAYS = 2
DEFAULT_HORIZON_DAYS = 30
DEFAULT_LOOKBACK_DAYS = 90

OFFICE_TOO = (DischargeType.VOLUNTARY, DischargeType.DERIVED, DischargeType.DISCIPLINARY)
_DISCHARGE_TYPES = {member.value for member in DischargeType}

MONTHS_ES = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)


class DeadlineKind(StrEnum):
    ANEXO_IV = "anexo_iv"
    ANEXO_V = "anexo_v"
    ANEXO_VI = "anexo_vi"
    ANEXO_III = "anexo_iii"
    DISCHARGE_NOTICE = "discharge_notice"
    ADMISSION = "admission"
    NOT_LOCATED = "not_located"
    STAY_OVER_9_MONTHS = "stay_over_9_months"
    FEW_OUTINGS = "few_outings"
    # Case management (domain/case_deadlines.py)
    APPOINTMENT = "appointment"
    OBJECTIVE_OVERDUE = "objective_overdue"
    PLAN_REVIEW = "plan_review"
    CONFERENCE_TASK = "conference_task"
    JOB_FOLLOW_UP = "job_follow_up"


class Action(StrEnum):
    """What a click on the item should open."""

    OPEN_FILE = "open_file"  # the participant's file
    CREATE_FORM = "create_form"  # a new form `form_id` for the participant
    CREATE_ANEXO_III = "create_anexo_iii"  # the vivienda's monthly report for `period`
    RECORD_NOTICE = "record_notice"  # the stay's discharge notice date
    RECORD_ADMISSION = "record_admission"  # admission or resignation of the referral
    MARK_NOT_LOCATED = "mark_not_located"
    WRITE_JUSTIFICATION = "write_justification"  # the stay's over-9-months justification
    PLAN_OUTINGS = "plan_outings"
    OPEN_PLAN = "open_plan"  # the file's plan tab
    OPEN_FOLLOW_UP = "open_follow_up"  # the file's follow-up tab


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    rule: str
    who: str
    what: str
    due: date
    action: Action
    participant_id: str = ""
    stay_id: str = ""
    referral_id: str = ""
    vivienda_id: str = ""
    form_id: str = ""  # the form to create, when the action is one
    period: str = ""  # YYYY-MM of a monthly report

    def overdue(self, today: date) -> bool:
        return self.due < today


@dataclass(slots=True)
class StayDeadlineFacts:
    """An open or recently closed stay, with what the deadlines need of it."""

    stay_id: str
    participant_id: str
    who: str
    vivienda_id: str
    admission_date: date
    planned_discharge_date: date | None = None
    discharge_date: date | None = None
    discharge_type: str = ""
    discharge_notice_date: date | None = None
    justification: str = ""
    # Latest creation day of each report form of the person ("anexo-iv" → day).
    form_dates: Mapping[str, date] = field(default_factory=dict)
    # Outings, needed only when the planned discharge is near (R-STAY-1).
    outings: Sequence[OutingFacts] = ()

    @property
    def is_open(self) -> bool:
        return self.discharge_date is None

    def has_form(self, form_id: str) -> bool:
        made = self.form_dates.get(form_id)
        return made is not None and made >= self.admission_date


@dataclass(frozen=True)
class ReferralDeadlineFacts:
    """A referral in "proceso de admisión" (status assigned)."""

    referral_id: str
    participant_id: str
    who: str
    assigned_date: date | None
    planned_admission_date: date | None = None
    vivienda_id: str = ""
    vivienda_name: str = ""


@dataclass(frozen=True)
class ViviendaFacts:
    vivienda_id: str
    name: str
    valid_from: date | None = None
    valid_to: date | None = None


# -- periods ----------------------------------------------------------------------------------


def period_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_bounds(period: str) -> tuple[date, date]:
    """First day of a YYYY-MM month and first day of the next one; ValueError if malformed."""
    year_text, _, month_text = period.partition("-")
    if len(year_text) != 4 or len(month_text) != 2:
        raise ValueError(f"«{period}» no es un mes: escríbalo como AAAA-MM.")
    start = date(int(year_text), int(month_text), 1)
    return start, add_months(start, 1)


def month_label(period: str) -> str:
    """ "2026-01" → "enero de 2026"."""
    start, _ = month_bounds(period)
    return f"{MONTHS_ES[start.month - 1]} de {start.year}"


def anexo_iii_due(period: str) -> date:
    _, next_start = month_bounds(period)
    return next_start.replace(day=ANEXO_III_DUE_DAY)


def _d(day: date | None) -> str:
    return format_date_es(day)


# -- R-STAY-3, R-STAY-1, R-STAY-2: one stay -----------------------------------------------------


def stay_deadlines(
    stay: StayDeadlineFacts,
    *,
    today: date,
    adaptation_days: int = DEFAULT_ADAPTATION_DAYS,
    earliest: date | None = None,
    latest: date | None = None,
) -> list[Deadline]:
    """Every deadline of one stay still unmet, due from `earliest` to `latest` when given.

    The bounds are checked before any text is written: at office scale most stays owe
    nothing inside the window, and this runs for thousands of them.
    """
    items: list[Deadline] = []

    def wanted(due: date) -> bool:
        return (earliest is None or due >= earliest) and (latest is None or due <= latest)

    def add(*found: object) -> None:
        items.append(_of_stay(stay, *found))  # type: ignore[arg-type]

    planned = stay.planned_discharge_date
    if stay.is_open:
        due = stay.admission_date + timedelta(days=adaptation_days)
        if wanted(due) and not stay.has_form("anexo-iv"):
            add(
                DeadlineKind.ANEXO_IV,
                "R-STAY-3",
                f"Anexo IV (informe de integración-evolución) al centro derivador: termina el "
                f"periodo de adaptación ({adaptation_days} días desde el ingreso del "
                f"{_d(stay.admission_date)}).",
                due,
                Action.CREATE_FORM,
                "anexo-iv",
            )
        if planned:
            due = add_months(planned, -ANEXO_V_MONTHS_BEFORE)
            if wanted(due) and not stay.has_form("anexo-v"):
                add(
                    DeadlineKind.ANEXO_V,
                    "R-STAY-3",
                    f"Anexo V (informe de evolución) al centro derivador: dos meses antes del "
                    f"alta terapéutica prevista el {_d(planned)}.",
                    due,
                    Action.CREATE_FORM,
                    "anexo-v",
                )
            due = planned - timedelta(days=THERAPEUTIC_NOTICE_DAYS)
            if wanted(due) and stay.discharge_notice_date is None:
                add(
                    DeadlineKind.DISCHARGE_NOTICE,
                    "R-STAY-3",
                    f"Comunicar a la oficina el alta terapéutica prevista el {_d(planned)} "
                    f"({THERAPEUTIC_NOTICE_DAYS} días antes), para que asigne el siguiente protocolo.",
                    due,
                    Action.RECORD_NOTICE,
                )
        for found in (_over_nine_months(stay, today), _few_outings(stay, today)):
            if found and wanted(found[3]):
                add(*found)
        return items

    discharged = stay.discharge_date
    assert discharged is not None
    kind = stay.discharge_type
    label = DischargeType(kind).label.lower() if kind in _DISCHARGE_TYPES else "sin tipo"
    due = discharged + timedelta(days=ANEXO_VI_DAYS)
    if wanted(due) and not stay.has_form("anexo-vi"):
        to_office = kind in OFFICE_TOO
        add(
            DeadlineKind.ANEXO_VI,
            "R-STAY-3",
            f"Anexo VI (informe de alta) al centro derivador"
            f"{' y a la oficina' if to_office else ''}: alta {label} del {_d(discharged)}, "
            f"en {ANEXO_VI_DAYS} días.",
            due,
            Action.CREATE_FORM,
            "anexo-vi",
        )
    if stay.discharge_notice_date is None:
        if kind == DischargeType.THERAPEUTIC:
            due = (planned or discharged) - timedelta(days=THERAPEUTIC_NOTICE_DAYS)
            what = (
                f"Comunicar a la oficina el alta terapéutica del {_d(discharged)} "
                f"(debía avisarse {THERAPEUTIC_NOTICE_DAYS} días antes)."
            )
        else:
            due = discharged
            what = (
                f"Comunicar de inmediato a la oficina y al centro derivador el alta {label} "
                f"del {_d(discharged)}."
            )
        if wanted(due):
            add(DeadlineKind.DISCHARGE_NOTICE, "R-STAY-3", what, due, Action.RECORD_NOTICE)
    return items


def _of_stay(
    stay: StayDeadlineFacts,
    kind: DeadlineKind,
    rule: str,
    what: str,
    due: date,
    action: Action,
    form_id: str = "",
) -> Deadline:
    return Deadline(
        kind,
        rule,
        stay.who,
        what,
        due,
        action,
        participant_id=stay.participant_id,
        stay_id=stay.stay_id,
        vivienda_id=stay.vivienda_id,
        form_id=form_id,
    )


def _over_nine_months(stay: StayDeadlineFacts, today: date) -> tuple | None:
    """R-STAY-2: lasting or planned beyond 9 months with no written justification."""
    limit = add_months(stay.admission_date, MAX_STAY_MONTHS)
    end = max(today, stay.planned_discharge_date or today)
    if end <= limit or stay.justification.strip():
        return None
    return (
        DeadlineKind.STAY_OVER_9_MONTHS,
        "R-STAY-2",
        f"La estancia supera los {MAX_STAY_MONTHS} meses el {_d(limit)}: falta la "
        "justificación por escrito, que se comunica a la oficina.",
        limit,
        Action.WRITE_JUSTIFICATION,
    )


def _few_outings(stay: StayDeadlineFacts, today: date) -> tuple | None:
    """R-STAY-1: planned discharge within 30 days and fewer than 30 ordinary outing days taken."""
    planned = stay.planned_discharge_date
    if planned is None or not 0 <= (planned - today).days <= NEAR_DISCHARGE_DAYS:
        return None
    taken = outing_days_used(stay.outings, until=today)
    if taken >= OUTING_MIN_DAYS:
        return None
    return (
        DeadlineKind.FEW_OUTINGS,
        "R-STAY-1",
        f"Alta prevista el {_d(planned)} con {taken} días de salidas terapéuticas disfrutados: "
        f"el programa prevé al menos {OUTING_MIN_DAYS}.",
        planned,
        Action.PLAN_OUTINGS,
    )


# -- R-WL-5: referrals in "proceso de admisión" ---------------------------------------------------


def referral_deadlines(
    referral: ReferralDeadlineFacts, stays: Iterable[StayDeadlineFacts]
) -> list[Deadline]:
    """Admission due, and the "no localizado/a" reminder after a non-therapeutic discharge."""
    assigned, planned = referral.assigned_date, referral.planned_admission_date
    vacancy = _vacancy_discharge(referral, stays)
    items: list[Deadline] = []

    def add(kind: DeadlineKind, what: str, due: date, action: Action) -> None:
        items.append(
            Deadline(
                kind,
                "R-WL-5",
                referral.who,
                what,
                due,
                action,
                participant_id=referral.participant_id,
                referral_id=referral.referral_id,
                vivienda_id=referral.vivienda_id,
            )
        )

    where = f" en {referral.vivienda_name}" if referral.vivienda_name else ""
    if vacancy is not None:
        limit = vacancy.discharge_date + timedelta(days=ADMISSION_MAX_DAYS)  # type: ignore[operator]
        due = min(limit, planned) if planned else limit
        add(
            DeadlineKind.ADMISSION,
            f"Ingreso{where} en 1 a {ADMISSION_MAX_DAYS} días desde el alta del "
            f"{_d(vacancy.discharge_date)}: registre el ingreso o la renuncia.",
            due,
            Action.RECORD_ADMISSION,
        )
    elif planned:
        add(
            DeadlineKind.ADMISSION,
            f"Proceso de admisión: ingreso previsto{where} el {_d(planned)}; registre el "
            "ingreso o la renuncia.",
            planned,
            Action.RECORD_ADMISSION,
        )
    urgent = vacancy is not None or (
        assigned is not None
        and planned is not None
        and (planned - assigned).days <= ADMISSION_MAX_DAYS
    )
    if urgent and assigned is not None:
        add(
            DeadlineKind.NOT_LOCATED,
            f"Si no se ha localizado a la persona en {NOT_LOCATED_DAYS} días desde la asignación "
            f"({_d(assigned)}), márquela «no localizada» y asigne el siguiente protocolo.",
            assigned + timedelta(days=NOT_LOCATED_DAYS),
            Action.MARK_NOT_LOCATED,
        )
    return items


def _vacancy_discharge(
    referral: ReferralDeadlineFacts, stays: Iterable[StayDeadlineFacts]
) -> StayDeadlineFacts | None:
    """The voluntary, derived or disciplinary discharge in the same vivienda that the
    assignment fills: the latest one on or up to 5 days before the assignment."""
    assigned = referral.assigned_date
    if assigned is None or not referral.vivienda_id:
        return None
    candidates = [
        stay
        for stay in stays
        if stay.vivienda_id == referral.vivienda_id
        and stay.discharge_date is not None
        and stay.discharge_type in OFFICE_TOO
        and 0 <= (assigned - stay.discharge_date).days <= ADMISSION_MAX_DAYS
    ]
    return max(candidates, key=lambda s: s.discharge_date or date.min, default=None)


# -- R-STAY-3: Anexo III, per vivienda and month ----------------------------------------------------


def anexo_iii_deadlines(
    viviendas: Iterable[ViviendaFacts],
    stays: Iterable[StayDeadlineFacts],
    done: set[tuple[str, str]],
    *,
    today: date,
    lookback_days: int = DEFAULT_LOOKBACK_DAYS,
) -> list[Deadline]:
    """The monthly report of each vivienda for each ended month it had someone in.

    `done`: (vivienda_id, YYYY-MM) of the reports already created.
    """
    periods = []
    month = first_reported_month(today, lookback_days)
    while month < today.replace(day=1):  # months already over
        periods.append(period_of(month))
        month = add_months(month, 1)
    by_vivienda: dict[str, list[StayDeadlineFacts]] = {}
    for stay in stays:
        by_vivienda.setdefault(stay.vivienda_id, []).append(stay)
    items = []
    for vivienda in viviendas:
        for period in periods:
            start, end = month_bounds(period)
            if (vivienda.vivienda_id, period) in done:
                continue
            if (vivienda.valid_from and vivienda.valid_from >= end) or (
                vivienda.valid_to and vivienda.valid_to < start
            ):
                continue
            if not any(
                _present_in(stay, start, end) for stay in by_vivienda.get(vivienda.vivienda_id, ())
            ):
                continue
            items.append(
                Deadline(
                    DeadlineKind.ANEXO_III,
                    "R-STAY-3",
                    vivienda.name,
                    f"Anexo III (informe de usuarios/as de VAR) de {month_label(period)} a la oficina.",
                    anexo_iii_due(period),
                    Action.CREATE_ANEXO_III,
                    vivienda_id=vivienda.vivienda_id,
                    form_id="anexo-iii",
                    period=period,
                )
            )
    return items


def first_reported_month(today: date, lookback_days: int = DEFAULT_LOOKBACK_DAYS) -> date:
    """First day of the oldest month whose Anexo III is still listed (due within the look-back)."""
    earliest = today - timedelta(days=lookback_days)
    month = add_months(earliest.replace(day=1), -1)
    while anexo_iii_due(period_of(month)) < earliest:
        month = add_months(month, 1)
    return month


def _present_in(stay: StayDeadlineFacts, start: date, end: date) -> bool:
    """In the vivienda any day of [start, end), the discharge day included (it is reported)."""
    return stay.admission_date < end and (
        stay.discharge_date is None or stay.discharge_date >= start
    )


# -- everything, in order ---------------------------------------------------------------------------


def all_deadlines(
    *,
    today: date,
    stays: Sequence[StayDeadlineFacts],
    referrals: Iterable[ReferralDeadlineFacts] = (),
    viviendas: Iterable[ViviendaFacts] = (),
    anexo_iii_done: set[tuple[str, str]] | None = None,
    adaptation_days: int = DEFAULT_ADAPTATION_DAYS,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    lookback_days: int = DEFAULT_LOOKBACK_DAYS,
) -> list[Deadline]:
    """Every deadline due by `today + horizon_days`, soonest (most overdue) first.

    What concerns a person still in the vivienda or a referral in admission is listed
    however late it is; the paperwork after a discharge and the monthly reports only
    back to `today - lookback_days`.
    """
    earliest = today - timedelta(days=lookback_days)
    latest = today + timedelta(days=horizon_days)
    items: list[Deadline] = []
    vacancies: dict[str, list[StayDeadlineFacts]] = {}
    for stay in stays:
        items.extend(
            stay_deadlines(
                stay,
                today=today,
                adaptation_days=adaptation_days,
                earliest=None if stay.is_open else earliest,
                latest=latest,
            )
        )
        if stay.discharge_type in OFFICE_TOO:
            vacancies.setdefault(stay.vivienda_id, []).append(stay)
    for referral in referrals:
        items.extend(
            item
            for item in referral_deadlines(referral, vacancies.get(referral.vivienda_id, ()))
            if item.due <= latest
        )
    items.extend(
        anexo_iii_deadlines(
            viviendas, stays, anexo_iii_done or set(), today=today, lookback_days=lookback_days
        )
    )
    order = {kind: index for index, kind in enumerate(DeadlineKind)}
    return sorted(items, key=lambda item: (item.due, order[item.kind], item.who))
