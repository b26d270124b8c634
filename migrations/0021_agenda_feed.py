"""Statutory calendar (issue 13, R-20): the personal iCalendar feed's token, stored as a hash.

Frozen model of migration 0021; the live one is inspection/agenda/models.py.
"""

import datetime

from peewee import *


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class FeedToken(Model):
        user = ForeignKeyField(User, backref="+", on_delete="CASCADE", unique=True)
        token_hash = CharField(max_length=64, unique=True)
        created_at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            database = db
            table_name = "feed_token"
            legacy_table_names = False

    db.create_tables([FeedToken])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("feed_token"))
