"""Read queries: keyword-only functions that take the session (no ORM in the caller's loops)."""

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import text
from sqlmodel import Session, func, select

from reinsercion_desktop.db.list_rows import rows_from
from reinsercion_desktop.db.models import (
    Attachment,
    AuditEntry,
    FormInstance,
    Installation,
    IssuedPdf,
    Participant,
    ReferringCentre,
    UserAccount,
    Vivienda,
)
from reinsercion_desktop.db.sql_rows import driver_connection, id_chunks


def local_installation(*, session: Session) -> Installation | None:
    return session.exec(select(Installation).where(Installation.is_local == True)).first()  # noqa: E712


def user_by_login(*, session: Session, login: str) -> UserAccount | None:
    return session.exec(select(UserAccount).where(UserAccount.login == login)).first()


def users(*, session: Session, active_only: bool = False) -> Sequence[UserAccount]:
    query = select(UserAccount).order_by(UserAccount.full_name)
    if active_only:
        query = query.where(UserAccount.active == True)  # noqa: E712
    return session.exec(query).all()


def viviendas(*, session: Session) -> Sequence[Vivienda]:
    return session.exec(select(Vivienda).order_by(Vivienda.name)).all()


def referring_centres(*, session: Session, active_only: bool = False) -> Sequence[ReferringCentre]:
    query = select(ReferringCentre).order_by(ReferringCentre.kind, ReferringCentre.name)
    if active_only:
        query = query.where(ReferringCentre.active == True)  # noqa: E712
    return session.exec(query).all()


def participant_list_rows(*, session: Session) -> list[tuple]:
    """Every participant as a light tuple for the list (db/list_rows.py)."""
    return rows_from(driver_connection(session))


def participants_born_on(*, session: Session, birth_date: date) -> Sequence[Participant]:
    return session.exec(select(Participant).where(Participant.birth_date == birth_date)).all()


def participants_with_id_number(*, session: Session, id_number: str) -> Sequence[Participant]:
    """Matches ignoring spaces, dots and dashes; `id_number` comes compacted."""
    stripped = func.upper(
        func.replace(func.replace(func.replace(Participant.id_number, " ", ""), ".", ""), "-", "")
    )
    return session.exec(select(Participant).where(stripped == id_number)).all()


def attachments_of(*, session: Session, participant_id: str) -> Sequence[Attachment]:
    return session.exec(
        select(Attachment)
        .where(Attachment.participant_id == participant_id)
        .order_by(Attachment.created_at.desc())  # type: ignore[union-attr]
    ).all()


def codapels_of(*, session: Session, participant_ids: Iterable[str]) -> dict[str, str]:
    """{participant id: CODAPEL} of the given people (the audit viewer names no one)."""
    found: dict[str, str] = {}
    for chunk in id_chunks(participant_ids):
        found.update(
            session.exec(
                select(Participant.id, Participant.codapel).where(Participant.id.in_(chunk))  # type: ignore[attr-defined]
            ).all()
        )
    return found


def audit_entries(
    *,
    session: Session,
    participant_id: str | None = None,
    since: datetime | None = None,
    limit: int | None = None,
) -> Sequence[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.seq)  # type: ignore[arg-type]
    if participant_id:
        query = query.where(AuditEntry.participant_id == participant_id)
    if since:
        query = query.where(AuditEntry.at >= since)
    if limit:
        query = query.order_by(None).order_by(AuditEntry.seq.desc()).limit(limit)  # type: ignore[union-attr]
    return session.exec(query).all()


def record_counts(*, session: Session) -> dict[str, int]:
    """Number of rows of each kind of record, for `reinsercion check`."""
    from reinsercion_desktop.db.models import SYNCED_TABLES

    counts = {}
    for model in (*SYNCED_TABLES, AuditEntry):
        counts[model.__tablename__] = session.exec(  # type: ignore[attr-defined]
            select(func.count()).select_from(model)
        ).one()
    return counts


