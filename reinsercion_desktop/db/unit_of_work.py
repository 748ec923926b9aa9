"""Unit of work: stamps bookkeeping columns and appends the audit log in the same commit.

The audit entries it writes hold no values in clear (see `db/audit.py`): the fields that
changed with keyed hashes of their values, and the keyed hash of each record as written.
Entries are numbered by hand, above both the log's last entry and the highest number
ever anchored, so a number is never given twice even after entries were removed.
"""

import errno
import json
import logging
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import String, event, inspect, select
from sqlmodel import Session, SQLModel

from reinsercion_desktop.db.audit import (
    CONTENT_KEY,
    FIELDS_KEY,
    GENESIS,
    HASHED_FIELDS,
    ChainPoint,
    ChainWitness,
    TableCodec,
    codec_for,
    document_value_mac,
    entry_hash,
    value_mac,
)
from reinsercion_desktop.db.models import AuditEntry, Participant, Record, Referral, Stay
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.clock import Clock
from reinsercion_desktop.domain.enums import AuditAction
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.domain.text_input import checked_text, field_label

T = TypeVar("T", bound=SQLModel)
log = logging.getLogger(__name__)

BOOKKEEPING = {"created_at", "created_by", "updated_at", "updated_by", "version"}
NOT_AUDITED = {"search_key"}
# JSON documents (a form's values) are audited as the fields of the document that changed.
JSON_DOCUMENTS = {"data"}
# The session's info key under which its unit of work is found (db/bulk.py chains through it).
UNIT_OF_WORK = "reinsercion.unit_of_work"


class UnitOfWork:
    """What a service writes through: `add`, `get`, `record_read`; commit is the caller's `with`."""

    def __init__(
        self,
        session: Session,
        actor: Actor,
        clock: Clock,
        *,
        reason: str = "",
        audit_key: bytes = b"",
        witness: ChainWitness | None = None,
    ):
        self.session = session
        self.actor = actor
        self.clock = clock
        self.reason = reason
        self.audit_key = audit_key
        self.witness = witness
        self.base: ChainPoint | None = None  # the log's last entry when this unit began
        self.head: ChainPoint | None = None  # the last entry this unit appended
        self.appended = 0
        self.anchored: ChainPoint | None = None  # the head the witness anchored as pending
        # An administrator starts the anchor again from the log as it is
        # (services/audit_anchor.restart_anchor): the witness does not compare it.
        self.restart_anchor = False
        self._pending_ids: set[str] = set()
        session.info[UNIT_OF_WORK] = self
        _watch_disk_full(session.get_bind())
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
        """An event the service describes itself (a login, a failed one): `changes` are kept
        as given, so they must hold no personal data."""
        self._append(action, entity, record_id, "", changes or {})

    # -- the chain -------------------------------------------------------------------

    def chain_tail(self) -> ChainPoint:
        """Where the next entry goes: after the last number used (or ever anchored) and
        after the log's last hash."""
        if self.head is None:
            with self.session.no_autoflush:
                row = self.session.execute(
                    select(AuditEntry.seq, AuditEntry.hash)
                    .order_by(AuditEntry.seq.desc())  # type: ignore[union-attr]
                    .limit(1)
                ).first()
            self.base = ChainPoint(row[0], row[1]) if row else GENESIS
            floor = self.witness.floor() if self.witness else 0
            self.head = ChainPoint(max(self.base.seq, floor), self.base.hash)
        return self.head

    def chain_extended(self, head: ChainPoint, added: int) -> None:
        """`added` entries were appended up to `head` (by this unit or by db/bulk.py)."""
        self.head = ChainPoint(head.seq, head.hash)
        self.appended += added

    def seal(self) -> None:
        """Before the commit: the last flush, then the witness anchors the new head."""
        self.session.flush()
        if self.appended and self.witness is not None:
            self.witness.before_commit(self)

    def committed(self) -> None:
        """After the commit: the witness confirms the anchored head."""
        self._settle(committed=True)

    def rolled_back(self) -> None:
        """After a rollback: the witness drops the head it anchored as pending."""
        self._settle(committed=False)

    def _settle(self, *, committed: bool) -> None:
        if self.anchored is None or self.witness is None:
            return
        try:
            # Under the write lock again (BEGIN IMMEDIATE, nothing written), so the witness's
            # writes follow the order of commits, between threads and processes alike.
            with self.session.begin():
                self.session.connection()
                if committed:
                    self.witness.after_commit(self)
                else:
                    self.witness.after_rollback(self)
        except Exception:  # the data are as committed; the next unit of work settles it
            log.exception("the audit anchor could not be settled after a unit of work")

    # -- internals -------------------------------------------------------------------

    def _codec(self, obj: Record) -> TableCodec:
        return codec_for(obj.__table__, self.session.get_bind().dialect)  # type: ignore[attr-defined]

    def _before_flush(self, session: Session, _context: Any, _instances: Any) -> None:
        now = self.clock.now()
        for obj in list(session.new):
            if isinstance(obj, Record):
                _clean_texts(obj, new=True)
                obj.created_at = obj.updated_at = now
                obj.created_by = obj.updated_by = self.actor.login
                obj.version = 1
                obj.installation_id = obj.installation_id or self.actor.installation_id
                texts = self._codec(obj).record_texts(obj)
                set_fields = sorted(
                    key
                    for key in _columns(obj)
                    if texts[key] is not None and key not in BOOKKEEPING and key != "id"
                )
                changes = {FIELDS_KEY: set_fields, CONTENT_KEY: self._content(obj, texts)}
                self._append_for(obj, AuditAction.CREATE, changes)
        for obj in list(session.dirty):
            if isinstance(obj, Record) and session.is_modified(obj, include_collections=False):
                _clean_texts(obj, new=False)
                changes = self._changes(obj)
                if not changes:
                    continue
                obj.updated_at = now
                obj.updated_by = self.actor.login
                obj.version = (obj.version or 0) + 1
                changes[CONTENT_KEY] = self._content(obj)
                self._append_for(obj, AuditAction.UPDATE, changes)
        for obj in list(session.deleted):
            if isinstance(obj, Record):
                self._append_for(obj, AuditAction.DELETE, {CONTENT_KEY: self._content(obj)})

    def _content(self, obj: Record, texts: dict[str, str | None] | None = None) -> str:
        codec = self._codec(obj)
        with self.session.no_autoflush:
            return codec.content_mac(self.audit_key, texts or codec.record_texts(obj))

    def _changes(self, obj: Record) -> dict[str, Any]:
        """The fields an update changed, each with the keyed hashes of its old and new value."""
        state = inspect(obj)
        codec = self._codec(obj)
        entity, key = obj.__tablename__, self.audit_key  # type: ignore[attr-defined]
        changes: dict[str, Any] = {}
        for name in _columns(obj):
            if name in BOOKKEEPING:
                continue
            history = state.attrs[name].history
            if not history.has_changes():
                continue
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old == new:
                continue
            if name in JSON_DOCUMENTS:
                changes[name] = {"campos": _document_changes(key, entity, obj.id, old, new)}
            else:
                changes[name] = [
                    value_mac(key, entity, obj.id, name, codec.text_of(name, value))
                    for value in (old, new)
                ]
        return changes

    def _append_for(self, obj: Record, action: AuditAction, changes: dict) -> None:
        participant_id = self._owner_of(obj)
        entity = obj.__tablename__  # type: ignore[attr-defined]
        self._append(action, str(entity), obj.id, participant_id, changes)

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
        tail = self.chain_tail()
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
        digest = entry_hash(tail.hash, fields)
        seq = tail.seq + 1
        self.session.add(AuditEntry(seq=seq, **fields, prev_hash=tail.hash, hash=digest))
        self.chain_extended(ChainPoint(seq, digest), 1)


