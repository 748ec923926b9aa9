"""Logins that resist guessing: a growing wait after each wrong password, and a
temporary lock after several in a row, for a login that exists or not alike.

The state lives in the key file (the database is not open before a login), under the
login's keyed tag: how many failures in a row, when the last one was, until when the
login is locked. The refused attempts themselves (what was typed, cut to 64 characters,
and when) wait there too, and go into the audit log at the next login that opens the
data; then they are removed. The limits are settings of the installation kept in the
key file (`login_lock_after`, `login_lock_minutes`), defaulting to 5 and 15 minutes.

A person who mistypes waits 0, 1, 2, 4, 8 seconds between tries; a script trying
passwords meets the lock after 5 and can try 20 an hour: against Argon2id's cost per
guess on top, a reasonable password holds for years.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from reinsercion_desktop.domain.clock import Clock
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.security.keyfile import MAX_LOGIN, KeyFile

DEFAULT_LOCK_AFTER = 5
DEFAULT_LOCK_MINUTES = 15
MAX_DELAY_SECONDS = 30
MAX_PENDING = 200  # refused attempts kept for the audit log at most (the oldest go first)


class LoginBlocked(UserError):
    pass


@dataclass(frozen=True)
class RefusedAttempt:
    typed: str  # the login as typed, cut to 64 characters
    at: datetime
    locked: bool  # this failure locked the login


def _seconds(count: int) -> int:
    return 0 if count <= 1 else min(2 ** (count - 2), MAX_DELAY_SECONDS)


def _minutes_es(seconds: float) -> str:
    minutes = max(1, round(seconds / 60))
    return "1 minuto" if minutes == 1 else f"{minutes} minutos"


class Throttle:
    def __init__(self, key_file: KeyFile, clock: Clock):
        self.key_file = key_file
        self.clock = clock
        self.state: dict[str, Any] = key_file.content.setdefault("throttle", {})
        settings = key_file.content.setdefault("installation", {})
        self.lock_after = int(settings.get("login_lock_after", DEFAULT_LOCK_AFTER))
        self.lock_minutes = int(settings.get("login_lock_minutes", DEFAULT_LOCK_MINUTES))

    def check(self, login: str) -> None:
        """Refuse at once, with the time to wait, while the login is locked or waiting."""
        entry = self.state.get(self.key_file.tag(login))
        if not entry:
            return
        now = self.clock.now()
        locked_until = entry.get("locked_until")
        if locked_until and now < datetime.fromisoformat(locked_until):
            left = (datetime.fromisoformat(locked_until) - now).total_seconds()
            raise LoginBlocked(
                f"Demasiados intentos fallidos: este usuario está bloqueado durante "
                f"{_minutes_es(left)}. Espere o pida ayuda a un administrador/a."
            )
        wait = _seconds(entry["failures"])
        ready = datetime.fromisoformat(entry["last"]) + timedelta(seconds=wait)
        if now < ready:
            seconds = max(1, round((ready - now).total_seconds()))
            raise LoginBlocked(
                f"Contraseña incorrecta varias veces: espere {seconds} s antes de volver a "
                "intentarlo."
            )

    def failed(self, login: str) -> None:
        tag = self.key_file.tag(login)
        now = self.clock.now()
        entry = self.state.get(tag) or {"failures": 0}
        locked_until = entry.get("locked_until")
        if locked_until and now >= datetime.fromisoformat(locked_until):
            entry = {"failures": 0}  # the lock has passed: a new count
        entry["failures"] += 1
        entry["last"] = now.isoformat()
        locked = entry["failures"] >= self.lock_after
        if locked:
            entry["locked_until"] = (now + timedelta(minutes=self.lock_minutes)).isoformat()
        self.state[tag] = entry
        pending = self.key_file.content.setdefault("refused", [])
        pending.append(
            {"typed": login.strip()[:MAX_LOGIN], "at": now.isoformat(), "locked": locked}
        )
        del pending[:-MAX_PENDING]

    def succeeded(self, login: str) -> list[RefusedAttempt]:
        """The count starts again; the refused attempts waiting for the audit log."""
        self.state.pop(self.key_file.tag(login), None)
        pending = self.key_file.content.pop("refused", [])
        return [
            RefusedAttempt(item["typed"], datetime.fromisoformat(item["at"]), item["locked"])
            for item in pending
        ]

    def unlock(self, login: str) -> None:
        """An administrator lifts a lock (or a new password is set)."""
        self.state.pop(self.key_file.tag(login), None)
