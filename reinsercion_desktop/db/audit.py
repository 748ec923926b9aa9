"""The audit chain and what an entry records.

Each entry's hash (SHA-256) covers its content and the previous entry's hash, so an
entry changed or removed in the middle breaks the chain. The chain's head is anchored
outside the database, signed (`services/audit_anchor.py`), so a cut tail, an emptied or
re-hashed log, or entries appended outside the application are found too.

An entry holds no personal data in clear. Its `changes` say which fields changed and,
for each, a keyed hash (HMAC-SHA256 under `Database.audit_key`, truncated to 128 bits)
of the old and the new value, salted with the record and the field so that equal values
of two people do not hash alike; and `@contenido`, the keyed hash of the whole record as
stored after the write, which `reinsercion check` recomputes to find a record edited
outside the application. With the key, a value can be proved («was the HIV status
"positivo" on that day?»); without it nothing can be read; and a closed file can be
anonymised later without touching the chain.

    create: {"@contenido": mac, "@campos": [fields set, sorted]}
    update: {"@contenido": mac, field: [mac old, mac new], …,
             "data": {"campos": {form field: [mac old, mac new]}}}   (a form's values)
    delete: {"@contenido": mac of the record as it was}
    events: what the service recorded (a failed login's typed name), as given.
"""

import hashlib
import hmac
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import Table
from sqlalchemy.engine import Dialect

if TYPE_CHECKING:
    from reinsercion_desktop.db.unit_of_work import UnitOfWork

GENESIS_HASH = "0" * 64
CONTENT_KEY = "@contenido"  # the keyed hash of the whole record after the write
FIELDS_KEY = "@campos"  # a creation: the fields it set
MAC_CHARS = 32  # 128 bits of HMAC-SHA256, in hex


