"""What the Seguimiento tab reads: frozen views of a person's follow-up records.

`FollowUpService` hands these to the window instead of ORM rows. Attribute names are the
stored rows' where they mean the same; a conference's attendees and tasks are already
read from their JSON, and a placement carries its job follow-ups and when the next one
is due, so the tab shows the selected placement without another read.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from reinsercion_desktop.domain.follow_up_rules import (
    Attendee,
    ConferenceTask,
    attendees_from_json,
    tasks_from_json,
)


@dataclass(frozen=True)
class InterviewView:
    """Entrevista de seguimiento, with the next appointment it set (R-FU-1)."""

    id: str
    participant_id: str
    on_date: date
    kind: str
    staff_name: str
    notes: str
    next_appointment_date: date | None
    next_appointment_time: str
    created_at: datetime | None
    created_by: str  # who recorded it (login)
    version: int


@dataclass(frozen=True)
class ContactView:
    """Contacto de coordinación con otro servicio."""

    id: str
    participant_id: str
    on_date: date
    service_kind: str
    entity: str
    contact_person: str
    channel: str
    notes: str
    version: int


@dataclass(frozen=True)
class ConferenceView:
    """Mesa técnica de casos: who attended, the decisions and the tasks agreed (R-FU-2)."""

    id: str
    participant_id: str
    on_date: date
    topic: str
    attendees: tuple[Attendee, ...]
    decisions: str
    tasks: tuple[ConferenceTask, ...]
    version: int

    @property
    def open_tasks(self) -> list[ConferenceTask]:
        return [task for task in self.tasks if task.is_open]


@dataclass(frozen=True)
class JobFollowUpView:
    """Seguimiento del mantenimiento del puesto."""

    id: str
    placement_id: str
    participant_id: str
    on_date: date
    still_employed: bool
    notes: str
    version: int


@dataclass(frozen=True)
class PlacementView:
    """Inserción laboral, its follow-ups (newest first) and when the next one is due
    (None once it ended)."""

    id: str
    participant_id: str
    employer: str
    insertion_company: bool
    position: str
    contract_type: str
    hours_per_week: int | None
    start_date: date
    end_date: date | None
    end_reason: str
    notes: str
    version: int
    follow_ups: tuple[JobFollowUpView, ...] = field(default_factory=tuple)
    next_follow_up: date | None = None

    @property
    def is_open(self) -> bool:
        return self.end_date is None


# -- from stored rows (duck-typed: the service passes ORM rows) ---------------------------------


def interview_view(row: Any) -> InterviewView:
    return InterviewView(
        id=row.id,
        participant_id=row.participant_id,
        on_date=row.on_date,
        kind=row.kind,
        staff_name=row.staff_name,
        notes=row.notes,
        next_appointment_date=row.next_appointment_date,
        next_appointment_time=row.next_appointment_time,
        created_at=row.created_at,
        created_by=row.created_by,
        version=row.version,
    )


def contact_view(row: Any) -> ContactView:
    return ContactView(
        id=row.id,
        participant_id=row.participant_id,
        on_date=row.on_date,
        service_kind=row.service_kind,
        entity=row.entity,
        contact_person=row.contact_person,
        channel=row.channel,
        notes=row.notes,
        version=row.version,
    )


def conference_view(row: Any) -> ConferenceView:
    return ConferenceView(
        id=row.id,
        participant_id=row.participant_id,
        on_date=row.on_date,
        topic=row.topic,
        attendees=tuple(attendees_from_json(row.attendees)),
        decisions=row.decisions,
        tasks=tuple(tasks_from_json(row.tasks)),
        version=row.version,
    )


def job_follow_up_view(row: Any) -> JobFollowUpView:
    return JobFollowUpView(
        id=row.id,
        placement_id=row.placement_id,
        participant_id=row.participant_id,
        on_date=row.on_date,
        still_employed=row.still_employed,
        notes=row.notes,
        version=row.version,
    )


def placement_view(
    row: Any, follow_ups: tuple[JobFollowUpView, ...] = (), next_follow_up: date | None = None
) -> PlacementView:
    return PlacementView(
        id=row.id,
        participant_id=row.participant_id,
        employer=row.employer,
        insertion_company=row.insertion_company,
        position=row.position,
        contract_type=row.contract_type,
        hours_per_week=row.hours_per_week,
        start_date=row.start_date,
        end_date=row.end_date,
        end_reason=row.end_reason,
        notes=row.notes,
        version=row.version,
        follow_ups=follow_ups,
        next_follow_up=next_follow_up,
    )
