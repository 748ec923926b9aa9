"""First-run setup, logging in (audited) and managing accounts."""

import pytest

from reinsercion_desktop.db import queries
from reinsercion_desktop.domain.enums import InstallationKind, Role
from reinsercion_desktop.domain.errors import PermissionDenied, UserError, ValidationError
from reinsercion_desktop.security.actors import issue_actor
from reinsercion_desktop.security.keyfile import KeyFileError, WrongCredentials
from reinsercion_desktop.security.passwords import verify_password
from reinsercion_desktop.services.accounts import (
    WRONG_CREDENTIALS,
    AccountService,
    NewUser,
    change_password,
    create_user,
    list_users,
    update_user,
)
from reinsercion_desktop.services.audit_log import audit_lines, broken_links
from reinsercion_desktop.services.catalogues import CatalogueService
from reinsercion_desktop.services.setup import ViviendaSetup, check_setup, initialize

ADMIN_LOGIN = "admin"  # as in conftest's sample setup
ADMIN_PASSWORD = "secreta123"


@pytest.fixture
def make_setup(setup_factory):
    return setup_factory


def test_workspace_starts_uninitialized(workspace):
    assert not workspace.is_initialized()
    assert workspace.installation() is None


# -- initialize --------------------------------------------------------------------------


def test_initialize_creates_installation_admin_and_viviendas(workspace, admin, clock):
    installation = workspace.installation()
    assert installation is not None
    assert installation.is_local
    assert installation.kind == InstallationKind.CENTRE.value
    assert installation.name == "Asociación Nueva Vida"
    assert installation.code == "VAR-01"
    assert installation.id == installation.installation_id == admin.installation_id
    assert installation.created_by == ADMIN_LOGIN
    assert installation.created_at == clock.now()

    assert admin.login == ADMIN_LOGIN
    assert admin.role is Role.ADMIN
    users = list_users(workspace.db)
    assert [(u.login, u.role, u.active) for u in users] == [(ADMIN_LOGIN, "administrador", True)]
    assert users[0].id == admin.user_id
    assert users[0].password_hash != ADMIN_PASSWORD
    assert verify_password(users[0].password_hash, ADMIN_PASSWORD)

    viviendas = CatalogueService(workspace.db).viviendas()
    assert [(v.name, v.places_men, v.places_women, v.places_mixed) for v in viviendas] == [
        ("Vivienda Macarena", 0, 0, 8),
        ("Vivienda Triana", 6, 2, 0),
    ]
    assert all(
        v.province == "Sevilla" and v.installation_id == admin.installation_id for v in viviendas
    )


def test_initialize_is_audited_and_the_chain_is_intact(workspace, admin):
    lines = audit_lines(workspace.db)
    assert sorted(line.entity for line in lines) == [
        "installation",
        "user_account",
        "vivienda",
        "vivienda",
    ]
    assert {line.action for line in lines} == {"create"}
    assert {line.login for line in lines} == {ADMIN_LOGIN}
    admin_line = next(line for line in lines if line.entity == "user_account")
    assert "password_hash" in admin_line.fields_set
    assert "argon2" not in str(admin_line)  # the hash is hashed again, under the data key
    assert broken_links(workspace.db) == []


def test_admin_role_is_forced_whatever_the_setup_says(workspace, make_setup):
    setup = make_setup(admin=NewUser("jefa", "Jefa", Role.TECNICO, ADMIN_PASSWORD))
    actor = initialize(workspace.db, setup)
    assert actor.role is Role.ADMIN
    assert list_users(workspace.db)[0].role == Role.ADMIN.value


def test_second_initialize_is_refused_and_changes_nothing(workspace, admin, make_setup):
    before = len(audit_lines(workspace.db))
    other = make_setup(
        name="Otro centro", code="OTRO", admin=NewUser("otra", "Otra", Role.ADMIN, "otraclave1")
    )
    with pytest.raises(UserError, match="ya tiene una instalación"):
        initialize(workspace.db, other)
    assert workspace.installation().name == "Asociación Nueva Vida"
    assert [u.login for u in list_users(workspace.db)] == [ADMIN_LOGIN]
    assert len(audit_lines(workspace.db)) == before


def test_initialize_with_problems_raises_validation_error_and_saves_nothing(workspace, make_setup):
    with pytest.raises(ValidationError) as caught:
        initialize(workspace.db, make_setup(name=""))
    assert "name" in caught.value.problems
    assert not workspace.is_initialized()
    assert audit_lines(workspace.db) == []


