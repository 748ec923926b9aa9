"""Reads the demo generator and its checker need after the circuit is written.

Keyword-only functions that take `session` and return named rows.
"""

from datetime import date
from typing import NamedTuple

from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from reinsercion_desktop.db.models import (
    Participant,
    Referral,
    ReferringCentre,
    Stay,
    UserAccount,
    Vivienda,
)
from reinsercion_desktop.db.sql_rows import id_chunks


class CaseRow(NamedTuple):
    """A person's latest stay, for the case work."""

    participant_id: str
    case_manager_id: str | None
    ptm: bool
    admission_date: date
    discharge_date: date | None
    discharge_type: str
    birth_date: date


def people_with_stays(*, session: Session) -> list[CaseRow]:
    """Every open file's latest stay, in a stable order (names, not random ids)."""
    rows = session.exec(
        select(
            Participant.id,
            Participant.case_manager_id,
            Participant.ptm,
            Stay.admission_date,
            Stay.discharge_date,
            Stay.discharge_type,
            Participant.birth_date,
        )
        .join(Stay, Stay.participant_id == Participant.id)  # type: ignore[arg-type]
        .where(Participant.archived_at.is_(None))  # type: ignore[union-attr]
        .order_by(Participant.search_key, Participant.birth_date, Stay.admission_date)
    ).all()
    latest: dict[str, CaseRow] = {}
    for row in rows:
        latest[row[0]] = CaseRow(*row)  # ordered by admission: the last one wins
    return list(latest.values())


def staff_names(*, session: Session) -> dict[str, str]:
    return {
        user_id: name
        for user_id, name in session.exec(select(UserAccount.id, UserAccount.full_name))
    }


class StaffRow(NamedTuple):
    id: str
    login: str
    full_name: str
    role: str


def staff(*, session: Session) -> list[StaffRow]:
    """The accounts, oldest first (the demo account, then the team)."""
    rows = session.exec(
        select(UserAccount.id, UserAccount.login, UserAccount.full_name, UserAccount.role).order_by(
            UserAccount.created_at, UserAccount.login
        )  # type: ignore[arg-type]
    ).all()
    return [StaffRow(*row) for row in rows]


def first_technician(*, session: Session) -> str:
    return next((s.full_name for s in staff(session=session) if s.role == "tecnico"), "")


_PERSON = (
    "first_name", "surname1", "surname2", "birth_date", "sex", "codapel", "id_kind",
    "id_number", "address", "municipality", "province", "phone", "family_contact",
    "family_phone", "addiction_profile", "ptm", "methadone_dose_mg", "hiv_status",
    "prison_origin", "court_order", "pending_judicial", "alternative_sentence",
    "education_level", "employment_situation", "case_manager_id",
)  # fmt: skip
_STAY = (
    "admission_date", "discharge_date", "discharge_type", "discharge_reason",
    "abandonment_reason", "planned_discharge_date", "programme", "vivienda_id",
)  # fmt: skip


class DocumentStay(NamedTuple):
    """A stay with everything its documents are filled from (see demo/paperwork.py).

    The person's columns keep the Participant's names, so the form context reads it as it
    reads a participant record."""

    stay_id: str
    participant_id: str
    first_name: str
    surname1: str
    surname2: str
    birth_date: date
    sex: str
    codapel: str
    id_kind: str
    id_number: str
    address: str
    municipality: str
    province: str
    phone: str
    family_contact: str
    family_phone: str
    addiction_profile: str
    ptm: bool
    methadone_dose_mg: float | None
    hiv_status: str
    prison_origin: bool
    court_order: bool
    pending_judicial: bool
    alternative_sentence: bool
    education_level: str
    employment_situation: str
    case_manager_id: str | None
    admission_date: date
    discharge_date: date | None
    discharge_type: str
    discharge_reason: str
    abandonment_reason: str
    planned_discharge_date: date | None
    programme: str
    vivienda_id: str
    vivienda_name: str
    vivienda_municipality: str
    protocol_date: date
    received_date: date | None
    consensus: str
    centre_name: str
    centre_code: str
    centre_kind: str
    centre_phone: str
    centre_fax: str
    centre_contact: str
    origin_name: str
    origin_phone: str
    origin_fax: str
    origin_contact: str
    manager_name: str


