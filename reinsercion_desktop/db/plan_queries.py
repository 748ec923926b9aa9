"""Reads of the reintegration plan (keyword-only functions that take `session`)."""

from collections.abc import Sequence

from sqlmodel import Session, select

from reinsercion_desktop.db.models import (
    FormInstance,
    PlanActivity,
    PlanObjective,
    PlanReview,
    ReintegrationPlan,
)


def plans_of(*, session: Session, participant_id: str) -> Sequence[ReintegrationPlan]:
    """A person's plans, newest start first."""
    return session.exec(
        select(ReintegrationPlan)
        .where(ReintegrationPlan.participant_id == participant_id)
        .order_by(
            ReintegrationPlan.start_date.desc(),  # type: ignore[attr-defined]
            ReintegrationPlan.created_at.desc(),  # type: ignore[union-attr]
        )
    ).all()


def open_plan_of(*, session: Session, participant_id: str) -> ReintegrationPlan | None:
    """The plan in draft or in force (at most one)."""
    return session.exec(
        select(ReintegrationPlan).where(
            ReintegrationPlan.participant_id == participant_id,
            ReintegrationPlan.status != "cerrado",
        )
    ).first()


def plan_objectives(*, session: Session, plan_id: str) -> Sequence[PlanObjective]:
    """The plan's objectives in the order they were added."""
    return session.exec(
        select(PlanObjective)
        .where(PlanObjective.plan_id == plan_id)
        .order_by(PlanObjective.position, PlanObjective.created_at)  # type: ignore[arg-type]
    ).all()


def plan_activities(*, session: Session, plan_id: str) -> Sequence[PlanActivity]:
    """The activities of all the plan's objectives, by due date (undated last)."""
    return session.exec(
        select(PlanActivity)
        .join(PlanObjective, PlanObjective.id == PlanActivity.objective_id)  # type: ignore[arg-type]
        .where(PlanObjective.plan_id == plan_id)
        .order_by(
            PlanActivity.due_date.is_(None),  # type: ignore[union-attr]
            PlanActivity.due_date,
            PlanActivity.created_at,
        )
    ).all()


def objective_activities(*, session: Session, objective_id: str) -> Sequence[PlanActivity]:
    return session.exec(select(PlanActivity).where(PlanActivity.objective_id == objective_id)).all()


def plan_reviews(*, session: Session, plan_id: str) -> Sequence[PlanReview]:
    """The plan's reviews, oldest version first (the agreement is version 1)."""
    return session.exec(
        select(PlanReview)
        .where(PlanReview.plan_id == plan_id)
        .order_by(PlanReview.plan_version, PlanReview.created_at)  # type: ignore[arg-type]
    ).all()


def plan_review_of_version(*, session: Session, plan_id: str, version: int) -> PlanReview | None:
    return session.exec(
        select(PlanReview).where(PlanReview.plan_id == plan_id, PlanReview.plan_version == version)
    ).first()


def latest_form_of(*, session: Session, participant_id: str, form_id: str) -> FormInstance | None:
    """A person's newest instance of one form, whatever its status."""
    return session.exec(
        select(FormInstance)
        .where(FormInstance.participant_id == participant_id, FormInstance.form_id == form_id)
        .order_by(FormInstance.created_at.desc())  # type: ignore[union-attr]
    ).first()
