"""The inbox (one row per message and person, with its e-mail's state) and the reminder schedule.

A Notification row is both the in-app message and its outgoing e-mail: the message and its
mail are written by one INSERT, so a message can never exist without its mail or the mail be
queued twice. The outbox is the rows whose `mail_state` is "pending".
"""

from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from inspection import clock
from inspection.accounts.models import User
from inspection.db import BaseModel

MAIL_NONE = "none"  # no address: in-app only
MAIL_PENDING = "pending"  # in the outbox
MAIL_SENDING = "sending"  # claimed by one delivery run
MAIL_SENT = "sent"
MAIL_FAILED = "failed"  # refused for good after MAX_ATTEMPTS (operators look at mail_error)


def _now():
    return clock.now()


class Notification(BaseModel):
    recipient = ForeignKeyField(User, backref="+", on_delete="CASCADE")
    kind = CharField(max_length=40)  # rules.KIND_LABELS
    subject_ref = CharField(max_length=100, default="")  # "task:12", "month:2026-03", ...
    text = TextField()  # already safe: rules.SECRET_TEXT for a secret subject
    link = CharField(max_length=500, default="")  # a path inside the application
    is_secret = BooleanField(default=False)
    # (rule, subject, due date) of a reminder; unique with the recipient (migration 0013).
    dedup_key = CharField(max_length=200, null=True)
    created_at = DateTimeField(default=_now)
    read_at = DateTimeField(null=True)
    mail_state = CharField(max_length=10, default=MAIL_NONE)
    mail_to = CharField(max_length=255, default="")
    mail_attempts = IntegerField(default=0)
    mail_error = TextField(default="")
    mail_claimed_at = DateTimeField(null=True)
    mail_sent_at = DateTimeField(null=True)

    class Meta:
        table_name = "notification"
        indexes = (
            (("dedup_key", "recipient"), True),
            (("recipient", "read_at", "is_secret"), False),  # the bell: one COUNT on this index
            (("mail_state", "id"), False),  # the outbox
        )


class ReminderOffset(BaseModel):
    """One line of the schedule: `offset` working days from the anchor date (negative: before)."""

    anchor = CharField(max_length=20)  # rules.DEADLINE | rules.MONTHLY
    offset = IntegerField()

    class Meta:
        table_name = "reminder_offset"
        indexes = ((("anchor", "offset"), True),)
