"""The resources service: catalogue round trips, referrals through their steps (R-RES-1,
R-RES-2), refusals that write nothing, and the demo catalogue."""

from datetime import date

import pytest
from sqlmodel import func, select

from reinsercion_desktop.db.models import (
    AuditEntry,
    PlanObjective,
    ReintegrationPlan,
    Resource,
    ResourceReferral,
)
from reinsercion_desktop.demo.resources import CATALOGUE, seed_resources
from reinsercion_desktop.domain.errors import NotFoundError, StaleRecordError, ValidationError
from reinsercion_desktop.domain.resource_rules import ResourceDraft
from reinsercion_desktop.services.resources import ResourceService

TODAY = date(2026, 1, 15)  # the FakeClock's day


@pytest.fixture
def service(db) -> ResourceService:  # type: ignore[no-untyped-def]
    return ResourceService(db)


@pytest.fixture
def person(participants, admin, make_draft) -> str:  # type: ignore[no-untyped-def]
    return participants.create(admin, make_draft(), confirm_similar=True).id


def prepa(**overrides: object) -> ResourceDraft:
    values: dict[str, object] = {
        "category": "formacion_academica",
        "name": "Prepa en Línea",
        "provider": "SEP",
        "enrolment_periods": [("10/01/2026", "24/02/2026"), ("10/07/2026", "07/08/2026")],
    }
    return ResourceDraft(**(values | overrides))  # type: ignore[arg-type]


def counts(db) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """(resources, referrals, audit entries): a refusal leaves all three as they were."""
    with db.read() as session:
        return tuple(  # type: ignore[return-value]
            session.exec(select(func.count()).select_from(model)).one()
            for model in (Resource, ResourceReferral, AuditEntry)
        )


# -- the catalogue -------------------------------------------------------------------------


def test_add_update_deactivate_round_trip(service, admin, db) -> None:  # type: ignore[no-untyped-def]
    added = service.add_resource(admin, prepa())
    stored = service.resource(added.id)
    assert stored.name == "Prepa en Línea" and stored.version == 1
    assert [p.label for p in stored.periods] == [
        "10/01–24/02/2026",
        "10/07–07/08/2026",
    ]
    service.update_resource(
        admin, added.id, prepa(cost="Gratuito", enrolment_periods=[]), expected_version=1
    )
    updated = service.resource(added.id)
    assert updated.cost == "Gratuito" and updated.periods == ()
    assert updated.version == 2
    service.deactivate(admin, added.id)
    assert service.resources() == []
    assert [r.name for r in service.resources(include_inactive=True)] == ["Prepa en Línea"]
    service.reactivate(admin, added.id)
    assert len(service.resources(category="formacion_academica")) == 1
    assert service.resources(category="bolsa_trabajo") == []


def test_bad_draft_is_refused_and_nothing_written(service, admin, db) -> None:  # type: ignore[no-untyped-def]
    before = counts(db)
    with pytest.raises(ValidationError) as refused:
        service.add_resource(admin, prepa(enrolment_periods=[("24/02/2026", "10/01/2026")]))
    assert "Periodo 1" in refused.value.problems["enrolment_periods"]
    assert counts(db) == before


def test_update_refuses_a_stale_version_and_a_missing_resource(service, admin, db) -> None:  # type: ignore[no-untyped-def]
    added = service.add_resource(admin, prepa())
    service.update_resource(admin, added.id, prepa(cost="Gratuito"))
    with pytest.raises(StaleRecordError):
        service.update_resource(admin, added.id, prepa(cost="100"), expected_version=1)
    assert service.resource(added.id).cost == "Gratuito"
    with pytest.raises(NotFoundError):
        service.update_resource(admin, "no-such-id", prepa())


def test_enrolment_summary_uses_todays_date(service, admin) -> None:  # type: ignore[no-untyped-def]
    added = service.add_resource(admin, prepa())
    assert service.enrolment_summary(added) == "Abierta hasta el 24/02/2026"


# -- referrals -----------------------------------------------------------------------------


def test_referral_goes_through_every_step(service, admin, person, db, clock) -> None:  # type: ignore[no-untyped-def]
    resource = service.add_resource(admin, prepa())
    referral = service.refer(admin, person, resource.id, date(2026, 1, 12), note="Le interesa")
    assert referral.status == "propuesto"
    service.advance(admin, referral.id, "inscrito", date(2026, 1, 14))
    service.advance(admin, referral.id, "en_curso", TODAY, note="Primera semana")
    clock.advance(days=200)
    service.advance(admin, referral.id, "finalizado", date(2026, 7, 31))
    [row] = service.referrals_of(person)
    assert row.resource_name == "Prepa en Línea" and row.category == "formacion_academica"
    assert row.status == "finalizado"
    assert row.enrolled_date == date(2026, 1, 14)
    assert row.finished_date == date(2026, 7, 31)
    assert row.note.splitlines() == [
        "Le interesa",
        "14/01/2026 · Inscrito/a",
        "15/01/2026 · En curso: Primera semana",
        "31/07/2026 · Finalizado",
    ]


def test_r_res_1_enrolling_outside_the_periods_is_refused_and_nothing_written(
    service, admin, person, db
) -> None:  # type: ignore[no-untyped-def]
    resource = service.add_resource(admin, prepa(enrolment_periods=[("01/02/2026", "24/02/2026")]))
    referral = service.refer(admin, person, resource.id, date(2026, 1, 10))
    before = counts(db)
    with pytest.raises(ValidationError) as refused:
        service.advance(admin, referral.id, "inscrito", TODAY)
    assert refused.value.problems == {
        "on_date": "El recurso «Prepa en Línea» no tiene inscripción abierta el 15/01/2026. "
        "Periodos: 01/02–24/02/2026."
    }
    assert counts(db) == before
    assert service.referrals_of(person)[0].status == "propuesto"