def document_stays(*, session: Session, since: date) -> list[DocumentStay]:
    """Open stays and those discharged on or after `since`, oldest admission first."""
    centre, origin = aliased(ReferringCentre), aliased(ReferringCentre)
    columns = [Stay.id, Stay.participant_id]
    columns += [getattr(Participant, name) for name in _PERSON]
    columns += [getattr(Stay, name) for name in _STAY]
    columns += [Vivienda.name, Vivienda.municipality]
    columns += [Referral.protocol_date, Referral.received_date, Referral.consensus]
    columns += [centre.name, centre.code, centre.kind, centre.phone, centre.fax]
    columns += [centre.contact_name, origin.name, origin.phone, origin.fax, origin.contact_name]
    columns += [UserAccount.full_name]
    statement = (
        select(*columns)
        .join(Participant, Participant.id == Stay.participant_id)  # type: ignore[arg-type]
        .join(Vivienda, Vivienda.id == Stay.vivienda_id)  # type: ignore[arg-type]
        .join(Referral, Referral.id == Stay.referral_id)  # type: ignore[arg-type]
        .outerjoin(centre, centre.id == Referral.referring_centre_id)  # type: ignore[arg-type]
        .outerjoin(origin, origin.id == Referral.origin_centre_id)  # type: ignore[arg-type]
        .outerjoin(UserAccount, UserAccount.id == Participant.case_manager_id)  # type: ignore[arg-type]
        .where(Stay.discharge_date.is_(None) | (Stay.discharge_date >= since))  # type: ignore[union-attr,operator]
        .order_by(Stay.admission_date, Participant.search_key)
    )
    texts = DocumentStay._fields[DocumentStay._fields.index("centre_name") :]
    found = []
    for row in session.execute(statement):
        stay = DocumentStay(*row)
        found.append(stay._replace(**{name: getattr(stay, name) or "" for name in texts}))
    return found


class PastStay(NamedTuple):
    participant_id: str
    admission_date: date
    discharge_date: date | None
    discharge_type: str
    vivienda_name: str


def stays_of(*, session: Session, participant_ids: list[str]) -> list[PastStay]:
    """Every stay of these people, oldest first (their treatment history)."""
    found: list[PastStay] = []
    for chunk in id_chunks(participant_ids):
        rows = session.exec(
            select(
                Stay.participant_id,
                Stay.admission_date,
                Stay.discharge_date,
                Stay.discharge_type,
                Vivienda.name,
            )
            .join(Vivienda, Vivienda.id == Stay.vivienda_id)  # type: ignore[arg-type]
            .where(Stay.participant_id.in_(chunk))  # type: ignore[attr-defined]
            .order_by(Stay.admission_date)
        ).all()
        found += [PastStay(*row) for row in rows]
    return sorted(found, key=lambda s: s.admission_date)


class StaySpan(NamedTuple):
    participant_id: str
    vivienda_id: str
    admission_date: date
    discharge_date: date | None


def stay_spans(*, session: Session) -> list[StaySpan]:
    """Who lived where and when: every stay, by vivienda and admission date (through the
    driver: 50,000 stays at office scale)."""
    from reinsercion_desktop.db.sql_rows import driver_connection, iso_day

    rows = driver_connection(session).execute(
        "SELECT participant_id, vivienda_id, admission_date, discharge_date FROM stay"
        " ORDER BY vivienda_id, admission_date"
    )
    return [
        StaySpan(person, vivienda, iso_day(admitted), iso_day(left))  # type: ignore[arg-type]
        for person, vivienda, admitted, left in rows
    ]


def demo_facts(*, session: Session) -> dict[str, list]:
    """Every record the demo checker reads, by table name, detached from the session."""
    from reinsercion_desktop.db import models

    kinds = (
        models.Installation, models.UserAccount, models.Vivienda, models.ReferringCentre,
        models.Participant, models.Referral, models.ReferralEvent, models.Stay, models.Outing,
        models.ToxControl, models.Incident, models.EconomicContribution, models.FormInstance,
        models.ReintegrationPlan, models.PlanObjective, models.PlanActivity, models.PlanReview,
        models.Interview, models.CoordinationContact, models.CaseConference,
        models.EmploymentPlacement, models.JobFollowUp, models.ResourceReferral,
        models.Resource, models.ConsentRecord, models.ViviendaYear, models.Complaint,
    )  # fmt: skip
    found = {}
    for kind in kinds:
        records = list(session.exec(select(kind)).all())
        session.expunge_all()
        found[kind.__tablename__] = records
    return found


