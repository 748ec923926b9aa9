"""Rules of the follow-up of a person (SPEC §6; `001_…`, `002_…`, `003_…` §8–9).

Entrevistas de seguimiento with their next appointment (R-FU-1), contacts with other
services, mesas técnicas de casos with tasks that have an owner and a due date (R-FU-2),
employment placements and the monthly follow-up of job maintenance.

Plain Python, no storage: the follow-up service checks drafts here before writing
(`check_*` → {field: Spanish message}), and Pendientes asks `job_follow_up_due`.
"""

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Protocol

from reinsercion_desktop.domain.dates import format_date_es as d
from reinsercion_desktop.domain.enums import ContractType, InterviewKind, ServiceKind

Problems = dict[str, str]

JOB_FOLLOW_UP_DAYS = 30  # job maintenance is followed monthly while the placement is open
MAX_HOURS_PER_WEEK = 60
LIMITS = {
    "staff_name": 120,
    "notes": 4000,  # an interview's; other records keep 2000 (NOTE_LIMIT)
    "entity": 150,
    "contact_person": 120,
    "channel": 40,
    "topic": 300,
    "decisions": 4000,
    "employer": 150,
    "position": 120,
    "end_reason": 400,
}
NOTE_LIMIT = 2000
_TIME = re.compile(r"^\s*([01]?\d|2[0-3])[:.h]([0-5]\d)\s*$")
FUTURE = "La fecha no puede ser posterior a hoy."


def _collect(**found: Iterable[str]) -> Problems:
    """{field: its messages joined} for the fields that have any (duplicates said once)."""
    problems = {key: " ".join(dict.fromkeys(messages)) for key, messages in found.items()}
    return {key: text for key, text in problems.items() if text}


def _too_long(limit: int) -> str:
    return f"El texto es demasiado largo (máx. {limit} caracteres)."


def _lengths(values: dict[str, str], limits: dict[str, int]) -> Problems:
    return {
        name: _too_long(limits[name]) for name, text in values.items() if len(text) > limits[name]
    }


def _past_date(value: date | None, today: date, missing: str) -> Iterator[str]:
    """A date that is required and cannot be in the future."""
    if value is None:
        yield missing
    elif value > today:
        yield FUTURE


def _in(vocabulary: type, value: str) -> bool:
    return value in {member.value for member in vocabulary}


def normalise_time(text: str) -> str | None:
    """ "9:30", "09.30" or "9h30" → "09:30"; None when it is not a time of day."""
    match = _TIME.match(text or "")
    if not match:
        return None
    return f"{int(match.group(1)):02d}:{match.group(2)}"


# -- interviews (R-FU-1) ----------------------------------------------------------------------


@dataclass(frozen=True)
class InterviewDraft:
    """Entrevista de seguimiento as staff fill it."""

    on_date: date | None
    kind: str = InterviewKind.INDIVIDUAL.value
    staff_name: str = ""
    notes: str = ""
    next_appointment_date: date | None = None
    next_appointment_time: str = ""


def _appointment_problems(draft: InterviewDraft) -> Iterator[str]:
    """R-FU-1: the next appointment comes after the interview (not the same day)."""
    nxt = draft.next_appointment_date
    if nxt is None:
        if draft.next_appointment_time.strip():
            yield "Indique la fecha de la próxima cita, o borre la hora."
        return
    if draft.on_date is not None and nxt <= draft.on_date:
        yield "La próxima cita tiene que ser posterior a la entrevista."


def check_interview(draft: InterviewDraft, today: date) -> Problems:
    time = draft.next_appointment_time.strip()
    problems = _collect(
        on_date=_past_date(draft.on_date, today, "Escriba la fecha de la entrevista."),
        kind=[] if _in(InterviewKind, draft.kind) else ["Elija el tipo de entrevista."],
        next_appointment_date=_appointment_problems(draft),
        next_appointment_time=[]
        if not time or normalise_time(time)
        else ["Escriba la hora como 10:30."],
    )
    lengths = _lengths({"staff_name": draft.staff_name, "notes": draft.notes}, LIMITS)
    return lengths | problems


# -- coordination with other services ---------------------------------------------------------


@dataclass(frozen=True)
class ContactDraft:
    """Contacto de coordinación con otro servicio."""

    on_date: date | None
    service_kind: str
    entity: str
    contact_person: str = ""
    channel: str = ""
    notes: str = ""


def check_contact(draft: ContactDraft, today: date) -> Problems:
    problems = _collect(
        on_date=_past_date(draft.on_date, today, "Escriba la fecha del contacto."),
        service_kind=[]
        if _in(ServiceKind, draft.service_kind)
        else ["Elija con qué tipo de servicio se coordinó."],
        entity=[] if draft.entity.strip() else ["Escriba la entidad o servicio contactado."],
    )
    texts = {"entity": draft.entity, "contact_person": draft.contact_person}
    lengths = _lengths(texts | {"channel": draft.channel}, LIMITS)
    if len(draft.notes) > NOTE_LIMIT:
        lengths["notes"] = _too_long(NOTE_LIMIT)
    return lengths | problems


