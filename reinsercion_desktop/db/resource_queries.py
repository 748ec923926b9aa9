"""Reads of the resource catalogue and of people's referrals to it (keyword-only, take `session`)."""

from collections.abc import Sequence
from typing import NamedTuple

from sqlmodel import Session, col, select

from reinsercion_desktop.db.models import PlanObjective, Resource, ResourceReferral

# Open objectives (domain/plan_rules.OPEN_OBJECTIVE_STATUSES); spelled here so the query
# layer need not import the rules.
_OPEN_OBJECTIVE = ("pendiente", "en_curso")


def resources(
    *, session: Session, category: str | None = None, include_inactive: bool = False
) -> Sequence[Resource]:
    """The catalogue by category, then name."""
    query = select(Resource).order_by(Resource.category, Resource.name)
    if category is not None:
        query = query.where(Resource.category == category)
    if not include_inactive:
        query = query.where(Resource.active == True)  # noqa: E712
    return session.exec(query).all()


class ReferralRow(NamedTuple):
    """A referral with what a list shows beside it."""

    referral: ResourceReferral
    resource_name: str
    category: str
    objective_title: str  # "" when it is for no objective


def _referral_rows():  # type: ignore[no-untyped-def]
    return (
        select(ResourceReferral, Resource.name, Resource.category, PlanObjective.title)
        .join(Resource, col(Resource.id) == ResourceReferral.resource_id)
        .outerjoin(PlanObjective, col(PlanObjective.id) == ResourceReferral.objective_id)
    )


def participant_referrals(*, session: Session, participant_id: str) -> list[ReferralRow]:
    """A person's referrals, newest proposal first."""
    query = (
        _referral_rows()
        .where(ResourceReferral.participant_id == participant_id)
        .order_by(col(ResourceReferral.proposed_date).desc(), Resource.name)
    )
    return [
        ReferralRow(referral, name, category, title or "")
        for referral, name, category, title in session.exec(query).all()
    ]


def referral_row(*, session: Session, referral_id: str) -> ReferralRow | None:
    found = session.exec(_referral_rows().where(ResourceReferral.id == referral_id)).first()
    if found is None:
        return None
    referral, name, category, title = found
    return ReferralRow(referral, name, category, title or "")


def open_referral_to(
    *, session: Session, participant_id: str, resource_id: str, open_statuses: Sequence[str]
) -> ResourceReferral | None:
    """The person's referral to that resource still under way, if any."""
    query = select(ResourceReferral).where(
        ResourceReferral.participant_id == participant_id,
        ResourceReferral.resource_id == resource_id,
        col(ResourceReferral.status).in_(open_statuses),
    )
    return session.exec(query).first()


class ObjectiveTitle(NamedTuple):
    id: str
    title: str


def open_objectives(*, session: Session, participant_id: str) -> list[ObjectiveTitle]:
    """The person's pending or in-progress plan objectives, in plan order."""
    query = (
        select(PlanObjective.id, PlanObjective.title)
        .where(
            PlanObjective.participant_id == participant_id,
            col(PlanObjective.status).in_(_OPEN_OBJECTIVE),
        )
        .order_by(PlanObjective.position, PlanObjective.title)
    )
    return [
        ObjectiveTitle(objective_id, title) for objective_id, title in session.exec(query).all()
    ]
