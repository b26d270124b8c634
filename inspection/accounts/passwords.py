"""Password hashing with argon2 (argon2-cffi's recommended parameters).

Tests set PASSWORD_HASH="fast": one pass over 8 KiB instead of three over 64 MiB, which
took most of the suite's set-up time (six to eight users per test). A hash records its own
parameters, so verifying works whichever profile made it.
"""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context

STRONG = PasswordHasher()  # RFC 9106 low-memory profile: t=3, m=64 MiB, p=4
FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)  # tests only
MIN_LENGTH = 8


def _hasher() -> PasswordHasher:
    if has_app_context() and current_app.config.get("PASSWORD_HASH") == "fast":
        return FAST
    return STRONG


def hash_password(password: str) -> str:
    """Hash with the production profile (the fast one only when the config asks for it)."""
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return STRONG.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def strength_problem(password: str):
    """A Vietnamese reason the password is too weak, or None."""
    if len(password) < MIN_LENGTH:
        return f"Mật khẩu phải có ít nhất {MIN_LENGTH} ký tự."
    if password.isdigit() or password.isalpha():
        return "Mật khẩu phải có cả chữ và số hoặc ký tự đặc biệt."
    return None
