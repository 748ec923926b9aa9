"""Actors exist only as the login issues them, and every service asks `authorize` first.

`issue_actor` seals an actor's fields with an HMAC-SHA256 under a secret drawn at random
once per process and kept only in memory: an `Actor(...)` built by hand, copied from
another process, or changed with `dataclasses.replace` (another role, another user)
carries no valid seal, and `authorize` refuses it before the role × action table
(`domain.permissions`) is even read.
"""

import hashlib
import hmac
import secrets
from functools import cache

from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.domain.errors import PermissionDenied
from reinsercion_desktop.domain.permissions import PermissionAction, refusal, role_may
from reinsercion_desktop.security.keyfile import MAX_LOGIN

INVALID_SESSION = "Sesión no válida: vuelva a iniciar sesión."
LOGIN_MAX_LENGTH = MAX_LOGIN  # what was typed as a login is kept to this length
"""What is kept of a typed user name (the login field's limit, and the service's cut):
a pasted page of text is neither looked up nor written whole into the audit log."""


class InvalidSession(PermissionDenied):
    """The actor was not issued by this process's login."""

    def __init__(self) -> None:
        super().__init__(INVALID_SESSION)


@cache
def _secret() -> bytes:
    """Drawn the first time an actor is issued or checked; never leaves this process."""
    return secrets.token_bytes(32)


def _seal(user_id: str, login: str, full_name: str, role: Role, installation_id: str) -> str:
    # Length-prefixed fields, so no two different actors give the same message.
    message = b"".join(
        len(encoded).to_bytes(4, "big") + encoded
        for encoded in (
            value.encode("utf-8")
            for value in ("actor/1", user_id, login, full_name, Role(role).value, installation_id)
        )
    )
    return hmac.new(_secret(), message, hashlib.sha256).hexdigest()


def issue_actor(
    user_id: str, login: str, full_name: str, role: Role, installation_id: str
) -> Actor:
    """An actor the services accept: only the login (and the first set-up) call this."""
    role = Role(role)
    return Actor(
        user_id=user_id,
        login=login,
        full_name=full_name,
        role=role,
        installation_id=installation_id,
        seal=_seal(user_id, login, full_name, role, installation_id),
    )


def is_issued(actor: object) -> bool:
    """True when `actor` is an Actor sealed by `issue_actor` in this process, unchanged."""
    if not isinstance(actor, Actor) or not isinstance(actor.seal, str) or not actor.seal:
        return False
    try:
        expected = _seal(
            actor.user_id, actor.login, actor.full_name, actor.role, actor.installation_id
        )
    except (AttributeError, TypeError, ValueError):  # fields of the wrong kind
        return False
    return hmac.compare_digest(expected, actor.seal)


def require_issued(actor: Actor) -> None:
    """Refuse an actor the login did not issue (for what every role may do, with or
    without the table: one's own caseload)."""
    if not is_issued(actor):
        raise InvalidSession()


def authorize(actor: Actor, action: PermissionAction) -> None:
    """Refuse (PermissionDenied, in Spanish) unless the login issued `actor` and its role
    may do `action`. Every service method that writes or reads personal data calls this
    before any other work."""
    require_issued(actor)
    if not role_may(actor.role, action):
        raise PermissionDenied(refusal(action))


def authorized(actor: Actor, action: PermissionAction) -> bool:
    """`authorize` as a yes or no, for a service that narrows what it shows."""
    return is_issued(actor) and role_may(actor.role, action)
