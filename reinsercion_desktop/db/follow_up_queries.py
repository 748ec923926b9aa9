"""Reads of a person's follow-up: interviews, contacts, case conferences, placements and
job follow-ups (keyword-only, take `session`), each list newest first."""

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, col, func, select

from reinsercion_desktop.db.models import (
    CaseConference,
    CoordinationContact,
    EmploymentPlacement,
    Interview,
    JobFollowUp,
)


def participant_interviews(*, session: Session, participant_id: str) -> Sequence[Interview]:
    return session.exec(
        select(Interview)
        .where(Interview.participant_id == participant_id)
        .order_by(col(Interview.on_date).desc(), col(Interview.created_at).desc())
    ).all()


def participant_contacts(*, session: Session, participant_id: str) -> Sequence[CoordinationContact]:
    return session.exec(
        select(CoordinationContact)
        .where(CoordinationContact.participant_id == participant_id)
        .order_by(
            col(CoordinationContact.on_date).desc(), col(CoordinationContact.created_at).desc()
        )
    ).all()


def participant_conferences(*, session: Session, participant_id: str) -> Sequence[CaseConference]:
    return session.exec(
        select(CaseConference)
        .where(CaseConference.participant_id == participant_id)
        .order_by(col(CaseConference.on_date).desc(), col(CaseConference.created_at).desc())
    ).all()


def participant_placements(
    *, session: Session, participant_id: str
) -> Sequence[EmploymentPlacement]:
    return session.exec(
        select(EmploymentPlacement)
        .where(EmploymentPlacement.participant_id == participant_id)
        .order_by(
            col(EmploymentPlacement.start_date).desc(), col(EmploymentPlacement.created_at).desc()
        )
    ).all()


def placement_follow_ups(*, session: Session, placement_id: str) -> Sequence[JobFollowUp]:
    return session.exec(
        select(JobFollowUp)
        .where(JobFollowUp.placement_id == placement_id)
        .order_by(col(JobFollowUp.on_date).desc(), col(JobFollowUp.created_at).desc())
    ).all()


def participant_job_follow_ups(*, session: Session, participant_id: str) -> Sequence[JobFollowUp]:
    """Every job follow-up of a person's placements, newest first (one read for the tab)."""
    return session.exec(
        select(JobFollowUp)
        .where(JobFollowUp.participant_id == participant_id)
        .order_by(col(JobFollowUp.on_date).desc(), col(JobFollowUp.created_at).desc())
    ).all()


def placement_follow_up_dates(*, session: Session, placement_id: str) -> list[date]:
    rows = session.exec(
        select(JobFollowUp.on_date).where(JobFollowUp.placement_id == placement_id)
    ).all()
    return list(rows)


def last_follow_up_dates(*, session: Session, placement_ids: Sequence[str]) -> dict[str, date]:
    """{placement id: its latest job follow-up}, in one query for a list of placements."""
    if not placement_ids:
        return {}
    rows = session.exec(
        select(JobFollowUp.placement_id, func.max(JobFollowUp.on_date))
        .where(col(JobFollowUp.placement_id).in_(placement_ids))
        .group_by(JobFollowUp.placement_id)
    ).all()
    return {placement_id: _as_date(day) for placement_id, day in rows if day is not None}


def _as_date(value: date | str) -> date:
    """SQLite hands aggregates back as text; columns come back as dates."""
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