def test_r_res_1_open_all_year_enrols_any_day(service, admin, person) -> None:  # type: ignore[no-untyped-def]
    resource = service.add_resource(
        admin, prepa(name="Preparatoria Abierta", enrolment_periods=[], open_all_year=True)
    )
    referral = service.refer(admin, person, resource.id, TODAY)
    assert service.advance(admin, referral.id, "inscrito", TODAY).status == "inscrito"


def test_r_res_2_skipping_a_step_is_refused(service, admin, person, db) -> None:  # type: ignore[no-untyped-def]
    resource = service.add_resource(admin, prepa())
    referral = service.refer(admin, person, resource.id, TODAY)
    before = counts(db)
    with pytest.raises(ValidationError) as refused:
        service.advance(admin, referral.id, "finalizado", TODAY)
    assert "puede pasar a «Inscrito/a» o «Abandonado»" in refused.value.problems["new_status"]
    with pytest.raises(ValidationError):
        service.advance(admin, referral.id, "inventado", TODAY)
    assert counts(db) == before
    abandoned = service.advance(admin, referral.id, "abandonado", TODAY, note="No acude")
    assert abandoned.finished_date == TODAY


def test_refer_refusals_write_nothing(service, admin, person, db) -> None:  # type: ignore[no-untyped-def]
    resource = service.add_resource(admin, prepa())
    before = counts(db)
    with pytest.raises(ValidationError) as refused:
        service.refer(admin, person, resource.id, date(2026, 1, 16), note="x" * 1001)
    assert set(refused.value.problems) == {"proposed_date", "note"}
    with pytest.raises(ValidationError) as refused:
        service.refer(admin, person, "no-such-id", TODAY)
    assert refused.value.problems == {"resource_id": "Elija un recurso del catálogo."}
    with pytest.raises(NotFoundError):
        service.refer(admin, "no-such-person", resource.id, TODAY)
    assert counts(db) == before


def test_refer_twice_while_open_or_to_an_inactive_resource(service, admin, person) -> None:  # type: ignore[no-untyped-def]
    resource = service.add_resource(admin, prepa())
    first = service.refer(admin, person, resource.id, TODAY)
    with pytest.raises(ValidationError, match="ya tiene una derivación en marcha"):
        service.refer(admin, person, resource.id, TODAY)
    service.advance(admin, first.id, "abandonado", TODAY)
    service.refer(admin, person, resource.id, TODAY)  # a closed one does not block a new one
    service.deactivate(admin, resource.id)
    other = service.add_resource(admin, prepa(name="Otro"))
    service.deactivate(admin, other.id)
    with pytest.raises(ValidationError, match="desactivado"):
        service.refer(admin, person, other.id, TODAY)


def test_referral_linked_to_an_open_objective(
    service, admin, person, participants, make_draft, db
) -> None:  # type: ignore[no-untyped-def]
    with db.unit_of_work(admin) as work:
        plan = work.add(ReintegrationPlan(participant_id=person, start_date=date(2026, 1, 5)))
        goal = work.add(
            PlanObjective(
                plan_id=plan.id,
                participant_id=person,
                area="formativo_laboral",
                title="Obtener el certificado de bachillerato",
            )
        )
        work.add(
            PlanObjective(
                plan_id=plan.id,
                participant_id=person,
                area="sanitaria",
                title="Ya conseguido",
                status="conseguido",
                position=1,
            )
        )
        goal_id = goal.id
    assert service.open_objectives_of(person) == [
        (goal_id, "Obtener el certificado de bachillerato")
    ]
    resource = service.add_resource(admin, prepa())
    service.refer(admin, person, resource.id, TODAY, objective_id=goal_id)
    assert service.referrals_of(person)[0].objective_title == (
        "Obtener el certificado de bachillerato"
    )
    someone_else = participants.create(
        admin, make_draft(first_name="Ana", id_number="87654321X"), confirm_similar=True
    ).id
    with pytest.raises(ValidationError) as refused:
        service.refer(admin, someone_else, resource.id, TODAY, objective_id=goal_id)
    assert refused.value.problems == {
        "objective_id": "El objetivo elegido no es del plan de esta persona."
    }


def test_advance_a_missing_referral(service, admin) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError):
        service.advance(admin, "no-such-id", "inscrito", TODAY)


# -- demo catalogue ------------------------------------------------------------------------


def test_demo_catalogue_covers_every_category_deterministically(db, admin, service) -> None:  # type: ignore[no-untyped-def]
    added = seed_resources(db, admin, TODAY)
    assert len(added) == len(CATALOGUE) >= 25
    active = service.resources()
    assert len(active) == len(CATALOGUE) - 1
    assert {r.category for r in active} == {
        "formacion_academica",
        "capacitacion_empleo",
        "bolsa_trabajo",
        "recreacion_tiempo_libre",
        "otros_servicios",
    }
    prepa_en_linea = next(r for r in active if r.name == "Prepa en Línea")
    assert service.enrolment_summary(prepa_en_linea) == "Próxima: 25/01–06/03/2026"


def test_the_catalogue_and_referrals_are_plain_views(service, admin, person) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import FrozenInstanceError

    added = service.add_resource(admin, prepa())
    [shown] = service.resources()
    assert shown == added and shown.enrolment == "Abierta hasta el 24/02/2026"
    assert shown.category_label == "Formación académica"
    with pytest.raises(FrozenInstanceError):
        shown.name = "Otro"  # type: ignore[misc]
    referral = service.refer(admin, person, added.id, TODAY)
    assert (referral.resource_name, referral.status, referral.objective_title) == (
        "Prepa en Línea",
        "propuesto",
        "",
    )
    assert service.referrals_of(person) == [referral]
