"""Rules of the resource catalogue (la oferta mensual, `000_…`) and of referrals to it.

Plain Python, no storage: the resources service checks drafts and steps here before
writing, and the bulletin asks here which resources have dates worth announcing.

R-RES-1: a person is enrolled only inside an enrolment period, unless the resource is
open all year. R-RES-2: a referral moves propuesto → inscrito → en_curso → finalizado,
or to abandonado from any open status; each step is dated, never before the proposal
nor in the future.
"""

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from reinsercion_desktop.domain.dates import DateInputError, check_year, parse_date_es
from reinsercion_desktop.domain.dates import format_date_es as d
from reinsercion_desktop.domain.enums import ResourceCategory, ResourceReferralStatus

Problems = dict[str, str]
Status = ResourceReferralStatus

# Column lengths of `Resource` (db/models.py): checked here so a refusal names the field.
LIMITS = {
    "name": 150,
    "provider": 150,
    "description": 2000,
    "requirements": 1000,
    "duration": 100,
    "schedule": 150,
    "cost": 60,
    "contact": 200,
}
NOTE_LIMIT = 1000
BULLETIN_HORIZON_DAYS = 60  # the bulletin also announces what opens in the next two months
CATEGORY_ORDER = tuple(ResourceCategory)  # the seed's order: académica … otros servicios
# fmt: off
MONTHS_ES = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
)
# fmt: on

# R-RES-2: where each status may go next (finalizado and abandonado are closed).
NEXT_STATUSES: dict[Status, tuple[Status, ...]] = {
    Status.PROPOSED: (Status.ENROLLED, Status.ABANDONED),
    Status.ENROLLED: (Status.ONGOING, Status.ABANDONED),
    Status.ONGOING: (Status.FINISHED, Status.ABANDONED),
    Status.FINISHED: (),
    Status.ABANDONED: (),
}
OPEN_STATUSES = frozenset(s for s, after in NEXT_STATUSES.items() if after)


# -- enrolment periods -------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Period:
    """An enrolment period (convocatoria), both days included."""

    start: date
    end: date

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, first: date, last: date) -> bool:
        return self.start <= last and self.end >= first

    @property
    def label(self) -> str:
        """ "14/01–24/02/2026"; the year once when both ends share it."""
        if self.start.year == self.end.year:
            return f"{self.start:%d/%m}–{d(self.end)}"
        return f"{d(self.start)}–{d(self.end)}"


def periods_from_json(text: str | None) -> tuple[Period, ...]:
    """The stored `enrolment_periods` column, sorted; unreadable entries are skipped."""
    try:
        raw = json.loads(text or "[]")
    except ValueError:
        return ()
    periods = []
    for item in raw if isinstance(raw, list) else []:
        try:
            periods.append(
                Period(date.fromisoformat(item["start"]), date.fromisoformat(item["end"]))
            )
        except (KeyError, TypeError, ValueError):
            continue
    return tuple(sorted(periods))


def periods_to_json(periods: Iterable[Period]) -> str:
    return json.dumps([{"start": p.start.isoformat(), "end": p.end.isoformat()} for p in periods])


def periods_label(periods: Iterable[Period]) -> str:
    return ", ".join(p.label for p in periods)


@dataclass(frozen=True)
class ResourceFacts:
    """What the rules need of a catalogue resource."""

    name: str
    category: str = ResourceCategory.OTHER_SERVICES.value
    open_all_year: bool = False
    periods: tuple[Period, ...] = ()
    starts_on: date | None = None
    ends_on: date | None = None
    id: str = ""

    @classmethod
    def of(cls, record: Any) -> "ResourceFacts":
        """From a stored `Resource` (or anything with its field names)."""
        return cls(
            name=record.name,
            category=record.category,
            open_all_year=bool(record.open_all_year),
            periods=periods_from_json(record.enrolment_periods),
            starts_on=record.starts_on,
            ends_on=record.ends_on,
            id=getattr(record, "id", "") or "",
        )


def enrolment_open(resource: ResourceFacts, on_date: date) -> bool:
    """Whether someone can enrol that day (R-RES-1)."""
    return resource.open_all_year or any(p.contains(on_date) for p in resource.periods)


def next_enrolment_period(resource: ResourceFacts, after: date) -> Period | None:
    """The period open on `after`, else the first one starting later; None if none is left."""
    return next((p for p in resource.periods if p.end >= after), None)


def enrolment_summary(resource: ResourceFacts, today: date) -> str:
    """One short Spanish line for lists and combos: when can one enrol."""
    if resource.open_all_year:
        return "Inscripción abierta todo el año"
    period = next_enrolment_period(resource, today)
    if period is None:
        return "Sin fechas de inscripción próximas"
    if period.contains(today):
        return f"Abierta hasta el {d(period.end)}"
    return f"Próxima: {period.label}"


