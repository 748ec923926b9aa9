"""Datos del centro and its viviendas: who may change them, what is refused, what is audited."""

from datetime import date

import pytest

from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.domain.errors import (
    PermissionDenied,
    StaleRecordError,
    ValidationError,
)
from reinsercion_desktop.security.actors import issue_actor
from reinsercion_desktop.services.audit_log import AuditService, audit_lines
from reinsercion_desktop.services.centre_settings import (
    CentreDraft,
    CentreSettingsService,
    ViviendaDraft,
    check_centre_draft,
    check_vivienda_draft,
)


@pytest.fixture
def service(workspace, admin) -> CentreSettingsService:  # type: ignore[no-untyped-def]
    return CentreSettingsService(workspace.db)


@pytest.fixture
def responsable(admin: Actor) -> Actor:
    return issue_actor(
        "00000000-0000-0000-0000-000000000002",
        "responsable",
        "Rosa Responsable",
        Role.RESPONSABLE,
        admin.installation_id,
    )


def centre_draft(**overrides: object) -> CentreDraft:
    values: dict[str, object] = {
        "name": "Asociación Vida Nueva",
        "entity": "Fundación Ejemplo",
        "province": "Cádiz",
        "address": "Calle Ancha 3",
        "phone": "956000000",
        "fax": "956000001",
        "idle_lock_minutes": 15,
    }
    values.update(overrides)
    return CentreDraft(**values)  # type: ignore[arg-type]


def vivienda_draft(**overrides: object) -> ViviendaDraft:
    values: dict[str, object] = {
        "name": "Vivienda Alameda",
        "code": "VAR-03",
        "municipality": "Sevilla",
        "province": "Sevilla",
        "address": "Alameda de Hércules 10",
        "places_men": 4,
        "places_women": 2,
        "valid_from": "01/02/2026",
        "valid_to": "31/12/2027",
    }
    values.update(overrides)
    return ViviendaDraft(**values)  # type: ignore[arg-type]


# -- the centre ----------------------------------------------------------------------------


def test_centre_is_the_local_installation(service, admin):  # type: ignore[no-untyped-def]
    centre = service.centre()
    assert centre.id == admin.installation_id
    assert centre.name == "Asociación Nueva Vida"
    assert CentreDraft.of(centre).idle_lock_minutes == 10


def test_tecnico_and_responsable_may_not_change_the_centre(service, tecnico, responsable):  # type: ignore[no-untyped-def]
    before = len(audit_lines(service.db))
    for actor in (tecnico, responsable):
        with pytest.raises(PermissionDenied, match="administrador"):
            service.update_centre(actor, centre_draft())
    assert service.centre().name == "Asociación Nueva Vida"
    assert len(audit_lines(service.db)) == before


def test_admin_update_saves_trimmed_values_bumps_version_and_is_audited(service, admin):  # type: ignore[no-untyped-def]
    before = service.centre()
    saved = service.update_centre(
        admin, centre_draft(name="  Asociación Vida Nueva "), expected_version=before.version
    )
    after = service.centre()
    assert after.version == saved.version == before.version + 1
    assert (after.name, after.province, after.fax, after.idle_lock_minutes) == (
        "Asociación Vida Nueva",
        "Cádiz",
        "956000001",
        15,
    )
    assert after.code == before.code == "VAR-01"
    line = audit_lines(service.db)[-1]
    assert (line.action, line.entity, line.record_id, line.login) == (
        "update",
        "installation",
        after.id,
        "admin",
    )
    # The fields that changed, with keyed hashes that prove the values (never the values).
    assert {"name", "idle_lock_minutes"} <= set(line.changes)
    assert "code" not in line.changes
    audit = AuditService(service.db)
    assert audit.proves(line, "name", "Asociación Vida Nueva")
    assert audit.proves(line, "name", "Asociación Nueva Vida", old=True)
    assert audit.proves(line, "idle_lock_minutes", 15)
    assert "Vida" not in str(line.changes)


def test_idle_lock_zero_means_never_and_is_accepted(service, admin):  # type: ignore[no-untyped-def]
    assert check_centre_draft(centre_draft(idle_lock_minutes=0)) == {}
    assert check_centre_draft(centre_draft(idle_lock_minutes=240)) == {}
    service.update_centre(admin, centre_draft(idle_lock_minutes=0))
    assert service.centre().idle_lock_minutes == 0


