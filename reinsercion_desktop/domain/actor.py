"""Who is acting: every write and audited read is stamped with it."""

from dataclasses import dataclass

from reinsercion_desktop.domain.enums import Role


@dataclass(frozen=True)
class Actor:
    user_id: str
    login: str
    full_name: str
    role: Role
    installation_id: str

    def can(self, *roles: Role) -> bool:
        return self.role in roles or self.role is Role.ADMIN


SYSTEM_LOGIN = "sistema"
