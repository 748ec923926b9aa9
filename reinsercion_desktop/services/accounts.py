"""Accounts: log in, create staff users, change passwords and roles."""

from dataclasses import dataclass
from pathlib import Path

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import UserAccount
from reinsercion_desktop.domain.actor import SYSTEM_LOGIN, Actor
from reinsercion_desktop.domain.enums import AuditAction, Role
from reinsercion_desktop.domain.errors import UserError, ValidationError
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.security.actors import authorize, issue_actor
from reinsercion_desktop.security.keyfile import KeyFile, WrongCredentials, normal_login
from reinsercion_desktop.security.keys import DataKeys
from reinsercion_desktop.security.passwords import hash_password, password_problem
from reinsercion_desktop.security.throttle import RefusedAttempt

WRONG_CREDENTIALS = "Usuario o contraseña incorrectos."


class AuthenticationError(UserError):
    pass


@dataclass(frozen=True)
class NewUser:
    login: str
    full_name: str
    role: Role
    password: str
    repeated_password: str | None = None


def actor_for(user: UserAccount, installation_id: str) -> Actor:
    """The actor of an account whose password was just verified (or just created)."""
    return issue_actor(user.id, user.login, user.full_name, Role(user.role), installation_id)


def system_actor(installation_id: str) -> Actor:
    """Who writes what no person did (a failed login's audit entry)."""
    return issue_actor("", SYSTEM_LOGIN, "Sistema", Role.ADMIN, installation_id)


def record_failed_login(db: Database, login: str) -> None:
    """A refused login, in the audit log (what was typed, cut to its first 64 characters)."""
    with db.read() as session:
        installation = queries.local_installation(session=session)
    if installation is not None:
        with db.unit_of_work(system_actor(installation.id)) as work:
            work.record_event(
                AuditAction.LOGIN_FAILED, "user_account", changes={"login": normal_login(login)}
            )


def record_refused_logins(db: Database, refused: "list[RefusedAttempt]") -> None:
    """The logins refused before the data opened (kept in the key file until now)."""
    with db.read() as session:
        installation = queries.local_installation(session=session)
    if installation is None:
        return
    with db.unit_of_work(system_actor(installation.id)) as work:
        for attempt in refused:
            action = AuditAction.LOGIN_LOCKED if attempt.locked else AuditAction.LOGIN_FAILED
            work.record_event(
                action,
                "user_account",
                changes={"login": attempt.typed, "when": attempt.at.isoformat()},
            )


def logged_in(db: Database, login: str) -> Actor:
    """The actor of a login whose password the key file has just accepted (it unwrapped the
    data key): an active user of this installation, audited. Anything else is refused as a
    wrong password is, so nobody learns which logins exist."""
    login = normal_login(login)
    with db.read() as session:
        installation = queries.local_installation(session=session)
        user = queries.user_by_login(session=session, login=login)
    if installation is None:
        raise AuthenticationError(
            "Esta carpeta de datos aún no tiene instalación: ejecute la configuración inicial."
        )
    if user is None or not user.active:
        record_failed_login(db, login)
        raise WrongCredentials()
    actor = actor_for(user, installation.id)
    with db.unit_of_work(actor) as work:
        work.record_event(AuditAction.LOGIN, "user_account", user.id)
    return actor


def check_new_user(new: NewUser, *, existing_logins: set[str]) -> dict[str, str]:
    problems: dict[str, str] = {}
    login = new.login.strip().lower()
    if not login:
        problems["login"] = "Escriba el nombre de usuario."
    elif not login.replace(".", "").replace("_", "").replace("-", "").isalnum() or len(login) > 40:
        problems["login"] = (
            "El usuario solo puede tener letras, números, punto, guion y guion bajo (máx. 40)."
        )
    elif login in existing_logins:
        problems["login"] = f"Ya existe el usuario «{login}»."
    if not new.full_name.strip():
        problems["full_name"] = "Escriba el nombre completo."
    elif len(new.full_name) > 120:
        problems["full_name"] = "El nombre completo es demasiado largo (máx. 120)."
    trouble = password_problem(new.password, new.repeated_password)
    if trouble:
        problems["password"] = trouble
    return problems


