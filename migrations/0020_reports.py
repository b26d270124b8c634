"""The Department's periodic and secret reports (issue 13, R-18, R-20.2, R-5.2).

Frozen model of migration 0020; the live one is inspection/reports/models.py.
"""

import datetime

from peewee import *


def up(migrator, db):
    def _table(name):
        class Meta:
            database = db
            table_name = name

        return type(name.title().replace("_", ""), (Model,), {"Meta": Meta})

    User, Doc = (_table(n) for n in ("user", "outgoing_document"))

    class Report(Model):
        kind = CharField(max_length=20)
        secret = BooleanField(default=False, index=True)
        scope = CharField(max_length=20, default="all")
        scope_ref = CharField(max_length=60, default="")
        period_start = DateField()
        period_end = DateField(index=True)
        content = TextField()
        narrative = TextField(default="{}")
        document = ForeignKeyField(Doc, on_delete="RESTRICT", backref="+")
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
        created_at = DateTimeField(default=datetime.datetime.now)
        generated_at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            database = db
            table_name = "report"
            legacy_table_names = False

    db.create_tables([Report])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("report"))
