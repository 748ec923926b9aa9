"""Follow-up of a person (seguimiento): interviews, coordination contacts, case conferences
(mesa técnica de casos), employment placements and job-maintenance follow-ups.

Every write is one unit of work (audited, all or nothing); the rules of
`domain/follow_up_rules.py` are checked inside it and a refusal raises `ValidationError`
before anything is written.
"""

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import TypeVar

from reinsercion_desktop.db import follow_up_queries as q
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import (
    CaseConference,
    CoordinationContact,
    EmploymentPlacement,
    Interview,
    JobFollowUp,
    Participant,
    Record,
)
from reinsercion_desktop.db.unit_of_work import UnitOfWork
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.errors import NotFoundError, UserError, ValidationError
from reinsercion_desktop.domain.follow_up_rules import (
    Attendee,
    ConferenceDraft,
    ConferenceTask,
    ContactDraft,
    InterviewDraft,
    JobFollowUpDraft,
    PlacementDraft,
    Problems,
    attendees_from_json,
    attendees_to_json,
    check_conference,
    check_contact,
    check_interview,
    check_job_follow_up,
    check_placement,
    check_task_done,
    job_follow_up_due,
    normalise_time,
    tasks_from_json,
    tasks_to_json,
)
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.security.actors import authorize
from reinsercion_desktop.services.follow_up_views import (
    ConferenceView,
    ContactView,
    InterviewView,
    JobFollowUpView,
    PlacementView,
    conference_view,
    contact_view,
    interview_view,
    job_follow_up_view,
    placement_view,
)

R = TypeVar("R", bound=Record)


def _refuse_if(problems: Problems) -> None:
    if problems:
        raise ValidationError(problems)


def _interview_values(draft: InterviewDraft) -> dict:
    time = draft.next_appointment_time.strip()
    return {
        "on_date": draft.on_date,
        "kind": str(draft.kind),
        "staff_name": draft.staff_name.strip(),
        "notes": draft.notes.strip(),
        "next_appointment_date": draft.next_appointment_date,
        "next_appointment_time": (normalise_time(time) or "") if time else "",
    }


def _contact_values(draft: ContactDraft) -> dict:
    return {
        "on_date": draft.on_date,
        "service_kind": str(draft.service_kind),
        "entity": draft.entity.strip(),
        "contact_person": draft.contact_person.strip(),
        "channel": draft.channel.strip(),
        "notes": draft.notes.strip(),
    }


def _conference_values(draft: ConferenceDraft) -> dict:
    return {
        "on_date": draft.on_date,
        "topic": draft.topic,
        "attendees": attendees_to_json(draft.attendees),
        "decisions": draft.decisions.strip(),
        "tasks": tasks_to_json(draft.tasks),
    }


def _placement_values(draft: PlacementDraft) -> dict:
    return {
        "employer": draft.employer.strip(),
        "insertion_company": bool(draft.insertion_company),
        "position": draft.position.strip(),
        "contract_type": str(draft.contract_type),
        "hours_per_week": draft.hours_per_week,
        "start_date": draft.start_date,
        "end_date": draft.end_date,
        "end_reason": draft.end_reason.strip(),
        "notes": draft.notes.strip(),
    }


def _assign(record: Record, values: dict) -> None:
    for name, value in values.items():
        setattr(record, name, value)


def attendees_of(conference: CaseConference | ConferenceView) -> list[Attendee]:
    if isinstance(conference, ConferenceView):
        return list(conference.attendees)
    return attendees_from_json(conference.attendees)


def tasks_of(conference: CaseConference | ConferenceView) -> list[ConferenceTask]:
    if isinstance(conference, ConferenceView):
        return list(conference.tasks)
    return tasks_from_json(conference.tasks)


