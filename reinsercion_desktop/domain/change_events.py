"""The change events a bundle carries (docs/bundle-format.md, «Change events»): one JSON
object per line, each a record as it now is on the sender's side, with what the merge of
domain/sync_merge.py needs to tell a change from a conflict.

Values travel as the database stores them (dates and times as ISO text, booleans as 0/1,
JSON documents as their text), so applying an event writes exactly what was read and the
content hash is the same on both sides.
"""

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reinsercion_desktop.domain.sync_merge import Copy, Stamp

UPSERT = "upsert"
OPERATIONS = frozenset({UPSERT})
_SCALARS = (str, int, float, bool, type(None))


class BadEvent(ValueError):
    """A line of the events part that is not a change event this program reads."""


@dataclass(frozen=True)
class ChangeEvent:
    table: str
    record_id: str
    operation: str
    version: int  # the sender's changes to the record (its `mine`)
    base_version: int  # the recipient's changes the sender had taken in (its `theirs`)
    origin: str  # the installation that owns the record
    changed_at: str | None
    changed_by: str
    content_hash: str
    fields: Mapping[str, Any]
    stamps: Mapping[str, Stamp]

    def copy(self) -> Copy:
        """The record as the sender counts it (flip it to read it on the receiving side)."""
        return Copy(dict(self.fields), dict(self.stamps), Stamp(self.version, self.base_version))


def content_hash(table: str, record_id: str, fields: Mapping[str, Any]) -> str:
    """SHA-256 of the record's canonical JSON: table, id and fields by name."""
    text = json.dumps(
        [table, record_id, sorted(fields.items())], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_event(
    table: str,
    fields: Mapping[str, Any],
    copy: Copy,
    *,
    origin: str,
    changed_at: str | None,
    changed_by: str,
) -> ChangeEvent:
    record_id = str(fields["id"])
    values = {name: value for name, value in fields.items() if name != "id"}
    return ChangeEvent(
        table=table,
        record_id=record_id,
        operation=UPSERT,
        version=copy.counts.mine,
        base_version=copy.counts.theirs,
        origin=origin,
        changed_at=changed_at,
        changed_by=changed_by,
        content_hash=content_hash(table, record_id, values),
        fields=values,
        stamps={name: copy.stamps.get(name, Stamp()) for name in values},
    )


def encode(event: ChangeEvent) -> bytes:
    """One line of the events part."""
    document = {
        "t": event.table,
        "id": event.record_id,
        "op": event.operation,
        "v": event.version,
        "base": event.base_version,
        "origin": event.origin,
        "at": event.changed_at,
        "by": event.changed_by,
        "hash": event.content_hash,
        "f": dict(event.fields),
        "s": {name: [stamp.mine, stamp.theirs] for name, stamp in event.stamps.items()},
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def decode(line: bytes) -> ChangeEvent:
    """A line back into an event, every part checked (a signed bundle from a known peer is
    still read as untrusted input); its content hash must match its fields."""
    try:
        document = json.loads(line)
        fields = document["f"]
        stamps = document["s"]
        event = ChangeEvent(
            table=_text(document["t"]),
            record_id=_text(document["id"]),
            operation=_text(document["op"]),
            version=_count(document["v"]),
            base_version=_count(document["base"]),
            origin=_text(document["origin"]),
            changed_at=None if document["at"] is None else _text(document["at"]),
            changed_by=_text(document["by"]),
            content_hash=_text(document["hash"]),
            fields={_text(name): _scalar(value) for name, value in fields.items()},
            stamps={_text(name): Stamp(_count(m), _count(t)) for name, (m, t) in stamps.items()},
        )
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise BadEvent("una línea de cambios no se puede leer") from error
    if event.operation not in OPERATIONS:
        raise BadEvent("una operación desconocida")
    if set(event.stamps) != set(event.fields):
        raise BadEvent("los campos y sus versiones no coinciden")
    if content_hash(event.table, event.record_id, event.fields) != event.content_hash:
        raise BadEvent("el contenido de un registro no coincide con su resumen")
    return event


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _count(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise TypeError(value)
    return value


def _scalar(value: Any) -> Any:
    if not isinstance(value, _SCALARS):
        raise TypeError(value)
    return value
