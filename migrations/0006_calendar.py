"""Working-day calendar overrides (issue 2): frozen model of migration 0006."""

import datetime

from peewee import *


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class WorkdayOverride(Model):
        day = DateField(unique=True)
        kind = CharField(max_length=4)
        name = CharField(max_length=255)
        document_ref = CharField(max_length=255, default="")
        created_by = ForeignKeyField(User, backref="+", null=True, on_delete="SET NULL")
        created_at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            database = db
            table_name = "workday_override"

    db.create_tables([WorkdayOverride])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("workday_override"))
