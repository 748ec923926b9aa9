"""The installation's exchange keys (claves de intercambio): what a peer needs to send it
an encrypted bundle and to check the bundles it signs, their fingerprint (huella), read
aloud by phone, and the public key file (.rdclave) that carries them.

Two key pairs: the Ed25519 signing key the audit anchor already uses
(`security/signing.py`, the "signing" section of the key file), and an age X25519
identity (`pyrage`) that bundles are encrypted to. Like the signing key, the age
identity is kept in the key file: its public half (the "age1…" recipient) in clear, its
secret wrapped under the key file's key (`DataKeys.key_file`), bound to its recipient:

    "exchange": {"recipient": "age1…", "nonce": …, "wrapped": …}

The section is one of those a stale KeyFile object never rolls back (`_KEPT_FROM_DISK`).
An installation made before this has none: `exchange_identity(…, create=True)` makes it
the first time it is needed (the caller saves the key file and audits it).

The fingerprint covers the installation id and both public keys (SHA-256 of their
canonical JSON), cut to 80 bits and written as 4 groups of 4 characters, «K7QD 2M4X
PA9R T3WC». Its alphabet is the ten digits and the letters but B, I, L and O (32
symbols, 5 bits each): those four are never written, and when typed they are read as
the digit they look like (B → 8, I and L → 1, O → 0), with case, spaces and dashes
ignored, as the recovery key is read (`keyfile.parse_recovery`).
"""

import base64
import binascii
import hashlib
import hmac
import json
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.security.keyfile import EXCHANGE, InvalidKey, KeyFile, KeyFileError
from reinsercion_desktop.security.keyfile import _unwrap as unwrap
from reinsercion_desktop.security.keyfile import _wrap as wrap
from reinsercion_desktop.security.keys import DataKeys

if TYPE_CHECKING:
    from pyrage.x25519 import Identity

# -- the fingerprint ---------------------------------------------------------------------

FINGERPRINT_ALPHABET = "0123456789ACDEFGHJKMNPQRSTUVWXYZ"  # no B, I, L, O
FINGERPRINT_GROUPS = 4
FINGERPRINT_CHARS = 16  # 16 × 5 bits = 80 bits
_LOOK_ALIKES = str.maketrans({"B": "8", "I": "1", "L": "1", "O": "0"})
assert len(FINGERPRINT_ALPHABET) == 32 and len(set(FINGERPRINT_ALPHABET)) == 32


def fingerprint(installation_id: str, signing_public: bytes, recipient: str) -> str:
    """«K7QD 2M4X PA9R T3WC»: 80 bits of SHA-256 over the installation and its two keys."""
    canonical = json.dumps(
        {
            "installation": installation_id,
            "signing": base64.b64encode(signing_public).decode("ascii"),
            "age": recipient,
        },
        sort_keys=True,
        separators=(",", ":"),
    ).encode("utf-8")
    digest = hashlib.sha256(b"reinsercion-desktop/exchange-fingerprint\n" + canonical).digest()
    number = int.from_bytes(digest[:10], "big")
    symbols = [
        FINGERPRINT_ALPHABET[(number >> (5 * (FINGERPRINT_CHARS - 1 - i))) & 31]
        for i in range(FINGERPRINT_CHARS)
    ]
    text = "".join(symbols)
    return " ".join(text[i : i + 4] for i in range(0, FINGERPRINT_CHARS, 4))


def normal_fingerprint(text: str) -> str | None:
    """The 16 symbols of a typed fingerprint (case, spaces, dashes and look-alikes
    forgiven), or None if it cannot be one."""
    symbols = "".join(ch for ch in text.upper() if ch.isalnum() and ch.isascii())
    symbols = symbols.translate(_LOOK_ALIKES)
    if len(symbols) != FINGERPRINT_CHARS or any(ch not in FINGERPRINT_ALPHABET for ch in symbols):
        return None
    return symbols


def same_fingerprint(typed: str, expected: str) -> bool:
    """Whether what was typed (read by phone) is `expected`."""
    normal = normal_fingerprint(typed)
    return normal is not None and hmac.compare_digest(normal, expected.replace(" ", ""))


# -- the age identity in the key file ---------------------------------------------------


def _label(recipient: str) -> str:
    return f"exchange:{recipient}"


def exchange_recipient(key_file: KeyFile) -> str | None:
    """The installation's age recipient ("age1…"), None if it has no exchange key yet.

    A section that is there but damaged is refused (KeyFileError), never replaced by a new
    key: its peers trust the old one, and would refuse bundles signed or sealed anew."""
    if EXCHANGE not in key_file.content:
        return None
    entry = key_file.content[EXCHANGE]
    recipient = entry.get("recipient") if isinstance(entry, dict) else None
    if not isinstance(recipient, str) or not recipient.startswith("age1"):
        raise _damaged(key_file)
    return recipient


def new_exchange_identity(key_file: KeyFile, keys: DataKeys) -> "Identity":
    """A new age identity: the recipient in clear, the secret wrapped (save the file)."""
    from pyrage import x25519

    identity = x25519.Identity.generate()
    recipient = str(identity.to_public())
    sealed = wrap(keys.key_file, str(identity).encode("ascii"), _label(recipient))
    key_file.set_section(EXCHANGE, {"recipient": recipient, **sealed})
    return identity


