"""Personal API tokens (issue 15): hashed, named, with an optional expiry and the last use.

Frozen model of migration 0022; the live one is inspection/accounts/models.py (ApiToken).
"""

import datetime

from peewee import *


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class ApiToken(Model):
        user = ForeignKeyField(User, backref="+", on_delete="CASCADE")
        name = CharField(max_length=100)
        token_hash = CharField(max_length=64, unique=True)
        prefix = CharField(max_length=16)
        created_at = DateTimeField(default=datetime.datetime.now)
        expires_on = DateField(null=True)
        last_used_at = DateTimeField(null=True)
        revoked_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = "api_token"
            legacy_table_names = False

    db.create_tables([ApiToken])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("api_token"))