def integrity_problems(*, session: Session) -> list[str]:
    """SQLite's own integrity and foreign-key checks, as readable lines (empty: healthy)."""
    problems = []
    verdict = session.execute(text("PRAGMA integrity_check")).scalars().all()
    if verdict != ["ok"]:
        problems.extend(str(line) for line in verdict)
    for table, rowid, parent, _fk in session.execute(text("PRAGMA foreign_key_check")):
        problems.append(f"{table} fila {rowid}: referencia rota a {parent}")
    return problems


def incomplete_files(*, session: Session, limit: int = 500) -> list[tuple]:
    """Open files missing what the circuit will need: (id, name, codapel, what is missing)."""
    rows = session.execute(
        select(
            Participant.id,
            Participant.first_name,
            Participant.surname1,
            Participant.codapel,
            Participant.case_manager_id.is_(None),  # type: ignore[union-attr]
            Participant.referring_centre_id.is_(None),  # type: ignore[union-attr]
            Participant.id_number == "",
        )
        .where(Participant.archived_at.is_(None))  # type: ignore[union-attr]
        .where(
            (Participant.case_manager_id.is_(None))  # type: ignore[union-attr]
            | (Participant.referring_centre_id.is_(None))  # type: ignore[union-attr]
            | (Participant.id_number == "")
        )
        .order_by(Participant.surname1)
        .limit(limit)
    )
    return [tuple(row) for row in rows]


def forms_of(*, session: Session, participant_id: str) -> Sequence[FormInstance]:
    return session.exec(
        select(FormInstance)
        .where(FormInstance.participant_id == participant_id)
        .order_by(FormInstance.created_at)  # type: ignore[arg-type]
    ).all()


def form_list_lines(*, session: Session, form_id: str | None = None) -> list[tuple]:
    """(id, form_id, version, CODAPEL or vivienda/period, status, participant id or None)
    of every filled form."""
    query = (
        select(
            FormInstance.id,
            FormInstance.form_id,
            FormInstance.definition_version,
            func.coalesce(Participant.codapel, FormInstance.period),
            FormInstance.status,
            FormInstance.participant_id,
        )
        .outerjoin(Participant, Participant.id == FormInstance.participant_id)  # type: ignore[arg-type]
        .order_by(FormInstance.form_id, FormInstance.created_at)  # type: ignore[arg-type]
    )
    if form_id:
        query = query.where(FormInstance.form_id == form_id)
    return [tuple(row) for row in session.execute(query)]


def amendment_of(*, session: Session, form_instance_id: str) -> FormInstance | None:
    return session.exec(
        select(FormInstance).where(FormInstance.amends_id == form_instance_id)
    ).first()


def issued_pdf_by_sha256(*, session: Session, sha256: str) -> IssuedPdf | None:
    return session.exec(select(IssuedPdf).where(IssuedPdf.sha256 == sha256)).first()


def responsible_user(*, session: Session) -> UserAccount | None:
    """The centre's responsable (the first active one), who signs its reports."""
    return session.exec(
        select(UserAccount)
        .where(UserAccount.role == "responsable", UserAccount.active == True)  # noqa: E712
        .order_by(UserAccount.created_at)  # type: ignore[arg-type]
    ).first()


def scans_of(*, session: Session, form_instance_id: str) -> Sequence[Attachment]:
    return session.exec(
        select(Attachment).where(Attachment.form_instance_id == form_instance_id)
    ).all()


# -- referrals and waiting list ----------------------------------------------------------
# (models imported inside the functions: this block is appended to a shared module)


def referrals_of(*, session: Session, participant_id: str) -> Sequence:
    """Every referral of one person, oldest first."""
    from reinsercion_desktop.db.models import Referral

    return session.exec(
        select(Referral)
        .where(Referral.participant_id == participant_id)
        .order_by(Referral.protocol_date, Referral.created_at)  # type: ignore[arg-type]
    ).all()


def referral_events(*, session: Session, referral_id: str) -> Sequence:
    """A referral's history, in the order it happened."""
    from reinsercion_desktop.db.models import ReferralEvent

    return session.exec(
        select(ReferralEvent)
        .where(ReferralEvent.referral_id == referral_id)
        .order_by(ReferralEvent.on_date, ReferralEvent.created_at)  # type: ignore[arg-type]
    ).all()


