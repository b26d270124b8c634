"""Reminders and notifications (issue 12): the inbox with its outbox columns, the schedule.

Frozen models of migration 0013. `notification.dedup_key` with the recipient is unique, so a
reminder (rule, task, due date) reaches each person once even when two runs overlap; ad-hoc
notifications leave it NULL (NULLs never collide). The default schedule is inserted here:
3 working days before a deadline, on the day, the first working day after, and 3 working
days before the 19th of each month (R-20.1).
"""

import datetime

from peewee import *

DEFAULT_ROWS = [("deadline", -3), ("deadline", 0), ("deadline", 1), ("monthly", -3)]


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class Notification(Model):
        recipient = ForeignKeyField(User, backref="+", on_delete="CASCADE")
        kind = CharField(max_length=40)
        subject_ref = CharField(max_length=100, default="")
        text = TextField()
        link = CharField(max_length=500, default="")
        is_secret = BooleanField(default=False)
        dedup_key = CharField(max_length=200, null=True)
        created_at = DateTimeField(default=datetime.datetime.now)
        read_at = DateTimeField(null=True)
        mail_state = CharField(max_length=10, default="none")
        mail_to = CharField(max_length=255, default="")
        mail_attempts = IntegerField(default=0)
        mail_error = TextField(default="")
        mail_claimed_at = DateTimeField(null=True)
        mail_sent_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = "notification"
            legacy_table_names = False
            indexes = (
                (("dedup_key", "recipient"), True),
                (("recipient", "read_at", "is_secret"), False),
                (("mail_state", "id"), False),
            )

    class ReminderOffset(Model):
        anchor = CharField(max_length=20)
        offset = IntegerField()

        class Meta:
            database = db
            table_name = "reminder_offset"
            legacy_table_names = False  # index names as the models make them
            indexes = ((("anchor", "offset"), True),)

    db.create_tables([Notification, ReminderOffset])
    ReminderOffset.insert_many([{"anchor": a, "offset": o} for a, o in DEFAULT_ROWS]).execute()


def down(migrator, db):
    migrator.migrate(migrator.drop_table("reminder_offset"))
    migrator.migrate(migrator.drop_table("notification"))
