"""Personal API tokens (issue 15): how a request under /api/ says who it is.

The API answers to `Authorization: Bearer <token>` only. The session cookie is ignored there
(`user_loader` returns nobody under API_PREFIX), so a page on another site cannot make a
logged-in browser call the API: no CSRF hole opens, and the API needs no CSRF token.
"""

import datetime
import hashlib
import secrets

from flask import g, request

from inspection import clock
from inspection.db import db

API_PREFIX = "/api/"
TOKEN_PREFIX = "tdk_"  # "theo dõi, kiểm tra": lets secret scanners and people recognise one
# Recording every use would make each GET a write; once a minute says "last used" well enough.
LAST_USE_EVERY = datetime.timedelta(minutes=1)


def is_api_request() -> bool:
    return request.path.startswith(API_PREFIX)


def new_token() -> str:
    """A fresh random token: 32 random bytes (256 bits), URL-safe."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _bearer() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def user_from_request(req=None):
    """Flask-Login's request loader: the active owner of a valid bearer token, else None.

    Why it failed is left in `g.api_auth_problem` ("missing_token" or "invalid_token") for the
    API's 401 answer. A deactivated user's tokens stop at once: `active` is read every request.
    """
    from inspection.accounts.models import ApiToken, User

    if not is_api_request():
        return None
    token = _bearer()
    if token is None:
        g.api_auth_problem = "missing_token"
        return None
    g.api_auth_problem = "invalid_token"
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    row = (
        ApiToken.select(ApiToken, User)
        .join(User)
        .where((ApiToken.token_hash == digest(token)) & ApiToken.revoked_at.is_null() & (User.active == True))  # noqa: E712
        .first()
    )
    if row is None or (row.expires_on is not None and row.expires_on < clock.today()):
        return None
    g.api_token_id = row.id
    g.api_auth_problem = None
    _note_use(row)
    return row.user


def _note_use(row):
    now = clock.now()
    if row.last_used_at is None or now - row.last_used_at >= LAST_USE_EVERY:
        from inspection.accounts.models import ApiToken

        with db.atomic():
            ApiToken.update(last_used_at=now).where(ApiToken.id == row.id).execute()


def forget_cached_user():
    """Before anything reads `current_user` on an API request: resolve it from this request's token.

    Flask-Login caches the user on `g`, which lives as long as the app context; a test (or an
    embedding caller) that keeps one app context over several requests would otherwise carry
    one request's user into the next, session or token.
    """
    if is_api_request():
        g.pop("_login_user", None)
        g.pop("api_token_id", None)
        g.pop("api_auth_problem", None)
