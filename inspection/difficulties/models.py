"""A unit's difficulty or a disagreement between units about a task, and the Board's decision
(R-8, R-19.2, R-10.1c). One row per item; the decision is written on the same row, once."""

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, TextField

from inspection import clock
from inspection.accounts.models import Unit, User
from inspection.db import BaseModel
from inspection.register.models import Task
from inspection.uploads import StoredFile


def _now():
    return clock.now()


class Difficulty(BaseModel):
    task = ForeignKeyField(Task, backref="difficulties", on_delete="CASCADE")
    kind = CharField(max_length=20)  # rules.KINDS: difficulty (R-19.2) | disagreement (R-10.1c)
    raising_unit = ForeignKeyField(Unit, backref="+", on_delete="RESTRICT")
    raised_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    raised_at = DateTimeField(default=_now)
    cause = TextField(default="")
    proposal = CharField(max_length=20)  # rules.PROPOSALS
    proposed_deadline = DateField(null=True)  # proposal "extend"
    proposed_unit = ForeignKeyField(Unit, null=True, backref="+", on_delete="SET NULL")  # "change_lead"
    text = TextField(default="")  # what the unit proposes, in its words
    draft = ForeignKeyField(StoredFile, null=True, backref="+", on_delete="SET NULL")  # its draft letter
    office_opinion = TextField(default="")  # the Office prepares; it does not decide
    state = CharField(max_length=10, default="pending")  # rules.PENDING | rules.DECIDED
    decision = CharField(max_length=10, default="")  # rules.APPROVED | rules.REJECTED
    decided_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    decided_at = DateTimeField(null=True)
    decision_doc_number = CharField(max_length=100, default="")
    decision_doc_date = DateField(null=True)
    reason = TextField(default="")

    class Meta:
        table_name = "difficulty"
        indexes = ((("state", "raised_at"), False),)
