"""Everything stored about one person, table by table (derecho de acceso, RGPD art. 15).

Plain rows (column → value) for the service to label and format: the records that name
the person directly, those hanging from a referral or a stay, and the names of the
staff, houses, centres and resources their rows point at.
"""

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session, SQLModel, col, select

from reinsercion_desktop.db.models import (
    Attachment,
    CaseConference,
    ConsentRecord,
    CoordinationContact,
    EconomicContribution,
    EmploymentPlacement,
    FormInstance,
    Incident,
    Interview,
    JobFollowUp,
    Outing,
    Participant,
    PlanActivity,
    PlanObjective,
    PlanReview,
    Referral,
    ReferralEvent,
    ReferringCentre,
    ReintegrationPlan,
    Resource,
    ResourceReferral,
    Stay,
    ToxControl,
    UserAccount,
    Vivienda,
)

Row = dict[str, Any]

# Tables with a participant_id column, in the order the export shows them.
DIRECT: tuple[type[SQLModel], ...] = (
    Referral,
    Stay,
    ReintegrationPlan,
    PlanObjective,
    PlanActivity,
    PlanReview,
    Interview,
    CoordinationContact,
    CaseConference,
    EmploymentPlacement,
    JobFollowUp,
    ResourceReferral,
    FormInstance,
    Attachment,
    ConsentRecord,
)
# Tables reached through a stay.
OF_STAY: tuple[type[SQLModel], ...] = (Outing, ToxControl, Incident, EconomicContribution)


def _rows(session: Session, model: type[SQLModel], column: Any, ids: Sequence[str]) -> list[Row]:
    if not ids:
        return []
    found = session.exec(select(model).where(col(column).in_(ids)))
    rows = [record.model_dump() for record in found]
    return sorted(rows, key=lambda row: (str(row.get("created_at") or ""), row["id"]))


def participant_row(*, session: Session, participant_id: str) -> Row | None:
    participant = session.get(Participant, participant_id)
    return participant.model_dump() if participant is not None else None


def participant_ids_for(*, session: Session, reference: str) -> list[str]:
    """The people a reference names: the one with that id, else those with that CODAPEL."""
    if session.get(Participant, reference) is not None:
        return [reference]
    return list(session.exec(select(Participant.id).where(Participant.codapel == reference)))


def person_records(*, session: Session, participant_id: str) -> dict[str, list[Row]]:
    """Every record of the person, by table name (oldest first within a table)."""
    records: dict[str, list[Row]] = {}
    for model in DIRECT:
        records[str(model.__tablename__)] = _rows(
            session,
            model,
            model.participant_id,
            [participant_id],  # type: ignore[attr-defined]
        )
    referral_ids = [row["id"] for row in records["referral"]]
    records["referral_event"] = _rows(
        session, ReferralEvent, ReferralEvent.referral_id, referral_ids
    )
    stay_ids = [row["id"] for row in records["stay"]]
    for model in OF_STAY:
        records[str(model.__tablename__)] = _rows(
            session,
            model,
            model.stay_id,
            stay_ids,  # type: ignore[attr-defined]
        )
    return records


def names_for_export(*, session: Session) -> dict[str, dict[str, str]]:
    """id → name of the houses, referring centres and resources; id and login → «full
    name (role)» of the staff: what the person's rows point at, said by name."""
    users = list(session.exec(select(UserAccount)))
    return {
        "vivienda": {v.id: v.name for v in session.exec(select(Vivienda))},
        "referring_centre": {c.id: c.name for c in session.exec(select(ReferringCentre))},
        "resource": {r.id: r.name for r in session.exec(select(Resource))},
        "user_by_id": {u.id: u.full_name for u in users},
        "user_role_by_login": {u.login: u.role for u in users},
        "user_name_by_login": {u.login: u.full_name for u in users},
    }


def consents_of(*, session: Session, participant_id: str) -> list[ConsentRecord]:
    """The person's consent records, oldest grant first."""
    found = session.exec(
        select(ConsentRecord).where(ConsentRecord.participant_id == participant_id)
    )
    return sorted(found, key=lambda record: (record.granted_on, str(record.created_at), record.id))


def consent_linked_to(*, session: Session, form_instance_id: str) -> ConsentRecord | None:
    return session.exec(
        select(ConsentRecord).where(ConsentRecord.form_instance_id == form_instance_id)
    ).first()


def signed_consent_forms(*, session: Session) -> list[FormInstance]:
    """The signed `consentimiento` forms of people (the demo's consents rest on them)."""
    found = session.exec(
        select(FormInstance).where(
            FormInstance.form_id == "consentimiento",
            FormInstance.status == "signed",
            col(FormInstance.participant_id).is_not(None),
        )
    )
    return sorted(found, key=lambda form: (str(form.signed_at), form.id))
