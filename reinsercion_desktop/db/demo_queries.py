"""Reads the demo generator needs after the circuit is written (keyword-only, take `session`)."""

from sqlmodel import Session, select

from reinsercion_desktop.db.models import Participant, Stay, UserAccount


def people_with_stays(*, session: Session) -> list[tuple]:
    """(participant id, case manager id, ptm, admission, discharge, discharge type) of every
    open file's latest stay, in a stable order (names, not random ids)."""
    rows = session.exec(
        select(
            Participant.id,
            Participant.case_manager_id,
            Participant.ptm,
            Stay.admission_date,
            Stay.discharge_date,
            Stay.discharge_type,
        )
        .join(Stay, Stay.participant_id == Participant.id)  # type: ignore[arg-type]
        .where(Participant.archived_at.is_(None))  # type: ignore[union-attr]
        .order_by(Participant.search_key, Participant.birth_date, Stay.admission_date)
    ).all()
    latest: dict[str, tuple] = {}
    for row in rows:
        latest[row[0]] = tuple(row)  # ordered by admission: the last one wins
    return list(latest.values())


def staff_names(*, session: Session) -> dict[str, str]:
    return {
        user_id: name
        for user_id, name in session.exec(select(UserAccount.id, UserAccount.full_name))
    }
