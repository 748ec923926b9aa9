"""The key file beside the database: the data key, wrapped once per user and under the
recovery key; what the login dialog shows before the database opens; the login's
throttle. It holds no personal data: users appear as keyed tags of their logins.

A user's wrap is keyed by the Argon2id hash of their password: the same parameters and
salt as the password hash the database keeps, so creating a user costs no second
Argon2 run, and a plain installation's users keep their passwords when it is converted
(their wraps come from the hashes already stored). Logging in computes that hash from
what was typed (one Argon2 run), derives the wrapping key and opens the wrap: AES-GCM's
tag says whether the password was right. An unknown login does the same work against a
dummy entry, so both are answered alike.

    {"format": 1, "installation": {"name", "code", "demo"}, "tag_salt",
     "users": {tag: {"t", "m", "p", "salt", "nonce", "wrapped"}},
     "dummy": {…}, "recovery": {"nonce", "wrapped"}, "pending_recovery": {…},
     "throttle": {tag: {"failures", "last", "locked_until"}},
     "signing": {"public", "nonce", "wrapped"}, "anchor": {"payload", "signature"},
     "exchange": {"recipient", "nonce", "wrapped"}}  (security/exchange_keys.py)

The installation's Ed25519 signing key (`security/signing.py`) is kept here: its public
half in clear, its private half wrapped under the key file's key derived from the data
key; the audit chain's head, signed with it, is the "anchor" (`services/audit_anchor.py`).
A KeyFile object saved after another process (or the same one) wrote a newer anchor never
rolls it back: the sections it did not change itself are taken from the disk.
"""

import base64
import contextlib
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.security.keys import KEY_BYTES, DataKeys, derive

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

# Argon2 and `cryptography` are imported where a key is unwrapped or sealed, not with this
# module: the login dialog is painted from this file before either is needed (~35 ms).

FORMAT = 1
KEY_FILE_NAME = "reinsercion.claves"
MAX_LOGIN = 64  # what was typed as a login is kept (and tagged) to this length
RECOVERY_GROUPS = 8  # the recovery code: 8 groups of 5 base32 letters (200 bits)
SIGNING, ANCHOR, EXCHANGE = "signing", "anchor", "exchange"
_KEPT_FROM_DISK = (SIGNING, ANCHOR, EXCHANGE)  # sections a stale object must not roll back


class InvalidKey(Exception):
    """A wrapped secret did not open: the wrong key, or the entry was altered."""


class KeyFileError(UserError):
    pass


class WrongCredentials(UserError):
    def __init__(self) -> None:
        super().__init__("Usuario o contraseña incorrectos.")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def normal_login(login: str) -> str:
    return login.strip().lower()[:MAX_LOGIN]


@dataclass(frozen=True)
class Argon2Params:
    time_cost: int
    memory_cost: int
    parallelism: int
    salt: bytes
    hash_len: int = 32

    @classmethod
    def from_phc(cls, phc: str) -> tuple["Argon2Params", bytes]:
        """The parameters and the raw hash of an argon2-cffi hash string."""
        try:
            _, variant, _version, costs, salt, digest = phc.split("$")
            if variant != "argon2id":
                raise ValueError(variant)
            values = dict(item.split("=") for item in costs.split(","))
            raw = base64.b64decode(digest + "=" * (-len(digest) % 4))
            params = cls(
                time_cost=int(values["t"]),
                memory_cost=int(values["m"]),
                parallelism=int(values["p"]),
                salt=base64.b64decode(salt + "=" * (-len(salt) % 4)),
                hash_len=len(raw),
            )
        except (ValueError, KeyError) as error:
            raise KeyFileError("Una contraseña guardada no tiene un formato conocido.") from error
        return params, raw

    def hash(self, password: str) -> bytes:
        from argon2.low_level import Type, hash_secret_raw

        return hash_secret_raw(
            password.encode("utf-8"),
            self.salt,
            time_cost=self.time_cost,
            memory_cost=self.memory_cost,
            parallelism=self.parallelism,
            hash_len=self.hash_len,
            type=Type.ID,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "t": self.time_cost,
            "m": self.memory_cost,
            "p": self.parallelism,
            "len": self.hash_len,
            "salt": _b64(self.salt),
        }

    @classmethod
    def of_json(cls, entry: dict[str, Any]) -> "Argon2Params":
        return cls(entry["t"], entry["m"], entry["p"], _unb64(entry["salt"]), entry["len"])


def load_ciphers() -> None:
    """Import now what unwrapping a key and signing the audit head use (Argon2id, AES-GCM,
    HKDF, Ed25519): for a caller that must not import them later, while another thread
    is importing (the window's start-up, ui/preparation.py)."""
    import argon2.low_level  # noqa: F401
    import cryptography.exceptions  # noqa: F401
    import cryptography.hazmat.primitives.asymmetric.ed25519  # noqa: F401
    import cryptography.hazmat.primitives.ciphers.aead  # noqa: F401
    import cryptography.hazmat.primitives.hashes  # noqa: F401
    import cryptography.hazmat.primitives.kdf.hkdf  # noqa: F401
    import cryptography.hazmat.primitives.serialization  # noqa: F401


