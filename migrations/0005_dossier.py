"""Dossier (issue 6, R-17): frozen models of the dossier, its items and assembly jobs."""

import datetime

from peewee import BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class User(Base):
        class Meta:
            table_name = "user"

    class InspectionCase(Base):
        class Meta:
            table_name = "inspection_case"

    class StoredFile(Base):
        class Meta:
            table_name = "stored_file"

    class Dossier(Base):
        case = ForeignKeyField(InspectionCase, unique=True, on_delete="RESTRICT")
        code = CharField(max_length=100, unique=True)
        title = CharField(max_length=500)
        year = IntegerField(index=True)
        retention = CharField(max_length=30, default="20 năm")
        state = CharField(max_length=10, default="open", index=True)
        start_on = DateField(null=True)
        end_on = DateField(null=True)
        units_text = TextField(default="")
        title_folded = TextField(default="")
        closed_at = DateTimeField(null=True)
        closed_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        archived_at = DateTimeField(null=True, index=True)
        package_name = CharField(max_length=120, null=True)
        page_count = IntegerField(default=0)
        created_at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            table_name = "dossier"

    class DossierItem(Base):
        dossier = ForeignKeyField(Dossier, on_delete="CASCADE")
        component = IntegerField()
        position = IntegerField(default=0)
        source = CharField(max_length=10, default="upload")
        source_ref = CharField(max_length=60, null=True)
        file = ForeignKeyField(StoredFile, null=True, backref="+", on_delete="RESTRICT")
        sha256 = CharField(max_length=64, default="")
        number_symbol = CharField(max_length=100, default="")
        doc_date = DateField(null=True)
        type_and_abstract = TextField()
        author = CharField(max_length=255, default="")
        pages = IntegerField(null=True)
        note = CharField(max_length=255, default="")
        removed = BooleanField(default=False, index=True)
        removed_reason = CharField(max_length=255, default="")
        removed_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        removed_at = DateTimeField(null=True)
        added_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        added_at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            table_name = "dossier_item"
            indexes = (
                (("dossier", "component", "position"), False),
                (("dossier", "source_ref"), True),
                (("dossier", "sha256"), False),
            )

    class AssemblyJob(Base):
        dossier = ForeignKeyField(Dossier, on_delete="CASCADE")
        state = CharField(max_length=10, default="queued", index=True)
        progress = IntegerField(default=0)
        total = IntegerField(default=0)
        message = TextField(default="")
        pdf = ForeignKeyField(StoredFile, null=True, backref="+", on_delete="SET NULL")
        zip = ForeignKeyField(StoredFile, null=True, backref="+", on_delete="SET NULL")
        page_count = IntegerField(default=0)
        toc = TextField(default="")
        created_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        created_at = DateTimeField(default=datetime.datetime.now)
        finished_at = DateTimeField(null=True)

        class Meta:
            table_name = "assembly_job"

    db.create_tables([Dossier, DossierItem, AssemblyJob])


def down(migrator, db):
    for table in ("assembly_job", "dossier_item", "dossier"):
        migrator.migrate(migrator.drop_table(table))
