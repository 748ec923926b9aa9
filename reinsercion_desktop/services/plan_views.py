"""What the plan's screens read: frozen views of a reintegration plan and its parts.

`PlanService` hands these to the window instead of ORM rows: a `PlanView` holds the plan
with its objectives, activities and reviews from one read, so the Plan tab shows it
without asking again. Attribute names are the stored rows' where they mean the same
(`id`, `status`, `deadline`, `version` …); a review's `changes` are already the list of
sentences, not their JSON.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reinsercion_desktop.domain.enums import PlanStatus
from reinsercion_desktop.domain.plan_rules import ObjectiveState, objective_overdue


@dataclass(frozen=True)
class ObjectiveView:
    """Objetivo del plan, with whether it is overdue on the day it was read (R-PLAN-4)."""

    id: str
    plan_id: str
    participant_id: str
    area: str
    template_code: str
    title: str
    indicator: str
    target: str
    deadline: date | None
    priority: str
    status: str
    progress: int
    position: int
    achieved_date: date | None
    note: str
    version: int
    overdue: bool = False


@dataclass(frozen=True)
class ActivityView:
    """Actividad de un objetivo."""

    id: str
    objective_id: str
    participant_id: str
    description: str
    template_code: str
    status: str
    due_date: date | None
    done_date: date | None
    version: int


@dataclass(frozen=True)
class ReviewView:
    """Revisión del plan (the agreement is version 1): when, who and what changed."""

    id: str
    plan_id: str
    participant_id: str
    on_date: date
    reviewer_name: str
    plan_version: int
    summary: str
    changes: tuple[str, ...]
    next_review_date: date | None

    @property
    def text(self) -> str:
        """The summary and the changes, one per line (the reviews list shows this)."""
        return "\n".join([self.summary, *self.changes]).strip()


@dataclass(frozen=True)
class PlanView:
    """Itinerario individual: the plan's own fields, and its parts in the order shown
    (objectives as added, activities by due date, reviews oldest first)."""

    id: str
    participant_id: str
    start_date: date
    status: str
    current_version: int
    general_goal: str
    commitments: str
    agreed_date: date | None
    next_review_date: date | None
    closed_date: date | None
    closed_reason: str
    version: int
    objectives: tuple[ObjectiveView, ...] = field(default_factory=tuple)
    activities: tuple[ActivityView, ...] = field(default_factory=tuple)
    reviews: tuple[ReviewView, ...] = field(default_factory=tuple)

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT

    @property
    def is_agreed(self) -> bool:
        return self.status == PlanStatus.AGREED

    @property
    def overdue_objectives(self) -> list[ObjectiveView]:
        return [o for o in self.objectives if o.overdue]

    def objective(self, objective_id: str) -> ObjectiveView | None:
        return next((o for o in self.objectives if o.id == objective_id), None)

    def activity(self, activity_id: str) -> ActivityView | None:
        return next((a for a in self.activities if a.id == activity_id), None)


@dataclass(frozen=True)
class PlanVersion:
    """One version of the plan: the review (or agreement) that produced it and its objectives."""

    version: int
    review: ReviewView
    objectives: list[ObjectiveState]
    changes: list[str]


# -- from stored rows (duck-typed: the service passes ORM rows, nothing else does) -------------


def objective_view(row: Any, today: date) -> ObjectiveView:
    return ObjectiveView(
        id=row.id,
        plan_id=row.plan_id,
        participant_id=row.participant_id,
        area=row.area,
        template_code=row.template_code,
        title=row.title,
        indicator=row.indicator,
        target=row.target,
        deadline=row.deadline,
        priority=row.priority,
        status=row.status,
        progress=row.progress,
        position=row.position,
        achieved_date=row.achieved_date,
        note=row.note,
        version=row.version,
        overdue=objective_overdue(row.deadline, row.status, today),
    )


def activity_view(row: Any) -> ActivityView:
    return ActivityView(
        id=row.id,
        objective_id=row.objective_id,
        participant_id=row.participant_id,
        description=row.description,
        template_code=row.template_code,
        status=row.status,
        due_date=row.due_date,
        done_date=row.done_date,
        version=row.version,
    )


def review_view(row: Any) -> ReviewView:
    return ReviewView(
        id=row.id,
        plan_id=row.plan_id,
        participant_id=row.participant_id,
        on_date=row.on_date,
        reviewer_name=row.reviewer_name,
        plan_version=row.plan_version,
        summary=row.summary,
        changes=tuple(json.loads(row.changes or "[]")),
        next_review_date=row.next_review_date,
    )


def plan_view(
    row: Any,
    today: date,
    objectives: Sequence[Any] = (),
    activities: Sequence[Any] = (),
    reviews: Sequence[Any] = (),
) -> PlanView:
    return PlanView(
        id=row.id,
        participant_id=row.participant_id,
        start_date=row.start_date,
        status=row.status,
        current_version=row.current_version,
        general_goal=row.general_goal,
        commitments=row.commitments,
        agreed_date=row.agreed_date,
        next_review_date=row.next_review_date,
        closed_date=row.closed_date,
        closed_reason=row.closed_reason,
        version=row.version,
        objectives=tuple(objective_view(o, today) for o in objectives),
        activities=tuple(activity_view(a) for a in activities),
        reviews=tuple(review_view(r) for r in reviews),
    )
