"""Unit monthly reports (issue 13, R-19.1, R-20.1): one row per unit and month, and its events.

Frozen model of migration 0019; the live one is inspection/unit_reports/models.py.
"""

import datetime

from peewee import *


def up(migrator, db):
    def _table(name):
        class Meta:
            database = db
            table_name = name

        return type(name.title().replace("_", ""), (Model,), {"Meta": Meta})

    User, Unit = (_table(n) for n in ("user", "unit"))

    class UnitReport(Model):
        unit = ForeignKeyField(Unit, backref="+", on_delete="RESTRICT")
        year = IntegerField()
        month = IntegerField()
        state = CharField(max_length=20, default="draft")
        head_remarks = TextField(default="")
        reasons = TextField(default="{}")
        content = TextField(null=True)
        first_submitted_on = DateField(null=True)
        submitted_on = DateField(null=True)
        submitted_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        prepared_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        updated_at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            database = db
            table_name = "unit_report"
            legacy_table_names = False
            indexes = ((("unit", "year", "month"), True), (("year", "month"), False))

    class UnitReportEvent(Model):
        report = ForeignKeyField(UnitReport, backref="+", on_delete="CASCADE")
        action = CharField(max_length=20)
        at = DateTimeField(default=datetime.datetime.now)
        by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        remarks = TextField(default="")

        class Meta:
            database = db
            table_name = "unit_report_event"
            legacy_table_names = False

    db.create_tables([UnitReport, UnitReportEvent])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("unit_report_event"))
    migrator.migrate(migrator.drop_table("unit_report"))
