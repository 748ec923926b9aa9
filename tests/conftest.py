"""Shared fixtures: a fresh data folder per test, an initialised installation, services.

Argon2 hashing costs ~0.1 s, so fixtures log in as little as possible: `admin` is the
actor `initialize` returns (no login), and other actors are issued as the login issues
them (`security.actors.issue_actor`): the services refuse an `Actor(...)` built by hand.
"""

import os

# Qt runs offscreen in every test (set before any Qt import, here and not mid-file).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.clock import FakeClock
from reinsercion_desktop.domain.enums import InstallationKind, Role
from reinsercion_desktop.domain.participant import ParticipantDraft
from reinsercion_desktop.security.actors import issue_actor
from reinsercion_desktop.security.keys import DataKeys
from reinsercion_desktop.services.accounts import NewUser
from reinsercion_desktop.services.participants import ParticipantService
from reinsercion_desktop.services.setup import InstallationSetup, SetupService, ViviendaSetup
from reinsercion_desktop.services.workspace import Workspace

ADMIN_LOGIN = "admin"
ADMIN_PASSWORD = "secreta123"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 1, 15, 9, 0, tzinfo=UTC))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


# The data key of the tests' folders (a fixed one, so a test can open a folder again).
TEST_KEYS = DataKeys(bytes(range(32)))


@pytest.fixture
def workspace(data_dir: Path, clock: FakeClock) -> Iterator[Workspace]:
    ws = Workspace.open(data_dir, TEST_KEYS, clock=clock)
    yield ws
    ws.close()


@pytest.fixture
def db(workspace: Workspace):  # type: ignore[no-untyped-def]
    return workspace.db


def make_setup(**overrides: object) -> InstallationSetup:
    """A small, valid centre: two viviendas and an administrator admin/secreta123."""
    setup = InstallationSetup(
        kind=InstallationKind.CENTRE,
        name="Asociación Nueva Vida",
        code="var-01",
        admin=NewUser(ADMIN_LOGIN, "Ana Administradora", Role.ADMIN, ADMIN_PASSWORD),
        entity="Fundación Ejemplo",
        province="Sevilla",
        viviendas=[
            ViviendaSetup("Vivienda Triana", municipality="Sevilla", places_men=6, places_women=2),
            ViviendaSetup("Vivienda Macarena", municipality="Sevilla", places_mixed=8),
        ],
    )
    return replace(setup, **overrides)  # type: ignore[arg-type]


@pytest.fixture
def setup_factory() -> Callable[..., InstallationSetup]:
    """make_setup: the sample centre, with fields overridden (name=..., viviendas=...)."""
    return make_setup


@pytest.fixture
def setup_data() -> InstallationSetup:
    return make_setup()


@pytest.fixture
def admin(workspace: Workspace, setup_data: InstallationSetup) -> Actor:
    """The administrator of the sample centre, set up as the wizard does (with its key file)."""
    return SetupService(workspace.db, workspace.paths.root, workspace.keys).initialize(setup_data)


@pytest.fixture
def tecnico(admin: Actor) -> Actor:
    """A non-admin actor of the same installation, issued as the login issues one (its
    account is not stored: enough for permission checks)."""
    return issue_actor(
        "00000000-0000-0000-0000-000000000001",
        "tecnico",
        "Toni Técnico",
        Role.TECNICO,
        admin.installation_id,
    )


@pytest.fixture
def participants(workspace: Workspace) -> ParticipantService:
    return ParticipantService(workspace.db)


def valid_draft(**overrides: object) -> ParticipantDraft:
    values: dict[str, object] = {
        "first_name": "José",
        "surname1": "Núñez",
        "surname2": "García",
        "birth_date": "07/03/1985",
        "sex": "H",
        "id_kind": "dni",
        "id_number": "12345678Z",
    }
    values.update(overrides)
    return ParticipantDraft(**values)  # type: ignore[arg-type]


@pytest.fixture
def make_draft() -> Callable[..., ParticipantDraft]:
    """Factory of valid drafts (José Núñez García, 07/03/1985, DNI 12345678Z) with overrides."""
    return valid_draft
