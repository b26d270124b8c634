"""The urging of a task (R-9, R-10): one row per urging, whatever its channel; the review queue (R-7).

A letter (công văn đôn đốc) covers all the tasks of one lead unit: each of its tasks gets a
row pointing at the same issued document. The unit's answer is written on the row.
"""

from peewee import BigIntegerField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from inspection import clock
from inspection.accounts.models import Unit, User
from inspection.db import BaseModel
from inspection.documents.models import OutgoingDocument
from inspection.register.models import ProgressUpdate, Task


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


# --- the Office's review of what units enter (R-7) ----------------------------------------
# review.py collects each entry into one ReviewItem; review_ops.py decides it.


class Contest(BaseModel):
    """A unit contests what the Office entered about its task (R-7.2b): what, and why."""

    task = ForeignKeyField(Task, backref="+", on_delete="CASCADE")
    unit = ForeignKeyField(Unit, backref="+", on_delete="RESTRICT")
    raised_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    subject = CharField(max_length=20)  # review_rules.CONTEST_SUBJECTS
    reason = TextField()
    created_at = DateTimeField(default=_now)


class ReviewItem(BaseModel):
    """One entry in the Office's review queue: a progress update, a result, or a contest (R-7).

    `entry_key` names the entry ("progress:12", "result:7:<fingerprint>", "contest:3"): the unique
    index keeps two collections from queueing it twice. `state` moves once from "pending"
    (review_ops decides with a conditional UPDATE, so two officers cannot both win).
    """

    kind = CharField(max_length=20)  # review_rules.KINDS
    entry_key = CharField(max_length=120, unique=True)
    task = ForeignKeyField(Task, backref="+", on_delete="CASCADE")
    unit = ForeignKeyField(Unit, null=True, backref="+", on_delete="SET NULL")
    progress = ForeignKeyField(ProgressUpdate, null=True, backref="+", on_delete="CASCADE")
    contest = ForeignKeyField(Contest, null=True, backref="+", on_delete="CASCADE")
    entered_on = DateField()
    state = CharField(max_length=20, default="pending")  # review_rules.STATES
    reason = TextField(default="")
    decided_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    decided_at = DateTimeField(null=True)
    created_at = DateTimeField(default=_now)

    class Meta:
        indexes = ((("state", "entered_on"), False), (("unit", "state"), False), (("task", "kind"), False))


class FiguresVersion(BaseModel):
    """One row counting the writes to the tables the figures read, bumped by triggers (migration
    0027); monitoring/cache.py keys the dashboard figures on it."""

    version = BigIntegerField(default=0)

    class Meta:
        table_name = "figures_version"


class FiguresUnitVersion(BaseModel):
    """One row per unit counting the writes to the tasks it leads or takes part in, and row 0 the
    writes that concern every unit (documents, the calendar); bumped by triggers (migration
    0029). monitoring/cache.py keeps each unit's figures for its version and row 0's."""

    unit_id = IntegerField(primary_key=True)
    version = BigIntegerField(default=0)

    class Meta:
        table_name = "figures_unit_version"
