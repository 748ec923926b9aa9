"""The installation's Ed25519 signatures: the audit chain's anchor now, the exchange
bundle later.

A signature covers a purpose and a small JSON payload, written canonically (sorted keys,
no spaces, UTF-8), so a signature made for one purpose («audit-anchor») can never be
passed off as one for another («bundle»). The private key is kept in the key file,
wrapped under a key derived from the data key (`security/keyfile.py`); the public key is
in clear there, and travels with what it signs (backups' `.ancla` files, bundles), so a
copy or another installation can check a signature without the data key.
"""

import base64
import hashlib
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ANCHOR_PURPOSE = "audit-anchor"
BUNDLE_PURPOSE = "bundle"


def new_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def private_bytes(key: Ed25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def private_from_bytes(raw: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(raw)


def public_bytes(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def fingerprint(public: bytes) -> str:
    """A short name of a public key (what a person compares, what an audit entry cites)."""
    return hashlib.sha256(public).hexdigest()[:16]


def canonical(purpose: str, payload: dict[str, Any]) -> bytes:
    body = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return f"reinsercion-desktop/{purpose}\n{body}".encode()


def sign(key: Ed25519PrivateKey, purpose: str, payload: dict[str, Any]) -> str:
    """The signature (base64) of `payload` for `purpose`."""
    return base64.b64encode(key.sign(canonical(purpose, payload))).decode("ascii")


def verify(public: bytes, purpose: str, payload: dict[str, Any], signature: str) -> bool:
    """Whether `signature` is this public key's over `payload` for `purpose`."""
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(
            base64.b64decode(signature.encode("ascii"), validate=True),
            canonical(purpose, payload),
        )
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True