def last_discharged_stay(*, session: Session, participant_id: str):  # type: ignore[no-untyped-def]
    """The person's most recent stay that ended (for R-WL-4 readmission priority)."""
    from reinsercion_desktop.db.models import Stay

    return session.exec(
        select(Stay)
        .where(Stay.participant_id == participant_id, Stay.discharge_date.is_not(None))  # type: ignore[union-attr]
        .order_by(Stay.discharge_date.desc())  # type: ignore[union-attr]
    ).first()


def incomplete_referral_rows(*, session: Session, start: date, end: date) -> list[tuple]:
    """Protocols marked incomplete between start and end (inclusive), for the six-monthly
    report (R-REF-1): (centre name, centre kind, CODAPEL, date marked, cause, fix date, fix note)."""
    from reinsercion_desktop.db.models import Referral, ReferralEvent

    rows = session.execute(
        select(
            func.coalesce(ReferringCentre.name, ""),
            func.coalesce(ReferringCentre.kind, ""),
            Participant.codapel,
            func.min(ReferralEvent.on_date),
            Referral.incomplete_cause,
            Referral.fixed_date,
            Referral.fix_note,
        )
        .join(Referral, Referral.id == ReferralEvent.referral_id)  # type: ignore[arg-type]
        .join(Participant, Participant.id == Referral.participant_id)  # type: ignore[arg-type]
        .outerjoin(ReferringCentre, ReferringCentre.id == Referral.referring_centre_id)  # type: ignore[arg-type]
        .where(ReferralEvent.status == "incomplete")
        .where(ReferralEvent.on_date >= start, ReferralEvent.on_date <= end)
        .group_by(Referral.id)
        .order_by(func.coalesce(ReferringCentre.name, ""), func.min(ReferralEvent.on_date))
    )
    return [tuple(row) for row in rows]


# -- stays ---------------------------------------------------------------------------------
# (models imported inside the functions: this block is appended to a shared module)


def participant_stay_rows(*, session: Session, participant_id: str) -> list[tuple]:
    """A person's stays, oldest first: (stay, vivienda name)."""
    from reinsercion_desktop.db.models import Stay

    rows = session.execute(
        select(Stay, Vivienda.name)
        .join(Vivienda, Vivienda.id == Stay.vivienda_id)  # type: ignore[arg-type]
        .where(Stay.participant_id == participant_id)
        .order_by(Stay.admission_date, Stay.created_at)  # type: ignore[arg-type]
    )
    return [(stay, name) for stay, name in rows]


def vivienda_stays_since(*, session: Session, vivienda_id: str, since: date) -> list[tuple]:
    """Stays of a vivienda still there on or after `since`: (participant sex, stay)."""
    from reinsercion_desktop.db.models import Stay

    rows = session.execute(
        select(Participant.sex, Stay)
        .join(Participant, Participant.id == Stay.participant_id)  # type: ignore[arg-type]
        .where(Stay.vivienda_id == vivienda_id)
        .where(Stay.discharge_date.is_(None) | (Stay.discharge_date > since))  # type: ignore[union-attr,operator]
    )
    return [(sex, stay) for sex, stay in rows]


def stay_outings(*, session: Session, stay_id: str) -> Sequence:
    from reinsercion_desktop.db.models import Outing

    return session.exec(
        select(Outing).where(Outing.stay_id == stay_id).order_by(Outing.start_date)  # type: ignore[arg-type]
    ).all()


def signed_forms_of(
    *, session: Session, participant_id: str, form_id: str
) -> Sequence[FormInstance]:
    """A person's signed instances of one form, newest signature first."""
    return session.exec(
        select(FormInstance)
        .where(
            FormInstance.participant_id == participant_id,
            FormInstance.form_id == form_id,
            FormInstance.status == "signed",
        )
        .order_by(FormInstance.signed_at.desc())  # type: ignore[union-attr]
    ).all()
