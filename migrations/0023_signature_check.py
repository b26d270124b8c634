"""Signature checks of stored PDFs (issue 16): one row per content hash.

Frozen model of migration 0023; the live one is inspection/signing/models.py.
"""

import datetime

from peewee import *


def up(migrator, db):
    class SignatureCheck(Model):
        sha256 = CharField(max_length=64, unique=True)
        state = CharField(max_length=10)
        summary = TextField(default="")
        level = CharField(max_length=10, default="")
        checked_at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            database = db
            table_name = "signature_check"
            legacy_table_names = False

    db.create_tables([SignatureCheck])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("signature_check"))