def exchange_identity(key_file: KeyFile, keys: DataKeys) -> "Identity":
    """The installation's age identity, unwrapped (KeyFileError if missing or damaged)."""
    from pyrage import IdentityError, x25519

    entry = key_file.content.get(EXCHANGE)
    try:
        if not isinstance(entry, dict):
            raise KeyError(EXCHANGE)
        recipient = str(entry["recipient"])
        secret = unwrap(keys.key_file, entry, _label(recipient)).decode("ascii")
        identity = x25519.Identity.from_str(secret)
        if str(identity.to_public()) != recipient:
            raise ValueError("recipient")
    except (InvalidKey, IdentityError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise _damaged(key_file) from error
    return identity


def _damaged(key_file: KeyFile) -> KeyFileError:
    return KeyFileError(
        f"La clave de intercambio del archivo de claves {key_file.path.name} está dañada o "
        "no es de esta instalación: no se pueden abrir ni firmar paquetes. Restaure el "
        "archivo de claves desde una copia de seguridad."
    )


# -- the public key file (.rdclave) ------------------------------------------------------

PUBLIC_FORMAT = "reinsercion-desktop/clave-publica"
PUBLIC_VERSION = 1
PUBLIC_SUFFIX = ".rdclave"
MAX_PUBLIC_FILE = 64 * 1024  # a real one is ~0.5 KB: anything larger is not one
KINDS = ("centre", "office")


@dataclass(frozen=True)
class PublicKeys:
    """What an installation tells its peers about itself: nothing secret."""

    installation_id: str
    name: str
    code: str
    kind: str  # InstallationKind value: centre | office
    signing_public: bytes  # Ed25519, raw 32 bytes
    recipient: str  # age X25519, "age1…"

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.installation_id, self.signing_public, self.recipient)

    def as_json(self) -> dict[str, Any]:
        return {
            "format": PUBLIC_FORMAT,
            "version": PUBLIC_VERSION,
            "installation_id": self.installation_id,
            "name": self.name,
            "code": self.code,
            "kind": self.kind,
            "signing_public": base64.b64encode(self.signing_public).decode("ascii"),
            "age_recipient": self.recipient,
        }


class PublicKeyFileError(UserError):
    pass


def public_file_bytes(public: PublicKeys) -> bytes:
    return (json.dumps(public.as_json(), indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def read_public_file(path: Path) -> PublicKeys:
    """The public keys in `path`, or one Spanish line saying why it is not such a file."""
    not_one = (
        f"{path.name} no es un archivo de clave pública de Reinserción Desktop (.rdclave): "
        "pida a la otra instalación que exporte su clave de nuevo."
    )
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise PublicKeyFileError(f"{path} es una carpeta, no un archivo de clave.")
        if not stat.S_ISREG(mode):  # a FIFO or a device would block the read, or never end
            raise PublicKeyFileError(not_one)
        with path.open("rb") as handle:
            data = handle.read(MAX_PUBLIC_FILE + 1)
    except FileNotFoundError:
        raise PublicKeyFileError(f"No existe el archivo {path}.") from None
    except OSError as error:
        from reinsercion_desktop.domain.errors import describe_os_error

        raise PublicKeyFileError(
            f"No se pudo leer {path.name}: {describe_os_error(error)}."
        ) from None
    if len(data) > MAX_PUBLIC_FILE:
        raise PublicKeyFileError(not_one)
    try:
        content = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise PublicKeyFileError(not_one) from None
    if not isinstance(content, dict) or content.get("format") != PUBLIC_FORMAT:
        raise PublicKeyFileError(not_one)
    version = content.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise PublicKeyFileError(not_one)
    if version > PUBLIC_VERSION:
        raise PublicKeyFileError(
            f"{path.name} es de una versión más nueva de Reinserción Desktop (formato "
            f"{version}): actualice la aplicación para importarlo."
        )
    return _parse_public(content, path.name)


def _parse_public(content: dict[str, Any], file_name: str) -> PublicKeys:
    from pyrage import RecipientError, x25519

    damaged = (
        f"La clave de {file_name} está incompleta o dañada: pida a la otra instalación que "
        "la exporte de nuevo."
    )
    texts = {}
    for name, limit in (("installation_id", 36), ("name", 120), ("code", 20), ("kind", 10)):
        value = content.get(name)
        if not isinstance(value, str) or not value.strip() or len(value) > limit:
            raise PublicKeyFileError(damaged)
        texts[name] = value.strip()
    if texts["kind"] not in KINDS:
        raise PublicKeyFileError(damaged)
    try:
        signing_public = base64.b64decode(str(content["signing_public"]), validate=True)
        recipient = str(content["age_recipient"])
        if len(signing_public) != 32 or not recipient.startswith("age1"):
            raise ValueError("key size")
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        Ed25519PublicKey.from_public_bytes(signing_public)
        x25519.Recipient.from_str(recipient)
    except (KeyError, ValueError, TypeError, binascii.Error, RecipientError):
        raise PublicKeyFileError(damaged) from None
    return PublicKeys(
        installation_id=texts["installation_id"],
        name=texts["name"],
        code=texts["code"],
        kind=texts["kind"],
        signing_public=signing_public,
        recipient=recipient,
    )
