"""The role × action table (domain.permissions), enforced in the services (SPEC §9).

Every action is walked for every role through the service that offers it, with ids of
records that do not exist: the permission check comes first, so an allowed role gets
past it (to «ya no existe», a validation message, or success) and a refused one gets
`PermissionDenied` with the table's Spanish message. Actors are issued as the login
issues them; one built by hand, or changed afterwards, is refused by every method.
"""

import dataclasses
import inspect
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.domain.errors import PermissionDenied, UserError
from reinsercion_desktop.domain.periods import Period
from reinsercion_desktop.domain.permissions import (
    PERMISSIONS,
    PermissionAction,
    refusal,
    role_may,
)
from reinsercion_desktop.forms.loader import FormCatalogue, load_catalogue
from reinsercion_desktop.paths import forms_dir
from reinsercion_desktop.security import actors
from reinsercion_desktop.security.actors import (
    INVALID_SESSION,
    authorize,
    is_issued,
    issue_actor,
)
from reinsercion_desktop.services.accounts import NewUser
from reinsercion_desktop.services.backup_views import BackupSettings
from reinsercion_desktop.services.catalogues import ReferringCentreDraft
from reinsercion_desktop.services.centre_settings import CentreDraft, ViviendaDraft
from reinsercion_desktop.services.office import OfficeService
from reinsercion_desktop.services.registry import SERVICE_NAMES, Services, build_services
from reinsercion_desktop.services.structure_data import ComplaintDraft, YearFiguresDraft
from tests.conftest import valid_draft

A = PermissionAction
NOPE = "00000000-0000-0000-0000-00000000dead"  # a record that does not exist
DAY = date(2026, 1, 10)
ROLES = list(Role)

Call = Callable[[Services, Actor, Path], Any]