class MonthlyStay(NamedTuple):
    """A stay present in the months of the demo's Anexos III (services.monthly_report)."""

    stay_id: str
    vivienda_id: str
    codapel: str
    addiction_profile: str
    admission_date: date
    programme: str
    referring_centre: str
    origin_centre: str
    discharge_date: date | None
    discharge_type: str
    abandonment_reason: str


def monthly_stays(*, session: Session, start: date, end: date) -> list[MonthlyStay]:
    """Every stay present any day of [start, end), the discharge day included, with what
    circuit_queries.vivienda_stays_between reads of one vivienda."""
    from sqlalchemy import func, or_

    referring, origin = aliased(ReferringCentre), aliased(ReferringCentre)
    rows = session.execute(
        select(
            Stay.id,
            Stay.vivienda_id,
            Participant.codapel,
            Participant.addiction_profile,
            Stay.admission_date,
            Stay.programme,
            func.coalesce(referring.name, ""),
            func.coalesce(origin.name, ""),
            Stay.discharge_date,
            Stay.discharge_type,
            Stay.abandonment_reason,
        )
        .join(Participant, Participant.id == Stay.participant_id)  # type: ignore[arg-type]
        .outerjoin(Referral, Referral.id == Stay.referral_id)  # type: ignore[arg-type]
        .outerjoin(
            referring,
            referring.id
            == func.coalesce(Referral.referring_centre_id, Participant.referring_centre_id),
        )
        .outerjoin(origin, origin.id == Referral.origin_centre_id)  # type: ignore[arg-type]
        .where(Stay.admission_date < end)  # type: ignore[operator]
        .where(or_(Stay.discharge_date.is_(None), Stay.discharge_date >= start))  # type: ignore[union-attr,operator]
        .order_by(Stay.admission_date, Participant.codapel)
    )
    return [MonthlyStay(*row) for row in rows]


class MonthlyOuting(NamedTuple):
    stay_id: str
    start_date: date
    end_date: date
    kind: str


def monthly_outings(*, session: Session, stay_ids: list[str]) -> list[MonthlyOuting]:
    from reinsercion_desktop.db.models import Outing

    found: list[MonthlyOuting] = []
    for chunk in id_chunks(stay_ids):
        rows = session.execute(
            select(Outing.stay_id, Outing.start_date, Outing.end_date, Outing.kind).where(
                Outing.stay_id.in_(chunk)  # type: ignore[attr-defined]
            )
        )
        found += [MonthlyOuting(*row) for row in rows]
    return found


class MonthlyResignation(NamedTuple):
    vivienda_id: str
    codapel: str
    addiction_profile: str
    referring_centre: str
    origin_centre: str
    on_date: date


def monthly_resignations(
    *, session: Session, start: date, end: date, status: str
) -> list[MonthlyResignation]:
    """Referrals assigned to a vivienda whose history records `status` in [start, end), as
    circuit_queries.resignations_between reads them for one vivienda, all at once."""
    from sqlalchemy import func

    from reinsercion_desktop.db.models import ReferralEvent

    referring, origin = aliased(ReferringCentre), aliased(ReferringCentre)
    rows = session.execute(
        select(
            Referral.vivienda_id,
            Participant.codapel,
            Participant.addiction_profile,
            func.coalesce(referring.name, ""),
            func.coalesce(origin.name, ""),
            func.min(ReferralEvent.on_date),
        )
        .join(Referral, Referral.id == ReferralEvent.referral_id)  # type: ignore[arg-type]
        .join(Participant, Participant.id == Referral.participant_id)  # type: ignore[arg-type]
        .outerjoin(referring, referring.id == Referral.referring_centre_id)  # type: ignore[arg-type]
        .outerjoin(origin, origin.id == Referral.origin_centre_id)  # type: ignore[arg-type]
        .where(Referral.vivienda_id.is_not(None))  # type: ignore[union-attr]
        .where(ReferralEvent.status == status)
        .where(ReferralEvent.on_date >= start)  # type: ignore[operator]
        .where(ReferralEvent.on_date < end)  # type: ignore[operator]
        .group_by(Referral.id)
        .order_by(func.min(ReferralEvent.on_date), Participant.codapel)
    )
    return [MonthlyResignation(*row) for row in rows]
