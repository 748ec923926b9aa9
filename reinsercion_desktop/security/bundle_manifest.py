"""The manifest of an exchange bundle: what it carries, from whom, to whom, signed.

Written as canonical JSON (sorted keys, no spaces, UTF-8) at the end of the plaintext;
the sender's Ed25519 signature covers "reinsercion-desktop/bundle\\n" followed by exactly
those bytes (the same shape as every signature of `security/signing.py`).
"""

import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from reinsercion_desktop.security import signing
from reinsercion_desktop.security.bundle_refusals import BundleDamaged

_SHA256 = re.compile(r"[0-9a-f]{64}")
_CREATED_AT = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class PartDigest:
    name: str
    length: int
    sha256: str  # hex

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "length": self.length, "sha256": self.sha256}


@dataclass(frozen=True)
class BundleHeader:
    """What the caller knows before the parts stream out (the parts' digests come after)."""

    sender: str  # installation ids
    recipient: str
    sequence: int  # this bundle's number from sender to recipient, from 1
    first_change: int | None  # the range of change sequence numbers carried (None: none)
    last_change: int | None
    acknowledged_up_to: int  # the last of the recipient's bundles the sender has applied
    counts: dict[str, int] = field(default_factory=dict)  # per kind of record
    audit_head: dict[str, Any] | None = None  # {"payload": …, "signature": …}, opaque here
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    bundle_id: str = field(default_factory=lambda: str(uuid.uuid4()))


@dataclass(frozen=True)
class Manifest:
    format: tuple[int, int]
    bundle_id: str
    sender: str
    recipient: str
    sequence: int
    first_change: int | None
    last_change: int | None
    acknowledged_up_to: int
    counts: dict[str, int]
    parts: tuple[PartDigest, ...]
    audit_head: dict[str, Any] | None
    created_at: datetime
    signed_bytes: bytes = field(default=b"", repr=False, compare=False)  # as in the file
    signature: bytes = field(default=b"", repr=False, compare=False)  # the sender's, raw

    @classmethod
    def of(
        cls, header: BundleHeader, parts: list[PartDigest], version: tuple[int, int]
    ) -> "Manifest":
        manifest = cls(
            format=version,
            bundle_id=header.bundle_id,
            sender=header.sender,
            recipient=header.recipient,
            sequence=header.sequence,
            first_change=header.first_change,
            last_change=header.last_change,
            acknowledged_up_to=header.acknowledged_up_to,
            counts=dict(header.counts),
            parts=tuple(parts),
            audit_head=header.audit_head,
            created_at=header.created_at,
        )
        body = json.dumps(
            manifest.as_json(), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ).encode("utf-8")
        _check(manifest)  # a caller's mistake fails here, not at the recipient's
        return _with_bytes(manifest, body)

    def as_json(self) -> dict[str, Any]:
        return {
            "format": f"{self.format[0]}.{self.format[1]}",
            "bundle_id": self.bundle_id,
            "sender": self.sender,
            "recipient": self.recipient,
            "sequence": self.sequence,
            "first_change": self.first_change,
            "last_change": self.last_change,
            "acknowledged_up_to": self.acknowledged_up_to,
            "counts": self.counts,
            "parts": [part.as_json() for part in self.parts],
            "audit_head": self.audit_head,
            "created_at": self.created_at.astimezone(UTC).strftime(_CREATED_AT),
        }

    def signed_message(self) -> bytes:
        return signed_message(self.signed_bytes)


def signed_message(manifest_bytes: bytes) -> bytes:
    """The bytes the signature covers (what `signing.canonical` makes for a dict)."""
    return f"reinsercion-desktop/{signing.BUNDLE_PURPOSE}\n".encode("ascii") + manifest_bytes


def claimed_sender(manifest_bytes: bytes) -> tuple[dict[str, Any], str]:
    """The manifest as JSON and the sender it names, before the signature is checked
    (the signature can only be checked against the key of the sender it claims)."""
    try:
        content = json.loads(manifest_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BundleDamaged() from None
    if not isinstance(content, dict) or not isinstance(content.get("sender"), str):
        raise BundleDamaged()
    return content, content["sender"]


def format_of(content: dict[str, Any]) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{1,4})\.(\d{1,4})", str(content.get("format", "")))
    if not match:
        raise BundleDamaged()
    return int(match[1]), int(match[2])


def manifest_from_json(content: dict[str, Any], manifest_bytes: bytes) -> Manifest:
    """The signed manifest as a value; a field of the wrong type is a damaged bundle.
    Fields a newer minor version adds are ignored (they are signed all the same)."""
    try:
        manifest = Manifest(
            format=format_of(content),
            bundle_id=str(uuid.UUID(content["bundle_id"])),
            sender=content["sender"],
            recipient=content["recipient"],
            sequence=content["sequence"],
            first_change=content["first_change"],
            last_change=content["last_change"],
            acknowledged_up_to=content["acknowledged_up_to"],
            counts=dict(content["counts"]),
            parts=tuple(
                PartDigest(name=part["name"], length=part["length"], sha256=part["sha256"])
                for part in content["parts"]
            ),
            audit_head=content["audit_head"],
            created_at=datetime.strptime(content["created_at"], _CREATED_AT).replace(tzinfo=UTC),
        )
        _check(manifest)
    except (KeyError, TypeError, ValueError, AttributeError):
        raise BundleDamaged() from None
    return _with_bytes(manifest, manifest_bytes)


def _is_int(value: Any, minimum: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def _check(manifest: Manifest) -> None:
    changes = (manifest.first_change, manifest.last_change)
    names = [part.name for part in manifest.parts]
    valid = (
        isinstance(manifest.sender, str)
        and isinstance(manifest.recipient, str)
        and manifest.sender
        and manifest.recipient
        and _is_int(manifest.sequence, 1)
        and _is_int(manifest.acknowledged_up_to, 0)
        and (
            changes == (None, None)
            or (_is_int(changes[0], 1) and _is_int(changes[1], 1) and changes[0] <= changes[1])
        )
        and all(isinstance(k, str) and _is_int(v, 0) for k, v in manifest.counts.items())
        and all(
            isinstance(p.name, str) and _is_int(p.length, 0) and _SHA256.fullmatch(p.sha256)
            for p in manifest.parts
        )
        and len(set(names)) == len(names)
        and (manifest.audit_head is None or isinstance(manifest.audit_head, dict))
    )
    if not valid:
        raise ValueError("manifest field of the wrong type or out of range")


def _with_bytes(manifest: Manifest, body: bytes) -> Manifest:
    object.__setattr__(manifest, "signed_bytes", body)
    return manifest