# -- case conferences (R-FU-2) ----------------------------------------------------------------


@dataclass(frozen=True)
class Attendee:
    name: str
    entity: str

    @property
    def blank(self) -> bool:
        return not (self.name.strip() or self.entity.strip())


@dataclass(frozen=True)
class ConferenceTask:
    """A task agreed at a conference: stored as {"task", "owner", "due", "done"} (ISO dates)."""

    task: str
    owner: str
    due: date | None
    done: date | None = None

    @property
    def blank(self) -> bool:
        return not (self.task.strip() or self.owner.strip() or self.due)

    @property
    def is_open(self) -> bool:
        return self.done is None


@dataclass(frozen=True)
class ConferenceDraft:
    """Mesa técnica de casos: who from which entity, the decisions, tasks with owners."""

    on_date: date | None
    topic: str = ""
    attendees: Sequence[Attendee] = field(default_factory=tuple)
    decisions: str = ""
    tasks: Sequence[ConferenceTask] = field(default_factory=tuple)

    def cleaned(self) -> "ConferenceDraft":
        """Texts trimmed and the rows left empty in the tables dropped."""
        people = tuple(
            Attendee(a.name.strip(), a.entity.strip()) for a in self.attendees if not a.blank
        )
        tasks = tuple(
            replace(t, task=t.task.strip(), owner=t.owner.strip())
            for t in self.tasks
            if not t.blank
        )
        return replace(self, topic=self.topic.strip(), attendees=people, tasks=tasks)


def _attendee_problems(attendees: Sequence[Attendee]) -> Iterator[str]:
    if not attendees:
        yield "Indique al menos un asistente, con su nombre y su entidad."
    for person in attendees:
        if not person.name.strip():
            yield "Indique el nombre de cada asistente."
        if not person.entity.strip():
            yield "Indique la entidad de cada asistente."
        if len(person.name) > 120 or len(person.entity) > 150:
            yield "El nombre o la entidad de un asistente es demasiado largo."


def _task_problems(conference_date: date | None, tasks: Sequence[ConferenceTask]) -> Iterator[str]:
    """R-FU-2: each task has a description, an owner and a due date from the conference on."""
    for number, task in enumerate(tasks, start=1):
        if not task.task.strip():
            yield f"Tarea {number}: describa la tarea."
        if not task.owner.strip():
            yield f"Tarea {number}: indique quién se encarga."
        if task.due is None:
            yield f"Tarea {number}: indique la fecha límite."
        elif conference_date is not None and task.due < conference_date:
            yield f"Tarea {number}: la fecha límite no puede ser anterior a la mesa ({d(conference_date)})."
        if len(task.task) > 400 or len(task.owner) > 120:
            yield f"Tarea {number}: el texto es demasiado largo."


def check_conference(draft: ConferenceDraft, today: date) -> Problems:
    """Check a cleaned draft (see `ConferenceDraft.cleaned`)."""
    problems = _collect(
        on_date=_past_date(draft.on_date, today, "Escriba la fecha de la mesa."),
        attendees=_attendee_problems(draft.attendees),
        decisions=[] if draft.decisions.strip() else ["Escriba las decisiones tomadas."],
        tasks=_task_problems(draft.on_date, draft.tasks),
    )
    lengths = _lengths({"topic": draft.topic, "decisions": draft.decisions}, LIMITS)
    return lengths | problems


