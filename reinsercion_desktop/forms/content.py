"""The fingerprint of a filled form: what was signed, printed in the footer, checked later."""

import hashlib
import json
from typing import Any


def content_hash(form_id: str, version: int, data: dict[str, Any]) -> str:
    """SHA-256 of the form id, definition version and values, in a canonical JSON form."""
    canonical = json.dumps(
        {"form": form_id, "version": version, "data": data},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def qr_payload(record_id: str, form_id: str, version: int, digest: str) -> str:
    """What the footer's QR code holds: enough to find the record and compare the hash."""
    return f"RD1|{record_id}|{form_id}|{version}|{digest[:16]}"


def parse_qr_payload(payload: str) -> tuple[str, str, int, str] | None:
    parts = payload.strip().split("|")
    # ASCII digits only: "²".isdigit() is true, yet int("²") raises (found by fuzzing).
    version = parts[3] if len(parts) == 5 else ""
    if parts[0] != "RD1" or not (version.isascii() and version.isdigit()):
        return None
    return parts[1], parts[2], int(parts[3]), parts[4]