class FollowUpService:
    """Seguimiento: what happens with a person between reviews of the plan."""

    def __init__(self, db: Database):
        self.db = db

    # -- reading (newest first; views, never stored rows) -------------------------------

    def interviews_of(self, participant_id: str) -> list[InterviewView]:
        rows = self._read(q.participant_interviews, participant_id=participant_id)
        return [interview_view(row) for row in rows]

    def contacts_of(self, participant_id: str) -> list[ContactView]:
        rows = self._read(q.participant_contacts, participant_id=participant_id)
        return [contact_view(row) for row in rows]

    def conferences_of(self, participant_id: str) -> list[ConferenceView]:
        rows = self._read(q.participant_conferences, participant_id=participant_id)
        return [conference_view(row) for row in rows]

    def placements_of(self, participant_id: str) -> list[PlacementView]:
        """The person's placements, each with its job follow-ups and the next one due."""
        with self.db.read() as session:
            placements = q.participant_placements(session=session, participant_id=participant_id)
            follow_ups = q.participant_job_follow_ups(
                session=session, participant_id=participant_id
            )
        return self._placements(placements, follow_ups)

    def placement(self, placement_id: str) -> PlacementView:
        with self.db.read() as session:
            placement = session.get(EmploymentPlacement, placement_id)
            if placement is None:
                raise NotFoundError("El registro ya no existe: otra persona lo ha borrado.")
            follow_ups = q.placement_follow_ups(session=session, placement_id=placement_id)
        return self._placements([placement], follow_ups)[0]

    def job_follow_ups_of(self, placement_id: str) -> list[JobFollowUpView]:
        rows = self._read(q.placement_follow_ups, placement_id=placement_id)
        return [job_follow_up_view(row) for row in rows]

    def next_job_follow_ups(
        self, placements: Sequence[EmploymentPlacement | PlacementView]
    ) -> dict[str, date]:
        """{placement id: when its next job follow-up is due}, for the open ones."""
        today = self.db.clock.today()
        with self.db.read() as session:
            last = q.last_follow_up_dates(session=session, placement_ids=[p.id for p in placements])
        due = {p.id: job_follow_up_due(p, last.get(p.id), today) for p in placements}
        return {key: day for key, day in due.items() if day is not None}

    def _placements(
        self, placements: Sequence[EmploymentPlacement], follow_ups: Sequence[JobFollowUp]
    ) -> list[PlacementView]:
        today = self.db.clock.today()
        by_placement: dict[str, list[JobFollowUpView]] = {}
        for row in follow_ups:  # newest first, as the query gives them
            by_placement.setdefault(row.placement_id, []).append(job_follow_up_view(row))
        views = []
        for placement in placements:
            mine = tuple(by_placement.get(placement.id, ()))
            last = max((f.on_date for f in mine), default=None)
            views.append(placement_view(placement, mine, job_follow_up_due(placement, last, today)))
        return views

    def _read(self, query: Callable[..., Sequence], **where: str) -> list:
        with self.db.read() as session:
            return list(query(session=session, **where))

    # -- interviews (R-FU-1) ---------------------------------------------------------------

    def add_interview(
        self, actor: Actor, participant_id: str, draft: InterviewDraft
    ) -> InterviewView:
        authorize(actor, PermissionAction.FOLLOW_UP_RECORD)
        _refuse_if(check_interview(draft, self.db.clock.today()))
        with self.db.unit_of_work(actor) as work:
            self._person(work, participant_id)
            record = work.add(Interview(participant_id=participant_id, **_interview_values(draft)))
        return interview_view(record)

    def update_interview(
        self, actor: Actor, interview_id: str, draft: InterviewDraft
    ) -> InterviewView:
        authorize(actor, PermissionAction.FOLLOW_UP_RECORD)
        _refuse_if(check_interview(draft, self.db.clock.today()))
        record = self._update(actor, Interview, interview_id, _interview_values(draft))
        return interview_view(record)

    # -- coordination with other services --------------------------------------------------

    def add_contact(self, actor: Actor, participant_id: str, draft: ContactDraft) -> ContactView:
        authorize(actor, PermissionAction.FOLLOW_UP_RECORD)
        _refuse_if(check_contact(draft, self.db.clock.today()))
        with self.db.unit_of_work(actor) as work:
            self._person(work, participant_id)
            record = work.add(
                CoordinationContact(participant_id=participant_id, **_contact_values(draft))
            )
        return contact_view(record)

    def update_contact(self, actor: Actor, contact_id: str, draft: ContactDraft) -> ContactView:
        authorize(actor, PermissionAction.FOLLOW_UP_RECORD)
        _refuse_if(check_contact(draft, self.db.clock.today()))
        record = self._update(actor, CoordinationContact, contact_id, _contact_values(draft))
        return contact_view(record)

    # -- case conferences (R-FU-2) ----------------------------------------------------------

    def add_conference(
        self, actor: Actor, participant_id: str, draft: ConferenceDraft
    ) -> ConferenceView:
        authorize(actor, PermissionAction.FOLLOW_UP_RECORD)
        draft = draft.cleaned()
        _refuse_if(check_conference(draft, self.db.clock.today()))
        with self.db.unit_of_work(actor) as work:
            self._person(work, participant_id)
            record = work.add(
                CaseConference(participant_id=participant_id, **_conference_values(draft))
            )
        return conference_view(record)

    def update_conference(
        self, actor: Actor, conference_id: str, draft: ConferenceDraft
    ) -> ConferenceView:
        authorize(actor, PermissionAction.FOLLOW_UP_RECORD)
        draft = draft.cleaned()
        _refuse_if(check_conference(draft, self.db.clock.today()))
        record = self._update(actor, CaseConference, conference_id, _conference_values(draft))
        return conference_view(record)

    def complete_task(
        self, actor: Actor, conference_id: str, task_index: int, done_date: date
    ) -> ConferenceView:
        """Mark one task of a conference done on a day: it leaves Pendientes (R-FU-2)."""
        authorize(actor, PermissionAction.FOLLOW_UP_RECORD)
        with self.db.unit_of_work(actor) as work:
            conference = self._existing(work, CaseConference, conference_id)
            tasks = tasks_from_json(conference.tasks)
            if not 0 <= task_index < len(tasks):
                raise NotFoundError("Esa tarea ya no existe en la mesa de casos.")
            task = tasks[task_index]
            _refuse_if(check_task_done(conference.on_date, task, done_date, self.db.clock.today()))
            tasks[task_index] = replace(task, done=done_date)
            conference.tasks = tasks_to_json(tasks)
        return conference_view(conference)

    # -- employment placements --------------------------------------------------------------

    def add_placement(
        self, actor: Actor, participant_id: str, draft: PlacementDraft
    ) -> PlacementView:
        authorize(actor, PermissionAction.PLACEMENT_RECORD)
        _refuse_if(check_placement(draft, self.db.clock.today()))
        with self.db.unit_of_work(actor) as work:
            self._person(work, participant_id)
            record = work.add(
                EmploymentPlacement(participant_id=participant_id, **_placement_values(draft))
            )
        return self._placements([record], [])[0]

    def update_placement(
        self, actor: Actor, placement_id: str, draft: PlacementDraft
    ) -> PlacementView:
        authorize(actor, PermissionAction.PLACEMENT_RECORD)
        with self.db.unit_of_work(actor) as work:
            placement = self._existing(work, EmploymentPlacement, placement_id)
            self._person(work, placement.participant_id)
            dates = q.placement_follow_up_dates(session=work.session, placement_id=placement_id)
            _refuse_if(check_placement(draft, self.db.clock.today(), dates))
            _assign(placement, _placement_values(draft))
        return self.placement(placement_id)

    def end_placement(
        self, actor: Actor, placement_id: str, end_date: date | None, end_reason: str
    ) -> PlacementView:
        """Finalizar: the end date and why; the monthly follow-up stops."""
        authorize(actor, PermissionAction.PLACEMENT_RECORD)
        with self.db.unit_of_work(actor) as work:
            placement = self._existing(work, EmploymentPlacement, placement_id)
            if placement.end_date is not None:
                raise UserError("Esta inserción ya está finalizada.")
            self._person(work, placement.participant_id)
            if end_date is None:
                raise ValidationError({"end_date": "Escriba la fecha de fin."})
            draft = replace(placement_draft(placement), end_date=end_date, end_reason=end_reason)
            dates = q.placement_follow_up_dates(session=work.session, placement_id=placement_id)
            _refuse_if(check_placement(draft, self.db.clock.today(), dates))
            placement.end_date = end_date
            placement.end_reason = end_reason.strip()
        return self.placement(placement_id)

    # -- job maintenance follow-ups ---------------------------------------------------------

    def add_job_follow_up(
        self, actor: Actor, placement_id: str, draft: JobFollowUpDraft
    ) -> JobFollowUpView:
        authorize(actor, PermissionAction.PLACEMENT_RECORD)
        with self.db.unit_of_work(actor) as work:
            placement = self._existing(work, EmploymentPlacement, placement_id)
            self._person(work, placement.participant_id)
            _refuse_if(check_job_follow_up(placement, draft, self.db.clock.today()))
            record = work.add(
                JobFollowUp(
                    placement_id=placement.id,
                    participant_id=placement.participant_id,
                    on_date=draft.on_date,
                    still_employed=draft.still_employed,
                    notes=draft.notes.strip(),
                )
            )
        return job_follow_up_view(record)

    def update_job_follow_up(
        self, actor: Actor, follow_up_id: str, draft: JobFollowUpDraft
    ) -> JobFollowUpView:
        authorize(actor, PermissionAction.PLACEMENT_RECORD)
        with self.db.unit_of_work(actor) as work:
            record = self._existing(work, JobFollowUp, follow_up_id)
            placement = self._existing(work, EmploymentPlacement, record.placement_id)
            _refuse_if(check_job_follow_up(placement, draft, self.db.clock.today()))
            _assign(
                record,
                {
                    "on_date": draft.on_date,
                    "still_employed": draft.still_employed,
                    "notes": draft.notes.strip(),
                },
            )
        return job_follow_up_view(record)

    # -- internals --------------------------------------------------------------------------

    @staticmethod
    def _person(work: UnitOfWork, participant_id: str) -> Participant:
        person = work.get(Participant, participant_id)
        if person is None:
            raise NotFoundError("La ficha ya no existe.")
        if person.archived_at is not None:
            raise UserError(
                "La ficha está archivada: restáurela antes de registrar el seguimiento."
            )
        return person

    @staticmethod
    def _existing(work: UnitOfWork, model: type[R], record_id: str) -> R:
        record = work.get(model, record_id)
        if record is None:
            raise NotFoundError("El registro ya no existe: otra persona lo ha borrado.")
        return record

    def _update(self, actor: Actor, model: type[R], record_id: str, values: dict) -> R:
        with self.db.unit_of_work(actor) as work:
            record = self._existing(work, model, record_id)
            self._person(work, record.participant_id)  # type: ignore[attr-defined]
            _assign(record, values)
            return record


def placement_draft(placement: EmploymentPlacement | PlacementView) -> PlacementDraft:
    """The draft a stored placement reads as (the edit dialog starts from it)."""
    return PlacementDraft(
        employer=placement.employer,
        contract_type=placement.contract_type,
        start_date=placement.start_date,
        insertion_company=placement.insertion_company,
        position=placement.position,
        hours_per_week=placement.hours_per_week,
        end_date=placement.end_date,
        end_reason=placement.end_reason,
        notes=placement.notes,
    )
