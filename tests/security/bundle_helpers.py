"""What the bundle tests share: two installations' keys, and a bundle written in memory."""

import io
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pyrage import x25519

from reinsercion_desktop.security import signing
from reinsercion_desktop.security.bundle_file import BundleHeader, write_bundle

CENTRE, OFFICE = "centro-7d1f", "oficina-02ab"


@dataclass
class Installation:
    id: str
    identity: x25519.Identity
    signing_key: Ed25519PrivateKey

    @classmethod
    def new(cls, installation_id: str) -> "Installation":
        return cls(installation_id, x25519.Identity.generate(), signing.new_private_key())

    @property
    def recipient(self) -> str:
        return str(self.identity.to_public())

    @property
    def public(self) -> bytes:
        return signing.public_bytes(self.signing_key)


def header(sender: str = CENTRE, recipient: str = OFFICE, **changes: object) -> BundleHeader:
    fields: dict[str, object] = {
        "sender": sender,
        "recipient": recipient,
        "sequence": 3,
        "first_change": 41,
        "last_change": 57,
        "acknowledged_up_to": 2,
        "counts": {"stay": 2, "referral": 1},
        "audit_head": {"payload": {"count": 12, "hash": "ab" * 32}, "signature": "c2ln"},
        "created_at": datetime(2026, 12, 8, 9, 30, tzinfo=UTC),
    }
    fields.update(changes)
    return BundleHeader(**fields)  # type: ignore[arg-type]


SAMPLE_PARTS = [
    ("events", [b'{"op":"insert"}\n', b'{"op":"update"}\n']),
    ("attachments/empty", []),
    ("attachments/scan", [bytes(range(256)) * 300, b"\x00", b"", bytes(70_000)]),
]


def bundle_bytes(
    sender: Installation,
    recipient: Installation,
    parts: list[tuple[str, list[bytes]]] | None = None,
    **changes: object,
) -> bytes:
    out = io.BytesIO()
    write_bundle(
        out,
        header=header(sender.id, recipient.id, **changes),
        parts=SAMPLE_PARTS if parts is None else parts,
        signing_key=sender.signing_key,
        recipient=recipient.recipient,
    )
    return out.getvalue()


def saved(folder: Path, content: bytes, name: str = "paquete.rdpaquete") -> Path:
    path = folder / name
    path.write_bytes(content)
    return path