@pytest.mark.parametrize("minutes", [-1, 241])
def test_idle_lock_outside_0_to_240_is_refused_saying_0_means_never(minutes):  # type: ignore[no-untyped-def]
    message = check_centre_draft(centre_draft(idle_lock_minutes=minutes))["idle_lock_minutes"]
    assert "0 a 240 minutos" in message
    assert "0 = no se bloquea nunca" in message


def test_centre_messages_for_empty_name_and_texts_over_the_column_length():  # type: ignore[no-untyped-def]
    problems = check_centre_draft(
        centre_draft(name="   ", entity="e" * 121, address="a" * 151, phone="9" * 21, fax="")
    )
    assert problems == {
        "name": "Escriba el nombre del centro.",
        "entity": "Demasiado largo: el máximo es 120 caracteres.",
        "address": "Demasiado largo: el máximo es 150 caracteres.",
        "phone": "Demasiado largo: el máximo es 20 caracteres.",
    }
    assert check_centre_draft(centre_draft(name="n" * 120, province="p" * 40)) == {}


def test_bad_centre_input_saves_nothing(service, admin):  # type: ignore[no-untyped-def]
    before = service.centre()
    audit_before = len(audit_lines(service.db))
    with pytest.raises(ValidationError) as raised:
        service.update_centre(admin, centre_draft(name="", idle_lock_minutes=500))
    assert set(raised.value.problems) == {"name", "idle_lock_minutes"}
    after = service.centre()
    assert (after.name, after.version) == (before.name, before.version)
    assert len(audit_lines(service.db)) == audit_before


def test_centre_save_refused_when_someone_saved_since_it_was_read(service, admin):  # type: ignore[no-untyped-def]
    version = service.centre().version
    service.update_centre(admin, centre_draft(phone="111"), expected_version=version)
    with pytest.raises(StaleRecordError, match="admin guardó los datos del centro"):
        service.update_centre(admin, centre_draft(phone="222"), expected_version=version)
    assert service.centre().phone == "111"


# -- viviendas -----------------------------------------------------------------------------


def test_viviendas_lists_the_installation_ones_by_name(service):  # type: ignore[no-untyped-def]
    assert [v.name for v in service.viviendas()] == ["Vivienda Macarena", "Vivienda Triana"]


def test_tecnico_may_not_change_viviendas(service, tecnico):  # type: ignore[no-untyped-def]
    before = len(audit_lines(service.db))
    with pytest.raises(PermissionDenied, match="responsables y administradores"):
        service.save_vivienda(tecnico, vivienda_draft())
    assert len(service.viviendas()) == 2
    assert len(audit_lines(service.db)) == before


def test_responsable_creates_a_vivienda_with_typed_dates_and_it_is_audited(service, responsable):  # type: ignore[no-untyped-def]
    saved = service.save_vivienda(responsable, vivienda_draft(name=" Vivienda Alameda "))
    stored = next(v for v in service.viviendas() if v.id == saved.id)
    assert stored.name == "Vivienda Alameda"
    assert (stored.places_men, stored.places_women, stored.places_mixed) == (4, 2, 0)
    assert (stored.valid_from, stored.valid_to) == (date(2026, 2, 1), date(2027, 12, 31))
    assert stored.installation_id == responsable.installation_id
    assert stored.version == 1
    line = audit_lines(service.db)[-1]
    assert (line.action, line.entity, line.record_id, line.login) == (
        "create",
        "vivienda",
        saved.id,
        "responsable",
    )
    assert "valid_from" in line.fields_set
    assert "2026-02-01" not in str(line.changes) and "Alameda" not in str(line.changes)


def test_editing_a_vivienda_bumps_its_version_and_audits_the_changed_fields(service, admin):  # type: ignore[no-untyped-def]
    triana = next(v for v in service.viviendas() if v.name == "Vivienda Triana")
    draft = vivienda_draft(
        name="Vivienda Triana",
        municipality=triana.municipality,
        province=triana.province,
        code="",
        address="",
        places_men=5,
        places_women=2,
        valid_from=None,
        valid_to="",
    )
    service.save_vivienda(admin, draft, triana.id, expected_version=triana.version)
    after = next(v for v in service.viviendas() if v.id == triana.id)
    assert after.places_men == 5
    assert after.valid_to is None
    assert after.version == triana.version + 1
    line = audit_lines(service.db)[-1]
    assert (line.action, line.record_id) == ("update", triana.id)
    assert set(line.changes) == {"places_men"}
    assert AuditService(service.db).proves(line, "places_men", 5)
    assert AuditService(service.db).proves(line, "places_men", 6, old=True)