# -- check_setup -------------------------------------------------------------------------


def test_check_setup_accepts_the_sample(make_setup):
    assert check_setup(make_setup()) == {}


def test_check_setup_empty_name(make_setup):
    problems = check_setup(make_setup(name="   "))
    assert problems == {"name": "Escriba el nombre del centro u oficina."}


def test_check_setup_name_too_long(make_setup):
    assert "name" in check_setup(make_setup(name="x" * 121))


@pytest.mark.parametrize("code", ["VAR 01", "VAR/01", "ñ?", "x" * 21])
def test_check_setup_bad_code(code, make_setup):
    problems = check_setup(make_setup(code=code))
    assert set(problems) == {"code"}
    assert "letras, números y guiones" in problems["code"]


def test_check_setup_missing_code(make_setup):
    assert "código" in check_setup(make_setup(code=""))["code"]


def test_check_setup_vivienda_without_places(make_setup):
    setup = make_setup(
        viviendas=[ViviendaSetup("Vivienda Triana", places_men=4), ViviendaSetup("Vacía")]
    )
    problems = check_setup(setup)
    assert set(problems) == {"vivienda_2"}
    assert "Vacía" in problems["vivienda_2"]
    assert "al menos una plaza" in problems["vivienda_2"]


def test_check_setup_vivienda_with_negative_places(make_setup):
    setup = make_setup(viviendas=[ViviendaSetup("Rara", places_men=5, places_women=-1)])
    assert "vivienda_1" in check_setup(setup)


def test_check_setup_vivienda_without_name(make_setup):
    setup = make_setup(viviendas=[ViviendaSetup("  ", places_men=5)])
    assert "no tiene nombre" in check_setup(setup)["vivienda_1"]


def test_check_setup_duplicate_vivienda_names(make_setup):
    setup = make_setup(
        viviendas=[
            ViviendaSetup("Vivienda Sur", places_men=2),
            ViviendaSetup("vivienda sur ", places_men=2),
        ]
    )
    assert "viviendas" in check_setup(setup)


def test_check_setup_without_viviendas_is_fine_for_an_office(make_setup):
    assert check_setup(make_setup(kind=InstallationKind.OFFICE, viviendas=[])) == {}


@pytest.mark.parametrize(
    ("password", "repeated", "words"),
    [
        ("corta", None, "al menos 8"),
        (" espacios1", None, "espacios"),
        ("secreta123", "secreta124", "no coinciden"),
    ],
)
def test_check_setup_weak_admin_password(password, repeated, words, make_setup):
    setup = make_setup(admin=NewUser("admin", "Ana", Role.ADMIN, password, repeated))
    problems = check_setup(setup)
    assert set(problems) == {"password"}
    assert words in problems["password"]


@pytest.mark.parametrize("login", ["", "con espacio", "a/b", "x" * 41])
def test_check_setup_bad_admin_login(login, make_setup):
    setup = make_setup(admin=NewUser(login, "Ana", Role.ADMIN, ADMIN_PASSWORD))
    assert "login" in check_setup(setup)


# -- logging in (the key file unwraps the data key; then the account) ---------------------


def log_in(workspace, login: str, password: str):  # type: ignore[no-untyped-def]
    return AccountService(workspace.db, workspace.paths.root, workspace.keys).authenticate(
        login, password
    )


def test_logging_in_before_setup_is_refused(workspace):
    with pytest.raises(KeyFileError, match="Falta el archivo de claves"):
        log_in(workspace, "admin", "secreta123")


def test_authenticate_returns_the_actor_and_audits_a_login(workspace, admin):
    actor = log_in(workspace, "  ADMIN ", ADMIN_PASSWORD)
    assert actor == admin
    last = audit_lines(workspace.db)[-1]
    assert (last.action, last.entity, last.record_id, last.login) == (
        "login",
        "user_account",
        admin.user_id,
        ADMIN_LOGIN,
    )


def test_wrong_password_is_refused_and_audited(workspace, admin):
    before = len(audit_lines(workspace.db))
    with pytest.raises(WrongCredentials) as caught:
        log_in(workspace, ADMIN_LOGIN, "secreta124")
    assert str(caught.value) == "Usuario o contraseña incorrectos."
    assert str(caught.value) == WRONG_CREDENTIALS
    lines = audit_lines(workspace.db)
    assert len(lines) == before + 1
    assert lines[-1].action == "login_failed"
    assert lines[-1].changes == {"login": ADMIN_LOGIN}
    assert lines[-1].login == "sistema"
    assert broken_links(workspace.db) == []


