"""Plazos: the kinds of deadline, when each is due and from when Pendientes shows it.

Every kind has one line in `KINDS`: its rule, what a click opens, the form that settles
it and its lead time, the days before its date from which Pendientes lists it. So a
deadline is seen ahead of its date, in amber within `SOON_DAYS` of it and in red once
its date has passed (`Deadline.tone`), never first seen already overdue.

The rules that find the deadlines are pure functions over plain facts: the circuit's
(R-STAY-3, R-WL-5, R-STAY-1, R-STAY-2) in `circuit_deadlines.py`, case management's
(R-FU-1, R-FU-2, R-PLAN-3/4, job follow-ups) in `case_deadlines.py`; `services/pending.py`
reads the facts with a few set-based queries.

Items are built for tens of thousands of people at once, so they keep the facts their
text is written from and write it only when it is read (`Deadline.what`; the wordings
are in `deadline_texts.py`).
"""

from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from enum import StrEnum
from operator import attrgetter
from types import MappingProxyType
from typing import Any, NamedTuple

from reinsercion_desktop.domain.dates import add_months
from reinsercion_desktop.domain.stay_rules import NEAR_DISCHARGE_DAYS

DEFAULT_ADAPTATION_DAYS = 30
ANEXO_V_MONTHS_BEFORE = 2
ANEXO_VI_DAYS = 10
ANEXO_III_DUE_DAY = 5  # of the month after the one reported
THERAPEUTIC_NOTICE_DAYS = 15
ADMISSION_MAX_DAYS = 5  # R-WL-5: admission within 1–5 days of a non-therapeutic discharge
NOT_LOCATED_DAYS = 2
DEFAULT_LOOKBACK_DAYS = 90
SOON_DAYS = 7  # due within a week: amber

MONTHS_ES = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
    "septiembre", "octubre", "noviembre", "diciembre",
)  # fmt: skip


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
    OBJECTIVE_DEADLINE = "objective_deadline"
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


class KindSpec(NamedTuple):
    rule: str
    action: Action
    lead_days: int  # listed from this many days before the due date
    form_id: str = ""  # the form that settles it, when the action creates one


# The one table of the kinds: a lead long enough to do the work before the date, short
# enough that the list shows what to do now rather than everything known ahead.
KINDS: Mapping[DeadlineKind, KindSpec] = MappingProxyType({
    # The report says how the adaptation period went: written in its second half.
    DeadlineKind.ANEXO_IV: KindSpec("R-STAY-3", Action.CREATE_FORM, 15, "anexo-iv"),
    # Two weeks to write up the evolution and agree it with the referring centre.
    DeadlineKind.ANEXO_V: KindSpec("R-STAY-3", Action.CREATE_FORM, 15, "anexo-v"),
    # Only written once the person has left: the whole 10 days, from the discharge.
    DeadlineKind.ANEXO_VI: KindSpec("R-STAY-3", Action.CREATE_FORM, ANEXO_VI_DAYS, "anexo-vi"),
    # Built from the month's records: from the 1st, when the month is over, to the 5th.
    DeadlineKind.ANEXO_III: KindSpec(
        "R-STAY-3", Action.CREATE_ANEXO_III, ANEXO_III_DUE_DAY - 1, "anexo-iii"
    ),
    # The notice lets the office assign the place ahead: seen 30 days before the discharge.
    DeadlineKind.DISCHARGE_NOTICE: KindSpec("R-STAY-3", Action.RECORD_NOTICE, 15),
    # From the assignment (an announced discharge is assigned 15 days ahead) to the day.
    DeadlineKind.ADMISSION: KindSpec("R-WL-5", Action.RECORD_ADMISSION, THERAPEUTIC_NOTICE_DAYS),
    # The 2 days the person has to be found, counted from the assignment.
    DeadlineKind.NOT_LOCATED: KindSpec("R-WL-5", Action.MARK_NOT_LOCATED, NOT_LOCATED_DAYS),
    # The justification is coordinated with the CTA and sent to the office: two weeks.
    DeadlineKind.STAY_OVER_9_MONTHS: KindSpec("R-STAY-2", Action.WRITE_JUSTIFICATION, 15),
    # The rule's own window: outings still fit in the 30 days before the discharge.
    DeadlineKind.FEW_OUTINGS: KindSpec("R-STAY-1", Action.PLAN_OUTINGS, NEAR_DISCHARGE_DAYS),
    # Set at the interview, nothing to prepare: the week's agenda.
    DeadlineKind.APPOINTMENT: KindSpec("R-FU-1", Action.OPEN_FOLLOW_UP, 7),
    # Time to reach the objective or agree a new deadline before the plan lapses.
    DeadlineKind.OBJECTIVE_DEADLINE: KindSpec("R-PLAN-4", Action.OPEN_PLAN, 15),
    # A review is a meeting with the person and the referring centre: two weeks to set it.
    DeadlineKind.PLAN_REVIEW: KindSpec("R-PLAN-3", Action.OPEN_PLAN, 15),
    # A conference's tasks are short steps of coordination: the week's work.
    DeadlineKind.CONFERENCE_TASK: KindSpec("R-FU-2", Action.OPEN_FOLLOW_UP, 7),
    # A call or a visit to the employer, arranged within the week.
    DeadlineKind.JOB_FOLLOW_UP: KindSpec("", Action.OPEN_FOLLOW_UP, 7),
})  # fmt: skip
LEAD_DAYS: Mapping[DeadlineKind, int] = MappingProxyType(
    {kind: spec.lead_days for kind, spec in KINDS.items()}
)
_ORDER = {kind: index for index, kind in enumerate(DeadlineKind)}


