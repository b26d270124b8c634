"""Outgoing documents, number sequences, template versions (issue 4): frozen models."""

import datetime

from peewee import *


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class StoredFile(Model):
        class Meta:
            database = db
            table_name = "stored_file"

    class TemplateVersion(Model):
        kind = CharField(max_length=40)
        version = IntegerField()
        file = ForeignKeyField(StoredFile, backref="+", on_delete="RESTRICT")
        uploaded_by = ForeignKeyField(User, backref="+", null=True, on_delete="SET NULL")
        at = DateTimeField(default=datetime.datetime.now)
        active = BooleanField(default=False)
        note = CharField(max_length=255, default="")

        class Meta:
            database = db
            table_name = "template_version"
            indexes = ((("kind", "version"), True),)

    class NumberSequence(Model):
        key = CharField(max_length=40, unique=True)
        last = IntegerField(default=0)

        class Meta:
            database = db
            table_name = "number_sequence"

    class OutgoingDocument(Model):
        kind = CharField(max_length=40, index=True)
        state = CharField(max_length=10, default="draft", index=True)
        secret = BooleanField(default=False)
        year = IntegerField(null=True)
        number = IntegerField(null=True)
        symbol = CharField(max_length=60)
        abstract = TextField(default="")
        context = TextField()
        drafting_unit_abbr = CharField(max_length=20, default="VP")
        signer_name = CharField(max_length=120, default="")
        signer_title = CharField(max_length=120, default="")
        recipients = TextField(default="")
        copies = IntegerField(default=1)
        note = TextField(default="")
        subject_type = CharField(max_length=40, null=True)
        subject_id = IntegerField(null=True)
        issued_on = DateField(null=True, index=True)
        docx_file = ForeignKeyField(StoredFile, backref="+", null=True, on_delete="RESTRICT")
        pdf_file = ForeignKeyField(StoredFile, backref="+", null=True, on_delete="RESTRICT")
        template_version = ForeignKeyField(TemplateVersion, backref="+", null=True, on_delete="SET NULL")
        created_by = ForeignKeyField(User, backref="+", null=True, on_delete="SET NULL")
        created_at = DateTimeField(default=datetime.datetime.now)
        issued_by = ForeignKeyField(User, backref="+", null=True, on_delete="SET NULL")
        issued_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = "outgoing_document"
            indexes = (
                (("year", "secret", "number", "symbol"), True),
                (("subject_type", "subject_id"), False),
                (("secret", "state", "year", "number"), False),
            )

    db.create_tables([TemplateVersion, NumberSequence, OutgoingDocument])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("outgoing_document"))
    migrator.migrate(migrator.drop_table("number_sequence"))
    migrator.migrate(migrator.drop_table("template_version"))
