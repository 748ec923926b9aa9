"""Reading the audit log and proving its chain is unbroken."""

import json
from dataclasses import dataclass
from datetime import datetime

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.audit import GENESIS_HASH, HASHED_FIELDS, entry_hash
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.domain.dates import format_datetime_es
from reinsercion_desktop.domain.enums import AuditAction


@dataclass(frozen=True)
class AuditLine:
    seq: int
    at: datetime
    login: str
    action: str
    entity: str
    record_id: str
    participant_id: str
    changes: dict
    reason: str

    @property
    def action_label(self) -> str:
        try:
            return AuditAction(self.action).label
        except ValueError:
            return self.action

    def summary(self) -> str:
        """One readable line: when, who, what, which record, which fields."""
        fields = ", ".join(sorted(self.changes)) if self.action == AuditAction.UPDATE else ""
        parts = [
            format_datetime_es(self.at),
            self.login,
            self.action_label,
            f"{self.entity} {self.record_id[:8]}".strip(),
        ]
        if fields:
            parts.append(f"campos: {fields}")
        if self.reason:
            parts.append(f"motivo: {self.reason}")
        return " · ".join(parts)


def audit_lines(
    db: Database,
    *,
    participant_id: str | None = None,
    since: datetime | None = None,
    limit: int | None = None,
) -> list[AuditLine]:
    with db.read() as session:
        entries = queries.audit_entries(
            session=session, participant_id=participant_id, since=since, limit=limit
        )
    lines = [
        AuditLine(
            seq=entry.seq or 0,
            at=entry.at,
            login=entry.actor_login,
            action=entry.action,
            entity=entry.entity,
            record_id=entry.record_id,
            participant_id=entry.participant_id,
            changes=json.loads(entry.changes) if entry.changes else {},
            reason=entry.reason,
        )
        for entry in entries
    ]
    return sorted(lines, key=lambda line: line.seq)


def broken_links(db: Database) -> list[int]:
    """Sequence numbers whose hash does not follow from the previous entry (empty: intact)."""
    broken = []
    previous = GENESIS_HASH
    with db.read() as session:
        for entry in queries.audit_entries(session=session):
            fields = {name: getattr(entry, name) for name in HASHED_FIELDS}
            if entry.prev_hash != previous or entry_hash(previous, fields) != entry.hash:
                broken.append(entry.seq or 0)
            previous = entry.hash
    return broken


class AuditService:
    """The audit log for the window: who saw or changed what, and whether the chain holds."""

    def __init__(self, db: Database):
        self.db = db

    def lines(
        self,
        *,
        participant_id: str | None = None,
        since: datetime | None = None,
        limit: int | None = None,
    ) -> list[AuditLine]:
        return audit_lines(self.db, participant_id=participant_id, since=since, limit=limit)

    def broken_links(self) -> list[int]:
        return broken_links(self.db)
