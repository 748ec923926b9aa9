"""The audit chain: each entry's hash covers its content and the previous hash."""

import hashlib
import json
from datetime import date, datetime
from typing import Any

GENESIS_HASH = "0" * 64


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
