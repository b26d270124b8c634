"""Password hashing with argon2 (argon2-cffi's recommended parameters)."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
MIN_LENGTH = 8


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def strength_problem(password: str):
    """A Vietnamese reason the password is too weak, or None."""
    if len(password) < MIN_LENGTH:
        return f"Mật khẩu phải có ít nhất {MIN_LENGTH} ký tự."
    if password.isdigit() or password.isalpha():
        return "Mật khẩu phải có cả chữ và số hoặc ký tự đặc biệt."
    return None
