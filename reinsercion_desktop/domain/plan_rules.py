"""Rules of the individual reintegration plan (SPEC §6, `003_…` §7–9).

Plain Python, no storage: the plan service checks drafts here before writing, and
Pendientes, the caseload and the timeline ask here what counts as open or overdue.
"""

from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date
from enum import StrEnum

from reinsercion_desktop.domain.dates import format_date_es as d
from reinsercion_desktop.domain.enums import (
    ActivityStatus,
    LabelledEnum,
    ObjectiveStatus,
    PlanArea,
    Priority,
)

OPEN_OBJECTIVE_STATUSES = frozenset({ObjectiveStatus.PENDING, ObjectiveStatus.IN_PROGRESS})


def objective_is_open(status: str) -> bool:
    """Pending or in progress: still being worked on."""
    return status in OPEN_OBJECTIVE_STATUSES


def objective_overdue(deadline: date | None, status: str, today: date) -> bool:
    """An open objective whose deadline has passed (R-PLAN-4)."""
    return deadline is not None and deadline < today and objective_is_open(status)


# -- drafts and their checks (R-PLAN-1, R-PLAN-2) ---------------------------------------------

CLOSED_OBJECTIVE_STATUSES = frozenset(
    {ObjectiveStatus.ACHIEVED, ObjectiveStatus.NOT_ACHIEVED, ObjectiveStatus.DROPPED}
)
LIMITS = {
    "title": 300,
    "indicator": 300,
    "target": 200,
    "note": 1000,
    "general_goal": 1000,
    "commitments": 2000,
    "description": 300,
    "summary": 2000,
    "reviewer_name": 120,
    "reason": 400,
}

Problems = dict[str, str]


@dataclass(frozen=True)
class PlanDraft:
    """The plan's own fields as staff fill them."""

    start_date: date | None
    general_goal: str = ""
    commitments: str = ""
    next_review_date: date | None = None


@dataclass(frozen=True)
class ObjectiveDraft:
    """An objective as typed in its dialog (or taken from a template)."""

    area: str
    title: str
    indicator: str
    target: str
    deadline: date | None
    priority: str = Priority.MEDIUM.value
    status: str = ObjectiveStatus.PENDING.value
    progress: int = 0
    template_code: str = ""
    note: str = ""


@dataclass(frozen=True)
class ActivityDraft:
    description: str
    due_date: date | None = None
    status: str = ActivityStatus.PLANNED.value
    template_code: str = ""


@dataclass(frozen=True)
class ObjectiveState:
    """An objective as a review leaves it: what snapshots keep and `describe_changes` compares."""

    id: str
    area: str
    title: str
    indicator: str
    target: str
    deadline: date | None
    priority: str
    status: str
    progress: int

    def as_json(self) -> dict:
        values = asdict(self)
        values["deadline"] = self.deadline.isoformat() if self.deadline else None
        return values

    @classmethod
    def from_json(cls, values: dict) -> "ObjectiveState":
        deadline = values.get("deadline")
        known = {f.name for f in fields(cls)}
        return cls(
            **{k: v for k, v in values.items() if k in known}
            | {"deadline": date.fromisoformat(deadline) if deadline else None}
        )


def _too_long(**texts: str) -> Problems:
    return {
        name: f"El texto es demasiado largo (máx. {LIMITS[name]} caracteres)."
        for name, text in texts.items()
        if len(text) > LIMITS[name]
    }


def _is_member(vocabulary: type[StrEnum], value: str) -> bool:
    return value in {member.value for member in vocabulary}


def check_plan(draft: PlanDraft, today: date) -> Problems:
    """Start date required and not in the future; the next review after the start."""
    problems = _too_long(general_goal=draft.general_goal, commitments=draft.commitments)
    if draft.start_date is None:
        problems["start_date"] = "Escriba la fecha de inicio del plan (dd/mm/aaaa)."
    elif draft.start_date > today:
        problems["start_date"] = (
            f"La fecha de inicio ({d(draft.start_date)}) es posterior a hoy: "
            "el plan empieza cuando se acuerda con la persona."
        )
    elif draft.next_review_date is not None and draft.next_review_date <= draft.start_date:
        problems["next_review_date"] = (
            f"La próxima revisión debe ser posterior al inicio del plan ({d(draft.start_date)})."
        )
    return problems


def progress_problem(progress: object) -> str | None:
    """R-PLAN-2: a whole percentage from 0 to 100."""
    if isinstance(progress, bool) or not isinstance(progress, int) or not 0 <= progress <= 100:
        return "El progreso debe estar entre 0 y 100 %."
    return None


def deadline_problem(deadline: date | None, plan_start: date) -> str | None:
    """R-PLAN-1: every objective has a deadline, not before the plan starts."""
    if deadline is None:
        return "Escriba el plazo (dd/mm/aaaa): un objetivo tiene que tener fecha."
    if deadline < plan_start:
        return (
            f"El plazo ({d(deadline)}) es anterior al inicio del plan ({d(plan_start)}). "
            "Ponga un plazo a partir de esa fecha."
        )
    return None


