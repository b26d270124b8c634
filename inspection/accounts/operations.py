"""Every write to units and users: inside a transaction, with history."""

import datetime
import json

from flask import current_app, has_app_context
from peewee import IntegrityError

from inspection import audit
from inspection.accounts import roles as role_names
from inspection.accounts.models import LoginThrottle, Unit, User
from inspection.accounts.passwords import hash_password, strength_problem, verify_password
from inspection.db import db
from inspection.errors import Conflict, ValidationFailed

WRONG_LOGIN = "Tên đăng nhập hoặc mật khẩu không đúng."


def _clean_roles(values):
    unknown = set(values) - set(role_names.ALL)
    if unknown:
        raise ValidationFailed("Vai trò không hợp lệ: " + ", ".join(sorted(unknown)), field="roles")
    return ",".join(r for r in role_names.ALL if r in values)


def create_user(actor, *, username, full_name, password, roles=(), unit=None, **fields) -> User:
    """Create an account; the password is checked for strength and hashed with argon2."""
    username = (username or "").strip().lower()
    if not username:
        raise ValidationFailed("Tên đăng nhập không được để trống.", field="username")
    if problem := strength_problem(password or ""):
        raise ValidationFailed(problem, field="password")
    try:
        with db.atomic():
            user = User.create(
                username=username,
                full_name=full_name.strip(),
                unit=unit,
                roles=_clean_roles(roles),
                password_hash=hash_password(password),
                **fields,
            )
            audit.record(actor, "create", user, None, audit.snapshot(user))
    except IntegrityError as exc:
        raise ValidationFailed(f"Tên đăng nhập “{username}” đã được dùng.", field="username") from exc
    return user


def update_user(actor, user: User, *, roles=None, **fields) -> User:
    with db.atomic():
        before = audit.snapshot(user)
        for name, value in fields.items():
            setattr(user, name, value)
        if roles is not None:
            user.roles = _clean_roles(roles)
        user.save()
        audit.record(actor, "update", user, before, audit.snapshot(user))
    return user


def set_password(actor, user: User, new_password: str, current_password=None):
    """Change a password; users changing their own must give the current one."""
    if current_password is not None and not verify_password(user.password_hash, current_password):
        raise ValidationFailed("Mật khẩu hiện tại không đúng.", field="current_password")
    if problem := strength_problem(new_password):
        raise ValidationFailed(problem, field="new_password")
    with db.atomic():
        user.password_hash = hash_password(new_password)
        user.failed_logins = 0
        user.locked_until = None
        user.save()
        audit.record(actor, "update", user, {"password": "***"}, {"password": "(đã đổi)"})


def authenticate(username: str, password: str, address: str, max_failures: int, lock_minutes: int, now=None) -> User:
    """Return the user for valid credentials; count failures per (name tried, client address) (R-21).

    After `max_failures` wrong tries of one name from one address, that pair is locked for
    `lock_minutes`: the guesser is stopped, the account's owner elsewhere is not (a lock on
    the account let anyone lock the administrator out every 15 minutes). Unknown and
    disabled names are counted and answered exactly like real ones, and take as long: the
    password is checked against a stand-in hash. The check runs before the transaction, as
    argon2 takes tens of milliseconds and a transaction holds SQLite's write lock.
    """
    now = now or datetime.datetime.now()
    name = (username or "").strip().lower()[:64]
    user = User.get_or_none(User.username == name)
    known = user is not None and user.active
    right = verify_password(user.password_hash if known else _stand_in_hash(), password or "") and known
    with db.atomic():
        refusal = _count_attempt(name, (address or "?")[:64], right, user, max_failures, lock_minutes, now)
        if refusal is None:
            User.update(failed_logins=0, last_login_at=now).where(User.id == user.id).execute()
    if refusal:
        raise ValidationFailed(refusal)
    return user


