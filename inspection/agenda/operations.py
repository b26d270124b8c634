"""Writes of the statutory calendar: create and revoke the personal feed token."""

import secrets

from inspection import audit
from inspection.agenda import rules
from inspection.agenda.models import FeedToken
from inspection.db import db
from inspection.errors import NotAllowed

TOKEN_BYTES = 32  # 256 bits: not guessable, the address alone opens the feed


def create_feed_token(user) -> str:
    """Give `user` a new feed token (the old address stops working) and return it, once.

    Only its hash is stored; the history records that a feed was created, never the token.
    """
    if not getattr(user, "active", False):
        raise NotAllowed("Tài khoản đã bị khóa.")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with db.atomic():
        FeedToken.delete().where(FeedToken.user == user.id).execute()
        FeedToken.create(user=user.id, token_hash=rules.token_hash(token))
        _audit(user, "create")
    return token


def revoke_feed_token(user) -> int:
    """Revoke `user`'s feed: its address answers 404 from now on. Return how many were revoked."""
    with db.atomic():
        removed = FeedToken.delete().where(FeedToken.user == user.id).execute()
        if removed:
            _audit(user, "delete")
    return removed


def _audit(user, action):
    audit.append(
        user=user.id,
        username=user.username,
        action=action,
        table="feed_token",
        record_id=user.id,  # the user's feed (one per user); the token is never written down
    )
