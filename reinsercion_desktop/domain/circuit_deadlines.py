"""Plazos del circuito: what a stay, a referral in admission and a vivienda's month owe
(R-STAY-3, R-WL-5, R-STAY-1, R-STAY-2), as the `Deadline` items Pendientes lists.

Pure functions over plain facts; the pending service reads the records into these
dataclasses with a few set-based queries. The lead time of each kind is in
`deadlines.KINDS`.

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
- R-STAY-2: an open stay without a written justification is due for one the day it
  reaches 9 months, unless its planned discharge comes before then; if the person is
  still there after that day, it is due all the same.
- R-STAY-1: an open stay whose planned discharge is within 30 days with fewer than 30
  days of ordinary outings taken so far: due the planned discharge day.
- What concerns a person still in the vivienda, or a referral in admission, stays listed
  however late; the paperwork after a discharge and the monthly reports go back
  `lookback_days` (90): older ones belong to the history, not to the to-do list (and
  reading every discharge of years past would not fit the list's time budget).
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from reinsercion_desktop.domain import deadline_texts as texts
from reinsercion_desktop.domain.dates import add_months
from reinsercion_desktop.domain.deadlines import (
    ADMISSION_MAX_DAYS,
    ANEXO_V_MONTHS_BEFORE,
    ANEXO_VI_DAYS,
    DEFAULT_ADAPTATION_DAYS,
    DEFAULT_LOOKBACK_DAYS,
    NOT_LOCATED_DAYS,
    THERAPEUTIC_NOTICE_DAYS,
    Deadline,
    DeadlineKind,
    anexo_iii_due,
    first_reported_month,
    listed_until,
    month_bounds,
    period_of,
)
from reinsercion_desktop.domain.enums import DischargeType
from reinsercion_desktop.domain.stay_rules import (
    MAX_STAY_MONTHS,
    NEAR_DISCHARGE_DAYS,
    OUTING_MIN_DAYS,
    OutingFacts,
    outing_days_used,
)

OFFICE_TOO = (DischargeType.VOLUNTARY, DischargeType.DERIVED, DischargeType.DISCIPLINARY)
_DISCHARGE_TYPES = {member.value for member in DischargeType}


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


# -- R-STAY-3, R-STAY-1, R-STAY-2: one stay -----------------------------------------------------


def stay_deadlines(
    stay: StayDeadlineFacts,
    *,
    today: date,
    adaptation_days: int = DEFAULT_ADAPTATION_DAYS,
    earliest: date | None = None,
    until: Mapping[DeadlineKind, date] | None = None,
) -> list[Deadline]:
    """Every deadline of one stay still unmet, due from `earliest` and, per kind, up to
    `until` (`listed_until`) when given.

    The bounds are checked before anything else: at office scale most stays owe nothing
    inside the window, and this runs for thousands of them.
    """
    items: list[Deadline] = []

    def wanted(kind: DeadlineKind, due: date) -> bool:
        return (earliest is None or due >= earliest) and (until is None or due <= until[kind])

    def add(kind: DeadlineKind, due: date, write: Callable[[Deadline], str], facts: Any) -> None:
        items.append(
            Deadline(
                kind, stay.who, due, write, facts, stay.participant_id, stay.stay_id,
                vivienda_id=stay.vivienda_id,
            )
        )  # fmt: skip

    planned = stay.planned_discharge_date
    if stay.is_open:
        due = stay.admission_date + timedelta(days=adaptation_days)
        if wanted(DeadlineKind.ANEXO_IV, due) and not stay.has_form("anexo-iv"):
            add(
                DeadlineKind.ANEXO_IV,
                due,
                texts.anexo_iv_text,
                (adaptation_days, stay.admission_date),
            )
        if planned:
            due = add_months(planned, -ANEXO_V_MONTHS_BEFORE)
            if wanted(DeadlineKind.ANEXO_V, due) and not stay.has_form("anexo-v"):
                add(DeadlineKind.ANEXO_V, due, texts.anexo_v_text, planned)
            due = planned - timedelta(days=THERAPEUTIC_NOTICE_DAYS)
            if wanted(DeadlineKind.DISCHARGE_NOTICE, due) and stay.discharge_notice_date is None:
                add(DeadlineKind.DISCHARGE_NOTICE, due, texts.notice_ahead_text, planned)
        limit = add_months(stay.admission_date, MAX_STAY_MONTHS)
        if wanted(DeadlineKind.STAY_OVER_9_MONTHS, limit) and _owes_justification(
            stay, limit, today
        ):
            add(DeadlineKind.STAY_OVER_9_MONTHS, limit, texts.nine_months_text, None)
        if planned and wanted(DeadlineKind.FEW_OUTINGS, planned):
            taken = _few_outings_taken(stay, planned, today)
            if taken is not None:
                add(DeadlineKind.FEW_OUTINGS, planned, texts.few_outings_text, taken)
        return items

    discharged = stay.discharge_date
    assert discharged is not None
    kind = stay.discharge_type
    label = DischargeType(kind).label.lower() if kind in _DISCHARGE_TYPES else "sin tipo"
    due = discharged + timedelta(days=ANEXO_VI_DAYS)
    if wanted(DeadlineKind.ANEXO_VI, due) and not stay.has_form("anexo-vi"):
        add(
            DeadlineKind.ANEXO_VI, due, texts.anexo_vi_text, (kind in OFFICE_TOO, label, discharged)
        )
    if stay.discharge_notice_date is None:
        if kind == DischargeType.THERAPEUTIC:
            due = (planned or discharged) - timedelta(days=THERAPEUTIC_NOTICE_DAYS)
            if wanted(DeadlineKind.DISCHARGE_NOTICE, due):
                add(DeadlineKind.DISCHARGE_NOTICE, due, texts.notice_late_text, discharged)
        elif wanted(DeadlineKind.DISCHARGE_NOTICE, discharged):
            add(
                DeadlineKind.DISCHARGE_NOTICE,
                discharged,
                texts.notice_now_text,
                (label, discharged),
            )
    return items


def _owes_justification(stay: StayDeadlineFacts, limit: date, today: date) -> bool:
    """R-STAY-2: no written justification, and the stay is not planned to end within the
    9 months (no planned discharge, or one after the limit), or it is still open after
    the limit whatever was planned."""
    if stay.justification.strip():
        return False
    planned = stay.planned_discharge_date
    return planned is None or planned > limit or today > limit


def _few_outings_taken(stay: StayDeadlineFacts, planned: date, today: date) -> int | None:
    """R-STAY-1: the ordinary outing days taken, when the planned discharge is within 30
    days and they are fewer than 30; else None."""
    if not 0 <= (planned - today).days <= NEAR_DISCHARGE_DAYS:
        return None
    taken = outing_days_used(stay.outings, until=today)
    return taken if taken < OUTING_MIN_DAYS else None


# -- R-WL-5: referrals in "proceso de admisión" ---------------------------------------------------


def referral_deadlines(
    referral: ReferralDeadlineFacts, stays: Iterable[StayDeadlineFacts]
) -> list[Deadline]:
    """Admission due, and the "no localizado/a" reminder after a non-therapeutic discharge."""
    assigned, planned = referral.assigned_date, referral.planned_admission_date
    vacancy = _vacancy_discharge(referral, stays)
    items: list[Deadline] = []

    def add(kind: DeadlineKind, due: date, write: Callable[[Deadline], str], facts: Any) -> None:
        items.append(
            Deadline(
                kind, referral.who, due, write, facts, referral.participant_id,
                referral_id=referral.referral_id, vivienda_id=referral.vivienda_id,
            )
        )  # fmt: skip

    where = f" en {referral.vivienda_name}" if referral.vivienda_name else ""
    if vacancy is not None and vacancy.discharge_date is not None:
        limit = vacancy.discharge_date + timedelta(days=ADMISSION_MAX_DAYS)
        due = min(limit, planned) if planned else limit
        add(
            DeadlineKind.ADMISSION, due, texts.admission_after_text, (where, vacancy.discharge_date)
        )
    elif planned:
        add(DeadlineKind.ADMISSION, planned, texts.admission_text, where)
    urgent = vacancy is not None or (
        assigned is not None
        and planned is not None
        and (planned - assigned).days <= ADMISSION_MAX_DAYS
    )
    if urgent and assigned is not None:
        due = assigned + timedelta(days=NOT_LOCATED_DAYS)
        add(DeadlineKind.NOT_LOCATED, due, texts.not_located_text, assigned)
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
                    DeadlineKind.ANEXO_III, vivienda.name, anexo_iii_due(period), texts.anexo_iii_text,
                    vivienda_id=vivienda.vivienda_id, period=period,
                )
            )  # fmt: skip
    return items


def _present_in(stay: StayDeadlineFacts, start: date, end: date) -> bool:
    """In the vivienda any day of [start, end), the discharge day included (it is reported)."""
    return stay.admission_date < end and (
        stay.discharge_date is None or stay.discharge_date >= start
    )


# -- everything the list shows today ----------------------------------------------------------------


def all_deadlines(
    *,
    today: date,
    stays: Sequence[StayDeadlineFacts],
    referrals: Iterable[ReferralDeadlineFacts] = (),
    viviendas: Iterable[ViviendaFacts] = (),
    anexo_iii_done: set[tuple[str, str]] | None = None,
    adaptation_days: int = DEFAULT_ADAPTATION_DAYS,
    leads: Mapping[DeadlineKind, int] | None = None,
    lookback_days: int = DEFAULT_LOOKBACK_DAYS,
) -> list[Deadline]:
    """Every circuit deadline listed today (from its lead time before it), stay by stay:
    `sort_deadlines` orders them (once, with case management's).

    What concerns a person still in the vivienda or a referral in admission is listed
    however late it is; the paperwork after a discharge and the monthly reports only
    back to `today - lookback_days`.
    """
    earliest = today - timedelta(days=lookback_days)
    until = listed_until(today, leads)
    items: list[Deadline] = []
    vacancies: dict[str, list[StayDeadlineFacts]] = {}
    for stay in stays:
        items.extend(
            stay_deadlines(
                stay,
                today=today,
                adaptation_days=adaptation_days,
                earliest=None if stay.is_open else earliest,
                until=until,
            )
        )
        if stay.discharge_type in OFFICE_TOO:
            vacancies.setdefault(stay.vivienda_id, []).append(stay)
    for referral in referrals:
        items.extend(
            item
            for item in referral_deadlines(referral, vacancies.get(referral.vivienda_id, ()))
            if item.due <= until[item.kind]
        )
    items.extend(
        item
        for item in anexo_iii_deadlines(
            viviendas, stays, anexo_iii_done or set(), today=today, lookback_days=lookback_days
        )
        if item.due <= until[item.kind]
    )
    return items
