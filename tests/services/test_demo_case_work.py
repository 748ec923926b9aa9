"""The demo's case work (200 participants, seed 1, today 15/01/2026): plans in every state
with reviews that say what changed, objectives in every status (some overdue), interviews
with the next appointment, conferences with open tasks, placements with follow-ups,
referrals to resources that respect enrolment (R-RES-1), assessments as forms; the same
seed writes the same story."""

import json
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from reinsercion_desktop.db.models import (
    CaseConference,
    EmploymentPlacement,
    FormInstance,
    Interview,
    JobFollowUp,
    Participant,
    PlanObjective,
    PlanReview,
    ReintegrationPlan,
    Resource,
    ResourceReferral,
    Stay,
)
from reinsercion_desktop.demo.builder import make_demo
from reinsercion_desktop.domain.clock import FakeClock
from reinsercion_desktop.domain.enums import (
    ObjectiveStatus,
    PlanStatus,
    ResourceReferralStatus,
)
from reinsercion_desktop.domain.plan_rules import objective_overdue
from reinsercion_desktop.services.check import check_workspace
from reinsercion_desktop.services.workspace import Workspace
from tests.conftest import TEST_KEYS

TODAY = date(2026, 1, 15)


def _open(folder: Path) -> Workspace:
    workspace = Workspace.open(
        folder, TEST_KEYS, clock=FakeClock(datetime(2026, 1, 15, 9, 0, tzinfo=UTC))
    )
    make_demo(workspace, participants=200, seed=1)
    return workspace


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    workspace = _open(tmp_path_factory.mktemp("demo-cases") / "data")
    yield workspace
    workspace.close()


def _all(workspace: Workspace, model: type) -> list:
    with workspace.db.read() as session:
        return list(session.exec(select(model)).all())


def test_plans_in_every_state_with_reviews_that_say_what_changed(demo):
    plans = _all(demo, ReintegrationPlan)
    assert {plan.status for plan in plans} == {status.value for status in PlanStatus}
    reviews = _all(demo, PlanReview)
    by_plan = Counter(review.plan_id for review in reviews)
    agreed = [plan for plan in plans if plan.status != PlanStatus.DRAFT]
    # R-PLAN-3: every agreed plan has its version 1; the version counts its reviews.
    for plan in agreed:
        assert by_plan[plan.id] == plan.current_version
    later = [review for review in reviews if review.plan_version > 1]
    assert later and all(json.loads(review.changes) for review in later)
    assert all(json.loads(review.snapshot) for review in reviews)
    drafts = [plan for plan in plans if plan.status == PlanStatus.DRAFT]
    assert all(by_plan[plan.id] == 0 and plan.agreed_date is None for plan in drafts)


def test_objectives_in_every_status_some_overdue_r_plan_4(demo):
    objectives = _all(demo, PlanObjective)
    assert {o.status for o in objectives} == {status.value for status in ObjectiveStatus}
    for objective in objectives:
        assert 0 <= objective.progress <= 100  # R-PLAN-2
        if objective.status == ObjectiveStatus.ACHIEVED:
            assert objective.progress == 100 and objective.achieved_date is not None
    plans = {plan.id: plan for plan in _all(demo, ReintegrationPlan)}
    assert all(o.deadline >= plans[o.plan_id].start_date for o in objectives)  # R-PLAN-1
    assert any(objective_overdue(o.deadline, o.status, TODAY) for o in objectives)


def test_follow_up_employment_and_resources(demo):
    interviews = _all(demo, Interview)
    upcoming = [i for i in interviews if i.next_appointment_date]
    assert upcoming and all(i.next_appointment_date > i.on_date for i in upcoming)  # R-FU-1
    assert any(i.next_appointment_date >= TODAY for i in upcoming)
    tasks = [task for c in _all(demo, CaseConference) for task in json.loads(c.tasks)]
    assert any(not task["done"] for task in tasks) and any(task["done"] for task in tasks)
    assert all(task["owner"] and task["due"] for task in tasks)  # R-FU-2
    placements = _all(demo, EmploymentPlacement)
    assert placements and any(p.insertion_company for p in placements)
    assert _all(demo, JobFollowUp)
    resources = {r.id: r for r in _all(demo, Resource)}
    referrals = _all(demo, ResourceReferral)
    assert len({r.status for r in referrals}) >= 4
    for referral in referrals:  # R-RES-1: enrolled only where enrolment was open
        if referral.status != ResourceReferralStatus.PROPOSED:
            assert resources[referral.resource_id].open_all_year


def test_each_residents_plan_comes_from_its_assessment_and_the_file_is_sound(demo):
    """The ficha de valoración inicial each plan was proposed from, dated days before the
    plan starts; a draft only while it is days old."""
    forms = [f for f in _all(demo, FormInstance) if f.form_id == "valoracion-inicial"]
    by_person = {f.participant_id: f for f in forms}
    open_stays = {s.participant_id: s for s in _all(demo, Stay) if s.discharge_date is None}
    plans = [p for p in _all(demo, ReintegrationPlan) if p.participant_id in open_stays]
    assert len(plans) >= 20
    for plan in plans:
        form = by_person[plan.participant_id]
        assessed = date.fromisoformat(json.loads(form.data)["fecha"])
        assert open_stays[plan.participant_id].admission_date <= assessed <= plan.start_date
        assert form.status != "draft" or (TODAY - assessed).days < 5
    assert "signed" in {f.status for f in forms}
    assert check_workspace(demo).ok


def test_the_same_seed_tells_the_same_story(demo, tmp_path):
    again = _open(tmp_path / "again")
    try:

        def story(workspace: Workspace) -> Counter:
            with workspace.db.read() as session:
                rows = session.exec(
                    select(Participant.codapel, PlanObjective.title, PlanObjective.status).join(
                        PlanObjective, PlanObjective.participant_id == Participant.id
                    )  # type: ignore[arg-type]
                ).all()
            return Counter(rows)

        assert story(again) == story(demo)
    finally:
        again.close()
