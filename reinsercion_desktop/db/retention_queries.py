"""Reads and writes of retention and anonymisation (SPEC §10): whose file is closed since
when, and what an anonymisation goes through. Keyword-only functions that take `session`.
"""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, NamedTuple

from sqlmodel import Session, select

from reinsercion_desktop.db import models
from reinsercion_desktop.db.sql_rows import driver_connection, id_chunks, iso_day
from reinsercion_desktop.domain.referral_rules import CLOSED

_CLOSED_REFERRALS = ", ".join(f"'{status.value}'" for status in sorted(CLOSED))


class ClosedCandidate(NamedTuple):
    """A file not anonymised yet, with what says whether (and since when) it is closed."""

    participant_id: str
    codapel: str
    first_name: str
    surname1: str
    surname2: str
    archived_on: date | None
    last_discharge: date | None
    still_open: bool  # a stay without discharge or a referral still on its way
    case_manager: str
    signed_forms: int
    attachments: int


_CANDIDATES = f"""
SELECT p.id, p.codapel, p.first_name, p.surname1, p.surname2, p.archived_at,
  (SELECT max(s.discharge_date) FROM stay s WHERE s.participant_id = p.id),
  EXISTS (SELECT 1 FROM stay s WHERE s.participant_id = p.id AND s.discharge_date IS NULL)
   OR EXISTS (SELECT 1 FROM referral r WHERE r.participant_id = p.id
              AND r.status NOT IN ({_CLOSED_REFERRALS})),
  coalesce(u.full_name, ''),
  (SELECT count(*) FROM form_instance f WHERE f.participant_id = p.id AND f.status = 'signed'),
  (SELECT count(*) FROM attachment a WHERE a.participant_id = p.id)
FROM participant p LEFT JOIN user_account u ON u.id = p.case_manager_id
WHERE p.anonymised_at IS NULL
  AND (p.archived_at IS NOT NULL
       OR EXISTS (SELECT 1 FROM stay s WHERE s.participant_id = p.id
                  AND s.discharge_date IS NOT NULL))
"""


def closed_candidates(*, session: Session) -> list[ClosedCandidate]:
    """Files not anonymised that were archived or discharged at least once (one query)."""
    rows = driver_connection(session).execute(_CANDIDATES).fetchall()
    return [
        ClosedCandidate(
            row[0],
            row[1],
            row[2],
            row[3],
            row[4] or "",
            iso_day(row[5]),
            iso_day(row[6]),
            bool(row[7]),
            row[8],
            row[9],
            row[10],
        )
        for row in rows
    ]


def anonymised_count(*, session: Session) -> int:
    sql = "SELECT count(*) FROM participant WHERE anonymised_at IS NOT NULL"
    return int(driver_connection(session).execute(sql).fetchone()[0])


# -- what an anonymisation goes through ------------------------------------------------

# Tables whose rows carry `participant_id` themselves.
_OWN_ROWS: tuple[type[models.Record], ...] = (
    models.ConsentRecord,
    models.FormInstance,
    models.Referral,
    models.Stay,
    models.ReintegrationPlan,
    models.PlanObjective,
    models.PlanActivity,
    models.PlanReview,
    models.Interview,
    models.CoordinationContact,
    models.CaseConference,
    models.EmploymentPlacement,
    models.JobFollowUp,
    models.ResourceReferral,
)
# Tables whose rows hang from a stay or a referral of the person.
_STAY_ROWS: tuple[type[models.Record], ...] = (
    models.Outing,
    models.ToxControl,
    models.Incident,
    models.EconomicContribution,
)


def person_records(*, session: Session, participant_id: str) -> list[models.Record]:
    """Every record of one person's file (the participant and its attachments apart)."""
    found: list[models.Record] = []
    for model in _OWN_ROWS:
        found += session.exec(
            select(model).where(model.participant_id == participant_id)  # type: ignore[attr-defined]
        ).all()
    stay_ids = [record.id for record in found if isinstance(record, models.Stay)]
    referral_ids = [record.id for record in found if isinstance(record, models.Referral)]
    if stay_ids:
        for model in _STAY_ROWS:
            found += session.exec(
                select(model).where(model.stay_id.in_(stay_ids))  # type: ignore[attr-defined]
            ).all()
    if referral_ids:
        found += session.exec(
            select(models.ReferralEvent).where(
                models.ReferralEvent.referral_id.in_(referral_ids)  # type: ignore[attr-defined]
            )
        ).all()
    return found


def attachments_of(*, session: Session, participant_id: str) -> Sequence[models.Attachment]:
    return session.exec(
        select(models.Attachment).where(models.Attachment.participant_id == participant_id)
    ).all()


def issued_pdf_count(*, session: Session, participant_id: str) -> int:
    sql = (
        "SELECT count(*) FROM issued_pdf i JOIN form_instance f ON f.id = i.form_instance_id"
        " WHERE f.participant_id = ?"
    )
    return int(driver_connection(session).execute(sql, (participant_id,)).fetchone()[0])


def delete_all(*, session: Session, records: Iterable[models.Record]) -> None:
    """Staged for deletion (the unit of work audits each one)."""
    for record in records:
        session.delete(record)


def anonymised_on(*, session: Session) -> dict[str, date]:
    """{participant id: day anonymised} of every anonymised file."""
    sql = "SELECT id, anonymised_at FROM participant WHERE anonymised_at IS NOT NULL"
    return {
        row[0]: day
        for row in driver_connection(session).execute(sql).fetchall()
        if (day := iso_day(row[1])) is not None
    }


def conflicts_of(*, session: Session, record_ids: Sequence[str]) -> list[Any]:
    """The exchange's conflicts over these records (both values of a field kept)."""
    from reinsercion_desktop.db.models import SyncConflict

    found: list[Any] = []
    for chunk in id_chunks(record_ids):
        found += session.exec(
            select(SyncConflict).where(SyncConflict.record_id.in_(chunk))  # type: ignore[attr-defined]
        ).all()
    return found