def to_json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def entry_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    payload = json.dumps(
        {"prev": prev_hash, **{k: to_json_value(v) for k, v in fields.items()}},
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


HASHED_FIELDS = (
    "at",
    "actor_id",
    "actor_login",
    "installation_id",
    "action",
    "entity",
    "record_id",
    "participant_id",
    "changes",
    "reason",
)
_text = encode_basestring  # a JSON string, as json.dumps(…, ensure_ascii=False) writes it


def text_entry_hash(prev_hash: str, values: Mapping[str, str]) -> str:
    """`entry_hash` of an entry whose fields are all text already (`at` in ISO format, as
    `to_json_value` gives it): json.dumps(…, sort_keys=True) spelled out, ~3× faster, for
    proving a log of hundreds of thousands of entries."""
    v = values
    payload = (
        f'{{"action": {_text(v["action"])}, "actor_id": {_text(v["actor_id"])}, '
        f'"actor_login": {_text(v["actor_login"])}, "at": {_text(v["at"])}, '
        f'"changes": {_text(v["changes"])}, "entity": {_text(v["entity"])}, '
        f'"installation_id": {_text(v["installation_id"])}, '
        f'"participant_id": {_text(v["participant_id"])}, "prev": {_text(prev_hash)}, '
        f'"reason": {_text(v["reason"])}, "record_id": {_text(v["record_id"])}}}'
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainPoint:
    """One position of the chain: an entry's sequence number and hash, and how many entries
    the log holds up to it (`count`; None where unknown)."""

    seq: int
    hash: str
    count: int | None = None

    def same_entry(self, other: "ChainPoint | None") -> bool:
        return other is not None and (self.seq, self.hash) == (other.seq, other.hash)


GENESIS = ChainPoint(0, GENESIS_HASH, 0)


class ChainWitness(Protocol):
    """Who anchors the chain's head outside the database (`services/audit_anchor.py`).

    A unit of work that appended entries calls `before_commit` while it still holds the
    database's write lock (so anchors follow the order of commits, also across processes),
    then `after_commit` or `after_rollback`. `floor` is the highest sequence number ever
    anchored: a new entry is numbered above it, so a sequence number is never reused even
    after the tail was cut."""

    def floor(self) -> int: ...

    def before_commit(self, work: "UnitOfWork") -> None: ...

    def after_commit(self, work: "UnitOfWork") -> None: ...

    def after_rollback(self, work: "UnitOfWork") -> None: ...


# -- keyed hashes of values and records --------------------------------------------------


def is_reserved(key: str) -> bool:
    """An entry's own keys (the record's hash, the fields a creation set), not a field."""
    return key.startswith("@")


def mac(key: bytes, message: str) -> str:
    return hmac.digest(key, message.encode("utf-8"), "sha256").hex()[:MAC_CHARS]


def stored_text(value: Any) -> str | None:
    """A stored value as text, alike whether read back from SQLite or about to be written
    (booleans are stored as 0/1, a whole REAL comes back as 3.0 for the 3 written)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def value_mac(key: bytes, entity: str, record_id: str, field: str, text: str | None) -> str:
    """The keyed hash of one stored value of one record's field (None: empty)."""
    shown = "\x00" if text is None else f"={text}"
    return mac(key, f"valor\x1f{entity}\x1f{record_id}\x1f{field}\x1f{shown}")


def document_value_mac(key: bytes, entity: str, record_id: str, name: str, value: Any) -> str:
    """The keyed hash of one value inside a JSON document (a form's field)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False)
    return mac(key, f"documento\x1f{entity}\x1f{record_id}\x1f{name}\x1f{text}")


_IN_UTC_WITH_OFFSET = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2})(\.[0-9]{6})?\+00:00"
)
_AS_THE_ORM_WRITES = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}")


def utc_text(value: Any) -> str | None:
    """A date and time as one text whatever way it was stored: the ORM writes UTC without
    an offset ("2026-01-15 09:00:00.000000"), bulk writes of older versions kept the
    offset ("2026-01-15 09:00:00+00:00")."""
    if isinstance(value, str):
        if _AS_THE_ORM_WRITES.fullmatch(value):
            return value  # what parsing and writing it again would give (300,000 per import)
        utc = _IN_UTC_WITH_OFFSET.fullmatch(value)
        if utc:  # as bulk writes store it: the same without the offset (a real date only)
            try:
                datetime.fromisoformat(utc[1])
            except ValueError:
                return value
            return utc[1] + (utc[2] or ".000000")
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat(" ", "microseconds")
    return stored_text(value)


@lru_cache(maxsize=1 << 16)
def _utc_text_cached(text: str) -> str | None:
    return utc_text(text)  # stamps repeat: a bulk write stamps thousands of records alike


class TableCodec:
    """A table's columns as SQLite stores them: what the ORM writes, turned into the text
    a raw read gives back, and the keyed hash of a whole record.

    A column holding its model default is left out of a record's hash, so a migration
    adding a column with a default does not make every record look edited. (A migration
    that fills or renames columns must append audit entries for what it changed.)"""

    def __init__(self, table: Table, dialect: Dialect):
        self.table = table
        self.names = sorted(column.name for column in table.columns)
        # dialect_impl: a type decorator's own conversion and then SQLite's (the aware
        # datetimes become the text the ORM stores)
        self._processors = {
            c.name: c.type.dialect_impl(dialect).bind_processor(dialect) for c in table.columns
        }
        self.temporal = {c.name for c in table.columns if _is_datetime(c.type)}
        self._plans: dict[tuple[str, ...], list[tuple[str, int, str | None, bool]]] = {}
        self.defaults: dict[str, str | None] = {}
        for column in table.columns:
            default = column.default
            if default is None or default.is_callable or default.is_clause_element:
                continue
            self.defaults[column.name] = self.text_of(column.name, default.arg)  # type: ignore[union-attr]

    def text_of(self, name: str, value: Any) -> str | None:
        """The stored text of a Python value of column `name`."""
        if value is None:
            return None
        process = self._processors.get(name)
        return self.normal(name, process(value) if process else value)

    def normal(self, name: str, stored: Any) -> str | None:
        """A value as read back from the database, as text."""
        if stored is None:
            return None
        return utc_text(stored) if name in self.temporal else stored_text(stored)

    def content(self, texts: Mapping[str, str | None]) -> str:
        """The canonical text of a record: its non-default columns, by name."""
        defaults = self.defaults
        return "\x1e".join(
            f"{name}\x1f{text}"
            for name in self.names
            if (text := texts.get(name)) is not None and text != defaults.get(name)
        )

    def content_mac(self, key: bytes, texts: Mapping[str, str | None]) -> str:
        return mac(key, f"registro\x1f{self.table.name}\x1e{self.content(texts)}")

    def record_texts(self, record: object) -> dict[str, str | None]:
        """An ORM record's columns as stored."""
        return {name: self.text_of(name, getattr(record, name, None)) for name in self.names}

    def row_content_mac(self, key: bytes, columns: tuple[str, ...], row: tuple) -> str:
        """`content_mac` of a row read raw (`columns`: the cursor's), spelled out for speed:
        `reinsercion check` hashes every record."""
        plan = self._plans.get(columns)
        if plan is None:
            plan = self._plans[columns] = self._plan(columns)
        content = "\x1e".join(
            f"{label}{shown}"
            for label, i, default, temporal in plan
            if (stored := row[i]) is not None
            and (
                shown := _utc_text_cached(stored)
                if temporal and type(stored) is str
                else stored
                if type(stored) is str
                else self.normal(label[:-1], stored)
            )
            != default
        )
        return mac(key, f"registro\x1f{self.table.name}\x1e{content}")

    def _plan(self, columns: tuple[str, ...]) -> list[tuple[str, int, str | None, bool]]:
        position = {name: i for i, name in enumerate(columns)}
        return [
            (f"{name}\x1f", position[name], self.defaults.get(name), name in self.temporal)
            for name in self.names
            if name in position
        ]


def _is_datetime(kind: Any) -> bool:
    kind = getattr(kind, "impl_instance", kind)
    try:
        return kind.python_type is datetime  # type: ignore[no-any-return]
    except NotImplementedError:
        return False


_CODECS: dict[tuple[str, str], TableCodec] = {}


def codec_for(table: Table, dialect: Dialect) -> TableCodec:
    """One codec per table and kind of database (every engine here is SQLite alike)."""
    codec = _CODECS.get((table.name, dialect.name))
    if codec is None or codec.table is not table:
        codec = _CODECS[(table.name, dialect.name)] = TableCodec(table, dialect)
    return codec