def test_unknown_login_gets_the_same_message(workspace, admin):
    with pytest.raises(WrongCredentials, match="^Usuario o contraseña incorrectos.$"):
        log_in(workspace, "nadie", ADMIN_PASSWORD)
    last = audit_lines(workspace.db)[-1]
    assert (last.action, last.changes) == ("login_failed", {"login": "nadie"})


def test_inactive_user_is_refused(workspace, admin):
    accounts = AccountService(workspace.db, workspace.paths.root, workspace.keys)
    user = accounts.create_user(admin, NewUser("pepe", "Pepe Pérez", Role.TECNICO, "clavepepe1"))
    update_user(workspace.db, admin, user.id, role=Role.TECNICO, active=False)
    with pytest.raises(WrongCredentials, match=WRONG_CREDENTIALS):
        log_in(workspace, "pepe", "clavepepe1")
    assert audit_lines(workspace.db)[-1].action == "login_failed"


# -- accounts ----------------------------------------------------------------------------


def test_admin_creates_a_user_who_can_log_in(workspace, admin):
    accounts = AccountService(workspace.db, workspace.paths.root, workspace.keys)
    user = accounts.create_user(
        admin, NewUser(" Pepe.Perez ", " Pepe Pérez ", Role.TECNICO, "clavepepe1")
    )
    assert (user.login, user.full_name, user.role) == ("pepe.perez", "Pepe Pérez", Role.TECNICO)
    actor = log_in(workspace, "pepe.perez", "clavepepe1")
    assert actor.role is Role.TECNICO
    assert actor.user_id == user.id
    assert not actor.can(Role.ADMIN)
    assert actor.can(Role.TECNICO)


def test_create_user_by_a_non_admin_is_denied(workspace, admin, tecnico):
    with pytest.raises(PermissionDenied):
        create_user(workspace.db, tecnico, NewUser("otro", "Otro", Role.TECNICO, "clave12345"))
    responsable = issue_actor("r-1", "rosa", "Rosa", Role.RESPONSABLE, tecnico.installation_id)
    with pytest.raises(PermissionDenied):
        create_user(workspace.db, responsable, NewUser("otro", "Otro", Role.TECNICO, "clave12345"))
    assert [u.login for u in list_users(workspace.db)] == [ADMIN_LOGIN]


@pytest.mark.parametrize("login", ["admin", "ADMIN", " Admin "])
def test_duplicate_login_is_refused(workspace, admin, login):
    with pytest.raises(ValidationError) as caught:
        create_user(workspace.db, admin, NewUser(login, "Otra Ana", Role.TECNICO, "clave12345"))
    assert "Ya existe" in caught.value.problems["login"]
    assert len(list_users(workspace.db)) == 1


def test_create_user_with_weak_password_is_refused(workspace, admin):
    with pytest.raises(ValidationError) as caught:
        create_user(workspace.db, admin, NewUser("pepe", "Pepe", Role.TECNICO, "corta"))
    assert set(caught.value.problems) == {"password"}
    assert len(list_users(workspace.db)) == 1


def test_change_own_password(workspace, admin):
    change_password(workspace.db, admin, admin.user_id, "nuevaclave1", "nuevaclave1")
    with workspace.db.read() as session:
        user = queries.user_by_login(session=session, login=ADMIN_LOGIN)
    assert verify_password(user.password_hash, "nuevaclave1")
    assert not verify_password(user.password_hash, ADMIN_PASSWORD)
    assert user.version == 2
    last = audit_lines(workspace.db)[-1]
    assert set(last.changes) == {"password_hash"}
    assert "argon2" not in str(last)


def test_only_an_admin_changes_someone_elses_password(workspace, admin, tecnico):
    with pytest.raises(PermissionDenied):
        change_password(workspace.db, tecnico, admin.user_id, "nuevaclave1", "nuevaclave1")


def test_admin_cannot_demote_or_deactivate_self(workspace, admin):
    with pytest.raises(UserError):
        update_user(workspace.db, admin, admin.user_id, role=Role.TECNICO, active=True)
    with pytest.raises(UserError):
        update_user(workspace.db, admin, admin.user_id, role=Role.ADMIN, active=False)
    assert list_users(workspace.db, active_only=True)[0].role == Role.ADMIN.value
