"""Argon2id password hashes (argon2-cffi)."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# argon2-cffi's RFC 9106 "low memory" profile: ~50 ms here, still memory-hard.
_hasher = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4)

MIN_PASSWORD_LENGTH = 8


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def password_problem(password: str, repeated: str | None = None) -> str | None:
    """A Spanish message when a new password is not acceptable."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"La contraseña debe tener al menos {MIN_PASSWORD_LENGTH} caracteres."
    if password.strip() != password:
        return "La contraseña no puede empezar ni terminar con espacios."
    if repeated is not None and repeated != password:
        return "Las dos contraseñas no coinciden."
    return None
