"""The installation's data key and the keys derived from it.

One random 256-bit key opens the database (SQLCipher's raw key); the keys for the
attachments and previews (AES-GCM) and for the audit log's keyed hashes are derived
from it with HKDF, each for its own purpose, so none can stand in for another and the
database key itself is used for nothing else. It never touches the disk in clear: the
key file keeps it wrapped per user and under the recovery key (`security/keyfile.py`).
"""

import os
from dataclasses import dataclass, field

KEY_BYTES = 32


def derive(secret: bytes, purpose: str, length: int = KEY_BYTES) -> bytes:
    """HKDF-SHA256 of `secret` for one named purpose."""
    # Imported here, as in keyfile.py: the login dialog is painted before any cryptography.
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(
        algorithm=hashes.SHA256(),
        length=length,
        salt=None,
        info=f"reinsercion-desktop/{purpose}".encode(),
    ).derive(secret)


@dataclass(frozen=True)
class DataKeys:
    """The unwrapped data key of one installation (held only in memory after a login)."""

    master: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if len(self.master) != KEY_BYTES:
            raise ValueError("a data key has 32 bytes")

    @classmethod
    def generate(cls) -> "DataKeys":
        return cls(os.urandom(KEY_BYTES))

    @property
    def sqlcipher(self) -> str:
        """The value of `PRAGMA key`: a raw key, so no passphrase derivation per connection."""
        return f"\"x'{self.master.hex()}'\""

    @property
    def files(self) -> bytes:
        """AES-GCM key of attachments, backups' extra files and previews."""
        return derive(self.master, "files")

    @property
    def audit(self) -> bytes:
        """HMAC key of the audit log's hashes of changed values (no personal data in clear)."""
        return derive(self.master, "audit-values")

    @property
    def key_file(self) -> bytes:
        """AES-GCM key of what the key file keeps for the installation itself."""
        return derive(self.master, "key-file")
