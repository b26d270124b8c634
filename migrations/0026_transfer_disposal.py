"""Transfer to the historical archive, disposal review and legal holds (issue 17).

Frozen models of migration 0026; the live ones are inspection/disposition/models.py and the
e2-transfer block of inspection/dossier/models.py (transferred_at, transferred_to, destroyed_at).
"""

import datetime

from peewee import (
    BigIntegerField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class User(Base):
        class Meta:
            table_name = "user"

    class Unit(Base):
        class Meta:
            table_name = "unit"

    class StoredFile(Base):
        class Meta:
            table_name = "stored_file"

    class Dossier(Base):
        class Meta:
            table_name = "dossier"

    def file():
        return ForeignKeyField(StoredFile, null=True, backref="+", on_delete="RESTRICT")

    def user():
        return ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")

    class Transfer(Base):
        archive_name = CharField(max_length=255)
        planned_on = DateField(null=True)
        state = CharField(max_length=10, default="draft", index=True)
        note = TextField(default="")
        list_docx = file()
        list_pdf = file()
        handover_docx = file()
        handover_pdf = file()
        export_file = file()
        handed_over_on = DateField(null=True)
        recipient = CharField(max_length=255, default="")
        created_by = user()
        created_at = DateTimeField(default=datetime.datetime.now)
        cancelled_by = user()
        cancelled_at = DateTimeField(null=True)
        cancel_reason = TextField(default="")

    class TransferItem(Base):
        transfer = ForeignKeyField(Transfer, backref="items", on_delete="CASCADE")
        dossier = ForeignKeyField(Dossier, backref="+", on_delete="RESTRICT")
        position = IntegerField(default=0)

        class Meta:
            indexes = ((("transfer", "dossier"), True), (("dossier", "transfer"), False))

    class DisposalReview(Base):
        title = CharField(max_length=255)
        state = CharField(max_length=10, default="draft", index=True)
        council = TextField(default="")
        decision_number = CharField(max_length=100, default="")
        decision_date = DateField(null=True)
        decision_signer = CharField(max_length=255, default="")
        decision_file = file()
        decided_by = user()
        decided_at = DateTimeField(null=True)
        created_by = user()
        created_at = DateTimeField(default=datetime.datetime.now)
        cancelled_by = user()
        cancelled_at = DateTimeField(null=True)
        cancel_reason = TextField(default="")

    class DisposalItem(Base):
        review = ForeignKeyField(DisposalReview, backref="items", on_delete="CASCADE")
        dossier = ForeignKeyField(Dossier, backref="+", on_delete="RESTRICT")
        position = IntegerField(default=0)

        class Meta:
            indexes = ((("review", "dossier"), True), (("dossier", "review"), False))

    class DestructionRecord(Base):
        dossier = ForeignKeyField(Dossier, unique=True, backref="+", on_delete="RESTRICT")
        review = ForeignKeyField(DisposalReview, backref="records", on_delete="RESTRICT")
        dossier_code = CharField(max_length=100)
        dossier_title = CharField(max_length=500)
        years = CharField(max_length=20)
        retention = CharField(max_length=30)
        decision_ref = CharField(max_length=255)
        destroyed_by = user()
        destroyed_at = DateTimeField(default=datetime.datetime.now)
        hashes = TextField(default="[]")
        files_count = IntegerField(default=0)
        bytes = BigIntegerField(default=0)
        record_docx = file()
        record_pdf = file()

    class LegalHold(Base):
        dossier = ForeignKeyField(Dossier, null=True, backref="+", on_delete="RESTRICT")
        unit = ForeignKeyField(Unit, null=True, backref="+", on_delete="RESTRICT")
        reason = TextField()
        set_by = user()
        set_at = DateTimeField(default=datetime.datetime.now)
        lifted_by = user()
        lifted_at = DateTimeField(null=True, index=True)
        lift_reason = TextField(default="")

    db.create_tables([Transfer, TransferItem, DisposalReview, DisposalItem, DestructionRecord, LegalHold])
    migrator.migrate(
        migrator.add_column("dossier", "transferred_at", DateTimeField(null=True)),
        migrator.add_column("dossier", "transferred_to", CharField(max_length=255, default="")),
        migrator.add_column("dossier", "destroyed_at", DateTimeField(null=True)),
    )


def down(migrator, db):
    migrator.migrate(
        *(migrator.drop_column("dossier", c) for c in ("transferred_at", "transferred_to", "destroyed_at"))
    )
    for table in ("legal_hold", "destruction_record", "disposal_item", "disposal_review", "transfer_item", "transfer"):
        migrator.migrate(migrator.drop_table(table))
