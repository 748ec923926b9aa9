"""What the window and the command line are told about backups (copias de seguridad):
plain, frozen records, and the names and kinds of the copy files."""

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from reinsercion_desktop.services.field_labels import record_kind

SUFFIX = ".rdcopia"
PARTIAL_PREFIX = ".parcial-"  # a copy being written or checked: never looks like a real one
LEGACY_SUFFIX = ".sqlite"  # db/migrate.backup_database's copies, before this format
_NAME = re.compile(
    r"^copia-(\d{4})-(\d{2})-(\d{2})-(\d{2})(\d{2})(\d{2})-[0-9a-f]{4,}-([a-z-]+)\.rdcopia$"
)


class BackupKind(StrEnum):
    """Why a copy was made; the value is part of its file name."""

    DAILY = "diaria"
    WEEKLY = "semanal"
    MONTHLY = "mensual"
    MANUAL = "manual"
    BEFORE_MIGRATION = "antes-de-migrar"
    BEFORE_RESTORE = "antes-de-restaurar"
    LEGACY = "antigua"  # a `.sqlite` copy of an older version (kind unknown)


AUTOMATIC = (BackupKind.DAILY, BackupKind.WEEKLY, BackupKind.MONTHLY)


@dataclass(frozen=True)
class RotationPolicy:
    """How many automatic copies of each kind are kept (grandfather-father-son); manual and
    pre-migration or pre-restore copies are never pruned automatically."""

    daily: int = 7
    weekly: int = 4
    monthly: int = 12

    def keep(self, kind: BackupKind) -> int:
        return {
            BackupKind.DAILY: self.daily,
            BackupKind.WEEKLY: self.weekly,
            BackupKind.MONTHLY: self.monthly,
        }[kind]


# Ajustes de las copias: the installation's columns (migration 0009), their bounds.
SETTING_RANGES = {
    "keep_daily": (1, 60),
    "keep_weekly": (1, 52),
    "keep_monthly": (1, 120),
    "reminder_days": (1, 90),
}


@dataclass(frozen=True)
class BackupSettings:
    """How many automatic copies of each kind are kept, and after how many days without a
    copy in the second place (a USB stick) the window reminds it; stored on the
    installation, changed by an administrator."""

    keep_daily: int = 7
    keep_weekly: int = 4
    keep_monthly: int = 12
    reminder_days: int = 7

    @property
    def policy(self) -> RotationPolicy:
        return RotationPolicy(self.keep_daily, self.keep_weekly, self.keep_monthly)


@dataclass(frozen=True)
class BackupView:
    """One copy in a folder, as the list shows it (read from its name and size only)."""

    path: Path
    created: datetime | None  # local time of the name; None for a legacy copy (file time)
    kind: BackupKind
    size: int
    legacy: bool = False

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def state(self) -> str:
        """Spanish: new-format copies get their final name only once verified."""
        return "formato antiguo, sin comprobar" if self.legacy else "comprobada al hacerla"


@dataclass(frozen=True)
class BackupContents:
    """What a verified copy holds: shown before a restore replaces anything. No personal
    data: counts per kind of record, never names."""

    path: Path
    created: str  # ISO local time the copy was made
    kind: str
    schema: str | None
    app_version: str
    counts: dict[str, int] = field(default_factory=dict)
    documents: int = 0
    size: int = 0
    legacy: bool = False

    def lines(self) -> list[str]:
        """Spanish lines for a terminal or a dialog."""
        try:
            made = datetime.fromisoformat(self.created)
            shown = f"{made:%d/%m/%Y} a las {made:%H:%M}"
        except ValueError:
            shown = self.created
        lines = [
            f"Copia: {self.path.name}",
            f"Hecha el {shown} ({self.kind}), versión {self.app_version}, "
            f"esquema {self.schema or '?'}",
            f"Documentos adjuntos: {self.documents}",
            "Registros que contiene:",
        ]
        held = sorted((record_kind(table), count) for table, count in self.counts.items())
        lines += [f"  {kind}: {count}" for kind, count in held if count]
        return lines


def parse_name(path: Path) -> tuple[datetime, BackupKind] | None:
    """The time and kind a copy's name says (None: not a name of this format)."""
    match = _NAME.match(path.name)
    if not match:
        return None
    *numbers, kind = match.groups()
    try:
        return datetime(*map(int, numbers)), BackupKind(kind)  # type: ignore[misc]
    except ValueError:
        return None
