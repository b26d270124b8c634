"""The Office's review queue (issue 12, R-7): contests by units and one review item per entry.

Frozen models of migration 0016; the live ones are in inspection/monitoring/models.py.
"""

import datetime

from peewee import *


def up(migrator, db):
    def _table(name):
        class Meta:
            database = db
            table_name = name

        return type(name.title().replace("_", ""), (Model,), {"Meta": Meta})

    User, Unit, Task, Update = (_table(n) for n in ("user", "unit", "task", "progress_update"))

    class Contest(Model):
        task = ForeignKeyField(Task, backref="+", on_delete="CASCADE")
        unit = ForeignKeyField(Unit, backref="+", on_delete="RESTRICT")
        raised_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        subject = CharField(max_length=20)
        reason = TextField()
        created_at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            database = db
            table_name = "contest"
            legacy_table_names = False

    class ReviewItem(Model):
        kind = CharField(max_length=20)
        entry_key = CharField(max_length=120, unique=True)
        task = ForeignKeyField(Task, backref="+", on_delete="CASCADE")
        unit = ForeignKeyField(Unit, null=True, backref="+", on_delete="SET NULL")
        progress = ForeignKeyField(Update, null=True, backref="+", on_delete="CASCADE")
        contest = ForeignKeyField(Contest, null=True, backref="+", on_delete="CASCADE")
        entered_on = DateField()
        state = CharField(max_length=20, default="pending")
        reason = TextField(default="")
        decided_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        decided_at = DateTimeField(null=True)
        created_at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            database = db
            table_name = "review_item"
            legacy_table_names = False
            indexes = ((("state", "entered_on"), False), (("unit", "state"), False), (("task", "kind"), False))

    db.create_tables([Contest, ReviewItem])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("review_item"), migrator.drop_table("contest"))
