"""When an unattended session must lock (the UI feeds it activity and ticks)."""

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass
class IdlePolicy:
    """Lock after `minutes` without keyboard or mouse; 0 disables the lock."""

    minutes: int
    last_activity: datetime

    def touch(self, now: datetime) -> None:
        self.last_activity = now

    def should_lock(self, now: datetime) -> bool:
        return self.minutes > 0 and now - self.last_activity >= timedelta(minutes=self.minutes)