def enrolment_problem(resource: ResourceFacts, on_date: date) -> str:
    """R-RES-1: "" when the person can be enrolled that day, else the reason, in Spanish."""
    if enrolment_open(resource, on_date):
        return ""
    if not resource.periods:
        return (
            f"El recurso «{resource.name}» no tiene periodos de inscripción: añádalos en el "
            "catálogo de recursos o márquelo como «Abierto todo el año»."
        )
    return (
        f"El recurso «{resource.name}» no tiene inscripción abierta el {d(on_date)}. "
        f"Periodos: {periods_label(resource.periods)}."
    )


# -- catalogue drafts ---------------------------------------------------------------------

DateInput = str | date | None


@dataclass(frozen=True)
class ResourceDraft:
    """A resource as typed in the catalogue: dates as text (dd/mm/aaaa) or as dates."""

    category: str
    name: str
    provider: str = ""
    description: str = ""
    requirements: str = ""
    duration: str = ""  # free text: "6 a 12 meses", "2 años 4 meses aproximadamente"
    schedule: str = ""
    cost: str = ""  # free text: "Gratuito", "50 € de matrícula"
    contact: str = ""
    open_all_year: bool = False
    enrolment_periods: Sequence[tuple[DateInput, DateInput]] = field(default_factory=tuple)
    starts_on: DateInput = None
    ends_on: DateInput = None


def _read_date(value: DateInput) -> date | None:
    """None for an empty value; DateInputError (Spanish message) for one that is not a date."""
    if value is None or isinstance(value, date):
        return value
    if not value.strip():
        return None
    return parse_date_es(value)


def _read_periods(draft: ResourceDraft) -> tuple[list[Period], list[str]]:
    periods: list[Period] = []
    problems: list[str] = []
    for number, (start_text, end_text) in enumerate(draft.enrolment_periods, start=1):
        try:
            start, end = _read_date(start_text), _read_date(end_text)
        except DateInputError as error:
            problems.append(f"Periodo {number}: {error}")
            continue
        if start is None or end is None:
            problems.append(f"Periodo {number}: escriba la fecha de inicio y la de fin.")
        elif end < start:
            problems.append(
                f"Periodo {number}: el fin ({d(end)}) es anterior al inicio ({d(start)}); "
                "corrija una de las dos fechas."
            )
        else:
            periods.append(Period(start, end))
    ordered = sorted(periods)
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if later.start <= earlier.end:
            problems.append(
                f"Los periodos {earlier.label} y {later.label} se solapan: "
                "únalos en uno o corrija sus fechas."
            )
    return ordered, problems


def read_resource(draft: ResourceDraft) -> tuple[dict[str, Any], Problems]:
    """The draft checked: (column values for `Resource`, problems by field).

    Nothing is returned worth saving when `problems` is not empty.
    """
    problems: Problems = {}
    if draft.category not in set(ResourceCategory):
        problems["category"] = "Elija la categoría del recurso."
    name = draft.name.strip()
    if not name:
        problems["name"] = "Escriba el nombre del recurso."
    texts = {key: str(getattr(draft, key)).strip() for key in LIMITS}
    texts["name"] = name
    for key, text in texts.items():
        if len(text) > LIMITS[key] and key not in problems:
            problems[key] = f"El texto es demasiado largo (máx. {LIMITS[key]} caracteres)."
    periods, period_problems = _read_periods(draft)
    if draft.open_all_year and draft.enrolment_periods:
        period_problems.append(
            "Con la inscripción abierta todo el año no hacen falta periodos: quítelos "
            "o desmarque «Abierto todo el año»."
        )
    if period_problems:
        problems["enrolment_periods"] = " ".join(period_problems)
    course: dict[str, date | None] = {}
    for key in ("starts_on", "ends_on"):
        try:
            course[key] = _read_date(getattr(draft, key))
        except DateInputError as error:
            problems[key] = str(error)
    starts, ends = course.get("starts_on"), course.get("ends_on")
    if starts and ends and ends < starts:
        problems["ends_on"] = (
            f"El curso no puede terminar ({d(ends)}) antes de empezar ({d(starts)})."
        )
    values: dict[str, Any] = texts | {
        "category": str(draft.category),
        "open_all_year": bool(draft.open_all_year),
        "enrolment_periods": periods_to_json(periods),
        "starts_on": starts,
        "ends_on": ends,
    }
    return values, problems


# -- referral steps (R-RES-2) --------------------------------------------------------------


def _label(status: str) -> str:
    return Status(status).label if status in set(Status) else status


def allowed_next(status: str) -> tuple[Status, ...]:
    """The statuses a referral in `status` may move to (none once closed)."""
    return NEXT_STATUSES.get(Status(status), ()) if status in set(Status) else ()


def transition_problem(current: str, new: str) -> str:
    """R-RES-2: "" when `current` → `new` is allowed, else why and what is possible."""
    allowed = allowed_next(current)
    if new in allowed:
        return ""
    if not allowed:
        return f"La derivación está «{_label(current)}»: ya no cambia de estado."
    options = " o ".join(f"«{s.label}»" for s in allowed)
    return (
        f"No se puede pasar de «{_label(current)}» a «{_label(new)}». "
        f"Desde «{_label(current)}» puede pasar a {options}."
    )


