"""Log-in failures counted per (name tried, client address) (issue 10, R-21).

A lock on the account itself let anyone lock the administrator out every 15 minutes by
typing wrong passwords from anywhere; a lock per name and address stops the guesser
without stopping the owner, and unknown names are counted the same way (not in the
guesser's own session cookie, which he can drop).
"""

import datetime

from peewee import *


def up(migrator, db):
    class LoginThrottle(Model):
        name_key = CharField(max_length=64)
        address = CharField(max_length=64)
        failures = IntegerField(default=0)
        locked_until = DateTimeField(null=True)
        updated_at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            database = db
            table_name = "login_throttle"
            legacy_table_names = False
            indexes = ((("name_key", "address"), True),)

    db.create_tables([LoginThrottle])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("login_throttle"))
