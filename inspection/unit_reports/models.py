"""A unit's monthly report (R-19.1, R-20.1) and the history of its sending and returns.

One row per (unit, month). While a draft, `reasons` holds the unit's reason per overdue task
(JSON {task id: text}); at sending, `content` freezes the figures and the overdue list with
those reasons (JSON, rules.frozen_content) so a later change in the register never changes
a sent report. A report the Office returns goes back to draft; the Office's remarks stay in
its events.
"""

import json

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from inspection import clock
from inspection.accounts.models import Unit, User
from inspection.db import BaseModel
from inspection.unit_reports import rules


def _now():
    return clock.now()


class UnitReport(BaseModel):
    unit = ForeignKeyField(Unit, backref="+", on_delete="RESTRICT")
    year = IntegerField()
    month = IntegerField()
    state = CharField(max_length=20, default=rules.DRAFT)  # rules.STATES
    head_remarks = TextField(default="")  # the unit head's own assessment
    reasons = TextField(default="{}")  # draft: {task id: reason}
    content = TextField(null=True)  # frozen at sending (rules.frozen_content)
    first_submitted_on = DateField(null=True)  # counts for timeliness
    submitted_on = DateField(null=True)
    submitted_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    prepared_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    updated_at = DateTimeField(default=_now)

    class Meta:
        table_name = "unit_report"
        indexes = ((("unit", "year", "month"), True), (("year", "month"), False))

    @property
    def period(self):
        return rules.Period(self.year, self.month)

    @property
    def reason_map(self) -> dict:
        return json.loads(self.reasons or "{}")

    @property
    def frozen(self) -> dict | None:
        return json.loads(self.content) if self.content else None


class UnitReportEvent(BaseModel):
    report = ForeignKeyField(UnitReport, backref="events", on_delete="CASCADE")
    action = CharField(max_length=20)  # rules.EVENTS
    at = DateTimeField(default=_now)
    by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    remarks = TextField(default="")

    class Meta:
        table_name = "unit_report_event"