def check_task_done(
    conference_date: date, task: ConferenceTask, done: date, today: date
) -> Problems:
    if not task.is_open:
        return {"done": f"La tarea ya se marcó hecha el {d(task.done)}."}
    if done > today:
        return {"done": FUTURE}
    if done < conference_date:
        return {"done": f"La tarea no puede estar hecha antes de la mesa ({d(conference_date)})."}
    return {}


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def _day(value: object) -> date | None:
    """A stored ISO date, or None when empty or unreadable (a damaged record shows, not fails)."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _json_rows(text: str) -> list[dict]:
    """The objects of a stored JSON list; anything unreadable is left out, not fatal."""
    try:
        rows = json.loads(text or "[]")
    except ValueError:
        return []
    return [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []


def attendees_to_json(attendees: Sequence[Attendee]) -> str:
    rows = [{"name": a.name, "entity": a.entity} for a in attendees]
    return json.dumps(rows, ensure_ascii=False)


def attendees_from_json(text: str) -> list[Attendee]:
    return [Attendee(str(r.get("name", "")), str(r.get("entity", ""))) for r in _json_rows(text)]


def tasks_to_json(tasks: Sequence[ConferenceTask]) -> str:
    rows = [
        {"task": t.task, "owner": t.owner, "due": _iso(t.due), "done": _iso(t.done)} for t in tasks
    ]
    return json.dumps(rows, ensure_ascii=False)


def tasks_from_json(text: str) -> list[ConferenceTask]:
    return [
        ConferenceTask(
            str(r.get("task", "")).strip(),
            str(r.get("owner", "")).strip(),
            _day(r.get("due")),
            _day(r.get("done")),
        )
        for r in _json_rows(text)
    ]


# -- employment placements and job maintenance ------------------------------------------------


@dataclass(frozen=True)
class PlacementDraft:
    """Inserción laboral as staff fill it."""

    employer: str
    contract_type: str
    start_date: date | None
    insertion_company: bool = False
    position: str = ""
    hours_per_week: int | None = None
    end_date: date | None = None
    end_reason: str = ""
    notes: str = ""


def _placement_date_problems(
    draft: PlacementDraft, today: date, follow_up_dates: Sequence[date]
) -> Iterator[str]:
    start, end = draft.start_date, draft.end_date
    if end is None or start is None:
        return
    if end < start:
        yield "La fecha de fin no puede ser anterior al inicio."
    if end > today:
        yield "La fecha de fin no puede ser posterior a hoy: finalice la inserción cuando termine."
    later = [day for day in follow_up_dates if day > end]
    if later:
        yield f"Hay un seguimiento del puesto del {d(max(later))}, posterior a esa fecha de fin."


def _start_problems(start: date | None, follow_up_dates: Sequence[date]) -> Iterator[str]:
    if start is None:
        yield "Escriba la fecha de inicio."
        return
    earlier = [day for day in follow_up_dates if day < start]
    if earlier:
        yield f"Hay un seguimiento del puesto del {d(min(earlier))}, anterior a ese inicio."


def check_placement(
    draft: PlacementDraft, today: date, follow_up_dates: Sequence[date] = ()
) -> Problems:
    """`follow_up_dates`: the job follow-ups already recorded, which must stay inside."""
    hours = draft.hours_per_week
    problems = _collect(
        employer=[] if draft.employer.strip() else ["Escriba la empresa o persona empleadora."],
        contract_type=[]
        if _in(ContractType, draft.contract_type)
        else ["Elija el tipo de contrato."],
        start_date=_start_problems(draft.start_date, follow_up_dates),
        end_date=_placement_date_problems(draft, today, follow_up_dates),
        hours_per_week=[]
        if hours is None or 1 <= hours <= MAX_HOURS_PER_WEEK
        else [f"Las horas semanales van de 1 a {MAX_HOURS_PER_WEEK}."],
        end_reason=[]
        if draft.end_date is None or draft.end_reason.strip()
        else ["Indique el motivo de la finalización."],
    )
    texts = {"employer": draft.employer, "position": draft.position}
    lengths = _lengths(texts | {"end_reason": draft.end_reason}, LIMITS)
    if len(draft.notes) > NOTE_LIMIT:
        lengths["notes"] = _too_long(NOTE_LIMIT)
    return lengths | problems


class PlacementDates(Protocol):
    start_date: date
    end_date: date | None


@dataclass(frozen=True)
class JobFollowUpDraft:
    """Seguimiento del mantenimiento del puesto."""

    on_date: date | None
    still_employed: bool = True
    notes: str = ""


def check_job_follow_up(
    placement: PlacementDates, draft: JobFollowUpDraft, today: date
) -> Problems:
    """Within the placement: not before its start, not after its end, not in the future."""

    def dates() -> Iterator[str]:
        yield from _past_date(draft.on_date, today, "Escriba la fecha del seguimiento.")
        if draft.on_date is None:
            return
        if draft.on_date < placement.start_date:
            yield f"El seguimiento no puede ser anterior al inicio de la inserción ({d(placement.start_date)})."
        if placement.end_date is not None and draft.on_date > placement.end_date:
            yield f"El seguimiento no puede ser posterior al fin de la inserción ({d(placement.end_date)})."

    problems = _collect(on_date=dates())
    if len(draft.notes) > NOTE_LIMIT:
        problems["notes"] = _too_long(NOTE_LIMIT)
    return problems


def placement_is_open(placement: PlacementDates, today: date) -> bool:
    return placement.end_date is None or placement.end_date > today


def job_follow_up_due(
    placement: PlacementDates, last_follow_up_date: date | None, today: date
) -> date | None:
    """When the next job-maintenance follow-up is expected: 30 days after the last one
    (or after the start), while the placement is open; None once it has ended."""
    if not placement_is_open(placement, today):
        return None
    due = (last_follow_up_date or placement.start_date) + timedelta(days=JOB_FOLLOW_UP_DAYS)
    if placement.end_date is not None and due > placement.end_date:
        return None
    return due
