"""The personal iCalendar feed: one token per user, kept only as its SHA-256 hash."""

from peewee import CharField, DateTimeField, ForeignKeyField

from inspection import clock
from inspection.accounts.models import User
from inspection.db import BaseModel


def _now():
    return clock.now()


class FeedToken(BaseModel):
    """A user's feed address; deleting the row revokes it, a new one replaces it."""

    user = ForeignKeyField(User, backref="+", on_delete="CASCADE", unique=True)
    token_hash = CharField(max_length=64, unique=True)  # hex SHA-256: the token itself is never stored
    created_at = DateTimeField(default=_now)

    class Meta:
        table_name = "feed_token"
