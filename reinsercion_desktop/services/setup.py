"""First run: the installation, its viviendas and its administrator (wizard and `init`)."""

from dataclasses import dataclass, field
from pathlib import Path

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import Installation, Vivienda, new_id
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.demo_account import DEMO_CODE, DEMO_LOGIN, DEMO_PASSWORD
from reinsercion_desktop.domain.enums import InstallationKind, Role
from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.security.exchange_keys import new_exchange_identity
from reinsercion_desktop.security.keyfile import KeyFile
from reinsercion_desktop.security.keys import DataKeys
from reinsercion_desktop.services.accounts import NewUser, actor_for, check_new_user, make_user

__all__ = ["DEMO_CODE", "DEMO_LOGIN", "DEMO_PASSWORD"]  # re-exported for the demo and the tests


def is_demo(db: Database) -> bool:
    """A data folder filled by `reinsercion demo` (its installation has the demo code)."""
    with db.read() as session:
        installation = queries.local_installation(session=session)
    return installation is not None and installation.code == DEMO_CODE


@dataclass
class ViviendaSetup:
    name: str
    municipality: str = ""
    province: str = ""
    places_men: int = 0
    places_women: int = 0
    places_mixed: int = 0


@dataclass
class InstallationSetup:
    kind: InstallationKind
    name: str
    code: str
    admin: NewUser
    entity: str = ""
    province: str = ""
    address: str = ""
    phone: str = ""
    viviendas: list[ViviendaSetup] = field(default_factory=list)


def check_setup(setup: InstallationSetup) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not setup.name.strip():
        problems["name"] = "Escriba el nombre del centro u oficina."
    elif len(setup.name) > 120:
        problems["name"] = "El nombre es demasiado largo (máx. 120)."
    code = setup.code.strip()
    if not code:
        problems["code"] = "Escriba el código del centro (el que le asignó la oficina)."
    elif len(code) > 20 or not code.replace("-", "").replace("_", "").isalnum():
        problems["code"] = "El código solo puede tener letras, números y guiones (máx. 20)."
    if len(setup.entity) > 120:
        problems["entity"] = "El nombre de la entidad es demasiado largo (máx. 120)."
    for index, vivienda in enumerate(setup.viviendas, start=1):
        if not vivienda.name.strip():
            problems[f"vivienda_{index}"] = f"La vivienda {index} no tiene nombre."
        places = (vivienda.places_men, vivienda.places_women, vivienda.places_mixed)
        if any(p < 0 for p in places) or sum(places) == 0:
            problems[f"vivienda_{index}"] = (
                f"La vivienda «{vivienda.name}» necesita al menos una plaza (y ninguna negativa)."
            )
    names = [v.name.strip().casefold() for v in setup.viviendas]
    if len(names) != len(set(names)):
        problems["viviendas"] = "Hay dos viviendas con el mismo nombre."
    problems.update(check_new_user(setup.admin, existing_logins=set()))
    return problems


def initialize(db: Database, setup: InstallationSetup) -> Actor:
    """Create the installation and its administrator; refuse if one already exists."""
    problems = check_setup(setup)
    if problems:
        raise ValidationError(problems)
    with db.read() as session:
        if queries.local_installation(session=session) is not None:
            raise UserError("Esta carpeta de datos ya tiene una instalación configurada.")
    installation_id = new_id()
    admin = make_user(NewUser(**{**setup.admin.__dict__, "role": Role.ADMIN}))
    actor = actor_for(admin, installation_id)
    with db.unit_of_work(actor) as work:
        work.add(
            Installation(
                id=installation_id,
                installation_id=installation_id,
                kind=setup.kind.value,
                name=setup.name.strip(),
                code=setup.code.strip().upper(),
                entity=setup.entity.strip(),
                province=setup.province.strip(),
                address=setup.address.strip(),
                phone=setup.phone.strip(),
                is_local=True,
            )
        )
        work.add(admin)
        for vivienda in setup.viviendas:
            work.add(
                Vivienda(
                    name=vivienda.name.strip(),
                    municipality=vivienda.municipality.strip(),
                    province=vivienda.province.strip() or setup.province.strip(),
                    places_men=vivienda.places_men,
                    places_women=vivienda.places_women,
                    places_mixed=vivienda.places_mixed,
                )
            )
    return actor


@dataclass(frozen=True)
class CentreView:
    """This installation as screens show it: the session's centre."""

    id: str
    kind: InstallationKind
    name: str
    code: str
    entity: str
    province: str
    address: str
    phone: str
    fax: str
    idle_lock_minutes: int
    programme_kind: str
    adaptation_days: int
    cost_per_place_day: float
    reason_outside_caseload: bool  # a técnico/a says why to open another's file
    version: int
    retention_years: int = 5  # closed files are listed for review after it (SPEC §10)
    small_count_threshold: int = 5  # counts under it print «<5» outside (SPEC §9)


def centre_view(installation: Installation) -> CentreView:
    return CentreView(
        id=installation.id,
        kind=InstallationKind(installation.kind),
        name=installation.name,
        code=installation.code,
        entity=installation.entity,
        province=installation.province,
        address=installation.address,
        phone=installation.phone,
        fax=installation.fax,
        idle_lock_minutes=installation.idle_lock_minutes,
        programme_kind=installation.programme_kind,
        adaptation_days=installation.adaptation_days,
        cost_per_place_day=installation.cost_per_place_day,
        reason_outside_caseload=installation.reason_outside_caseload,
        version=installation.version,
        retention_years=installation.retention_years,
        small_count_threshold=installation.small_count_threshold,
    )


class SetupService:
    """Whether the data folder has its installation, creating it (with its key file and
    recovery key), and the centre's view."""

    def __init__(self, db: Database, folder: Path | None = None, keys: DataKeys | None = None):
        self.db = db
        self.folder = folder
        self.keys = keys

    def centre(self) -> CentreView | None:
        with self.db.read() as session:
            installation = queries.local_installation(session=session)
        return centre_view(installation) if installation is not None else None

    def is_initialized(self) -> bool:
        return self.centre() is not None

    def is_demo(self) -> bool:
        return is_demo(self.db)

    def initialize(self, setup: InstallationSetup) -> Actor:
        """The installation, its administrator, and the key file that wraps the data key for
        the administrator and under a new recovery key (see `recovery_code`)."""
        actor = initialize(self.db, setup)
        assert self.folder is not None and self.keys is not None
        self.recovery_code = write_key_file(self.db, self.folder, self.keys)
        return actor


def write_key_file(db: Database, folder: Path, keys: DataKeys, *, demo: bool = False) -> str:
    """A new key file for an installation just set up: the data key wrapped for every
    active user and under a new recovery key, whose code is returned (print it once).
    The demo's recovery key is not offered for printing: nothing there needs keeping."""
    with db.read() as session:
        installation = queries.local_installation(session=session)
        users = list(queries.users(session=session, active_only=True))
    assert installation is not None
    key_file = KeyFile.create(folder, name=installation.name, code=installation.code, demo=demo)
    for user in users:
        key_file.add_user(keys, user.login, user.password_hash)
    code = key_file.new_recovery(keys)
    new_exchange_identity(key_file, keys)  # what peers encrypt bundles to (issue 13)
    if demo:
        key_file.recovery_printed()
    key_file.save()
    return code