# One service call per action; the permission check is each method's first statement.
CALLS: dict[PermissionAction, Call] = {
    A.PARTICIPANT_CREATE: lambda s, a, _t: s.participants.create(a, valid_draft(first_name="")),
    A.PARTICIPANT_UPDATE: lambda s, a, _t: s.participants.update(
        a, NOPE, valid_draft(), expected_version=1
    ),
    A.PARTICIPANT_OPEN: lambda s, a, _t: s.participants.open(a, NOPE),
    A.PARTICIPANT_PRINT: lambda s, a, t: s.printing.participant_sheet(a, NOPE, t / "ficha.pdf"),
    A.PARTICIPANT_ARCHIVE: lambda s, a, _t: s.participants.archive(a, NOPE, "Traslado"),
    A.PARTICIPANT_RESTORE: lambda s, a, _t: s.participants.restore(a, NOPE),
    A.ATTACHMENT_ADD: lambda s, a, t: s.attachments.add(a, NOPE, t / "no-existe.pdf"),
    A.ATTACHMENT_OPEN: lambda s, a, _t: s.attachments.open_path(a, NOPE),
    A.FORM_LIST: lambda s, a, _t: s.forms.list_lines(a),
    A.FORM_OPEN: lambda s, a, _t: s.forms.open(a, NOPE),
    A.FORM_CREATE: lambda s, a, _t: s.forms.create(a, "anexo-iv", NOPE),
    A.FORM_SAVE: lambda s, a, _t: s.forms.save_draft(a, NOPE, {}, expected_version=1),
    A.FORM_FINALIZE: lambda s, a, _t: s.forms.finalize(a, NOPE),
    A.FORM_REOPEN: lambda s, a, _t: s.forms.reopen(a, NOPE),
    A.FORM_SIGN: lambda s, a, _t: s.forms.sign(a, NOPE),
    A.FORM_AMEND: lambda s, a, _t: s.forms.amend(a, NOPE, "Corrección de la fecha"),
    A.FORM_PRINT: lambda s, a, t: s.forms.issue_pdf(a, NOPE, t / "anexo.pdf"),
    A.MONTHLY_REPORT_CREATE: lambda s, a, _t: s.monthly_report.create_anexo_iii(a, NOPE, "2025-12"),
    A.REFERRAL_EDIT: lambda s, a, _t: s.referrals.create(a, NOPE),
    A.REFERRAL_CHECK: lambda s, a, _t: s.referrals.mark_complete(a, NOPE),
    A.REFERRAL_SEND: lambda s, a, _t: s.referrals.send(a, NOPE),
    A.REFERRAL_RECEIVE: lambda s, a, _t: s.referrals.receive(a, NOPE),
    A.REFERRAL_INCLUDE: lambda s, a, _t: s.referrals.include(a, NOPE),
    A.REFERRAL_WITHDRAW: lambda s, a, _t: s.referrals.withdraw(a, NOPE, "Renuncia"),
    A.WAITING_LIST_DECIDE: lambda s, a, _t: s.waiting_list.resume(a, NOPE),
    A.WAITING_LIST_ASSIGN: lambda s, a, _t: s.waiting_list.assign(a, NOPE, NOPE, DAY),
    A.STAY_ADMIT: lambda s, a, _t: s.stays.admit(a, NOPE, NOPE, DAY),
    A.STAY_RECORD: lambda s, a, _t: s.stays.record_incident(a, NOPE, DAY, "Discusión"),
    A.STAY_DISCHARGE: lambda s, a, _t: s.stays.record_discharge_notice(a, NOPE, DAY),
    A.PLAN_EDIT: lambda s, a, _t: s.plans.remove_objective(a, NOPE),
    A.PLAN_AGREE: lambda s, a, _t: s.plans.agree_plan(a, NOPE, DAY),
    A.PLAN_REVIEW: lambda s, a, _t: s.plans.review_plan(a, NOPE, DAY, "Rosa", "Revisión"),
    A.PLAN_CLOSE: lambda s, a, _t: s.plans.close_plan(a, NOPE, DAY, "Alta terapéutica"),
    A.FOLLOW_UP_RECORD: lambda s, a, _t: s.follow_up.complete_task(a, NOPE, 0, DAY),
    A.PLACEMENT_RECORD: lambda s, a, _t: s.follow_up.end_placement(a, NOPE, DAY, "Fin"),
    A.RESOURCE_REFER: lambda s, a, _t: s.resources.advance(a, NOPE, "aceptado", DAY),
    A.RESOURCE_CATALOGUE_EDIT: lambda s, a, _t: s.resources.deactivate(a, NOPE),
    A.CASELOAD_OTHERS: lambda s, a, _t: s.caseload.rows(a, NOPE),
    A.CENTRE_SETTINGS_EDIT: lambda s, a, _t: s.centre_settings.update_centre(
        a, CentreDraft(name="")
    ),
    A.VIVIENDA_EDIT: lambda s, a, _t: s.centre_settings.save_vivienda(
        a, ViviendaDraft(name=""), NOPE
    ),
    A.REFERRING_CENTRE_EDIT: lambda s, a, _t: s.catalogues.save_referring_centre(
        a, ReferringCentreDraft(kind="CTA", name="")
    ),
    A.USER_MANAGE: lambda s, a, _t: s.accounts.create_user(
        a, NewUser("", "", Role.TECNICO, "corta")
    ),
    A.OWN_PASSWORD_CHANGE: lambda s, a, _t: s.accounts.change_password(
        a, a.user_id, "corta", "corta"
    ),
    A.AUDIT_READ: lambda s, a, _t: s.audit.entries(a),
    A.SUBJECT_ACCESS_EXPORT: lambda s, a, t: s.subject_access.export(a, NOPE, t / "acceso.pdf"),
    A.CONSENT_RECORD: lambda s, a, _t: s.consents.revoke(a, NOPE, DAY, "Lo pidió"),
    A.BACKUP_MAKE: lambda s, a, t: s.backups.create(a, to=t / "copias"),
    A.BACKUP_CHECK: lambda s, a, t: s.backups.verify(a, t / "no-existe.rdcopia"),
    A.REPORT_VIEW: lambda s, a, _t: s.reports.build(a, "no-existe", Period.parse("2026-01")),
    A.REPORT_EXACT: lambda s, a, t: s.reports.export(
        a, "no-existe", Period.parse("2026-01"), "pdf", t / "informe.pdf", exact=True
    ),
    A.BACKUP_RESTORE: lambda s, a, t: s.backups.restore(a, t / "no-existe.rdcopia"),
    A.RETENTION_LIST: lambda s, a, _t: s.retention.review(a),
    A.ANONYMISE: lambda s, a, _t: s.retention.anonymise(a, NOPE, "Petición del interesado"),
    A.BACKUP_SETTINGS: lambda s, a, _t: s.backups.save_settings(a, BackupSettings(keep_daily=0)),
    A.STRUCTURE_DATA_EDIT: lambda s, a, _t: s.structure_data.save_year_figures(
        a, NOPE, 2026, YearFiguresDraft(budget_planned=-1, staff_weekly_hours=0)
    ),
    A.COMPLAINT_RECORD: lambda s, a, _t: s.structure_data.record_complaint(
        a, ComplaintDraft(received_on="", vivienda_id=NOPE, kind="", description="")
    ),
    A.COMPLAINT_ANSWER: lambda s, a, _t: s.structure_data.answer_complaint(a, NOPE, "", ""),
    A.EXCHANGE_KEYS_SHOW: lambda s, a, _t: s.peers.own_keys(a),
    A.EXCHANGE_KEYS_EXPORT: lambda s, a, t: s.peers.export_public(a, t / "no" / "clave.rdclave"),
    A.PEER_TRUST: lambda s, a, t: s.peers.trust(a, t / "no-existe.rdclave", "Oficina", ""),
    A.PEER_FORGET: lambda s, a, _t: s.peers.forget(a, NOPE),
    A.BUNDLE_EXPORT: lambda s, a, t: s.exchange.export(a, NOPE, t),
    A.BUNDLE_IMPORT: lambda s, a, t: s.exchange.import_bundle(a, t / "no.rdpaquete"),
    A.SYNC_CONFLICT_RESOLVE: lambda s, a, _t: s.exchange.resolve(a, NOPE, "local"),
    A.OFFICE_REGISTRY_READ: lambda s, a, _t: s.office_registry.centres(a),
}