@dataclass(frozen=True)
class ReferralFacts:
    """What the rules need of a person's referral to a resource."""

    status: str
    proposed_date: date
    enrolled_date: date | None = None


def step_date_problem(referral: ReferralFacts, on_date: date, today: date) -> str:
    """A step's date: not in the future, not before the proposal, not before the enrolment."""
    if on_date > today:
        return f"La fecha ({d(on_date)}) no puede ser posterior a hoy ({d(today)})."
    if on_date < referral.proposed_date:
        return (
            f"La fecha ({d(on_date)}) no puede ser anterior a la propuesta "
            f"({d(referral.proposed_date)})."
        )
    if referral.enrolled_date and on_date < referral.enrolled_date:
        return (
            f"La fecha ({d(on_date)}) no puede ser anterior a la inscripción "
            f"({d(referral.enrolled_date)})."
        )
    return ""


def check_step(
    referral: ReferralFacts, new_status: str, on_date: date, today: date, resource: ResourceFacts
) -> Problems:
    """Every reason to refuse moving `referral` to `new_status` on `on_date`."""
    problems: Problems = {}
    transition = transition_problem(referral.status, new_status)
    if transition:
        return {"new_status": transition}
    when = step_date_problem(referral, on_date, today)
    if when:
        problems["on_date"] = when
    elif new_status == Status.ENROLLED:
        enrolment = enrolment_problem(resource, on_date)
        if enrolment:
            problems["on_date"] = enrolment
    return problems


def proposal_problem(proposed_date: date, today: date) -> str:
    if proposed_date > today:
        return f"La fecha de la propuesta ({d(proposed_date)}) no puede ser posterior a hoy."
    return ""


def note_with_step(note: str, status: str, on_date: date, text: str) -> str:
    """The referral's note with one dated line per step, oldest lines dropped past the limit.

    The table has no column for the day it started (en curso): the note keeps it.
    """
    line = f"{d(on_date)} · {_label(status)}" + (f": {text.strip()}" if text.strip() else "")
    lines = [*(note.splitlines() if note else []), line]
    while len("\n".join(lines)) > NOTE_LIMIT and len(lines) > 1:
        lines.pop(0)
    return "\n".join(lines)[-NOTE_LIMIT:]


# -- the monthly bulletin -----------------------------------------------------------------

_PERIOD = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
PERIOD_HELP = "El periodo tiene que ser AAAA-MM, por ejemplo 2026-11."


def parse_month(text: str) -> tuple[date, date]:
    """ "2026-11" → (1 Nov 2026, 30 Nov 2026); ValueError with PERIOD_HELP otherwise."""
    match = _PERIOD.match(text or "")
    if not match:
        raise ValueError(PERIOD_HELP)
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise ValueError(f"El mes {month} no existe. {PERIOD_HELP}")
    check_year(year)  # 0000-01 or 9999-12 would fail in `date` with an English message
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def month_label(first: date) -> str:
    """ "noviembre de 2026"."""
    return f"{MONTHS_ES[first.month - 1]} de {first.year}"


def relevant_periods(
    resource: ResourceFacts, month_start: date, month_end: date, horizon_days: int
) -> tuple[Period, ...]:
    """Enrolment periods overlapping the month or starting within the horizon after it."""
    horizon_end = month_end + timedelta(days=horizon_days)
    return tuple(p for p in resource.periods if p.overlaps(month_start, horizon_end))


def course_relevant(
    resource: ResourceFacts, month_start: date, month_end: date, horizon_days: int
) -> bool:
    """The course runs during the month or starts within the horizon after it."""
    if resource.starts_on is None:
        return False
    horizon_end = month_end + timedelta(days=horizon_days)
    ends = resource.ends_on or resource.starts_on
    return resource.starts_on <= horizon_end and ends >= month_start


def _first_date(
    resource: ResourceFacts, month_start: date, month_end: date, horizon_days: int
) -> date:
    if resource.open_all_year:
        return date.min
    dates = [p.start for p in relevant_periods(resource, month_start, month_end, horizon_days)]
    if course_relevant(resource, month_start, month_end, horizon_days):
        dates.append(resource.starts_on)  # type: ignore[arg-type]
    return min(dates)


def upcoming(
    resources: Iterable[ResourceFacts],
    month_start: date,
    month_end: date,
    horizon_days: int = BULLETIN_HORIZON_DAYS,
) -> list[ResourceFacts]:
    """What the month's bulletin lists: open all year, or with dates in the month or soon
    after; by category (the seed's order), then first date, then name."""
    chosen = [
        r
        for r in resources
        if r.open_all_year
        or relevant_periods(r, month_start, month_end, horizon_days)
        or course_relevant(r, month_start, month_end, horizon_days)
    ]

    def key(resource: ResourceFacts) -> tuple[int, date, str]:
        category = (
            CATEGORY_ORDER.index(ResourceCategory(resource.category))
            if resource.category in set(ResourceCategory)
            else len(CATEGORY_ORDER)
        )
        first = _first_date(resource, month_start, month_end, horizon_days)
        return category, first, resource.name.casefold()

    return sorted(chosen, key=key)
