"""Difficulties, adjustments and disagreements (issue 12, R-8, R-19.2, R-10.1c): one row per item
a unit raises on a task, with the Board's decision written on it once.

Frozen model of migration 0017; the live one is inspection/difficulties/models.py.
"""

import datetime

from peewee import *


def up(migrator, db):
    def _table(name):
        class Meta:
            database = db
            table_name = name

        return type(name.title().replace("_", ""), (Model,), {"Meta": Meta})

    User, Unit, Task, StoredFile = (_table(n) for n in ("user", "unit", "task", "stored_file"))

    class Difficulty(Model):
        task = ForeignKeyField(Task, backref="+", on_delete="CASCADE")
        kind = CharField(max_length=20)
        raising_unit = ForeignKeyField(Unit, backref="+", on_delete="RESTRICT")
        raised_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        raised_at = DateTimeField(default=datetime.datetime.now)
        cause = TextField(default="")
        proposal = CharField(max_length=20)
        proposed_deadline = DateField(null=True)
        proposed_unit = ForeignKeyField(Unit, null=True, backref="+", on_delete="SET NULL")
        text = TextField(default="")
        draft = ForeignKeyField(StoredFile, null=True, backref="+", on_delete="SET NULL")
        office_opinion = TextField(default="")
        state = CharField(max_length=10, default="pending")
        decision = CharField(max_length=10, default="")
        decided_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        decided_at = DateTimeField(null=True)
        decision_doc_number = CharField(max_length=100, default="")
        decision_doc_date = DateField(null=True)
        reason = TextField(default="")

        class Meta:
            database = db
            table_name = "difficulty"
            legacy_table_names = False
            indexes = ((("state", "raised_at"), False),)

    db.create_tables([Difficulty])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("difficulty"))
