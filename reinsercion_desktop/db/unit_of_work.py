"""Unit of work: stamps bookkeeping columns and appends the audit log in the same commit."""

import json
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import event, inspect, select
from sqlmodel import Session, SQLModel

from reinsercion_desktop.db.audit import GENESIS_HASH, HASHED_FIELDS, entry_hash, to_json_value
from reinsercion_desktop.db.models import AuditEntry, Participant, Record, Referral, Stay
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.clock import Clock
from reinsercion_desktop.domain.enums import AuditAction

T = TypeVar("T", bound=SQLModel)

BOOKKEEPING = {"created_at", "created_by", "updated_at", "updated_by", "version"}
_REDACTED = {"password_hash"}
NOT_AUDITED = {"search_key"}
# JSON documents (a form's values) are audited as the list of fields that changed:
# the log says what changed without holding a second copy of every report.
JSON_DOCUMENTS = {"data"}


class UnitOfWork:
    """What a service writes through: `add`, `get`, `record_read`; commit is the caller's `with`."""

    def __init__(self, session: Session, actor: Actor, clock: Clock, *, reason: str = ""):
        self.session = session
        self.actor = actor
        self.clock = clock
        self.reason = reason
        self._last_hash: str | None = None
        self._pending_ids: set[str] = set()
        event.listen(session, "before_flush", self._before_flush)
        event.listen(session, "after_flush", lambda *_: self._pending_ids.clear())

    def add(self, record: T) -> T:
        """Stage a record; a child of a record staged in this same unit is inserted after it.

        The tables declare foreign keys but no ORM relationships, so SQLAlchemy would not
        know to insert a stay before its outing: flushing first keeps the order.
        """
        if self._pending_ids and any(
            getattr(record, key, None) in self._pending_ids
            for key in _foreign_key_columns(type(record))
        ):
            self.session.flush()
        self.session.add(record)
        if getattr(record, "id", None):
            self._pending_ids.add(record.id)  # type: ignore[attr-defined]
        return record

    def get(self, model: type[T], record_id: str) -> T | None:
        return self.session.get(model, record_id)

    def flush(self) -> None:
        self.session.flush()

    def record_read(self, entity: str, record_id: str, *, participant_id: str = "") -> None:
        """Audit that someone opened a record (reading health data is audited too)."""
        self._append(AuditAction.READ, entity, record_id, participant_id, {})

    def record_event(
        self, action: AuditAction, entity: str, record_id: str = "", changes: dict | None = None
    ) -> None:
        self._append(action, entity, record_id, "", changes or {})

    # -- internals -------------------------------------------------------------------

    def _before_flush(self, session: Session, _context: Any, _instances: Any) -> None:
        now = self.clock.now()
        for obj in list(session.new):
            if isinstance(obj, Record):
                obj.created_at = obj.updated_at = now
                obj.created_by = obj.updated_by = self.actor.login
                obj.version = 1
                obj.installation_id = obj.installation_id or self.actor.installation_id
                values = {
                    key: to_json_value(getattr(obj, key))
                    for key in _columns(obj)
                    if key not in BOOKKEEPING and key != "id" and key not in JSON_DOCUMENTS
                }
                for key in JSON_DOCUMENTS & set(_columns(obj)):
                    values[key] = {"campos": _changed_keys(None, getattr(obj, key))}
                self._append_for(obj, AuditAction.CREATE, values)
        for obj in list(session.dirty):
            if isinstance(obj, Record) and session.is_modified(obj, include_collections=False):
                changes = _changes(obj)
                if not changes:
                    continue
                obj.updated_at = now
                obj.updated_by = self.actor.login
                obj.version = (obj.version or 0) + 1
                self._append_for(obj, AuditAction.UPDATE, changes)
        for obj in list(session.deleted):
            if isinstance(obj, Record):
                self._append_for(obj, AuditAction.DELETE, {})

    def _append_for(self, obj: Record, action: AuditAction, changes: dict) -> None:
        participant_id = self._owner_of(obj)
        entity = obj.__tablename__  # type: ignore[attr-defined]
        redacted = {k: ("***" if k in _REDACTED else v) for k, v in changes.items()}
        self._append(action, str(entity), obj.id, participant_id, redacted)

    def _owner_of(self, obj: Record) -> str:
        """Whose file a record belongs to, so `audit --participant` finds all about a person.

        Outings, controls, incidents and contributions hang from a stay, and a referral's
        history from the referral: their person owns them.
        """
        if isinstance(obj, Participant):
            return obj.id
        owner = getattr(obj, "participant_id", None)
        for link, parent_model in (("stay_id", Stay), ("referral_id", Referral)):
            if owner is None and getattr(obj, link, None):
                with self.session.no_autoflush:
                    parent = self.session.get(parent_model, getattr(obj, link))
                owner = parent.participant_id if parent else None
        return owner or ""

    def _append(
        self, action: AuditAction, entity: str, record_id: str, participant_id: str, changes: dict
    ) -> None:
        if self._last_hash is None:
            with self.session.no_autoflush:
                last = self.session.execute(
                    select(AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)  # type: ignore[union-attr]
                ).scalar()
            self._last_hash = last or GENESIS_HASH
        fields = {
            "at": self.clock.now(),
            "actor_id": self.actor.user_id,
            "actor_login": self.actor.login,
            "installation_id": self.actor.installation_id,
            "action": action.value,
            "entity": entity,
            "record_id": record_id,
            "participant_id": participant_id,
            "changes": json.dumps(changes, ensure_ascii=False, sort_keys=True) if changes else "",
            "reason": self.reason,
        }
        assert set(fields) == set(HASHED_FIELDS)
        digest = entry_hash(self._last_hash, fields)
        self.session.add(AuditEntry(**fields, prev_hash=self._last_hash, hash=digest))
        self._last_hash = digest


@cache
def _foreign_key_columns(model: type) -> tuple[str, ...]:
    mapper = inspect(model, raiseerr=False)
    if mapper is None:
        return ()
    return tuple(
        attr.key for attr in mapper.column_attrs if any(c.foreign_keys for c in attr.columns)
    )


def _columns(obj: Record) -> list[str]:
    return [attr.key for attr in inspect(obj).mapper.column_attrs if attr.key not in NOT_AUDITED]


def _changes(obj: Record) -> dict[str, list[Any]]:
    state = inspect(obj)
    changes: dict[str, list[Any]] = {}
    for key in _columns(obj):
        if key in BOOKKEEPING:
            continue
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old != new:
            if key in JSON_DOCUMENTS:
                changes[key] = {"campos": _changed_keys(old, new)}
            else:
                changes[key] = [to_json_value(old), to_json_value(new)]
    return changes


def _changed_keys(old: str | None, new: str | None) -> list[str]:
    before, after = json.loads(old or "{}"), json.loads(new or "{}")
    return sorted(key for key in set(before) | set(after) if before.get(key) != after.get(key))