def test_vivienda_keeps_its_own_name_but_not_another_ones_whatever_the_case(service, admin):  # type: ignore[no-untyped-def]
    triana = next(v for v in service.viviendas() if v.name == "Vivienda Triana")
    service.save_vivienda(admin, vivienda_draft(name="vivienda TRIANA"), triana.id)
    with pytest.raises(ValidationError) as raised:
        service.save_vivienda(admin, vivienda_draft(name="  VIVIENDA macarena "))
    assert raised.value.problems == {"name": "Ya hay una vivienda llamada «VIVIENDA macarena»."}


def test_vivienda_messages_for_places_dates_and_lengths():  # type: ignore[no-untyped-def]
    problems = check_vivienda_draft(
        vivienda_draft(
            name="",
            code="c" * 21,
            municipality="m" * 81,
            places_men=-1,
            valid_from="31/02/2026",
            valid_to="mañana",
        )
    )
    assert problems == {
        "name": "Escriba el nombre de la vivienda.",
        "code": "Demasiado largo: el máximo es 20 caracteres.",
        "municipality": "Demasiado largo: el máximo es 80 caracteres.",
        "places_men": "Las plazas no pueden ser negativas.",
        "valid_from": "La fecha 31/02/2026 no existe en el calendario.",
        "valid_to": "«mañana» no es una fecha: escríbala como dd/mm/aaaa.",
    }


def test_vivienda_needs_one_place_and_an_end_not_before_its_start():  # type: ignore[no-untyped-def]
    problems = check_vivienda_draft(
        vivienda_draft(
            places_men=0,
            places_women=0,
            places_mixed=0,
            valid_from="01/06/2026",
            valid_to="31/05/2026",
        )
    )
    assert problems == {
        "places": "La vivienda necesita al menos una plaza (hombres, mujeres o mixtas).",
        "valid_to": "La fecha de fin es anterior a la de inicio.",
    }
    same_day = vivienda_draft(places_mixed=1, valid_from=date(2026, 6, 1), valid_to="1/6/2026")
    assert check_vivienda_draft(same_day) == {}


def test_bad_vivienda_input_saves_nothing(service, admin):  # type: ignore[no-untyped-def]
    triana = next(v for v in service.viviendas() if v.name == "Vivienda Triana")
    audit_before = len(audit_lines(service.db))
    with pytest.raises(ValidationError):
        service.save_vivienda(admin, vivienda_draft(places_men=0, places_women=0))
    with pytest.raises(ValidationError):
        service.save_vivienda(admin, vivienda_draft(name="Vivienda Triana", valid_to="32/01/2026"))
    with pytest.raises(ValidationError):
        service.save_vivienda(admin, vivienda_draft(name="", places_men=9), triana.id)
    assert [(v.name, v.places_men, v.version) for v in service.viviendas()] == [
        ("Vivienda Macarena", 0, 1),
        ("Vivienda Triana", 6, 1),
    ]
    assert len(audit_lines(service.db)) == audit_before


def test_vivienda_save_refused_when_someone_saved_it_since_it_was_read(service, admin):  # type: ignore[no-untyped-def]
    triana = next(v for v in service.viviendas() if v.name == "Vivienda Triana")
    service.save_vivienda(admin, vivienda_draft(name="Vivienda Triana"), triana.id)
    with pytest.raises(StaleRecordError):
        service.save_vivienda(
            admin,
            vivienda_draft(name="Vivienda Triana", places_men=1),
            triana.id,
            expected_version=triana.version,
        )


def test_centre_settings_set_the_adaptation_period_and_the_cost_per_place(workspace, admin):  # type: ignore[no-untyped-def]
    from reinsercion_desktop.services.centre_settings import CentreDraft, CentreSettingsService

    service = CentreSettingsService(workspace.db)
    draft = CentreDraft.of(service.centre())
    draft.adaptation_days, draft.cost_per_place_day = 45, 38.5
    saved = service.update_centre(admin, draft)
    assert (saved.adaptation_days, saved.cost_per_place_day) == (45, 38.5)
    draft.adaptation_days, draft.cost_per_place_day = 3, -1
    with pytest.raises(ValidationError) as refused:
        service.update_centre(admin, draft)
    assert set(refused.value.problems) >= {"adaptation_days", "cost_per_place_day"}
