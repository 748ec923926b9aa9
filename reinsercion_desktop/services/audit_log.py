"""Reading the audit log and proving its chain is unbroken.

An entry names the fields that changed, never their values (`db/audit.py`): the viewer
and `reinsercion audit` show the fields by their Spanish labels. With the data key a
value can still be proved against an entry (`AuditService.proves`).
"""

import contextlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reinsercion_desktop.db import audit_queries, queries
from reinsercion_desktop.db.audit import CONTENT_KEY, FIELDS_KEY, is_reserved
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.dates import format_datetime_es
from reinsercion_desktop.domain.enums import AuditAction
from reinsercion_desktop.domain.errors import NotFoundError
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.security.actors import authorize
from reinsercion_desktop.services.field_labels import field_label, readable, record_kind

AUDIT_LOG = "audit_log"  # the log's own table: a read of the log names it


@dataclass(frozen=True)
class AuditLine:
    seq: int
    at: datetime
    login: str
    action: str
    entity: str
    record_id: str
    participant_id: str
    changes: dict  # field → keyed hashes (or, in entries of older versions, values)
    reason: str
    content: str = ""  # the keyed hash of the record after the write ("" in older entries)
    fields_set: tuple[str, ...] = ()  # a creation: the fields it set

    @property
    def action_label(self) -> str:
        try:
            return AuditAction(self.action).label
        except ValueError:
            return self.action

    def summary(self) -> str:
        """One readable line: when, who, what, which record, which fields."""
        # The kind of record and its fields in Spanish, as the audit viewer shows them.
        fields = (
            ", ".join(sorted(field_label(self.entity, name) for name in self.changes))
            if self.action == AuditAction.UPDATE
            else ""
        )
        parts = [
            format_datetime_es(self.at),
            self.login,
            self.action_label,
            f"{record_kind(self.entity)} {self.record_id[:8]}".strip(),
        ]
        if fields:
            parts.append(f"campos: {fields}")
        parts += self._refused_login()
        if self.reason:
            parts.append(f"motivo: {self.reason}")
        return " · ".join(parts)

    def _refused_login(self) -> list[str]:
        """A refused login is written at the next login that opens the data: the line
        says when it was tried, and what was typed as the login."""
        if self.action not in (AuditAction.LOGIN_FAILED, AuditAction.LOGIN_LOCKED):
            return []
        parts = []
        when = self.changes.get("when")
        if isinstance(when, str):
            with contextlib.suppress(ValueError):  # an entry of another version: no time
                parts.append(f"intento del {format_datetime_es(datetime.fromisoformat(when))}")
        typed = self.changes.get("login")
        if isinstance(typed, str) and typed:
            parts.append(f"usuario escrito: «{typed}»")
        return parts


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
    lines = []
    for entry in entries:
        recorded: dict[str, Any] = json.loads(entry.changes) if entry.changes else {}
        lines.append(
            AuditLine(
                seq=entry.seq or 0,
                at=entry.at,
                login=entry.actor_login,
                action=entry.action,
                entity=entry.entity,
                record_id=entry.record_id,
                participant_id=entry.participant_id,
                changes={k: v for k, v in recorded.items() if not is_reserved(k)},
                reason=entry.reason,
                content=str(recorded.get(CONTENT_KEY, "")),
                fields_set=tuple(recorded.get(FIELDS_KEY, ())),
            )
        )
    return sorted(lines, key=lambda line: line.seq)


def broken_links(db: Database) -> list[int]:
    """Sequence numbers whose hash does not follow from the previous entry (empty: intact)."""
    with db.read() as session:
        return audit_queries.scan_chain(session=session).broken


@dataclass(frozen=True)
class AuditLineView:
    """One entry of the log as the audit viewer shows it: the kind of record in Spanish,
    the person by CODAPEL (never by name), the changed fields by their labels."""

    seq: int
    at: datetime
    login: str
    action: str
    action_label: str
    kind: str  # «Ficha», «Derivación», «Paso de la derivación»…
    record_id: str
    participant_id: str
    codapel: str  # "" when the entry is about no person
    fields: tuple[str, ...]  # Spanish labels of what changed (updates)
    note: str  # what else the entry says: a failed login's user name
    reason: str

    @property
    def details(self) -> str:
        """Everything the entry says beyond who, when and what: fields, note, reason."""
        parts = []
        if self.fields:
            parts.append(", ".join(self.fields))
        if self.note:
            parts.append(self.note)
        if self.reason:
            parts.append(f"Motivo: {self.reason}")
        return " · ".join(parts)