def listed_until(
    today: date, leads: Mapping[DeadlineKind, int] | None = None
) -> dict[DeadlineKind, date]:
    """The last due date Pendientes lists today, per kind (today + its lead time)."""
    leads = LEAD_DAYS if leads is None else {**LEAD_DAYS, **leads}
    return {kind: today + timedelta(days=days) for kind, days in leads.items()}


class Deadline(NamedTuple):
    """One deadline: `what` is written by `write` from the item (its `facts`: one value or
    a tuple of them, as its writer reads them) when it is read.

    A named row rather than a frozen dataclass: Pendientes builds tens of thousands of
    them for a reading, and a tuple is made in a third of the time.
    """

    kind: DeadlineKind
    who: str
    due: date
    write: Callable[["Deadline"], str]
    facts: Any = None
    participant_id: str = ""
    stay_id: str = ""
    referral_id: str = ""
    vivienda_id: str = ""
    period: str = ""  # YYYY-MM of a monthly report

    @property
    def what(self) -> str:
        return self.write(self)

    @property
    def rule(self) -> str:
        return KINDS[self.kind].rule

    @property
    def action(self) -> Action:
        return KINDS[self.kind].action

    @property
    def form_id(self) -> str:
        """The form to create, when the action is one."""
        return KINDS[self.kind].form_id

    def listed_from(self, leads: Mapping[DeadlineKind, int] = LEAD_DAYS) -> date:
        return self.due - timedelta(days=leads[self.kind])

    def overdue(self, today: date) -> bool:
        return self.due < today

    def tone(self, today: date) -> str | None:
        """ "alert" once overdue, "warning" when due within a week, else None."""
        if self.due < today:
            return "alert"
        return "warning" if (self.due - today).days <= SOON_DAYS else None


def sort_deadlines(items: Iterable[Deadline]) -> list[Deadline]:
    """Soonest (most overdue) first; same day: in the order of DeadlineKind, then by who.

    Two stable sorts (by who, then by day and kind as one number) cost half of one sort
    by a tuple, for tens of thousands of items.
    """
    ordered = sorted(items, key=_WHO)
    ordered.sort(key=_day_and_kind)
    return ordered


_WHO = attrgetter("who")


def _day_and_kind(item: Deadline) -> int:
    return item.due.toordinal() * 32 + _ORDER[item.kind]


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


def first_reported_month(today: date, lookback_days: int = DEFAULT_LOOKBACK_DAYS) -> date:
    """First day of the oldest month whose Anexo III is still listed (due within the look-back)."""
    earliest = today - timedelta(days=lookback_days)
    month = add_months(earliest.replace(day=1), -1)
    while anexo_iii_due(period_of(month)) < earliest:
        month = add_months(month, 1)
    return month
