"""The Department's periodic reports (R-18, R-20.2) and the secret report (R-5.2).

A report is an outgoing document (documents part: drafted, numbered, frozen at issue) plus
what it was computed from: its period, its cut-off (the period's last day) and its content,
the figures and lists as of the cut-off, stored as JSON so the draft, its XLSX and its issued
files always show the same numbers.
"""

import json

from peewee import BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, TextField

from inspection import clock
from inspection.accounts.models import User
from inspection.db import BaseModel
from inspection.documents.models import ISSUED, OutgoingDocument


def _now():
    return clock.now()


class Report(BaseModel):
    kind = CharField(max_length=20)  # rules.KINDS
    secret = BooleanField(default=False, index=True)  # the secret register's own report
    scope = CharField(max_length=20, default="all")  # rules.SCOPES (R-5.1g: one task, unit or issuer)
    scope_ref = CharField(max_length=60, default="")
    period_start = DateField()
    period_end = DateField(index=True)  # the cut-off: every figure is as of this day
    content = TextField()  # JSON of content.gather(), as of period_end
    narrative = TextField(default="{}")  # JSON: the sections the Office writes
    document = ForeignKeyField(OutgoingDocument, on_delete="RESTRICT", backref="+")
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    created_at = DateTimeField(default=_now)
    generated_at = DateTimeField(default=_now)

    @property
    def data(self):
        return json.loads(self.content)

    @property
    def texts(self):
        return json.loads(self.narrative or "{}")

    @property
    def issued(self):
        return self.document.state == ISSUED