@pytest.fixture(scope="module")
def catalogue() -> FormCatalogue:
    return load_catalogue(forms_dir())


@pytest.fixture
def services(workspace, admin, catalogue) -> Services:  # type: ignore[no-untyped-def]
    return build_services(workspace, catalogue)


def staff(role: Role, installation_id: str) -> Actor:
    """An actor of `role`, issued as the login issues one."""
    return issue_actor(
        f"user-{role.value}", role.value, f"Persona {role.label}", role, installation_id
    )


# -- the table -------------------------------------------------------------------------


def test_every_action_has_a_least_role_and_a_spanish_refusal() -> None:
    assert set(PERMISSIONS) == set(PermissionAction)
    for action, permission in PERMISSIONS.items():
        assert permission.refusal.endswith("."), action
        assert any(word in permission.refusal for word in ("Solo", "Firman", "Su cuenta")), action


@pytest.mark.parametrize(
    ("action", "least"),
    [
        (A.PARTICIPANT_ARCHIVE, Role.RESPONSABLE),  # issue 10: archive needs responsable
        (A.PARTICIPANT_RESTORE, Role.RESPONSABLE),  # … and so does restore
        (A.AUDIT_READ, Role.RESPONSABLE),  # `reinsercion audit` as the window
        (A.FORM_SIGN, Role.RESPONSABLE),
        (A.CASELOAD_OTHERS, Role.RESPONSABLE),
        (A.VIVIENDA_EDIT, Role.RESPONSABLE),
        (A.REFERRING_CENTRE_EDIT, Role.RESPONSABLE),
        (A.CENTRE_SETTINGS_EDIT, Role.ADMIN),
        (A.USER_MANAGE, Role.ADMIN),
        (A.PARTICIPANT_OPEN, Role.TECNICO),
        (A.BACKUP_MAKE, Role.TECNICO),  # closing the window makes one, whoever closes it
        (A.BACKUP_CHECK, Role.RESPONSABLE),
        (A.REPORT_EXACT, Role.RESPONSABLE),  # an exact copy: small counts can name a person
        (A.SUBJECT_ACCESS_EXPORT, Role.RESPONSABLE),  # everything about a person, at once
        (A.BACKUP_RESTORE, Role.ADMIN),
        (A.RETENTION_LIST, Role.RESPONSABLE),
        (A.ANONYMISE, Role.ADMIN),  # cannot be undone
        (A.BACKUP_SETTINGS, Role.ADMIN),
        (A.STRUCTURE_DATA_EDIT, Role.RESPONSABLE),  # the centre's accounts
        (A.COMPLAINT_ANSWER, Role.RESPONSABLE),  # speaks in the centre's name
        (A.EXCHANGE_KEYS_SHOW, Role.RESPONSABLE),  # issue 13
        (A.EXCHANGE_KEYS_EXPORT, Role.RESPONSABLE),
        (A.PEER_TRUST, Role.ADMIN),  # whom bundles are accepted from
        (A.PEER_FORGET, Role.ADMIN),
        (A.BUNDLE_EXPORT, Role.RESPONSABLE),  # what leaves the installation
        (A.BUNDLE_IMPORT, Role.RESPONSABLE),
        (A.SYNC_CONFLICT_RESOLVE, Role.RESPONSABLE),
        (A.OFFICE_REGISTRY_READ, Role.TECNICO),  # centres and places: no personal data
    ],
    ids=lambda value: str(value),
)
def test_least_roles_of_the_sensitive_actions(action: PermissionAction, least: Role) -> None:
    assert PERMISSIONS[action].least_role is least