def _wrap(kek: bytes, secret: bytes, label: str) -> dict[str, str]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(12)
    sealed = AESGCM(kek).encrypt(nonce, secret, label.encode())
    return {"nonce": _b64(nonce), "wrapped": _b64(sealed)}


def _unwrap(kek: bytes, entry: dict[str, Any], label: str) -> bytes:
    """The secret, or InvalidKey (the wrong key, or an altered entry)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(kek).decrypt(_unb64(entry["nonce"]), _unb64(entry["wrapped"]), label.encode())
    except InvalidTag:
        raise InvalidKey() from None


def format_recovery(code: bytes) -> str:
    text = base64.b32encode(code).decode("ascii").rstrip("=")
    return "-".join(text[i : i + 5] for i in range(0, len(text), 5))


# Base32 has no 0, 1 nor 8: read from paper, they can only be an O, an I or a B.
_MISREAD = str.maketrans({"0": "O", "1": "I", "8": "B"})


def parse_recovery(text: str) -> bytes:
    letters = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_MISREAD)
    try:
        return base64.b32decode(letters + "=" * (-len(letters) % 8))
    except ValueError as error:
        raise WrongCredentials() from error


class KeyFile:
    """The key file of one data folder, read and written whole (it is a few KB)."""

    def __init__(self, path: Path, content: dict[str, Any]):
        self.path = path
        self.content = content
        self._changed: set[str] = set()  # sections of _KEPT_FROM_DISK this object set

    # -- reading and writing -----------------------------------------------------------

    @classmethod
    def path_in(cls, folder: Path) -> Path:
        return folder / KEY_FILE_NAME

    @classmethod
    def exists_in(cls, folder: Path) -> bool:
        return cls.path_in(folder).exists()

    @classmethod
    def load(cls, folder: Path) -> "KeyFile":
        path = cls.path_in(folder)
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise KeyFileError(
                f"Falta el archivo de claves {path.name} en la carpeta de datos: sin él no se "
                "pueden abrir los datos. Restaure la carpeta desde una copia de seguridad."
            ) from error
        except (OSError, ValueError) as error:
            raise KeyFileError(
                f"El archivo de claves {path.name} está dañado. Restaure la carpeta desde una "
                "copia de seguridad o use la clave de recuperación."
            ) from error
        if not isinstance(content, dict) or content.get("format") != FORMAT:
            raise KeyFileError(
                f"El archivo de claves {path.name} es de otra versión o no es de Reinserción "
                "Desktop."
            )
        return cls(path, content)

    @classmethod
    def create(cls, folder: Path, *, name: str, code: str, demo: bool = False) -> "KeyFile":
        dummy = Argon2Params(2, 19456, 1, os.urandom(16))
        content: dict[str, Any] = {
            "format": FORMAT,
            "installation": {"name": name, "code": code, "demo": demo},
            "tag_salt": _b64(os.urandom(16)),
            "users": {},
            "dummy": {**dummy.as_json(), **_wrap(os.urandom(KEY_BYTES), b"x", "dummy")},
            "throttle": {},
        }
        created = cls(cls.path_in(folder), content)
        created._changed.update(_KEPT_FROM_DISK)  # a new file inherits no key, no anchor
        return created

    def save(self) -> None:
        """Written beside under a temporary name, flushed, then renamed: never half a file."""
        self._keep_newer_sections()
        # A name of its own: the audit anchor is saved often, perhaps by two processes.
        temporary = self.path.with_name(f"{self.path.name}.{secrets.token_hex(4)}.tmp")
        data = json.dumps(self.content, indent=1, sort_keys=True).encode("utf-8")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise

    def _keep_newer_sections(self) -> None:
        """The signing key and the anchor as they are on disk, unless this object set them:
        an object loaded before a unit of work anchored the chain must not undo it."""
        kept = [name for name in _KEPT_FROM_DISK if name not in self._changed]
        if not kept or not self.path.exists():
            return
        try:
            on_disk = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        for name in kept:
            if isinstance(on_disk, dict) and name in on_disk:
                self.content[name] = on_disk[name]

    # -- what the login dialog shows ------------------------------------------------------

    @property
    def centre_name(self) -> str:
        return str(self.content["installation"].get("name", ""))

    @property
    def is_demo(self) -> bool:
        return bool(self.content["installation"].get("demo", False))

    def set_centre(self, name: str, code: str) -> None:
        self.content["installation"].update(name=name, code=code)

    # -- users ---------------------------------------------------------------------------

    def tag(self, login: str) -> str:
        salt = _unb64(self.content["tag_salt"])
        return hmac.new(salt, normal_login(login).encode("utf-8"), hashlib.sha256).hexdigest()[:32]

    def users(self) -> Iterator[str]:
        return iter(self.content["users"])

    def has_user(self, login: str) -> bool:
        return self.tag(login) in self.content["users"]

    def add_user(self, keys: DataKeys, login: str, password_hash: str) -> None:
        """Wrap the data key for a user, keyed by their Argon2id password hash."""
        params, raw = Argon2Params.from_phc(password_hash)
        tag = self.tag(login)
        kek = derive(raw, "user-wrap")
        self.content["users"][tag] = {**params.as_json(), **_wrap(kek, keys.master, tag)}

    def remove_user(self, login: str) -> None:
        self.content["users"].pop(self.tag(login), None)

    def unlock(self, login: str, password: str) -> DataKeys:
        """The data key, if the password is this user's; the same work for anyone else."""
        tag = self.tag(login)
        entry = self.content["users"].get(tag)
        known = entry is not None
        entry = entry if known else self.content["dummy"]
        raw = Argon2Params.of_json(entry).hash(password)
        try:
            master = _unwrap(derive(raw, "user-wrap"), entry, tag if known else "dummy")
        except InvalidKey:
            raise WrongCredentials() from None
        if not known:  # the dummy wrap never opens: kept for the equal work
            raise WrongCredentials()
        return DataKeys(master)

    # -- the recovery key ----------------------------------------------------------------

    def new_recovery(self, keys: DataKeys) -> str:
        """A new recovery code (printed once for the administrator; not kept in clear).

        It is also kept wrapped under the data key until an administrator has printed it,
        so a code made while converting an installation at a login can still be printed."""
        code = secrets.token_bytes(25)
        self.content["recovery"] = _wrap(derive(code, "recovery-wrap"), keys.master, "recovery")
        self.content["pending_recovery"] = _wrap(keys.key_file, code, "pending-recovery")
        return format_recovery(code)

    def pending_recovery(self, keys: DataKeys) -> str | None:
        entry = self.content.get("pending_recovery")
        if not entry:
            return None
        return format_recovery(_unwrap(keys.key_file, entry, "pending-recovery"))

    def recovery_printed(self) -> None:
        self.content.pop("pending_recovery", None)

    def unlock_with_recovery(self, text: str) -> DataKeys:
        entry = self.content.get("recovery")
        if not entry:
            raise KeyFileError("Esta instalación no tiene clave de recuperación.")
        try:
            return DataKeys(
                _unwrap(derive(parse_recovery(text), "recovery-wrap"), entry, "recovery")
            )
        except (InvalidKey, ValueError):
            raise WrongCredentials() from None

    # -- the installation's signing key and the audit anchor ----------------------------

    def has_signing_key(self) -> bool:
        return SIGNING in self.content

    def public_key(self) -> bytes | None:
        entry = self.content.get(SIGNING)
        return _unb64(entry["public"]) if entry else None

    def new_signing_key(self, keys: DataKeys) -> "Ed25519PrivateKey":
        """A new Ed25519 key for the installation: the public half in clear, the private
        half wrapped under the key file's key, bound to its public half (they cannot be
        swapped for another pair)."""
        from reinsercion_desktop.security import signing

        private = signing.new_private_key()
        public = _b64(signing.public_bytes(private))
        sealed = _wrap(keys.key_file, signing.private_bytes(private), f"signing:{public}")
        self.content[SIGNING] = {"public": public, **sealed}
        self._changed.add(SIGNING)
        return private

    def signing_key(self, keys: DataKeys) -> "Ed25519PrivateKey":
        from reinsercion_desktop.security import signing

        entry = self.content.get(SIGNING)
        try:
            if not entry:
                raise KeyError(SIGNING)
            private = signing.private_from_bytes(
                _unwrap(keys.key_file, entry, f"signing:{entry['public']}")
            )
            if signing.public_bytes(private) != _unb64(entry["public"]):
                raise ValueError("public key")
        except (InvalidKey, ValueError, KeyError, TypeError) as error:
            raise KeyFileError(
                f"La clave de firma del archivo de claves {self.path.name} falta, está dañada o "
                "no es de esta instalación: el registro de auditoría no se puede firmar. "
                "Restaure el archivo de claves desde una copia de seguridad."
            ) from error
        return private

    def anchor(self) -> dict[str, Any] | None:
        """The signed head of the audit chain: {"payload": {…}, "signature": "…"}."""
        anchor = self.content.get(ANCHOR)
        return anchor if isinstance(anchor, dict) else None

    def set_anchor(self, anchor: dict[str, Any]) -> None:
        self.set_section(ANCHOR, anchor)

    def set_section(self, name: str, value: dict[str, Any]) -> None:
        """Set one of the sections kept from disk, as this object's own change."""
        self.content[name] = value
        self._changed.add(name)
