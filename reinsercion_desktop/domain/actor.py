"""Who is acting: every write and audited read is stamped with it.

An actor is issued by the login (`security.actors.issue_actor`), which seals its fields;
the services refuse one whose seal does not verify, so an `Actor(...)` built by hand, or
one whose role was changed afterwards, cannot act.
"""

from dataclasses import dataclass, field

from reinsercion_desktop.domain.enums import Role
from reinsercion_desktop.domain.permissions import PermissionAction, role_may


@dataclass(frozen=True)
class Actor:
    user_id: str
    login: str
    full_name: str
    role: Role
    installation_id: str
    # HMAC of the fields above under this process's secret; never shown, never logged.
    seal: str = field(default="", repr=False)

    def can(self, *roles: Role) -> bool:
        return self.role in roles or self.role is Role.ADMIN

    def may(self, action: PermissionAction) -> bool:
        """Whether the role allows `action` (what the window greys out; the services decide)."""
        return role_may(self.role, action)


SYSTEM_LOGIN = "sistema"