def _action_label(action: str) -> str:
    try:
        return AuditAction(action).label
    except ValueError:  # an action of a newer version
        return readable(action)


def changed_fields(entity: str, changes: dict) -> tuple[str, ...]:
    """The Spanish labels of an update's changed fields; a form's content lists the
    fields of the form that changed («Contenido del formulario (Apellidos, Telefono)»)."""
    labels = []
    for name in sorted(changes, key=lambda key: field_label(entity, key)):
        label = field_label(entity, name)
        value = changes[name]
        if isinstance(value, dict) and value.get("campos"):
            inner = ", ".join(readable(str(key)) for key in value["campos"])
            label = f"{label} ({inner})"
        labels.append(label)
    return tuple(labels)


def line_view(line: AuditLine, codapels: dict[str, str]) -> AuditLineView:
    note = ""
    if line.action == AuditAction.LOGIN_FAILED and line.changes.get("login"):
        note = f"Usuario escrito: {line.changes['login']}"
    return AuditLineView(
        seq=line.seq,
        at=line.at,
        login=line.login,
        action=line.action,
        action_label=_action_label(line.action),
        kind=record_kind(line.entity),
        record_id=line.record_id,
        participant_id=line.participant_id,
        codapel=codapels.get(line.participant_id, ""),
        fields=changed_fields(line.entity, line.changes)
        if line.action == AuditAction.UPDATE
        else (),
        note=note,
        reason=line.reason,
    )


class AuditService:
    """The audit log for the window and `reinsercion audit`: who saw or changed what, and
    whether the chain holds. From responsable up; reading the log is itself audited."""

    def __init__(self, db: Database):
        self.db = db

    def lines(
        self,
        actor: Actor,
        *,
        participant_id: str | None = None,
        since: datetime | None = None,
        limit: int | None = None,
    ) -> list[AuditLineView]:
        """The entries ready to show, newest first (`limit`: the newest that many)."""
        authorize(actor, PermissionAction.AUDIT_READ)
        self._record_read(actor, participant_id)
        raw = audit_lines(self.db, participant_id=participant_id, since=since, limit=limit)
        people = {line.participant_id for line in raw if line.participant_id}
        with self.db.read() as session:
            codapels = queries.codapels_of(session=session, participant_ids=people)
        return [line_view(line, codapels) for line in reversed(raw)]

    def broken_links(self, actor: Actor) -> list[int]:
        """Whether the chain holds, for the viewer's header (no entry's content is read)."""
        authorize(actor, PermissionAction.AUDIT_READ)
        return broken_links(self.db)

    def proves(self, line: AuditLine, field: str, value: object, *, old: bool = False) -> bool:
        """Whether `value` is the new (or `old`) value of `field` an update recorded: what
        the keyed hashes let someone holding the data key establish, nobody else."""
        return audit_queries.proves_value(
            key=self.db.audit_key,
            entity=line.entity,
            record_id=line.record_id,
            field=field,
            value=value,
            recorded=line.changes.get(field),
            old=old,
        )

    def entries(
        self,
        actor: Actor,
        *,
        participant_id: str | None = None,
        since: datetime | None = None,
    ) -> list[AuditLine]:
        """Every entry, oldest first, each with its one-line `summary()` (`reinsercion audit`)."""
        authorize(actor, PermissionAction.AUDIT_READ)
        if participant_id is not None and not participant_id.strip():
            raise NotFoundError("Escriba el id de la ficha: cópielo de la lista de participantes.")
        if participant_id is not None and not audit_lines(self.db, participant_id=participant_id):
            # Every file has its creation entry: none means a mistyped id. Said, and not
            # recorded as a read (a 10,000-character id would have gone into the log).
            shown = participant_id if len(participant_id) <= 40 else participant_id[:40] + "…"
            raise NotFoundError(
                f"No hay ninguna ficha con el id «{shown}»: cópielo de la lista de participantes."
            )
        self._record_read(actor, participant_id)
        return audit_lines(self.db, participant_id=participant_id, since=since)

    def _record_read(self, actor: Actor, participant_id: str | None) -> None:
        """The log says who read it: the whole log, or one person's entries (then the read
        is among that person's, so `audit --participant` shows who looked)."""
        with self.db.unit_of_work(actor) as work:
            work.record_read(AUDIT_LOG, "", participant_id=participant_id or "")