def _count_attempt(name, address, right, user, max_failures, lock_minutes, now):
    """Update the (name, address) counter inside the caller's transaction; the refusal or None."""
    throttle = LoginThrottle.get_or_none((LoginThrottle.name_key == name) & (LoginThrottle.address == address))
    if throttle and throttle.locked_until and throttle.locked_until > now:
        minutes = int((throttle.locked_until - now).total_seconds() // 60) + 1
        return f"Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau {minutes} phút."
    if right:
        if throttle:
            throttle.delete_instance()
        return None
    if throttle is None:
        throttle = LoginThrottle(name_key=name, address=address)
    throttle.failures, throttle.updated_at = throttle.failures + 1, now
    left = max_failures - throttle.failures
    if left > 0:
        throttle.save()
        return f"{WRONG_LOGIN} Còn {left} lần thử trước khi tài khoản bị tạm khóa."
    throttle.failures, throttle.locked_until = 0, now + datetime.timedelta(minutes=lock_minutes)
    throttle.save()
    if user is not None:  # shown to the administrator: the last lock-out, from one address
        User.update(locked_until=throttle.locked_until).where(User.id == user.id).execute()
    record_lockout(name, throttle.locked_until, user)
    return f"Tài khoản tạm khóa {lock_minutes} phút do đăng nhập sai {max_failures} lần liên tiếp."


_STAND_IN = {}


def _stand_in_hash() -> str:
    """A hash made with the current profile, checked when the name is unknown (same time, no match)."""
    profile = current_app.config.get("PASSWORD_HASH", "strong") if has_app_context() else "strong"
    if profile not in _STAND_IN:
        _STAND_IN[profile] = hash_password("stand-in: no account has this password 7Qz")
    return _STAND_IN[profile]


def record_lockout(username, locked_until, user=None):
    """Log a lock-out (R-21): the name tried and until when, never the password; unknown names alike."""
    name = (username or "").strip().lower()[:64]
    with db.atomic():
        audit.append(
            user=None,
            username=name,
            action="lockout",
            table="user",
            record_id=user.id if user is not None else 0,
            after=json.dumps({"username": name, "locked_until": locked_until.isoformat(timespec="seconds")}),
        )


def save_unit(actor, unit: Unit | None, **fields) -> Unit:
    """Create or update a unit; a unit cannot be its own ancestor."""
    fields["name"] = (fields.get("name") or "").strip()
    if not fields["name"]:
        raise ValidationFailed("Tên đơn vị không được để trống.", field="name")
    parent = fields.get("parent")
    if unit is not None and parent is not None:
        node = parent
        while node is not None:
            if node.id == unit.id:
                raise ValidationFailed(
                    "Đơn vị cấp trên không thể là chính đơn vị này hoặc đơn vị cấp dưới của nó.", field="parent"
                )
            node = node.parent
    try:
        with db.atomic():
            if unit is None:
                unit = Unit.create(**fields)
                audit.record(actor, "create", unit, None, audit.snapshot(unit))
            else:
                before = audit.snapshot(unit)
                for name, value in fields.items():
                    setattr(unit, name, value)
                unit.save()
                audit.record(actor, "update", unit, before, audit.snapshot(unit))
    except IntegrityError as exc:
        raise Conflict(f"Đã có đơn vị tên “{fields['name']}”.", field="name") from exc
    return unit


def save_org_profile(user, values):
    """Store the changed settings of the agency profile together, each change in the history."""
    from inspection import settings

    with db.atomic():
        changed = [(key, value) for key, value in values.items() if value != settings.get(key)]
        for key, value in changed:
            settings.set_value(key, value, user)
        if not settings.get("org.confirmed"):
            settings.set_value("org.confirmed", True, user)  # saved by an administrator: first run done
    return changed


# --- personal API tokens (issue 15) ------------------------------------------------------
TOKEN_AUDIT = ["id", "user", "name", "prefix", "expires_on", "revoked_at"]
MAX_TOKENS = 20


def create_token(user, name, expires_on=None):
    """Create a named API token for `user`; returns (row, the token shown once)."""
    from inspection import clock
    from inspection.accounts import tokens
    from inspection.accounts.models import ApiToken

    name = (name or "").strip()
    if not name:
        raise ValidationFailed("Chưa nhập tên mã truy cập.", field="name")
    if expires_on is not None and expires_on < clock.today():
        raise ValidationFailed("Ngày hết hạn đã qua.", field="expires_on")
    live = ApiToken.select().where((ApiToken.user == user.id) & ApiToken.revoked_at.is_null()).count()
    if live >= MAX_TOKENS:
        raise ValidationFailed(f"Mỗi người dùng có tối đa {MAX_TOKENS} mã truy cập còn hiệu lực.", field="name")
    plain = tokens.new_token()
    with db.atomic():
        row = ApiToken.create(
            user=user.id, name=name[:100], token_hash=tokens.digest(plain), prefix=plain[:12], expires_on=expires_on
        )
        audit.record(user, "create", row, None, audit.snapshot(row, only=TOKEN_AUDIT))
    return row, plain


def revoke_token(user, token_id):
    """Revoke one of the user's own tokens; it stops working on the next request."""
    from inspection import clock
    from inspection.accounts.models import ApiToken
    from inspection.errors import NotFound

    row = ApiToken.get_or_none((ApiToken.id == token_id) & (ApiToken.user == user.id))
    if row is None:
        raise NotFound("Không tìm thấy mã truy cập.")
    if row.revoked_at is None:
        with db.atomic():
            before = audit.snapshot(row, only=TOKEN_AUDIT)
            row.revoked_at = clock.now()
            row.save()
            audit.record(user, "update", row, before, audit.snapshot(row, only=TOKEN_AUDIT))
    return row
