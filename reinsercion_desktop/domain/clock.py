"""Time comes from a clock object, so rules and tests can run on a fake one."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta


class Clock:
    """The real clock: aware UTC times for storage, local dates for the rules."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return date.today()


@dataclass
class FakeClock(Clock):
    """A clock that stands still until told to move (tests, simulations)."""

    current: datetime = field(default_factory=lambda: datetime(2026, 1, 15, 9, 0, tzinfo=UTC))

    def now(self) -> datetime:
        return self.current

    def today(self) -> date:
        return self.current.date()

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)
