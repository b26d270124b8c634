"""Urging (issue 12, R-9, R-10): one row per urging of a task, with its channel, letter and answer.

Frozen model of migration 0015; the live one is inspection/monitoring/models.py.
"""

import datetime

from peewee import *


def up(migrator, db):
    def _table(name):
        class Meta:
            database = db
            table_name = name

        return type(name.title().replace("_", ""), (Model,), {"Meta": Meta})

    User, Unit, Task, Doc = (_table(n) for n in ("user", "unit", "task", "outgoing_document"))

    class Urging(Model):
        task = ForeignKeyField(Task, backref="+", on_delete="CASCADE")
        channel = CharField(max_length=20)
        urged_on = DateField()
        urged_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        from_unit = ForeignKeyField(Unit, null=True, backref="+", on_delete="SET NULL")
        to_unit = ForeignKeyField(Unit, backref="+", on_delete="RESTRICT")
        letter = ForeignKeyField(Doc, null=True, backref="+", on_delete="SET NULL")
        note = TextField(default="")
        answer = TextField(default="")
        answered_on = DateField(null=True)
        answered_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        created_at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            database = db
            table_name = "urging"
            legacy_table_names = False
            indexes = ((("task", "urged_on"), False),)

    db.create_tables([Urging])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("urging"))
