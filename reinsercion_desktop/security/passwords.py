"""Argon2id password hashes (argon2-cffi)."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# OWASP's Argon2id profile (19 MiB, 2 passes): ~20 ms, so logging in stays instant,
# still memory-hard against offline guessing. Older hashes keep verifying.
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)

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
