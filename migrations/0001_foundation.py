"""Foundation: units, users, settings, stored files and the append-only audit history."""

import datetime

from peewee import (
    BigIntegerField,
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    PostgresqlDatabase,
    TextField,
)


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Unit(Base):
        name = CharField(max_length=255, unique=True)
        abbreviation = CharField(max_length=50, default="")
        aliases = TextField(default="")
        kind = CharField(max_length=30, default="phong")
        parent = ForeignKeyField("self", null=True, on_delete="RESTRICT")
        active = BooleanField(default=True, index=True)
        sort_order = IntegerField(default=0)

        class Meta:
            table_name = "unit"

    class User(Base):
        username = CharField(max_length=64, unique=True)
        full_name = CharField(max_length=255)
        title = CharField(max_length=255, default="")
        gender = CharField(max_length=3, default="Ông")
        email = CharField(max_length=255, default="")
        unit = ForeignKeyField(Unit, null=True, on_delete="RESTRICT")
        roles = CharField(max_length=255, default="")
        clearance = BooleanField(default=False)
        active = BooleanField(default=True)
        password_hash = CharField(max_length=255)
        failed_logins = IntegerField(default=0)
        locked_until = DateTimeField(null=True)
        last_login_at = DateTimeField(null=True)
        created_at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            table_name = "user"

    class Setting(Base):
        key = CharField(max_length=100, unique=True)
        value = TextField()

        class Meta:
            table_name = "setting"

    class StoredFile(Base):
        sha256 = CharField(max_length=64, index=True)
        size = BigIntegerField()
        kind = CharField(max_length=10)
        original_name = CharField(max_length=255, default="")
        uploaded_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        uploaded_at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            table_name = "stored_file"

    class AuditEntry(Base):
        at = DateTimeField(default=datetime.datetime.now, index=True)
        user = ForeignKeyField(User, null=True, on_delete="SET NULL")
        username = CharField(max_length=64, default="")
        action = CharField(max_length=20)
        table = CharField(max_length=64)
        record_id = IntegerField()
        before = TextField(null=True)
        after = TextField(null=True)

        class Meta:
            table_name = "audit_entry"
            indexes = ((("table", "record_id", "at"), False),)

    db.create_tables([Unit, User, Setting, StoredFile, AuditEntry])
    _forbid_audit_rewrites(db)


def _forbid_audit_rewrites(db):
    """History is append-only, enforced by the database itself (R-7)."""
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql(
            "CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'audit entries are append-only'; END; $$ LANGUAGE plpgsql"
        )
        for op in ("UPDATE", "DELETE"):
            db.execute_sql(
                f"CREATE TRIGGER audit_entry_no_{op.lower()} BEFORE {op} ON audit_entry "
                "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()"
            )
    else:
        for op in ("UPDATE", "DELETE"):
            db.execute_sql(
                f"CREATE TRIGGER audit_entry_no_{op.lower()} BEFORE {op} ON audit_entry "
                "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END"
            )
