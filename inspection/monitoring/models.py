"""The urging of a task (R-9, R-10): one row per urging, whatever its channel.

A letter (công văn đôn đốc) covers all the tasks of one lead unit: each of its tasks gets a
row pointing at the same issued document. The unit's answer is written on the row.
"""

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, TextField

from inspection import clock
from inspection.accounts.models import Unit, User
from inspection.db import BaseModel
from inspection.documents.models import OutgoingDocument
from inspection.register.models import Task


def _now():
    return clock.now()


class Urging(BaseModel):
    task = ForeignKeyField(Task, backref="urgings", on_delete="CASCADE")
    channel = CharField(max_length=20)  # rules.URGING_CHANNELS
    urged_on = DateField()
    urged_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    from_unit = ForeignKeyField(Unit, null=True, backref="+", on_delete="SET NULL")  # a lead unit
    to_unit = ForeignKeyField(Unit, backref="+", on_delete="RESTRICT")
    letter = ForeignKeyField(OutgoingDocument, null=True, backref="+", on_delete="SET NULL")
    note = TextField(default="")
    answer = TextField(default="")
    answered_on = DateField(null=True)
    answered_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    created_at = DateTimeField(default=_now)

    class Meta:
        indexes = ((("task", "urged_on"), False),)