def check_objective(draft: ObjectiveDraft, plan_start: date) -> Problems:
    """What is wrong with an objective, field by field (R-PLAN-1, R-PLAN-2)."""
    problems = _too_long(
        title=draft.title.strip(),
        indicator=draft.indicator.strip(),
        target=draft.target.strip(),
        note=draft.note.strip(),
    )
    if not _is_member(PlanArea, draft.area):
        problems["area"] = "Elija el área del objetivo."
    if not draft.title.strip():
        problems["title"] = "Escriba el objetivo."
    if not draft.indicator.strip():
        problems["indicator"] = "Un objetivo tiene que poder medirse: escriba el indicador."
    if not draft.target.strip():
        problems["target"] = "Escriba la meta: qué valor del indicador da el objetivo por logrado."
    if problem := deadline_problem(draft.deadline, plan_start):
        problems["deadline"] = problem
    if not _is_member(Priority, draft.priority):
        problems["priority"] = "Elija la prioridad: alta, media o baja."
    if not _is_member(ObjectiveStatus, draft.status):
        problems["status"] = "Elija el estado del objetivo."
    if problem := progress_problem(draft.progress):
        problems["progress"] = problem
    return problems


def normalise_progress(
    status: str, progress: int, on_date: date, achieved_date: date | None = None
) -> tuple[str, int, date | None]:
    """R-PLAN-2: status follows progress. Returns (status, progress, achieved_date).

    Progress on a pending objective means it is under way; 100 % on an open one means it
    was achieved; an achieved one is at 100 %. Closing dates it (the earlier closing date
    is kept), reopening clears the date.
    """
    if status == ObjectiveStatus.PENDING and 0 < progress < 100:
        status = ObjectiveStatus.IN_PROGRESS.value
    if objective_is_open(status) and progress >= 100:
        status = ObjectiveStatus.ACHIEVED.value
    if status == ObjectiveStatus.ACHIEVED:
        progress = 100
    if status in CLOSED_OBJECTIVE_STATUSES:
        return str(status), progress, achieved_date or on_date
    return str(status), progress, None


def check_activity(draft: ActivityDraft, plan_start: date) -> Problems:
    problems = _too_long(description=draft.description.strip())
    if not draft.description.strip():
        problems["description"] = "Describa la actividad."
    if draft.due_date is not None and draft.due_date < plan_start:
        problems["due_date"] = (
            f"La fecha prevista ({d(draft.due_date)}) es anterior al inicio del plan "
            f"({d(plan_start)})."
        )
    if not _is_member(ActivityStatus, draft.status):
        problems["status"] = "Elija el estado de la actividad."
    return problems


def activity_done_date(status: str, on_date: date, done_date: date | None) -> date | None:
    """A done activity keeps the day it was marked done; any other status has none."""
    if status == ActivityStatus.DONE:
        return done_date or on_date
    return None


# -- reviews (R-PLAN-3) -----------------------------------------------------------------------


def _percent(value: int) -> str:
    return f"{value} %"


def _label(vocabulary: type[LabelledEnum], value: str) -> str:
    return vocabulary(value).label if _is_member(vocabulary, value) else value


def describe_changes(
    before: Sequence[ObjectiveState], after: Sequence[ObjectiveState]
) -> list[str]:
    """R-PLAN-3: what a review changed, objective by objective, in Spanish sentences."""
    previous = {state.id: state for state in before}
    sentences: list[str] = []
    for state in after:
        old = previous.pop(state.id, None)
        if old is None:
            sentences.append(f"Nuevo objetivo: «{state.title}».")
            continue
        if state.status == ObjectiveStatus.DROPPED and old.status != ObjectiveStatus.DROPPED:
            sentences.append(f"Descartado: «{state.title}».")
            continue
        sentences.extend(_changes_of(old, state))
    sentences.extend(f"Eliminado: «{old.title}»." for old in previous.values())
    return sentences


def _changes_of(old: ObjectiveState, new: ObjectiveState) -> list[str]:
    name = f"«{new.title}»"
    pairs = [
        ("objetivo", old.title, new.title),
        ("indicador", old.indicator, new.indicator),
        ("meta", old.target, new.target),
        ("prioridad", _label(Priority, old.priority), _label(Priority, new.priority)),
        ("estado", _label(ObjectiveStatus, old.status), _label(ObjectiveStatus, new.status)),
        ("progreso", _percent(old.progress), _percent(new.progress)),
        ("plazo", d(old.deadline) or "sin plazo", d(new.deadline) or "sin plazo"),
    ]
    return [f"{name}: {what} {a} → {b}" for what, a, b in pairs if a != b]


def check_review(
    on_date: date | None,
    summary: str,
    changes: Sequence[str],
    *,
    plan_start: date,
    last_review: date | None,
    today: date,
    next_review_date: date | None = None,
    reviewer_name: str = "x",
) -> Problems:
    """A review is dated (from the plan's start or last review to today), says who, and
    changes something or says why not (R-PLAN-3)."""
    problems = _too_long(summary=summary.strip(), reviewer_name=reviewer_name.strip())
    if not reviewer_name.strip():
        problems["reviewer_name"] = "Escriba quién hace la revisión."
    if on_date is None:
        problems["on_date"] = "Escriba la fecha de la revisión (dd/mm/aaaa)."
    elif on_date > today:
        problems["on_date"] = "La fecha de la revisión no puede ser posterior a hoy."
    elif on_date < (last_review or plan_start):
        since = last_review or plan_start
        problems["on_date"] = (
            f"La revisión no puede ser anterior a {d(since)} "
            f"({'la última revisión' if last_review else 'el inicio del plan'})."
        )
    elif next_review_date is not None and next_review_date <= on_date:
        problems["next_review_date"] = "La próxima revisión debe ser posterior a esta."
    if not changes and not summary.strip():
        problems["summary"] = "La revisión no cambia nada: escriba al menos un resumen."
    return problems