def make_user(new: NewUser) -> UserAccount:
    return UserAccount(
        login=new.login.strip().lower(),
        full_name=new.full_name.strip(),
        role=new.role.value,
        password_hash=hash_password(new.password),
    )


def create_user(db: Database, actor: Actor, new: NewUser) -> UserAccount:
    authorize(actor, PermissionAction.USER_MANAGE)
    with db.unit_of_work(actor) as work:
        existing = {user.login for user in queries.users(session=work.session)}
        problems = check_new_user(new, existing_logins=existing)
        if problems:
            raise ValidationError(problems)
        return work.add(make_user(new))


def list_users(db: Database, *, active_only: bool = False) -> list[UserAccount]:
    with db.read() as session:
        return list(queries.users(session=session, active_only=active_only))


def change_password(db: Database, actor: Actor, user_id: str, password: str, repeated: str) -> None:
    """One's own password (every role), or another person's (administrators)."""
    authorize(
        actor,
        PermissionAction.OWN_PASSWORD_CHANGE
        if actor.user_id == user_id
        else PermissionAction.USER_MANAGE,
    )
    trouble = password_problem(password, repeated)
    if trouble:
        raise ValidationError({"password": trouble})
    with db.unit_of_work(actor) as work:
        user = work.get(UserAccount, user_id)
        if user is None:
            raise UserError("La cuenta ya no existe.")
        user.password_hash = hash_password(password)


def update_user(db: Database, actor: Actor, user_id: str, *, role: Role, active: bool) -> None:
    authorize(actor, PermissionAction.USER_MANAGE)
    if user_id == actor.user_id and (not active or role is not Role.ADMIN):
        raise UserError("No puede quitarse a sí mismo/a el rol de administrador/a ni desactivarse.")
    with db.unit_of_work(actor) as work:
        user = work.get(UserAccount, user_id)
        if user is None:
            raise UserError("La cuenta ya no existe.")
        user.role = role.value
        user.active = active


@dataclass(frozen=True)
class UserView:
    """A staff account as screens show it (never the password hash)."""

    id: str
    login: str
    full_name: str
    role: Role
    active: bool


def user_view(user: UserAccount) -> UserView:
    return UserView(user.id, user.login, user.full_name, Role(user.role), user.active)


class AccountService:
    """Log in again (to unlock), staff accounts and passwords. Each account's password
    also wraps the data key in the key file: creating a user or changing a password
    re-wraps it there."""

    def __init__(self, db: Database, folder: Path, keys: DataKeys):
        self.db = db
        self.folder = folder
        self.keys = keys

    def authenticate(self, login: str, password: str) -> Actor:
        """The password checked against the key file (the same work for anyone), then the
        account: as the first login does."""
        try:
            unlocked = KeyFile.load(self.folder).unlock(login, password)
            if unlocked.master != self.keys.master:
                raise WrongCredentials()
        except WrongCredentials:
            record_failed_login(self.db, login)
            raise
        return logged_in(self.db, login)

    def _wrap_for(self, user_id: str) -> None:
        with self.db.read() as session:
            user = session.get(UserAccount, user_id)
        assert user is not None
        key_file = KeyFile.load(self.folder)
        key_file.add_user(self.keys, user.login, user.password_hash)
        key_file.save()

    def users(self, *, active_only: bool = False) -> list[UserView]:
        return [user_view(user) for user in list_users(self.db, active_only=active_only)]

    def create_user(self, actor: Actor, new: NewUser) -> UserView:
        created = create_user(self.db, actor, new)
        self._wrap_for(created.id)
        return user_view(created)

    def change_password(self, actor: Actor, user_id: str, password: str, repeated: str) -> None:
        change_password(self.db, actor, user_id, password, repeated)
        self._wrap_for(user_id)

    def update_user(self, actor: Actor, user_id: str, *, role: Role, active: bool) -> None:
        update_user(self.db, actor, user_id, role=role, active=active)