def test_a_higher_role_may_all_a_lower_one_may() -> None:
    for action in PermissionAction:
        allowed = [role_may(role, action) for role in (Role.TECNICO, Role.RESPONSABLE, Role.ADMIN)]
        assert allowed == sorted(allowed), action  # False… then True…
        assert role_may(Role.ADMIN, action)


def test_the_walk_covers_every_action_a_service_offers() -> None:
    assert set(CALLS) == set(PermissionAction)


# -- the walk: every action × every role, through the service ----------------------------


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role.value)
@pytest.mark.parametrize("action", sorted(CALLS), ids=lambda action: action.value)
def test_every_action_for_every_role_through_the_service(  # type: ignore[no-untyped-def]
    services, admin, tmp_path, action: PermissionAction, role: Role
):
    actor = staff(role, admin.installation_id)
    if role_may(role, action):
        try:
            CALLS[action](services, actor, tmp_path)
        except PermissionDenied as refused:  # pragma: no cover - the failure to report
            pytest.fail(f"{role.value} refused {action.value}: {refused}")
        except UserError:
            pass  # past the check: the record does not exist, or the input is not valid
    else:
        with pytest.raises(PermissionDenied) as refused:
            CALLS[action](services, actor, tmp_path)
        assert str(refused.value) == refusal(action)


def test_a_refused_action_writes_nothing(services, admin, tecnico, tmp_path) -> None:  # type: ignore[no-untyped-def]
    before = len(services.audit.entries(admin))
    for action, call in CALLS.items():
        if not role_may(Role.TECNICO, action):
            with pytest.raises(PermissionDenied):
                call(services, tecnico, tmp_path)
    # nothing but the second reading of the log itself
    assert len(services.audit.entries(admin)) == before + 1


def test_a_tecnico_sees_only_their_own_caseload(services, admin, tecnico) -> None:  # type: ignore[no-untyped-def]
    """caseload.others: the choice of whose caseload, and the rows, from responsable up."""
    assert services.caseload.choices(tecnico) == [(tecnico.user_id, tecnico.full_name)]
    assert services.caseload.rows(tecnico, tecnico.user_id) == []
    with pytest.raises(PermissionDenied, match="cartera de casos de otras personas"):
        services.caseload.rows(tecnico, admin.user_id)
    responsable = staff(Role.RESPONSABLE, admin.installation_id)
    assert admin.user_id in {user for user, _name in services.caseload.choices(responsable)}
    assert services.caseload.rows(responsable, admin.user_id) == []


