"""The audit log becomes a hash chain, and secret history keeps field names only (R-5.2, R-7).

- audit_entry gains `secret`, `prev_hash`, `entry_hash`; audit_verification keeps each check.
- Existing entries about secret records (secret_* tables, progress updates of secret tasks,
  secret outgoing documents) are marked secret, moved under `secret_<table>`, and reduced to
  the names of the fields that changed: their values must not stay in the history.
- Then every entry is chained in id order. The append-only UPDATE trigger is lifted for this
  one pass and put back. The hashing below is a frozen copy of inspection.audit_chain.
"""

import datetime
import hashlib
import json

from peewee import *

GENESIS = "0" * 64
TRIGGER_SQLITE = (
    "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END"
)
TRIGGER_PG = (
    "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
    "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()"
)
SECRET_CHILDREN = {
    "progress_update": "SELECT p.id FROM progress_update p JOIN task t ON t.id = p.task_id WHERE t.is_secret",
    "outgoing_document": "SELECT id FROM outgoing_document WHERE secret",
}


def _canonical(e):
    values = {
        "at": e.at.isoformat(sep=" ", timespec="microseconds") if isinstance(e.at, datetime.datetime) else str(e.at),
        "user": e.user_id,
        "username": e.username or "",
        "action": e.action,
        "table": e.table,
        "record_id": int(e.record_id),
        "before": e.before,
        "after": e.after,
        "secret": bool(e.secret),
    }
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _names_only(before, after):
    old = json.loads(before) if before else {}
    new = json.loads(after) if after else {}
    changed = {k: None for k in sorted(set(old) | set(new)) if k != "id" and old.get(k) != new.get(k)}
    return json.dumps(changed, ensure_ascii=False)


def up(migrator, db):
    pg = isinstance(db, PostgresqlDatabase)

    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class AuditEntry(Model):
        at = DateTimeField()
        user = ForeignKeyField(User, null=True, backref="+")
        username = CharField()
        action = CharField()
        table = CharField()
        record_id = IntegerField()
        before = TextField(null=True)
        after = TextField(null=True)
        secret = BooleanField(default=False)
        prev_hash = CharField(default="")
        entry_hash = CharField(default="")

        class Meta:
            database = db
            table_name = "audit_entry"

    class AuditVerification(Model):
        at = DateTimeField(default=datetime.datetime.now)
        username = CharField(max_length=64, default="")
        ok = BooleanField()
        count = IntegerField()
        broken_id = IntegerField(null=True)
        broken_at = DateTimeField(null=True)
        message = TextField()
        head_id = IntegerField(null=True)
        head_hash = CharField(max_length=64, default="")

        class Meta:
            database = db
            table_name = "audit_verification"

    db.execute_sql("DROP TRIGGER IF EXISTS audit_entry_no_update" + (" ON audit_entry" if pg else ""))
    # The type peewee gives a BooleanField: BOOLEAN on PostgreSQL, INTEGER (0/1) on SQLite.
    boolean = "BOOLEAN NOT NULL DEFAULT FALSE" if pg else "INTEGER NOT NULL DEFAULT 0"
    db.execute_sql(f"ALTER TABLE audit_entry ADD COLUMN secret {boolean}")
    db.execute_sql("ALTER TABLE audit_entry ADD COLUMN prev_hash VARCHAR(64) NOT NULL DEFAULT ''")
    db.execute_sql("ALTER TABLE audit_entry ADD COLUMN entry_hash VARCHAR(64) NOT NULL DEFAULT ''")
    db.create_tables([AuditVerification])
    secret_ids = {table: {i for (i,) in db.execute_sql(sql).fetchall()} for table, sql in SECRET_CHILDREN.items()}
    prev = GENESIS
    for e in list(AuditEntry.select().order_by(AuditEntry.id)):
        if e.table.startswith("secret_") or e.record_id in secret_ids.get(e.table, ()):
            e.secret = True
            e.table = e.table if e.table.startswith("secret_") else "secret_" + e.table
            e.before, e.after = None, _names_only(e.before, e.after)
        e.prev_hash = prev
        e.entry_hash = prev = hashlib.sha256((prev + _canonical(e)).encode("utf-8")).hexdigest()
        AuditEntry.update(
            secret=e.secret, table=e.table, before=e.before, after=e.after, prev_hash=e.prev_hash, entry_hash=prev
        ).where(AuditEntry.id == e.id).execute()
    db.execute_sql(TRIGGER_PG if pg else TRIGGER_SQLITE)


def down(migrator, db):
    pg = isinstance(db, PostgresqlDatabase)
    db.execute_sql("DROP TRIGGER IF EXISTS audit_entry_no_update" + (" ON audit_entry" if pg else ""))
    for column in ("entry_hash", "prev_hash", "secret"):
        db.execute_sql(f"ALTER TABLE audit_entry DROP COLUMN {column}")
    db.execute_sql(TRIGGER_PG if pg else TRIGGER_SQLITE)
    migrator.migrate(migrator.drop_table("audit_verification"))
