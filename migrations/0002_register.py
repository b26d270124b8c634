"""Register of directive documents and tasks (issue 3): frozen models of migration 0002."""

import datetime

from peewee import *


def up(migrator, db):
    class StoredFile(Model):
        class Meta:
            database = db
            table_name = "stored_file"

    class Unit(Model):
        class Meta:
            database = db
            table_name = "unit"

    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class DirectiveDocument(Model):
        number_symbol = CharField(max_length=100)
        doc_type = CharField(index=True, max_length=30, default="cong_van")
        issuer_kind = CharField(index=True, max_length=30)
        issuer_name = CharField(default="")
        signer = CharField(default="")
        issued_on = DateField(null=True)
        received_on = DateField(index=True, null=True)
        channel = CharField(max_length=20, default="eoffice")
        abstract = TextField(default="")
        scan = ForeignKeyField(StoredFile, backref="+", null=True, on_delete="SET NULL")
        secret_level = CharField(index=True, max_length=20, default="")
        is_complex = BooleanField(default=False)
        number_key = CharField(max_length=100)
        issuer_key = CharField(default="")
        issued_year = IntegerField(default=0)
        created_by = ForeignKeyField(User, backref="+", null=True, on_delete="SET NULL")
        created_at = DateTimeField(default=datetime.datetime.now)
        version = IntegerField(default=1)

        class Meta:
            database = db
            table_name = "directive_document"
            indexes = ((("number_key", "issuer_kind", "issuer_key", "issued_year"), True),)

    db.create_tables([DirectiveDocument])

    class Task(Model):
        document = ForeignKeyField(DirectiveDocument, on_delete="CASCADE")
        summary = TextField()
        kind = CharField(max_length=20, default="other")
        lead_unit = ForeignKeyField(Unit, backref="+", on_delete="RESTRICT")
        monitor_unit = ForeignKeyField(Unit, backref="+", null=True, on_delete="SET NULL")
        monitor_officer = ForeignKeyField(User, backref="+", null=True, on_delete="SET NULL")
        monitor_officer_name = CharField(default="")
        deadline = DateField(index=True, null=True)
        original_deadline = DateField(null=True)
        recurrence = CharField(max_length=20, default="")
        recurrence_day = IntegerField(null=True)
        is_key = BooleanField(default=False)
        registered_on = DateField(null=True)
        registration_due_on = DateField(null=True)
        started_on = DateField(null=True)
        is_completed = BooleanField(default=False)
        completed_on = DateField(null=True)
        result_text = TextField(default="")
        result_doc_number = CharField(max_length=100, default="")
        result_doc_date = DateField(null=True)
        result_entered_on = DateField(null=True)
        returned_on = DateField(null=True)
        return_reason = TextField(default="")
        is_secret = BooleanField(index=True, default=False)
        search_text = TextField(default="")
        source_key = CharField(unique=True, null=True)
        version = IntegerField(default=1)
        created_at = DateTimeField(default=datetime.datetime.now)
        updated_at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            database = db
            table_name = "task"
            indexes = (
                (("is_secret", "deadline"), False),
                (("is_secret", "lead_unit"), False),
                (
                    ("is_secret", "returned_on", "is_completed", "completed_on", "deadline", "started_on", "lead_unit"),
                    False,
                ),
                (("is_secret", "is_key"), False),
                (("is_secret", "registered_on", "registration_due_on"), False),
                (("is_secret", "search_text"), False),
            )

    db.create_tables([Task])

    class DeadlineExtension(Model):
        task = ForeignKeyField(Task, on_delete="CASCADE")
        old_deadline = DateField(null=True)
        new_deadline = DateField()
        granted_by = CharField()
        document_ref = CharField(default="")
        recorded_by = ForeignKeyField(User, backref="+", null=True, on_delete="SET NULL")
        recorded_at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            database = db
            table_name = "deadline_extension"

    db.create_tables([DeadlineExtension])

    class ProgressUpdate(Model):
        task = ForeignKeyField(Task, on_delete="CASCADE")
        unit = ForeignKeyField(Unit, backref="+", null=True, on_delete="SET NULL")
        author = ForeignKeyField(User, backref="+", null=True, on_delete="SET NULL")
        on_date = DateField()
        text = TextField()
        attachment = ForeignKeyField(StoredFile, backref="+", null=True, on_delete="SET NULL")
        flagged_inaccurate = BooleanField(default=False)
        flag_reason = TextField(default="")
        flagged_by = ForeignKeyField(User, backref="+", null=True, on_delete="SET NULL")
        corrects = ForeignKeyField("self", null=True, backref="+", on_delete="SET NULL")
        created_at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            database = db
            table_name = "progress_update"
            indexes = ((("task", "on_date"), False),)

    db.create_tables([ProgressUpdate])

    class TaskPeriod(Model):
        task = ForeignKeyField(Task, on_delete="CASCADE")
        period_label = CharField(max_length=100)
        deadline = DateField()
        completed_on = DateField(null=True)
        result_text = TextField(default="")
        result_doc_number = CharField(max_length=100, default="")

        class Meta:
            database = db
            table_name = "task_period"
            indexes = ((("task", "deadline"), True),)

    db.create_tables([TaskPeriod])

    class TaskUnit(Model):
        task = ForeignKeyField(Task, on_delete="CASCADE")
        unit = ForeignKeyField(Unit, backref="+", on_delete="RESTRICT")
        role = CharField(max_length=20, default="cooperate")

        class Meta:
            database = db
            table_name = "task_unit"
            indexes = ((("task", "unit"), True), (("unit", "task"), False))

    db.create_tables([TaskUnit])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("task_unit"))
    migrator.migrate(migrator.drop_table("task_period"))
    migrator.migrate(migrator.drop_table("progress_update"))
    migrator.migrate(migrator.drop_table("deadline_extension"))
    migrator.migrate(migrator.drop_table("task"))
    migrator.migrate(migrator.drop_table("directive_document"))