# -- an actor exists only as issued by the login -----------------------------------------


def test_the_login_issues_a_sealed_actor_whose_seal_is_never_shown(services, admin) -> None:  # type: ignore[no-untyped-def]
    logged_in = services.accounts.authenticate("admin", "secreta123")
    assert is_issued(logged_in) and is_issued(admin)
    assert logged_in.seal and logged_in.seal not in repr(logged_in)
    assert "seal" not in repr(logged_in)


def forgeries(real: Actor) -> dict[str, Actor]:
    """Ways to come by an actor without the login."""
    return {
        "hand-made": Actor(
            real.user_id, real.login, real.full_name, Role.ADMIN, real.installation_id
        ),
        "role changed": dataclasses.replace(real, role=Role.ADMIN),
        "user changed": dataclasses.replace(real, user_id="someone-else"),
        "seal copied": Actor(
            "x", "intruso", "Intruso", Role.ADMIN, real.installation_id, real.seal
        ),
    }


@pytest.mark.parametrize("how", ["hand-made", "role changed", "user changed", "seal copied"])
def test_a_service_refuses_an_actor_the_login_did_not_issue(  # type: ignore[no-untyped-def]
    services, tecnico, how: str
):
    forged = forgeries(tecnico)[how]
    assert not is_issued(forged)
    with pytest.raises(PermissionDenied) as refused:
        services.audit.entries(forged)
    assert str(refused.value) == INVALID_SESSION == "Sesión no válida: vuelva a iniciar sesión."
    with pytest.raises(PermissionDenied, match="Sesión no válida"):
        services.participants.create(forged, valid_draft())
    assert services.participants.list_rows() == []


def test_an_actor_issued_by_another_process_is_refused(monkeypatch, tecnico) -> None:  # type: ignore[no-untyped-def]
    """The secret is drawn per process: another process's seal does not verify here."""
    monkeypatch.setattr(actors, "_secret", lambda: b"another process's secret".ljust(32, b"."))
    with pytest.raises(PermissionDenied, match="Sesión no válida"):
        authorize(tecnico, A.PARTICIPANT_OPEN)


def _service_objects(services: Services, workspace) -> list[object]:  # type: ignore[no-untyped-def]
    return [getattr(services, name) for name in SERVICE_NAMES] + [OfficeService(workspace.db)]


def _placeholders(method: Callable[..., Any]) -> tuple[list[Any], dict[str, Any]]:
    """A value for every required argument but the actor: never read, the check is first."""
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for name, parameter in inspect.signature(method).parameters.items():
        if name == "actor" or parameter.default is not inspect.Parameter.empty:
            continue
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY:
            kwargs[name] = "x"
        else:
            args.append("x")
    return args, kwargs


def test_every_service_method_taking_an_actor_checks_it_first(services, workspace, admin) -> None:  # type: ignore[no-untyped-def]
    """Whatever the method, a forged administrator is refused before anything is done."""
    forged = dataclasses.replace(admin, full_name="Otra Persona")
    before = len(services.audit.entries(admin))
    checked = []
    for service in _service_objects(services, workspace):
        for name, method in inspect.getmembers(service, inspect.ismethod):
            if name.startswith("_") or "actor" not in inspect.signature(method).parameters:
                continue
            args, kwargs = _placeholders(method)
            with pytest.raises(PermissionDenied, match="Sesión no válida"):
                method(forged, *args, **kwargs)
            checked.append(f"{type(service).__name__}.{name}")
    assert len(checked) > 80  # every write of every service, and the audited reads
    assert {"ParticipantService.archive", "AuditService.entries", "FormService.list_lines"} <= set(
        checked
    )
    assert len(services.audit.entries(admin)) == before + 1  # nothing but that reading