class DiskFullError(UserError):
    """SQLite could not write: the disk (or the user's quota) is full. Nothing was saved."""

    def __init__(self) -> None:
        super().__init__(
            "No se pudo guardar: no queda espacio en el disco. No se ha guardado nada de este "
            "cambio; libere espacio (o cierre otros programas) y vuelva a intentarlo."
        )


def is_disk_full(error: BaseException | None) -> bool:
    """SQLITE_FULL as sqlite3 and sqlcipher3 word it, or ENOSPC/EDQUOT from the system."""
    while error is not None:
        if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if "database or disk is full" in str(error) or getattr(error, "sqlite_errorcode", 0) == 13:
            return True
        error = error.__cause__ or error.__context__
    return False


def _disk_full(context: Any) -> Exception | None:
    """SQLAlchemy's handle_error hook: a full disk becomes one Spanish line, not an
    unexpected error; the unit of work rolls back as for any error."""
    if is_disk_full(context.original_exception):
        return DiskFullError()
    return None


def _watch_disk_full(bind: Any) -> None:
    if bind is not None and not event.contains(bind, "handle_error", _disk_full):
        event.listen(bind, "handle_error", _disk_full)


@cache
def _foreign_key_columns(model: type) -> tuple[str, ...]:
    mapper = inspect(model, raiseerr=False)
    if mapper is None:
        return ()
    return tuple(
        attr.key for attr in mapper.column_attrs if any(c.foreign_keys for c in attr.columns)
    )


@cache
def _text_columns(model: type) -> tuple[tuple[str, int | None], ...]:
    """(attribute, declared length) of the model's text columns, JSON documents apart."""
    columns = []
    for attr in inspect(model).mapper.column_attrs:
        column = attr.columns[0]
        if attr.key in JSON_DOCUMENTS or attr.key in BOOKKEEPING:
            continue
        kind = column.type
        if isinstance(kind, String) or isinstance(getattr(kind, "impl", None), String):
            columns.append((attr.key, getattr(kind, "length", None)))
    return tuple(columns)


def _clean_texts(obj: Record, *, new: bool) -> None:
    """Every text written goes through the one cleaner (domain/text_input.py): controls
    and bidi overrides removed, invisible-only text and text beyond the column refused.
    On an update only the fields that changed are looked at: old values stay as they are."""
    state = inspect(obj)
    table = obj.__tablename__  # type: ignore[attr-defined]
    for name, length in _text_columns(type(obj)):
        if not new and not state.attrs[name].history.has_changes():
            continue
        value = getattr(obj, name)
        if not isinstance(value, str) or not value:
            continue
        cleaned = checked_text(value, label=field_label(table, name), field=name, max_length=length)
        if cleaned != value:
            setattr(obj, name, cleaned)


def _columns(obj: Record) -> list[str]:
    return [attr.key for attr in inspect(obj).mapper.column_attrs if attr.key not in NOT_AUDITED]


def _document_changes(
    key: bytes, entity: str, record_id: str, old: str | None, new: str | None
) -> dict[str, list[str]]:
    """The fields of a JSON document (a form's values) that changed, with keyed hashes."""
    before, after = json.loads(old or "{}"), json.loads(new or "{}")
    return {
        name: [
            document_value_mac(key, entity, record_id, name, side.get(name))
            for side in (before, after)
        ]
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    }
