"""Reads of the §12 structure data: viviendas' year figures, complaints, questionnaires.

Keyword-only functions that take `session` and return named plain rows; the counting
rules are in domain/structure_indicators.py and services/structure_indicators.py.
"""

from datetime import date
from typing import NamedTuple

from sqlmodel import Session, select

from reinsercion_desktop.db.models import Complaint, FormInstance, Participant, Stay, ViviendaYear


class YearRow(NamedTuple):
    id: str
    vivienda_id: str
    year: int
    budget_planned: float
    budget_actual: float | None
    staff_weekly_hours: float
    full_time_weekly_hours: float
    version: int
    updated_by: str


def year_rows(*, session: Session, year: int) -> list[YearRow]:
    """Every vivienda's figures recorded for a year."""
    rows = session.execute(
        select(
            ViviendaYear.id,
            ViviendaYear.vivienda_id,
            ViviendaYear.year,
            ViviendaYear.budget_planned,
            ViviendaYear.budget_actual,
            ViviendaYear.staff_weekly_hours,
            ViviendaYear.full_time_weekly_hours,
            ViviendaYear.version,
            ViviendaYear.updated_by,
        ).where(ViviendaYear.year == year)
    )
    return [YearRow(*row) for row in rows]


def year_record(*, session: Session, vivienda_id: str, year: int) -> ViviendaYear | None:
    """The record to edit (one per vivienda and year)."""
    return session.exec(
        select(ViviendaYear).where(
            ViviendaYear.vivienda_id == vivienda_id, ViviendaYear.year == year
        )
    ).first()


class ComplaintRow(NamedTuple):
    id: str
    received_on: date
    vivienda_id: str
    participant_id: str | None
    codapel: str  # "" for an anonymous complaint
    kind: str
    description: str
    answer: str
    answered_on: date | None
    version: int


def complaint_rows(*, session: Session, start: date, end: date) -> list[ComplaintRow]:
    """Complaints received in [start, end), oldest first."""
    rows = session.execute(
        select(
            Complaint.id,
            Complaint.received_on,
            Complaint.vivienda_id,
            Complaint.participant_id,
            Participant.codapel,
            Complaint.kind,
            Complaint.description,
            Complaint.answer,
            Complaint.answered_on,
            Complaint.version,
        )
        .outerjoin(Participant, Participant.id == Complaint.participant_id)  # type: ignore[arg-type]
        .where(Complaint.received_on >= start, Complaint.received_on < end)  # type: ignore[operator]
        .order_by(Complaint.received_on, Complaint.created_at)  # type: ignore[arg-type]
    )
    return [ComplaintRow(*row[:4], row[4] or "", *row[5:]) for row in rows]


class QuestionnaireRow(NamedTuple):
    vivienda_id: str | None
    data: str  # JSON of the answers
    finalized_at: object  # datetime | None


def questionnaire_rows(*, session: Session, form_id: str) -> list[QuestionnaireRow]:
    """Every final or signed instance of a form (the current one of an amended chain is
    the newest: an amended instance stays signed, so both are read; the service keeps
    the newest of each chain)."""
    rows = session.execute(
        select(
            FormInstance.id,
            FormInstance.amends_id,
            FormInstance.vivienda_id,
            FormInstance.data,
            FormInstance.finalized_at,
        ).where(
            FormInstance.form_id == form_id,
            FormInstance.status.in_(("final", "signed")),  # type: ignore[attr-defined]
        )
    )
    rows = list(rows)
    amended = {row[1] for row in rows if row[1]}
    return [QuestionnaireRow(*row[2:]) for row in rows if row[0] not in amended]


class StayDays(NamedTuple):
    vivienda_id: str
    admission_date: date
    discharge_date: date | None
    discharge_type: str


def stays_between(*, session: Session, start: date, end: date) -> list[StayDays]:
    """Stays in a vivienda any day of [start, end), the discharge day included."""
    from reinsercion_desktop.db.circuit_queries import present_between

    rows = session.execute(
        select(
            Stay.vivienda_id, Stay.admission_date, Stay.discharge_date, Stay.discharge_type
        ).where(present_between(start, end))
    )
    return [StayDays(*row) for row in rows]
